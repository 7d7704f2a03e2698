"""The validator: one fixture per mistake, each with the message and line a policy owner would need."""

from pathlib import Path

import pytest

from boundary_tui.catalog import check_paths, load_catalog

from .helpers import BAD, GOOD

# file -> every (line, code, words in the message) the validator must report, and nothing else.
# One fixture per mistake, named for it; registry fixtures (bad/registry/_*.yaml) are read as registries.
EXPECTED = {
    "tabs.yaml": [(3, "yaml", "tab character")],
    "broken_yaml.yaml": [(3, "yaml", "not valid YAML")],
    "duplicate_key.yaml": [(3, "duplicate-key", "duplicate key 'title' (first given on line 2)")],
    "complex_key.yaml": [(4, "complex-key", "a key must be a plain word, not a list or mapping")],
    "python_tag.yaml": [(2, "tag", "!!python/object/apply:os.system are not allowed")],
    "not_utf8.yaml": [(2, "not-utf8", "not UTF-8")],
    "binary.yaml": [(1, "binary", "not a text file")],
    "empty.yaml": [(None, "empty", "the file is empty")],
    "unknown_field.yaml": [(12, "unknown-field", "unknown field 'hepl' in question 'q' (did you mean 'help'?)")],
    "missing_fields.yaml": [
        (1, "missing-field", "the tree is missing 'summary'"),
        (7, "missing-field", "question 'q' is missing 'refs'"),
    ],
    "wrong_types.yaml": [
        (4, "wrong-type", "'version' in the tree should be a whole number, not 'one'"),
        (8, "wrong-type", "'ask' in question 'q' should be text, not the number 42"),
        (9, "wrong-type", "'refs' in question 'q' should be a list of text"),
    ],
    "capital_letters_in_an_id.yaml": [(23, "bad-id", "situation id 'Already_Given' should be lower case letters")],
    "question_and_outcome_share_an_id.yaml": [(17, "duplicate-id", "'q' is both a question and an outcome")],
    "situation_shares_an_id.yaml": [(23, "duplicate-id", "'done' is both a situation and a question or outcome")],
    "dangling_link.yaml": [(10, "dangling", "leads to 'donee', which does not exist (did you mean 'done'?)")],
    "unreachable.yaml": [(12, "unreachable", "'orphan' can never be reached")],
    "cycle.yaml": [(12, "cycle", "loops")],
    "outcome_without_action.yaml": [
        (14, "incomplete-outcome", "has no action steps"),
        (16, "incomplete-outcome", "has nobody to tell"),
    ],
    "no_refs.yaml": [(7, "no-refs", "'q' cites no policy clause")],
    "ref_without_a_clause.yaml": [(16, "bad-ref", "ref 'aop41' in 'done' names no clause")],
    "bad_placeholder.yaml": [(15, "bad-placeholder", "placeholder {person:dsl} should be {role:KEY}")],
    "unknown_duty_placeholder.yaml": [
        (8, "unknown-duty", "placeholder {duty:safeguarding_concern} names an unknown duty")
    ],
    "unknown_names.yaml": [
        (9, "unknown-source", "unknown source 'aopp41' (did you mean 'aop41'?)"),
        (13, "unknown-setting", "unknown setting 'gift_acceptence' (did you mean 'gift_acceptance'?)"),
        (18, "unknown-verdict", "unknown verdict 'do_nott' in outcome 'done' (did you mean 'do_not'?)"),
        (21, "unknown-role", "unknown role 'line_manger' (did you mean 'line_manager'?)"),
        (22, "unknown-timing", "unknown timing 'tomorrow'"),
        (25, "unknown-topic", "unknown topic 'giftz'"),
    ],
    "bad_cases.yaml": [
        (8, "missing-case", "has no case for 'token_ok'"),
        (11, "unknown-case", "case 'token' that 'gift_acceptance' does not offer"),
    ],
    "cases_for_a_yes_no_setting.yaml": [(8, "setting-branches", "'texting_allowed' is a yes/no setting")],
    "bad_situations.yaml": [
        (10, "risk-answered", "situation 'answers_risk' answers 'at_risk', a risk question"),
        (14, "dangling", "answers 'is_mony', which is not a question (did you mean 'is_money'?)"),
        (19, "situation-path", "situation 'never_reached' answers 'is_token', but no walk reaches that question"),
        (23, "bad-answer", "situation 'not_sure' answers 'is_money' 'Not sure', which it does not offer"),
    ],
    # A warning, not an error: 'gift' is shared on purpose, 'vouchers' is not ('voucher' in gifts_small).
    "shared_keyword.yaml": [(4, "shared-keyword", "keyword 'vouchers' also finds gifts_small")],
    "registry/_default_not_a_choice.yaml": [
        (4, "bad-default", "the default 'tokens' of setting 'gift_acceptance' is not one of its choices")
    ],
    "registry/_unknown_setting_type.yaml": [
        (3, "bad-setting-type", "the type of setting 'gift_limit' should be 'bool' or 'choice', not 'number'")
    ],
    "registry/_policy_missing_a_setting.yaml": [
        (11, "policy-missing-setting", "policy 'rsb' does not say which option it takes for: gifts_allowed")
    ],
    "registry/_policy_value_not_a_choice.yaml": [
        (13, "bad-setting-value", "policy 'rsb' gives 'gift_acceptance' the value 'tokens'")
    ],
    "registry/_policy_without_a_reason.yaml": [
        (10, "policy-unexplained", "policy 'rsb': give the clause (refs) for 'lifts_allowed'")
    ],
    "registry/_policy_missing_a_duty.yaml": [
        (9, "policy-missing-duty", "policy 'rsb' does not say who to tell for duty 'colleague_conduct'")
    ],
    "registry/_policy_unknown_duty.yaml": [
        (12, "unknown-duty", "policy 'rsb' names unknown duty 'boundary_issues' (did you mean 'boundary_issue'?)")
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_named_with_its_code_and_line(name):
    _, _, problems = check_paths([BAD / name], [GOOD])
    found = sorted(((p.line or 0, p.code, p.message) for p in problems), key=lambda f: (f[0], f[1]))
    expected = sorted(EXPECTED[name], key=lambda e: (e[0] or 0, e[1]))
    assert [(line, code) for line, code, _ in found] == [(line or 0, code) for line, code, _ in expected], found
    for (_, _, words), (_, _, message) in zip(expected, found, strict=True):
        assert words in message, (words, message)
    assert all(p.path.endswith(name) for p in problems), [p.path for p in problems]


def test_every_bad_fixture_has_an_expectation():
    on_disk = {str(p.relative_to(BAD)) for p in BAD.rglob("*.yaml") if p.parent.name != "scenarios"}
    assert on_disk - {"duplicate_id_a.yaml", "duplicate_id_b.yaml"} == set(EXPECTED)


# Codes checked by a test of their own rather than a fixture above, and the file that checks each.
TESTED_ELSEWHERE = {
    "not-found": "test_validate.py",
    "duplicate-tree-id": "test_validate.py",
    "control-character": "test_hostile.py",
    **dict.fromkeys(
        ("alias-bomb", "bad-alias", "many-documents", "too-deep", "file-too-large", "unreadable", "not-a-file"),
        "test_yamlread.py",
    ),
    "unreadable-folder": "test_yamlread.py",
    **dict.fromkeys(("unknown-outcome", "unreachable-outcome", "bad-level"), "test_scenarios.py"),
}
# Codes that only `config --check` reports, each tested in the config tests.
CONFIG_ONLY = {"config.py", "permissions.py"}


def codes_the_checks_can_report() -> set[str]:
    """Every problem code the loader and checks can give, read from their source.

    A code is the first argument of `problems.add(code, message, ...)` or the
    `code` of a `Problem(...)`, wherever in boundary_tui (but the app) it is.
    """
    import ast

    import boundary_tui

    codes = set()
    for path in Path(boundary_tui.__file__).parent.rglob("*.py"):
        if "app" in path.relative_to(Path(boundary_tui.__file__).parent).parts or path.name in CONFIG_ONLY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name == "add" and len(node.args) >= 2:
                code = node.args[0]
            elif name == "Problem":
                keywords = {k.arg: k.value for k in node.keywords}
                code = keywords.get("code", node.args[3] if len(node.args) > 3 else None)
            else:
                continue
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                codes.add(code.value)
    return codes


def test_every_problem_code_has_a_fixture_or_a_test_naming_it():
    codes = codes_the_checks_can_report()
    assert len(codes) > 40, f"the source scan found only {sorted(codes)}: has the way codes are given changed?"
    by_fixture = {code for expectations in EXPECTED.values() for _, code, _ in expectations}
    untested = sorted(codes - by_fixture - set(TESTED_ELSEWHERE))
    assert untested == [], f"add a fixture to tests/core/fixtures/bad for each of: {untested}"
    here = Path(__file__).parent
    for code, test_file in TESTED_ELSEWHERE.items():
        assert f'"{code}"' in (here / test_file).read_text(encoding="utf-8"), f"{test_file} never checks {code!r}"


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


def test_validating_a_tree_without_keywords_or_scenarios_never_loads_the_other_trees(tmp_path, monkeypatch):
    """The base trees are read only to compare keywords and to check scenarios: a big tree with neither skips them."""
    import boundary_tui.catalog as catalog

    text = (GOOD / "gifts_small.yaml").read_text()
    (tmp_path / "gifts_small.yaml").write_text("\n".join(line for line in text.splitlines() if "keywords:" not in line))

    def refuse(*args, **kwargs):
        raise AssertionError("the base trees were loaded")

    monkeypatch.setattr(catalog, "load_catalog", refuse)
    _, _, problems = check_paths([tmp_path / "gifts_small.yaml"], [GOOD])
    assert problems == []
    with pytest.raises(AssertionError, match="base trees"):  # keywords still compare with them
        check_paths([GOOD / "gifts_small.yaml"], [GOOD])
