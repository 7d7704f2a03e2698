"""Plain mode's logic with a scripted person: the same walk, one line at a time, in the order it is heard."""

import pytest

from boundary_tui import records
from boundary_tui.catalog import load_catalog
from boundary_tui.config import Organisation
from boundary_tui.model import Verdict
from boundary_tui.plain import IDLE, INTERRUPTED, NOTE_PROMPT, TOPIC_QUESTION, Prompter, run_plain, run_practice

from .helpers import good_catalog


class Script:
    """Replies to prompts in order, each one the prompt must accept; keeps everything said and asked, in order."""

    def __init__(self, *replies):
        self.replies, self.events, self.asked = list(replies), [], []

    def prompter(self):
        def ask(message, validate):
            self.asked.append(message)
            self.events.append(f"<ASK> {message}")
            reply = self.replies.pop(0)
            if reply not in (None, IDLE, INTERRUPTED):
                assert validate(reply) is True, (message, reply, validate(reply))
            return reply

        return Prompter(ask=ask, say=self.events.append, clear=lambda: self.events.append("<CLEAR>"))

    @property
    def text(self):
        return "\n".join(self.events)


def play(*replies, topic=None, organisation=None, catalog=None):
    script = Script(*replies)
    status = run_plain(catalog or good_catalog(), organisation or Organisation(), topic, script.prompter())
    assert status == 0 and not script.replies, script.replies
    return script


# --- the first prompt comes first; the topics only on request --------------------------------------


def test_the_first_thing_heard_is_the_question_with_its_instruction():
    script = play("q", catalog=load_catalog(Organisation()))
    assert script.events[0] == f"<ASK> {TOPIC_QUESTION}", script.events[:3]
    assert "? for the list" in TOPIC_QUESTION and "q quits" in TOPIC_QUESTION


def test_the_topics_are_listed_on_request_by_title_alone():
    catalog = load_catalog(Organisation())
    script = play("?", "q", catalog=catalog)
    listing = script.text.split("<ASK>")[1]
    titles = [tree.title for tree in catalog.trees.values()]
    assert all(f". {title}\n" in listing for title in titles)
    assert not any(tree.summary in listing for tree in catalog.trees.values()), "summaries read out again"
    assert len(listing.split()) < 120, listing


def test_the_topics_are_not_read_again_after_each_dilemma():
    script = play("gifts_small", "n", "y", "n", "gifts_small", "n", "y", "q")
    assert "Topics:" not in script.text


def test_the_word_topics_at_the_topic_prompt_lists_them_too():
    script = play("topics", "q")
    assert "  1. Small gifts" in script.text


# --- every prompt takes back, topics and quit ----------------------------------------------------------


TWO_TOPICS = "gift text"
"""Words the fixture trees rank as two equal results (Texting, Small gifts), so plain mode asks which fits best."""


@pytest.mark.parametrize("leave", ["b", "back", "topics", "\x1b"])
def test_which_fits_best_takes_back_and_topics(leave):
    script = play(TWO_TOPICS, leave, "q")
    assert script.asked[1].startswith("Which fits best?") and script.asked[2] == TOPIC_QUESTION


@pytest.mark.parametrize("leave", ["q", "quit"])
def test_which_fits_best_takes_quit(leave):
    script = play(TWO_TOPICS, leave)
    assert script.events[-1] == "<CLEAR>"


def test_a_wrong_reply_at_which_fits_best_says_what_else_it_takes():
    from boundary_tui.plain import choose_topic

    def ask(message, validate):
        if message.startswith("Which fits best?"):
            assert validate("0") == "Type 1 to 2 (? for help)" and validate("2") is True
            return "q"
        return TWO_TOPICS

    assert choose_topic(good_catalog(), Prompter(ask=ask, say=lambda s: None)) == "quit"


def test_back_topics_and_quit_at_a_question():
    script = play("gifts_small", "n", "back", "n", "topics", "gifts_small", "quit")
    assert script.text.count("Question 2: Is it money or a voucher?") == 2
    assert script.text.count("Question 1: Could anyone be pressuring") == 3  # first, after back, after topics
    assert script.events[-1] == "<CLEAR>"


