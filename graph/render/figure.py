"""A static picture of the actor network, as PNG and SVG, for handouts and documents."""

from __future__ import annotations

import dataclasses
import io
import math
import os
import re
import textwrap
import threading
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from graph._files import write_atomic
from graph.analysis.centrality import centrality
from graph.analysis.records import actor_name
from graph.render import figure_style as fs
from graph.render.figure_layout import (
    SPOTS,
    fit_into,
    fit_names,
    layout,
    marker_reach,
    place_names,
    put_name,
)
from graph.render.figure_legend import legend_column
from graph.render.style import STANCE_COLORS, kind_styles

__all__ = ["MARKERS", "FigureInfo", "draw_figure", "write_figure"]

MARKERS = fs.MARKERS  # the page's shapes as matplotlib markers (see figure_style)

_DPI = 150
_GLYPH = re.compile(r"Glyph (\d+) .*missing from")
_INK = "#111827"  # title and names
_DIAMETER = (9.0, 26.0)  # actor size in points, from the lowest to the highest PageRank
_LABEL_SIZE = 7.5  # points
_WRAP = 30  # longer names go on two lines or more
_RC = {
    "svg.fonttype": "none",  # text stays text: names are selectable and searchable
    "svg.hashsalt": "actorgraph",  # stable ids, so that the same graph gives the same bytes
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib; has Arabic, Greek, Cyrillic
    "axes.unicode_minus": False,
}
# rcParams are global to the process: hold this while they are set to ours.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class FigureInfo:
    """What a figure shows: how many actors and relations, and a caption sentence for it."""

    shown: int  # actors drawn
    total: int  # actors in the graph
    relations_shown: int
    caption: str
    #: Characters of the names that the figure's font cannot draw (they show as boxes).
    missing_glyphs: tuple[str, ...] = ()


def draw_figure(
    G: nx.MultiDiGraph, *, max_actors: int = 40, title: str | None = None
) -> tuple[bytes, bytes, FigureInfo]:
    """Draw the network once; return it as PNG bytes, SVG bytes and a :class:`FigureInfo`.

    At most ``max_actors`` actors are drawn, those with the highest PageRank, with the
    relations among them. Colours and shapes per kind, colours per stance and line styles per
    status are the interactive page's (:mod:`graph.render.style`); bigger actors have a higher
    PageRank, thicker lines more influence, and arrows mark directed relations. The same graph
    always gives the same bytes, and names stay text in the SVG. The title is ``title``, else
    the dataset's, else "Actor network".

    >>> G = nx.MultiDiGraph(title="Two actors")
    >>> G.add_node("a", name="A & B", kind="state")
    >>> G.add_node("b", name="C", kind="person")
    >>> _ = G.add_edge("a", "b", key="r1", type="threatens", stance="hostile",
    ...                status="alleged", directed=True, influence=0.4)
    >>> png, svg, info = draw_figure(G)
    >>> png[1:4], b"A &amp; B</text>" in svg, info.caption
    (b'PNG', True, 'All 2 actors and 1 relation.')
    """
    if isinstance(max_actors, bool) or not isinstance(max_actors, int) or max_actors < 1:
        raise ValueError(f"max_actors must be a whole number of at least 1, not {max_actors!r}")
    import matplotlib

    with _LOCK, matplotlib.rc_context(_RC), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, info = _draw(G, max_actors=max_actors, title=title)
        about = {"Title": fig.get_label(), "Description": info.caption}
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=_DPI, metadata={**about, "Software": None})
        fig.savefig(svg, format="svg", metadata={**about, "Date": None, "Creator": "actorgraph"})
    # matplotlib warns once per missing character and file format: said once, in the info.
    missing = []
    for w in caught:
        found = _GLYPH.search(str(w.message))
        if found:
            missing.append(chr(int(found.group(1))))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if missing:
        info = dataclasses.replace(info, missing_glyphs=tuple(dict.fromkeys(missing)))
    return png.getvalue(), svg.getvalue(), info


def write_figure(
    G: nx.MultiDiGraph,
    png_path: str | os.PathLike,
    svg_path: str | os.PathLike,
    *,
    max_actors: int = 40,
    title: str | None = None,
) -> FigureInfo:
    """Draw the network (see :func:`draw_figure`) and write the PNG and the SVG atomically.

    Missing folders are created; an existing file is replaced whole or not at all.

    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Alone", kind="person")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "figures"
    >>> write_figure(G, out / "net.png", out / "net.svg").caption
    'One actor and no relations.'
    >>> sorted(p.name for p in out.iterdir())
    ['net.png', 'net.svg']
    """
    png, svg, info = draw_figure(G, max_actors=max_actors, title=title)
    write_atomic(png_path, png)
    write_atomic(svg_path, svg)
    return info


