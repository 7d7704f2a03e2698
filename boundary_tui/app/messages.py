"""Messages screens send to the app to move between topics.

Screens never push each other across topics: they say what the member of
staff asked for, and the app (which owns the screen stack) does it.
"""

from __future__ import annotations

from textual.message import Message


class OpenTopic(Message):
    """Start a fresh walk of a topic, from the topic list, the palette or a "See also" link.

    `situation_id`: one of the topic's situations was picked, so its answers are given.
    """

    def __init__(self, topic_id: str, situation_id: str | None = None) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.situation_id = situation_id


class ShowTopics(Message):
    """Leave the current walk and go back to the topic list, cleared."""


class OpenScenario(Message):
    """Start a practice walk of a scenario: its vignette, then its topic's questions."""

    def __init__(self, scenario_id: str) -> None:
        super().__init__()
        self.scenario_id = scenario_id


class ShowWholeTree(Message):
    """Show a topic's whole tree before walking it, from the topic list."""

    def __init__(self, topic_id: str) -> None:
        super().__init__()
        self.topic_id = topic_id
