"""The walk: one member of staff moving through one tree, yes/no, to an outcome.

This is the only place the route through a tree is decided. The Textual
app, the plain prompts and the `walk` command all drive this same object:
answer, back, restart, and read the current question or the advice at the
end. Setting nodes are passed through without asking, using the
organisation's settings; placeholders are filled from its contacts.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple

from boundary_tui.model import (
    PLACEHOLDER,
    PLACEHOLDER_KINDS,
    Answer,
    Contact,
    Organisation,
    Outcome,
    Question,
    Registry,
    SettingNode,
    Situation,
    Timing,
    Tree,
    Verdict,
)


def _spoken(contact: Contact) -> str:
    """A person as advice names them: 'Mrs Patel (Designated Safeguarding Lead)', or the title alone."""
    return f"{contact.name} ({contact.title})" if contact.name else contact.title


def _names_any(text: str, duties: set[str]) -> bool:
    return any(f"{{duty:{duty}}}" in text for duty in duties)


def _without_sentences_naming(text: str, duties: set[str]) -> str:
    """Drop the sentences that tell a duty's people when the policy names nobody for it.

    "You can't keep it. Tell {duty:own_breach} today." under a policy that
    names no one reads "You can't keep it." - never "tell nobody today".
    """
    if not duties or not _names_any(text, duties):
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(s for s in sentences if not _names_any(s, duties)).strip()


def _without_repeats(text: str, people: set[str]) -> str:
    """'the Headteacher, the Headteacher or another senior manager' -> 'the Headteacher or another senior manager'.

    A policy that gives several roles to one person would otherwise name them twice in a row.
    """
    for person in people:
        for joiner in (", ", " and ", " or "):
            doubled = f"{person}{joiner}{person}"
            while doubled in text:
                text = text.replace(doubled, person)
    return text


class WalkError(ValueError):
    """An answer the current question does not take (for example 'unsure' where not offered)."""


class Step(NamedTuple):
    """One question and its answer: given by the person, or taken from the situation they picked."""

    question: Question
    answer: Answer
    given: bool = False  # True: taken from the situation, not asked

    @property
    def answer_words(self) -> str:
        """'Yes', or 'Yes (given)' where the answer came from the situation the person picked."""
        return f"{self.answer.words} (given)" if self.given else self.answer.words


class Advice(NamedTuple):
    """An outcome as this organisation's staff should read it: placeholders filled, people named."""

    outcome_id: str
    verdict: Verdict
    headline: str
    do: tuple[str, ...]
    escalate_to: tuple[Contact, ...]
    when: Timing | None
    record: str
    refs: tuple[str, ...]
    see_also: tuple[str, ...]
    policy: str | None = None  # the organisation's policy profile: its clauses come first
    nobody_named: bool = False  # the outcome tells someone, but this organisation's policy names no one for it


