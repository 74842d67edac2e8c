"""Time: the dated relations in order, and what changed between two dates.

The rule for partial dates (see :mod:`graph.dataset.dates`): ``2020`` stands for the whole year and
``2020-10`` for the whole month. A relation is *in force* at a date when its span overlaps that
date's period; undated relations are timeless, in force at every date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.centrality import centrality
from graph.analysis.records import actor_name, relation_record
from graph.analysis.selection import in_force
from graph.dataset.dates import PartialDate

__all__ = ["Changes", "TimelineGroup", "changes", "timeline"]


@dataclass
class TimelineGroup:
    """The dated relations that begin in one month (``label`` 2020-10) or, when dated to the
    year only, in one year (``label`` 2020)."""

    label: str
    relations: list[dict[str, Any]] = field(default_factory=list)


def _anchor(d: dict) -> tuple[str, str] | None:
    """Where a relation sits in time: (day it starts, or ends if it has no start; group label)."""
    text = d.get("date") or d.get("start") or d.get("end")
    day = d.get("first_day") or d.get("last_day")
    if not text or not day:
        return None
    return day, text[:7]


def timeline(G: nx.MultiDiGraph) -> list[TimelineGroup]:
    """Dated relations in order of the day they begin (or end, for ``until`` periods), grouped
    by month, or by year for those dated to the year only. Undated relations are left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A"); G.add_node("b", name="B")
    >>> for key, date, first, last in [("r1", "2020-10-03", "2020-10-03", "2020-10-03"),
    ...                                ("r2", "2020", "2020-01-01", "2020-12-31"),
    ...                                ("r3", "2020-10", "2020-10-01", "2020-10-31")]:
    ...     _ = G.add_edge("a", "b", key=key, type="targets", date=date, first_day=first,
    ...                    last_day=last, when=date, directed=True, stance="hostile",
    ...                    status="confirmed")
    >>> [(g.label, [r["id"] for r in g.relations]) for g in timeline(G)]
    [('2020', ['r2']), ('2020-10', ['r3', 'r1'])]
    """
    dated = []
    for u, v, key, d in G.edges(keys=True, data=True):
        anchor = _anchor(d)
        if anchor is not None:
            # A year-only date sorts before the months of its year; then by day, then precision.
            day, label = anchor
            dated.append((day, len(label), -len(d.get("when") or ""), label, u, v, key))
    dated.sort(key=lambda x: (x[3][:4], x[1], x[0], x[2]))
    groups: dict[str, TimelineGroup] = {}
    for *_, label, u, v, key in dated:
        group = groups.setdefault(label, TimelineGroup(label))
        group.relations.append(relation_record(G, u, v, key))
    return list(groups.values())


@dataclass
class Changes:
    """What differs between the relations in force at ``before`` and at ``after``."""

    before: str
    after: str
    appeared: list[dict[str, Any]]
    ended: list[dict[str, Any]]
    unchanged: int
    shifts: dict[str, list[dict[str, Any]]]  # measure -> [{id, name, before, after, rank…}]


def changes(
    G: nx.MultiDiGraph, before: PartialDate, after: PartialDate, *, top: int = 5
) -> Changes:
    """Relations that appeared (in force at ``after`` but not at ``before``) and ended (the
    reverse), and how the key actors shifted: PageRank and betweenness at both dates for the
    actors in either top ``top``, with their ranks.

    >>> from graph.dataset.dates import parse_partial_date as d
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     G.add_node(n, name=n.upper())
    >>> _ = G.add_edge("a", "b", key="old", first_day="2019-01-01", last_day="2019-12-31",
    ...                type="supports", directed=True, stance="cooperative", status="confirmed")
    >>> _ = G.add_edge("b", "c", key="new", first_day="2021-01-01", last_day=None,
    ...                type="targets", directed=True, stance="hostile", status="confirmed")
    >>> c = changes(G, d("2019"), d("2021"))
    >>> [r["id"] for r in c.appeared], [r["id"] for r in c.ended], c.unchanged
    (['new'], ['old'], 0)
    """
    at_before, at_after = in_force(G, before), in_force(G, after)
    keys_before = set(at_before.edges(keys=True))
    keys_after = set(at_after.edges(keys=True))
    new, gone = keys_after - keys_before, keys_before - keys_after
    appeared = [relation_record(G, *e) for e in G.edges(keys=True) if e in new]
    ended = [relation_record(G, *e) for e in G.edges(keys=True) if e in gone]
    shifts: dict[str, list[dict[str, Any]]] = {}
    scores_before = centrality(at_before, ["pagerank", "betweenness"])
    scores_after = centrality(at_after, ["pagerank", "betweenness"])
    for measure in ("pagerank", "betweenness"):
        rank_before = {n: i for i, (n, _) in enumerate(scores_before.ranked(measure), 1)}
        rank_after = {n: i for i, (n, _) in enumerate(scores_after.ranked(measure), 1)}
        shown = [n for n, r in rank_before.items() if r <= top]
        shown += [n for n, r in rank_after.items() if r <= top and n not in shown]
        rows = []
        for n in shown:
            rows.append({
                "id": n,
                "name": actor_name(G, n),
                "before": scores_before.scores[measure][n],
                "after": scores_after.scores[measure][n],
                "rank_before": rank_before[n],
                "rank_after": rank_after[n],
            })  # fmt: skip
        rows.sort(key=lambda r: (r["rank_after"], r["rank_before"]))
        shifts[measure] = rows
    return Changes(
        before=str(before),
        after=str(after),
        appeared=appeared,
        ended=ended,
        unchanged=len(keys_before & keys_after),
        shifts=shifts,
    )
