"""Hostile or broken content is inert: no terminal control reaches any output, no special file hangs or crashes.

A tree folder or a config can come from anywhere. An audit saw escape
sequences in a tree clear the screen, set the window title and set the
clipboard; a symlink loop gave a traceback in every command; a FIFO hung
every command; a link to /dev/zero grew memory without limit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_tui import records
from boundary_tui.catalog import load_catalog
from boundary_tui.cli import main
from boundary_tui.safetext import UNSAFE, clean

from .helpers import GOOD

# Written as YAML escapes in double quotes, as a hostile author would: the file itself is plain text.
TITLE_SET = r"\e]0;pwned\a"  # set the window title
CLIPBOARD = r"\e]52;c;aGVsbG8=\a"  # put 'hello' on the clipboard
CLEAR = r"\e[2J\e[H"  # clear the screen
C1_CSI = r"\x9b31m"  # the one-byte CSI of C1
RLO = r"\u202E"  # right-to-left override
ISOLATE = r"\u2066"


def hostile_tree(folder: Path) -> None:
    text = (GOOD / "gifts_small.yaml").read_text()
    text = text.replace("title: Small gifts", f'title: "Small {TITLE_SET}gifts{CLIPBOARD}"')
    text = text.replace("ask: Is it money or a voucher?", f'ask: "Is it money{CLEAR} or a voucher?"')
    text = text.replace("headline: Don't accept money.", f'headline: "Don\'t accept {RLO}money."')
    text = text.replace("do: [Decline politely.]", f'do: ["Decline {C1_CSI}politely."]')
    text = text.replace("record: What was offered.", f'record: "What was {ISOLATE}offered."', 1)
    (folder / "gifts_small.yaml").write_text(text)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A tree folder with escapes in a tree, a contact and a file name, and a config pointing at it."""
    trees = tmp_path / "trees"
    trees.mkdir()
    shutil.copy(GOOD / "_registry.yaml", trees)
    shutil.copy(GOOD / "texting.yaml", trees)
    hostile_tree(trees)
    (trees / "\x1b]0;named\x07evil\u202e.yaml").write_text("id: [broken\n")
    config = tmp_path / "config.yaml"
    config.write_text(
        f"trees: [{trees}]\nbundled_trees: false\n"
        f'organisation: "St Mary\'s{TITLE_SET}"\n'
        f'contacts:\n  dsl:\n    name: "Mrs A. Patel{CLIPBOARD}"\n    contact: "ext 214{RLO}"\n'
    )
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))
    return tmp_path


def assert_inert(text: str, where: str) -> None:
    found = UNSAFE.findall(text)
    assert not found, f"{where}: {[hex(ord(c)) for c in found]} reached the output"


