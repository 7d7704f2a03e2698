"""The idle reset warns first (issue 16), on the app's injected clock: a countdown any key cancels, then the reset."""

from __future__ import annotations

from boundary_tui.app.app import IDLE_WARNING_SECONDS, make_app
from boundary_tui.app.screens.comparison import ComparisonScreen
from boundary_tui.app.screens.home import HomeScreen
from boundary_tui.app.screens.idle_warning import IdleWarningScreen
from boundary_tui.app.screens.outcome import OutcomeScreen
from boundary_tui.app.screens.practice import PracticeScreen
from boundary_tui.app.screens.question import QuestionScreen
from boundary_tui.config import Organisation

from .conftest import FakeClock, idle_for
from .test_journeys import opened, question_id
from .test_practice import start, text_of

IDLE = 300.0


async def test_a_countdown_comes_before_the_reset_and_any_key_cancels_it(app_for):
    app = app_for(topic="touch", idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("n")
        await idle_for(app, pilot, IDLE - IDLE_WARNING_SECONDS - 1)
        assert isinstance(app.screen, QuestionScreen), "a warning came early"
        await idle_for(app, pilot, 2)
        assert isinstance(app.screen, IdleWarningScreen)
        assert "cleared in 29 seconds" in app.screen.countdown_text
        await idle_for(app, pilot, 20)
        assert "cleared in 9 seconds" in app.screen.countdown_text  # it counts down as time passes

        await pilot.press("y")  # someone is here: the warning goes, and the key does nothing else
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and question_id(app) == "their_idea"
        await idle_for(app, pilot, 20)  # the idle time starts again from that key
        assert isinstance(app.screen, QuestionScreen)

        await idle_for(app, pilot, IDLE - 20 - 5)
        assert isinstance(app.screen, IdleWarningScreen) and "cleared in 5 seconds" in app.screen.countdown_text
        await idle_for(app, pilot, 5)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_the_blank_key_during_the_countdown_blanks_at_once(app_for):
    from boundary_tui.app.screens.blank import BlankScreen

    app = app_for(topic="gifts", idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        await idle_for(app, pilot, IDLE - 10)
        assert isinstance(app.screen, IdleWarningScreen)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        assert [type(s) for s in app.screen_stack][-2] is OutcomeScreen  # the warning went, the walk stayed


async def test_nothing_to_clear_means_no_countdown(app_for):
    app = app_for(idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await pilot.pause()
        await idle_for(app, pilot, IDLE - 5)
        assert isinstance(app.screen, HomeScreen)
        await idle_for(app, pilot, IDLE * 3)
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_a_short_limit_warns_for_half_of_it(app_for):
    app = app_for(topic="gifts", idle_seconds=20)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        assert app.warning_seconds == 10
        await idle_for(app, pilot, 9)
        assert isinstance(app.screen, QuestionScreen)
        await idle_for(app, pilot, 2)
        assert isinstance(app.screen, IdleWarningScreen) and "cleared in 9 seconds" in app.screen.countdown_text


async def test_practice_takes_its_own_longer_limit_and_keeps_the_tally(catalog):
    organisation = Organisation(idle_minutes=1, practice_idle_minutes=20)
    assert make_app(catalog=catalog, organisation=organisation).idle_seconds == 60
    clock = FakeClock()
    app = make_app(catalog=catalog, organisation=organisation, practice=True, clock=clock)
    assert app.idle_seconds == 20 * 60
    async with app.run_test() as pilot:
        await pilot.pause()
        await start(app, pilot, "fixture-voucher")
        await pilot.press("y")
        assert isinstance(app.screen, ComparisonScreen)
        await idle_for(app, pilot, 5 * 60)  # five minutes of discussion over one screen
        assert isinstance(app.screen, ComparisonScreen)
        await idle_for(app, pilot, 15 * 60 - 20)
        assert isinstance(app.screen, IdleWarningScreen)
        assert "The session's tally is kept." in str(app.screen.query_one("#idle-hint").render())
        await idle_for(app, pilot, 20)
        assert isinstance(app.screen, PracticeScreen) and len(app.screen_stack) == 1
        assert "1 of 1 scenario matched" in text_of(app.screen, "#tally")


async def test_an_idle_reset_takes_away_the_offer_to_bring_a_walk_back(app_for):
    app = app_for(topic="gifts", idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.query_one("#undo-bar").offered
        await idle_for(app, pilot, IDLE)
        assert not app.screen.query_one("#undo-bar").offered
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.search.value == "b"
