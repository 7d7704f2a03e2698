"""Handouts: Markdown and Mermaid for every bundled tree, complete and well-formed."""

import re

import pytest

from boundary_tui import render
from boundary_tui.cli import main
from boundary_tui.model import Question
from boundary_tui.walk import Walk

from .bundled import CATALOG, TREES

NODE = re.compile(r'^    (n_\w+)(\{"[^"]*"\}|\{\{"[^"]*"\}\}|\["[^"]*"\]:::(\w+))$')
EDGE = re.compile(r'^    (n_\w+) -->\|("[^"]*"|[A-Za-z ]+)\| (n_\w+)$')
CLASSDEF = re.compile(r"^    classDef (\w+) [a-z-]+:[#\w]+(,[a-z-]+:[#\w]+)*$")


def walk_for(topic):
    return Walk(CATALOG.trees[topic], CATALOG.registry)


@pytest.mark.parametrize("topic", TREES)
def test_mermaid_is_well_formed_and_complete(topic):
    tree = CATALOG.trees[topic]
    text = render.tree_mermaid(tree, walk_for(topic))
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    declared, edges, classes, used_classes = set(), [], set(), set()
    for line in lines[1:]:
        if node := NODE.match(line):
            assert node.group(1) not in declared, f"declared twice: {line}"
            declared.add(node.group(1))
            if node.group(3):
                used_classes.add(node.group(3))
        elif edge := EDGE.match(line):
            edges.append((edge.group(1), edge.group(3)))
        elif classdef := CLASSDEF.match(line):
            classes.add(classdef.group(1))
        else:
            pytest.fail(f"not a Mermaid node, edge or classDef line: {line!r}")
    every_node = {render.mermaid_id(n) for n in [*tree.questions, *tree.outcomes]}
    assert declared == every_node
    assert all(a in declared and b in declared for a, b in edges)
    expected_edges = sum(len(n.targets) for n in tree.questions.values())
    assert len(edges) == expected_edges
    assert used_classes <= classes


@pytest.mark.parametrize("policy", (None, "pbr", "aop41", "rsb", "ahps", "lccc"))
@pytest.mark.parametrize("topic", TREES)
def test_the_markdown_handout_shows_what_applies_here_in_words_not_ids(topic, policy):
    """Numbered questions and advice, no internal ids, and only what this organisation's settings reach."""
    from boundary_tui.config import Organisation

    tree = CATALOG.trees[topic]
    walk = Walk(tree, CATALOG.registry, Organisation(policy=policy))
    text = render.tree_text(tree, walk, markdown=True)
    assert text.startswith(f"# {tree.title}\n")
    questions, outcomes = render._handout_order(tree, walk)
    for number, node_id in enumerate(questions, 1):
        assert f"### Q{number}. {walk.fill(tree.questions[node_id].ask)}\n" in text
    for number, node_id in enumerate(outcomes, 1):
        advice = walk.advice(node_id)
        assert f"### A{number}. {advice.verdict.label}\n\n{advice.headline}\n" in text
    # Every id a tree author uses stays out of the handout, settings included.
    for node_id in [*tree.questions, *tree.outcomes, *walk.settings_used()]:
        if "_" in node_id:
            assert node_id not in text, node_id
    # What the settings rule out is left out, and said to be.
    ruled_out = set(tree.outcomes) - set(outcomes)
    for node_id in ruled_out:
        headline = walk.advice(node_id).headline
        assert f"\n{headline}\n" not in text or any(walk.advice(o).headline == headline for o in outcomes)
    assert ("don't apply under your organisation's settings" in text) == bool(ruled_out)
    # Every reachable route leads somewhere the handout shows.
    for target in re.findall(r"go to Q(\d+)|see A(\d+)", text):
        q, a = target
        assert (q and int(q) <= len(questions)) or (a and int(a) <= len(outcomes))


def test_a_token_ok_handout_has_no_ban_on_presents():
    """Under rsb (token_ok) a handout printed 'staff can't accept presents' from the ban it never reaches."""
    from boundary_tui.config import Organisation

    tree = CATALOG.trees["gifts"]
    text = render.tree_text(tree, Walk(tree, CATALOG.registry, Organisation(policy="rsb")), markdown=True)
    assert walk_for("gifts").advice("decline").headline not in text
    assert "token value" in text


def test_mermaid_labels_escape_quotes():
    assert (
        render.mermaid_label('She said "keep it secret" <now>') == '"She said #quot;keep it secret#quot; #lt;now#gt;"'
    )
    assert render.mermaid_label("a " * 20 + "end") == '"' + ("a " * 16).strip() + "<br/>" + ("a " * 4) + 'end"'


@pytest.mark.parametrize("topic", TREES)
def test_mermaid_labels_are_wrapped_so_nodes_stay_narrow(topic):
    """Labels of 100+ characters made very wide nodes; each line now fits MERMAID_LINE (a single long word aside)."""
    text = render.tree_mermaid(CATALOG.trees[topic], walk_for(topic))
    for label in re.findall(r'"([^"]*)"', text):
        for line in label.split("<br/>"):
            words = line.replace("#quot;", '"').replace("#amp;", "&").replace("#lt;", "<").replace("#gt;", ">")
            assert len(words) <= render.MERMAID_LINE or " " not in words, line


def test_show_output_writes_the_file(tmp_path, capsys):
    target = tmp_path / "handouts" / "lifts.mmd"
    assert main(["show", "lifts", "--format", "mermaid", "--output", str(target)]) == 0
    assert target.read_text().startswith("flowchart TD\n")
    assert capsys.readouterr().out == ""
    assert main(["show", "lifts", "--output", str(tmp_path)]) == 2  # a folder, not a file


@pytest.mark.parametrize("topic", TREES)
def test_the_whole_tree_outline_spells_out_every_question_once_in_number_order(topic):
    """Q1, Q2, ... in reading order, each in full once, matching the numbers the comparison quotes."""
    tree = CATALOG.trees[topic]
    spelled = []

    def visit(node):
        if number := re.match(r"^Q(\d+)\. ", node.label):
            spelled.append(int(number.group(1)))
        for child in node.children:
            visit(child)

    visit(render.tree_outline(tree, walk_for(topic)))
    numbers = render.question_numbers(tree)
    assert spelled == list(range(1, len(numbers) + 1))
    assert len(numbers) == sum(isinstance(node, Question) for node in tree.questions.values())
