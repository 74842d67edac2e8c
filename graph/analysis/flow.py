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

from collections.abc import Iterator
from typing import Any, NamedTuple

import networkx as nx

__all__ = ["RULE", "Label", "Move", "moves", "relation_strengths", "strongest"]

#: The rule in one line, as the commands say it.
RULE = (
    "influence goes on through control (directs, leads, funds, supports, allies_with, a group "
    "over its members), stops at the target of pressure (threatens, targets, attacks), and "
    "does not flow through accusing, opposing, rivalling or negotiating; claims weigh less"
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
