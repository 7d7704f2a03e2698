"""A cache of checked trees, so starting the tool does not parse and validate every tree each time.

Reading 13 YAML trees and proving each one sound is most of what `list`,
`walk` and the app's first frame spend, and it grows with every tree an
organisation adds. When the source files have not changed, the checked trees
and registry are read back from one JSON file instead.

- It holds only public tree data: topics, questions, advice, roles and
  settings - never anything about a walk or a person.
- It is JSON, never pickle: reading it can build only this package's own
  value types (`model`), named in a fixed list.
- It is keyed by the sha256 of every source file (and the folders' order, the
  working folder the file labels are relative to, and the shape of the value
  types), so any change to a tree, registry or this package's model is a
  different key: a stale cache is never read.
- A cache that is missing, corrupt or unreadable is ignored and rebuilt.
- Only a catalog with no problems is cached: a broken file always goes
  through the full loader, so its problem is reported with its line.

`validate` never uses it: it always reads the sources.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from boundary_tui import model, paths
from boundary_tui.problems import Problem

FORMAT = 1
_KEPT = 4  # cached catalogs kept; older ones are removed when a new one is written


def _value_types() -> dict[str, type]:
    """The only types a cache file may build: the model's value types and problems."""
    found: dict[str, type] = {"Problem": Problem}
    for name in dir(model):
        value = getattr(model, name)
        ours = isinstance(value, type) and value.__module__ == model.__name__
        if ours and (issubclass(value, enum.Enum) or (issubclass(value, tuple) and hasattr(value, "_fields"))):
            found[name] = value
    return found


def _shape() -> str:
    """The value types' fields and enum values: a model change makes every old cache a miss."""
    parts = []
    for name, kind in sorted(_value_types().items()):
        fields = [member.value for member in kind] if issubclass(kind, enum.Enum) else list(kind._fields)
        parts.append(f"{name}:{fields}")
    return ";".join(parts)


def source_key(folders: Iterable[tuple[int, Path]]) -> str:
    """sha256 over every source file's bytes, in folder order, plus everything else the result depends on."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\n{_shape()}\n{Path.cwd()}\n".encode())
    for layer, path in folders:
        digest.update(f"{layer}\n{path}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir(paths.APP_NAME, appauthor=False)) / "catalog"


def _encode(value: object) -> object:
    if isinstance(value, enum.Enum):
        return {"$e": type(value).__name__, "v": value.value}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {"$t": type(value).__name__, "f": [_encode(item) for item in value]}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(item) for item in value]}
    if isinstance(value, frozenset):
        return {"$set": sorted((_encode(item) for item in value), key=repr)}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {"$map": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode(value: object, types: dict[str, type]) -> object:
    if isinstance(value, list):
        return [_decode(item, types) for item in value]
    if not isinstance(value, dict):
        return value
    if "$e" in value:
        return types[value["$e"]](value["v"])
    if "$t" in value:
        return types[value["$t"]](*(_decode(item, types) for item in value["f"]))
    if "$tuple" in value:
        return tuple(_decode(item, types) for item in value["$tuple"])
    if "$set" in value:
        return frozenset(_decode(item, types) for item in value["$set"])
    if "$map" in value:
        return {_decode(key, types): _decode(item, types) for key, item in value["$map"]}
    raise ValueError("unknown cache entry")


def read(key: str) -> tuple[dict[str, model.Tree], model.Registry] | None:
    """The cached trees and registry for this key, or None (missing, corrupt or not ours: rebuild)."""
    try:
        data = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("key") != key:
            return None
        types = _value_types()
        trees = _decode(data["trees"], types)
        registry = _decode(data["registry"], types)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    if not isinstance(registry, model.Registry) or not isinstance(trees, dict):
        return None
    if not all(isinstance(tree, model.Tree) for tree in trees.values()):
        return None
    return trees, registry


def write(key: str, trees: dict[str, model.Tree], registry: model.Registry) -> None:
    """Keep the checked trees for next time; a cache that can't be written is simply not kept."""
    folder = cache_dir()
    try:
        text = json.dumps({"format": FORMAT, "key": key, "trees": _encode(trees), "registry": _encode(registry)})
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / f"{key}.json")
        older = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[_KEPT:]
        for stale in older:
            stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return
