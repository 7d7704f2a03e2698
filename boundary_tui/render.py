"""One renderer for outcomes, walks and whole trees: text, Markdown and JSON.

The `walk` and `show` commands, the plain mode, saved records and handouts
all come from here, so a screen, a record and a handout never disagree.
Plain text uses no box drawing and never relies on colour: a screen reader
reads it top to bottom and it still makes sense.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from boundary_tui.model import Answer, Question, Registry, SettingKind, SettingNode, Tree
from boundary_tui.walk import Advice, Walk

if TYPE_CHECKING:
    from datetime import datetime

    from boundary_tui.scenarios import PracticeTally


CAUTIOUS_ROUTE = (
    "You took the cautious route: you answered Not sure where the question says to, and reached "
    "advice at least as careful as the policy's. That is not a mistake; talk over what would have settled it."
)
NOBODY_NAMED = "nobody - your policy names no one you must tell. If you are unsure, ask your manager."
NOBODY_NAMED_LINE = NOBODY_NAMED[0].upper() + NOBODY_NAMED[1:]  # str.capitalize would lower-case the rest


def refs_by_source(refs: tuple[str, ...] | list[str], registry: Registry, policy: str | None = None) -> list[str]:
    """One line per policy, its clauses together, in the order first cited.

    ('aop41 2.6(a)', 'pbr 3.1', 'aop41 2.6(d)') -> ['aop41 2.6(a); 2.6(d) - AOP41 ...', 'pbr 3.1 - ...'],
    so a long policy title is read once rather than after every clause.

    `policy`: the organisation's own policy. Its line comes first, marked as
    theirs, and the others follow under "Other policies say"; where it cites
    nothing, the first line says their policy doesn't cover this.
    """
    clauses: dict[str, list[str]] = {}
    for ref in refs:
        key, _, clause = ref.partition(" ")
        clauses.setdefault(key, []).append(clause)
    lines = []
    if policy:
        ordered = {key: clauses[key] for key in clauses if key == policy}
        ordered.update({key: cited for key, cited in clauses.items() if key != policy})
        clauses = ordered
        if policy not in clauses:
            lines.append(f"Your policy ({policy}) doesn't cover this; other policies say:")
    for key, cited in clauses.items():
        source = registry.source_of(key)
        cited_text = f"{key} {'; '.join(c for c in cited if c)}".rstrip()
        line = f"{cited_text} - {source.title}" if source else cited_text
        if policy and key == policy:
            line += " (your policy)"
        elif policy and policy in clauses and key == next(k for k in clauses if k != policy):
            line = f"Other policies say: {line}"
        lines.append(line)
    return lines


def contact_lines(advice: Advice) -> list[str]:
    return [contact.display for contact in advice.escalate_to]


# --- one walk ------------------------------------------------------------------


def walk_as_dict(walk: Walk) -> dict:
    """The JSON contract for `walk --format json` (scripts and integrations rely on these keys)."""
    advice = walk.advice()
    return {
        "topic": walk.tree.id,
        "title": walk.tree.title,
        "version": walk.tree.version,
        "sha256": walk.tree.sha256,
        "settings": walk.settings_used(),
        "situation": None if walk.situation is None else {"id": walk.situation.id, "title": walk.situation.title},
        "path": [
            {
                "question": step.question.id,
                "ask": walk.fill(step.question.ask),
                "answer": step.answer.value,
                "given": step.given,
            }
            for step in walk.steps
        ],
        "outcome": None
        if advice is None
        else {
            "id": advice.outcome_id,
            "verdict": advice.verdict.value,
            "headline": advice.headline,
            "do": list(advice.do),
            "escalate_to": [
                {"role": c.role, "title": c.title, "name": c.name, "contact": c.contact, "deputy": c.deputy}
                for c in advice.escalate_to
            ],
            "when": advice.when.value if advice.when else None,
            "nobody_named": advice.nobody_named,
            "record": advice.record or None,
            "refs": list(advice.refs),
            "see_also": list(advice.see_also),
        },
    }


def advice_text(advice: Advice, registry: Registry, titles: dict[str, str] | None = None) -> str:
    """The outcome as plain text, in reading order: verdict, headline, steps, people, timing, record, policy."""
    lines = [f"{advice.verdict.label}: {advice.headline}", "", *_action_lines(advice), "Policy:"]
    lines.extend(f"  - {line}" for line in refs_by_source(advice.refs, registry, advice.policy))
    if advice.see_also:
        titles = titles or {}
        lines.append("See also: " + ", ".join(f"{titles.get(t, t)} ({t})" for t in advice.see_also))
    return "\n".join(lines).rstrip() + "\n"


def _action_lines(advice: Advice) -> list[str]:
    """What to do, who to tell, how soon and what to record, as plain text lines."""
    lines = []
    if advice.do:
        lines.append("What to do:")
        lines.extend(f"  {n}. {step}" for n, step in enumerate(advice.do, 1))
        lines.append("")
    if advice.escalate_to:
        lines.append("Who to tell:")
        lines.extend(f"  - {line}" for line in contact_lines(advice))
    elif advice.nobody_named:
        lines.append(f"Who to tell: {NOBODY_NAMED}")
    if advice.when:
        lines.append(f"How soon: {advice.when.words}")
    if advice.record:
        lines.append(f"What to record: {advice.record}")
    return lines


def settings_assumed(walk: Walk) -> list[str]:
    """The organisation rules a walk went by, in words: 'Whether staff may ...: Never give ...'.

    In practice these are the story's, not this PC's, so the comparison says so.
    """
    return [
        f"{walk.registry.settings[key].heading}: {walk.registry.settings[key].describe(value)}"
        for key, value in walk.settings_used().items()
    ]


def _numbered(steps):
    """Steps with the numbers "Question N" uses: the person's own answers 1., 2., 3.; given ones " -"."""
    number = 0
    for step in steps:
        if step.given:
            yield " -", step
        else:
            number += 1
            yield f"{number}.", step


