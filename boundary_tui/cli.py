"""The `boundary-check` command line.

Commands that print (list, show, walk, validate) never import Textual or
questionary, so they start as fast as Python and PyYAML allow; the full-screen
app is imported only in the branch that opens it. Every user mistake - an
unknown topic, a wrong answer word, a broken tree - is one line on stderr and
a non-zero exit, never a traceback.
"""

from __future__ import annotations

import gc
import os
import sys

from boundary_tui import paths
from boundary_tui.arguments import COMMANDS, PROG, UsageError, app_parser, build_parser
from boundary_tui.catalog import Catalog, check_paths, load_catalog
from boundary_tui.model import Answer, Organisation
from boundary_tui.reports import basic_terminal, terminal_width, wrap_for_terminal
from boundary_tui.safetext import clean, safe_streams

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Output redirected in a Windows code page must not raise on a verdict mark or a '¶'.
    safe_streams(sys.stdout, sys.stderr)
    try:
        first = _first_word(argv)
        asks_for_help = any(a in ("-h", "--help", "--version") for a in argv[:1])
        if first in COMMANDS or asks_for_help:
            args = build_parser(None if asks_for_help else first).parse_args(argv)
            return _COMMAND_RUNNERS[args.command](args)
        return _open_app(app_parser().parse_args(argv))
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
    except OSError as error:
        # A file or folder the command needed failed (a full disk, a folder it may not write): one line.
        where = f": {error.filename}" if error.filename else ""
        print(clean(f"{PROG}: {error.strerror or error}{where}"), file=sys.stderr)
        return EXIT_PROBLEMS


# --- shared steps -----------------------------------------------------------------


def _first_word(argv: list[str]) -> str | None:
    """The first word that is not an option or the value of --config."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--config":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _load_config(args):
    from boundary_tui.config import load_config

    explicit = args.config or paths.explicit_config_file()
    return load_config(explicit, paths.site_config_file(), paths.user_config_file())


def _setup(args, quiet: bool = False, scenarios: bool = False) -> tuple[Organisation, Catalog]:
    """The organisation and its topics, every config and tree problem told in one line each.

    The practice scenarios are read only when asked for (`scenarios=True`).
    """
    _, organisation, catalog = _setup_with_config(args, quiet, scenarios)
    return organisation, catalog


def _setup_with_config(args, quiet: bool = False, scenarios: bool = False):
    """As _setup, keeping the loaded config (origins, files, problems) for the `config` command."""
    from boundary_tui.config import check_against
    from boundary_tui.records import remove_leftovers

    remove_leftovers()  # hidden temp copies of records whose save was killed: one stat when there are none
    loaded = _load_config(args)
    catalog = load_catalog(loaded.organisation, scenarios=scenarios)
    organisation = check_against(loaded, catalog.registry, set(catalog.trees) | set(catalog.hidden))
    if not quiet:
        for problem in loaded.problems:
            print(f"{PROG}: config: {problem}", file=sys.stderr)
        broken = sorted({p.path for p in catalog.problems if p.keeps_content_out})
        if broken:
            print(
                clean(
                    f"{PROG}: note: {len(broken)} file(s) have problems and what they hold was left out "
                    f"({', '.join(broken)}); run '{PROG} validate' for details"
                ),
                file=sys.stderr,
            )
        cleaned = sorted({p.path for p in catalog.problems if not p.keeps_content_out and not p.is_warning})
        if cleaned:
            print(
                clean(
                    f"{PROG}: note: control characters were removed from {len(cleaned)} file(s) "
                    f"({', '.join(cleaned)}); run '{PROG} validate' for details"
                ),
                file=sys.stderr,
            )
    return loaded, organisation, catalog


def _topic(catalog: Catalog, topic: str):
    tree = catalog.find(topic)
    if tree is None:
        raise UsageError(f"unknown topic {topic!r}; {_did_you_mean(catalog, topic)}")
    return tree


def _did_you_mean(catalog: Catalog, words: str) -> str:
    """The best topics for a mistyped or described topic, ranked as the app's search ranks them."""
    from boundary_tui.search import SearchIndex

    if not catalog.trees:
        return "no topics could be loaded (run 'boundary-check validate')"
    ids = SearchIndex(catalog.trees.values(), catalog.registry.synonyms).topic_ids(words.replace("_", " "))
    if not ids:
        return f"see '{PROG} list'"
    return "did you mean " + " or ".join(f"{tid!r} ({catalog.trees[tid].title})" for tid in ids) + "?"


