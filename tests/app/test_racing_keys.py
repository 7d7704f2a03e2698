"""Keys typed faster than screens open (issue 14): 'qt' on an outcome stopped the app with NoMatches.

Each sequence is posted in one go, as a fast typist's keys arrive, without
waiting for any screen to settle in between; the app must end cleanly (or
still be running), never with Textual's fault screen. With `settle=0` the app
is closed at once, while the screens those keys open are still opening.
"""

from __future__ import annotations

import pytest
from textual import events

from .test_journeys import opened

KEY_NAMES = {"?": "question_mark", "\x1b": "escape", " ": "space", "\r": "enter", "\x02": "ctrl+b", "\x14": "ctrl+t"}
SETTLE = pytest.mark.parametrize("settle", [0, 0.3], ids=["closed-at-once", "settled"])


def post_all(app, keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(KEY_NAMES.get(key, key), key if key.isprintable() else None))


async def type_fast(app, pilot, keys: str, settle: float) -> None:
    post_all(app, keys)
    if settle:
        await pilot.pause(settle)


def check(app) -> None:
    assert not app._exit_renderables, app._exit_renderables  # Textual's fault report
    assert app.return_code in (0, None)


@SETTLE
@pytest.mark.parametrize(
    "keys",
    [
        "yqt",
        "ytq",
        "yq?",
        "y?q",
        "ytt",
        "yt?t",
        "ytecq",
        "ybyq",
        "ynq",
        "ysq",
        "ycq",
        "ynn",
        "yn\r",
        "y\x02q",
        "y\x02\x02t",
    ],
)
async def test_keys_racing_screens_from_a_question(app_for, keys, settle):
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await type_fast(app, pilot, keys, settle)
    check(app)


@SETTLE
@pytest.mark.parametrize("keys", ["\rq", "\ryq", "\r\x1b\rq", "\r\x02q", "\ryn\rq", "\x14e"])
async def test_keys_racing_screens_from_the_topics(app_for, keys, settle):
    app = app_for()
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_fast(app, pilot, keys, settle)
    check(app)


@SETTLE
@pytest.mark.parametrize("keys", ["\rq", "\rnyqt", "\rnyn\r", "\rny\x1bq", "\rnytecq"])
async def test_keys_racing_screens_in_practice(app_for, keys, settle):
    app = app_for(practice=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_fast(app, pilot, keys, settle)
    check(app)
