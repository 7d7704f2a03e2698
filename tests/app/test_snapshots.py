"""Snapshots of every screen at 80x24, from the fixture trees (so content changes never move them).

Regenerate with `pytest tests/app/test_snapshots.py --snapshot-update` and look
at the SVGs in tests/app/__snapshots__/ before committing them: nothing may
be cut off, and every verdict must read without its colour.
"""

from __future__ import annotations

import pytest

from boundary_tui.app.screens.question import QuestionScreen


async def wait_for_question(pilot) -> None:
    while not isinstance(pilot.app.screen, QuestionScreen):
        await pilot.pause(0.02)
    await pilot.pause()


def test_home(snap_compare, app_for):
    assert snap_compare(app_for())


def test_home_searching(snap_compare, app_for):
    async def type_search(pilot) -> None:
        await pilot.press("slash")
        pilot.app.screen.search.cursor_blink = False  # a blinking cursor would make the picture flicker
        await pilot.press(*"car home")

    assert snap_compare(app_for(), run_before=type_search)


def test_home_searching_finds_situations(snap_compare, app_for):
    """Typed words find situations too: marked with an arrow, the highlighted one explained below."""

    async def type_search(pilot) -> None:
        await pilot.press("slash")
        pilot.app.screen.search.cursor_blink = False
        await pilot.press(*"comfort a crying child")

    assert snap_compare(app_for(), run_before=type_search)


def test_question_opened_from_a_situation(snap_compare, app_for):
    """The situation named over the question; its answer in the trail, marked as given."""

    async def pick_and_answer(pilot) -> None:
        await pilot.press(*"comfort a crying child", "enter")
        await wait_for_question(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app_for(), run_before=pick_and_answer)


def test_outcome_under_a_policy_profile(snap_compare, app_for):
    """`policy: pbr`: the head teacher, in the policy's words, under Who to tell; pbr's clause first."""
    from boundary_tui.config import Organisation

    async def walk(pilot) -> None:
        await wait_for_question(pilot)
        await pilot.press("y")
        await pilot.pause()

    app = app_for(topic="social_media", organisation=Organisation(policy="pbr"))
    assert snap_compare(app, run_before=walk)


def test_question_with_help_and_not_sure(snap_compare, app_for):
    assert snap_compare(app_for(topic="touch"), run_before=wait_for_question)


def test_question_with_answers_so_far(snap_compare, app_for):
    async def answer(pilot) -> None:
        await wait_for_question(pilot)
        await pilot.press("n")

    assert snap_compare(app_for(topic="social_media"), run_before=answer)


# One outcome of each verdict style: (topic, answers).
VERDICT_WALKS = {
    "ok": ("touch", "ny"),
    "ok_record": ("gifts", "n"),
    "ask_first": ("social_media", "nn"),
    "do_not": ("gifts", "y"),
    "report_now": ("social_media", "y"),
    "emergency": ("touch", "y"),
}


@pytest.mark.parametrize("verdict", list(VERDICT_WALKS))
def test_outcome(snap_compare, app_for, verdict):
    topic, answers = VERDICT_WALKS[verdict]

    async def walk(pilot) -> None:
        await wait_for_question(pilot)
        await pilot.press(*answers)

    assert snap_compare(app_for(topic=topic), run_before=walk)


def test_outcome_scrolled_to_the_end(snap_compare, app_for):
    async def walk(pilot) -> None:
        await wait_for_question(pilot)
        await pilot.press("y", "end")

    assert snap_compare(app_for(topic="touch"), run_before=walk)


def test_keys(snap_compare, app_for):
    async def keys(pilot) -> None:
        await wait_for_question(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app_for(topic="touch"), run_before=keys)


def test_outcome_at_120x40(snap_compare, app_for):
    async def walk(pilot) -> None:
        await wait_for_question(pilot)
        await pilot.press("y")

    assert snap_compare(app_for(topic="touch"), run_before=walk, terminal_size=(120, 40))


def test_tree_view(snap_compare, app_for):
    """The whole tree from the first question: nothing answered, so every branch is open."""

    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(app_for(topic="gifts"), run_before=run_before, terminal_size=(80, 24))


# --- practice mode (boundary-check scenarios) ------------------------------------------


async def practise(pilot, scenario_index: int, answers: str) -> None:
    """From the scenario list: open the scenario at this index and give these answers."""
    from boundary_tui.app.screens.practice import PracticeScreen

    while not isinstance(pilot.app.screen, PracticeScreen):
        await pilot.pause(0.02)
    await pilot.press(*["down"] * scenario_index, "enter")
    await wait_for_question(pilot)
    await pilot.press(*answers)
    await pilot.pause()


