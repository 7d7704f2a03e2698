"""The app on a shared office PC (issue 14): saves that fail, the blank-screen key, nothing left behind."""

from __future__ import annotations

import os

from boundary_tui.app.screens.outcome import OutcomeScreen

from .conftest import idle_for
from .test_journeys import opened


def notices(app) -> list[str]:
    """What the advice screen's status line says (Save and Copy report there, never in a pop-up)."""
    return [app.screen.status_text] if isinstance(app.screen, OutcomeScreen) and app.screen.status_text else []


async def test_a_save_that_fails_in_any_way_is_a_notice_not_a_crash(app_for, monkeypatch):
    from boundary_tui import records

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(records, "save_record", broken)
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen), "the advice must stay on screen"
        assert any("NOT saved" in n and "RuntimeError" in n for n in notices(app)), notices(app)
        assert app.screen.query_one("#status").has_class("-error")
    assert app.return_code in (None, 0)


async def test_saving_in_the_app_works_without_os_fchmod(app_for, monkeypatch):
    from boundary_tui import records

    monkeypatch.delattr(os, "fchmod", raising=False)
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s", "enter")
        await pilot.pause()
        (record,) = records.list_records()
        assert record.topic == "gifts"
        assert any(n.startswith("Saved") for n in notices(app)), notices(app)


# --- the blank-screen key ---------------------------------------------------------------


async def screen_text(app) -> str:
    """Every character on the terminal as drawn, to prove what a passer-by could read."""
    import re

    svg = app.export_screenshot()
    # The SVG's own title and window chrome name the app; only the terminal's cells matter here.
    svg = re.sub(r'<(title|style)>.*?</\1>|<text class="terminal-[^"]*title".*?</text>', "", svg, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", svg)).replace("&#160;", " ")


async def test_the_blank_key_hides_the_walk_and_brings_it_back_as_it_was(app_for):
    from boundary_tui.app.screens.blank import BlankScreen
    from boundary_tui.app.screens.question import QuestionScreen

    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        question = app.screen
        ask = question.walk.fill(question.walk.question.ask)
        assert ask.split()[0] in await screen_text(app)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        shown = await screen_text(app)
        for word in (ask, question.walk.tree.title, "Boundary check", "Yes", "Quit"):
            assert word not in shown, f"{word!r} is visible on the blank screen"
        await pilot.press("y")  # no key reaches the walk underneath while it is hidden
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen is question and isinstance(question, QuestionScreen) and not question.walk.steps
        await pilot.press("ctrl+b", "escape")
        await pilot.pause()
        assert app.screen is question


async def test_the_blank_key_works_while_typing_a_search(app_for):
    from textual.widgets import Input

    from boundary_tui.app.screens.blank import BlankScreen

    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("slash", *"vouch")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen) and "vouch" not in await screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "vouch"


async def test_every_screen_shows_the_blank_key_in_its_key_bar_and_its_keys_list(app_for):
    from boundary_tui.app.screens.keys import KeysScreen, key_rows
    from boundary_tui.app.widgets.key_bar import KeyBar

    def has_blank(app) -> None:
        entries = app.screen.query_one(KeyBar).entries()
        assert any(e.action == "blank_screen" and e.shown == "^b" for e in entries), (app.screen, entries)
        assert any(keys == "^b" and what.startswith("Blank: hide everything") for keys, what in key_rows(app.screen))

    app = app_for(topic="gifts")
    async with app.run_test(size=(60, 24)) as pilot:  # narrow: keys are dropped from the right, never this one
        await opened(app, pilot)
        has_blank(app)
        await pilot.press("t")
        await pilot.pause()
        has_blank(app)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        has_blank(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        text = await screen_text(app)
        assert "^b" in text and "Blank" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        has_blank(app)


async def test_the_blank_key_in_practice(app_for):
    from boundary_tui.app.screens.blank import BlankScreen
    from boundary_tui.app.widgets.key_bar import KeyBar

    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any(e.action == "blank_screen" for e in app.screen.query_one(KeyBar).entries())
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)


