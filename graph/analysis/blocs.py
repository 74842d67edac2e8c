"""Blocs: groups of actors more linked among themselves than to the rest (Louvain modularity)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.records import actor_name, actor_ref, node_class

__all__ = ["BLOC_COLUMNS", "Bloc", "Blocs", "bloc_network", "bloc_report", "blocs"]

#: The CSV columns of :meth:`Blocs.rows`.
BLOC_COLUMNS = ("bloc", "id", "name", "bloc_size")


@dataclass(frozen=True)
class Bloc:
    """One bloc: its members, the relations inside it and how tied it is to the others.

    ``members`` are actor ids, the most linked inside the bloc first (then by name);
    ``relations`` are ``(relation id, type, source, target)`` for every relation between two
    members (what holds the bloc together); ``outside`` counts the relations between a member and an
    actor of another bloc; ``modularity`` is that of the whole partition (the same for every
    bloc of one answer).
    """

    number: int
    members: tuple[str, ...]
    relations: tuple[tuple[str, str, str, str], ...]
    outside: int
    modularity: float

    @property
    def types(self) -> dict[str, int]:
        """How many of the relations inside are of each type, most frequent first."""
        counts = Counter(r[1] for r in self.relations)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def bloc_network(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected, weighted graph blocs are found on.

    One edge per pair of actors joined by at least one relation, in either direction; its
    ``weight`` is the number of relations between the two (written either way, symmetric or
    not), each claim counting with its status weight (alleged 0.5, denied 0.25 by default):
    two actors tied by three relations are held together three times as strongly as two tied
    by one. Relations of an actor with itself are left out, and so are actors with no
    relation to another actor.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, k in [("a", "b", "r1"), ("b", "a", "r2"), ("b", "c", "r3")]:
    ...     _ = G.add_edge(u, v, key=k, directed=True)
    >>> G.add_node("lonely")
    >>> sorted(bloc_network(G).edges(data="weight"))
    [('a', 'b', 2.0), ('b', 'c', 1.0)]
    """
    U = nx.Graph()
    for u, v, d in G.edges(data=True):
        weight = d.get("claim_weight", 1.0)  # a claim holds two actors together less
        if u == v or weight <= 0:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += weight
        else:
            U.add_edge(u, v, weight=weight)
    # A fixed node order, so that the same data read in another order gives the same blocs.
    H = nx.Graph()
    H.add_nodes_from(sorted(U, key=str))
    H.add_edges_from(sorted(U.edges(data=True), key=lambda e: tuple(sorted(map(str, e[:2])))))
    return H


def blocs(G: nx.MultiDiGraph, *, seed: int = 7, resolution: float = 1.0) -> list[Bloc]:
    """The blocs of ``G``'s relations, largest first, by Louvain modularity (networkx's
    ``louvain_communities``, seeded: the same seed gives the same blocs).

    The blocs are found on :func:`bloc_network`: relations count whatever their direction
    and stance, weighted by how many join each pair, so a militia and the base it attacks
    may share a bloc; select the relation types that should count (cooperative ones, say)
    before asking. Actors with no relation to another actor belong to no bloc and are left
    out. A ``resolution`` above 1 gives more, smaller blocs; below 1, fewer, larger ones.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"),
    ...              ("c", "x")]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", type="allies_with", directed=False)
    >>> found = blocs(G)
    >>> [b.members for b in found]
    [('a', 'b', 'c'), ('x', 'y', 'z')]
    >>> [r[0] for r in found[0].relations], found[0].outside, round(found[0].modularity, 3)
    (['a-b', 'a-c', 'b-c'], 1, 0.357)
    >>> found[0].types
    {'allies_with': 3}
    """
    U = bloc_network(G)
    if U.number_of_edges() == 0:
        return []
    parts = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
    modularity = nx.community.modularity(U, parts, weight="weight", resolution=resolution)
    names = {n: actor_name(G, n) for n in U}
    bloc_of = {n: i for i, part in enumerate(parts) for n in part}
    inside: list[list[tuple[str, str, str, str]]] = [[] for _ in parts]
    outside = [0] * len(parts)
    degree = Counter()
    for u, v, key, data in G.edges(keys=True, data=True):
        if u == v:
            continue
        if bloc_of[u] == bloc_of[v]:
            inside[bloc_of[u]].append((key, data.get("type"), u, v))
            degree[u] += 1
            degree[v] += 1
        else:
            outside[bloc_of[u]] += 1
            outside[bloc_of[v]] += 1
    found = []
    for i, part in enumerate(parts):
        members = tuple(sorted(part, key=lambda n: (-degree[n], names[n], str(n))))
        relations = tuple(sorted(inside[i], key=lambda r: str(r[0])))
        found.append((members, relations, outside[i]))
    found.sort(key=lambda f: (-len(f[0]), -len(f[1]), names[f[0][0]]))
    return [
        Bloc(number, members, relations, out, modularity)
        for number, (members, relations, out) in enumerate(found, 1)
    ]


