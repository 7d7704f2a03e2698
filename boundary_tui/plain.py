"""Plain mode: the same walk, one line at a time, for screen readers and basic terminals.

Everything is printed in reading order with no box drawing and no colour-only
meaning; every answer is a single letter typed at a prompt (no arrow keys).
The route, the outcome and the record all come from the core Walk and
renderers - this module only asks and prints. questionary is imported only
here, and only when plain mode runs.

On a shared PC it leaves as little behind as the app: Ctrl+B at any prompt
clears the screen, a prompt left unanswered for the idle time clears the walk,
and the screen and scrollback are cleared when a walk ends and on quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from boundary_tui import render
from boundary_tui.catalog import Catalog
from boundary_tui.model import Answer, Organisation, Situation, Tree
from boundary_tui.reports import terminal_width, wrap_for_terminal
from boundary_tui.search import SearchHit, SearchIndex
from boundary_tui.walk import Walk

QUIT, TOPICS = "quit", "topics"
_COMMAND_KEYS = {"b": "back", "r": "restart", "t": TOPICS, "q": QUIT}

IDLE = "\x00idle"
"""What a prompt returns when nobody answered it for the idle time (no one can type a NUL)."""


def _nothing() -> None:
    return None


class Prompter(NamedTuple):
    """The ways plain mode talks to a person; questionary by default, a fake in tests.

    `ask` and `confirm` return None for Ctrl+C / Ctrl+D, and IDLE when the idle time passed.
    `clear` wipes the screen and scrollback when a walk ends (nothing, for a fake).
    """

    ask: Callable[[str, Callable[[str], bool | str]], str | None]
    confirm: Callable[[str], bool | str | None]
    say: Callable[[str], None]
    clear: Callable[[], None] = _nothing


BLANK_KEY_WORDS = "Ctrl+B"
CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"
"""Cursor home, erase the screen, erase the scrollback (terminals without the last ignore it)."""


def clear_screen() -> None:
    """Wipe what plain mode printed - the screen and, where the terminal allows, its scrollback.

    Never into a file or a pipe. On Windows `cls`, which the classic console
    understands (it may not take escape codes) and which empties its buffer too.
    """
    import os
    import sys

    if not sys.stdout.isatty():
        return
    sys.stdout.flush()
    if sys.platform == "win32":
        os.system("cls")  # a fixed command, nothing from the user in it
        return
    sys.stdout.write(CLEAR_SCREEN)
    sys.stdout.flush()


def _shared_pc_keys(question, idle_seconds: float | None):
    """A prompt fit for a shared PC: Ctrl+B blanks the screen, and an unanswered prompt gives up after a while.

    Ctrl+B clears the screen and scrollback at once, as the app's blank key
    hides it, and draws the prompt again alone, with whatever had been typed.
    After `idle_seconds` with no key pressed the prompt ends with IDLE, and
    plain mode clears the walk as the app's idle reset does.
    """
    import asyncio
    import sys

    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-b", eager=True)
    def _blank(event) -> None:
        if sys.platform != "win32":  # the classic Windows console may print escape codes as text
            event.app.output.write_raw(CLEAR_SCREEN)
        event.app.renderer.clear()  # the screen, in the terminal's own terms on every platform

    application = question.application
    # Merged last, so it wins over prompt_toolkit's own Ctrl+B (cursor left).
    application.key_bindings = merge_key_bindings([application.key_bindings or KeyBindings(), bindings])
    if idle_seconds and idle_seconds > 0:
        timer: list[asyncio.TimerHandle] = []

        def give_up() -> None:
            if application.is_running and not application.future.done():
                application.exit(result=IDLE)

        def start_again(_: object = None) -> None:
            while timer:
                timer.pop().cancel()
            timer.append(asyncio.get_running_loop().call_later(idle_seconds, give_up))

        application.pre_run_callables.append(start_again)
        application.key_processor.before_key_press += start_again
    return question


_asking: list = []
"""The prompt_toolkit application waiting for an answer, if any: a signal ends it the normal way."""


def _ask(question):
    """question.ask(), remembering the prompt while it waits; Ctrl+D is None, like Ctrl+C."""
    _asking.append(question.application)
    try:
        return question.ask()
    except EOFError:
        return None
    finally:
        _asking.remove(question.application)


def questionary_prompter(idle_seconds: float | None = None) -> Prompter:
    """Prompts on the terminal. Ctrl+C and Ctrl+D (end of input) both mean "stop": None."""
    import questionary

    def ask(message: str, validate: Callable[[str], bool | str]) -> str | None:
        return _ask(_shared_pc_keys(questionary.text(message, validate=validate, qmark=""), idle_seconds))

    def confirm(message: str) -> bool | str | None:
        # auto_enter=False: y or n then Enter, like every other prompt here, so the
        # Enter typed out of habit does not land in the next prompt.
        question = questionary.confirm(message, default=False, qmark="", auto_enter=False)
        return _ask(_shared_pc_keys(question, idle_seconds))

    return Prompter(ask=ask, confirm=confirm, say=say_wrapped, clear=clear_screen)


class Closed(Exception):
    """A signal (SIGTERM: a shutdown or a kill; SIGHUP: the window closed) ended plain mode."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def closing_on_signals(run: Callable[[], int]) -> int:
    """Run plain mode so that SIGTERM and SIGHUP end it the way Ctrl+C would.

    Without this the process dies at the prompt, leaving the terminal with no
    echo and the walk on the screen. A prompt waiting for an answer is asked
    to end with `Closed` (through its event loop, which the request wakes), so
    prompt_toolkit puts the terminal back as it always does; anywhere else
    `Closed` is raised at once. Then the screen is cleared and the exit status
    is the shell's 128 + the signal.
    """
    import signal

    def close(number: int, frame: object) -> None:
        application = _asking[-1] if _asking else None
        loop = getattr(application, "loop", None)
        if application is not None and application.is_running and loop is not None:
            loop.call_soon_threadsafe(_end_prompt, application, number)
            return
        raise Closed(number)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP, and no SIGTERM from outside
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, close)
    try:
        return run()
    except Closed as closed:
        clear_screen()
        return 128 + closed.number
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _end_prompt(application, number: int) -> None:
    if application.is_running and not application.future.done():
        application.exit(exception=Closed(number))


