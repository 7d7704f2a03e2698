"""The JSON Schemas shipped for tree authors agree with the trees and registries we ship.

Editors read a tree with the schema named on its first line
(`# yaml-language-server: $schema=...`) and as YAML 1.2, where `yes:` and
`no:` are keys, not the booleans YAML 1.1 (and so PyYAML) makes of them. A
schema out of step with the loader would mark good trees wrong in a policy
owner's editor, or let mistakes through, so the bundled files are read here as
an editor reads them.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from boundary_tui import paths

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
BUNDLED = sorted(paths.bundled_trees_dir().glob("*.yaml"))
FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures"


class Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader with YAML 1.2's core schema in place of YAML 1.1's.

    Plain scalars resolve as the YAML 1.2.2 spec's core schema says (10.3.2):
    only true/false are booleans (so `yes:`, `no:` and `on:` stay text), no
    dates, no `<<` merge keys, no sexagesimal numbers, and 0o/0x integers. A
    repeated key is refused, as an editor marks it. PyYAML rather than a
    second YAML library: libyaml reads the bundled files in a fraction of the
    time, and the loader is checked against the cases below.
    """

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _construct_int(loader: Yaml12Loader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def read_yaml_1_2(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


@pytest.mark.parametrize(
    "text, value",
    [
        ("yes: no", {"yes": "no"}),
        ("on: off", {"on": "off"}),
        ("a: True", {"a": True}),
        ("a: false", {"a": False}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: 010", {"a": 10}),
        ("a: 0o10", {"a": 8}),
        ("a: 0x1F", {"a": 31}),
        ("a: -3", {"a": -3}),
        ("a: 1:30", {"a": "1:30"}),
        ("a: 1_000", {"a": "1_000"}),
        ("a: 2024-01-01", {"a": "2024-01-01"}),
        ("a: 2.5", {"a": 2.5}),
        ("a: 1e3", {"a": 1000.0}),
        ("a: .inf", {"a": float("inf")}),
        ("<<: x", {"<<": "x"}),
        ("a: 'true'", {"a": "true"}),
    ],
)
def test_the_reader_resolves_plain_scalars_as_yaml_1_2_does(text, value):
    assert yaml.load(text, Loader=Yaml12Loader) == value


def test_the_reader_refuses_a_repeated_key():
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'a'"):
        yaml.load("a: 1\na: 2\n", Loader=Yaml12Loader)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((paths.schema_dir() / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(path: Path, schema_name: str) -> list[str]:
    found = validator(schema_name).iter_errors(read_yaml_1_2(path))
    return [f"{path.name}: {'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found]


def named_schema(path: Path) -> str:
    """The schema file the first line points an editor at; it must be one we ship."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path.name} does not point editors at a schema on its first line"
    target = (path.parent / match.group(1)).resolve()
    assert target.parent == paths.schema_dir().resolve() and target.is_file(), target
    return target.name


def test_the_yaml_1_2_reader_keeps_yes_and_no_as_keys():
    tree = read_yaml_1_2(paths.bundled_trees_dir() / "gifts.yaml")
    question = next(iter(tree["questions"].values()))
    assert "yes" in question and "no" in question and True not in question


def test_every_bundled_file_is_checked():
    names = {path.name for path in BUNDLED}
    assert {"_registry.yaml", "_policies.yaml", "_words.yaml", "gifts.yaml"} <= names and len(names) >= 10


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_every_bundled_tree_and_registry_fits_the_schema_it_names(path):
    assert schema_errors(path, named_schema(path)) == []


@pytest.mark.parametrize("path", sorted((FIXTURES / "good").glob("*.yaml")), ids=lambda path: path.name)
def test_the_good_fixture_trees_fit_too(path):
    schema = "registry.schema.json" if path.name.startswith("_") else "tree.schema.json"
    assert schema_errors(path, schema) == []


@pytest.mark.parametrize(
    "name, words",
    [
        ("unknown_field.yaml", "'hepl' was unexpected"),
        ("missing_fields.yaml", "'summary' is a required property"),
        ("wrong_types.yaml", "'one' is not of type 'integer'"),
        ("outcome_without_action.yaml", "'do' is a required property"),
        ("no_refs.yaml", "[] should be non-empty"),
        ("capital_letters_in_an_id.yaml", "'Already_Given' does not match"),
        ("registry/_unknown_setting_type.yaml", "'number' is not one of ['bool', 'choice']"),
    ],
)
def test_the_schema_refuses_shape_mistakes_the_validator_refuses(name, words):
    path = FIXTURES / "bad" / name
    schema = "registry.schema.json" if path.name.startswith("_") else "tree.schema.json"
    errors = schema_errors(path, schema)
    assert any(words in error for error in errors), errors