def test_blank_screen_snapshot(snap_compare, app_for):
    """The blank screen at 80x24: nothing but one neutral line."""

    async def blank(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()

    assert snap_compare(app_for(topic="gifts"), run_before=blank)


# --- nothing left behind: the clipboard -----------------------------------------------

CLEAR_CLIPBOARD = "\x1b]52;c;\a"


def osc52(writes: list[str]) -> list[str]:
    return [w for w in writes if w.startswith("\x1b]52;")]


async def copied_on_an_outcome(app, pilot) -> list[str]:
    """Open the outcome, press c, and return the list the terminal's writes go to from now on."""
    writes: list[str] = []
    app._driver.write = writes.append
    await opened(app, pilot)
    await pilot.press("y", "c")
    await pilot.pause()
    (copy,) = osc52(writes)
    assert copy != CLEAR_CLIPBOARD and len(copy) > 40
    return writes


async def test_copy_says_honestly_it_only_asked_the_terminal(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await copied_on_an_outcome(app, pilot)
        (notice,) = [n for n in notices(app) if n.startswith("Asked the terminal")]
        assert "Asked the terminal" in notice and "Saving (s) is the dependable way" in notice


async def test_a_new_dilemma_empties_the_clipboard(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        writes = await copied_on_an_outcome(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert osc52(writes)[-1] == CLEAR_CLIPBOARD


async def test_the_idle_reset_empties_the_clipboard(app_for):
    app = app_for(topic="gifts", idle_seconds=600)
    async with app.run_test() as pilot:
        writes = await copied_on_an_outcome(app, pilot)
        await idle_for(app, pilot, 600)  # then nobody touches it
        assert osc52(writes)[-1] == CLEAR_CLIPBOARD and len(app.screen_stack) == 1


async def test_quitting_empties_the_clipboard(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        writes = await copied_on_an_outcome(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert osc52(writes)[-1] == CLEAR_CLIPBOARD


async def test_a_clipboard_the_app_never_filled_is_left_alone(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        writes: list[str] = []
        app._driver.write = writes.append
        await opened(app, pilot)
        await pilot.press("y", "n")
        await pilot.pause()
        await pilot.press("q")
    assert osc52(writes) == [], "someone's own clipboard was wiped"


async def test_records_off_takes_the_save_key_away(app_for):
    from boundary_tui import records
    from boundary_tui.app.widgets.key_bar import KeyBar
    from boundary_tui.config import Organisation

    app = app_for(topic="gifts", organisation=Organisation(records=False))
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert not any(e.action == "save_record" for e in app.screen.query_one(KeyBar).entries())
        await pilot.press("s")
        await pilot.pause()
        assert records.list_records() == [] and not any(n.startswith("Saved") for n in notices(app))


async def test_escapes_in_a_tree_never_reach_the_app(tmp_path, app_for):
    """The same trees as tests/core/test_hostile.py, in the app: every line drawn is inert text."""
    import shutil

    from textual.widgets import Static

    from boundary_tui.app.app import make_app
    from boundary_tui.catalog import load_catalog
    from boundary_tui.config import Organisation
    from boundary_tui.safetext import UNSAFE
    from tests.core.helpers import GOOD
    from tests.core.test_hostile import hostile_tree

    shutil.copy(GOOD / "_registry.yaml", tmp_path)
    shutil.copy(GOOD / "texting.yaml", tmp_path)
    hostile_tree(tmp_path)
    catalog = load_catalog(Organisation(), folders=[tmp_path])
    app = make_app(catalog=catalog, organisation=Organisation(), topic="gifts_small", idle_seconds=0)

    def drawn() -> str:
        return "\n".join(str(w.render()) for w in app.screen.query(Static))

    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "Is it money[2J[H or a voucher?" in await screen_text(app) and not UNSAFE.search(drawn())
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "Decline 31mpolitely." in await screen_text(app) and not UNSAFE.search(drawn())
