"""Messages screens send to the app, which owns the screen stack and does what they ask.

A screen never imports another screen: it says what the member of staff asked
for (open a topic, show the advice, show the whole tree, go back to the list)
and the app pushes or pops screens. That keeps the import graph shallow - each
screen depends on widgets, these messages and the core, never on a chain of
other screens.

Each message's fields are plain values from the core (`Walk`, `Scenario`,
ids), set in its `__init__`. They are plain classes, not dataclasses or named
tuples: building those runs generated code for every class as the module is
imported, about 3 ms of the first frame for these few. They are not frozen:
Textual marks a message as it travels (stopped, default prevented).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # annotations only: the walk is not imported before the first frame
    from boundary_tui.model import Scenario
    from boundary_tui.scenarios import PracticeTally
    from boundary_tui.walk import Walk


class PracticeRun:
    """What turns a walk into practice: the scenario being walked, and the session's tally."""

    __slots__ = ("scenario", "tally")

    def __init__(self, scenario: Scenario, tally: PracticeTally) -> None:
        self.scenario = scenario
        self.tally = tally


class LeftWalk:
    """A walk someone has just left (a new dilemma, Escape), kept for a moment so one key can bring it back."""

    __slots__ = ("walk", "practice")

    def __init__(self, walk: Walk, practice: PracticeRun | None = None) -> None:
        self.walk = walk
        self.practice = practice


class OpenTopic(Message):
    """Start a fresh walk of a topic, from the topic list, the palette or a "See also" link.

    `situation_id`: one of the topic's situations was picked, so its answers are given.
    """

    def __init__(self, topic_id: str, situation_id: str | None = None) -> None:
        self.topic_id = topic_id
        self.situation_id = situation_id
        super().__init__()


class ShowTopics(Message):
    """Leave the current walk and go back to the list (topics, or scenarios), cleared.

    `left`: the walk being left, when leaving was a single key that may have been
    pressed by mistake; the list offers to bring it back for a few seconds.
    """

    def __init__(self, left: LeftWalk | None = None) -> None:
        self.left = left
        super().__init__()


class BringBack(Message):
    """Bring back the walk just left with one key (`b`, or Undo on the list), as it was."""


class AskForNote(Message):
    """Saving a record: ask for the optional "what happened" note, then hand it to `then` (None: don't save)."""

    def __init__(self, then: Callable[[str | None], None]) -> None:
        self.then = then
        super().__init__()


class EndSession(Message):
    """The supervisor ends the practice session: forget the tally."""


class ShowAdvice(Message):
    """A walk has reached its outcome: show the advice, or in practice the comparison."""

    def __init__(self, walk: Walk, practice: PracticeRun | None = None) -> None:
        self.walk = walk
        self.practice = practice
        super().__init__()


class OpenScenario(Message):
    """Start a practice walk of a scenario: its vignette, then its topic's questions."""

    def __init__(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        super().__init__()


class ShowWholeTree(Message):
    """Show a topic's whole tree before walking it, from the topic list."""

    def __init__(self, topic_id: str) -> None:
        self.topic_id = topic_id
        super().__init__()


class ShowWalkTree(Message):
    """Show the whole tree of the walk under way, its answers marked.

    `expected`: in practice, the outcome the policy expects, marked too.
    """

    def __init__(self, walk: Walk, expected: str | None = None) -> None:
        self.walk = walk
        self.expected = expected
        super().__init__()
