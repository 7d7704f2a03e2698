"""Routes through a tree that no one has walked yet: for situations, checks and counts.

A situation gives some answers in advance. Whether those answers make a real
path, and how many questions the person is still asked, depends on the
organisation's settings and on the answers the person gives. This module
explores every route a situation leaves open, over the model alone (no files,
no config), so the validator, the tests and the benchmarks all count the same
way.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from boundary_tui.model import Question, Registry, SettingNode, Situation, Tree

MAX_COMBINATIONS = 4096  # beyond this a tree's settings are sampled by their defaults only


class SituationRoutes(NamedTuple):
    """What walking a situation can do, over every route the person's own answers open."""

    reached: frozenset[str]  # the situation's answered questions that some route reaches
    asked: tuple[int, ...]  # how many questions the person answers, one count per route


def setting_combinations(tree: Tree, registry: Registry) -> list[dict[str, str]]:
    """Every combination of the values of the settings a tree routes on (defaults only if too many)."""
    keys = [key for key in tree.settings_used if key in registry.settings]
    values = [registry.settings[key].values for key in keys]
    count = 1
    for options in values:
        count *= len(options)
    if count > MAX_COMBINATIONS:
        return [{key: registry.settings[key].default for key in keys}]
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*values)]


def explore(tree: Tree, situation: Situation, settings: dict[str, str]) -> SituationRoutes:
    """Every route from the start with the situation's answers given and risk questions answered No.

    The person's own answers branch: each of their possible answers is followed.
    """
    given = dict(situation.answers)
    reached: set[str] = set()
    asked: list[int] = []
    stack: list[tuple[str, int, int]] = [(tree.start, 0, 0)]  # node, questions asked so far, depth
    limit = len(tree.questions) + len(tree.outcomes) + 1
    while stack:
        node_id, count, depth = stack.pop()
        if depth > limit or (node_id not in tree.questions and node_id not in tree.outcomes):
            continue  # a cycle or a dangling link: the validator reports those itself
        node = tree.node(node_id)
        if isinstance(node, SettingNode):
            value = settings.get(node.setting)
            target = node.next_for(value) if value is not None else None
            stack.append((target or node.cases[0][1], count, depth + 1))
        elif isinstance(node, Question):
            if tree.is_risk(node):
                stack.append((node.no, count + 1, depth + 1))
            elif node.id in given and node.next_for(given[node.id]):
                reached.add(node.id)
                stack.append((node.next_for(given[node.id]), count, depth + 1))
            else:
                stack.extend((target, count + 1, depth + 1) for target in node.targets)
        else:
            asked.append(count)
    return SituationRoutes(frozenset(reached), tuple(asked))


def unreached_answers(tree: Tree, registry: Registry, situation: Situation) -> list[str]:
    """The situation's answered questions that no route reaches, under any combination of settings."""
    reached: set[str] = set()
    for settings in setting_combinations(tree, registry):
        reached |= explore(tree, situation, settings).reached
    return [question_id for question_id, _ in situation.answers if question_id not in reached]


def most_asked(tree: Tree, registry: Registry, situation: Situation) -> int:
    """The most questions the person answers after picking a situation, under the default settings."""
    defaults = {key: setting.default for key, setting in registry.settings.items()}
    counts = explore(tree, situation, defaults).asked
    return max(counts) if counts else 0


def reachable_outcomes(tree: Tree, setting_value) -> set[str]:
    """Every outcome some run of answers reaches, with setting nodes decided by `setting_value(key)`."""
    found: set[str] = set()
    stack, seen = [tree.start], set()
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        if node_id in tree.outcomes:
            found.add(node_id)
            continue
        node = tree.questions.get(node_id)
        if isinstance(node, Question):
            stack.extend(node.targets)
        elif isinstance(node, SettingNode):
            stack.append(node.next_for(setting_value(node.setting)) or node.cases[0][1])
    return found


def reaches(tree: Tree, start: str, target: str, setting_value) -> bool:
    """Whether some run of answers from `start` still reaches the outcome `target`."""
    return target in reachable_outcomes(tree._replace(start=start), setting_value)