def _situation(tree, situation_id: str | None):
    """A tree's situation by id (None for none); an unknown one is a usage error naming the real ones."""
    if not situation_id:
        return None
    situation = tree.situations.get(situation_id.strip().lower())
    if situation is None:
        known = ", ".join(tree.situations) or "none"
        raise UsageError(f"topic {tree.id!r} has no situation {situation_id!r}; its situations: {known}")
    return situation


def _topic_and_situation(catalog: Catalog, text: str):
    """'gifts' or 'gifts/parent_offers_money' (as `find` prints them) -> (tree, situation or None)."""
    topic, _, situation_id = text.partition("/")
    tree = _topic(catalog, topic)
    return tree, _situation(tree, situation_id)


def _with_settings(organisation: Organisation, catalog: Catalog, pairs: list[str]) -> Organisation:
    """Apply --set KEY=VALUE, checked against the registry like a config file would be."""
    if not pairs:
        return organisation
    values = dict(organisation.settings)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        setting = catalog.registry.settings.get(key)
        if not sep or setting is None:
            raise UsageError(f"--set {pair!r}: unknown setting; settings are: {', '.join(catalog.registry.settings)}")
        values[key] = setting.parse(value)
        if values[key] is None:
            raise UsageError(f"--set {pair!r}: {key} takes one of: {', '.join(setting.values)}")
    return organisation.with_settings(values)


def _print_wrapped(text: str) -> None:
    """Text for people, wrapped to the terminal (80 columns into a pipe), list items keeping their hanging indent."""
    sys.stdout.write(wrap_for_terminal(text, terminal_width()))


# --- commands ---------------------------------------------------------------------


def _run_list(args) -> int:
    from boundary_tui import reports

    _, catalog = _setup(args)
    if args.format == "json":
        sys.stdout.write(reports.to_json(reports.topic_rows(catalog.headers())))
    else:
        sys.stdout.write(reports.topic_list(catalog.headers(), terminal_width()))
    return EXIT_OK


