"""Saved records: one walk as a document to attach, kept only when someone asks.

A walk is saved as a Word document (.docx, see document.py) to upload to
CPOMS, MyConcern or the setting's own file; a practice record, for a
training file, stays Markdown (.md). `records list/show/clear` read both,
and the Markdown walk records saved before documents existed.

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
are removed on the next start and by `records clear`. The tool never asks for
a child's, service user's or family member's name: one reaches a record only
if the person saving types it into the optional "what happened" note.
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
from boundary_tui.safetext import clean, clean_note

if TYPE_CHECKING:
    from datetime import datetime

    from boundary_tui.model import Scenario
    from boundary_tui.scenarios import Comparison, PracticeTally

_META = re.compile(r"^<!-- boundary-check record (\{.*\}) -->$")
MARKDOWN_SUFFIX = ".md"
DOCX_SUFFIX = ".docx"  # document.py makes and reads these; imported only then, with python-docx
RECORD_SUFFIXES = (DOCX_SUFFIX, MARKDOWN_SUFFIX)


class RecordInfo(NamedTuple):
    path: Path
    topic: str
    verdict: str
    created: str
    scenario: str = ""  # a practice record: the scenario's id

    @property
    def id(self) -> str:
        """What `records show` takes besides the number: the file's name without `.docx` or `.md`."""
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


def _write_temp(folder: Path, name: str, content: str | bytes, mode: int) -> str:
    """The whole content (text as UTF-8) in a new temp file beside its target, flushed to disk; returns its path."""
    import tempfile  # only when saving: every start lists the records folder, few save

    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        _set_mode(handle, temp_name, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def write_text_atomically(target: Path, text: str | bytes, mode: int = 0o644) -> Path:
    """Write a file others may read (a handout, a config template), or its bytes, whole or not at all.

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


def _claim(folder: Path, stem: str, suffix: str) -> Path:
    """Create an empty `stem.docx` (or `stem-2.docx`, ...) that did not exist; O_EXCL makes it ours alone."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for counter in range(1, 10_000):
        target = folder / (f"{stem}{suffix}" if counter == 1 else f"{stem}-{counter}{suffix}")
        try:
            os.close(os.open(target, flags, 0o600))
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"too many records named {stem} in {folder}")


def write_new_record(folder: Path, stem: str, content: str | bytes, suffix: str = MARKDOWN_SUFFIX) -> Path:
    """Write a new record under a name no other save has, whole or not at all; returns its path."""
    temp_name = _write_temp(folder, stem, content, 0o600)
    try:
        target = _claim(folder, stem, suffix)
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
            empty_claim = path.suffix in RECORD_SUFFIXES and info.st_size == 0
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
    note: str = "",
) -> Path:
    """Save a finished walk as a document to attach (or a practice scenario as Markdown); returns its path.

    `note`: what happened, in the person's own words, if they chose to type
    any; cleaned here, once, whichever front end it came from.
    """
    from boundary_tui import document, render

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
        blocks = render.record_blocks(walk, created=now, note=clean_note(note), titles=titles)
        content = document.record_docx(blocks, render.record_footer(walk), meta, created=now)
        stem = f"{now.strftime('%Y%m%d-%H%M%S')}-{walk.tree.id}"
        return write_new_record(folder, stem, content, DOCX_SUFFIX)
    meta["scenario"] = practice.scenario.id
    summary = render.practice_markdown(
        walk, practice.scenario, practice.comparison, practice.tally, created=now, titles=titles
    )
    stem = f"{now.strftime('%Y%m%d-%H%M%S')}-practice-{walk.tree.id}"
    body = f"<!-- boundary-check record {json.dumps(meta)} -->\n" + summary
    return write_new_record(folder, stem, body, MARKDOWN_SUFFIX)


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
        names = sorted(entry.name for entry in entries if entry.name.endswith(RECORD_SUFFIXES))
    for path in (folder / name for name in names):
        try:
            if not stat.S_ISREG(path.lstat().st_mode):
                continue
            meta = _record_meta(path)
            # A record is a file like any other: what it says is shown as text, never as terminal control.
            fields = (meta["topic"], meta["verdict"], meta["created"], meta.get("scenario", ""))
            found.append(RecordInfo(path, *(clean(str(field)) for field in fields)))
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: (r.created, r.path.name))


def _record_meta(path: Path) -> dict:
    """The machine-readable line of a record: in a document's properties, or a Markdown record's first line."""
    if path.suffix == DOCX_SUFFIX:
        from boundary_tui.document import docx_meta

        meta = docx_meta(path)
        if meta is None:
            raise ValueError(f"{path.name} is not a boundary-check record")
        return meta
    with path.open(encoding="utf-8") as stream:
        first = stream.readline(4096).strip()
    return json.loads(_META.match(first).group(1))


def find_record(which: str, folder: Path | None = None) -> RecordInfo | None:
    """A record by its number in `records list` or its id (the file name without its suffix); never by a path.

    Anything else - a path, `..`, a number in another script - finds nothing.
    """
    found = list_records(folder)
    if which.isascii() and which.isdigit():
        number = int(which)
        return found[number - 1] if 1 <= number <= len(found) else None
    return next((record for record in found if which in (record.id, record.path.name)), None)


def record_text(path: Path) -> str:
    """What a record says, as inert text: a document's words, or a Markdown record without its first line."""
    if path.suffix == DOCX_SUFFIX:
        from boundary_tui.document import docx_text

        return clean(docx_text(path))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return clean("".join(lines[1:] if lines and _META.match(lines[0].strip()) else lines))


def clear_records(folder: Path | None = None) -> int:
    """Delete every saved record, and any temp copy a killed save left; returns how many records."""
    records = list_records(folder)
    for record in records:
        record.path.unlink(missing_ok=True)
    remove_leftovers(folder, min_age=0)
    return len(records)
