"""Plain mode: the same walk, one line at a time, for screen readers and basic terminals.

Everything is printed in reading order with no box drawing, no symbols a
screen reader would spell out ("heavy multiplication x") and no colour-only
meaning; every answer is a letter or a word typed at a prompt (no arrow keys).
The question comes first, the topics only on request, the verdict before the
recap. Keys mean what they mean in the app: b back, r restart, t the whole
tree, q quit, ? what you can type here; Escape or the word "topics" leaves
for the topics. The route, the outcome and the record all come from the core
Walk and renderers - this module only asks and prints.

There is one way through a session and two line readers: questionary (imported
only here, only when plain mode runs) on a capable terminal, and a plain
`readline` with TERM=dumb or without a terminal, which sends no escape
sequence at all.

On a shared PC it leaves as little behind as the app: Ctrl+B at any prompt
clears the screen, a prompt left unanswered for the idle time clears the walk,
and the screen and scrollback are cleared when a walk ends and on quit.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from typing import NamedTuple

from boundary_tui import render
from boundary_tui.catalog import Catalog
from boundary_tui.model import Organisation, Situation, Tree, Verdict
from boundary_tui.reports import basic_terminal, terminal_width, wrap_for_terminal
from boundary_tui.search import SearchHit, SearchIndex
from boundary_tui.walk import Walk

QUIT, TOPICS, BACK, DONE = "quit", "topics", "back", "done"

IDLE = "\x00idle"
"""What a prompt returns when nobody answered it for the idle time (no one can type a NUL)."""
INTERRUPTED = "\x00interrupted"
"""What a prompt returns for Ctrl+C: plain mode asks before quitting, rather than losing the advice unsaid."""

# Words every prompt takes, whatever else it asks for. Escape (a lone ESC, as the
# questionary reader returns it, or typed into a basic terminal's line) leaves for the topics as in the app.
_EVERY_PROMPT = {
    "b": BACK,
    "back": BACK,
    "q": QUIT,
    "quit": QUIT,
    "topics": TOPICS,
    "scenarios": TOPICS,
    "\x1b": TOPICS,
}
HELP = "?"


def _nothing() -> None:
    return None


class Prompter(NamedTuple):
    """How plain mode reads a line and prints one: questionary or a plain reader by default, a fake in tests.

    `ask(message, validate)` returns the reply `validate` accepted, None at the
    end of input (Ctrl+D), IDLE when the idle time passed and INTERRUPTED for
    Ctrl+C. `clear` wipes the screen and scrollback when a walk ends (nothing, for a fake).
    """

    ask: Callable[[str, Callable[[str], bool | str]], str | None]
    say: Callable[[str], None]
    clear: Callable[[], None] = _nothing


BLANK_KEY_WORDS = "Ctrl+B"
BLANK_KEY = "\x02"
CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"
"""Cursor home, erase the screen, erase the scrollback (terminals without the last ignore it)."""


def clear_screen() -> None:
    """Wipe what plain mode printed - the screen and, where the terminal allows, its scrollback.

    Never into a file or a pipe. On Windows `cls`, which the classic console
    understands (it may not take escape codes) and which empties its buffer too.
    A basic terminal (TERM=dumb) takes no escape codes: the walk is scrolled off
    the screen with blank lines, which is all such a terminal allows (its
    scrollback keeps it).
    """
    if not sys.stdout.isatty():
        return
    sys.stdout.flush()
    if sys.platform == "win32":
        os.system("cls")  # a fixed command, nothing from the user in it
        return
    if basic_terminal():
        sys.stdout.write("\n" * shutil.get_terminal_size((80, 24)).lines)
    else:
        sys.stdout.write(CLEAR_SCREEN)
    sys.stdout.flush()


def _shared_pc_keys(question, idle_seconds: float | None):
    """A prompt fit for a shared PC: Ctrl+B blanks the screen, and an unanswered prompt gives up after a while.

    Ctrl+B clears the screen and scrollback at once, as the app's blank key
    hides it, and draws the prompt again alone, with whatever had been typed.
    Escape ends the prompt with a lone ESC, which leaves for the topics as in the app.
    After `idle_seconds` with no key pressed the prompt ends with IDLE, and
    plain mode clears the walk as the app's idle reset does.
    """
    import asyncio

    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-b", eager=True)
    def _blank(event) -> None:
        if sys.platform != "win32":  # the classic Windows console may print escape codes as text
            event.app.output.write_raw(CLEAR_SCREEN)
        event.app.renderer.clear()  # the screen, in the terminal's own terms on every platform

    @bindings.add("escape", eager=True)
    def _leave(event) -> None:
        event.app.exit(result="\x1b")

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
    """Ask, remembering the prompt while it waits: Ctrl+D is None, Ctrl+C is INTERRUPTED.

    `unsafe_ask`, because questionary's `ask` prints "Cancelled by user" and returns None for Ctrl+C.
    """
    _asking.append(question.application)
    try:
        return question.unsafe_ask()
    except EOFError:
        return None
    except KeyboardInterrupt:
        return INTERRUPTED
    finally:
        _asking.remove(question.application)


def questionary_prompter(idle_seconds: float | None = None) -> Prompter:
    """Prompts on a capable terminal, with the shared-PC keys."""
    import questionary

    def ask(message: str, validate: Callable[[str], bool | str]) -> str | None:
        return _ask(_shared_pc_keys(questionary.text(message, validate=validate, qmark=""), idle_seconds))

    return Prompter(ask=ask, say=say_wrapped, clear=clear_screen)


def _read_line(prompt: str, idle_seconds: float | None) -> str | None:
    """One line from standard input after `prompt`: None at its end, IDLE after the idle time, INTERRUPTED for Ctrl+C.

    The terminal does the line editing, so nothing is drawn but the prompt and
    what is typed. The idle time counts from the prompt: a basic terminal
    hands over nothing before Enter. On Windows, where `select` cannot wait on
    a console, there is no idle clear at this reader.
    """
    import select

    try:
        # Inside the try: a Ctrl+C that lands while the prompt is still being written is asked about too.
        sys.stdout.write(prompt)
        sys.stdout.flush()
        if idle_seconds and idle_seconds > 0 and sys.platform != "win32" and sys.stdin.isatty():
            ready, _, _ = select.select([sys.stdin], [], [], idle_seconds)
            if not ready:
                _forget_typed_line()
                sys.stdout.write("\n")
                return IDLE
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        return INTERRUPTED
    if not line:
        sys.stdout.write("\n")
        return None
    return line.rstrip("\r\n")


def _forget_typed_line() -> None:
    """Half a line typed before the idle clear must not become the next person's first answer."""
    import termios

    termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)


