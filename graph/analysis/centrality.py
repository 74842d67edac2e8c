"""Centrality measures on the actor network, each with what it means in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.engine import Measures
from graph.analysis.records import actor_name, left_out_kinds, node_class
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
    "pagerank": "attention received: being the object of relations, friendly or hostile, from "
    "actors that receive attention themselves (not standing: a target scores high)",
    "eigenvector": "attention received from actors that are themselves central (any relation, "
    "friendly or hostile)",
}


@dataclass
class Centrality:
    """Scores per measure (``scores[measure][actor]``); ``undefined[measure]`` says why not.

    As :func:`centrality` returns it, it also knows the ``measures`` asked for (in their
    order), the one the actors are ``sorted_by`` (None when none could be computed: then
    they are in graph order), how many to show (``top``, None for all), and the network's
    ``actors`` and ``relations``: what ``as_dict()`` and ``rows()`` need.
    """

    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    undefined: dict[str, str] = field(default_factory=dict)
    measures: tuple[str, ...] = ()
    sorted_by: str | None = None
    top: int | None = None
    actors: int = 0
    relations: int = 0
    #: The network the scores were computed on, for the actors' names and order.
    _graph: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)
    #: Whether rows() ranks places and events too (by default only agents, which act).
    all_kinds: bool = False

    def ranking(self, measure: str) -> list[tuple[str, float]]:
        """Actors by decreasing score on ``measure`` (ties by id), places and events too."""
        return sorted(self.scores.get(measure, {}).items(), key=lambda kv: (-kv[1], kv[0]))

    def ranked(self, measure: str) -> list[tuple[str, float]]:
        """:meth:`ranking`, of agents only unless ``all_kinds``: what a ranking shows."""
        G = self._graph
        if self.all_kinds or G is None:
            return self.ranking(measure)
        return [(n, s) for n, s in self.ranking(measure) if node_class(G, n) == "agent"]

    @property
    def left_out(self) -> dict[str, int]:
        """The places and events :meth:`rows` leaves out, by class."""
        if self.all_kinds or self._graph is None:
            return {}
        return left_out_kinds(self._graph, self._graph)

    @property
    def present(self) -> list[str]:
        """The measures asked for that could be computed, in the order asked."""
        return [m for m in self.measures if m in self.scores]

    @property
    def columns(self) -> tuple[str, ...]:
        """The CSV columns: ``id``, ``name`` and each measure computed."""
        return ("id", "name", *self.present)

    def rows(self) -> list[dict[str, Any]]:
        """The ``top`` actors (all without it) by decreasing ``sorted_by`` score, each with
        its id, name and score on every measure computed."""
        G = self._graph
        if self.sorted_by:
            order = [n for n, _ in self.ranked(self.sorted_by)]
        else:
            order = list(G) if G is not None else []
            if not self.all_kinds and G is not None:
                order = [n for n in order if node_class(G, n) == "agent"]
        order = order[: self.top] if self.top else order
        present = self.present
        return [
            {"id": n, "name": actor_name(G, n), **{m: self.scores[m][n] for m in present}}
            for n in order
        ]

    def as_dict(self) -> dict[str, Any]:
        """The network's counts, the measure sorted by, what each measure means, why some
        are not defined, and the :meth:`rows` as ``scores``."""
        return {
            "actors": self.actors,
            "relations": self.relations,
            "sorted_by": self.sorted_by,
            "meanings": {m: MEANINGS[m] for m in self.measures},
            "undefined": self.undefined,
            "left_out": self.left_out,
            "scores": self.rows(),
        }


def centrality(
    G: nx.MultiDiGraph,
    measures: tuple[str, ...] | list[str] = MEASURES,
    *,
    betweenness_sample: int | None = None,
    backend: str | None = None,
    sort_by: str | None = None,
    top: int | None = None,
    all_kinds: bool = False,
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

    ``rows()`` and ``as_dict()`` list the ``top`` actors (all without it) by decreasing score
    on ``sort_by`` (default: the first of ``measures`` computed); when that measure could not
    be computed, the actors are in graph order. The scores are computed on the whole network,
    places and events included, but only agents are ranked unless ``all_kinds``.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c")]:
    ...     _ = G.add_edge(u, v, directed=False)
    >>> c = centrality(G, ["betweenness", "eigenvector"], top=1)
    >>> c.scores["betweenness"]
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> round(c.scores["eigenvector"]["b"], 3)
    0.707
    >>> c.sorted_by, [row["id"] for row in c.rows()]
    ('betweenness', ['b'])
    """
    D = actor_network(G)
    heavy = Measures(D, backend)
    result = Centrality(measures=tuple(measures), top=top, actors=G.number_of_nodes(),
                        relations=G.number_of_edges(), _graph=G, all_kinds=all_kinds)  # fmt: skip
    with progress("Centrality", total=len(measures)) as bar:
        for measure in measures:
            if len(D) >= LONG and measure in ("betweenness", "closeness", "eigenvector"):
                # one call to a compiled engine, which says nothing until it is done
                bar.show(f"{measure.capitalize()} of {len(D):,} actors")
            _measure(D, heavy, measure, result, betweenness_sample)
            bar.advance()
    if sort_by is None:
        sort_by = next((m for m in measures if m in result.scores), None)
    result.sorted_by = sort_by if sort_by in result.scores else None
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
