"""Fixtures for the pty tests: the environment a child process gets.

It is this test's own environment, already isolated by the autouse fixture in
tests/conftest.py (empty config, data and cache folders), with a colour terminal.
"""

import os

import pytest


def _terminal_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    return env


@pytest.fixture
def bundled_env(isolated_dirs) -> dict[str, str]:
    """The bundled trees, as a fresh install offers them."""
    return _terminal_environment()


@pytest.fixture
def fixture_env(fixture_config) -> dict[str, str]:
    """Only the small fixture trees (tests/core/fixtures/good), through BOUNDARY_CHECK_CONFIG."""
    return _terminal_environment()
