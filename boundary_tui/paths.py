"""Where things live: bundled trees, config files, records, and which files in a folder are YAML.

Everything is computed by a function when asked (never at import) and no
directory is created here: a shared office PC should not grow folders just
because someone ran `boundary-check --help`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from boundary_tui.problems import Problem, ProblemList

APP_NAME = "boundary-check"
_PACKAGE = Path(__file__).resolve().parent


def bundled_trees_dir() -> Path:
    """The trees shipped with the package.

    An installed wheel carries them as boundary_tui/decision_trees; a source
    checkout (an editable install, or tests run from the repository) keeps
    them at the top-level decision_trees/ folder.
    """
    # Plain __file__ rather than importlib.resources: the package is always
    # installed as files, and importlib.resources costs start-up time.
    packaged = _PACKAGE / "decision_trees"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "decision_trees"


def schema_dir() -> Path:
    return _PACKAGE / "schema"


def _xdg_dir(variable: str, default: str) -> str | None:
    """Linux's XDG folder for this app, as platformdirs would give it; None where only platformdirs may say.

    platformdirs' import (tempfile, shutil and the compression modules behind
    them) is a tenth of a printing command's start, for four folders that on
    Linux are one environment variable each. Anything less plain - another
    platform, Android, a HOME that is not absolute - is left to platformdirs.
    tests/core/test_paths.py holds the two to the same answers.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_DATA"):
        return None
    if variable == "XDG_CONFIG_DIRS":  # a list: the first absolute entry, which is where an administrator writes
        first = [p for p in os.environ.get(variable, "").split(os.pathsep) if os.path.isabs(p)]
        return os.path.join(first[0] if first else default, APP_NAME)
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return os.path.join(value, APP_NAME)
    if not os.path.isabs(os.environ.get("HOME", "")):
        return None
    return os.path.join(os.path.expanduser(default), APP_NAME)


def _folder(variable: str, default: str, platformdirs_name: str) -> Path:
    """One of the app's folders: the XDG answer on plain Linux, else platformdirs' own."""
    found = _xdg_dir(variable, default)
    if found is None:
        import platformdirs

        found = getattr(platformdirs, platformdirs_name)(APP_NAME, appauthor=False)
    return Path(found)


def site_config_dir() -> Path:
    # The first of XDG_CONFIG_DIRS (platformdirs' multipath=False), which is where an administrator writes.
    return _folder("XDG_CONFIG_DIRS", "/etc/xdg", "site_config_dir")


def user_config_dir() -> Path:
    return _folder("XDG_CONFIG_HOME", "~/.config", "user_config_dir")


def user_data_dir() -> Path:
    return _folder("XDG_DATA_HOME", "~/.local/share", "user_data_dir")


def user_cache_dir() -> Path:
    return _folder("XDG_CACHE_HOME", "~/.cache", "user_cache_dir")


def site_config_file() -> Path:
    return site_config_dir() / "config.yaml"


def user_config_file() -> Path:
    return user_config_dir() / "config.yaml"


def explicit_config_file() -> Path | None:
    value = os.environ.get("BOUNDARY_CHECK_CONFIG")
    return Path(value) if value else None


def records_dir() -> Path:
    return user_data_dir() / "records"


YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files_in(folder: Path, label: str | None = None) -> tuple[list[Path], list[Problem]]:
    """The .yaml and .yml files in a folder, by name (hidden ones left out), and a problem if it cannot be read.

    A folder nobody may read is a problem naming it, not a crash or a topic silently gone.
    """
    problems = ProblemList(label or str(folder))
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(YAML_SUFFIXES) and not e.name.startswith("."))
    except OSError as error:
        problems.add("unreadable-folder", f"cannot read the folder: {error.strerror or error}")
        return [], problems
    return [folder / name for name in names], problems
