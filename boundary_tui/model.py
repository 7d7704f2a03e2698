"""The decision-tree model: plain frozen values a safeguarding lead would recognise.

A Tree is a set of Questions (asked of the member of staff), SettingNodes
(routed by an organisation setting, never asked) and Outcomes (what to do,
who to tell, how soon, what to record, and the clauses behind it). The model
holds no YAML and no Textual: the loader builds it, the walk moves over it,
the renderers and front-ends display it.
"""

# No `from __future__ import annotations` here: typing.NamedTuple would compile every one of
# the model's ~100 string annotations at import, a few milliseconds of every command's start.
# The few annotations that name their own class are quoted instead.
import enum
import re
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

# A placeholder in a tree's text, {role:KEY}, {duty:KEY} or {setting:KEY}: the walk fills the
# kinds it knows, and the validator reports any kind or key that names nothing.
PLACEHOLDER = re.compile(r"\{([a-z_]+):([^}]*)\}")
PLACEHOLDER_KINDS = ("role", "duty", "setting")


class Verdict(enum.Enum):
    """The fixed scale of advice, always shown with a word and a symbol, never colour alone."""

    OK = "ok"
    OK_RECORD = "ok_record"
    ASK_FIRST = "ask_first"
    DO_NOT = "do_not"
    REPORT_NOW = "report_now"
    EMERGENCY = "emergency"

    @property
    def word(self) -> str:
        return _VERDICT_WORDS[self][0]

    @property
    def symbol(self) -> str:
        return _VERDICT_WORDS[self][1]

    @property
    def meaning(self) -> str:
        return _VERDICT_WORDS[self][2]

    @property
    def label(self) -> str:
        """Symbol and word together, e.g. '✖ DON'T', for banners and plain text."""
        return f"{self.symbol} {self.word}"

    @property
    def caution(self) -> int:
        """How careful the advice is, from OK (0) to ACT NOW (5): REPORT is more careful than DON'T."""
        return list(Verdict).index(self)


_VERDICT_WORDS = {
    Verdict.OK: ("OK", "✔", "Fine, nothing to report."),
    # Meanings that hold for every outcome with this verdict: some tell no one (an OK to note
    # down, a permission that is the person's own to give), so they never promise a person.
    Verdict.OK_RECORD: ("OK - RECORD IT", "✎", "Fine, but keep the record it describes."),
    Verdict.ASK_FIRST: ("ASK FIRST", "?", "Don't go ahead until you have the permission it describes."),
    Verdict.DO_NOT: ("DON'T", "✖", "Don't do it."),
    Verdict.REPORT_NOW: ("REPORT", "!", "Tell the people under Who to tell, in the time it gives."),
    Verdict.EMERGENCY: ("ACT NOW", "‼", "Someone may be at immediate risk: act now."),
}


class Timing(enum.Enum):
    """How soon to tell someone; a small fixed set so every front-end words it the same."""

    IMMEDIATELY = "immediately"
    BEFORE_ACTING = "before_acting"
    TODAY = "today"
    ASAP = "asap"
    NEXT_SUPERVISION = "next_supervision"

    @property
    def words(self) -> str:
        return _TIMING_WORDS[self]


_TIMING_WORDS = {
    Timing.IMMEDIATELY: "Immediately - now, before anything else",
    Timing.BEFORE_ACTING: "Before you act",
    Timing.TODAY: "Today, before you go home",
    Timing.ASAP: "As soon as you can",
    Timing.NEXT_SUPERVISION: "At your next supervision",
}


