"""Where things go in the static figure: actors laid out group by group, names placed where
they hide the least."""

from __future__ import annotations

import itertools
import math

import networkx as nx

__all__ = ["SPOTS", "fit_into", "fit_names", "layout", "marker_reach", "place_names", "put_name"]

_KAMADA_KAWAI_MAX = 60  # actors in a connected group; above, the spring layout
_GAP = 1.2  # between groups of actors, in relation lengths


def layout(nodes: list, edges: list[tuple]) -> dict:
    """Positions in a plane where a relation is about 1 long; the same input, the same output.

    The biggest connected group comes first, its longest spread across; smaller groups and
    lone actors follow in rows beneath, so that they do not squeeze it into a corner.
    """
    U = nx.Graph()
    U.add_nodes_from(nodes)
    U.add_edges_from((u, v) for u, v in edges if u != v)
    rank = {n: i for i, n in enumerate(nodes)}
    groups = sorted(
        (sorted(c, key=rank.__getitem__) for c in nx.connected_components(U)),
        key=lambda c: (-len(c), rank[c[0]]),
    )
    pieces = [_group_layout(U.subgraph(c)) for c in groups]
    first_width = _extent(pieces[0])[1] - _extent(pieces[0])[0]
    row_limit = max(first_width, math.sqrt(2.0 * (len(nodes) - len(groups[0]))))
    pos: dict = {}
    x = y = row_height = 0.0
    for piece in pieces:
        x0, x1, y0, y1 = _extent(piece)
        if x > 0 and x + (x1 - x0) > row_limit:
            x, y, row_height = 0.0, y - row_height - _GAP, 0.0
        for n, (a, b) in piece.items():
            pos[n] = (x + a - x0, y + b - y1)
        x += x1 - x0 + _GAP
        row_height = max(row_height, y1 - y0)
    return pos


def _group_layout(H: nx.Graph) -> dict:
    """A connected group laid out, centred, its longest spread along x, relations ~1 long."""
    import numpy as np

    nodes = list(H)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= _KAMADA_KAWAI_MAX:
        pos = nx.kamada_kawai_layout(H)
    else:
        pos = nx.spring_layout(H, seed=7)
    P = np.array([pos[n] for n in nodes], dtype=float)
    P -= P.mean(axis=0)
    _, vectors = np.linalg.eigh(P.T @ P)
    P = P @ vectors[:, ::-1]
    index = {n: i for i, n in enumerate(nodes)}
    lengths = [np.linalg.norm(P[index[u]] - P[index[v]]) for u, v in H.edges()]
    P /= max(float(np.median(lengths)), 1e-9)
    P = np.round(P, 9) + 0.0  # no -0.0, no last-bit noise
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, P, strict=True)}


def _extent(pos: dict) -> tuple[float, float, float, float]:
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    return min(xs), max(xs), min(ys), max(ys)


def fit_into(pos: dict, width: float, height: float) -> dict:
    """Scale positions into a width x height box (inches), stretching the short side a little."""
    x0, x1, y0, y1 = _extent(pos)
    sx, sy = x1 - x0, y1 - y0
    if sx == 0 and sy == 0:
        return dict.fromkeys(pos, (0.0, 0.0))
    k = min(width / sx if sx else math.inf, height / sy if sy else math.inf)
    kx = min(width / sx, 1.5 * k) if sx else k
    ky = min(height / sy, 1.5 * k) if sy else k
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return {n: ((x - cx) * kx, (y - cy) * ky) for n, (x, y) in pos.items()}


# -- drawing ------------------------------------------------------------------------------------


SPOTS = (
    ((0, -1), "center", "top", 0),
    ((0, 1), "center", "bottom", 4),
    ((1, 0), "left", "center", 6),
    ((-1, 0), "right", "center", 6),
    ((1, -1), "left", "top", 10),
    ((-1, -1), "right", "top", 10),
    ((1, 1), "left", "bottom", 12),
    ((-1, 1), "right", "bottom", 12),
)


