"""The questions answered so far, in order, each with its answer in a column of its own."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.widgets import Static


class AnswerTrail(VerticalGroup):
    """'Your answers so far' - so nobody has to remember what they said two questions ago.

    The answers sit in their own right-hand column, so a long question wraps
    without pushing its Yes or No onto a line by itself.
    """

    DEFAULT_CSS = """
    AnswerTrail {
        height: auto;
        & > .trail-title { text-style: bold; color: $text-muted; }
        & > .trail-rows { height: auto; }
        &.-empty { display: none; }
    }
    """

    def __init__(self, steps: Sequence[tuple[str, str]] = (), title: str = "Your answers so far", **kwargs) -> None:
        super().__init__(**kwargs)
        self._steps = list(steps)
        self._title = title

    def compose(self) -> ComposeResult:
        if self._title:
            yield Static(self._title, classes="trail-title", markup=False)
        yield Static(classes="trail-rows")

    def on_mount(self) -> None:
        self._draw()

    def show(self, steps: Sequence[tuple[str, str]]) -> None:
        """Replace the trail with these (question, answer words) pairs."""
        self._steps = list(steps)
        if self.query(".trail-rows"):  # otherwise on_mount draws them
            self._draw()

    def _draw(self) -> None:

        self.set_class(not self._steps, "-empty")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, justify="right", style="dim")
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True, style="bold")
        # Only the questions the person answered are numbered, as "Question N" counts them;
        # an answer taken from the situation they picked is marked with a dot instead.
        number = 0
        for question, answer, *given in self._steps:
            if given and given[0]:
                grid.add_row("·", question, answer)
            else:
                number += 1
                grid.add_row(f"{number}.", question, answer)
        self.query_one(".trail-rows", Static).update(grid)

    @property
    def plain(self) -> str:
        """One line per step, 'question - answer', for tests."""
        return "\n".join(f"{question} - {answer}" for question, answer, *_ in self._steps)
