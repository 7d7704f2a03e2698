"""Organisation config: layers found with platformdirs, every value's origin, and every broken case."""

import json

import pytest

from boundary_tui import paths

from .helpers import GOOD, run, write


def test_files_are_found_through_xdg(layers):
    assert paths.site_config_file() == layers["site"]
    assert paths.user_config_file() == layers["user"]


def test_site_then_user_then_explicit_later_wins(capsys, layers, tmp_path):
    write(
        layers["site"],
        f"organisation: Site name\ntrees: [{GOOD}]\nbundled_trees: false\n"
        "contacts:\n  dsl: {name: Site DSL, contact: ext 1}\n  line_manager: {name: Site LM}\n",
    )
    write(layers["user"], "contacts:\n  line_manager: {name: My Manager, contact: ext 9}\n")
    code, out, _ = run(capsys, "walk", "gifts_small", "--answers", "n,y", "--format", "json")
    assert json.loads(out)["outcome"]["escalate_to"][0]["name"] == "My Manager"
    explicit = write(
        tmp_path / "explicit.yaml", "organisation: Explicit name\ncontacts:\n  line_manager: {name: Explicit LM}\n"
    )
    code, out, _ = run(capsys, "--config", str(explicit), "walk", "gifts_small", "--answers", "n,y", "--format", "json")
    assert json.loads(out)["outcome"]["escalate_to"][0]["name"] == "Explicit LM"
    code, out, _ = run(capsys, "--config", str(explicit), "config")
    out = " ".join(out.split())  # as read, whichever line the terminal's width wrapped a long path onto
    assert f"organisation: Explicit name [{explicit}]" in out
    assert f"dsl: Site DSL (your designated safeguarding lead (DSL)) - ext 1 [{layers['site']}]" in out
    assert f"{layers['user']} (found)" in out


def test_environment_variable_is_the_explicit_layer(capsys, layers, tmp_path, monkeypatch):
    write(layers["user"], f"trees: [{GOOD}]\nbundled_trees: false\n")
    explicit = write(tmp_path / "env.yaml", "settings:\n  gift_acceptance: token_ok\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(explicit))
    code, out, _ = run(capsys, "walk", "gifts_small", "--answers", "n,n,y", "--format", "json")
    assert code == 0 and json.loads(out)["outcome"]["id"] == "accept"


def test_a_choice_setting_in_config_changes_the_outcome(capsys, layers):
    write(layers["site"], f"trees: [{GOOD}]\nbundled_trees: false\n")
    _, out, _ = run(capsys, "walk", "gifts_small", "--answers", "n,n", "--format", "json")
    assert json.loads(out)["outcome"]["id"] == "decline"
    write(layers["user"], "settings:\n  gift_acceptance: token_ok\n")
    _, out, _ = run(capsys, "walk", "gifts_small", "--answers", "n,n,y", "--format", "json")
    assert json.loads(out)["outcome"]["id"] == "accept"


def test_an_organisation_tree_replaces_a_bundled_one_and_topics_can_be_hidden(capsys, layers, tmp_path):
    bundled_gifts = (paths.bundled_trees_dir() / "gifts.yaml").read_text()
    write(
        tmp_path / "ours" / "gifts.yaml",
        bundled_gifts.replace("title: Gifts, money and favours", "title: Gifts (St Mary's)"),
    )
    write(layers["site"], f"trees: [{tmp_path / 'ours'}]\nhide_topics: [lifts]\n")
    _, out, _ = run(capsys, "list", "--format", "json")
    topics = {row["id"]: row for row in json.loads(out)}
    assert topics["gifts"]["title"] == "Gifts (St Mary's)" and "ours" in topics["gifts"]["path"]
    assert "lifts" not in topics and "social_media" in topics
    assert run(capsys, "walk", "lifts")[0] == 2


@pytest.mark.parametrize(
    "text, words",
    [
        ("organisation: [\n", "not valid YAML"),
        ("organisation: A\norganisation: B\n", "duplicate key 'organisation'"),
        ("\torganisation: A\n", "tab character"),
        ("organisaton: A\n", "unknown field 'organisaton' in the config (did you mean 'organisation'?)"),
        ("idle_minutes: soon\n", "'idle_minutes' in the config should be a number"),
        ("idle_minutes: 0\n", "'idle_minutes' should be more than 0"),
        ("contacts:\n  dls: {name: X}\n", "unknown role 'dls' in contacts (did you mean 'dsl'?)"),
        ("contacts:\n  dsl: {nmae: X}\n", "unknown field 'nmae' in contact 'dsl' (did you mean 'name'?)"),
        ("contacts:\n  dsl: Mrs Patel\n", "contact 'dsl' should be a mapping"),
        (
            "settings:\n  gift_acceptance: sometimes\n",
            "setting 'gift_acceptance' is 'sometimes', but it takes one of: none, token_ok",
        ),
        ("settings:\n  gift_acceptence: none\n", "unknown setting 'gift_acceptence' (did you mean 'gift_acceptance'?)"),
        ("hide_topics: [gifts_smal]\n", "hide_topics names unknown topic 'gifts_smal'"),
        ("trees: /one/path\n", "'trees' in the config should be a list of text"),
        ("a: !!python/object/apply:os.system [echo]\n", "are not allowed"),
    ],
)
def test_a_broken_config_is_one_line_and_the_tool_still_runs(capsys, layers, text, words):
    write(layers["site"], f"trees: [{GOOD}]\nbundled_trees: false\n")
    write(layers["user"], text)
    code, out, err = run(capsys, "walk", "gifts_small", "--answers", "n,y")
    assert code == 0 and "DON'T" in out, "the tool must run on the valid layers"
    config_lines = [line for line in err.splitlines() if "config:" in line]
    assert config_lines and any(words in line for line in config_lines), err
    assert str(layers["user"]) in config_lines[0] and "Traceback" not in err
    assert run(capsys, "config", "--check")[0] == 1


def test_a_missing_explicit_file_is_named(capsys, tmp_path):
    code, _, err = run(capsys, "--config", str(tmp_path / "nope.yaml"), "list")
    assert code == 0 and "config file not found" in err


def test_init_writes_a_template_that_checks_clean_and_refuses_to_overwrite(capsys, layers):
    assert run(capsys, "config", "--init")[0] == 0
    text = layers["user"].read_text()
    assert "gift_acceptance" in text and "contacts:" in text and "dsl" in text
    assert run(capsys, "config", "--check")[0] == 0
    code, _, err = run(capsys, "config", "--init")
    assert code == 2 and "already exists" in err and "--force" in err
    assert run(capsys, "config", "--init", "--force")[0] == 0
    assert run(capsys, "config", "--init", "--site")[0] == 0 and layers["site"].exists()


def test_the_template_wraps_its_comments_for_an_editor():
    from boundary_tui.catalog import load_catalog
    from boundary_tui.config import template

    text = template(load_catalog(scenarios=False).registry, "user")
    long_comments = [line for line in text.splitlines() if line.lstrip().startswith("#") and len(line) > 90]
    assert not long_comments, long_comments[:2]
