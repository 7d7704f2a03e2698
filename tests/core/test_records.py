"""Records: saved only on request, private, atomic, listable and clearable."""

import json
import os
import stat

import pytest

from boundary_tui import paths, records
from boundary_tui.cli import main
from boundary_tui.walk import Walk

from .helpers import WHEN, finished_walk, good_catalog


def test_record_content_and_modes(tmp_path):
    folder = tmp_path / "records"
    path = records.save_record(finished_walk(), folder, now=WHEN)
    text = records.record_text(path)
    assert path.suffix == ".docx"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Topic: Small gifts" in text and "version 2, tree file sha256" in text
    assert "Monday 23 November 2026, 14:05" in text
    assert "1. Could anyone be pressuring them over money? - No" in text
    assert "2. Is it money or a voucher? - Yes" in text
    assert "✖ DON'T: Don't accept money." in text and "Who to tell and how soon:" in text and "How soon: Today" in text
    assert "rsb 6.0 A - Residential and Short Breaks policy" in text


def test_saved_records_default_to_the_user_data_folder(isolated_dirs):
    path = records.save_record(finished_walk(), now=WHEN)
    assert path.parent == paths.records_dir()
    assert str(path).startswith(str(isolated_dirs / "XDG_DATA_HOME"))


def test_a_crash_mid_write_leaves_no_partial_record(tmp_path, monkeypatch):
    folder = tmp_path / "records"
    real_fsync = os.fsync

    def failing_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="disk full"):
        records.save_record(finished_walk(), folder, now=WHEN)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert list(folder.iterdir()) == []


def test_two_records_in_the_same_second_both_kept(tmp_path):
    first = records.save_record(finished_walk(), tmp_path, now=WHEN)
    second = records.save_record(finished_walk(), tmp_path, now=WHEN)
    assert first != second and len(records.list_records(tmp_path)) == 2


def test_unfinished_walk_cannot_be_saved(tmp_path):
    catalog = good_catalog()
    with pytest.raises(ValueError, match="only a walk that reached an outcome can be saved"):
        records.save_record(Walk(catalog.trees["gifts_small"], catalog.registry), tmp_path)


