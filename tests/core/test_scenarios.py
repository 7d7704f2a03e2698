"""Practice scenarios: checked against their trees, and compared with a member of staff's walk."""

from boundary_tui.catalog import check_paths, load_catalog
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


def test_every_scenario_mistake_is_named_with_its_code_and_line():
    _, _, problems = check_paths([GOOD, BAD / "scenarios"], [])
    found = sorted((p.path.rsplit("/", 1)[-1], p.line, p.code, p.message) for p in problems)
    assert [(name, line, code) for name, line, code, _ in found] == [
        ("mistakes.yaml", 3, "unknown-outcome"),
        ("mistakes.yaml", 11, "unreachable-outcome"),
        ("mistakes.yaml", 21, "bad-level"),
        ("mistakes.yaml", 27, "duplicate-id"),
        ("mistakes.yaml", 27, "unknown-source"),
        ("unknown_topic.yaml", 3, "unknown-topic"),
    ]
    text = "\n".join(message for *_, message in found)
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
    assert compare(walk, scenario) == (True, None, False)


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


def test_scenarios_json_contract(capsys, fixture_config):
    from boundary_tui.cli import main

    assert main(["scenarios", "--format", "json"]) == 0
    rows = {row["id"]: row for row in __import__("json").loads(capsys.readouterr().out)}
    assert set(rows["small-voucher"]) >= {"id", "topic", "title", "vignette", "expected"}
    assert rows["small-voucher"]["expected"] == "no_money" and rows["small-voucher"]["topic"] == "gifts_small"
    assert main(["scenarios", "--topic", "nope", "--format", "json"]) == 2


def test_plain_practice_compares_and_keeps_a_tally():
    from boundary_tui.plain import Prompter, run_practice

    # The voucher twice (wrong, then right), then the pen (right); nothing saved.
    replies = iter(["1", "n", "n", "1", "n", "y", "2", "n", "n", "y", "q"])
    said, asked = [], []
    prompter = Prompter(ask=lambda message, validate: asked.append(message) or next(replies), say=said.append)
    assert run_practice(good_catalog(), Organisation(), prompter=prompter) == 0
    text = "\n".join(said)
    assert "Policy expects: DON'T - Don't accept money." in text
    assert "Where it parted: Question 2: Is it money or a voucher?" in text and "You answered No" in text
    assert "Same as the policy: DON'T" in text
    assert "To discuss:" in text and "Would a pen be different?" in text
    # Each scenario counts once, by its first walk: the voucher's second, matching walk does not, and says so.
    assert "Your first walk of this story reached a different outcome; the tally counts that one." in text
    assert text.rstrip().endswith("This session: 1 of 2 scenarios matched the policy first time.")
    # Plain mode shows the policy's advice in full too, not only the verdicts.
    assert "What the policy says:" in text and "Who to tell:" in text and "How soon:" in text
    assert sum("s = save" in m or m.startswith("Next?") for m in asked) == 3


def test_plain_practice_saves_a_record_when_asked():
    from boundary_tui import records
    from boundary_tui.plain import Prompter, run_practice

    replies = iter(["1", "n", "n", "s", "q"])
    said = []
    prompter = Prompter(ask=lambda message, validate: next(replies), say=said.append)
    assert run_practice(good_catalog(), Organisation(), prompter=prompter) == 0
    (record,) = records.list_records()
    assert "Saved: " + str(record.path) in said
    text = records.record_text(record.path)
    assert text.startswith("# Practice: A voucher at the end of term\n")
    assert "> A mum hands me a card with a £20 voucher inside to say thank you." in text
    assert "Where it parted: Question 2: Is it money or a voucher?" in text
    assert "## Your walk: Small gifts" in text and "### Questions and answers" in text
    assert "This story assumes these rules" in text and "gift" in text.split("This story assumes these rules")[1]


def test_the_tally_counts_each_scenario_by_its_first_walk():
    from boundary_tui.scenarios import Comparison, PracticeTally

    catalog = good_catalog()
    voucher, pen = catalog.scenarios["small-voucher"], catalog.scenarios["small-token-pen"]
    tally = PracticeTally()
    assert tally.words() == "No scenarios tried yet this session."
    tally.add(voucher, Comparison(False, 1))
    tally.add(voucher, Comparison(True, None))  # tried again after seeing the answer
    assert (tally.matched, tally.tried, tally.result("small-voucher")) == (0, 1, False)
    tally.add(pen, Comparison(True, None))
    assert tally.words() == "This session: 1 of 2 scenarios matched the policy first time."
    assert tally.result("nope") is None
    tally.clear()
    assert tally.tried == 0