# -- words --------------------------------------------------------------------------------------


def _count(n: int, word: str) -> str:
    """A caption's count: ``no relations``, ``1 actor``, ``2,000 actors`` (not ``0 relations``:
    it is read on a picture, not in a table)."""
    return f"no {word}s" if n == 0 else f"{n:,} {word}" + ("" if n == 1 else "s")


def _caption(shown: int, total: int, relations: int, all_relations: int) -> str:
    if total == 0:
        return "No actors."
    if shown == total:
        if total == 1:
            return f"One actor and {_count(relations, 'relation')}."
        return f"All {total:,} actors and {_count(relations, 'relation')}."
    return (
        f"The {shown:,} actors with the highest PageRank, of {total:,}; "
        f"relations among them only ({relations:,} of {all_relations:,})."
    )


def _label(name: str) -> str:
    if len(name) <= _WRAP:
        return name
    return "\n".join(textwrap.wrap(name, _WRAP, break_long_words=False)) or name


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


# -- layout -------------------------------------------------------------------------------------


def _draw(G: nx.MultiDiGraph, *, max_actors: int, title: str | None):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    scores = centrality(G, ["pagerank"]).scores["pagerank"] if len(G) else {}
    keep = sorted(scores, key=lambda n: (-scores[n], str(n)))[:max_actors]
    kept = set(keep)
    edges = [
        (u, v, key, d)
        for u, v, key, d in G.edges(keys=True, data=True)
        if u in kept and v in kept and u != v
    ]
    info = FigureInfo(
        shown=len(keep),
        total=len(G),
        relations_shown=len(edges),
        caption=_caption(len(keep), len(G), len(edges), G.number_of_edges()),
    )
    title = title or G.graph.get("title") or "Actor network"

    fig = Figure(figsize=fs._FIGSIZE, dpi=_DPI, facecolor="white")
    fig.set_label(title)
    renderer = FigureCanvasAgg(fig).get_renderer()
    to_figure = fig.transFigure.inverted()

    # Title and caption at the top left, the legend in a column on the right.
    heading = fig.text(
        0.02,
        0.975,
        "\n".join(textwrap.wrap(title, 90)) or title,
        ha="left",
        va="top",
        fontsize=13,
        fontweight="bold",
        color=_INK,
        parse_math=False,
    )
    below = heading.get_window_extent(renderer).transformed(to_figure).y0
    caption = fig.text(
        0.02,
        below - 0.012,
        info.caption,
        ha="left",
        va="top",
        fontsize=8.5,
        color=fs._MUTED,
        parse_math=False,
    )
    styles = kind_styles(G.nodes[n]["kind"] for n in keep)
    legend_left = legend_column(fig, renderer, G, keep, edges, styles, top=below - 0.06)

    # The network fills the rest.
    ax_top = caption.get_window_extent(renderer).transformed(to_figure).y0 - 0.02
    ax_right = max(0.5, legend_left - 0.03)
    ax = fig.add_axes((0.02, 0.02, ax_right - 0.02, ax_top - 0.02))
    ax.set_axis_off()
    if not keep:
        ax.text(0.5, 0.5, "No actors to draw.", ha="center", va="center", color=fs._MUTED)
        return fig, info
    box_w, box_h = (ax_right - 0.02) * fs._FIGSIZE[0], (ax_top - 0.02) * fs._FIGSIZE[1]
    pos = fit_into(layout(keep, [(u, v) for u, v, *_ in edges]), box_w * 0.86, box_h * 0.82)
    ax.set_xlim(-box_w / 2, box_w / 2)
    ax.set_ylim(-box_h / 2, box_h / 2)

    top, low = max(scores[n] for n in keep), min(scores[n] for n in keep)
    marker, size = {}, {}  # matplotlib marker; its size in points (scatter's s is size**2)
    for n in keep:
        share = math.sqrt((scores[n] - low) / (top - low)) if top > low else 0.5
        marker[n] = fs.MARKERS.get(styles[G.nodes[n]["kind"]].shape, "o")
        diameter = _DIAMETER[0] + (_DIAMETER[1] - _DIAMETER[0]) * share
        size[n] = diameter * math.sqrt(fs._AREA_FACTOR[marker[n]])

    _draw_actors(ax, G, keep, pos, marker, size, styles)
    labels = _draw_names(ax, G, keep, pos, marker, size)
    texts = [pair[1] for pair in labels.values()]
    fit_names(ax, texts, renderer)
    place_names(ax, keep, edges, labels, marker, size, renderer)
    fit_names(ax, texts, renderer)
    # Last, as where a line meets an actor depends on the final scale.
    _draw_relations(ax, edges, pos, marker, size, crowded=len(edges) > 2 * len(keep))
    return fig, info


