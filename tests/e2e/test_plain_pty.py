"""Plain mode and the TERM=dumb fallback, driven in a real pseudo-terminal like a person would."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from boundary_tui import records

pexpect = pytest.importorskip("pexpect")
if not hasattr(pexpect, "spawn"):  # Windows: pexpect imports there, but has no pseudo-terminal to spawn in
    pytest.skip("pexpect cannot spawn a pseudo-terminal on this platform", allow_module_level=True)

COMMAND = Path(sys.executable).parent / "boundary-check"
FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "good"


def spawn(tmp_path, *args, term="xterm-256color"):
    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{FIXTURES}]\nbundled_trees: false\n")
    env = dict(os.environ, TERM=term, BOUNDARY_CHECK_CONFIG=str(config), NO_COLOR="1")
    command = str(COMMAND) if COMMAND.exists() else shutil.which("boundary-check")
    return pexpect.spawn(command, list(args), env=env, dimensions=(24, 80), encoding="utf-8", timeout=30)


@pytest.mark.e2e
@pytest.mark.parametrize("args, term", [(("--plain",), "xterm-256color"), ((), "dumb")])
def test_plain_walk_to_an_outcome_and_save(tmp_path, isolated_dirs, args, term):
    child = spawn(tmp_path, *args, term=term)
    child.expect("Which topic")
    child.sendline("gifts_small")
    child.expect("Could anyone be pressuring them over money")
    child.sendline("n")
    child.expect("Is it money or a voucher")
    child.sendline("y")
    child.expect("DON'T: Don't accept money")
    child.expect("Save a record")
    child.sendline("y")
    child.expect("What happened")
    child.sendline("Offered a fiver")
    child.expect("Saved: ")
    child.expect("another dilemma")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (record,) = records.list_records()
    assert record.topic == "gifts_small" and "Offered a fiver" in records.record_text(record.path)


@pytest.mark.e2e
def test_plain_practice_enter_goes_on_and_ctrl_d_leaves_quietly(tmp_path, isolated_dirs):
    child = spawn(tmp_path, "scenarios", "--plain")
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
