"""Lists of actors and relations, and one actor's relations grouped by type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.analysis.resolve import resolve_actor

__all__ = [
    "left_out_kinds",
    "node_class",
    "NEIGHBOR_COLUMNS",
    "NEIGHBOR_GROUPS",
    "DictResult",
    "Neighbors",
    "actor_name",
    "actor_record",
    "actor_ref",
    "list_actors",
    "list_relations",
    "neighbors",
    "relation_record",
]

#: The CSV columns of :meth:`Neighbors.rows`.
NEIGHBOR_COLUMNS = ("direction", "type", "source", "target", "status", "when", "claimed_by",
                    "disputed_by", "id")  # fmt: skip
#: The groups of :func:`neighbors`, in the order they are shown.
NEIGHBOR_GROUPS = ("outgoing", "incoming", "mutual")


class DictResult(dict):
    """A result that is its own plain data: a dict (read it by key, print it as JSON), with
    ``as_dict()`` like every analysis result, and ``rows()`` for CSV in subclasses that have
    rows (``columns`` names their columns)."""

    columns: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The result as a plain dict, as ``--format json`` prints it."""
        return dict(self)

    def rows(self) -> list[dict[str, Any]]:
        """The result as CSV rows, one dict per row, keyed by ``columns``."""
        raise NotImplementedError


class Neighbors(DictResult):
    """One actor's relations (see :func:`neighbors`); a row per relation for CSV."""

    columns = NEIGHBOR_COLUMNS

    def rows(self) -> list[dict[str, Any]]:
        """Every relation record, outgoing then incoming then mutual, with its ``direction``."""
        return [
            {"direction": group, **record}
            for group in NEIGHBOR_GROUPS
            for records in self[group].values()
            for record in records
        ]


def actor_name(G: nx.MultiDiGraph, actor: str) -> str:
    """The name an actor is shown by: its ``name``, else its id (also for an id the graph does
    not hold, such as a claimant named in a relation but left out of a view).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", name="United States")
    >>> actor_name(G, "us"), actor_name(G, "gone")
    ('United States', 'gone')
    """
    data = G.nodes[actor] if actor in G else {}
    return str(data.get("name") or actor)


def actor_ref(G: nx.MultiDiGraph, actor: str) -> dict[str, str]:
    """An actor as results name it: ``{"id": …, "name": …}`` (the name by :func:`actor_name`).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", name="United States")
    >>> actor_ref(G, "us")
    {'id': 'us', 'name': 'United States'}
    """
    return {"id": actor, "name": actor_name(G, actor)}


def node_class(G: nx.MultiDiGraph, actor: str) -> str:
    """The class of an actor's kind: ``agent`` (acts), ``place`` (where things happen) or
    ``event`` (what happens); an actor without one is an agent.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("zone", node_class="place"); G.add_node("iran")
    >>> node_class(G, "zone"), node_class(G, "iran")
    ('place', 'agent')
    """
    return G.nodes[actor].get("node_class") or "agent"


def left_out_kinds(G: nx.MultiDiGraph, actors) -> dict[str, int]:
    """How many of ``actors`` are not agents, by class (``{"place": 3}``): what a ranking of
    agents leaves out."""
    out: dict[str, int] = {}
    for actor in actors:
        cls = node_class(G, actor)
        if cls != "agent":
            out[cls] = out.get(cls, 0) + 1
    return out


def actor_record(G: nx.MultiDiGraph, actor: str) -> dict[str, Any]:
    """One actor as a flat record: id, name, kind, aliases and description."""
    data = G.nodes[actor]
    return {
        "id": actor,
        "name": data["name"],
        "kind": data["kind"],
        "aliases": list(data.get("aliases") or []),
        "description": data.get("description"),
    }


