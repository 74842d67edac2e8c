"""The figure's legends: kinds, stances, statuses and directions, stacked at its right edge."""

from __future__ import annotations

import math

from graph.render import figure_style as fs
from graph.render.style import STANCE_COLORS, STATUS_DASHES

__all__ = ["legend_column"]

_LEGEND_LINE = "#374151"  # status and direction samples, as on the page


def legend_column(fig, renderer, G, keep, edges, styles, *, top: float) -> float:
    """Stack the legends from ``top`` down at the right edge; return their left edge.

    Kinds go in more columns when one does not fit the height.
    """

    note = None
    if edges:
        note = fig.text(
            0,
            0,
            "Bigger actors receive more attention\n(PageRank: relations towards them,\nfriendly or hostile).\nThicker lines carry more influence.",
            ha="left",
            va="top",
            fontsize=7.5,
            color=fs._MUTED,
            linespacing=1.4,
        )
    fig_w, fig_h = fs._FIGSIZE
    for columns in (1, 2, 3):
        legends = _legends(fig, G, keep, edges, styles, columns)
        items = [*legends, note] if note else legends
        boxes = [item.get_window_extent(renderer) for item in items]
        height = sum(b.height / fig.dpi / fig_h + 0.025 for b in boxes)
        if height <= top - 0.01 or columns == 3:
            break
        for leg in legends:
            leg.remove()
    left = min([0.98, *(0.985 - b.width / fig.dpi / fig_w for b in boxes)])
    y = top
    for leg, box in zip(legends, boxes, strict=False):
        leg.set_bbox_to_anchor((left, y), transform=fig.transFigure)
        y -= box.height / fig.dpi / fig_h + 0.025
    if note:
        note.set_position((left + 0.003, y))
    return left


def _legends(fig, G, keep: list, edges: list, styles: dict, kind_columns: int) -> list:
    """One legend per section (kinds, stances, statuses, directions), each listing only what
    the figure shows, with the figure's own markers, colours and lines."""
    from matplotlib.legend_handler import HandlerPatch
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    def arrow_sample(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
        y = height / 2 - ydescent
        return FancyArrowPatch(
            (-xdescent, y),
            (width - xdescent, y),
            mutation_scale=10,
            arrowstyle=orig_handle.get_arrowstyle(),
            shrinkA=0,
            shrinkB=0,
        )

    def mark(kind):
        m = fs.MARKERS.get(styles[kind].shape, "o")
        return Line2D(
            [],
            [],
            linestyle="none",
            marker=m,
            markerfacecolor=styles[kind].color,
            markersize=8 * math.sqrt(fs._AREA_FACTOR[m]),
            markeredgecolor=fs._BORDER,
            markeredgewidth=0.8,
        )

    kinds = sorted({G.nodes[n]["kind"] for n in keep})
    sections = [
        ("kinds", "Actors, by kind", [mark(k) for k in kinds], [k.replace("_", " ") for k in kinds])
    ][: 1 if kinds else 0]
    if edges:
        stances = [s for s in STANCE_COLORS if s in {fs._stance(d) for *_, d in edges}]
        statuses = [s for s in STATUS_DASHES if s in {fs._status(d) for *_, d in edges}]
        ways = {bool(d.get("directed", True)) for *_, d in edges}
        directions = [
            (
                FancyArrowPatch(
                    (0, 0),
                    (1, 0),
                    arrowstyle="-|>" if way else "-",
                    color=_LEGEND_LINE,
                    linewidth=1.5,
                ),
                text,
            )
            for way, text in ((True, "directed: source → target"), (False, "symmetric: both ways"))
            if way in ways
        ]
        sections += [
            (
                "stances",
                "Relations, by stance",
                [Line2D([], [], color=STANCE_COLORS[s], linewidth=2.5) for s in stances],
                stances,
            ),
            (
                "statuses",
                "Relations, by status",
                [
                    Line2D([], [], color=_LEGEND_LINE, linewidth=1.8, linestyle=fs._linestyle(s))
                    for s in statuses
                ],
                statuses,
            ),
            ("directions", "Direction", [h for h, _ in directions], [t for _, t in directions]),
        ]
    legends = []
    for gid, heading, handles, texts in sections:
        leg = fig.legend(
            handles,
            texts,
            title=heading,
            ncols=kind_columns if gid == "kinds" else 1,
            loc="upper left",
            frameon=False,
            fontsize=8,
            title_fontproperties={"weight": "bold", "size": 8.5},
            alignment="left",
            handlelength=2.8,
            handletextpad=0.7,
            columnspacing=1.2,
            borderpad=0.2,
            borderaxespad=0.0,
            labelspacing=0.45,
            handler_map={FancyArrowPatch: HandlerPatch(patch_func=arrow_sample)},
        )
        leg.set_gid(f"legend-{gid}")
        for t in [leg.get_title(), *leg.get_texts()]:
            t.set_parse_math(False)
        legends.append(leg)
    return legends