class Walk:
    """A walk through one tree. Cheap to make; holds only the answers given so far."""

    def __init__(
        self,
        tree: Tree,
        registry: Registry,
        organisation: Organisation | None = None,
        situation: Situation | None = None,
    ):
        """`situation`: the one the person picked; its answers are given as the walk reaches them."""
        self.tree = tree
        self.registry = registry
        self.organisation = organisation or Organisation()
        self.situation = situation
        self._answers: list[Answer] = []
        self._given: list[bool] = []  # parallel to _answers: taken from the situation?
        self._released: set[str] = set()  # situation answers taken back with `back`: asked from now on
        self._kept: dict[str, tuple[Answer, bool]] = {}  # answers after a jump back, given again where reached
        self._route: list[str] = []  # every node visited, settings included, for the tree view
        self._steps: list[Step] = []
        self._here: str = ""
        self._replay()
        self._take_situation_answers()

    # --- reading where we are -------------------------------------------------

    @property
    def question(self) -> Question | None:
        """The question to ask now, or None once the walk has reached an outcome."""
        node = self.tree.node(self._here)
        return node if isinstance(node, Question) else None

    @property
    def outcome(self) -> Outcome | None:
        return self.tree.outcomes.get(self._here)

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def steps(self) -> tuple[Step, ...]:
        """The questions asked so far, with the answers given, in order."""
        return tuple(self._steps)

    @property
    def route(self) -> tuple[str, ...]:
        """Every node id visited, setting nodes included, ending at the current node."""
        return tuple(self._route)

    @property
    def can_go_back(self) -> bool:
        return bool(self._answers)

    @property
    def asked_count(self) -> int:
        """How many questions the person has answered themselves (not taken from the situation)."""
        return sum(1 for step in self._steps if not step.given)

    def allowed_answers(self) -> tuple[Answer, ...]:
        question = self.question
        if question is None:
            return ()
        return (Answer.YES, Answer.NO, Answer.UNSURE) if question.unsure else (Answer.YES, Answer.NO)

    # --- moving ---------------------------------------------------------------

    def answer(self, answer: Answer | str) -> None:
        """Answer the current question and move on, through any setting nodes."""
        if isinstance(answer, str):
            answer = Answer.parse(answer)
        question = self.question
        if question is None:
            raise WalkError("the walk has already reached its outcome")
        if question.next_for(answer) is None:
            raise WalkError(f"'{answer.words}' is not an answer to this question; answer yes or no")
        self._answers.append(answer)
        self._given.append(False)
        self._replay()
        self._take_kept_answers()
        self._take_situation_answers()

    def jump_to(self, index: int) -> None:
        """Go back to the question of step `index` (0 = the first), to answer it again.

        The answers after it are kept: when the walk reaches one of those
        questions again, its earlier answer is given again without asking. A
        changed answer that leads elsewhere simply never reaches them, so only
        the answers that still apply come back. Going back to a question taken
        from the situation asks it, as `back` does.
        """
        if not 0 <= index < len(self._steps):
            raise WalkError(f"there is no answer {index + 1} to go back to")
        later = self._steps[index + 1 :]
        if self._steps[index].given:
            self._released.add(self._steps[index].question.id)
        del self._answers[index:]
        del self._given[index:]
        self._replay()
        self._kept = {step.question.id: (step.answer, step.given) for step in later}

    def _take_kept_answers(self) -> None:
        """Give the answers kept by `jump_to` to the questions they answered, while the walk meets them."""
        while self._kept:
            question = self.question
            kept = self._kept.pop(question.id, None) if question is not None else None
            if kept is None or question.next_for(kept[0]) is None:
                return
            self._answers.append(kept[0])
            self._given.append(kept[1])
            self._replay()

    def back(self) -> bool:
        """Undo the last answer; False if there was none (already at the first question).

        An answer taken from the situation is undone like any other, and that
        question is then asked: going back never puts the same answer back.
        """
        self._kept.clear()  # stepping back by hand ends a jump: nothing comes back unasked after it
        if not self._answers:
            return False
        self._answers.pop()
        if self._given.pop():
            self._released.add(self._steps[-1].question.id)  # asked now: back never puts the same answer back
        self._replay()
        # Gone back past a question they took over from the situation: when the walk
        # comes to it again, the situation's answer is given again, as at first.
        here = {self.question.id} if self.question else set()
        self._released &= {step.question.id for step in self._steps} | here
        return True

    def restart(self) -> None:
        self._kept.clear()
        self._answers.clear()
        self._given.clear()
        self._released.clear()
        self._replay()
        self._take_situation_answers()

    def _take_situation_answers(self) -> None:
        """Give the situation's answers to the questions it settles, up to the next one the person must answer.

        Risk questions are never taken from a situation, even if a tree's file says so.
        """
        while self.situation is not None:
            question = self.question
            if question is None or self.tree.is_risk(question) or question.id in self._released:
                return
            answer = self.situation.answer_for(question.id)
            if answer is None or question.next_for(answer) is None:
                return
            self._answers.append(answer)
            self._given.append(True)
            self._replay()

    def next_for_setting(self, node: SettingNode) -> str:
        """Where this organisation's value of a setting leads: the walk, handouts and the outline all ask here."""
        value = self.organisation.setting_value(node.setting, self.registry)
        return node.next_for(value) or node.cases[0][1]

    def _replay(self) -> None:
        """Rebuild the position from the answers: back and restart can never drift."""
        self._steps = []
        self._route = []
        here = self.tree.start
        answers = iter(zip(self._answers, self._given, strict=True))
        # A validated tree has no cycles, so a walk visits each node at most once.
        for _ in range(len(self.tree.questions) + len(self.tree.outcomes) + 1):
            self._route.append(here)
            node = self.tree.node(here)
            if isinstance(node, SettingNode):
                here = self.next_for_setting(node)
                continue
            if isinstance(node, Question):
                answer, given = next(answers, (None, False))
                if answer is None:
                    break
                self._steps.append(Step(node, answer, given))
                here = node.next_for(answer)
                continue
            break
        self._here = here

    # --- what to show -----------------------------------------------------------

    def fill(self, text: str) -> str:
        """Fill {role:KEY}, {duty:KEY} and {setting:KEY} placeholders for this organisation.

        A duty is filled with the people this organisation's policy names for it,
        so the text and "Who to tell" always name the same people.
        """

        def replace(match: re.Match) -> str:
            kind, key = match.groups()
            if kind not in PLACEHOLDER_KINDS:
                return match.group(0)  # not a placeholder: the validator names it to the tree's author
            if kind == "duty":
                names = [_spoken(c) for c in self.organisation.people_to_tell((key,), self.registry)]
                if not names:
                    return self.organisation.contact_for("line_manager", self.registry).title
                return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            if kind == "role":
                return self.fill_role(key)
            setting = self.registry.settings.get(key)
            if setting is None:
                return match.group(0)
            return setting.describe_in_text(self.organisation.setting_value(key, self.registry))

        return _without_repeats(PLACEHOLDER.sub(replace, text), self._people_words)

    @cached_property
    def _people_words(self) -> frozenset[str]:
        """How each role reads here (under ahps, three roles are all "the Headteacher"): worked out once a walk."""
        return frozenset(self.fill_role(role) for role in self.registry.roles)

    def fill_role(self, role: str) -> str:
        return _spoken(self.organisation.contact_for(role, self.registry))

    def advice(self, outcome_id: str | None = None) -> Advice | None:
        """The outcome, filled in for this organisation; None until the walk has one.

        `outcome_id` asks for another outcome of the same tree, filled in the
        same way: practice mode shows the one the policy expects beside this one.
        """
        outcome = self.tree.outcomes[outcome_id] if outcome_id else self.outcome
        if outcome is None:
            return None
        people = self.organisation.people_to_tell(outcome.escalate, self.registry)
        nobody_named = bool(outcome.escalate) and not people
        verdict = outcome.verdict
        if nobody_named and outcome.if_nobody is not None:
            verdict = outcome.if_nobody  # the tree says what is left: "if in doubt, don't", say
        elif verdict is Verdict.REPORT_NOW and nobody_named:
            verdict = Verdict.DO_NOT  # nothing to report, and nobody to report it to: what is left is the DON'T
        elif verdict is Verdict.ASK_FIRST and nobody_named:
            verdict = Verdict.OK  # nobody whose permission the policy asks for: it doesn't stop you
        silent = self._silent_duties
        return Advice(
            outcome_id=outcome.id,
            verdict=verdict,
            headline=self.fill(_without_sentences_naming(outcome.headline, silent)),
            do=tuple(self.fill(step) for step in outcome.do if not _names_any(step, silent)),
            escalate_to=people,
            # "How soon" is about telling someone: with nobody to tell it would only mislead.
            when=(self._duty_timing(outcome.escalate) or outcome.when) if people or not outcome.escalate else None,
            record=self.fill(_without_sentences_naming(outcome.record, silent)),
            refs=self.ordered_refs(outcome.refs + self._duty_refs(outcome.escalate)),
            policy=self.organisation.policy,
            nobody_named=nobody_named,
            see_also=outcome.see_also,
        )

    def ordered_refs(self, refs: tuple[str, ...]) -> tuple[str, ...]:
        """Clauses with the organisation's own policy first (when it has a profile), each once."""
        unique = tuple(dict.fromkeys(refs))
        policy = self.organisation.policy
        if not policy:
            return unique
        return tuple(sorted(unique, key=lambda ref: ref.partition(" ")[0] != policy))

    @cached_property
    def _silent_duties(self) -> frozenset[str]:
        """The duties this organisation's policy gives to nobody: sentences naming them are left out.

        Every duty, not only those an outcome escalates: a conditional step ("If you already
        have, tell {duty:own_breach}") must not name a person the policy doesn't. Worked out
        once a walk, as the organisation and registry never change during one.
        """
        return frozenset(
            key for key in self.registry.duties if not self.organisation.people_to_tell((key,), self.registry)
        )

    def _duty_timing(self, escalate: tuple[str, ...]) -> Timing | None:
        """How soon the organisation's own policy says, for the first duty it gives a timing for."""
        profile = self.organisation.profile(self.registry)
        if profile is None:
            return None
        return next(
            (profile.duties[key].when for key in escalate if key in profile.duties and profile.duties[key].when), None
        )

    def _duty_refs(self, escalate: tuple[str, ...]) -> tuple[str, ...]:
        """The clauses behind "who to tell": for each duty, the profile's own clause naming the person."""
        profile = self.organisation.profile(self.registry)
        if profile is None:
            return ()
        return tuple(ref for key in escalate if key in profile.duties for ref in profile.duties[key].refs)

    def settings_used(self) -> dict[str, str]:
        """Every setting the tree routes on, with its effective value here."""
        return {
            key: self.organisation.setting_value(key, self.registry)
            for key in self.tree.settings_used
            if key in self.registry.settings
        }
