"""The relations as a signed network: one tie per pair of agents, positive or negative."""

from __future__ import annotations

import networkx as nx

from graph.analysis.records import actor_name, left_out_kinds, node_class

__all__ = ["signed_network"]


def signed_network(G: nx.MultiDiGraph, *, all_kinds: bool = False) -> nx.Graph:
    """The relations as a signed network: one undirected tie per pair of actors.

    Only agents take sides: places and events are left out unless ``all_kinds`` (their
    count is in ``S.graph["kinds_left_out"]``). A relation that weighs less than half (by its
    status: by default denied 0.25 and refuted 0; alleged 0.5 counts) is left out, its id and
    status in ``S.graph["claims_left_out"]``; the others count with their weight.

    Cooperative relations count as positive, hostile ones as negative, neutral ones not at
    all; direction is ignored (``A targets B`` and ``B accuses A`` both make A and B enemies).
    Several relations between one pair combine by majority: the tie's ``sign`` is that of
    (cooperative count − hostile count), and an even split counts as negative. A count lets
    sustained cooperation outweigh one hostile act (allies who trade an accusation stay
    allies), and the tie goes to hostility because in conflict data a hostile act is the
    rarer, costlier and more telling signal: two actors who attack each other as often as
    they cooperate are not in one camp. Each tie keeps ``relations`` (the ids behind it, in
    dataset order), ``texts`` ("Iran directs PMU militias"), and the ``cooperative`` and
    ``hostile`` counts. Every actor stays, with its ``name``; a relation from an actor to
    itself is left out. ``S.graph["neutral"]`` counts the neutral relations ignored.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A"); G.add_node("b", name="B")
    >>> for key, stance in [("r1", "cooperative"), ("r2", "hostile"), ("r3", "cooperative")]:
    ...     _ = G.add_edge("a", "b", key=key, type="t", stance=stance)
    >>> S = signed_network(G)
    >>> S.edges["a", "b"]["sign"], S.edges["a", "b"]["relations"]
    (1, ['r1', 'r2', 'r3'])
    >>> _ = G.add_edge("b", "a", key="r4", type="accuses", stance="hostile")
    >>> signed_network(G).edges["a", "b"]["sign"]
    -1
    """
    S = nx.Graph(signed=True, neutral=0, claims_left_out=[], kinds_left_out={})
    for n in G:
        if all_kinds or node_class(G, n) == "agent":
            S.add_node(n, name=actor_name(G, n))
    S.graph["kinds_left_out"] = {} if all_kinds else left_out_kinds(G, G)
    ties: dict[tuple, dict] = {}
    weights: dict[tuple, dict[str, float]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        stance = data.get("stance")
        if u == v or stance not in ("cooperative", "hostile"):
            if u != v and u in S and v in S:
                S.graph["neutral"] += 1
            continue
        weight = data.get("claim_weight", 1.0)
        status = data.get("status", "confirmed")
        if weight < 0.5:  # said even when it joins a place: the claim is what is left out
            S.graph["claims_left_out"].append((key, status))
            continue
        if u not in S or v not in S:
            continue
        pair = (u, v) if (u, v) in ties or (v, u) not in ties else (v, u)
        tie = ties.setdefault(pair, {"relations": [], "texts": [], "cooperative": 0, "hostile": 0,
                                     "claims": []})  # fmt: skip
        tie[stance] += 1
        weighed = weights.setdefault(pair, {"cooperative": 0.0, "hostile": 0.0})
        weighed[stance] += weight
        tie["relations"].append(key)
        verb = str(data.get("type", stance)).replace("_", " ")
        said = "" if status == "confirmed" else f" ({status})"
        if said:
            tie["claims"].append(key)
        tie["texts"].append(f"{S.nodes[u]['name']} {verb} {S.nodes[v]['name']}{said}")
    for pair, tie in ties.items():
        sign = 1 if weights[pair]["cooperative"] > weights[pair]["hostile"] else -1
        S.add_edge(*pair, sign=sign, **tie)
    return S


def _is_signed(G: nx.Graph) -> bool:
    if G.graph.get("signed"):
        return True
    return not G.is_directed() and not G.is_multigraph()
