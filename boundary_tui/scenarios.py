"""Practice scenarios for supervision: a vignette, the outcome the policy expects, and prompts.

Scenario files live in a `scenarios/` folder beside the trees, one per topic.
This module loads and checks them (an unknown topic, an outcome the tree does
not have, or one that no answers reach under the scenario's settings, is a
problem) and compares a member of staff's walk with the expected outcome:
where they differ, it names the first answer after which the expected outcome
could no longer be reached - the point where their reasoning parted from the
policy's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from boundary_tui.config import Organisation, setting_value_from_yaml
from boundary_tui.loader import ID, MAP, TEXT, TEXTS, check_fields, did_you_mean
from boundary_tui.model import Answer, Question, Registry, SettingNode, Tree
from boundary_tui.problems import Problem, ProblemList
from boundary_tui.yamlread import YamlList, YamlMap, read_file, yaml_files_in

if TYPE_CHECKING:
    from boundary_tui.walk import Step

LEVELS = ("easy", "borderline", "urgent")
FILE_FIELDS = ("topic", "scenarios")
# `discussion` is checked on its own (a list of mappings), so it is not in this shape.
SCENARIO_FIELDS = {
    "id": (ID, True),
    "title": (TEXT, True),
    "level": (TEXT, True),
    "vignette": (TEXT, True),
    "expected": (ID, True),
    "settings": (MAP, False),
}
DISCUSSION_FIELDS = {"prompt": (TEXT, True), "refs": (TEXTS, True)}


class Discussion(NamedTuple):
    prompt: str
    refs: tuple[str, ...]


class Scenario(NamedTuple):
    """One practice story and the outcome the policy expects for it."""

    id: str
    topic: str
    title: str
    level: str
    vignette: str
    expected: str
    settings: dict[str, str]
    discussion: tuple[Discussion, ...]
    path: str = ""


class LoadedScenarios(NamedTuple):
    scenarios: list[Scenario]
    problems: list[Problem]
    marks: dict[str, tuple[int, int]]  # scenario id -> where it starts, for later checks


def load_scenario_file(path: Path, label: str | None = None) -> LoadedScenarios:
    """Read one scenario file, checking its shape; cross-checks need the trees (see check_scenarios)."""
    label = label or str(path)
    read = read_file(path, label)
    problems = ProblemList(label)
    problems.extend(read.problems)
    found: list[Scenario] = []
    marks: dict[str, tuple[int, int]] = {}
    doc = read.value
    if read.failed or doc is None:
        if doc is None and not read.problems:
            problems.add("empty", "the file is empty")
        return LoadedScenarios(found, problems, marks)
    if not isinstance(doc, YamlMap):
        problems.add("wrong-type", "a scenario file should be a mapping with 'topic' and 'scenarios'", (1, 1))
        return LoadedScenarios(found, problems, marks)
    for key in doc:
        if key not in FILE_FIELDS:
            problems.add(
                "unknown-field",
                f"unknown field {key!r} in the scenario file{did_you_mean(key, FILE_FIELDS)}",
                doc.key_marks[key],
            )
    topic = doc.get("topic")
    if not isinstance(topic, str) or not topic.strip():
        problems.add(
            "missing-field", "the scenario file needs 'topic': the id of the tree its scenarios walk", doc.mark
        )
        return LoadedScenarios(found, problems, marks)
    items = doc.get("scenarios")
    if not isinstance(items, YamlList) or not items:
        problems.add(
            "missing-field",
            "the scenario file needs 'scenarios': a list of scenarios",
            doc.value_marks.get("scenarios", doc.mark),
        )
        return LoadedScenarios(found, problems, marks)
    for index, item in enumerate(items):
        mark = items.item_marks[index]
        scenario = _load_one(item, topic, label, problems, mark)
        if scenario is not None:
            found.append(scenario)
            marks[scenario.id] = mark
    return LoadedScenarios(found, problems, marks)


def _load_one(item: object, topic: str, label: str, problems: ProblemList, mark) -> Scenario | None:
    where = (
        f"scenario {item.get('id')!r}"
        if isinstance(item, YamlMap) and isinstance(item.get("id"), str)
        else "a scenario"
    )
    if not isinstance(item, YamlMap):
        problems.add("wrong-type", f"{where} should be a mapping of 'field: value' lines", mark)
        return None
    body = YamlMap(item.mark)
    body.update({k: v for k, v in item.items() if k != "discussion"})
    body.key_marks, body.value_marks = item.key_marks, item.value_marks
    fields = check_fields(body, SCENARIO_FIELDS, problems, where, mark)
    if "discussion" not in item:
        problems.add("missing-field", f"{where} is missing 'discussion'", item.mark)
        return None
    discussion_items = item["discussion"]
    discussion: list[Discussion] = []
    if not isinstance(discussion_items, YamlList) or not 1 <= len(discussion_items) <= 2:
        problems.add(
            "wrong-type",
            f"'discussion' in {where} should be a list of one or two prompts",
            item.value_marks.get("discussion"),
        )
    else:
        for index, entry in enumerate(discussion_items):
            got = check_fields(
                entry,
                DISCUSSION_FIELDS,
                problems,
                f"a discussion prompt of {where}",
                discussion_items.item_marks[index],
            )
            if "prompt" in got and "refs" in got:
                discussion.append(Discussion(" ".join(got["prompt"].split()), tuple(got["refs"])))
    if "level" in fields and fields["level"] not in LEVELS:
        problems.add(
            "bad-level",
            f"the level of {where} should be one of {', '.join(LEVELS)}{did_you_mean(fields['level'], LEVELS)}",
            item.value_marks.get("level"),
        )
        return None
    if not all(key in fields for key in ("id", "title", "level", "vignette", "expected")) or len(discussion) != len(
        discussion_items or ()
    ):
        return None
    settings = {str(key): setting_value_from_yaml(value) or "" for key, value in (fields.get("settings") or {}).items()}
    return Scenario(
        id=fields["id"],
        topic=topic,
        title=fields["title"].strip(),
        level=fields["level"],
        vignette=" ".join(fields["vignette"].split()),
        expected=fields["expected"],
        settings=settings,
        discussion=tuple(discussion),
        path=label,
    )


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


def _reaches(tree: Tree, start: str, target: str, setting_value) -> bool:
    return target in reachable_outcomes(tree._replace(start=start), setting_value)


def check_scenarios(
    loaded: list[LoadedScenarios], trees: dict[str, Tree], registry: Registry
) -> tuple[list[Problem], list[Scenario]]:
    """Cross-check scenarios against the trees and registry; returns the problems and the sound scenarios."""
    problems: list[Problem] = []
    sound: list[Scenario] = []
    seen: dict[str, str] = {}
    for file in loaded:
        for scenario in file.scenarios:
            where = ProblemList(scenario.path)
            mark = file.marks.get(scenario.id)
            if scenario.id in seen:
                where.add("duplicate-id", f"scenario id {scenario.id!r} is already used in {seen[scenario.id]}", mark)
            seen.setdefault(scenario.id, scenario.path)
            tree = trees.get(scenario.topic)
            if tree is None:
                where.add(
                    "unknown-topic",
                    f"scenario {scenario.id!r} is for unknown topic {scenario.topic!r}{did_you_mean(scenario.topic, trees)}",
                    mark,
                )
                problems.extend(where)
                continue
            for key, value in scenario.settings.items():
                setting = registry.settings.get(key)
                if setting is None:
                    where.add(
                        "unknown-setting",
                        f"scenario {scenario.id!r} sets unknown setting {key!r}{did_you_mean(key, registry.settings)}",
                        mark,
                    )
                elif value not in setting.values:
                    where.add(
                        "bad-setting-value",
                        f"scenario {scenario.id!r} sets {key} to {value!r}; it takes one of: {', '.join(setting.values)}",
                        mark,
                    )
            refs = [ref for d in scenario.discussion for ref in d.refs]
            for ref in refs:
                if registry.source_of(ref) is None or not ref.partition(" ")[2].strip():
                    where.add(
                        "unknown-source",
                        f"ref {ref!r} in scenario {scenario.id!r} names no known source and clause",
                        mark,
                    )
            if scenario.expected not in tree.outcomes:
                where.add(
                    "unknown-outcome",
                    f"scenario {scenario.id!r} expects {scenario.expected!r}, which is not an outcome of {tree.id!r}{did_you_mean(scenario.expected, tree.outcomes)}",
                    mark,
                )
            elif not where:
                # The settings a practice walk will go by: the same call the walk's organisation makes.
                practice = practice_organisation(Organisation(), scenario)

                def value_of(key: str, practice=practice) -> str:
                    return practice.setting_value(key, registry) if key in registry.settings else ""

                if scenario.expected not in reachable_outcomes(tree, value_of):
                    where.add(
                        "unreachable-outcome",
                        f"scenario {scenario.id!r} expects {scenario.expected!r}, which no answers reach under its settings",
                        mark,
                    )
            if not where:
                sound.append(scenario)
            problems.extend(where)
    return problems, sound


class Comparison(NamedTuple):
    """How a practice walk compares with the scenario's expected outcome."""

    matched: bool
    departed_at: int | None  # index into walk.steps of the first answer that made the expected outcome unreachable
    # Not the policy's outcome, but reached by answering "Not sure" where the question's
    # own help says to, and at least as careful as the policy's: not a mistake.
    cautious: bool = False

    @property
    def fair(self) -> bool:
        """Matched, or took the cautious route the tree itself asks for: what the tally counts as right."""
        return self.matched or self.cautious

    def departed_step(self, walk) -> Step | None:
        """The question and answer where the walk parted from the policy's path, if one answer did it."""
        return None if self.departed_at is None else walk.steps[self.departed_at]


