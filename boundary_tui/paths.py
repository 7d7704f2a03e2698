"""Where things live: bundled trees, config files, records, and which files in a folder are YAML.

Everything is computed by a function when asked (never at import) and no
directory is created here: a shared office PC should not grow folders just
because someone ran `boundary-check --help`.
"""

from __future__ import annotations

import os
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


def site_config_file() -> Path:
    import platformdirs

    # multipath=False: the first of XDG_CONFIG_DIRS, which is where an administrator writes.
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "config.yaml"


def user_config_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.yaml"


def explicit_config_file() -> Path | None:
    value = os.environ.get("BOUNDARY_CHECK_CONFIG")
    return Path(value) if value else None


def records_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "records"


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