def _draw_actors(ax, G, keep, pos, marker, size, styles) -> None:
    """One marker set per kind, sized by PageRank, with a thin dark border."""
    by_kind: dict[str, list] = defaultdict(list)
    for n in keep:
        by_kind[G.nodes[n]["kind"]].append(n)
    used: Counter = Counter()
    for kind in sorted(by_kind):
        members = by_kind[kind]
        gid = f"actors-{_safe_id(kind)}"
        used[gid] += 1
        ax.scatter(
            [pos[n][0] for n in members],
            [pos[n][1] for n in members],
            s=[size[n] ** 2 for n in members],
            marker=marker[members[0]],
            color=styles[kind].color,
            edgecolors=fs._BORDER,
            linewidths=0.8,
            zorder=2,
            gid=gid if used[gid] == 1 else f"{gid}-{used[gid]}",
        )


def _draw_names(ax, G, keep, pos, marker, size) -> dict:
    """Each name as a (halo, text) pair. The white halo is a separate text drawn as outlines
    beneath, because a text with path effects goes into the SVG as outlines, not as text."""
    import matplotlib.patheffects as pe

    halo = [pe.withStroke(linewidth=3, foreground="white")]
    labels = {}
    for n in keep:
        pair = [
            ax.annotate(
                _label(actor_name(G, n)),
                xy=pos[n],
                xytext=(0, 0),
                textcoords="offset points",
                fontsize=_LABEL_SIZE,
                color="white" if layer == "halo" else _INK,
                linespacing=1.1,
                zorder=3 if layer == "halo" else 4,
                annotation_clip=False,
                parse_math=False,
                path_effects=halo if layer == "halo" else None,
            )
            for layer in ("halo", "text")
        ]
        put_name(pair, SPOTS[0], marker[n], size[n])
        labels[n] = pair
    return labels


def _draw_relations(ax, edges, pos, marker, size, *, crowded: bool) -> None:
    """Colour per stance, dashes per status, width per influence, arrows if directed; parallel
    relations bend apart; lines stop at each actor's outline, whatever its shape."""
    from matplotlib.patches import FancyArrowPatch

    thin, alpha = (0.6, 0.7) if crowded else (1.0, 0.85)  # so that actors still stand out
    pairs: dict[frozenset, list] = defaultdict(list)
    for u, v, key, _ in edges:
        pairs[frozenset((u, v))].append((u, v, key))
    for u, v, key, d in edges:
        group = pairs[frozenset((u, v))]
        rad = 0.0 if len(group) == 1 else (group.index((u, v, key)) - (len(group) - 1) / 2) * 0.3
        if str(u) > str(v):  # arc3 bends relative to the direction: keep one side per pair
            rad = -rad
        # arc3 leaves u towards its control point and reaches v from it (display space).
        (x1, y1), (x2, y2) = ax.transData.transform([pos[u], pos[v]])
        dx, dy = x2 - x1, y2 - y1
        width = (0.8 + 2.4 * float(d.get("influence") or 0.0)) * thin
        directed = bool(d.get("directed", True))
        ax.add_patch(
            FancyArrowPatch(
                posA=pos[u],
                posB=pos[v],
                arrowstyle="-|>" if directed else "-",
                mutation_scale=7 + 2.5 * width,
                connectionstyle=f"arc3,rad={rad:g}",
                color=STANCE_COLORS[fs._stance(d)],
                linewidth=width,
                linestyle=fs._linestyle(fs._status(d)),
                shrinkA=marker_reach(marker[u], size[u], dx / 2 + rad * dy, dy / 2 - rad * dx)
                + 1.0,
                shrinkB=marker_reach(marker[v], size[v], rad * dy - dx / 2, -dy / 2 - rad * dx)
                + (1.5 if directed else 1.0),
                alpha=alpha,
                zorder=1,
                gid=f"relation-{_safe_id(str(key))}",
            )
        )
