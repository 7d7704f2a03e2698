"""The app: owns the screen stack, the catalog and the idle reset; nothing else.

The topic list is always the bottom screen. Opening a topic pushes a question
screen with a fresh Walk; reaching an outcome pushes the outcome screen on top
of it. Going back to the topics pops everything above the list and clears it.
On a shared office PC the walk must not outlive its reader, so after a spell
with no key or mouse input the app does exactly that on its own. Whenever the
walk is cleared (idle reset, a new dilemma, quitting, SIGTERM or SIGHUP), a
summary this app put on the clipboard is wiped too, and a signal closes the
app the normal way, so the terminal leaves the alternate screen.

Before the idle reset a countdown warns, from IDLE_WARNING_SECONDS before
it, and any key cancels it. The idle time is read from an injected `clock`,
so tests move time on instead of sleeping.

Leaving a walk with one key (`n` or Enter on the advice, Escape in a walk)
keeps it for UNDO_SECONDS: the list offers `b` to bring it back, because one
key press should never throw advice away.

Practice mode (`boundary-check scenarios`) is the same app with the scenario
list at the bottom instead: a scenario opens a walk of its topic under its
own settings, and the walk ends in a comparison rather than an outcome. Its
idle limit is the longer `practice_idle_minutes` (supervision talks over one
screen for many minutes). The session's tally lives here, in memory; an idle
reset clears the walk but keeps the tally, which only ending the session clears.

Screens never import each other: they post messages (app/messages.py) and the
app, which owns the stack, pushes and pops.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from boundary_tui.app.messages import (
    AskForNote,
    BringBack,
    EndSession,
    LeftWalk,
    OpenScenario,
    OpenTopic,
    PracticeRun,
    ShowAdvice,
    ShowTopics,
    ShowWalkTree,
    ShowWholeTree,
)
from boundary_tui.app.screens.blank import BLANK_KEY, BlankScreen
from boundary_tui.app.screens.home import HomeScreen
from boundary_tui.catalog import Catalog, load_catalog
from boundary_tui.model import Organisation

# Only what the first frame needs is imported above; the walk, the search
# ranking, the practice list and its tally, and the idle countdown are
# imported where they are first used.
if TYPE_CHECKING:
    from textual.command import Provider

    from boundary_tui.app.screens.idle_warning import IdleWarningScreen
    from boundary_tui.app.screens.practice import PracticeScreen
    from boundary_tui.scenarios import PracticeTally
    from boundary_tui.search import SearchIndex
    from boundary_tui.walk import Walk

IDLE_WARNING_SECONDS = 30.0
"""The countdown before an idle reset starts this long before it (half the limit, for a limit under a minute)."""

IDLE_TICK_SECONDS = 1.0
"""How often the idle time is looked at: the countdown moves on a second at a time."""

UNDO_SECONDS = 10.0
"""How long a walk left with one key can be brought back with `b`."""


def _topic_commands() -> type[Provider]:
    # Imported when the palette first opens, not at start-up.
    from boundary_tui.app.commands import TopicCommands

    return TopicCommands


class BoundaryApp(App[None]):
    """boundary-check's full-screen front-end. Build it with `make_app`."""

    # Each screen names its own .tcss (CSS_PATH). Textual reads a screen's sheet the
    # first time the screen is shown, and then re-parses every stylesheet (about
    # 50 ms). So the first frame parses only the sheets its screen needs
    # (FIRST_FRAME_CSS), and the rest (LATER_CSS) are parsed just after it, while
    # the reader is still reading: every screen's sheet is in place before a key
    # can open it, and the first frame does not wait for sheets it does not use.
    CSS_PATH = "app.tcss"
    LATER_CSS = (
        "screens/home.tcss",
        "screens/question.tcss",
        "screens/outcome.tcss",
        "screens/keys.tcss",
        "screens/tree_view.tcss",
        "screens/practice.tcss",
        "screens/comparison.tcss",
        "screens/blank.tcss",
        "screens/idle_warning.tcss",
        "screens/confirm.tcss",
        "screens/note.tcss",
    )

    TITLE = "Boundary check"
    COMMANDS = App.COMMANDS | {_topic_commands}
    # ctrl+q (quit) comes from Textual's App.BINDINGS; `q` joins it here so it
    # works on every screen, except while typing in the search box.
    # The blank key has priority, so it works on every screen and while typing in the search box.
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Close boundary-check. Only saved records are kept."),
        Binding("question_mark", "show_keys", "Keys", id="show_keys", tooltip="Show every key on this screen."),
        Binding(
            BLANK_KEY,
            "blank_screen",
            "Blank",
            id="blank_screen",
            priority=True,
            tooltip="Hide everything at once, if someone walks up; press it again or Escape to come back.",
        ),
    ]

    def __init__(
        self,
        catalog: Catalog,
        organisation: Organisation,
        topic: str | None,
        idle_seconds: float | None,
        practice: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`idle_seconds`: the idle limit (None or 0: no idle reset); `clock`: seconds, only ever forward."""
        self.practice = practice
        if practice:
            self.DEFAULT_MODE = "practice"  # read by App.__init__: the scenario list is the bottom screen
        # A walk opened from the command line is shown at once: then every sheet is parsed up front.
        first_frame_css = ["screens/practice.tcss" if practice else "screens/home.tcss"]
        if topic and not practice:
            first_frame_css = list(self.LATER_CSS)
        super().__init__(css_path=["app.tcss", *first_frame_css])
        self.catalog = catalog
        self.organisation = organisation
        self._start_topic = None if practice else topic
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._last_input = clock()
        self._idle_timer: Timer | None = None
        self._left: LeftWalk | None = None  # a walk left with one key, which `b` can bring back
        self._undo_timer: Timer | None = None
        self.titles = catalog.titles()
        self._tally: PracticeTally | None = None
        self._search_index: SearchIndex | None = None
        self._clipboard_holds_ours = False
        self._going_home = False  # pops down to the topic list are queued and not yet done
        self._search_lock = threading.Lock()
        if practice:  # a mode, so the scenario list's sheet is loaded as it opens
            from boundary_tui.app.screens.practice import PracticeScreen
            from boundary_tui.scenarios import in_topic_order

            scenarios = in_topic_order(catalog.scenarios.values(), list(catalog.trees), topic)
            self.add_mode(
                "practice",
                lambda: PracticeScreen(scenarios, self.titles, self.tally, subtitle=self.organisation.name),
            )

    @property
    def tally(self) -> PracticeTally:
        """The practice session's tally, made the first time it is needed (only practice mode needs one)."""
        if self._tally is None:
            from boundary_tui.scenarios import PracticeTally

            self._tally = PracticeTally()
        return self._tally

    def get_default_screen(self) -> Screen:
        """The topic list: the bottom screen outside practice mode.

        The default screen rather than a mode: Textual restyles a mode's first screen
        from scratch, parsing every sheet twice more (~10 ms before the first frame);
        the list's sheet is already the app's own (`css_path` above).
        """
        return HomeScreen(self.catalog, subtitle=self.organisation.name)

    # --- screens ----------------------------------------------------------------

    @property
    def home(self) -> HomeScreen | PracticeScreen:
        """The bottom screen: the topic list, or in practice mode the scenario list."""
        home = self.screen_stack[0]
        if self.practice:
            from boundary_tui.app.screens.practice import PracticeScreen  # already imported by __init__

            assert isinstance(home, PracticeScreen)
        else:
            assert isinstance(home, HomeScreen)
        return home

    def on_mount(self) -> None:
        if not self.is_headless:
            self._close_on_signals()
        if self._start_topic:  # 'topic' or 'topic/situation'
            topic, _, situation = self._start_topic.partition("/")
            self.post_message(OpenTopic(topic, situation or None))
        self._last_input = self.clock()
        if self.idle_seconds and self.idle_seconds > 0:
            self._idle_timer = self.set_interval(IDLE_TICK_SECONDS, self.check_idle_time, name="idle-reset")
        self.call_after_refresh(gc.enable)  # the command line turns the collector off until the first frame
        self.call_after_refresh(self._parse_later_css)
        if not self.practice:
            # The lemmatiser's dictionary takes ~0.3 s to load: after the first frame,
            # in a thread, so the list is on screen at once and typing is instant.
            self.call_after_refresh(self.run_worker, self._build_search_index, thread=True, exit_on_error=False)

    def _parse_later_css(self) -> None:
        """Every screen's sheet, parsed after the first frame (see LATER_CSS); the screens on show are unchanged.

        Each sheet's rules are scoped to its own screen, so nothing already on screen needs restyling.
        """
        folder = Path(__file__).parent
        stylesheet = self.stylesheet
        added = False
        for name in self.LATER_CSS:
            path = folder / name
            if not stylesheet.has_source(str(path), ""):
                stylesheet.read(path)
                added = True
        if added:
            stylesheet.parse()  # only the new sheets: the ones already parsed come from the stylesheet's cache

    def _build_search_index(self) -> SearchIndex:
        from boundary_tui.search import SearchIndex

        with self._search_lock:
            if self._search_index is None:
                self._search_index = SearchIndex(self.catalog.trees.values(), self.catalog.registry.synonyms)
            return self._search_index

    @property
    def search_index(self) -> SearchIndex:
        """The ranking every search here uses; built now if the background build has not finished."""
        return self._search_index or self._build_search_index()

    def on_open_topic(self, message: OpenTopic) -> None:
        from boundary_tui.walk import Walk

        tree = self.catalog.find(message.topic_id)
        if tree is None:
            self.notify(f"The topic {message.topic_id!r} is not available here.", severity="warning")
            return
        situation = tree.situations.get(message.situation_id) if message.situation_id else None
        walk = Walk(tree, self.catalog.registry, self.organisation, situation)
        self.forget_left_walk()  # a new walk: the one left before it is gone for good
        self._pop_to_home()
        self.call_later(self._open_walk, walk, None)  # queued after the pops

    def _open_walk(self, walk: Walk, practice: PracticeRun | None) -> None:
        """The walk's question screen over the list; a finished walk's advice goes straight on top of it."""
        from boundary_tui.app.screens.question import PracticeQuestionScreen, QuestionScreen  # not for the first frame

        if practice is None:
            self.push_screen(QuestionScreen(walk, self.titles))
        else:
            self.push_screen(PracticeQuestionScreen(walk, self.titles, practice))

    def on_show_advice(self, message: ShowAdvice) -> None:
        """The end of a walk: the advice, or in practice the comparison with the policy."""
        from boundary_tui.app.screens.reading import ReadingScreen

        if not message.walk.finished or self.closing:  # a key raced it and took the last answer back
            return
        if isinstance(self.screen, ReadingScreen) and self.screen.walk is message.walk:
            return  # asked twice by keys typed fast: it is up already
        if message.practice is None:
            from boundary_tui.app.screens.outcome import OutcomeScreen

            self.push_screen(OutcomeScreen(message.walk, self.titles))
        else:
            from boundary_tui.app.screens.comparison import ComparisonScreen

            self.push_screen(ComparisonScreen(message.walk, self.titles, message.practice))

    def on_show_whole_tree(self, message: ShowWholeTree) -> None:
        """The whole tree with nothing answered, from the topic list: every branch open."""
        from boundary_tui.walk import Walk

        tree = self.catalog.find(message.topic_id)
        if tree is not None:
            self.post_message(ShowWalkTree(Walk(tree, self.catalog.registry, self.organisation)))

    def on_show_walk_tree(self, message: ShowWalkTree) -> None:
        from boundary_tui.app.screens.tree_view import TreeViewScreen

        self.push_screen(TreeViewScreen(message.walk, expected=message.expected))

    def on_open_scenario(self, message: OpenScenario) -> None:
        """A practice walk: the scenario's topic, under the scenario's settings, ending in a comparison."""
        from boundary_tui.scenarios import practice_organisation
        from boundary_tui.walk import Walk

        scenario = self.catalog.scenarios[message.scenario_id]
        tree = self.catalog.trees[scenario.topic]
        walk = Walk(tree, self.catalog.registry, practice_organisation(self.organisation, scenario))
        self.forget_left_walk()
        self._pop_to_home()
        self.call_later(self._open_walk, walk, PracticeRun(scenario, self.tally))

    def on_show_topics(self, message: ShowTopics) -> None:
        self._pop_to_home()
        if message.left is not None:
            self.call_later(self._offer_undo, message.left)  # after the list has been cleared

    # --- one key never throws advice away ---------------------------------------------

    def _offer_undo(self, left: LeftWalk) -> None:
        self._left = left
        self.home.offer_undo(f"You left {left.walk.tree.title}.")
        if self._undo_timer is not None:
            self._undo_timer.stop()
        self._undo_timer = self.set_timer(UNDO_SECONDS, self.forget_left_walk, name="undo")

    def forget_left_walk(self) -> None:
        """The walk left a moment ago can no longer be brought back (the offer timed out, or an idle reset)."""
        self._left = None
        if self._undo_timer is not None:
            self._undo_timer.stop()
            self._undo_timer = None
        if self.screen_stack:
            self.home.withdraw_undo()

    def on_bring_back(self, message: BringBack) -> None:
        """`b` (or Undo) on the list: the walk just left, as it was - its advice, or its question."""
        left = self._left
        self.forget_left_walk()
        if left is not None and len(self.screen_stack) == 1:
            self._open_walk(left.walk, left.practice)

    def on_ask_for_note(self, message: AskForNote) -> None:
        """The outcome screen saves a record: the note box goes over it, and its answer goes back to the screen."""
        from boundary_tui.app.screens.note import NoteScreen

        self.push_screen(NoteScreen(), message.then)

    def on_end_session(self, message: EndSession) -> None:
        """The supervisor ends the practice session, once they say yes: the tally is forgotten."""
        from boundary_tui.app.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.tally.clear()
                self.forget_left_walk()
                self._pop_to_home(forget=True)

        question = f"End this session? {self.tally.words()} It will be forgotten; nothing is saved."
        self.push_screen(ConfirmScreen(question), answered)

    def _pop_to_home(self, forget: bool = False) -> None:
        """Drop every screen above the topic list (and with them the walk), then clear the list.

        `forget`: the idle reset - the list goes back to exactly how it first looked.
        Textual's pop_until_active queues the pops; the reset is queued after them.
        """
        self.forget_clipboard()
        home = self.home
        # Two keys in quick succession ('n' twice, 'n' then Enter) must not queue the same pops twice:
        # the second would dismiss screens already gone.
        if len(self.screen_stack) > 1 and not self._going_home:
            self._going_home = True
            home.pop_until_active()
        self.call_later(self._at_home, forget)

    def _at_home(self, forget: bool) -> None:
        self._going_home = False
        self.home.reset(forget)

    # --- nothing left behind ----------------------------------------------------------

    def copy_to_clipboard(self, text: str) -> None:
        """Ask the terminal to copy `text` (OSC 52), remembering that the clipboard now holds something of ours."""
        super().copy_to_clipboard(text)
        self._clipboard_holds_ours = bool(text)

    def forget_clipboard(self) -> None:
        """Ask the terminal to empty the clipboard, if this app filled it; anything else copied is left alone.

        OSC 52 with an empty payload: terminals that took the copy take this too.
        """
        if self._clipboard_holds_ours:
            super().copy_to_clipboard("")
            self._clipboard_holds_ours = False

    async def action_quit(self) -> None:
        self.forget_clipboard()
        self.exit()

    def _close_on_signals(self) -> None:
        """SIGTERM (a shutdown, a kill) and SIGHUP (the terminal closed) quit as `q` does.

        Without this the process dies where it stands, leaving the terminal on the
        alternate screen with the advice still showing under the next prompt.
        Windows has neither signal for asyncio; closing its console ends the process.
        """
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, self._close_for_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or not supported
                continue

    def _close_for_signal(self, number: int) -> None:
        self.forget_clipboard()
        self.exit(return_code=128 + number)  # the shell's convention for "ended by a signal"

    # --- actions and commands -----------------------------------------------------

    def action_blank_screen(self) -> None:
        """Hide everything at once; the same key on the blank screen brings the walk back as it was."""
        self._cancel_idle_warning()
        if isinstance(self.screen, BlankScreen):
            self.screen.dismiss()
        else:
            self.push_screen(BlankScreen())

    def action_show_keys(self) -> None:
        from boundary_tui.app.screens.keys import KeysScreen, key_rows

        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss()
            return
        self.push_screen(KeysScreen(key_rows(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own list, minus Screenshot: on a shared PC nothing of a walk
        # should be written to disk unless the user saves a record on purpose.
        if self.practice:
            yield SystemCommand("Scenarios", "Back to the list of scenarios", lambda: self.post_message(ShowTopics()))
        else:
            yield SystemCommand(
                "Topics", "Back to the list of topics (clears this dilemma)", lambda: self.post_message(ShowTopics())
            )
        yield SystemCommand("Keys", "Show every key on this screen", self.action_show_keys)
        yield SystemCommand("Theme", "Change the colours (light or dark themes)", self.action_change_theme)
        yield SystemCommand("Quit", "Close boundary-check", self.action_quit)

    # --- a crash on a shared PC ------------------------------------------------------------

    def _fatal_error(self) -> None:
        """On a crash, one plain line instead of Textual's traceback with every local variable.

        Textual prints that traceback after the app has closed, where it stays on
        the terminal; its local variables could show part of someone's walk to the
        next person at a shared PC. BOUNDARY_CHECK_DEBUG=1 brings it back, for
        developers. (Textual calls this for an unhandled exception; it is not public API.)
        """
        import os
        import sys

        if os.environ.get("BOUNDARY_CHECK_DEBUG"):
            super()._fatal_error()
            return
        error = sys.exc_info()[1]
        kind = type(error).__name__ if error is not None else "an unknown error"
        self.bell()
        self.panic(
            f"boundary-check stopped because of a fault in the program ({kind}). Nothing was saved. "
            "Please tell whoever looks after this PC; they can run it with BOUNDARY_CHECK_DEBUG=1 to see why."
        )

    # --- input: keys racing screen changes, and the last key pressed (for the idle reset) ---

    @property
    def closing(self) -> bool:
        """True once quitting has begun (q, Ctrl+Q, a signal)."""
        return bool(getattr(self, "_exit", False))  # Textual's own flag, set by App.exit

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            if self._racing(event):
                return
            if not event.is_forwarded:
                self._last_input = self.clock()
                # Any key cancels the countdown, and does only that: a `n` pressed to stay
                # must not also answer No. The blank key still blanks.
                if self._cancel_idle_warning() and isinstance(event, events.Key) and event.key != BLANK_KEY:
                    return
            if isinstance(event, events.Key) and not event.is_forwarded and self._typed_into_search(event):
                return
        await super().on_event(event)

    def _typed_into_search(self, event: events.Key) -> bool:
        """Send a letter typed on a list screen (topics, practice) straight to its search box, in the order typed.

        Textual hands each key to whichever widget has the focus, and each widget works
        through its own queue. The first letter typed on the list moves the focus to the
        search box, so the next letters went some to the list (and on to the screen) and
        some to the box, and on a slow PC they were put in out of order ("voucher" came
        out "vocheur"). Every letter for the search now joins the box's one queue here.
        """
        target = getattr(self.screen, "typing_target", None)
        search = target(event) if target is not None else None
        if search is None:
            return False
        search.post_message(event)
        return True

    def _racing(self, event: events.InputEvent) -> bool:
        """True for input that would race a screen change, and is dropped rather than crash the app.

        - After quitting has begun ('qt' typed fast): a new screen would open while the app closes around it.
        - While the screen on top is still opening ('te' fast: 'Open all' before the tree exists): its
          widgets are not there yet. The app's own keys (quit, blank, keys) still work then.
        """
        if self.closing or not self.screen_stack:
            return True
        if isinstance(event, events.Key) and not self.screen.is_mounted:
            return event.key not in self._bindings.key_to_bindings
        return False

    # --- idle reset (shared PC) -------------------------------------------------------

    @property
    def warning_seconds(self) -> float:
        """How long the countdown runs before the reset: IDLE_WARNING_SECONDS, or half a limit under a minute."""
        return min(IDLE_WARNING_SECONDS, (self.idle_seconds or 0) / 2)

    @property
    def idle_warning(self) -> IdleWarningScreen | None:
        """The countdown, while it is showing."""
        from boundary_tui.app.screens.idle_warning import IdleWarningScreen  # not for the first frame

        screen = self.screen_stack[-1] if self.screen_stack else None
        return screen if isinstance(screen, IdleWarningScreen) else None

    def check_idle_time(self) -> None:
        """Look at how long nobody has touched the app: warn in its last seconds, then clear the walk.

        Called every IDLE_TICK_SECONDS by a timer, and by tests after moving their clock on.
        Nothing to clear (the list as it first looked), nothing to warn about.
        """
        if not self.idle_seconds or self.idle_seconds <= 0 or not self.screen_stack or self.closing:
            return
        if len(self.screen_stack) == 1 and self.home.is_clear and self._left is None:
            self._last_input = self.clock()
            return
        remaining = self.idle_seconds - (self.clock() - self._last_input)
        if remaining <= 0:
            self._idle_reset()
        elif remaining <= self.warning_seconds:
            self._warn(math.ceil(remaining))

    def _warn(self, seconds: int) -> None:
        from boundary_tui.app.screens.idle_warning import IdleWarningScreen

        warning = self.idle_warning
        if warning is not None:
            warning.count_down(seconds)
        elif isinstance(self.screen, BlankScreen):
            return  # nothing of the walk is showing; the reset still comes on time
        else:
            self.push_screen(IdleWarningScreen(seconds, keeps_tally=self.practice and bool(self.tally.tried)))

    def _cancel_idle_warning(self) -> bool:
        """Take the countdown away (someone is here). True if it was showing."""
        warning = self.idle_warning
        if warning is None:
            return False
        warning.dismiss()
        return True

    def _idle_reset(self) -> None:
        """Back to the first screen, as it first looked, so the next person at this PC sees nothing.

        In practice the session's tally is kept: the supervisor ends the session (and the tally) on purpose.
        """
        self.forget_left_walk()
        self._pop_to_home(forget=True)
        self._last_input = self.clock()


def make_app(
    catalog: Catalog | None = None,
    organisation: Organisation | None = None,
    topic: str | None = None,
    idle_seconds: float | None = None,
    practice: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> BoundaryApp:
    """The one way to build the app, for the CLI and every test.

    `topic` opens straight into that topic (the topic list stays underneath);
    with `practice`, the app opens on the practice scenarios, only `topic`'s if given.
    `idle_seconds` overrides the organisation's idle limit (idle_minutes, or
    practice_idle_minutes in practice); zero or less turns the idle reset off.
    `clock` is where the idle reset reads the time: tests pass one they move on by hand.
    """
    organisation = organisation or Organisation()
    catalog = catalog or load_catalog(organisation, scenarios=practice)
    if idle_seconds is None:
        minutes = organisation.practice_idle_minutes if practice else organisation.idle_minutes
        idle_seconds = minutes * 60
    return BoundaryApp(catalog, organisation, topic, idle_seconds, practice, clock)