def compare(walk, scenario: Scenario) -> Comparison:
    """Compare a finished walk with the expected outcome, naming where it parted from the policy's path."""
    if walk.outcome is not None and walk.outcome.id == scenario.expected:
        return Comparison(True, None)

    def value_of(key: str) -> str:
        return walk.organisation.setting_value(key, walk.registry)

    cautious = _took_the_cautious_route(walk, scenario)
    for index, step in enumerate(walk.steps):
        chosen = step.question.next_for(step.answer)
        could_before = _reaches(walk.tree, step.question.id, scenario.expected, value_of)
        if could_before and not _reaches(walk.tree, chosen, scenario.expected, value_of):
            return Comparison(False, index, cautious)
    return Comparison(False, None, cautious)


ASKS_FOR_NOT_SURE = 'choose "Not sure"'


def _took_the_cautious_route(walk, scenario: Scenario) -> bool:
    """A "Not sure" the question's help asked for, ending at advice at least as careful as the policy's."""
    reached, expected = walk.outcome, walk.tree.outcomes.get(scenario.expected)
    if reached is None or expected is None or reached.verdict.caution < expected.verdict.caution:
        return False
    return any(step.answer is Answer.UNSURE and ASKS_FOR_NOT_SURE in step.question.help for step in walk.steps)


