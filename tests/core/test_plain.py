"""Plain mode's logic with a scripted prompter: the same walk, one line at a time."""

from boundary_tui import records
from boundary_tui.config import Organisation
from boundary_tui.plain import Prompter, run_plain

from .helpers import good_catalog


class Script:
    """Answers prompts in order, checking each one the validator would accept; keeps what was said."""

    def __init__(self, replies, confirms):
        self.replies, self.confirms, self.said = list(replies), list(confirms), []

    def prompter(self):
        def ask(message, validate):
            reply = self.replies.pop(0)
            assert validate(reply) is True, (message, reply, validate(reply))
            return reply

        return Prompter(ask=ask, confirm=lambda message: self.confirms.pop(0), say=self.said.append)

    @property
    def text(self):
        return "\n".join(self.said)


def test_walks_to_the_outcome_with_back_and_no_save(isolated_dirs):
    script = Script(["small gifts", "n", "y", "b", "y"], [False, False])
    assert run_plain(good_catalog(), Organisation(), prompter=script.prompter()) == 0
    assert "Opening: Small gifts" in script.text
    assert "Question 2: Is it money or a voucher?" in script.text
    assert "✖ DON'T: Don't accept money." in script.text and "Who to tell:" in script.text
    assert records.list_records() == []


def test_saves_a_record_when_asked(isolated_dirs):
    script = Script(["gifts_small", "y", ""], [True, False])
    run_plain(good_catalog(), Organisation(), prompter=script.prompter())
    (record,) = records.list_records()
    assert record.topic == "gifts_small" and f"Saved: {record.path}" in script.text
    assert "What happened" not in records.record_text(record.path), "an empty note adds nothing"


def test_saves_the_note_typed_at_the_save_prompt(isolated_dirs):
    script = Script(["gifts_small", "y", "Dad offered \x1b[2J£10 at the gate"], [True, False])
    run_plain(good_catalog(), Organisation(), prompter=script.prompter())
    (record,) = records.list_records()
    assert "What happened:\nDad offered [2J£10 at the gate\n" in records.record_text(record.path)


def test_ctrl_d_at_the_note_saves_nothing(isolated_dirs):
    script = Script(["gifts_small", "y", None], [True, False])
    run_plain(good_catalog(), Organisation(), prompter=script.prompter())
    assert records.list_records() == [] and "Not saved." in script.text


def test_not_sure_is_refused_where_not_offered():
    script = Script(["1", "n"], [])
    replies = []

    def ask(message, validate):
        if script.replies:
            return script.replies.pop(0)
        replies.append(validate("u"))
        return "q"

    run_plain(
        good_catalog(), Organisation(), prompter=Prompter(ask=ask, confirm=lambda m: False, say=script.said.append)
    )
    assert replies and replies[0] is not True and "y = yes" in replies[0]


def test_topic_given_on_the_command_line_and_topics_key(isolated_dirs):
    script = Script(["t", "q"], [])
    assert run_plain(good_catalog(), Organisation(), topic="gifts_small", prompter=script.prompter()) == 0
    assert "Small gifts: A small tree used by the tests." in script.text and "Topics:" in script.text


def test_unknown_topic_words_are_refused_with_a_hint():
    def ask(message, validate):
        assert "No topic matches" in validate("zzzz")
        return "q"

    assert (
        run_plain(
            good_catalog(), Organisation(), prompter=Prompter(ask=ask, confirm=lambda m: False, say=lambda s: None)
        )
        == 0
    )


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


def test_words_that_fit_a_situation_open_it_with_its_answers_read_out(isolated_dirs):
    script = Script(["a parent offered me a voucher", "n"], [False, False])
    assert run_plain(good_catalog(), Organisation(), prompter=script.prompter()) == 0
    text = script.text
    assert "Opening: Someone offered you money or a voucher" in text
    assert "Question 1: Could anyone be pressuring them over money?" in text
    # The situation's answer is said out loud, not decided unseen, and is not counted as a question asked.
    assert "From the situation you picked (Someone offered you money or a voucher):" in text
    assert "  Is it money or a voucher? - Yes" in text
    assert "Question 2" not in text
    assert "✖ DON'T: Don't accept money." in text
