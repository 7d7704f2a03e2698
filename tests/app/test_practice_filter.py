"""Finding a story in a long practice list (issue 16): type a topic, words of the story, or a level."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from boundary_tui.app.screens.practice import PracticeScreen
from boundary_tui.app.screens.question import PracticeQuestionScreen

from .conftest import idle_for, letters_reaching
from .test_practice import text_of


def listed(app) -> list[str]:
    options = app.screen.scenario_list
    return [o.id or str(o.prompt) for o in options.options]


async def test_typing_on_the_list_filters_it(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"social")  # a word of a topic's title
        assert app.focused is app.screen.query_one("#filter", Input)
        assert listed(app) == ["Social media and messages", "fixture-late-message"]
        assert app.screen.scenario_list.highlighted_option.id == "fixture-late-message"
        assert "late at night" in text_of(app.screen, "#story")

        await pilot.press("escape")
        assert len(app.screen.shown) == 3 and app.focused is app.screen.scenario_list
        await pilot.press(*"borderline")  # a level
        assert [s.id for s in app.screen.shown] == ["fixture-pen"]
        await pilot.press("escape", *"seaside pen")  # words of the story, each the start of a word
        assert [s.id for s in app.screen.shown] == ["fixture-pen"]
        await pilot.press("enter")  # the first story shown opens
        await pilot.pause()
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.practice.scenario.id == "fixture-pen"


async def test_a_filter_that_fits_nothing_says_so(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"zebra")
        assert app.screen.shown == [] and app.screen.scenario_list.option_count == 0
        assert "No story fits “zebra”" in text_of(app.screen, "#hint")
        await pilot.press("enter")  # nothing to open
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("escape")
        assert len(app.screen.shown) == 3 and "No story fits" not in text_of(app.screen, "#hint")


async def test_next_goes_to_the_next_story_the_filter_shows_and_an_idle_reset_clears_it(app_for):
    app = app_for(practice=True, idle_seconds=600)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"gift", "down", "enter")  # the gifts stories; the first, walked to the end
        await pilot.pause()
        await pilot.press("y", "n")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one("#filter", Input).value == "gift"  # the filter stays while they work through
        assert app.screen.scenario_list.highlighted_option.id == "fixture-pen"
        await idle_for(app, pilot, 600)
        assert app.screen.query_one("#filter", Input).value == "" and len(app.screen.shown) == 3


def test_the_filter_rule_is_words_starting_words(catalog):
    from boundary_tui.scenario_filter import matching_scenarios

    titles = {"gifts": "Gifts, money and favours", "social_media": "Social media and messages"}
    scenarios = list(catalog.scenarios.values())
    assert [s.id for s in matching_scenarios(scenarios, titles, "  ")] == [s.id for s in scenarios]
    assert [s.id for s in matching_scenarios(scenarios, titles, "URGENT")] == ["fixture-late-message"]
    assert [s.id for s in matching_scenarios(scenarios, titles, "ift")] == [], "only the start of a word counts"
    assert {s.id for s in matching_scenarios(scenarios, titles, "money easy")} == {"fixture-voucher"}


async def test_letters_typed_fast_on_the_list_reach_the_filter_in_order(app_for):
    # As on the topic list: no letter for the filter may go to the list, or a slow
    # machine puts them out of order (each widget works through its own queue).
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        reached_list = letters_reaching(app.screen.scenario_list)
        for letter in "seaside":
            app.post_message(events.Key(letter, letter))
        await pilot.pause(0.2)
        assert app.screen.query_one("#filter", Input).value == "seaside"
        assert not reached_list
