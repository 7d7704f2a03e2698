"""The README's examples are true: each `$ boundary-check ...` shown is run, and its output compared.

An example is a fenced block whose lines start with `$ `; the lines after a
command, up to the next `$ ` or the end of the block, are what it prints
(standard output and standard error together, as a person sees them).
The commands of a block run one after another in one fresh folder, with
empty config and data folders (no one's own settings), TERM=dumb, NO_COLOR,
COLUMNS=80 and no terminal on standard input, as when piped.

What may differ, and only that:
- a line that is just `...` stands for any number of lines, none included;
- `...` inside a line stands for any text there (for example a long policy title);
- the fresh folder's path is shown as `.`;
- trailing spaces are ignored.
Only `boundary-check` and `echo` commands may appear in an example.

To see what the examples print today (after changing the output, say):
    python tests/test_readme.py            each command, and its output where it differs
    python tests/test_readme.py --update   write the full output of each differing command into README.md
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
COMMAND = Path(sys.executable).parent / "boundary-check"
FENCE = re.compile(r"^```[\w-]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
ALLOWED = ("boundary-check", "echo")


class Example(NamedTuple):
    """One command shown in the README, with the output shown after it."""

    block: int  # which example block (1 = the first block with a `$ ` line)
    line: int  # the README line of the command
    command: str
    shown: list[str]


def examples(text: str) -> list[list[Example]]:
    """The README's example blocks, each as its commands in order."""
    blocks = []
    for fence in FENCE.finditer(text):
        body = fence.group(1)
        if not any(line.startswith("$ ") for line in body.splitlines()):
            continue
        first_line = text.count("\n", 0, fence.start(1)) + 1
        commands: list[Example] = []
        for offset, line in enumerate(body.splitlines()):
            if line.startswith("$ "):
                commands.append(Example(len(blocks) + 1, first_line + offset, line[2:].strip(), []))
            elif commands:
                commands[-1].shown.append(line)
        for example in commands:  # the blank line that sets the next command apart is not output
            while example.shown and not example.shown[-1].strip():
                example.shown.pop()
        blocks.append(commands)
    return blocks


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the output printed fits the output shown, with `...` for lines or text left out."""
    if not shown:
        return not printed
    first, rest = shown[0].rstrip(), shown[1:]
    if first.strip() == "...":
        return any(matches(rest, printed[skip:]) for skip in range(len(printed) + 1))
    if not printed:
        return False
    pattern = ".*".join(re.escape(part) for part in first.split("..."))
    return re.fullmatch(pattern, printed[0].rstrip()) is not None and matches(rest, printed[1:])


def run_block(block: list[Example], folder: Path) -> list[list[str]]:
    """Run a block's commands in order in `folder`; what each printed, as lines."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOUNDARY_CHECK", "XDG_"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_DIRS"):
        (folder / ".xdg" / name).mkdir(parents=True, exist_ok=True)
        env[name] = str(folder / ".xdg" / name)
    bin_dir = str(COMMAND.parent if COMMAND.exists() else Path(shutil.which("boundary-check") or "").parent)
    env.update(TERM="dumb", NO_COLOR="1", COLUMNS="80", PATH=bin_dir + os.pathsep + env.get("PATH", ""))
    outputs = []
    for example in block:
        if example.command.split()[0] not in ALLOWED:
            raise ValueError(f"README.md:{example.line}: only {' and '.join(ALLOWED)} may be run: {example.command}")
        done = subprocess.run(
            ["sh", "-c", example.command],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        outputs.append(done.stdout.replace(str(folder), ".").rstrip("\n").splitlines())
    return outputs


BLOCKS = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_to_check():
    assert BLOCKS, "no `$ boundary-check` examples found in README.md"


def test_the_example_reader_understands_elisions():
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"]) and matches(["a", "...", "b"], ["a", "b"])
    assert matches(
        ["  - rsb 6.0 G - Residential ... (your policy)"], ["  - rsb 6.0 G - Residential and more (your policy)"]
    )
    assert not matches(["a", "b"], ["a", "b", "c"]) and not matches(["a", "...", "d"], ["a", "b"])
    assert not matches(["version 1"], ["version 3"])


@pytest.mark.skipif(sys.platform == "win32", reason="the examples are shell commands")
@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{b[0].block}-line{b[0].line}" for b in BLOCKS])
def test_each_readme_example_prints_what_it_shows(block, tmp_path):
    for example, printed in zip(block, run_block(block, tmp_path), strict=True):
        shown = "\n".join(example.shown)
        assert matches(example.shown, printed), (
            f"README.md:{example.line}: `{example.command}` printed\n" + "\n".join(printed) + f"\n\nbut shows\n{shown}"
        )


def main() -> None:
    text = README.read_text(encoding="utf-8")
    lines = text.splitlines()
    replacements = []  # (first line index of the shown output, how many lines, the output printed)
    for block in examples(text):
        with tempfile.TemporaryDirectory() as folder:
            for example, printed in zip(block, run_block(block, Path(folder)), strict=True):
                same = matches(example.shown, printed)
                print(f"README.md:{example.line}: $ {example.command}  [{'same' if same else 'DIFFERENT'}]")
                if not same:
                    print("\n".join(printed) + "\n")
                    replacements.append((example.line, len(example.shown), printed))
    if "--update" in sys.argv[1:] and replacements:
        for line, count, printed in sorted(replacements, reverse=True):
            lines[line : line + count] = printed
        README.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"updated {len(replacements)} example(s) in {README}")


if __name__ == "__main__":
    main()
