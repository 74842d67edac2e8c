"""What a briefing says, derived from the graph alone: every sentence comes from the data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.centrality import MEANINGS, centrality
from graph.analysis.chains import Chain
from graph.analysis.claims import contested_claims
from graph.analysis.influence import influence_reach, search_bounds, strongest_chains
from graph.analysis.records import list_actors, list_relations
from graph.analysis.timeline import timeline as timeline_groups
from graph.briefing.grammar import agree, at_date, date_text, is_plural
from graph.briefing.limits import map_limits
from graph.briefing.questions import Question, choose_questions, discussion_questions
from graph.briefing.wording import (
    aliases_text,
    claim_note,
    incoming,
    name,
    names,
    pronoun,
    relation_sentence,
    role,
    span_phrase,
    who,
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
    spelled: list[int] = field(default_factory=list)  # quotes spelled out here (first use)


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
    limits: list[str] = field(default_factory=list)  # what this map cannot tell you


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


def _tally(G, ids) -> str:
    """How many actors (and places, events) ``ids`` are: "4 actors", "3 actors and 2 places"."""
    classes = Counter(G.nodes[i].get("node_class", "agent") for i in ids)
    nouns = {"agent": "actor", "place": "place", "event": "event"}
    order = sorted(classes.items(), key=lambda cn: (list(nouns).index(cn[0]) if cn[0] in nouns
                                                    else len(nouns), cn[0]))  # fmt: skip
    parts = [f"{n} {nouns.get(c, c)}{'s' if n != 1 else ''}" for c, n in order]
    return (", ".join(parts[:-1]) + " and " + parts[-1]) if len(parts) > 1 else parts[0]


def _claim_steps(G, chain: Chain) -> list[str]:
    """The steps of a chain that are claims, each as a sentence with whose claim it is."""
    out = []
    for s in chain.steps:
        u, v = (s.source, s.target) if s.forward else (s.target, s.source)
        d = G.edges[u, v, s.relation]
        if d["status"] != "confirmed":
            out.append(relation_sentence(G, u, v, d))
    return out


def _reach_why(G, r) -> str:
    """Why an actor's influence reach is high: a chain to an actor it has no relation with
    (one of confirmed relations if there is one), or its strongest direct relations."""
    plural = is_plural(G, r.actor)
    indirect = [c for c in r.chains
                if c.hops >= 2 and not _linked(G, c.actors[0], c.actors[-1])]  # fmt: skip
    indirect.sort(key=lambda c: bool(_claim_steps(G, c)))  # stable: confirmed chains first
    if indirect:
        c = indirect[0]
        why = (f"{name(G, r.actor)} {agree(plural, 'reaches', 'reach')} {name(G, c.actors[-1])} "
               f"through {names(G, c.actors[1:-1])} without any direct relation")  # fmt: skip
        claims = _claim_steps(G, c)
        if claims:
            why += f", by a chain resting on a claim: {'; '.join(claims)}"
    else:
        by_note: dict[str, list[str]] = {}
        for c in sorted(r.chains, key=lambda c: bool(_claim_steps(G, c)))[:3]:
            s = c.steps[0]
            u, v = (s.source, s.target) if s.forward else (s.target, s.source)
            by_note.setdefault(claim_note(G, G.edges[u, v, s.relation]), []).append(c.actors[-1])
        direct = [names(G, ids) + (f" ({note})" if note else "") for note, ids in by_note.items()]
        why = f"{pronoun(G, r.actor, 'its')} influence is direct: on {', '.join(direct)}"
    reached = {c.actors[-1] for c in r.chains} or set()
    tally = _tally(G, reached) if reached else f"{r.reached} actors"
    return f"{agree(plural, 'reaches', 'reach')} {tally}; " + why


def _key_actors(G, top: int, numbers: bool, backend: str | None) -> list[KeyActors]:
    scores = centrality(G, ["betweenness", "pagerank"], backend=backend)
    sections = []

    reach_actors, _ = search_bounds(G)
    ranked = [r for r in influence_reach(G, actors=reach_actors, chains=False) if r.total > 0]
    reach = influence_reach(G, actors=[r.actor for r in ranked[:top]])
    rows = [{"id": r.actor, "name": name(G, r.actor), "value": r.total, "why": _reach_why(G, r)}
            for r in reach]  # fmt: skip
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
        it = "it" if pronoun(G, n, "it") == "it" else "them"
        if pairs:
            s, t = pairs[0]
            why = f"every shortest chain from {name(G, s)} to {name(G, t)} passes through {it}"
            if len(pairs) > 1:
                more = len(pairs) - 1
                why += f", and so do those of {more} more pair{'s' if more > 1 else ''}"
        else:
            why = f"{pronoun(G, n, 'it')} {'lies' if it == 'it' else 'lie'} on many of the shortest chains between other actors"
        rows.append({"id": n, "name": name(G, n), "value": value, "why": why})
    sections.append(KeyActors("betweenness", MEANINGS["betweenness"], rows))

    rows = []
    for n, value in scores.ranking("pagerank")[:top]:
        sources = [u for u, _, d in G.in_edges(n, data=True) if u != n]
        sources += [v for _, v, d in G.out_edges(n, data=True) if v != n and not d["directed"]]
        if sources:
            parts = incoming(G, n)
            more = len(parts) - 3
            how = ", ".join(parts[:3]) + (f" and {more} more" if more > 0 else "")
            why = f"the object of {len(sources)} relation{'s' if len(sources) != 1 else ''}: {how}"
        else:
            why = "no relation points here: the score is the share every actor gets"
        rows.append({"id": n, "name": name(G, n), "value": value, "why": why})
    sections.append(KeyActors("PageRank", MEANINGS["pagerank"], rows))
    return sections


def _linked(G, a, b) -> bool:
    return G.has_edge(a, b) or G.has_edge(b, a)


def _chain_steps(G, chain: Chain, quotes: _Quotes, spelled: set[int]) -> list[Step]:
    """A chain's steps, each with its evidence; a quotation is spelled out at its first use
    among the chains (``spelled``), and referred to by number after that."""
    steps = []
    for s in chain.steps:
        u, v = (s.source, s.target) if s.forward else (s.target, s.source)
        d = G.edges[u, v, s.relation]
        refs = quotes.refs(d.get("evidence") or [])
        steps.append(
            Step(relation_sentence(G, u, v, d), refs, [n for n in refs if n not in spelled])
        )
        spelled.update(refs)
    return steps


def _facts(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` without its refuted relations: what the briefing may state as facts or claims."""
    refuted = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
               if d.get("status") == "refuted"]  # fmt: skip
    if not refuted:
        return G
    H = G.copy()
    H.remove_edges_from(refuted)
    return H


