"""The blank screen: everything hidden at once when someone walks up to a shared PC.

CPOMS, the safeguarding record most schools use, has a blank-screen button
"should you need to, i.e. student approaches"; this is the same for the app.
The screen holds nothing of the walk - no topic, no title, no key bar - only
one neutral line saying how to come back. The walk stays underneath, in
memory, untouched: the app's blank key (BLANK_KEY) or Escape pops this screen
and it is there again, exactly as it was. The idle reset still clears it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

BLANK_KEY = "ctrl+b"
"""Ctrl+B ("B for blank"): two keys side by side under the left hand, on every keyboard, laptops
included (F12 needs Fn on many), and free in every text box, so it works while typing a search."""


class BlankScreen(Screen[None]):
    """Nothing of the walk. Escape (or the blank key, an app binding) brings it back."""

    CSS_PATH = "blank.tcss"
    BINDINGS = [Binding("escape", "unblank", "Back", id="unblank", show=False)]

    def compose(self) -> ComposeResult:
        yield Static("Press Escape to continue.", id="blank-hint", markup=False)

    def action_unblank(self) -> None:
        self.dismiss()
