"""Checks that need the whole tree, the registry or the other trees.

Shape problems are found by the loader; here we find the problems a policy
owner cannot see by reading one node at a time: links that point nowhere,
nodes no path reaches, cycles (a walk that would never end), setting nodes
whose cases do not match the setting, unknown roles, settings, sources and
see-also topics, and placeholders that name nothing.
"""

from __future__ import annotations

from boundary_tui.fields import did_you_mean
from boundary_tui.loader import LoadedTree
from boundary_tui.model import PLACEHOLDER, PLACEHOLDER_KINDS, Question, Registry, SettingKind, SettingNode
from boundary_tui.problems import ProblemList
from boundary_tui.routes import unreached_answers
from boundary_tui.yamlread import gc_paused


def validate_tree(loaded: LoadedTree, registry: Registry, known_topics: set[str]) -> list:
    """Every cross-reference and graph problem in one loaded tree."""
    with gc_paused():
        return _validate_tree(loaded, registry, known_topics)


def _validate_tree(loaded: LoadedTree, registry: Registry, known_topics: set[str]) -> list:
    problems = ProblemList(loaded.label)
    tree = loaded.tree
    if tree is None:
        return problems
    marks = loaded.source_map
    nodes = set(loaded.declared)

    if tree.start and tree.start not in nodes:
        problems.add(
            "dangling",
            f"'start' names {tree.start!r}, which is not a question or outcome{did_you_mean(tree.start, nodes)}",
            marks.at("tree", "start"),
        )
    for node in tree.questions.values():
        links = (
            [(a, t) for a, t in (("yes", node.yes), ("no", node.no), ("unsure", node.unsure)) if t]
            if isinstance(node, Question)
            else list(node.cases)
        )
        for label, target in links:
            if target not in nodes:
                problems.add(
                    "dangling",
                    f"{node.id!r} {_branch(label)} leads to {target!r}, which does not exist{did_you_mean(target, nodes)}",
                    marks.at("link", node.id, label),
                )
            elif target == node.id:
                problems.add("cycle", f"{node.id!r} leads back to itself", marks.at("link", node.id, label))
        if isinstance(node, SettingNode):
            _check_setting_node(node, registry, problems, marks)

    # Checked on the declared fields, so a node broken elsewhere still gets these checks.
    for node_id, fields in loaded.declared.items():
        if "setting" in fields:
            continue
        if "refs" in fields:
            _check_refs(node_id, fields["refs"], registry, problems, marks)
        for index, role in enumerate(fields.get("escalate", ())):
            if role not in registry.roles and role not in registry.duties:
                known = [*registry.roles, *registry.duties]
                problems.add(
                    "unknown-role",
                    f"outcome {node_id!r} tells unknown role {role!r}{did_you_mean(role, known)}; roles: {', '.join(registry.roles)}"
                    + (f"; duties: {', '.join(registry.duties)}" if registry.duties else ""),
                    marks.at("escalate", node_id, index),
                )
        for index, topic in enumerate(fields.get("see_also", ())):
            if topic not in known_topics:
                problems.add(
                    "unknown-topic",
                    f"outcome {node_id!r} links to unknown topic {topic!r}{did_you_mean(topic, known_topics)}",
                    marks.at("see_also", node_id, index),
                )
        for key in ("ask", "help", "headline", "record", "do"):
            value = fields.get(key)
            if not value:
                continue
            for text in value if isinstance(value, list) else (value,):
                if "{" in text:  # most text holds no placeholder
                    _check_placeholders(text, registry, problems, marks, ("text", node_id, key))

    _check_reachable_and_acyclic(tree.start, _links(loaded.declared), problems, marks)
    if not any(p.code == "cycle" for p in problems):
        _check_situations(loaded, registry, problems)
    return problems


