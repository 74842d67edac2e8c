"""The exceptions actorgraph raises, and the Problem record that validation reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph._words import count

__all__ = [
    "ActorGraphError",
    "ActorNotFoundError",
    "DataError",
    "OutputError",
    "Problem",
    "QueryError",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a dataset file, with where it is.

    ``line`` and ``column`` are 1-based; they are ``None`` when the problem is about
    the file as a whole (it is missing, or a directory).

    >>> str(Problem("data/a.yaml", 4, 13, "relation 2 has no 'target'"))
    "data/a.yaml:4:13: error: relation 2 has no 'target'"
    >>> str(Problem("b.yaml", None, None, "no such file", level="warning"))
    'b.yaml: warning: no such file'
    """

    file: str
    line: int | None
    column: int | None
    message: str
    level: str = "error"  # "error" or "warning"
    #: What kind of problem, for a program or the command line to act on (``"no-such-file"``…);
    #: not part of the message.
    code: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column or 1}"
        # One problem, one line: line breaks quoted from the file are shown escaped, and a
        # huge value quoted whole is cut.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        message = _LONG.sub(_cut, message)
        return f"{where}: {self.level}: {message}"

    def as_error(self) -> Problem:
        """The same problem, counted as an error (what ``--strict`` does to warnings)."""
        return Problem(self.file, self.line, self.column, self.message, "error", self.code)


_LONG = re.compile(r"\S{201,}")


def _cut(match: re.Match) -> str:
    """``'1111…1111' (5,000 characters)``: a value too long to print, cut in its middle."""
    word = match.group()
    return f"{word[:60]}…{word[-60:]} ({len(word):,} characters)"


class ActorGraphError(Exception):
    """Base class of every error actorgraph reports to a user."""


class DataError(ActorGraphError):
    """The dataset files have problems; ``problems`` lists all of them, errors and warnings."""

    def __init__(self, problems: list[Problem], checked: int | None = None):
        self.problems = list(problems)
        self.checked = checked  # how many files were checked, when known
        self.errors = [p for p in self.problems if p.level == "error"]
        self.warnings = [p for p in self.problems if p.level != "error"]
        super().__init__("\n".join(str(p) for p in self.problems) + "\n" + self.summary())

    def summary(self) -> str:
        """One line: how many errors and warnings, in how many files."""
        files = {p.file for p in self.problems}
        where = count(len(files), "file")
        if self.checked and self.checked > len(files):
            where = f"{len(files)} of {self.checked} files"
        return (
            f"{count(len(self.errors), 'error')} and {count(len(self.warnings), 'warning')} "
            f"in {where}; nothing was analysed."
        )


class ActorNotFoundError(ActorGraphError):
    """An actor named on the command line is unknown or ambiguous."""

    def __init__(self, message: str, candidates: list[str] | None = None):
        self.candidates = list(candidates or [])
        super().__init__(message)


class OutputError(ActorGraphError):
    """An output cannot be written: the target is not a regular file, is an input, or the
    system refused (a full disk, a read-only folder)."""


class QueryError(ActorGraphError):
    """A question cannot be asked as given (a bad option value, an impossible combination)."""
