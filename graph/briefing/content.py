"""What a briefing says, derived from the graph alone: every sentence comes from the data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.centrality import MEANINGS, centrality
from graph.analysis.chains import Chain
from graph.analysis.claims import contested_claims
from graph.analysis.influence import influence_reach, search_bounds, strongest_chains
from graph.analysis.records import list_actors, list_relations
from graph.analysis.summary import date_range
from graph.analysis.timeline import timeline as timeline_groups
from graph.briefing.questions import Question, discussion_questions
from graph.briefing.wording import (
    aliases_text,
    incoming,
    name,
    names,
    relation_sentence,
    role,
    verb,
)
from graph.dataset.build import actor_network
from graph.render.style import STANCE_COLORS

__all__ = ["Brief", "brief_content"]

AUDIENCES = ("students", "analysts")

#: Up to this many actors, a broker's example pairs (those whose every shortest chain passes
#: through it) are found by a search from every actor; above, the briefing says it in general.
PAIRS_ACTORS = 400

_REACH_MEANING = ("how much influence an actor passes on, directly or through chains: the sum of "
                  "the strengths of its strongest chain to every actor it reaches")  # fmt: skip


@dataclass
class Quote:
    number: int
    text: str
    source: str
    url: str | None = None


@dataclass
class Step:
    sentence: str
    quotes: list[int]


@dataclass
class KeyActors:
    measure: str
    meaning: str
    rows: list[dict[str, Any]]  # {id, name, value, why}


@dataclass
class Claim:
    sentence: str
    status: str
    claimed_by: list[str]
    disputed_by: list[str]
    quotes: list[int]  # evidence for the relation
    against: list[int] = field(default_factory=list)  # evidence denying it


@dataclass
class Brief:
    """A briefing, ready to be written as Markdown or HTML."""

    title: str
    audience: str
    scope: str
    description: str | None
    source_documents: list[str]
    cast_total: int
    cast: list[dict[str, Any]]  # {name, kind, role, aliases}
    key_actors: list[KeyActors]
    chains: list[dict[str, Any]]  # {text, strength, steps: [Step]}
    stances: dict[str, list[Step]]
    stance_totals: dict[str, int]
    claims: list[Claim]
    claims_total: int
    timeline: list[dict[str, str]]  # {when, sentence}
    timeline_total: int
    quotes: list[Quote]
    questions: list[Question]
    glossary: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)
    numbers: bool = False  # analysts: show the scores


class _Quotes:
    """Numbers each quoted piece of evidence once, in order of first use."""

    def __init__(self):
        self.by_key: dict[tuple, Quote] = {}

    def refs(self, evidence: list[dict], limit: int = 1) -> list[int]:
        out = []
        for e in evidence[:limit]:
            key = (e["quote"], e["source"], e.get("url"))
            if key not in self.by_key:
                self.by_key[key] = Quote(
                    len(self.by_key) + 1, e["quote"], e["source"], e.get("url")
                )
            out.append(self.by_key[key].number)
        return out


def _bfs_counts(D: nx.DiGraph, source: str) -> tuple[dict, dict]:
    """Distances from ``source`` and the number of shortest paths to each actor."""
    dist, sigma, queue = {source: 0}, {source: 1}, [source]
    for u in queue:
        for w in D.successors(u):
            if w not in dist:
                dist[w], sigma[w] = dist[u] + 1, 0
                queue.append(w)
            if dist[w] == dist[u] + 1:
                sigma[w] += sigma[u]
    return dist, sigma


def _pairs_through(G, D: nx.DiGraph, broker: str, counts: dict) -> list[tuple[str, str]]:
    """Pairs of actors, not directly linked, whose every shortest chain passes through
    ``broker``: nearest pairs first."""
    dist_b, sigma_b = counts[broker]
    pairs = []
    for s in D:
        dist_s, sigma_s = counts[s]
        if s == broker or broker not in dist_s:
            continue
        for t, d in dist_s.items():
            if d < 2 or t in (s, broker) or t not in dist_b:
                continue
            if dist_s[broker] + dist_b[t] == d and sigma_s[broker] * sigma_b[t] == sigma_s[t]:
                pairs.append((d, name(G, s), name(G, t), s, t))
    return [(s, t) for *_, s, t in sorted(pairs)]


def _key_actors(G, top: int, numbers: bool, backend: str | None) -> list[KeyActors]:
    scores = centrality(G, ["betweenness", "pagerank"], backend=backend)
    sections = []

    reach_actors, _ = search_bounds(G)
    ranked = [r for r in influence_reach(G, actors=reach_actors, chains=False) if r.total > 0]
    reach = influence_reach(G, actors=[r.actor for r in ranked[:top]])
    rows = []
    for r in reach:
        indirect = [
            c for c in r.chains if c.hops >= 2 and not _linked(G, c.actors[0], c.actors[-1])
        ]
        if indirect:
            c = indirect[0]
            via = names(G, c.actors[1:-1])
            why = (f"{name(G, r.actor)} reaches {name(G, c.actors[-1])} through {via} "
                   "without any direct relation")  # fmt: skip
        else:
            direct = [name(G, c.actors[-1]) for c in r.chains[:3]]
            why = f"its influence is direct: on {', '.join(direct)}"
        why = f"reaches {r.reached} actor{'s' if r.reached != 1 else ''}; " + why
        rows.append({"id": r.actor, "name": name(G, r.actor), "value": r.total, "why": why})
    meaning = _REACH_MEANING + (
        f" (computed for the {len(reach_actors)} actors with most outgoing relations)"
        if reach_actors else "")  # fmt: skip
    sections.append(KeyActors("influence reach", meaning, rows))

    D = actor_network(G)
    ranked = [(n, v) for n, v in scores.ranking("betweenness")[:top] if v > 0]
    counts = {s: _bfs_counts(D, s) for s in D} if len(D) <= PAIRS_ACTORS else None
    rows = []
    for n, value in ranked:
        pairs = _pairs_through(G, D, n, counts) if counts is not None else []
        if pairs:
            s, t = pairs[0]
            why = f"every shortest chain from {name(G, s)} to {name(G, t)} passes through it"
            if len(pairs) > 1:
                more = len(pairs) - 1
                why += f", and so do those of {more} more pair{'s' if more > 1 else ''}"
        else:
            why = "it lies on many of the shortest chains between other actors"
        rows.append({"id": n, "name": name(G, n), "value": value, "why": why})
    sections.append(KeyActors("betweenness", MEANINGS["betweenness"], rows))

    rows = []
    for n, value in scores.ranking("pagerank")[:top]:
        sources = [u for u, _ in G.in_edges(n) if u != n]
        if sources:
            parts = incoming(G, n)
            how = ", ".join(parts[:4]) + (", …" if len(parts) > 4 else "")
            why = f"the object of {len(sources)} relation{'s' if len(sources) != 1 else ''}: {how}"
        else:
            why = "no relation points to it: its score is the share every actor gets"
        rows.append({"id": n, "name": name(G, n), "value": value, "why": why})
    sections.append(KeyActors("PageRank", MEANINGS["pagerank"], rows))
    return sections


def _linked(G, a, b) -> bool:
    return G.has_edge(a, b) or G.has_edge(b, a)


def _chain_steps(G, chain: Chain, quotes: _Quotes) -> list[Step]:
    steps = []
    for s in chain.steps:
        u, v = (s.source, s.target) if s.forward else (s.target, s.source)
        d = G.edges[u, v, s.relation]
        steps.append(Step(relation_sentence(G, u, v, d), quotes.refs(d.get("evidence") or [])))
    return steps


def brief_content(
    G: nx.MultiDiGraph,
    *,
    audience: str = "students",
    title: str | None = None,
    max_rows: int = 40,
    notes: list[str] | None = None,
    backend: str | None = None,
) -> Brief:
    """Everything a briefing says about ``G``, for ``audience`` (students or analysts).

    Tables longer than ``max_rows`` are cut, and say how many rows they leave out.
    ``backend`` computes betweenness (see :mod:`graph.analysis.engine`).

    >>> from graph.dataset.load import load_dataset, bundled_dataset_path
    >>> from graph.dataset.build import build_graph
    >>> b = brief_content(build_graph(load_dataset([bundled_dataset_path()])))
    >>> b.key_actors[0].rows[0]["name"], len(b.cast) == b.cast_total
    ('United States', True)
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}")
    analysts = audience == "analysts"
    top = 5 if analysts else 3
    quotes = _Quotes()

    n, m = G.number_of_nodes(), G.number_of_edges()
    span = date_range(G)
    files = ", ".join(G.graph.get("files") or []) or "the data"
    scope = (
        f"{n} actor{'s' if n != 1 else ''} and {m} relation{'s' if m != 1 else ''}, from {files}"
    )
    if span is not None:
        first, last = span["first"], span["last"]
        scope += f"; dated relations from {first}" + (f" to {last}" if last != first else "")
        if span["open_ended"]:
            scope += ", some still open"
    else:
        scope += "; no relation is dated"
    documents = sorted(
        {e["source"] for *_, d in G.edges(data=True) for e in d.get("evidence") or []}
    )

    actors = sorted(list_actors(G), key=lambda a: (-a["relations"], a["name"]))
    cast = [
        {"id": a["id"], "name": a["name"], "kind": a["kind"].replace("_", " "),
         "role": role(G, a["id"]), "aliases": aliases_text(a["aliases"])}
        for a in actors[:max_rows]
    ]  # fmt: skip

    key = _key_actors(G, top, analysts, backend)

    sources, chain_depth = search_bounds(G)
    strongest = strongest_chains(G, top=10, depth=chain_depth, actors=sources)
    chains = [
        {"text": c.text(G), "strength": c.strength, "steps": _chain_steps(G, c, quotes)}
        for c in strongest[:top]
    ]

    stances: dict[str, list[Step]] = {s: [] for s in STANCE_COLORS}
    totals: Counter = Counter()
    for r in list_relations(G):
        totals[r["stance"]] += 1
        if len(stances[r["stance"]]) < max_rows:
            stances[r["stance"]].append(
                Step(relation_sentence(G, r["source"], r["target"], r), quotes.refs(r["evidence"]))
            )
    stances = {s: rows for s, rows in stances.items() if rows}

    contested = contested_claims(G)
    claims = []
    for c in contested[:max_rows]:
        r = c.relation
        claims.append(Claim(f"{r['source_name']} {verb(r['type'])} {r['target_name']}",
                            r["status"], c.claimed_by, c.disputed_by,
                            quotes.refs(c.evidence_for, limit=3),
                            quotes.refs(c.evidence_against, limit=3)))  # fmt: skip

    dated = [r for group in timeline_groups(G) for r in group.relations]
    timeline = [{"when": r["when"], "sentence": relation_sentence(G, r["source"], r["target"], r)}
                for r in dated[:max_rows]]  # fmt: skip

    brokers = [(r["id"], r["value"]) for r in key[1].rows]
    questions = [] if analysts else discussion_questions(G, strongest, brokers, contested)

    glossary: list[tuple[str, str]] = []
    if not analysts:
        types = G.graph.get("relation_types") or {}
        for t in sorted({d["type"] for *_, d in G.edges(data=True)}):
            info = types.get(t) or {}
            how = "both ways" if not info.get("directed", True) else "one way"
            glossary.append((t.replace("_", " "), f"{info.get('description', '')} "
                             f"({info.get('stance', 'neutral')}, {how}; influence "
                             f"{info.get('influence', 0):g})"))  # fmt: skip
        glossary += [
            ("influence strength", "how much influence flows along a chain: the product of the "
             "influence of each relation in it (1 = total control, 0 = none)"),
            ("influence reach", _REACH_MEANING),
            ("betweenness", MEANINGS["betweenness"]),
            ("PageRank", MEANINGS["pagerank"]),
            ("alleged", "reported, but not established: someone claims it"),
            ("denied", "reported, and denied by someone it concerns"),
        ]  # fmt: skip

    return Brief(
        title=title or G.graph.get("title") or "Actor network",
        audience=audience,
        scope=scope,
        description=G.graph.get("description"),
        source_documents=documents,
        cast_total=n,
        cast=cast,
        key_actors=key,
        chains=chains,
        stances=stances,
        stance_totals=dict(totals),
        claims=claims,
        claims_total=len(contested),
        timeline=timeline,
        timeline_total=len(dated),
        quotes=sorted(quotes.by_key.values(), key=lambda q: q.number),
        questions=questions,
        glossary=glossary,
        notes=list(notes or []),
        numbers=analysts,
    )