def basic_prompter(idle_seconds: float | None = None) -> Prompter:
    """Prompts for TERM=dumb or no terminal: print the prompt once, read a line, say what was wrong and ask again.

    No escape sequence is ever written. Ctrl+B, which a basic terminal hands
    over inside the line, clears the screen as far as the terminal allows and
    asks again.
    """

    def ask(message: str, validate: Callable[[str], bool | str]) -> str | None:
        while True:
            reply = _read_line(message + " ", idle_seconds)
            if reply is None or reply in (IDLE, INTERRUPTED):
                return reply
            if BLANK_KEY in reply:
                clear_screen()
                continue
            verdict = validate(reply)
            if verdict is True:
                return reply
            say_wrapped(str(verdict))

    return Prompter(ask=ask, say=say_wrapped, clear=clear_screen)


def terminal_prompter(idle_seconds: float | None = None) -> Prompter:
    """questionary where the terminal can take it; the plain reader with TERM=dumb or when not talking to a terminal."""
    if basic_terminal() or not sys.stdin.isatty() or not sys.stdout.isatty():
        return basic_prompter(idle_seconds)
    return questionary_prompter(idle_seconds)


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


def _idle_minutes(organisation: Organisation, practice: bool = False) -> float:
    """The idle limit: practice (supervision, where one screen is talked over for minutes) has its own, longer one."""
    return organisation.practice_idle_minutes if practice else organisation.idle_minutes


def _idle_seconds(organisation: Organisation, practice: bool = False) -> float:
    return _idle_minutes(organisation, practice) * 60


def _say_cleared(prompter: Prompter, organisation: Organisation, practice: bool = False) -> None:
    """The idle reset: wipe the screen, and say why, in words that give nothing away."""
    prompter.clear()
    prompter.say("")
    prompter.say(
        f"Cleared after {_idle_minutes(organisation, practice):g} minute(s) with no answer, "
        "so the next person sees nothing."
    )


# Each verdict label ("✖ DON'T") read as its word alone; the pilcrow of "ahps 4.2 ¶7" as "para".
_SPOKEN = [(verdict.label, verdict.word) for verdict in Verdict] + [("¶", "para ")]