def _standing_together(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The cooperative relations between agents (every actor stays)."""
    H = G.copy()
    H.remove_edges_from(
        [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
         if d.get("stance") != "cooperative"
         or node_class(G, u) != "agent" or node_class(G, v) != "agent"]
    )  # fmt: skip
    return H


@dataclass(frozen=True)
class Blocs:
    """The blocs of a network and the actors in none (see :func:`bloc_report`).

    ``blocs`` are all the blocs found, largest first; ``top`` (None for all) is how many of
    them the answer shows (``shown``, what ``as_dict()`` and ``rows()`` list); ``unplaced``
    are the actors with no relation to another, in graph order; ``actors`` and ``relations``
    count the network's; ``seed`` and ``resolution`` are those the blocs were found with.
    """

    blocs: tuple[Bloc, ...]
    unplaced: tuple[str, ...]
    modularity: float
    actors: int
    relations: int
    seed: int
    resolution: float
    top: int | None
    #: The network the blocs were found in, for the actors' names.
    _graph: nx.MultiDiGraph = field(repr=False, compare=False)
    #: Found on every relation (arenas of interaction), not on cooperative ties among agents.
    all_ties: bool = False

    columns = BLOC_COLUMNS

    @property
    def shown(self) -> tuple[Bloc, ...]:
        """The ``top`` largest blocs (all without a ``top``)."""
        return self.blocs[: self.top] if self.top else self.blocs

    def as_dict(self) -> dict[str, Any]:
        """The network's counts, the method and its parameters, the modularity, how many blocs
        there are, each shown bloc with its members, relation types and relations, and the
        ids of the unplaced actors."""
        return {
            "actors": self.actors,
            "relations": self.relations,
            "method": "louvain",
            "ties": "all" if self.all_ties else "cooperative, between agents",
            "seed": self.seed,
            "resolution": self.resolution,
            "modularity": self.modularity,
            "count": len(self.blocs),
            "blocs": [
                {
                    "bloc": b.number,
                    "size": len(b.members),
                    "members": [actor_ref(self._graph, n) for n in b.members],
                    "types": b.types,
                    "relations_inside": [
                        {"id": r, "type": t, "source": u, "target": v} for r, t, u, v in b.relations
                    ],
                    "relations_outside": b.outside,
                }
                for b in self.shown
            ],
            "unplaced": list(self.unplaced),
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per member of a shown bloc, then one per unplaced actor (no bloc)."""
        name = lambda n: actor_name(self._graph, n)  # noqa: E731
        rows = [
            {"bloc": b.number, "id": n, "name": name(n), "bloc_size": len(b.members)}
            for b in self.shown
            for n in b.members
        ]
        rows += [{"bloc": None, "id": n, "name": name(n), "bloc_size": None} for n in self.unplaced]
        return rows


def bloc_report(
    G: nx.MultiDiGraph,
    *,
    seed: int = 7,
    resolution: float = 1.0,
    top: int | None = None,
    all_ties: bool = False,
) -> Blocs:
    """:func:`blocs` as one answer: the blocs, the actors in none, the modularity (0 when
    there is no bloc), and the ``top`` largest blocs to show (all without it).

    By default the blocs are found on the cooperative relations among agents: who stands with
    whom. ``all_ties`` finds them on every relation, hostile ones and places included: arenas
    of interaction, where a militia and the base it attacks may share a bloc.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", type="allies_with", directed=False,
    ...                    stance="cooperative")
    >>> G.add_node("lonely", name="Lonely")
    >>> found = bloc_report(G, top=1)
    >>> [b.members for b in found.shown], found.unplaced
    ([('a', 'b', 'c')], ('lonely',))
    >>> found.as_dict()["count"], found.rows()[-1]
    (2, {'bloc': None, 'id': 'lonely', 'name': 'Lonely', 'bloc_size': None})
    """
    H = G if all_ties else _standing_together(G)
    found = blocs(H, seed=seed, resolution=resolution)
    placed = {n for b in found for n in b.members}
    return Blocs(
        all_ties=all_ties,
        blocs=tuple(found),
        unplaced=tuple(n for n in G if n not in placed),
        modularity=found[0].modularity if found else 0.0,
        actors=G.number_of_nodes(),
        relations=G.number_of_edges(),
        seed=seed,
        resolution=resolution,
        top=top,
        _graph=G,
    )
