"""Questions about influence and connection: influence, influenced-by, path, neighbors."""

from __future__ import annotations

import click

from graph.analysis.flow import RULE
from graph.analysis.influence import influence_ranking
from graph.analysis.paths import chains_between
from graph.analysis.records import actor_name, neighbors
from graph.analysis.resolve import resolve_actor
from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import (
    chain_block,
    claim_note,
    claims_note,
    evidence_lines,
    number,
    strength_note,
    wrap,
)


def _influence_command(name: str, backwards: bool):
    verb = "is influenced by" if backwards else "influences"

    @cli.command(
        name,
        short_help=f"Rank the actors ACTOR {verb}, each with its strongest chain.",
    )
    @click.argument("actor")
    @click.option(
        "--depth",
        type=click.IntRange(min=1),
        default=None,
        help="At most this many steps per chain (default: no limit).",
    )
    @base.top_option(None, "Show only the first N.")
    @base.evidence_option(True)
    @base.all_kinds_option
    @base.data_options
    @base.filter_options
    @base.format_option
    def command(actor, depth, top, evidence, all_kinds, data, strict, selection, fmt):
        _, G, _ = base.load_data(data, strict, selection)
        actor_id = resolve_actor(G, actor)
        ranking = influence_ranking(G, actor_id, backwards=backwards, depth=depth, top=top,
                                    all_kinds=all_kinds)  # fmt: skip
        if base.emit_data(ranking, fmt):
            return
        total, shown = len(ranking.chains), ranking.shown
        title = actor_name(G, actor_id)
        if not shown:
            what = "influences" if backwards else "is influenced by"
            emit(
                f"No actor {what} {title} through relations that carry influence"
                + (f" within {depth} steps." if depth else ".")
                + base.left_out_note(ranking.left_out, " ")
            )
            return
        head = f"Who influences {title}" if backwards else f"Whom {title} influences"
        emit(
            f"{head}: {total} actor{'s' if total != 1 else ''}, strongest chain first"
            + (f" (showing {len(shown)})" if len(shown) < total else "")
        )
        emit(wrap(strength_note(G)))
        if ranking.left_out:
            emit(wrap(base.left_out_note(ranking.left_out)))
        emit("")
        for rank, chain in enumerate(shown, 1):
            name = actor_name(G, ranking.other(chain))
            steps = f"{chain.hops} step{'s' if chain.hops != 1 else ''}"
            emit(
                f"{rank:>2}. {name} — strength {number(chain.strength)}, {steps}"
                + claims_note(chain)
            )
            emit("\n".join(chain_block(G, chain, "    ", evidence)))

    command.help = f"""Rank the actors ACTOR {verb}, each with its strongest chain.

    Influence goes on through control (directs, leads, funds, supports, allies_with, a
    group over its members), reaches the target of pressure (threatens, targets, attacks)
    and stops there, and does not flow through accusing, opposing, rivalling or negotiating.
    A chain's strength is the product of what its relations carry: each type's influence
    (directs 0.9, threatens 0.4, targets 0.3…: the tool's conventions, see 'actorgraph
    types'), times the weight of its status (by default alleged 0.5, denied 0.25; refuted
    relations carry nothing). Only agents are ranked: places and events are counted and left
    out unless --all-kinds.

    \b
    Example:
      actorgraph {name} {'"Green Zone"' if backwards else "Iran"}
      actorgraph {name} {"Kadhimi" if backwards else "Khazali"} --depth 2 --no-evidence
    """
    return command


