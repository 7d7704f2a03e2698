"""practice_idle_minutes (issue 16): supervision gets its own, longer, idle limit, checked like idle_minutes."""

from __future__ import annotations

import pytest

from boundary_tui.config import DEFAULT_PRACTICE_IDLE_MINUTES, load_config

from .helpers import run, write


def effective(layers, explicit=None):
    return load_config(explicit, layers["site"], layers["user"])


def test_practice_has_a_longer_limit_by_default(layers):
    organisation = effective(layers).organisation
    assert organisation.practice_idle_minutes == DEFAULT_PRACTICE_IDLE_MINUTES > organisation.idle_minutes


@pytest.mark.parametrize("minutes", ["1.0e+308", ".nan", "61", "0", "soon"])
def test_practice_idle_minutes_must_be_in_a_sane_range(layers, minutes):
    write(layers["user"], f"practice_idle_minutes: {minutes}\n")
    loaded = effective(layers)
    assert loaded.organisation.practice_idle_minutes == DEFAULT_PRACTICE_IDLE_MINUTES
    (problem,) = loaded.problems
    assert problem.line == 1 and "practice_idle_minutes" in problem.message


def test_a_user_file_may_shorten_the_sites_practice_limit_but_never_lengthen_it(layers, tmp_path):
    write(layers["site"], "practice_idle_minutes: 15\nidle_minutes: 2\n")
    write(layers["user"], "practice_idle_minutes: 40\n")
    loaded = effective(layers)
    assert loaded.organisation.practice_idle_minutes == 15
    (problem,) = loaded.problems
    assert "'practice_idle_minutes' 40 is longer than the site file's 15" in problem.message
    write(layers["user"], "practice_idle_minutes: 10\n")
    assert effective(layers).organisation.practice_idle_minutes == 10
    assert effective(layers).origins["practice_idle_minutes"] == str(layers["user"])


def test_config_shows_the_practice_limit_and_where_it_came_from(capsys, layers):
    write(layers["site"], "practice_idle_minutes: 25\n")
    code, out, _ = run(capsys, "config")
    flat = " ".join(out.split())  # the report is wrapped to the terminal's width
    assert code == 0 and f"practice_idle_minutes: 25 [{layers['site']}]" in flat
