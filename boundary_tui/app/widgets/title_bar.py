"""One line at the top: the app's name and where you are ("Boundary check - Lifts in your own car").

A plain line instead of Textual's Header: nothing to click by mistake, no
clock, and one widget rather than four on every screen.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-align: center;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, title: str, where: str = "", **kwargs) -> None:
        text = (
            Content.assemble((title, "bold"), (f"  -  {where}" if where else "", ""))
            if where
            else Content.styled(title, "bold")
        )
        super().__init__(text, **kwargs)
