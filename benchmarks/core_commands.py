"""How fast the printing commands start, and how validation grows with tree size.

Prints ratios, never asserts: machines are noisy. Run with the installed
package's Python:  python benchmarks/core_commands.py [--runs N] [--section 1|2|3]

1. `boundary-check list`, `show gifts` and `walk gifts --answers ...` wall time
   as a ratio of `python -c "import yaml"`, measured in the same run with the
   commands alternating, ratio of medians (goal <= 2.0x); with the catalog cache
   warm (every run after the first, as on a real PC) and cold (`list` with an
   empty cache folder each time: parse and validate every tree).
2. How start-up grows with the number of trees: `list` with 13, 50 and 200
   trees (copies of the bundled ones in an organisation's folder, bundled
   trees off), warm and cold cache, as ratios of the same baseline.
3. Loading + validating generated trees of 1,000 / 10,000 / 50,000 nodes, in
   a fresh process each (goal: 10,000 in <= 0.5 s, growing linearly).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
BIN = Path(sys.executable).parent / "boundary-check"


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def first_outcome_answers(env: dict) -> str:
    """A run of answers that reaches an outcome in the gifts tree, found by the tool itself."""
    answers: list[str] = []
    for _ in range(20):
        answers.append("no")
        result = subprocess.run(
            [str(BIN), "walk", "gifts", "--answers", ",".join(answers)], env=env, capture_output=True
        )
        if result.returncode == 0:
            return ",".join(answers)
    raise SystemExit("could not find an answer run for gifts")


def compile_package() -> None:
    """Give our modules bytecode, as `pip install` does, so they are compared fairly with PyYAML's."""
    import compileall

    import boundary_tui

    compileall.compile_dir(Path(boundary_tui.__file__).parent, quiet=1)


