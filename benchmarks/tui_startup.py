"""How fast the full-screen app starts and answers, against a bare Textual app.

Prints ratios, never asserts: machines are noisy. Run with the installed
package's Python:  python benchmarks/tui_startup.py [--runs N]

1. Time to first frame: `boundary-check` and a bare Textual app (Header, one
   Static, Footer), each in an 80x24 pseudo-terminal (pexpect) read through a
   terminal emulator (pyte), alternating runs; the clock stops when the first
   screen's own words are on the emulated screen. Ratio of medians (goal <= 1.2x).
2. Peak memory (max RSS of the process, from wait4) for the same runs, as a ratio.
3. Per-answer latency under Pilot (App.run_test): pressing `n` on a question of
   the first bundled topic until the next question or the outcome is shown,
   next to a key press on the bare app that updates its Static.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pexpect
import pyte

BIN = Path(sys.executable).parent / "boundary-check"
COLUMNS, LINES = 80, 24

BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("bare app ready")
            yield Footer()

        def on_key(self, event):
            self.query_one(Static).update(f"pressed {event.key}")

    if __name__ == "__main__":
        Bare().run()
    """
)


def first_frame(command: list[str], marker: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds until `marker` is on the emulated 80x24 screen, and the process's peak RSS in KiB."""
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    started = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], dimensions=(LINES, COLUMNS), env=env)
    elapsed = None
    deadline = started + 30
    while time.perf_counter() < deadline:
        with contextlib.suppress(pexpect.TIMEOUT):
            stream.feed(child.read_nonblocking(65536, timeout=0.01))
        if any(marker in line for line in screen.display):
            elapsed = time.perf_counter() - started
            break
    if elapsed is None:
        child.terminate(force=True)
        raise SystemExit(f"{command[0]}: {marker!r} never appeared:\n" + "\n".join(screen.display))
    child.send("\x11")  # ctrl+q
    try:
        child.expect(pexpect.EOF, timeout=15)
    except pexpect.TIMEOUT:
        child.terminate(force=True)
    _, _, usage = os.wait4(child.pid, 0)
    child.ptyproc.terminated = True  # reaped above; stop pexpect waiting on it again
    child.close(force=False)
    return elapsed, usage.ru_maxrss


def startup_ratios(runs: int, env: dict[str, str], bare_script: Path) -> None:
    ours = [str(BIN)]
    bare = [sys.executable, str(bare_script)]
    times: dict[str, list[float]] = {"boundary-check": [], "bare": []}
    memory: dict[str, list[int]] = {"boundary-check": [], "bare": []}
    first_frame(ours, "What is your dilemma about", env)  # warm the file cache and bytecode
    first_frame(bare, "bare app ready", env)
    for _ in range(runs):
        for name, command, marker in (
            ("boundary-check", ours, "What is your dilemma about"),
            ("bare", bare, "bare app ready"),
        ):
            seconds, rss = first_frame(command, marker, env)
            times[name].append(seconds)
            memory[name].append(rss)
    t_ours, t_bare = statistics.median(times["boundary-check"]), statistics.median(times["bare"])
    m_ours, m_bare = statistics.median(memory["boundary-check"]), statistics.median(memory["bare"])
    print(f"time to first frame, median of {runs} (80x24 pty):")
    print(f"  boundary-check  {t_ours * 1000:7.0f} ms")
    print(f"  bare Textual    {t_bare * 1000:7.0f} ms")
    print(f"  ratio           {t_ours / t_bare:7.2f}x   (goal <= 1.2x)")
    print("peak memory (max RSS), median:")
    print(f"  boundary-check  {m_ours / 1024:7.1f} MiB")
    print(f"  bare Textual    {m_bare / 1024:7.1f} MiB")
    print(f"  ratio           {m_ours / m_bare:7.2f}x")


async def _answer_latencies() -> tuple[list[float], float]:
    from boundary_tui.app.app import make_app
    from boundary_tui.app.screens.outcome import OutcomeScreen
    from boundary_tui.app.screens.question import QuestionScreen
    from boundary_tui.catalog import load_catalog
    from boundary_tui.config import Organisation

    catalog = load_catalog(Organisation())
    topic = next(iter(catalog.trees))
    app = make_app(catalog=catalog, organisation=Organisation(), topic=topic, idle_seconds=0)
    per_answer: list[float] = []
    to_outcome: list[float] = []
    async with app.run_test() as pilot:
        while not isinstance(app.screen, QuestionScreen):
            await pilot.pause(0.01)
        await pilot.pause()
        while len(per_answer) < 20 or len(to_outcome) < 3:
            started = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            elapsed = time.perf_counter() - started
            if isinstance(app.screen, OutcomeScreen):
                to_outcome.append(elapsed)
                await pilot.press("b", "r")  # back to the last question, then the walk again from the start
                await pilot.pause()
            else:
                per_answer.append(elapsed)
    return per_answer, statistics.median(to_outcome)


async def _bare_latency(bare_script: Path) -> float:
    namespace: dict = {}
    exec(compile(bare_script.read_text(), str(bare_script), "exec"), namespace)
    app = namespace["Bare"]()
    latencies = []
    async with app.run_test() as pilot:
        await pilot.pause()
        for _ in range(20):
            started = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            latencies.append(time.perf_counter() - started)
    return statistics.median(latencies)


def answer_latency(bare_script: Path) -> None:
    per_answer, to_outcome = asyncio.run(_answer_latencies())
    bare = asyncio.run(_bare_latency(bare_script))
    median = statistics.median(per_answer)
    print("per-answer latency under Pilot (press n until the screen has settled):")
    print(f"  next question   {median * 1000:7.0f} ms median of {len(per_answer)}")
    print(f"  to the outcome  {to_outcome * 1000:7.0f} ms median (the last answer, opening the outcome screen)")
    print(f"  bare key press  {bare * 1000:7.0f} ms")
    print(f"  ratio           {median / bare:7.2f}x (next question / bare key press)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not BIN.exists():
        raise SystemExit(f"{BIN} not found: install the package into this Python first")
    with tempfile.TemporaryDirectory() as home:
        # PYTHONDONTWRITEBYTECODE would leave an editable install compiling every one of its
        # modules on every run (~40 ms) while Textual's are precompiled: an installed
        # package has its bytecode, so the warm-up run below writes ours too.
        dropped = ("BOUNDARY_CHECK_CONFIG", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        env.update(XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_DIRS=home, TERM="xterm-256color")
        bare_script = Path(home) / "bare_app.py"
        bare_script.write_text(BARE_APP)
        startup_ratios(args.runs, env, bare_script)
        answer_latency(bare_script)


if __name__ == "__main__":
    main()
