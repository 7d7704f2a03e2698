"""The countdown before an idle reset: what is about to happen, in how long, and how to stop it.

Staff and supervisors lost a walk, or a practice comparison they had talked
over for minutes, to a reset that came without a word. The app shows this
over whatever screen is up, in its last seconds; any key or click takes it
away and keeps everything (the app does that: it sees every key first).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class IdleWarningScreen(ModalScreen[None]):
    """'Nobody has pressed a key for a while. This will be cleared in 27 seconds.'"""

    CSS_PATH = "idle_warning.tcss"

    def __init__(self, seconds: int, keeps_tally: bool = False) -> None:
        """`keeps_tally`: in practice, say that the session's tally stays."""
        super().__init__()
        self.seconds = seconds
        self.keeps_tally = keeps_tally

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box"):
            yield Static("Still there?", id="idle-title", markup=False)
            yield Static(self._words(), id="idle-countdown", markup=False)
            kept = " The session's tally is kept." if self.keeps_tally else ""
            yield Static(
                f"Press any key to keep this.{kept}\nOn a shared PC this stops the next person seeing it.",
                id="idle-hint",
                markup=False,
            )

    def _words(self) -> str:
        unit = "second" if self.seconds == 1 else "seconds"
        return f"Nobody has pressed a key for a while: this screen will be cleared in {self.seconds} {unit}."

    def count_down(self, seconds: int) -> None:
        """Show how many seconds are left."""
        self.seconds = seconds
        if self.is_mounted:
            self.query_one("#idle-countdown", Static).update(self._words())

    @property
    def countdown_text(self) -> str:
        """The sentence with the seconds left, as shown."""
        return self._words()
