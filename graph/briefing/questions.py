"""Questions for discussion, each prompted by a fact of the network's structure."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.analysis.claims import ContestedClaim
from graph.briefing.wording import name, verb
from graph.dataset.build import actor_network

__all__ = ["Question", "discussion_questions"]


@dataclass
class Question:
    text: str
    refers_to: list[str]  # section titles the question points at


def discussion_questions(G, chains, brokers, claims: list[ContestedClaim]) -> list[Question]:
    """Up to five questions; ``chains`` are the strongest chains, ``brokers`` (actor, score)
    pairs by decreasing betweenness, ``claims`` the contested claims in the order the
    briefing lists them (:func:`graph.analysis.claims.contested_claims`)."""
    questions = []
    # 1. A broker whose removal cuts a chain: the most central brokers first.
    rank = {n: i for i, (n, _) in enumerate(brokers)}
    candidates = sorted(
        ((rank.get(broker, len(rank)), i, chain, broker)
         for i, chain in enumerate(chains) for broker in chain.actors[1:-1]),
        key=lambda x: x[:2],
    )  # fmt: skip
    for _, _, chain, broker in candidates:
        a, b = chain.actors[0], chain.actors[-1]
        H = actor_network(G)
        H.remove_node(broker)
        if not nx.has_path(H, a, b):
            questions.append(Question(
                f"Without {name(G, broker)}, {name(G, a)} would have no chain of relations "
                f"to {name(G, b)} at all. What does {name(G, a)} gain by acting through "
                f"{name(G, broker)} rather than directly, and who could take its place?",
                ["Chains of influence", "Key actors"]))  # fmt: skip
            break
    # 2. A claim disputed by the accused themselves.
    for c in claims:
        r = c.relation
        u, v = r["source"], r["target"]
        if u in r["disputed_by"]:
            n = len(r["evidence"])
            evidence = f"{n} quotation{'s' if n != 1 else ''} on it" if n else "no evidence"
            questions.append(Question(
                f"{name(G, u)} denies that it {verb(r['type'])} {name(G, v)}; the data "
                f"holds {evidence}. Whose account should a reader trust, and what source "
                "would settle it?", ["Contested claims"]))  # fmt: skip
            break
    # 3. A claim made by a party hostile to the accused.
    for c in claims:
        r = c.relation
        u, v = r["source"], r["target"]
        for claimant in r["claimed_by"]:
            hostile = [k for k, e in G.get_edge_data(claimant, u, default={}).items()
                       if e["stance"] == "hostile"]  # fmt: skip
            if claimant != u and hostile:
                questions.append(Question(
                    f"{name(G, claimant)} claims that {name(G, u)} {verb(r['type'])} "
                    f"{name(G, v)}, and is itself hostile to {name(G, u)}. How does that "
                    "change the weight of the claim?", ["Contested claims",
                                                         "Hostility and cooperation"]))  # fmt: skip
                break
        else:
            continue
        break
    # 4. Targeted, but never targets.
    hostile_in = Counter(v for u, v, d in G.edges(data=True) if d["stance"] == "hostile" and u != v)
    hostile_out = {u for u, v, d in G.edges(data=True) if d["stance"] == "hostile"}
    for actor, n in hostile_in.most_common():
        if actor not in hostile_out and n >= 1:
            questions.append(Question(
                f"{name(G, actor)} is the object of {n} hostile relation{'s' if n != 1 else ''} "
                "but takes none against anyone. Why might it not respond, or why might its "
                "responses be missing from the sources?", ["Hostility and cooperation"]))  # fmt: skip
            break
    # 5. Two actors hostile to the same third one.
    by_target = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d["stance"] == "hostile" and u != v:
            by_target[v].add(u)
    for target, enemies in sorted(by_target.items(), key=lambda kv: -len(kv[1])):
        enemies = sorted(enemies, key=lambda e: name(G, e))
        pairs = [(a, b) for i, a in enumerate(enemies) for b in enemies[i + 1 :]
                 if any(d["stance"] == "hostile" for d in G.get_edge_data(a, b, default={}).values())
                 or any(d["stance"] == "hostile" for d in G.get_edge_data(b, a, default={}).values())]  # fmt: skip
        if pairs:
            a, b = pairs[0]
            questions.append(Question(
                f"{name(G, a)} and {name(G, b)} are both hostile to {name(G, target)}, yet "
                "hostile to each other. Is the enemy of my enemy a friend here?",
                ["Hostility and cooperation"]))  # fmt: skip
            break
    return questions
