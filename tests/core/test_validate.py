"""The validator: one fixture per mistake, each with the message and line a policy owner would need."""

import pytest

from boundary_tui.catalog import check_paths, load_catalog

from .helpers import BAD, GOOD

# file -> every (line, words in the message) the validator must report, and nothing else
EXPECTED = {
    "tabs.yaml": [(3, "tab character")],
    "broken_yaml.yaml": [(3, "not valid YAML")],
    "duplicate_key.yaml": [(3, "duplicate key 'title' (first given on line 2)")],
    "python_tag.yaml": [(2, "!!python/object/apply:os.system are not allowed")],
    "not_utf8.yaml": [(2, "not UTF-8")],
    "binary.yaml": [(1, "not a text file")],
    "empty.yaml": [(None, "the file is empty")],
    "unknown_field.yaml": [(12, "unknown field 'hepl' in question 'q' (did you mean 'help'?)")],
    "missing_fields.yaml": [(1, "the tree is missing 'summary'"), (7, "question 'q' is missing 'refs'")],
    "wrong_types.yaml": [
        (4, "'version' in the tree should be a whole number, not 'one'"),
        (8, "'ask' in question 'q' should be text, not the number 42"),
        (9, "'refs' in question 'q' should be a list of text"),
    ],
    "dangling_link.yaml": [(10, "leads to 'donee', which does not exist (did you mean 'done'?)")],
    "unreachable.yaml": [(12, "'orphan' can never be reached")],
    "cycle.yaml": [(12, "loops")],
    "outcome_without_action.yaml": [(14, "has no action steps"), (16, "has nobody to tell")],
    "unknown_names.yaml": [
        (9, "unknown source 'aopp41' (did you mean 'aop41'?)"),
        (13, "unknown setting 'gift_acceptence' (did you mean 'gift_acceptance'?)"),
        (18, "unknown verdict 'do_nott' in outcome 'done' (did you mean 'do_not'?)"),
        (21, "unknown role 'line_manger' (did you mean 'line_manager'?)"),
        (22, "unknown timing 'tomorrow'"),
        (25, "unknown topic 'giftz'"),
    ],
    "bad_cases.yaml": [(8, "has no case for 'token_ok'"), (11, "case 'token' that 'gift_acceptance' does not offer")],
    "bad_situations.yaml": [
        (10, "situation 'answers_risk' answers 'at_risk', a risk question"),
        (14, "answers 'is_mony', which is not a question (did you mean 'is_money'?)"),
        (19, "situation 'never_reached' answers 'is_token', but no walk reaches that question"),
        (23, "situation 'not_sure' answers 'is_money' 'Not sure', which it does not offer"),
    ],
    # A warning, not an error: 'gift' is shared on purpose, 'vouchers' is not ('voucher' in gifts_small).
    "shared_keyword.yaml": [(4, "keyword 'vouchers' also finds gifts_small")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_named_with_its_line(name):
    _, _, problems = check_paths([BAD / name], [GOOD])
    found = sorted((p.line, p.message) for p in problems)
    assert len(found) == len(EXPECTED[name]), found
    for (line, words), (got_line, message) in zip(sorted(EXPECTED[name], key=lambda e: e[0] or 0), found, strict=True):
        assert got_line == line, (message, found)
        assert words in message, (words, message)
    assert all(p.path.endswith(name) for p in problems)


def test_every_bad_fixture_has_an_expectation():
    names = {p.name for p in BAD.glob("*.yaml")} - {"duplicate_id_a.yaml", "duplicate_id_b.yaml"}
    assert names == set(EXPECTED)


def test_a_shared_keyword_warns_but_does_not_fail_validate(capsys, fixture_config):
    from boundary_tui.cli import main

    assert main(["validate", str(BAD / "shared_keyword.yaml")]) == 0
    err = capsys.readouterr()
    assert "warning: keyword 'vouchers'" in err.out and "no problems and 1 warning(s)" in err.err


def test_problems_print_as_file_line_column():
    _, _, problems = check_paths([BAD / "dangling_link.yaml"], [GOOD])
    assert str(problems[0]).startswith(f"{problems[0].path}:10:10: ")


def test_duplicate_tree_ids_in_one_run():
    _, _, problems = check_paths([BAD / "duplicate_id_a.yaml", BAD / "duplicate_id_b.yaml"], [GOOD])
    assert [p.code for p in problems] == ["duplicate-tree-id"]
    assert "already used by" in problems[0].message and problems[0].path.endswith("duplicate_id_b.yaml")


def test_good_trees_are_clean():
    loaded, _, problems = check_paths([GOOD], [])
    assert problems == []
    assert sorted(t.tree.id for t in loaded) == ["gifts_small", "texting"]


def test_one_bad_file_never_stops_the_others(tmp_path):
    for source in GOOD.glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "zz_broken.yaml").write_text("id: [\n")
    catalog = load_catalog(folders=[tmp_path])
    assert set(catalog.trees) == {"gifts_small", "texting"}
    assert {p.path.rsplit("/", 1)[-1] for p in catalog.problems} == {"zz_broken.yaml"}


def test_a_later_folder_replaces_a_tree_by_id(tmp_path):
    replacement = (GOOD / "texting.yaml").read_text().replace("title: Texting", "title: Texting (our version)")
    (tmp_path / "our_texting.yaml").write_text(replacement)
    catalog = load_catalog(folders=[GOOD, tmp_path])
    assert catalog.trees["texting"].title == "Texting (our version)"
    assert catalog.problems == []


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    _, _, problems = check_paths([tmp_path / "nope.yaml"], [GOOD])
    assert [p.code for p in problems] == ["not-found"]


def test_a_policy_profile_must_state_every_setting_of_its_folder_with_a_real_option(tmp_path):
    (tmp_path / "_registry.yaml").write_text(
        "roles:\n  line_manager: {title: your line manager}\n"
        "sources:\n  rsb: {title: R}\n"
        "settings:\n"
        "  gifts: {type: choice, default: none, description: D., choices: {none: No., token: Token.}}\n"
        "  lifts: {type: bool, default: false, description: D.}\n"
    )
    (tmp_path / "_policies.yaml").write_text(
        "duties:\n  boundary_issue: {title: T, default: [line_manager]}\n"
        "policies:\n"
        "  rsb:\n"
        "    title: R\n"
        "    duties: {boundary_issue: {tell: [line_manger]}}\n"
        "    settings:\n"
        "      gifts: {value: tokens, refs: ['rsb 6.0 F']}\n"
    )
    _, _, problems = check_paths([tmp_path], [])
    found = sorted((p.line, p.message) for p in problems)
    assert found == [
        (4, "policy 'rsb' does not say which option it takes for: lifts"),
        (6, "policy 'rsb' duty 'boundary_issue' tells unknown role 'line_manger'"),
        (8, "policy 'rsb' gives 'gifts' the value 'tokens'; it takes one of: none, token"),
    ]


def test_a_dont_may_tell_no_one_but_a_report_may_not(tmp_path):
    tree = (BAD / "outcome_without_action.yaml").read_text()
    dont = tree.replace("verdict: report_now", "verdict: do_not").replace("    escalate: []\n    when: today\n", "")
    (tmp_path / "dont.yaml").write_text(dont.replace("Don't.", "Don't.\n    do: [Say no kindly.]"))
    _, _, problems = check_paths([tmp_path / "dont.yaml"], [GOOD])
    assert [p for p in problems if p.code == "incomplete-outcome"] == []
