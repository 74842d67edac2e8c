"""Questions about the whole network: centrality and summary."""

from __future__ import annotations

import click

from graph._words import count
from graph.analysis.centrality import MEANINGS, MEASURES, centrality
from graph.analysis.summary import summarize
from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import number, table, wrap


@cli.command(name="centrality")
@click.option(
    "--measure",
    "measures",
    multiple=True,
    type=click.Choice(MEASURES),
    help="Measure to compute (repeatable; default: all). The first one sorts the table.",
)
@base.top_option(None, "Show only the top N actors.")
@base.backend_option()
@base.all_kinds_option
@base.data_options
@base.filter_options
@base.format_option
def centrality_command(measures, top, backend, all_kinds, data, strict, selection, fmt):
    """Rank actors by degree, betweenness, closeness, PageRank and eigenvector centrality.

    Measures are networkx's, on the actor network: one link from A to B when any relation
    goes from A to B (symmetric types count both ways), friendly or hostile. PageRank
    therefore measures attention received, not standing: a target scores high. Places and
    events are part of the network but only agents are ranked (--all-kinds ranks them too).
    Betweenness and closeness are computed by a compiled engine unless --backend names
    another.

    \b
    Example:
      actorgraph centrality
      actorgraph centrality --measure betweenness --top 5
      actorgraph centrality --measure closeness --backend networkx
      actorgraph centrality --type directs --type leads --format csv
    """
    _, G, _ = base.load_data(data, strict, selection)
    chosen = list(measures) or list(MEASURES)
    # Without --measure, sorted by PageRank; with it, by the first given that is defined here.
    sort_by = None if measures else "pagerank"
    result = centrality(G, chosen, backend=backend, sort_by=sort_by, top=top,
                        all_kinds=all_kinds)  # fmt: skip
    if base.emit_data(result, fmt):
        return
    sort_by, present, rows = result.sorted_by, result.present, result.rows()
    emit(
        f"Centrality of {count(G.number_of_nodes(), 'actor')} over "
        f"{count(G.number_of_edges(), 'relation')}"
        + (f", sorted by {sort_by}" if sort_by else "")
        + "\n"
    )
    for m in chosen:
        emit(
            wrap(
                f"{m}: {MEANINGS[m]}"
                + (f" — not defined here: {result.undefined[m]}" if m in result.undefined else ""),
                "",
                100,
            )
        )
    if result.left_out:
        emit(base.left_out_note(result.left_out))
    emit("")
    emit(table(rows, [("name", "ACTOR")] + [(m, m.upper()) for m in present]))


@cli.command()
@base.top_option(5, "How many central actors and chains to show.")
@base.backend_option("betweenness")
@base.data_options
@base.filter_options
@base.format_option
def summary(top, backend, data, strict, selection, fmt):
    """Summarize the dataset: counts, the most central actors, the strongest influence chains.

    \b
    Example:
      actorgraph summary
      actorgraph summary --data mystory.yaml --format json
    """
    _, G, _ = base.load_data(data, strict, selection)
    s = summarize(G, top=top, backend=backend)
    if base.emit_data(s, fmt):
        return
    emit(s["title"] or "(untitled dataset)")
    if s["description"]:
        emit(wrap(s["description"], "  "))
    emit(f"\nFiles: {', '.join(s['files'])}")
    emit(f"{s['actors']} actors: " + ", ".join(f"{v} {k}" for k, v in s["by_kind"].items()))
    emit(f"{s['relations']} relations: " + ", ".join(f"{v} {k}" for k, v in s["by_type"].items()))
    emit("Status: " + ", ".join(f"{v} {k}" for k, v in s["by_status"].items()))
    if s["date_range"]:
        r = s["date_range"]
        span = r["first"] if r["first"] == r["last"] else f"{r['first']} to {r['last']}"
        if r["open_ended"]:
            span = f"from {r['first']}; some have no end date"
        emit(f"Dated relations: {s['dated_relations']} ({span})")
    else:
        emit("Dated relations: none")
    emit("")
    emit(wrap(f"Most attention received, by PageRank ({MEANINGS['pagerank']}; agents only):"))
    emit(table(s["top_pagerank"], [("name", "ACTOR"), ("score", "PAGERANK")], "  "))
    if s["top_betweenness"]:
        emit("")
        emit(wrap(f"Betweenness ({MEANINGS['betweenness']}; agents only):"))
        emit(table(s["top_betweenness"], [("name", "ACTOR"), ("score", "BETWEENNESS")], "  "))
    else:
        emit("\nBetweenness: none (no actor lies between two others)")
    if s["strongest_chains"]:
        searched = s["chains_searched"]
        scope = (
            ""
            if searched is None
            else f"; searched from the {searched['from']} of {searched['of']:,} actors with most "
            f"outgoing relations, up to {searched['depth']} steps"
        )
        emit(f"\nStrongest chains of influence (two steps or more{scope}):")
        for c in s["strongest_chains"]:
            claims = ", ".join(f"{x['relation']}: {x['status']}" for x in c["claims"])
            rests = f" [rests on {count(len(c['claims']), 'claim')}: {claims}]" if claims else ""
            emit(wrap(f"{number(c['strength'])}  {c['text']}{rests}", "  "))