def spoken(text: str) -> str:
    """Text as a screen reader should meet it: verdict words without their symbols ("DON'T", not "heavy multiplication x DON'T")."""
    for symbol, words in _SPOKEN:
        text = text.replace(symbol, words)
    return text.replace("para  ", "para ")


def _speaking(prompter: Prompter) -> Prompter:
    """The same prompter, saying everything in words: whatever the renderer adds later is covered too."""
    return prompter._replace(say=lambda text: prompter.say(spoken(text)))


def say_wrapped(text: str) -> None:
    print(wrap_for_terminal(text, terminal_width()))


def read(
    prompter: Prompter,
    question: str,
    accept: Callable[[str], bool | str],
    help_here: Callable[[], None],
) -> str:
    """Ask until a reply `accept` takes or one of the words every prompt takes; return the reply or what it means.

    Returns the reply as typed (stripped), or BACK, TOPICS, QUIT or IDLE. `?`
    calls `help_here` (what can be typed at this prompt) and asks again. Ctrl+C
    asks whether to quit: a reflex (copying, on Windows, or "stop this") must
    not lose the advice without a word, and the walk carries on where it was.
    """

    def validate(text: str) -> bool | str:
        word = text.strip().lower()
        if word in _EVERY_PROMPT or word == HELP:
            return True
        accepted = accept(text.strip())
        return True if accepted is True else f"{accepted} (? for help)"

    while True:
        reply = prompter.ask(question, validate)
        if reply is None:
            return QUIT
        if reply == IDLE:
            return IDLE
        if reply == INTERRUPTED:
            sure = prompter.ask("Ctrl+C: quit boundary-check? y quits, Enter carries on where you were:", _anything)
            if sure in (None, INTERRUPTED) or (sure and sure.strip().lower() in ("y", "yes", "q", "quit")):
                return QUIT
            if sure == IDLE:
                return IDLE
            continue
        word = reply.strip().lower()
        if word == HELP:
            help_here()
            continue
        if word in _EVERY_PROMPT:
            return _EVERY_PROMPT[word]
        return reply.strip()


def _anything(text: str) -> bool:
    return True


# A first result this much ahead of the next is opened straight away; otherwise the person chooses.
CLEAR_LEAD = 1.5
MOST_OFFERED = 3
TOPIC_QUESTION = "Which topic? In a few words, what happened? (? for the list, q quits):"


def keys_once(leave_to: str = "topics") -> str:
    """The keys every prompt takes, said once a session, where "back" first means something."""
    return (
        f"At every prompt: ? says what you can type, b goes back, Escape or the word {leave_to} goes to the "
        f"{leave_to}, q quits; {BLANK_KEY_WORDS} clears the screen."
    )


def choose_topic(
    catalog: Catalog, prompter: Prompter, index: SearchIndex | None = None
) -> tuple[Tree, Situation | None] | str:
    """Ask for a topic: a number, a topic id, or a few words to search for. Returns the choice, QUIT or IDLE.

    The topics are listed only on request (`?` or "topics"), by title alone:
    read aloud, thirteen summaries were 700 words before the question.
    Words are ranked exactly as on the app's home screen: topics and
    situations. A clear winner opens at once; otherwise the best few are offered.
    """
    trees = list(catalog.trees.values())
    index = index or SearchIndex(trees, catalog.registry.synonyms)

    def list_topics() -> None:
        prompter.say("Topics:")
        for number, tree in enumerate(trees, 1):
            prompter.say(f"  {number}. {tree.title}")
        prompter.say("Type a number, or say in a few words what happened.")

    def pick(text: str) -> list[SearchHit]:
        """The topic a reply names, or the results its words point to."""
        if text.isdigit() and 1 <= int(text) <= len(trees):
            return [SearchHit(trees[int(text) - 1], None, 0.0)]
        if catalog.find(text):
            return [SearchHit(catalog.find(text), None, 0.0)]
        return index.rank(text, most=MOST_OFFERED) if text else []

    def accept(text: str) -> bool | str:
        return bool(pick(text)) or "No topic matches that: type ? for the list, or say it in other words"

    while True:
        reply = read(prompter, TOPIC_QUESTION, accept, list_topics)
        if reply in (QUIT, IDLE):
            return reply
        if reply == BACK:
            prompter.say("Nothing to go back to: this is the first question.")
            continue
        if reply == TOPICS:
            list_topics()
            continue
        found = pick(reply)
        same_topic = len(found) > 1 and found[0].situation is not None and found[1].tree.id == found[0].tree.id
        if reply.isdigit() or len(found) == 1 or same_topic or found[0].score >= CLEAR_LEAD * found[1].score:
            prompter.say(f"Opening: {found[0].title}")
            return found[0].tree, found[0].situation

        def offer(found: list[SearchHit] = found) -> None:
            prompter.say("That could be:")
            for number, hit in enumerate(found, 1):
                prompter.say(f"  {number}. {hit.title}" + ("" if hit.situation is None else f", in {hit.tree.title}"))

        offer()
        numbers = [str(n) for n in range(1, len(found) + 1)]
        choice = read(
            prompter,
            f"Which fits best? Type 1 to {len(found)}, or b to say it again:",
            lambda text, numbers=numbers: text in numbers or f"Type 1 to {len(numbers)}",
            offer,
        )
        if choice in (QUIT, IDLE):
            return choice
        if choice in (BACK, TOPICS):
            continue
        hit = found[int(choice) - 1]
        return hit.tree, hit.situation


