"""Windows, simulated: most shared office PCs run it, and CI here runs Linux.

Each test stands in for one thing Windows does differently: no os.fchmod
before Python 3.13, no TERM in its consoles, a code page that cannot encode
the verdict marks when output is redirected, and antivirus holding new files
(the rename retry is in test_records.py). What these cannot prove without a
real Windows machine is listed in the README, under For developers.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_tui import records, reports

from .helpers import GOOD, WHEN, finished_walk

ROOT = Path(__file__).resolve().parents[2]


def test_saving_works_without_os_fchmod(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "fchmod", raising=False)
    path = records.save_record(finished_walk(), tmp_path / "records", now=WHEN)
    assert records.list_records(path.parent)[0].path == path
    handout = records.write_text_atomically(tmp_path / "handout.md", "# handout\n")
    assert handout.read_text() == "# handout\n"


@pytest.mark.parametrize(
    "platform, term, plain",
    [
        ("win32", None, False),  # Windows Terminal and the classic console set no TERM
        ("win32", "xterm-256color", False),
        ("win32", "dumb", True),
        ("linux", None, True),
        ("linux", "dumb", True),
        ("linux", "xterm-256color", False),
        ("darwin", None, True),
    ],
)
def test_an_unset_term_means_a_basic_terminal_everywhere_but_windows(monkeypatch, platform, term, plain):
    monkeypatch.setattr(sys, "platform", platform)
    if term is None:
        monkeypatch.delenv("TERM", raising=False)
    else:
        monkeypatch.setenv("TERM", term)
    assert reports.basic_terminal() is plain


def run_redirected(tmp_path, encoding: str, *args: str) -> tuple[subprocess.CompletedProcess, bytes]:
    """The command in a child process with its output to a file, as Windows encodes a redirect."""
    out = tmp_path / "out.txt"
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    with out.open("wb") as stream:
        done = subprocess.run(
            [sys.executable, "-m", "boundary_tui", *args], stdout=stream, stderr=subprocess.PIPE, env=env, timeout=60
        )
    return done, out.read_bytes()


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp437"])
def test_redirected_output_in_a_windows_code_page_never_raises(tmp_path, fixture_config, encoding):
    done, out = run_redirected(tmp_path, encoding, "walk", "gifts_small", "--answers", "n,y")
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    text = out.decode(encoding)
    assert "DON'T: Don't accept money" in text and "Who to tell" in text
    assert "x DON'T" in text, "the verdict keeps an ASCII mark rather than a '?' that means ASK FIRST"


def test_the_plain_markdown_and_handouts_survive_cp1252(tmp_path, fixture_config):
    for args in (["walk", "gifts_small", "--answers", "n,y", "--format", "markdown"], ["show", "gifts_small"]):
        done, out = run_redirected(tmp_path, "cp1252", *args)
        assert done.returncode == 0 and out, done.stderr.decode(errors="replace")
        assert b"Traceback" not in done.stderr


def test_pty_tests_skip_cleanly_where_pexpect_cannot_spawn(tmp_path):
    """On Windows pexpect imports but has no `spawn`: the pty tests must skip, not error at collection."""
    fake = tmp_path / "fake" / "pexpect"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("# pexpect as installed on Windows: no spawn\nclass TIMEOUT(Exception): pass\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "fake"), str(ROOT)]))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "tests/e2e/test_plain_pty.py",
            "tests/e2e/test_tui_pty.py",
            "tests/e2e/test_shared_pc_pty.py",
            "-rs",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # 5: pytest collected nothing to run, as every module skipped itself; not 1 or 2 (failures, errors).
    assert done.returncode in (0, 5) and "error" not in done.stdout.lower(), done.stdout + done.stderr
    assert "skipped" in done.stdout and "passed" not in done.stdout, done.stdout


def test_reading_and_saving_work_without_posix_only_open_flags(tmp_path, monkeypatch):
    """O_NONBLOCK and O_NOFOLLOW do not exist on Windows."""
    from boundary_tui.catalog import load_catalog

    monkeypatch.delattr(os, "O_NONBLOCK", raising=False)
    monkeypatch.delattr(os, "O_NOFOLLOW", raising=False)
    catalog = load_catalog(folders=[GOOD])
    assert "gifts_small" in catalog.trees and not catalog.problems
    assert records.save_record(finished_walk(), tmp_path, now=WHEN).exists()
