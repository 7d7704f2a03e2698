"""The walk: answer, back, restart, setting nodes and placeholders, the same for every front-end."""

import pytest

from boundary_tui.config import Organisation, RoleContact
from boundary_tui.model import Answer, Verdict
from boundary_tui.walk import Walk, WalkError

from .helpers import good_catalog


def walk_of(topic="gifts_small", organisation=None):
    catalog = good_catalog(organisation)
    return Walk(catalog.trees[topic], catalog.registry, organisation)


def test_walks_to_an_outcome_and_records_the_path():
    walk = walk_of()
    assert walk.question.id == "at_risk" and not walk.can_go_back
    walk.answer("no")
    walk.answer(Answer.YES)
    assert walk.finished and walk.outcome.id == "no_money"
    assert [(s.question.id, s.answer) for s in walk.steps] == [("at_risk", Answer.NO), ("is_money", Answer.YES)]
    assert walk.advice().verdict is Verdict.DO_NOT


def test_back_returns_to_the_previous_question_and_restart_to_the_first():
    walk = walk_of()
    walk.answer("n")
    walk.answer("y")
    assert walk.back() and walk.question.id == "is_money"
    assert walk.back() and walk.question.id == "at_risk"
    assert walk.back() is False and walk.question.id == "at_risk"
    walk.answer("n")
    walk.restart()
    assert walk.question.id == "at_risk" and walk.steps == ()


def test_unsure_only_where_offered():
    walk = walk_of()
    assert Answer.UNSURE in walk.allowed_answers()
    walk.answer("n")
    assert Answer.UNSURE not in walk.allowed_answers()
    with pytest.raises(WalkError, match="'Not sure' is not an answer to this question"):
        walk.answer("unsure")
    assert walk.question.id == "is_money"


def test_answering_after_the_outcome_is_an_error():
    walk = walk_of()
    walk.answer("y")
    with pytest.raises(WalkError, match="already reached its outcome"):
        walk.answer("y")


def test_setting_nodes_are_passed_without_asking():
    default = walk_of()
    default.answer("n")
    default.answer("n")
    assert default.outcome.id == "decline"
    assert default.route == ("at_risk", "is_money", "policy", "decline")

    token = walk_of(organisation=Organisation(settings={"gift_acceptance": "token_ok"}))
    token.answer("n")
    token.answer("n")
    assert token.question.id == "is_token"
    token.answer("y")
    assert token.outcome.id == "accept" and token.advice().verdict is Verdict.OK


def test_bool_setting_node_routes_on_true_and_false():
    assert walk_of("texting").outcome.id == "no_texts"
    allowed = walk_of("texting", Organisation(settings={"texting_allowed": "true"}))
    assert allowed.question.id == "work_phone"


def test_placeholders_use_generic_titles_without_config():
    walk = walk_of()
    walk.answer("y")
    advice = walk.advice()
    assert advice.headline == "Tell your designated safeguarding lead (DSL) now."
    assert advice.escalate_to[0].name is None
    assert advice.escalate_to[0].display == "Your designated safeguarding lead (DSL)"


def test_placeholders_and_contacts_use_the_organisation():
    organisation = Organisation(
        contacts={"dsl": RoleContact(title="DSL", name="Mrs Patel", contact="room 4, ext 214", deputy="Mr Jones")}
    )
    walk = walk_of(organisation=organisation)
    walk.answer("y")
    advice = walk.advice()
    assert advice.headline == "Tell Mrs Patel (DSL) now."
    assert advice.escalate_to[0].display == "Mrs Patel (DSL) - room 4, ext 214; if away: Mr Jones"


def test_setting_placeholder_says_the_value():
    walk = walk_of()
    walk.answer("n")
    walk.answer("n")
    assert walk.advice().headline == "Decline the gift (Never.)."


@pytest.mark.parametrize(
    "word, answer",
    [
        ("yes", Answer.YES),
        ("Y", Answer.YES),
        ("n", Answer.NO),
        ("unsure", Answer.UNSURE),
        ("u", Answer.UNSURE),
        ("Not sure", Answer.UNSURE),
    ],
)
def test_answer_words(word, answer):
    assert Answer.parse(word) is answer


