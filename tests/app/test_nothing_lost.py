"""Nothing is lost by one key (issue 16): leaving can be undone, and any answer can be changed in place."""

from __future__ import annotations

from textual.widgets import Static

from boundary_tui.app.screens.comparison import ComparisonScreen
from boundary_tui.app.screens.home import HomeScreen
from boundary_tui.app.screens.outcome import OutcomeScreen
from boundary_tui.app.screens.practice import PracticeScreen
from boundary_tui.app.screens.question import PracticeQuestionScreen, QuestionScreen
from boundary_tui.app.widgets.answer_trail import AnswerTrail
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.undo_bar import UndoBar
from boundary_tui.config import Organisation

from .test_journeys import opened, question_id
from .test_practice import start

TOKEN_GIFTS = Organisation(settings={"token_gifts_allowed": "true"})


def undo_offered(app) -> bool:
    return app.screen.query_one(UndoBar).offered


async def test_enter_on_the_advice_goes_to_the_topics_and_b_brings_it_back(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        advice = app.screen
        assert isinstance(advice, OutcomeScreen)
        walk = advice.walk
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert undo_offered(app)
        assert "You left Gifts, money and favours." in str(app.screen.query_one("#undo-text", Static).render())
        assert "b Undo" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("b")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen), app.screen
        assert app.screen.walk is walk and app.screen.advice == advice.advice
        assert [type(s) for s in app.screen_stack] == [HomeScreen, QuestionScreen, OutcomeScreen]
        await pilot.press("b")  # and Back from the advice still goes to the last question
        assert question_id(app) == "money"


async def test_n_then_the_undo_button(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.click("#undo")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)


async def test_escape_in_a_walk_then_b_brings_back_every_answer(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("n", "n")
        assert question_id(app) == "in_plan"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and undo_offered(app)
        await pilot.press("b")
        await pilot.pause()
        assert question_id(app) == "in_plan"
        assert [s.answer.words for s in app.screen.walk.steps] == ["No", "No"]
        assert "Has someone been hurt" in app.screen.query_one(AnswerTrail).plain


async def test_the_offer_goes_when_a_search_starts_a_new_topic_opens_or_time_runs_out(app_for, monkeypatch):
    from boundary_tui.app import app as app_module

    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "n")
        await pilot.pause()
        await pilot.press("slash", *"bus")  # typing a search: b is a letter there
        assert app.screen.search.value == "bus" and isinstance(app.screen, HomeScreen)
        assert "b" not in app.screen.active_bindings
        await pilot.press("escape", "down", "enter")  # another topic: the old walk is gone for good
        await pilot.pause()
        assert question_id(app) != "money"
        await pilot.press("escape")
        await pilot.pause()
        assert not undo_offered(app), "nothing was answered, so there was nothing to offer back"

    monkeypatch.setattr(app_module, "UNDO_SECONDS", 0.05)
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "n")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HomeScreen) and not undo_offered(app)
        await pilot.press("b")  # now b starts a search, as any letter does
        assert app.screen.search.value == "b"


async def test_the_next_scenario_and_b_brings_the_comparison_back(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        await pilot.press("n", "n")
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and undo_offered(app)
        await pilot.press("b")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert "0 of 1 scenario matched" in str(app.screen.query_one("#tally", Static).render()), "counted twice"
        assert [type(s) for s in app.screen_stack] == [PracticeScreen, PracticeQuestionScreen, ComparisonScreen]


async def test_clicking_an_answer_goes_back_to_it_keeping_later_answers_that_still_apply(app_for):
    app = app_for(topic="gifts", organisation=TOKEN_GIFTS)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("n", "y")  # not money; a token gift
        assert isinstance(app.screen, OutcomeScreen)
        walk = app.screen.walk
        app.screen.query_one("#body").scroll_end(animate=False)
        await pilot.pause()
        rows = app.screen.query_one(AnswerTrail).rows
        await pilot.click(rows, offset=(10, 0))  # the first answer
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and question_id(app) == "money"
        assert "Question 1" in str(app.screen.query_one("#progress", Static).render())
        await pilot.press("n")  # the same answer: the kept answer to the next question takes it to the advice
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert [s.answer.words for s in walk.steps] == ["No", "Yes"]


async def test_choosing_an_answer_with_the_keys(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("n", "n")
        assert question_id(app) == "in_plan"
        await pilot.press("a")  # to the answers, on the last one
        trail = app.screen.query_one(AnswerTrail)
        assert app.focused is trail.rows and trail.rows.highlighted == 1
        await pilot.press("up", "enter")
        await pilot.pause()
        assert question_id(app) == "hurt" and app.screen.walk.steps == ()
        await pilot.press("n")  # the kept No to "their idea" is given again: on to the question after
        assert question_id(app) == "in_plan"

        await pilot.press("a", "escape")  # Escape leaves the answers, not the topic
        assert isinstance(app.screen, QuestionScreen) and app.focused is app.screen.query_one("#body")


async def test_on_the_advice_a_then_enter_goes_back_to_that_question(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("n", "y")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("a", "enter")  # the last answer
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and question_id(app) == "their_idea"


async def test_letters_typed_fast_after_leaving_a_walk_all_reach_the_search(app_for):
    # With Undo offered, `b` on the list brings the walk back. But once a search has
    # begun, `b` is a letter: "been" typed fast came out "een", the `b` taken for Undo,
    # because the search box only had the focus after the letters before it were read.
    from textual import events

    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and undo_offered(app)
        for letter in "she has been touching":
            app.post_message(events.Key("space" if letter == " " else letter, letter))
        await pilot.pause(0.3)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.search.value == "she has been touching"
