"""The core and the printing commands never import Textual or questionary.

They must start as fast as Python and PyYAML allow, and the core must stay
usable by every front-end. Checked in a fresh interpreter via sys.modules.
"""

import json
import subprocess
import sys

import pytest

CORE = [
    "model",
    "yamlread",
    "loader",
    "validate",
    "catalog",
    "walk",
    "config",
    "records",
    "render",
    "paths",
    "search",
    "problems",
    "safetext",
    "permissions",
    "document",
]


def modules_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode in (0, 2), result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def front_ends(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in ("textual", "questionary", "prompt_toolkit", "rich")}


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_front_end(module):
    assert front_ends(modules_after(f"import boundary_tui.{module}")) == set()


@pytest.mark.parametrize(
    "argv", [["list"], ["show", "gifts"], ["walk", "gifts", "--answers", "y,y"], ["validate"], ["config"], ["records"]]
)
def test_printing_commands_import_no_front_end(argv):
    code = f"from boundary_tui.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert front_ends(modules_after(code)) == set()


@pytest.mark.parametrize("argv", [["list"], ["walk", "gifts", "--answers", "y,y"], ["records"]])
def test_the_document_library_loads_only_to_make_or_read_a_document(argv):
    """python-docx and lxml cost start-up time; only a save or `records show` of a document needs them."""
    code = f"from boundary_tui.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert {m.split(".")[0] for m in modules_after(code)} & {"docx", "lxml"} == set()
