"""The blind vignette corpus, replayed under each vignette's policy profile (see vignettes/corpus.py).

Not every vignette matches yet: benchmarks/vignettes.py prints the figures and
the misses. What CI holds is that nothing gets worse: every vignette listed in
vignettes/matched.txt must still give the policy's own verdict, people and
timing, and every stored walk must still fit its tree (a tree whose questions
change needs its vignettes walked again, from the story alone).
"""

from __future__ import annotations

import pytest

from boundary_tui.catalog import load_catalog
from boundary_tui.model import Timing, Verdict

from .vignettes.corpus import FOLDER, read_vignettes, replay

CATALOG = load_catalog(scenarios=False)
VIGNETTES = read_vignettes()
MATCHED = {
    line.strip()
    for line in (FOLDER / "matched.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and line[0] != "#"
}


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


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v["id"])
def test_every_stored_walk_still_fits_its_tree(vignette):
    result = replay(CATALOG, vignette)
    assert result.walked_to is not None, f"{vignette['id']}: walk it again from the story; the tree changed"


@pytest.mark.parametrize("vignette", [v for v in VIGNETTES if v["id"] in MATCHED], ids=lambda v: v["id"])
def test_what_matched_the_policy_still_does(vignette):
    result = replay(CATALOG, vignette)
    assert result.matched, (vignette["story"], result)
