"""Which actors a large page draws, and where: the top actors by degree, and a spring layout
computed by the compiled engine (rustworkx) for pages too big for the browser's physics.

Both are seeded or ranked with ties broken by name, so the same data gives the same page.
"""

from __future__ import annotations

import math

import networkx as nx

from graph.analysis.records import actor_name

__all__ = ["HUB_FONT", "SPACING", "layout_positions", "named_hubs", "top_actors"]

#: Page pixels along each side of a computed layout, per square root of the number of actors:
#: zoomed in to full size, neighbours are about this far apart, room enough for a name.
SPACING = 80
#: Up to this many actors a computed layout takes its full 50 steps (2 s at 3,000 actors);
#: above, fewer, down to _FEWEST_STEPS, so that 10,000 actors take seconds, not a minute.
_FULL_LAYOUT, _FEWEST_STEPS = 3000, 10
#: At most how many of the biggest actors of a computed layout (the hubs) keep a name readable
#: however far one zooms out (those whose names would not overlap), and its height on screen.
_NAMED_HUBS, HUB_FONT = 20, 14


def top_actors(
    G: nx.MultiDiGraph, top: int, keep: list[str] | tuple[str, ...] = ()
) -> nx.MultiDiGraph:
    """The ``top`` actors that take part in the most relations, and the relations among them.

    Actors are ranked by degree (every relation counts, parallel ones too), ties broken by
    name and then id, so the same data always keeps the same actors. Actors in ``keep`` (a
    focus actor, say) are kept whatever their rank, within the ``top``. A graph of no more
    than ``top`` actors is returned as it is.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("d", "e")])
    >>> nx.set_node_attributes(G, {n: n.upper() for n in G}, "name")
    >>> H = top_actors(G, 3)
    >>> sorted(H), sorted(H.edges())
    (['a', 'b', 'c'], [('a', 'b'), ('a', 'c'), ('b', 'c')])
    >>> sorted(top_actors(G, 2, keep=["e"]))
    ['a', 'e']
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    if G.number_of_nodes() <= top:
        return G

    def rank(actor):
        return (-G.degree(actor), actor_name(G, actor).casefold(), str(actor))

    kept = [a for a in dict.fromkeys(keep) if a in G][:top]
    chosen = set(kept)
    for actor in sorted(G, key=rank):
        if len(kept) >= top:
            break
        if actor not in chosen:
            kept.append(actor)
            chosen.add(actor)
    return G.subgraph(chosen).copy()


def layout_positions(G: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Where to draw each actor, in page pixels: the largest group of connected actors
    centred on 0, about ``SPACING * sqrt(n)`` pixels across, and the smaller groups (actors
    alone, pairs…) in rows beneath it.

    Each group is a spring (Fruchterman–Reingold) layout of its relations taken both ways,
    computed by rustworkx (the compiled engine of :mod:`graph.analysis.engine`) and seeded, so that
    the same data gives the same picture: 0.06 s for 500 actors, 0.9 s for 2,000, where
    networkx's spring layout takes 9 s. Its work grows with the square of a group's size, so
    past :data:`_FULL_LAYOUT` actors it takes fewer steps, to stay within a few seconds.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("d", "e")])
    >>> G.add_node("f")
    >>> pos = layout_positions(G)
    >>> sorted(pos) == list("abcdef") and pos == layout_positions(G)
    True
    >>> pos["d"][1] > max(pos[a][1] for a in "abc")  # the pair is drawn below the three
    True
    """
    actors = list(G)
    index = {a: i for i, a in enumerate(actors)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    groups = sorted(
        (sorted(c) for c in nx.connected_components(nx.Graph(pairs))), key=lambda c: (-len(c), c)
    )
    grouped = {i for group in groups for i in group}
    groups += [[i] for i in range(len(actors)) if i not in grouped]  # actors alone
    group_of = {i: g for g, group in enumerate(groups) for i in group}
    links: list[list[tuple[int, int]]] = [[] for _ in groups]
    for u, v in pairs:
        links[group_of[u]].append((u, v))
    positions: dict[str, tuple[float, float]] = {}
    # Shelves: the largest group, then rows of the others, as wide as it is (or 8 actors).
    left = right = x = y = row_height = 0.0
    for g, group in enumerate(groups):
        coords = _spring(group, links[g], seed)
        low, high = coords.min(axis=0), coords.max(axis=0)
        width, height = float(high[0] - low[0]), float(high[1] - low[1])
        if g == 0:
            shift = (0.0, 0.0)
            left, right = float(low[0]), max(float(high[0]), float(low[0]) + 8 * SPACING)
            x, y = left, float(high[1]) + 2 * SPACING
        else:
            if x > left and x + width > right:
                x, y, row_height = left, y + row_height + SPACING, 0.0
            shift = (x - float(low[0]), y - float(low[1]))
            x += width + SPACING
            row_height = max(row_height, height)
        for i, (px, py) in zip(group, coords, strict=True):
            positions[actors[i]] = (round(float(px) + shift[0], 1), round(float(py) + shift[1], 1))
    return {a: positions[a] for a in actors}


def _spring(group: list[int], links: list[tuple[int, int]], seed: int):
    """The spring layout of one connected group of actors, centred, in page pixels."""
    import numpy as np
    import rustworkx as rx

    if len(group) == 1:
        return np.zeros((1, 2))
    local = {node: i for i, node in enumerate(group)}
    graph = rx.PyGraph()
    graph.add_nodes_from(range(len(group)))
    graph.add_edges_from_no_data([(local[u], local[v]) for u, v in links])
    steps = max(_FEWEST_STEPS, min(50, round(50 * (_FULL_LAYOUT / len(group)) ** 2)))
    found = rx.spring_layout(graph, seed=seed, num_iter=steps)
    coords = np.array([found[i] for i in range(len(group))], dtype=float)
    coords -= np.median(coords, axis=0)
    # The bulk of the drawing, not a far-flung actor or two, sets the scale.
    reach = float(np.percentile(np.abs(coords), 98)) or 1.0
    return coords * (SPACING * math.sqrt(len(group)) / reach)


def named_hubs(
    G: nx.MultiDiGraph, sizes: dict[str, float], positions: dict[str, tuple[float, float]]
) -> list[str]:
    """The biggest actors of a computed layout whose names, drawn ``HUB_FONT`` pixels high
    on screen whatever the zoom (see page.js), do not overlap when the whole is in view.

    The drawing spans some ``3 * SPACING * sqrt(n)`` pixels, shown whole in a window of
    some 800 (less, to be safe): names that stay apart there stay apart when zoomed in.
    """
    font = HUB_FONT * 3 * SPACING * math.sqrt(len(G)) / 700
    boxes: list[tuple[float, float, float, float]] = []
    named: list[str] = []
    for actor in sorted(G, key=lambda a: -sizes[a])[: 4 * _NAMED_HUBS]:
        x, y = positions[actor]
        half = 0.3 * font * len(actor_name(G, actor)) + font
        box = (x - half, x + half, y - 1.2 * font, y + sizes[actor] + 1.5 * font)
        if all(box[1] < b[0] or b[1] < box[0] or box[3] < b[2] or b[3] < box[2] for b in boxes):
            boxes.append(box)
            named.append(actor)
            if len(named) == _NAMED_HUBS:
                break
    return named
