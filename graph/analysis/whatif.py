"""What if some actors were gone: the chains and paths that break, and how centrality shifts."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph._words import count, did_you_mean
from graph.analysis.centrality import centrality
from graph.analysis.chains import Chain, make_step
from graph.analysis.flow import NumberedNetwork, best_by_actor, strongest_from
from graph.analysis.influence import influence_chains
from graph.analysis.records import actor_name, actor_ref, node_class
from graph.analysis.resolve import resolve_actor
from graph.dataset.build import actor_network
from graph.errors import ActorNotFoundError, QueryError
from graph.progress import progress

__all__ = ["WHATIF_COLUMNS", "BrokenChain", "CutOff", "LongerPath", "LostInfluence", "Shift",
           "WhatIf", "what_if"]  # fmt: skip

#: The centrality measures compared before and after.
SHIFT_MEASURES = ("pagerank", "betweenness")
#: The CSV columns of :meth:`WhatIf.rows`.
WHATIF_COLUMNS = ("section", "source", "target", "before", "after", "change", "detail")


@dataclass(frozen=True)
class BrokenChain:
    """A pair whose strongest chain of influence ran through a removed actor and is now
    weaker (``after`` is the best chain left) or gone (``after`` is None)."""

    source: str
    target: str
    before: Chain
    after: Chain | None


@dataclass(frozen=True)
class LongerPath:
    """A pair whose shortest chain of relations gets longer (``after`` steps) or vanishes
    (``after`` is None) without the removed actors."""

    source: str
    target: str
    before: int
    after: int | None


@dataclass(frozen=True)
class CutOff:
    """An actor that ``sources`` reached through relations before and cannot any more."""

    actor: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Shift:
    """One actor's score on one measure, before and after."""

    actor: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class LostInfluence:
    """Influence a removed actor held over one that stays: its strongest chain to it (the
    actor loses a patron when the chain is one control step)."""

    actor: str
    holder: str
    chain: Chain

    @property
    def how(self) -> str:
        """``patron`` (one confirmed control step), ``pressure`` (the chain ends in pressure:
        the actor was under pressure from the holder) or ``influence`` (a longer chain of
        control, or one resting on a claim)."""
        if self.chain.pressured:
            return "pressure"
        return "patron" if self.chain.hops == 1 and not self.chain.claims else "influence"


