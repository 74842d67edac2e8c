"""Drawing the network: the render command."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import count
from graph.render.page import DEFAULT_TOP, page_html, render_page, top_actors


@cli.command()
@click.option(
    "--size-by",
    type=click.Choice(["reach", "pagerank", "betweenness", "degree"]),
    default=None,
    help="What node size shows. Default: reach (how much influence an actor passes on, "
    "directly or through chains), or degree past 300 actors (reach searches from every actor). "
    "pagerank shows attention received, friendly or hostile: targets look big.",
)
@click.option("--title", help="Heading of the page (default: the dataset's title).")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Where to write the page (default: output/<dataset>.html; - writes it on stdout). A "
    "regular file is replaced; a device, a FIFO or an input of the command is refused.",
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@base.top_option(
    DEFAULT_TOP,
    "Draw at most N actors: those with the most relations, and the relations among them. "
    "The page and stderr say how many are left out.",
)
@click.option("--all", "draw_all", is_flag=True, help="Draw every actor, however many.")
@base.view_options
@base.data_options
@base.filter_options
def render(
    focus_on, depth, size_by, title, output, open_page, top, draw_all, data, strict, selection
):
    """Draw the network as one interactive HTML page that works offline.

    Actors are coloured and shaped by kind and sized by a centrality; relations are
    coloured by stance, dashed when alleged or denied, and carry arrows when directed.
    Hover for a summary, click for details and evidence, search and filter in the side
    panel. Everything is inside the one file: it opens from a USB stick with no network.

    Past 500 actors (or --top N), only those that take part in the most relations are
    drawn, with the relations among them; stderr and the page say how many are left out, and
    --all draws every actor. Past 300 actors the layout is computed before the page opens
    (rustworkx's spring layout), so that even thousands of actors are ready in seconds.

    \b
    Example:
      actorgraph render
      actorgraph render --focus Iran --depth 1 -o output/iran.html
      actorgraph render --type threatens --type targets --open
      actorgraph render --data big.yaml --top 200
    """
    ctx = click.get_current_context()
    if draw_all and ctx.get_parameter_source("top") is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--top and --all contradict each other: give one of them")
    view, stem = base.load_view(data, strict, selection, focus_on, depth)
    G, notes = view.graph, list(view.notes)
    if not draw_all and G.number_of_nodes() > top:
        keep = [view.focus] if view.focus else []
        shown = top_actors(G, top, keep=keep)
        note = left_out_note(G, shown)
        click.echo(f"actorgraph: {note}", err=True)
        notes = [*notes, note]
        G = shown
    if output == "-":  # the page on stdout, as `-o -` means to command-line tools
        if open_page:
            raise click.UsageError("--open needs a file: give -o FILE, not -o -")
        click.echo(page_html(G, title=title, size_by=size_by, notes=notes), nl=False)
        return
    if output is None:
        output = Path("output") / f"{stem}.html"
    written = render_page(G, output, title=title, size_by=size_by, notes=notes)
    emit(
        f"Wrote {written} ({count(G.number_of_nodes(), 'actor')}, "
        f"{count(G.number_of_edges(), 'relation')})"
    )
    if open_page:
        click.launch(str(written.resolve()))


def left_out_note(G, shown) -> str:
    """What a page of only the top actors says it leaves out, and how to draw everything."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    kept_n, kept_m = shown.number_of_nodes(), shown.number_of_edges()
    among = f"{kept_m:,} relation{'' if kept_m == 1 else 's'}"
    return (
        f"Only the {kept_n:,} actors with the most relations are drawn, with the {among} "
        f"among them: {n - kept_n:,} of {n:,} actors and {m - kept_m:,} of {m:,} relations "
        "are left out (render --all draws everything)."
    )
