"""The app's screens stay shallow (issue 15): no screen imports another, and the app and palette no cycle.

Counted as the import contract counts: every `boundary_tui` import in a module,
at its top, inside functions and under TYPE_CHECKING alike.
"""

from __future__ import annotations

import ast
from pathlib import Path

import boundary_tui.app

APP = Path(boundary_tui.app.__file__).parent
SHARED_BASE = "boundary_tui.app.screens.reading"  # the base class the two end-of-walk screens share


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("boundary_tui"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("boundary_tui"))
    return names


def test_no_screen_imports_another_screen():
    screens = {f"boundary_tui.app.screens.{p.stem}" for p in (APP / "screens").glob("*.py") if p.stem != "__init__"}
    for path in (APP / "screens").glob("*.py"):
        others = (imports_of(path) & screens) - {f"boundary_tui.app.screens.{path.stem}", SHARED_BASE}
        assert not others, f"{path.name} imports {sorted(others)}: post a message to the app instead"


def test_widgets_import_no_screen_and_no_app_message():
    for path in (APP / "widgets").glob("*.py"):
        wrong = {
            name for name in imports_of(path) if name.startswith(("boundary_tui.app.screens", "boundary_tui.app.app"))
        }
        assert not wrong, f"{path.name} imports {sorted(wrong)}"


def test_the_app_and_the_palette_do_not_import_each_other():
    assert not any(name.startswith("boundary_tui.app.app") for name in imports_of(APP / "commands.py"))
