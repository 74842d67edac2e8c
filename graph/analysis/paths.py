"""Chains of relations between two actors: the shortest one, or all of them up to a length."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.chains import Chain, pick_step
from graph.analysis.influence import influence_chains
from graph.analysis.records import actor_name
from graph.analysis.resolve import resolve_actor
from graph.dataset.build import actor_network

__all__ = ["CHAIN_COLUMNS", "ChainsFound", "all_chains", "chains_between", "shortest_chain"]

#: The CSV columns of :meth:`ChainsFound.rows`.
CHAIN_COLUMNS = ("rank", "hops", "strength", "chain", "relations")


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
    source = resolve_actor(G, source)
    target = resolve_actor(G, target)
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
    source = resolve_actor(G, source)
    target = resolve_actor(G, target)
    if source == target:
        return []
    D = _network(G, undirected)
    paths = nx.all_simple_paths(D, source, target, cutoff=depth)
    names = {n: actor_name(G, n) for n in G}
    ordered = sorted(paths, key=lambda p: (len(p), [names[n] for n in p]))
    return [_chain(G, p, undirected) for p in ordered]


@dataclass(frozen=True)
class ChainsFound:
    """The chains from ``source`` to ``target`` (see :func:`chains_between`): the shortest
    one, or with ``every`` all of at most ``depth`` steps; ``limit`` (None for all) is how many
    the answer shows (``shown``, what ``as_dict()`` and ``rows()`` list)."""

    source: str
    target: str
    undirected: bool
    every: bool
    depth: int
    chains: tuple[Chain, ...]
    limit: int | None
    #: The network searched, for the chains' texts.
    _graph: nx.MultiDiGraph = field(repr=False, compare=False)

    columns = CHAIN_COLUMNS

    @property
    def shown(self) -> tuple[Chain, ...]:
        """The first ``limit`` chains (all without a ``limit``)."""
        return self.chains[: self.limit] if self.limit else self.chains

    def as_dict(self) -> dict[str, Any]:
        """The two actors' ids, how the chains were searched (``depth`` None unless
        ``all``), how many were ``found``, and the shown chains."""
        return {
            "from": self.source,
            "to": self.target,
            "undirected": self.undirected,
            "all": self.every,
            "depth": self.depth if self.every else None,
            "found": len(self.chains),
            "chains": [c.as_dict(self._graph) for c in self.shown],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per shown chain: its rank, steps, strength, the chain spelled out and the
        ids of its relations."""
        return [
            {
                "rank": i,
                "hops": c.hops,
                "strength": c.strength,
                "chain": c.text(self._graph),
                "relations": [s.relation for s in c.steps],
            }
            for i, c in enumerate(self.shown, 1)
        ]


def chains_between(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    every: bool = False,
    depth: int = 4,
    undirected: bool = False,
    limit: int | None = None,
    strongest: bool = False,
) -> ChainsFound:
    """The :func:`shortest_chain` from ``source`` to ``target`` (none from an actor to
    itself), or with ``every`` :func:`all_chains` of at most ``depth`` steps, or with
    ``strongest`` the strongest chain of influence (:mod:`graph.analysis.influence`), as one
    answer showing the first ``limit``.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "c")]:
    ...     _ = G.add_edge(u, v, key=f"{u}{v}", type="supports", status="confirmed",
    ...                    influence=.5, directed=True)
    >>> found = chains_between(G, "a", "c", every=True, limit=1)
    >>> found.as_dict()["found"], found.rows()
    (2, [{'rank': 1, 'hops': 1, 'strength': 0.5, 'chain': 'a —supports→ c', 'relations': ['ac']}])
    >>> chains_between(G, "c", "a").as_dict()["chains"]
    []
    """
    source = resolve_actor(G, source)
    target = resolve_actor(G, target)
    if strongest:
        chains = [c for c in influence_chains(G, source) if c.actors[-1] == target]
    elif every:
        chains = all_chains(G, source, target, depth=depth, undirected=undirected)
    else:
        one = shortest_chain(G, source, target, undirected=undirected) if source != target else None
        chains = [one] if one else []
    return ChainsFound(source, target, undirected, every, depth, tuple(chains), limit, _graph=G)
