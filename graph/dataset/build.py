"""Turn a Dataset into a networkx MultiDiGraph, and the simpler views analysis works on."""

from __future__ import annotations

import networkx as nx

from graph.dataset._gc import gc_paused
from graph.dataset.model import Dataset
from graph.dataset.vocabulary import STATUS_WEIGHTS
from graph.progress import progress

__all__ = ["actor_network", "build_graph"]


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The dataset as a ``MultiDiGraph``: a node per actor, an edge per relation.

    Node attributes are the actor's fields (``name``, ``kind``, ``aliases``, ``description``,
    ``defined_at`` and any extra field from the file); edge keys are relation ids, and edge
    attributes are the relation's fields plus its type's ``stance``, ``directed`` and
    ``influence``. A symmetric type (``directed`` false) is stored once, source to target as
    written; :func:`actor_network` and the queries read it both ways.

    Each actor gets its ``node_class`` (agent, place or event, from its kind) and each relation
    its ``claim_weight`` (how much its status weighs: see ``status_weights``) and its type's
    ``carries`` and ``influence_back``.

    ``G.graph`` holds the title, description, files, the relation types, the load's warnings
    (as lines), the status weights, the class of each kind and the dataset's own questions. Every relation is in the graph: to ask about some of them only,
    :func:`graph.analysis.selection.select` keeps those a question is about.

    >>> from graph.dataset.load import load_text
    >>> ds = load_text('''
    ... actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
    ... relations:
    ...   - {source: a, target: b, type: allies_with, status: alleged}
    ... ''')
    >>> G = build_graph(ds)
    >>> G.edges["a", "b", "a-allies_with-b"]["directed"], G.nodes["b"]["name"]
    (False, 'B')
    """
    with gc_paused(), progress("Building the graph", total=len(dataset.relations)) as bar:
        return _build(dataset, bar)


_NO_SPAN = dict.fromkeys(("date", "start", "end", "first_day", "last_day"))
_REPORT_EVERY = 8192  # relations between two progress reports


def _build(dataset: Dataset, bar) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(
        title=dataset.title,
        description=dataset.description,
        files=list(dataset.files),
        relation_types={name: t.as_dict() for name, t in dataset.relation_types.items()},
        warnings=[str(p) for p in dataset.warnings],
        status_weights=dict(dataset.status_weights or STATUS_WEIGHTS),
        kind_classes=dict(dataset.kind_classes),
        questions=list(dataset.questions),
    )
    classes = dataset.kind_classes
    for actor in dataset.actors.values():
        G.add_node(
            actor.id,
            **actor.attributes,
            id=actor.id,
            name=actor.name,
            kind=actor.kind,
            aliases=list(actor.aliases),
            description=actor.description,
            defined_at=[str(o) for o in actor.origins],
            node_class=classes.get(actor.kind, "agent"),
            plural=actor.plural,
        )
    types = dataset.relation_types
    weights = G.graph["status_weights"]
    # Spans are shared by many relations: their fields are worked out once per span (and the
    # edges then share the strings, which keeps the graph and its cache small).
    spans: dict[int, tuple[dict, str | None]] = {}
    add_edge = G.add_edge
    for n, relation in enumerate(dataset.relations, 1):
        if n % _REPORT_EVERY == 0:
            bar.advance(_REPORT_EVERY)
        rtype = types[relation.type]
        when = relation.when
        span = spans.get(id(when))
        if span is None:
            span = spans[id(when)] = (when.as_dict(), when.label) if when else (_NO_SPAN, None)
        origin = relation.origin
        data = {
            **relation.attributes,
            "id": relation.id,
            "type": relation.type,
            "stance": rtype.stance,
            "directed": rtype.directed,
            "influence": rtype.influence,
            "influence_back": rtype.influence_back,
            "carries": rtype.carries,
            "status": relation.status,
            "claim_weight": weights.get(relation.status, 1.0),
            "weight": relation.weight,
            "count": relation.count,
            **span[0],
            "when": span[1],
            "claimed_by": list(relation.claimed_by),
            "disputed_by": list(relation.disputed_by),
            "evidence": [e.as_dict() for e in relation.evidence],
            "note": relation.note,
            "file": origin.file if origin else None,
            "line": origin.line if origin else None,
        }
        add_edge(relation.source, relation.target, relation.id, **data)
    return G


def actor_network(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse the relations into a simple directed graph of who is linked to whom.

    There is an edge ``u → v`` when some relation goes from ``u`` to ``v``, and for a
    symmetric relation both ways. Parallel relations become one edge; every actor stays. A
    relation that weighs nothing (refuted, or left out by how claims are counted) links no one.
    Centrality and shortest paths count steps on this graph.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="r1", directed=True)
    'r1'
    >>> G.add_edge("a", "b", key="r2", directed=True)
    'r2'
    >>> G.add_edge("b", "c", key="r3", directed=False)
    'r3'
    >>> sorted(actor_network(G).edges)
    [('a', 'b'), ('b', 'c'), ('c', 'b')]
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes)
    for u, v, data in G.edges(data=True):
        if data.get("claim_weight", 1.0) <= 0:  # refuted, or weighed out: no link
            continue
        D.add_edge(u, v)
        if not data["directed"]:
            D.add_edge(v, u)
    return D
