"""Records: saved only on request, private, atomic, listable and clearable."""

import json
import os
import stat
from datetime import datetime, timezone

import pytest

from boundary_tui import paths, records
from boundary_tui.cli import main
from boundary_tui.walk import Walk

from .helpers import GOOD, good_catalog

WHEN = datetime(2026, 11, 23, 14, 5, tzinfo=timezone.utc)


def finished_walk():
    catalog = good_catalog()
    walk = Walk(catalog.trees["gifts_small"], catalog.registry)
    walk.answer("n")
    walk.answer("y")
    return walk


def test_record_content_and_modes(tmp_path):
    folder = tmp_path / "records"
    path = records.save_record(finished_walk(), folder, now=WHEN)
    text = path.read_text()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "- Topic: `gifts_small`, version 2" in text and "sha256" in text
    assert "2026-11-23 14:05" in text
    assert "1. Could anyone be pressuring them over money? **No**" in text
    assert "2. Is it money or a voucher? **Yes**" in text
    assert "## Outcome: ✖ DON'T" in text and "### Who to tell" in text and "**How soon:** Today" in text
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
    with pytest.raises(OSError):
        records.save_record(finished_walk(), folder, now=WHEN)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert list(folder.iterdir()) == []


def test_two_records_in_the_same_second_both_kept(tmp_path):
    first = records.save_record(finished_walk(), tmp_path, now=WHEN)
    second = records.save_record(finished_walk(), tmp_path, now=WHEN)
    assert first != second and len(records.list_records(tmp_path)) == 2


def test_unfinished_walk_cannot_be_saved(tmp_path):
    catalog = good_catalog()
    with pytest.raises(ValueError):
        records.save_record(Walk(catalog.trees["gifts_small"], catalog.registry), tmp_path)


@pytest.fixture
def fixture_config(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{GOOD}]\nbundled_trees: false\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))


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
        and set(row) == {"path", "topic", "verdict", "created"}
    )
    assert main(["records", "show", "1"]) == 0
    assert capsys.readouterr().out.startswith("# Small gifts")
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
    assert sorted(p for p in isolated_dirs.rglob("*")) == before


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
    assert lines[1].strip().startswith(str(paths.records_dir())) and "-practice-" in lines[3]
    assert main(["records", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert "scenario" not in rows[0] and rows[1]["scenario"] == "small-voucher"
