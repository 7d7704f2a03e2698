"""The bottom line: the keys of this screen, from its bindings; a click on one presses it.

Textual's Footer rebuilds a widget per key every time the bindings change
(on every focus change and every `refresh_bindings`), which cost about 15 ms
a time and was the largest part of opening the outcome screen. This is one
line of text redrawn at most once per refresh, with the same contents: every
binding with `show=True` active on the screen, one entry per action, dimmed
when `check_action` says it is unavailable, and the command palette at the
right.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class KeyEntry(NamedTuple):
    key: str  # as Textual names it ("question_mark"), for simulate_key
    shown: str  # as the user reads it ("?")
    description: str
    enabled: bool
    action: str = ""


KEEP_ACTIONS = frozenset({"show_keys", "blank_screen", "read_more", "quit"})
"""On a narrow screen keys are dropped from the right to fit, but never `? Keys` (it lists them all),
the blank key (needed in a hurry, when there is no time to look it up), `More ↓` (at 60x20 the advice
runs on below, and nothing else says so) nor `Quit` (the way out must always show)."""


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 1fr;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._pending = False
        self._targets: list[tuple[int, int, str]] = []  # (first cell, last cell + 1, key) of each clickable entry

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.app, "theme", lambda _: self._redraw(), init=False)
        self._redraw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._redraw()

    def _bindings_changed(self, screen: Screen) -> None:
        if not self._pending:  # several changes in one go are drawn once
            self._pending = True
            self.call_after_refresh(self._redraw)

    def entries(self) -> list[KeyEntry]:
        """One entry per action shown, in binding order (focused widget, screen, app)."""
        app = self.app
        seen: set[str] = set()
        rows = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            rows.append(
                KeyEntry(binding.key, app.get_key_display(binding), binding.description, active.enabled, binding.action)
            )
        return rows

    def _redraw(self) -> None:
        self._pending = False
        if not self.is_attached:  # the screen was popped before this queued redraw ran
            return
        app = self.app

        key_colour = app.theme_variables.get("footer-key-foreground", "")  # follows the theme, light or dark
        entries = self._fitting(self.entries(), key_colour)
        palette: KeyEntry | None = None
        if app.ENABLE_COMMAND_PALETTE:
            key = app.COMMAND_PALETTE_BINDING
            palette = KeyEntry(key, app.get_key_display(Binding(key, "")), "palette", True)
        parts: list[Content] = []
        self._targets = []
        x = 0
        for entry in entries:
            part = _entry_content(entry, key_colour)
            if entry.enabled:
                self._targets.append((x, x + part.cell_length, entry.key))
            parts.append(part)
            x += part.cell_length
        if palette is not None:
            part = _entry_content(palette, key_colour)
            if x + 1 + part.cell_length > self.size.width:
                # A narrow screen: the key alone, or nothing, rather than a cut-off word.
                part = _entry_content(palette._replace(description=""), key_colour)
                if x + 1 + part.cell_length > self.size.width:
                    palette = None
        if palette is not None:
            gap = max(1, self.size.width - x - part.cell_length)
            parts.append(Content(" " * gap))
            self._targets.append((x + gap, x + gap + part.cell_length, palette.key))
            parts.append(part)
        self.update(Content("").join(parts))

    def _fitting(self, entries: list[KeyEntry], key_colour: str) -> list[KeyEntry]:
        """As many entries as fit the width, dropped from the right, always keeping `? Keys` and the blank key."""
        width = self.size.width
        widths = [_entry_content(entry, key_colour).cell_length for entry in entries]
        if not width or sum(widths) <= width:
            return entries
        keep = [entry.action in KEEP_ACTIONS for entry in entries]
        for index in reversed(range(len(entries))):
            if sum(widths) <= width:
                break
            if not keep[index]:
                widths[index] = 0
        return [entry for entry, cells in zip(entries, widths, strict=True) if cells]

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._targets:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return


def _entry_content(entry: KeyEntry, key_colour: str) -> Content:
    """' y Yes ', the key in the theme's key colour; all dim when unavailable."""
    if not entry.enabled:
        return Content.styled(f" {entry.shown} {entry.description} ", "dim")
    return Content.assemble((f" {entry.shown}", f"bold {key_colour}".strip()), f" {entry.description} ")
