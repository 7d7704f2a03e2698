"""The `boundary-check` command line.

Commands that print (list, show, walk, validate) never import Textual or
questionary, so they start as fast as Python and PyYAML allow; the full-screen
app is imported only in the branch that opens it. Every user mistake - an
unknown topic, a wrong answer word, a broken tree - is one line on stderr and
a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from boundary_tui import __version__, paths
from boundary_tui.catalog import Catalog, check_paths, load_catalog
from boundary_tui.config import Organisation
from boundary_tui.model import Answer
from boundary_tui.walk import Walk, WalkError

PROG = "boundary-check"
COMMANDS = ("list", "show", "walk", "validate")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(f"{message} (see '{PROG} --help')")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Decision help for professional-boundary dilemmas: pick a topic, answer a few "
        "yes/no questions, and see what to do, who to tell, how soon and what to record.",
        epilog="With no command, opens the app on the list of topics (or straight into TOPIC).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="list the topics")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("show", help="print a whole topic: every question and outcome")
    p.add_argument("topic")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    _add_set_option(p)

    p = sub.add_parser("walk", help="walk a topic with scripted answers and print the outcome")
    p.add_argument("topic")
    p.add_argument("--answers", default="", help="comma-separated: yes,no,unsure (or y,n,u)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    _add_set_option(p)

    p = sub.add_parser("validate", help="check tree files and folders; exit 1 on any problem")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: every tree the app loads)")
    return parser


def _add_set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
        help="use this value for an organisation setting, for this run only",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, add_help=False)
    parser.add_argument("topic", nargs="?")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        first = next((a for a in argv if not a.startswith("-")), None)
        if first in COMMANDS or any(a in ("-h", "--help", "--version") for a in argv[:1]):
            args = _build_parser().parse_args(argv)
            return _COMMAND_RUNNERS[args.command](args)
        return _open_app(_app_parser().parse_args(argv))
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `boundary-check show gifts | head`: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


# --- shared steps -----------------------------------------------------------------


def _organisation() -> Organisation:
    return Organisation()


def _catalog(organisation: Organisation) -> Catalog:
    catalog = load_catalog(organisation)
    broken = sorted({p.path for p in catalog.problems})
    if broken:
        print(
            f"{PROG}: note: {len(broken)} tree file(s) have problems and were left out "
            f"({', '.join(broken)}); run '{PROG} validate' for details",
            file=sys.stderr,
        )
    return catalog


def _topic(catalog: Catalog, topic: str):
    tree = catalog.find(topic)
    if tree is None:
        topics = ", ".join(catalog.trees) or "none"
        raise UsageError(f"unknown topic {topic!r}; the topics are: {topics}")
    return tree


def _with_settings(organisation: Organisation, catalog: Catalog, pairs: list[str]) -> Organisation:
    """Apply --set KEY=VALUE, checked against the registry like a config file would be."""
    if not pairs:
        return organisation
    values = dict(organisation.settings)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip().lower()
        setting = catalog.registry.settings.get(key)
        if not sep or setting is None:
            raise UsageError(f"--set {pair!r}: unknown setting; settings are: {', '.join(catalog.registry.settings)}")
        if setting.kind == "bool":
            value = {"yes": "true", "y": "true", "no": "false", "n": "false"}.get(value, value)
        if value not in setting.values:
            raise UsageError(f"--set {pair!r}: {key} takes one of: {', '.join(setting.values)}")
        values[key] = value
    return Organisation(
        name=organisation.name,
        contacts=organisation.contacts,
        settings=values,
        tree_dirs=organisation.tree_dirs,
        hidden_topics=organisation.hidden_topics,
        idle_minutes=organisation.idle_minutes,
    )


def _titles(catalog: Catalog) -> dict[str, str]:
    return {tid: tree.title for tid, tree in catalog.trees.items()}


# --- commands ---------------------------------------------------------------------


def _run_list(args) -> int:
    from boundary_tui import render

    catalog = _catalog(_organisation())
    if args.format == "json":
        rows = [
            {"id": t.id, "title": t.title, "summary": t.summary, "path": t.path, "version": t.version, "sha256": t.sha256}
            for t in catalog.trees.values()
        ]
        sys.stdout.write(render.to_json(rows))
        return EXIT_OK
    width = max((len(tid) for tid in catalog.trees), default=0)
    for tree in catalog.trees.values():
        print(f"{tree.id:<{width}}  {tree.title} - {tree.summary}")
    return EXIT_OK


def _run_show(args) -> int:
    from boundary_tui import render

    organisation = _organisation()
    catalog = _catalog(organisation)
    tree = _topic(catalog, args.topic)
    walk = Walk(tree, catalog.registry, _with_settings(organisation, catalog, args.settings))
    if args.format == "json":
        sys.stdout.write(render.to_json(render.tree_as_dict(tree, walk)))
    else:
        sys.stdout.write(render.tree_text(tree, walk, markdown=args.format == "markdown"))
    return EXIT_OK


def parse_answers(text: str) -> list[Answer]:
    """'yes,n, unsure' -> answers; a word that is not an answer is a UsageError naming it."""
    answers = []
    words = [w.strip() for w in text.split(",")] if text.strip() else []
    for number, word in enumerate(words, 1):
        try:
            answers.append(Answer.parse(word))
        except ValueError:
            raise UsageError(f"answer {number} {word!r} is not an answer: use yes, no or unsure (y, n, u)") from None
    return answers


def _run_walk(args) -> int:
    from boundary_tui import render

    organisation = _organisation()
    catalog = _catalog(organisation)
    tree = _topic(catalog, args.topic)
    answers = parse_answers(args.answers)
    walk = Walk(tree, catalog.registry, _with_settings(organisation, catalog, args.settings))
    for number, answer in enumerate(answers, 1):
        if walk.finished:
            raise UsageError(
                f"too many answers: the walk reached outcome {walk.outcome.id!r} after {number - 1}; "
                f"{len(answers) - number + 1} left over"
            )
        try:
            walk.answer(answer)
        except WalkError:
            raise UsageError(
                f"answer {number} is 'unsure', but question {walk.question.id!r} only takes yes or no"
            ) from None
    if not walk.finished:
        question = walk.question
        raise UsageError(
            f"the answers ran out after {len(answers)}; the next question is {question.id!r}: {walk.fill(question.ask)}"
        )
    titles = _titles(catalog)
    if args.format == "json":
        sys.stdout.write(render.to_json(render.walk_as_dict(walk)))
    elif args.format == "markdown":
        sys.stdout.write(render.walk_markdown(walk, titles=titles))
    else:
        sys.stdout.write(render.walk_text(walk, titles=titles))
    return EXIT_OK


def _run_validate(args) -> int:
    organisation = _organisation()
    bundled = paths.bundled_trees_dir()
    if args.paths:
        targets, base = list(args.paths), [bundled]
    else:
        targets, base = [bundled, *organisation.tree_dirs], []
    loaded, _registry, problems = check_paths(targets, base)
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0)):
        print(problem)
    files = len(loaded)
    if problems:
        bad = len({p.path for p in problems})
        print(f"{len(problems)} problem(s) in {bad} file(s); {files} tree file(s) checked", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"OK: {files} tree file(s), no problems", file=sys.stderr)
    return EXIT_OK


def _open_app(args) -> int:
    organisation = _organisation()
    catalog = _catalog(organisation)
    tree = _topic(catalog, args.topic) if args.topic else None
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UsageError(
            "no terminal to open the app in; use "
            f"'{PROG} walk TOPIC --answers yes,no,...' or '{PROG} list' in scripts"
        )
    from boundary_tui.app.app import make_app  # Textual is imported only here

    app = make_app(catalog=catalog, organisation=organisation, topic=tree.id if tree else None)
    app.run()
    return app.return_code or EXIT_OK


_COMMAND_RUNNERS = {
    "list": _run_list,
    "show": _run_show,
    "walk": _run_walk,
    "validate": _run_validate,
}
