"""Chains of relations (one actor to another, step by step) and how they read in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.flow import relation_strengths
from graph.analysis.records import actor_name

__all__ = ["Chain", "Step", "make_step", "pick_step"]

_STATUS_RANK = {"confirmed": 0, "alleged": 1, "denied": 2}


@dataclass(frozen=True)
class Step:
    """One relation walked from ``source`` to ``target``.

    ``forward`` is False when a symmetric relation (or, with ``--undirected``, any relation)
    is walked against the direction it was written in. ``source_name`` and ``target_name``
    are the actors' display names when the step was made from a graph (a chain then shows
    itself without one).
    """

    source: str
    target: str
    relation: str
    type: str
    status: str
    influence: float
    directed: bool
    forward: bool
    evidence: tuple[dict, ...] = ()
    source_name: str | None = None
    target_name: str | None = None
    pressure: bool = False  # a pressure relation (threatens, targets…), not one of control

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "relation": self.relation,
            "type": self.type,
            "status": self.status,
            "influence": self.influence,
            "forward": self.forward,
            "evidence": [dict(e) for e in self.evidence],
        }


@dataclass(frozen=True)
class Chain:
    """A chain of steps; ``strength`` is the product of the steps' influence."""

    steps: tuple[Step, ...]

    @property
    def actors(self) -> tuple[str, ...]:
        if not self.steps:
            return ()
        return (self.steps[0].source, *(s.target for s in self.steps))

    @property
    def strength(self) -> float:
        value = 1.0
        for step in self.steps:
            value *= step.influence
        return value

    @property
    def hops(self) -> int:
        return len(self.steps)

    @property
    def pressured(self) -> bool:
        """Whether the chain holds a pressure step (it then ends in pressure, not control)."""
        return any(s.pressure for s in self.steps)

    @property
    def claims(self) -> tuple[Step, ...]:
        """The steps that rest on a claim (a relation that is not confirmed)."""
        return tuple(s for s in self.steps if s.status != "confirmed")

    def parts(self, G: nx.MultiDiGraph | None = None) -> list[str]:
        """Actor names and the arrows between them, in order (for wrapping at arrows); the
        names are ``G``'s, or those the steps were made with."""
        if not self.steps:
            return []
        first = self.steps[0]
        parts = [_name(G, first.source, first.source_name)]
        for step in self.steps:
            label = step.type if step.status == "confirmed" else f"{step.type} ({step.status})"
            if not step.directed:
                parts.append(f"—{label}—")
            elif step.forward:
                parts.append(f"—{label}→")
            else:
                parts.append(f"←{label}—")
            parts.append(_name(G, step.target, step.target_name))
        return parts

    def text(self, G: nx.MultiDiGraph | None = None) -> str:
        """The chain spelled out with actor names.

        >>> G = nx.MultiDiGraph()
        >>> G.add_node("ir", name="Iran"); G.add_node("pmu", name="PMU militias")
        >>> G.add_node("gz", name="Green Zone")
        >>> c = Chain((Step("ir", "pmu", "r1", "directs", "confirmed", 0.9, True, True),
        ...            Step("pmu", "gz", "r2", "targets", "denied", 0.3, True, True)))
        >>> c.text(G)
        'Iran —directs→ PMU militias —targets (denied)→ Green Zone'
        >>> _ = G.add_edge("ir", "pmu", key="r1", type="directs", status="confirmed",
        ...                influence=0.9, directed=True)
        >>> Chain((make_step(G, "ir", "pmu", "r1", True),)).text()  # names kept in the steps
        'Iran —directs→ PMU militias'
        """
        return " ".join(self.parts(G))

    def as_dict(self, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        """The chain as plain data: its actors, strength, steps, and its text with the names
        of ``G`` (or those the steps were made with)."""
        return {
            "actors": list(self.actors),
            "strength": self.strength,
            "hops": self.hops,
            "text": self.text(G),
            "claims": [{"relation": s.relation, "status": s.status} for s in self.claims],
            "steps": [s.as_dict() for s in self.steps],
        }


def _name(G: nx.MultiDiGraph | None, node: str, known: str | None) -> str:
    if G is not None:
        return actor_name(G, node)
    return known or node


def make_step(G: nx.MultiDiGraph, u: str, v: str, key: str, forward: bool) -> Step:
    """The step walking relation ``key`` (written ``u → v``), forwards or backwards; its
    ``influence`` is what the relation carries that way (:func:`graph.analysis.flow.relation_strengths`)."""
    d = G.edges[u, v, key]
    source, target = (u, v) if forward else (v, u)
    ahead, back = relation_strengths(d)
    return Step(
        source=source,
        target=target,
        relation=key,
        type=d["type"],
        status=d["status"],
        influence=ahead if forward or not d["directed"] else back,
        directed=d["directed"],
        forward=forward,
        evidence=tuple(d.get("evidence") or ()),
        source_name=actor_name(G, source),
        target_name=actor_name(G, target),
        pressure=d.get("carries") == "pressure",
    )


def pick_step(G: nx.MultiDiGraph, u: str, v: str, any_direction: bool = False) -> tuple[Step, int]:
    """The relation that best stands for a step from ``u`` to ``v``, and how many could.

    Confirmed relations come before alleged ones, alleged before denied; then the one that
    carries most influence; then the first written. With ``any_direction``, relations written
    ``v → u`` count too (an undirected walk).
    """
    candidates = [make_step(G, u, v, key, True) for key in G.get_edge_data(u, v, default={})]
    for key, data in G.get_edge_data(v, u, default={}).items():
        if u != v and (any_direction or not data["directed"]):
            candidates.append(make_step(G, v, u, key, False))
    best = min(
        enumerate(candidates),
        key=lambda ic: (
            _STATUS_RANK.get(ic[1].status, 3),
            -ic[1].influence,
            not ic[1].forward,
            ic[0],
        ),
    )[1]
    return best, len(candidates)
