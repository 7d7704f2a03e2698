"""The topics to choose from, one title a line, so every topic fits on an 80x24 screen.

While searching, the list also holds situations ("→ A parent offered you money"):
each option's id is the topic id, or 'topic/situation' for a situation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from boundary_tui.model import TopicHeader

if TYPE_CHECKING:  # the search module is imported after the first frame, with the index
    from boundary_tui.search import SearchHit


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

    def __init__(self, trees: Sequence[TopicHeader], **kwargs) -> None:
        super().__init__(**kwargs)
        self.show(trees)

    def show(self, trees: Sequence[TopicHeader]) -> None:
        """Show these topics, in this order, and highlight the first."""
        self._show(Option(Content(tree.title), id=tree.id) for tree in trees)

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        """Show search results - topics and situations - in this order, and highlight the first."""
        self._show(Option(self._prompt(hit), id=hit.key) for hit in hits)

    def _show(self, options: Iterable[Option]) -> None:
        self.clear_options()
        self.add_options(options)
        self.highlighted = 0 if self.option_count else None

    @staticmethod
    def _prompt(hit: SearchHit) -> Content:
        if hit.situation is None:
            return Content(hit.tree.title)
        return Content.assemble(("→ ", "bold"), hit.situation.title)

    @property
    def highlighted_topic(self) -> str | None:
        """The topic of the highlighted option (a situation's own topic for a situation)."""
        option = self.highlighted_option
        return option.id.partition("/")[0] if option and option.id else None
