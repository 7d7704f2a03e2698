"""Turn YAML files into model values, collecting every field-level problem.

The loader checks shape: known fields, required fields, types, verdict and
timing words. It records where each node and link stands in the file (a
SourceMap) so the validator can point at the exact line for graph and
cross-reference problems. It never raises for a broken file: it returns
whatever problems it found alongside whatever it could build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from boundary_tui.fields import (
    BOOL,
    ID,
    ID_PATTERN,
    IDS,
    INT,
    MAP,
    TEXT,
    TEXTS,
    check_fields,
    describe_value,
    did_you_mean,
)
from boundary_tui.marked import Mark, YamlList, YamlMap
from boundary_tui.model import (
    Answer,
    Duty,
    Outcome,
    PolicyDuty,
    PolicyProfile,
    PolicySetting,
    Question,
    Registry,
    Role,
    Setting,
    SettingKind,
    SettingNode,
    Situation,
    Source,
    Timing,
    Tree,
    Verdict,
    setting_text,
)
from boundary_tui.problems import Problem, ProblemList
from boundary_tui.yamlread import gc_paused, read_file

TREE_FIELDS = {
    "id": (ID, True),
    "title": (TEXT, True),
    "summary": (TEXT, True),
    "keywords": (TEXTS, False),
    "version": (INT, True),
    "start": (ID, True),
    "questions": (MAP, True),
    "outcomes": (MAP, True),
    "situations": (MAP, False),
    "shared_keywords": (TEXTS, False),
}
QUESTION_FIELDS = {
    "ask": (TEXT, True),
    "help": (TEXT, False),
    "refs": (TEXTS, True),
    "yes": (ID, True),
    "no": (ID, True),
    "unsure": (ID, False),
    "risk": (BOOL, False),
}
SITUATION_FIELDS = {
    "title": (TEXT, True),
    "phrases": (TEXTS, False),
    "answers": (MAP, True),
}
SETTING_NODE_FIELDS = {
    "setting": (ID, True),
    "yes": (ID, False),
    "no": (ID, False),
    "cases": (MAP, False),
}
OUTCOME_FIELDS = {
    "verdict": (TEXT, True),
    "headline": (TEXT, True),
    "do": (TEXTS, False),
    "escalate": (IDS, False),
    "when": (TEXT, False),
    "record": (TEXT, False),
    "refs": (TEXTS, True),
    "see_also": (IDS, False),
    "if_nobody": (TEXT, False),
}
REGISTRY_FIELDS = {
    "roles": (MAP, False),
    "sources": (MAP, False),
    "settings": (MAP, False),
    "synonyms": (MAP, False),
    "duties": (MAP, False),
    "policies": (MAP, False),
}
DUTY_FIELDS = {"title": (TEXT, True), "default": (IDS, True)}
POLICY_FIELDS = {
    "title": (TEXT, True),
    "settings": (MAP, True),
    "roles": (MAP, False),
    "same_as": (MAP, False),
    "duties": (MAP, False),
}
POLICY_SETTING_FIELDS = {"value": (TEXT, True), "refs": (TEXTS, False), "why": (TEXT, False)}
POLICY_DUTY_FIELDS = {"tell": (IDS, True), "refs": (TEXTS, False), "when": (TEXT, False)}
ROLE_FIELDS = {"title": (TEXT, True), "description": (TEXT, False)}
SOURCE_FIELDS = {"title": (TEXT, True)}
SETTING_FIELDS = {
    "type": (TEXT, True),
    "default": (TEXT, True),
    "description": (TEXT, True),
    "choices": (MAP, False),
}


# The list field an index mark points into: ("ref", node, 0) is the first item of the node's refs.
_LIST_FIELDS = {"ref": "refs", "escalate": "escalate", "see_also": "see_also"}


class SourceMap:
    """Where things stand in a tree file, keyed by what the validator wants to point at.

    A mark is only wanted for a problem, so a question's or outcome's own marks
    are not copied out node by node: `at` finds ("node", id), ("link", id, answer),
    ("text", id, field) and ("ref" / "escalate" / "see_also", id, index) in the
    YAML as read, kept here (`nodes`: the mappings that declare the node ids;
    `bodies`: each plain question's and outcome's mapping). `marks` holds the
    rest: the tree's own fields, keywords, setting nodes and situations.
    """

    def __init__(self) -> None:
        self.marks: dict[tuple, Mark] = {}
        self.nodes: list[YamlMap] = []
        self.bodies: dict[str, YamlMap] = {}

    def at(self, *key: object) -> Mark | None:
        mark = self.marks.get(key)
        if mark is not None or len(key) < 2:
            return mark
        kind, node_id = key[0], key[1]
        if kind == "node":
            for nodes in self.nodes:
                if node_id in nodes.key_marks:
                    return nodes.key_marks[node_id]
            return None
        body = self.bodies.get(node_id)
        if body is None or len(key) != 3:
            return None
        if kind == "link" or kind == "text":
            return body.value_marks.get(key[2])
        items = body.get(_LIST_FIELDS.get(kind, ""))
        index = key[2]
        if isinstance(items, YamlList) and isinstance(index, int) and 0 <= index < len(items.item_marks):
            return items.item_marks[index]
        return None


class LoadedTree(NamedTuple):
    """A tree file as loaded: the tree (None if too broken to build), its problems and marks."""

    path: Path
    label: str
    tree: Tree | None
    problems: list[Problem]
    source_map: SourceMap
    # Every node id the file declares, with the fields that passed their checks,
    # so the validator can check links, roles and refs even where a node was
    # too broken to build (and not report a broken node as "does not exist").
    declared: dict[str, dict]


class LoadedRegistry(NamedTuple):
    path: Path
    registry: Registry
    problems: list[Problem]
    # Where each policy profile, and each of its entries, stands: checked once every registry is merged.
    marks: dict = {}
    label: str = ""


def _item_marks(value: object) -> list[Mark | None]:
    return list(value.item_marks) if isinstance(value, YamlList) else []


def load_tree_file(path: Path, label: str | None = None) -> LoadedTree:
    """Load one tree file; problems hold everything wrong with its shape."""
    with gc_paused():
        return _load_tree_file(path, label)


def _load_tree_file(path: Path, label: str | None) -> LoadedTree:
    label = label or str(path)
    read = read_file(path, label)
    problems = ProblemList(label)
    problems.extend(read.problems)
    source_map = SourceMap()
    if read.failed:
        return LoadedTree(path, label, None, problems, source_map, {})
    doc = read.value
    if doc is None:
        problems.add("empty", "the file is empty")
        return LoadedTree(path, label, None, problems, source_map, {})
    top = check_fields(doc, TREE_FIELDS, problems, "the tree", (1, 1))
    if not isinstance(doc, YamlMap):
        return LoadedTree(path, label, None, problems, source_map, {})
    for key in ("id", "start"):
        source_map.marks[("tree", key)] = doc.value_marks.get(key) or doc.mark
    for index, mark in enumerate(_item_marks(doc.get("keywords"))):
        source_map.marks[("keyword", index)] = mark
    if isinstance(top.get("version"), int) and top["version"] < 1:
        problems.add("wrong-type", "'version' should be 1 or more", doc.value_marks.get("version"))

    questions: dict[str, Question | SettingNode] = {}
    outcomes: dict[str, Outcome] = {}
    declared: dict[str, dict] = {}
    # Questions first: an id given as both is pointed at where it is a question.
    source_map.nodes = [top[key] for key in ("questions", "outcomes") if key in top]
    for node_id, body in (top.get("questions") or {}).items():
        mark = top["questions"].key_marks.get(node_id)
        if not ID_PATTERN.match(node_id):
            problems.add("bad-id", f"question id {node_id!r} should be lower case letters, digits, _ or -", mark)
        node = _load_question(node_id, body, problems, source_map, mark, declared)
        if node is not None:
            questions[node_id] = node
    for node_id, body in (top.get("outcomes") or {}).items():
        mark = top["outcomes"].key_marks.get(node_id)
        if not ID_PATTERN.match(node_id):
            problems.add("bad-id", f"outcome id {node_id!r} should be lower case letters, digits, _ or -", mark)
        if node_id in (top.get("questions") or {}):
            problems.add("duplicate-id", f"{node_id!r} is both a question and an outcome: ids must be unique", mark)
            continue
        outcome = _load_outcome(node_id, body, problems, source_map, mark, declared)
        if outcome is not None:
            outcomes[node_id] = outcome

    situations: dict[str, Situation] = {}
    for situation_id, body in (top.get("situations") or {}).items():
        mark = top["situations"].key_marks.get(situation_id)
        situation = _load_situation(situation_id, body, problems, source_map, mark)
        if situation is not None:
            situations[situation_id] = situation

    # Built even when top-level fields are missing, so the graph is still checked;
    # a file with any problem is never offered as a topic.
    tree = Tree(
        id=top.get("id", path.stem),
        title=top.get("title", "").strip(),
        summary=top.get("summary", "").strip(),
        keywords=tuple(top.get("keywords", ())),
        version=top.get("version", 1),
        start=top.get("start", ""),
        questions=questions,
        outcomes=outcomes,
        path=str(path),
        sha256=hashlib.sha256(read.raw).hexdigest(),
        situations=situations,
        shared_keywords=tuple(top.get("shared_keywords", ())),
    )
    return LoadedTree(path, label, tree, problems, source_map, declared)


def _load_situation(situation_id, body, problems, source_map, mark) -> Situation | None:
    """A situation's shape; whether its answers make a real path is the validator's job."""
    where = f"situation {situation_id!r}"
    if not ID_PATTERN.match(situation_id):
        problems.add("bad-id", f"situation id {situation_id!r} should be lower case letters, digits, _ or -", mark)
    source_map.marks[("situation", situation_id)] = mark
    fields = check_fields(body, SITUATION_FIELDS, problems, where, mark)
    if "title" not in fields or "answers" not in fields:
        return None
    answers = []
    raw = fields["answers"]
    for question_id, value in raw.items():
        source_map.marks[("situation-answer", situation_id, question_id)] = raw.key_marks.get(question_id)
        word = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
        try:
            answer = Answer.parse(word) if isinstance(word, str) else None
        except ValueError:
            answer = None
        if answer is None:
            problems.add(
                "bad-answer",
                f"{where} answers {question_id!r} with {describe_value(value)}: use yes, no or unsure",
                raw.value_marks.get(question_id),
            )
            continue
        answers.append((question_id, answer))
    return Situation(
        id=situation_id,
        title=_clean(fields["title"]),
        phrases=tuple(_clean(p) for p in fields.get("phrases", ())),
        answers=tuple(answers),
    )


def _load_question(node_id, body, problems, source_map, mark, declared) -> Question | SettingNode | None:
    where = f"question {node_id!r}"
    if isinstance(body, YamlMap) and "setting" in body:
        fields = check_fields(body, SETTING_NODE_FIELDS, problems, f"setting node {node_id!r}", mark)
        declared[node_id] = fields
        has_yes_no = "yes" in body or "no" in body
        if has_yes_no == ("cases" in body):
            problems.add(
                "setting-branches",
                f"setting node {node_id!r} needs either 'yes' and 'no' (a yes/no setting) or 'cases' (a choice setting)",
                body.mark,
            )
            return None
        if has_yes_no and not ("yes" in fields and "no" in fields):
            if "yes" not in body or "no" not in body:
                problems.add("missing-field", f"setting node {node_id!r} needs both 'yes' and 'no'", body.mark)
            return None
        if "setting" not in fields:
            return None
        source_map.marks[("setting", node_id)] = body.value_marks.get("setting")
        if has_yes_no:
            cases = (("true", fields["yes"]), ("false", fields["no"]))
            source_map.marks[("link", node_id, "true")] = body.value_marks["yes"]
            source_map.marks[("link", node_id, "false")] = body.value_marks["no"]
        else:
            if "cases" not in fields:
                return None
            raw_cases = fields["cases"]
            cases_list = []
            for value, target in raw_cases.items():
                if not (isinstance(target, str) and ID_PATTERN.match(target)):
                    problems.add(
                        "wrong-type",
                        f"case {value!r} in setting node {node_id!r} should name a node, not {describe_value(target)}",
                        raw_cases.value_marks.get(value),
                    )
                    continue
                cases_list.append((value, target))
                source_map.marks[("case", node_id, value)] = raw_cases.key_marks.get(value)
                source_map.marks[("link", node_id, value)] = raw_cases.value_marks.get(value)
            cases = tuple(cases_list)
        return SettingNode(id=node_id, setting=fields["setting"], cases=cases, yes_no=has_yes_no)

    fields = check_fields(body, QUESTION_FIELDS, problems, where, mark)
    declared[node_id] = fields
    if not isinstance(body, YamlMap):
        return None
    source_map.bodies[node_id] = body  # its links, refs and texts are found there when a problem needs them
    if not all(key in fields for key in ("ask", "refs", "yes", "no")):
        return None
    return Question(
        id=node_id,
        ask=_clean(fields["ask"]),
        help=_clean(fields.get("help", "")),
        refs=tuple(fields["refs"]),
        yes=fields["yes"],
        no=fields["no"],
        unsure=fields.get("unsure"),
        risk=fields.get("risk", False),
    )


def _load_outcome(node_id, body, problems, source_map, mark, declared) -> Outcome | None:
    where = f"outcome {node_id!r}"
    fields = check_fields(body, OUTCOME_FIELDS, problems, where, mark)
    declared[node_id] = fields
    if not isinstance(body, YamlMap):
        return None
    source_map.bodies[node_id] = body

    def verdict_of(key: str, context: str) -> Verdict | None:
        if key not in fields:
            return None
        verdict = _VERDICTS.get(fields[key])
        if verdict is None:
            problems.add(
                "unknown-verdict",
                f"unknown verdict {fields[key]!r} {context}{did_you_mean(fields[key], [v.value for v in Verdict])}; "
                f"use one of: {', '.join(v.value for v in Verdict)}",
                body.value_marks.get(key),
            )
        return verdict

    verdict = verdict_of("verdict", f"in {where}")
    if_nobody = verdict_of("if_nobody", f"for if_nobody in {where}")
    when = None
    if "when" in fields:
        when = _TIMINGS.get(fields["when"])
        if when is None:
            problems.add(
                "unknown-timing",
                f"unknown timing {fields['when']!r} in {where}{did_you_mean(fields['when'], [t.value for t in Timing])}; "
                f"use one of: {', '.join(t.value for t in Timing)}",
                body.value_marks.get("when"),
            )
    if verdict is not None and verdict is not Verdict.OK:
        needed = {
            "do": "no action steps ('do')",
            "escalate": "nobody to tell ('escalate')",
            "when": "no timing ('when')",
            "record": "nothing to record ('record')",
        }
        if verdict in (Verdict.DO_NOT, Verdict.OK_RECORD) and not body.get("escalate"):
            # A DON'T, or an OK to note down, whose clause names no one tells no one (and so
            # needs no timing): nobody is added where the policy names no one.
            needed = {key: words for key, words in needed.items() if key not in ("escalate", "when")}
        allowed = "only 'ok', or a 'do_not' or 'ok_record' that tells no one, may leave it out"
        if verdict is Verdict.ASK_FIRST and body.get("escalate") == []:
            # `escalate: []` written out: the permission is the person's own to give
            # (aop41 2.5(b): not entering their room "without being invited or given permission").
            needed.pop("escalate")
        for key, words in needed.items():
            if key in body and not body[key] and key in ("do", "escalate"):
                problems.add("incomplete-outcome", f"{where} has {words}: {allowed}", body.value_marks.get(key))
            elif key not in body:
                problems.add("incomplete-outcome", f"{where} has {words}: {allowed}", body.mark)
    if verdict is None or not all(key in fields for key in ("headline", "refs")):
        return None
    return Outcome(
        id=node_id,
        verdict=verdict,
        headline=_clean(fields["headline"]),
        do=tuple(_clean(step) for step in fields.get("do", ())),
        escalate=tuple(fields.get("escalate", ())),
        when=when,
        record=_clean(fields.get("record", "")),
        refs=tuple(fields["refs"]),
        see_also=tuple(fields.get("see_also", ())),
        if_nobody=if_nobody,
    )


_VERDICTS = {verdict.value: verdict for verdict in Verdict}
_TIMINGS = {timing.value: timing for timing in Timing}


def _clean(text: str) -> str:
    """Folded YAML text keeps single spaces; authors' line breaks inside a sentence go."""
    return " ".join(text.split())