def _answer_hint(walk: Walk) -> str:
    return ", ".join(f"{a.value[0]} = {a.words.lower()}" for a in walk.allowed_answers())


def _question_keys(walk: Walk, leave_to: str) -> str:
    """Every key a question takes, as the app's key list gives them."""
    words = [_answer_hint(walk)]
    if walk.can_go_back:
        words.append("b = back")
    words += ["r = restart", "t = the whole tree", f"Escape or {leave_to} = the {leave_to}", "q = quit"]
    return ", ".join(words) + f"; {BLANK_KEY_WORDS} clears the screen."


def say_tree(walk: Walk, prompter: Prompter) -> None:
    """The whole topic, as the staff handout words it, without its Markdown marks: `t`, as in the app."""
    text = render.tree_handout(walk.tree, walk)
    text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE).replace("**", "")
    prompter.say("")
    prompter.say(text.strip().removeprefix("_").removesuffix("_"))
    prompter.say("")


def walk_topic(walk: Walk, prompter: Prompter, leave_to: str = "topics") -> str:
    """Ask until an outcome, topics or quit. Returns DONE, TOPICS, QUIT or IDLE.

    `leave_to` names where Escape goes, as the keys say it: the topics, or in practice the scenarios.
    """
    told = 0  # how many of the situation's given answers have been read out
    while not walk.finished:
        question = walk.question
        told = _say_given(walk, prompter, told)
        prompter.say("")
        prompter.say(f"Question {walk.asked_count + 1}: {walk.fill(question.ask)}")
        if question.help:
            prompter.say(f"  Help: {walk.fill(question.help)}")
        letters = {answer.value[0]: answer for answer in walk.allowed_answers()}

        def accept(text: str, letters=letters) -> bool | str:
            if text[:1].lower() in {*letters, "r", "t"}:
                return True
            return f"Type {' or '.join(letters)}"

        def keys_here() -> None:
            prompter.say(_question_keys(walk, leave_to))

        reply = read(prompter, f"Answer ({_answer_hint(walk)}; ? for other keys):", accept, keys_here)
        if reply in (QUIT, TOPICS, IDLE):
            return reply
        if reply == BACK:
            if not walk.back():
                prompter.say("This is the first question: nothing to go back to.")
        elif reply[:1].lower() == "r":
            walk.restart()
            told = 0
        elif reply[:1].lower() == "t":
            say_tree(walk, prompter)
        else:
            walk.answer(letters[reply[:1].lower()])
        told = min(told, len(walk.steps))
    _say_given(walk, prompter, told)
    return DONE


def _say_given(walk: Walk, prompter: Prompter, told: int) -> int:
    """Read out the answers taken from the situation since last time, so nothing is decided unseen."""
    given = [step for step in walk.steps[told:] if step.given]
    if given:
        prompter.say("")
        prompter.say(f"From the situation you picked ({walk.situation.title}):")
        for step in given:
            prompter.say(f"  {walk.fill(step.question.ask)} - {step.answer.words}")
    return len(walk.steps)


def outcome_words(walk: Walk, titles: dict[str, str]) -> str:
    """The advice first, verdict word leading, then how the walk got there: the recap is for checking, after."""
    advice = render.advice_text(walk.advice(), walk.registry, titles).rstrip()
    return f"{advice}\n\nHow you got here: {render.answers_text(walk).rstrip()}"