COMMANDS = [
    ["list"],
    ["list", "--format", "json"],
    ["find", "gift"],
    ["show", "gifts_small"],
    ["show", "gifts_small", "--format", "markdown"],
    ["show", "gifts_small", "--format", "mermaid"],
    ["show", "gifts_small", "--format", "json"],
    ["walk", "gifts_small", "--answers", "n,y"],
    ["walk", "gifts_small", "--answers", "n,y", "--format", "markdown"],
    ["walk", "gifts_small", "--answers", "n,y", "--format", "json"],
    ["walk", "gifts_small", "--answers", "y"],
    ["config"],
    ["config", "--check"],
    ["validate"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_no_escape_sequence_reaches_any_command_output(capsys, hostile, argv):
    main(argv)
    out, err = capsys.readouterr()
    assert_inert(out, "stdout")
    assert_inert(err, "stderr")


def test_the_hostile_tree_is_still_offered_with_its_text_cleaned(capsys, hostile):
    assert main(["walk", "gifts_small", "--answers", "n,y"]) == 0
    out = capsys.readouterr().out
    assert "Small ]0;pwnedgifts]52;c;aGVsbG8=" in out and "Is it money[2J[H or a voucher?" in out
    assert "Don't accept money." in out and "Decline 31mpolitely." in out and "What was offered." in out


def test_records_and_the_plain_and_app_text_are_cleaned_at_load(capsys, hostile):
    """Every front-end reads the same loaded catalog: one cleaning at load covers the app, plain mode and records."""
    assert main(["walk", "gifts_small", "--answers", "n,y", "--save"]) == 0
    (record,) = records.list_records()
    from boundary_tui.document import docx_text

    assert_inert(docx_text(record.path), "the saved record")  # what the document itself holds, before `records show`
    assert main(["records", "show", "1"]) == 0
    assert_inert(capsys.readouterr().out, "records show")
    from boundary_tui.config import load_config

    loaded = load_config(Path(os.environ["BOUNDARY_CHECK_CONFIG"]), Path("/nonexistent"), Path("/nonexistent"))
    catalog = load_catalog(loaded.organisation)
    tree = catalog.trees["gifts_small"]
    texts = [tree.title, tree.summary, *(q.ask for q in tree.questions.values() if hasattr(q, "ask"))]
    texts += [o.headline for o in tree.outcomes.values()] + [d for o in tree.outcomes.values() for d in o.do]
    texts += [loaded.organisation.name, *(str(c) for c in loaded.organisation.contacts.values())]
    for text in texts:
        assert_inert(text, repr(text))
    assert all(not UNSAFE.search(p.path) for p in catalog.problems), "a file name kept its escapes"


def test_validate_and_config_check_report_each_character_with_its_line(capsys, hostile):
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "gifts_small.yaml" in line and "could control the terminal" in line]
    places = sorted(line.split(": ", 1)[0].rsplit("gifts_small.yaml:", 1)[1] for line in lines)
    assert len(lines) == 5, out
    assert "U+001B (escape), U+0007 (bell)" in out and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in out
    assert "U+009B (CSI)" in out and "U+2066 (LEFT-TO-RIGHT ISOLATE)" in out
    assert all(place.count(":") == 1 for place in places), places  # file:line:column
    assert main(["config", "--check"]) == 1
    out = capsys.readouterr().out
    config_lines = [line for line in out.splitlines() if "config.yaml:" in line]
    assert len(config_lines) == 3 and all("could control the terminal" in line for line in config_lines), out
    assert main(["config"]) == 0
    assert "Mrs A. Patel]52;c;aGVsbG8=" in capsys.readouterr().out, "the rest of the config still counts"


def test_a_raw_escape_byte_is_one_problem_with_its_line(capsys, tmp_path):
    bad = tmp_path / "raw.yaml"
    bad.write_bytes(b"id: raw\ntitle: Raw \x1b[2J title\n")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert ":2:12: the file holds U+001B (escape), a control character that is not allowed" in out
    assert_inert(out, "validate")


# --- special files: one clear line each, never a hang or a traceback -------------------------


@pytest.fixture
def special(tmp_path):
    """A tree folder holding every kind of thing that is not a tree file, plus one good .yml tree."""
    trees = tmp_path / "trees"
    trees.mkdir()
    shutil.copy(GOOD / "_registry.yaml", trees)
    shutil.copy(GOOD / "gifts_small.yaml", trees)
    shutil.copy(GOOD / "texting.yaml", trees)
    text = (GOOD / "texting.yaml").read_text().replace("id: texting", "id: texting_yml")
    (trees / "texting_yml.yml").write_text(text.replace("title: Texting", "title: Texting from a yml file"))
    (trees / "loop.yaml").symlink_to("loop.yaml")
    (trees / "zero.yaml").symlink_to("/dev/zero")
    (trees / "folder.yaml").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(trees / "fifo.yaml")
    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{trees}]\nbundled_trees: false\n")
    return config