def answers_text(walk: Walk) -> str:
    """The topic, its version, the situation picked and every answer so far: how the walk got where it is.

    `walk` prints it before the advice; plain mode after it, so a screen reader reaches the verdict first.
    """
    parts = [f"{walk.tree.title} (version {walk.tree.version})", ""]
    if walk.situation is not None:
        parts += [f"Situation: {walk.situation.title}", ""]
    if walk.steps:
        parts.append("You answered:" if walk.situation is None else "You answered (given: taken from the situation):")
        parts.extend(f"  {mark} {walk.fill(s.question.ask)} - {s.answer_words}" for mark, s in _numbered(walk.steps))
    return "\n".join(parts).rstrip() + "\n"


def walk_text(walk: Walk, titles: dict[str, str] | None = None) -> str:
    parts = [answers_text(walk)]
    advice = walk.advice()
    if advice is not None:
        parts.append(advice_text(advice, walk.registry, titles))
    return "\n".join(parts).rstrip() + "\n"


def walk_markdown(walk: Walk, created: datetime | None = None, titles: dict[str, str] | None = None) -> str:
    """A summary to paste into a record: no names of people supported, ever."""
    tree, advice = walk.tree, walk.advice()
    lines = [f"# {tree.title}", ""]
    lines.append(f"- Topic: `{tree.id}`, version {tree.version}")
    lines.append(f"- Tree file sha256: `{tree.sha256}`")
    if created is not None:
        lines.append(f"- Date and time: {created.strftime('%Y-%m-%d %H:%M')}")
    if walk.organisation.name:
        lines.append(f"- Organisation: {walk.organisation.name}")
    if walk.situation is not None:
        lines.append(f"- Situation: {walk.situation.title}")
    lines += ["", "## Questions and answers", ""]
    lines.extend(f"{mark} {walk.fill(s.question.ask)} **{s.answer_words}**" for mark, s in _numbered(walk.steps))
    if advice is None:
        lines += ["", "_The walk did not reach an outcome._"]
        return "\n".join(lines) + "\n"
    lines += ["", f"## Outcome: {advice.verdict.label}", "", f"**{advice.headline}**", ""]
    if advice.do:
        lines += ["### What to do", ""]
        lines.extend(f"{n}. {step}" for n, step in enumerate(advice.do, 1))
        lines.append("")
    if advice.escalate_to:
        lines += ["### Who to tell", ""]
        lines.extend(f"- {line}" for line in contact_lines(advice))
        lines.append("")
    elif advice.nobody_named:
        lines += ["### Who to tell", "", NOBODY_NAMED_LINE, ""]
    if advice.when:
        lines += [f"**How soon:** {advice.when.words}", ""]
    if advice.record:
        lines += [f"**What to record:** {advice.record}", ""]
    lines += ["### Policy", ""]
    lines.extend(f"- {line}" for line in refs_by_source(advice.refs, walk.registry, advice.policy))
    if advice.see_also:
        titles = titles or {}
        lines += ["", "See also: " + ", ".join(f"{titles.get(t, t)} (`{t}`)" for t in advice.see_also)]
    return "\n".join(lines).rstrip() + "\n"


