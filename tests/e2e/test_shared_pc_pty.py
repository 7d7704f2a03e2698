"""A shared office PC, in a real pseudo-terminal: the blank key in plain mode, signals, nothing left behind."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from .terminal import COMMAND, LEAVE_ALT_SCREEN, Terminal, pexpect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not COMMAND.exists(), reason=f"{COMMAND} is not installed"),
]


def test_ctrl_b_in_plain_mode_clears_the_screen_and_the_scrollback(fixture_env):
    with Terminal(["--plain"], fixture_env) as term:
        term.wait_for("Which topic")
        term.send("gifts_small\r")
        term.wait_for("Could anyone be pressuring them over money?")
        assert "Small gifts" in term.text
        start = len(term.raw)
        term.send("\x02")  # Ctrl+B
        term.wait_for("Answer (")
        deadline = time.monotonic() + 5
        while "Small gifts" in term.text and time.monotonic() < deadline:
            term.pump()
        assert "Small gifts" not in term.text and "Topics:" not in term.text, term.text
        assert b"\x1b[3J" in term.raw[start:], "the scrollback was not asked to clear"
        term.send("n\r")  # the walk goes on where it was
        term.wait_for("Is it money or a voucher?")
        term.send("q\r")
        term.child.expect(pexpect.EOF, timeout=15)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_closes_the_app_and_restores_the_terminal(fixture_env, name):
    """Killed (a shutdown) or hung up (the window closed): the alternate screen is left, nothing printed after."""
    number = getattr(signal, name)
    with Terminal(["gifts_small"], fixture_env) as term:
        term.wait_for("Could anyone be pressuring them over money?")
        term.send("y")
        term.wait_for("New dilemma")
        term.send("c")  # a summary on the clipboard, which must not outlive the app
        term.wait_for("Asked the terminal")
        term.close_by_signal(number)
        raw = bytes(term.raw)
        assert LEAVE_ALT_SCREEN in raw, "the terminal was left on the alternate screen"
        after = raw.rsplit(LEAVE_ALT_SCREEN, 1)[1]
        assert b"Traceback" not in after and b"REPORT" not in after
        assert raw.rfind(b"\x1b]52;c;\x07") > raw.rfind(b"\x1b]52;c;I"), "the clipboard was not emptied"


def test_plain_mode_clears_an_unanswered_walk_and_clears_on_quit(fixture_env):
    config = Path(fixture_env["BOUNDARY_CHECK_CONFIG"])
    config.write_text(config.read_text() + "idle_minutes: 0.02\n")  # about a second
    with Terminal(["--plain"], fixture_env) as term:
        term.wait_for("Which topic")
        term.send("gifts_small\r")
        term.wait_for("Could anyone be pressuring them over money?")
        term.wait_for("Cleared after 0.02 minute(s)", timeout=30)
        term.wait_for("Which topic")
        assert "pressuring" not in term.text and b"\x1b[3J" in term.raw
        term.send("q\r")
        term.wait_until_closed()
        assert term.child.exitstatus == 0
        assert bytes(term.raw).rstrip().endswith(b"\x1b[H\x1b[2J\x1b[3J"), "quitting left the session on the screen"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_in_plain_mode_puts_the_terminal_back_and_clears_the_walk(fixture_env, name):
    number = getattr(signal, name)
    with Terminal(["--plain"], fixture_env) as term:
        term.wait_for("Which topic")
        term.send("gifts_small\r")
        term.wait_for("Answer (")  # drawn by prompt_toolkit: the terminal is in raw mode now
        start = len(term.raw)
        term.close_by_signal(number)
        tail = bytes(term.raw[start:])
        assert b"\x1b[?2004l" in tail, "prompt_toolkit did not put the terminal back"
        assert tail.rstrip().endswith(b"\x1b[H\x1b[2J\x1b[3J") and b"Traceback" not in tail