def test_a_wrong_answer_word_is_a_clear_error():
    with pytest.raises(ValueError, match="'maybe' is not an answer"):
        Answer.parse("maybe")


def test_policy_refs_are_grouped_by_source_in_the_order_first_cited():
    from boundary_tui.render import refs_by_source

    registry = good_catalog().registry
    refs = ("rsb 6.0 F", "aop41 2.6(a)", "rsb 6.0 G", "aop41 2.6(d)", "xyz 1")
    assert refs_by_source(refs, registry) == [
        "rsb 6.0 F; 6.0 G - Residential and Short Breaks policy",
        "aop41 2.6(a); 2.6(d) - AOP41 Professional Relationship Boundaries",
        "xyz 1",
    ]


def test_going_back_past_your_own_answer_gives_the_situations_answers_again():
    tree = good_catalog().trees["gifts_small"]
    walk = Walk(tree, good_catalog().registry, situation=tree.situations["offered_money"])
    walk.answer("no")  # the risk question; the situation says it is money
    assert [(s.question.id, s.given) for s in walk.steps] == [("at_risk", False), ("is_money", True)]
    assert walk.outcome.id == "no_money"
    walk.back()  # take back the given answer: now it is asked
    assert walk.question.id == "is_money"
    walk.back()  # and back past the risk question too
    assert walk.question.id == "at_risk"
    walk.answer("no")  # the situation's answer is given again, not asked twice
    assert [(s.question.id, s.given) for s in walk.steps] == [("at_risk", False), ("is_money", True)]


def test_jumping_back_to_an_early_answer_keeps_the_later_answers_that_still_apply():
    token = Organisation(settings={"gift_acceptance": "token_ok"})
    walk = walk_of(organisation=token)
    for answer in "nny":
        walk.answer(answer)
    assert walk.outcome.id == "accept"
    walk.jump_to(1)  # back to "Is it money or a voucher?"
    assert walk.question.id == "is_money" and [s.question.id for s in walk.steps] == ["at_risk"]
    walk.answer("n")  # the same answer: the kept answer to is_token is given again, straight to the advice
    assert walk.outcome.id == "accept"
    assert [(s.question.id, s.answer) for s in walk.steps] == [
        ("at_risk", Answer.NO),
        ("is_money", Answer.NO),
        ("is_token", Answer.YES),
    ]
    walk.jump_to(0)
    walk.answer("y")  # a changed answer that leads elsewhere: the later answers no longer apply
    assert walk.outcome.id == "safeguarding" and len(walk.steps) == 1


def test_a_jump_then_back_or_restart_forgets_the_kept_answers():
    token = Organisation(settings={"gift_acceptance": "token_ok"})
    walk = walk_of(organisation=token)
    for answer in "nny":
        walk.answer(answer)
    walk.jump_to(0)
    walk.back()  # nothing to undo, and nothing kept either
    walk.answer("n")
    walk.answer("n")
    assert walk.question.id == "is_token", "an answer kept before `back` came back"
    walk.jump_to(1)
    walk.restart()
    walk.answer("n")
    walk.answer("n")
    assert walk.question.id == "is_token"


def test_jumping_to_an_answer_that_does_not_exist_is_a_clear_error():
    walk = walk_of()
    walk.answer("n")
    with pytest.raises(WalkError, match="no answer 2 to go back to"):
        walk.jump_to(1)
    with pytest.raises(WalkError):
        walk.jump_to(-1)


def test_jumping_to_a_given_answer_asks_it():
    tree = good_catalog().trees["gifts_small"]
    walk = Walk(tree, good_catalog().registry, situation=tree.situations["offered_money"])
    walk.answer("no")
    assert [s.given for s in walk.steps] == [False, True]
    walk.jump_to(1)
    assert walk.question.id == "is_money", "the situation's answer was given again instead of asked"
    walk.answer("no")
    assert walk.steps[-1].given is False
