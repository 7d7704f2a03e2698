"""Pilot journeys through the app at 80x24, as a member of staff would take them."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import Button, Input, Static

from boundary_tui.app.screens.home import HomeScreen
from boundary_tui.app.screens.keys import KeysScreen
from boundary_tui.app.screens.outcome import OutcomeScreen
from boundary_tui.app.screens.question import QuestionScreen
from boundary_tui.app.widgets.answer_trail import AnswerTrail
from boundary_tui.app.widgets.item_list import ItemList
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.verdict_banner import VerdictBanner
from boundary_tui.model import Verdict

from .conftest import idle_for, letters_reaching


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def opened(app, pilot) -> None:
    """Wait until `make_app(topic=...)` has put its first question up."""
    for _ in range(50):
        if isinstance(app.screen, QuestionScreen) and app.screen.is_mounted:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"no question screen: {app.screen}")


def question_id(app) -> str:
    assert isinstance(app.screen, QuestionScreen), app.screen
    return app.screen.walk.question.id


async def test_search_answer_back_and_start_a_new_dilemma(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("slash", *"voucher")
        assert app.screen.topics.highlighted_topic == "gifts"
        await pilot.press("enter")
        assert question_id(app) == "money"
        assert "money, a voucher or a loan" in text_of(app.screen, "#ask")

        await pilot.press("y")
        assert isinstance(app.screen, OutcomeScreen)
        banner = app.screen.query_one(VerdictBanner)
        assert banner.verdict is Verdict.DO_NOT
        assert Verdict.DO_NOT.label in str(banner.render())

        await pilot.press("b")  # back to the last question, its answer undone
        assert question_id(app) == "money"
        assert app.screen.walk.steps == ()

        await pilot.press("n")  # No this time: the setting says no token gifts -> declined
        assert isinstance(app.screen, OutcomeScreen)
        assert app.screen.advice.verdict is Verdict.OK_RECORD

        await pilot.press("enter")  # new dilemma: back to a clear list of topics
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1
        assert app.screen.search.value == ""
        assert app.screen.topics.option_count == 4
        assert app.focused is app.screen.topics


async def test_enter_on_a_topic_opens_it_and_escape_returns(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("down", "enter")
        assert app.screen.walk.tree.id == "lifts"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1


async def test_typing_on_the_list_starts_a_search(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press(*"hug")
        assert app.focused is app.screen.search
        assert app.screen.search.value == "hug"
        await pilot.press("enter")
        assert app.screen.walk.tree.id == "touch"


async def test_a_search_with_no_match_says_so_and_escape_clears_it(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("slash", *"zebra")
        note = app.screen.query_one("#no-match", Static)
        assert note.display and "zebra" in str(note.render())
        await pilot.press("enter")  # nothing to open: stays put
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
        assert app.screen.search.value == ""
        assert app.screen.topics.option_count == 4
        assert not note.display


async def test_a_sentence_in_their_own_words_gets_the_likeliest_topic(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("slash", *"a mum offered me a voucher")
        note = app.screen.query_one("#no-match", Static)
        assert not note.display  # not every word is in the topic, and that is fine
        assert app.screen.topics.highlighted_topic == "gifts"
        await pilot.press("enter")
        assert app.screen.walk.tree.id == "gifts"


async def test_fast_typing_then_enter_opens_the_best_match(app_for):
    # Typed on the list before the focus has moved, and Enter at once: nothing is lost.
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press(*"kid hugged me", "enter")
        await pilot.pause()
        assert app.screen.walk.tree.id == "touch"


async def test_picking_a_situation_gives_its_answers_and_back_goes_through_them(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press(*"friend request")
        assert app.screen.topics.highlighted_option.id == "social_media/friend_request"
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "1 answer already given" in summary
        await pilot.press("enter")
        await pilot.pause()
        walk = app.screen.walk
        assert walk.situation.id == "friend_request"
        assert question_id(app) == "worrying"  # the risk question is still asked, first
        assert "A young person sent you a friend request" in str(app.screen.query_one("#progress", Static).render())
        await pilot.press("n")  # not worrying: the situation's answer takes it to the outcome
        await pilot.pause()
        assert walk.outcome.id == "ask_manager"
        assert [(s.question.id, s.given) for s in walk.steps] == [("worrying", False), ("personal_account", True)]
        trail = app.screen.query_one(AnswerTrail)
        assert "Did it come to your personal account or phone? - Yes (given)" in trail.plain
        await pilot.press("b")  # back from the outcome undoes the given answer: now it is asked
        await pilot.pause()
        assert question_id(app) == "personal_account"
        assert app.screen.query_one("#progress", Static).render().plain.startswith("Question 2")
        await pilot.press("b")
        assert question_id(app) == "worrying"
        assert not walk.can_go_back


async def test_the_highlighted_topic_shows_its_summary(app_for, catalog):
    app = app_for()
    async with app.run_test() as pilot:
        summary = app.screen.query_one("#summary", Static)
        assert catalog.trees["gifts"].summary in str(summary.render())
        await pilot.press("down")
        assert catalog.trees["lifts"].summary in str(summary.render())


async def test_straight_into_a_topic(app_for):

    app = app_for(topic="social_media")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        assert question_id(app) == "worrying"
        assert app.screen.sub_title == "Social media and messages"
        await pilot.press("escape")  # the topics are underneath
        assert isinstance(app.screen, HomeScreen)


async def test_not_sure_only_where_the_question_offers_it(app_for):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        unsure = app.screen.query_one("#answer-unsure", Button)
        assert not unsure.display
        assert "u" not in app.screen.active_bindings  # not in the footer either
        await pilot.press("u")
        assert question_id(app) == "money"  # ignored

    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        assert app.screen.query_one("#answer-unsure", Button).display
        assert "u" in app.screen.active_bindings
        await pilot.press("u")
        assert app.screen.advice.verdict is Verdict.EMERGENCY


async def test_back_is_dimmed_on_the_first_question_and_restart_clears(app_for):
    app = app_for(topic="social_media")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        assert app.screen.active_bindings["b"].enabled is False  # shown, dimmed
        await pilot.press("b")
        assert question_id(app) == "worrying"
        await pilot.press("n")
        assert question_id(app) == "personal_account"
        assert app.screen.active_bindings["b"].enabled is True
        assert "Did the message say anything" in app.screen.query_one("#trail", AnswerTrail).plain
        await pilot.press("backspace")
        assert question_id(app) == "worrying"
        await pilot.press("n", "r")
        assert question_id(app) == "worrying"
        assert app.screen.walk.steps == ()


async def test_buttons_and_the_key_bar_work_with_the_mouse(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.click("#answer-no")
        assert question_id(app) == "their_idea"
        bar = app.screen.query_one(KeyBar)
        assert [e.description for e in bar.entries()][:3] == ["Yes", "No", "Back"]
        await pilot.click(bar, offset=(9, 0))  # " y Yes  n No ..." - on the "n No"
        await pilot.pause()
        assert question_id(app) == "in_plan"
        await pilot.click(app.screen.query_one(KeyBar), offset=(9, 0))
        await pilot.pause()
        assert app.screen.advice.verdict is Verdict.ASK_FIRST
        await pilot.click(app.screen.query_one(KeyBar), offset=(2, 0))  # " b Back"
        await pilot.pause()
        await pilot.click("#answer-yes")
        assert app.screen.advice.verdict is Verdict.OK


async def test_an_extra_n_does_not_throw_the_advice_away(app_for, monkeypatch):
    monkeypatch.setattr(OutcomeScreen, "SETTLE_SECONDS", 0.6)
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "n")  # the answer, and one No too many
        assert isinstance(app.screen, OutcomeScreen)
        await asyncio.sleep(0.7)
        await pilot.press("n")
        assert isinstance(app.screen, HomeScreen)


async def test_a_click_on_a_topic_opens_it(app_for):

    app = app_for()
    async with app.run_test() as pilot:
        topics = app.screen.topics
        await pilot.click(topics, offset=(5, 2))  # the third title: Physical contact and touch
        assert app.screen.walk.tree.id == "touch"


async def test_more_is_offered_only_while_there_is_more_to_read(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert "space" in app.screen.active_bindings  # an emergency outcome is longer than 24 lines
        for _ in range(5):
            await pilot.press("space")
        await pilot.pause()
        assert "space" not in app.screen.active_bindings


async def test_see_also_opens_the_linked_topic(app_for):

    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        assert isinstance(app.screen, OutcomeScreen)
        link = app.screen.query_one("#see-touch", Button)
        assert str(link.label) == "Physical contact and touch →"
        app.screen.query_one("#body").scroll_end(animate=False)
        await pilot.pause()
        await pilot.click("#see-touch")
        assert question_id(app) == "hurt"
        assert app.screen.walk.tree.id == "touch"
        assert len(app.screen_stack) == 2  # topics underneath, the old walk gone


async def test_the_outcome_shows_every_part_of_the_advice(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, OutcomeScreen)
        titles = [str(s.render()) for s in screen.query(".section-title")]
        assert titles == [  # ACT NOW: who to tell and how soon first, above the steps
            "Who to tell",
            "How soon",
            "What to do",
            "What to record",
            "Your answers (choose one to change it)",
            "Policy",
            "See also",
        ]
        who = screen.query_one("#who ItemList", ItemList).plain.splitlines()
        assert who == ["Your designated safeguarding lead (DSL)", "The head of your setting"]
        assert "Immediately - now, before anything else" in text_of(screen, "#when Static.section-body")
        policy = screen.query_one("#policy ItemList", ItemList).plain
        assert "aop41 2.12(c) - AOP41 Professional Relationship Boundaries" in policy


# The idle tests move the app's FakeClock on (see conftest): no test sleeps.
IDLE = 300.0


async def test_idle_reset_clears_the_walk_the_keys_and_the_search(app_for):
    app = app_for(topic="gifts", idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "question_mark")
        assert [type(s) for s in app.screen_stack] == [HomeScreen, QuestionScreen, OutcomeScreen, KeysScreen]
        await idle_for(app, pilot, IDLE)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1

        await pilot.press("slash", *"hug")
        await idle_for(app, pilot, IDLE)
        assert app.screen.search.value == ""
        assert app.focused is app.screen.topics


async def test_input_keeps_the_walk_alive(app_for):
    app = app_for(topic="touch", idle_seconds=IDLE)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        for _ in range(4):  # 1.6 x IDLE in all, never IDLE without a key
            await pilot.press("down")
            await idle_for(app, pilot, IDLE * 0.4)
        assert isinstance(app.screen, QuestionScreen)
        await idle_for(app, pilot, IDLE)
        assert isinstance(app.screen, HomeScreen)


async def test_keys_screen_lists_what_the_footer_shows(app_for):
    app = app_for(topic="touch")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        shown = {a.binding.description for a in app.screen.active_bindings.values() if a.binding.show and a.binding.id}
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        listed = " ".join(what for _, what in app.screen.rows)
        assert shown and all(description in listed for description in shown)
        assert any(keys == "b / ⌫" for keys, _ in app.screen.rows)
        await pilot.press("question_mark")
        assert isinstance(app.screen, QuestionScreen)


async def test_topics_are_in_the_command_palette(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"facebook")
        await asyncio.sleep(0.3)  # the palette gathers hits in the background
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert question_id(app) == "worrying"
        assert app.screen.walk.tree.id == "social_media"


async def test_once_a_search_has_begun_q_is_a_letter(app_for):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("slash", *"fac", "down")  # back on the list, with a search typed
        assert app.focused is app.screen.topics
        await pilot.press("q")
        assert app.screen.search.value == "facq"
        assert app.is_running


async def test_q_quits_but_types_in_the_search(app_for):

    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("slash", "q")
        assert app.screen.query_one("#search", Input).value == "q"
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_save_and_copy_on_the_outcome_and_nothing_saved_otherwise(app_for, isolated_dirs):
    from boundary_tui import records

    app = app_for(topic="gifts")
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        assert isinstance(app.screen, OutcomeScreen)
        assert records.list_records() == [], "reaching an outcome must not write anything"
        await pilot.press("c")
        assert copied and copied[0].startswith("Professional boundary record\n")
        assert "\nOutcome:\n" + Verdict.DO_NOT.label in copied[0] and "**" not in copied[0]
        await pilot.press("s", "enter")
        await pilot.pause()
        (record,) = records.list_records()
        assert record.topic == "gifts" and record.verdict == "do_not"
        assert app.screen.status_text.startswith("Saved a private record")


async def test_the_outcome_names_the_configured_person(app_for):
    from boundary_tui.config import Organisation, RoleContact

    organisation = Organisation(
        contacts={
            role: RoleContact(title="Team Leader", name="Sam Okafor", contact="ext 230")
            for role in ("line_manager", "dsl")
        }
    )
    app = app_for(topic="gifts", organisation=organisation)
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        assert isinstance(app.screen, OutcomeScreen)
        who = app.screen.query_one("#who").query_one(ItemList)
        assert "Sam Okafor (Team Leader) - ext 230" in who.plain


async def test_the_whole_tree_marks_the_path_taken_and_closes(app_for):
    from textual.widgets import Tree

    from boundary_tui.app.screens.tree_view import TreeViewScreen

    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TreeViewScreen)
        outline = app.screen.query_one(Tree)
        marked = []

        def walk_nodes(node):
            if str(node.label).startswith("● "):
                marked.append(str(node.label))
            for child in node.children:
                walk_nodes(child)

        walk_nodes(outline.root)
        assert any(label.startswith("● Q1 (your question 1). ") for label in marked)
        assert any(label.startswith("● Yes -> " + Verdict.DO_NOT.label) for label in marked)  # one line
        assert any(Verdict.DO_NOT.label in label for label in marked)
        await pilot.press("escape")
        assert isinstance(app.screen, OutcomeScreen)


async def test_the_whole_tree_from_the_topic_list(app_for):
    """Ctrl+T on the list shows the highlighted topic's tree, every branch open; Esc returns to the list."""
    from textual.widgets import Tree

    from boundary_tui.app.screens.tree_view import TreeViewScreen

    app = app_for()
    async with app.run_test() as pilot:
        await pilot.press("down")  # lifts
        assert "^t Whole tree" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, TreeViewScreen)
        assert app.screen.walk.tree.id == "lifts" and app.screen.walk.steps == ()
        await pilot.pause()
        outline = app.screen.query_one(Tree)
        assert all(node.is_expanded for node in outline.root.children)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.topics.highlighted_topic == "lifts"
        assert app.screen.search.value == ""


async def test_every_letter_typed_on_the_list_goes_through_the_search_box_in_order(app_for):
    # Each widget works through its own queue. Letters that reached the list (and bubbled
    # to the screen) while later ones reached the search box were put in out of order on
    # a slow machine ("voucher" came out "vocheur" in the browser). So no letter for the
    # search may go to the list at all: all of them join the search box's one queue.
    app = app_for()
    async with app.run_test() as pilot:
        reached_list = letters_reaching(app.screen.topics)
        for letter in "voucher":
            app.post_message(events.Key(letter, letter))
        await pilot.pause(0.2)
        assert app.screen.search.value == "voucher"
        assert not reached_list
        assert app.screen.focused is app.screen.search
