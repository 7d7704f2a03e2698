"""The app on a shared office PC (issue 14): saves that fail, the blank-screen key, nothing left behind."""

from __future__ import annotations

import os

from boundary_tui.app.screens.outcome import OutcomeScreen

from .test_journeys import opened


def notices(app) -> list[str]:
    return [f"{n.title or ''}: {n.message}" for n in app._notifications]


async def test_a_save_that_fails_in_any_way_is_a_notice_not_a_crash(app_for, monkeypatch):
    from boundary_tui import records

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(records, "save_record", broken)
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen), "the advice must stay on screen"
        assert any("NOT saved" in n and "RuntimeError" in n for n in notices(app)), notices(app)
    assert app.return_code in (None, 0)


async def test_saving_in_the_app_works_without_os_fchmod(app_for, monkeypatch):
    from boundary_tui import records

    monkeypatch.delattr(os, "fchmod", raising=False)
    app = app_for(topic="gifts")
    async with app.run_test() as pilot:
        await opened(app, pilot)
        await pilot.press("y", "s")
        await pilot.pause()
        (record,) = records.list_records()
        assert record.topic == "gifts"
        assert any(n.startswith("Saved") for n in notices(app)), notices(app)