# --- a walk as a record to attach or paste -------------------------------------------


class Block(NamedTuple):
    """One piece of a walk's record, laid out alike as plain text (to paste) and as a document (to attach).

    `kind` is one of TITLE, HEADING, SUBHEADING (a handout's Q1, A1...),
    FIELD ("label: text", the label stressed), PARAGRAPH and ITEM (a list line: `label` is its number, "" a bullet;
    `stress` follows the text and is stressed: an answer).
    """

    kind: str
    text: str
    label: str = ""
    stress: str = ""


TITLE, HEADING, SUBHEADING, FIELD, PARAGRAPH, ITEM = "title", "heading", "subheading", "field", "paragraph", "item"
RECORD_TITLE = "Professional boundary record"


def record_date(created: datetime) -> str:
    """'Monday 23 November 2026, 14:05': a date nobody can read the wrong way round."""
    return f"{created:%A} {created.day} {created:%B %Y, %H:%M}"


def record_blocks(
    walk: Walk, created: datetime | None = None, note: str = "", titles: dict[str, str] | None = None
) -> list[Block]:
    """What a record of a finished walk says, in order, with no markup: the plain text and the document both.

    Organisation, topic, date, the person's own "what happened" note (the only
    place a name could appear, and only if they typed one), every answer, the
    verdict, the steps, who to tell and how soon, what to record, the policy
    clauses. The tree's version and hash are left to `record_footer`.
    """
    tree, advice = walk.tree, walk.advice()
    blocks = [Block(TITLE, RECORD_TITLE)]
    if walk.organisation.name:
        blocks.append(Block(FIELD, walk.organisation.name, "Organisation"))
    blocks.append(Block(FIELD, tree.title, "Topic"))
    if walk.situation is not None:
        blocks.append(Block(FIELD, walk.situation.title, "Situation"))
    if created is not None:
        blocks.append(Block(FIELD, record_date(created), "Date and time"))
    if note:
        blocks.append(Block(HEADING, "What happened"))
        blocks.extend(Block(PARAGRAPH, line) for line in note.splitlines() if line.strip())
    blocks.append(Block(HEADING, "Questions and answers"))
    if any(step.given for step in walk.steps):
        blocks.append(Block(PARAGRAPH, "Answers marked (given) were taken from the situation chosen."))
    for mark, step in _numbered(walk.steps):
        number = "" if step.given else mark
        blocks.append(Block(ITEM, walk.fill(step.question.ask), number, step.answer_words))
    if advice is None:
        blocks.append(Block(PARAGRAPH, "The walk did not reach an outcome."))
        return blocks
    blocks += [Block(HEADING, "Outcome"), Block(FIELD, advice.headline, advice.verdict.label)]
    if advice.do:
        blocks.append(Block(HEADING, "What to do"))
        blocks.extend(Block(ITEM, step, f"{n}.") for n, step in enumerate(advice.do, 1))
    blocks.append(Block(HEADING, "Who to tell and how soon"))
    if advice.escalate_to:
        blocks.extend(Block(ITEM, line) for line in contact_lines(advice))
    elif advice.nobody_named:
        blocks.append(Block(PARAGRAPH, NOBODY_NAMED_LINE))
    if advice.when:
        blocks.append(Block(FIELD, advice.when.words, "How soon"))
    if advice.record:
        blocks.append(Block(FIELD, advice.record, "What to record"))
    blocks.append(Block(HEADING, "Policy"))
    blocks.extend(Block(ITEM, line) for line in refs_by_source(advice.refs, walk.registry, advice.policy))
    if advice.see_also:
        titles = titles or {}
        blocks.append(Block(FIELD, ", ".join(titles.get(t, t) for t in advice.see_also), "See also"))
    return blocks


