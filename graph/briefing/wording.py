"""How a briefing words the data: names, verbs, and one-line sentences about relations."""

from __future__ import annotations

from collections import defaultdict

from graph.analysis.records import actor_name

__all__ = ["aliases_text", "incoming", "name", "names", "passive", "relation_sentence", "role",
           "verb"]  # fmt: skip

# How an incoming relation reads: "targeted by", "led by"…; a type not listed falls back on a
# regular past participle ("protects" -> "protected by").
_PASSIVE = {"leads": "led by", "member_of": "has as member", "located_in": "location of"}
_SYMMETRIC_VERB = {"allies_with": "allied with", "rivals": "rival of",
                   "negotiates_with": "negotiates with"}  # fmt: skip
_KIND_NOUN = {"armed_group": ("armed group", "armed groups"), "military": ("military force",
              "military forces"), "facility": ("facility", "facilities"), "family": ("family",
              "families"), "party": ("party", "parties"), "company": ("company", "companies")}  # fmt: skip


def name(G, n) -> str:
    """An actor's name (its id if it is not in the graph)."""
    return actor_name(G, n) if n in G else str(n)


def names(G, ids) -> str:
    """Actor names in a sentence: "A", "A and B", "A, B and C"."""
    shown = [name(G, i) for i in ids]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def passive(rtype: str) -> str:
    if rtype in _PASSIVE:
        return _PASSIVE[rtype]
    if rtype in _SYMMETRIC_VERB:
        return _SYMMETRIC_VERB[rtype]
    if "_" not in rtype and rtype.endswith("s"):
        stem = rtype[:-1]
        return (stem + "d" if stem.endswith("e") else stem + "ed") + " by"
    return f"'{rtype.replace('_', ' ')}' by"


def verb(rtype: str) -> str:
    return _SYMMETRIC_VERB.get(rtype, rtype.replace("_", " "))


def _noun(kind: str, n: int) -> str:
    singular, plural = _KIND_NOUN.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
    return singular if n == 1 else plural


def _others(G, ids: list[str]) -> str:
    """One actor by name; several by count and kind ("3 facilities", "2 actors")."""
    ids = list(dict.fromkeys(ids))
    if len(ids) == 1:
        return name(G, ids[0])
    kinds = {G.nodes[i]["kind"] for i in ids}
    noun = _noun(kinds.pop(), len(ids)) if len(kinds) == 1 else "actors"
    return f"{len(ids)} {noun}"


def aliases_text(aliases: list[str], shown: int = 3) -> str:
    more = len(aliases) - shown
    return ", ".join(aliases[:shown]) + (f" (+{more})" if more > 0 else "")


def relation_sentence(G, u, v, d) -> str:
    """``Iran directs PMU militias``, with the claim in brackets when it is not confirmed."""
    text = f"{name(G, u)} {verb(d['type'])} {name(G, v)}"
    notes = []
    if d["status"] != "confirmed":
        notes.append(d["status"])
    if d.get("claimed_by"):
        notes.append(f"claimed by {names(G, d['claimed_by'])}")
    if d.get("disputed_by"):
        notes.append(f"disputed by {names(G, d['disputed_by'])}")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def incoming(G, actor: str) -> list[str]:
    """What others do to an actor: ["directed by Iran", "targeted by 2 facilities"]."""
    inc: dict[str, list[str]] = defaultdict(list)
    for u, _, d in G.in_edges(actor, data=True):
        if u != actor and d["directed"]:
            inc[d["type"]].append(u)
    return [f"{passive(t)} {_others(G, ids)}" for t, ids in inc.items()]


def role(G, actor: str) -> str:
    """What an actor does, in a line: "directs PMU militias; targeted by 3 actors"."""
    out: dict[str, list[str]] = defaultdict(list)
    inc: dict[str, list[str]] = defaultdict(list)
    for _, v, d in G.out_edges(actor, data=True):
        out[d["type"]].append(v)
    for u, _, d in G.in_edges(actor, data=True):
        if u != actor:
            (out if not d["directed"] else inc)[d["type"]].append(u)
    parts = [f"{verb(t)} {_others(G, ids)}" for t, ids in out.items()]
    parts += [f"{passive(t)} {_others(G, ids)}" for t, ids in inc.items()]
    return "; ".join(parts) if parts else "no relation in this view"
