"""The command line's grammar: every command, its options, its usage line and an example.

Kept apart from cli.py, which runs the commands, so each reads top to
bottom. Help is wrapped to the terminal; a mistake is one line naming the
command's own --help (UsageError), never argparse's usage block.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from boundary_tui import __version__
from boundary_tui.reports import PROG, terminal_width

COMMANDS = ("list", "find", "show", "walk", "validate", "config", "records", "scenarios", "serve")


class UsageError(Exception):
    """A mistake in how the command was called: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(f"{message} (see '{self.prog} --help')")


class _HelpFormatter(argparse.HelpFormatter):
    """Help wrapped to the terminal like every other output, paragraph by paragraph; indented lines kept whole.

    The description and epilog are written as paragraphs and examples: plain
    argparse would run the examples together, and the raw formatter would not
    wrap the paragraphs at all.
    """

    def __init__(self, prog: str) -> None:
        # The width argparse would ask shutil for; shutil's import alone (its compression
        # modules) is a tenth of a printing command's start, and argparse makes a formatter
        # for every option it is given.
        super().__init__(prog, width=terminal_width() - 1)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # only for --help

        lines = []
        for line in text.splitlines():
            if not line or line.startswith(" "):
                lines.append(indent + line)
            else:
                lines.append(textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent))
        return "\n".join(lines)


def _usage(command: str, *alternatives: str) -> str:
    """Usage lines wrapped to the terminal between whole options, continuing under the first argument.

    "[--format text|json]" and "--answers yes,no,..." are never split; each
    alternative way to call the command gets its own line.
    """
    width = max(terminal_width(), 40) - len("usage: ")
    lines = []
    for arguments in alternatives or ("",):
        groups: list[str] = []
        depth = 0
        for word in arguments.split():
            inside = depth > 0  # within [...]: one group
            option_value = bool(groups) and groups[-1].startswith("--") and not word.startswith(("-", "["))
            if groups and (inside or option_value):
                groups[-1] += " " + word
            else:
                groups.append(word)
            depth += word.count("[") - word.count("]")
        # Continue under the first argument, or just indented where the longest option would not fit there.
        hang = " " * (len(command) + 1 if len(command) + 1 + max(map(len, groups), default=0) <= width else 2)
        line = command
        for group in groups:
            if len(line) + 1 + len(group) > width and line.strip() != command:
                lines.append(line)
                line = hang + group
            else:
                line += " " + group
        lines.append(line)
    return "\n       ".join(lines)


