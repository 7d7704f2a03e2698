"""The labelled set of staff phrasings (phrases.tsv) and how the search scores on it.

Each row: what someone typed, the topic a safeguarding lead would open first,
an acceptable second where the phrasing is honestly ambiguous, the situation
where one fits, a gist, which blind writer wrote it, and whether it is in the
held-out rows that nobody tunes the search on. Shared by the test that holds
the line and by benchmarks/triage.py.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

from boundary_tui.search import SearchIndex

PHRASES = Path(__file__).with_name("phrases.tsv")


class Phrasing(NamedTuple):
    text: str
    topic: str
    second: str
    situation: str
    gist: str
    writer: str
    held_out: bool


class Score(NamedTuple):
    count: int
    top1: int  # first topic is the best one (or the acceptable second)
    top3: int  # the best topic is among the first three distinct topics
    situation_total: int  # rows labelled with a situation
    situation_top3: int  # ... whose situation is among the first three results
    empty: int  # nothing shown at all
    misses: tuple[tuple[Phrasing, list[str]], ...]

    def percent(self, part: int, whole: int | None = None) -> float:
        whole = self.count if whole is None else whole
        return 100.0 * part / whole if whole else 100.0


def read_phrasings(path: Path = PHRASES) -> list[Phrasing]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Phrasing(
                row["phrase"],
                row["topic"],
                row["second"],
                row["situation"],
                row["gist"],
                row["writer"],
                row["held_out"] == "yes",
            )
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def score(index: SearchIndex, phrasings: list[Phrasing]) -> Score:
    top1 = top3 = situation_total = situation_top3 = empty = 0
    misses = []
    for phrasing in phrasings:
        hits = index.rank(phrasing.text, most=8)
        topics = list(dict.fromkeys(hit.tree.id for hit in hits))
        if not hits:
            empty += 1
        first_ok = bool(topics) and topics[0] in (phrasing.topic, phrasing.second)
        top1 += first_ok
        top3 += phrasing.topic in topics[:3] or (bool(phrasing.second) and phrasing.second in topics[:1])
        if phrasing.situation:
            situation_total += 1
            situation_top3 += f"{phrasing.topic}/{phrasing.situation}" in [hit.key for hit in hits[:3]]
        if not first_ok:
            misses.append((phrasing, [hit.key for hit in hits[:3]]))
    return Score(len(phrasings), top1, top3, situation_total, situation_top3, empty, tuple(misses))
