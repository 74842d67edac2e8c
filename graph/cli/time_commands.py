"""Questions about time and about claims: timeline, changes, claims."""

from __future__ import annotations

from dataclasses import replace

import click

from graph.analysis.centrality import MEANINGS
from graph.analysis.claims import contested_claims
from graph.analysis.resolve import resolve_actor
from graph.analysis.timeline import changes, timeline
from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import claim_note, count, evidence_lines, number, table, to_csv, to_json, wrap


def _sentence(r: dict) -> str:
    return f"{r['source_name']} {r['type']} {r['target_name']}"


@cli.command(name="timeline")
@base.data_options
@base.filter_options
@base.format_option
def timeline_command(data, strict, selection, fmt):
    """List the dated relations in order, grouped by month.

    A relation sits at the day its span begins (or ends, for one given only an end).
    Relations dated to a year only are grouped under the year, before its months. Undated
    relations are timeless and not listed.

    \b
    Example:
      actorgraph timeline
      actorgraph timeline --type targets --format csv
    """
    _, G, _ = base.load_data(data, strict, selection)
    groups = timeline(G)
    if fmt == "json":
        emit(to_json([{"period": g.label, "relations": g.relations} for g in groups]))
        return
    if fmt == "csv":
        rows = [{"period": g.label, **r} for g in groups for r in g.relations]
        emit(to_csv(rows, ["period", "when", "id", "source", "type", "target", "status"]))
        return
    dated = sum(len(g.relations) for g in groups)
    undated = G.number_of_edges() - dated
    if not groups:
        emit(f"No relation is dated ({count(undated, 'relation')}, all timeless).")
        return
    for g in groups:
        emit(g.label)
        for r in g.relations:
            note = claim_note(G, {**G.edges[r["source"], r["target"], r["id"]], "when": None})
            emit(wrap(f"{r['when']:<22} {_sentence(r)}" + (f" ({note})" if note else ""), "  "))
    emit(
        f"\n{count(dated, 'dated relation')} in {count(len(groups), 'period')}; "
        f"{count(undated, 'undated relation')} (timeless, always in force)."
    )


@cli.command(name="changes")
@click.option(
    "--from",
    "start",
    type=base.DateType(),
    required=True,
    metavar="DATE",
    help="The earlier date (YYYY, YYYY-MM or YYYY-MM-DD).",
)
@click.option(
    "--to", "end", type=base.DateType(), required=True, metavar="DATE", help="The later date."
)
@base.top_option(5, "How many key actors to compare.")
@base.data_options
@base.filter_options
@base.format_option
def changes_command(start, end, top, data, strict, selection, fmt):
    """Say which relations appeared and ended between two dates, and how key actors shifted.

    A relation is in force at a date when its span overlaps it (a month or a year means
    any time in it); undated relations are always in force, so they never appear or end.
    Key actors are compared by PageRank and betweenness on the relations in force at each
    date.

    \b
    Example:
      actorgraph changes --from 2020-09 --to 2020-11
      actorgraph changes --from 2019 --to 2021 --format json
    """
    if end.last < start.first:
        raise click.UsageError(f"--to {end} is before --from {start}")
    _, G, _ = base.load_data(data, strict, selection)
    c = changes(G, start, end, top=top)
    if fmt == "json":
        emit(
            to_json(
                {
                    "from": c.before,
                    "to": c.after,
                    "appeared": c.appeared,
                    "ended": c.ended,
                    "unchanged": c.unchanged,
                    "shifts": c.shifts,
                }
            )
        )
        return
    if fmt == "csv":
        rows = [{"change": "appeared", **r} for r in c.appeared]
        rows += [{"change": "ended", **r} for r in c.ended]
        emit(to_csv(rows, ["change", "id", "source", "type", "target", "status", "when"]))
        return
    emit(f"From {c.before} to {c.after} (relations in force at each date; undated ones always)\n")
    for title, rows, mark in (("Appeared", c.appeared, "+"), ("Ended", c.ended, "-")):
        emit(f"{title} ({len(rows)}):" + ("" if rows else " none"))
        for r in rows:
            note = claim_note(G, G.edges[r["source"], r["target"], r["id"]])
            emit(wrap(f"{mark} {_sentence(r)}" + (f" ({note})" if note else ""), "  "))
    emit(f"Unchanged: {count(c.unchanged, 'relation')}")
    for measure, rows in c.shifts.items():
        emit(f"\nKey actors by {measure} ({MEANINGS[measure]}):")
        shown = [{"name": r["name"], "before": number(r["before"]), "rank_before": r["rank_before"],
                  "after": number(r["after"]), "rank_after": r["rank_after"],
                  "move": _move(r["rank_before"], r["rank_after"])} for r in rows]  # fmt: skip
        emit(
            table(
                shown,
                [
                    ("name", "ACTOR"),
                    ("before", c.before),
                    ("rank_before", "RANK"),
                    ("after", c.after),
                    ("rank_after", "RANK"),
                    ("move", ""),
                ],
                "  ",
            )
        )


def _move(before: int, after: int) -> str:
    if after < before:
        return f"up {before - after}"
    if after > before:
        return f"down {after - before}"
    return ""


@cli.command(name="claims")
@click.option(
    "--actor", metavar="ACTOR", help="Only claims this actor takes part in, makes or disputes."
)
@base.data_options
@base.filter_options
@base.format_option
def claims_command(actor, data, strict, selection, fmt):
    """List the contested relations: who claims, who disputes, and the evidence on each side.

    A relation is contested when its status is alleged or denied, or when someone claims or
    disputes it. Quotes are split by their side: `side: dispute` in the data marks a quote
    that denies the relation.

    \b
    Example:
      actorgraph claims
      actorgraph claims --actor Iran --format json
    """
    # The record of claims keeps the refuted ones, which every other command leaves out.
    _, G, _ = base.load_data(data, strict, replace(selection, keep_refuted=True))
    actor_id = resolve_actor(G, actor) if actor else None
    found = [c.as_dict() for c in contested_claims(G, actor=actor_id)]
    if fmt == "json":
        emit(to_json(found))
        return
    if fmt == "csv":
        for c in found:
            c["quotes_for"] = [e["quote"] for e in c["evidence_for"]]
            c["quotes_against"] = [e["quote"] for e in c["evidence_against"]]
        emit(to_csv(found, ["id", "sentence", "status", "when", "claimed_by", "disputed_by",
                            "quotes_for", "quotes_against"]))  # fmt: skip
        return
    if not found:
        emit("No contested relation: every relation is confirmed, and nobody disputes one.")
        return
    for i, c in enumerate(found, 1):
        emit(f"{i}. {c['sentence']} — {c['status']}" + (f", {c['when']}" if c["when"] else ""))
        emit(f"   claimed by:  {', '.join(c['claimed_by']) or 'nobody named in the data'}")
        emit(f"   disputed by: {', '.join(c['disputed_by']) or 'nobody named in the data'}")
        if c.get("note"):
            emit(wrap(f"note: {c['note']}", "   "))
        for label, evidence in (("for", c["evidence_for"]), ("against", c["evidence_against"])):
            lines = evidence_lines([{**e, "side": "claim"} for e in evidence], "      ")
            emit(f"   evidence {label}:" + ("" if lines else " none given"))
            if lines:
                emit("\n".join(lines))
    emit(f"\n{count(len(found), 'contested relation')}")
