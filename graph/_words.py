"""How every room words a count and a suggestion: ``2 actors``, `` (did you mean 'x'?)``."""

from __future__ import annotations

import difflib

__all__ = ["count", "did_you_mean", "isolate"]


def count(n: int, word: str) -> str:
    """``1 actor``, ``2 actors``.

    >>> count(1, "relation type"), count(0, "warning")
    ('1 relation type', '0 warnings')
    """
    return f"{n} {word}" + ("" if n == 1 else "s")


#: Bidirectional classes that can reorder the text around a name: right-to-left letters, and
#: the explicit embeddings, overrides and isolates.
_DIRECTIONAL = {"R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"}


def isolate(name: str) -> str:
    """``name`` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it holds
    right-to-left letters or direction controls, so that it cannot reorder the sentence
    around it ("Relations from قيس الخزعلي (1)"); other names as they are.

    >>> isolate("Iran"), isolate("قيس") == "\u2068قيس\u2069"
    ('Iran', True)
    """
    import unicodedata

    if any(unicodedata.bidirectional(c) in _DIRECTIONAL for c in name):
        return f"\u2068{name}\u2069"
    return name


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string.

    >>> did_you_mean("pmu_militia", ["iran", "pmu_militias"])
    " (did you mean 'pmu_militias'?)"
    """
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""
