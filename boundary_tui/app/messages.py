"""Messages screens send to the app, which owns the screen stack and does what they ask.

A screen never imports another screen: it says what the member of staff asked
for (open a topic, show the advice, show the whole tree, go back to the list)
and the app pushes or pops screens. That keeps the import graph shallow - each
screen depends on widgets, these messages and the core, never on a chain of
other screens.

Each message is a dataclass whose fields are plain values from the core
(`Walk`, `Scenario`, ids). They are not frozen: Textual marks a message as it
travels (stopped, default prevented), which a frozen dataclass would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message

if TYPE_CHECKING:  # annotations only: the walk is not imported before the first frame
    from boundary_tui.model import Scenario
    from boundary_tui.scenarios import PracticeTally
    from boundary_tui.walk import Walk


class PracticeRun(NamedTuple):
    """What turns a walk into practice: the scenario being walked, and the session's tally."""

    scenario: Scenario
    tally: PracticeTally


class LeftWalk(NamedTuple):
    """A walk someone has just left (a new dilemma, Escape), kept for a moment so one key can bring it back."""

    walk: Walk
    practice: PracticeRun | None = None


@dataclass
class OpenTopic(Message):
    """Start a fresh walk of a topic, from the topic list, the palette or a "See also" link.

    `situation_id`: one of the topic's situations was picked, so its answers are given.
    """

    topic_id: str
    situation_id: str | None = None


@dataclass
class ShowTopics(Message):
    """Leave the current walk and go back to the list (topics, or scenarios), cleared.

    `left`: the walk being left, when leaving was a single key that may have been
    pressed by mistake; the list offers to bring it back for a few seconds.
    """

    left: LeftWalk | None = None


@dataclass
class BringBack(Message):
    """Bring back the walk just left with one key (`b`, or Undo on the list), as it was."""


@dataclass
class AskForNote(Message):
    """Saving a record: ask for the optional "what happened" note, then hand it to `then` (None: don't save)."""

    then: Callable[[str | None], None]


@dataclass
class EndSession(Message):
    """The supervisor ends the practice session: forget the tally."""


@dataclass
class ShowAdvice(Message):
    """A walk has reached its outcome: show the advice, or in practice the comparison."""

    walk: Walk
    practice: PracticeRun | None = None


@dataclass
class OpenScenario(Message):
    """Start a practice walk of a scenario: its vignette, then its topic's questions."""

    scenario_id: str


@dataclass
class ShowWholeTree(Message):
    """Show a topic's whole tree before walking it, from the topic list."""

    topic_id: str


@dataclass
class ShowWalkTree(Message):
    """Show the whole tree of the walk under way, its answers marked.

    `expected`: in practice, the outcome the policy expects, marked too.
    """

    walk: Walk
    expected: str | None = None
