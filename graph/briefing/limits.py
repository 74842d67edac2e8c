"""What this map cannot tell you: the limits of a briefing's data, each derived from the data
at hand (its sources, dates, claims, weights and places)."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph._words import count
from graph.briefing.wording import names

__all__ = ["map_limits"]

_CLAIM_STATUSES = ("alleged", "denied")


def map_limits(G: nx.MultiDiGraph, facts: nx.MultiDiGraph) -> list[str]:
    """Sentences on what the map of ``G`` cannot tell a reader; ``facts`` is ``G`` without its
    refuted relations. Each sentence is said only when it is true of this data."""
    m = G.number_of_edges()
    if m == 0:
        return ["There is no relation in this view: the map shows actors only."]
    out = [_sources(G, m)]
    out += [s for s in (_claims(G, facts, m), _undated(facts), _weights(facts), _places(facts))
            if s]  # fmt: skip
    return out


def _sources(G, m: int) -> str:
    by_relation = [{e["source"] for e in d.get("evidence") or []} for *_, d in G.edges(data=True)]
    sources = set().union(*by_relation)
    uncited = sum(1 for s in by_relation if not s)
    none = f" {_of(uncited, m, 'cites', 'cite')} none." if uncited else ""
    if not sources:
        return "No relation cites evidence: the map rests on the dataset's word alone."
    if len(sources) == 1:
        return (f"All the evidence comes from one source ({next(iter(sources))}): no second "
                f"account checks it.{none}")  # fmt: skip
    alone = sum(1 for s in by_relation if len(s) == 1)
    return (f"The evidence cites {len(sources)} sources; {_of(alone, m, 'rests', 'rest')} on "
            f"one source alone.{none}")  # fmt: skip


def _of(n: int, m: int, singular: str, plural: str) -> str:
    """``1 of the 2 relations is``, ``3 of the 5 relations are``."""
    return f"{n} of the {m} relations {singular if n == 1 else plural}"


def _weight(value: float) -> str:
    return f"{value:g}"


def _claims(G, facts, m: int) -> str:
    statuses = Counter(d["status"] for *_, d in G.edges(data=True))
    claims = sum(statuses[s] for s in _CLAIM_STATUSES)
    parts = []
    if claims:
        kinds = ", ".join(f"{statuses[s]} {s}" for s in _CLAIM_STATUSES if statuses[s])
        text = (f"{_of(claims, m, 'is a claim', 'are claims')}, "
                f"not {'an established fact' if claims == 1 else 'established facts'} ({kinds})")  # fmt: skip
        default = G.graph.get("status_weights") or {}
        used: dict[str, set] = {}
        for *_, d in facts.edges(data=True):
            if d["status"] in _CLAIM_STATUSES:
                weight = d.get("claim_weight", default.get(d["status"], 1.0))
                used.setdefault(d["status"], set()).add(weight)
        shown = [f"{s} {' or '.join(_weight(w) for w in sorted(used[s]))}"
                 for s in _CLAIM_STATUSES if s in used]  # fmt: skip
        if all(ws == {1.0} for ws in used.values()):
            text += "; in this view they count as fully as confirmed relations"
        else:
            text += (f"; in chains and reach a claim weighs less: {', '.join(shown)} "
                     "(confirmed 1)")  # fmt: skip
        parts.append(text + ".")
    if statuses["refuted"]:
        n = statuses["refuted"]
        parts.append(f"{count(n, 'refuted relation')} {'is' if n == 1 else 'are'} shown only "
                     "among the contested claims, never as a fact.")  # fmt: skip
    return " ".join(parts)


def _undated(facts) -> str:
    m = facts.number_of_edges()
    undated = sum(1 for *_, d in facts.edges(data=True)
                  if not d.get("first_day") and not d.get("last_day"))  # fmt: skip
    if not m or not undated:
        return ""
    if undated == m:
        return "No relation is dated: when they held, and whether they still do, is unknown."
    one = undated == 1
    return (f"{_of(undated, m, 'is', 'are')} undated: when {'it' if one else 'they'} held, and "
            f"whether {'it still does' if one else 'they still do'}, is unknown.")  # fmt: skip


def _weights(facts) -> str:
    types = facts.graph.get("relation_types") or {}
    used: dict[str, float] = {}
    own_weight = 0
    for *_, d in facts.edges(data=True):
        if d.get("carries", "control") != "none" and (d.get("influence") or 0) > 0:
            used[d["type"]] = d["influence"]
            own_weight += d.get("weight") is not None
    if not used:
        return ""
    listed = ", ".join(f"{t.replace('_', ' ')} {_weight(w)}"
                       for t, w in sorted(used.items(), key=lambda kv: (-kv[1], kv[0])))  # fmt: skip
    theirs = [t.replace("_", " ") for t in used if not (types.get(t) or {}).get("builtin", True)]
    whose = "the project's conventions"
    if theirs:
        whose = (f"conventions (the project's, and this dataset's for "
                 f"{', '.join(sorted(theirs))})")  # fmt: skip
    text = (f"The influence weights ({listed}) are {whose}: an ordering, not measurements; "
            "chains and reach follow from them.")  # fmt: skip
    if own_weight:
        text += f" {count(own_weight, 'relation')} set{'s' if own_weight == 1 else ''} its own."
    return text


def _places(facts) -> str:
    by_class: dict[str, list[str]] = {"place": [], "event": []}
    for n, data in facts.nodes(data=True):
        cls = data.get("node_class", "agent")
        if cls in by_class:
            by_class[cls].append(n)
    parts = []
    places = by_class["place"]
    if places:
        kinds = {facts.nodes[n].get("kind") for n in places}
        one = len(places) == 1
        if kinds == {"facility"}:
            noun = "a facility" if one else "facilities"
        elif kinds <= {"place", "facility"} and "facility" in kinds:
            noun = "places or facilities"
        else:
            noun = "a place" if one else "places"
        parts.append(f"{_some(facts, places)} {'is' if one else 'are'} {noun}: context, not "
                     f"{'an actor' if one else 'actors'}; a high score means relations point at "
                     f"{'it' if one else 'them'}, not that {'it acts' if one else 'they act'}.")  # fmt: skip
    events = by_class["event"]
    if events:
        what = ("is an event: something that happened, not an actor" if len(events) == 1
                else "are events: things that happened, not actors")  # fmt: skip
        parts.append(f"{_some(facts, events)} {what}.")
    return " ".join(parts)


def _some(G, ids: list[str], shown: int = 3) -> str:
    if len(ids) <= shown:
        return names(G, ids)
    return f"{len(ids)} in this view ({', '.join(names(G, [i]) for i in ids[:shown])}…)"
