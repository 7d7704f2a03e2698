"""The keys of the screen underneath, generated from its bindings so the footer and this list agree."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, what they do) for this app's bindings active on `screen`, keys of one action joined: 'b / ⌫'.

    Only actions this app declares (every binding of ours has an id) are listed,
    with any other key Textual binds to the same action (ctrl+q for quit);
    scrolling and Tab are summed up in one line by the screen instead.
    """
    app = screen.app
    active = list(screen.active_bindings.values())
    ours = {a.binding.action for a in active if a.binding.id}
    keys: dict[str, list[str]] = {}
    words: dict[str, str] = {}
    for item in sorted(active, key=lambda a: not a.binding.id):  # ours first, so our words win
        binding = item.binding
        if binding.action not in ours:
            continue
        if binding.action not in words:
            what = binding.description
            if binding.tooltip:
                what = f"{what}: {binding.tooltip[:1].lower()}{binding.tooltip[1:]}"
            words[binding.action] = what if item.enabled else f"{what.rstrip('.')} (not available now)."
        keys.setdefault(binding.action, []).append(app.get_key_display(binding))
    rows = [(" / ".join(keys[action]), words[action]) for action in keys]
    if app.ENABLE_COMMAND_PALETTE:
        rows.append(
            (
                app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")),
                "Palette: find a topic, or change the colours.",
            )
        )
    return rows


class KeysScreen(ModalScreen[None]):
    """A list of keys over the current screen; Escape, ? or a click outside closes it."""

    CSS_PATH = "keys.tcss"
    BINDINGS = [Binding("escape,question_mark", "close_keys", "Close", id="close_keys")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys"):
            yield Static("Keys on this screen", id="keys-title", markup=False)
            width = max((len(keys) for keys, _ in self.rows), default=0) + 2
            for keys, what in self.rows:
                yield Static(Content.assemble((keys.ljust(width), "bold"), what), classes="key-row")
            yield Static(
                "↑ ↓ PgUp PgDn scroll, Tab moves between buttons, and the mouse works too.\nPress Escape or ? to close.",
                id="keys-hint",
                markup=False,
            )

    def action_close_keys(self) -> None:
        self.dismiss()

    def on_click(self, event) -> None:
        if event.widget is self:  # a click on the dimmed background outside the box
            self.dismiss()
