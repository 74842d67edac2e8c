"""A briefing as Markdown, for a course page, a wiki or a GitHub README."""

from __future__ import annotations

import re

from graph.briefing.content import Brief

__all__ = ["md_escape", "to_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~&#!{}])")


def md_escape(text: object) -> str:
    """Text from the data, made inert: Markdown and HTML characters are backslash-escaped
    and line breaks become spaces, so a name like ``*bold*`` or ``|`` shows as itself.

    >>> md_escape("<script> *bold* a|b")
    '\\\\<script\\\\> \\\\*bold\\\\* a\\\\|b'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _refs(numbers: list[int]) -> str:
    return "".join(f" [{n}]" for n in numbers)


def _score(value: float) -> str:
    return f"{value:.3f}" if value >= 0.001 or value == 0 else f"{value:.2g}"


def to_markdown(brief: Brief, figure: str | None = None, figure_caption: str | None = None) -> str:
    """The briefing as Markdown; ``figure`` is the picture's path relative to the file."""
    e = md_escape
    quotes = {q.number: q.text for q in brief.quotes}
    out: list[str] = [f"# {e(brief.title)}", ""]
    out += [f"*Briefing for {brief.audience}. Scope: {e(brief.scope)}.*", ""]
    for note in brief.notes:
        out += [f"*{e(note)}*", ""]
    if brief.description:
        out += [e(brief.description), ""]
    if brief.source_documents:
        shown = ", ".join(e(s) for s in brief.source_documents)
        n = len(brief.quotes)
        quoted = f"{n} quotation{'s' if n != 1 else ''}"
        out += [f"**Sources:** {shown} ({quoted}, listed at the end).", ""]
    if figure:
        out += [f"![{e(figure_caption or 'The network')}]({figure})", ""]
        if figure_caption:
            out += [f"*{e(figure_caption)}*", ""]

    out += ["## The cast", "", "| Actor | Kind | Role | Also called |", "|---|---|---|---|"]
    out += [f"| {e(a['name'])} | {e(a['kind'])} | {e(a['role'])} | {e(a['aliases'])} |"
            for a in brief.cast]  # fmt: skip
    if len(brief.cast) < brief.cast_total:
        out += ["", f"*The {len(brief.cast)} most connected of {brief.cast_total:,} actors.*"]
    out.append("")

    if brief.limits:
        out += ["> **What this map cannot tell you**", ">"]
        out += [f"> - {e(line)}" for line in brief.limits]
        out.append("")

    out += ["## Key actors", ""]
    for section in brief.key_actors:
        out += [f"**{e(section.measure[0].upper() + section.measure[1:])}**: {e(section.meaning)}.",
                ""]  # fmt: skip
        if not section.rows:
            out += ["No actor scores above zero.", ""]
            continue
        for i, row in enumerate(section.rows, 1):
            number = f" ({_score(row['value'])})" if brief.numbers else ""
            out.append(f"{i}. **{e(row['name'])}**{number}: {e(row['why'])}.")
        out.append("")

    out += ["## Chains of influence", ""]
    if not brief.chains:
        out += ["No chain of two relations or more carries influence in this view.", ""]
    for i, chain in enumerate(brief.chains, 1):
        out.append(f"{i}. {e(chain['text'])} (strength {chain['strength']:.2f})")
        for step in chain["steps"]:
            said = "".join(f": “{e(quotes[n])}”" for n in step.spelled)
            out.append(f"   - {e(step.sentence)}{said}{_refs(step.quotes)}")
    out.append("")

    out += ["## Hostility and cooperation", ""]
    for stance, rows in brief.stances.items():
        total = brief.stance_totals.get(stance, len(rows))
        out += [f"**{stance.capitalize()}** ({total}):", ""]
        out += [f"- {e(r.sentence)}{_refs(r.quotes)}" for r in rows]
        if len(rows) < total:
            out.append(f"- *and {total - len(rows):,} more*")
        out.append("")
    if not brief.stances:
        out += ["No relation in this view.", ""]

    out += ["## Contested claims", ""]
    if brief.claims:
        out += [
            "| Claim | Status | Claimed by | Disputed by | For | Against |",
            "|---|---|---|---|---|---|",
        ]
        out += [f"| {e(c.sentence)} | {c.status} | {e(', '.join(c.claimed_by)) or '—'} | "
                f"{e(', '.join(c.disputed_by)) or '—'} | {_refs(c.quotes).strip() or '—'} | "
                f"{_refs(c.against).strip() or '—'} |" for c in brief.claims]  # fmt: skip
        if len(brief.claims) < brief.claims_total:
            out += ["", f"*{len(brief.claims)} of {brief.claims_total:,} contested claims.*"]
    else:
        out.append("Every relation in this view is confirmed, and nobody disputes one.")
    out.append("")

    if brief.timeline:
        out += ["## Timeline", "", "| When | What |", "|---|---|"]
        out += [f"| {e(t['when'])} | {e(t['sentence'])} |" for t in brief.timeline]
        if len(brief.timeline) < brief.timeline_total:
            out += ["", f"*{len(brief.timeline)} of {brief.timeline_total:,} dated relations.*"]
        out.append("")

    out += ["## Sources", ""]
    if brief.quotes:
        for q in brief.quotes:
            url = f" <{q.url}>" if q.url and re.match(r"https?://[^\s<>]+$", q.url) else ""
            out.append(f"{q.number}. “{e(q.text)}” — {e(q.source)}{url}")
    else:
        out.append("The relations in this view cite no evidence.")
    out.append("")

    if brief.questions:
        out += ["## Questions for discussion", ""]
        teacher = [q for q in brief.questions if q.teacher]
        generated = [q for q in brief.questions if not q.teacher]
        if teacher:
            out += ["*Your teacher's questions:*", ""]
            out += [f"- {e(q.text)}" for q in teacher]
            out.append("")
            if generated:
                out += ["*Questions from the data:*", ""]
        out += [f"{i}. {e(q.text)} *(See: {', '.join(q.refers_to)}.)*"
                for i, q in enumerate(generated, 1)]  # fmt: skip
        if generated:
            out.append("")
    if brief.glossary:
        out += ["## Glossary", ""]
        out += [f"- **{e(term)}**: {e(meaning)}" for term, meaning in brief.glossary]
        out.append("")
    return "\n".join(out)