def _idle_seconds(organisation: Organisation) -> float:
    return organisation.idle_minutes * 60


def _say_cleared(prompter: Prompter, organisation: Organisation) -> None:
    """The idle reset: wipe the screen, and say why, in words that give nothing away."""
    prompter.clear()
    prompter.say("")
    prompter.say(
        f"Cleared after {organisation.idle_minutes:g} minute(s) with no answer, so the next person sees nothing."
    )


def say_wrapped(text: str) -> None:
    print(wrap_for_terminal(text, terminal_width()))


def answer_keys(walk: Walk) -> dict[str, str]:
    """The letters the current question takes, mapped to what they do."""
    keys = {answer.value[0]: answer.value for answer in walk.allowed_answers()}
    keys.update({key: action for key, action in _COMMAND_KEYS.items() if key != "b" or walk.can_go_back})
    return keys


def _key_hint(walk: Walk, leave_to: str = "topics") -> str:
    words = [f"{a.value[0]} = {a.words.lower()}" for a in walk.allowed_answers()]
    if walk.can_go_back:
        words.append("b = back")
    words += ["r = restart", f"t = {leave_to}", "q = quit"]
    return ", ".join(words)


# A first result this much ahead of the next is opened straight away; otherwise the person chooses.
CLEAR_LEAD = 1.5
MOST_OFFERED = 3


def choose_topic(
    catalog: Catalog, prompter: Prompter, index: SearchIndex | None = None
) -> tuple[Tree, Situation | None] | str | None:
    """List the topics, then take a number, a topic id, or a few words to search for (IDLE if nobody did).

    Words are ranked exactly as on the app's home screen: topics and
    situations. A clear winner opens at once; otherwise the best few are offered.
    """
    trees = list(catalog.trees.values())
    index = index or SearchIndex(trees, catalog.registry.synonyms)
    prompter.say("")
    prompter.say("Topics:")
    for number, tree in enumerate(trees, 1):
        prompter.say(f"  {number}. {tree.title} - {tree.summary}")

    def pick(text: str) -> list[SearchHit]:
        """The topic a reply names, or the results its words point to."""
        text = text.strip()
        if text.isdigit() and 1 <= int(text) <= len(trees):
            return [SearchHit(trees[int(text) - 1], None, 0.0)]
        if catalog.find(text):
            return [SearchHit(catalog.find(text), None, 0.0)]
        return index.rank(text, most=MOST_OFFERED) if text else []

    def validate(text: str) -> bool | str:
        if text.strip().lower() == "q" or pick(text):
            return True
        return "No topic matches that: type a number from the list, or say what happened in other words (q to quit)"

    reply = prompter.ask("Which topic? Type its number, or say in a few words what happened (q to quit):", validate)
    if reply == IDLE:
        return IDLE
    if reply is None or reply.strip().lower() == "q":
        return None
    found = pick(reply)
    if reply.strip().isdigit():
        return found[0].tree, None
    same_topic = len(found) > 1 and found[0].situation is not None and found[1].tree.id == found[0].tree.id
    if len(found) == 1 or same_topic or found[0].score >= CLEAR_LEAD * found[1].score:
        prompter.say(f"Opening: {found[0].title}")
        return found[0].tree, found[0].situation
    prompter.say("That could be:")
    for number, hit in enumerate(found, 1):
        where = hit.tree.summary if hit.situation is None else f"in {hit.tree.title}"
        prompter.say(f"  {number}. {hit.title} - {where}")
    choice = prompter.ask(
        f"Which fits best? (1-{len(found)})",
        lambda t: True if t.strip() in [str(n) for n in range(1, len(found) + 1)] else f"Type 1 to {len(found)}",
    )
    if choice is None or choice == IDLE:
        return choice
    hit = found[int(choice.strip()) - 1]
    return hit.tree, hit.situation


