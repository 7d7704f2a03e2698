"""Practice scenarios: checked against their trees, and compared with a member of staff's walk."""

from boundary_tui.catalog import check_paths
from boundary_tui.config import Organisation
from boundary_tui.scenarios import compare
from boundary_tui.walk import Walk

from .helpers import BAD, GOOD, good_catalog


def test_good_scenarios_load_into_the_catalog():
    catalog = good_catalog()
    assert set(catalog.scenarios) == {"small-voucher", "small-token-pen"}
    pen = catalog.scenarios["small-token-pen"]
    assert pen.settings == {"gift_acceptance": "token_ok"} and pen.level == "borderline"
    assert pen.discussion[0].refs == ("aop41 2.6(d)",)


def test_every_scenario_mistake_is_named():
    _, _, problems = check_paths([GOOD, BAD / "scenarios"], [])
    messages = sorted((p.path.rsplit("/", 1)[-1], p.line, p.message) for p in problems)
    assert [(name, line) for name, line, _ in messages] == [
        ("mistakes.yaml", 3),
        ("mistakes.yaml", 11),
        ("mistakes.yaml", 21),
        ("mistakes.yaml", 27),
        ("mistakes.yaml", 27),
        ("unknown_topic.yaml", 3),
    ]
    text = "\n".join(m for _, _, m in messages)
    for words in (
        "expects 'decline_it', which is not an outcome of 'gifts_small' (did you mean 'decline'?)",
        "expects 'accept', which no answers reach under its settings",
        "should be one of easy, borderline, urgent",
        "scenario id 'small-voucher' is already used",
        "ref 'xyz 1'",
        "unknown topic 'gifts_smal' (did you mean 'gifts_small'?)",
    ):
        assert words in text


def practice(scenario_id, answers):
    catalog = good_catalog()
    scenario = catalog.scenarios[scenario_id]
    walk = Walk(catalog.trees[scenario.topic], catalog.registry, Organisation().with_settings(scenario.settings))
    for answer in answers:
        walk.answer(answer)
    return walk, scenario


def test_a_matching_walk():
    walk, scenario = practice("small-voucher", ["n", "y"])
    assert compare(walk, scenario) == (True, None)


def test_a_walk_that_departs_names_the_first_wrong_answer():
    # The voucher is money: answering No to "Is it money or a voucher?" is where it parts from the policy.
    walk, scenario = practice("small-voucher", ["n", "n"])
    comparison = compare(walk, scenario)
    assert not comparison.matched
    assert walk.steps[comparison.departed_at].question.id == "is_money"


def test_departing_at_the_first_question():
    walk, scenario = practice("small-token-pen", ["y"])
    comparison = compare(walk, scenario)
    assert not comparison.matched and comparison.departed_at == 0


def test_scenarios_json_contract(capsys, tmp_path, monkeypatch):
    from boundary_tui.cli import main

    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{GOOD}]\nbundled_trees: false\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))
    assert main(["scenarios", "--format", "json"]) == 0
    rows = {row["id"]: row for row in __import__("json").loads(capsys.readouterr().out)}
    assert set(rows["small-voucher"]) >= {"id", "topic", "title", "vignette", "expected"}
    assert rows["small-voucher"]["expected"] == "no_money" and rows["small-voucher"]["topic"] == "gifts_small"
    assert main(["scenarios", "--topic", "nope", "--format", "json"]) == 2


def test_plain_practice_compares_and_keeps_a_tally():
    from boundary_tui.plain import Prompter, run_practice

    replies = iter(["1", "n", "n", "1", "n", "y", "q"])
    said = []
    prompter = Prompter(ask=lambda message, validate: next(replies), confirm=lambda m: False, say=said.append)
    assert run_practice(good_catalog(), Organisation(), prompter=prompter) == 0
    text = "\n".join(said)
    assert "Policy expects: ✖ DON'T - Don't accept money." in text
    assert "Where it parted: question 2, Is it money or a voucher?" in text and "You answered No" in text
    assert "Same as the policy: ✖ DON'T" in text
    assert "To discuss:" in text and "Would a pen be different?" in text
    assert "You matched the policy in 1 of 2 scenario(s) this session." in text