def marker_reach(marker: str, size: float, dx: float, dy: float) -> float:
    """Distance (points) from the centre of a marker ``size`` points big to its outline,
    going in direction (dx, dy)."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    outline = style.get_path().transformed(style.get_transform())
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    best = 0.0
    for polygon in outline.to_polygons(closed_only=True):
        for (x1, y1), (x2, y2) in itertools.pairwise(polygon):
            ex, ey = x2 - x1, y2 - y1
            den = ux * ey - uy * ex
            if abs(den) > 1e-12:
                t, s = (x1 * ey - y1 * ex) / den, (x1 * uy - y1 * ux) / den
                if t > 0 and -1e-9 <= s <= 1 + 1e-9:
                    best = max(best, t)
    return best * size


def put_name(pair: list, spot: tuple, marker: str, size: float) -> None:
    (dx, dy), ha, va, _ = spot
    gap = (marker_reach(marker, size, dx, dy) + 1.5) / math.hypot(dx, dy)
    for t in pair:
        t.set_position((dx * gap, dy * gap))
        t.set_horizontalalignment(ha)
        t.set_verticalalignment(va)


def place_names(ax, keep, edges, labels, marker, size, renderer) -> None:
    """Put each name where it covers the fewest other names, actors and lines, in rank order."""
    import numpy as np

    xy = dict(zip(keep, ax.transData.transform([labels[n][1].xy for n in keep]), strict=True))
    px = renderer.points_to_pixels(1.0)
    x, y, r = np.array([[*xy[n], size[n] * px / 2] for n in keep]).T
    lines = np.array([[*xy[u], *xy[v]] for u, v, *_ in edges]).reshape(-1, 4)
    frame = ax.get_window_extent(renderer)
    placed: list = []
    for n in keep:
        best = None
        for spot in SPOTS:
            put_name(labels[n], spot, marker[n], size[n])
            b = labels[n][1].get_window_extent(renderer)
            cost = spot[3] + sum(1000 + _overlap(b, p) for p in placed if _overlap(b, p) > 0)
            cost += 400 * int(
                np.sum((b.x0 < x + r) & (x - r < b.x1) & (b.y0 < y + r) & (y - r < b.y1))
            )
            cost += 40 * _crossings(lines, b)
            cost += 3 * (
                max(0, frame.x0 - b.x0) + max(0, b.x1 - frame.x1) + max(0, frame.y0 - b.y0)
            )
            if best is None or cost < best[0]:
                best = (cost, spot, b)
        put_name(labels[n], best[1], marker[n], size[n])
        placed.append(best[2])


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _crossings(lines, box) -> int:
    """How many segments (rows of x1, y1, x2, y2) pass through the box (Liang-Barsky)."""
    import numpy as np

    if not len(lines):
        return 0
    x1, y1, x2, y2 = lines.T
    steps = np.stack([x1 - x2, x2 - x1, y1 - y2, y2 - y1])
    rooms = np.stack([x1 - box.x0, box.x1 - x1, y1 - box.y0, box.y1 - y1])
    with np.errstate(divide="ignore", invalid="ignore"):
        t = rooms / steps
    outside = np.any((steps == 0) & (rooms < 0), axis=0)
    lo = np.max(np.where(steps < 0, t, 0.0), axis=0, initial=0.0)
    hi = np.min(np.where(steps > 0, t, 1.0), axis=0, initial=1.0)
    return int(np.sum(~outside & (lo <= hi)))


def fit_names(ax, texts: list, renderer) -> None:
    """Widen the axes' limits until every name lies inside them."""
    for _ in range(6):
        box = ax.get_window_extent(renderer)
        left = right = bottom = top = 0.0
        for t in texts:
            b = t.get_window_extent(renderer)
            left, right = max(left, box.x0 - b.x0), max(right, b.x1 - box.x1)
            bottom, top = max(bottom, box.y0 - b.y0), max(top, b.y1 - box.y1)
        if max(left, right, bottom, top) <= 0.5:
            return
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        per_x, per_y = (x1 - x0) / box.width, (y1 - y0) / box.height
        ax.set_xlim(x0 - (left + 2) * per_x, x1 + (right + 2) * per_x)
        ax.set_ylim(y0 - (bottom + 2) * per_y, y1 + (top + 2) * per_y)


# -- legend -------------------------------------------------------------------------------------