def test_practice_list(snap_compare, app_for):
    assert snap_compare(app_for(practice=True))


def test_practice_question_with_the_story(snap_compare, app_for):
    async def run_before(pilot):
        await practise(pilot, 1, "n")

    assert snap_compare(app_for(practice=True), run_before=run_before)


def test_comparison_where_it_parted(snap_compare, app_for):
    async def run_before(pilot):
        await practise(pilot, 1, "nn")

    assert snap_compare(app_for(practice=True), run_before=run_before)


def test_comparison_matching_the_policy(snap_compare, app_for):
    async def run_before(pilot):
        await practise(pilot, 2, "y")

    assert snap_compare(app_for(practice=True), run_before=run_before)


def test_tree_view_after_practice(snap_compare, app_for):
    """Your path marked ● and the policy's answer ◆, both opened out."""

    async def run_before(pilot):
        await practise(pilot, 1, "nnt")

    assert snap_compare(app_for(practice=True), run_before=run_before)


def test_comparison_on_a_small_screen(snap_compare, app_for):
    """60x20: the key bar drops keys from the right to fit, but always keeps `? Keys`."""

    async def run_before(pilot):
        await practise(pilot, 1, "nn")

    assert snap_compare(app_for(practice=True), run_before=run_before, terminal_size=(60, 20))


# --- issue 16: every changed screen at 80x24 and at 60x20 ------------------------------

NAMED = {
    "dsl": ("Designated Safeguarding Lead", "Mrs A. Patel", "Room 4, extension 214", "Mr B. Jones, extension 215"),
    "head_of_setting": ("Headteacher", "Ms C. Osei", "extension 201", None),
}


def _named_organisation():
    from boundary_tui.config import Organisation, RoleContact

    return Organisation(
        contacts={
            role: RoleContact(title, name, contact, deputy) for role, (title, name, contact, deputy) in NAMED.items()
        }
    )


async def _act_now(pilot) -> None:
    await wait_for_question(pilot)
    await pilot.press("y")
    await pilot.pause()


async def _report_now(pilot) -> None:
    await wait_for_question(pilot)
    await pilot.press("y")
    await pilot.pause()


async def _answers_on_the_advice(pilot) -> None:
    await wait_for_question(pilot)
    await pilot.press("n", "n", "y", "end")
    await pilot.pause()


async def _undo_offered(pilot) -> None:
    await wait_for_question(pilot)
    await pilot.press("y", "enter")
    await pilot.pause()
    await pilot.pause()


async def _idle_countdown(pilot) -> None:
    from .conftest import idle_for

    await wait_for_question(pilot)
    await pilot.press("y")
    await pilot.pause()
    await idle_for(pilot.app, pilot, pilot.app.idle_seconds - 12)


async def _practice_filtered(pilot) -> None:
    await pilot.pause()
    await pilot.press(*"gift")
    pilot.app.screen.query_one("#filter").cursor_blink = False
    await pilot.pause()


async def _end_session(pilot) -> None:
    await practise(pilot, 2, "y")
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()


async def _tree_after_practice(pilot) -> None:
    await practise(pilot, 1, "nnt")


async def _answers_so_far(pilot) -> None:
    await wait_for_question(pilot)
    await pilot.press("n", "n")
    await pilot.pause()


SCREENS = {
    # name: (app_for arguments, run_before)
    "act_now_named": ({"topic": "touch", "organisation": "named"}, _act_now),
    "report_now_named": ({"topic": "social_media", "organisation": "named"}, _report_now),
    "answers_on_the_advice": ({"topic": "touch"}, _answers_on_the_advice),
    "question_with_answers": ({"topic": "touch"}, _answers_so_far),
    "undo_offered": ({"topic": "gifts"}, _undo_offered),
    "idle_countdown": ({"topic": "gifts", "idle_seconds": 300}, _idle_countdown),
    "practice_filtered": ({"practice": True}, _practice_filtered),
    "end_session": ({"practice": True}, _end_session),
    "tree_after_practice": ({"practice": True}, _tree_after_practice),
}


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_at_two_sizes(snap_compare, app_for, name, size):
    """Who to tell above the fold on ACT NOW and REPORT; answers clear of the scrollbar; the undo offer;
    the idle countdown; the practice filter; ending a session; the whole tree, one level per question."""
    arguments, run_before = SCREENS[name]
    arguments = dict(arguments)
    if arguments.get("organisation") == "named":
        arguments["organisation"] = _named_organisation()
    assert snap_compare(app_for(**arguments), run_before=run_before, terminal_size=size)
