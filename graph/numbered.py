"""The actor network with actors numbered, and the fastest strongest-influence search on it:
the shared engine of key players and what-if, which search from every actor."""

from __future__ import annotations

import heapq

import networkx as nx

from graph.build import actor_network

__all__ = ["NumberedNetwork", "strongest_from"]


class NumberedNetwork:
    """The actor network with actors numbered: who links to whom in one step (``links``, and
    backwards ``links_in``), and the strongest influence from one actor to another in one
    step (``moves``, and backwards ``moves_in``: lists of ``(actor, influence)``), with the
    relation that carries it (``via[a, b]``: ``(u, v, key, forward)``, as
    :func:`graph.chains.make_step` takes it; forward relations first, then the first
    written)."""

    def __init__(self, G: nx.MultiDiGraph):
        D = actor_network(G)
        self.nodes = list(D)
        at = {node: i for i, node in enumerate(self.nodes)}
        self.links = [[at[v] for v in D.successors(u) if v != u] for u in self.nodes]
        self.links_in = [[at[v] for v in D.predecessors(u) if v != u] for u in self.nodes]
        best: list[dict[int, float]] = [{} for _ in self.nodes]
        self.via: dict[tuple[int, int], tuple] = {}
        for u, v, key, data in G.edges(keys=True, data=True):
            w = data.get("influence") or 0.0
            if w <= 0 or u == v:
                continue
            ways = [(at[u], at[v], True)]
            if not data["directed"]:
                ways.append((at[v], at[u], False))
            for a, b, forward in ways:
                known = best[a].get(b, 0.0)
                if w > known or (w == known and forward and not self.via[a, b][3]):
                    best[a][b] = w
                    self.via[a, b] = (u, v, key, forward)
        self.moves = [list(m.items()) for m in best]
        self.moves_in: list[list[tuple[int, float]]] = [[] for _ in self.nodes]
        for a, m in enumerate(best):
            for b, w in m.items():
                self.moves_in[b].append((a, w))


def strongest_from(moves: list[list[tuple[int, float]]], source: int) -> tuple[dict, dict, list]:
    """The strength of the strongest chain from ``source`` to every actor it reaches (of
    those, one of the fewest steps), the actor before each on that chain, and the actors in
    the order they were settled.

    Dijkstra's search on products: every influence is at most 1, so a chain never gets
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
