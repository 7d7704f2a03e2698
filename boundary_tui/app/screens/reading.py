"""What the outcome and comparison screens share: a long page read at the end of a walk.

Both show more than fits on 80x24, so "More ↓" is in the key bar only while
there is more below; and both ignore "next" for a moment after they appear,
so the extra key press of someone tapping through the questions does not
throw the advice away unread.
"""

from __future__ import annotations

from time import monotonic

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

READ_MORE = Binding("pagedown,space", "read_more", "More ↓", id="read_more", tooltip="Scroll down to read the rest.")


class ReadingScreen(Screen[None]):
    """A screen whose content scrolls in `#body` (a VerticalScroll) and is read before moving on."""

    AUTO_FOCUS = "#body"

    SETTLE_SECONDS = 0.6
    """Moving on (n, Enter) is ignored this long after the screen appears."""

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
        return True

    def action_read_more(self) -> None:
        self.body.scroll_page_down()
