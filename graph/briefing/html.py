"""A briefing as one self-contained HTML page that prints cleanly on A4 or Letter."""

from __future__ import annotations

import base64
import re
from importlib import resources

from graph.briefing.content import Brief

__all__ = ["to_html"]


def _asset(name: str) -> str:
    return resources.files("graph").joinpath("templates", name).read_text(encoding="utf-8")


def to_html(
    brief: Brief,
    figure_svg: bytes | None = None,
    figure_caption: str | None = None,
    files: str = "the data",
) -> str:
    """The briefing as HTML; the figure (SVG) is embedded, so the file stands alone.

    Every text from the data goes through Jinja's escaping; the figure is an image (a data
    URI), in which no script can run.
    """
    import jinja2
    from markupsafe import Markup

    def refs(numbers: list[int]) -> Markup:
        return Markup("").join(
            Markup('<sup><a class="ref" href="#q{0}">[{0}]</a></sup>').format(int(n))
            for n in numbers
        )

    def score(value: float) -> str:
        return f"{value:.3f}" if value >= 0.001 or value == 0 else f"{value:.2g}"

    def safe_url(url: str | None) -> bool:
        return bool(url and re.match(r"https?://[^\s<>\"']+$", url))

    uri = None
    if figure_svg is not None:
        uri = "data:image/svg+xml;base64," + base64.b64encode(figure_svg).decode("ascii")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_asset("brief.html"))
    return template.render(
        b=brief,
        quotes={q.number: q.text for q in brief.quotes},
        css=Markup(_asset("brief.css")),
        figure_uri=uri,
        figure_caption=figure_caption or "",
        refs=refs,
        score=score,
        safe_url=safe_url,
        files=files,
    )
