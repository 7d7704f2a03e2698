"""Golden walks: what a member of staff would say, what they would answer, and what the policy requires.

The walks are data in golden/<tree>.yaml, written from the source policies;
this test runs each through the same Walk every front-end uses.
"""

from pathlib import Path

import pytest
import yaml

from boundary_tui.config import Organisation
from boundary_tui.walk import Walk

from .bundled import CATALOG

GOLDEN = Path(__file__).parent / "golden"


def _answer_word(value) -> str:
    # Golden files are plain YAML: a bare yes/no reads as a boolean there.
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _walks():
    for path in sorted(GOLDEN.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, walk in enumerate(data["walks"], 1):
            yield pytest.param(data["tree"], walk, id=f"{data['tree']}-{number}")


def test_every_bundled_tree_loads_cleanly():
    assert CATALOG.problems == []
    assert set(CATALOG.trees) >= {"gifts", "social_media", "physical_contact", "sexualised_behaviour", "lifts"}


def test_every_bundled_tree_has_golden_walks():
    covered = {yaml.safe_load(p.read_text())["tree"] for p in GOLDEN.glob("*.yaml")}
    assert covered == set(CATALOG.trees)


@pytest.mark.parametrize("topic, golden", list(_walks()))
def test_golden_walk(topic, golden):
    settings = {
        key: _answer_word(value) if isinstance(value, bool) else str(value)
        for key, value in (golden.get("settings") or {}).items()
    }
    settings = {key: {"yes": "true", "no": "false"}.get(value, value) for key, value in settings.items()}
    for key, value in settings.items():
        assert value in CATALOG.registry.settings[key].values, (key, value)
    walk = Walk(CATALOG.trees[topic], CATALOG.registry, Organisation(settings=settings))
    for answer in golden["answers"]:
        assert not walk.finished, f"{golden['story']}: reached {walk.outcome.id} with answers left"
        walk.answer(_answer_word(answer))
    assert walk.finished, f"{golden['story']}: still asking {walk.question.id}"
    advice = walk.advice()
    assert advice.outcome_id == golden["outcome"], golden["story"]
    assert advice.verdict.value == golden["verdict"], golden["story"]
    assert [c.role for c in advice.escalate_to] == golden.get("escalate", []), golden["story"]
    assert (advice.when.value if advice.when else None) == golden.get("when"), golden["story"]


@pytest.mark.parametrize("topic", sorted(CATALOG.trees))
def test_golden_walks_cover_every_verdict_the_tree_uses(topic):
    data = yaml.safe_load((GOLDEN / f"{topic}.yaml").read_text())
    used = {o.verdict.value for o in CATALOG.trees[topic].outcomes.values()}
    walked = {walk["verdict"] for walk in data["walks"]}
    assert len(data["walks"]) >= 6
    assert used <= walked, f"verdicts with no golden walk: {used - walked}"