def relation_record(G: nx.MultiDiGraph, u: str, v: str, key: str) -> dict[str, Any]:
    """One relation as a flat record (ids and names of both ends, type, status, evidence…)."""
    d = G.edges[u, v, key]
    return {
        "id": key,
        "source": u,
        "source_name": actor_name(G, u),
        "type": d["type"],
        "target": v,
        "target_name": actor_name(G, v),
        "directed": d["directed"],
        "stance": d["stance"],
        "status": d["status"],
        "when": d.get("when"),
        "claimed_by": list(d.get("claimed_by") or []),
        "disputed_by": list(d.get("disputed_by") or []),
        "note": d.get("note"),
        "weight": d.get("weight"),
        "count": d.get("count"),
        "evidence": [dict(e) for e in d.get("evidence") or []],
        "file": d.get("file"),
        "line": d.get("line"),
    }


def list_actors(G: nx.MultiDiGraph, *, kinds: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Actors in file order, with how many relations each takes part in.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", kind="state", aliases=["Alpha"], description=None)
    >>> G.add_node("b", name="B", kind="person", aliases=[], description="x")
    >>> G.add_edge("a", "b")
    0
    >>> [(a["id"], a["relations"]) for a in list_actors(G, kinds=["state"])]
    [('a', 1)]
    """
    wanted = _folded(kinds)
    out = []
    for node, data in G.nodes(data=True):
        if wanted is not None and data["kind"].casefold() not in wanted:
            continue
        relations = G.in_degree(node) + G.out_degree(node) - G.number_of_edges(node, node)
        out.append({**actor_record(G, node), "relations": relations})
    return out


def list_relations(
    G: nx.MultiDiGraph,
    *,
    actor: str | None = None,
    kinds: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Relations in file order; ``actor`` keeps those it takes part in, ``kinds`` those with an
    actor of one of these kinds at either end."""
    wanted = _folded(kinds)
    out = []
    for u, v, key in G.edges(keys=True):
        if actor is not None and actor not in (u, v):
            continue
        if wanted is not None and not (
            G.nodes[u]["kind"].casefold() in wanted or G.nodes[v]["kind"].casefold() in wanted
        ):
            continue
        out.append(relation_record(G, u, v, key))
    out.sort(key=lambda r: (r["file"] or "", r["line"] or 0))
    return out


def neighbors(G: nx.MultiDiGraph, actor: str) -> Neighbors:
    """An actor's relations, grouped: ``outgoing``, ``incoming`` and ``mutual`` (symmetric
    types), each a mapping from relation type to records; ``actor`` is its record. The
    answer is a dict (:class:`Neighbors`), whose ``rows()`` list the relations for CSV.

    >>> G = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     G.add_node(n, name=n.upper(), kind="state", aliases=[], description=None)
    >>> _ = G.add_edge("a", "b", key="r1", type="directs", directed=True, stance="cooperative",
    ...                status="confirmed")
    >>> _ = G.add_edge("c", "a", key="r2", type="allies_with", directed=False, stance="cooperative",
    ...                status="confirmed")
    >>> n = neighbors(G, "a")
    >>> [r["target"] for r in n["outgoing"]["directs"]], [r["source"] for r in n["mutual"]["allies_with"]]
    (['b'], ['c'])
    >>> [(r["direction"], r["id"]) for r in n.rows()]
    [('outgoing', 'r1'), ('mutual', 'r2')]
    """
    actor = resolve_actor(G, actor)
    groups: dict[str, dict[str, list]] = {group: {} for group in NEIGHBOR_GROUPS}
    edges = list(G.out_edges(actor, keys=True)) + [
        e for e in G.in_edges(actor, keys=True) if e[0] != actor
    ]
    for u, v, key in sorted(edges, key=lambda e: G.edges[e].get("line") or 0):
        record = relation_record(G, u, v, key)
        if not record["directed"]:
            group = "mutual"
        else:
            group = "outgoing" if u == actor else "incoming"
        groups[group].setdefault(record["type"], []).append(record)
    return Neighbors({"actor": actor_record(G, actor), **groups})


def _folded(names: Iterable[str] | None) -> set[str] | None:
    if names is None:
        return None
    folded = {n.casefold() for n in names}
    return folded or None
