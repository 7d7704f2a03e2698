"""The advice at the end of a walk, in the order staff need it.

Verdict (word, symbol and colour), the headline, what to do, who to tell,
how soon, what to record, the answers given, the policy clauses and related
topics. Every word comes from the core's Advice and renderers; the screen
only lays them out. `s` saves a private record (a document to attach, with an
optional note) and `c` asks the terminal to copy the same words as plain text -
nothing is written unless someone asks.

For REPORT and ACT NOW, who to tell (with their name and number, where the
organisation set them) and how soon come straight under the headline, before
the steps: at 80x24 they were below the fold, and they are what someone in
a hurry needs first.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalGroup, VerticalScroll
from textual.widgets import Button, Static

from boundary_tui.app.messages import AskForNote, OpenTopic
from boundary_tui.app.screens.reading import READ_MORE, ReadingScreen
from boundary_tui.app.widgets.answer_trail import AnswerTrail, choose_answer_binding
from boundary_tui.app.widgets.item_list import ItemList
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.section import Section, text_block
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.app.widgets.verdict_banner import VerdictBanner
from boundary_tui.model import Verdict
from boundary_tui.render import NOBODY_NAMED_LINE, refs_by_source
from boundary_tui.walk import Advice, Walk


class OutcomeScreen(ReadingScreen):
    CSS_PATH = "outcome.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("b,backspace", "go_back", "Back", id="go_back", tooltip="Back to the last question."),
        Binding(
            "n,enter",
            "move_on",
            "New dilemma",
            id="new_dilemma",
            tooltip="Go back to the topics (b there brings this advice back for a few seconds).",
        ),
        Binding(
            "escape",
            "leave",
            "Topics",
            id="show_topics",
            show=False,
            tooltip="Go back to the topics (b there brings this advice back for a few seconds).",
        ),
        choose_answer_binding(),
        Binding(
            "s",
            "save_record",
            "Save",
            id="save_record",
            tooltip="Save a private record of this on this computer: a Word document to attach to your records.",
        ),
        Binding("t", "show_tree", "Tree", id="show_tree", show=False, tooltip="The whole tree, with your path marked."),
        Binding(
            "c",
            "copy_summary",
            "Copy",
            id="copy_summary",
            tooltip="Ask the terminal to copy the summary (not every terminal allows it; saving is dependable).",
        ),
        READ_MORE,
    ]

    def __init__(self, walk: Walk, titles: dict[str, str]) -> None:
        super().__init__(walk, titles)
        advice = walk.advice()
        assert advice is not None, "the outcome screen needs a finished walk"
        self.advice = advice
        self.sub_title = walk.tree.title

    @property
    def urgent(self) -> bool:
        """REPORT or ACT NOW: telling someone comes first, so who and how soon go first."""
        return self.advice.verdict.caution >= Verdict.REPORT_NOW.caution

    def compose(self) -> ComposeResult:
        advice, walk = self.advice, self.walk
        yield TitleBar(self.app.title, self.walk.tree.title)
        with VerticalScroll(id="body"):
            yield VerdictBanner(advice.verdict, id="verdict")
            yield Static(advice.headline, id="headline", markup=False)
            if self.urgent:
                with Container(id="tell-first"):
                    yield from _who_and_when(advice)
            # One column on a small screen; on a wide one the steps sit beside who, when and what to record.
            with Container(id="advice"):
                if advice.do:
                    yield Section("What to do", ItemList(advice.do), id="do")
                with Container(id="facts"):
                    if not self.urgent:
                        yield from _who_and_when(advice)
                    if advice.record:
                        yield Section("What to record", text_block(advice.record), id="record")
            yield Section(
                "Your answers (choose one to change it)",
                AnswerTrail([(walk.fill(s.question.ask), s.answer_words, s.given) for s in walk.steps], title=""),
                id="answers",
            )
            yield Section(
                "Policy",
                ItemList(refs_by_source(advice.refs, walk.registry, advice.policy), numbered=False),
                id="policy",
            )
            links = [(topic, self.titles[topic]) for topic in advice.see_also if topic in self.titles]
            if links:
                # One link a line: side by side, the second was cut off at 80 columns.
                yield Section(
                    "See also",
                    VerticalGroup(
                        *(
                            Button(f"{title} →", id=f"see-{topic}", classes="see-also", compact=True)
                            for topic, title in links
                        )
                    ),
                    id="see-also",
                )
        yield self.status_line()
        yield KeyBar()

    def action_save_record(self) -> None:
        """Ask for the optional note, then save; once saved, `s` only says where the record is."""
        from boundary_tui.records import not_saved, save_record

        def save(note: str | None) -> None:
            if self not in self.app.screen_stack:  # the walk was cleared (idle reset) while the note box was open
                return
            if note is None:  # Escape on the note: a change of mind
                self.say("Nothing was saved.")
                return
            self.save_once(lambda: save_record(self.walk, titles=self.titles, note=note), not_saved)

        if getattr(self, "_saved", None) is not None:
            save("")
        else:
            self.post_message(AskForNote(save))

    def action_copy_summary(self) -> None:
        from datetime import datetime

        from boundary_tui.render import walk_record_text

        # Plain text, not Markdown: it is pasted into a web form (CPOMS, MyConcern), where ** and # stay as typed.
        self.app.copy_to_clipboard(walk_record_text(self.walk, created=datetime.now().astimezone(), titles=self.titles))
        # Honest: OSC 52 only asks; many terminals ignore it, and nothing tells us whether it arrived.
        dependable = (
            "Saving (s) is the dependable way to keep it."
            if self.app.organisation.records
            else "Check it pasted before you leave this screen."
        )
        self.say(
            "Asked the terminal to copy the summary; not every terminal allows it, so check it pastes. "
            f"{dependable} The clipboard is emptied when this walk is cleared."
        )

    @on(Button.Pressed, ".see-also")
    def _open_see_also(self, event: Button.Pressed) -> None:
        self.post_message(OpenTopic(str(event.button.id).removeprefix("see-")))


def _who_and_when(advice: Advice) -> ComposeResult:
    """'Who to tell' (the people, or that the policy names nobody) and 'How soon'."""
    if advice.escalate_to:
        contacts = [contact.display for contact in advice.escalate_to]
        yield Section("Who to tell", ItemList(contacts, numbered=False), id="who")
    elif advice.nobody_named:
        yield Section("Who to tell", ItemList([NOBODY_NAMED_LINE], numbered=False), id="who")
    if advice.when:
        yield Section("How soon", text_block(advice.when.words), id="when")
