"""The installed `boundary-check` in a real pseudo-terminal, and the screen a person would see.

Shared by the pty tests. pexpect drives the terminal; pyte keeps the screen.
Importing this module skips the importing test module where there is no
pseudo-terminal to spawn in (Windows), rather than erroring at collection.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
if not hasattr(pexpect, "spawn"):  # Windows: pexpect imports there, but has no pseudo-terminal to spawn in
    pytest.skip("pexpect cannot spawn a pseudo-terminal on this platform", allow_module_level=True)
pyte = pytest.importorskip("pyte")

COMMAND = Path(sys.executable).parent / "boundary-check"
COLUMNS, LINES = 80, 24
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
CONTROL = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>78]|[\r\n\x07]")


class Terminal:
    """A child process in an 80x24 pty, and the screen it has drawn so far."""

    def __init__(self, args: list[str], env: dict[str, str], command: Path = COMMAND) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        env = {**env, "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
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

    def wait_until_gone(self, word: str, timeout: float = 15.0) -> None:
        """Read until the screen no longer shows `word` (a screen is repainted in pieces)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if word not in self.text:
                return
        raise AssertionError(f"{word!r} still on screen after {timeout}s:\n{self.text}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def wait_until_closed(self) -> None:
        """Wait for the child to end, keep the last bytes it wrote, and collect its exit status."""
        self.child.expect(pexpect.EOF, timeout=15)
        self.raw.extend(self.child.before or b"")
        self.child.close()

    def close_by_signal(self, number: int) -> None:
        """Send a signal as a shutdown or a closed window would; the program must close, not die of it.

        A shell reports a program that closed on a signal as 128 + the signal.
        """
        self.child.kill(number)
        self.wait_until_closed()
        assert self.child.signalstatus is None, f"the process died of signal {number} instead of closing"
        assert self.child.exitstatus == 128 + number

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
