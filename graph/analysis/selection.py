"""Which part of a network a question is about: relations by type, status, date and whose
account, one actor's neighbourhood, and the actors left with no relation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph._words import count, did_you_mean
from graph.analysis.records import actor_name
from graph.analysis.resolve import resolve_actor
from graph.dataset.dates import PartialDate, parse_partial_date
from graph.dataset.model import STATUSES
from graph.dataset.vocabulary import STANCES, STATUS_WEIGHTS
from graph.errors import QueryError

__all__ = ["COUNT_CLAIMS", "Selection", "View", "as_asserted_by", "drop_isolates", "ego_network",
           "in_force", "in_window", "select"]  # fmt: skip


def ego_network(G: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """The actors within ``depth`` relations of ``actor`` (in either direction), and every
    relation among them (the ego network).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")])
    >>> sorted(ego_network(G, "a", 1)), sorted(ego_network(G, "a", 2).edges())
    (['a', 'b'], [('a', 'b'), ('b', 'c'), ('c', 'd'), ('d', 'b')])
    """
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), actor, depth)
    # Built in G's own order (networkx's ego_graph orders by a set: by the hash seed).
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in near)
    H.add_edges_from(
        (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in near and v in near
    )
    return H


def in_force(G: nx.MultiDiGraph, when: PartialDate) -> nx.MultiDiGraph:
    """Only the relations in force at some time during ``when`` (a day, a month or a year).

    Undated relations are timeless and always kept; a dated one is kept when its span
    (see :mod:`graph.dataset.dates`) overlaps ``when``. Every actor stays.

    >>> from graph.dataset.dates import parse_partial_date
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="old", first_day="2019-01-01", last_day="2019-12-31")
    'old'
    >>> G.add_edge("a", "b", key="since", first_day="2020-10-01", last_day=None)
    'since'
    >>> G.add_edge("a", "b", key="timeless")
    'timeless'
    >>> sorted(k for *_, k in in_force(G, parse_partial_date("2021")).edges(keys=True))
    ['since', 'timeless']
    """
    return in_window(G, when, when)


def in_window(
    G: nx.MultiDiGraph, since: PartialDate | None, until: PartialDate | None
) -> nx.MultiDiGraph:
    """Only the relations in force at some time between ``since`` and ``until`` (either may be
    None: open). Undated relations are timeless and always kept; every actor stays.

    >>> from graph.dataset.dates import parse_partial_date as d
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="2019", first_day="2019-03-01", last_day="2019-03-31")
    '2019'
    >>> G.add_edge("a", "b", key="2021", first_day="2021-01-01", last_day=None)
    '2021'
    >>> sorted(k for *_, k in in_window(G, d("2020"), None).edges(keys=True))
    ['2021']
    >>> sorted(k for *_, k in in_window(G, None, d("2019-03")).edges(keys=True))
    ['2019']
    """
    first = since.first.isoformat() if since else None
    last = until.last.isoformat() if until else None
    H = G.copy()
    H.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, d in G.edges(keys=True, data=True)
            if (last and d.get("first_day") and d["first_day"] > last)
            or (first and d.get("last_day") and d["last_day"] < first)
        ]
    )
    return H


def as_asserted_by(G: nx.MultiDiGraph, actor: str) -> nx.MultiDiGraph:
    """The graph as ``actor`` asserts it: the confirmed relations and those it claims, minus
    those it disputes. Every actor stays.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("iran", "embassy", key="blamed", status="alleged", claimed_by=["us"])
    'blamed'
    >>> G.add_edge("pmu", "zone", key="denied", status="denied", disputed_by=["pmu"])
    'denied'
    >>> G.add_edge("iran", "pmu", key="directs", status="confirmed")
    'directs'
    >>> sorted(k for *_, k in as_asserted_by(G, "us").edges(keys=True))
    ['blamed', 'directs']
    >>> sorted(k for *_, k in as_asserted_by(G, "pmu").edges(keys=True))
    ['directs']
    """
    H = G.copy()
    H.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, d in G.edges(keys=True, data=True)
            if actor in (d.get("disputed_by") or [])
            or (
                d.get("status", "confirmed") != "confirmed"
                and actor not in (d.get("claimed_by") or [])
            )
        ]
    )
    return H


#: How claims may count (see :class:`Selection`).
COUNT_CLAIMS = ("weighted", "confirmed", "all")


@dataclass(frozen=True)
class Selection:
    """Which relations a question is about, and how claims count.

    ``types``, ``statuses``, ``stances``: keep only relations of these (empty: all, refuted
    ones aside: they are kept only when ``statuses`` names ``refuted``); ``as_of`` a date, or
    ``since``/``until`` a window; ``perspective``: whose account (an actor's id, name or alias,
    resolved by :func:`select`). ``count_claims`` says how much a relation that is not
    confirmed weighs where relations count as facts: ``weighted`` (the dataset's status
    weights: by default alleged 0.5, denied 0.25), ``confirmed`` (only confirmed relations
    count) or ``all`` (every status counts fully; refuted relations never do)."""

    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    as_of: PartialDate | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    perspective: str | None = None
    stances: tuple[str, ...] = ()
    count_claims: str = "weighted"
    keep_refuted: bool = False  # the record of claims keeps refuted relations

    @property
    def narrows(self) -> bool:
        """Whether some relations may be left out, or weigh otherwise than by default."""
        return bool(self.types or self.statuses or self.as_of or self.since or self.until
                    or self.perspective or self.stances
                    or self.count_claims != "weighted")  # fmt: skip


@dataclass(frozen=True)
class View:
    """The part of a network a question is about: ``graph``, sentences saying what was left
    out (``notes``), and the actor it is centred on (``focus``, an id, or ``None``)."""

    graph: nx.MultiDiGraph
    notes: tuple[str, ...] = ()
    focus: str | None = None

    def as_dict(self) -> dict:
        return {
            "actors": self.graph.number_of_nodes(),
            "relations": self.graph.number_of_edges(),
            "notes": list(self.notes),
            "focus": self.focus,
        }


def select(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    types: Iterable[str] = (),
    statuses: Iterable[str] = (),
    as_of: PartialDate | str | None = None,
    since: PartialDate | str | None = None,
    until: PartialDate | str | None = None,
    perspective: str | None = None,
    stances: Iterable[str] = (),
    count_claims: str = "weighted",
    focus: str | None = None,
    depth: int = 1,
    hide_isolated: bool = False,
) -> View:
    """The relations a question is about (every actor stays), and what was left out.

    Give a :class:`Selection`, or its fields as keywords (dates as ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``; ``perspective`` as an actor's id, name or alias). ``focus`` (an actor,
    named as ``perspective`` is) keeps only the actors within ``depth`` relations of it, and
    the relations among them; ``hide_isolated`` drops the actors that the selection leaves
    with no relation (the focus stays), as a picture of the network does.

    Raises :class:`QueryError` for a type, a status or a date the graph does not know, and
    :class:`ActorNotFoundError` for an unknown actor.

    >>> from graph.dataset.cache import load_graph
    >>> from graph.dataset.load import bundled_dataset_path
    >>> G = load_graph(bundled_dataset_path())
    >>> view = select(G, statuses=["confirmed"], perspective="Washington")
    >>> view.notes[1]
    'As United States tells it: confirmed relations and those it claims, without those it disputes.'
    >>> select(G, focus="Khazali", depth=1).graph.number_of_nodes() < len(G)
    True
    """
    if selection is None:
        selection = Selection(tuple(types), tuple(statuses), _date(as_of, "as_of"),
                              _date(since, "since"), _date(until, "until"), perspective,
                              tuple(stances), count_claims)  # fmt: skip
    if selection.count_claims not in COUNT_CLAIMS:
        raise QueryError(f"count_claims '{selection.count_claims}' is not one of "
                         f"{', '.join(COUNT_CLAIMS)}")  # fmt: skip
    if (selection.since is not None and selection.until is not None
            and selection.until.last < selection.since.first):  # fmt: skip
        raise QueryError(f"until {selection.until} is before since {selection.since}")
    total = G.number_of_nodes()
    G, notes = _select_relations(G, selection)
    center = None
    if focus:
        center = resolve_actor(G, focus)
        G = ego_network(G, center, depth)
        notes.append(
            f"{actor_name(G, center)} and the actors within {count(depth, 'relation')} of it: "
            f"{G.number_of_nodes()} of {total} actors."
        )
    if hide_isolated and selection.narrows:
        G, dropped = drop_isolates(G, keep=center)
        if dropped:
            notes.append(f"{count(dropped, 'actor')} with no such relation not shown.")
    return View(G, tuple(notes), center)


def _date(value: PartialDate | str | None, what: str) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise QueryError(f"{what}: {exc}") from None


def _select_relations(G: nx.MultiDiGraph, selection: Selection) -> tuple[nx.MultiDiGraph, list]:
    """The relations ``selection`` keeps (every actor stays), and sentences saying what it did."""
    notes = []
    known_types = G.graph.get("relation_types") or {d["type"]: None for *_, d in G.edges(data=True)}
    for name, known, what in ((selection.types, known_types, "relation type"),
                              (selection.statuses, STATUSES, "status"),
                              (selection.stances, STANCES, "stance")):  # fmt: skip
        for value in name:
            if value not in known:
                raise QueryError(
                    f"'{value}' is not a {what} of this dataset"
                    f"{did_you_mean(value, known)}; known: {', '.join(sorted(known))}"
                )
    refuted = (
        not selection.keep_refuted
        and "refuted" not in selection.statuses
        and any(d["status"] == "refuted" for *_, d in G.edges(data=True))
    )
    if selection.types or selection.statuses or selection.stances or refuted:
        H = G.copy()
        H.remove_edges_from(
            [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
             if (selection.types and d["type"] not in selection.types)
             or (selection.statuses and d["status"] not in selection.statuses)
             or (selection.stances and d["stance"] not in selection.stances)
             or (refuted and d["status"] == "refuted" and "refuted" not in selection.statuses)]
        )  # fmt: skip
        gone = sum(1 for *_, d in G.edges(data=True) if d["status"] == "refuted") if refuted else 0
        G = H
        if selection.types or selection.statuses or selection.stances:
            chosen = [*selection.types, *selection.statuses, *selection.stances]
            notes.append(f"Only relations of: {', '.join(chosen)}.")
        if gone:
            notes.append(f"{count(gone, 'refuted relation')} left out ('claims' lists them).")
    if selection.as_of is not None:
        G = in_force(G, selection.as_of)
        notes.append(f"Relations in force in {selection.as_of} (undated relations always shown).")
    if selection.since is not None or selection.until is not None:
        G = in_window(G, selection.since, selection.until)
        span = " ".join(
            part for part in (f"from {selection.since}" if selection.since else "",
                              f"until {selection.until}" if selection.until else "") if part
        )  # fmt: skip
        notes.append(f"Relations in force {span} (undated relations always shown).")
    if selection.perspective is not None:
        who = resolve_actor(G, selection.perspective)
        G = as_asserted_by(G, who)
        notes.append(
            f"As {actor_name(G, who)} tells it: "
            "confirmed relations and those it claims, without those it disputes."
        )
    if selection.count_claims != "weighted" or selection.perspective is not None:
        G = _reweigh(G, selection.count_claims, who if selection.perspective else None)
        if selection.count_claims == "confirmed":
            notes.append("Only confirmed relations count; claims are shown but weigh nothing.")
        elif selection.count_claims == "all":
            notes.append("Claims count as facts: alleged and denied relations weigh fully.")
    return G, notes


def _reweigh(G: nx.MultiDiGraph, count_claims: str, believer: str | None) -> nx.MultiDiGraph:
    """A copy whose relations weigh as ``count_claims`` says; what ``believer`` claims weighs 1."""
    weights = G.graph.get("status_weights") or STATUS_WEIGHTS
    H = G.copy()
    for *_, d in H.edges(data=True):
        status = d["status"]
        if status == "refuted":
            weight = 0.0
        elif believer is not None and believer in (d.get("claimed_by") or ()):
            weight = 1.0
        elif count_claims == "confirmed":
            weight = 1.0 if status == "confirmed" else 0.0
        elif count_claims == "all":
            weight = 1.0
        else:
            weight = weights.get(status, 1.0)
        d["claim_weight"] = weight
    return H


def drop_isolates(G: nx.MultiDiGraph, keep: str | None = None) -> tuple[nx.MultiDiGraph, int]:
    """The graph without actors that take part in no relation (``keep`` stays regardless),
    and how many were dropped."""
    lonely = [n for n in nx.isolates(G) if n != keep]
    if not lonely:
        return G, 0
    H = G.copy()
    H.remove_nodes_from(lonely)
    return H, len(lonely)
