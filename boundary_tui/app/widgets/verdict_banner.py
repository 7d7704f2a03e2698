"""The verdict at the top of an outcome: symbol, word and meaning, then colour.

Colour is a third signal, never the only one: with NO_COLOR, a monochrome
terminal or a colour-blind reader the banner still says '✖ DON'T'. The words
and symbols come from the core (Verdict.label, Verdict.meaning); this widget
only chooses a colour class from the verdict's value.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from boundary_tui.model import Verdict


class VerdictBanner(Static):
    """'‼ ACT NOW  Someone may be at immediate risk: act now.' on a coloured band."""

    DEFAULT_CSS = """
    VerdictBanner {
        width: 1fr;
        height: auto;
        padding: 0 1;
        color: $text;
        background: $panel;
        border: tall $foreground 50%;

        &.-ok { background: $success-muted; border: tall $success; }
        &.-ok_record { background: $primary-muted; border: tall $primary; }
        &.-ask_first { background: $warning-muted; border: tall $warning; }
        &.-do_not { background: $error-muted; border: tall $error; }
        &.-report_now { background: $accent-muted; border: tall $accent; }
        &.-emergency { background: $error; border: tall $foreground; text-style: bold; }
    }
    """

    def __init__(self, verdict: Verdict, compact: bool = False, **kwargs) -> None:
        super().__init__(self._content(verdict, compact), **kwargs)
        self.verdict = verdict
        self.add_class(f"-{verdict.value}")

    @staticmethod
    def _content(verdict: Verdict, compact: bool) -> Content:
        """The word and symbol, then (unless two banners share the width) what the verdict means."""
        if compact:
            return Content.styled(verdict.label, "bold")
        return Content.assemble((verdict.label, "bold"), "   ", verdict.meaning)