@dataclass(frozen=True)
class WhatIf:
    """The network before and after the removal of ``removed``; see :func:`what_if`."""

    removed: tuple[str, ...]
    actors: tuple[int, int]
    relations: tuple[int, int]
    chains: tuple[BrokenChain, ...]
    paths: tuple[LongerPath, ...]
    cut_off: tuple[CutOff, ...]
    shifts: dict[str, tuple[Shift, ...]]
    #: The network before the removal, for the actors' names and the chains' texts.
    _graph: nx.MultiDiGraph = field(repr=False, compare=False)
    #: How many pairs' chains break and paths lengthen in all (``chains`` and ``paths`` hold
    #: only the first ``limit`` of them when :func:`what_if` was given one).
    chains_total: int = 0
    paths_total: int = 0
    #: Relations taken out (ids), besides those of the removed actors.
    removed_relations: tuple[str, ...] = ()
    #: The influence the removed actors held over the actors that stay, strongest first.
    lost: tuple[LostInfluence, ...] = ()
    #: Members and actors led by a removed actor, removed with it (``with_members``).
    members: tuple[str, ...] = ()

    columns = WHATIF_COLUMNS

    def shift_record(self, shift: Shift) -> dict[str, Any]:
        """One actor's score before and after: its id and name, ``before``, ``after``, and
        the ``change``."""
        return {"id": shift.actor, "name": actor_name(self._graph, shift.actor),
                "before": shift.before, "after": shift.after, "change": shift.change}  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        """The removed actors, the counts before and after, every broken chain listed (with
        the chain before and the one left, or None), the lengthened paths, the actors cut off
        (with the ids of those that lost them) and each measure's shifts (each as its
        :meth:`shift_record`)."""
        G = self._graph
        return {
            "removed": [actor_ref(G, n) for n in self.removed],
            "removed_members": [actor_ref(G, n) for n in self.members],
            "removed_relations": list(self.removed_relations),
            "lost_influence": [
                {
                    "actor": actor_ref(G, x.actor),
                    "held_by": actor_ref(G, x.holder),
                    "how": x.how,
                    "strength": x.chain.strength,
                    "chain": x.chain.as_dict(G),
                }
                for x in self.lost
            ],  # fmt: skip
            "actors": {"before": self.actors[0], "after": self.actors[1]},
            "relations": {"before": self.relations[0], "after": self.relations[1]},
            "broken_chains": [
                {
                    "source": c.source,
                    "target": c.target,
                    "before": c.before.as_dict(G),
                    "after": c.after.as_dict(G) if c.after else None,
                }
                for c in self.chains
            ],
            "paths": [
                {"source": p.source, "target": p.target, "before": p.before, "after": p.after}
                for p in self.paths
            ],
            "cut_off": [
                {
                    "id": c.actor,
                    "name": actor_name(G, c.actor),
                    "count": len(c.sources),
                    "from": list(c.sources),
                }
                for c in self.cut_off
            ],
            "centrality": {
                m: [self.shift_record(s) for s in shifts] for m, shifts in self.shifts.items()
            },
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per listed broken chain (``section`` ``chain``, the chains spelled out in
        ``detail``), lengthened path (``path``), actor cut off (``cut_off``: ``source`` lists
        those that lost it) and actor's shift on each measure (``pagerank``,
        ``betweenness``)."""
        G = self._graph
        rows = [
            {"section": "lost_influence", "source": x.holder, "target": x.actor,
             "before": x.chain.strength, "after": None, "change": -x.chain.strength,
             "detail": x.chain.text(G)}
            for x in self.lost
        ]  # fmt: skip
        rows += [
            {
                "section": "chain",
                "source": c.source,
                "target": c.target,
                "before": c.before.strength,
                "after": c.after.strength if c.after else None,
                "change": (c.after.strength if c.after else 0.0) - c.before.strength,
                "detail": c.before.text(G) + (f" | now: {c.after.text(G)}" if c.after else ""),
            }
            for c in self.chains
        ]
        rows += [
            {
                "section": "path",
                "source": p.source,
                "target": p.target,
                "before": p.before,
                "after": p.after,
            }
            for p in self.paths
        ]
        rows += [
            {
                "section": "cut_off",
                "source": list(c.sources),
                "target": c.actor,
                "detail": f"no longer reachable from {count(len(c.sources), 'actor')}",
            }
            for c in self.cut_off
        ]
        rows += [
            {"section": m, "source": s.actor, "before": s.before, "after": s.after,
             "change": s.change}
            for m, shifts in self.shifts.items()
            for s in shifts
        ]  # fmt: skip
        return rows


def what_if(
    G: nx.MultiDiGraph,
    removed: Iterable[str] = (),
    *,
    relations: Iterable[str] = (),
    with_members: bool = False,
    backend: str | None = None,
    limit: int | None = None,
) -> WhatIf:
    """Compare the network with and without the ``removed`` actors (and their relations), or
    without some ``relations`` (ids: what if Iran stopped directing the PMU?).

    ``with_members`` also removes the actors that belong to a removed one (``member_of``) or
    that it leads (``leads``), and theirs in turn. ``lost``: the influence the removed actors
    held over each agent that stays (their strongest chain to it), strongest first: an actor
    whose strongest chain from them is one control step loses a patron.

    Only pairs of actors that stay are compared:

    - ``chains``: pairs whose strongest chain of influence (as :mod:`graph.analysis.influence`
      defines it) ran through a removed actor and has no equally strong replacement, with the
      chain before and the best one after (or None; of equally strong chains, one of the
      fewest steps), strongest before first. Pairs that keep an equally strong chain avoiding
      the removed actors are not listed.
    - ``paths``: pairs whose shortest chain of relations (followed in their direction, as
      ``actorgraph path`` does) gets longer or vanishes; vanished first.
    - ``cut_off``: each actor that some others can no longer reach at all, with them; most
      cut off first.
    - ``shifts``: PageRank and betweenness (:func:`graph.analysis.centrality.centrality`) before and
      after, biggest absolute change first. Each is computed on its own network, so scores
      are shares of that network (PageRank sums to 1; betweenness is divided by the number
      of pairs, which shrinks). ``backend`` computes betweenness (see
      :func:`graph.analysis.centrality.centrality`).

    ``limit`` keeps only the first ``limit`` broken chains and lengthened paths (in the order
    above); ``chains_total`` and ``paths_total`` count them all. On a large network a hub's
    removal breaks millions of pairs: listing them all takes gigabytes.

    ``actors`` and ``relations`` are (before, after) counts. Cost: a strongest-chain search
    and a breadth-first search from every actor, twice, and betweenness twice (O(n·m)).

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("iran", "pmu"), ("pmu", "embassy"), ("us", "embassy")]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", type="t", status="confirmed",
    ...                    influence=0.5, directed=True)
    >>> w = what_if(G, ["pmu"])
    >>> [(c.source, c.target, c.before.strength, c.after) for c in w.chains]
    [('iran', 'embassy', 0.25, None)]
    >>> [(p.source, p.target, p.before, p.after) for p in w.paths]
    [('iran', 'embassy', 2, None)]
    >>> [(c.actor, c.sources) for c in w.cut_off], w.actors, w.relations
    ([('embassy', ('iran',))], (4, 3), (3, 1))
    >>> w.as_dict()["broken_chains"][0]["before"]["text"], w.rows()[0]["detail"]
    ('iran —t→ pmu —t→ embassy', 'pmu —t→ embassy')
    """
    removed = [resolve_actor(G, name) for name in removed]
    gone = tuple(dict.fromkeys(removed))
    cut = _relations(G, relations)
    if not gone and not cut:
        raise QueryError("name at least one actor or relation to remove")
    for actor in gone:
        if actor not in G:
            raise ActorNotFoundError(f"'{actor}' is not an actor of this network")
    members = _members(G, gone) if with_members else ()
    everyone = (*gone, *members)
    H = G.copy()
    H.remove_nodes_from(everyone)
    H.remove_edges_from(e for e in cut if H.has_edge(*e))
    names = {n: actor_name(G, n) for n in G}
    lost = _lost_influence(G, everyone)
    chains, chains_total = _broken_chains(G, H, set(everyone), names, limit, bool(cut))
    paths, paths_total, lost_by = _longer_paths(G, H, set(everyone), names, limit, bool(cut))
    cut_off = sorted(
        (CutOff(t, tuple(sorted(s, key=names.get))) for t, s in lost_by.items()),
        key=lambda c: (-len(c.sources), names[c.actor]),
    )
    before = centrality(G, SHIFT_MEASURES, backend=backend)
    after = centrality(H, SHIFT_MEASURES, backend=backend)
    shifts = {
        m: tuple(
            sorted(
                (
                    Shift(n, before.scores[m][n], after.scores[m][n])
                    for n in H
                    if node_class(G, n) == "agent"
                ),  # fmt: skip
                key=lambda s: (-_visible(s.change), names[s.actor]),
            )
        )
        for m in SHIFT_MEASURES
    }
    return WhatIf(
        removed_relations=tuple(k for *_, k in cut),
        lost=lost,
        members=members,
        removed=gone,
        actors=(G.number_of_nodes(), H.number_of_nodes()),
        relations=(G.number_of_edges(), H.number_of_edges()),
        chains=tuple(chains),
        paths=tuple(paths),
        cut_off=tuple(cut_off),
        shifts=shifts,
        _graph=G,
        chains_total=chains_total,
        paths_total=paths_total,
    )


def _visible(change: float) -> float:
    """The size of a change, float noise (engines add in different orders) counted as none."""
    return abs(change) if abs(change) > 1e-12 else 0.0


def _relations(G: nx.MultiDiGraph, ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """The relations (edges) with these ids; an unknown id is a QueryError naming the closest."""
    edges = {k: (u, v, k) for u, v, k in G.edges(keys=True)}
    out = []
    for rid in dict.fromkeys(ids):
        if rid not in edges:
            raise QueryError(f"'{rid}' is not a relation id of this network"
                             f"{did_you_mean(rid, edges)}")  # fmt: skip
        out.append(edges[rid])
    return out


def _members(G: nx.MultiDiGraph, gone: tuple[str, ...]) -> tuple[str, ...]:
    """The actors that belong to (member_of) or are led by (leads) the removed ones, and
    theirs in turn, in the graph's order."""
    found: set[str] = set()
    todo = list(gone)
    while todo:
        head = todo.pop()
        for u, _, d in G.in_edges(head, data=True):
            if d["type"] == "member_of" and u not in found and u not in gone:
                found.add(u)
                todo.append(u)
        for _, v, d in G.out_edges(head, data=True):
            if d["type"] == "leads" and v not in found and v not in gone:
                found.add(v)
                todo.append(v)
    return tuple(n for n in G if n in found)