def record_footer(walk: Walk) -> str:
    """The small print under a record: which tree, which version, and its file's sha256, for an audit."""
    tree = walk.tree
    return f"boundary-check: topic {tree.id}, version {tree.version}, tree file sha256 {tree.sha256}"


def blocks_text(blocks: list[Block], footer: str = "") -> str:
    """Blocks as plain text to paste into a web form (CPOMS, MyConcern): no Markdown, nothing to tidy up after."""
    lines: list[str] = []
    for block in blocks:
        if block.kind in (HEADING, SUBHEADING):
            lines.append("")
        if block.kind == HEADING:
            lines.append(f"{block.text}:")
        elif block.kind == FIELD:
            lines.append(f"{block.label}: {block.text}")
        elif block.kind == ITEM:
            stress = f" - {block.stress}" if block.stress else ""
            lines.append(f"  {block.label or '-'} {block.text}{stress}")
        else:
            lines.append(block.text)
    if footer:
        lines += ["", footer]
    return "\n".join(lines).rstrip() + "\n"


def walk_record_text(
    walk: Walk, created: datetime | None = None, note: str = "", titles: dict[str, str] | None = None
) -> str:
    """A finished walk as plain text to paste into a record: the document's words, without the document."""
    return blocks_text(record_blocks(walk, created, note, titles), record_footer(walk))


# --- a whole tree ----------------------------------------------------------------


def tree_as_dict(tree: Tree, walk: Walk) -> dict:
    """The JSON contract for `show --format json`."""
    questions: dict[str, dict] = {}
    for node in tree.questions.values():
        if isinstance(node, SettingNode):
            if node.yes_no:
                cases = dict(node.cases)
                questions[node.id] = {"setting": node.setting, "yes": cases["true"], "no": cases["false"]}
            else:
                questions[node.id] = {"setting": node.setting, "cases": dict(node.cases)}
        else:
            entry = {"ask": node.ask, "help": node.help, "refs": list(node.refs), "yes": node.yes, "no": node.no}
            if node.unsure:
                entry["unsure"] = node.unsure
            questions[node.id] = entry
    return {
        "id": tree.id,
        "title": tree.title,
        "summary": tree.summary,
        "version": tree.version,
        "sha256": tree.sha256,
        "path": tree.path,
        "start": tree.start,
        "settings": walk.settings_used(),
        "questions": questions,
        "outcomes": {
            o.id: {
                "verdict": o.verdict.value,
                "headline": o.headline,
                "do": list(o.do),
                "escalate": list(o.escalate),
                "when": o.when.value if o.when else None,
                "record": o.record or None,
                "refs": list(o.refs),
                "see_also": list(o.see_also),
            }
            for o in tree.outcomes.values()
        },
    }


def _target_words(tree: Tree, target: str) -> str:
    if target in tree.outcomes:
        outcome = tree.outcomes[target]
        return f"outcome {target} ({outcome.verdict.word})"
    return f"question {target}"


def _advice_body(advice: Advice) -> list[str]:
    """An outcome's headline, steps, people, timing, record and clauses, as both tree listings print them."""
    lines = [advice.headline, ""]
    if advice.do:
        lines.extend(f"{n}. {step}" for n, step in enumerate(advice.do, 1))
        lines.append("")
    if advice.escalate_to:
        lines.append(f"- Who to tell: {'; '.join(contact_lines(advice))}")
    elif advice.nobody_named:
        lines.append(f"- Who to tell: {NOBODY_NAMED}")
    if advice.when:
        lines.append(f"- How soon: {advice.when.words}")
    if advice.record:
        lines.append(f"- What to record: {advice.record}")
    lines.append(f"- Policy: {'; '.join(advice.refs)}")
    return lines