def check_policies(loaded: list, registry: Registry) -> list:
    """Every policy profile against the merged registry: it states an option for every setting,

    each a real option of that setting; its roles, duties and same_as name real
    roles; and its refs cite known sources. A profile is never a guess.
    """
    problems: list = []
    for item in loaded:
        # A profile answers for the settings and duties of its own folder: an organisation's
        # folder may add a setting of its own, which then keeps its default under the profile.
        folder = [other.registry for other in loaded if other.path.parent == item.path.parent]
        own = Registry()
        for other in folder:
            own = own.merged(other)
        for key, profile in item.registry.policies.items():
            found = ProblemList(item.label or str(item.path))
            where = item.marks.get(("policy", key))
            missing = [setting for setting in own.settings if setting not in profile.settings]
            if missing:
                found.add(
                    "policy-missing-setting",
                    f"policy {key!r} does not say which option it takes for: {', '.join(missing)}",
                    where,
                )
            for setting, chosen in profile.settings.items():
                mark = item.marks.get(("settings", key, setting)) or where
                known = own.settings.get(setting, registry.settings.get(setting))
                if known is None:
                    found.add(
                        "unknown-setting",
                        f"policy {key!r} sets unknown setting {setting!r}{did_you_mean(setting, registry.settings)}",
                        mark,
                    )
                elif chosen.value not in known.values:
                    found.add(
                        "bad-setting-value",
                        f"policy {key!r} gives {setting!r} the value {chosen.value!r}; it takes one of: "
                        f"{', '.join(known.values)}",
                        mark,
                    )
                elif not chosen.refs and not chosen.why:
                    found.add(
                        "policy-unexplained",
                        f"policy {key!r}: give the clause (refs) for {setting!r}, or say why where the policy is silent",
                        mark,
                    )
            named = [("roles", role, role) for role in profile.roles]
            named += [("same_as", role, name) for role, target in profile.same_as.items() for name in (role, target)]
            for section, entry, role in named:
                if role not in registry.roles:
                    found.add(
                        "unknown-role",
                        f"policy {key!r} {section} names unknown role {role!r}{did_you_mean(role, registry.roles)}",
                        item.marks.get((section, key, entry)) or where,
                    )
            for duty, told in profile.duties.items():
                mark = item.marks.get(("duties", key, duty)) or where
                if duty not in registry.duties:
                    found.add(
                        "unknown-duty",
                        f"policy {key!r} names unknown duty {duty!r}{did_you_mean(duty, registry.duties)}",
                        mark,
                    )
                for role in told.tell:
                    if role not in registry.roles:
                        found.add("unknown-role", f"policy {key!r} duty {duty!r} tells unknown role {role!r}", mark)
            for duty in own.duties:
                if duty not in profile.duties:
                    found.add(
                        "policy-missing-duty", f"policy {key!r} does not say who to tell for duty {duty!r}", where
                    )
            problems.extend(found)
    return problems


def shared_keyword_warnings(loaded: list[LoadedTree], synonyms, others=()) -> list:
    """Keywords that mean the same to search in several topics, unless each topic marks them as shared.

    A keyword should name the member of staff's dilemma in this topic; one that
    several topics list ("colleague", "my kids") lets a stray word pick the wrong one.
    `others`: trees to compare with (the ones the app would also load) but not report on.
    """
    if not any(item.tree.keywords for item in loaded if item.tree is not None):
        return []  # nothing to report on: and lemmatising every other topic's keywords takes a third of a second
    from boundary_tui.search import Analyser

    analyser = Analyser(synonyms)
    owners: dict[tuple[str, ...], list[tuple[LoadedTree | None, int, str, str]]] = {}
    checked = {item.tree.id for item in loaded if item.tree is not None}
    trees = [(item, item.tree) for item in loaded if item.tree is not None]
    trees += [(None, tree) for tree in others if tree.id not in checked]
    for item, tree in trees:
        for index, keyword in enumerate(tree.keywords):
            words = tuple(sorted(set(analyser.lemmas(keyword))))
            if words:
                owners.setdefault(words, []).append((item, index, keyword, tree.id))
    problems: list = []
    for places in owners.values():
        topics = {topic for _, _, _, topic in places}
        if len(topics) < 2:
            continue
        for item, index, keyword, _ in places:
            if item is None or keyword in item.tree.shared_keywords:
                continue
            others = ", ".join(sorted(topics - {item.tree.id}))
            found = ProblemList(item.label)
            found.add(
                "shared-keyword",
                f"keyword {keyword!r} also finds {others}: make it say this topic's dilemma, "
                "or list it under shared_keywords if the topics share it on purpose",
                item.source_map.at("keyword", index),
            )
            problems.extend(found)
    return problems