def load_registry_file(path: Path, label: str | None = None) -> LoadedRegistry:
    """Load a _registry.yaml: roles, sources and settings, every problem collected."""
    label = label or str(path)
    read = read_file(path, label)
    problems = ProblemList(label)
    problems.extend(read.problems)
    roles: dict[str, Role] = {}
    sources: dict[str, Source] = {}
    settings: dict[str, Setting] = {}
    doc = read.value
    if read.failed or doc is None:
        return LoadedRegistry(path, Registry(), problems)
    top = check_fields(doc, REGISTRY_FIELDS, problems, "the registry", (1, 1))
    for key, body in (top.get("roles") or {}).items():
        fields = check_fields(body, ROLE_FIELDS, problems, f"role {key!r}", top["roles"].key_marks.get(key))
        if "title" in fields:
            roles[key] = Role(key, fields["title"].strip(), _clean(fields.get("description", "")))
    for key, body in (top.get("sources") or {}).items():
        fields = check_fields(body, SOURCE_FIELDS, problems, f"source {key!r}", top["sources"].key_marks.get(key))
        if "title" in fields:
            sources[key] = Source(key, fields["title"].strip())
    for key, body in (top.get("settings") or {}).items():
        setting = _load_setting(key, body, problems, top["settings"].key_marks.get(key))
        if setting:
            settings[key] = setting
    synonyms: dict[str, str] = {}
    for word, meaning in (top.get("synonyms") or {}).items():
        if not (isinstance(meaning, str) and meaning.strip()):
            problems.add(
                "wrong-type",
                f"synonym {word!r} should say which words it means, not {describe_value(meaning)}",
                top["synonyms"].value_marks.get(word),
            )
            continue
        synonyms[" ".join(str(word).lower().split())] = " ".join(meaning.lower().split())
    duties: dict[str, Duty] = {}
    for key, body in (top.get("duties") or {}).items():
        fields = check_fields(body, DUTY_FIELDS, problems, f"duty {key!r}", top["duties"].key_marks.get(key))
        if "title" in fields and "default" in fields:
            duties[key] = Duty(key, _clean(fields["title"]), tuple(fields["default"]))
    policies: dict[str, PolicyProfile] = {}
    marks: dict = {}
    for key, body in (top.get("policies") or {}).items():
        marks[("policy", key)] = top["policies"].key_marks.get(key)
        profile = _load_policy(key, body, problems, marks[("policy", key)])
        if profile is not None:
            policies[key] = profile
            for section in ("settings", "roles", "same_as", "duties"):
                entries = body.get(section)
                if isinstance(entries, YamlMap):
                    for entry in entries:
                        marks[(section, key, entry)] = entries.key_marks.get(entry)
    registry = Registry(roles, sources, settings, synonyms, duties, policies)
    return LoadedRegistry(path, registry, problems, marks, label)


