"""The installed `boundary-check` in a real pseudo-terminal at 80x24, read through a terminal emulator.

Bundled content is still changing, so the topic is picked at run time from
`boundary-check list --format json`, and the walk answers No until a verdict
banner appears. pexpect drives the terminal; pyte keeps the screen so the test
reads what a person would see.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_tui.model import Verdict

from .terminal import COMMAND, Terminal

pytestmark = pytest.mark.e2e


def first_topic(env: dict[str, str]) -> str:
    listed = subprocess.run(
        [str(COMMAND), "list", "--format", "json"], capture_output=True, text=True, env=env, check=True
    )
    topics = json.loads(listed.stdout)
    if not topics:
        pytest.skip("no bundled topic loads at the moment")
    return topics[0]["id"]


@pytest.mark.skipif(not COMMAND.exists(), reason=f"{COMMAND} is not installed")
def test_walk_a_bundled_topic_to_an_outcome_go_back_and_quit(bundled_env):
    topic = first_topic(bundled_env)
    banners = [verdict.label for verdict in Verdict]
    with Terminal([topic], bundled_env) as term:
        term.wait_for("Question 1")
        verdict = None
        for number in range(2, 30):  # trees are acyclic, so No after No reaches an outcome
            term.send("n")
            found = term.wait_for(f"Question {number}", *banners)
            if found in banners:
                verdict = found
                break
        assert verdict, "never reached an outcome"
        term.wait_for("New dilemma")  # the outcome's footer, once the screen has settled
        assert "What to do" in term.text or "Policy" in term.text

        term.send("b")  # back to the last question
        term.wait_for(f"Question {number - 1}")
        term.wait_until_gone(verdict)  # the question's header can be painted before the banner is cleared

        assert term.finish("q") == "", "printed after exit"


@pytest.mark.skipif(not COMMAND.exists(), reason=f"{COMMAND} is not installed")
def test_practice_a_bundled_scenario_to_the_comparison(bundled_env):
    """`boundary-check scenarios`: the list, a story, No until the end, then the comparison and the tally."""
    with Terminal(["scenarios"], bundled_env) as term:
        term.wait_for("No scenarios tried yet")
        term.send("\r")
        term.wait_for("Question 1")
        for number in range(2, 30):
            term.send("n")
            if term.wait_for(f"Question {number}", "This session:") == "This session:":
                break
        found = term.wait_for("same outcome as the policy", "different outcome from the policy")
        if found.startswith("different"):
            assert "Where it parted" in term.text or "No one answer" in term.text
        assert re.search(r"This session: [01] of 1 scenario matched", term.text)
        assert term.finish("q") == "", "printed after exit"


CRASHING_APP = """
import sys
from boundary_tui.app.app import make_app

app = make_app(topic=sys.argv[1])

def crash():
    walk_detail = "a walk detail that must not be printed"
    raise RuntimeError("a message that must not be printed")

app.action_crash = crash
app.bind("x", "crash")
app.run()
sys.exit(app.return_code)
"""


@pytest.mark.skipif(not COMMAND.exists(), reason=f"{COMMAND} is not installed")
@pytest.mark.parametrize("debug", [False, True])
def test_a_crash_prints_one_line_not_the_walk(bundled_env, tmp_path, debug):
    """Textual's crash report lists local variables after the app closes; on a shared PC it must not."""
    script = tmp_path / "crashing_app.py"
    script.write_text(CRASHING_APP)
    env = {**bundled_env, "BOUNDARY_CHECK_DEBUG": "1"} if debug else bundled_env
    with Terminal([str(script), first_topic(env)], env, command=Path(sys.executable)) as term:
        term.wait_for("Question 1")
        after = term.finish("x", exit_code=1)
    if debug:  # for developers: Textual's full report
        assert "a walk detail that must not be printed" in after
    else:
        assert "boundary-check stopped because of a fault in the program (RuntimeError)" in after
        assert "must not be printed" not in after and "Traceback" not in after
