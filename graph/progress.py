"""Progress bars on stderr for the steps that take long on large data.

A bar is drawn only when stderr is a terminal and the command was not given ``--quiet``, and
only once its step has run for half a second: quick steps, pipes and files get nothing.

>>> with progress("Counting", total=3) as bar:
...     for _ in range(3):
...         bar.advance()
>>> bar.done
3
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress", "progress", "set_quiet", "shown"]

_QUIET = False

#: Seconds a step runs before its bar appears, and between two redraws.
DELAY = 0.5
REDRAW = 0.1
WIDTH = 28
LINE = 79


def set_quiet(quiet: bool = True) -> None:
    """Silence (or allow again) every progress bar of this process."""
    global _QUIET
    _QUIET = quiet


def shown(stream=None) -> bool:
    """Whether bars are drawn: stderr is a terminal and ``--quiet`` was not given."""
    stream = stream if stream is not None else sys.stderr
    try:
        return not _QUIET and stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """One step's bar: ``advance(n)`` as work is done; the bar is cleared when it ends."""

    def __init__(self, label: str, total: int | None = None, stream=None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = shown(self.stream)
        self.start = time.monotonic()
        self._drawn_at = 0.0
        self._visible = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start >= DELAY and now - self._drawn_at >= REDRAW:
            self._draw(now)

    def show(self, label: str | None = None) -> None:
        """Draw the bar now, with a new ``label`` if given, whatever the delay: for a step
        that is known to be long and will not advance until it is done."""
        if label is not None:
            self.label = label
        if self.enabled:
            self._draw(time.monotonic())

    def _draw(self, now: float) -> None:
        elapsed = now - self.start
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * WIDTH)
            bar = "#" * filled + "-" * (WIDTH - filled)
            left = f", {elapsed / share - elapsed:.0f} s left" if share > 0 else ""
            text = f"{self.label} [{bar}] {share:4.0%} ({elapsed:.0f} s{left})"
        else:
            text = f"{self.label} … {self.done:,} ({elapsed:.0f} s)"
        self.stream.write("\r" + text[:LINE].ljust(LINE) + "\r")
        self.stream.flush()
        self._drawn_at = now
        self._visible = True

    def close(self) -> None:
        if self._visible:
            self.stream.write("\r" + " " * LINE + "\r")
            self.stream.flush()
            self._visible = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def progress(label: str, total: int | None = None, stream=None) -> Progress:
    """A bar for one step: ``with progress("Parsing", total=size) as bar: bar.advance(n)``."""
    return Progress(label, total, stream)
