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
