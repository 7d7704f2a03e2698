"""Finding a topic from a few typed words: a pure function, no Textual.

Staff type what happened to them ("voucher", "facebook", "car home"), not
the title of a policy. A topic matches when every word they typed appears
somewhere in its title, summary, keywords or question text (case-insensitive);
topics whose title or keywords hold the words come first, because those are
the words authors chose for finding it. This module must stay free of Textual
so it can move to the core unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from boundary_tui.model import Question, Tree

# How much a word found in each part of a topic counts. Title and keywords
# outrank everything else, so "hug" finds the touch topic before a topic that
# merely mentions hugs in one question.
_WEIGHTS = {"title": 8.0, "keywords": 8.0, "summary": 2.0, "questions": 1.0}
_WORD = re.compile(r"[\w'’-]+")


class TopicMatch(NamedTuple):
    """One topic that matched, how strongly, and where the first word was found (for tests and hints)."""

    tree: Tree
    score: float
    found_in: str


def _fields(tree: Tree) -> dict[str, str]:
    questions = " ".join(f"{q.ask} {q.help}" for q in tree.questions.values() if isinstance(q, Question))
    return {
        "title": tree.title.lower(),
        "keywords": " | ".join(tree.keywords).lower(),
        "summary": tree.summary.lower(),
        "questions": questions.lower(),
    }


def query_words(query: str) -> list[str]:
    """The words of a query, lower case, punctuation dropped ("Car, home?" -> ["car", "home"])."""
    return [w.replace("’", "'") for w in _WORD.findall(query.lower())]


def _quality(word: str, text: str) -> float:
    """1.0 for a whole word, 0.75 for the start of a word, 0.5 inside a word, 0 when absent."""
    if word not in text:
        return 0.0
    if re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", text):
        return 1.0
    if re.search(rf"(?<![\w']){re.escape(word)}", text):
        return 0.75
    return 0.5


def search_topics(trees: Iterable[Tree], query: str) -> list[TopicMatch]:
    """The topics every word of `query` appears in, best first; all topics, in order, for an empty query.

    Ties keep the order the trees were given in (the catalog's title order).
    """
    trees = list(trees)
    words = query_words(query)
    if not words:
        return [TopicMatch(tree, 0.0, "") for tree in trees]
    matches: list[tuple[float, int, TopicMatch]] = []
    for position, tree in enumerate(trees):
        fields = _fields(tree)
        score = 0.0
        found_in = ""
        for word in words:
            best, best_field = 0.0, ""
            for name, text in fields.items():
                value = _WEIGHTS[name] * _quality(word, text)
                if value > best:
                    best, best_field = value, name
            if best == 0.0:
                break  # every word must appear somewhere
            score += best
            found_in = found_in or best_field
        else:
            matches.append((-score, position, TopicMatch(tree, score, found_in)))
    return [match for _, _, match in sorted(matches, key=lambda m: (m[0], m[1]))]
