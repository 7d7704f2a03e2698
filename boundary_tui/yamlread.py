"""Read YAML safely into plain values that remember where they came from.

Trees and config files are written by hand by policy owners, and a tree file
may come from anywhere, so this reader:

- builds only plain data (mappings, lists, strings, numbers, booleans, null):
  any explicit tag (``!!python/object``, ``!custom``) is refused, never run;
- refuses files over a size cap, bytes that are not UTF-8, NUL bytes and tabs
  used as indentation, each with a plain-English message;
- rejects duplicate keys, which PyYAML silently keeps the last of;
- caps nesting depth and alias expansion, so an absurdly nested file or a
  "billion laughs" alias bomb fails fast instead of eating the machine;
- remembers the line and column of every key and value (1-based, relative to
  the file) so the validator can point at the exact place;
- strips control and bidi characters (an escaped "\\e" in quotes, a U+202E)
  from every key and value, reporting each with its line, so nothing read
  here can drive the terminal it is shown on (see safetext);
- reads only regular files, and never more than the size cap: a FIFO, a
  device or a link to /dev/zero is a problem, not a hang.

It works from PyYAML's event stream (libyaml's C parser where available)
with an explicit stack, so nothing here recurses on the depth of the input.
It knows nothing of trees: that is the loader's job.
"""

from __future__ import annotations

import gc
import os
import stat
from contextlib import contextmanager
from pathlib import Path

import yaml
from yaml import events
from yaml.resolver import Resolver

from boundary_tui.marked import Mark, YamlList, YamlMap
from boundary_tui.problems import Problem, ProblemList
from boundary_tui.safetext import UNSAFE, clean, describe_unsafe

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 200_000

try:  # libyaml is an order of magnitude faster; fall back to pure Python.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_resolver = Resolver()
# Characters a YAML 1.1 number, boolean, null or merge key can start with: a plain scalar starting
# with anything else is text, so most values skip the resolver's regular expressions altogether.
_RESOLVABLE_FIRST = frozenset(key for key in _resolver.yaml_implicit_resolvers if key)
_unsafe = UNSAFE.search


def _is_prose(value: str) -> bool:
    """True for plain text with a space in it, such as "No one else is told": of YAML 1.1's implicit
    types only a timestamp may hold a space, and it starts with a digit. Saves the resolver's
    regular expressions for every sentence that happens to start with N, O, T, F or Y."""
    return " " in value and not ("0" <= value[0] <= "9")


class ReadResult:
    """What a file held (None if it could not be read) and every problem found reading it."""

    def __init__(self, value: object, problems: list[Problem], raw: bytes = b""):
        self.value, self.problems, self.raw = value, problems, raw

    @property
    def failed(self) -> bool:
        """True if nothing read may be used; control characters alone are already removed from `value`."""
        return any(p.keeps_content_out for p in self.problems)


def _mark(yaml_mark) -> Mark:
    return (yaml_mark.line + 1, yaml_mark.column + 1)


