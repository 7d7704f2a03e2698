"""How often the trees give the policy's own verdict, person and timing, on the blind vignette corpus.

Run with the installed package's Python:  python benchmarks/vignettes.py [--misses]

Replays every vignette's stored walk under its policy profile (see
tests/trees/vignettes/corpus.py) and prints the share that matched in full,
and verdict, people and timing separately, overall and per policy.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boundary_tui.catalog import load_catalog  # noqa: E402
from tests.trees.vignettes.corpus import read_vignettes, replay  # noqa: E402


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f} %" if whole else "   - "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every vignette that did not match in full")
    args = parser.parse_args()
    catalog = load_catalog(scenarios=False)
    results = [replay(catalog, vignette) for vignette in read_vignettes() if vignette.get("walk")]
    groups: dict[str, list] = defaultdict(list)
    for result in results:
        groups[result.policy].append(result)
    groups["all"] = results
    for name, rows in groups.items():
        print(
            f"{name:6} {len(rows):4} vignettes: matched in full {percent(sum(r.matched for r in rows), len(rows))}"
            f" | verdict {percent(sum(r.verdict_ok for r in rows), len(rows))}"
            f" | who to tell {percent(sum(r.tell_ok for r in rows), len(rows))}"
            f" | how soon {percent(sum(r.when_ok for r in rows), len(rows))}"
        )
    if args.misses:
        for r in results:
            if not r.matched:
                print(
                    f"  {r.id:9} {r.walked_to or 'NO OUTCOME':24} verdict {r.verdict[0]}/{r.verdict[1]}"
                    f" tell {sorted(r.tell[0])}/{sorted(r.tell[1])} when {r.when[0]}/{r.when[1]}"
                )


if __name__ == "__main__":
    main()
