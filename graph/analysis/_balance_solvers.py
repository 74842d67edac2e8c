"""The solvers behind structural balance: exact integer programs for small networks, a
seeded local search for big ones, each on one connected part of the signed network."""

from __future__ import annotations

import random
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse.linalg  # noqa: F401  (sparse.linalg.eigsh for big networks)
from scipy import sparse
from scipy.cluster.vq import kmeans2
from scipy.optimize import Bounds, LinearConstraint, milp

__all__ = ["DESCENTS", "Budget", "Part"]

#: Greedy descents the local search may make (random starts, and kicks from each: a few actors
#: moved at random, then greedy moves again, kept if better); fewer on big networks, so that
#: a search over ten thousand ties takes seconds.
DESCENTS = 300


@dataclass
class Budget:
    """The time one answer may spend in integer programs, and the search settings."""

    time_limit: float
    exact_limit: int
    seed: int
    deadline: float = 0.0

    def __post_init__(self):
        self.deadline = time.monotonic() + self.time_limit

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())


class Part:
    """One connected part of the signed network, its core solved, the rest placed after."""

    def __init__(self, S: nx.Graph, nodes: list):
        self.S = S
        self.nodes = nodes
        self.core, self.peeled = _peel(S, nodes)
        self.core.sort(key=lambda n: -S.degree(n))  # busiest first: camps open in their order
        index = {n: i for i, n in enumerate(self.core)}
        self.edges = [
            (index[u], index[v], d["sign"]) for u, v, d in S.subgraph(self.core).edges(data=True)
        ]
        self.any_camps: tuple | None = None  # best partition into any number of camps

    def floor(self) -> int | None:
        """Fewest ties any number of camps can violate, when known."""
        if not self.core:
            return 0
        return self.any_camps[1] if self.any_camps else None

    def solve(self, k: int, budget: Budget, hint: dict, floors: bool):
        if k == 1:
            return dict.fromkeys(self.nodes, 0), None
        n, edges, note = len(self.core), self.edges, None
        hints = [[hint[x] - 1 for x in self.core]] if hint else []
        found = [0] * n
        if n > budget.exact_limit:
            found = _local_search(n, edges, k, budget.seed, DESCENTS, hints)
            note = (
                f"a part of {n} actors is beyond the exact limit of {budget.exact_limit}; its "
                f"camps come from a local search (greedy moves from many starts, seed "
                f"{budget.seed}), good but not proven best"
            )
        elif n:
            found, proven = self._exact(k, budget, hints, floors)
            if not proven:
                note = (
                    f"the integer program for a part of {n} actors ran out of time "
                    f"({budget.time_limit:g} s per answer); the best camps found are kept, not "
                    "proven best"
                )
        label = {x: found[i] for i, x in enumerate(self.core)}
        for x, anchor in reversed(self.peeled):
            if anchor is None:
                label[x] = 0
            elif self.S.edges[x, anchor]["sign"] > 0:
                label[x] = label[anchor]
            else:
                label[x] = 1 if label[anchor] == 0 else 0
        # Number the camps by size, so that camps of separate parts merge largest with largest.
        sizes = Counter(label.values())
        renumber = {c: i for i, c in enumerate(sorted(sizes, key=lambda c: (-sizes[c], c)))}
        return {x: renumber[c] for x, c in label.items()}, note

    def _exact(self, k, budget, hints, floors):
        n, edges = len(self.core), self.edges
        floor = 0
        if floors and k > 2:  # the best with any number of camps: enough if it uses ≤ k
            if self.any_camps is None and budget.left():
                self.any_camps = _exact_any_camps(n, edges, budget.left()) or ()
            if self.any_camps:
                if len(set(self.any_camps[0])) <= k:
                    return self.any_camps[0], True
                floor = self.any_camps[1]
        quick = _local_search(n, edges, k, budget.seed, 32, hints)
        if _cost(quick, edges) == floor:
            return quick, True
        found, proven = (None, False)
        if budget.left():
            found, proven = _exact(n, edges, k, budget.left(), floor, _cost(quick, edges))
        if not proven:
            searched = _local_search(n, edges, k, budget.seed, DESCENTS, hints + [quick])
            if found is None or _cost(searched, edges) < _cost(found, edges):
                found = searched
        return found, proven


