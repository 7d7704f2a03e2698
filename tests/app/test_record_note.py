"""Saving in the app (issue 16): an optional "what happened" note, then a document; Escape saves nothing."""

from __future__ import annotations

from boundary_tui import records
from boundary_tui.app.screens.home import HomeScreen
from boundary_tui.app.screens.note import NoteScreen
from boundary_tui.app.screens.outcome import OutcomeScreen

from .conftest import idle_for
from .test_journeys import IDLE, opened
from .test_shared_pc import notices


async def test_the_note_typed_on_save_is_in_the_document(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s")
        assert isinstance(app.screen, NoteScreen)
        assert records.list_records() == [], "nothing is written before the note is given"
        await pilot.press(*"Offered a tenner, q and all", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen), "'q' in the note is typing, not quitting"
        (record,) = records.list_records()
        assert record.path.suffix == ".docx"
        assert "What happened:\nOffered a tenner, q and all\n" in records.record_text(record.path)
        await pilot.press("s")  # again: says where it is, asks nothing, writes nothing
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen) and len(records.list_records()) == 1
        assert any(n.startswith("Already saved: ") for n in notices(app)), notices(app)


async def test_escape_on_the_note_saves_nothing(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s", *"half a note", "escape")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert records.list_records() == []
        assert any(n == "Nothing was saved." for n in notices(app)), notices(app)


async def test_walking_away_from_the_note_clears_it_and_saves_nothing(app_for):
    app = app_for(topic="gifts", idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s", *"someone's name")
        assert isinstance(app.screen, NoteScreen)
        await idle_for(app, pilot, IDLE * 1.5)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert records.list_records() == []


def test_note_box_snapshot(snap_compare, app_for):
    """The note box over the outcome at 80x24, with a note begun."""

    async def ask_note(pilot) -> None:
        await opened(pilot.app, pilot)
        await pilot.press("y", "s", *"Offered a voucher at pick-up")
        await pilot.pause()

    assert snap_compare(app_for(topic="gifts"), run_before=ask_note)