def _add_command(sub, name: str, summary: str, usage: str | tuple[str, ...], example: str) -> argparse.ArgumentParser:
    """A subcommand whose --help starts with its own usage line and ends with an example."""
    return sub.add_parser(
        name,
        help=summary,
        prog=f"{PROG} {name}",
        usage=_usage(f"{PROG} {name}", *((usage,) if isinstance(usage, str) else usage)),
        description=summary[:1].upper() + summary[1:] + ".",
        epilog=f"Example:\n  {PROG} {name} {example}".rstrip(),
        formatter_class=_HelpFormatter,
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, just that command's options are built.

    Parsing one command needs only its own subparser: building all eight is a
    few milliseconds of every start, against a budget of twice `import yaml`.
    """

    def wanted(name: str) -> bool:
        return only in (None, name)

    parser = _Parser(
        prog=PROG,
        description="Decision help for professional-boundary dilemmas: pick a topic, answer a few "
        "yes/no questions, and see what to do, who to tell, how soon and what to record.",
        usage=f"{PROG} [--config PATH] [--plain] [TOPIC]\n       {PROG} [--config PATH] COMMAND ...",
        epilog="With no command, opens the app on the list of topics, or straight into TOPIC. "
        "--plain asks one line at a time instead (for screen readers and basic terminals); "
        f"it is also used when TERM=dumb. '{PROG} COMMAND --help' tells more about each command.\n\n"
        f"Example:\n  {PROG} walk gifts --answers no,yes,no",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--config", type=Path, metavar="PATH", help="an organisation config file that wins over the others"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    if wanted("list"):
        p = _add_command(sub, "list", "list the topics", "[--format text|json]", "")
        p.add_argument("--format", choices=("text", "json"), default="text")

    if wanted("find"):
        p = _add_command(
            sub,
            "find",
            "rank the topics and situations that fit a few words, as the app's search does",
            "WORDS... [--format text|json] [--most N]",
            "mum gave me a tenner at pick up",
        )
        p.add_argument("words", nargs="+", help='what happened, in your own words, e.g. "mum gave me a fiver"')
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.add_argument("--most", type=int, default=5, help="how many results at most (default 5)")

    if wanted("show"):
        p = _add_command(
            sub,
            "show",
            "print a whole topic: every question and outcome (a handout)",
            "TOPIC [--format text|markdown|json|mermaid|docx] [--output FILE] [--set KEY=VALUE]",
            "gifts --format markdown",
        )
        p.add_argument("topic")
        p.add_argument("--format", choices=("text", "markdown", "json", "mermaid", "docx"), default="text")
        p.add_argument(
            "--output",
            type=Path,
            metavar="FILE",
            help="write it to FILE (atomically) instead of printing; docx needs it",
        )
        _add_set_option(p)

    if wanted("walk"):
        p = _add_command(
            sub,
            "walk",
            "walk a topic with scripted answers and print the outcome",
            "TOPIC[/SITUATION] --answers yes,no,... [--situation ID] [--format text|markdown|json] "
            "[--set KEY=VALUE] [--save [--note TEXT]]",
            "gifts --answers no,yes,no",
        )
        p.add_argument("topic")
        p.add_argument(
            "--answers",
            metavar="yes,no,...",
            help="required: the answers in order, comma-separated: yes,no,unsure (or y,n,u)",
        )
        p.add_argument(
            "--situation",
            metavar="ID",
            help="start from one of the topic's situations: its answers are given, --answers are the rest",
        )
        p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
        p.add_argument(
            "--save", action="store_true", help="also save it as a private record (a .docx to attach) on this computer"
        )
        p.add_argument(
            "--note", metavar="TEXT", help="with --save: what happened, in your own words, for the record (optional)"
        )
        _add_set_option(p)

    if wanted("validate"):
        p = _add_command(
            sub, "validate", "check tree files and folders; exit 1 on any problem", "[PATH ...]", "our_trees/"
        )
        p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: every tree the app loads)")

    if wanted("config"):
        p = _add_command(
            sub,
            "config",
            "show the organisation settings in effect and where each came from",
            ("[--check]", "--init [--site] [--force]"),
            "--init --site",
        )
        action = p.add_mutually_exclusive_group()
        action.add_argument("--init", action="store_true", help="write a commented template to the user config file")
        action.add_argument("--check", action="store_true", help="exit 1 if any config file has a problem")
        p.add_argument("--site", action="store_true", help="with --init: write the site file (for everyone on this PC)")
        p.add_argument("--force", action="store_true", help="with --init: overwrite an existing file")

    if wanted("scenarios"):
        p = _add_command(
            sub,
            "scenarios",
            "practise on scenarios (supervision), or list them",
            "[--topic TOPIC] [--plain] [--format text|json]",
            "--topic gifts",
        )
        p.add_argument("--topic", help="only this topic's scenarios")
        p.add_argument("--format", choices=("text", "json"), help="list the scenarios instead of practising")
        p.add_argument("--plain", action="store_true", help="practise one line at a time")

    if wanted("records"):
        p = _add_command(
            sub,
            "records",
            "list, show or delete the records saved on this computer",
            ("[list] [--format text|json]", "show N|ID", "clear [--yes]"),
            "show 1",
        )
        p.add_argument("action", nargs="?", choices=("list", "show", "clear"), default="list")
        p.add_argument("which", nargs="?", help="with show: the record's number or id, as 'records list' shows them")
        p.add_argument("--format", choices=("text", "json"), default="text", help="with list")
        p.add_argument("--yes", action="store_true", help="with clear: do not ask for confirmation")

    if wanted("serve"):
        p = _add_command(
            sub,
            "serve",
            "serve the app to web browsers (remote supervision; PCs without Python)",
            "[--host H] [--port P]",
            "--host 0.0.0.0 --port 8000",
        )
        p.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)"
        )
        p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        p.add_argument("--tab", action="store_true", help=argparse.SUPPRESS)  # one tab's app, started by the server
        p.add_argument("--practice", action="store_true", help=argparse.SUPPRESS)  # with --tab: the practice scenarios

    return parser


def _add_set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="use this value for an organisation setting, for this run only",
    )


def app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, add_help=False)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("topic", nargs="?")
    return parser
