"""The site file speaks for the shared PC (issue 14): what it locks stays locked, and who may change it is checked."""

from __future__ import annotations

import os

import pytest

from boundary_tui.config import load_config

from .helpers import GOOD, run, write

SITE_TREES = f"trees: [{GOOD}]\nbundled_trees: false\n"


def effective(layers, explicit=None):
    return load_config(explicit, layers["site"], layers["user"])


@pytest.mark.parametrize("minutes", ["1.0e+308", ".inf", ".nan", "61", "-1"])
def test_idle_minutes_must_be_in_a_sane_range(layers, minutes):
    write(layers["user"], f"idle_minutes: {minutes}\n")
    loaded = effective(layers)
    assert loaded.organisation.idle_minutes == 5, "a user file switched the idle reset off"
    (problem,) = loaded.problems
    assert problem.line == 1
    assert any(words in problem.message for words in ("at most 60", "more than 0", "should be a number"))


def test_a_user_file_may_shorten_the_sites_idle_time_but_never_lengthen_it(layers, tmp_path):
    write(layers["site"], "idle_minutes: 3\n")
    write(layers["user"], "idle_minutes: 30\n")
    loaded = effective(layers)
    assert loaded.organisation.idle_minutes == 3
    (problem,) = loaded.problems
    assert problem.path == str(layers["user"]) and "longer than the site file's 3" in problem.message
    write(layers["user"], "idle_minutes: 1\n")
    assert effective(layers).organisation.idle_minutes == 1
    explicit = write(tmp_path / "mine.yaml", "idle_minutes: 45\n")
    assert effective(layers, explicit).organisation.idle_minutes == 1, "--config got round the site file"


def test_the_site_file_locks_values(capsys, layers, tmp_path):
    write(layers["site"], SITE_TREES + "organisation: St Mary's\nlocked: [organisation, bundled_trees]\n")
    write(layers["user"], "organisation: Somewhere else\nbundled_trees: true\n")
    loaded = effective(layers)
    assert loaded.organisation.name == "St Mary's" and loaded.organisation.bundled_trees is False
    assert [p.code for p in loaded.problems] == ["locked", "locked"]
    assert all("locked by the site file" in p.message and p.line for p in loaded.problems)
    code, out, _ = run(capsys, "config", "--check")
    assert code == 1 and f"{layers['user']}:1:15: 'organisation' is locked by the site file" in out


def test_only_the_site_file_can_lock_and_only_real_keys(layers):
    write(layers["site"], "locked: [idle_minuts]\n")
    write(layers["user"], "locked: [idle_minutes]\nidle_minutes: 2\n")
    loaded = effective(layers)
    messages = [p.message for p in loaded.problems]
    assert any("'idle_minuts', which is not a config key (did you mean 'idle_minutes'?)" in m for m in messages)
    assert any("only the site file can lock values" in m for m in messages)
    assert loaded.organisation.idle_minutes == 2


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows keeps permissions in ACLs")
def test_config_check_warns_when_others_could_change_the_advice(capsys, layers, tmp_path):
    trees = tmp_path / "trees"
    trees.mkdir()
    for name in ("_registry.yaml", "gifts_small.yaml", "texting.yaml"):
        (trees / name).write_text((GOOD / name).read_text())
    write(layers["site"], f"trees: [{trees}]\nbundled_trees: false\n")
    layers["site"].chmod(0o644)
    trees.chmod(0o755)
    code, out, err = run(capsys, "config", "--check")
    assert code == 0 and "writable" not in out and "warning" not in err
    layers["site"].chmod(0o666)
    trees.chmod(0o777)
    (trees / "gifts_small.yaml").chmod(0o664)
    code, out, err = run(capsys, "config", "--check")
    lines = out.splitlines()
    assert code == 0 and "3 warning(s)" in err, "a warning, not a failure"
    assert any(line.startswith(f"{layers['site']}: warning: the site config that anyone on this PC") for line in lines)
    assert any(line.startswith(f"{trees}: warning: a tree folder that anyone") for line in lines)
    assert any("gifts_small.yaml: warning: a tree file that its group can change it" in line for line in lines)


def test_validate_with_no_paths_lets_an_organisation_replace_a_bundled_tree_as_the_app_does(
    capsys,
    layers,
    tmp_path,
):
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "gifts_small.yaml").write_text((GOOD / "gifts_small.yaml").read_text().replace("Small gifts", "Ours"))
    write(layers["site"], f"trees: [{GOOD}, {ours}]\nbundled_trees: false\n")
    code, out, err = run(capsys, "validate")
    assert code == 0 and "already used" not in out, out
    code, out, _ = run(capsys, "list")
    assert "Ours" in out, "the app uses the organisation's tree"
    (ours / "gifts_again.yaml").write_text((ours / "gifts_small.yaml").read_text())
    code, out, _ = run(capsys, "validate")
    assert code == 1 and "gifts_again.yaml" in out and "already used by" in out, "two in one folder is still a mistake"
    code, out, _ = run(capsys, "validate", str(GOOD), str(ours))
    assert code == 1 and "already used by" in out, "paths named on the command line are one set"
