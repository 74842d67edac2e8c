"""A summary of a graph: what it holds, who is central, and the strongest chains of influence."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.analysis.centrality import centrality
from graph.analysis.influence import search_bounds, strongest_chains
from graph.analysis.records import DictResult, actor_name
from graph.dataset.model import STATUSES

__all__ = ["SUMMARY_COLUMNS", "Summary", "date_range", "summarize"]

#: The CSV columns of :meth:`Summary.rows`.
SUMMARY_COLUMNS = ("section", "key", "value")


class Summary(DictResult):
    """The summary :func:`summarize` returns: a dict, whose ``rows()`` give it as
    ``(section, key, value)`` rows for CSV."""

    columns = SUMMARY_COLUMNS

    def rows(self) -> list[dict[str, Any]]:
        """The counts (section ``count``), the counts by kind, type and status, the top
        actors by PageRank and betweenness (their id and score) and the strongest chains
        (their text and strength)."""
        rows = [{"section": "count", "key": k, "value": self[k]} for k in ("actors", "relations")]
        for section in ("by_kind", "by_type", "by_status"):
            rows += [{"section": section, "key": k, "value": v} for k, v in self[section].items()]
        for section in ("top_pagerank", "top_betweenness"):
            rows += [
                {"section": section, "key": r["id"], "value": r["score"]} for r in self[section]
            ]
        rows += [
            {"section": "strongest_chains", "key": c["text"], "value": c["strength"]}
            for c in self["strongest_chains"]
        ]
        return rows


def summarize(G: nx.MultiDiGraph, *, top: int = 5, backend: str | None = None) -> Summary:
    """Counts by kind, type and status, the date range, the most central actors and the
    strongest influence chains of two steps or more. ``backend`` computes betweenness (see
    :mod:`graph.analysis.engine`). On a large network the chains are searched from some actors only
    (:func:`graph.analysis.influence.search_bounds`), which ``chains_searched`` says (else None).
    The answer is a dict (:class:`Summary`, with ``rows()`` for CSV).

    >>> from graph.dataset.load import bundled_dataset_path, load_dataset
    >>> from graph.dataset.build import build_graph
    >>> s = summarize(build_graph(load_dataset([bundled_dataset_path()])))
    >>> s["actors"], s["relations"] > 10, s["by_status"]["denied"]
    (15, True, 2)
    >>> s.rows()[0]
    {'section': 'count', 'key': 'actors', 'value': 15}
    """
    scores = centrality(G, ["pagerank", "betweenness"], backend=backend)
    sources, depth = search_bounds(G)
    names = {n: actor_name(G, n) for n in G}
    summary = {
        "title": G.graph.get("title"),
        "description": G.graph.get("description"),
        "files": list(G.graph.get("files") or []),
        "actors": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "by_kind": dict(Counter(d["kind"] for _, d in G.nodes(data=True)).most_common()),
        "by_type": dict(Counter(d["type"] for _, _, d in G.edges(data=True)).most_common()),
        "by_status": _by_status(G),
        "dated_relations": sum(
            1 for _, _, d in G.edges(data=True) if d.get("first_day") or d.get("last_day")
        ),
        "date_range": date_range(G),
        "top_pagerank": [
            {"id": n, "name": names[n], "score": s} for n, s in scores.ranked("pagerank")[:top]
        ],
        "top_betweenness": [
            {"id": n, "name": names[n], "score": s}
            for n, s in scores.ranked("betweenness")[:top]
            if s > 0
        ],
        "strongest_chains": [
            c.as_dict(G) for c in strongest_chains(G, top=top, depth=depth, actors=sources)
        ],
        "chains_searched": (
            None
            if sources is None
            else {"from": len(sources), "of": G.number_of_nodes(), "depth": depth}
        ),
    }
    return Summary(summary)


def date_range(G: nx.MultiDiGraph) -> dict[str, Any] | None:
    """The first and last day any dated relation covers; ``open_ended`` if one has no end."""
    spans = [(d.get("first_day"), d.get("last_day")) for _, _, d in G.edges(data=True)]
    spans = [s for s in spans if s != (None, None)]
    if not spans:
        return None
    days = [day for span in spans for day in span if day]
    return {
        "first": min(days),
        "last": max(days),
        "open_ended": any(last is None for _, last in spans),
    }


def _by_status(G: nx.MultiDiGraph) -> dict[str, int]:
    """Relations per status, every status of the format; ``refuted`` only when some are (the
    commands leave them out, so a summary of their view has none)."""
    counts = Counter(d["status"] for *_, d in G.edges(data=True))
    return {s: counts[s] for s in STATUSES if s != "refuted" or counts[s]}
