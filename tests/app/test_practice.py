"""Practice mode under Pilot: a supervisor and a member of staff working through scenarios.

The fixture scenarios (tests/app/fixtures/trees/scenarios) are, in list order:
fixture-voucher (gifts, expects no_money: Yes at the first question),
fixture-pen (gifts with token gifts allowed, expects token_ok: No then Yes),
fixture-late-message (social_media, expects tell_dsl: Yes at the first question).
"""

from __future__ import annotations

from textual.widgets import OptionList, Static, Tree

from boundary_tui.app.screens.comparison import ComparisonScreen
from boundary_tui.app.screens.practice import PracticeScreen
from boundary_tui.app.screens.question import PracticeQuestionScreen
from boundary_tui.app.screens.tree_view import TreeViewScreen
from boundary_tui.app.widgets.answer_trail import AnswerTrail
from boundary_tui.app.widgets.item_list import ItemList
from boundary_tui.app.widgets.verdict_banner import VerdictBanner
from boundary_tui.model import Verdict

from .conftest import idle_for


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def section_text(screen, section_id: str) -> str:
    """Every line of one section of the comparison, as plain text."""
    section = screen.query_one(f"#{section_id}")
    parts = []
    for widget in section.query("*"):
        if isinstance(widget, (ItemList, AnswerTrail)):
            parts.append(widget.plain)
        elif isinstance(widget, Static) and not isinstance(widget.parent, (ItemList, AnswerTrail)):
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def start(app, pilot, scenario_id: str) -> None:
    """Highlight a scenario on the list, open it with Enter, and wait for its first question."""
    assert isinstance(app.screen, PracticeScreen)
    options = app.screen.scenario_list
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == scenario_id
    )
    await pilot.press("enter")
    for _ in range(50):
        if isinstance(app.screen, PracticeQuestionScreen) and app.screen.is_mounted:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"no question screen: {app.screen}")


async def test_the_list_shows_every_scenario_and_the_highlighted_story(app_for, catalog):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        options = app.screen.scenario_list
        # Two topics' headings, each above its stories; only the stories can be chosen.
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "Gifts, money and favours",
            "  easy       A voucher at the end of term",
            "  borderline A pen from the seaside",
            "Social media and messages",
            "  urgent     A message late at night",
        ]
        assert [o.id for o in options.options if not o.disabled] == list(catalog.scenarios)
        assert "No scenarios tried yet" in text_of(app.screen, "#tally")
        assert "£10 voucher" in text_of(app.screen, "#story")
        await pilot.press("down")
        assert "pen from the gift shop" in text_of(app.screen, "#story")


