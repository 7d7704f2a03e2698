"""Fixtures for the app's tests: a small stable catalog, isolated config dirs, one factory.

The app is always built with `make_app`, as the CLI builds it, from the
fixture trees in tests/app/fixtures/trees (never the bundled content, which
changes), and with the idle reset off unless a test turns it on. A test of the
idle reset gives the app a FakeClock and moves it on, instead of sleeping.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from boundary_tui.app.app import BoundaryApp, make_app
from boundary_tui.catalog import Catalog, load_catalog
from boundary_tui.config import Organisation

FIXTURE_TREES = Path(__file__).parent / "fixtures" / "trees"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (the venv has no pytest-asyncio, and needs none)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(autouse=True)
def outcome_settles_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests press keys faster than anyone reads: no pause before `n` leaves an outcome (one test puts it back)."""
    from boundary_tui.app.screens.reading import ReadingScreen

    monkeypatch.setattr(ReadingScreen, "SETTLE_SECONDS", 0)


class FakeClock:
    """A clock for the idle reset that only moves when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def idle_for(app: BoundaryApp, pilot, seconds: float) -> None:
    """Nobody touches the app for `seconds` (on its FakeClock); then the app looks, as its timer would."""
    app.clock.advance(seconds)
    app.check_idle_time()
    await pilot.pause()
    await pilot.pause()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def catalog() -> Catalog:

    catalog = load_catalog(Organisation(), folders=[FIXTURE_TREES])
    assert not catalog.problems, catalog.problems  # a broken fixture would hide a topic silently
    return catalog


@pytest.fixture
def app_for(catalog: Catalog):
    """`app_for(topic=None, idle_seconds=0, organisation=None, practice=False, clock=None)` -> a fresh app
    over the fixture trees. `idle_seconds=None` takes the organisation's limit, as the CLI does."""

    def build(
        topic: str | None = None,
        idle_seconds: float | None = 0,
        organisation: Organisation | None = None,
        practice: bool = False,
        clock: FakeClock | None = None,
    ) -> BoundaryApp:
        return make_app(
            catalog=catalog,
            organisation=organisation or Organisation(),
            topic=topic,
            idle_seconds=idle_seconds,
            practice=practice,
            clock=clock or FakeClock(),
        )

    return build


def letters_reaching(widget) -> list:
    """The printable keys handed to `widget` from now on (to check none meant for a search box go astray)."""
    from textual import events

    reached = []
    forward = widget._forward_event

    def record(event):
        if isinstance(event, events.Key) and event.is_printable:
            reached.append(event.character)
        forward(event)

    widget._forward_event = record
    return reached
