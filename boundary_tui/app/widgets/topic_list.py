"""The topics to choose from, one title a line, so every topic fits on an 80x24 screen."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from boundary_tui.model import Tree


class TopicList(OptionList):
    """An OptionList of topic titles; each option's id is the tree id. Enter or a click selects.

    The summaries are long (several lines each), so the home screen shows the
    highlighted topic's summary beside the list rather than every one in it.
    """

    DEFAULT_CSS = """
    TopicList {
        height: 1fr;
        min-height: 3;
        padding: 0;
        border: none;
        &:focus { border: none; }
        & > .option-list--option { padding: 0 1; }
    }
    """

    def __init__(self, trees: Sequence[Tree], **kwargs) -> None:
        super().__init__(**kwargs)
        self.show(trees)

    def show(self, trees: Sequence[Tree]) -> None:
        """Show these topics, in this order, and highlight the first."""
        self.clear_options()
        self.add_options(Option(self._prompt(tree), id=tree.id) for tree in trees)
        self.highlighted = 0 if trees else None

    @staticmethod
    def _prompt(tree: Tree) -> Content:
        return Content(tree.title)

    @property
    def highlighted_topic(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None
