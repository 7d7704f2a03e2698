"""What the outcome and comparison screens share: a long page read at the end of a walk.

Both show more than fits on 80x24, so "More ↓" is in the key bar only while
there is more below; both ignore "next" for a moment after they appear, so
the extra key press of someone tapping through the questions does not throw
the advice away unread; both go back one answer, show the whole tree, and
save a record once, on request. Each screen names these in its own words
(its BINDINGS); the actions behind them are here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

from boundary_tui.app.messages import ShowTopics
from boundary_tui.walk import Walk

READ_MORE = Binding("pagedown,space", "read_more", "More ↓", id="read_more", tooltip="Scroll down to read the rest.")


class ReadingScreen(Screen[None]):
    """The end of a walk: content that scrolls in `#body` (a VerticalScroll), read before moving on."""

    AUTO_FOCUS = "#body"

    SETTLE_SECONDS = 0.6
    """Moving on (n, Enter) is ignored this long after the screen appears."""

    expected_outcome: str | None = None
    """In practice, the outcome the policy expects: the tree view marks it."""

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

    def action_go_back(self) -> None:
        """Back to the last question, its answer undone."""
        self.walk.back()
        self.dismiss()

    def action_move_on(self) -> None:
        """To the list (topics, or scenarios), once the screen has settled."""
        if self.settled:
            self.post_message(ShowTopics())

    def action_leave(self) -> None:
        """To the list at once (Esc)."""
        self.post_message(ShowTopics())

    def action_show_tree(self) -> None:
        from boundary_tui.app.screens.tree_view import TreeViewScreen

        self.app.push_screen(TreeViewScreen(self.walk, expected=self.expected_outcome))

    def save_once(self, save: Callable[[], Path]) -> None:
        """Save a record the first time `s` is pressed here; after that, say where it already is.

        A second press would only leave two identical files on a shared PC.
        """
        saved = getattr(self, "_saved", None)
        if saved is not None:
            self.notify(f"Already saved: {saved}", title="Saved")
            return
        from boundary_tui.records import not_saved

        try:
            self._saved = save()
        except OSError as error:  # a full or read-only disk, a linked records folder
            self.notify(not_saved(error), severity="error", title="Not saved")
            return
        except Exception as error:  # any fault at all: a save must never take the advice off the screen
            self.notify(
                f"The record was NOT saved (a fault in the program: {type(error).__name__}). "
                "The advice is still here to read.",
                severity="error",
                title="Not saved",
            )
            return
        self.notify(f"Saved a private record: {self._saved}", title="Saved")
