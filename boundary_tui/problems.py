"""Problems are values: one finding about one place in one file.

Loading and validating never raise at the user; they collect Problem values
so that every mistake in every file is reported in one run, each with the
file, line and column a policy owner needs to find it. A line is only given
when the parser gave one: a made-up line number is worse than none.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from boundary_tui.safetext import clean

# Findings worth a look that do not stop a tree being used, nor fail `validate`.
WARNING_CODES = frozenset({"shared-keyword", "writable-by-others"})
# Mistakes already made harmless as the file was read (control characters removed):
# they fail `validate` and `config --check`, but do not take a topic or a contact away from staff.
CLEANED_CODES = frozenset({"control-character"})


class Problem(NamedTuple):
    """One thing wrong with a tree, registry or config file."""

    path: str
    line: int | None
    column: int | None
    code: str
    message: str

    @property
    def is_warning(self) -> bool:
        return self.code in WARNING_CODES

    @property
    def keeps_content_out(self) -> bool:
        """True if what the file holds must not be used: anything but a warning or an already-cleaned character."""
        return self.code not in WARNING_CODES and self.code not in CLEANED_CODES

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        # Cleaned here too: a path or message may hold a file name, which can hold anything.
        return clean(f"{place}: {'warning: ' if self.is_warning else ''}{self.message}")


class ProblemList(list):
    """A list of Problem values for one file, with a helper to add one."""

    def __init__(self, path: Path | str):
        super().__init__()
        self.path = str(path)

    def add(self, code: str, message: str, mark: tuple[int, int] | None = None) -> None:
        line, column = mark if mark else (None, None)
        self.append(Problem(self.path, line, column, code, message))
