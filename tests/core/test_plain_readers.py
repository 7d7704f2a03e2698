"""The two line readers plain mode uses: questionary on a capable terminal, a plain reader with TERM=dumb."""

import io
import sys

import pytest

from boundary_tui import plain


class Keyboard(io.StringIO):
    """Standard input as a terminal would hand it over, a line at a time; raises what a key would."""

    def __init__(self, *lines):
        super().__init__()
        self.lines = list(lines)

    def readline(self, *args):
        line = self.lines.pop(0) if self.lines else ""
        if isinstance(line, BaseException):
            raise line
        return line

    def isatty(self):
        return False


def reader(monkeypatch, *lines):
    monkeypatch.setattr(sys, "stdin", Keyboard(*lines))
    return plain.basic_prompter(idle_seconds=None)


def test_the_basic_reader_prints_each_prompt_once_and_says_what_was_wrong(monkeypatch, capsys):
    prompter = reader(monkeypatch, "u\n", "y\n")
    reply = prompter.ask("Answer (y = yes, n = no):", lambda text: text in ("y", "n") or "Type y or n")
    out = capsys.readouterr().out
    assert reply == "y"
    assert out == "Answer (y = yes, n = no): Type y or n\nAnswer (y = yes, n = no): "
    assert "\x1b" not in out


def test_the_basic_reader_gives_none_at_the_end_of_input_and_interrupted_for_ctrl_c(monkeypatch, capsys):
    assert reader(monkeypatch, "").ask("Which?", lambda text: True) is None
    assert reader(monkeypatch, KeyboardInterrupt()).ask("Which?", lambda text: True) == plain.INTERRUPTED
    assert "\x1b" not in capsys.readouterr().out


def test_ctrl_b_typed_into_a_basic_terminal_clears_and_asks_again(monkeypatch, capsys):
    cleared = []
    monkeypatch.setattr(plain, "clear_screen", lambda: cleared.append(True))
    assert reader(monkeypatch, "gif\x02\n", "gifts\n").ask("Which topic?", lambda text: True) == "gifts"
    assert cleared == [True] and capsys.readouterr().out.count("Which topic?") == 2


def test_the_basic_reader_gives_up_after_the_idle_time(monkeypatch):
    import select

    monkeypatch.setattr(sys, "stdin", Keyboard("never read\n"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(select, "select", lambda r, w, x, timeout: ([], [], []))
    monkeypatch.setattr(plain, "_forget_typed_line", lambda: None)
    assert plain.basic_prompter(idle_seconds=60).ask("Which?", lambda text: True) == plain.IDLE


@pytest.mark.parametrize(
    "term, tty, basic",
    [("dumb", True, True), ("xterm-256color", True, False), ("xterm-256color", False, True), ("", True, True)],
)
def test_the_plain_reader_is_chosen_for_a_dumb_terminal_or_none(monkeypatch, term, tty, basic):
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: tty, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty, raising=False)
    chosen = plain.terminal_prompter(None)
    assert (chosen.ask.__qualname__.startswith("basic_prompter")) is basic


def test_questionary_is_not_even_imported_for_a_dumb_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delitem(sys.modules, "questionary", raising=False)
    plain.terminal_prompter(None)
    assert "questionary" not in sys.modules