def _run_show(args) -> int:
    from boundary_tui import render, reports
    from boundary_tui.walk import Walk

    if args.format == "docx" and not args.output:
        raise UsageError("--format docx writes a document: say where with --output FILE")
    organisation, catalog = _setup(args)
    tree = _topic(catalog, args.topic)
    walk = Walk(tree, catalog.registry, _with_settings(organisation, catalog, args.settings))
    if args.format == "docx":
        from datetime import datetime

        from boundary_tui.document import handout_docx

        text = handout_docx(render.tree_handout(tree, walk), created=datetime.now().astimezone())
    elif args.format == "json":
        text = reports.to_json(render.tree_as_dict(tree, walk))
    elif args.format == "mermaid":
        text = render.tree_mermaid(tree, walk)
    else:
        text = render.tree_text(tree, walk, markdown=args.format == "markdown")
    if args.output:
        from boundary_tui.records import write_text_atomically

        try:
            write_text_atomically(args.output, text)
        except OSError as error:
            raise UsageError(f"cannot write {args.output}: {error.strerror or error}") from None
        print(f"wrote {args.output}", file=sys.stderr)
    elif args.format == "text":
        _print_wrapped(text)
    else:
        sys.stdout.write(text)  # Markdown, JSON and Mermaid are for tools and files: never wrapped
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
    from boundary_tui import render, reports
    from boundary_tui.walk import Walk, WalkError

    organisation, catalog = _setup(args)
    tree, situation = _topic_and_situation(catalog, args.topic)
    situation = _situation(tree, args.situation) or situation
    if args.note is not None and not args.save:
        raise UsageError("--note goes with --save: it is written only into the saved record")
    walk = Walk(tree, catalog.registry, _with_settings(organisation, catalog, args.settings), situation)
    if not (args.answers or "").strip():
        # No answers can reach advice: a tree's first question is always the person's own to answer.
        raise UsageError(
            f"walk needs --answers: your answers to the questions of {tree.id!r}, in order, "
            f"e.g. '{PROG} walk {args.topic} --answers no,yes' (yes, no or unsure; y, n, u for short)"
        )
    answers = parse_answers(args.answers)
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
    titles = catalog.titles()
    if args.format == "json":
        sys.stdout.write(reports.to_json(render.walk_as_dict(walk)))
    elif args.format == "markdown":
        sys.stdout.write(render.walk_markdown(walk, titles=titles))
    else:
        _print_wrapped(render.walk_text(walk, titles=titles))
    if args.save:
        # After the advice: a full or read-only disk must not keep it from being read.
        from boundary_tui.records import RECORDS_OFF, not_saved, save_record

        sys.stdout.flush()
        if not organisation.records:
            print(f"{PROG}: the record was NOT saved: {RECORDS_OFF}", file=sys.stderr)
            return EXIT_PROBLEMS
        try:
            saved = save_record(walk, titles=titles, note=args.note or "")
        except OSError as error:
            print(f"{PROG}: {not_saved(error)}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"{PROG}: saved {saved}", file=sys.stderr)
    return EXIT_OK


def _run_find(args) -> int:
    from boundary_tui import reports
    from boundary_tui.search import SearchIndex

    _, catalog = _setup(args)
    if args.most < 1:
        raise UsageError("--most takes a whole number of 1 or more")
    query = " ".join(args.words)
    hits = SearchIndex(catalog.trees.values(), catalog.registry.synonyms).rank(query, most=args.most)
    if args.format == "json":
        sys.stdout.write(reports.to_json(reports.found_rows(query, hits)))
    else:
        _print_wrapped(reports.found_text(query, hits))
    return EXIT_OK


def _run_validate(args) -> int:
    from boundary_tui.catalog import tree_folders

    organisation = _load_config(args).organisation
    if args.paths:
        # The registries the app would use, so an organisation's tree is checked against its roles and settings.
        targets, base = list(args.paths), tree_folders(organisation)
    else:
        targets, base = tree_folders(organisation), []
    # With no paths, the app's own folders: an organisation's tree replaces a bundled one with its id, as there.
    loaded, _registry, problems = check_paths(targets, base, layered=not args.paths)
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0)):
        print(problem)
    files = len(loaded)
    warnings = sum(1 for p in problems if p.is_warning)
    errors = [p for p in problems if not p.is_warning]
    also = f" and {warnings} warning(s)" if warnings else ""
    if errors:
        bad = len({p.path for p in errors})
        print(f"{len(errors)} problem(s) in {bad} file(s){also}; {files} tree file(s) checked", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"OK: {files} tree file(s), no problems{also}", file=sys.stderr)
    return EXIT_OK


def _open_app(args) -> int:
    # Start-up makes many long-lived objects (Textual's modules, the catalog, the first
    # screen's widgets) and next to no garbage, yet the cyclic collector keeps walking
    # them: ~10 ms before the first frame. It is off until then (the app turns it back on
    # after its first frame), and on again whatever happens.
    gc.disable()
    try:
        return _start_app(args)
    finally:
        gc.enable()


def _start_app(args) -> int:
    organisation, catalog = _setup(args)
    tree, situation = _topic_and_situation(catalog, args.topic) if args.topic else (None, None)
    _need_terminal("walk TOPIC --answers yes,no,...' or '" + PROG + " list")
    topic = None if tree is None else tree.id + (f"/{situation.id}" if situation else "")
    if args.plain or basic_terminal():
        gc.enable()  # the prompts have no first frame to wait for
        from boundary_tui.plain import closing_on_signals, run_plain  # questionary is imported only here

        return closing_on_signals(lambda: run_plain(catalog, organisation, topic))
    from boundary_tui.app.app import make_app  # Textual is imported only here

    app = make_app(catalog=catalog, organisation=organisation, topic=topic)
    app.run()
    return app.return_code or EXIT_OK