def test_records_commands(capsys, fixture_config, isolated_dirs):
    assert main(["walk", "gifts_small", "--answers", "y"]) == 0
    assert not paths.records_dir().exists(), "a walk that did not ask to save wrote to disk"
    capsys.readouterr()
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    assert "saved" in capsys.readouterr().err
    assert main(["records", "list", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (
        row["topic"] == "gifts_small"
        and row["verdict"] == "report_now"
        and set(row) == {"id", "path", "topic", "verdict", "created"}
    )
    assert main(["records", "show", "1"]) == 0
    assert capsys.readouterr().out.startswith("Professional boundary record\nTopic: Small gifts\n")
    assert main(["records", "show", "9"]) == 2
    assert main(["records", "clear", "--yes"]) == 0
    assert records.list_records() == []


def test_nothing_is_written_anywhere_without_save(capsys, fixture_config, isolated_dirs):
    before = sorted(p for p in isolated_dirs.rglob("*"))
    for argv in (
        ["list"],
        ["show", "gifts_small"],
        ["walk", "gifts_small", "--answers", "n,n,n"],
        ["config"],
        ["records"],
    ):
        main(argv)
    after = sorted(p for p in isolated_dirs.rglob("*"))
    # Only the catalog cache may appear: checked trees as JSON, nothing about a walk or a person.
    from boundary_tui import cache

    new = [p for p in after if p not in before]
    # One folder per cached catalog (an index and a file per topic), nothing else.
    assert all(
        p == cache.cache_dir()
        or (p.parent.parent == cache.cache_dir() and p.suffix == ".json")
        or (p.parent == cache.cache_dir() and p.is_dir())
        or p in cache.cache_dir().parents
        for p in new
    ), new
    for written in cache.cache_dir().glob("*/*.json"):
        assert "n,n,n" not in written.read_text(encoding="utf-8")


def test_records_list_tells_practice_from_a_real_dilemma(capsys, fixture_config, isolated_dirs):
    from boundary_tui.records import PracticeResult
    from boundary_tui.scenarios import PracticeTally, compare

    catalog = good_catalog()
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    scenario = catalog.scenarios["small-voucher"]
    walk = Walk(catalog.trees["gifts_small"], catalog.registry)
    walk.answer("n")
    walk.answer("y")
    comparison = compare(walk, scenario)
    records.save_record(walk, practice=PracticeResult(scenario, comparison, PracticeTally()))
    capsys.readouterr()

    assert main(["records", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "report_now" in lines[0] and lines[0].endswith("dilemma")
    assert "do_not" in lines[2] and lines[2].endswith("practice: small-voucher")
    assert lines[1].strip().startswith("id ") and str(paths.records_dir()) in lines[1] and "-practice-" in lines[3]
    assert main(["records", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert "scenario" not in rows[0] and rows[1]["scenario"] == "small-voucher"


# --- records that survive and stay private (issue 14) ---------------------------------

SAVER = """
import sys, time
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, {root!r})
from boundary_tui import records
from tests.core.helpers import finished_walk
walk, folder, go = finished_walk(), Path(sys.argv[1]), Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
when = datetime(2026, 11, 23, 14, 5, tzinfo=timezone.utc)
for _ in range(20):
    print(records.save_record(walk, folder, now=when), flush=True)
"""


def test_four_processes_saving_in_the_same_second_lose_nothing(tmp_path):
    """Every save claims its name with O_EXCL: 4 x 20 saves at one timestamp are 80 different files."""
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    folder, go = tmp_path / "records", tmp_path / "go"
    script = SAVER.format(root=root)
    savers = [
        subprocess.Popen([sys.executable, "-c", script, str(folder), str(go)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    go.touch()
    printed = []
    for saver in savers:
        out, _ = saver.communicate(timeout=120)
        assert saver.returncode == 0
        printed.extend(out.split())
    assert len(printed) == 80 and len(set(printed)) == 80, "two saves were told they had the same file"
    assert len(records.list_records(folder)) == 80
    assert not [p for p in folder.iterdir() if p.suffix != ".docx"], "a temp file was left behind"


def test_a_symlinked_records_folder_is_refused_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    link = tmp_path / "records"
    link.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(records.RecordsFolderError, match="symbolic link; not following it") as caught:
        records.save_record(finished_walk(), link, now=WHEN)
    assert "symbolic link" in records.not_saved(caught.value)
    assert list(elsewhere.iterdir()) == [] and stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    with pytest.raises(records.RecordsFolderError, match="symbolic link; not following it"):
        records.list_records(link)


def test_records_commands_refuse_a_symlinked_folder_in_one_line(capsys, fixture_config, isolated_dirs, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    paths.records_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.records_dir().symlink_to(elsewhere, target_is_directory=True)
    for argv in (["records", "list"], ["records", "show", "1"], ["records", "clear", "--yes"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "symbolic link; not following it" in err, err
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 1
    out, err = capsys.readouterr()
    assert "REPORT" in out and "NOT saved: the records folder is a symbolic link" in err


@pytest.mark.parametrize("which", ["../../etc/passwd", "/etc/shadow", "²", "0", "-1", "x.md"])
def test_records_show_takes_only_a_record_from_the_list(capsys, fixture_config, isolated_dirs, which):
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    capsys.readouterr()
    assert main(["records", "show", which]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "records list" in err


def test_records_show_by_id(capsys, fixture_config, isolated_dirs):
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    (record,) = records.list_records()
    capsys.readouterr()
    assert main(["records", "list"]) == 0
    assert f"id {record.id}" in capsys.readouterr().out
    assert main(["records", "show", record.id]) == 0
    assert capsys.readouterr().out.startswith("Professional boundary record\nTopic: Small gifts\n")


def test_a_full_disk_prints_the_advice_then_one_line_and_fails(capsys, fixture_config, isolated_dirs, monkeypatch):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 1
    out, err = capsys.readouterr()
    assert "REPORT" in out and "Who to tell" in out, "the advice must be printed even when the save fails"
    assert (
        err.strip().splitlines() == ["boundary-check: The record was NOT saved: No space left on device."]
        and "Traceback" not in err
    )
    assert records.list_records() == [] and not any(paths.records_dir().iterdir())


def test_a_read_only_records_folder_in_plain_mode_is_one_line(isolated_dirs, monkeypatch):
    import errno
    import tempfile

    from boundary_tui.config import Organisation
    from boundary_tui.plain import Prompter, run_plain

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # records imports tempfile only when it saves
    said = []
    replies = iter(["gifts_small", "n", "y", "s", "", "q"])
    prompter = Prompter(lambda message, validate: next(replies), said.append)
    assert run_plain(good_catalog(), Organisation(), None, prompter) == 0
    text = "\n".join(said)
    assert "DON'T" in text and "The record was NOT saved: Read-only file system." in text
    assert records.list_records() == []


def test_ctrl_d_at_the_clear_question_means_no(capsys, fixture_config, isolated_dirs, monkeypatch):
    import builtins

    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def ctrl_d(prompt):
        raise EOFError

    monkeypatch.setattr(builtins, "input", ctrl_d)
    capsys.readouterr()
    assert main(["records", "clear"]) == 0
    assert "Nothing deleted" in capsys.readouterr().out
    assert len(records.list_records()) == 1


def _leftover(folder, name, age=3600):
    path = folder / name
    path.write_text("<!-- boundary-check record {} -->\n# half a record")
    os.utime(path, (path.stat().st_atime - age, path.stat().st_mtime - age))
    return path


def test_temp_files_of_a_killed_save_are_removed_by_clear_and_at_the_next_start(capsys, fixture_config, isolated_dirs):
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    folder = paths.records_dir()
    old = _leftover(folder, ".20261123-140500-gifts_small.abc123.tmp")
    fresh = _leftover(folder, ".20261123-140501-gifts_small.def456.tmp", age=0)  # a save still going on
    assert main(["list"]) == 0
    assert not old.exists() and fresh.exists(), "a stale temp copy outlived the next start"
    assert main(["records", "clear", "--yes"]) == 0
    assert list(folder.iterdir()) == []


def test_a_rename_held_by_another_program_is_tried_again(tmp_path, monkeypatch):
    real_replace, calls = os.replace, []

    def held_twice(source, target):
        calls.append(target)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real_replace(source, target)

    monkeypatch.setattr(records, "REPLACE_RETRY_DELAYS", (0, 0, 0))
    monkeypatch.setattr(os, "replace", held_twice)
    path = records.save_record(finished_walk(), tmp_path, now=WHEN)
    assert len(calls) == 3 and records.list_records(tmp_path)[0].path == path
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_rename_held_for_good_fails_cleanly(tmp_path, monkeypatch):
    def always_held(source, target):
        raise PermissionError(13, "being used by another process")

    monkeypatch.setattr(records, "REPLACE_RETRY_DELAYS", (0, 0, 0))
    monkeypatch.setattr(os, "replace", always_held)
    with pytest.raises(PermissionError, match="being used by another process"):
        records.save_record(finished_walk(), tmp_path, now=WHEN)
    assert list(tmp_path.iterdir()) == [], "a temp file or an empty claimed name was left"


def test_records_off_saves_nothing_but_still_gives_the_advice(capsys, fixture_config, isolated_dirs):
    site = paths.site_config_file()
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text("records: off\nlocked: [records]\n")
    fixture_config_path = os.environ["BOUNDARY_CHECK_CONFIG"]
    with open(fixture_config_path, "a") as extra:
        extra.write("records: on\n")  # a user's attempt to turn it back on
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 1
    out, err = capsys.readouterr()
    assert "REPORT" in out and "Who to tell" in out
    assert "the record was NOT saved: saving records is turned off on this computer" in err
    assert "'records' is locked by the site file" in err
    assert records.list_records() == []
    assert main(["config"]) == 0
    assert "records: off (saving is turned off)" in capsys.readouterr().out


def test_records_off_in_plain_mode_never_asks_to_save(isolated_dirs):
    from boundary_tui.config import Organisation
    from boundary_tui.plain import Prompter, run_plain

    said, asked = [], []
    replies = iter(["gifts_small", "n", "y", "?", "q"])

    def ask(message, validate):
        asked.append(message)
        reply = next(replies)
        if reply == "?":  # at the outcome: s is not taken there, and the keys it lists leave it out
            assert message.startswith("What next?") and validate("s") is not True
        return reply

    prompter = Prompter(ask, said.append)
    assert run_plain(good_catalog(), Organisation(records=False), None, prompter) == 0
    assert "DON'T" in "\n".join(said) and not any("s = save" in m for m in asked + said)
    assert records.list_records() == []


def test_an_unreadable_records_folder_is_one_line_for_records_and_no_bother_elsewhere(
    capsys, fixture_config, isolated_dirs, monkeypatch
):
    """Simulated (the tests may run as root): listing the records folder is refused."""
    assert main(["walk", "gifts_small", "--answers", "y", "--save"]) == 0
    folder = paths.records_dir()
    real_scandir, real_iterdir = os.scandir, type(folder).iterdir

    def refused(path="."):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def refused_iterdir(self):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(os, "scandir", refused)
    monkeypatch.setattr(type(folder), "iterdir", refused_iterdir)
    capsys.readouterr()
    assert main(["list"]) == 0, "a start must not fail on the records folder"
    for argv in (["records", "list"], ["records", "clear", "--yes"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.strip() == f"boundary-check: Permission denied: {folder}", err
