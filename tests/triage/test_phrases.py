"""The search holds the line on the blind labelled set (tests/triage/phrases.tsv).

The floors are the figures reached, as counts (the ranking is deterministic):
raise them when the search gets better, never lower them to make a change pass.
Goals (issue 12): top-1 >= 90 %, top-3 >= 98 %. benchmarks/triage.py prints the
figures and, with --misses, the tuning set's misses (never the held-out ones).
"""

from __future__ import annotations

import pytest

from boundary_tui.catalog import load_catalog
from boundary_tui.search import SearchIndex

from .labelled import read_phrasings, score

CATALOG = load_catalog(scenarios=False)
INDEX = SearchIndex(CATALOG.trees.values(), CATALOG.registry.synonyms)
PHRASINGS = read_phrasings()

# (top-1, top-3, situation in top 3) reached, by set. "first" is the first 412 phrasings
# (readers a-c), on which issue 12's goals were set; readers d-g were added later.
# Situations were lowered once, by 2 (all) and 1 (held out), on purpose: a policy reader
# showed that "said thanks" and "started giving lifts" had happened, and that "drop them
# home" is a lift; reading them so costs two situations the old readings happened to hit.
# Reader h (all held out, scored once) was added after that, so the counts rose; then
# readers i-l (a fifth of i and j held out, all of k and l), so they rose again.
FLOORS = {"all": (959, 1073, 640), "held_out": (338, 384, 250), "first": (382, 404, 204)}


def test_the_labelled_set_is_whole():
    assert len(PHRASINGS) >= 250
    assert sum(p.held_out for p in PHRASINGS) >= len(PHRASINGS) // 5
    topics = {p.topic for p in PHRASINGS}
    assert topics == set(CATALOG.trees), set(CATALOG.trees) ^ topics
    situations = {(p.topic, p.situation) for p in PHRASINGS if p.situation}
    every = {(tree.id, s) for tree in CATALOG.trees.values() for s in tree.situations}
    assert situations <= every, situations - every
    assert every <= situations, f"situations with no phrasing: {sorted(every - situations)}"


@pytest.mark.parametrize("which", list(FLOORS))
def test_top_1_and_top_3_do_not_fall(which):
    rows = {
        "all": PHRASINGS,
        "held_out": [p for p in PHRASINGS if p.held_out],
        "first": [p for p in PHRASINGS if p.writer in "abc"],
    }[which]
    result = score(INDEX, rows)
    top1, top3, situations = FLOORS[which]
    assert result.empty == 0
    assert result.top1 >= top1, f"top-1 fell to {result.top1} of {result.count}"
    assert result.top3 >= top3, f"top-3 fell to {result.top3} of {result.count}"
    assert result.situation_top3 >= situations, f"situations in top 3 fell to {result.situation_top3}"
