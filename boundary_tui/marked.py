"""Plain YAML values that remember where they stand in their file.

The reader (yamlread) builds them; the field checks, the loader and the config
read their marks to point a policy owner at the exact line and column. They
are kept apart from the reader so that checking a value's shape never needs
the YAML parser itself.
"""

from __future__ import annotations

Mark = tuple[int, int]


# Slots, not an instance dict: a large tree has tens of thousands of these, and each
# dict would be one more object for the garbage collector to scan after reading it.
class YamlMap(dict):
    """A dict that remembers where it, each key and each value stand in the file."""

    __slots__ = ("key_marks", "mark", "value_marks")
    mark: Mark
    key_marks: dict
    value_marks: dict

    def __init__(self, mark: Mark):  # dict's own __init__ has nothing to do for an empty mapping
        self.mark = mark
        self.key_marks = {}
        self.value_marks = {}


class YamlList(list):
    """A list that remembers where it and each item stand in the file."""

    __slots__ = ("item_marks", "mark")
    mark: Mark
    item_marks: list

    def __init__(self, mark: Mark):
        self.mark = mark
        self.item_marks = []
