"""The installed `boundary-check` in a real pseudo-terminal at 80x24, read through a terminal emulator.

Bundled content is still changing, so the topic is picked at run time from
`boundary-check list --format json`, and the walk answers No until a verdict
banner appears. pexpect drives the terminal; pyte keeps the screen so the test
reads what a person would see.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from boundary_tui.model import Verdict

pexpect = pytest.importorskip("pexpect")
if not hasattr(pexpect, "spawn"):  # Windows: pexpect imports there, but has no pseudo-terminal to spawn in
    pytest.skip("pexpect cannot spawn a pseudo-terminal on this platform", allow_module_level=True)
pyte = pytest.importorskip("pyte")

COMMAND = Path(sys.executable).parent / "boundary-check"
COLUMNS, LINES = 80, 24
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
CONTROL = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>78]|[\r\n\x07]")

pytestmark = pytest.mark.e2e


class Terminal:
    """A child process in an 80x24 pty, and the screen it has drawn so far."""

    def __init__(self, args: list[str], env: dict[str, str], command: Path = COMMAND) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.child = pexpect.spawn(str(command), args, dimensions=(LINES, COLUMNS), env=env)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.05) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=seconds)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return
        self.raw.extend(data)
        self.stream.feed(data)

    def wait_for(self, *words: str, timeout: float = 15.0) -> str:
        """Read until the screen shows one of `words`; return the one found."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            for word in words:
                if word in self.text:
                    return word
        raise AssertionError(f"none of {words} on screen after {timeout}s:\n{self.text}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def wait_until_closed(self) -> None:
        """Wait for the child to end, keep the last bytes it wrote, and collect its exit status."""
        self.child.expect(pexpect.EOF, timeout=15)
        self.raw.extend(self.child.before or b"")
        self.child.close()

    def finish(self, keys: str, exit_code: int = 0) -> str:
        """Send the keys that end the app; check how it exited; return what it printed after leaving the screen.

        On a shared PC that should be nothing: the walk must not stay on the terminal.
        """
        self.send(keys)
        self.wait_until_closed()
        assert self.child.exitstatus == exit_code, self.text
        assert LEAVE_ALT_SCREEN in self.raw
        after = bytes(self.raw).rsplit(LEAVE_ALT_SCREEN, 1)[1]
        return CONTROL.sub(b"", after).decode("utf-8", "replace").strip()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BOUNDARY_CHECK_CONFIG"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CONFIG_DIRS", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        (tmp_path / name.lower()).mkdir()
        env[name] = str(tmp_path / name.lower())
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    env.pop("NO_COLOR", None)
    return env


def first_topic(env: dict[str, str]) -> str:
    listed = subprocess.run(
        [str(COMMAND), "list", "--format", "json"], capture_output=True, text=True, env=env, check=True
    )
    topics = json.loads(listed.stdout)
    if not topics:
        pytest.skip("no bundled topic loads at the moment")
    return topics[0]["id"]


@pytest.mark.skipif(not COMMAND.exists(), reason=f"{COMMAND} is not installed")
def test_walk_a_bundled_topic_to_an_outcome_go_back_and_quit(env):
    topic = first_topic(env)
    banners = [verdict.label for verdict in Verdict]
    with Terminal([topic], env) as term:
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
        assert verdict not in term.text

        assert term.finish("q") == "", "printed after exit"


@pytest.mark.skipif(not COMMAND.exists(), reason=f"{COMMAND} is not installed")
def test_practice_a_bundled_scenario_to_the_comparison(env):
    """`boundary-check scenarios`: the list, a story, No until the end, then the comparison and the tally."""
    with Terminal(["scenarios"], env) as term:
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
def test_a_crash_prints_one_line_not_the_walk(env, tmp_path, debug):
    """Textual's crash report lists local variables after the app closes; on a shared PC it must not."""
    script = tmp_path / "crashing_app.py"
    script.write_text(CRASHING_APP)
    if debug:
        env = {**env, "BOUNDARY_CHECK_DEBUG": "1"}
    with Terminal([str(script), first_topic(env)], env, command=Path(sys.executable)) as term:
        term.wait_for("Question 1")
        after = term.finish("x", exit_code=1)
    if debug:  # for developers: Textual's full report
        assert "a walk detail that must not be printed" in after
    else:
        assert "boundary-check stopped because of a fault in the program (RuntimeError)" in after
        assert "must not be printed" not in after and "Traceback" not in after
