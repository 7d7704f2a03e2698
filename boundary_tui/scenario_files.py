"""Practice scenario files: read them, check their shape, and check them against the trees.

Scenario files live in a `scenarios/` folder beside the trees, one per topic.
A scenario naming an unknown topic, an outcome the tree does not have, or one
that no answers reach under the scenario's settings, is a problem with its
place. Walking and comparing a scenario is `scenarios`' job, not this one's.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from boundary_tui.fields import ID, MAP, TEXT, TEXTS, check_fields, did_you_mean
from boundary_tui.marked import YamlList, YamlMap
from boundary_tui.model import Discussion, Organisation, Registry, Scenario, Tree, setting_text
from boundary_tui.paths import yaml_files_in
from boundary_tui.problems import Problem, ProblemList
from boundary_tui.routes import reachable_outcomes
from boundary_tui.scenarios import practice_organisation
from boundary_tui.yamlread import read_file

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
    settings = {str(key): setting_text(value) or "" for key, value in (fields.get("settings") or {}).items()}
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


def load_folder(folder: Path, label) -> list[LoadedScenarios]:
    """Every scenario file (.yaml or .yml) in a tree folder's scenarios/ subfolder."""
    scenario_dir = folder / "scenarios"
    if not scenario_dir.is_dir():
        return []
    files, problems = yaml_files_in(scenario_dir, label(scenario_dir))
    unreadable = [LoadedScenarios([], problems, {})] if problems else []
    return unreadable + [load_scenario_file(path, label(path)) for path in files]
