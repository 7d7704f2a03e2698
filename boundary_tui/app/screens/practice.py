"""Practice mode's first screen: the scenarios to choose from, the highlighted one's story, and the tally.

A supervisor and a member of staff pick a scenario together; Enter opens its
story above the first question of its topic. After the comparison the app
comes back here, with the session's tally updated. Like the topic list, this
is the bottom screen: Esc from anywhere in a practice walk returns to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from boundary_tui.app.messages import OpenScenario
from boundary_tui.app.widgets import KeyBar, TitleBar
from boundary_tui.scenarios import PracticeTally, Scenario

_INTRO = "Practice: read a story, answer as you would at work, then compare with the policy."
_HINT = "↑ ↓ to choose a story, Enter to start it."


class PracticeScreen(Screen[None]):
    CSS_PATH = "practice.tcss"
    AUTO_FOCUS = "#scenarios"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

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
            yield Static(_HINT, id="hint", markup=False)
            yield Static(self.tally.words(), id="tally", markup=False)
            with Container(id="choose"):
                yield OptionList(*self._options(), id="scenarios")
                yield Static("", id="story")
        yield KeyBar()

    def _options(self) -> list[Option]:
        """Each topic's title (a heading that can't be chosen), then its stories, so rows stay short."""
        options, topic = [], None
        for scenario in self.scenarios.values():
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
        self.scenario_list.highlighted = self.scenario_list.get_option_index(scenario_id)

    def on_screen_resume(self) -> None:
        self._show_tally()

    def _show_tally(self) -> None:
        """The session's tally, and each scenario's result beside it in the list."""
        self.query_one("#tally", Static).update(self.tally.words())
        for scenario in self.scenarios.values():
            self.scenario_list.replace_option_prompt(scenario.id, self._option(scenario).prompt)

    # --- the list -----------------------------------------------------------------

    @property
    def scenario_list(self) -> OptionList:
        return self.query_one("#scenarios", OptionList)

    @property
    def is_clear(self) -> bool:
        """True when nothing here tells the next person how the last one did."""
        return not self.tally.tried

    def reset(self, forget: bool = False) -> None:
        """Back to the list from a scenario: on the next one if it was walked to the end this time,
        so `n` then Enter walks the next; on the same one if it was left part-way.

        `forget` (the idle reset; the app has cleared the tally) puts it back as it first looked.
        """
        if not self.is_mounted:
            return
        if forget:
            self._last_opened = None
        self._show_tally()
        ids = list(self.scenarios)
        if self._last_opened in self.scenarios:
            here = ids.index(self._last_opened)
            finished = self.tally.walks > self._walks_when_opened
            self._highlight(ids[min(here + 1, len(ids) - 1)] if finished else self._last_opened)
        elif ids:
            self.scenario_list.scroll_home(animate=False)
            self._highlight(ids[0])
        self.scenario_list.focus()

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _show_story(self, event: OptionList.OptionHighlighted) -> None:
        scenario = self.scenarios[event.option.id or ""]
        self.query_one("#story", Static).update(
            Content.assemble((scenario.title, "bold"), f"  ({self.titles[scenario.topic]})\n", scenario.vignette)
        )

    @on(OptionList.OptionSelected, "#scenarios")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._last_opened = event.option.id
            self._walks_when_opened = self.tally.walks
            self.post_message(OpenScenario(event.option.id))