def _run_config(args) -> int:
    from boundary_tui.config import template

    if args.init:
        target = paths.site_config_file() if args.site else paths.user_config_file()
        if target.exists() and not args.force:
            raise UsageError(f"{target} already exists; add --force to overwrite it")
        _, catalog = _setup(args, quiet=True)
        from boundary_tui.records import write_text_atomically

        write_text_atomically(target, template(catalog.registry, "site" if args.site else "user"))
        print(f"wrote {target}; edit it, then run '{PROG} config --check'")
        return EXIT_OK
    loaded, organisation, catalog = _setup_with_config(args, quiet=True)
    problems = loaded.problems
    if args.check:
        from boundary_tui.permissions import permission_warnings

        warnings = permission_warnings(paths.site_config_file(), list(organisation.tree_dirs))
        for problem in [*problems, *warnings]:
            print(problem)
        also = f" and {len(warnings)} warning(s)" if warnings else ""
        if problems:
            print(f"{len(problems)} problem(s) in the config{also}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"OK: no problems in the config{also}", file=sys.stderr)
        return EXIT_OK
    from boundary_tui.reports import config_report

    _print_wrapped(config_report(loaded, catalog.registry, paths.bundled_trees_dir()))
    for problem in problems:
        print(f"{PROG}: config: {problem}", file=sys.stderr)
    return EXIT_OK


def _run_scenarios(args) -> int:
    from boundary_tui import reports
    from boundary_tui.scenarios import in_topic_order

    organisation, catalog = _setup(args, scenarios=True)
    topic = _topic(catalog, args.topic).id if args.topic else None
    chosen = in_topic_order(catalog.scenarios.values(), list(catalog.trees), topic)
    if args.format == "json":
        sys.stdout.write(reports.to_json(reports.scenario_rows(chosen)))
        return EXIT_OK
    if args.format == "text":
        _print_wrapped(reports.scenario_list(chosen))
        return EXIT_OK
    if not chosen:
        print(f"{PROG}: no practice scenarios" + (f" for {topic}" if topic else ""), file=sys.stderr)
        return EXIT_PROBLEMS
    _need_terminal("scenarios --format json")
    if args.plain or basic_terminal():
        from boundary_tui.plain import closing_on_signals, run_practice

        return closing_on_signals(lambda: run_practice(catalog, organisation, topic))
    from boundary_tui.app.app import make_app

    app = make_app(catalog=catalog, organisation=organisation, topic=topic, practice=True)
    app.run()
    return app.return_code or EXIT_OK


def _need_terminal(script_hint: str) -> None:
    """The full-screen app and the prompts need a terminal; a script gets one line on what to use instead."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UsageError(f"no terminal to open the app in; in scripts use '{PROG} {script_hint}'")


def _run_records(args) -> int:
    from boundary_tui import records, reports

    found = records.list_records()
    if args.action == "list":
        if args.format == "json":
            sys.stdout.write(reports.to_json(reports.record_rows(found)))
        else:
            _print_wrapped(reports.record_list(found, paths.records_dir()))
        return EXIT_OK
    if args.action == "show":
        if not args.which:
            raise UsageError("say which record: its number or id from 'records list'")
        record = records.find_record(args.which)
        if record is None:
            raise UsageError(
                f"no record {args.which!r}: give a number (1-{len(found)}) or an id from '{PROG} records list', not a path"
                if found
                else f"no record {args.which!r}: there are no records saved on this computer"
            )
        _print_wrapped(records.record_text(record.path))  # read in a terminal: wrapped like every other report
        return EXIT_OK
    if not found:
        records.remove_leftovers(min_age=0)
        print("No records to delete.")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("records clear needs --yes when there is no terminal to ask on")
        try:
            reply = input(f"Delete all {len(found)} record(s) saved on this computer? Type yes to confirm: ")
        except EOFError:  # Ctrl+D: an answer, and it is not yes
            reply = ""
            print()
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return EXIT_OK
    print(f"Deleted {records.clear_records()} record(s).")
    return EXIT_OK


def _run_serve(args) -> int:
    """The web server, or (--tab, run by the server) the app of one browser tab."""
    from boundary_tui import serve  # textual-serve and aiohttp are imported only when serving

    if args.tab:
        organisation, catalog = _setup(args, quiet=True, scenarios=args.practice)  # the server told them once
        return serve.run_tab(catalog, organisation, practice=args.practice)
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: use a port from 1 to 65535")
    organisation, catalog = _setup(args)  # problems told once, and the tree cache filled for the tabs to read
    try:
        token = serve.choose_token(args.host, organisation.serve_token)
        address = serve.Address(args.host, args.port, token)
        return serve.serve(address, args.config, "Boundary check", organisation)
    except serve.ServeError as error:
        raise UsageError(str(error)) from None


_COMMAND_RUNNERS = {
    "scenarios": _run_scenarios,
    "records": _run_records,
    "config": _run_config,
    "list": _run_list,
    "find": _run_find,
    "show": _run_show,
    "walk": _run_walk,
    "validate": _run_validate,
    "serve": _run_serve,
}
