"""How influence flows along one relation: the one home of the rule every measure follows.

A relation carries influence from its source to its target with a strength: its type's
``influence``, times the relation's own ``weight`` (if it has one), times its claim weight (how
much its status counts: by default confirmed 1, alleged 0.5, denied 0.25, refuted 0). A type with
``influence_back`` also carries influence from target to source (a group's pull on a member of
it). A symmetric type carries it both ways.

How far a chain goes depends on what the type *carries*:

- ``control`` (directs, leads, funds, supports, allies_with, member_of): a chain goes on
  through it;
- ``pressure`` (threatens, targets, attacks): it reaches its target, and a chain goes on from
  there only through control relations: threatening a prime minister reaches the government he
  leads, but attacking someone who attacks a third does not reach the third. A chain holds at
  most one pressure step;
- ``none`` (accuses, opposes, rivals, negotiates_with, located_in): an expressed stance, no
  influence at all.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any, NamedTuple

import networkx as nx

from graph.dataset.build import actor_network

__all__ = [
    "RULE",
    "Label",
    "Move",
    "NumberedNetwork",
    "best_by_actor",
    "moves",
    "relation_strengths",
    "strongest",
    "strongest_from",
]

#: The rule in one line, as the commands say it.
RULE = (
    "influence goes on through control relations, stops at the target of pressure, and does "
    "not flow through accusations, opposition or rivalry"
)


class Move(NamedTuple):
    """One way influence can go from an actor: to ``other`` with ``strength``, along relation
    ``key`` written ``u → v`` (``forward``: in its written direction), as ``pressure`` or not."""

    other: str
    strength: float
    u: str
    v: str
    key: str
    forward: bool
    pressure: bool


def relation_strengths(d: dict[str, Any]) -> tuple[float, float]:
    """How much influence a relation (its edge data) carries forwards and backwards.

    >>> relation_strengths({"influence": 0.9, "carries": "control", "claim_weight": 0.5})
    (0.45, 0.0)
    >>> relation_strengths({"influence": 0.2, "influence_back": 0.5, "carries": "control",
    ...                     "claim_weight": 1.0, "weight": 0.5})
    (0.1, 0.25)
    >>> relation_strengths({"influence": 0.3, "carries": "none", "claim_weight": 1.0})
    (0.0, 0.0)
    """
    if d.get("carries", "control") == "none":
        return 0.0, 0.0
    factor = d.get("claim_weight", 1.0)
    weight = d.get("weight")
    if weight is not None:
        factor *= weight
    return (d.get("influence") or 0.0) * factor, (d.get("influence_back") or 0.0) * factor


def moves(G: nx.MultiDiGraph, backwards: bool = False) -> dict[str, list[Move]]:
    """For each actor, the ways influence leaves it (``backwards``: the ways it arrives, each
    move's ``other`` being where it comes from), with zero-strength ways left out.

    Built once per search of many actors: reading networkx's edge views each time is slow.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("pm", "gov", key="r1", influence=0.8, carries="control", directed=True)
    >>> _ = G.add_edge("x", "pm", key="r2", influence=0.4, carries="pressure", directed=True)
    >>> [(m.other, m.strength, m.pressure) for m in moves(G)["x"]]
    [('pm', 0.4, True)]
    >>> [(m.other, m.key) for m in moves(G, backwards=True)["pm"]]
    [('x', 'r2')]
    """
    out: dict[str, list[Move]] = {node: [] for node in G}
    for u, v, key, d in G.edges(keys=True, data=True):
        if u == v:
            continue
        ahead, back = relation_strengths(d)
        pressure = d.get("carries") == "pressure"
        if not d.get("directed", True):
            back = ahead
        for a, b, strength, forward in ((u, v, ahead, True), (v, u, back, False)):
            if strength <= 0:
                continue
            if backwards:
                out[b].append(Move(a, strength, u, v, key, forward, pressure))
            else:
                out[a].append(Move(b, strength, u, v, key, forward, pressure))
    return out


class Label:
    """The best chain found so far to (or from) one actor, as a linked list of moves;
    ``pressured``: the chain holds its one pressure step already."""

    __slots__ = ("strength", "hops", "step", "rest", "pressured")

    def __init__(self, strength: float, hops: int, step: Move | None, rest: Label | None,
                 pressured: bool = False):  # fmt: skip
        self.strength, self.hops, self.step, self.rest = strength, hops, step, rest
        self.pressured = pressured

    def steps(self) -> Iterator[Move]:
        """The chain's moves, from the last one taken back to the first."""
        label = self
        while label is not None and label.step is not None:
            yield label.step
            label = label.rest


def strongest(
    actor: str, adjacency: dict[str, list[Move]], depth: int | None = None
) -> dict[str, Label]:
    """The strongest chain from ``actor`` to every actor it reaches (with the adjacency of
    :func:`moves` made ``backwards``: to ``actor`` from every actor that reaches it), at most
    ``depth`` steps long, as labels; ties in strength go to the shorter chain.

    Every strength is at most 1, so going round a cycle never makes a chain stronger: the
    chains are simple paths, and the search ends. It is Bellman-Ford by layers over the states
    (actor, whether the chain has used its pressure step): after layer k, the strongest chain
    of at most k steps to each state is known; only states improved in the last layer are
    extended. The rule "at most one pressure step" reads the same forwards and backwards.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, w, how in [("us", "pm", .4, "pressure"), ("pm", "gov", .8, "control"),
    ...                      ("a", "b", .3, "pressure"), ("b", "c", .3, "pressure")]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", influence=w, carries=how, directed=True)
    >>> sorted((n, round(lb.strength, 2)) for n, lb in strongest("us", moves(G)).items())
    [('gov', 0.32), ('pm', 0.4)]
    >>> sorted(strongest("a", moves(G)))  # pressure on b does not reach b's own target
    ['b']
    """
    if depth is not None and depth < 1:
        return {}
    start = Label(1.0, 0, None, None)
    current: dict[tuple[str, bool], Label] = {(actor, False): start}
    changed = [(actor, False)]
    layer = 0
    while changed and (depth is None or layer < depth):
        layer += 1
        nxt = dict(current)
        improved: dict[tuple[str, bool], None] = {}
        for state in changed:
            here = current[state]
            hops = here.hops + 1
            for move in adjacency[state[0]]:
                if move.pressure and here.pressured:
                    continue
                key = (move.other, here.pressured or move.pressure)
                strength = here.strength * move.strength
                best = nxt.get(key)
                if (
                    best is None
                    or strength > best.strength
                    or (strength == best.strength and hops < best.hops)
                ):
                    nxt[key] = Label(strength, hops, move, here, key[1])
                    improved[key] = None
        improved.pop((actor, False), None)
        improved.pop((actor, True), None)
        current, changed = nxt, list(improved)
    best_of: dict[str, Label] = {}
    for (node, _), label in current.items():
        if node == actor:
            continue
        known = best_of.get(node)
        if (
            known is None
            or label.strength > known.strength
            or (label.strength == known.strength and label.hops < known.hops)
        ):
            best_of[node] = label
    return best_of


# -- the numbered network: the engine of key players and what-if, which search from every actor


class NumberedNetwork:
    """The network with actors numbered, for searches from every actor.

    ``nodes``: the actors; ``links`` / ``links_in``: who is linked to whom in one step, any
    relation counting (:func:`graph.dataset.build.actor_network`), forwards and backwards.

    The strongest-chain searches run on *states*, two per actor: state ``2 * i`` is actor ``i``
    reached by a chain with no pressure step yet, state ``2 * i + 1`` by a chain that has used
    its one pressure step (see :func:`strongest`). ``moves[s]`` lists ``(state, strength)``, the
    strongest way from state ``s`` to each next state, and ``moves_in`` the same backwards;
    ``via[s, t]`` is the relation that carries it, ``(u, v, key, forward)`` as
    :func:`graph.analysis.chains.make_step` takes it (forward relations first, then the first
    written).
    """

    def __init__(self, G: nx.MultiDiGraph):
        D = actor_network(G)
        self.nodes = list(D)
        at = {node: i for i, node in enumerate(self.nodes)}
        self.links = [[at[v] for v in D.successors(u) if v != u] for u in self.nodes]
        self.links_in = [[at[v] for v in D.predecessors(u) if v != u] for u in self.nodes]
        best: list[dict[int, float]] = [{} for _ in range(2 * len(self.nodes))]
        self.via: dict[tuple[int, int], tuple] = {}
        for node, ways in moves(G).items():
            a = at[node]
            for m in ways:
                b = at[m.other]
                pairs = (
                    ((2 * a, 2 * b + 1),)
                    if m.pressure
                    else ((2 * a, 2 * b), (2 * a + 1, 2 * b + 1))
                )
                for s, t in pairs:
                    known = best[s].get(t, 0.0)
                    if m.strength > known or (
                        m.strength == known and m.forward and not self.via[s, t][3]
                    ):
                        best[s][t] = m.strength
                        self.via[s, t] = (m.u, m.v, m.key, m.forward)
        self.moves = [list(m.items()) for m in best]
        self.moves_in: list[list[tuple[int, float]]] = [[] for _ in best]
        for s, m in enumerate(best):
            for t, w in m.items():
                self.moves_in[t].append((s, w))


def strongest_from(moves: list[list[tuple[int, float]]], source: int) -> tuple[dict, dict, list]:
    """The strength of the strongest chain from state ``source`` to every state it reaches
    (of those, one of the fewest steps), the state before each on that chain, and the states
    in the order they were settled.

    Dijkstra's search on products: every strength is at most 1, so a chain never gets
    stronger as it grows (the floating-point products neither)."""
    strength = {source: 1.0}
    hops = {source: 0}
    parent: dict[int, int] = {}
    order = []
    heap = [(-1.0, 0, source)]
    while heap:
        neg, h, u = heapq.heappop(heap)
        if -neg < strength[u] or h > hops[u]:
            continue
        order.append(u)
        for v, w in moves[u]:
            s = -neg * w
            known = strength.get(v, 0.0)
            if s > known or (s == known > 0 and h + 1 < hops[v]):
                strength[v] = s
                hops[v] = h + 1
                parent[v] = u
                heapq.heappush(heap, (-s, h + 1, v))
    return strength, parent, order


def best_by_actor(strength: dict[int, float]) -> dict[int, tuple[float, int]]:
    """For each actor a search reached, its strongest state: ``actor: (strength, state)``
    (of equal strengths, the state with no pressure step)."""
    best: dict[int, tuple[float, int]] = {}
    for state in sorted(strength):
        actor = state >> 1
        if actor not in best or strength[state] > best[actor][0]:
            best[actor] = (strength[state], state)
    return best
