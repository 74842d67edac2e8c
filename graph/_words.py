"""How every room words a count and a suggestion: ``2 actors``, `` (did you mean 'x'?)``."""

from __future__ import annotations

import difflib

__all__ = ["count", "did_you_mean"]


def count(n: int, word: str) -> str:
    """``1 actor``, ``2 actors``.

    >>> count(1, "relation type"), count(0, "warning")
    ('1 relation type', '0 warnings')
    """
    return f"{n} {word}" + ("" if n == 1 else "s")


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string.

    >>> did_you_mean("pmu_militia", ["iran", "pmu_militias"])
    " (did you mean 'pmu_militias'?)"
    """
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""
