"""Text that is safe to put in front of a person: never terminal control, never an encoding error.

Tree files, config files and file names can come from anywhere. A string in
one of them holding ESC, another C0 or C1 control character, or a bidi
override would reach the terminal raw: an audit saw one clear the screen, set
the window title and fill the clipboard; a bidi override can make a line read
backwards. So every string the YAML reader builds goes through `clean` once,
as it is read (and the reader reports what it removed, with its line), and
file names are cleaned where they become labels. Newline and tab stay: text
fields use them.

Output redirected on Windows is often in a code page (cp1252, cp437) that
cannot encode the verdict marks; `safe_streams` makes such characters fall
back to ASCII (`✖` -> `x`, `‼` -> `!!`) instead of raising UnicodeEncodeError
and leaving an empty file. It imports nothing beyond the standard library.
"""

from __future__ import annotations

import codecs
import io
import re

# C0 controls but tab and newline; DEL and the C1 controls; the bidi marks,
# embeddings, overrides and isolates (ALM, LRM, RLM, LRE..RLO, LRI..PDI).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_NAMES = {"\x1b": "escape", "\x07": "bell", "\x08": "backspace", "\r": "carriage return", "\x9b": "CSI"}


def clean(text: str) -> str:
    """`text` without control or bidi characters (tab and newline kept)."""
    return UNSAFE.sub("", text) if UNSAFE.search(text) else text


NOTE_LIMIT = 2000
"""Characters a "what happened" note may hold: a few sentences for a record, not the whole account."""

# Code points an XML document (a .docx is XML) cannot hold at all: lone surrogates, which a
# terminal's undecodable bytes become, and the noncharacters U+FFFE and U+FFFF.
_NOT_IN_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def clean_note(text: str | None) -> str:
    """A note someone typed, fit for a record: `clean`, nothing a document cannot hold, at most NOTE_LIMIT.

    Carriage returns become newlines first, so a note pasted from Windows keeps its lines.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_IN_XML.sub("", clean(text)).strip()[:NOTE_LIMIT].rstrip()


def describe_unsafe(text: str) -> str:
    """The unsafe characters in `text`, named for a policy owner: 'U+001B (escape), U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    seen = dict.fromkeys(UNSAFE.findall(text))
    import unicodedata  # only to name a character found: reading a clean file never needs it

    return ", ".join(f"U+{ord(c):04X} ({_NAMES.get(c) or unicodedata.name(c, 'control character')})" for c in seen)


ASCII_FALLBACK = {
    "✔": "+",
    "✎": "*",
    "✖": "x",
    "‼": "!!",
    "◆": "<>",
    "●": "*",
    "•": "*",
    "→": "->",
    "←": "<-",
    "↓": "v",
    "↑": "^",
    "¶": "para",
    "£": "GBP ",
    "€": "EUR ",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
}

ERRORS = "boundary-check-ascii"
"""The name of the codec error handler `safe_streams` installs."""


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    failed = error.object[error.start : error.end]
    return "".join(ASCII_FALLBACK.get(c, "?") for c in failed), error.end


codecs.register_error(ERRORS, _fallback)


def safe_streams(*streams: object) -> None:
    """Make text streams replace what their encoding cannot hold, rather than raise.

    A stream that is not a TextIOWrapper (a test's capture) is left alone.
    """
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, io.UnsupportedOperation):  # closed, or already written to in a way that forbids it
                continue
