"""Shared test set-up: every test runs with its own empty config, data and cache folders.

A developer's or the shared PC's real config must never change what a test
sees, no test may leave a record behind in a real home folder, and no cache
left by an earlier run (or by the tool in daily use) may stand in for the
trees the tests are meant to read.

Two layers, because some tests load the bundled trees at import time, to name
their parametrised cases, before any fixture runs:
- for the whole session (`pytest_configure`), the XDG folders point into one
  temporary folder, so those module-level loads cache there and never in
  ~/.cache;
- for each test (`isolated_dirs`), a fresh set of empty folders.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

XDG_FOLDERS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
FIXTURE_TREES = Path(__file__).parent / "core" / "fixtures" / "good"

_session_home: Path | None = None
_saved_environment: dict[str, str | None] = {}


def _point_xdg_at(base: Path, set_variable) -> None:
    for name in XDG_FOLDERS:
        (base / name).mkdir()
        set_variable(name, str(base / name))
    (base / "site").mkdir()
    set_variable("XDG_CONFIG_DIRS", str(base / "site"))


def pytest_configure(config: pytest.Config) -> None:
    global _session_home
    _session_home = Path(tempfile.mkdtemp(prefix="boundary-check-tests-"))
    for name in (*XDG_FOLDERS, "XDG_CONFIG_DIRS", "BOUNDARY_CHECK_CONFIG"):
        _saved_environment[name] = os.environ.get(name)
    os.environ.pop("BOUNDARY_CHECK_CONFIG", None)
    _point_xdg_at(_session_home, os.environ.__setitem__)


def pytest_unconfigure(config: pytest.Config) -> None:
    for name, value in _saved_environment.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if _session_home is not None:
        shutil.rmtree(_session_home, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch) -> Path:
    """Empty config, data, cache and state folders for this test; returns their parent."""
    base = tmp_path_factory.mktemp("xdg")
    _point_xdg_at(base, monkeypatch.setenv)
    monkeypatch.delenv("BOUNDARY_CHECK_CONFIG", raising=False)
    return base


@pytest.fixture
def fixture_config(tmp_path, monkeypatch) -> Path:
    """A config offering only the small fixture trees, in effect through BOUNDARY_CHECK_CONFIG.

    Child processes see it too: they inherit the environment.
    """
    config = tmp_path / "config.yaml"
    config.write_text(f"trees: [{FIXTURE_TREES}]\nbundled_trees: false\n")
    monkeypatch.setenv("BOUNDARY_CHECK_CONFIG", str(config))
    return config