def _dated(G) -> str:
    """When the dated relations hold, in words: "dated relations from 1914 to 11 November
    1918, some open-ended"."""
    firsts, lasts, opened = [], [], False
    for *_, d in G.edges(data=True):
        if d.get("first_day"):
            firsts.append((d["first_day"], -len(d.get("date") or d.get("start") or ""),
                           d.get("date") or d.get("start")))  # fmt: skip
            opened = opened or not d.get("last_day")
        if d.get("last_day"):
            lasts.append((d["last_day"], len(d.get("date") or d.get("end") or ""),
                          d.get("date") or d.get("end")))  # fmt: skip
    if not firsts and not lasts:
        return "no relation is dated"
    if not lasts:
        return f"dated relations since {date_text(min(firsts)[2])}, all open-ended"
    last = max(lasts)[2]
    if not firsts:
        return f"dated relations until {date_text(last)}"
    first = min(firsts)[2]
    text = (f"dated relations from {date_text(first)} to {date_text(last)}" if first != last
            else f"dated relations {at_date(first)}")  # fmt: skip
    return text + (", some open-ended" if opened else "")


def _type_meaning(info: dict) -> str:
    """What a relation type means, and how influence travels through it (no number: the
    weights are conventions, explained once in the glossary)."""
    how = "both ways" if not info.get("directed", True) else "one way"
    text = f"{info.get('description', '')}; {info.get('stance', 'neutral')}, {how}"
    carries = info.get("carries", "control")
    if carries == "none" or not (info.get("influence") or info.get("influence_back")):
        travel = "it carries no influence"
        if info.get("stance") == "hostile":
            travel = "an expressed stance: it carries no influence"
    elif carries == "pressure":
        travel = ("pressure: influence reaches its target and goes no further, unless the "
                  "target controls others")  # fmt: skip
    else:
        travel = "control: influence goes on through it to those the target controls"
    if (info.get("influence_back") or 0) > 0 and carries != "none":
        travel += "; it also pulls back, from the target on the source (a group on its member)"
    return f"{text}; {travel}"


_STATUS_MEANING = {
    "alleged": "reported, but not established: someone claims it",
    "denied": "reported, and denied by someone it concerns (a denial is no refutation)",
    "refuted": "established to be false: kept for the record, never counted as a fact",
}


def _glossary(G, facts) -> list[tuple[str, str]]:
    types = G.graph.get("relation_types") or {}
    glossary = [(t.replace("_", " "), _type_meaning(types.get(t) or {}))
                for t in sorted({d["type"] for *_, d in facts.edges(data=True)})]  # fmt: skip
    glossary += [
        ("influence weight", "each relation type's share of influence, from 0 (none) to 1 "
         "(total control): conventions of this tool (and of a dataset, for its own types), "
         "an ordering rather than a measurement"),
        ("influence strength", "how much influence a chain carries by those conventions: the "
         "product of the weights of its relations"),
        ("influence reach", _REACH_MEANING),
        ("betweenness", MEANINGS["betweenness"]),
        ("PageRank", MEANINGS["pagerank"]),
    ]  # fmt: skip
    statuses = {d["status"] for *_, d in G.edges(data=True)}
    glossary += [(s, _STATUS_MEANING[s]) for s in _STATUS_MEANING if s in statuses]
    return glossary


