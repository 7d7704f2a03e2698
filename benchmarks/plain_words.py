"""How much plain mode reads out before a screen-reader user can answer anything.

Run with the installed package's Python:  python benchmarks/plain_words.py [--source DIR]

Starts `boundary-check --plain` on the bundled trees in a pseudo-terminal
with TERM=dumb (as a screen reader's terminal would be), waits until it has
stopped printing at its first prompt, and counts the words and lines printed
before that prompt, then the prompt's own. `--source DIR` runs another checkout
of the package instead (for example `git archive 6add237 | tar -x -C /tmp/before`),
to compare before and after. Also says whether any escape byte was sent.
Prints, never asserts; tests/core/test_plain_reading.py holds the limit.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time

import pexpect

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x08")
QUIET = 1.0  # seconds without output that mean "waiting at the prompt"


def first_screen(source: str | None) -> bytes:
    """Everything plain mode prints before it first waits for a reply."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="dumb", NO_COLOR="1")
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_DIRS"):
            env[name] = os.path.join(home, name.lower())
        env.pop("BOUNDARY_CHECK_CONFIG", None)
        if source:
            env["PYTHONPATH"] = source
        # Started in an empty folder: `-m` puts the working folder first on the path.
        child = pexpect.spawn(sys.executable, ["-m", "boundary_tui", "--plain"], env=env, dimensions=(24, 80), cwd=home)
        out = b""
        last = time.monotonic()
        while time.monotonic() - last < QUIET:
            try:
                out += child.read_nonblocking(65536, timeout=QUIET)
                last = time.monotonic()
            except pexpect.TIMEOUT:
                break
        child.terminate(force=True)
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a checkout of the package to run instead of the installed one")
    args = parser.parse_args()
    raw = first_screen(args.source)
    # Escape sequences read as nothing; the prompt is the last line, and a
    # prompt drawn twice counts once: everything before its first drawing is "before".
    text = ESCAPES.sub("", raw.decode("utf-8", "replace")).replace("\r", "")
    lines = [line.rstrip() for line in text.splitlines()]
    prompt = next(line for line in reversed(lines) if line.strip())
    before = "\n".join(lines[: lines.index(prompt)]).strip("\n")
    print(f"before the first prompt: {len(before.split())} words, {len(before.splitlines())} lines")
    print(f"the first prompt: {len(prompt.split())} words: {prompt.strip()!r}")
    escapes = raw.count(b"\x1b")
    print(f"escape bytes sent: {escapes}")


if __name__ == "__main__":
    main()
