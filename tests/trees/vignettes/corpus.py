"""The vignette corpus: stories written from the policy text alone, and the trees walked through them.

Each vignette (writer_a.yaml, writer_b.yaml) was written by a reader who never
saw the trees, checked against the policy text by a second reader, and then
walked through the tool by a third who saw only the story and the policy: what
they opened and every answer they gave is stored under `walk`. Replaying those
answers under the vignette's policy profile and comparing the verdict, the
people told and the timing with the policy's own is the honest measure of the
trees. Shared by tests/trees/test_vignettes.py and benchmarks/vignettes.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

from boundary_tui.catalog import Catalog
from boundary_tui.config import Organisation
from boundary_tui.model import Answer
from boundary_tui.walk import Walk

FOLDER = Path(__file__).parent
FILES = ("writer_a.yaml", "writer_b.yaml")


class Result(NamedTuple):
    id: str
    policy: str
    walked_to: str | None  # the outcome the stored answers reach today (None: they no longer fit the tree)
    verdict: tuple[str, str]  # (expected, got)
    tell: tuple[frozenset, frozenset]
    when: tuple[str, str]

    @property
    def matched(self) -> bool:
        return self.walked_to is not None and self.verdict_ok and self.tell_ok and self.when_ok

    @property
    def verdict_ok(self) -> bool:
        return self.verdict[0] == self.verdict[1]

    @property
    def tell_ok(self) -> bool:
        return self.tell[0] == self.tell[1]

    @property
    def when_ok(self) -> bool:
        return self.when[0] == self.when[1]


def read_vignettes() -> list[dict]:
    found = []
    for name in FILES:
        found.extend(yaml.safe_load((FOLDER / name).read_text(encoding="utf-8")))
    return found


def replay(catalog: Catalog, vignette: dict) -> Result:
    """Walk a vignette's stored answers under its policy profile and compare with the policy's own answer."""
    policy = vignette["policy"]
    organisation = Organisation(policy=policy)
    expected = vignette["expected"]
    expected_tell = frozenset(organisation.role_for(role, catalog.registry) for role in expected["tell"])
    expected_when = expected.get("when") or "none"
    walked = vignette.get("walk") or {}
    topic, _, situation_id = str(walked.get("key", "")).partition("/")
    tree = catalog.trees.get(topic)
    reached = None
    got_verdict, got_tell, got_when = "-", frozenset(), "-"
    if tree is not None:
        situation = tree.situations.get(situation_id) if situation_id else None
        walk = Walk(tree, catalog.registry, organisation, situation)
        try:
            for answer in walked.get("answers", ()):
                # YAML reads a bare yes/no as true/false
                walk.answer(Answer.parse({True: "yes", False: "no"}.get(answer, str(answer))))
        except ValueError:
            walk = None
        if walk is not None and walk.finished:
            advice = walk.advice()
            reached = advice.outcome_id
            got_verdict = advice.verdict.value
            got_tell = frozenset(contact.role for contact in advice.escalate_to)
            got_when = advice.when.value if advice.when else "none"
    return Result(
        vignette["id"],
        policy,
        reached,
        (expected["verdict"], got_verdict),
        (expected_tell, got_tell),
        (expected_when, got_when),
    )