def run_command(config: Path, *argv: str) -> subprocess.CompletedProcess:
    """The real command in a child process: a hang fails the test (timeout) instead of stopping the run."""
    env = dict(os.environ, BOUNDARY_CHECK_CONFIG=str(config))
    return subprocess.run(
        [sys.executable, "-m", "boundary_tui", *argv], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize(
    "argv",
    [["list"], ["validate"], ["show", "gifts_small"], ["walk", "gifts_small", "--answers", "y"], ["config", "--check"]],
    ids=" ".join,
)
def test_special_files_in_a_tree_folder_never_hang_or_crash(special, argv):
    done = run_command(special, *argv)
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    if argv == ["validate"]:
        assert done.returncode == 1
        problems = done.stdout.splitlines()
        for name, words in [
            ("loop.yaml", "cannot read the file: Too many levels of symbolic links"),
            ("zero.yaml", "this is a device, not a file: skipped"),
            ("folder.yaml", "this is a folder, not a file: skipped"),
            ("fifo.yaml", "this is a named pipe (FIFO), not a file: skipped"),
        ]:
            if name == "fifo.yaml" and not hasattr(os, "mkfifo"):
                continue
            (line,) = [p for p in problems if p.split(":")[0].endswith(name)]
            assert line.endswith(words), line
    if argv == ["list"]:
        assert "Texting from a yml file" in done.stdout, ".yml files are read, not silently ignored"
        assert f"{4 if hasattr(os, 'mkfifo') else 3} file(s) have problems" in done.stderr


def test_a_fifo_config_file_is_a_problem_not_a_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    config = tmp_path / "fifo-config.yaml"
    os.mkfifo(config)
    done = run_command(config, "config", "--check")
    assert done.returncode == 1 and "named pipe (FIFO), not a file: skipped" in done.stdout, done


def test_an_unreadable_tree_folder_is_one_line_in_every_command(capsys, tmp_path, monkeypatch):
    """Simulated (the tests may run as root, who can read anything): scandir refused for one folder."""
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(GOOD / "gifts_small.yaml", locked)
    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{GOOD}, {locked}]\nbundled_trees: false\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"{locked}: cannot read the folder: Permission denied" in out
    assert main(["list"]) == 0
    err = capsys.readouterr().err
    assert "locked" in err and "Traceback" not in err, "the app's topics must not silently lose a folder"


def test_clean_keeps_text_newlines_and_tabs():
    assert clean("a\tb\nc\x1b[2J\x07\u202e") == "a\tb\nc[2J"
    assert json.dumps(clean("ok")) == '"ok"'


def test_a_config_init_that_cannot_write_is_one_line(capsys, monkeypatch, tmp_path):
    from boundary_tui import paths

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be")
    monkeypatch.setattr(paths, "user_config_file", lambda: blocked / "config.yaml")
    assert main(["config", "--init"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(blocked) in err and "Traceback" not in err


def test_a_raw_bidi_override_with_no_backslash_in_the_file_is_still_found(tmp_path):
    from boundary_tui.yamlread import read_file

    path = tmp_path / "raw_bidi.yaml"
    path.write_text("title: Gifts \u202eevil\nsummary: plain\n", encoding="utf-8")
    read = read_file(path)
    assert read.value == {"title": "Gifts evil", "summary": "plain"}
    (problem,) = read.problems
    assert (problem.line, problem.code) == (1, "control-character") and not read.failed


def test_a_tampered_record_is_listed_and_shown_as_inert_text(capsys, tmp_path, monkeypatch):
    from boundary_tui import paths

    folder = paths.records_dir()
    folder.mkdir(parents=True)
    meta = '{"topic": "gifts\\u001b]0;pwned\\u0007", "verdict": "ok\\u202e", "created": "2026-11-23T14:05:00+00:00"}'
    (folder / "20261123-140500-gifts.md").write_text(f"<!-- boundary-check record {meta} -->\n# Gifts\x1b[2J\n")
    assert main(["records", "list"]) == 0
    out = capsys.readouterr().out
    assert "gifts]0;pwned" in out
    assert_inert(out, "records list")
    assert main(["records", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert out == "# Gifts[2J\n"
