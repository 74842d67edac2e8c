"""The heavy measures behind one door: compiled engines by default (rustworkx; networkit for
closeness, whose searches it runs on every core), networkx's own implementation as the
reference, and any installed networkx backend passed through. Whatever runs, the values are
networkx's: the tests compare them within 1e-9 (closeness has networkx's very digits;
betweenness differs in the last one at most, about 1e-17)."""

from __future__ import annotations

import sys

import networkx as nx

from graph.errors import QueryError

__all__ = [
    "ENGINE",
    "REFERENCE",
    "Measures",
    "backends",
    "betweenness",
    "check_backend",
    "closeness",
    "compiled",
    "joined_pairs_without",
]

#: The compiled engine used when no backend is named (when it is installed).
ENGINE = "rustworkx"

#: The reference path: networkx's own pure-Python implementation.
REFERENCE = "networkx"

#: rustworkx's ``parallel_threshold`` for betweenness: never parallel. Its threads add up
#: each source's share in whatever order they finish, so the last digit changed from run to
#: run (and ties in a ranking with it); on one thread the same data gives the same digits.
SERIAL = 2**62


def compiled():
    """The compiled engine's module, or None when it is not installed (then networkx runs).

    Imported here, not at the top, so that commands that never need it start fast.
    """
    try:
        import rustworkx
    except ImportError:  # pragma: no cover - rustworkx is a dependency
        return None
    return rustworkx


def _networkit():
    """networkit's module (closeness, multi-threaded), or None when it is not installed.

    networkit's ``__init__`` imports matplotlib's pyplot when it can, for its own plots
    (0.4 s); closeness draws nothing, so while networkit is first imported here matplotlib
    is refused, which networkit handles as on a machine without it. Once matplotlib is
    loaded (a command that drew a figure), it is not refused.
    """
    if "networkit" in sys.modules:
        return sys.modules["networkit"]
    blocker = _NoPyplot() if "matplotlib" not in sys.modules else None
    if blocker is not None:
        sys.meta_path.insert(0, blocker)
    try:
        import networkit
    except ImportError:
        return None
    finally:
        if blocker is not None:
            sys.meta_path.remove(blocker)
    return networkit


class _NoPyplot:
    """An import hook that refuses matplotlib (see :func:`_networkit`)."""

    def find_spec(self, name, path=None, target=None):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError("matplotlib is not needed for closeness")
        return None


def backends() -> list[str]:
    """The names ``backend`` accepts here: the compiled engine (when installed), networkx, and
    the networkx backends installed (``networkx.backends`` entry points, e.g. nx-cugraph).

    >>> backends()[:2]
    ['rustworkx', 'networkx']
    """
    from networkx.utils.backends import backends as installed

    names = [ENGINE] if compiled() is not None else []
    return [*names, REFERENCE, *sorted(set(installed) - {ENGINE, REFERENCE})]


def check_backend(backend: str | None) -> str:
    """The backend that will run for ``backend``: None means the compiled engine, or networkx
    when it is not installed. An unknown name is a :class:`~graph.errors.QueryError` that
    lists the installed ones.

    >>> check_backend(None), check_backend("networkx")
    ('rustworkx', 'networkx')
    >>> check_backend("nx-nothing")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: backend 'nx-nothing' is not installed; installed here: rustworkx (the default), networkx...
    """
    known = backends()
    if backend is None:
        return known[0]
    if backend not in known:
        listed = ", ".join(f"{n} (the default)" if i == 0 else n for i, n in enumerate(known))
        raise QueryError(f"backend '{backend}' is not installed; installed here: {listed}")
    return backend


