"""The measurements of bench/run.py, each run in a fresh process by it:

    python bench/workers.py NAME ARG...

prints one line of JSON (seconds, and what else the measurement gives).
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(path: str, cache: bool):
    """``load_dataset`` with ``cache=`` when the loader has that parameter."""
    import inspect

    from graph.dataset.load import load_dataset

    if "cache" in inspect.signature(load_dataset).parameters:
        return load_dataset([path], cache=cache)
    return load_dataset([path])


def worker_has_cache() -> dict:
    import inspect

    from graph.dataset.load import load_dataset

    return {"cache": "cache" in inspect.signature(load_dataset).parameters}


def worker_ours_load(path: str, cache: str) -> dict:
    """Load, validate and build the graph (the cold load with cache 0, warm with 1)."""
    from graph.dataset.build import build_graph

    start = time.perf_counter()
    G = build_graph(_load(path, cache == "1"))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_mib": _rss_mib(), "edges": G.number_of_edges()}


def worker_yaml_load(path: str) -> dict:
    """The reference of the cold load: PyYAML's C loader alone."""
    import yaml

    start = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=yaml.CSafeLoader)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_mib": _rss_mib(), "relations": len(data["relations"])}


def worker_bare_graph(path: str) -> dict:
    """The reference of memory: parse with the C loader, then a bare MultiDiGraph with the
    actors' fields as node attributes and the relations' fields as edge attributes."""
    import networkx as nx
    import yaml

    start = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=yaml.CSafeLoader)
    G = nx.MultiDiGraph()
    for actor in data["actors"]:
        G.add_node(actor["id"], **actor)
    for i, relation in enumerate(data["relations"]):
        G.add_edge(relation["source"], relation["target"], key=i, **relation)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_mib": _rss_mib(), "edges": G.number_of_edges()}


def worker_measure(path: str, which: str, engine: str, out: str) -> dict:
    """Time one heavy measure from the built graph G, ours or networkx's; save the values."""
    from graph.dataset.build import build_graph

    G = build_graph(_load(path, True))
    compute = _ours(which) if engine == "ours" else _networkx(which)
    imports = 0.0
    if engine == "ours":  # each side starts with its libraries imported, as networkx is
        from graph.analysis.engine import _networkit, compiled

        start = time.perf_counter()
        compiled(), _networkit()
        imports = time.perf_counter() - start
    start = time.perf_counter()
    values = compute(G)
    seconds = time.perf_counter() - start
    if isinstance(values, dict) and "estimated" in values:  # the reference's own estimate
        seconds = values.pop("seconds")
    Path(out).write_text(json.dumps(values))
    return {
        "seconds": seconds,
        "estimated": values.get("estimated") if isinstance(values, dict) else None,
        "imports": imports,
    }


def _ours(which: str):
    from graph.analysis.centrality import centrality
    from graph.analysis.keyplayers import key_players

    if which == "key-players":

        def ours(G):
            k = key_players(G)
            removals = {r.actor: [r.pairs_after, r.reach_lost] for r in k.removals}
            return {"pairs": k.pairs, "reach": k.reach, "removals": removals}

        return ours
    return lambda G: centrality(G, [which]).scores[which]


def _networkx(which: str):
    """networkx's own computation, from G, of what ``which`` computes."""
    import networkx as nx

    from graph.dataset.build import actor_network

    if which == "betweenness":
        return lambda G: nx.betweenness_centrality(actor_network(G))
    if which == "closeness":
        return lambda G: nx.closeness_centrality(actor_network(G).reverse(copy=False))
    return _networkx_key_players


#: Removals networkx's reference recomputes (the actors with most relations): its time for
#: all removals is estimated from these, and our values for them are checked against it.
KEY_PLAYER_SAMPLE = 3


def _networkx_key_players(G) -> dict:
    """Key players' all-pairs work as networkx would do it: on the whole network, then again
    without each actor, the ordered pairs joined by a chain (``descendants`` of every actor)
    and the strongest chain between every pair (networkx's Dijkstra on -log(strength) over
    the strongest one-step influence, on the states of graph.analysis.flow's rule). Every removal costs the same order of time, so only
    KEY_PLAYER_SAMPLE of them are run and the time is extrapolated to all ``n``."""
    import networkx as nx

    from graph.analysis.flow import relation_strengths
    from graph.dataset.build import actor_network

    D = actor_network(G)
    D.remove_edges_from(list(nx.selfloop_edges(D)))
    # The rule of graph/analysis/flow.py, on states (actor, pressure step used): control goes
    # on in either state, pressure only from a state that has not used it yet.
    S = nx.DiGraph()
    S.add_nodes_from((n, p) for n in G for p in (0, 1))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        ahead, back = relation_strengths(data)
        if not data["directed"]:
            back = ahead
        pressure = data.get("carries") == "pressure"
        for a, b, w in ((u, v, ahead), (v, u, back)):
            if w <= 0:
                continue
            steps = [((a, 0), (b, 1))] if pressure else [((a, 0), (b, 0)), ((a, 1), (b, 1))]
            for s, t in steps:
                if w > S.get_edge_data(s, t, {}).get("influence", 0.0):
                    S.add_edge(s, t, influence=w, cost=-math.log(w))

    def pairs_and_reach(D, S, skip=None):
        pairs = sum(len(nx.descendants(D, x)) for x in D if x != skip)
        strength = {}
        for x in D:
            lengths = nx.single_source_dijkstra_path_length(S, (x, 0), weight="cost")
            for (y, _), d in lengths.items():
                if y != x:
                    strength[x, y] = max(strength.get((x, y), 0.0), math.exp(-d))
        return pairs, strength

    start = time.perf_counter()
    pairs, strength = pairs_and_reach(D, S)
    whole = time.perf_counter() - start
    sample = sorted(D, key=lambda a: (-D.degree(a), a))[:KEY_PLAYER_SAMPLE]
    removals = {}
    start = time.perf_counter()
    for a in sample:
        kept = [s for s in S if s[0] != a]
        after_pairs, after = pairs_and_reach(D.subgraph(set(D) - {a}), S.subgraph(kept))
        others = sum(s for (x, y), s in strength.items() if a not in (x, y))
        removals[a] = [after_pairs, others - sum(after.values())]
    per_removal = (time.perf_counter() - start) / max(len(sample), 1)
    return {
        "pairs": pairs,
        "reach": sum(strength.values()),
        "removals": removals,
        "seconds": whole + per_removal * len(D),
        "estimated": f"whole network {whole:.1f} s + {len(D):,} removals × {per_removal:.1f} s "
        f"(timed on {len(sample)})",
    }


def worker_page(path: str) -> dict:
    """The page alone: graph.render.page.page_html on the built graph."""
    from graph.dataset.build import build_graph
    from graph.render.page import page_html

    G = build_graph(_load(path, True))
    start = time.perf_counter()
    html = page_html(G)
    return {"seconds": time.perf_counter() - start, "bytes": len(html.encode())}


WORKERS = {
    "has-cache": worker_has_cache,
    "ours-load": worker_ours_load,
    "yaml-load": worker_yaml_load,
    "bare-graph": worker_bare_graph,
    "measure": worker_measure,
    "page": worker_page,
}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(json.dumps(WORKERS[sys.argv[1]](*sys.argv[2:])))
