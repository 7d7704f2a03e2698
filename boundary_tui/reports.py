"""What the printing commands say, as text and as the rows their JSON holds.

`list`, `find`, `config`, `scenarios` and `records list` each report on
something the core already knows (the topics, a ranking, the effective
config, the saved records). The command line only decides which report to
print and where; the words are made here, beside the renderer of walks and
trees, so a report can be tested without running a command. Nothing here
reads a file or imports a front-end.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from boundary_tui.model import Scenario, TopicHeader

PROG = "boundary-check"
NARROWEST = 20  # below this, wrapping helps no one: lines are left as they are


# --- fitting the terminal -----------------------------------------------------------


def basic_terminal() -> bool:
    """A terminal that cannot run the full-screen app and must get no escape sequences: plain mode instead.

    TERM=dumb says so anywhere. An unset TERM says so only outside Windows:
    Windows Terminal and the classic console set no TERM at all, and both
    run the full app (and with it the idle reset) through Textual's Windows
    driver, and plain mode through prompt_toolkit's own Windows output.
    """
    term = os.environ.get("TERM", "")
    return term == "dumb" or (term == "" and sys.platform != "win32")


def terminal_width() -> int:
    """The columns to print in: COLUMNS if set, else the terminal's, 80 when output goes to a pipe or file.

    shutil.get_terminal_size's rules, without importing shutil (and the
    compression modules it loads) on every start. One column is left spare:
    some terminals move to the next line as soon as the last column is
    written, which would add a blank line after a full one.
    """
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):  # no stdout, a closed one, or not a terminal
            columns = 0
    return (columns or 80) - 1


_LIST_MARK = re.compile(r"^(\s*)(\d+\.\s+|-\s+)?")


def wrap_for_terminal(text: str, width: int) -> str:
    """Wrap each line to the terminal, continuing under its text rather than its number or dash.

    A terminal would otherwise break words anywhere ("their f / amily"); a
    screen reader reads the result the same either way. Every text report,
    walk and plain-mode screen goes through here; JSON, Markdown and Mermaid,
    which tools read, never do. Words are never split, not even at a hyphen.
    """
    width = max(width, NARROWEST)
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:  # most lines
            lines.append(line)
            continue
        indent, mark = _LIST_MARK.match(line).groups()
        # A list item continues under its text; any other line two spaces in, so it reads as one.
        hang = " " * (len(indent) + (len(mark) if mark else 2))
        words = line.split()
        if not words or max(map(len, words)) > width - len(hang):
            lines.append(line)  # blank, or holds a path too long to wrap: left whole, to copy
            continue
        lines.extend(_fill(words, width, line[: len(line) - len(line.lstrip())], hang))
    return "\n".join(lines)


def _fill(words: list[str], width: int, indent: str = "", hang: str = "") -> list[str]:
    """Words in lines of at most `width`, greedily: as textwrap would, at a fraction of its cost.

    A word longer than a line is never split; it gets a line to itself.
    """
    lines: list[str] = []
    current = indent + words[0] if words else indent
    for word in words[1:]:
        if len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = hang + word
    lines.append(current)
    return lines


def to_json(value: object) -> str:
    """JSON as every `--format json` prints it: indented, non-ASCII kept as it is, never wrapped."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# --- topics -----------------------------------------------------------------------


def topic_rows(trees: Iterable[TopicHeader]) -> list[dict]:
    """The JSON contract for `list --format json`."""
    return [
        {"id": t.id, "title": t.title, "summary": t.summary, "path": t.path, "version": t.version, "sha256": t.sha256}
        for t in trees
    ]


TOPIC_HEADINGS = ("Topic", "What it covers")


def topic_list(trees: Iterable[TopicHeader], width: int) -> str:
    """A table of the topics: the id to type, then the title and what it covers, wrapped in their own column.

    Where the terminal is too narrow for two columns, each topic's words go
    under its id instead.
    """
    trees = list(trees)
    if not trees:
        return ""
    id_width = max(len(TOPIC_HEADINGS[0]), *(len(tree.id) for tree in trees))
    two_columns = width - id_width - 2 >= 30
    indent = id_width + 2 if two_columns else 4
    lines = [f"{TOPIC_HEADINGS[0]:<{id_width}}  {TOPIC_HEADINGS[1]}", ""] if two_columns else []
    for tree in trees:
        words = [*_fill(tree.title.split(), width - indent), *_fill(tree.summary.split(), width - indent)]
        if two_columns:
            lines.append(f"{tree.id:<{id_width}}  {words.pop(0)}")
        else:
            lines.append(tree.id)
        lines.extend(" " * indent + line for line in words)
        lines.append("")
    return "\n".join(lines[:-1]) + "\n"


# --- find ---------------------------------------------------------------------------


def found_rows(query: str, hits) -> dict:
    """The JSON contract for `find --format json`: the query and each ranked topic or situation."""
    rows = [
        {
            "rank": rank,
            "key": hit.key,
            "topic": hit.tree.id,
            "situation": hit.situation.id if hit.situation else None,
            "title": hit.title,
            "topic_title": hit.tree.title,
            "score": hit.score,
        }
        for rank, hit in enumerate(hits, 1)
    ]
    return {"query": query, "results": rows}


