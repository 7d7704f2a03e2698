"""The topics in Textual's command palette (ctrl+p), found with the same search as the home screen.

It needs only the app's catalog and search index, named here as a Protocol:
importing the app class would make app.app and app.commands import each other.
"""

from __future__ import annotations

from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from boundary_tui.app.messages import OpenTopic
from boundary_tui.catalog import Catalog
from boundary_tui.search import SearchIndex


class TopicSource(Protocol):
    """What the palette needs of the app: the topics, and the ranking every search uses."""

    catalog: Catalog

    @property
    def search_index(self) -> SearchIndex: ...

    def post_message(self, message: OpenTopic) -> bool: ...


class TopicCommands(Provider):
    """'Open topic: Gifts, money and favours' for every topic the catalog offers."""

    @property
    def _app(self) -> TopicSource:
        return cast("TopicSource", self.app)

    def _open(self, topic_id: str, situation_id: str | None = None) -> None:
        self._app.post_message(OpenTopic(topic_id, situation_id))

    async def discover(self) -> Hits:
        for topic in self._app.catalog.headers():
            yield DiscoveryHit(f"Open topic: {topic.title}", partial(self._open, topic.id), help=topic.summary)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for rank, hit in enumerate(self._app.search_index.rank(query)):
            text = f"Open topic: {hit.title}" if hit.situation is None else f"Open: {hit.title}"
            # Our own ranking decides the order; the fuzzy score only lifts a
            # title the user is spelling out, so topics sit with the palette's own hits.
            score = max(matcher.match(text), 0.9 - 0.05 * rank)
            situation = hit.situation.id if hit.situation else None
            yield Hit(
                score,
                matcher.highlight(text),
                partial(self._open, hit.tree.id, situation),
                text=text,
                help=hit.tree.summary if hit.situation is None else hit.tree.title,
            )