class Answer(enum.Enum):
    """What a member of staff can say to a question."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"

    @property
    def words(self) -> str:
        return {"yes": "Yes", "no": "No", "unsure": "Not sure"}[self.value]

    @classmethod
    def parse(cls, text: str) -> "Answer":
        """Accept yes/no/unsure and y/n/u in any case; raise ValueError otherwise."""
        word = text.strip().lower()
        for answer in cls:
            if word in (answer.value, answer.value[0]) or (answer is cls.UNSURE and word == "not sure"):
                return answer
        raise ValueError(f"{text!r} is not an answer: use yes, no or unsure (y, n, u)")


class Question(NamedTuple):
    """A yes/no question put to the member of staff."""

    id: str
    ask: str
    help: str
    refs: tuple[str, ...]
    yes: str
    no: str
    unsure: str | None = None
    # A question about harm, danger or a crime: always put to the person, never
    # answered for them by a situation. A tree's first question always counts as one.
    risk: bool = False

    def next_for(self, answer: Answer) -> str | None:
        """The node an answer leads to, or None where 'Not sure' is not offered."""
        return {Answer.YES: self.yes, Answer.NO: self.no, Answer.UNSURE: self.unsure}[answer]

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(t for t in (self.yes, self.no, self.unsure) if t)


class SettingNode(NamedTuple):
    """A branch decided by an organisation setting instead of a question.

    `cases` maps each setting value ("true"/"false" for a yes/no setting) to a node.
    """

    id: str
    setting: str
    cases: tuple[tuple[str, str], ...]
    yes_no: bool = False  # written as yes/no branches rather than cases

    def next_for(self, value: str) -> str | None:
        return dict(self.cases).get(value)

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(target for _, target in self.cases)

    def case_words(self, value: str) -> str:
        """A case as people read it: 'yes'/'no' for a yes/no setting, the choice itself otherwise."""
        return {"true": "yes", "false": "no"}.get(value, value) if self.yes_no else value


class Outcome(NamedTuple):
    """The advice at the end of a walk."""

    id: str
    verdict: Verdict
    headline: str
    do: tuple[str, ...]
    escalate: tuple[str, ...]
    when: Timing | None
    record: str
    refs: tuple[str, ...]
    see_also: tuple[str, ...] = ()
    # The verdict where the organisation's policy names nobody to tell or ask: by default a
    # REPORT reads DON'T and an ASK FIRST reads OK, but "if in doubt, don't" may fit better.
    if_nobody: Verdict | None = None


class Situation(NamedTuple):
    """A common dilemma a tree handles, named the way staff would put it.

    Picking one opens the tree with `answers` already given: the answers its
    title settles for everyone who would pick it ("A young person sent you a
    friend request" settles "Is it about a colleague?" - No). Risk questions
    are never among them; the person still answers those first.
    """

    id: str
    title: str
    phrases: tuple[str, ...]
    answers: tuple[tuple[str, Answer], ...]

    def answer_for(self, question_id: str) -> Answer | None:
        return dict(self.answers).get(question_id)


class TopicHeader(NamedTuple):
    """What the topic list shows of a topic (and `list` prints): enough to choose it, none of its questions.

    Start-up reads only these from the cache; a topic's questions and advice
    are read when it is opened.
    """

    id: str
    title: str
    summary: str
    path: str
    version: int
    sha256: str


class Tree(NamedTuple):
    """One topic: its questions, setting nodes and outcomes, and where it came from."""

    id: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    version: int
    start: str
    questions: dict[str, Question | SettingNode]
    outcomes: dict[str, Outcome]
    path: str = ""
    sha256: str = ""
    situations: dict[str, Situation] = MappingProxyType({})
    # Keywords the author shares with other topics on purpose (not flagged by validate).
    shared_keywords: tuple[str, ...] = ()

    def node(self, node_id: str) -> Question | SettingNode | Outcome:
        if node_id in self.questions:
            return self.questions[node_id]
        return self.outcomes[node_id]

    def is_risk(self, question: Question) -> bool:
        """Risk questions are asked of the person even when a situation was picked."""
        return question.risk or question.id == self.start

    @property
    def header(self) -> TopicHeader:
        return TopicHeader(self.id, self.title, self.summary, self.path, self.version, self.sha256)

    @property
    def asked_questions(self) -> list[Question]:
        return [q for q in self.questions.values() if isinstance(q, Question)]

    @property
    def settings_used(self) -> list[str]:
        seen: dict[str, None] = {}
        for node in self.questions.values():
            if isinstance(node, SettingNode):
                seen.setdefault(node.setting)
        return list(seen)


class Role(NamedTuple):
    """A neutral role key (line_manager, dsl, ...) and the generic title used without config."""

    key: str
    title: str
    description: str = ""


class Source(NamedTuple):
    """A source policy that refs cite by id."""

    id: str
    title: str


class SettingKind(enum.Enum):
    """A yes/no setting, or a choice between named options (as a registry's `type:` says)."""

    BOOL = "bool"
    CHOICE = "choice"


_YES_NO_WORDS = {"true": "true", "yes": "true", "y": "true", "false": "false", "no": "false", "n": "false"}


def setting_text(written: object) -> str | None:
    """A setting's value as written anywhere - a YAML true/false, a word, a number - as the text trees route on.

    Booleans become 'true'/'false' and words are stripped; nothing (or empty
    text) is None. Config files, policy profiles, scenarios, registry defaults
    and `--set` all read values here; `Setting.parse` then checks one against
    its setting.
    """
    if isinstance(written, bool):
        return "true" if written else "false"
    if isinstance(written, str) and written.strip():
        return written.strip()
    if isinstance(written, (int, float)):
        return str(written)
    return None


class Setting(NamedTuple):
    """An organisation setting: where the source policies disagree, the organisation chooses.

    Values are always handled as strings ("true"/"false" for a yes/no setting)
    so that setting nodes route the same way for both kinds.
    """

    key: str
    kind: SettingKind
    default: str
    description: str
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def values(self) -> tuple[str, ...]:
        if self.kind is SettingKind.BOOL:
            return ("true", "false")
        return tuple(value for value, _ in self.choices)

    def parse(self, written: object) -> str | None:
        """The value this setting takes for what someone wrote, or None if it is not one of its values.

        A yes/no setting also takes yes/no and y/n in any case (as typed after `--set`).
        """
        text = setting_text(written)
        if text is None:
            return None
        if self.kind is SettingKind.BOOL:
            text = _YES_NO_WORDS.get(text.lower(), text)
        elif text not in self.values:
            text = text.lower()
        return text if text in self.values else None

    @property
    def heading(self) -> str:
        """The description's first sentence ("Whether staff may ..."): what this setting decides."""
        return self.description.split(". ", 1)[0].rstrip(".")

    def describe(self, value: str) -> str:
        """Words for a value, for placeholders and `show`."""
        if self.kind is SettingKind.BOOL:
            return "yes" if value == "true" else "no"
        return dict(self.choices).get(value, value)

    def describe_in_text(self, value: str) -> str:
        """A value's words inside advice: without the "(aop41)" that tells an administrator whose rule it is."""
        return _WHOSE_RULE.sub(r"\1", self.describe(value))


_WHOSE_RULE = re.compile(r"\s*\([a-z0-9]+(?:, [a-z0-9]+)*\)(\.?)$")


class Duty(NamedTuple):
    """Something staff must do that each policy gives to its own person: report harm, report a colleague...

    An outcome may name a duty instead of a role under `escalate`. Without a
    policy profile the duty goes to `default`; with one, to whoever that
    policy names for it (possibly nobody).
    """

    key: str
    title: str
    default: tuple[str, ...]


class PolicyDuty(NamedTuple):
    """Who one policy says to tell for a duty, and the clause that says so."""

    tell: tuple[str, ...]
    refs: tuple[str, ...] = ()
    when: Timing | None = None  # how soon, where the policy says (rsb 9.0 C: "immediately")


class PolicySetting(NamedTuple):
    """The option a policy takes for a setting, with its clause, or why where the policy is silent."""

    value: str
    refs: tuple[str, ...] = ()
    why: str = ""


class PolicyProfile(NamedTuple):
    """One source policy read as a whole: `policy: rsb` in a config picks all of this at once.

    - settings: the option this policy takes for every setting;
    - roles: this policy's own words for each role ("the Service Director");
    - same_as: roles this policy does not have, and whose job they are under it
      (ahps names no DSL: the Headteacher receives safeguarding concerns);
    - duties: who this policy says to tell, for each duty.
    """

    id: str
    title: str
    settings: dict[str, PolicySetting]
    roles: dict[str, str]
    same_as: dict[str, str]
    duties: dict[str, PolicyDuty]


class Registry(NamedTuple):
    """Everything trees refer to by key: roles, sources, settings, duties and policy profiles."""

    roles: dict[str, Role] = MappingProxyType({})  # an empty default that cannot be changed by accident
    sources: dict[str, Source] = MappingProxyType({})
    settings: dict[str, Setting] = MappingProxyType({})
    # The words staff type, mapped to the words the trees use ("quid" -> "money"),
    # so search understands slang and short forms; an organisation's folder may add its own.
    synonyms: dict[str, str] = MappingProxyType({})
    duties: dict[str, Duty] = MappingProxyType({})
    policies: dict[str, PolicyProfile] = MappingProxyType({})

    def merged(self, other: "Registry") -> "Registry":
        """A registry where `other`'s entries add to, or replace, this one's."""
        return Registry(
            roles={**self.roles, **other.roles},
            sources={**self.sources, **other.sources},
            settings={**self.settings, **other.settings},
            synonyms={**self.synonyms, **other.synonyms},
            duties={**self.duties, **other.duties},
            policies={**self.policies, **other.policies},
        )

    def source_of(self, ref: str) -> Source | None:
        """The source a ref such as 'aop41 2.6(d)' cites, if known."""
        return self.sources.get(ref.split(" ", 1)[0])


class Contact(NamedTuple):
    """Who to tell, as the organisation configured them (name/contact None when not set)."""

    role: str
    title: str
    name: str | None = None
    contact: str | None = None
    deputy: str | None = None

    @property
    def display(self) -> str:
        """'Mrs Patel (Designated Safeguarding Lead) - room 4' or the generic title."""
        if not self.name:
            return _capitalise(self.title)
        text = f"{self.name} ({self.title})"
        if self.contact:
            text += f" - {self.contact}"
        if self.deputy:
            text += f"; if away: {self.deputy}"
        return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


DEFAULT_IDLE_MINUTES = 5.0
DEFAULT_PRACTICE_IDLE_MINUTES = 20.0  # a supervision discussion stays on one screen for five minutes or more


class RoleContact(NamedTuple):
    """A role as the organisation fills it in: its own title, a person, how to reach them."""

    title: str | None = None
    name: str | None = None
    contact: str | None = None
    deputy: str | None = None


class Organisation(NamedTuple):
    """Everything an organisation can set. The defaults are an unconfigured PC.

    A value: the config module reads it from files, and the walk and the
    renderers only ask it questions (who is the DSL here? which option for
    this setting?), so they never depend on a file reader.
    """

    name: str = ""
    contacts: dict[str, RoleContact] = MappingProxyType({})  # an empty default that cannot be changed by accident
    settings: dict[str, str] = MappingProxyType({})
    tree_dirs: tuple[Path, ...] = ()
    hidden_topics: tuple[str, ...] = ()
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    practice_idle_minutes: float = DEFAULT_PRACTICE_IDLE_MINUTES
    bundled_trees: bool = True  # False: offer only the organisation's own trees
    policy: str | None = None  # the source policy the organisation follows (a policy profile), if any
    records: bool = True  # False: saving records is turned off on this PC
    tree_cache: bool = True  # False: trees are always read from their files, and no cache is kept
    serve_token: str | None = None  # the site's access token for `serve`, if it sets one
    serve_records: bool = False  # True: browser tabs of `serve` may save records too

    def profile(self, registry: Registry) -> PolicyProfile | None:
        return registry.policies.get(self.policy) if self.policy else None

    def role_for(self, role: str, registry: Registry) -> str:
        """The role that does this job here: under ahps, safeguarding concerns go to the Headteacher."""
        profile = self.profile(registry)
        return profile.same_as.get(role, role) if profile else role

    def contact_for(self, role: str, registry: Registry) -> Contact:
        """Who a role is here: the configured person, or the policy's own title for it, or the generic title."""
        role = self.role_for(role, registry)
        generic = registry.roles[role].title if role in registry.roles else role.replace("_", " ")
        profile = self.profile(registry)
        if profile is not None:
            generic = profile.roles.get(role, generic)
        configured = self.contacts.get(role, RoleContact())
        return Contact(
            role=role,
            title=configured.title or generic,
            name=configured.name,
            contact=configured.contact,
            deputy=configured.deputy,
        )

    def people_to_tell(self, escalate: tuple[str, ...], registry: Registry) -> tuple[Contact, ...]:
        """An outcome's `escalate` (roles and duties) as the people this organisation's policy names, once each.

        A duty goes to whoever the policy profile names for it (maybe nobody:
        a policy that names no one adds no one), or to its default without a profile.
        """
        profile = self.profile(registry)
        roles: list[str] = []
        for key in escalate:
            duty = registry.duties.get(key)
            if duty is None:
                roles.append(key)
            elif profile is not None and key in profile.duties:
                roles.extend(profile.duties[key].tell)
            else:
                roles.extend(duty.default)
        seen: dict[str, Contact] = {}
        for role in roles:
            contact = self.contact_for(role, registry)
            seen.setdefault(contact.role, contact)
        return tuple(seen.values())

    def setting_value(self, key: str, registry: Registry) -> str:
        """The organisation's own value for a setting; else its policy profile's; else the registry default."""
        if key in self.settings:
            return self.settings[key]
        profile = self.profile(registry)
        setting = registry.settings[key]
        if profile is not None and key in profile.settings and profile.settings[key].value in setting.values:
            return profile.settings[key].value  # (an organisation may have redefined the setting's choices)
        return setting.default

    def with_settings(self, settings: dict[str, str]) -> "Organisation":
        return self._replace(settings={**self.settings, **settings})


class Discussion(NamedTuple):
    """A prompt for the supervisor and member of staff to talk over after a practice walk, with its clauses."""

    prompt: str
    refs: tuple[str, ...]


class Scenario(NamedTuple):
    """One practice story and the outcome the policy expects for it."""

    id: str
    topic: str
    title: str
    level: str
    vignette: str
    expected: str
    settings: dict[str, str]
    discussion: tuple[Discussion, ...]
    path: str = ""
