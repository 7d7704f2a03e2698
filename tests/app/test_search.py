"""The ranking every front end uses (boundary_tui.search), on the app's small fixture trees."""

from __future__ import annotations

import pytest

from boundary_tui.search import FALLBACK_TOPIC, Analyser, SearchIndex


@pytest.fixture(scope="module")
def index(request):
    catalog = request.getfixturevalue("catalog")
    return SearchIndex(catalog.trees.values(), catalog.registry.synonyms)


def keys(index: SearchIndex, query: str) -> list[str]:
    return [hit.key for hit in index.rank(query)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("voucher", "gifts"),
        ("hug", "touch"),
        ("car home", "lifts"),
        ("a mum offered me a voucher", "gifts"),
    ],
)
def test_staff_words_find_the_right_topic_first(index, query, first):
    assert keys(index, query)[0] == first


def test_a_situation_ranks_before_its_topic_when_its_phrase_is_typed(index):
    assert keys(index, "Friend Request")[:2] == ["social_media/friend_request", "social_media"]


def test_irregular_verbs_and_plurals_match_their_dictionary_form(index):
    # "hugged" and "hugs" are "hug"; "drove" is "drive" (the lifts fixture says "drive").
    assert keys(index, "she hugged me")[0] == "touch"
    assert keys(index, "hugs")[0] == "touch"
    assert keys(index, "I drove him")[0] == "lifts"


def test_slang_from_the_registry_is_understood(index):
    assert keys(index, "fb")[0].startswith("social_media")
    assert keys(index, "insta")[0].startswith("social_media")


def test_typos_in_longer_words_are_forgiven_but_short_words_must_be_exact(index):
    assert keys(index, "facebok")[0].startswith("social_media")
    assert keys(index, "vouchr")[0] == "gifts"
    assert index.query_terms("hgu") == {"hgu": 1.0}  # too short to guess at


def test_words_match_whole_not_as_parts_of_other_words(index):
    # "car" is inside "care" and "card"; "bus" inside "abuse": none of those may match.
    assert index.query_terms("car")
    assert "car" not in {w for d in index.documents if d.tree.id == "touch" for f in d.fields.values() for w in f}
    assert all(hit.tree.id != "touch" for hit in index.rank("car"))


def test_several_words_agreeing_beat_one_stray_keyword(index):
    # "message" alone is social media; with "money" and "voucher" it is about a gift.
    assert keys(index, "message")[0].startswith("social_media")
    assert keys(index, "a text about money and a voucher")[0] == "gifts"


def test_nothing_matching_offers_the_general_topic_when_there_is_one(catalog):
    index = SearchIndex(catalog.trees.values(), catalog.registry.synonyms)
    assert index.rank("xyzzy plugh") == []  # the fixture trees have no general topic
    general = next(iter(catalog.trees.values()))._replace(id=FALLBACK_TOPIC, situations={})
    with_general = SearchIndex([*catalog.trees.values(), general], catalog.registry.synonyms)
    assert [hit.tree.id for hit in with_general.rank("xyzzy plugh")] == [FALLBACK_TOPIC]


def test_an_empty_query_lists_every_topic_in_catalog_order(index, catalog):
    assert keys(index, "") == list(catalog.trees)
    assert keys(index, "  ?! ") == list(catalog.trees)


def test_ties_go_to_the_more_specific_result_never_the_alphabet(catalog):
    # Two topics that say "visit" equally: the smaller (more specific) one comes first,
    # whichever way round their ids sort.
    trees = list(catalog.trees.values())
    broad = trees[0]._replace(id="aaa", title="Visit", keywords=("visit", "home", "party", "shop"), situations={})
    narrow = trees[0]._replace(id="zzz", title="Visit", keywords=("visit",), situations={})
    for pair in ([broad, narrow], [narrow, broad]):
        index = SearchIndex(pair)
        assert index.rank("visit")[0].tree.id == "zzz"


def test_the_analyser_applies_multi_word_synonyms_and_money_amounts():
    analyser = Analyser({"drop off": "lift", "yp": "young person"})
    assert analyser.tokens("Can I drop off the YP? She gave me £20") == [
        "can", "i", "lift", "the", "young", "person", "she", "gave", "me", "money",
    ]  # fmt: skip
    assert analyser.lemmas("she gave me £20") == ["give", "money"]


def test_did_you_mean_lists_distinct_topics_best_first(index):
    assert index.topic_ids("friend request") == ["social_media"]
    assert index.topic_ids("gift")[0] == "gifts"
