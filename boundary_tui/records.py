"""Saved records: a Markdown summary of one walk, kept only when someone asks.

On a shared office PC nothing about a dilemma may be left lying around by
accident, so: nothing is written unless the user saves; records live in the
user's own data folder (on Windows, inside the user's profile, which only
that account can read; elsewhere also mode 0700 for the folder and 0600 for
each file). Privacy never rests on chmod alone: Windows has no `os.fchmod`
before Python 3.13, and its file modes mean little.

Every write goes to a temporary file in the same folder and is renamed into
place, so a crash mid-write leaves either the whole record or nothing; the
record's name is claimed first with O_EXCL, so two processes saving in the
same second never get the same name. A records folder that is a symbolic
link is refused rather than followed. Temporary files left by a killed save
are removed on the next start and by `records clear`. A record never holds a
child's, service user's or family member's name: the tool never asks for one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from boundary_tui import paths
from boundary_tui.safetext import clean

if TYPE_CHECKING:
    from datetime import datetime

    from boundary_tui.model import Scenario
    from boundary_tui.scenarios import Comparison, PracticeTally

_META = re.compile(r"^<!-- boundary-check record (\{.*\}) -->$")


class RecordInfo(NamedTuple):
    path: Path
    topic: str
    verdict: str
    created: str
    scenario: str = ""  # a practice record: the scenario's id

    @property
    def id(self) -> str:
        """What `records show` takes besides the number: the file's name without `.md`."""
        return self.path.stem


class RecordsFolderError(OSError):
    """The records folder cannot be used safely (it is a symbolic link, or not a folder)."""


REPLACE_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
"""Seconds to wait between tries of the final rename when Windows says PermissionError.

An antivirus scanner or a search indexer on Windows briefly opens a new file
and holds it; a moment later the rename goes through.
"""

TEMP_SUFFIX = ".tmp"


