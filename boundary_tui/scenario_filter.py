"""Which practice scenarios fit what the supervisor types: by topic, words of the story, or difficulty.

A list of 78 stories took 13 key presses to reach the gifts ones. Typing
"gift", "urgent" or "voucher" narrows it as they type: every word typed must
start a word of the story's title, its topic's title, its level or its story.
Pure and small, so the app and plain mode filter the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from boundary_tui.scenarios import Scenario

_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def scenario_matches(scenario: Scenario, topic_title: str, query: str) -> bool:
    """True when every word of `query` starts a word of the scenario (an empty query fits every one)."""
    wanted = _words(query)
    if not wanted:
        return True
    have = _words(" ".join((scenario.title, topic_title, scenario.topic, scenario.level, scenario.vignette)))
    return all(any(word.startswith(part) for word in have) for part in wanted)


def matching_scenarios(scenarios: Iterable[Scenario], titles: Mapping[str, str], query: str) -> list[Scenario]:
    """The scenarios that fit `query`, in their own order; `titles` maps topic ids to topic titles."""
    return [s for s in scenarios if scenario_matches(s, titles.get(s.topic, s.topic), query)]