def _lost_influence(G: nx.MultiDiGraph, gone: tuple[str, ...]) -> tuple[LostInfluence, ...]:
    """For each agent that stays, the strongest chain any removed actor had to it."""
    best: dict[str, LostInfluence] = {}
    for holder in gone:
        for chain in influence_chains(G, holder):
            actor = chain.actors[-1]
            if actor in gone or node_class(G, actor) != "agent":
                continue
            known = best.get(actor)
            if known is None or chain.strength > known.chain.strength:
                best[actor] = LostInfluence(actor, holder, chain)
    return tuple(sorted(best.values(), key=lambda x: (-x.chain.strength, actor_name(G, x.actor))))


def _broken_chains(G, H, gone: set[str], names: dict[str, str], limit: int | None,
                   every: bool = False):  # fmt: skip
    """Pairs whose strongest influence drops, each with one strongest chain before and after
    (the first ``limit`` of them, strongest before first), and how many there are."""
    net_before, net_after = NumberedNetwork(G), NumberedNetwork(H)
    at_after = {n: i for i, n in enumerate(net_after.nodes)}
    gone_ids = {i for i, n in enumerate(net_before.nodes) if n in gone}
    kept = _Kept(limit)
    with progress("Chains of influence", total=len(net_before.nodes)) as bar:
        for x, source in enumerate(net_before.nodes):
            bar.advance()
            if x in gone_ids:
                continue
            strength, parent, _ = strongest_from(net_before.moves, 2 * x)
            if not every and all(s >> 1 not in gone_ids for s in parent.values()):
                continue  # no strongest chain runs through them
            now, parent_now, _ = strongest_from(net_after.moves, 2 * at_after[source])
            best_now = best_by_actor(now)
            for y, (s, state) in best_by_actor(strength).items():
                if y == x or y in gone_ids:
                    continue
                target = net_before.nodes[y]
                after, state_now = best_now.get(at_after[target], (0.0, None))
                key = (-s, names[source], names[target])
                if after < s and kept.wants(key):
                    now_chain = _spell(H, net_after, parent_now, state_now) if after > 0 else None
                    before_chain = _spell(G, net_before, parent, state)
                    kept.add(key, BrokenChain(source, target, before_chain, now_chain))
    return kept.items(), kept.total