def command_ratios(runs: int) -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_DIRS=home, XDG_CACHE_HOME=home)
        env.pop("BOUNDARY_CHECK_CONFIG", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        answers = first_outcome_answers(env)
        commands = {
            "baseline: python -c 'import yaml'": [PYTHON, "-c", "import yaml"],
            "list": [str(BIN), "list"],
            "show gifts": [str(BIN), "show", "gifts"],
            f"walk gifts --answers {answers}": [str(BIN), "walk", "gifts", "--answers", answers],
            "list, cold cache": [str(BIN), "list"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache once
            timed(command, env)
        for _ in range(runs):
            for name, command in commands.items():
                if name.endswith("cold cache"):
                    with tempfile.TemporaryDirectory() as empty:
                        times[name].append(timed(command, dict(env, XDG_CACHE_HOME=empty)))
                else:
                    times[name].append(timed(command, env))
    baseline = statistics.median(times["baseline: python -c 'import yaml'"])
    print(f"Command start-up, median of {runs} alternating runs (goal <= 2.0x the baseline):")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:<48} {median * 1000:7.1f} ms  {median / baseline:5.2f}x")


def copied_trees(folder: Path, count: int) -> None:
    """`count` trees in `folder`: the bundled ones, then copies of them under new ids, with the registries."""
    from boundary_tui import paths

    bundled = paths.bundled_trees_dir()
    for registry in bundled.glob("_*.yaml"):
        (folder / registry.name).write_bytes(registry.read_bytes())
    sources = sorted(p for p in bundled.glob("*.yaml") if not p.name.startswith("_"))
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        if number >= len(sources):  # a copy: its own id, so it is a topic of its own
            text = text.replace(f"id: {source.stem}\n", f"id: {source.stem}_{number}\n", 1)
        (folder / f"{source.stem}_{number}.yaml").write_text(text, encoding="utf-8")


def tree_count_growth(runs: int) -> None:
    """`list` with 13, 50 and 200 trees, warm and cold, against `import yaml` in the same run."""
    compile_package()
    print(f"Start-up by number of trees, `list`, median of {runs} alternating runs (ratio to import yaml):")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_DIRS=home, XDG_CACHE_HOME=home)
        env.pop("BOUNDARY_CHECK_CONFIG", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {"baseline": ([PYTHON, "-c", "import yaml"], env)}
        for count in (13, 50, 200):
            folder = Path(home) / f"trees_{count}"
            folder.mkdir()
            copied_trees(folder, count)
            config = Path(home) / f"config_{count}.yaml"
            config.write_text(f"trees: [{folder}]\nbundled_trees: false\n", encoding="utf-8")
            cache = Path(home) / f"cache_{count}"  # its own: the cache keeps only the last few catalogs
            commands[f"{count} trees"] = (
                [str(BIN), "--config", str(config), "list"],
                dict(env, XDG_CACHE_HOME=str(cache)),
            )
        times: dict[str, list[float]] = {name: [] for name in commands}
        cold: dict[str, list[float]] = {name: [] for name in commands if name != "baseline"}
        for command, command_env in commands.values():  # warm the caches once
            timed(command, command_env)
        for _ in range(runs):
            for name, (command, command_env) in commands.items():
                times[name].append(timed(command, command_env))
                if name in cold:
                    with tempfile.TemporaryDirectory() as empty:
                        cold[name].append(timed(command, dict(command_env, XDG_CACHE_HOME=empty)))
    baseline = statistics.median(times["baseline"])
    for name in cold:
        warm, fresh = statistics.median(times[name]), statistics.median(cold[name])
        print(
            f"  {name:<10} warm {warm * 1000:7.1f} ms {warm / baseline:5.2f}x   cold {fresh * 1000:7.1f} ms {fresh / baseline:5.2f}x"
        )


def generated_tree(nodes: int) -> str:
    """A valid tree with about `nodes` questions and outcomes: a long chain, each question with its own outcome."""
    questions = nodes // 2
    lines = [
        "id: generated",
        "title: Generated",
        "summary: A generated tree for the benchmark.",
        "version: 1",
        "start: q0",
        "questions:",
    ]
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else f"o{i}"
        lines += [
            f"  q{i}:",
            f"    ask: Is this question number {i}?",
            "    refs: [aop41 6.2.1]",
            f"    yes: o{i}" if i + 1 < questions else f"    yes: o{i}",
            f"    no: {following if i + 1 < questions else f'o{i}'}",
        ]
    lines.append("outcomes:")
    for i in range(questions):
        lines += [
            f"  o{i}:",
            "    verdict: ask_first",
            f"    headline: Ask first about number {i}.",
            '    do: ["Ask {role:line_manager}."]',
            "    escalate: [line_manager]",
            "    when: before_acting",
            "    record: Note it.",
            "    refs: [aop41 6.2.1]",
        ]
    return "\n".join(lines) + "\n"


VALIDATE_ONE = """
import sys, time
from pathlib import Path
from boundary_tui import paths, yamlread
from boundary_tui.catalog import check_paths
path = Path(sys.argv[1])
started = time.perf_counter()
yamlread.read_file(path)
parsed = time.perf_counter()
loaded, _, problems = check_paths([path], [paths.bundled_trees_dir()])
finished = time.perf_counter()
assert not problems, problems[:3]
print(finished - parsed, parsed - started)  # check_paths reads the file again itself: its time is the whole job
"""


def validation_growth() -> None:
    print("Load + validate one generated tree, fresh process each, best of 3 (goal: 10,000 nodes <= 0.5 s):")
    from boundary_tui import yamlread

    previous = None
    with tempfile.TemporaryDirectory() as folder:
        for nodes in (1_000, 10_000, 50_000):
            path = Path(folder) / f"generated_{nodes}.yaml"
            path.write_text(generated_tree(nodes))
            size = path.stat().st_size
            env = dict(os.environ)
            # The 50,000-node file is larger than the 1 MB cap on tree files; lift it for the measurement only.
            cap = max(yamlread.MAX_FILE_BYTES, size + 1)
            code = f"import boundary_tui.yamlread as y; y.MAX_FILE_BYTES = {cap}\n" + VALIDATE_ONE
            samples = []
            for _ in range(3):
                result = subprocess.run(
                    [PYTHON, "-c", code, str(path)], env=env, capture_output=True, text=True, check=True
                )
                check, parse = map(float, result.stdout.split())
                samples.append((check, parse))
            best, parse = min(samples)
            growth = f"  x{best / previous[1]:.1f} time for x{nodes / previous[0]:.0f} nodes" if previous else ""
            print(
                f"  {nodes:>6} nodes ({size / 1e6:4.1f} MB): {best:6.3f} s, of which YAML parsing {parse:6.3f} s{growth}"
            )
            previous = (nodes, best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--section", type=int, choices=(1, 2, 3), action="append", help="run only this section (may be repeated)"
    )
    args = parser.parse_args()
    sections = set(args.section or (1, 2, 3))
    if 1 in sections:
        command_ratios(args.runs)
    if 2 in sections:
        tree_count_growth(max(3, args.runs // 2))
    if 3 in sections:
        validation_growth()


if __name__ == "__main__":
    main()
