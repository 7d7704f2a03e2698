"""One question of a walk: the question, its help, Yes / No (/ Not sure), and the answers so far.

The screen drives a core Walk and shows whatever the walk says is next; when
the walk reaches its outcome it asks the app for the advice (ShowAdvice), which
goes on top of this screen; going back from it returns here, one answer
undone. A row of the answers goes back to that question (Walk.jump_to).
Escape leaves for the list, and the list offers the walk back for a moment.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from boundary_tui.app.messages import LeftWalk, PracticeRun, ShowAdvice, ShowTopics, ShowWalkTree
from boundary_tui.app.widgets.answer_trail import AnswerTrail, choose_answer_binding
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.model import Answer
from boundary_tui.walk import Walk

_ACTION_OF = {Answer.YES: "answer_yes", Answer.NO: "answer_no", Answer.UNSURE: "answer_unsure"}


class QuestionScreen(Screen[None]):
    CSS_PATH = "question.tcss"
    AUTO_FOCUS = "#body"
    BINDINGS = [
        Binding("y", "answer_yes", "Yes", id="answer_yes"),
        Binding("n", "answer_no", "No", id="answer_no"),
        Binding("u", "answer_unsure", "Not sure", id="answer_unsure"),
        Binding("b,backspace", "go_back", "Back", id="go_back", tooltip="Undo your last answer."),
        choose_answer_binding(),
        Binding(
            "t", "show_tree", "Tree", id="show_tree", show=False, tooltip="The whole tree, with your answers marked."
        ),
        Binding(
            "r",
            "restart_topic",
            "Restart",
            id="restart_topic",
            show=False,
            tooltip="Start this topic again from the first question.",
        ),
        Binding(
            "escape",
            "show_topics",
            "Topics",
            id="show_topics",
            tooltip="Leave this topic and go back to the list (b there brings it back for a few seconds).",
        ),
    ]

    def __init__(self, walk: Walk, titles: dict[str, str], practice: PracticeRun | None = None) -> None:
        """`practice`: walking a scenario - its story stays above the question, and the end is a comparison."""
        super().__init__()
        self.walk = walk
        self.titles = titles
        self.practice = practice
        self.sub_title = walk.tree.title

    def compose(self) -> ComposeResult:
        if self.practice is None:
            yield TitleBar(self.app.title, self.walk.tree.title)
        else:
            yield TitleBar(self.app.title, f"Practice - {self.practice.scenario.title}")
        if self.practice is not None:  # outside the scroll, so it stays in view however far they scroll
            yield Static(self.practice.scenario.vignette, id="story", markup=False)
        with VerticalScroll(id="body"):
            yield Static(id="progress", markup=False)
            yield Static(id="ask", markup=False)
            yield Static(id="help", markup=False)
            with HorizontalGroup(id="answers"):
                for answer in Answer:
                    yield Button(f"{answer.words} ({answer.value[0]})", id=f"answer-{answer.value}")
            yield AnswerTrail(id="trail")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.walk.finished:  # settings that lead straight to an outcome, or a finished walk brought back
            self._push_outcome()

    def on_screen_resume(self) -> None:
        # Sent when the screen is first shown, and again on the way back from the
        # outcome (one answer undone) or the keys screen. A finished walk here means
        # the screens above are being cleared on the way to the topics: show nothing.
        if not self.walk.finished and self.query("#progress"):
            self._show_question()

    def _show_question(self) -> None:
        walk = self.walk
        question = walk.question
        assert question is not None
        progress = f"Question {walk.asked_count + 1}"
        if walk.situation is not None:
            progress += f" - {walk.situation.title}"
        self.query_one("#progress", Static).update(progress)
        self.query_one("#ask", Static).update(Content(walk.fill(question.ask)))
        help_text = self.query_one("#help", Static)
        help_text.update(Content(walk.fill(question.help)))
        help_text.display = bool(question.help)
        allowed = walk.allowed_answers()
        for answer in Answer:
            self.query_one(f"#answer-{answer.value}", Button).display = answer in allowed
        self.query_one(AnswerTrail).show([(walk.fill(s.question.ask), s.answer_words, s.given) for s in walk.steps])
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _push_outcome(self) -> None:
        self.post_message(ShowAdvice(self.walk, self.practice))

    # --- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer_unsure":
            return Answer.UNSURE in self.walk.allowed_answers()  # False hides it: this question has no "Not sure"
        if action == "go_back":
            return True if self.walk.can_go_back else None  # None shows it dimmed on the first question
        if action == "choose_answer":
            return self.walk.can_go_back
        return True

    def _answer(self, answer: Answer) -> None:
        # A key pressed twice quickly may arrive after the outcome was reached.
        if self.walk.finished or answer not in self.walk.allowed_answers():
            return
        self.walk.answer(answer)
        if self.walk.finished:
            self._push_outcome()
        else:
            self._show_question()

    def action_answer_yes(self) -> None:
        self._answer(Answer.YES)

    def action_answer_no(self) -> None:
        self._answer(Answer.NO)

    def action_answer_unsure(self) -> None:
        self._answer(Answer.UNSURE)

    def action_go_back(self) -> None:
        if self.walk.finished:  # a key racing the advice on its way: the advice screen has its own Back
            return
        if self.walk.back():
            self._show_question()

    def action_choose_answer(self) -> None:
        self.query_one(AnswerTrail).choose()

    @on(AnswerTrail.Chosen)
    def _jump(self, event: AnswerTrail.Chosen) -> None:
        self.walk.jump_to(event.index)
        self._show_question()
        self.query_one("#body").focus()

    def action_show_tree(self) -> None:
        self.post_message(ShowWalkTree(self.walk))

    def action_restart_topic(self) -> None:
        self.walk.restart()
        self._show_question()

    def action_show_topics(self) -> None:
        left = LeftWalk(self.walk, self.practice) if self.walk.steps else None  # nothing answered: nothing to lose
        self.post_message(ShowTopics(left))

    @on(Button.Pressed, "#answers Button")
    async def _button_answer(self, event: Button.Pressed) -> None:
        answer = Answer(str(event.button.id).removeprefix("answer-"))
        await self.run_action(_ACTION_OF[answer])


class PracticeQuestionScreen(QuestionScreen):
    """A question of a practice scenario: Esc goes back to the scenarios, not the topics."""

    BINDINGS = [
        Binding(
            "escape",
            "show_topics",
            "Scenarios",
            id="show_topics",
            tooltip="Leave this story and go back to the scenarios (b there brings it back for a few seconds).",
        ),
    ]
