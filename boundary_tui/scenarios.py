"""Practice for supervision: walk a scenario, compare with the policy's outcome, keep the session's tally.

A member of staff walks a scenario's story like any dilemma. Where their
outcome differs from the one the policy expects, the comparison names the
first answer after which the expected outcome could no longer be reached -
the point where their reasoning parted from the policy's. Reading and
checking scenario files is `scenario_files`' job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from boundary_tui.model import Answer, Organisation, Scenario
from boundary_tui.routes import reaches

if TYPE_CHECKING:
    from boundary_tui.walk import Step


class Comparison(NamedTuple):
    """How a practice walk compares with the scenario's expected outcome."""

    matched: bool
    departed_at: int | None  # index into walk.steps of the first answer that made the expected outcome unreachable
    # Not the policy's outcome, but reached by answering "Not sure" where the question's
    # own help says to, and at least as careful as the policy's: not a mistake.
    cautious: bool = False

    @property
    def fair(self) -> bool:
        """Matched, or took the cautious route the tree itself asks for: what the tally counts as right."""
        return self.matched or self.cautious

    def departed_step(self, walk) -> Step | None:
        """The question and answer where the walk parted from the policy's path, if one answer did it."""
        return None if self.departed_at is None else walk.steps[self.departed_at]


def compare(walk, scenario: Scenario) -> Comparison:
    """Compare a finished walk with the expected outcome, naming where it parted from the policy's path."""
    if walk.outcome is not None and walk.outcome.id == scenario.expected:
        return Comparison(True, None)

    def value_of(key: str) -> str:
        return walk.organisation.setting_value(key, walk.registry)

    cautious = _took_the_cautious_route(walk, scenario)
    for index, step in enumerate(walk.steps):
        chosen = step.question.next_for(step.answer)
        could_before = reaches(walk.tree, step.question.id, scenario.expected, value_of)
        if could_before and not reaches(walk.tree, chosen, scenario.expected, value_of):
            return Comparison(False, index, cautious)
    return Comparison(False, None, cautious)


ASKS_FOR_NOT_SURE = 'choose "Not sure"'


def _took_the_cautious_route(walk, scenario: Scenario) -> bool:
    """A "Not sure" the question's help asked for, ending at advice at least as careful as the policy's."""
    reached, expected = walk.outcome, walk.tree.outcomes.get(scenario.expected)
    if reached is None or expected is None or reached.verdict.caution < expected.verdict.caution:
        return False
    return any(step.answer is Answer.UNSURE and ASKS_FOR_NOT_SURE in step.question.help for step in walk.steps)


def practice_organisation(organisation: Organisation, scenario: Scenario) -> Organisation:
    """The organisation a scenario is walked under: its people, but the scenario's settings.

    A setting the scenario does not name takes the registry default, as when
    the scenario was checked - not this PC's value - so the expected outcome is
    always reachable and the comparison means the same on every PC. Who to
    tell is still this organisation's people.
    """
    return organisation._replace(settings=dict(scenario.settings))


def in_topic_order(scenarios, topic_order: list[str], topic: str | None = None) -> list[Scenario]:
    """Scenarios grouped by topic, topics in the order the topic list shows them; only `topic`'s if given.

    Within a topic they keep their file's order (its author's: easy first, say).
    """
    rank = {topic_id: index for index, topic_id in enumerate(topic_order)}
    chosen = [s for s in scenarios if s.topic in rank and (topic is None or s.topic == topic)]
    return sorted(chosen, key=lambda s: rank[s.topic])


class PracticeTally:
    """The session's running score: how many scenarios were walked, and how many matched the policy.

    Each scenario counts once, by the first walk of it that reached an outcome:
    going back and changing an answer after seeing the comparison is how people
    learn, but it should not turn a miss into a match. It lives only in memory;
    it is written down only inside a record someone chooses to save.
    """

    def __init__(self) -> None:
        self._first_result: dict[str, bool] = {}
        self.walks = 0  # every walk that reached an outcome, retries included

    def add(self, scenario: Scenario, comparison: Comparison) -> None:
        self._first_result.setdefault(scenario.id, comparison.fair)
        self.walks += 1

    def clear(self) -> None:
        self._first_result.clear()
        self.walks = 0

    def result(self, scenario_id: str) -> bool | None:
        """Whether this scenario's first walk matched the policy; None if it has not been walked."""
        return self._first_result.get(scenario_id)

    @property
    def tried(self) -> int:
        return len(self._first_result)

    @property
    def matched(self) -> int:
        return sum(self._first_result.values())

    def words(self) -> str:
        if not self.tried:
            return "No scenarios tried yet this session."
        noun = "scenario" if self.tried == 1 else "scenarios"
        return f"This session: {self.matched} of {self.tried} {noun} matched the policy first time."
