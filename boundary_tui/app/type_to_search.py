"""Typing on a list screen searches it: which letters belong to the screen's search box.

Shared by the topic list (home) and the practice list, whose search boxes work
the same way. The app hands each such letter to the box itself, in the order
typed (BoundaryApp._typed_into_search), and the focus follows.
"""

from __future__ import annotations

from textual.events import Key
from textual.screen import Screen
from textual.widgets import Input


def letter_for(screen: Screen, field: Input, event: Key) -> Input | None:
    """`field`, for a letter that types into it; None for a key that is not typing.

    A letter that is not a key binding starts the search, and once a search has
    begun every letter belongs to it, `q` included.
    """
    if not (event.is_printable and event.character):
        return None
    if screen.focused is field or field.value or event.key not in screen.active_bindings:
        if screen.focused is not field:
            # At once, not after the letters already waiting are read (as `field.focus()` would):
            # a fast "been" after leaving a walk lost its `b` to Undo while the focus was on its way.
            screen.set_focus(field)
        return field
    return None
