"""Structural balance: camps of friends and enemies, the ties that break them, unbalanced triads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.records import actor_name, actor_ref
from graph.analysis.signed import _is_signed, signed_network
from graph.analysis.triads import (
    PATTERN_MEANINGS,
    SIGN_PATTERNS,
    Triad,
    triad_census_by_sign,
    unbalanced_triads,
)

__all__ = [
    "BALANCE_COLUMNS",
    "EXACT_LIMIT",
    "MAX_AUTO_CAMPS",
    "PATTERN_MEANINGS",
    "SIGN_PATTERNS",
    "BalanceReport",
    "BalanceResult",
    "Triad",
    "balance_partition",
    "balance_report",
    "signed_network",
    "triad_census_by_sign",
    "unbalanced_triads",
]

#: Largest part of the network (in actors, after setting aside those whose one tie cannot be
#: violated) that is partitioned exactly; beyond it a seeded local search is used.
EXACT_LIMIT = 40
#: ``camps="auto"`` tries 1 to this many camps.
MAX_AUTO_CAMPS = 8
#: Seconds one answer may spend in integer programs; past them the best partition found is
#: kept, marked heuristic.
TIME_LIMIT = 30.0

#: The CSV columns of :meth:`BalanceReport.rows`.
BALANCE_COLUMNS = ("id", "name", "camp", "violated_ties")


@dataclass
class BalanceResult:
    """The partition of the actors into camps that violates the fewest ties.

    ``frustration`` counts the violated ties: positive ties between two camps plus negative
    ties inside one (Doreian & Mrvar's criterion with equal weights, α = 0.5, times two; for
    two camps it is Harary's line index of balance, the frustration index). ``balanced`` is
    true when no tie is violated with ``k`` camps (for two camps: balanced in Harary's sense;
    for more: clusterable in Davis's). ``camps`` lists the actor ids of each non-empty camp,
    largest first; ``unaligned`` are the actors with no cooperative or hostile tie, in no
    camp. ``violated`` holds ``(u, v, sign, relation ids)`` per violated tie. ``method`` is
    ``"exact"`` or ``"heuristic: …"`` saying why and how. ``k`` is the number of camps
    allowed (for ``"auto"``, the one chosen) and ``tried`` the frustration for each number
    of camps tried. ``explained`` says each violated tie in words, and ``ties`` counts the
    ``positive`` and ``negative`` ties and the ``neutral`` relations left out.
    """

    balanced: bool
    camps: list[list[str]]
    frustration: int
    violated: list[tuple[str, str, int, list[str]]]
    method: str
    k: int
    tried: dict[int, int] = field(default_factory=dict)
    unaligned: list[str] = field(default_factory=list)
    explained: list[str] = field(default_factory=list)
    ties: dict[str, int] = field(default_factory=dict)

    def camp_of(self) -> dict[str, int]:
        """Each aligned actor's camp number, from 1."""
        return {n: i for i, camp in enumerate(self.camps, 1) for n in camp}


def balance_partition(
    G: nx.Graph,
    camps: int | str = 2,
    *,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    time_limit: float = TIME_LIMIT,
) -> BalanceResult:
    """Split the actors into at most ``camps`` camps violating as few ties as possible.

    ``G`` is the dataset's graph or a :func:`signed_network`. ``camps`` is 2 (Harary's
    balance: two camps), any K ≥ 1 (at most K camps), or ``"auto"`` (Davis's
    clusterability): K = 1 … min(n, 8) are tried, stopping early once no larger K can do
    better, and the smallest K with the fewest violated ties wins.

    Each connected part is solved on its own; actors whose only remaining tie can always be
    kept are set aside first and placed last. A part of up to ``exact_limit`` actors is
    solved exactly by an integer program (scipy's HiGHS: one binary per actor and camp, one
    violation variable per tie, camps numbered in order of first use to break symmetry, and
    every unbalanced triangle forced to give up a tie). For ``"auto"`` a second program, over
    ties (correlation clustering), finds the fewest violations any number of camps allows:
    once a K reaches it, the search stops. A larger part, or one whose programs run past
    ``time_limit`` seconds in all, gets a local search: greedy moves of one actor to its best
    camp until none helps, from a signed spectral start and random ones (seeded by ``seed``),
    each then kicked and repeated. ``method`` says which was used, and why.

    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c")], sign=-1)
    >>> r = balance_partition(G)
    >>> r.balanced, r.frustration, r.method, len(r.camps)
    (False, 1, 'exact', 2)
    >>> r = balance_partition(G, "auto")
    >>> r.k, r.frustration, r.tried, r.camps
    (3, 0, {1: 3, 2: 1, 3: 0}, [['a'], ['b'], ['c']])
    """
    S = G if _is_signed(G) else signed_network(G)
    aligned = [n for n in S if S.degree(n)]
    if camps == "auto":
        ks = list(range(1, max(1, min(len(aligned), MAX_AUTO_CAMPS)) + 1))
    elif isinstance(camps, int) and not isinstance(camps, bool) and camps >= 1:
        ks = [camps]
    else:
        raise ValueError(f"camps must be a whole number ≥ 1 or 'auto', not {camps!r}")
    # The solvers need numpy and scipy: imported here, so that loading this module (as every
    # command start does) stays cheap.
    from graph.analysis._balance_solvers import Budget, Part

    budget = Budget(time_limit, exact_limit, seed)
    rank = {n: i for i, n in enumerate(aligned)}
    components = sorted(nx.connected_components(S.subgraph(aligned)), key=lambda c: -len(c))
    parts = [Part(S, sorted(c, key=rank.__getitem__)) for c in components]
    results: dict[int, BalanceResult] = {}
    for k in ks:
        label, notes = {}, []
        hint = results[k - 1].camp_of() if k - 1 in results else {}
        for part in parts:
            found, note = part.solve(k, budget, hint, floors=camps == "auto")
            label.update(found)
            notes += [note] if note else []
        results[k] = _result(S, aligned, label, k, notes)
        floors = [part.floor() if part.floor() is not None else -1 for part in parts]
        if results[k].frustration == 0 or (not notes and results[k].frustration == sum(floors)):
            break  # no number of camps does better
    best = min(results.values(), key=lambda r: (r.frustration, r.k))
    best.tried = {k: r.frustration for k, r in results.items()}
    heuristic = [r.method for r in results.values() if r.method != "exact"]
    best.method = heuristic[0] if heuristic else "exact"
    return best


def _result(S, aligned, label, k, notes) -> BalanceResult:
    camps: dict[int, list[str]] = defaultdict(list)
    for n in aligned:
        camps[label[n]].append(n)
    name = lambda n: (actor_name(S, n).casefold(), str(n))  # noqa: E731
    ordered = sorted(
        (sorted(members, key=name) for members in camps.values()),
        key=lambda c: (-len(c), name(c[0])),
    )
    broken = [
        (u, v, d) for u, v, d in S.edges(data=True) if (d["sign"] > 0) != (label[u] == label[v])
    ]
    number = {n: i for i, camp in enumerate(ordered, 1) for n in camp}
    positive = sum(1 for *_, d in S.edges(data=True) if d["sign"] > 0)
    return BalanceResult(
        balanced=not broken,
        camps=ordered,
        frustration=len(broken),
        violated=[(u, v, d["sign"], list(d.get("relations", []))) for u, v, d in broken],
        method="exact" if not notes else "heuristic: " + "; ".join(dict.fromkeys(notes)),
        k=k,
        unaligned=sorted((n for n in S if not S.degree(n)), key=name),
        explained=[_explain(S, u, v, d, number) for u, v, d in broken],
        ties={
            "positive": positive,
            "negative": S.number_of_edges() - positive,
            "neutral": S.graph.get("neutral", 0),
        },
    )


def _explain(S, u, v, tie, number) -> str:
    """``Iran opposes ISIS: hostile, yet both in camp 2``."""
    name = lambda n: actor_name(S, n)  # noqa: E731
    said = " and ".join(tie.get("texts") or [f"{name(u)} and {name(v)}"])
    mixed = "on balance " if tie.get("cooperative") and tie.get("hostile") else ""
    if tie["sign"] > 0:
        return f"{said}: {mixed}cooperative, yet in camps {number[u]} and {number[v]}"
    return f"{said}: {mixed}hostile, yet both in camp {number[u]}"


@dataclass(frozen=True)
class BalanceReport:
    """The whole answer on a network's balance (see :func:`balance_report`): the best
    ``partition`` into at most ``camps_asked`` camps, every unbalanced triad (``triads``),
    the triangles of ties counted by sign (``census``) and the network's ``actors``."""

    camps_asked: int | str
    partition: BalanceResult
    triads: tuple[Triad, ...]
    census: dict[str, int]
    actors: int
    #: The network the ties were read from, for the actors' names.
    _graph: nx.MultiDiGraph = field(repr=False, compare=False)
    #: Relations left out as weighing less than half (``(id, status)``), places and events
    #: left out (by class), and the actors that could change camp at no cost (``(actor, the
    #: camps it could be in)``): the partition is then one of several equally good.
    claims_left_out: tuple[tuple[str, str], ...] = ()
    kinds_left_out: dict[str, int] = field(default_factory=dict)
    either: tuple[tuple[str, tuple[int, ...]], ...] = ()
    #: The ids of the relations counted in the ties although they are claims (alleged).
    counted: tuple[str, ...] = ()

    columns = BALANCE_COLUMNS

    def violated(self) -> list[dict[str, Any]]:
        """Each violated tie: its two actors (``source``, ``target``), ``sign``, the
        ``relations`` behind it, the ``camps`` of its two actors, and a ``text`` saying why
        it is violated."""
        camp_of = self.partition.camp_of()
        return [
            {
                "source": u,
                "target": v,
                "sign": sign,
                "relations": ids,
                "camps": [camp_of[u], camp_of[v]],
                "text": text,
            }
            for (u, v, sign, ids), text in zip(
                self.partition.violated, self.partition.explained, strict=True
            )
        ]

    def as_dict(self) -> dict[str, Any]:
        """The counts of ties, the camps asked and allowed, the verdict, the frustration (and,
        by number of camps tried, ``frustration_by_camps``), the method, the camps and the
        actors in none, the violated ties, the unbalanced triads and the triad census."""
        r, name = self.partition, lambda n: actor_ref(self._graph, n)
        return {
            "actors": self.actors,
            "positive_ties": r.ties["positive"],
            "negative_ties": r.ties["negative"],
            "neutral_relations_left_out": r.ties["neutral"],
            "camps_asked": self.camps_asked,
            "k": r.k,
            "camps_used": len(r.camps),
            "balanced": r.balanced,
            "frustration": r.frustration,
            "method": r.method,
            "frustration_by_camps": {str(k): f for k, f in r.tried.items()},
            "camps": [[name(n) for n in camp] for camp in r.camps],
            "unaligned": [name(n) for n in r.unaligned],
            "violated": self.violated(),
            "unbalanced_triads": [t.as_dict() for t in self.triads],
            "triad_census": self.census,
            "claims_left_out": [{"relation": k, "status": s} for k, s in self.claims_left_out],
            "claims_counted": list(self.counted),
            "kinds_left_out": dict(self.kinds_left_out),
            "equally_good": [{**name(n), "camps": list(c)} for n, c in self.either],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per actor, camp by camp then those in none: its ``camp`` (None for an
        unaligned actor) and how many of its ties the partition violates."""
        camp_of = self.partition.camp_of()
        broken = {n: 0 for n in self._graph}
        for u, v, *_ in self.partition.violated:
            broken[u] += 1
            broken[v] += 1
        return [
            {
                "id": n,
                "name": actor_name(self._graph, n),
                "camp": camp_of.get(n),
                "violated_ties": broken[n],
            }
            for camp in [*self.partition.camps, self.partition.unaligned]
            for n in camp
        ]


def balance_report(
    G: nx.MultiDiGraph, camps: int | str = 2, *, all_kinds: bool = False, **options
) -> BalanceReport:
    """The balance of the dataset's graph ``G`` in one answer: its :func:`signed_network`,
    split by :func:`balance_partition` (``camps`` and the ``options`` ``seed``,
    ``exact_limit`` and ``time_limit`` as there), with its :func:`unbalanced_triads` and
    :func:`triad_census_by_sign`.

    >>> G = nx.MultiDiGraph()
    >>> for n in ("a", "b", "c"):
    ...     G.add_node(n, name=n.upper())
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "c")]:
    ...     _ = G.add_edge(u, v, key=f"{u}-{v}", type="opposes", stance="hostile")
    >>> report = balance_report(G)
    >>> report.as_dict()["frustration"], report.as_dict()["triad_census"]["---"]
    (1, 1)
    >>> [(row["id"], row["camp"], row["violated_ties"]) for row in report.rows()]
    [('a', 1, 1), ('b', 1, 1), ('c', 2, 0)]
    """
    S = signed_network(G, all_kinds=all_kinds)
    partition = balance_partition(S, camps, **options)
    return BalanceReport(
        camps_asked=camps,
        partition=partition,
        triads=tuple(unbalanced_triads(S)),
        census=triad_census_by_sign(S),
        actors=G.number_of_nodes(),
        _graph=G,
        claims_left_out=tuple(S.graph["claims_left_out"]),
        kinds_left_out=dict(S.graph["kinds_left_out"]),
        either=_either(S, partition),
        counted=tuple(k for *_, d in S.edges(data=True) for k in d.get("claims", ())),
    )


def _either(S: nx.Graph, result: BalanceResult) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The actors that could sit in another camp (of those used, or a new one if allowed)
    without violating one more tie, with the camps they could be in."""
    camp_of = result.camp_of()
    used = sorted(set(camp_of.values()))
    options = used + ([len(used) + 1] if len(used) < result.k else [])
    out = []
    for n in (n for camp in result.camps for n in camp):
        cost = {
            c: sum((d["sign"] > 0) != (camp_of[m] == c) for m, d in S[n].items()) for c in options
        }
        ties = tuple(c for c in options if cost[c] == cost[camp_of[n]])
        if len(ties) > 1:
            out.append((n, ties))
    return tuple(out)
