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
- A cache that is missing, corrupt or unreadable is ignored and rebuilt, and
  every string read back is cleaned of control and bidi characters again.
- Only a catalog with no problems is cached: a broken file always goes
  through the full loader, so its problem is reported with its line.

`validate` never uses it: it always reads the sources.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Iterable
from pathlib import Path

from boundary_tui import model, paths
from boundary_tui.problems import Problem
from boundary_tui.safetext import UNSAFE, clean

try:  # Python's own sha256: the same digest as hashlib's, without loading OpenSSL (~3 ms of every start)
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.10 and 3.11
    except ImportError:  # pragma: no cover - a Python built without them
        from hashlib import sha256

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
    digest = sha256()
    digest.update(f"{FORMAT}\n{_shape()}\n{Path.cwd()}\n".encode())
    for layer, path in folders:
        digest.update(f"{layer}\n{path}\n".encode())
        digest.update(sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_dir() -> Path:
    return paths.user_cache_dir() / "catalog"


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


def _decoder(types: dict[str, type], cleaning: bool):
    """A json object_hook that builds the model's values bottom-up, as the parser meets them (fast).

    Without `cleaning` (a cache as this code writes it) the parsed items are
    used as they are: no Python call per string, which is most of the time a
    warm start would otherwise spend here.
    """
    enums = {name: kind._value2member_map_ for name, kind in types.items() if issubclass(kind, enum.Enum)}

    def tidy(value: object) -> object:
        if isinstance(value, str):
            return clean(value)
        if isinstance(value, list):
            return [tidy(item) for item in value]
        return value

    def hook(entry: dict) -> object:
        # Most frequent first: tuples (refs, steps), then named values, then enums.
        if "$tuple" in entry:
            items = entry["$tuple"]
            return tuple(map(tidy, items) if cleaning else items)
        if "$t" in entry:
            items = entry["f"]
            return types[entry["$t"]](*(map(tidy, items) if cleaning else items))
        if "$e" in entry:
            return enums[entry["$e"]][entry["v"]]
        if "$map" in entry:
            pairs = entry["$map"]
            return {tidy(key): tidy(item) for key, item in pairs} if cleaning else dict(pairs)
        if "$set" in entry:
            items = entry["$set"]
            return frozenset(map(tidy, items) if cleaning else items)
        return entry

    return hook


def read(key: str) -> tuple[dict[str, model.Tree], model.Registry] | None:
    """The cached trees and registry for this key, or None (missing, corrupt or not ours: rebuild)."""
    try:
        text = (cache_dir() / f"{key}.json").read_text(encoding="utf-8")
        # Written with ensure_ascii=False, a cache from this code has no \u escapes and no unsafe
        # character: only a file someone edited needs every string cleaned again.
        cleaning = "\\u" in text or UNSAFE.search(text) is not None
        data = json.loads(text, object_hook=_decoder(_value_types(), cleaning))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        trees, registry = data["trees"], data["registry"]
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
        payload = {"format": FORMAT, "key": key, "trees": _encode(trees), "registry": _encode(registry)}
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / f"{key}.json")
        older = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[_KEPT:]
        for stale in older:
            stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return