def _peel(S, nodes):
    """Set aside, one by one, actors with at most one tie left (for K ≥ 2 that tie can always
    be kept); returns the rest and the set-aside actors with the neighbour they follow."""
    alive = set(nodes)
    degree = {n: S.degree(n) for n in nodes}
    stack = [n for n in nodes if degree[n] <= 1]
    peeled = []
    while stack:
        n = stack.pop()
        if n not in alive:
            continue
        alive.discard(n)
        anchor = next((m for m in S[n] if m in alive), None)
        peeled.append((n, anchor))
        if anchor is not None:
            degree[anchor] -= 1
            if degree[anchor] <= 1:
                stack.append(anchor)
    return [n for n in nodes if n in alive], peeled


def _cost(label, edges) -> int:
    return sum(1 for i, j, s in edges if (s > 0) != (label[i] == label[j]))


def _milp(cost, rows, integrality, upper, time_limit):
    """Minimise ``cost`` under ``rows`` of ``(terms, low, high)``, terms ``(column, value)``."""
    entries = [(r, col, val) for r, (terms, _, _) in enumerate(rows) for col, val in terms]
    r, col, val = zip(*entries, strict=True) if entries else ((), (), ())
    A = sparse.csr_array((val, (r, col)), shape=(len(rows), len(cost)))
    low, high = [row[1] for row in rows], [row[2] for row in rows]
    return milp(
        c=cost,
        constraints=[LinearConstraint(A, low, high)] if rows else [],
        integrality=integrality,
        bounds=Bounds(np.zeros(len(cost)), upper),
        options={"time_limit": time_limit, "mip_rel_gap": 0.0, "disp": False},
    )


def _exact(n, edges, k, time_limit, floor=0, ceiling=None):
    """The K-camp integer program; returns (labels, proven optimal) or (None, False)."""
    k = min(k, n)
    nv, m = n * k, len(edges)
    x = lambda i, c: i * k + c  # noqa: E731
    rows = []
    for i in range(n):
        rows.append(([(x(i, c), 1) for c in range(k)], 1, 1))
        for c in range(1, min(k, i + 1)):  # camp c opens only after camp c - 1 is used
            rows.append(([(x(i, c), 1)] + [(x(j, c - 1), -1) for j in range(i)], -np.inf, 0))
    for e, (i, j, s) in enumerate(edges):
        for c in range(k):
            if s > 0:
                rows.append(([(nv + e, 1), (x(i, c), -1), (x(j, c), 1)], 0, np.inf))
                rows.append(([(nv + e, 1), (x(i, c), 1), (x(j, c), -1)], 0, np.inf))
            else:
                rows.append(([(nv + e, 1), (x(i, c), -1), (x(j, c), -1)], -1, np.inf))
    for signs, es in _triangles_of(n, edges):
        if signs.count(-1) == 1 or (signs.count(-1) == 3 and k == 2):
            rows.append(([(nv + e, 1) for e in es], 1, np.inf))
    rows.append(([(nv + e, 1) for e in range(m)], floor, np.inf if ceiling is None else ceiling))
    upper = np.ones(nv + m)
    for i in range(n):
        upper[[x(i, c) for c in range(i + 1, k)]] = 0
    cost = np.concatenate([np.zeros(nv), np.ones(m)])
    result = _milp(cost, rows, np.concatenate([np.ones(nv), np.zeros(m)]), upper, time_limit)
    if result.x is None:
        return None, False
    assign = result.x[:nv].reshape(n, k)
    return [int(np.argmax(assign[i])) for i in range(n)], result.status == 0


