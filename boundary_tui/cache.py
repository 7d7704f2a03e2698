"""A cache of checked trees, so starting the tool does not parse and validate every tree each time.

Reading 13 YAML trees and proving each one sound is most of what `list`,
`walk` and the app's first frame spend, and it grows with every tree an
organisation adds. When the source files have not changed, the checked trees
and registry are read back from JSON instead: a small index (the registry and
each topic's id, title and summary, all that the topic list and `list` show)
and one file per topic, read only when that topic is used - so start-up does
not grow with every tree added.

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

import contextlib
import enum
import json
import os
from _thread import allocate_lock  # threading's lock without loading threading: ~1 ms of every start
from collections.abc import Callable, Iterable, Iterator, Mapping
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

FORMAT = 2  # 2: an index and one file per topic
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


class Topics(Mapping[str, model.Tree]):
    """The cached trees by id, each read from its own file the first time it is used.

    The topic list and `list` need only each topic's header, which comes
    with the index; `show`, `walk` and opening a topic read that one topic,
    and the search index (built after the first frame) reads the rest. A
    topic file that is missing, corrupt or does not match its header is not
    used: `rebuild` reads every tree from its sources instead (and writes a
    fresh cache), once.
    """

    def __init__(
        self,
        headers: dict[str, model.TopicHeader],
        read_topic: Callable[[str], model.Tree | None],
        rebuild: Callable[[], Mapping[str, model.Tree] | None],
        _shared: dict | None = None,
    ) -> None:
        self._headers = headers
        self._read_topic = read_topic
        self._rebuild = rebuild
        # Shared with every `only` view, so a topic is read once however it is reached.
        self._shared = _shared if _shared is not None else {"trees": {}, "rebuilt": None, "lock": allocate_lock()}

    def headers(self) -> list[model.TopicHeader]:
        return list(self._headers.values())

    def only(self, ids: Iterable[str]) -> Topics:
        """These topics, in this order: the organisation's view, sharing what has been read already."""
        return Topics({tid: self._headers[tid] for tid in ids}, self._read_topic, self._rebuild, self._shared)

    def __getitem__(self, topic_id: str) -> model.Tree:
        if topic_id not in self._headers:
            raise KeyError(topic_id)
        trees = self._shared["trees"]
        if topic_id not in trees:
            with self._shared["lock"]:  # the search index's thread and an opened topic may ask at once
                if topic_id not in trees:
                    tree = self._read_topic(topic_id)
                    if tree is None or tree.header != self._headers[topic_id]:
                        tree = self._from_sources().get(topic_id)
                    if tree is None:
                        raise KeyError(topic_id)
                    trees[topic_id] = tree
        return trees[topic_id]

    def _from_sources(self) -> Mapping[str, model.Tree]:
        if self._shared["rebuilt"] is None:
            self._shared["rebuilt"] = self._rebuild() or {}
        return self._shared["rebuilt"]

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._headers


def _parse(path: Path, types: dict[str, type]) -> object:
    """One cache file's JSON, with the model's values built as it is parsed."""
    text = path.read_text(encoding="utf-8")
    # Written with ensure_ascii=False, a cache from this code has no \u escapes and no unsafe
    # character: only a file someone edited needs every string cleaned again.
    cleaning = "\\u" in text or UNSAFE.search(text) is not None
    return json.loads(text, object_hook=_decoder(types, cleaning))


_BROKEN = (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def read(
    key: str, rebuild: Callable[[], Mapping[str, model.Tree] | None] = lambda: None
) -> tuple[Topics, model.Registry] | None:
    """The cached topics and registry for this key, or None (missing, corrupt or not ours: rebuild).

    Only the index is read here; each topic is read when it is first used
    (see `Topics`), and `rebuild` stands in for a topic file that is broken.
    """
    folder = cache_dir() / key
    types = _value_types()
    try:
        data = _parse(folder / "index.json", types)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        headers, registry = data["topics"], data["registry"]
    except _BROKEN:
        return None
    if not isinstance(registry, model.Registry) or not isinstance(headers, list):
        return None
    if not all(isinstance(header, model.TopicHeader) for header in headers):
        return None
    numbers = {header.id: number for number, header in enumerate(headers)}
    if len(numbers) != len(headers):
        return None

    def read_topic(topic_id: str) -> model.Tree | None:
        try:
            tree = _parse(folder / f"{numbers[topic_id]}.json", types)
        except _BROKEN:
            return None
        return tree if isinstance(tree, model.Tree) else None

    return Topics({header.id: header for header in headers}, read_topic, rebuild), registry


def write(key: str, trees: Mapping[str, model.Tree], registry: model.Registry) -> None:
    """Keep the checked trees for next time; a cache that can't be written is simply not kept.

    One folder per key: an index (the registry and each topic's header) and
    one file per topic, so start-up reads only the index. The folder is
    written under a temporary name and renamed, so a reader never sees half of one.
    """
    folder = cache_dir()
    temporary = folder / f".{key}.{os.getpid()}.tmp"
    try:
        index = {
            "format": FORMAT,
            "key": key,
            "topics": _encode([tree.header for tree in trees.values()]),
            "registry": _encode(registry),
        }
        texts = {"index.json": _dumps(index)}
        for number, tree in enumerate(trees.values()):
            texts[f"{number}.json"] = _dumps(_encode(tree))
        temporary.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (temporary / name).write_text(text, encoding="utf-8")
        target = folder / key
        if target.exists():  # a broken topic file was found: the fresh folder replaces the old one
            _remove(target)
        os.replace(temporary, target)
        kept = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in [p for p in kept if not p.name.startswith(".")][_KEPT:]:
            _remove(stale)
    except (OSError, TypeError, ValueError):
        _remove(temporary)
        return


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _remove(path: Path) -> None:
    """Remove a cache folder (or a file left by an older version); what can't be removed is left."""
    if path.is_dir() and not path.is_symlink():
        import shutil  # only when a cache is written: not a cost of every start

        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