def practice_organisation(organisation: Organisation, scenario: Scenario) -> Organisation:
    """The organisation a scenario is walked under: its people, but the scenario's settings.

    A setting the scenario does not name takes the registry default, as when
    the scenario was checked - not this PC's value - so the expected outcome is
    always reachable and the comparison means the same on every PC. Who to
    tell is still this organisation's people.
    """
    return organisation._replace(settings=dict(scenario.settings))


def in_topic_order(scenarios, topic_order: list[str], topic: str | None = None) -> list[Scenario]:
    """Scenarios grouped by topic, topics in the order the topic list shows them; only `topic`'s if given.

    Within a topic they keep their file's order (its author's: easy first, say).
    """
    rank = {topic_id: index for index, topic_id in enumerate(topic_order)}
    chosen = [s for s in scenarios if s.topic in rank and (topic is None or s.topic == topic)]
    return sorted(chosen, key=lambda s: rank[s.topic])


class PracticeTally:
    """The session's running score: how many scenarios were walked, and how many matched the policy.

    Each scenario counts once, by the first walk of it that reached an outcome:
    going back and changing an answer after seeing the comparison is how people
    learn, but it should not turn a miss into a match. It lives only in memory;
    it is written down only inside a record someone chooses to save.
    """

    def __init__(self) -> None:
        self._first_result: dict[str, bool] = {}
        self.walks = 0  # every walk that reached an outcome, retries included

    def add(self, scenario: Scenario, comparison: Comparison) -> None:
        self._first_result.setdefault(scenario.id, comparison.fair)
        self.walks += 1

    def clear(self) -> None:
        self._first_result.clear()
        self.walks = 0

    def result(self, scenario_id: str) -> bool | None:
        """Whether this scenario's first walk matched the policy; None if it has not been walked."""
        return self._first_result.get(scenario_id)

    @property
    def tried(self) -> int:
        return len(self._first_result)

    @property
    def matched(self) -> int:
        return sum(self._first_result.values())

    def words(self) -> str:
        if not self.tried:
            return "No scenarios tried yet this session."
        noun = "scenario" if self.tried == 1 else "scenarios"
        return f"This session: {self.matched} of {self.tried} {noun} matched the policy first time."


def load_folder(folder: Path, label) -> list[LoadedScenarios]:
    """Every scenario file (.yaml or .yml) in a tree folder's scenarios/ subfolder."""
    scenario_dir = folder / "scenarios"
    if not scenario_dir.is_dir():
        return []
    files, problems = yaml_files_in(scenario_dir, label(scenario_dir))
    unreadable = [LoadedScenarios([], problems, {})] if problems else []
    return unreadable + [load_scenario_file(path, label(path)) for path in files]
