"""boundary-check: a decision helper for professional-boundary dilemmas.

The package is split into a pure core that never imports Textual or
questionary - values (model, problems), what is done with them (walk, render,
reports, scenarios, search), and the file readers (yamlread, fields, loader,
validate, config, catalog, cache) - and thin front-ends (cli, plain, app/)
that drive the same Walk object. tests/core/test_import_contract.py keeps the
layers shallow.
"""

__version__ = "0.1.0"
