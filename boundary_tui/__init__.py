"""boundary-check: a decision helper for professional-boundary dilemmas.

The package is split into a pure core (model, yamlread, loader, validate,
walk, render, catalog, paths) that never imports Textual or questionary, and
thin front-ends (cli, plain, app/) that drive the same Walk object.
"""

__version__ = "0.1.0"