def test_back_at_the_first_question_says_so():
    script = play("gifts_small", "b", "q")
    assert "This is the first question: nothing to go back to." in script.text


def test_back_topics_and_quit_at_the_outcome():
    script = play("gifts_small", "n", "y", "b", "y", "topics", "q")
    assert script.text.count("DON'T: Don't accept money.") == 2
    assert script.asked[-1] == TOPIC_QUESTION


def test_the_keys_are_said_once_a_session():
    script = play("gifts_small", "n", "y", "n", "gifts_small", "q")
    assert script.text.count("At every prompt: ? says what you can type, b goes back") == 1


def test_question_mark_at_a_question_lists_its_keys():
    script = play("gifts_small", "?", "q")
    assert "u = not sure, r = restart, t = the whole tree, Escape or topics = the topics, q = quit" in script.text


# --- Ctrl+C asks before anything is lost --------------------------------------------------------------


def test_ctrl_c_at_a_question_asks_and_carries_on_where_it_was():
    script = play("gifts_small", "n", INTERRUPTED, "", "y", "q")
    assert "Ctrl+C: quit boundary-check?" in script.asked[3]
    assert script.asked[4] == script.asked[2], "the same question was not asked again"
    assert "DON'T: Don't accept money." in script.text


@pytest.mark.parametrize("sure", ["y", INTERRUPTED, None])
def test_ctrl_c_then_yes_or_ctrl_c_again_quits(sure):
    script = play("gifts_small", INTERRUPTED, sure)
    assert script.events[-1] == "<CLEAR>"


def test_ctrl_c_at_the_outcome_keeps_the_advice_on_screen():
    script = play("gifts_small", "n", "y", INTERRUPTED, "n", "q")
    cleared = script.events.index("<CLEAR>")
    assert "What next?" in script.asked[-1] and cleared == len(script.events) - 1


# --- words, not symbols; the verdict before the recap ----------------------------------------------------


def test_verdicts_are_words_without_symbols():
    script = play("gifts_small", "n", "y", "q")
    assert "DON'T: Don't accept money." in script.text
    assert not any(verdict.symbol in script.text for verdict in Verdict if verdict.symbol not in "?!")
    assert "? DON'T" not in script.text and "! REPORT" not in script.text


def test_every_verdict_reads_as_its_word():
    from boundary_tui.plain import spoken

    for verdict in Verdict:
        assert spoken(f"{verdict.label}: headline") == f"{verdict.word}: headline"
    assert spoken("ahps 4.2 ¶7") == "ahps 4.2 para 7"


def test_the_verdict_comes_before_the_recap():
    script = play("gifts_small", "n", "y", "q")
    text = script.text
    assert text.index("DON'T: Don't accept money.") < text.index("How you got here: Small gifts (version 2)")
    assert text.index("How you got here") < text.index("2. Is it money or a voucher? - Yes")


# --- keys mean what they mean in the app -------------------------------------------------------------------


def test_t_is_the_whole_tree_at_a_question_and_the_outcome():
    script = play("gifts_small", "t", "n", "y", "t", "q")
    assert script.text.count("Q1. Could anyone be pressuring them over money?") == 2
    assert "#" not in script.text and "**" not in script.text, "Markdown marks read out"
    assert "Topics:" not in script.text


def test_n_at_the_outcome_is_a_new_dilemma_and_enter_is_not():
    def ask(message, validate):
        if message.startswith("What next?"):
            assert validate("") is not True, "a stray Enter would wipe the advice"
            assert validate("n") is True and validate("s") is True
            return "n"
        return replies.pop(0)

    replies = ["gifts_small", "n", "y", "q"]
    events = []
    prompter = Prompter(ask=ask, say=events.append, clear=lambda: events.append("<CLEAR>"))
    assert run_plain(good_catalog(), Organisation(), None, prompter) == 0
    assert events.count("<CLEAR>") == 2  # the walk, on n; then quitting


