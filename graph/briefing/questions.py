"""Questions for discussion, each prompted by facts of the network that support it, and the
teacher's choice among them.

A question's premises are facts: a chain that an actor "acts through" holds only confirmed
control relations (directs, leads, funds…: not an accusation, nor an attack); the actor
asked why it does not respond is an agent (not a place, a facility or an event), the object
of at least one confirmed hostile relation; an enemy of my enemy is one by confirmed
relations. Claims prompt questions about claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.analysis.claims import ContestedClaim
from graph.briefing.grammar import agree, gerund_phrase, is_plural, verb_phrase
from graph.briefing.wording import name, pronoun
from graph.dataset.build import actor_network
from graph.errors import QueryError

__all__ = ["Question", "choose_questions", "discussion_questions"]


@dataclass
class Question:
    text: str
    refers_to: list[str] = field(default_factory=list)  # section titles the question points at
    teacher: bool = False  # the teacher's own question (the dataset's ``questions:``)
    number: int | None = None  # its number among the generated questions (1-based)


def _is_agent(G, n) -> bool:
    return G.nodes[n].get("node_class", "agent") == "agent"


def _confirmed(d) -> bool:
    return d.get("status", "confirmed") == "confirmed"


def _edge(G, step):
    u, v = (step.source, step.target) if step.forward else (step.target, step.source)
    return G.edges[u, v, step.relation]


def _hostile_facts(G, a, b) -> list[dict]:
    """The confirmed hostile relations from ``a`` to ``b``."""
    return [d for d in G.get_edge_data(a, b, default={}).values()
            if d["stance"] == "hostile" and _confirmed(d)]  # fmt: skip


def _says(G, n, rtype: str, other) -> str:
    return f"{name(G, n)} {verb_phrase(rtype, is_plural(G, n))} {name(G, other)}"


def discussion_questions(G, chains, brokers, claims: list[ContestedClaim]) -> list[Question]:
    """Up to five questions, numbered; ``chains`` are the strongest chains, ``brokers`` (actor,
    score) pairs by decreasing betweenness, ``claims`` the contested claims in the order the
    briefing lists them (:func:`graph.analysis.claims.contested_claims`). ``G`` holds the
    relations that count as facts or claims (no refuted one)."""
    questions = [q for q in (_broker(G, chains, brokers), _denied_by_accused(G, claims),
                             _hostile_claimant(G, claims), _no_response(G),
                             _enemy_of_enemy(G)) if q is not None]  # fmt: skip
    for i, q in enumerate(questions, 1):
        q.number = i
    return questions


def _broker(G, chains, brokers) -> Question | None:
    """A broker whose removal cuts a chain of confirmed control: the most central first."""
    rank = {n: i for i, (n, _) in enumerate(brokers)}
    candidates = sorted(
        ((rank.get(broker, len(rank)), i, chain, at)
         for i, chain in enumerate(chains) for at, broker in enumerate(chain.actors[1:-1], 1)),
        key=lambda x: x[:2],
    )  # fmt: skip
    D = actor_network(G)
    for _, _, chain, at in candidates:
        datas = [_edge(G, s) for s in chain.steps]
        if not all(_confirmed(d) for d in datas):
            continue  # the question would take a claim for a fact
        if not all(d.get("carries", "control") == "control" for d in datas[:at]):
            continue  # one acts through another only by control (not by accusing, attacking)
        a, broker, b = chain.actors[0], chain.actors[at], chain.actors[-1]
        H = D.copy()
        H.remove_node(broker)
        if not nx.has_path(H, a, b):
            A, B, M = name(G, a), name(G, b), name(G, broker)
            return Question(
                f"Without {M}, {A} would have no chain of relations to {B} at all. What does "
                f"{A} gain by acting through {M} rather than directly, and who could take "
                f"{pronoun(G, broker, 'its')} place?", ["Chains of influence", "Key actors"])  # fmt: skip
    return None


def _quotations(n: int) -> str:
    return f"{n} quotation{'s' if n != 1 else ''}" if n else "no quotation"


def _denied_by_accused(G, claims) -> Question | None:
    """A claim (alleged or denied) disputed by the accused themselves."""
    for c in claims:
        r = c.relation
        u, v = r["source"], r["target"]
        if r["status"] not in ("alleged", "denied") or u not in r["disputed_by"] or u not in G:
            continue
        for_n, against_n = len(c.evidence_for), len(c.evidence_against)
        held = (f"{_quotations(for_n)} for it and {against_n or 'none'} against it"
                if for_n or against_n else "no quotation on it")  # fmt: skip
        return Question(
            f"{name(G, u)} {agree(is_plural(G, u), 'denies', 'deny')} "
            f"{gerund_phrase(r['type'])} {name(G, v)}; the data holds {held}. "
            "Whose account should a reader trust, and what source would settle it?",
            ["Contested claims"])  # fmt: skip
    return None


def _hostile_claimant(G, claims) -> Question | None:
    """A claim (alleged or denied) made by a party that is itself hostile to the accused, by a
    confirmed relation."""
    for c in claims:
        r = c.relation
        u, v = r["source"], r["target"]
        if r["status"] not in ("alleged", "denied") or u not in G or v not in G:
            continue
        for claimant in r["claimed_by"]:
            hostile = _hostile_facts(G, claimant, u) if claimant in G else []
            if claimant != u and hostile:
                many = is_plural(G, claimant)
                return Question(
                    f"{name(G, claimant)} {agree(many, 'claims', 'claim')} that "
                    f"{_says(G, u, r['type'], v)}, and also "
                    f"{verb_phrase(hostile[0]['type'], many)} {name(G, u)}. How does that "
                    "change the weight of the claim?",
                    ["Contested claims", "Hostility and cooperation"])  # fmt: skip
    return None


def _no_response(G) -> Question | None:
    """An agent that is the object of confirmed hostile relations but takes none, not even
    alleged: the most targeted first."""
    hostile_out = {u for u, v, d in G.edges(data=True) if d["stance"] == "hostile" and u != v}
    confirmed, claimed = defaultdict(int), defaultdict(int)
    for u, v, d in G.edges(data=True):
        if d["stance"] == "hostile" and u != v:
            (confirmed if _confirmed(d) else claimed)[v] += 1
    order = sorted(confirmed, key=lambda n: -(confirmed[n] + claimed[n]))
    for actor in order:
        if actor in hostile_out or not _is_agent(G, actor):
            continue
        n, k = confirmed[actor] + claimed[actor], claimed[actor]
        also = f" ({k} of them {'a claim' if k == 1 else 'claims'})" if k else ""
        many = is_plural(G, actor)
        return Question(
            f"{name(G, actor)} {agree(many, 'is', 'are')} the object of {n} hostile "
            f"relation{'s' if n != 1 else ''}{also} but {agree(many, 'takes', 'take')} none "
            f"against anyone. Why might {pronoun(G, actor, 'it')} not respond, or why might "
            f"{pronoun(G, actor, 'its')} responses be missing from the sources?",
            ["Hostility and cooperation"])  # fmt: skip
    return None


def _enemy_of_enemy(G) -> Question | None:
    """Two actors hostile to the same third one (an agent), and one hostile to the other: all
    by confirmed relations."""
    by_target: dict[str, dict[str, str]] = defaultdict(dict)
    for u, v, d in G.edges(data=True):
        if d["stance"] == "hostile" and u != v and _confirmed(d):
            by_target[v].setdefault(u, d["type"])
    for target, enemies in sorted(by_target.items(), key=lambda kv: -len(kv[1])):
        if not _is_agent(G, target):
            continue
        ordered = sorted(enemies, key=lambda e: name(G, e))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                between = [(a, b, d) for d in _hostile_facts(G, a, b)]
                between += [(b, a, d) for d in _hostile_facts(G, b, a)]
                if not between:
                    continue
                ta, tb = enemies[a], enemies[b]
                if ta == tb:
                    both = (f"{name(G, a)} and {name(G, b)} both {verb_phrase(ta, True)} "
                            f"{name(G, target)}")  # fmt: skip
                else:
                    both = f"{_says(G, a, ta, target)} and {_says(G, b, tb, target)}"
                x, y, d = between[0]
                return Question(
                    f"{both}, yet {_says(G, x, d['type'], y)}. Is the enemy of my enemy a "
                    "friend here?", ["Hostility and cooperation"])  # fmt: skip
    return None


def choose_questions(
    generated: list[Question], numbers: Iterable[int] | None, teacher: Iterable[str] = ()
) -> list[Question]:
    """The teacher's own questions first (marked as theirs), then the generated questions
    ``numbers`` picks (1-based, in the order given; ``None``: all of them).

    Raises :class:`graph.errors.QueryError` for a number out of range, naming the range.

    >>> qs = [Question("A?", number=1), Question("B?", number=2)]
    >>> [(q.text, q.teacher) for q in choose_questions(qs, [2], ["Mine?"])]
    [('Mine?', True), ('B?', False)]
    >>> choose_questions(qs, [3])
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: question 3 is not one of the generated questions: pick from 1 to 2
    """
    chosen = [Question(str(t), [], teacher=True) for t in teacher]
    if numbers is None:
        return chosen + list(generated)
    total = len(generated)
    for n in dict.fromkeys(numbers):
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= total:
            where = f"pick from 1 to {total}" if total > 1 else (
                "pick 1" if total == 1 else "this view prompts none")  # fmt: skip
            raise QueryError(f"question {n} is not one of the generated questions: {where}")
        chosen.append(generated[n - 1])
    return chosen
