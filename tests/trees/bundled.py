"""The bundled trees, loaded once for every module in tests/trees.

Loaded at import, not in a fixture, because the modules name their
parametrised cases after the topics. tests/conftest.py has already pointed the
cache folder at a temporary one by then, so no cache of a developer's own can
stand in for the trees in decision_trees/.
"""

from boundary_tui.catalog import load_catalog
from boundary_tui.search import SearchIndex

CATALOG = load_catalog()
TREES = sorted(CATALOG.trees)
INDEX = SearchIndex(CATALOG.trees.values(), CATALOG.registry.synonyms)
