"""Policy profiles: `policy: X` reads the bundled trees the way that one policy does.

Each test names the clause that decides it. These are the issue's examples of
advice that imported another policy's rule or person; each stands for a kind.
"""

from __future__ import annotations

import pytest

from boundary_tui.config import Organisation
from boundary_tui.model import Verdict
from boundary_tui.render import refs_by_source
from boundary_tui.walk import Walk

from .bundled import CATALOG

REGISTRY = CATALOG.registry
POLICIES = ("pbr", "aop41", "rsb", "ahps", "lccc")


def walk(topic: str, policy: str | None, answers: str, situation: str | None = None) -> Walk:
    tree = CATALOG.trees[topic]
    walked = Walk(tree, REGISTRY, Organisation(policy=policy), tree.situations.get(situation) if situation else None)
    for answer in answers.split(","):
        walked.answer(answer)
    assert walked.finished, walked.question
    return walked


def told(walked: Walk) -> list[str]:
    return [contact.role for contact in walked.advice().escalate_to]


def test_every_policy_states_an_option_for_every_setting_and_a_person_for_every_duty():
    assert set(REGISTRY.policies) == set(POLICIES)
    for policy in REGISTRY.policies.values():
        assert set(policy.settings) == set(REGISTRY.settings), policy.id
        assert set(policy.duties) == set(REGISTRY.duties), policy.id
        for key, chosen in policy.settings.items():
            assert chosen.value in REGISTRY.settings[key].values
            assert chosen.refs or chosen.why, (policy.id, key)  # a clause, or why the policy is silent
            assert all(ref.startswith(f"{policy.id} ") for ref in chosen.refs), (policy.id, key, chosen.refs)


def test_the_bundled_registries_have_no_problems():
    assert [p for p in CATALOG.problems if not p.is_warning] == []


def test_harm_goes_to_the_person_each_policy_names():
    # gifts: a sign of exploitation, nobody in danger right now.
    expected = {
        None: ["dsl"],
        "aop41": ["dsl", "head_of_setting"],  # aop41 2.12(c): head teacher / DSL or home manager
        "ahps": ["head_of_setting"],  # ahps 4.2 ¶7: the Headteacher, or the Deputy in their absence
        "lccc": ["line_manager"],  # lccc names only line managers
        "rsb": ["dsl"],  # rsb 1.0 A: the Council's safeguarding procedure
    }
    for policy, roles in expected.items():
        walked = walk("gifts", policy, "yes,no")
        assert told(walked) == roles, policy
    headteacher = walk("gifts", "ahps", "yes,no").advice()
    assert headteacher.escalate_to[0].title == "the Headteacher (or the Deputy Headteacher if they are away)"
    assert "Headteacher" in headteacher.headline  # the text names the same person as "Who to tell"


def test_a_colleague_breaking_the_policy_goes_to_the_service_director_only_under_rsb():
    # rsb 9.0 C: "must inform their Service Director immediately"; aop41 6.2.1: line manager / head teacher.
    rsb = walk("lifts", "rsb", "no,no", "colleague_giving_lifts")
    assert rsb.outcome.id == "colleague_concern" and told(rsb) == ["senior_manager"]
    assert rsb.advice().escalate_to[0].title == "the Service Director"
    aop41 = walk("lifts", "aop41", "no,no", "colleague_giving_lifts")
    assert told(aop41) == ["line_manager", "head_of_setting"]
    assert "Service Director" not in " ".join(aop41.advice().do)


def test_a_token_pen_under_rsb_is_fine_and_nobody_is_told():
    # rsb 6.0 F: "accepting insignificant items of token value such as pens or diaries is acceptable".
    walked = walk("gifts", "rsb", "no,yes,no", "offered_present")  # no risk; token value; from the young person
    advice = walked.advice()
    assert advice.verdict is Verdict.OK and advice.escalate_to == ()
    assert all(ref.startswith("rsb ") for ref in advice.refs)


def test_cautious_comfort_under_ahps_adds_no_reporting_duty():
    # ahps 6 ¶3 allows comfort "very cautious[ly]" and names no one to tell.
    tree = CATALOG.trees["physical_contact"]
    organisation = Organisation(policy="ahps")
    walked = Walk(tree, REGISTRY, organisation)
    # Walk the comfort route: no risk, it is comfort for someone upset, suits their age, no favouritism.
    for answer in ("no", "no", "no", "no", "no", "no", "no", "no", "no", "no", "no", "yes", "yes", "no"):
        if walked.finished:
            break
        walked.answer(answer)
    assert walked.outcome.id == "comfort_with_care"
    assert walked.advice().verdict is Verdict.OK and walked.advice().escalate_to == ()


