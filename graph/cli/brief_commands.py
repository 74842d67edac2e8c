"""Writing teaching briefings: the brief command."""

from __future__ import annotations

import click

from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import count


@cli.command()
@click.option(
    "--audience",
    type=click.Choice(["students", "analysts"]),
    default="students",
    show_default=True,
    help="Students get a glossary and questions; analysts a denser text with the numbers.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "both"]),
    default="both",
    show_default=True,
    help="Markdown, printable HTML, or both.",
)
@click.option("--title", help="Title of the briefing (default: the dataset's title).")
@click.option(
    "-o",
    "--output-dir",
    "folder",
    type=click.Path(file_okay=False),
    default="output",
    show_default=True,
    metavar="DIR",
    help="Folder to write into (created if missing).",
)
@click.option("--open", "open_page", is_flag=True, help="Open the HTML in the default browser.")
@click.option(
    "--questions",
    "picked",
    metavar="N,N,…",
    help="Keep only these of the generated questions for discussion, by number (as a "
    "briefing without this option numbers them); the dataset's own questions always come "
    "first. With --audience analysts, questions are shown only when picked.",
)
@base.backend_option("betweenness")
@base.view_options
@base.data_options
@base.filter_options
def brief(
    focus_on,
    depth,
    audience,
    fmt,
    title,
    folder,
    open_page,
    picked,
    backend,
    data,
    strict,
    selection,
):
    """Write a teaching briefing: Markdown and printable HTML, with a picture of the network.

    Every sentence is derived from the data: the cast and their roles, the key actors and
    why, the strongest chains of influence with their evidence, hostility and cooperation,
    contested claims side by side, a timeline, the sources, questions for discussion and a
    glossary. The figure (PNG and SVG) uses the same colours as the interactive page.

    \b
    Example:
      actorgraph brief
      actorgraph brief --focus Iran --audience analysts --format md
      actorgraph brief --title "Who is behind the rockets?" --open
      actorgraph brief --questions 1,3
    """
    from graph.briefing import write_briefing

    questions = None
    if picked is not None:
        try:
            questions = [int(n) for n in picked.replace(" ", "").split(",") if n]
        except ValueError:
            raise click.BadParameter(
                f"{picked!r}: give question numbers separated by commas, like 2,3,5",
                param_hint="--questions",
            ) from None

    view, stem = base.load_view(data, strict, selection, focus_on, depth)
    G, notes = view.graph, list(view.notes)
    stem += "-brief"
    formats = ("md", "html") if fmt == "both" else (fmt,)
    written = write_briefing(
        G,
        folder,
        stem,
        formats=formats,
        audience=audience,
        title=title,
        notes=notes,
        backend=backend,
        questions=questions,
    )
    for kind in ("html", "md", "png", "svg"):
        if kind in written:
            emit(f"Wrote {written[kind]}")
    if written.get("missing_glyphs"):
        chars = "".join(written["missing_glyphs"][:20])
        click.echo(f"actorgraph: the figure's font has no glyph for {len(written['missing_glyphs'])} "
                   f"characters of the names ({chars}); they show as boxes in the figure (the "
                   "page and the text show them)", err=True)  # fmt: skip
    emit(
        f"({count(G.number_of_nodes(), 'actor')}, {count(G.number_of_edges(), 'relation')}; "
        f"for {audience})"
    )
    if open_page and "html" in written:
        click.launch(str(written["html"].resolve()))