def found_text(query: str, hits) -> str:
    """The ranked topics and situations, each with the command that opens it."""
    lines = []
    if hits and hits[0].score == 0:
        lines.append(f"Nothing matched {query!r} closely; this general topic helps you decide:")
    for rank, hit in enumerate(hits, 1):
        if hit.situation is None:
            lines.append(f"{rank}. {hit.tree.title}")
        else:
            lines.append(f"{rank}. {hit.situation.title}")
            lines.append(f"   in {hit.tree.title}")
        lines.append(f"   open: {PROG} {hit.key}")
    return "".join(line + "\n" for line in lines)


# --- config ---------------------------------------------------------------------------


def config_report(loaded, registry, bundled_trees: Path) -> str:
    """Every effective value and where it came from, then the files looked for.

    `loaded` is the config as read (its organisation, each value's origin and
    the layers looked at); `registry` names the roles and settings there are.
    """
    organisation, origins = loaded.organisation, loaded.origins
    lines = ["Files (later wins):"]
    for layer in loaded.layers:
        state = "found" if layer.found else "not found"
        lines.append(f"  {layer.label:<8} {layer.path} ({state})")
    lines += ["", f"organisation: {organisation.name or '(not set)'}  [{origins['organisation']}]"]
    profile = organisation.profile(registry)
    policy = f"{profile.id} - {profile.title}" if profile else "(none: the most protective reading of all five)"
    lines.append(f"policy: {policy}  [{origins.get('policy', 'built-in default')}]")
    lines.append(f"idle_minutes: {organisation.idle_minutes:g}  [{origins['idle_minutes']}]")
    lines.append(f"practice_idle_minutes: {organisation.practice_idle_minutes:g}  [{origins['practice_idle_minutes']}]")
    lines.append(f"records: {'on' if organisation.records else 'off (saving is turned off)'}  [{origins['records']}]")
    token = "set" if organisation.serve_token else "not set (a new one at each start off loopback)"
    lines.append(
        f"serve (browser tabs): records {'on' if organisation.serve_records else 'off'}  "
        f"[{origins['serve_records']}]; access token {token}"  # the token itself is never printed here
    )
    lines += ["", "Who to tell:"]
    for role in registry.roles:
        contact = organisation.contact_for(role, registry)
        titled_by_profile = profile is not None and (role in profile.roles or role in profile.same_as)
        default = f"policy {profile.id}" if titled_by_profile else "built-in default"
        where = sorted({origins[k] for k in origins if k.startswith(f"contacts.{role}.")}) or [default]
        lines.append(f"  {role}: {contact.display}  [{', '.join(where)}]")
    lines += ["", "Settings:"]
    for key, setting in registry.settings.items():
        value = organisation.setting_value(key, registry)
        origin = origins.get(f"settings.{key}") or (f"policy {profile.id}" if profile else "built-in default")
        lines.append(f"  {key}: {value} - {setting.describe(value)}  [{origin}]")
    lines += ["", "Tree folders:"]
    if organisation.bundled_trees:
        lines.append(f"  {bundled_trees}  [built in]")
    else:
        lines.append(f"  (bundled trees turned off)  [{origins['bundled_trees']}]")
    lines.extend(f"  {folder}  [{origins.get('trees', '')}]" for folder in organisation.tree_dirs)
    lines.append("Hidden topics: " + (", ".join(organisation.hidden_topics) or "none"))
    return "\n".join(lines) + "\n"


# --- practice scenarios ---------------------------------------------------------------


def scenario_rows(scenarios: Iterable[Scenario]) -> list[dict]:
    """The JSON contract for `scenarios --format json`."""
    return [
        {
            "id": scenario.id,
            "topic": scenario.topic,
            "title": scenario.title,
            "level": scenario.level,
            "vignette": scenario.vignette,
            "expected": scenario.expected,
            "settings": dict(scenario.settings),
            "discussion": [{"prompt": d.prompt, "refs": list(d.refs)} for d in scenario.discussion],
        }
        for scenario in scenarios
    ]


def scenario_list(scenarios: Iterable[Scenario]) -> str:
    """Each scenario's id, level and title, its story, and the outcome the policy expects."""
    return "".join(f"{s.id}  [{s.level}] {s.title}\n    {s.vignette}\n    expected: {s.expected}\n" for s in scenarios)


# --- saved records ----------------------------------------------------------------------


def record_rows(found) -> list[dict]:
    """The JSON contract for `records list --format json`."""
    return [
        {"id": r.id, "path": str(r.path), "topic": r.topic, "verdict": r.verdict, "created": r.created}
        | ({"scenario": r.scenario} if r.scenario else {})
        for r in found
    ]


def record_list(found, folder: Path) -> str:
    """The records saved on this computer, numbered as `records show N` takes them."""
    if not found:
        return f"No records saved on this computer (they would be in {folder}).\n"
    lines = []
    for number, record in enumerate(found, 1):
        kind = f"practice: {record.scenario}" if record.scenario else "dilemma"
        lines.append(f"{number:>3}. {record.created}  {record.topic}  {record.verdict}  {kind}")
        lines.append(f"     id {record.id}: {record.path}")
    return "".join(line + "\n" for line in lines)
