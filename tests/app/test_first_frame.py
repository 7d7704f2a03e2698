"""What the list screen's first frame may not wait for (issue 15): structural, never a wall-clock time.

A fresh interpreter opens the app headless and notes `sys.modules` as the app
mounts, before the search index and the other screens' sheets are started
after the first frame. The walk, the search, the other screens and the heavy
libraries behind them must not be there yet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

NOT_BEFORE_FIRST_FRAME = (
    "boundary_tui.walk",
    "boundary_tui.search",
    "boundary_tui.render",
    "boundary_tui.document",
    "boundary_tui.plain",
    "boundary_tui.app.screens.question",
    "boundary_tui.app.screens.outcome",
    "boundary_tui.app.screens.comparison",
    "boundary_tui.app.screens.practice",
    "boundary_tui.app.screens.tree_view",
    "boundary_tui.app.screens.keys",
    "boundary_tui.app.screens.note",
    "boundary_tui.app.screens.confirm",
    "boundary_tui.app.commands",
    "simplemma",
    "rapidfuzz",
    "docx",
    "questionary",
)

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from boundary_tui.app import app as app_module

    seen = {}
    mount = app_module.BoundaryApp.on_mount

    def on_mount(self):
        seen["modules"] = sorted(sys.modules)
        seen["sheets"] = sorted(str(path) for path, _ in self.stylesheet.source)
        mount(self)

    app_module.BoundaryApp.on_mount = on_mount

    async def main():
        async with app_module.make_app(idle_seconds=0).run_test() as pilot:
            await pilot.pause()

    asyncio.run(main())
    print(json.dumps(seen))
    """
)


@pytest.fixture(scope="module")
def first_frame(tmp_path_factory) -> dict:
    """The modules loaded and the sheets read as the app mounts, in a fresh interpreter with no config."""
    home = str(tmp_path_factory.mktemp("home"))
    env = {k: v for k, v in os.environ.items() if k != "BOUNDARY_CHECK_CONFIG"}
    env.update(XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_DIRS=home)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_list_screen_first_frame_imports_only_what_it_shows(first_frame):
    early = sorted(name for name in NOT_BEFORE_FIRST_FRAME if name in set(first_frame["modules"]))
    assert not early, f"imported before the first frame: {early}"


def test_only_the_list_screen_sheets_are_parsed_before_the_first_frame(first_frame):
    ours = {Path(path).name for path in first_frame["sheets"] if path.endswith(".tcss")}
    assert ours == {"app.tcss", "home.tcss"}
