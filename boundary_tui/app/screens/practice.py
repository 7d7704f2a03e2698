"""Practice mode's first screen: the scenarios to choose from, the highlighted one's story, and the tally.

A supervisor and a member of staff pick a scenario together; Enter opens its
story above the first question of its topic. After the comparison the app
comes back here, with the session's tally updated. Like the topic list, this
is the bottom screen: Esc from anywhere in a practice walk returns to it.

Typing filters the list (a topic, a word of the story, or easy / borderline /
urgent): with 78 stories, reaching the gifts ones took 13 key presses. The
tally stays until the supervisor ends the session (Ctrl+N), not at an idle
reset: a practice comparison talked over for minutes is not someone's secret.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from boundary_tui.app.messages import EndSession, OpenScenario
from boundary_tui.app.type_to_search import letter_for
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.app.widgets.undo_bar import OffersUndo, UndoBar
from boundary_tui.model import Scenario
from boundary_tui.scenario_filter import matching_scenarios
from boundary_tui.scenarios import PracticeTally

_INTRO = "Practice: read a story, answer as you would at work, then compare with the policy."
_HINT = "↑ ↓ and Enter start a story; type a topic, a word or a level to find one."
_FILTER_HINT = "Enter starts the first story below, ↓ moves to the list, Esc clears."


class PracticeScreen(OffersUndo, Screen[None]):
    CSS_PATH = "practice.tcss"
    AUTO_FOCUS = "#scenarios"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("slash", "focus_filter", "Find", id="focus_filter", tooltip="Type to find a story."),
        Binding("escape", "clear_filter", "Clear", id="clear_filter", show=False),
        Binding("b", "bring_back", "Undo", id="bring_back", tooltip="Bring back the story you just left."),
        Binding(
            "ctrl+n",
            "end_session",
            "End session",
            id="end_session",
            tooltip="Forget this session's tally, for the next supervision (asks first).",
        ),
    ]

    def __init__(
        self, scenarios: Sequence[Scenario], titles: dict[str, str], tally: PracticeTally, subtitle: str = ""
    ) -> None:
        super().__init__()
        self.scenarios = {scenario.id: scenario for scenario in scenarios}
        self.titles = titles
        self.tally = tally
        self.sub_title = subtitle
        self._last_opened: str | None = None
        self._walks_when_opened = 0  # finished walks when it was opened: more now means it was finished

    def compose(self) -> ComposeResult:
        yield TitleBar(self.app.title, "Practice" + (f" - {self.sub_title}" if self.sub_title else ""))
        with Vertical(id="practice"):
            yield Static(_INTRO, id="intro", markup=False)
            yield UndoBar(id="undo-bar")
            yield Static(self.tally.words(), id="tally", markup=False)
            yield Input(
                placeholder="Find a story: gift, urgent, voucher...  (press /)",
                id="filter",
                compact=True,
                select_on_focus=False,
            )
            yield Static(_HINT, id="hint", markup=False)
            with Container(id="choose"):
                yield OptionList(*self._options(), id="scenarios")
                yield Static("", id="story")
        yield KeyBar()

    @property
    def shown(self) -> list[Scenario]:
        """The stories the filter lets through, in list order."""
        query = self.query_one("#filter", Input).value if self.is_mounted else ""
        return matching_scenarios(self.scenarios.values(), self.titles, query)

    def _options(self) -> list[Option]:
        """Each topic's title (a heading that can't be chosen), then its stories, so rows stay short."""
        options, topic = [], None
        for scenario in self.shown:
            if scenario.topic != topic:
                topic = scenario.topic
                options.append(Option(Content.styled(self.titles[topic], "bold"), disabled=True))
            options.append(self._option(scenario))
        return options

    def _option(self, scenario: Scenario) -> Option:
        # The level first, in words, so "urgent" stands out without colour; then how this session went.
        result = self.tally.result(scenario.id)
        done = "" if result is None else ("  ✔ matched" if result else "  ✖ different")
        return Option(
            Content.assemble(("  " + f"{scenario.level:<11}", "dim"), scenario.title, (done, "bold")),
            id=scenario.id,
        )

    def on_mount(self) -> None:
        if not self.scenarios:
            self.query_one("#story", Static).update(
                "There are no practice scenarios here. Scenario files live in a scenarios/ folder beside the trees."
            )
            return
        self._highlight(next(iter(self.scenarios)))

    def _highlight(self, scenario_id: str) -> None:
        try:
            self.scenario_list.highlighted = self.scenario_list.get_option_index(scenario_id)
        except KeyError:  # filtered out: the first story shown instead
            self._highlight_first()

    def _highlight_first(self) -> None:
        shown = self.shown
        story = self.query_one("#story", Static)
        story.display = bool(shown)
        if shown:
            self.scenario_list.highlighted = self.scenario_list.get_option_index(shown[0].id)

    def on_screen_resume(self) -> None:
        self._show_tally()

    def _show_tally(self) -> None:
        """The session's tally, and each scenario's result beside it in the list."""
        self.query_one("#tally", Static).update(self.tally.words())
        for scenario in self.shown:
            self.scenario_list.replace_option_prompt(scenario.id, self._option(scenario).prompt)
        self.refresh_bindings()

    # --- the list -----------------------------------------------------------------

    @property
    def scenario_list(self) -> OptionList:
        return self.query_one("#scenarios", OptionList)

    @property
    def is_clear(self) -> bool:
        """True when the list is as it first looked, but for the tally (which an idle reset keeps)."""
        return not self.query_one("#filter", Input).value

    def reset(self, forget: bool = False) -> None:
        """Back to the list from a scenario: on the next one if it was walked to the end this time,
        so `n` then Enter walks the next; on the same one if it was left part-way.

        `forget` (an idle reset, or the end of the session) clears the filter and starts at the top.
        """
        if not self.is_mounted:
            return
        if forget:
            self._last_opened = None
            self._filter("")
        self._show_tally()
        ids = [scenario.id for scenario in self.shown]  # the next story is the next one the filter shows
        if self._last_opened in ids:
            here = ids.index(self._last_opened)
            finished = self.tally.walks > self._walks_when_opened
            self._highlight(ids[min(here + 1, len(ids) - 1)] if finished else self._last_opened)
        elif ids:
            self.scenario_list.scroll_home(animate=False)
            self._highlight(ids[0])
        self.scenario_list.focus()

    # --- finding a story ----------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self._filter("")
        self.scenario_list.focus()

    def _filter(self, query: str) -> None:
        """Show the stories that fit `query`; the list keeps its headings, and the first story is highlighted."""
        field = self.query_one("#filter", Input)
        if field.value != query:
            with field.prevent(Input.Changed):
                field.value = query
        self.scenario_list.clear_options()
        self.scenario_list.add_options(self._options())
        if not self.shown:
            self.query_one("#hint", Static).update(f"No story fits “{query.strip()}”. Press Escape to see them all.")
        else:
            self._show_hint()
        self._highlight_first()
        self.refresh_bindings()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @on(Input.Submitted, "#filter")
    def _open_first(self) -> None:
        shown = self.shown
        if shown:
            self._open(shown[0].id)

    def on_descendant_focus(self) -> None:
        self._show_hint()

    def _show_hint(self) -> None:
        if self.shown or not self.query_one("#filter", Input).value:
            hint = _FILTER_HINT if self.focused is self.query_one("#filter", Input) else _HINT
            self.query_one("#hint", Static).update(hint)

    def typing_target(self, event: Key) -> Input | None:
        """The filter, for a letter that types into it: typing on the list finds a story, as on the topic list."""
        return letter_for(self, self.query_one("#filter", Input), event)

    def on_key(self, event: Key) -> None:
        """Down from the filter moves to the stories."""
        if self.focused is self.query_one("#filter", Input) and event.key == "down" and self.shown:
            self.scenario_list.focus()
            event.stop()

    # --- undo, and the end of the session -------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "bring_back":
            return self.query_one(UndoBar).offered and not self.query_one("#filter", Input).value
        if action == "end_session":
            return True if self.tally.tried else None  # dimmed: nothing to forget yet
        return True

    def action_end_session(self) -> None:
        self.post_message(EndSession())

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _show_story(self, event: OptionList.OptionHighlighted) -> None:
        scenario = self.scenarios[event.option.id or ""]
        self.query_one("#story", Static).update(
            Content.assemble((scenario.title, "bold"), f"  ({self.titles[scenario.topic]})\n", scenario.vignette)
        )

    @on(OptionList.OptionSelected, "#scenarios")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)

    def _open(self, scenario_id: str) -> None:
        self._last_opened = scenario_id
        self._walks_when_opened = self.tally.walks
        self.post_message(OpenScenario(scenario_id))
