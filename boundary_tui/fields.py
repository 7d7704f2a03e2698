"""Field checks for hand-written YAML: known fields, required fields, value kinds, and "did you mean".

Trees, registries, scenario files and config files are all mappings of
'field: value' lines written by people. Every reader checks them here, so a
mistyped key gets the same "unknown field 'escalte' (did you mean
'escalate'?)" wherever it is, with the line it stands on.
"""

from __future__ import annotations

import re

from boundary_tui.marked import Mark, YamlMap
from boundary_tui.problems import ProblemList

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")

TEXT, ID, INT, NUMBER, BOOL, TEXTS, IDS, MAP = "text", "id", "int", "number", "bool", "texts", "ids", "map"
_KIND_WORDS = {
    BOOL: "true or false",
    NUMBER: "a number",
    TEXT: "text",
    ID: "an id (lower case letters, digits, _ or -)",
    INT: "a whole number",
    TEXTS: "a list of text",
    IDS: "a list of ids",
    MAP: "a mapping of 'key: value' lines",
}


def did_you_mean(word: str, choices) -> str:
    """The closest of `choices` by edit distance, as " (did you mean 'gifts'?)", or nothing."""
    import difflib  # only for a mistake: every start would pay for it

    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_id(value: object) -> bool:
    return isinstance(value, str) and _is_id_text(value) is not None


def _is_texts(value: object) -> bool:
    if not isinstance(value, list):
        return False
    return all(isinstance(item, str) and item.strip() for item in value)


def _is_ids(value: object) -> bool:
    if not isinstance(value, list):
        return False
    return all(isinstance(item, str) and _is_id_text(item) for item in value)


_is_id_text = ID_PATTERN.match
_MISSING = object()
# Each kind's check, looked up once per field: every node of every tree passes through here.
_CHECKS = {
    TEXT: _is_text,
    ID: _is_id,
    INT: lambda value: isinstance(value, int) and not isinstance(value, bool),
    BOOL: lambda value: isinstance(value, bool),
    NUMBER: lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    TEXTS: _is_texts,
    IDS: _is_ids,
    MAP: lambda value: isinstance(value, dict),
}


def describe_value(value: object) -> str:
    """A value as a message to a policy owner names it: "the number 3", "empty text", "a mapping"."""
    if isinstance(value, bool):
        return "a yes/no value (put it in quotes if you meant text)"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        bad = [v for v in value if not isinstance(v, str)]
        return f"a list with {describe_value(bad[0])} in it" if bad else "a list"
    if isinstance(value, str):
        return f"{value!r}" if value.strip() else "empty text"
    return type(value).__name__  # pragma: no cover


def check_fields(mapping: object, spec: dict, problems: ProblemList, where: str, mark: Mark | None) -> dict:
    """Check one mapping against a field spec; return the fields that passed."""
    if not isinstance(mapping, YamlMap):
        problems.add(
            "wrong-type", f"{where} should be a mapping of 'field: value' lines, not {describe_value(mapping)}", mark
        )
        return {}
    good = {}
    if not mapping.keys() <= spec.keys():  # a set comparison in C: the usual case, no unknown field, costs little
        for key in mapping:
            if key not in spec:
                problems.add(
                    "unknown-field",
                    f"unknown field {key!r} in {where}{did_you_mean(key, spec)}",
                    mapping.key_marks.get(key),
                )
    checks = _CHECKS
    for key, (kind, required) in spec.items():
        value = mapping.get(key, _MISSING)
        if value is _MISSING:
            if required:
                problems.add("missing-field", f"{where} is missing {key!r}", mapping.mark)
            continue
        if not checks[kind](value):
            problems.add(
                "wrong-type",
                f"{key!r} in {where} should be {_KIND_WORDS[kind]}, not {describe_value(value)}",
                mapping.value_marks.get(key),
            )
            continue
        good[key] = value
    return good