def tree_text(tree: Tree, walk: Walk, markdown: bool = False) -> str:
    """Every question with its help and refs, every outcome in full, by id: for the policy owner.

    `markdown=True` is the handout staff are given instead (see `tree_handout`).
    """
    if markdown:
        return tree_handout(tree, walk)
    h1, h2, h3 = ("", "", "")
    lines = [
        f"{h1}{tree.title}",
        "",
        tree.summary,
        "",
        f"Topic {tree.id}, version {tree.version}.",
        "",
    ]
    settings = walk.settings_used()
    if settings:
        lines += [f"{h2}Organisation settings used", ""]
        for key, value in settings.items():
            setting = walk.registry.settings[key]
            lines.append(f"- {key}: {value} - {setting.describe(value)}")
        lines.append("")
    lines += [f"{h2}Questions", ""]
    for node in tree.questions.values():
        if isinstance(node, SettingNode):
            routes = "; ".join(f"{value} -> {_target_words(tree, t)}" for value, t in node.cases)
            lines += [f"{h3}{node.id} (decided by the setting {node.setting})", "", routes, ""]
            continue
        assert isinstance(node, Question)
        lines += [f"{h3}{node.id}: {walk.fill(node.ask)}", ""]
        if node.help:
            lines += [walk.fill(node.help), ""]
        lines.append(f"- Yes -> {_target_words(tree, node.yes)}")
        lines.append(f"- No -> {_target_words(tree, node.no)}")
        if node.unsure:
            lines.append(f"- Not sure -> {_target_words(tree, node.unsure)}")
        lines.append(f"- Policy: {'; '.join(node.refs)}")
        lines.append("")
    lines += [f"{h2}Outcomes", ""]
    for outcome in tree.outcomes.values():
        # The same advice a walk would give here: people, timing and verdict as this
        # organisation's policy reads them, never the raw duty names.
        advice = walk.advice(outcome.id)
        lines += [f"{h3}{outcome.id}: {advice.verdict.label}", ""]
        lines += _advice_body(advice)
        if outcome.see_also:
            lines.append(f"- See also: {', '.join(outcome.see_also)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _handout_order(tree: Tree, walk: Walk) -> tuple[list[str], list[str]]:
    """The questions and outcomes this organisation's settings can reach, in reading order.

    A setting is passed through by the organisation's own value, so a handout
    never shows advice the settings rule out (a ban on presents where small
    ones are allowed) nor the machinery that chooses between them.
    """
    questions: list[str] = []
    outcomes: list[str] = []
    stack = [tree.start]
    while stack:
        node_id = stack.pop()
        if node_id in tree.outcomes:
            if node_id not in outcomes:
                outcomes.append(node_id)
            continue
        if node_id in questions:
            continue
        node = tree.questions[node_id]
        if isinstance(node, SettingNode):
            stack.append(walk.next_for_setting(node))
            continue
        questions.append(node_id)
        stack.extend(reversed(node.targets))
    return questions, outcomes


def tree_handout(tree: Tree, walk: Walk) -> str:
    """A topic as a handout a person would hand out: numbered questions in words, and the advice they lead to.

    Questions are Q1, Q2... and advice A1, A2... in the order a reader meets
    them; no internal ids, no setting names. Only what this organisation's
    settings can reach is shown, each outcome worded exactly as a walk would
    give it (people, timing and verdict as its policy reads them).
    """
    questions, outcomes = _handout_order(tree, walk)
    q_number = {node_id: n for n, node_id in enumerate(questions, 1)}
    a_number = {node_id: n for n, node_id in enumerate(outcomes, 1)}
    advice = {node_id: walk.advice(node_id) for node_id in outcomes}

    def leads_to(target: str) -> str:
        node_id = target
        while node_id in tree.questions and isinstance(tree.questions[node_id], SettingNode):
            node_id = walk.next_for_setting(tree.questions[node_id])
        if node_id in q_number:
            return f"go to Q{q_number[node_id]}"
        return f"**{advice[node_id].verdict.word}** - see A{a_number[node_id]}"

    lines = [f"# {tree.title}", "", tree.summary, ""]
    settings = walk.settings_used()
    if settings:
        lines += ["## How your organisation has set this up", ""]
        for key, value in settings.items():
            setting = walk.registry.settings[key]
            lines.append(f"- {setting.heading}: {setting.describe_in_text(value)}")
        lines.append("")
    lines += ["## Questions", "", "Start at Q1. Answer each question from what you know now.", ""]
    for node_id in questions:
        node = tree.questions[node_id]
        assert isinstance(node, Question)
        lines += [f"### Q{q_number[node_id]}. {walk.fill(node.ask)}", ""]
        if node.help:
            lines += [walk.fill(node.help), ""]
        lines.append(f"- Yes: {leads_to(node.yes)}")
        lines.append(f"- No: {leads_to(node.no)}")
        if node.unsure:
            lines.append(f"- Not sure: {leads_to(node.unsure)}")
        lines.append(f"- Policy: {'; '.join(walk.ordered_refs(node.refs))}")
        lines.append("")
    lines += ["## Advice", ""]
    for node_id in outcomes:
        lines += [f"### A{a_number[node_id]}. {advice[node_id].verdict.label}", ""]
        lines += _advice_body(advice[node_id])
        lines.append("")
    left_out = len(tree.outcomes) - len(outcomes)
    footer = f"_{tree.title}, version {tree.version}."
    if left_out:
        footer += f" {left_out} other piece(s) of advice in this topic don't apply under your organisation's settings."
    lines.append(footer + "_")
    return "\n".join(lines).rstrip() + "\n"


# --- the whole tree as an outline (for the app's tree view) ------------------------


class OutlineNode(NamedTuple):
    """One line of the whole-tree outline: what to show, whether the current walk passed here, and below it."""

    label: str
    on_path: bool
    children: tuple[OutlineNode, ...]
    leads_to_expected: bool = False  # in practice: this line is on the way to the policy's outcome

    @property
    def open(self) -> bool:
        """Shown opened out: the walk's path, and in practice the way to the policy's answer."""
        return self.on_path or self.leads_to_expected


EXPECTED_MARK = "◆ The policy's answer: "  # at the start, so a narrow screen never cuts it off


def question_numbers(tree: Tree) -> dict[str, int]:
    """Q1, Q2, ... for a tree's questions, as the whole-tree outline shows them.

    In order of first appearance reading the tree top to bottom (Yes before No
    before Not sure, every setting case in turn), so the numbers belong to the
    tree and not to any one walk; a walk's "question 4" may be the tree's Q5.
    """
    numbers: dict[str, int] = {}
    seen: set[str] = set()
    stack = [tree.start]
    while stack:
        node_id = stack.pop()
        node = tree.questions.get(node_id)
        if node is None or node_id in seen:
            continue
        seen.add(node_id)
        if isinstance(node, Question):  # a setting is passed through, not numbered
            numbers[node_id] = len(numbers) + 1
        stack.extend(reversed(node.targets))  # Yes, No, Not sure (or each setting case) in reading order
    return numbers


def tree_outline(tree: Tree, walk: Walk, expected: str | None = None) -> OutlineNode:
    """The tree as nested lines: questions with their answers, setting routes and outcomes with verdicts.

    Each question is spelled out the first time it appears; a later branch to
    it says "see question N" rather than repeating it, so the outline grows
    with the tree, not with the number of paths. Lines on the current walk's
    path are marked (none before the first answer), each question asked saying
    which of the walk's questions it was; in practice, the outcome the policy
    expects (`expected`) is labelled too.
    """
    taken = {(step.question.id, step.answer) for step in walk.steps}
    route = set(walk.route) if walk.steps else set()
    asked = {step.question.id: number for number, step in enumerate(walk.steps, 1)}
    numbers = question_numbers(tree)
    shown: set[str] = set()

    def node_line(node_id: str) -> OutlineNode:
        if node_id in tree.outcomes:
            outcome = tree.outcomes[node_id]
            is_expected = node_id == expected
            label = f"{EXPECTED_MARK if is_expected else ''}{outcome.verdict.label}: {walk.fill(outcome.headline)}"
            return OutlineNode(label, node_id in route, (), is_expected)
        if node_id in shown:
            return OutlineNode(f"see question {numbers[node_id]} above", node_id in route, ())
        node = tree.questions[node_id]
        if isinstance(node, SettingNode):
            setting = walk.registry.settings.get(node.setting)
            value = walk.organisation.setting_value(node.setting, walk.registry)
            branches = []
            for case, target in node.cases:
                words = node.case_words(case)
                if setting is not None and setting.kind is not SettingKind.BOOL:
                    words = f"{words}: {setting.describe(case)}"
                # In practice the value is the story's (see scenarios.practice_organisation), not this PC's.
                here = (" (this story)" if expected else " (yours)") if case == value else ""
                branches.append(_branch(f"{words}{here} ->", node_id in route and case == value, node_line(target)))
            heading = setting.heading if setting is not None else node.setting
            return _branch(f"Your organisation decides: {heading}", node_id in route, *branches)
        shown.add(node_id)
        branches = []
        for answer in Answer:
            target = node.next_for(answer)
            if target:
                branches.append(_branch(f"{answer.words} ->", (node_id, answer) in taken, node_line(target)))
        yours = f" (your question {asked[node_id]})" if node_id in asked else ""
        return _branch(f"Q{numbers[node_id]}{yours}. {walk.fill(node.ask)}", node_id in route, *branches)

    return _branch(tree.title, bool(walk.steps), node_line(tree.start))


def _branch(label: str, on_path: bool, *children: OutlineNode) -> OutlineNode:
    return OutlineNode(label, on_path, children, any(child.leads_to_expected for child in children))


# --- Mermaid ------------------------------------------------------------------------

_VERDICT_STYLES = {
    "ok": "fill:#d4edda,stroke:#155724,color:#155724",
    "ok_record": "fill:#d1ecf1,stroke:#0c5460,color:#0c5460",
    "ask_first": "fill:#fff3cd,stroke:#856404,color:#533f03",
    "do_not": "fill:#f8d7da,stroke:#721c24,color:#721c24",
    "report_now": "fill:#fde2c8,stroke:#8a4b08,color:#5c3205",
    "emergency": "fill:#721c24,stroke:#000000,color:#ffffff,stroke-width:3px",
}


def mermaid_id(node_id: str) -> str:
    """Mermaid-safe node ids: prefixed, so 'end' and other keywords can never clash."""
    return "n_" + node_id.replace("-", "_")


MERMAID_LINE = 32  # characters a label line may take before it wraps: long labels make very wide nodes


def mermaid_label(text: str) -> str:
    """Text inside a quoted Mermaid label: wrapped into short lines, and the characters Mermaid reads as markup escaped."""
    import textwrap

    def escape(line: str) -> str:
        return line.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")

    lines = textwrap.wrap(text, MERMAID_LINE, break_long_words=False) or [""]
    return '"' + "<br/>".join(escape(line) for line in lines) + '"'


def tree_mermaid(tree: Tree, walk: Walk) -> str:
    """A `flowchart TD` of the whole tree: questions as diamonds, settings as hexagons, outcomes styled by verdict."""
    lines = ["flowchart TD"]
    for node in tree.questions.values():
        if isinstance(node, SettingNode):
            setting = walk.registry.settings.get(node.setting)
            heading = setting.heading if setting is not None else node.setting
            lines.append(f"    {mermaid_id(node.id)}{{{{{mermaid_label('Your organisation decides: ' + heading)}}}}}")
            for value, target in node.cases:
                lines.append(
                    f"    {mermaid_id(node.id)} -->|{mermaid_label(node.case_words(value))}| {mermaid_id(target)}"
                )
        else:
            lines.append(f"    {mermaid_id(node.id)}{{{mermaid_label(walk.fill(node.ask))}}}")
            for answer in Answer:
                target = node.next_for(answer)
                if target:
                    lines.append(f"    {mermaid_id(node.id)} -->|{answer.words}| {mermaid_id(target)}")
    for outcome in tree.outcomes.values():
        label = f"{outcome.verdict.label}: {walk.fill(outcome.headline)}"
        lines.append(f"    {mermaid_id(outcome.id)}[{mermaid_label(label)}]:::{outcome.verdict.value}")
    for verdict, style in _VERDICT_STYLES.items():
        lines.append(f"    classDef {verdict} {style}")
    return "\n".join(lines) + "\n"


# --- practice scenarios -------------------------------------------------------------


NO_SINGLE_PARTING = "No one answer ruled out the policy's outcome on its own: talk through the answers together."


def parting_words(walk: Walk, scenario, comparison) -> tuple[str, str, str] | None:
    """Where a practice walk parted from the policy's path: (the question, what happened, its clauses).

    None when the walk matched, or when no single answer made the difference.
    """
    step = comparison.departed_step(walk)
    if step is None:
        return None
    # "Question N" is the Nth answer in the walk, as "Your answers" numbers it, everywhere; the
    # tree's own Q-numbers (handouts, the whole-tree view) are another count and would only confuse here.
    return (
        f"Question {comparison.departed_at + 1}: {walk.fill(step.question.ask)}",
        f"You answered {step.answer.words}. After that, the policy's outcome could no longer be reached.",
        "; ".join(refs_by_source(step.question.refs, walk.registry)),
    )


def comparison_text(walk: Walk, scenario, comparison, tally: PracticeTally | None = None) -> str:
    """What the member of staff chose beside what the policy expects, where they parted, and the policy's advice.

    With the session's `tally`, it also says when this walk differs from the
    story's first one, which is what the tally counts.
    """
    chosen = walk.advice()
    expected = walk.advice(scenario.expected)
    lines = []
    if comparison.matched:
        lines.append(f"Same as the policy: {expected.verdict.label} - {expected.headline}")
    else:
        if comparison.cautious:
            lines += [CAUTIOUS_ROUTE, ""]
        lines.append(f"You reached:    {chosen.verdict.label} - {chosen.headline}")
        lines.append(f"Policy expects: {expected.verdict.label} - {expected.headline}")
        parting = parting_words(walk, scenario, comparison)
        lines.append("")
        if parting is None:
            lines.append(NO_SINGLE_PARTING)
        else:
            question, what, refs = parting
            lines += [f"Where it parted: {question}", f"  {what}", f"  Policy: {refs}"]
    note = first_walk_note(scenario, comparison, tally)
    if note:
        lines += ["", note]
    lines += ["", "To discuss:"]
    for number, item in enumerate(scenario.discussion, 1):
        lines.append(f"  {number}. {item.prompt}")
        lines.append(f"     Policy: {'; '.join(item.refs)}")
    lines += ["", "What the policy says:", *(f"  {line}" if line else "" for line in _action_lines(expected))]
    assumed = settings_assumed(walk)
    if assumed:
        lines += ["", "This story assumes these rules (they may differ from your organisation's):"]
        lines.extend(f"  - {line}" for line in assumed)
    return "\n".join(lines).rstrip() + "\n"


def first_walk_note(scenario, comparison, tally: PracticeTally | None) -> str | None:
    """Said when this walk of a story differs from its first one, which is what the tally counts."""
    first_matched = tally.result(scenario.id) if tally is not None else None
    if first_matched is None or first_matched == comparison.fair:
        return None
    if first_matched:
        return "Your first walk of this story matched the policy; the tally counts that one."
    return "Your first walk of this story reached a different outcome; the tally counts that one."


def practice_markdown(
    walk: Walk,
    scenario,
    comparison,
    tally: PracticeTally,
    created: datetime | None = None,
    titles: dict[str, str] | None = None,
) -> str:
    """A practice record for a training file: the scenario, the comparison, the tally, then the walk."""
    lines = [f"# Practice: {scenario.title}", "", f"- Scenario: `{scenario.id}` ({scenario.level})"]
    lines += [f"- {tally.words()}", "", f"> {scenario.vignette}", "", "## Compared with the policy", ""]
    lines += ["```text", comparison_text(walk, scenario, comparison, tally).rstrip(), "```", ""]
    # The walk's own summary, each heading one level down so it sits under this one.
    walk_lines = walk_markdown(walk, created=created, titles=titles).splitlines()
    walk_lines[0] = walk_lines[0].replace("# ", "# Your walk: ", 1)
    lines.extend("#" + line if line.startswith("#") else line for line in walk_lines)
    return "\n".join(lines).rstrip() + "\n"
