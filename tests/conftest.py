"""Shared test set-up: every test runs with its own empty config and data folders.

A developer's or the shared PC's real config must never change what a test
sees, and no test may leave a record behind in a real home folder.
"""

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (base / name).mkdir()
        monkeypatch.setenv(name, str(base / name))
    (base / "site").mkdir()
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(base / "site"))
    monkeypatch.delenv("BOUNDARY_CHECK_CONFIG", raising=False)
    return base
