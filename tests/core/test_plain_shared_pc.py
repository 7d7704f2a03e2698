"""Plain mode on a shared PC (issue 14): an idle clear like the app's, and no walk left on the screen."""

from boundary_tui import records
from boundary_tui.config import Organisation
from boundary_tui.plain import IDLE, Prompter, run_plain, run_practice

from .helpers import good_catalog


class Session:
    """A scripted person: replies and confirms in order (IDLE for walking away); keeps what was said and cleared."""

    def __init__(self, replies):
        self.replies, self.events, self.asked = list(replies), [], []

    def prompter(self) -> Prompter:
        def ask(message, validate):
            self.asked.append(message)
            reply = self.replies.pop(0)
            assert reply == IDLE or validate(reply) is True, (message, reply)
            return reply

        return Prompter(
            ask=ask,
            say=self.events.append,
            clear=lambda: self.events.append("<CLEAR>"),
        )

    def after_last_clear(self) -> str:
        text = "\n".join(self.events)
        return text.rsplit("<CLEAR>", 1)[-1]


def test_walking_away_mid_walk_clears_it_and_goes_back_to_the_topics():
    session = Session(["gifts_small", "n", IDLE, "q"])
    assert run_plain(good_catalog(), Organisation(idle_minutes=2), prompter=session.prompter()) == 0
    text = "\n".join(session.events)
    assert "Cleared after 2 minute(s) with no answer" in text
    assert "Which topic?" in session.asked[-1], "the topics did not come back after the idle clear"
    assert session.events[-1] == "<CLEAR>", "quitting left the screen as it was"


def test_walking_away_from_the_outcome_saves_nothing_and_clears_it():
    session = Session(["gifts_small", "n", "y", IDLE, "q"])
    assert run_plain(good_catalog(), Organisation(), prompter=session.prompter()) == 0
    events = session.events
    cleared = events.index("<CLEAR>")
    assert any("DON'T" in e for e in events[:cleared]) and not any("DON'T" in e for e in events[cleared:])
    assert records.list_records() == [], "an unanswered 'Save?' must never save"


def test_walking_away_from_the_note_prompt_saves_nothing_and_clears_it():
    session = Session(["gifts_small", "n", "y", "s", IDLE, "q"])
    assert run_plain(good_catalog(), Organisation(), prompter=session.prompter()) == 0
    assert any("What happened" in asked for asked in session.asked), "the note was never asked for"
    assert "Cleared after" in "\n".join(session.events)
    assert records.list_records() == [], "a note nobody finished must never be saved"


def test_the_screen_is_cleared_when_a_walk_ends_and_on_quit():
    session = Session(["gifts_small", "n", "y", "n", "1", "q"])
    assert run_plain(good_catalog(), Organisation(), prompter=session.prompter()) == 0
    assert session.events.count("<CLEAR>") == 2  # after the first walk, and on quit
    first_walk_end = session.events.index("<CLEAR>")
    assert any("DON'T" in e for e in session.events[:first_walk_end])
    assert not any("DON'T" in e for e in session.events[first_walk_end:]), "the first walk's advice came back"


def test_idle_at_the_topic_prompt_clears_too():
    session = Session([IDLE, "q"])
    assert run_plain(good_catalog(), Organisation(), prompter=session.prompter()) == 0
    assert "Cleared after 5 minute(s)" in "\n".join(session.events)


def test_idle_in_practice_clears_the_story_but_keeps_the_tally_as_the_app_does():
    session = Session(["1", "n", "y", IDLE, "q"])
    organisation = Organisation(practice_idle_minutes=25)
    assert run_practice(good_catalog(), organisation, prompter=session.prompter()) == 0
    text = "\n".join(session.events)
    assert "Cleared after 25 minute(s)" in text, "practice has its own, longer, limit"
    assert session.after_last_clear().strip().endswith("This session: 1 of 1 scenario matched the policy first time.")
    cleared = text.rindex("Cleared after")
    assert "Don't accept money" not in text[cleared:], "the story's comparison stayed on the screen"


def test_plain_practice_waits_for_the_practice_limit(monkeypatch):
    from boundary_tui import plain

    limits = []
    monkeypatch.setattr(plain, "terminal_prompter", lambda seconds: limits.append(seconds) or Session(["q"]).prompter())
    organisation = Organisation(idle_minutes=5, practice_idle_minutes=20)
    assert plain.run_practice(good_catalog(), organisation) == 0
    assert plain.run_plain(good_catalog(), organisation) == 0
    assert limits == [20 * 60, 5 * 60]


def test_clearing_on_windows_uses_cls_and_never_writes_escapes_into_a_file(monkeypatch, capsys):
    import os
    import sys

    from boundary_tui import plain

    ran = []
    monkeypatch.setattr(os, "system", ran.append)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys, "platform", "win32")
    plain.clear_screen()
    assert ran == ["cls"] and "\x1b" not in capsys.readouterr().out
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("TERM", "xterm-256color")
    plain.clear_screen()
    assert capsys.readouterr().out == plain.CLEAR_SCREEN
    monkeypatch.setenv("TERM", "dumb")  # no escape codes at all: the walk is scrolled off instead
    plain.clear_screen()
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.count("\n") >= 24
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    plain.clear_screen()
    assert capsys.readouterr().out == "" and ran == ["cls"]
