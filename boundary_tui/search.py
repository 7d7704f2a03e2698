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


# --- "Not sure which topic?" ---------------------------------------------------------

FALLBACK_TOPIC = "boundary_blurred"

# Words that say nothing about which topic fits ("I", "my", "a young person"...).
_STOPWORDS = frozenset(
    """a about after again all am an and any are as at be been being but by can could did do does
    doing don't for from had has have having he her here hers him his how i i'm i've if in into is it
    it's its just me might my myself no not now of off on once one only or our out over own really she
    should so some than that the their them then there these they this those to too up us very was we
    were what when where which while who why with would you your yours young person people someone
    something thing things work working worker staff member colleague's ok okay think thought feel felt
    know knew want wanted asked ask told tell said say get got go went going came come""".split()
)


def _stems(word: str) -> set[str]:
    """A word and its plainest forms, so "hugged", "hugs" and "hugging" all find "hug"."""
    forms = {word}
    for suffix in ("ing", "ed", "es", "s", "'s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            forms.add(base)
            if len(base) >= 4 and base[-1] == base[-2]:  # hugged -> hugg -> hug
                forms.add(base[:-1])
    return forms


def suggest_topics(trees: Iterable[Tree], text: str, most: int = 2) -> list[TopicMatch]:
    """The one or two topics a sentence in a member of staff's own words most likely belongs to.

    Unlike search_topics, any word may match: "I bumped into a young person at
    the supermarket" has no topic containing every word. Words are weighed by
    where they are found (title and keywords first) and by how few topics share
    them, so a telling word ("supermarket") outweighs a common one ("child").
    When nothing matches, the general "a boundary may have been blurred" topic
    is suggested if there is one.
    """
    trees = list(trees)
    words = [w for w in query_words(text) if w not in _STOPWORDS]
    fields = {tree.id: _fields(tree) for tree in trees}
    # How many topics mention each word at all: it depends on the word alone, so it is counted once.
    whole_texts = [" ".join(tree_fields.values()) for tree_fields in fields.values()]
    sharing = {
        word: sum(1 for whole in whole_texts if any(_quality(form, whole) for form in _stems(word))) for word in words
    }
    scored: list[tuple[float, int, TopicMatch]] = []
    for position, tree in enumerate(trees):
        score, found_in = 0.0, ""
        for word in words:
            best, best_field = 0.0, ""
            for form in _stems(word):
                for name, field_text in fields[tree.id].items():
                    value = _WEIGHTS[name] * _quality(form, field_text)
                    if value > best:
                        best, best_field = value, name
            if best:
                score += best / sharing[word]
                found_in = found_in or best_field
        if score > 0:
            scored.append((-score, position, TopicMatch(tree, score, found_in)))
    ranked = [match for _, _, match in sorted(scored, key=lambda m: (m[0], m[1]))]
    if ranked:
        top = ranked[0].score
        # A second topic only when it is a real contender, not a faint echo.
        return [m for m in ranked[:most] if m.score >= top * 0.5]
    fallback = [tree for tree in trees if tree.id == FALLBACK_TOPIC]
    return [TopicMatch(fallback[0], 0.0, "")] if fallback else []
