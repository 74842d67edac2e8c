"""Drawing the network: the render command."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.base import (
    CONTEXT,
    cli,
    data_options,
    emit,
    filter_options,
    load_view,
    view_options,
)
from graph.formatting import count


@cli.command(context_settings=CONTEXT)
@click.option(
    "--size-by",
    type=click.Choice(["pagerank", "betweenness", "degree"]),
    default="pagerank",
    show_default=True,
    help="What node size shows.",
)
@click.option("--title", help="Heading of the page (default: the dataset's title).")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Where to write the page (default: output/<dataset>.html).",
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@view_options
@data_options
@filter_options
def render(focus_on, depth, size_by, title, output, open_page, data, strict, selection):
    """Draw the network as one interactive HTML page that works offline.

    Actors are coloured and shaped by kind and sized by a centrality; relations are
    coloured by stance, dashed when alleged or denied, and carry arrows when directed.
    Hover for a summary, click for details and evidence, search and filter in the side
    panel. Everything is inside the one file: it opens from a USB stick with no network.

    \b
    Example:
      actorgraph render
      actorgraph render --focus Iran --depth 1 -o output/iran.html
      actorgraph render --type threatens --type targets --open
    """
    from graph.render import render_page

    G, notes, stem = load_view(data, strict, selection, focus_on, depth)
    if output is None:
        output = Path("output") / f"{stem}.html"
    written = render_page(G, output, title=title, size_by=size_by, notes=notes)
    emit(
        f"Wrote {written} ({count(G.number_of_nodes(), 'actor')}, "
        f"{count(G.number_of_edges(), 'relation')})"
    )
    if open_page:
        click.launch(str(written.resolve()))