def read_file(path: Path, label: str | None = None) -> ReadResult:
    """Read one YAML file; never raises (nor waits) for anything wrong with the file itself."""
    problems = ProblemList(label or str(path))
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except NotRegularFile as error:
        problems.add("not-a-file", f"{error}: skipped")
        return ReadResult(None, problems)
    except OSError as error:
        problems.add("unreadable", f"cannot read the file: {error.strerror or error}")
        return ReadResult(None, problems)
    if len(raw) > MAX_FILE_BYTES:
        problems.add("file-too-large", f"file is over {MAX_FILE_BYTES:,} bytes, the limit")
        return ReadResult(None, problems)
    result = read_bytes(raw, label or str(path))
    result.raw = raw
    return result


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder: reading it could hang or never end."""


_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (following links); NotRegularFile for anything else.

    The file is opened without blocking (a FIFO with no writer would wait for
    ever) and checked on the open handle, so it cannot be swapped between a
    check and the read; a file that grows while read is cut at the limit.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        kind = stat.S_IFMT(os.fstat(handle).st_mode)
        if kind != stat.S_IFREG:
            raise NotRegularFile(f"this is {_KINDS.get(kind, 'not a regular file')}, not a file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def read_bytes(raw: bytes, label: str) -> ReadResult:
    """Decode and parse bytes; every failure is a Problem, never an exception."""
    problems = ProblemList(label)
    if len(raw) > MAX_FILE_BYTES:
        problems.add("file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return ReadResult(None, problems, raw)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        problems.add("binary", "this is not a text file (it contains a NUL byte)", (line, 1))
        return ReadResult(None, problems, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add("not-utf8", "this file is not UTF-8 text: save it as UTF-8", (line, column))
        return ReadResult(None, problems, raw)
    with gc_paused():
        value = _build(text, problems)
    return ReadResult(value, problems, raw)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a file is read and checked.

    It would rescan the growing structure again and again, making a large file
    quadratic; nothing built here forms a cycle that needs collecting.

    What survives the read (the values and marks, the tree built from them)
    lives on, so on the way out it joins the collector's oldest generation
    (gc.freeze then gc.unfreeze) instead of being the young generation's first
    scan: for a 10,000-node tree that scan alone was a tenth of the load.
    Unless something else has frozen objects, which unfreezing would undo.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_ScalarEvent, _AliasEvent = events.ScalarEvent, events.AliasEvent
_MappingStart, _SequenceStart = events.MappingStartEvent, events.SequenceStartEvent
_CONTAINER_ENDS = (events.MappingEndEvent, events.SequenceEndEvent)
_CONTAINER_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_NO_KEY = object()  # an open mapping waiting for its next key, not a value


def _tag_problem(tag: str) -> str:
    return f"tags like {_short_tag(tag)} are not allowed (nothing in the file is ever run): write plain values"


def _build(text: str, problems: ProblemList) -> object:
    """Turn the event stream into YamlMap/YamlList/scalars with an explicit stack.

    Each open container is a frame [container, pending key, values under it,
    anchor]. The loop pulls events straight from the parser and checks the
    commonest (scalars) first: this is the hot path of every command.
    """
    loader = _Loader(text)
    try:
        return _build_events(loader.get_event, text, problems)
    except yaml.reader.ReaderError as error:  # a raw control character: YAML refuses it before any event
        character = error.character if isinstance(error.character, str) else chr(error.character)
        # libyaml counts its position in bytes; a character YAML never accepts is first met where it first occurs.
        at = max(text.find(character), 0)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.add(
            "control-character",
            f"the file holds {describe_unsafe(character) or f'U+{ord(character):04X}'}, "
            "a control character that is not allowed: remove it",
            (line, column),
        )
    except yaml.MarkedYAMLError as error:
        mark = _mark(error.problem_mark) if error.problem_mark else None
        if "maximum nesting depth" in (error.problem or ""):
            # libyaml (PyYAML >= 6.0.4) scans flow brackets ahead of the events
            # and may hit its own depth limit before ours: same problem, same code.
            problems.add("too-deep", f"nested more than {MAX_DEPTH} levels deep", mark)
        else:
            problems.add("yaml", _explain(error, text), mark)
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        problems.add("yaml", f"not valid YAML: {error}")
    except RecursionError:  # pragma: no cover - the event parser is not recursive
        problems.add("too-deep", "nested too deeply to read")
    finally:
        loader.dispose()
    return None


def _build_events(next_event, text: str, problems: ProblemList) -> object:
    """The event loop: every value placed in its container with its mark, or None at the first hazard.

    This is the hot path of every command that reads a tree, so it is written
    flat: the innermost open container, its kind and its pending key live in
    local variables (the containers above it on `stack`), scalars are placed
    inline, and only a plain scalar that could be a number, boolean or null
    goes through the resolver.
    """
    # A control or bidi character reaches a value only written raw (bidi marks) or as a
    # double-quoted escape ("\\e"), which needs a backslash: most files have neither, and skip the check.
    check_text = "\\" in text or UNSAFE.search(text) is not None
    anchors: dict[str, tuple[object, int]] = {}
    expanded = 0  # values the aliases would expand to, were the file read as plain data
    # Values read so far, an alias counting as what it expands to: a container's size
    # (for an alias to it) is the count at its end less the count at its start.
    count = 0
    root: object = None
    documents = 0
    # The innermost open container (None at the top), whether it is a mapping, its key
    # waiting for a value (_NO_KEY when the next scalar is a key), the count at its start
    # and its anchor; the containers around it are saved on `stack` in the same shape.
    top = None
    top_is_map = False
    key: object = _NO_KEY
    top_start = 0
    top_anchor = None
    stack: list[tuple] = []
    scalar_event, plain_tags, resolvable_first, unsafe = _ScalarEvent, _PLAIN_TAGS, _RESOLVABLE_FIRST, _unsafe

    while True:
        event = next_event()
        cls = event.__class__
        if cls is scalar_event:
            start_mark = event.start_mark
            mark = (start_mark.line + 1, start_mark.column + 1)
            tag = event.tag
            if tag is not None and tag != "!" and tag not in plain_tags:
                problems.add("tag", _tag_problem(tag), mark)
                return None
            value = event.value
            if check_text and unsafe(value):
                problems.add(
                    "control-character",
                    f"text holds {describe_unsafe(value)}, which could control the terminal; removed",
                    mark,
                )
                value = clean(value)
            count += 1
            # Keys stay text: YAML 1.1 would turn a bare `yes:` or `no:` key into a boolean.
            if not (top_is_map and key is _NO_KEY) and (
                tag is not None or not (event.style or (value and value[0] not in resolvable_first))
            ):
                value = _scalar(value, event.style, tag, event.implicit)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
        elif cls in _CONTAINER_ENDS:
            value, size, anchor, mark = top, count - top_start, top_anchor, top.mark
            top, top_is_map, key, top_start, top_anchor = stack.pop()
            if anchor:
                anchors[anchor] = (value, size)
        elif cls is _MappingStart or cls is _SequenceStart:
            start_mark = event.start_mark
            mark = (start_mark.line + 1, start_mark.column + 1)
            if event.tag not in _CONTAINER_TAGS:
                problems.add("tag", _tag_problem(event.tag), mark)
                return None
            if len(stack) >= MAX_DEPTH:
                problems.add("too-deep", f"nested more than {MAX_DEPTH} levels deep", mark)
                return None
            stack.append((top, top_is_map, key, top_start, top_anchor))
            top_is_map = cls is _MappingStart
            top = YamlMap(mark) if top_is_map else YamlList(mark)
            key, top_start, top_anchor = _NO_KEY, count, event.anchor
            count += 1
            continue
        elif cls is _AliasEvent:
            mark = _mark(event.start_mark)
            if event.anchor not in anchors:
                problems.add("bad-alias", f"alias *{event.anchor} refers to no anchor", mark)
                return None
            value, size = anchors[event.anchor]
            expanded += size
            if expanded > MAX_EXPANDED_NODES:
                problems.add("alias-bomb", "aliases expand to too many values (is this an alias bomb?)", mark)
                return None
            count += size
        elif cls is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                problems.add(
                    "many-documents", "a file holds one document: remove the extra '---'", _mark(event.start_mark)
                )
                return None
            continue
        elif cls is events.StreamEndEvent:
            return root
        else:
            continue
        # A scalar, a finished container, or an alias's value: placed as a key, a value or an item.
        if top_is_map and key is _NO_KEY:
            if value.__class__ is YamlMap or value.__class__ is YamlList:
                problems.add("complex-key", "a key must be a plain word, not a list or mapping", mark)
                return None
            if value in top:
                first = top.key_marks[value][0]
                problems.add("duplicate-key", f"duplicate key {value!r} (first given on line {first})", mark)
                return None
            top.key_marks[value] = mark
            key = value
        elif top_is_map:
            top[key] = value
            top.value_marks[key] = mark
            key = _NO_KEY
        elif top is not None:
            top.append(value)
            top.item_marks.append(mark)
        else:
            root = value


def _scalar(value: str, style: str | None, tag: str | None, implicit) -> object:
    """Resolve a plain scalar to str/int/float/bool/None like YAML 1.1 safe loading does."""
    if style or (tag == "tag:yaml.org,2002:str"):
        return value  # quoted or block text is always a string
    if value and (tag is None or tag == "!") and (value[0] not in _RESOLVABLE_FIRST or _is_prose(value)):
        return value  # plain text: no implicit type starts this way, or holds a space
    resolved = tag if tag and tag != "!" else _resolver.resolve(yaml.ScalarNode, value, implicit)
    if resolved == "tag:yaml.org,2002:null":
        return None
    if resolved == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on", "y")
    if resolved == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if resolved == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value  # timestamps and everything else stay text


def _explain(error: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's messages in words a policy owner can act on."""
    problem = (error.problem or "").strip()
    mark = error.problem_mark
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if at == "\t" or "'\\t'" in problem:
        return "a tab character is not allowed here: indent with spaces"
    context = (error.context or "").strip()
    if "mapping values are not allowed" in problem:
        return "a ':' is in the wrong place (put text containing ': ' in quotes)"
    if "could not find expected ':'" in problem:
        return "expected 'key: value' here (is a line missing its ':' or badly indented?)"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "bad indentation: this line does not line up with the ones above it"
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return problem
    text = problem or context or "not valid YAML"
    return f"not valid YAML: {text}" + (f" ({context})" if context and problem else "")


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
