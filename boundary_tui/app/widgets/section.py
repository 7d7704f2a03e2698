"""A titled block of the outcome: 'Who to tell', 'How soon', ..."""

from __future__ import annotations

from textual.containers import VerticalGroup
from textual.widget import Widget
from textual.widgets import Static


class Section(VerticalGroup):
    """A heading and what is under it, indented so the headings stand out when skimming."""

    DEFAULT_CSS = """
    Section {
        height: auto;
        margin-top: 1;
        & > .section-title { text-style: bold; color: $text-accent; }
        & > .section-body { padding-left: 2; height: auto; }
    }
    """

    def __init__(self, title: str, *children: Widget, **kwargs) -> None:
        for child in children:
            child.add_class("section-body")
        super().__init__(Static(title, classes="section-title", markup=False), *children, **kwargs)


def text_block(text: str) -> Static:
    """Wrapped plain text (never markup: policy text may contain brackets)."""
    return Static(text, markup=False)
