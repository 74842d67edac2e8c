"""Who influences whom, through which chain: the strongest chain of influence between actors.

The strength of a chain is the product of what each of its relations carries (see
:mod:`graph.analysis.flow`: the type's ``influence``, times the relation's ``weight`` and the
weight of its status); the strongest chain is the one with the largest product. Influence goes
on through control relations, stops at the target of pressure, and does not flow through
accusing, opposing, rivalling or negotiating. Because every strength is at most 1, going round
a cycle never makes a chain stronger, so the chains found are simple paths and the search ends.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import networkx as nx

from graph.analysis.chains import Chain, make_step
from graph.analysis.flow import RULE, Label, moves, strongest
from graph.analysis.records import actor_name, actor_ref, left_out_kinds, node_class
from graph.analysis.resolve import resolve_actor

__all__ = [
    "INFLUENCE_COLUMNS",
    "SEARCH_ACTORS",
    "SEARCH_DEPTH",
    "InfluenceRanking",
    "Reach",
    "influence_chains",
    "influence_ranking",
    "influence_reach",
    "influenced_by_chains",
    "search_bounds",
    "strongest_chains",
]

#: Past this many actors, an overview (a summary, a briefing) searches chains of influence
#: from the SEARCH_ACTORS actors with most outgoing relations only, and at most SEARCH_DEPTH
#: steps deep: from every actor of 10,000, and to any depth, the search would take hours.
SEARCH_ACTORS = 300
SEARCH_DEPTH = 4
#: The CSV columns of :meth:`InfluenceRanking.rows`.
INFLUENCE_COLUMNS = ("rank", "actor", "name", "strength", "hops", "chain", "relations")


def search_bounds(G: nx.MultiDiGraph) -> tuple[list[str] | None, int | None]:
    """``(actors, depth)`` for an overview's search of chains on ``G``: ``(None, None)``
    (every actor, any depth) up to :data:`SEARCH_ACTORS` actors; past that, the
    :data:`SEARCH_ACTORS` actors with most outgoing relations (ties by id) and
    :data:`SEARCH_DEPTH`."""
    if len(G) <= SEARCH_ACTORS:
        return None, None
    return sorted(G, key=lambda n: (-G.out_degree(n), str(n)))[:SEARCH_ACTORS], SEARCH_DEPTH


def influence_chains(G: nx.MultiDiGraph, actor: str, *, depth: int | None = None) -> list[Chain]:
    """The strongest chain from ``actor`` to every actor it influences, strongest first.

    ``depth`` bounds the number of steps in a chain (the answer is then the strongest chain
    of at most that many steps). Ties in strength go to the shorter chain, then by name.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, t, w in [("iran", "pmu", "directs", .9), ("pmu", "embassy", "targets", .3),
    ...                    ("iran", "embassy", "targets", .3), ("embassy", "zone", "located_in", 0)]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{t}-{v}", type=t, influence=w, directed=True,
    ...                    status="confirmed")
    >>> [(c.actors, round(c.strength, 2)) for c in influence_chains(G, "iran")]
    [(('iran', 'pmu'), 0.9), (('iran', 'embassy'), 0.3)]
    """
    actor = resolve_actor(G, actor)
    return _search(G, actor, depth, backwards=False)


def influenced_by_chains(
    G: nx.MultiDiGraph, actor: str, *, depth: int | None = None
) -> list[Chain]:
    """The strongest chain from every actor that influences ``actor`` to it, strongest first.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, t, w in [("iran", "pmu", "directs", .9), ("pmu", "zone", "targets", .3)]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{t}-{v}", type=t, influence=w, directed=True,
    ...                    status="denied")
    >>> [(c.actors, round(c.strength, 2)) for c in influenced_by_chains(G, "zone")]
    [(('pmu', 'zone'), 0.3), (('iran', 'pmu', 'zone'), 0.27)]
    """
    actor = resolve_actor(G, actor)
    return _search(G, actor, depth, backwards=True)


@dataclass(frozen=True)
class InfluenceRanking:
    """The actors ``actor`` influences (``backwards``: those that influence it), each with
    its strongest chain (``chains``, strongest first, as :func:`influence_chains` or
    :func:`influenced_by_chains` give them, of at most ``depth`` steps); ``top`` (None for
    all) is how many the answer shows (``shown``, what ``as_dict()`` and ``rows()`` list)."""

    actor: str
    backwards: bool
    depth: int | None
    chains: tuple[Chain, ...]
    top: int | None
    #: The network searched, for the actors' names and the chains' texts.
    _graph: nx.MultiDiGraph = field(repr=False, compare=False)
    #: Actors reached that are not agents and so not ranked, by class (``{"place": 3}``).
    left_out: dict[str, int] = field(default_factory=dict)

    columns = INFLUENCE_COLUMNS

    @property
    def direction(self) -> str:
        return "influenced_by" if self.backwards else "influences"

    @property
    def shown(self) -> tuple[Chain, ...]:
        """The ``top`` strongest chains (all without a ``top``)."""
        return self.chains[: self.top] if self.top else self.chains

    def other(self, chain: Chain) -> str:
        """The actor at the other end of ``chain`` from ``actor``."""
        return chain.actors[0] if self.backwards else chain.actors[-1]

    def _ranked(self) -> list[dict[str, Any]]:
        G = self._graph
        return [
            {"rank": i, "actor": self.other(c), "name": actor_name(G, self.other(c)),
             "strength": c.strength, "hops": c.hops}
            for i, c in enumerate(self.shown, 1)
        ]  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        """The actor, the direction, the depth, how many actors there are in all
        (``count``), and each shown one's rank, id, name, strength, steps and chain."""
        return {
            "actor": actor_ref(self._graph, self.actor),
            "direction": self.direction,
            "depth": self.depth,
            "count": len(self.chains),
            "left_out": dict(self.left_out),
            "rule": RULE,
            "status_weights": dict(self._graph.graph.get("status_weights") or {}),
            "results": [
                {**r, "chain": c.as_dict(self._graph)}
                for r, c in zip(self._ranked(), self.shown, strict=True)
            ],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per shown actor: rank, id, name, strength, steps, the chain spelled out,
        and the ids of its relations."""
        return [
            {**r, "chain": c.text(self._graph), "relations": [s.relation for s in c.steps]}
            for r, c in zip(self._ranked(), self.shown, strict=True)
        ]


def influence_ranking(
    G: nx.MultiDiGraph,
    actor: str,
    *,
    backwards: bool = False,
    depth: int | None = None,
    top: int | None = None,
    all_kinds: bool = False,
) -> InfluenceRanking:
    """The actors ``actor`` influences (``backwards``: that influence it), strongest first,
    as one answer to show: :func:`influence_chains` (or :func:`influenced_by_chains`), the
    ``top`` of them shown. Only agents are ranked (places and events, which do not act, are
    counted in ``left_out``) unless ``all_kinds``.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, w in [("iran", "pmu", .9), ("pmu", "zone", .3)]:
    ...     G.add_node(u, name=u.upper())
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", type="t", influence=w, directed=True,
    ...                    status="confirmed")
    >>> ranking = influence_ranking(G, "iran", top=1)
    >>> ranking.as_dict()["count"], ranking.rows()
    (2, [{'rank': 1, 'actor': 'pmu', 'name': 'PMU', 'strength': 0.9, 'hops': 1, 'chain': 'IRAN —t→ PMU', 'relations': ['iran-pmu']}])
    """
    actor = resolve_actor(G, actor)
    search = influenced_by_chains if backwards else influence_chains
    chains = search(G, actor, depth=depth)
    other = (lambda c: c.actors[0]) if backwards else (lambda c: c.actors[-1])
    left_out = {} if all_kinds else left_out_kinds(G, [other(c) for c in chains])
    if left_out:
        chains = [c for c in chains if node_class(G, other(c)) == "agent"]
    return InfluenceRanking(actor, backwards, depth, tuple(chains), top, _graph=G,
                            left_out=left_out)  # fmt: skip


@dataclass(frozen=True)
class Reach:
    """How far an actor's influence goes: how many actors it reaches, and the sum of the
    strengths of its strongest chain to each (its *influence reach*)."""

    actor: str
    reached: int
    total: float
    chains: tuple[Chain, ...]


def influence_reach(
    G: nx.MultiDiGraph,
    *,
    actors: Iterable[str] | None = None,
    depth: int | None = None,
    chains: bool = True,
) -> list[Reach]:
    """Every actor's influence reach (or only ``actors``'), highest first.

    With ``chains=False`` the chains themselves are not spelled out (``Reach.chains`` is
    empty), which is much faster on big networks.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, w in [("iran", "pmu", .9), ("pmu", "zone", .3), ("us", "iran", .1)]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", type="t", influence=w, directed=True,
    ...                    status="confirmed")
    >>> [(r.actor, r.reached, round(r.total, 3)) for r in influence_reach(G)]
    [('iran', 2, 1.17), ('pmu', 1, 0.3), ('us', 3, 0.217), ('zone', 0, 0.0)]
    """
    out = []
    adjacency = moves(G)
    for node in G if actors is None else actors:
        labels = strongest(node, adjacency, depth)
        total = sum((label.strength for label in labels.values()), 0.0)
        spelled = tuple(_chains(G, node, labels, False)) if chains else ()
        out.append(Reach(node, len(labels), total, spelled))
    out.sort(key=lambda r: (-r.total, -r.reached, str(r.actor)))
    return out


def strongest_chains(
    G: nx.MultiDiGraph,
    *,
    min_hops: int = 2,
    top: int = 5,
    depth: int | None = None,
    actors: Iterable[str] | None = None,
) -> list[Chain]:
    """The strongest chains of at least ``min_hops`` steps in the whole graph (or starting
    from ``actors``).

    A chain is left out when it is part of a chain already listed, or contains one (``A→B→C``
    after ``A→B→C→D`` or the reverse), so that the list tells different stories.

    Only the strongest candidates are kept as the actors are searched (a pool of a few times
    ``top``), never every chain of every pair: on 10,000 actors that would be a hundred
    million chains. The answer is the same: the chains are taken strongest first, so if
    ``top`` of them are chosen from the pool none outside it could have come before; if the
    pool runs out first, the search is made again with a pool four times larger.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, w in [("a", "b", .9), ("b", "c", .8), ("c", "d", .5), ("x", "y", .4),
    ...                 ("y", "z", .4)]:
    ...     _ = G.add_edge(u, v, key=f"{u}{v}", type="t", influence=w, directed=True,
    ...                    status="confirmed")
    >>> [c.actors for c in strongest_chains(G, top=3)]
    [('a', 'b', 'c'), ('b', 'c', 'd'), ('x', 'y', 'z')]
    """
    adjacency = moves(G)
    sources = list(G if actors is None else actors)
    pool = max(4 * top, 64)
    while True:
        found: list[tuple] = []
        for node in sources:
            labels = [
                lb for lb in strongest(node, adjacency, depth).values() if lb.hops >= min_hops
            ]
            if len(labels) > pool:  # only those that can be among the pool's strongest
                cut = heapq.nsmallest(pool, [(-lb.strength, lb.hops) for lb in labels])[-1]
                labels = [lb for lb in labels if (-lb.strength, lb.hops) <= cut]
            keyed = [((-lb.strength, lb.hops, _ends(node, lb)), node, lb) for lb in labels]
            found = heapq.nsmallest(pool, found + keyed, key=itemgetter(0))
        chains = [_chain(G, lb) for _, _, lb in found]
        chains.sort(key=lambda c: (-c.strength, c.hops, c.actors))
        chosen: list[Chain] = []
        for chain in chains:
            rels = tuple(s.relation for s in chain.steps)
            listed = [tuple(s.relation for s in c.steps) for c in chosen]
            if any(_contains(other, rels) or _contains(rels, other) for other in listed):
                continue
            chosen.append(chain)
            if len(chosen) == top:
                return chosen
        if len(found) < pool:  # every chain was in the pool
            return chosen
        pool *= 4


def _ends(actor: str, label: Label) -> tuple[str, ...]:
    """The actors of a forward label's chain, from ``actor`` on."""
    return (actor, *reversed([move.other for move in label.steps()]))


def _chain(G: nx.MultiDiGraph, label: Label) -> Chain:
    steps = [make_step(G, m.u, m.v, m.key, m.forward) for m in label.steps()]
    steps.reverse()
    return Chain(tuple(steps))


def _contains(longer: tuple, shorter: tuple) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _search(G: nx.MultiDiGraph, actor: str, depth: int | None, backwards: bool) -> list[Chain]:
    return _chains(G, actor, strongest(actor, moves(G, backwards), depth), backwards)


def _chains(G: nx.MultiDiGraph, actor: str, labels: dict, backwards: bool) -> list[Chain]:
    """The labels spelled out as chains, strongest first (ties: shorter, then by name)."""
    chains = []
    for label in labels.values():
        # Walking forwards the labels list the steps from the end; backwards, from the start.
        steps = [make_step(G, m.u, m.v, m.key, m.forward) for m in label.steps()]
        if not backwards:
            steps.reverse()
        chains.append(Chain(tuple(steps)))
    names = {n: actor_name(G, n) for n in labels}
    key_of = (lambda c: names[c.actors[0]]) if backwards else (lambda c: names[c.actors[-1]])
    chains.sort(key=lambda c: (-c.strength, c.hops, key_of(c)))
    return chains