def walk_topic(walk: Walk, prompter: Prompter, leave_to: str = "topics") -> str:
    """Ask until an outcome, back, restart, topics or quit. Returns 'done', TOPICS, QUIT or IDLE.

    `leave_to` names where `t` goes, as the hint shows it: the topics, or in practice the scenarios.
    """
    told = 0  # how many of the situation's given answers have been read out
    while not walk.finished:
        question = walk.question
        told = _say_given(walk, prompter, told)
        prompter.say("")
        prompter.say(f"Question {walk.asked_count + 1}: {walk.fill(question.ask)}")
        if question.help:
            prompter.say(f"  Help: {walk.fill(question.help)}")
        keys = answer_keys(walk)

        def validate(text: str, keys=keys) -> bool | str:
            if text.strip() and text.strip().lower()[:1] in keys:
                return True
            return f"Type one letter: {_key_hint(walk, leave_to)}"

        reply = prompter.ask(f"Answer ({_key_hint(walk, leave_to)}):", validate)
        if reply is None:
            return QUIT
        if reply == IDLE:
            return IDLE
        action = keys[reply.strip().lower()[:1]]
        if action in (QUIT, TOPICS):
            return action
        if action == "back":
            walk.back()
        elif action == "restart":
            walk.restart()
            told = 0
        else:
            walk.answer(Answer(action))
        told = min(told, len(walk.steps))
    _say_given(walk, prompter, told)
    return "done"


def _say_given(walk: Walk, prompter: Prompter, told: int) -> int:
    """Read out the answers taken from the situation since last time, so nothing is decided unseen."""
    given = [step for step in walk.steps[told:] if step.given]
    if given:
        prompter.say("")
        prompter.say(f"From the situation you picked ({walk.situation.title}):")
        for step in given:
            prompter.say(f"  {walk.fill(step.question.ask)} - {step.answer.words}")
    return len(walk.steps)


def run_plain(
    catalog: Catalog, organisation: Organisation, topic: str | None = None, prompter: Prompter | None = None
) -> int:
    """The plain-mode session: topics, a walk, the outcome, an optional record; repeat until quit.

    As in the app, nothing of a walk stays behind: when a walk ends, on quit and
    after the idle time the screen and scrollback are cleared (where the terminal allows).
    """
    prompter = prompter or questionary_prompter(_idle_seconds(organisation))
    titles = {tid: tree.title for tid, tree in catalog.trees.items()}
    prompter.say("boundary-check: answer a few yes/no questions to see what to do and who to tell.")
    prompter.say(f"{BLANK_KEY_WORDS} at any prompt clears the screen at once.")
    topic_id, _, situation_id = (topic or "").partition("/")
    tree = catalog.find(topic_id) if topic_id else None
    situation = tree.situations.get(situation_id) if tree and situation_id else None
    index = None
    while True:
        if tree is None:
            index = index or SearchIndex(catalog.trees.values(), catalog.registry.synonyms)
            chosen = choose_topic(catalog, prompter, index)
            if chosen is None:
                prompter.clear()
                return 0
            if chosen == IDLE:
                _say_cleared(prompter, organisation)
                continue
            tree, situation = chosen
        prompter.say("")
        prompter.say(f"{tree.title}: {tree.summary}")
        walk = Walk(tree, catalog.registry, organisation, situation)
        result = walk_topic(walk, prompter)
        tree = None
        if result == QUIT:
            prompter.clear()
            return 0
        if result == IDLE:
            _say_cleared(prompter, organisation)
            continue
        if result == TOPICS:
            prompter.clear()
            continue
        prompter.say("")
        prompter.say(render.walk_text(walk, titles).rstrip())
        prompter.say("")
        save = prompter.confirm("Save a record of this on this computer?") if organisation.records else False
        if save is True:
            save = _save(prompter, walk, titles)
        again = IDLE if save == IDLE else prompter.confirm("Look at another dilemma?")
        if again == IDLE:
            _say_cleared(prompter, organisation)
            continue
        prompter.clear()  # the walk has ended: off the screen and out of the scrollback
        if again is not True:
            return 0