def brief_content(
    G: nx.MultiDiGraph,
    *,
    audience: str = "students",
    title: str | None = None,
    max_rows: int = 40,
    notes: list[str] | None = None,
    backend: str | None = None,
    questions: Iterable[int] | None = None,
) -> Brief:
    """Everything a briefing says about ``G``, for ``audience`` (students or analysts).

    Tables longer than ``max_rows`` are cut, and say how many rows they leave out.
    ``backend`` computes betweenness (see :mod:`graph.analysis.engine`).

    Questions for discussion: the dataset's own (``questions:``, the teacher's) come first,
    then those generated from the data; ``questions`` picks among the generated ones by their
    1-based numbers (``[2, 3, 5]``; ``None``: all of them, for students; none for analysts,
    unless given). A number out of range raises :class:`graph.errors.QueryError`.

    Refuted relations are never stated as facts: they appear only among the contested
    claims, marked refuted.

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
    facts = _facts(G)

    n, m = G.number_of_nodes(), G.number_of_edges()
    refuted = m - facts.number_of_edges()
    files = ", ".join(G.graph.get("files") or []) or "the data"
    scope = (
        f"{n} actor{'s' if n != 1 else ''} and {m} relation{'s' if m != 1 else ''}"
        + (f" ({refuted} refuted)" if refuted else "") + f", from {files}; {_dated(facts)}"
    )  # fmt: skip
    documents = sorted(
        {e["source"] for *_, d in G.edges(data=True) for e in d.get("evidence") or []}
    )

    actors = sorted(list_actors(facts), key=lambda a: (-a["relations"], a["name"]))
    cast = [
        {"id": a["id"], "name": a["name"], "kind": a["kind"].replace("_", " "),
         "role": role(facts, a["id"]), "aliases": aliases_text(a["aliases"])}
        for a in actors[:max_rows]
    ]  # fmt: skip

    key = _key_actors(facts, top, analysts, backend)

    sources, chain_depth = search_bounds(facts)
    strongest = strongest_chains(facts, top=10, depth=chain_depth, actors=sources)
    spelled: set[int] = set()
    chains = [
        {"text": c.text(facts), "strength": c.strength,
         "steps": _chain_steps(facts, c, quotes, spelled)}
        for c in strongest[:top]
    ]  # fmt: skip

    stances: dict[str, list[Step]] = {s: [] for s in STANCE_COLORS}
    totals: Counter = Counter()
    for r in list_relations(facts):
        totals[r["stance"]] += 1
        if len(stances[r["stance"]]) < max_rows:
            d = facts.edges[r["source"], r["target"], r["id"]]
            stances[r["stance"]].append(
                Step(
                    relation_sentence(facts, r["source"], r["target"], d),
                    quotes.refs(r["evidence"]),
                )  # fmt: skip
            )
    stances = {s: rows for s, rows in stances.items() if rows}

    contested = contested_claims(G)
    claims = []
    for c in contested[:max_rows]:
        r = c.relation
        d = G.edges[r["source"], r["target"], r["id"]]
        claimed = [who(G, r["claimed_by"])[0]] if r["claimed_by"] else []
        disputed = [who(G, r["disputed_by"])[0]] if r["disputed_by"] else []
        claims.append(Claim(relation_sentence(G, r["source"], r["target"], d, note=False),
                            r["status"], claimed, disputed,
                            quotes.refs(c.evidence_for, limit=3),
                            quotes.refs(c.evidence_against, limit=3)))  # fmt: skip

    dated = [r for group in timeline_groups(facts) for r in group.relations]
    timeline = []
    for r in dated[:max_rows]:
        d = facts.edges[r["source"], r["target"], r["id"]]
        timeline.append({"when": span_phrase(d) or r["when"],
                         "sentence": relation_sentence(facts, r["source"], r["target"], d)})  # fmt: skip

    chosen: list[Question] = []
    if not analysts or questions is not None:
        brokers = [(r["id"], r["value"]) for r in key[1].rows]
        generated = discussion_questions(
            facts, strongest, brokers, [c for c in contested if c.relation["status"] != "refuted"]
        )
        chosen = choose_questions(generated, questions, G.graph.get("questions") or ())

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
        questions=chosen,
        glossary=[] if analysts else _glossary(G, facts),
        notes=list(notes or []),
        numbers=analysts,
        limits=map_limits(G, facts),
    )
