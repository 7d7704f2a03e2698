"""The app's folders on Linux, worked out without importing platformdirs, are exactly platformdirs' folders."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from boundary_tui import paths

FOLDERS = (
    (paths.site_config_dir, platformdirs.site_config_dir),
    (paths.user_config_dir, platformdirs.user_config_dir),
    (paths.user_data_dir, platformdirs.user_data_dir),
    (paths.user_cache_dir, platformdirs.user_cache_dir),
)
VARIABLES = ("XDG_CONFIG_DIRS", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")

ENVIRONMENTS = {
    "none set": {},
    "all set": dict.fromkeys(VARIABLES, "/srv/xdg"),
    "empty": dict.fromkeys(VARIABLES, ""),
    "relative": dict.fromkeys(VARIABLES, "relative/xdg"),
    "a list": {"XDG_CONFIG_DIRS": "relative:/opt/first:/opt/second"},
    "home with a slash": {"HOME": "/home/someone/"},
    "relative home": {"HOME": "someone"},
    "no home": {"HOME": None},
}


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is taken on Linux only")
@pytest.mark.parametrize("environment", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_the_linux_folders_are_platformdirs_folders(monkeypatch, environment):
    monkeypatch.setenv("HOME", "/home/someone")
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    for ours, theirs in FOLDERS:
        try:
            expected = theirs(paths.APP_NAME, appauthor=False)
        except RuntimeError as error:  # no home at all: platformdirs' own error, from our fallback too
            with pytest.raises(RuntimeError, match=str(error)[:20]):
                ours()
            continue
        assert str(ours()) == expected, ours.__name__


def test_other_platforms_ask_platformdirs(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths._xdg_dir("XDG_CONFIG_HOME", "~/.config") is None