def _load_policy(key, body, problems, mark) -> PolicyProfile | None:
    """A policy profile's shape; whether its roles, settings and values exist is checked with the whole registry."""
    where = f"policy {key!r}"
    fields = check_fields(body, POLICY_FIELDS, problems, where, mark)
    if "title" not in fields or "settings" not in fields:
        return None
    settings: dict[str, PolicySetting] = {}
    raw = fields["settings"]
    for setting, entry in raw.items():
        at = raw.key_marks.get(setting)
        if isinstance(entry, (str, bool)):
            entry_fields = {"value": setting_text(entry) if isinstance(entry, bool) else entry}
        else:
            if isinstance(entry, YamlMap) and isinstance(entry.get("value"), bool):
                entry = _with_setting_text(entry, "value")  # value: false, for a yes/no setting
            entry_fields = check_fields(entry, POLICY_SETTING_FIELDS, problems, f"{where} setting {setting!r}", at)
        if "value" not in entry_fields:
            continue
        settings[setting] = PolicySetting(
            entry_fields["value"], tuple(entry_fields.get("refs", ())), _clean(entry_fields.get("why", ""))
        )
    duties: dict[str, PolicyDuty] = {}
    raw = fields.get("duties") or {}
    for duty, entry in raw.items():
        entry_fields = check_fields(
            entry, POLICY_DUTY_FIELDS, problems, f"{where} duty {duty!r}", raw.key_marks.get(duty)
        )
        when = None
        if "when" in entry_fields:
            try:
                when = Timing(entry_fields["when"])
            except ValueError:
                problems.add(
                    "unknown-timing",
                    f"unknown timing {entry_fields['when']!r} in {where} duty {duty!r}; "
                    f"use one of: {', '.join(t.value for t in Timing)}",
                    entry.value_marks.get("when") if isinstance(entry, YamlMap) else None,
                )
        if "tell" in entry_fields:
            duties[duty] = PolicyDuty(tuple(entry_fields["tell"]), tuple(entry_fields.get("refs", ())), when)
    texts = {}
    for section in ("roles", "same_as"):
        texts[section] = {}
        for role, value in (fields.get(section) or {}).items():
            if not (isinstance(value, str) and value.strip()):
                problems.add(
                    "wrong-type",
                    f"{section} {role!r} of {where} should be text, not {describe_value(value)}",
                    fields[section].value_marks.get(role),
                )
                continue
            texts[section][role] = value.strip()
    return PolicyProfile(key, _clean(fields["title"]), settings, texts["roles"], texts["same_as"], duties)


