"""'You left Gifts, money and favours.  [Undo (b)]' - shown on the list for a few seconds after leaving a walk.

One Enter on the advice, or one Escape in a walk, used to throw everything
away. The list now offers it back; the app decides what is offered and for
how long, and this line only shows it. A click on Undo asks the app to bring
the walk back, as `b` does; `OffersUndo` gives the topic list and the
practice list the same `offer_undo`, `withdraw_undo` and `b`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Button, Static

from boundary_tui.app.messages import BringBack


class UndoBar(HorizontalGroup):
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
        self.screen.refresh_bindings()  # `b` is offered only while this is

    def withdraw(self) -> None:
        self.remove_class("-offered")
        self.screen.refresh_bindings()

    @on(Button.Pressed, "#undo")
    def _undo(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(BringBack())


class OffersUndo:
    """For a screen with an UndoBar: the app offers (and withdraws) the walk just left through it, and `b` asks back."""

    def offer_undo(self, text: str) -> None:
        if self.is_mounted:
            self.query_one(UndoBar).offer(text)

    def withdraw_undo(self) -> None:
        if self.is_mounted:
            self.query_one(UndoBar).withdraw()

    def action_bring_back(self) -> None:
        self.post_message(BringBack())