def after_outcome(walk: Walk, prompter: Prompter, organisation: Organisation, titles: dict[str, str]) -> str:
    """The outcome's keys, as in the app: n a new dilemma, s save, b back, t the tree, q quit.

    Returns TOPICS (n, Escape), BACK, QUIT or IDLE. An empty Enter is not
    "new dilemma" here, unlike the app: in a line-at-a-time session it is the
    commonest stray key, and it would wipe the advice just read.
    """
    saved = not organisation.records  # records off: s is never offered
    while True:
        save = [] if saved else [("s", "save")]
        prompt_keys = [("n", "new dilemma"), *save, ("b", "back"), ("q", "quit")]
        every_key = [("n", "new dilemma"), *save, ("b", "back to the last question"), ("t", "the whole tree")]
        every_key.append(("q", "quit"))
        reply = read(
            prompter,
            f"What next? ({_keys_words(prompt_keys)}):",
            lambda text, keys=every_key: text[:1].lower() in dict(keys) or "Type n for a new dilemma",
            lambda keys=every_key: prompter.say(f"{_keys_words(keys)}; {BLANK_KEY_WORDS} clears the screen."),
        )
        if reply in (QUIT, TOPICS, IDLE, BACK):
            return reply
        key = reply[:1].lower()
        if key == "n":
            return TOPICS
        if key == "t":
            say_tree(walk, prompter)
        elif key == "s":
            saved = _save(prompter, walk, titles)
            if saved == IDLE:  # nobody answered the note: the walk is cleared, nothing saved
                return IDLE


def _keys_words(keys: list[tuple[str, str]]) -> str:
    return ", ".join(f"{key} = {words}" for key, words in keys)


def run_plain(
    catalog: Catalog, organisation: Organisation, topic: str | None = None, prompter: Prompter | None = None
) -> int:
    """The plain-mode session: a topic, a walk, the outcome, an optional record; repeat until quit.

    As in the app, nothing of a walk stays behind: when a walk ends, on quit and
    after the idle time the screen and scrollback are cleared (where the terminal allows).
    """
    prompter = _speaking(prompter or terminal_prompter(_idle_seconds(organisation)))
    titles = catalog.titles()
    topic_id, _, situation_id = (topic or "").partition("/")
    tree = catalog.find(topic_id) if topic_id else None
    situation = tree.situations.get(situation_id) if tree and situation_id else None
    index = None
    keys_told = False
    while True:
        if tree is None:
            index = index or SearchIndex(catalog.trees.values(), catalog.registry.synonyms)
            chosen = choose_topic(catalog, prompter, index)
            if chosen == QUIT:
                prompter.clear()
                return 0
            if chosen == IDLE:
                _say_cleared(prompter, organisation)
                continue
            tree, situation = chosen
        if not keys_told:  # once a session, where "back" first means something
            prompter.say(keys_once())
            keys_told = True
        prompter.say("")
        prompter.say(tree.title)
        walk = Walk(tree, catalog.registry, organisation, situation)
        tree = None
        while (result := walk_topic(walk, prompter)) == DONE:
            prompter.say("")
            prompter.say(outcome_words(walk, titles))
            prompter.say("")
            result = after_outcome(walk, prompter, organisation, titles)
            if result != BACK:
                break
            walk.back()
        if result == QUIT:
            prompter.clear()
            return 0
        if result == IDLE:
            _say_cleared(prompter, organisation)
            continue
        prompter.clear()  # topics or a new dilemma: the walk has ended, off the screen and out of the scrollback


NOTE_PROMPT = "What happened, in a few words, for the record? (optional: Enter to leave it out)"


def _save(prompter: Prompter, walk: Walk, titles: dict[str, str], practice=None) -> bool | str:
    """Save a record, or say in one line why it could not be; the advice above stays on screen either way.

    A walk's record first takes an optional note; IDLE if that prompt was left unanswered (nothing saved).
    """
    from boundary_tui.records import not_saved, save_record

    note = "" if practice is not None else prompter.ask(NOTE_PROMPT, lambda text: True)
    if note == IDLE:  # nobody there any more: the walk is cleared, nothing saved
        return IDLE
    if note is None or note == INTERRUPTED:  # Ctrl+C or Ctrl+D: a change of mind
        prompter.say("Not saved.")
        return False
    try:
        path = save_record(walk, titles=titles, practice=practice, note=note)
    except OSError as error:
        prompter.say(not_saved(error))
        return False
    prompter.say(f"Saved: {path}")
    return True


