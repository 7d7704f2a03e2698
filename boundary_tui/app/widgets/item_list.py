"""A numbered or bulleted list whose items wrap with a hanging indent.

One widget per list (a Rich grid), not one per item: the outcome screen has
several lists and every widget costs time when the screen opens.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class ItemList(Static):
    """'1. Politely decline ...' rows; long items wrap under their text, not under the number."""

    DEFAULT_CSS = """
    ItemList {
        height: auto;
    }
    """

    def __init__(self, items: Sequence[str | Text], numbered: bool = True, **kwargs) -> None:
        self.items = [item if isinstance(item, Text) else Text(item) for item in items]
        self.numbered = numbered
        super().__init__(self._grid(), **kwargs)

    def _grid(self) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3 if self.numbered else 1, justify="right" if self.numbered else "left", style="dim")
        grid.add_column(ratio=1)
        for number, item in enumerate(self.items, 1):
            grid.add_row(f"{number}." if self.numbered else "•", item)
        return grid

    @property
    def plain(self) -> str:
        """The items as plain lines, for tests and screen readers' sake."""
        return "\n".join(item.plain for item in self.items)
