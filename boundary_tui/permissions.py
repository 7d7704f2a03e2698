"""Who else could change what this PC tells its staff: files and folders writable by other users.

The site config and the organisation's tree folders decide the advice every
member of staff gets. If any account on the PC may write them, any account
can change that advice (or plant escape sequences). `config --check` warns.

On POSIX it looks at the mode bits (group or others may write) and at the
owner (neither root nor whoever runs the check). Windows keeps permissions in
ACLs, which the standard library cannot read; nothing is claimed there.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from boundary_tui.paths import yaml_files_in
from boundary_tui.problems import Problem


def writable_by_others(path: Path) -> str | None:
    """Why someone else could change `path` (following links), or None."""
    if sys.platform == "win32":
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    if info.st_mode & stat.S_IWOTH:
        return "anyone on this PC can change it"
    if info.st_mode & stat.S_IWGRP:
        return "its group can change it"
    if info.st_uid not in (0, os.geteuid()):
        return f"it belongs to another account (uid {info.st_uid})"
    return None


def permission_warnings(site_file: Path, tree_folders: list[Path]) -> list[Problem]:
    """A warning for the site file and each of the organisation's tree folders (and their files) others may write."""
    found: list[Problem] = []
    targets = [(site_file, "the site config")]
    for folder in tree_folders:
        targets.append((folder, "a tree folder"))
        if folder.is_dir():  # (a folder that cannot be listed is reported by the loader)
            targets += [(p, "a tree file") for p in yaml_files_in(folder)[0]]
    for path, what in targets:
        why = writable_by_others(path) if os.path.lexists(path) else None
        if why:
            found.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "writable-by-others",
                    f"{what} that {why}, so they could change what staff are told; make it writable by its owner only",
                )
            )
    return found
