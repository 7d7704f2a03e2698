"""The first screen: what is your dilemma about? Topics, and a search over them.

The topic list has the focus, so Enter opens the highlighted topic and the
arrow keys move; `/` (or just starting to type) goes to the search box, where
Enter opens the best match and Down goes back to the list. For a few seconds
after a walk was left with one key, `b` brings it back (the app offers it).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from boundary_tui.app.messages import OpenTopic, ShowWholeTree
from boundary_tui.app.type_to_search import letter_for
from boundary_tui.app.widgets.key_bar import KeyBar
from boundary_tui.app.widgets.title_bar import TitleBar
from boundary_tui.app.widgets.topic_list import TopicList
from boundary_tui.app.widgets.undo_bar import OffersUndo, UndoBar
from boundary_tui.catalog import Catalog

_LIST_HINT = "↑ ↓ and Enter to open. Not sure which? Type what happened, in your words."
_SEARCH_HINT = "Enter opens the first one below, ↓ moves to the list, Esc clears."


class HomeScreen(OffersUndo, Screen[None]):
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "TopicList"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="focus_search", tooltip="Type a word to find a topic."),
        Binding("escape", "clear_search", "Clear search", id="clear_search", show=False),
        Binding("b", "bring_back", "Undo", id="bring_back", tooltip="Bring back the walk you just left."),
        # Not `t`, as on the other screens: a letter typed here starts a search.
        Binding(
            "ctrl+t",
            "show_tree",
            "Whole tree",
            id="show_tree",
            tooltip="Every question and outcome of the highlighted topic, to talk through.",
        ),
    ]

    def __init__(self, catalog: Catalog, subtitle: str = "") -> None:
        super().__init__()
        self.catalog = catalog
        self.sub_title = subtitle

    def compose(self) -> ComposeResult:
        yield TitleBar(self.app.title, self.sub_title)
        with Vertical(id="home"):
            yield Static("What is your dilemma about? Choose a topic, or search.", id="intro", markup=False)
            yield UndoBar(id="undo-bar")
            yield Input(
                placeholder="Search, e.g. voucher, facebook, hug, car home  (press /)",
                id="search",
                select_on_focus=False,  # typing on the list has already put the first letter in
            )
            yield Static(_LIST_HINT, id="hint", markup=False)
            yield Static("", id="no-match", markup=False)
            with Container(id="choose"):  # the list above the summary; side by side on a wide screen
                yield TopicList(self.catalog.headers(), id="topics")
                yield Static("", id="summary")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.catalog.trees:
            self._show_no_match(
                "No topics could be loaded. Ask whoever looks after this PC to run 'boundary-check validate'."
            )

    # --- reading the screen -----------------------------------------------------

    @property
    def search(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def topics(self) -> TopicList:
        return self.query_one("#topics", TopicList)

    @property
    def is_clear(self) -> bool:
        """True when nothing typed here could tell the next person what the last one looked for."""
        return not self.search.value

    # --- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "bring_back":  # only while offered, and never in the middle of typing a search
            return self.query_one(UndoBar).offered and not self.search.value
        return True

    def action_focus_search(self) -> None:
        self.search.focus()

    def action_show_tree(self) -> None:
        topic = self.topics.highlighted_topic
        if topic:
            self.post_message(ShowWholeTree(topic))

    def action_clear_search(self) -> None:
        self.search.value = ""
        self.topics.focus()

    def reset(self, forget: bool = False) -> None:
        """Back to how the screen first looked: no search, first topic highlighted, list focused.

        (Always all of it: `forget`, for the idle reset, changes nothing more here.)
        """
        if not self.is_mounted:  # opened straight into a topic: the list has not been built yet
            return
        self.search.value = ""
        self._filter("")
        self.topics.focus()
        self.topics.scroll_home(animate=False)

    def on_descendant_focus(self) -> None:
        hint = _SEARCH_HINT if self.focused is self.search else _LIST_HINT
        self.query_one("#hint", Static).update(hint)

    # --- search -------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, query: str) -> None:
        """Every topic when nothing is typed; otherwise the topics and situations the words point to, best first."""
        if not query.strip():
            self.topics.show(self.catalog.headers())
            self._show_no_match("")
            return
        from boundary_tui.search import FALLBACK_TOPIC  # imported with the index, after the first frame

        hits = self.app.search_index.rank(query, typing=True)
        note = ""
        if not hits:
            note = f"No topic matches “{query.strip()}”. Try other words, or press Escape to see every topic."
        elif len(hits) == 1 and hits[0].tree.id == FALLBACK_TOPIC and hits[0].score == 0:
            note = f"Nothing matched “{query.strip()}” closely. This general topic helps you decide:"
        self.topics.show_hits(hits)
        if not hits:
            self.query_one("#summary", Static).display = False
        self._show_no_match(note)

    def _show_no_match(self, text: str) -> None:
        note = self.query_one("#no-match", Static)
        note.update(Content(text))
        note.display = bool(text)

    @on(OptionList.OptionHighlighted, "#topics")
    def _show_summary(self, event: OptionList.OptionHighlighted) -> None:
        topic, _, situation_id = (event.option.id or "").partition("/")
        summary = self.query_one("#summary", Static)
        # A topic's own summary comes with its header: the tree is read only for a situation's title.
        header = next((h for h in self.catalog.headers() if h.id == topic), None)
        summary.display = header is not None
        if header is None:
            return
        tree = self.catalog.trees.get(topic) if situation_id else None
        situation = tree.situations.get(situation_id) if tree else None
        if situation is None:
            summary.update(Content.assemble((header.title, "bold"), "\n", header.summary))
        else:
            given = len(situation.answers)
            summary.update(
                Content.assemble(
                    (situation.title, "bold"),
                    "\n",
                    f"Opens {tree.title} with {given} answer{'s' if given != 1 else ''} already given. "
                    "You still answer the safety questions first.",
                )
            )

    @on(Input.Submitted, "#search")
    def _open_top_match(self) -> None:
        if self.topics.option_count:
            self._open(self.topics.get_option_at_index(0).id)

    @on(OptionList.OptionSelected, "#topics")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, key: str | None) -> None:
        """Open a topic, or a situation ('topic/situation') with its answers given."""
        if key:
            topic, _, situation = key.partition("/")
            self.post_message(OpenTopic(topic, situation or None))

    def typing_target(self, event: Key) -> Input | None:
        """The search box, for a letter that types into it: typing anywhere on this screen searches."""
        return letter_for(self, self.search, event)

    def on_key(self, event: Key) -> None:
        """Down from the search box moves to the results."""
        if self.focused is self.search and event.key == "down" and self.topics.option_count:
            self.topics.focus()
            event.stop()
