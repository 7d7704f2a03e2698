"""Command output fits the terminal: wrapped at its width (80 into a pipe), words whole, JSON untouched.

Users reported lines of 100-250 characters, words broken by the terminal at
80 columns ("their f / amily"), garbled subcommand usage lines, and "the
answers ran out after 0" from `walk gifts` with no answers.
"""

import json
import os
import subprocess
import sys

import pytest

from boundary_tui.cli import COMMANDS, main

TEXT_COMMANDS = [
    ["list"],
    ["show", "gifts"],
    ["walk", "gifts", "--answers", "n,n,y,n"],
    ["walk", "gifts", "--answers", "n,n,y,n,n", "--set", "gift_acceptance=token_ok"],
    ["config"],
    ["find", "mum", "gave", "me", "a", "tenner", "at", "pick", "up"],
    ["scenarios", "--format", "text"],
]


def output(capsys, monkeypatch, columns: int, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def overlong(text: str, width: int) -> list[str]:
    """Lines wider than `width`, except a line holding one word (a path) too long for any line: kept whole, to copy."""
    return [line for line in text.splitlines() if len(line) > width and max(map(len, line.split())) <= width - 8]


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("argv", TEXT_COMMANDS, ids=" ".join)
def test_text_output_fits_the_terminal_with_every_word_whole(capsys, monkeypatch, argv, columns):
    fitted = output(capsys, monkeypatch, columns, *argv)
    assert overlong(fitted, columns) == []
    # The same words in the same order as on a very wide terminal: none broken, none lost.
    assert fitted.split() == output(capsys, monkeypatch, 1000, *argv).split()


def test_list_is_a_table_with_each_topics_words_in_their_own_column(capsys, monkeypatch):
    lines = output(capsys, monkeypatch, 80, "list").splitlines()
    assert lines[0].split() == ["Topic", "What", "it", "covers"]
    column = lines[0].index("What")
    gifts = next(n for n, line in enumerate(lines) if line.startswith("gifts "))
    assert lines[gifts][column:] == "Gifts, money and favours"
    below = lines[gifts + 1 : lines.index("", gifts)]
    assert len(below) > 1 and all(line[:column].isspace() and line[column] != " " for line in below)


def test_a_list_item_continues_under_its_text_not_its_number(capsys, monkeypatch):
    text = output(capsys, monkeypatch, 60, "walk", "gifts", "--answers", "n,n,y,n")
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("  1. Thank them"))
    assert lines[first + 1].startswith("     ") and not lines[first + 1].startswith("      ")


def test_json_is_never_wrapped(capsys, monkeypatch):
    for argv in (["list", "--format", "json"], ["walk", "gifts", "--answers", "n,n,y,n", "--format", "json"]):
        narrow = output(capsys, monkeypatch, 40, *argv)
        assert narrow == output(capsys, monkeypatch, 1000, *argv)
        json.loads(narrow)
    summary = json.loads(output(capsys, monkeypatch, 40, "list", "--format", "json"))[0]["summary"]
    assert len(summary) > 40, "a long summary is kept on its one line"


def test_output_into_a_pipe_is_wrapped_at_80_columns():
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    for argv in (["list"], ["show", "gifts"]):
        result = subprocess.run(
            [sys.executable, "-m", "boundary_tui", *argv], capture_output=True, text=True, env=env, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert overlong(result.stdout, 80) == []


def help_text(capsys, monkeypatch, columns: int, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_its_own_usage_line_and_an_example(capsys, monkeypatch, command):
    text = help_text(capsys, monkeypatch, 80, command)
    assert text.startswith(f"usage: boundary-check {command}")
    usage = text.split("\n\n")[0]
    assert "COMMAND" not in usage and "[-h]" not in usage, usage
    assert f"Example:\n  boundary-check {command}" in text
    assert overlong(help_text(capsys, monkeypatch, 60, command), 60) == []


def test_walk_usage_says_answers_are_needed(capsys, monkeypatch):
    usage = help_text(capsys, monkeypatch, 80, "walk").split("\n\n")[0]
    assert usage.startswith("usage: boundary-check walk TOPIC[/SITUATION] --answers yes,no,...")


def test_a_mistake_in_a_subcommand_points_at_its_own_help(capsys):
    assert main(["list", "--format", "xml"]) == 2
    assert "(see 'boundary-check list --help')" in capsys.readouterr().err


@pytest.mark.parametrize("answers", [[], ["--answers", ""], ["--answers", " "]])
def test_walk_without_answers_says_what_to_give(capsys, answers):
    assert main(["walk", "gifts", *answers]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "ran out" not in err
    assert "walk needs --answers" in err and "'boundary-check walk gifts --answers no,yes'" in err


@pytest.mark.parametrize("columns", [80, 60])
def test_records_show_fits_the_terminal_too(capsys, monkeypatch, columns):
    """A saved record read back in a terminal: the document's long lines wrapped like every other report."""
    assert main(["walk", "gifts", "--answers", "n,n,y,n", "--save", "--note", "Offered a tenner at pick up"]) == 0
    capsys.readouterr()
    shown = output(capsys, monkeypatch, columns, "records", "show", "1")
    assert "Offered a tenner at pick up" in shown and overlong(shown, columns) == []