def _replace(source: str, target: Path) -> None:
    """os.replace, tried again a few times while another program holds the target open."""
    for delay in (*REPLACE_RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if delay is None:
                raise
            time.sleep(delay)


def _set_mode(handle: int, name: str, mode: int) -> None:
    """Give the temp file its final mode; no-op where that means nothing.

    mkstemp already creates it 0600 (private) on POSIX. os.fchmod is missing
    on Windows before Python 3.13, where os.chmod on the path sets only the
    read-only flag - harmless, and privacy there comes from the profile folder.
    """
    if mode == 0o600:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    else:  # pragma: no cover - Windows, simulated in tests
        os.chmod(name, mode)


def _write_temp(folder: Path, name: str, text: str, mode: int) -> str:
    """The whole text in a new temp file beside its target, flushed to disk; returns its path."""
    import tempfile  # only when saving: every start lists the records folder, few save

    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        _set_mode(handle, temp_name, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def write_text_atomically(target: Path, text: str, mode: int = 0o644) -> Path:
    """Write a file others may read (a handout, a config template) whole or not at all.

    A temp file beside it, fsync, then rename over it. Records use
    `write_new_record` instead: they are private and never overwrite.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp_name = _write_temp(target.parent, target.name, text, mode)
    try:
        _replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def _claim(folder: Path, stem: str) -> Path:
    """Create an empty `stem.md` (or `stem-2.md`, ...) that did not exist; O_EXCL makes it ours alone."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for counter in range(1, 10_000):
        target = folder / (f"{stem}.md" if counter == 1 else f"{stem}-{counter}.md")
        try:
            os.close(os.open(target, flags, 0o600))
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"too many records named {stem} in {folder}")


def write_new_record(folder: Path, stem: str, text: str) -> Path:
    """Write a new record under a name no other save has, whole or not at all; returns its path."""
    temp_name = _write_temp(folder, stem, text, 0o600)
    try:
        target = _claim(folder, stem)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    try:
        _replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        target.unlink(missing_ok=True)  # the empty claim, so no blank record is left
        raise
    return target


def private_folder(folder: Path) -> Path:
    """Make the records folder if needed, private to this user; refuse one that is a symbolic link.

    A link could point the records (and a chmod) anywhere on the disk.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    if folder.is_symlink():
        raise RecordsFolderError(errno.ELOOP, "the records folder is a symbolic link; not following it", str(folder))
    if not folder.is_dir():
        raise RecordsFolderError(errno.ENOTDIR, "the records folder is not a folder", str(folder))
    if os.name == "posix":  # on Windows the profile folder's permissions keep it private
        os.chmod(folder, 0o700)
    return folder


def remove_leftovers(folder: Path | None = None, min_age: float = 60) -> int:
    """Delete temp files a killed save left behind, and empty claimed names; returns how many.

    They are hidden (`.NAME.tmp`) and may hold a whole record. Only files this
    module makes are touched; a save in progress in another process is at most
    a second old, so files younger than `min_age` seconds are left alone.
    """
    folder = folder or paths.records_dir()
    if folder.is_symlink() or not folder.is_dir():
        return 0
    removed = 0
    cutoff = time.time() - min_age
    try:
        entries = list(folder.iterdir())
    except OSError:  # a folder it may not read: 'records' commands say so; a start is not held up by it
        return 0
    for path in entries:
        try:
            info = path.lstat()
            leftover = path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)
            empty_claim = path.suffix == ".md" and info.st_size == 0
            if stat.S_ISREG(info.st_mode) and (leftover or empty_claim) and info.st_mtime <= cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


RECORDS_OFF = "saving records is turned off on this computer (records: off in the config)."


def not_saved(error: OSError) -> str:
    """One line on why a record could not be saved (a full or read-only disk, a linked folder), in words."""
    reason = error.strerror or str(error) or type(error).__name__
    where = f" ({error.filename})" if error.filename else ""
    return f"The record was NOT saved: {reason}{where}."


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
    folder = private_folder(folder or paths.records_dir())
    from datetime import datetime

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
    return write_new_record(folder, stem, body)


def list_records(folder: Path | None = None) -> list[RecordInfo]:
    """Saved records, oldest first; files that are not records are left alone.

    Only regular files directly in the folder count: a link or a FIFO named
    like a record is not read (it could point anywhere, or never answer).
    """
    folder = folder or paths.records_dir()
    if folder.is_symlink():
        raise RecordsFolderError(errno.ELOOP, "the records folder is a symbolic link; not following it", str(folder))
    if not folder.is_dir():
        return []
    found = []
    # scandir, not glob: a folder that cannot be read is an error to report, not an empty list.
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(".md"))
    for path in (folder / name for name in names):
        try:
            if not stat.S_ISREG(path.lstat().st_mode):
                continue
            with path.open(encoding="utf-8") as stream:
                first = stream.readline(4096).strip()
            meta = json.loads(_META.match(first).group(1))
            # A record is a file like any other: what it says is shown as text, never as terminal control.
            fields = (meta["topic"], meta["verdict"], meta["created"], meta.get("scenario", ""))
            found.append(RecordInfo(path, *(clean(str(field)) for field in fields)))
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: (r.created, r.path.name))


def find_record(which: str, folder: Path | None = None) -> RecordInfo | None:
    """A record by its number in `records list` or its id (the file name without .md); never by a path.

    Anything else - a path, `..`, a number in another script - finds nothing.
    """
    found = list_records(folder)
    if which.isascii() and which.isdigit():
        number = int(which)
        return found[number - 1] if 1 <= number <= len(found) else None
    return next((record for record in found if which in (record.id, record.path.name)), None)


def record_text(path: Path) -> str:
    """A record's summary without the machine-readable first line, as inert text."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return clean("".join(lines[1:] if lines and _META.match(lines[0].strip()) else lines))


def clear_records(folder: Path | None = None) -> int:
    """Delete every saved record, and any temp copy a killed save left; returns how many records."""
    records = list_records(folder)
    for record in records:
        record.path.unlink(missing_ok=True)
    remove_leftovers(folder, min_age=0)
    return len(records)
