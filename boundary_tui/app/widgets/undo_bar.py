"""'You left Gifts, money and favours.  [Undo (b)]' - shown on the list for a few seconds after leaving a walk.

One Enter on the advice, or one Escape in a walk, used to throw everything
away. The list now offers it back; the app decides what is offered and for
how long, and this line only shows it. A click on Undo sends UndoBar.Pressed,
which the list answers as it answers `b`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Button, Static


class UndoBar(HorizontalGroup):
    class Pressed(Message):
        """Undo was clicked."""

    DEFAULT_CSS = """
    UndoBar {
        display: none;
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        &.-offered { display: block; }
        & > #undo-text { width: auto; padding-right: 2; }
        & > Button { min-width: 10; }
    }
    """

    def compose(self) -> ComposeResult:
        # The Undo button is mounted the first time something is offered: the bar is
        # hidden until then, and a Button (with its CSS) costs the first frame ~10 ms.
        yield Static("", id="undo-text", markup=False)

    @property
    def offered(self) -> bool:
        return self.has_class("-offered")

    def offer(self, text: str) -> None:
        self.query_one("#undo-text", Static).update(text)
        if not self.query("#undo"):
            self.mount(Button("Undo (b)", id="undo", compact=True))
        self.add_class("-offered")

    def withdraw(self) -> None:
        self.remove_class("-offered")

    @on(Button.Pressed, "#undo")
    def _undo(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Pressed())