class Measures:
    """Exact betweenness and closeness of one simple directed network ``D`` (a
    ``networkx.DiGraph``) by one backend (see :func:`check_backend`), with networkx's values
    and conventions whatever the backend. The engine's copy of ``D`` is made once, on first
    use, and shared by the measures.

    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> m = Measures(D)
    >>> m.betweenness(), m.closeness(outward=True)
    ({'a': 0.0, 'b': 0.5, 'c': 0.0}, {'a': 0.6666666666666666, 'b': 0.5, 'c': 0.0})
    >>> Measures(D, "networkx").betweenness() == nx.betweenness_centrality(D)
    True
    """

    def __init__(self, D: nx.DiGraph, backend: str | None = None):
        self.D = D
        self.backend = check_backend(backend)
        self.nodes = list(D)
        self._graphs: dict[bool, object] = {}

    def _graph(self, reverse: bool = False):
        """The engine's copy of ``D`` (reversed if asked): node i is ``self.nodes[i]``."""
        if reverse not in self._graphs:
            rx = compiled()
            at = {node: i for i, node in enumerate(self.nodes)}
            g = rx.PyDiGraph(multigraph=False)
            g.add_nodes_from(range(len(self.nodes)))
            edges = ((at[u], at[v]) for u, v in self.D.edges)
            g.extend_from_edge_list([(b, a) for a, b in edges] if reverse else list(edges))
            self._graphs[reverse] = g
        return self._graphs[reverse]

    def _by_node(self, values) -> dict:
        return {node: float(values[i]) for i, node in enumerate(self.nodes)}

    def betweenness(
        self, *, normalized: bool = True, sample: int | None = None, seed: int | None = None
    ) -> dict:
        """``networkx.betweenness_centrality(D, normalized)``: for each actor, the share of
        shortest chains between two others that pass through it (divided by (n-1)(n-2) when
        normalized). ``sample`` estimates it from that many sources (networkx's ``k``, with
        ``seed``): that runs networkx's own sampling, or the named networkx backend's."""
        if self.backend == ENGINE and sample is None:
            rx = compiled()
            return self._by_node(
                rx.digraph_betweenness_centrality(
                    self._graph(), normalized=normalized, parallel_threshold=SERIAL
                )
            )
        return self._networkx(
            "betweenness", nx.betweenness_centrality, self.D, normalized=normalized, k=sample,
            seed=seed,
        )  # fmt: skip

    def closeness(self, *, outward: bool = False) -> dict:
        """``networkx.closeness_centrality(D)`` (Wasserman and Faust's scaling for actors that
        reach only some others): by distances *to* each actor, or with ``outward`` *from* it
        (the closeness of the reversed network).

        With the engine, digit for digit networkx's: the engine gives each actor's
        (r - 1) / (sum of distances), r counting the actors in reach and itself, and the
        scaling by (r - 1) / (n - 1) is done here as networkx does it.
        """
        if self.backend == ENGINE and (nk := _networkit()) is not None:
            return self._networkit_closeness(nk, outward)
        if self.backend == ENGINE:
            rx = compiled()
            g = self._graph(reverse=outward)
            unscaled = rx.closeness_centrality(g, wf_improved=False)
            n = len(self.nodes)
            reached = _reached(rx, g, backwards=True)
            return {
                node: unscaled[i] * (reached[i] / (n - 1)) if n > 1 else 0.0
                for i, node in enumerate(self.nodes)
            }
        D = self.D.reverse(copy=self.backend != REFERENCE) if outward else self.D
        return self._networkx("closeness", nx.closeness_centrality, D)

    def _networkit_closeness(self, nk, outward: bool) -> dict:
        """Closeness by networkit, on as many threads as there are cores: it searches from
        each actor, so its closeness is outward; inward is that of the reversed network.

        networkit gives ((r - 1) / (n - 1)) * ((r - 1) / s) for an actor reaching r actors
        (itself included) at distances summing to s. The integer s is recovered from it (it
        is far below 2**53, so rounding is exact) and the value computed again in networkx's
        order of operations, so that the digits are networkx's."""
        import numpy as np

        n = len(self.nodes)
        if n < 2:
            return dict.fromkeys(self.nodes, 0.0)
        at = {node: i for i, node in enumerate(self.nodes)}
        m = self.D.number_of_edges()
        tails = np.fromiter((at[u] for u, _ in self.D.edges), dtype=np.uint64, count=m)
        heads = np.fromiter((at[v] for _, v in self.D.edges), dtype=np.uint64, count=m)
        if not outward:
            tails, heads = heads, tails
        g = nk.graph.GraphFromCoo((np.ones(m), (tails, heads)), n=n, directed=True,
                                  weighted=False)  # fmt: skip
        reach = nk.reachability.ReachableNodes(g, True)
        reach.run()
        found = nk.centrality.Closeness(g, False, nk.centrality.ClosenessVariant.GENERALIZED)
        found.run()
        values = {}
        for i, (node, score) in enumerate(zip(self.nodes, found.scores(), strict=True)):
            r = reach.numberOfReachableNodes(i)
            if score <= 0 or r < 2:
                values[node] = 0.0
                continue
            total = round((r - 1) ** 2 / ((n - 1) * score))
            value = (r - 1.0) / total
            value *= (r - 1.0) / (n - 1)
            values[node] = value
        return values

    def _networkx(self, measure: str, function, *args, **kwargs) -> dict:
        if self.backend in (ENGINE, REFERENCE):  # ENGINE here: what it leaves to networkx
            return function(*args, **kwargs)
        try:
            return function(*args, **kwargs, backend=self.backend)
        except (ImportError, NotImplementedError) as exc:
            raise QueryError(
                f"the networkx backend '{self.backend}' cannot compute {measure} here ({exc}); "
                f"{ENGINE} and {REFERENCE} can"
            ) from None


