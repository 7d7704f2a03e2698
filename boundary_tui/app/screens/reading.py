"""What the outcome and comparison screens share: a long page read at the end of a walk.

Both show more than fits on 80x24, so "More ↓" is in the key bar only while
there is more below; both ignore "next" for a moment after they appear, so
the extra key press of someone tapping through the questions does not throw
the advice away unread; leaving (n, Enter, Esc) hands the walk to the app,
which offers it back on the list for a few seconds; both go back one answer
or to any answer chosen in "Your answers", show the whole tree, and save a
record once, on request. Each screen names these in its own words (its
BINDINGS); the actions behind them are here, once.

What Save and Copy report goes in a status line above the key bar, inside
the page's layout, never in a pop-up: pop-ups sat over "Who to tell" for
several seconds, where the phone number of the person to ring is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic

from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from boundary_tui.app.messages import LeftWalk, PracticeRun, ShowTopics, ShowWalkTree
from boundary_tui.app.widgets.answer_trail import AnswerTrail
from boundary_tui.walk import Walk

READ_MORE = Binding("pagedown,space", "read_more", "More ↓", id="read_more", tooltip="Scroll down to read the rest.")


class ReadingScreen(Screen[None]):
    """The end of a walk: content that scrolls in `#body` (a VerticalScroll), read before moving on."""

    AUTO_FOCUS = "#body"

    SETTLE_SECONDS = 0.6
    """Moving on (n, Enter) is ignored this long after the screen appears."""

    expected_outcome: str | None = None
    """In practice, the outcome the policy expects: the tree view marks it."""

    practice: PracticeRun | None = None
    """In practice, the scenario and tally: kept with the walk if someone leaves, to bring both back."""

    def __init__(self, walk: Walk, titles: dict[str, str]) -> None:
        super().__init__()
        self.walk = walk
        self.titles = titles
        self._shown_at = monotonic()  # again on mount; set here too so no key can find it missing
        self._more_below = False

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#body", VerticalScroll)

    @property
    def settled(self) -> bool:
        """True once the screen has been up long enough to have been read, at least in part."""
        return monotonic() - self._shown_at >= self.SETTLE_SECONDS

    def on_mount(self) -> None:
        self._shown_at = monotonic()
        self._more_below = False
        self.watch(self.body, "scroll_y", self._check_more_below, init=False)
        self.watch(self.body, "virtual_size", self._check_more_below, init=False)

    def on_resize(self) -> None:
        self._check_more_below()

    def _check_more_below(self, _: object = None) -> None:
        # Only when it changes, not on every scroll step.
        more = self.body.scroll_y < self.body.max_scroll_y
        if more != self._more_below:
            self._more_below = more
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read_more":
            return getattr(self, "_more_below", False)
        if action == "save_record":  # `records: off` (a shared login): no Save key at all
            return getattr(self.app, "organisation", None) is None or self.app.organisation.records
        return True

    def action_read_more(self) -> None:
        self.body.scroll_page_down()

    def status_line(self) -> Static:
        """The line above the key bar where Save and Copy say what happened (see the module docstring)."""
        return Static("", id="status", markup=False)

    def say(self, text: str, error: bool = False) -> None:
        """Put `text` in the status line (an error in the error colour), until the next thing to say."""
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")
        status.display = True

    @property
    def status_text(self) -> str:
        """What the status line says now ('' when nothing has been said)."""
        status = self.query_one("#status", Static)
        return str(status.render()) if status.display else ""

    def action_go_back(self) -> None:
        """Back to the last question, its answer undone."""
        self.walk.back()
        self.dismiss()

    def action_choose_answer(self) -> None:
        self.query_one(AnswerTrail).choose()

    @on(AnswerTrail.Chosen)
    def _jump(self, event: AnswerTrail.Chosen) -> None:
        """Back to a chosen answer's question; the answers after it come back where they still apply."""
        self.walk.jump_to(event.index)
        self.dismiss()

    def _leave(self) -> None:
        self.post_message(ShowTopics(LeftWalk(self.walk, self.practice)))

    def action_move_on(self) -> None:
        """To the list (topics, or scenarios), once the screen has settled; `b` there brings this back."""
        if self.settled:
            self._leave()

    def action_leave(self) -> None:
        """To the list at once (Esc); `b` there brings this back."""
        self._leave()

    def action_show_tree(self) -> None:
        self.post_message(ShowWalkTree(self.walk, self.expected_outcome))

    def save_once(self, save: Callable[[], Path], not_saved: Callable[[OSError], str]) -> None:
        """Save a record the first time `s` is pressed here; after that, say where it already is.

        A second press would only leave two identical files on a shared PC. `not_saved` words a
        failed save (records.not_saved, passed in by the screen that imports records anyway).
        """
        saved = getattr(self, "_saved", None)
        if saved is not None:
            self.say(f"Already saved: {saved}")
            return
        try:
            self._saved = save()
        except OSError as error:  # a full or read-only disk, a linked records folder
            self.say(not_saved(error), error=True)
            return
        except Exception as error:  # any fault at all: a save must never take the advice off the screen
            self.say(
                f"The record was NOT saved (a fault in the program: {type(error).__name__}). "
                "The advice is still here to read.",
                error=True,
            )
            return
        self.say(f"Saved a private record: {self._saved}")
