"""Saved records: a Markdown summary of one walk, kept only when someone asks.

On a shared office PC nothing about a dilemma may be left lying around by
accident, so: nothing is written unless the user saves; records live in the
user's own data folder (mode 0700), each file mode 0600; every write goes to
a temporary file in the same folder and is renamed into place, so a crash
mid-write leaves either the whole record or nothing. A record never holds a
child's, service user's or family member's name: the tool never asks for one.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from boundary_tui import paths

if TYPE_CHECKING:
    from boundary_tui.scenarios import Comparison, PracticeTally, Scenario

_META = re.compile(r"^<!-- boundary-check record (\{.*\}) -->$")


class RecordInfo(NamedTuple):
    path: Path
    topic: str
    verdict: str
    created: str
    scenario: str = ""  # a practice record: the scenario's id


def write_private_text(target: Path, text: str, mode: int = 0o600) -> Path:
    """Write text atomically: a temp file beside the target, fsync, then rename over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


class PracticeResult(NamedTuple):
    """What a practice record adds to a walk: the scenario, how the walk compared, the session's tally."""

    scenario: Scenario
    comparison: Comparison
    tally: PracticeTally


def save_record(
    walk,
    folder: Path | None = None,
    now: datetime | None = None,
    titles: dict[str, str] | None = None,
    practice: PracticeResult | None = None,
) -> Path:
    """Save the summary of a finished walk (or of a practice scenario); returns the new file's path."""
    from boundary_tui.render import practice_markdown, walk_markdown

    advice = walk.advice()
    if advice is None:
        raise ValueError("only a walk that reached an outcome can be saved")
    folder = folder or paths.records_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    now = now or datetime.now().astimezone()
    meta = {
        "topic": walk.tree.id,
        "verdict": advice.verdict.value,
        "created": now.isoformat(timespec="seconds"),
        "version": walk.tree.version,
        "sha256": walk.tree.sha256,
    }
    if practice is None:
        summary = walk_markdown(walk, created=now, titles=titles)
        stem = f"{now.strftime('%Y%m%d-%H%M%S')}-{walk.tree.id}"
    else:
        meta["scenario"] = practice.scenario.id
        summary = practice_markdown(
            walk, practice.scenario, practice.comparison, practice.tally, created=now, titles=titles
        )
        stem = f"{now.strftime('%Y%m%d-%H%M%S')}-practice-{walk.tree.id}"
    body = f"<!-- boundary-check record {json.dumps(meta)} -->\n" + summary
    target = folder / f"{stem}.md"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{counter}.md"
    return write_private_text(target, body)


def list_records(folder: Path | None = None) -> list[RecordInfo]:
    """Saved records, oldest first; files that are not records are left alone."""
    folder = folder or paths.records_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.md")):
        try:
            first = path.open(encoding="utf-8").readline().strip()
            meta = json.loads(_META.match(first).group(1))
            found.append(
                RecordInfo(path, meta["topic"], meta["verdict"], meta["created"], str(meta.get("scenario", "")))
            )
        except (OSError, ValueError, AttributeError, KeyError, UnicodeDecodeError):
            continue
    return sorted(found, key=lambda r: (r.created, r.path.name))


def record_text(path: Path) -> str:
    """A record's summary without the machine-readable first line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[1:] if lines and _META.match(lines[0].strip()) else lines)


def clear_records(folder: Path | None = None) -> int:
    """Delete every saved record; returns how many."""
    records = list_records(folder)
    for record in records:
        record.path.unlink(missing_ok=True)
    return len(records)
