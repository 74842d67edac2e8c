"""Turn a Dataset into a networkx MultiDiGraph, and the simpler views analysis works on."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.collector import gc_paused
from graph.errors import QueryError
from graph.model import STATUSES, Dataset
from graph.progress import progress
from graph.schema import did_you_mean

__all__ = ["actor_network", "build_graph"]


def build_graph(
    dataset: Dataset,
    *,
    types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The dataset as a ``MultiDiGraph``: a node per actor, an edge per relation.

    Node attributes are the actor's fields (``name``, ``kind``, ``aliases``, ``description``,
    ``defined_at`` and any extra field from the file); edge keys are relation ids, and edge
    attributes are the relation's fields plus its type's ``stance``, ``directed`` and
    ``influence``. A symmetric type (``directed`` false) is stored once, source to target as
    written; :func:`actor_network` and the queries read it both ways.

    ``types`` and ``statuses`` keep only relations of those types / statuses (every actor
    stays). ``G.graph`` holds the title, description, files and the relation types.

    >>> from graph.load import load_text
    >>> ds = load_text('''
    ... actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
    ... relations:
    ...   - {source: a, target: b, type: allies_with, status: alleged}
    ... ''')
    >>> G = build_graph(ds)
    >>> G.edges["a", "b", "a-allies_with-b"]["directed"], G.nodes["b"]["name"]
    (False, 'B')
    >>> build_graph(ds, statuses=["confirmed"]).number_of_edges()
    0
    """
    type_filter = _check_names(types, dataset.relation_types, "relation type")
    status_filter = _check_names(statuses, STATUSES, "status")
    if type_filter is None and status_filter is None:
        # A dataset from the cache may carry its graph, restored with it: handed over once.
        take_graph = getattr(dataset, "take_graph", None)
        G = take_graph() if take_graph is not None else None
        if G is not None:
            return G
    with gc_paused(), progress("Building the graph", total=len(dataset.relations)) as bar:
        return _build(dataset, type_filter, status_filter, bar)


_NO_SPAN = dict.fromkeys(("date", "start", "end", "first_day", "last_day"))
_REPORT_EVERY = 8192  # relations between two progress reports


def _build(dataset: Dataset, type_filter, status_filter, bar) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(
        title=dataset.title,
        description=dataset.description,
        files=list(dataset.files),
        relation_types={name: t.as_dict() for name, t in dataset.relation_types.items()},
    )
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
        )
    types = dataset.relation_types
    # Spans are shared by many relations: their fields are worked out once per span (and the
    # edges then share the strings, which keeps the graph and its cache small).
    spans: dict[int, tuple[dict, str | None]] = {}
    add_edge = G.add_edge
    for n, relation in enumerate(dataset.relations, 1):
        if n % _REPORT_EVERY == 0:
            bar.advance(_REPORT_EVERY)
        if type_filter is not None and relation.type not in type_filter:
            continue
        if status_filter is not None and relation.status not in status_filter:
            continue
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
            "status": relation.status,
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


def _check_names(names: Iterable[str] | None, known, what: str) -> set[str] | None:
    if names is None:
        return None
    chosen = set(names)
    if not chosen:
        return None
    for name in sorted(chosen):
        if name not in known:
            raise QueryError(
                f"'{name}' is not a {what} of this dataset{did_you_mean(name, known)}; "
                f"known: {', '.join(sorted(known))}"
            )
    return chosen


def actor_network(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse the relations into a simple directed graph of who is linked to whom.

    There is an edge ``u → v`` when some relation goes from ``u`` to ``v``, and for a
    symmetric relation both ways. Parallel relations become one edge; every actor stays.
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
        D.add_edge(u, v)
        if not data["directed"]:
            D.add_edge(v, u)
    return D
