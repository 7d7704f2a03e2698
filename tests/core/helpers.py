"""Small helpers for the core tests: load the fixture trees."""

from pathlib import Path

from boundary_tui.catalog import load_catalog

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"


def good_catalog(organisation=None):
    """The fixture trees with only their own registry (no bundled trees)."""
    return load_catalog(organisation, folders=[GOOD])
