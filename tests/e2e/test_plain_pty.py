"""Plain mode and the TERM=dumb fallback, driven in a real pseudo-terminal like a person would."""

import shutil

import pytest

from boundary_tui import records

from .terminal import COLUMNS, COMMAND, LINES, pexpect


def spawn(fixture_env, *args, term="xterm-256color"):
    """The command over the fixture trees, read as text lines (no screen: plain mode writes lines)."""
    env = dict(fixture_env, TERM=term, NO_COLOR="1")
    command = str(COMMAND) if COMMAND.exists() else shutil.which("boundary-check")
    return pexpect.spawn(command, list(args), env=env, dimensions=(LINES, COLUMNS), encoding="utf-8", timeout=30)


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
    child.expect("Save a record")
    child.sendline("y")
    child.expect("Saved: ")
    child.expect("another dilemma")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (record,) = records.list_records()
    assert record.topic == "gifts_small"


@pytest.mark.e2e
def test_plain_practice_enter_goes_on_and_ctrl_d_leaves_quietly(fixture_env):
    child = spawn(fixture_env, "scenarios", "--plain")
    child.expect("Which scenario")
    child.sendline("1")
    child.expect(r"t = scenarios")
    child.sendline("n")
    child.expect("Is it money or a voucher")
    child.sendline("y")
    child.expect("Same as the policy")
    child.expect("Save a record of this practice")
    child.sendline("n")  # y or n then Enter, like every other prompt: the Enter must not spill over
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