NOTE_PROMPT = "What happened, in a few words, for the record? (optional: Enter to leave it out)"


def _save(prompter: Prompter, walk: Walk, titles: dict[str, str], practice=None) -> bool | str:
    """Save a record, or say in one line why it could not be; the advice above stays on screen either way.

    A walk's record first takes an optional note; IDLE if that prompt was left unanswered (nothing saved).
    """
    from boundary_tui.records import not_saved, save_record

    note = "" if practice is not None else prompter.ask(NOTE_PROMPT, lambda text: True)
    if note == IDLE:  # nobody there any more: the walk is cleared, nothing saved
        return IDLE
    if note is None:  # Ctrl+C or Ctrl+D: a change of mind
        prompter.say("Not saved.")
        return False
    try:
        path = save_record(walk, titles=titles, practice=practice, note=note)
    except OSError as error:
        prompter.say(not_saved(error))
        return False
    prompter.say(f"Saved: {path}")
    return True


def run_practice(
    catalog: Catalog, organisation: Organisation, topic: str | None = None, prompter: Prompter | None = None
) -> int:
    """Practice mode in plain text: a vignette, the walk, then the comparison; a running tally.

    The list is printed once (and again on `l`); after each story Enter goes on to the next one.
    """
    from boundary_tui.scenarios import PracticeTally, compare, in_topic_order, practice_organisation

    prompter = prompter or questionary_prompter(_idle_seconds(organisation))
    titles = {tid: tree.title for tid, tree in catalog.trees.items()}
    scenarios = in_topic_order(catalog.scenarios.values(), list(catalog.trees), topic)
    if not scenarios:
        prompter.say("No practice scenarios" + (f" for {topic}." if topic else "."))
        return 0
    tally = PracticeTally()

    def show_list() -> None:
        prompter.say("")
        prompter.say("Practice scenarios:")
        for number, scenario in enumerate(scenarios, 1):
            prompter.say(f"  {number}. [{scenario.level}] {titles[scenario.topic]}: {scenario.title}")

    show_list()
    next_number: int | None = None  # after a story: the one Enter goes on to
    while True:

        def validate(text: str, next_number: int | None = next_number) -> bool | str:
            text = text.strip().lower()
            if (
                text in ("q", "l")
                or (text == "" and next_number)
                or (text.isdigit() and 1 <= int(text) <= len(scenarios))
            ):
                return True
            return f"Type a number from 1 to {len(scenarios)}, l to list them, or q to finish"

        if next_number:
            question = f"Next? Enter for {next_number}. {scenarios[next_number - 1].title}; or a number, l to list, q to finish:"
        else:
            question = "Which scenario? (number, l to list them, or q to finish):"
        reply = prompter.ask(question, validate)
        if reply == IDLE:  # as the app's idle reset: the tally goes too
            tally, next_number = PracticeTally(), None
            _say_cleared(prompter, organisation)
            show_list()
            continue
        reply = "q" if reply is None else reply.strip().lower()
        if reply == "q":
            prompter.clear()  # the stories and comparisons go; the tally is the last word
            prompter.say(tally.words())
            return 0
        if reply == "l":
            show_list()
            continue
        number = int(reply) if reply else next_number
        scenario = scenarios[number - 1]
        tree = catalog.trees[scenario.topic]
        prompter.say("")
        prompter.say(f"{scenario.title} ({tree.title})")
        prompter.say(f"  {scenario.vignette}")
        walk = Walk(tree, catalog.registry, practice_organisation(organisation, scenario))
        result = walk_topic(walk, prompter, leave_to="scenarios")
        if result == IDLE:
            tally, next_number = PracticeTally(), None
            _say_cleared(prompter, organisation)
            show_list()
            continue
        if result == QUIT:
            prompter.clear()
            prompter.say(tally.words())
            return 0
        if result == TOPICS:
            next_number = number
            continue
        next_number = number % len(scenarios) + 1
        comparison = compare(walk, scenario)
        tally.add(scenario, comparison)
        prompter.say("")
        prompter.say(render.comparison_text(walk, scenario, comparison, tally).rstrip())
        prompter.say("")
        prompter.say(tally.words())
        save = prompter.confirm("Save a record of this practice on this computer?") if organisation.records else False
        if save == IDLE:
            tally, next_number = PracticeTally(), None
            _say_cleared(prompter, organisation)
            show_list()
        elif save is True:
            from boundary_tui.records import PracticeResult

            _save(prompter, walk, titles, PracticeResult(scenario, comparison, tally))
