"""Parts of a graph worth looking at alone: one actor's neighbourhood, the relations in force
on a date, the graph without actors left with no relation."""

from __future__ import annotations

import networkx as nx

from graph.dates import PartialDate

__all__ = ["drop_isolates", "focus", "in_force"]


def focus(G: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """The actors within ``depth`` relations of ``actor`` (in either direction), and every
    relation among them (the ego network).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")])
    >>> sorted(focus(G, "a", 1)), sorted(focus(G, "a", 2).edges())
    (['a', 'b'], [('a', 'b'), ('b', 'c'), ('c', 'd'), ('d', 'b')])
    """
    return nx.ego_graph(G, actor, radius=depth, undirected=True)


def in_force(G: nx.MultiDiGraph, when: PartialDate) -> nx.MultiDiGraph:
    """Only the relations in force at some time during ``when`` (a day, a month or a year).

    Undated relations are timeless and always kept; a dated one is kept when its span
    (see :mod:`graph.dates`) overlaps ``when``. Every actor stays.

    >>> from graph.dates import parse_partial_date
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="old", first_day="2019-01-01", last_day="2019-12-31")
    'old'
    >>> G.add_edge("a", "b", key="since", first_day="2020-10-01", last_day=None)
    'since'
    >>> G.add_edge("a", "b", key="timeless")
    'timeless'
    >>> sorted(k for *_, k in in_force(G, parse_partial_date("2021")).edges(keys=True))
    ['since', 'timeless']
    """
    first, last = when.first.isoformat(), when.last.isoformat()
    H = G.copy()
    H.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, d in G.edges(keys=True, data=True)
            if (d.get("first_day") and d["first_day"] > last)
            or (d.get("last_day") and d["last_day"] < first)
        ]
    )
    return H


def drop_isolates(G: nx.MultiDiGraph, keep: str | None = None) -> tuple[nx.MultiDiGraph, int]:
    """The graph without actors that take part in no relation (``keep`` stays regardless),
    and how many were dropped."""
    lonely = [n for n in nx.isolates(G) if n != keep]
    if not lonely:
        return G, 0
    H = G.copy()
    H.remove_nodes_from(lonely)
    return H, len(lonely)