def _check_situations(loaded: LoadedTree, registry: Registry, problems) -> None:
    """Each situation answers real, non-risk questions, and its answers lie on a real path."""
    tree, marks = loaded.tree, loaded.source_map
    questions = [q.id for q in tree.asked_questions]
    for situation in tree.situations.values():
        where = f"situation {situation.id!r}"
        if situation.id in loaded.declared:
            problems.add(
                "duplicate-id",
                f"{situation.id!r} is both a situation and a question or outcome: ids must be unique",
                marks.at("situation", situation.id),
            )
        sound = True
        for question_id, answer in situation.answers:
            mark = marks.at("situation-answer", situation.id, question_id)
            question = tree.questions.get(question_id)
            if not isinstance(question, Question):
                problems.add(
                    "dangling",
                    f"{where} answers {question_id!r}, which is not a question{did_you_mean(question_id, questions)}",
                    mark,
                )
                sound = False
            elif tree.is_risk(question):
                problems.add(
                    "risk-answered",
                    f"{where} answers {question_id!r}, a risk question: the person must always answer it themselves",
                    mark,
                )
                sound = False
            elif question.next_for(answer) is None:
                problems.add("bad-answer", f"{where} answers {question_id!r} 'Not sure', which it does not offer", mark)
                sound = False
        if not sound:
            continue
        for question_id in unreached_answers(tree, registry, situation):
            problems.add(
                "situation-path",
                f"{where} answers {question_id!r}, but no walk reaches that question after the situation's "
                "other answers (risk questions answered No, under any setting)",
                marks.at("situation-answer", situation.id, question_id),
            )


def _links(declared: dict[str, dict]) -> dict[str, tuple[str, ...]]:
    """Each declared node's targets, from whatever fields passed, built node or not."""
    links = {}
    for node_id, fields in declared.items():
        get = fields.get
        targets: tuple = (get("yes"), get("no"), get("unsure"))
        cases = get("cases")
        if cases:
            targets += tuple(t for t in cases.values() if isinstance(t, str))
        links[node_id] = tuple(filter(None, targets))
    return links


def _branch(label: str) -> str:
    return {"yes": "'yes'", "no": "'no'", "unsure": "'unsure'", "true": "'yes'", "false": "'no'"}.get(
        label, f"case {label!r}"
    )


def _check_setting_node(node: SettingNode, registry: Registry, problems, marks) -> None:
    setting = registry.settings.get(node.setting)
    if setting is None:
        problems.add(
            "unknown-setting",
            f"setting node {node.id!r} uses unknown setting {node.setting!r}{did_you_mean(node.setting, registry.settings)}",
            marks.at("setting", node.id),
        )
        return
    given = [value for value, _ in node.cases]
    is_yes_no = node.yes_no
    if setting.kind is SettingKind.BOOL and not is_yes_no:
        problems.add(
            "setting-branches",
            f"{node.setting!r} is a yes/no setting: give setting node {node.id!r} 'yes' and 'no', not 'cases'",
            marks.at("setting", node.id),
        )
        return
    if setting.kind is SettingKind.CHOICE and is_yes_no:
        problems.add(
            "setting-branches",
            f"{node.setting!r} is a choice setting: give setting node {node.id!r} 'cases' for {', '.join(setting.values)}",
            marks.at("setting", node.id),
        )
        return
    for value in given:
        if value not in setting.values:
            problems.add(
                "unknown-case",
                f"setting node {node.id!r} has a case {value!r} that {node.setting!r} does not offer{did_you_mean(value, setting.values)}",
                marks.at("case", node.id, value),
            )
    missing = [value for value in setting.values if value not in given]
    if missing:
        problems.add(
            "missing-case",
            f"setting node {node.id!r} has no case for {', '.join(map(repr, missing))}",
            marks.at("setting", node.id),
        )


