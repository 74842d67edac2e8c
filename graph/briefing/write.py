"""Write a briefing's files: Markdown, HTML and the figure (PNG and SVG), each atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph._files import write_atomic
from graph.briefing.content import brief_content
from graph.briefing.html import to_html
from graph.briefing.markdown import to_markdown

__all__ = ["write_briefing"]

FORMATS = ("md", "html")


def write_briefing(
    G: nx.MultiDiGraph,
    folder: str | os.PathLike,
    stem: str,
    *,
    formats: tuple[str, ...] = FORMATS,
    audience: str = "students",
    title: str | None = None,
    notes: list[str] | None = None,
    max_rows: int = 40,
    max_figure_actors: int = 40,
    backend: str | None = None,
    questions: Iterable[int] | None = None,
) -> dict[str, Path]:
    """Write ``<stem>.md`` and/or ``<stem>.html`` and the figure ``<stem>.png`` / ``.svg``
    into ``folder`` (created if missing). Returns the paths written, by kind.

    The HTML embeds the figure; the Markdown points at the PNG beside it. ``questions``
    picks generated discussion questions by their 1-based numbers (the dataset's own
    questions always come first); see :func:`graph.briefing.content.brief_content`.
    """
    from graph.render.figure import draw_figure

    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        raise ValueError(f"formats must be among {', '.join(FORMATS)}")
    folder = Path(folder)
    brief = brief_content(G, audience=audience, title=title, max_rows=max_rows, notes=notes,
                          backend=backend, questions=questions)  # fmt: skip
    png, svg, info = draw_figure(G, max_actors=max_figure_actors, title=brief.title)
    files = ", ".join(os.path.basename(f) for f in G.graph.get("files") or []) or "the data"
    written = {
        "png": write_atomic(folder / f"{stem}.png", png),
        "svg": write_atomic(folder / f"{stem}.svg", svg),
    }
    if "md" in formats:
        text = to_markdown(brief, figure=f"{stem}.png", figure_caption=info.caption)
        written["md"] = write_atomic(folder / f"{stem}.md", text)
    if "html" in formats:
        text = to_html(brief, figure_svg=svg, figure_caption=info.caption, files=files)
        written["html"] = write_atomic(folder / f"{stem}.html", text)
    if info.missing_glyphs:
        written["missing_glyphs"] = info.missing_glyphs  # the figure's font lacks these
    return written
