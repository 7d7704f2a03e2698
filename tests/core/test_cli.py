"""The command line: the JSON contract, exit codes, and one clear line for every mistake."""

import json
import subprocess
import sys

import pytest

from .helpers import BAD, GOOD, run


def test_list_json_contract(capsys, fixture_config):
    code, out, _ = run(capsys, "list", "--format", "json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0
    assert set(rows["gifts_small"]) >= {"id", "title", "summary", "path", "version", "sha256"}
    assert rows["gifts_small"]["version"] == 2 and len(rows["gifts_small"]["sha256"]) == 64


def test_show_json_contract(capsys, fixture_config):
    code, out, _ = run(capsys, "show", "gifts_small", "--format", "json")
    shown = json.loads(out)
    assert code == 0
    assert shown["settings"] == {"gift_acceptance": "none"}
    assert shown["questions"]["at_risk"]["unsure"] == "safeguarding"
    assert shown["questions"]["policy"] == {
        "setting": "gift_acceptance",
        "cases": {"none": "decline", "token_ok": "is_token"},
    }
    assert set(shown["outcomes"]["no_money"]) >= {
        "verdict",
        "headline",
        "do",
        "escalate",
        "when",
        "record",
        "refs",
        "see_also",
    }


def test_walk_json_contract(capsys, fixture_config):
    code, out, _ = run(capsys, "walk", "gifts_small", "--answers", "n,y", "--format", "json")
    walked = json.loads(out)
    assert code == 0
    assert [step["answer"] for step in walked["path"]] == ["no", "yes"]
    assert walked["path"][0] == {
        "question": "at_risk",
        "ask": "Could anyone be pressuring them over money?",
        "answer": "no",
        "given": False,
    }
    outcome = walked["outcome"]
    assert outcome["id"] == "no_money" and outcome["verdict"] == "do_not" and outcome["when"] == "today"
    assert outcome["escalate_to"] == [
        {"role": "line_manager", "title": "your line manager", "name": None, "contact": None, "deputy": None}
    ]


def test_walk_shows_configured_contacts(capsys, fixture_config):
    with fixture_config.open("a") as config:
        config.write("contacts:\n  dsl: {title: DSL, name: Mrs Patel, contact: 'room 4, ext 214'}\n")
    code, out, _ = run(capsys, "walk", "gifts_small", "--answers", "yes", "--format", "json")
    assert json.loads(out)["outcome"]["escalate_to"][0] == {
        "role": "dsl",
        "title": "DSL",
        "name": "Mrs Patel",
        "contact": "room 4, ext 214",
        "deputy": None,
    }
    code, out, _ = run(capsys, "walk", "gifts_small", "--answers", "yes")
    assert "Mrs Patel (DSL) - room 4, ext 214" in out


def test_walk_text_and_markdown(capsys, fixture_config):
    _, text, _ = run(capsys, "walk", "gifts_small", "--answers", "y")
    assert "! REPORT: Tell your designated safeguarding lead (DSL) now." in text
    assert "How soon: Immediately" in text and "aop41 2.12(c) - AOP41" in text
    _, markdown, _ = run(capsys, "walk", "gifts_small", "--answers", "y", "--format", "markdown")
    assert markdown.startswith("# Small gifts") and "## Outcome: ! REPORT" in markdown


def test_set_changes_the_route(capsys, fixture_config):
    code, out, _ = run(
        capsys, "walk", "gifts_small", "--answers", "n,n,y", "--set", "gift_acceptance=token_ok", "--format", "json"
    )
    assert code == 0 and json.loads(out)["outcome"]["id"] == "accept"


@pytest.mark.parametrize(
    "argv, words",
    [
        (["walk", "nope"], "unknown topic 'nope'; see 'boundary-check list'"),
        (["walk", "gift"], "unknown topic 'gift'; did you mean 'gifts_small' (Small gifts)?"),
        (["show", "nope"], "unknown topic 'nope'"),
        (["walk", "gifts_small", "--answers", "n,maybe"], "answer 2 'maybe' is not an answer"),
        (
            ["walk", "gifts_small", "--answers", "n"],
            "the answers ran out after 1; the next question is 'is_money': Is it money or a voucher?",
        ),
        (
            ["walk", "gifts_small", "--answers", "y,y,n"],
            "too many answers: the walk reached outcome 'safeguarding' after 1; 2 left over",
        ),
        (
            ["walk", "gifts_small", "--answers", "n,u"],
            "answer 2 is 'unsure', but question 'is_money' only takes yes or no",
        ),
        (["walk", "gifts_small", "--set", "gift_acceptance=maybe"], "gift_acceptance takes one of: none, token_ok"),
        (["walk", "gifts_small", "--set", "nonsense=1"], "unknown setting"),
        (["list", "--format", "xml"], "invalid choice"),
        (["nope-topic"], "unknown topic 'nope-topic'"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(capsys, fixture_config, argv, words):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert words in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_validate_exit_codes(capsys):
    code, out, _ = run(capsys, "validate", str(GOOD))
    assert code == 0 and out == ""
    code, out, err = run(capsys, "validate", str(BAD / "dangling_link.yaml"), str(GOOD))
    assert code == 1
    assert out.strip().endswith("leads to 'donee', which does not exist (did you mean 'done'?)")
    assert ":10:10: " in out and "1 problem(s) in 1 file(s)" in err


def test_validate_with_no_path_checks_the_bundled_trees(capsys):
    code, _, err = run(capsys, "validate")
    assert code == 0, err
    assert "no problems" in err


def test_a_broken_tree_is_left_out_and_named(capsys, tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text("id: [\n")
    for source in GOOD.glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    config = tmp_path / "config.yaml"
    config.write_text("trees: [.]\nbundled_trees: false\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))
    code, out, err = run(capsys, "list")
    assert code == 0 and "gifts_small" in out
    assert "broken.yaml" in err and "left out" in err


def test_no_terminal_says_how_to_script_it():
    result = subprocess.run(
        [sys.executable, "-m", "boundary_tui"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )
    assert result.returncode == 2
    assert "no terminal" in result.stderr and "walk TOPIC --answers" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_and_help():
    result = subprocess.run(
        [sys.executable, "-m", "boundary_tui", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("boundary-check ")
    result = subprocess.run(
        [sys.executable, "-m", "boundary_tui", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "walk" in result.stdout and "validate" in result.stdout


def test_find_ranks_situations_and_topics_as_the_app_does(capsys, fixture_config):
    code, out, _ = run(capsys, "find", "mum", "offered", "me", "a", "voucher")
    assert code == 0
    assert out.splitlines()[:3] == [
        "1. Someone offered you money or a voucher",
        "   in Small gifts",
        "   open: boundary-check gifts_small/offered_money",
    ]
    code, out, _ = run(capsys, "find", "voucher", "--format", "json")
    found = json.loads(out)
    assert found["query"] == "voucher"
    # One word says which topic, not which situation: the topic comes first.
    assert [r["key"] for r in found["results"]][:2] == ["gifts_small", "gifts_small/offered_money"]
    assert set(found["results"][0]) == {"rank", "key", "topic", "situation", "title", "topic_title", "score"}


def test_walk_from_a_situation_gives_its_answers(capsys, fixture_config):
    # Only the risk question is the person's to answer; the situation says it is money.
    for argv in (["walk", "gifts_small", "--situation", "offered_money"], ["walk", "gifts_small/offered_money"]):
        code, out, _ = run(capsys, *argv, "--answers", "n", "--format", "json")
        walked = json.loads(out)
        assert code == 0
        assert walked["situation"] == {"id": "offered_money", "title": "Someone offered you money or a voucher"}
        assert [(s["question"], s["answer"], s["given"]) for s in walked["path"]] == [
            ("at_risk", "no", False),
            ("is_money", "yes", True),
        ]
        assert walked["outcome"]["id"] == "no_money"
    code, out, _ = run(capsys, "walk", "gifts_small/offered_money", "--answers", "n")
    assert "Situation: Someone offered you money or a voucher" in out
    assert "Is it money or a voucher? - Yes (given)" in out


def test_an_unknown_situation_names_the_real_ones(capsys, fixture_config):
    code, _, err = run(capsys, "walk", "gifts_small", "--situation", "nope", "--answers", "n")
    assert code == 2
    assert err.strip() == "boundary-check: topic 'gifts_small' has no situation 'nope'; its situations: offered_money"