def test_a_profile_puts_its_own_clauses_first_and_says_when_it_has_none():
    walked = walk("gifts", "ahps", "yes,no")
    lines = refs_by_source(walked.advice().refs, REGISTRY, "ahps")
    assert lines[0].startswith("ahps 4.2 ¶7") and lines[0].endswith("(your policy)")
    assert lines[1].startswith("Other policies say: ")
    silent = refs_by_source(("aop41 2.6(d)",), REGISTRY, "lccc")
    assert silent[0] == "Your policy (lccc) doesn't cover this; other policies say:"


def test_an_organisations_own_setting_and_contact_win_over_its_profile():
    organisation = Organisation(policy="rsb", settings={"gift_acceptance": "none"})
    assert organisation.setting_value("gift_acceptance", REGISTRY) == "none"
    assert Organisation(policy="rsb").setting_value("gift_acceptance", REGISTRY) == "token_ok"


def every_advice_text(policy: str | None):
    """(topic, outcome id, the outcome's words as that policy's organisation reads them), for every outcome."""
    organisation = Organisation(policy=policy)
    for tree in CATALOG.trees.values():
        walked = Walk(tree, REGISTRY, organisation)
        for outcome_id in tree.outcomes:
            advice = walked.advice(outcome_id)
            yield tree.id, outcome_id, " ".join([advice.headline, *advice.do, advice.record])


@pytest.mark.parametrize("policy", POLICIES)
def test_every_bundled_outcome_renders_under_every_profile(policy):
    for topic, outcome_id, text in every_advice_text(policy):
        assert "{" not in text, (topic, outcome_id, text)


def test_an_unknown_policy_in_a_config_is_one_clear_problem_and_no_profile(tmp_path):
    from boundary_tui.config import check_against, load_config

    config = tmp_path / "config.yaml"
    config.write_text("policy: rbs\n")
    loaded = load_config(config, tmp_path / "site.yaml", tmp_path / "user.yaml")
    organisation = check_against(loaded, REGISTRY, set(CATALOG.trees))
    assert organisation.policy is None
    (problem,) = loaded.problems
    assert problem.line == 1 and "unknown policy 'rbs' (did you mean 'rsb'?)" in problem.message


# A former pupil or service user is reached from four topics: each must give the same advice.
FORMER = {
    "contact_outside_work": "former_wants_to_meet",
    "social_media": "former_pupil_contact",
    "feelings_favouritism": "left_wants_contact",
    "sexualised_behaviour": "former_relationship",
}


def former_advice(topic: str, policy: str, under_18: str, vulnerable: str):
    tree = CATALOG.trees[topic]
    walked = Walk(tree, REGISTRY, Organisation(policy=policy), tree.situations[FORMER[topic]])
    while not walked.finished:
        question = walked.question.id
        if question == "former_under_18":
            walked.answer(under_18)
        elif question == "former_vulnerable":
            walked.answer(vulnerable)
        else:
            walked.answer("no")  # no harm, no danger, not known before: the everyday case
    advice = walked.advice()
    return advice.verdict, {contact.role for contact in advice.escalate_to}


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize(("under_18", "vulnerable"), [("yes", "no"), ("no", "yes"), ("no", "no")])
def test_one_dilemma_one_answer_a_former_pupil_or_service_user(policy, under_18, vulnerable):
    answers = {topic: former_advice(topic, policy, under_18, vulnerable) for topic in FORMER}
    assert len(set(map(repr, answers.values()))) == 1, answers


def test_where_a_policy_has_no_gifts_rule_it_says_so_and_imports_none():
    # ahps and lccc have no gifts clause: no pbr ban, no aop41 "exceptional circumstances".
    lccc = walk("gifts", "lccc", "no", "present_already_given").advice()
    assert lccc.verdict is Verdict.ASK_FIRST and [c.role for c in lccc.escalate_to] == ["line_manager"]
    assert lccc.headline.startswith("Your policy doesn't cover presents.")
    ahps = walk("gifts", "ahps", "no", "present_already_given").advice()
    # ahps names nobody to ask: not ASK FIRST with nobody to ask, and no step telling anyone.
    assert ahps.verdict is Verdict.OK and ahps.escalate_to == () and ahps.nobody_named
    assert not any("ask" in step.lower() and "manager" in step.lower() for step in ahps.do), ahps.do


@pytest.mark.parametrize("policy", (None, *POLICIES))
def test_handouts_name_the_people_a_walk_would_never_a_duty(policy):
    from boundary_tui.render import tree_text

    organisation = Organisation(policy=policy)
    duty_titles = {duty.replace("_", " ").capitalize() for duty in REGISTRY.duties}
    for tree in CATALOG.trees.values():
        text = tree_text(tree, Walk(tree, REGISTRY, organisation), markdown=True)
        for line in text.splitlines():
            if line.startswith("- Who to tell: "):
                assert not duty_titles & set(line.removeprefix("- Who to tell: ").split("; ")), (tree.id, line)