def test_r_restarts_the_topic():
    script = play("gifts_small", "n", "r", "n", "y", "q")
    assert script.text.count("Question 1: Could anyone be pressuring") == 2


# --- the walk itself -------------------------------------------------------------------------------------------


def test_walks_to_the_outcome_with_back_and_no_save():
    script = play("small gifts", "n", "y", "b", "y", "q")
    assert "Opening: Small gifts" in script.text
    assert "Question 2: Is it money or a voucher?" in script.text
    assert "Who to tell:" in script.text
    assert records.list_records() == []


def test_saves_a_record_when_asked():
    script = play("gifts_small", "y", "s", "", "q")
    (record,) = records.list_records()
    assert record.topic == "gifts_small" and f"Saved: {record.path}" in script.text
    assert "s = save" not in script.asked[-1], "offered to save the same advice twice"
    assert "What happened" not in records.record_text(record.path), "an empty note adds nothing"


def test_saves_the_note_typed_at_the_save_prompt():
    script = play("gifts_small", "y", "s", "Dad offered \x1b[2J£10 at the gate", "q")
    (record,) = records.list_records()
    assert "What happened:\nDad offered [2J£10 at the gate\n" in records.record_text(record.path)
    assert any(NOTE_PROMPT in asked for asked in script.asked)


def test_ctrl_d_at_the_note_saves_nothing():
    script = play("gifts_small", "y", "s", None, "q")
    assert records.list_records() == [] and "Not saved." in script.text


def test_not_sure_is_refused_where_not_offered():
    replies, refused = ["1", "n"], []

    def ask(message, validate):
        if message.startswith("Answer (y = yes, n = no;"):  # question 2 takes no "not sure"
            refused.append(validate("u"))
            return "q"
        return replies.pop(0)

    run_plain(good_catalog(), Organisation(), prompter=Prompter(ask=ask, say=lambda s: None))
    assert refused == ["Type y or n (? for help)"]


def test_topic_given_on_the_command_line():
    script = play("q", topic="gifts_small")
    assert script.asked[0].startswith("Answer (") and "Small gifts" in script.text


def test_unknown_topic_words_are_refused_with_a_hint():
    def ask(message, validate):
        assert "No topic matches" in validate("zzzz") and "? for the list" in validate("zzzz")
        return "q"

    assert run_plain(good_catalog(), Organisation(), prompter=Prompter(ask=ask, say=lambda s: None)) == 0


def test_plain_text_wraps_to_the_terminal_under_its_text():
    from boundary_tui.plain import wrap_for_terminal

    text = "  1. Thank them and explain kindly that staff aren't allowed to accept presents.\n\nShort."
    assert wrap_for_terminal(text, 40) == (
        "  1. Thank them and explain kindly that\n     staff aren't allowed to accept\n     presents.\n\nShort."
    )


def test_a_line_holding_a_long_path_is_left_whole():
    from boundary_tui.plain import wrap_for_terminal

    line = "Saved: /home/someone/.local/share/boundary-check/records/20261123-101500-gifts.md"
    assert wrap_for_terminal(line, 40) == line


def test_words_that_fit_a_situation_open_it_with_its_answers_read_out():
    script = play("a parent offered me a voucher", "n", "q")
    text = script.text
    assert "Opening: Someone offered you money or a voucher" in text
    assert "Question 1: Could anyone be pressuring them over money?" in text
    # The situation's answer is said out loud, not decided unseen, and is not counted as a question asked.
    assert "From the situation you picked (Someone offered you money or a voucher):" in text
    assert "  Is it money or a voucher? - Yes" in text
    assert "Question 2" not in text
    assert "DON'T: Don't accept money." in text


# --- practice keys, as on the app's comparison screen ------------------------------------------------------------


def test_practice_b_goes_back_into_the_story_and_s_saves_once():
    script = Script("1", "n", "n", "b", "y", "s", "q")
    assert run_practice(good_catalog(), Organisation(), prompter=script.prompter()) == 0
    text = script.text
    assert "You reached:    DON'T" in text and "Same as the policy: DON'T" in text
    assert "s = save" not in script.asked[-1] and len(records.list_records()) == 1