_influence_command("influence", backwards=False)
_influence_command("influenced-by", backwards=True)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--all", "every", is_flag=True, help="List every chain up to --depth, not only the shortest."
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="Longest chain --all lists.",
)
@click.option("--undirected", is_flag=True, help="Follow relations in both directions.")
@click.option(
    "--strongest",
    is_flag=True,
    help="The strongest chain of influence instead of the shortest chain of relations (see "
    "'actorgraph influence').",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Most chains --all shows.",
)
@base.evidence_option(None)
@base.data_options
@base.filter_options
@base.format_option
def path(
    source,
    target,
    every,
    depth,
    undirected,
    strongest,
    limit,
    evidence,
    data,
    strict,
    selection,
    fmt,
):
    """Show the shortest chain of relations from SOURCE to TARGET, with the evidence for each step.

    Relations are followed in their direction (symmetric types both ways) unless
    --undirected is given. "No chain" is an answer, not an error.

    \b
    Example:
      actorgraph path Iran "US Embassy"
      actorgraph path "Iraqi lawmakers" Khazali --undirected
      actorgraph path Iran "Taji base" --all --depth 3
      actorgraph path Khazali "Iraqi government" --strongest
    """
    if strongest and (every or undirected):
        raise click.UsageError("--strongest follows influence: it goes with neither --all nor "
                               "--undirected")  # fmt: skip
    _, G, _ = base.load_data(data, strict, selection)
    a, b = resolve_actor(G, source), resolve_actor(G, target)
    found = chains_between(G, a, b, every=every, depth=depth, undirected=undirected, limit=limit,
                           strongest=strongest)  # fmt: skip
    if base.emit_data(found, fmt):
        return
    chains, shown, total = found.chains, found.shown, len(found.chains)
    na, nb = actor_name(G, a), actor_name(G, b)
    how = "in any direction" if undirected else "following relations in their direction"
    if a == b:
        emit(f"{na} and {nb} are the same actor.")
        return
    if not chains and strongest:
        emit(f"No chain of influence leads from {na} to {nb}: {RULE}.")
        return
    if not chains:
        within = f" within {depth} steps" if every else ""
        hint = "" if undirected else "; try --undirected"
        emit(f"No chain of relations leads from {na} to {nb}{within} ({how}{hint}).")
        return
    show_evidence = evidence if evidence is not None else not every
    if every:
        emit(
            f"{total} chain{'s' if total != 1 else ''} from {na} to {nb} of at most {depth} "
            f"steps ({how})" + (f"; showing {len(shown)}" if len(shown) < total else "") + "\n"
        )
    elif strongest:
        c = chains[0]
        emit(f"Strongest chain of influence from {na} to {nb}: strength {number(c.strength)}, "
             f"{c.hops} step{'s' if c.hops != 1 else ''}{claims_note(c)}")  # fmt: skip
        emit(wrap(strength_note(G)) + "\n")
    else:
        steps = f"{chains[0].hops} step{'s' if chains[0].hops != 1 else ''}"
        emit(f"Shortest chain from {na} to {nb}: {steps} ({how})\n")
    for i, chain in enumerate(shown, 1):
        lines = chain_block(G, chain, "    " if every else "  ", show_evidence)
        if every:
            lines[0] = f"{i:>3}. " + lines[0].lstrip()
        emit("\n".join(lines))


@cli.command(name="neighbors")
@click.argument("actor")
@base.evidence_option(False)
@base.data_options
@base.filter_options
@base.format_option
def neighbors_command(actor, evidence, data, strict, selection, fmt):
    """Show ACTOR's relations, outgoing, incoming and mutual, grouped by type.

    \b
    Example:
      actorgraph neighbors Iran
      actorgraph neighbors "PMU militias" --evidence
    """
    _, G, _ = base.load_data(data, strict, selection)
    actor_id = resolve_actor(G, actor)
    result = neighbors(G, actor_id)
    if base.emit_data(result, fmt):
        return
    info = result["actor"]
    emit(
        f"{info['name']} ({info['kind']})"
        + (f" — also called {', '.join(info['aliases'])}" if info["aliases"] else "")
    )
    if info["description"]:
        emit(wrap(info["description"], "  "))
    arrows = {"outgoing": "→", "incoming": "←", "mutual": "—"}
    total = 0
    for group in ("outgoing", "incoming", "mutual"):
        if not result[group]:
            continue
        emit(f"\n{group.capitalize()}:")
        for rtype, records in result[group].items():
            for r in records:
                total += 1
                other = r["target_name"] if r["source"] == actor_id else r["source_name"]
                note = claim_note(G, G.edges[r["source"], r["target"], r["id"]])
                emit(f"  {rtype:<14} {arrows[group]} {other}" + (f"  ({note})" if note else ""))
                if evidence:
                    emit(
                        "\n".join(
                            evidence_lines(r["evidence"], "      ") or ["      (no evidence given)"]
                        )
                    )
    if not total:
        emit("\nNo relations.")
