"""Property tests: any valid tree walks to an outcome; no mutation of a tree crashes the loader.

Generated trees are written as YAML text and go through the same reader,
loader and validator as a policy owner's file. They hold setting nodes too,
both kinds (a yes/no setting and a choice), walked under organisations that
choose every value: a setting node is passed without asking and follows the
organisation's choice.
"""

import random
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boundary_tui.catalog import check_paths
from boundary_tui.config import Organisation
from boundary_tui.loader import load_tree_file
from boundary_tui.model import Answer, Question, Registry, Role, Setting, SettingKind, SettingNode, Source
from boundary_tui.validate import validate_tree
from boundary_tui.walk import Walk

SETTINGS = {
    "lifts_allowed": Setting("lifts_allowed", SettingKind.BOOL, "false", "Whether staff may give lifts."),
    "gift_acceptance": Setting(
        "gift_acceptance",
        SettingKind.CHOICE,
        "none",
        "Whether gifts may be accepted.",
        (("none", "Never."), ("token_ok", "Token gifts."), ("exceptional_only", "Only by exception.")),
    ),
}
REGISTRY = Registry(
    roles={"line_manager": Role("line_manager", "your line manager")},
    sources={"aop41": Source("aop41", "AOP41")},
    settings=SETTINGS,
)
VERDICTS = ["ok", "ok_record", "ask_first", "do_not", "report_now", "emergency"]


@st.composite
def valid_trees(draw):
    """A random acyclic tree: nodes only point to later nodes or to outcomes.

    Any node but the first may be a setting node instead of a question.
    """
    n_nodes = draw(st.integers(1, 12))
    n_outcomes = draw(st.integers(1, 6))
    questions = {}
    for index in range(n_nodes):
        later = [f"q{i}" for i in range(index + 1, n_nodes)] + [f"o{i}" for i in range(n_outcomes)]
        # the next node is always one branch, so every node is reachable
        following = f"q{index + 1}" if index + 1 < n_nodes else draw(st.sampled_from(later))
        kind = draw(st.sampled_from(["question", "bool", "choice"])) if index else "question"
        if kind == "bool":
            node = {"setting": "lifts_allowed", "yes": following, "no": draw(st.sampled_from(later))}
        elif kind == "choice":
            values = SETTINGS["gift_acceptance"].values
            node = {"setting": "gift_acceptance", "cases": {values[0]: following}}
            node["cases"].update({value: draw(st.sampled_from(later)) for value in values[1:]})
        else:
            node = {"ask": f"Question {index}?", "refs": ["aop41 1.1"], "yes": following}
            node["no"] = draw(st.sampled_from(later))
            if draw(st.booleans()):
                node["unsure"] = draw(st.sampled_from(later))
        questions[f"q{index}"] = node
    targets = {
        target
        for node in questions.values()
        for key, value in node.items()
        for target in (value.values() if key == "cases" else [value])
        if key in ("yes", "no", "unsure", "cases")
    }
    outcomes = {}
    for index in range(n_outcomes):
        if f"o{index}" not in targets:
            continue
        verdict = draw(st.sampled_from(VERDICTS))
        outcome = {"verdict": verdict, "headline": "Do this.", "refs": ["aop41 1.1"]}
        if verdict != "ok":
            outcome.update({"do": ["Step."], "escalate": ["line_manager"], "when": "today", "record": "It."})
        outcomes[f"o{index}"] = outcome
    return {
        "id": "generated",
        "title": "G",
        "summary": "S",
        "version": 1,
        "start": "q0",
        "questions": questions,
        "outcomes": outcomes,
    }


organisations = st.builds(
    lambda lifts, gifts: Organisation().with_settings({"lifts_allowed": lifts, "gift_acceptance": gifts}),
    st.sampled_from(SETTINGS["lifts_allowed"].values),
    st.sampled_from(SETTINGS["gift_acceptance"].values),
)


def load_text(tmp_path, text: str):
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_tree_file(path)
    problems = list(loaded.problems)
    if loaded.tree is not None:
        problems += validate_tree(loaded, REGISTRY, {"generated"})
    return loaded, problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=valid_trees(), organisation=organisations, answers=st.lists(st.sampled_from(list(Answer)), max_size=40))
def test_valid_trees_always_walk_to_an_outcome_and_back_returns(tmp_path, tree, organisation, answers):
    loaded, problems = load_text(tmp_path, yaml.safe_dump(tree))
    assert problems == []
    walk = Walk(loaded.tree, REGISTRY, organisation)
    for answer in answers:
        if walk.finished:
            break
        if answer not in walk.allowed_answers():
            continue
        before = walk.question.id
        depth = len(walk.steps)
        walk.answer(answer)
        assert len(walk.steps) == depth + 1
        walk.back()
        assert walk.question.id == before and len(walk.steps) == depth
        walk.answer(answer)
    while not walk.finished:
        assert isinstance(walk.question, Question), "a setting node was put to the person"
        walk.answer(Answer.NO)
    assert walk.advice() is not None
    # Every setting node on the way was passed by the organisation's own choice.
    for here, there in zip(walk.route[:-1], walk.route[1:], strict=True):
        node = loaded.tree.node(here)
        if isinstance(node, SettingNode):
            assert there == node.next_for(organisation.settings[node.setting])


_mutations = st.sampled_from(["delete_char", "insert_char", "swap_lines", "delete_line", "duplicate_line", "retarget"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=valid_trees(), mutation=st.lists(_mutations, min_size=1, max_size=4), seed=st.integers(0, 2**32))
def test_mutated_trees_give_problems_or_a_valid_tree_never_an_exception(tmp_path, tree, mutation, seed):
    rng = random.Random(seed)
    lines = yaml.safe_dump(tree).splitlines()
    for kind in mutation:
        if not lines:
            break
        i = rng.randrange(len(lines))
        if kind == "delete_char" and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + lines[i][j + 1 :]
        elif kind == "insert_char":
            j = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + rng.choice(string.printable) + lines[i][j:]
        elif kind == "swap_lines":
            k = rng.randrange(len(lines))
            lines[i], lines[k] = lines[k], lines[i]
        elif kind == "delete_line":
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, lines[i])
        elif kind == "retarget":
            lines[i] = lines[i].replace("o0", "q0")
    loaded, problems = load_text(tmp_path, "\n".join(lines) + "\n")
    for problem in problems:
        assert problem.message and problem.path
    if not problems:
        walk = Walk(loaded.tree, REGISTRY)
        while not walk.finished:
            walk.answer(Answer.NO)


def test_whole_folder_check_survives_garbage(tmp_path):
    rng = random.Random(7)
    for index in range(30):
        (tmp_path / f"g{index}.yaml").write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
    loaded, _, problems = check_paths([tmp_path], [])
    assert len(loaded) == 30 and problems