def betweenness(
    D: nx.DiGraph,
    *,
    normalized: bool = True,
    sample: int | None = None,
    seed: int | None = None,
    backend: str | None = None,
) -> dict:
    """Betweenness of every node of ``D``, as ``networkx.betweenness_centrality`` gives it,
    computed by ``backend`` (see :class:`Measures`).

    >>> betweenness(nx.DiGraph([(1, 2), (2, 3), (3, 1)]), normalized=False)
    {1: 1.0, 2: 1.0, 3: 1.0}
    """
    return Measures(D, backend).betweenness(normalized=normalized, sample=sample, seed=seed)


def closeness(D: nx.DiGraph, *, outward: bool = False, backend: str | None = None) -> dict:
    """Closeness of every node of ``D``, as ``networkx.closeness_centrality`` gives it (of the
    reversed network with ``outward``), computed by ``backend`` (see :class:`Measures`).

    >>> closeness(nx.DiGraph([(1, 2)])), closeness(nx.DiGraph([(1, 2)]), outward=True)
    ({1: 0.0, 2: 1.0}, {1: 1.0, 2: 0.0})
    """
    return Measures(D, backend).closeness(outward=outward)


def joined_pairs_without(
    links: list[list[int]], removed: list[int], advance=lambda: None
) -> list[int]:
    """For each actor ``i`` of ``removed`` (actors are numbered, ``links[i]`` lists those
    ``i`` links to, no self-links), how many ordered pairs of the *other* actors a chain of
    links joins once ``i`` is gone, calling ``advance()`` after each. Needs the compiled
    engine (see :func:`compiled`).

    Each removal takes the engine's strongly connected components, then, in Python, one
    pass over the components in reverse topological order, each component's reachable
    actors a bitset (its members numbered consecutively) or-ed with those of the components
    it links to: fast when most actors fall into a few big components, as in most networks.

    Links 0 → 1 → 2 → 0 and 2 → 3: without 0, 1 → 2 → 3 joins three pairs; without 1,
    2 reaches 0 and 3; without 2, only 0 reaches 1.

    >>> joined_pairs_without([[1], [2], [0, 3], []], [0, 1, 2])
    [3, 2, 1]
    """
    rx = compiled()
    g = rx.PyDiGraph(multigraph=False)
    g.add_nodes_from(range(len(links)))
    g.extend_from_edge_list([(a, b) for a, out in enumerate(links) for b in out])
    counts = []
    for i in removed:
        edges = [(a, i) for a in g.predecessor_indices(i)]
        edges += [(i, b) for b in g.successor_indices(i)]
        g.remove_node(i)
        counts.append(_joined_pairs(rx, g))
        if g.add_node(i) != i:  # pragma: no cover - rustworkx reuses the last freed index
            raise RuntimeError("rustworkx gave a removed actor back under another number")
        g.extend_from_edge_list(edges)
        advance()
    return counts


def _reached(rx, g, *, backwards: bool = False) -> list[int]:
    """How many other nodes of ``g`` each one reaches (with ``backwards``: is reached from)."""
    reached = [0] * g.num_nodes()
    for members, count in _reach_by_component(rx, g, backwards):
        for node in members:
            reached[node] = count
    return reached


def _joined_pairs(rx, g) -> int:
    """How many ordered pairs of distinct nodes of ``g`` a path joins."""
    return sum(count * len(members) for members, count in _reach_by_component(rx, g, False))


def _reach_by_component(rx, g, backwards: bool):
    """Each strongly connected component of ``g`` (its nodes' payloads) and how many other
    nodes each of its nodes reaches (or, ``backwards``, is reached from): components in
    topological order, each one's bitset of reached nodes (its own members numbered
    consecutively) or-ed with those of the components it links to."""
    dag = rx.condensation(g)
    members = dag.nodes()
    order = rx.topological_sort(dag)
    if not backwards:
        order = order[::-1]
    step = dag.predecessor_indices if backwards else dag.successor_indices
    bits_of: dict[int, int] = {}
    first = 0
    for c in order:
        size = len(members[c])
        bits = ((1 << size) - 1) << first
        first += size
        for d in step(c):
            bits |= bits_of[d]
        bits_of[c] = bits
        yield members[c], bits.bit_count() - 1
