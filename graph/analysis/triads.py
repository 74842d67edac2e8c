"""Triangles of signed ties: the unbalanced ones in plain words, and the census by sign."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.records import actor_name
from graph.analysis.signed import _is_signed, signed_network

__all__ = ["PATTERN_MEANINGS", "SIGN_PATTERNS", "Triad", "triad_census_by_sign",
           "unbalanced_triads"]  # fmt: skip

#: Triangle sign patterns, by number of negative ties.
SIGN_PATTERNS = ("+++", "++-", "+--", "---")
#: Per pattern: what it says, whether two camps allow it (Harary), whether more do (Davis).
PATTERN_MEANINGS = {
    "+++": ("friends of friends are friends", True, True),
    "++-": ("the friend of a friend is an enemy", False, False),
    "+--": ("the enemy of an enemy is a friend", True, True),
    "---": ("three mutual enemies", False, True),
}


@dataclass(frozen=True)
class Triad:
    """Three actors tied to one another, unbalanced. ``signs`` is ``"++-"`` or ``"---"``;
    ``actors`` starts, for ``++-``, with the friend the other two share; ``relations`` are the
    relation ids behind the three ties; ``text`` says it in plain words."""

    actors: tuple[str, str, str]
    signs: str
    relations: tuple[str, ...]
    text: str

    @property
    def clusterable(self) -> bool:
        """True for three mutual enemies: three camps or more (Davis) hold them."""
        return self.signs == "---"

    def as_dict(self) -> dict[str, Any]:
        return {
            "actors": list(self.actors),
            "signs": self.signs,
            "relations": list(self.relations),
            "text": self.text,
        }


def _triangles(G: nx.Graph):
    """The signed network and every triangle of ties in it, as (u, v, w, negative ties)."""
    S = G if _is_signed(G) else signed_network(G)
    order = {n: i for i, n in enumerate(S)}
    found = []
    for u in S:
        for v in (v for v in S[u] if order[v] > order[u]):
            for w in (w for w in S[u] if w in S[v] and order[w] > order[v]):
                pairs = ((u, v), (v, w), (u, w))
                found.append((u, v, w, sum(S.edges[p]["sign"] < 0 for p in pairs)))
    return S, found


def _triad(S, u, v, w) -> Triad:
    ties = {frozenset(p): S.edges[p] for p in ((u, v), (v, w), (u, w))}
    negative = sum(d["sign"] < 0 for d in ties.values())
    friend = lambda x: all(d["sign"] > 0 for p, d in ties.items() if x in p)  # noqa: E731
    apex = next(x for x in (u, v, w) if negative == 3 or friend(x))
    a, b = [x for x in (u, v, w) if x != apex]
    name = lambda x: actor_name(S, x)  # noqa: E731
    said = lambda x, y: " and ".join(ties[frozenset((x, y))].get("texts") or [])  # noqa: E731
    if negative == 1:
        text = (
            f"{name(a)} and {name(b)} are both on good terms with {name(apex)} "
            f"({said(a, apex)}; {said(b, apex)}), yet hostile to each other ({said(a, b)}): "
            "the friend of a friend is an enemy"
        )
    else:
        text = (
            f"{name(apex)}, {name(a)} and {name(b)} are all hostile to one another "
            f"({said(apex, a)}; {said(apex, b)}; {said(a, b)}): the enemy of an enemy is not a "
            "friend here, so two camps cannot hold them; three can"
        )
    relations = tuple(r for d in ties.values() for r in d.get("relations", []))
    return Triad((apex, a, b), "++-" if negative == 1 else "---", relations, text)


def unbalanced_triads(G: nx.Graph) -> list[Triad]:
    """Every triangle of ties with an odd number of negative ones, said in plain words.

    ``++-`` (the friend of a friend is an enemy) breaks balance however many camps there
    are; ``---`` (three mutual enemies) breaks two-camp balance only: with three camps or
    more (Davis's clusterability) each can stand alone. ``G`` is the dataset's graph or a
    :func:`signed_network`; the sentences use actor names and relation types.

    >>> G = nx.MultiDiGraph()
    >>> for n in ("iran", "us", "isis"):
    ...     G.add_node(n, name=n.upper())
    >>> for u, v, t in [("iran", "isis", "opposes"), ("us", "isis", "opposes"),
    ...                 ("us", "iran", "accuses")]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{t}-{v}", type=t, stance="hostile")
    >>> [t.text for t in unbalanced_triads(G)]  # doctest: +NORMALIZE_WHITESPACE
    ['IRAN, US and ISIS are all hostile to one another (US accuses IRAN; IRAN opposes ISIS;
      US opposes ISIS): the enemy of an enemy is not a friend here, so two camps cannot hold
      them; three can']
    """
    S, triangles = _triangles(G)
    return [_triad(S, u, v, w) for u, v, w, negative in triangles if negative % 2]


def triad_census_by_sign(G: nx.Graph) -> dict[str, int]:
    """How many triangles of ties have each sign pattern: ``+++``, ``++-``, ``+--``, ``---``.

    ``+++`` and ``+--`` are balanced (Harary); ``++-`` is not; ``---`` is not balanced for
    two camps but is clusterable with three or more (Davis). ``PATTERN_MEANINGS`` says so
    for each pattern.

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sign=1); G.add_edge("b", "c", sign=-1); G.add_edge("a", "c", sign=-1)
    >>> triad_census_by_sign(G)
    {'+++': 0, '++-': 0, '+--': 1, '---': 0}
    """
    census = dict.fromkeys(SIGN_PATTERNS, 0)
    for *_, negative in _triangles(G)[1]:
        census[SIGN_PATTERNS[negative]] += 1
    return census
