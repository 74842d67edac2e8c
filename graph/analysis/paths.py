"""Chains of relations between two actors: the shortest one, or all of them up to a length."""

from __future__ import annotations

import itertools

import networkx as nx

from graph.analysis.chains import Chain, pick_step
from graph.analysis.records import actor_name
from graph.dataset.build import actor_network

__all__ = ["all_chains", "shortest_chain"]


def _network(G: nx.MultiDiGraph, undirected: bool) -> nx.DiGraph:
    D = actor_network(G)
    if undirected:
        D.add_edges_from([(v, u) for u, v in D.edges])
    return D


def _chain(G: nx.MultiDiGraph, nodes: list[str], undirected: bool) -> Chain:
    return Chain(tuple(pick_step(G, u, v, undirected)[0] for u, v in itertools.pairwise(nodes)))


def shortest_chain(
    G: nx.MultiDiGraph, source: str, target: str, *, undirected: bool = False
) -> Chain | None:
    """The chain of fewest relations from ``source`` to ``target``, or ``None`` if there is none.

    Relations are followed in their written direction (symmetric ones both ways), or in any
    direction with ``undirected``. Where several relations join two actors, the step uses the
    best attested one (confirmed before alleged before denied, then the most influential).

    >>> G = nx.MultiDiGraph()
    >>> for u, v, t in [("iran", "pmu", "directs"), ("pmu", "embassy", "targets"),
    ...                 ("us", "iran", "accuses")]:
    ...     _ = G.add_edge(u, v, key=t, type=t, status="confirmed", influence=.5, directed=True)
    >>> shortest_chain(G, "iran", "embassy").actors
    ('iran', 'pmu', 'embassy')
    >>> shortest_chain(G, "embassy", "iran") is None
    True
    >>> shortest_chain(G, "embassy", "us", undirected=True).actors
    ('embassy', 'pmu', 'iran', 'us')
    """
    D = _network(G, undirected)
    try:
        nodes = nx.shortest_path(D, source, target)
    except nx.NetworkXNoPath:
        return None
    return _chain(G, nodes, undirected)


def all_chains(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    depth: int = 4,
    undirected: bool = False,
) -> list[Chain]:
    """Every chain (simple path) from ``source`` to ``target`` of at most ``depth`` relations.

    Shortest first, then by the names along the way.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "c")]:
    ...     _ = G.add_edge(u, v, key="r", type="supports", status="confirmed", influence=.5,
    ...                    directed=True)
    >>> [c.actors for c in all_chains(G, "a", "c")]
    [('a', 'c'), ('a', 'b', 'c')]
    """
    if source == target:
        return []
    D = _network(G, undirected)
    paths = nx.all_simple_paths(D, source, target, cutoff=depth)
    names = {n: actor_name(G, n) for n in G}
    ordered = sorted(paths, key=lambda p: (len(p), [names[n] for n in p]))
    return [_chain(G, p, undirected) for p in ordered]
