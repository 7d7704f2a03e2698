"""Fixtures shared by the core tests."""

import pytest


@pytest.fixture
def layers(isolated_dirs):
    """Where the site and user config files are, as the XDG variables place them."""
    return {
        "site": isolated_dirs / "site" / "boundary-check" / "config.yaml",
        "user": isolated_dirs / "XDG_CONFIG_HOME" / "boundary-check" / "config.yaml",
    }