def _exact_any_camps(n, edges, time_limit):
    """The best partition into any number of camps (correlation clustering): one binary per
    tie, 1 when it runs between camps; no cycle may cross camps exactly once. Cycle
    constraints start from the triangles and are added as solutions break them. Returns
    (labels, frustration), or None when out of time."""
    deadline = time.monotonic() + time_limit
    edge_of = {}
    for e, (i, j, _) in enumerate(edges):
        edge_of[i, j] = edge_of[j, i] = e
    rows = []
    for _, (a, b, c) in _triangles_of(n, edges):
        for one, others in ((a, (b, c)), (b, (a, c)), (c, (a, b))):
            rows.append(([(one, 1)] + [(o, -1) for o in others], -np.inf, 0))
    cost = np.array([1.0 if s > 0 else -1.0 for _, _, s in edges])
    negatives = sum(1 for _, _, s in edges if s < 0)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        result = _milp(cost, rows, np.ones(len(edges)), np.ones(len(edges)), left)
        if result.status != 0:
            return None
        cut = np.round(result.x).astype(int)
        whole = nx.Graph()
        whole.add_nodes_from(range(n))
        whole.add_edges_from((i, j) for e, (i, j, _) in enumerate(edges) if not cut[e])
        camp = {x: c for c, nodes in enumerate(nx.connected_components(whole)) for x in nodes}
        broken = [e for e, (i, j, _) in enumerate(edges) if cut[e] and camp[i] == camp[j]]
        if not broken:
            return [camp[x] for x in range(n)], int(round(cost @ cut)) + negatives
        for e in broken:
            path = nx.shortest_path(whole, *edges[e][:2])
            cycle = [(edge_of[a, b], -1) for a, b in nx.utils.pairwise(path)]
            rows.append(([(e, 1), *cycle], -np.inf, 0))


def _triangles_of(n, edges):
    """(signs, edge numbers) of every triangle of ties."""
    neighbours = defaultdict(dict)
    for e, (i, j, s) in enumerate(edges):
        neighbours[i][j] = neighbours[j][i] = (s, e)
    for i in range(n):
        for j in neighbours[i]:
            if j <= i:
                continue
            for h in neighbours[i].keys() & neighbours[j].keys():
                if h > j:
                    trio = (neighbours[i][j], neighbours[j][h], neighbours[i][h])
                    yield [s for s, _ in trio], [e for _, e in trio]


def _local_search(n, edges, k, seed, descents=DESCENTS, hints=()):
    """Seeded greedy moves from the hints, a greedy start and random ones, each then kicked
    (some actors moved at random, greedy moves again, kept if better); about ``descents``
    descents in all, fewer for many ties."""
    rng = random.Random(seed)
    adj = [[] for _ in range(n)]
    for i, j, s in edges:
        adj[i].append((j, s))
        adj[j].append((i, s))

    def descend(label):
        order = list(range(n))
        improved = True
        while improved:
            improved = False
            rng.shuffle(order)
            for i in order:
                cost = [0] * k
                for j, s in adj[i]:
                    if s > 0:
                        cost = [v + (c != label[j]) for c, v in enumerate(cost)]
                    else:
                        cost[label[j]] += 1
                best = min(range(k), key=lambda c: (cost[c], c != label[i]))
                if cost[best] < cost[label[i]]:
                    label[i] = best
                    improved = True
        return label

    descents = max(16, min(descents, 1_000_000 // max(1, len(edges))))
    kicks = max(1, int(descents**0.5) - 1)
    starts = [list(h) for h in hints if max(h, default=0) < k]
    starts.append(_spectral_start(n, edges, k, seed))
    starts += [[rng.randrange(k) for _ in range(n)] for _ in range(descents // (kicks + 1))]
    best, best_cost = None, None
    for start in starts:
        label = descend(start)
        cost = _cost(label, edges)
        for _ in range(kicks):
            kicked = list(label)
            for i in rng.sample(range(n), rng.randint(1, max(1, min(n // 5, 20)))):
                kicked[i] = rng.randrange(k)
            kicked = descend(kicked)
            if _cost(kicked, edges) < cost:
                label, cost = kicked, _cost(kicked, edges)
        if best_cost is None or cost < best_cost:
            best, best_cost = label, cost
    return best


def _spectral_start(n, edges, k, seed):
    """Camps from the top eigenvectors of the signed adjacency matrix, grouped by k-means
    (signed spectral clustering, Kunegis et al. 2010)."""
    if n <= k:
        return list(range(n))
    ends = np.array([(i, j) for i, j, _ in edges] + [(j, i) for i, j, _ in edges]).T
    signs = np.array([s for _, _, s in edges] * 2, dtype=float)
    A = sparse.csr_array((signs, (ends[0], ends[1])), shape=(n, n))
    if n <= 200:
        vectors = np.linalg.eigh(A.toarray())[1][:, -k:]
    else:
        v0 = np.random.default_rng(seed).random(n)
        vectors = sparse.linalg.eigsh(A, k=k, which="LA", v0=v0)[1]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # k-means may leave a camp empty: that is allowed
        _, found = kmeans2(vectors / np.maximum(norms, 1e-12), k, seed=seed, minit="++")
    return [int(c) for c in found]