class _Kept:
    """The first ``limit`` items by key (all of them without a limit), and how many were
    offered: ask :meth:`wants` first, and make the item only when it may be kept."""

    def __init__(self, limit: int | None):
        self.limit = limit
        self.heap: list[tuple] = []  # (negated rank, n, item): the worst kept on top
        self.total = 0
        self._n = 0

    def wants(self, key: tuple) -> bool:
        self.total += 1
        if self.limit is None or len(self.heap) < self.limit:
            return True
        return key < self.heap[0][0].key

    def add(self, key: tuple, item) -> None:
        self._n += 1
        entry = (_Reversed(key), self._n, item)
        if self.limit is not None and len(self.heap) >= self.limit:
            heapq.heapreplace(self.heap, entry)
        else:
            heapq.heappush(self.heap, entry)

    def items(self) -> list:
        return [item for _, _, item in sorted(self.heap, key=lambda e: (e[0].key, e[1]))]


class _Reversed:
    """A key ordered backwards, so that heapq's smallest is the worst kept."""

    __slots__ = ("key",)

    def __init__(self, key: tuple):
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return other.key < self.key


def _spell(G: nx.MultiDiGraph, net: NumberedNetwork, parent: dict[int, int], target: int) -> Chain:
    """The chain the search found to state ``target``, walking the parents back to the source."""
    steps = []
    while target in parent:
        steps.append(make_step(G, *net.via[parent[target], target]))
        target = parent[target]
    return Chain(tuple(reversed(steps)))


def _longer_paths(G, H, gone: set[str], names: dict[str, str], limit: int | None,
                  every: bool = False):  # fmt: skip
    """Pairs whose shortest chain lengthens or vanishes (the first ``limit``, vanished first),
    how many there are, and for each actor no longer reachable, the actors that lost it."""
    before, after = actor_network(G), actor_network(H)
    kept = _Kept(limit)
    lost_by: dict[str, list[str]] = {}
    with progress("Shortest chains", total=len(H)) as bar:
        for x in H:
            bar.advance()
            dist = nx.single_source_shortest_path_length(before, x)
            if not every and gone.isdisjoint(dist):
                continue
            now = nx.single_source_shortest_path_length(after, x)
            for y, d in dist.items():
                if y != x and y not in gone and now.get(y, -1) != d:
                    steps = now.get(y)
                    if steps is None:
                        lost_by.setdefault(y, []).append(x)
                    key = (steps is not None, d, names[x], names[y])
                    if kept.wants(key):
                        kept.add(key, LongerPath(x, y, d, steps))
    return kept.items(), kept.total, lost_by
