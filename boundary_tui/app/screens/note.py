"""The optional "what happened" note, asked for when a walk is saved.

The tool never asks for anyone's name; a record holds one only if the person
saving types it here, so the box says plainly that what is typed goes into
the record file. Enter saves, with or without a note; Escape saves nothing.
The note is cleaned in the core (safetext.clean_note) whichever front end it
came from; this screen only collects it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from boundary_tui.safetext import NOTE_LIMIT


class NoteScreen(ModalScreen[str | None]):
    """Asks for the note over the outcome; dismissed with the note ("" for none), or None for "don't save"."""

    CSS_PATH = "note.tcss"
    AUTO_FOCUS = "#note"
    BINDINGS = [
        Binding("escape", "cancel_save", "Don't save", id="cancel_save", tooltip="Close this; nothing is saved.")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static("Save a record", id="note-title", markup=False)
            yield Static(
                "What happened, in a few words? (optional)\n"
                "Anything you type here goes into the record file, names included.",
                id="note-help",
                markup=False,
            )
            yield Input(placeholder="Leave empty to save without a note", max_length=NOTE_LIMIT, id="note")
            yield Static("Enter: save    Escape: don't save", id="note-keys", markup=False)

    @on(Input.Submitted, "#note")
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel_save(self) -> None:
        self.dismiss(None)
