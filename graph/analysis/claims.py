"""Whose claim is it: the contested relations, with who claims, who disputes, and the
evidence on each side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.records import actor_name, relation_record
from graph.analysis.resolve import resolve_actor

__all__ = ["ContestedClaim", "contested_claims"]


@dataclass
class ContestedClaim:
    """A relation that is alleged or denied, or that someone claims or disputes."""

    relation: dict[str, Any]  # the relation record (see graph.analysis.records.relation_record)
    claimed_by: list[str]  # names
    disputed_by: list[str]  # names
    evidence_for: list[dict[str, str]]
    evidence_against: list[dict[str, str]]

    def as_dict(self) -> dict[str, Any]:
        r = self.relation
        return {
            "id": r["id"],
            "source": r["source"],
            "type": r["type"],
            "target": r["target"],
            "sentence": f"{r['source_name']} {r['type']} {r['target_name']}",
            "status": r["status"],
            "when": r["when"],
            "claimed_by": self.claimed_by,
            "disputed_by": self.disputed_by,
            "note": r.get("note"),
            "evidence_for": self.evidence_for,
            "evidence_against": self.evidence_against,
        }


def contested_claims(G: nx.MultiDiGraph, *, actor: str | None = None) -> list[ContestedClaim]:
    """Every relation whose status is alleged or denied, or that has a claimant or a
    disputant, in file order; ``actor`` keeps those it takes part in, claims or disputes.

    Evidence is split by its ``side``: quotes that support the relation, and quotes that
    deny it.

    >>> G = nx.MultiDiGraph()
    >>> for n, name in [("us", "United States"), ("iran", "Iran"), ("emb", "Embassy")]:
    ...     G.add_node(n, name=name)
    >>> _ = G.add_edge("iran", "emb", key="r1", type="targets", status="alleged",
    ...                claimed_by=["us"], disputed_by=[], directed=True, stance="hostile",
    ...                evidence=[{"source": "news", "quote": "blamed Iran"}])
    >>> [c.as_dict()["sentence"] for c in contested_claims(G)]
    ['Iran targets Embassy']
    >>> contested_claims(G)[0].claimed_by
    ['United States']
    """
    if actor is not None:
        actor = resolve_actor(G, actor)
    out = []
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[3].get("line") or 0):
        claimed, disputed = d.get("claimed_by") or [], d.get("disputed_by") or []
        if d.get("status", "confirmed") == "confirmed" and not claimed and not disputed:
            continue
        if actor is not None and actor not in (u, v, *claimed, *disputed):
            continue
        evidence = d.get("evidence") or []
        out.append(
            ContestedClaim(
                relation_record(G, u, v, key),
                [actor_name(G, a) for a in claimed],
                [actor_name(G, a) for a in disputed],
                [dict(e) for e in evidence if e.get("side", "claim") != "dispute"],
                [dict(e) for e in evidence if e.get("side") == "dispute"],
            )
        )
    return out
