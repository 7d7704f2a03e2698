"""The questions answered so far, in order, each with its answer in a column of its own; a row can be chosen.

Choosing a row (a click, or `a` then ↑ ↓ Enter) asks to go back to that
question: the screen tells its Walk to `jump_to` it, which keeps the later
answers where they still apply. Before this, changing an early answer meant
pressing `b` once per later answer.

Numbering: "Question N" everywhere in the app means the Nth question the
person answered themselves in this walk - the number in this list, and in
"Question N" above the question. Answers taken from the situation they picked
are marked with a dot, not numbered, as nobody asked them. (The whole-tree
view labels questions Q1, Q2... by their place in the tree, as handouts do;
it never calls them "Question".) The walk's own count is the one a member of
staff can check on the screen in front of them; a tree position depends on
how the policy owner laid the file out.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class AnswerRows(OptionList):
    """One option per answer; Escape gives the focus back to the page."""

    BINDINGS = [Binding("escape", "leave_rows", "Done", show=False)]

    DEFAULT_CSS = """
    AnswerRows {
        height: auto;
        max-height: 1000;
        border: none;
        padding: 0;
        background: transparent;
        &:focus { border: none; }
        & > .option-list--option { padding: 0; }
        &:blur > .option-list--option-highlighted { background: transparent; text-style: none; }
    }
    """

    def action_leave_rows(self) -> None:
        page = self.screen.query("#body")
        if page:
            page.first().focus()


CHANGE_ANSWER_TIP = "Pick one of your answers with ↑ ↓ and Enter to go back to it; later answers are kept."


def choose_answer_binding(tooltip: str = CHANGE_ANSWER_TIP) -> Binding:
    """The `a` key every screen with "Your answers" offers: pick one to go back to (the screen says what then)."""
    return Binding("a", "choose_answer", "Change answer", id="choose_answer", show=False, tooltip=tooltip)


class AnswerTrail(VerticalGroup):
    """'Your answers so far' - so nobody has to remember what they said two questions ago.

    The answers sit in their own right-hand column, so a long question wraps
    without pushing its Yes or No onto a line by itself.
    """

    DEFAULT_CSS = """
    AnswerTrail {
        height: auto;
        & > .trail-title { text-style: bold; color: $text-muted; }
        & > .trail-hint { color: $text-muted; }
        &.-empty { display: none; }
    }
    """

    class Chosen(Message):
        """A row was chosen: go back to the question of step `index` (0 = the first answer)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self, steps: Sequence[tuple] = (), title: str = "Your answers so far (choose one to change it)", **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._steps = list(steps)
        self._title = title

    def compose(self) -> ComposeResult:
        if self._title:
            yield Static(self._title, classes="trail-title", markup=False)
        yield AnswerRows(classes="trail-rows")

    def on_mount(self) -> None:
        self._draw()

    def show(self, steps: Sequence[tuple]) -> None:
        """Replace the trail with these (question, answer words, given) rows."""
        self._steps = list(steps)
        if self.query(AnswerRows):  # otherwise on_mount draws them
            self._draw()

    @property
    def rows(self) -> AnswerRows:
        return self.query_one(AnswerRows)

    def _draw(self) -> None:
        self.set_class(not self._steps, "-empty")
        rows = self.rows
        rows.clear_options()
        number = 0
        for index, (question, answer, *given) in enumerate(self._steps):
            if given and given[0]:
                mark = "·"
            else:
                number += 1
                mark = f"{number}."
            rows.add_option(Option(self._row(mark, question, answer), id=f"step-{index}"))
        rows.highlighted = None

    @staticmethod
    def _row(mark: str, question: str, answer: str) -> Table:
        # One grid per row, all with the same columns, so the rows line up as one table.
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=3, justify="right", style="dim")
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True, style="bold", justify="right")
        grid.add_row(mark, question, answer)
        return grid

    def choose(self) -> None:
        """Put the focus on the rows, on the last answer, to pick one with ↑ ↓ and Enter."""
        if self._steps:
            self.rows.focus()
            self.rows.highlighted = len(self._steps) - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(str(event.option.id).removeprefix("step-"))))

    @property
    def plain(self) -> str:
        """One line per step, 'question - answer', for tests."""
        return "\n".join(f"{question} - {answer}" for question, answer, *_ in self._steps)
