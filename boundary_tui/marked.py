"""Plain YAML values that remember where they stand in their file.

The reader (yamlread) builds them; the field checks, the loader and the config
read their marks to point a policy owner at the exact line and column. They
are kept apart from the reader so that checking a value's shape never needs
the YAML parser itself.
"""

from __future__ import annotations

Mark = tuple[int, int]


class YamlMap(dict):
    """A dict that remembers where it, each key and each value stand in the file."""

    mark: Mark
    key_marks: dict
    value_marks: dict

    def __init__(self, mark: Mark):
        super().__init__()
        self.mark = mark
        self.key_marks = {}
        self.value_marks = {}


class YamlList(list):
    """A list that remembers where it and each item stand in the file."""

    mark: Mark
    item_marks: list

    def __init__(self, mark: Mark):
        super().__init__()
        self.mark = mark
        self.item_marks = []