class _Tried(NamedTuple):
    """The story just walked in practice, for the comparison's keys (back, try again, save, tree)."""

    number: int
    scenario: object
    walk: Walk
    comparison: object
    saved: bool = False


def run_practice(
    catalog: Catalog, organisation: Organisation, topic: str | None = None, prompter: Prompter | None = None
) -> int:
    """Practice mode in plain text: a vignette, the walk, then the comparison; a running tally.

    The list is printed once (and again on `l` or `?`). After a story the keys
    are the app's comparison keys: Enter or n goes on to the next story, b back
    to the last question, r tries it again, s saves, t the whole tree.
    """
    from boundary_tui.records import PracticeResult
    from boundary_tui.scenarios import PracticeTally, compare, in_topic_order, practice_organisation

    prompter = _speaking(prompter or terminal_prompter(_idle_seconds(organisation, practice=True)))
    titles = catalog.titles()
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
    prompter.say(keys_once("scenarios"))
    tried: _Tried | None = None
    while True:
        next_number = tried.number % len(scenarios) + 1 if tried else None
        after = {"b": "back", "r": "try again", "t": "the whole tree"} if tried else {}
        if tried and organisation.records and not tried.saved:
            after["s"] = "save"

        def accept(text: str, next_number: int | None = next_number, after: dict = after) -> bool | str:
            text = text.lower()
            if text in ("", "n") and next_number or text.isdigit() and 1 <= int(text) <= len(scenarios):
                return True
            return text[:1] in {"l", *after} or f"Type a number from 1 to {len(scenarios)}, l to list them"

        def keys_here(after: dict = after) -> None:
            show_list()
            keys = ["a number = that story", "l = the list", *(f"{k} = {w}" for k, w in after.items()), "q = finish"]
            prompter.say(", ".join(keys) + ".")

        if next_number:
            question = (
                f"Next? Enter for {next_number}. {scenarios[next_number - 1].title}; "
                "or a number, l to list, q to finish (? for other keys):"
            )
        else:
            question = "Which scenario? (number, l to list them, or q to finish):"
        reply = read(prompter, question, accept, keys_here)
        key = reply[:1].lower()
        if reply == IDLE:  # as the app's idle reset: the story goes, the session's tally stays (q ends it)
            tried = None
            _say_cleared(prompter, organisation, practice=True)
            prompter.say(tally.words())
            show_list()
            continue
        if reply == QUIT:
            prompter.clear()  # the stories and comparisons go; the tally is the last word
            prompter.say(tally.words())
            return 0
        if reply == TOPICS or key == "l":
            show_list()
            continue
        if reply == BACK and not tried:
            prompter.say("Nothing to go back to yet: choose a story.")
            continue
        if tried and key == "s":
            saved = _save(prompter, tried.walk, titles, PracticeResult(tried.scenario, tried.comparison, tally))
            tried = tried._replace(saved=saved)
            continue
        if tried and key == "t":
            say_tree(tried.walk, prompter)
            continue
        if reply == BACK or (tried and key == "r"):
            number, walk = tried.number, tried.walk
            if reply == BACK:
                walk.back()
            else:
                walk.restart()
        else:
            number = int(reply) if reply.isdigit() else next_number
            scenario = scenarios[number - 1]
            tree = catalog.trees[scenario.topic]
            prompter.say("")
            prompter.say(f"{scenario.title} ({tree.title})")
            prompter.say(f"  {scenario.vignette}")
            walk = Walk(tree, catalog.registry, practice_organisation(organisation, scenario))
        scenario = scenarios[number - 1]
        tried = None
        result = walk_topic(walk, prompter, leave_to="scenarios")
        if result == IDLE:
            _say_cleared(prompter, organisation, practice=True)
            prompter.say(tally.words())
            show_list()
            continue
        if result == QUIT:
            prompter.clear()
            prompter.say(tally.words())
            return 0
        if result == TOPICS:
            show_list()
            continue
        comparison = compare(walk, scenario)
        tally.add(scenario, comparison)
        tried = _Tried(number, scenario, walk, comparison)
        prompter.say("")
        prompter.say(render.comparison_text(walk, scenario, comparison, tally).rstrip())
        prompter.say("")
        prompter.say(tally.words())
