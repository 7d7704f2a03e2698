"""The blind vignette corpus, replayed under each vignette's policy profile (see vignettes/corpus.py).

Every vignette must give the policy's own verdict, people and timing: CI fails
on any difference. A tree whose questions change needs the vignettes through it
walked again, from the story alone (the walk's `rewalked` note says what was
asked and why it was answered so). Where a second reading of the text settled
a point differently from the writer, the vignette records it under `decided`
(the writer's answer kept under `was`, and why); benchmarks/vignettes.py
prints the figures.
"""

from __future__ import annotations

import pytest

from boundary_tui.model import Timing, Verdict

from .bundled import CATALOG
from .vignettes.corpus import read_vignettes, replay

VIGNETTES = read_vignettes()


def test_the_corpus_is_whole_and_well_formed():
    ids = [v["id"] for v in VIGNETTES]
    assert len(ids) == len(set(ids)) >= 150
    for vignette in VIGNETTES:
        expected = vignette["expected"]
        assert vignette["policy"] in CATALOG.registry.policies, vignette["id"]
        assert Verdict(expected["verdict"])
        assert expected["when"] in {t.value for t in Timing} | {"none"}, vignette["id"]
        assert set(expected["tell"]) <= set(CATALOG.registry.roles), vignette["id"]
        assert expected["clauses"] and all(c["quote"] and c["ref"] for c in expected["clauses"]), vignette["id"]
        assert vignette["checked"] in ("ok", "fixed"), vignette["id"]
        assert vignette["walk"]["key"] and "answers" in vignette["walk"], vignette["id"]
        decided = vignette.get("decided")
        if decided is not None:  # a recorded decision keeps what the writer said, and why it changed
            assert decided["was"] and len(decided["why"]) > 40, vignette["id"]
            assert set(decided["was"]) <= {"verdict", "tell", "when"}, vignette["id"]


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v["id"])
def test_every_stored_walk_still_fits_its_tree(vignette):
    result = replay(CATALOG, vignette)
    assert result.walked_to is not None, f"{vignette['id']}: walk it again from the story; the tree changed"


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v["id"])
def test_every_vignette_gets_its_policys_verdict_people_and_timing(vignette):
    result = replay(CATALOG, vignette)
    assert result.matched, (vignette["story"], result)


def test_decisions_are_few_and_each_names_a_clause():
    decided = [v for v in VIGNETTES if v.get("decided")]
    assert len(decided) <= 20, [v["id"] for v in decided]
    for vignette in decided:
        assert any(policy in vignette["decided"]["why"] for policy in CATALOG.registry.policies), vignette["id"]
