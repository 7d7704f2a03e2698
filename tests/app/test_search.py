"""The topic search the home screen and the palette use (boundary_tui.search), on the app's fixture trees."""

from __future__ import annotations

import pytest

from boundary_tui.search import query_words, search_topics, suggest_topics


def ids(catalog, query: str) -> list[str]:
    return [m.tree.id for m in search_topics(catalog.trees.values(), query)]


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("voucher", "gifts"),
        ("facebook", "social_media"),
        ("hug", "touch"),
        ("car home", "lifts"),
        ("Friend Request", "social_media"),
    ],
)
def test_staff_words_find_the_right_topic_first(catalog, query, topic):
    assert ids(catalog, query)[0] == topic


def test_every_word_must_appear_somewhere(catalog):
    assert ids(catalog, "car") == ["lifts", "gifts"]  # gifts: "gift cards" in a question's help
    assert ids(catalog, "car home") == ["lifts"]
    assert ids(catalog, "car facebook") == []


def test_case_and_punctuation_do_not_matter(catalog):
    assert ids(catalog, "  VOUCHER?! ") == ["gifts"]
    assert query_words("Car, home?") == ["car", "home"]


def test_an_empty_query_lists_every_topic_in_catalog_order(catalog):
    assert ids(catalog, "") == list(catalog.trees)
    assert ids(catalog, "   ") == list(catalog.trees)


def test_question_text_is_searched_too(catalog):
    # "lending" is only in the help text of the gifts tree's first question.
    assert ids(catalog, "lending") == ["gifts"]
    # "ambulance" is only in an outcome, which is not searched: staff search for what happened.
    assert ids(catalog, "ambulance") == []


def test_title_and_keyword_hits_rank_above_text_hits(catalog):
    # "lift" is a keyword of lifts, and only in a question's help in gifts (which comes first by title).
    matches = search_topics(catalog.trees.values(), "lift")
    assert [(m.tree.id, m.found_in) for m in matches] == [("lifts", "keywords"), ("gifts", "questions")]
    assert matches[0].score > matches[1].score


def test_a_sentence_with_no_topic_holding_every_word_gets_suggestions(catalog):
    assert ids(catalog, "a mum offered me a voucher") == []
    assert [m.tree.id for m in suggest_topics(catalog.trees.values(), "a mum offered me a voucher")][0] == "gifts"
