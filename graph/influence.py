"""Who influences whom, through which chain: the strongest chain of influence between actors.

The strength of a chain is the product of its relations' ``influence`` (a property of the
relation type: ``directs`` 0.9, ``targets`` 0.3, ``located_in`` 0…); the strongest chain is the
one with the largest product. Relations with no influence are not walked; symmetric ones are
walked both ways. Because every influence is at most 1, going round a cycle never makes a chain
stronger, so the chains found are simple paths and the search always ends.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from graph.chains import Chain, Step, make_step

__all__ = ["influence_chains", "influenced_by_chains", "strongest_chains"]


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
    return _search(G, actor, depth, backwards=True)


def strongest_chains(
    G: nx.MultiDiGraph, *, min_hops: int = 2, top: int = 5, depth: int | None = None
) -> list[Chain]:
    """The strongest chains of at least ``min_hops`` steps in the whole graph.

    A chain is left out when it is part of a chain already listed, or contains one (``A→B→C``
    after ``A→B→C→D`` or the reverse), so that the list tells different stories.
    """
    found: list[Chain] = []
    for node in G:
        found.extend(c for c in influence_chains(G, node, depth=depth) if c.hops >= min_hops)
    found.sort(key=lambda c: (-c.strength, c.hops, c.actors))
    chosen: list[Chain] = []
    for chain in found:
        rels = tuple(s.relation for s in chain.steps)
        listed = [tuple(s.relation for s in c.steps) for c in chosen]
        if any(_contains(other, rels) or _contains(rels, other) for other in listed):
            continue
        chosen.append(chain)
        if len(chosen) == top:
            break
    return chosen


def _contains(longer: tuple, shorter: tuple) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


class _Label:
    """The best chain found so far to (or from) one actor, as a linked list of steps."""

    __slots__ = ("strength", "hops", "step", "rest")

    def __init__(self, strength: float, hops: int, step: Step | None, rest: _Label | None):
        self.strength, self.hops, self.step, self.rest = strength, hops, step, rest

    def steps(self) -> Iterator[Step]:
        label = self
        while label is not None and label.step is not None:
            yield label.step
            label = label.rest


def _moves(G: nx.MultiDiGraph, node: str, backwards: bool) -> Iterator[tuple[str, str, str, bool]]:
    """Relations that carry influence out of ``node`` (or into it, going backwards).

    Yields ``(u, v, key, forward)`` for the relation written ``u → v``; ``forward`` says
    whether influence flows along the written direction.
    """
    ahead = G.in_edges if backwards else G.out_edges
    behind = G.out_edges if backwards else G.in_edges
    for u, v, key, data in ahead(node, keys=True, data=True):
        if data["influence"] > 0:
            yield u, v, key, True
    for u, v, key, data in behind(node, keys=True, data=True):
        if data["influence"] > 0 and not data["directed"] and u != v:
            yield u, v, key, False


def _search(G: nx.MultiDiGraph, actor: str, depth: int | None, backwards: bool) -> list[Chain]:
    # Bellman-Ford by layers: after layer k, `current` holds the strongest chain of at most k
    # steps to each actor. Only actors improved in the last layer are extended.
    if depth is not None and depth < 1:
        return []
    current = {actor: _Label(1.0, 0, None, None)}
    changed = [actor]
    layer = 0
    while changed and (depth is None or layer < depth):
        layer += 1
        nxt = dict(current)
        improved: dict[str, None] = {}
        for node in changed:
            here = current[node]
            for u, v, key, forward in _moves(G, node, backwards):
                # Walking forwards we go from `node` to the relation's other end; backwards we
                # come to `node` from that other end, so the step is prepended to the chain.
                step = make_step(G, u, v, key, forward)
                other = step.source if backwards else step.target
                strength = here.strength * step.influence
                best = nxt.get(other)
                hops = here.hops + 1
                if (
                    best is None
                    or strength > best.strength
                    or (strength == best.strength and hops < best.hops)
                ):
                    nxt[other] = _Label(strength, hops, step, here)
                    improved[other] = None
        improved.pop(actor, None)
        current, changed = nxt, list(improved)
    chains = []
    for node, label in current.items():
        if node == actor:
            continue
        steps = list(label.steps())
        if not backwards:
            steps.reverse()
        chains.append(Chain(tuple(steps)))
    names = {n: G.nodes[n].get("name", n) for n in current}
    key_of = (lambda c: names[c.actors[0]]) if backwards else (lambda c: names[c.actors[-1]])
    chains.sort(key=lambda c: (-c.strength, c.hops, key_of(c)))
    return chains