def test_a_longer_chance_meeting_reaches_no_one_less_senior_than_a_brief_hello():
    # aop41 2.7(e): a chance encounter is noted and "brought to the attention of the DSL,
    # Headteacher or home manager"; going beyond a hello must not drop to the line manager alone.
    tree = CATALOG.trees["contact_outside_work"]
    for policy in (None, "aop41"):

        def meeting(beyond_hello: str, policy=policy) -> Walk:
            walked = Walk(tree, REGISTRY, Organisation(policy=policy), tree.situations["bumped_into_them"])
            while not walked.finished:  # they came over; no risk, not known before
                question = walked.question.id
                walked.answer({"who_started": "yes", "chance_more": beyond_hello}.get(question, "no"))
            return walked

        brief, walked = meeting("no"), meeting("yes")
        assert brief.outcome.id == "encounter_note" and walked.outcome.id == "encounter_extended", policy
        assert set(told(brief)) <= set(told(walked)), (policy, told(brief), told(walked))
        assert brief.advice().verdict is Verdict.REPORT_NOW


def test_personal_contact_details_in_use_go_to_whom_each_policy_names():
    # ahps 5.1 ¶2: "reported immediately to the Headteacher"; rsb 5.0 C: "immediately inform
    # their line manager"; pbr #4 bars giving them but names no one afterwards.
    expected = {
        "ahps": (["head_of_setting"], "immediately"),
        "rsb": (["line_manager"], "immediately"),
        "pbr": ([], None),
    }
    for policy, (roles, when) in expected.items():
        tree = CATALOG.trees["social_media"]
        walked = Walk(tree, REGISTRY, Organisation(policy=policy), tree.situations["added_or_messaged"])
        while not walked.finished:
            walked.answer("yes" if walked.question.id == "gave_details_before" else "no")
        advice = walked.advice()
        assert advice.outcome_id == "continued_use", (policy, walked.route)
        assert told(walked) == roles and (advice.when.value if advice.when else None) == when, policy


@pytest.mark.parametrize("policy", (None, *POLICIES))
def test_no_advice_says_whose_rule_a_setting_is(policy):
    """'... use the confidential line instead (aop41).' leaked one policy's name into another's advice."""
    import re

    whose = re.compile(r"\((?:pbr|aop41|rsb|ahps|lccc)(?:, (?:pbr|aop41|rsb|ahps|lccc))*\)")
    for topic, outcome_id, text in every_advice_text(policy):
        assert not whose.search(text), (topic, outcome_id, whose.search(text).group(0))


def test_being_asked_to_buy_cigarettes_or_alcohol_is_a_dont_not_ask_first():
    # rsb 3.0 D: staff "must not assist service users to break the law, including ... cigarettes, alcohol".
    walked = walk("gifts", "rsb", "no,yes", "borrow_lend_sell")
    assert walked.outcome.id == "no_illegal"
    assert walked.advice().verdict is Verdict.DO_NOT and "rsb 3.0 D" in walked.advice().refs


# --- the other examples, each standing for a kind of mistake ------------------


def _until(tree_id: str, policy: str | None, answers: dict[str, str], situation: str | None = None) -> Walk:
    """Walk answering each question from `answers` by id, No to the rest: the story decides, not the order."""
    tree = CATALOG.trees[tree_id]
    walked = Walk(tree, REGISTRY, Organisation(policy=policy), tree.situations.get(situation) if situation else None)
    while not walked.finished:
        walked.answer(answers.get(walked.question.id, "no"))
    return walked


def test_a_number_given_before_the_policy_is_told_at_once_even_if_never_used():
    # rsb 5.0 C: staff who gave their personal details before the policy "must inform their
    # line manager immediately" - asked even when they have not been in touch since.
    walked = _until("social_media", "rsb", {"share_details": "yes", "gave_already": "yes"})
    advice = walked.advice()
    assert advice.outcome_id == "details_out" and advice.verdict is Verdict.REPORT_NOW
    assert told(walked) == ["line_manager"] and advice.when.value == "immediately"
    # pbr #4 bars giving them and names no one afterwards: a DON'T that tells no one.
    assert _until("social_media", "pbr", {"share_details": "yes", "gave_already": "yes"}).advice().escalate_to == ()