def _check_refs(node_id: str, refs, registry: Registry, problems, marks) -> None:
    if not refs:
        problems.add("no-refs", f"{node_id!r} cites no policy clause: add at least one ref", marks.at("node", node_id))
    for index, ref in enumerate(refs):
        source, _, clause = ref.strip().partition(" ")
        if source not in registry.sources:
            problems.add(
                "unknown-source",
                f"ref {ref!r} in {node_id!r} names unknown source {source!r}{did_you_mean(source, registry.sources)}; sources: {', '.join(registry.sources)}",
                marks.at("ref", node_id, index),
            )
        elif not clause.strip():
            problems.add(
                "bad-ref",
                f"ref {ref!r} in {node_id!r} names no clause: write e.g. '{source} 2.6(d)'",
                marks.at("ref", node_id, index),
            )


def _check_placeholders(text: str, registry: Registry, problems, marks, where: tuple) -> None:
    """Placeholders that name nothing; `where` is the text's key in `marks`, looked up only for a problem."""
    for kind, key in PLACEHOLDER.findall(text or ""):
        if kind == "role" and key not in registry.roles:
            problems.add(
                "unknown-role",
                f"placeholder {{role:{key}}} names an unknown role{did_you_mean(key, registry.roles)}",
                marks.at(*where),
            )
        elif kind == "setting" and key not in registry.settings:
            problems.add(
                "unknown-setting",
                f"placeholder {{setting:{key}}} names an unknown setting{did_you_mean(key, registry.settings)}",
                marks.at(*where),
            )
        elif kind == "duty" and key not in registry.duties:
            problems.add(
                "unknown-duty",
                f"placeholder {{duty:{key}}} names an unknown duty{did_you_mean(key, registry.duties)}",
                marks.at(*where),
            )
        elif kind not in PLACEHOLDER_KINDS:
            problems.add(
                "bad-placeholder",
                f"placeholder {{{kind}:{key}}} should be {{role:KEY}}, {{duty:KEY}} or {{setting:KEY}}",
                marks.at(*where),
            )


def _check_reachable_and_acyclic(start: str, links: dict[str, tuple[str, ...]], problems, marks) -> None:
    """Iterative depth-first search: unreachable nodes and cycles, without recursion."""
    if start not in links:
        return
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(links, WHITE)
    reported_cycle: set[str] = set()
    stack: list[tuple[str, int]] = [(start, 0)]
    colour[start] = GREY
    while stack:
        node_id, index = stack[-1]
        targets = links[node_id]
        if index < len(targets):
            stack[-1] = (node_id, index + 1)
            target = targets[index]
            if target not in colour or target == node_id:
                continue
            if colour[target] == WHITE:
                colour[target] = GREY
                stack.append((target, 0))
            elif colour[target] == GREY and target not in reported_cycle:
                reported_cycle.add(target)
                problems.add(
                    "cycle",
                    f"a path loops: {node_id!r} leads back to {target!r}, so a walk could never end",
                    marks.at("node", node_id),
                )
        else:
            colour[node_id] = BLACK
            stack.pop()
    unreached = [node_id for node_id, seen in colour.items() if seen == WHITE]
    for node_id in sorted(unreached, key=lambda n: marks.at("node", n) or (0, 0)):
        problems.add("unreachable", f"{node_id!r} can never be reached from 'start'", marks.at("node", node_id))
