"""Centrality measures on the actor network, each with what it means in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graph.analysis.engine import Measures
from graph.dataset.build import actor_network
from graph.progress import progress

__all__ = ["MEANINGS", "MEASURES", "Centrality", "centrality"]

#: From this many actors, a heavy measure takes about a second or more, and says so on a
#: terminal while it runs (see :mod:`graph.progress`).
LONG = 3000

#: The measures, in the order tables show them.
MEASURES = ("in_degree", "out_degree", "betweenness", "closeness", "pagerank", "eigenvector")

#: One line per measure, for readers who do not know network science.
MEANINGS = {
    "in_degree": "share of the other actors that have a relation towards this one",
    "out_degree": "share of the other actors this one has a relation towards",
    "betweenness": "how often this actor lies on the shortest chains between two others: a broker",
    "closeness": "how few steps this actor needs to reach the others (outward reach)",
    "pagerank": "importance from being the object of relations by important actors",
    "eigenvector": "importance from being linked from actors that are themselves central",
}


@dataclass
class Centrality:
    """Scores per measure (``scores[measure][actor]``); ``undefined[measure]`` says why not."""

    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    undefined: dict[str, str] = field(default_factory=dict)

    def ranking(self, measure: str) -> list[tuple[str, float]]:
        """Actors by decreasing score on ``measure`` (ties by id)."""
        return sorted(self.scores.get(measure, {}).items(), key=lambda kv: (-kv[1], kv[0]))


def centrality(
    G: nx.MultiDiGraph,
    measures: tuple[str, ...] | list[str] = MEASURES,
    *,
    betweenness_sample: int | None = None,
    backend: str | None = None,
) -> Centrality:
    """Compute the chosen measures on the actor network (see :func:`actor_network`).

    Every value is networkx's on that network: degree centralities, normalized
    betweenness, closeness on outgoing distances (``closeness_centrality`` of the reversed
    network), PageRank (alpha 0.85) and eigenvector centrality (on incoming links), which is
    only defined when every actor can reach every other.

    ``betweenness_sample`` estimates betweenness from that many source actors (networkx's
    ``k``, seeded) instead of all of them: faster on big networks, and no longer exact.

    Betweenness and closeness, the heavy ones, are computed by ``backend``
    (:mod:`graph.analysis.engine`): by default the compiled engine, rustworkx (tens of times faster;
    closeness digit for digit networkx's, betweenness within 1e-9 of it), ``"networkx"``
    for networkx's own implementation, or the name of an installed networkx backend; an
    unknown name is a :class:`~graph.errors.QueryError`.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c")]:
    ...     _ = G.add_edge(u, v, directed=False)
    >>> c = centrality(G, ["betweenness", "eigenvector"])
    >>> c.scores["betweenness"]
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> round(c.scores["eigenvector"]["b"], 3)
    0.707
    """
    D = actor_network(G)
    heavy = Measures(D, backend)
    result = Centrality()
    with progress("Centrality", total=len(measures)) as bar:
        for measure in measures:
            if len(D) >= LONG and measure in ("betweenness", "closeness", "eigenvector"):
                # one call to a compiled engine, which says nothing until it is done
                bar.show(f"{measure.capitalize()} of {len(D):,} actors")
            _measure(D, heavy, measure, result, betweenness_sample)
            bar.advance()
    return result


def _measure(D, heavy: Measures, measure: str, result: Centrality, betweenness_sample) -> None:
    """Compute one measure into ``result`` (its scores, or why it is undefined)."""
    if measure == "in_degree":
        result.scores[measure] = nx.in_degree_centrality(D) if len(D) > 1 else {n: 0.0 for n in D}
    elif measure == "out_degree":
        result.scores[measure] = nx.out_degree_centrality(D) if len(D) > 1 else {n: 0.0 for n in D}
    elif measure == "betweenness":
        k = betweenness_sample if betweenness_sample and betweenness_sample < len(D) else None
        result.scores[measure] = heavy.betweenness(sample=k, seed=7 if k else None)
    elif measure == "closeness":
        result.scores[measure] = heavy.closeness(outward=True)
    elif measure == "pagerank":
        result.scores[measure] = nx.pagerank(D) if len(D) else {}
    elif measure == "eigenvector":
        why = _eigenvector_undefined(D)
        if why:
            result.undefined[measure] = why
            return
        try:
            result.scores[measure] = nx.eigenvector_centrality(D, max_iter=1000)
        except nx.PowerIterationFailedConvergence:
            result.undefined[measure] = "the computation did not converge on this network"
    else:
        raise ValueError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")


def _eigenvector_undefined(D: nx.DiGraph) -> str | None:
    if len(D) < 2 or D.number_of_edges() == 0:
        return "it needs at least two linked actors"
    if not nx.is_strongly_connected(D):
        parts = nx.number_strongly_connected_components(D)
        return (
            "it needs every actor to be reachable from every other through relations, and "
            f"here the actors fall into {parts} groups that are not; PageRank answers the same "
            "question for such networks"
        )
    return None