def test_when_no_single_answer_made_the_difference_it_says_so():
    from boundary_tui.render import NO_SINGLE_PARTING, comparison_text
    from boundary_tui.scenarios import Comparison

    walk, scenario = practice("small-voucher", ["n", "n"])
    text = comparison_text(walk, scenario, Comparison(False, None))
    assert NO_SINGLE_PARTING in text and "Where it parted" not in text


def test_the_whole_tree_outline_marks_the_policys_answer_and_opens_the_way_to_it():
    from boundary_tui.render import EXPECTED_MARK, tree_outline

    walk, scenario = practice("small-voucher", ["n", "n"])
    outline = tree_outline(walk.tree, walk, expected=scenario.expected)
    opened = []

    def visit(node):
        opened.append(node)
        for child in node.children:
            if node.open:
                visit(child)

    visit(outline)
    (marked,) = [node for node in opened if node.label.startswith(EXPECTED_MARK)]
    assert "Don't accept money." in marked.label and not marked.on_path
    assert outline.leads_to_expected
    assert tree_outline(walk.tree, walk).leads_to_expected is False


def test_practice_with_no_scenarios_for_the_topic_is_one_line_and_exit_1(capsys, fixture_config):
    from boundary_tui.cli import main

    assert main(["scenarios", "--topic", "texting"]) == 1
    assert capsys.readouterr().err == "boundary-check: no practice scenarios for texting\n"


ORDER_TREE = """\
id: order
title: Order
summary: Numbering questions.
version: 1
start: first
questions:
  first:
    ask: First?
    refs: [rsb 5.0 C]
    yes: a_side
    no: b_side
  a_side:
    ask: A side?
    refs: [rsb 5.0 C]
    yes: bad
    no: bad
  b_side:
    ask: B side?
    refs: [rsb 5.0 C]
    yes: good
    no: bad
outcomes:
  good:
    verdict: ok
    headline: Good.
    refs: [rsb 5.0 C]
  bad:
    verdict: do_not
    headline: Bad.
    do: [Stop.]
    escalate: [line_manager]
    when: today
    record: What happened.
    refs: [rsb 5.0 C]
"""


def test_a_walks_question_numbers_are_matched_to_the_whole_trees(tmp_path):
    """A walk's question 2 can be the tree's Q3: the comparison and the tree view say both."""
    from boundary_tui.render import parting_words, question_numbers, tree_outline
    from boundary_tui.scenarios import Scenario

    (tmp_path / "order.yaml").write_text(ORDER_TREE)
    catalog = load_catalog(folders=[GOOD, tmp_path])
    assert not catalog.problems, catalog.problems
    tree = catalog.trees["order"]
    assert question_numbers(tree) == {"first": 1, "a_side": 2, "b_side": 3}

    walk = Walk(tree, catalog.registry)
    walk.answer("no")
    walk.answer("no")
    scenario = Scenario("s", "order", "T", "easy", "Story.", "good", {}, ())
    comparison = compare(walk, scenario)
    assert comparison.departed_at == 1
    question, what, refs = parting_words(walk, scenario, comparison)
    assert question == "Question 2: B side?"

    labels = []

    def visit(node):
        labels.append((node.label, node.on_path))
        for child in node.children:
            visit(child)

    visit(tree_outline(tree, walk))
    assert ("Q3 (your question 2). B side?", True) in labels
    assert ("Q2. A side?", False) in labels

    labels.clear()
    visit(tree_outline(tree, Walk(tree, catalog.registry)))
    assert not any(on_path for _, on_path in labels), "nothing is marked before the first answer"


def test_a_scenario_is_walked_under_its_own_settings_not_this_pcs():
    """An organisation that allows token gifts must not change what a scenario written for the default expects."""
    from boundary_tui.config import RoleContact
    from boundary_tui.scenarios import practice_organisation

    catalog = good_catalog()
    here = Organisation(settings={"gift_acceptance": "token_ok"}, contacts={"dsl": RoleContact(name="Sam Okafor")})
    voucher, pen = catalog.scenarios["small-voucher"], catalog.scenarios["small-token-pen"]
    assert practice_organisation(here, voucher).setting_value("gift_acceptance", catalog.registry) == "none"
    assert practice_organisation(here, pen).setting_value("gift_acceptance", catalog.registry) == "token_ok"
    assert practice_organisation(here, voucher).contact_for("dsl", catalog.registry).name == "Sam Okafor"

    walk = Walk(catalog.trees["gifts_small"], catalog.registry, practice_organisation(here, voucher))
    walk.answer("n")
    walk.answer("n")
    assert walk.outcome.id == "decline"  # under this PC's token_ok it would ask about a token gift instead
