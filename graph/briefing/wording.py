"""How a briefing words the data: names, whose claim a relation is, one-line sentences about
relations and an actor's role.

Every sentence about a relation that is not confirmed, or that someone claims or disputes,
says so in brackets: "United States attacks Iraq (alleged by Iraqi lawmakers)".
"""

from __future__ import annotations

from collections import Counter

from graph._words import isolate
from graph.analysis.records import actor_name
from graph.briefing.grammar import (
    agree,
    incoming_phrase,
    is_plural,
    role_phrase,
    span_phrase,
    verb_phrase,
)

__all__ = ["aliases_text", "claim_note", "incoming", "name", "names", "pronoun",
           "relation_sentence", "role", "span_phrase", "who"]  # fmt: skip

#: Up to this many actors are named in a role; more are counted ("4 actors").
NAMED = 3

_KIND_NOUN = {"armed_group": ("armed group", "armed groups"), "military": ("military force",
              "military forces"), "facility": ("facility", "facilities"), "family": ("family",
              "families"), "party": ("party", "parties"), "company": ("company", "companies")}  # fmt: skip
_CLASS_NOUN = {"agent": ("actor", "actors"), "place": ("place", "places"),
               "event": ("event", "events")}  # fmt: skip
_PRONOUNS = {"it": "they", "them": "them", "its": "their", "itself": "themselves"}


def name(G, n) -> str:
    """An actor's display name (:func:`graph.analysis.records.actor_name`); only for actors
    in the graph: :func:`who` words the others."""
    return isolate(actor_name(G, n))


def names(G, ids) -> str:
    """Actor names in a sentence: "A", "A and B", "A, B and C"."""
    shown = [name(G, i) for i in ids]
    return _join(shown)


def _join(shown: list[str]) -> str:
    if not shown:
        return ""
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def who(G, ids) -> tuple[str, bool]:
    """The actors ``ids`` as a subject, and whether it is plural: "Iraqi lawmakers", "United
    States and an actor outside this view". An actor the graph does not hold (a claimant left
    out of a focused view) is never shown by its id."""
    ids = list(dict.fromkeys(ids))
    inside = [i for i in ids if i in G]
    outside = len(ids) - len(inside)
    shown = [name(G, i) for i in inside]
    if outside:
        shown.append("an actor outside this view" if outside == 1
                     else f"{outside} actors outside this view")  # fmt: skip
    plural = len(ids) > 1 or (len(inside) == 1 and is_plural(G, inside[0]))
    return _join(shown), plural


def pronoun(G, n, word: str) -> str:
    """``it``, ``its``, ``itself`` for a singular actor; ``they``, ``their``, ``themselves``
    for a plural one, and for a person (the singular they: a person is not an "it")."""
    person = n in G and G.nodes[n].get("kind") == "person"
    return agree(is_plural(G, n) or person, word, _PRONOUNS[word])


def claim_note(G, d) -> str:
    """Whose claim a relation (its edge data or record) is, when it is not a plain fact:
    ``alleged by Iraqi lawmakers``, ``denied by PMU militias``, ``claimed by Qais al-Khazali``,
    ``refuted``; an empty string for a confirmed relation nobody claims or disputes."""
    status = d.get("status", "confirmed")
    claimed = d.get("claimed_by") or []
    disputed = d.get("disputed_by") or []
    notes = []
    if status == "alleged":
        notes.append(f"alleged by {who(G, claimed)[0]}" if claimed else "alleged")
    elif claimed:
        notes.append(f"claimed by {who(G, claimed)[0]}")
    if status == "denied":
        notes.append(f"denied by {who(G, disputed)[0]}" if disputed else "denied")
    elif disputed:
        notes.append(f"disputed by {who(G, disputed)[0]}")
    if status == "refuted":
        notes.insert(0, "refuted")
    return "; ".join(notes)


def _bracket(note: str) -> str:
    return f" ({note})" if note else ""


def relation_sentence(G, u, v, d, *, note: bool = True) -> str:
    """``Iran directs PMU militias``; ``PMU militias target Green Zone (denied by PMU
    militias)``: the verb agrees with the subject, and the claim is in brackets."""
    text = f"{name(G, u)} {verb_phrase(d['type'], is_plural(G, u))} {name(G, v)}"
    return text + (_bracket(claim_note(G, d)) if note else "")


def _others(G, ids: list[str]) -> tuple[str, bool]:
    """Up to :data:`NAMED` actors by name; more by count and kind ("3 facilities"), or by
    class ("4 actors and 2 places"). And whether they are plural."""
    ids = list(dict.fromkeys(ids))
    if len(ids) <= NAMED:
        return who(G, ids)
    kinds = {G.nodes[i].get("kind") for i in ids}
    if len(kinds) == 1:
        kind = kinds.pop() or ""
        singular, plural = _KIND_NOUN.get(kind, (kind.replace("_", " "),
                                                  kind.replace("_", " ") + "s"))  # fmt: skip
        return f"{len(ids)} {plural}", True
    classes = Counter(G.nodes[i].get("node_class", "agent") for i in ids)
    parts = [f"{n} {_CLASS_NOUN.get(c, (c, c + 's'))[n != 1]}" for c, n in classes.items()]
    return _join(parts), True


def aliases_text(aliases: list[str], shown: int = 3) -> str:
    more = len(aliases) - shown
    return ", ".join(aliases[:shown]) + (f" (+{more})" if more > 0 else "")


def _grouped(G, actor: str, edges) -> dict[tuple, list[str]]:
    """The other ends of ``edges`` grouped by (outgoing or not, type, claim note)."""
    groups: dict[tuple, list[str]] = {}
    for u, v, d in edges:
        out = u == actor or not d["directed"]
        other = v if u == actor else u
        groups.setdefault((out, d["type"], claim_note(G, d)), []).append(other)
    return groups


def _parts(G, actor: str, groups: dict[tuple, list[str]]) -> list[str]:
    plural = is_plural(G, actor)
    parts = []
    for (out, rtype, note), ids in sorted(groups.items(), key=lambda kv: not kv[0][0]):
        text, many = _others(G, ids)
        phrase = (
            f"{role_phrase(rtype, plural)} {text}" if out else incoming_phrase(rtype, text, many)
        )
        parts.append(phrase + _bracket(note))
    return parts


def incoming(G, actor: str) -> list[str]:
    """What others do to an actor, and its symmetric relations: ["directed by Iran", "targeted
    by Iran (alleged by United States)", "where US-led coalition is stationed", "allied with
    Guadagni"]."""
    edges = [(u, v, d) for u, v, d in G.in_edges(actor, data=True) if u != actor]
    edges += [(u, v, d) for u, v, d in G.out_edges(actor, data=True)
              if v != actor and not d["directed"]]  # fmt: skip
    return _parts(G, actor, _grouped(G, actor, edges))


def role(G, actor: str) -> str:
    """What an actor does, in a line whose verbs agree with it: "directs PMU militias;
    targeted by Iran (alleged by United States)"."""
    edges = list(G.out_edges(actor, data=True))
    edges += [(u, v, d) for u, v, d in G.in_edges(actor, data=True) if u != actor]
    parts = _parts(G, actor, _grouped(G, actor, edges))
    return "; ".join(parts) if parts else "no relation in this view"