def _load_setting(key, body, problems, mark) -> Setting | None:
    where = f"setting {key!r}"
    if isinstance(body, YamlMap) and isinstance(body.get("default"), bool):
        body = _with_setting_text(body, "default")
    fields = check_fields(body, SETTING_FIELDS, problems, where, mark)
    if not all(k in fields for k in ("type", "default", "description")):
        return None
    try:
        kind = SettingKind(fields["type"])
    except ValueError:
        problems.add(
            "bad-setting-type",
            f"the type of {where} should be 'bool' or 'choice', not {fields['type']!r}",
            body.value_marks.get("type"),
        )
        return None
    if kind is SettingKind.BOOL:
        if "choices" in fields:
            problems.add(
                "unknown-field", f"{where} is a yes/no setting: it takes no 'choices'", body.key_marks.get("choices")
            )
        if fields["default"] not in ("true", "false"):
            problems.add(
                "bad-default", f"the default of {where} should be true or false", body.value_marks.get("default")
            )
            return None
        return Setting(key, kind, fields["default"], _clean(fields["description"]))
    choices = fields.get("choices")
    if not choices:
        problems.add("missing-field", f"{where} is a choice setting: list its 'choices' (value: meaning)", body.mark)
        return None
    good = []
    for value, meaning in choices.items():
        if not (isinstance(meaning, str) and meaning.strip()):
            problems.add(
                "wrong-type",
                f"choice {value!r} of {where} should say what it means",
                choices.value_marks.get(value),
            )
            continue
        good.append((value, _clean(meaning)))
    if fields["default"] not in choices:
        problems.add(
            "bad-default",
            f"the default {fields['default']!r} of {where} is not one of its choices: {', '.join(choices)}",
            body.value_marks.get("default"),
        )
        return None
    return Setting(key, kind, fields["default"], _clean(fields["description"]), tuple(good))


def _with_setting_text(body: YamlMap, key: str) -> YamlMap:
    """A copy with a true/false `key` read as the text the setting nodes route on, marks kept."""
    copy = YamlMap(body.mark)
    copy.update(body)
    copy.key_marks = body.key_marks
    copy.value_marks = body.value_marks
    copy[key] = setting_text(body[key])
    return copy
