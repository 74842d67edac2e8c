"""Turn query results into text: aligned tables, CSV, JSON, and readable chains with quotes."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import Any

import networkx as nx

from graph._words import count
from graph.analysis.chains import Chain
from graph.analysis.flow import RULE
from graph.analysis.records import actor_name

__all__ = [
    "chain_block",
    "Csv",
    "claim_note",
    "csv_cell",
    "shown",
    "claims_note",
    "strength_note",
    "count",
    "evidence_lines",
    "number",
    "table",
    "to_csv",
    "to_json",
    "wrap",
    "wrap_parts",
]


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: none for combining marks and format characters (the
    zero-width non-joiner of Persian names), two for wide East Asian characters."""
    return sum(
        0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
        else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )  # fmt: skip


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def number(value: float) -> str:
    """A score as a table shows it: three decimals, small values kept visible.

    >>> number(0.52197), number(0.0001234), number(0.0)
    ('0.522', '0.000123', '0')
    """
    if value == 0:
        return "0"
    if abs(value) < 0.001:
        return f"{value:.3g}"
    return f"{value:.3f}"


def table(rows: Sequence[dict], columns: Sequence[tuple[str, str]], indent: str = "") -> str:
    """An aligned text table; ``columns`` are ``(key, header)`` pairs.

    >>> print(table([{"a": "x", "b": 1.5}, {"a": "longer", "b": None}], [("a", "A"), ("b", "B")]))
    A       B
    x       1.500
    longer
    """
    cells = [[header for _, header in columns]] + [
        [_cell(r.get(k)) for k, _ in columns] for r in rows
    ]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for row in cells:
        parts = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        lines.append((indent + "  ".join(parts)).rstrip())
    return "\n".join(lines)


class Csv(str):
    """CSV text: printed as it is (its cells are neutralised, not escaped: see :func:`to_csv`)."""


#: What a spreadsheet reads as the start of a formula in a text cell (OWASP's list).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell: lists joined with '; ', None empty, and a text that a spreadsheet would run
    as a formula (``=HYPERLINK(…)``, ``+1``, ``@SUM``) given a leading ``'`` (numbers stay
    numbers: ``-2`` as a number is left alone).

    >>> csv_cell("=HYPERLINK(1)"), csv_cell(-2), csv_cell(["a", "b"]), csv_cell("-2")
    ("'=HYPERLINK(1)", -2, 'a; b', "'-2")
    """
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> Csv:
    """CSV with a header row; lists are joined with '; ', formulas neutralised (:func:`csv_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return Csv(buffer.getvalue().rstrip("\n"))


#: Characters a terminal would obey rather than show: C0 and C1 controls (ESC starts colour,
#: title and clipboard sequences; CR and BS rewrite the line) and the bidirectional overrides
#: and isolates (``abc\u202efdp.exe`` would show as "abcexe.pdf").
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    r"""``text`` with every control character written as its escape (``\u001b``): what a
    terminal shows, never obeys. The escapes are JSON's, so JSON output stays the same data.

    >>> print(shown("PMU\x1b]0;owned\x07 militias"))
    PMU\u001b]0;owned\u0007 militias
    """
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(value: Any) -> str:
    """Stable JSON: indented, keys in the order the library gives, Unicode kept as is."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def wrap(text: str, indent: str = "", width: int = 96) -> str:
    """The text in lines of at most ``width``, broken between words only: never inside a
    word, nor at the hyphens of an id (``iran-directs-pmu_militias``) or a name (al-Kadhimi)."""
    return textwrap.fill(
        re.sub(r"[ \t\r\n]+", " ", str(text)).strip(),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def wrap_parts(parts: Sequence[str], indent: str, width: int = 96) -> list[str]:
    """Lay out unbreakable parts (names, arrows) in lines, continuation lines indented more.

    >>> wrap_parts(["Iran", "—directs→", "PMU militias"], "  ", width=20)
    ['  Iran —directs→', '    PMU militias']
    """
    lines: list[str] = []
    line = indent
    for part in parts:
        if line.strip() and _width(line) + 1 + _width(part) > width:
            lines.append(line)
            line = indent + "  " + part
        else:
            line = line + (" " if line.strip() else "") + part
    lines.append(line)
    return lines


def strength_note(G: nx.MultiDiGraph) -> str:
    """What a chain's strength is, in one line, with the status weights actually used."""
    weights = G.graph.get("status_weights") or {}
    claims = ", ".join(f"{s} ×{weights[s]:g}" for s in ("alleged", "denied") if s in weights)
    return (
        f"strength = product of what each relation carries: {RULE}"
        + (f" ({claims})" if claims else "")
        + ". The weights are the tool's conventions ('actorgraph types')."
    )


def claims_note(chain: Chain) -> str:
    """``; rests on 1 claim (targets: denied)`` for a chain with relations not confirmed."""
    claims = chain.claims
    if not claims:
        return ""
    what = ", ".join(f"{s.type}: {s.status}" for s in claims)
    return f"; rests on {count(len(claims), 'claim')} ({what})"


def claim_note(G: nx.MultiDiGraph, data: dict) -> str:
    """``alleged; claimed by United States`` for a relation that is not plainly confirmed."""
    names = lambda ids: ", ".join(actor_name(G, i) for i in ids)  # noqa: E731
    parts = []
    if data.get("status", "confirmed") != "confirmed":
        parts.append(data["status"])
    if data.get("claimed_by"):
        parts.append(f"claimed by {names(data['claimed_by'])}")
    if data.get("disputed_by"):
        parts.append(f"disputed by {names(data['disputed_by'])}")
    if data.get("when"):
        parts.append(data["when"])
    if data.get("weight") is not None:
        parts.append(f"weight {data['weight']:g}")
    if data.get("count"):
        parts.append(f"{data['count']:,} times")
    return "; ".join(parts)


def evidence_lines(evidence: Sequence[dict], indent: str) -> list[str]:
    lines = []
    for e in evidence:
        quote = " ".join(e["quote"].split())
        where = e["source"] + (f", {e['url']}" if e.get("url") else "")
        # Non-breaking spaces keep a short "— source" on one line (plain spaces again after); a
        # long one may break between its words, never inside one.
        glued = "\u00a0".join(["—", *where.split()]) if len(where) <= 40 else f"— {where}"
        against = "against:\u00a0" if e.get("side") == "dispute" else ""
        # A paraphrase is not shown between quotation marks, as if it were the source's words.
        said = quote if "(paraphrase" in e["source"].lower() else f"“{quote}”"
        lines.append(wrap(f"{against}{said} {glued}", indent).replace("\u00a0", " "))
    return lines


def chain_block(G: nx.MultiDiGraph, chain: Chain, indent: str, evidence: bool) -> list[str]:
    """The chain on one line, then (with ``evidence``) each step with its status and quotes."""
    lines = wrap_parts(chain.parts(G), indent)
    if not evidence:
        return lines
    for step in chain.steps:
        u, v = (step.source, step.target) if step.forward else (step.target, step.source)
        data = G.edges[u, v, step.relation]
        note = claim_note(G, data)
        head = f"{actor_name(G, u)} {step.type} {actor_name(G, v)}"
        lines.append(wrap(head + (f" ({note})" if note else "") + ":", indent + "  "))
        if data.get("evidence"):
            lines.extend(evidence_lines(data["evidence"], indent + "    "))
        else:
            lines.append(indent + "    (no evidence given)")
    return lines
