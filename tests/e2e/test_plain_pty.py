"""Plain mode and the TERM=dumb fallback, driven in a real pseudo-terminal like a person would."""

import shutil

import pytest

from boundary_tui import records

from .terminal import COLUMNS, COMMAND, LINES, pexpect


def spawn(fixture_env, *args, term="xterm-256color", encoding="utf-8"):
    """The command over the fixture trees, read as lines (no screen: plain mode writes lines); bytes if encoding=None."""
    env = dict(fixture_env, TERM=term, NO_COLOR="1")
    command = str(COMMAND) if COMMAND.exists() else shutil.which("boundary-check")
    return pexpect.spawn(command, list(args), env=env, dimensions=(LINES, COLUMNS), encoding=encoding, timeout=30)


@pytest.mark.e2e
@pytest.mark.parametrize("args, term", [(("--plain",), "xterm-256color"), ((), "dumb")])
def test_plain_walk_to_an_outcome_and_save(fixture_env, args, term):
    child = spawn(fixture_env, *args, term=term)
    child.expect("Which topic")
    child.sendline("gifts_small")
    child.expect("Could anyone be pressuring them over money")
    child.sendline("n")
    child.expect("Is it money or a voucher")
    child.sendline("y")
    child.expect("DON'T: Don't accept money")
    child.expect("What next")
    child.sendline("s")
    child.expect("What happened")
    child.sendline("Offered a fiver")
    child.expect("Saved: ")
    child.expect("What next")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (record,) = records.list_records()
    assert record.topic == "gifts_small" and "Offered a fiver" in records.record_text(record.path)


class Reader:
    """What a person hears, in order: every wait must find its words after the last ones heard."""

    def __init__(self, child):
        self.child, self.heard = child, b""

    def hear(self, words: str) -> None:
        self.child.expect_exact(words.encode())
        self.heard += self.child.before + self.child.after

    def answer(self, reply: str) -> None:
        self.child.sendline(reply.encode())


@pytest.mark.e2e
def test_a_dumb_terminal_hears_everything_in_order_with_no_escape_bytes(fixture_env):
    """TERM=dumb, as a screen reader's terminal may be: first prompt, a walk, back, topics, quit - nothing else."""
    child = spawn(fixture_env, term="dumb", encoding=None)
    person = Reader(child)
    # The question and its instruction come first: nothing at all is printed before them.
    person.hear("Which topic? In a few words, what happened? (? for the list, q quits): ")
    assert person.heard.strip().startswith(b"Which topic?"), person.heard
    person.answer("?")
    person.hear("  1. Small gifts\r\n  2. Texting\r\n")
    person.hear("Which topic?")
    person.answer("gifts_small")
    person.hear("At every prompt: ? says what you can type, b goes back")
    person.hear("Question 1: Could anyone be pressuring them over money?")
    person.hear("Answer (y = yes, n = no, u = not sure; ? for other keys): ")
    person.answer("n")
    person.hear("Question 2: Is it money or a voucher?")
    person.answer("b")  # back
    person.hear("Question 1: Could anyone be pressuring them over money?")
    person.answer("n")
    person.hear("Question 2: Is it money or a voucher?")
    person.answer("y")
    person.hear("DON'T: Don't accept money.")  # the verdict first, in words...
    person.hear("How you got here: Small gifts (version 2)")  # ...then the recap
    person.hear("  2. Is it money or a voucher? - Yes")
    person.hear("What next? (n = new dilemma, s = save, b = back, q = quit): ")
    person.answer("topics")
    person.hear("Which topic?")
    person.answer("1")
    person.hear("Opening: Small gifts")
    person.hear("Question 1: Could anyone be pressuring them over money?")
    person.answer("q")
    child.expect(pexpect.EOF)
    person.heard += child.before
    child.close()
    assert child.exitstatus == 0
    assert b"\x1b" not in person.heard, "an escape sequence was sent to a dumb terminal"
    assert person.heard.count(b"Which topic?") == 3, "a prompt was drawn twice"
    assert person.heard.count(b"Question 2: Is it money") == 2 and b"Traceback" not in person.heard
    assert person.heard.count(b"At every prompt") == 1, "the keys were said more than once"
    for symbol in ("✖", "‼", "✔", "✎"):
        assert symbol.encode() not in person.heard
    assert records.list_records() == []


@pytest.mark.e2e
def test_ctrl_c_in_a_dumb_terminal_asks_before_quitting(fixture_env):
    child = spawn(fixture_env, "gifts_small", term="dumb")
    child.expect("Could anyone be pressuring them over money")
    child.expect_exact("? for other keys): ")
    child.sendintr()
    child.expect_exact("Ctrl+C: quit boundary-check? y quits, Enter carries on where you were: ")
    child.sendline("")
    child.expect_exact("? for other keys): ")  # the same question, asked again
    child.sendline("y")
    child.expect("DON'T|REPORT")
    child.expect_exact("What next?")
    child.sendintr()
    child.expect_exact("Ctrl+C: quit boundary-check?")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Traceback" not in child.before


@pytest.mark.e2e
def test_plain_practice_enter_goes_on_and_ctrl_d_leaves_quietly(fixture_env):
    child = spawn(fixture_env, "scenarios", "--plain")
    child.expect("Which scenario")
    child.sendline("1")
    child.expect(r"Answer \(")
    child.sendline("n")
    child.expect("Is it money or a voucher")
    child.sendline("y")
    child.expect("Same as the policy")
    child.expect(r"Next\? Enter for 2\. A pen as a thank-you")
    assert child.expect(["A resident gives me a pen", pexpect.TIMEOUT], timeout=1) == 1, "an Enter spilled over"
    child.sendline("")
    child.expect("A resident gives me a pen")
    child.expect("Answer")
    child.sendeof()  # Ctrl+D: leave, with no traceback
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before and "Type a number" not in child.before
    assert records.list_records() == []


@pytest.mark.e2e
def test_escape_at_a_question_goes_to_the_topics_and_arrow_keys_do_not(fixture_env):
    child = spawn(fixture_env, "--plain", "gifts_small")
    child.expect(r"Answer \(")
    child.send("x\x1b[Dy\x1b[C")  # typing, with the cursor moved by the arrow keys
    assert child.expect(["Which topic", pexpect.TIMEOUT], timeout=1) == 1, "an arrow key left the question"
    child.send("\x15")  # Ctrl+U: the typing is gone
    child.send("\x1b")
    child.expect("Which topic")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