async def test_the_story_stays_above_the_questions(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        assert "pen from the gift shop" in text_of(app.screen, "#story")
        await pilot.press("n")
        assert app.screen.walk.question.id == "is_token"  # the scenario's setting (token gifts allowed) applied
        assert "pen from the gift shop" in text_of(app.screen, "#story")


async def test_a_walk_that_matches_the_policy(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-voucher")
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        assert screen.comparison.matched
        assert "same outcome as the policy" in text_of(screen, "#result")
        assert "1 of 1 scenario matched" in text_of(screen, "#tally")
        assert not screen.query("#parting") and not screen.query("#chosen")
        assert screen.query_one("#expected").query_one(VerdictBanner).verdict is Verdict.DO_NOT
        assert "Why does the policy treat a voucher like cash?" in section_text(screen, "discuss")
        assert "pbr 3.1; aop41 2.6(a)" in section_text(screen, "discuss")


async def test_a_walk_that_departs_names_the_question_where_it_parted(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        await pilot.press("n", "n")  # not money; then No, it is not a token - but a pen is
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        assert not screen.comparison.matched
        assert "different outcome" in text_of(screen, "#result")
        assert screen.query_one("#chosen").query_one(VerdictBanner).verdict is Verdict.OK_RECORD
        assert screen.query_one("#expected").query_one(VerdictBanner).verdict is Verdict.OK
        parting = section_text(screen, "parting")
        assert "Question 2: Is it something small of token value, such as a pen or a card?" in parting
        assert "You answered No" in parting
        assert "aop41 2.6(d) - AOP41 Professional Relationship Boundaries" in parting
        discuss = section_text(screen, "discuss")
        assert "allowed no gifts at all" in discuss and "some staff and not others" in discuss
        assert "Is it money, a voucher or a loan? - No" in section_text(screen, "answers")
        # The policy's advice in full, and the rule the story assumes, which may not be this PC's.
        assert "Whether staff may accept gifts of token value" in section_text(screen, "assumed")
        assert "0 of 1 scenario matched" in text_of(screen, "#tally")


async def test_departing_at_the_first_question(app_for):
    app = app_for(practice=True, topic="social_media")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert [o.id for o in app.screen.scenario_list.options if o.id] == ["fixture-late-message"]
        await start(app, pilot, "fixture-late-message")
        await pilot.press("n", "y")
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.comparison.departed_at == 0
        assert "Question 1: Did the message say anything that worries you" in section_text(app.screen, "parting")
        # The policy's advice in full, with the person to tell: the answer to "what should I have done?"
        assert "Your designated safeguarding lead (DSL)" in section_text(app.screen, "who")
        assert "What the message said, when it arrived" in section_text(app.screen, "record")
        assert not app.screen.query("#assumed")  # this tree goes by no organisation rule


async def test_the_tally_counts_each_scenario_once_by_its_first_walk(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        await pilot.press("n", "n")
        assert "0 of 1" in text_of(app.screen, "#tally")

        await pilot.press("b")  # back to the question where it parted, to talk it over
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.walk.question.id == "is_token"
        await pilot.press("y")  # the policy's answer this time: the comparison matches...
        assert app.screen.comparison.matched
        assert "0 of 1" in text_of(app.screen, "#tally")  # ...but the first walk is what counts, and it says so
        assert "Your first walk of this story reached a different outcome" in text_of(app.screen, "#tally")

        await pilot.press("n")  # next: back to the list, on the scenario after this one
        assert isinstance(app.screen, PracticeScreen)
        assert len(app.screen_stack) == 1
        assert app.screen.scenario_list.highlighted_option.id == "fixture-late-message"
        assert "✖ different" in str(app.screen.scenario_list.get_option("fixture-pen").prompt)

        await pilot.press("enter", "y")
        assert isinstance(app.screen, ComparisonScreen) and app.screen.comparison.matched
        assert "1 of 2 scenarios matched" in text_of(app.screen, "#tally")


async def test_try_again_starts_the_scenario_afresh(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        await pilot.press("n", "n", "r")
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.walk.steps == () and app.screen.walk.question.id == "money"


async def test_escape_leaves_a_scenario_for_the_list(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        assert "esc Scenarios" in str(app.screen.query_one("KeyBar").render())
        await pilot.press("escape")
        assert isinstance(app.screen, PracticeScreen)
        assert len(app.screen_stack) == 1
        # Left part-way: still on the same story, untried, so Enter starts it again.
        assert app.screen.scenario_list.highlighted_option.id == "fixture-pen"
        assert "No scenarios tried yet" in text_of(app.screen, "#tally")

        # The same once it has been finished before: left part-way this time, it stays put.
        await pilot.press("enter", "n", "y")
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("n")
        assert app.screen.scenario_list.highlighted_option.id == "fixture-late-message"
        await pilot.press("up", "enter", "n", "escape")
        assert app.screen.scenario_list.highlighted_option.id == "fixture-pen"


async def test_the_tree_shows_your_path_and_the_policys_answer(app_for):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        await pilot.press("n", "n", "t")
        assert isinstance(app.screen, TreeViewScreen)
        shown = []

        def visible(node):
            shown.append(str(node.label))
            if node.is_expanded:
                for child in node.children:
                    visible(child)

        visible(app.screen.query_one(Tree).root)
        # Both outcomes can be seen without opening anything: the one reached, and the policy's.
        assert any(label.startswith("● No -> " + Verdict.OK_RECORD.label) for label in shown)
        (policy,) = [label for label in shown if "The policy's answer: " in label]
        assert policy.startswith("◆ Yes -> The policy's answer: ")  # the answer and where it leads, one line
        assert policy.endswith(Verdict.OK.label + ": You can accept a small token gift.")
        assert any(label.startswith("◆ Yes ->") for label in shown)  # the policy's way out of where they parted
        assert any(label.startswith("● yes (this story) -> ") for label in shown), (
            shown
        )  # the story's rule, maybe not this PC's
        # The view opens on that question, not at the top.
        assert "Q2 (your question 2). Is it" in str(app.screen.query_one(Tree).cursor_node.label)
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)


async def test_a_practice_record_is_saved_only_on_request(app_for, isolated_dirs):
    from boundary_tui import records

    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-pen")
        await pilot.press("n", "n")
        assert records.list_records() == [], "finishing a scenario must not write anything"
        await pilot.press("s")
        await pilot.pause()
        (record,) = records.list_records()
        assert "-practice-gifts" in record.path.name and record.verdict == "ok_record"
        assert '"scenario": "fixture-pen"' in record.path.read_text().splitlines()[0]
        text = records.record_text(record.path)
        assert "# Practice: A pen from the seaside" in text
        assert "Where it parted: Question 2" in text
        assert "This session: 0 of 1 scenario matched the policy first time." in text
        assert "## Your walk: Gifts, money and favours" in text
        await pilot.press("s")  # again: no second, identical file
        await pilot.pause()
        assert len(records.list_records()) == 1
        assert app.screen.status_text.startswith("Already saved")


async def test_idle_reset_clears_the_walk_but_keeps_the_tally_until_the_session_ends(app_for):
    idle = 1200.0
    app = app_for(practice=True, idle_seconds=idle)
    async with app.run_test() as pilot:
        await start(app, pilot, "fixture-voucher")
        await pilot.press("y")
        assert isinstance(app.screen, ComparisonScreen)
        await idle_for(app, pilot, idle)
        assert isinstance(app.screen, PracticeScreen) and len(app.screen_stack) == 1
        assert "1 of 1 scenario matched" in text_of(app.screen, "#tally")
        assert app.screen.scenario_list.highlighted_option.id == "fixture-voucher"
        assert "✔ matched" in str(app.screen.scenario_list.get_option("fixture-voucher").prompt)
        assert isinstance(app.focused, OptionList)

        await pilot.press("ctrl+n")  # the supervisor ends the session: asked first
        await pilot.pause()
        assert "1 of 1 scenario matched" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("n")  # No: nothing forgotten
        await pilot.pause()
        assert "1 of 1 scenario matched" in text_of(app.screen, "#tally")
        await pilot.press("ctrl+n", "y")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert "No scenarios tried yet" in text_of(app.screen, "#tally")
        assert "matched" not in str(app.screen.scenario_list.get_option("fixture-voucher").prompt)


def test_not_sure_where_the_question_asks_for_it_is_the_cautious_route_not_a_mistake(catalog):
    """Practice scoring: 'Not sure' that the help text asks for, ending at more careful advice, is fair."""
    from boundary_tui.model import Answer
    from boundary_tui.render import CAUTIOUS_ROUTE, comparison_text
    from boundary_tui.scenarios import PracticeTally, Scenario, compare
    from boundary_tui.walk import Walk

    story = Scenario("s", "touch", "A hug", "easy", "A child reached up for a hug.", "brief_ok", {}, ())
    tree = catalog.trees["touch"]
    unsure = Walk(tree, catalog.registry)
    unsure.answer(Answer.UNSURE)  # the help says: if you are not sure, choose "Not sure"
    assert unsure.outcome.id == "act_now"
    comparison = compare(unsure, story)
    assert not comparison.matched and comparison.cautious and comparison.fair
    assert CAUTIOUS_ROUTE in comparison_text(unsure, story, comparison)
    tally = PracticeTally()
    tally.add(story, comparison)
    assert tally.result("s") is True

    # A plain wrong answer to the same question is still "different".
    wrong = Walk(tree, catalog.registry)
    wrong.answer(Answer.NO)
    wrong.answer(Answer.NO)
    wrong.answer(Answer.NO)
    assert wrong.outcome.id == "ask_first_touch"
    assert not compare(wrong, story).fair
