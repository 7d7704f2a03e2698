"""Small helpers for the core tests: the fixture trees, a finished walk, and the command line in-process."""

from datetime import datetime, timezone
from pathlib import Path

from boundary_tui.catalog import load_catalog
from boundary_tui.cli import main
from boundary_tui.walk import Walk

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
# One fixed moment, so a record's name and text never depend on when the test ran.
WHEN = datetime(2026, 11, 23, 14, 5, tzinfo=timezone.utc)


def good_catalog(organisation=None):
    """The fixture trees with only their own registry (no bundled trees)."""
    return load_catalog(organisation, folders=[GOOD])


def finished_walk() -> Walk:
    """Small gifts, answered No then Yes: a DON'T that tells the line manager today."""
    catalog = good_catalog()
    walk = Walk(catalog.trees["gifts_small"], catalog.registry)
    walk.answer("n")
    walk.answer("y")
    return walk


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """The command line in this process: its exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    """Write a config or tree file, making its folder first as a person would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path
