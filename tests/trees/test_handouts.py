"""Handouts: Markdown and Mermaid for every bundled tree, complete and well-formed."""

import re

import pytest

from boundary_tui import render
from boundary_tui.catalog import load_catalog
from boundary_tui.cli import main
from boundary_tui.model import Question, SettingNode
from boundary_tui.walk import Walk

CATALOG = load_catalog()
TREES = sorted(CATALOG.trees)

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


@pytest.mark.parametrize("topic", TREES)
def test_markdown_handout_has_every_question_and_outcome(topic):
    tree = CATALOG.trees[topic]
    walk = walk_for(topic)
    text = render.tree_text(tree, walk, markdown=True)
    assert text.startswith(f"# {tree.title}\n")
    for node in tree.questions.values():
        if isinstance(node, Question):
            assert walk.fill(node.ask) in text and "; ".join(node.refs) in text
        else:
            assert isinstance(node, SettingNode) and node.setting in text
    for outcome in tree.outcomes.values():
        assert f"### {outcome.id}: {outcome.verdict.label}" in text and walk.fill(outcome.headline) in text


def test_mermaid_labels_escape_quotes():
    assert (
        render.mermaid_label('She said "keep it secret" <now>') == '"She said #quot;keep it secret#quot; #lt;now#gt;"'
    )


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