def test_seeing_a_pupil_alone_where_you_can_be_seen_is_fine_under_ahps_and_asked_before_touch():
    # ahps 6 ¶1: "cautious when seeing a pupil alone ... ensure they are fully visible".
    walked = _until("physical_contact", "ahps", {"alone_only": "yes", "can_be_seen": "yes"})
    assert walked.outcome.id == "visible_ok" and walked.advice().verdict is Verdict.OK_RECORD
    # No question about sexual touch's aftermath or care plans stands between: only the risk questions.
    asked = [step.question.id for step in walked.steps]
    assert asked.index("alone_only") <= 4 and "in_plan" not in asked
    assert _until("physical_contact", "ahps", {"alone_only": "yes", "can_be_seen": "no"}).outcome.id == "stay_visible"


def test_lcccs_talk_it_through_steps_are_reached_when_someone_asks_you_out():
    # lccc "Sexualised behaviour": discuss and record, then transfer; seek the line manager's advice.
    walked = _until("sexualised_behaviour", "lccc", {}, situation="asked_you_out")
    assert walked.outcome.id == "su_discuss" and walked.advice().verdict is Verdict.OK_RECORD
    # aop41 2.7(i): refuse and "promptly" tell the manager - as soon as you can, not "immediately".
    aop41 = _until("sexualised_behaviour", "aop41", {"su_contact_outside": "yes"}, situation="asked_you_out")
    assert aop41.outcome.id == "su_personal_contact" and aop41.advice().when.value == "asap"


def test_a_duty_to_inform_is_a_report_not_a_permission():
    # rsb 5.0 J "must inform ... at the earliest opportunity"; lccc "Disclosure" "must alert".
    for policy in ("rsb", "lccc"):
        walked = _until("knowing_someone", policy, {"know_outside": "yes", "outside_contact": "yes"})
        assert walked.advice().verdict is Verdict.REPORT_NOW, (policy, walked.outcome.id)


def test_permission_for_photos_is_asked_of_someone_who_can_give_it_under_aop41():
    # aop41 5.1: images only if "expressly authorised in advance by Head teacher / Home Manager
    # or another senior manager" - never the line manager alone.
    for outcome in ("get_permission",):
        advice = Walk(CATALOG.trees["photos_filming"], REGISTRY, Organisation(policy="aop41")).advice(outcome)
        assert [c.role for c in advice.escalate_to] == ["head_of_setting"], advice.escalate_to


def test_who_to_tell_holds_for_everyone_who_reaches_an_outcome():
    """A person under "Who to tell" must be named in the headline, an unconditional step or the record.

    "Who to tell: line manager / How soon: today" was shown where the steps only said to tell
    them "if you already have it": that person belongs to a different outcome, or to a question.
    """
    import re

    conditional = re.compile(r"\s*(If|Where|When|Unless|Once)\b")
    for policy in (None, *POLICIES):
        for tree in CATALOG.trees.values():
            walked = Walk(tree, REGISTRY, Organisation(policy=policy))
            for outcome_id in tree.outcomes:
                advice = walked.advice(outcome_id)
                said = [advice.headline, advice.record, *(s for s in advice.do if not conditional.match(s))]
                for contact in advice.escalate_to:
                    name = contact.name or contact.title
                    assert any(name in text for text in said), (policy, tree.id, outcome_id, name)


def test_an_unsure_worry_about_a_colleague_is_advice_under_pbr_and_a_report_elsewhere():
    # pbr has no colleague route, only 3.1 ¶6 "seek advice ... if unclear"; rsb 9.0 C: "suspects".
    answers = {"with_people": "yes", "comfortable": "yes", "crossed": "unsure"}
    assert _until("colleague_concerns", "pbr", answers).advice().verdict is Verdict.ASK_FIRST
    assert _until("colleague_concerns", "rsb", answers).advice().verdict is Verdict.REPORT_NOW


def test_not_wanting_to_go_to_management_is_asked_on_the_harm_route():
    # aop41 6.2.2: staff who don't feel able to raise it with managers use the whistleblowing line.
    walked = _until("colleague_concerns", "aop41", {"harm": "yes", "harm_about_lead": "yes"})
    assert walked.outcome.id == "harm_whistleblow"
    assert "unable" in CATALOG.trees["colleague_concerns"].questions["harm_about_lead"].ask


def test_where_aop41_has_no_touch_rule_it_imports_none():
    # aop41 has no physical contact clause: a hug that already happened is noted and the
    # managers 6.2.1 names are told, not reported as a breach of another policy's rule.
    walked = _until("physical_contact", "aop41", {"already_happened": "yes"})
    advice = walked.advice()
    assert advice.outcome_id == "past_contact_note" and advice.verdict is Verdict.OK_RECORD
    assert told(walked) == ["line_manager", "head_of_setting"]
    assert REGISTRY.policies["aop41"].settings["physical_contact_mode"].value == "no_rule"
