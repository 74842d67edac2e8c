"""Key players: the actors whose removal most fragments the network or cuts influence."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.engine import ENGINE, check_backend, joined_pairs_without
from graph.analysis.flow import NumberedNetwork, best_by_actor, strongest_from
from graph.analysis.records import actor_name, left_out_kinds, node_class
from graph.dataset.build import actor_network
from graph.progress import progress

__all__ = ["KEY_PLAYER_COLUMNS", "Broker", "KeyPlayers", "Removal", "key_players"]

#: The CSV columns of :meth:`KeyPlayers.rows`: a removal's record and its broker's pieces.
KEY_PLAYER_COLUMNS = ("id", "name", "pairs_after", "pairs_lost", "separated", "reach_lost",
                      "reach_lost_share", "articulation_point", "pieces")  # fmt: skip


@dataclass(frozen=True)
class Removal:
    """What the network loses without one actor (see :func:`key_players` for definitions)."""

    actor: str
    pairs_after: int
    pairs_lost: int
    separated: int
    reach_lost: float
    articulation: bool


@dataclass(frozen=True)
class Broker:
    """An articulation point: without ``actor`` its part of the network falls into
    ``pieces`` (actor ids, largest piece first), relations read in any direction."""

    actor: str
    pieces: tuple[tuple[str, ...], ...]

    @property
    def cut_off(self) -> int:
        """How many actors it cuts off from the largest piece."""
        return sum(len(p) for p in self.pieces[1:])

    def separates(self, G: nx.MultiDiGraph) -> bool:
        """Whether it is a broker: its removal separates at least two groups of two agents
        or more, or stands between three groups of agents or more (the hub of a star); not
        when it only cuts one actor, or a few places, off from the rest."""
        agents = [sum(node_class(G, n) == "agent" for n in p) for p in self.pieces]
        return sum(a >= 2 for a in agents) >= 2 or sum(a >= 1 for a in agents) >= 3


@dataclass(frozen=True)
class KeyPlayers:
    """The whole network's linked pairs and influence reach, and what each removal costs.

    ``removals`` has every actor, most fragmenting first; ``by_fragmentation`` and
    ``by_reach`` are the top of the two rankings (actors whose removal costs nothing are left
    out); ``brokers`` are all the articulation points, the one cutting off most actors first.
    """

    actors: int
    pairs: int
    reach: float
    removals: tuple[Removal, ...]
    by_fragmentation: tuple[Removal, ...]
    by_reach: tuple[Removal, ...]
    brokers: tuple[Broker, ...]
    #: The network the removals were measured on, for the actors' names.
    _graph: nx.MultiDiGraph = field(repr=False, compare=False)
    #: Articulation points that are not brokers: the only link of a lone actor (or of places)
    #: to the rest; and the places and events the rankings leave out, by class.
    only_links: tuple[Broker, ...] = ()
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        """The CSV columns: :data:`KEY_PLAYER_COLUMNS` (``("id",)`` when there is no actor)."""
        return KEY_PLAYER_COLUMNS if self.removals else ("id",)

    def record(self, removal: Removal) -> dict[str, Any]:
        """One removal as a flat record: the actor's id and name, the pairs left and lost,
        the others separated, the reach lost (and its share of the whole ``reach``), and
        whether the actor is an articulation point."""
        return {
            "id": removal.actor,
            "name": actor_name(self._graph, removal.actor),
            "pairs_after": removal.pairs_after,
            "pairs_lost": removal.pairs_lost,
            "separated": removal.separated,
            "reach_lost": removal.reach_lost,
            "reach_lost_share": removal.reach_lost / self.reach if self.reach else 0.0,
            "articulation_point": removal.articulation,
        }

    def as_dict(self) -> dict[str, Any]:
        """The network's counts, the two rankings and every removal (each as its
        :meth:`record`), and each articulation point with how many actors it cuts off and the
        pieces left."""
        return {
            "actors": self.actors,
            "pairs": self.pairs,
            "reach": self.reach,
            "by_fragmentation": [self.record(r) for r in self.by_fragmentation],
            "by_reach": [self.record(r) for r in self.by_reach],
            "articulation_points": [
                {
                    "id": b.actor,
                    "name": actor_name(self._graph, b.actor),
                    "cut_off": b.cut_off,
                    "pieces": [list(p) for p in b.pieces],
                }
                for b in self.brokers
            ],
            "only_links": [
                {
                    "id": b.actor,
                    "name": actor_name(self._graph, b.actor),
                    "of": [n for p in b.pieces[1:] for n in p],
                }
                for b in self.only_links
            ],  # fmt: skip
            "left_out": dict(self.left_out),
            "removals": [self.record(r) for r in self.removals],
        }

    def rows(self) -> list[dict[str, Any]]:
        """Every removal's :meth:`record`, with the sizes of the ``pieces`` an articulation
        point (a broker or an only link) leaves."""
        pieces = {b.actor: b.pieces for b in self.brokers + self.only_links}
        return [
            {**self.record(r), "pieces": [len(p) for p in pieces.get(r.actor, ())]}
            for r in self.removals
        ]


def key_players(
    G: nx.MultiDiGraph, top: int = 5, *, backend: str | None = None, all_kinds: bool = False
) -> KeyPlayers:
    """Rank the actors by what their removal costs the network.

    Definitions, on the actor network (:func:`graph.dataset.build.actor_network`: relations followed
    in their direction, symmetric ones both ways):

    - ``pairs``: ordered pairs (u, v) of distinct actors such that a chain of relations leads
      from u to v. ``pairs_after``: the same count among the other actors once one is
      removed; ``pairs_lost`` = ``pairs`` - ``pairs_after``. Of these, the actor's own pairs
      (those it reaches and those reaching it) go with it; ``separated`` counts the rest:
      pairs of *other* actors that a chain joined and none does any more.
    - ``reach``: the sum of every actor's influence reach (the strength of its strongest
      chain to each actor it reaches, see :mod:`graph.analysis.influence`). ``reach_lost``: how much
      of their influence over one another the other actors lose, the sum over ordered pairs
      (x, y) of other actors of the strongest chain's strength before minus after. The
      actor's own reach and the influence others hold over it are not counted: they go with
      it whoever it is; what is counted is the influence it relays.
    - ``brokers``: agents whose removal splits their part of the network (articulation
      points, relations read in any direction: ``networkx.articulation_points``) into at
      least two groups of two agents or more, or between three groups of agents or more
      (the hub of a star), each with the pieces left. An articulation point that only cuts
      one actor, or places, off from the rest is no broker: it is that actor's only link
      (``only_links``).

    Only agents are ranked (places and events, which do not act, are counted in
    ``left_out``) unless ``all_kinds``.

    The fragmentation ranking is by fewest pairs left (most lost), the reach ranking by most
    reach lost; ``top`` bounds both.

    Cost, for n actors and m links: a breadth-first search from every actor after every
    removal would take O(n²·m). Here each removal takes one pass of Tarjan's strongly
    connected components, O(n + m), the sets of actors reached being bitsets or-ed along
    the links between components (n/64 machine words each): O(n·(n + m)) steps at worst.
    The components come from the compiled engine (:func:`graph.analysis.engine.joined_pairs_without`)
    unless ``backend`` is ``"networkx"`` (or names a networkx backend, which has no such
    function): then this module's own Python Tarjan does it, with the same counts. The
    influence lost takes one strongest-chain search per actor, O(m log n), then, for each
    actor relaying some of its chains, a search among the actors beyond it only:
    proportional to the depth of the tree of strongest chains, O(n²·m) at worst; it is the
    bulk of the time. Measured on a random network of 1,000 actors and 3,000 relations:
    0.13 s for the pairs (0.7 s in Python), about 12 s in all; on 10,000 actors and 50,000
    relations, 25 to 50 s for the pairs (about 250 s in Python), and hours for the
    influence lost (about 4 minutes for the searches, the rest for the subtrees).

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "d")]:
    ...     _ = G.add_edge(u, v, key=f"{u}{v}", directed=True, influence=0.5)
    >>> k = key_players(G)
    >>> k.pairs, [(r.actor, r.pairs_after, r.separated) for r in k.by_fragmentation]
    (6, [('b', 1, 2), ('c', 1, 2), ('a', 3, 0), ('d', 3, 0)])
    >>> [(r.actor, r.reach_lost) for r in k.by_reach]
    [('b', 0.375), ('c', 0.375)]
    >>> k.brokers, [(b.actor, b.pieces) for b in k.only_links]  # each cuts off one actor
    ((), [('b', (('c', 'd'), ('a',))), ('c', (('a', 'b'), ('d',)))])
    >>> k.reach, k.rows()[0]["pieces"], k.as_dict()["by_reach"][0]["reach_lost_share"]
    (2.125, [2, 1], 0.17647058823529413)
    """
    net = NumberedNetwork(G)
    n = len(net.nodes)
    names = {node: actor_name(G, node) for node in net.nodes}
    pairs, out_counts = _reach_counts(net.links)
    _, in_counts = _reach_counts(net.links_in)
    # No chain passes through an actor that has no way in or no way out: only the others
    # change the count of the rest when they go.
    through = [i for i in range(n) if net.links[i] and net.links_in[i]]
    with progress("Key players: joined pairs", total=len(through)) as bar:
        if check_backend(backend) == ENGINE:
            counted = joined_pairs_without(net.links, through, bar.advance)
        else:
            counted = []
            for i in through:
                counted.append(_reach_counts(net.links, skip=i)[0])
                bar.advance()
    pairs_without = dict(zip(through, counted, strict=True))
    with progress("Key players: influence lost", total=n) as bar:
        reach, reach_lost = _reach_lost(net, bar.advance)
    points = _brokers(G, names)
    brokers = tuple(b for b in points if node_class(G, b.actor) == "agent" and b.separates(G))
    only_links = tuple(b for b in points if b not in brokers)
    articulation = {b.actor for b in brokers}
    removals = []
    for i, node in enumerate(net.nodes):
        own = out_counts[i] + in_counts[i]
        after = pairs_without.get(i, pairs - own)
        lost = pairs - after
        removals.append(Removal(node, after, lost, lost - own, reach_lost[i], node in articulation))
    removals.sort(key=lambda r: (-r.pairs_lost, -r.separated, -r.reach_lost, names[r.actor]))
    ranked = [r for r in removals if all_kinds or node_class(G, r.actor) == "agent"]
    by_reach = sorted(
        (r for r in ranked if r.reach_lost > 0),
        key=lambda r: (-r.reach_lost, -r.pairs_lost, names[r.actor]),
    )
    return KeyPlayers(
        actors=n,
        pairs=pairs,
        reach=reach,
        removals=tuple(removals),
        by_fragmentation=tuple(r for r in ranked if r.pairs_lost > 0)[:top],
        by_reach=tuple(by_reach[:top]),
        brokers=brokers,
        _graph=G,
        only_links=only_links,
        left_out={} if all_kinds else left_out_kinds(G, G),
    )


def _reach_counts(links: list[list[int]], skip: int = -1) -> tuple[int, list[int]]:
    """How many ordered pairs are joined by a chain, and how many actors each one reaches,
    without actor ``skip``.

    Tarjan's strongly connected components, iteratively; a component is completed after
    every component it reaches, so its reachable set (a bitset in a Python int) is its own
    members or-ed with those of the components its links enter.
    """
    n = len(links)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    component = [-1] * n
    reach_bits: list[int] = []
    counts = [0] * n
    stack: list[int] = []
    counter = 0
    total = 0
    for root in range(n):
        if root == skip or index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            if i < len(links[v]):
                work[-1] = (v, i + 1)
                w = links[v][i]
                if w == skip:
                    continue
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work and low[v] < low[work[-1][0]]:
                low[work[-1][0]] = low[v]
            if low[v] != index[v]:
                continue
            members = []
            while True:
                w = stack.pop()
                on_stack[w] = False
                members.append(w)
                if w == v:
                    break
            c = len(reach_bits)
            bits = 0
            for w in members:
                component[w] = c
                bits |= 1 << w
            for w in members:
                for z in links[w]:
                    if z != skip and component[z] != c:
                        bits |= reach_bits[component[z]]
            reach_bits.append(bits)
            reached = bits.bit_count() - 1
            for w in members:
                counts[w] = reached
            total += reached * len(members)
    return total, counts


def _reach_lost(net: NumberedNetwork, advance=lambda: None) -> tuple[float, list[float]]:
    """The total influence reach, and for each actor the reach the others lose without it.

    From each source, only the states whose strongest chain runs through one of the removed
    actor's two states (their subtrees in the tree of strongest chains) can lose anything;
    their new strengths are found by a search seeded from the unaffected states, walking only
    the subtrees. An actor's strength is that of its strongest state.
    """
    lost = [0.0] * len(net.nodes)
    total = 0.0
    for x in range(len(net.nodes)):
        strength, parent, order = strongest_from(net.moves, 2 * x)
        best = best_by_actor(strength)
        best.pop(x, None)
        total += sum(s for s, _ in best.values())
        children: dict[int, list[int]] = {}
        for y in order[1:]:
            children.setdefault(parent[y], []).append(y)
        # Preorder, so that each subtree is a slice: tin[a] .. tin[a] + size[a].
        pre: list[int] = []
        tin: dict[int, int] = {}
        todo = [2 * x]
        while todo:
            u = todo.pop()
            tin[u] = len(pre)
            pre.append(u)
            todo.extend(children.get(u, ()))
        size = dict.fromkeys(pre, 1)
        for u in reversed(pre[1:]):
            size[parent[u]] += size[u]
        for a in {s >> 1 for s in children if s >> 1 != x}:
            inside = {
                s
                for root in (2 * a, 2 * a + 1)
                if root in tin
                for s in pre[tin[root] : tin[root] + size[root]]
                if s >> 1 != a
            }
            lost[a] += _loss_without(net, strength, best, inside, a)
        advance()
    return total, lost


def _loss_without(
    net: NumberedNetwork, strength: dict, best: dict, inside: set[int], gone: int
) -> float:
    """How much strength the actors with a state in ``inside`` (the subtrees below actor
    ``gone``'s states) lose when ``gone`` is removed."""
    now: dict[int, float] = {}
    for y in inside:
        b = 0.0
        for z, w in net.moves_in[y]:
            if z in strength and z not in inside and z >> 1 != gone and strength[z] * w > b:
                b = strength[z] * w
        if b > 0:
            now[y] = b
    heap = [(-b, y) for y, b in now.items()]
    heapq.heapify(heap)
    while heap:
        neg, u = heapq.heappop(heap)
        if -neg < now[u]:
            continue
        for v, w in net.moves[u]:
            if v in inside and -neg * w > now.get(v, 0.0):
                now[v] = -neg * w
                heapq.heappush(heap, (-now[v], v))
    after: dict[int, float] = {}
    for y in inside:
        actor = y >> 1
        after[actor] = max(after.get(actor, 0.0), now.get(y, 0.0))
    for actor in after:  # a state outside the subtrees keeps its strength
        for s in (2 * actor, 2 * actor + 1):
            if s in strength and s not in inside:
                after[actor] = max(after[actor], strength[s])
    return sum(best[actor][0] - after[actor] for actor in after if actor in best)


def _brokers(G: nx.MultiDiGraph, names: dict[str, str]) -> tuple[Broker, ...]:
    U = actor_network(G).to_undirected(as_view=False)
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    brokers = []
    for actor in nx.articulation_points(U):
        part = nx.node_connected_component(U, actor) - {actor}
        pieces = [
            tuple(sorted(piece, key=lambda n: (names[n], str(n))))
            for piece in nx.connected_components(U.subgraph(part))
        ]
        pieces.sort(key=lambda p: (-len(p), names[p[0]]))
        brokers.append(Broker(actor, tuple(pieces)))
    brokers.sort(key=lambda b: (-b.cut_off, -len(b.pieces), names[b.actor]))
    return tuple(brokers)
