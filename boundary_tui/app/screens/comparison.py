"""The end of a practice walk: what the member of staff reached beside what the policy expects.

Where they differ, the screen names the first answer after which the
policy's outcome could no longer be reached - the question to talk about -
with that question's clauses. Then the scenario's discussion prompts, the
policy's advice in full, and the answers given. All the judging is the
core's (scenarios.compare, render.parting_words); this screen lays it out.
The session's tally is counted here, once per scenario, in memory only.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from boundary_tui.app.messages import PracticeRun
from boundary_tui.app.screens.reading import READ_MORE, ReadingScreen
from boundary_tui.app.widgets.answer_trail import AnswerTrail, choose_answer_binding
from boundary_tui.app.widgets.item_list import ItemList
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.section import Section, text_block
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.app.widgets.verdict_banner import VerdictBanner
from boundary_tui.render import CAUTIOUS_ROUTE, NO_SINGLE_PARTING, first_walk_note, parting_words, settings_assumed
from boundary_tui.scenarios import compare
from boundary_tui.walk import Advice, Walk


class ComparisonScreen(ReadingScreen):
    CSS_PATH = "comparison.tcss"
    BINDINGS = [
        Binding("b,backspace", "go_back", "Back", id="go_back", tooltip="Back to the last question, to talk it over."),
        Binding("r", "try_again", "Try again", id="try_again", tooltip="Walk this scenario again from the start."),
        Binding(
            "n,enter",
            "move_on",
            "Next",
            id="next_scenario",
            tooltip="Back to the scenarios, to choose another (b there brings this back for a few seconds).",
        ),
        Binding(
            "escape",
            "leave",
            "Scenarios",
            id="show_scenarios",
            show=False,
            tooltip="Back to the scenarios (b there brings this back for a few seconds).",
        ),
        choose_answer_binding("Pick one of your answers with ↑ ↓ and Enter to go back to it and talk it over."),
        Binding("s", "save_record", "Save", id="save_record", tooltip="Save a private record of this practice."),
        Binding("t", "show_tree", "Tree", id="show_tree", tooltip="The whole tree: your path and the policy's answer."),
        READ_MORE,
    ]

    def __init__(self, walk: Walk, titles: dict[str, str], practice: PracticeRun) -> None:
        super().__init__(walk, titles)
        self.practice = practice
        self.expected_outcome = practice.scenario.expected
        self.comparison = compare(walk, practice.scenario)
        practice.tally.add(practice.scenario, self.comparison)
        chosen, expected = walk.advice(), walk.advice(practice.scenario.expected)
        assert chosen is not None and expected is not None, "the comparison needs a finished walk"
        self.chosen: Advice = chosen
        self.expected: Advice = expected

    def compose(self) -> ComposeResult:
        scenario, walk, comparison = self.practice.scenario, self.walk, self.comparison
        yield TitleBar(self.app.title, f"Practice - {scenario.title}")
        with VerticalScroll(id="body"):
            if comparison.matched:
                yield Static("✔ Your answers reached the same outcome as the policy.", id="result", markup=False)
            elif comparison.cautious:
                yield Static(f"✔ {CAUTIOUS_ROUTE}", id="result", markup=False)
            else:
                yield Static("✖ Your answers reached a different outcome from the policy.", id="result", markup=False)
            note = first_walk_note(scenario, comparison, self.practice.tally)
            tally = self.practice.tally.words()
            yield Static(f"{note}\n{tally}" if note else tally, id="tally", markup=False)
            if comparison.matched:
                yield self._side("You and the policy", self.expected, compact=False, id="expected")
            else:
                with Horizontal(id="sides"):
                    yield self._side("You reached", self.chosen, compact=True, id="chosen")
                    yield self._side("The policy expects", self.expected, compact=True, id="expected")
                parting = parting_words(walk, scenario, comparison)
                lines = [NO_SINGLE_PARTING] if parting is None else [parting[0], parting[1], f"Policy: {parting[2]}"]
                yield Section("Where it parted", text_block("\n".join(lines)), id="parting")
            prompts = [
                Text.assemble(item.prompt, "\n", ("Policy: " + "; ".join(item.refs), "dim"))
                for item in scenario.discussion
            ]
            yield Section("To discuss", ItemList(prompts), id="discuss")
            yield from self._policy_advice()
            yield Section(
                "Your answers (choose one to go back to it)",
                AnswerTrail([(walk.fill(s.question.ask), s.answer_words, s.given) for s in walk.steps], title=""),
                id="answers",
            )
            yield Section("The story", text_block(scenario.vignette), id="story")
            assumed = settings_assumed(walk)
            if assumed:
                yield Section(
                    "Rules this story assumes (they may differ from your organisation's)",
                    ItemList(assumed, numbered=False),
                    id="assumed",
                )
        yield self.status_line()
        yield KeyBar()

    @staticmethod
    def _side(title: str, advice: Advice, compact: bool, id: str) -> Section:
        return Section(
            title,
            VerdictBanner(advice.verdict, compact=compact),
            Static(advice.headline, classes="headline", markup=False),
            id=id,
        )

    def _policy_advice(self) -> ComposeResult:
        """What the policy's outcome says to do: the answer to 'so what should I have done?'."""
        advice = self.expected
        if advice.do:
            yield Section("What the policy says to do", ItemList(advice.do), id="do")
        if advice.escalate_to:
            contacts = [contact.display for contact in advice.escalate_to]
            yield Section("Who to tell", ItemList(contacts, numbered=False), id="who")
        if advice.when:
            yield Section("How soon", text_block(advice.when.words), id="when")
        if advice.record:
            yield Section("What to record", text_block(advice.record), id="record")

    # --- actions ------------------------------------------------------------------

    def action_try_again(self) -> None:
        self.walk.restart()
        self.dismiss()

    def action_save_record(self) -> None:
        from boundary_tui.records import PracticeResult, not_saved, save_record

        result = PracticeResult(self.practice.scenario, self.comparison, self.practice.tally)
        self.save_once(lambda: save_record(self.walk, titles=self.titles, practice=result), not_saved)
