"""Questions about the network's structure: blocs, key players, and what if actors were gone."""

from __future__ import annotations

import click

from graph.analysis.blocs import bloc_report
from graph.analysis.keyplayers import key_players
from graph.analysis.records import actor_name
from graph.analysis.resolve import resolve_actor
from graph.analysis.whatif import what_if
from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import count, number, table, wrap, wrap_parts

#: How the table titles each measure.
MEASURE_TITLES = {"pagerank": "PageRank", "betweenness": "Betweenness"}

#: Table columns: (key, header).
FRAGMENTATION_COLUMNS = [("rank", "RANK"), ("name", "ACTOR"), ("pairs_after", "PAIRS LEFT"),
                         ("pairs_lost", "LOST"), ("separated", "OTHERS SEPARATED"),
                         ("broker", "BROKER")]  # fmt: skip
REACH_COLUMNS = [("rank", "RANK"), ("name", "ACTOR"), ("reach_lost", "REACH LOST"),
                 ("share", "SHARE")]  # fmt: skip
PATH_COLUMNS = [("from", "FROM"), ("to", "TO"), ("before", "STEPS BEFORE"), ("after", "AFTER")]
SHIFT_COLUMNS = [("name", "ACTOR"), ("before", "BEFORE"), ("after", "AFTER"), ("change", "CHANGE")]

#: Relations listed under each bloc in the table before "… and N more".
RELATIONS_SHOWN = 10


def _name(G, node: str) -> str:
    return actor_name(G, node)


def _names(G, nodes, limit: int | None = None) -> str:
    shown = [_name(G, n) for n in (nodes if limit is None else nodes[:limit])]
    more = len(nodes) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _relation_text(G, source: str, target: str, data: dict) -> str:
    """``Iran —directs→ PMU militias``, with the status when it is not confirmed."""
    label = data["type"] if data["status"] == "confirmed" else f"{data['type']} ({data['status']})"
    arrow = f"—{label}→" if data["directed"] else f"—{label}—"
    return f"{_name(G, source)} {arrow} {_name(G, target)}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value)


def _top_note(shown: int, total: int) -> str:
    return f"  … and {total - shown} more (--top {total} shows them all)" if shown < total else ""


# -- blocs ---------------------------------------------------------------------------------------


@cli.command(name="blocs")
@click.option(
    "--seed",
    type=int,
    default=7,
    show_default=True,
    help="Seed of the Louvain method: the same seed gives the same blocs.",
)
@click.option(
    "--resolution",
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    help="Above 1: more, smaller blocs; below 1: fewer, larger ones.",
)
@base.top_option(None, "Show only the N largest.")
@click.option(
    "--all-ties",
    is_flag=True,
    help="Find arenas of interaction on every relation (hostile ones and places too), not "
    "blocs of agents standing together on cooperative ties.",
)
@base.data_options
@base.filter_options
@base.format_option
def blocs_command(seed, resolution, top, all_ties, data, strict, selection, fmt):
    """Find blocs: groups of actors who stand with one another more than with the rest.

    Louvain modularity (networkx, seeded) on the cooperative relations between agents, read
    in any direction, two actors weighing as many relations as join them (a claim less:
    alleged 0.5, denied 0.25). --all-ties counts every relation, hostile ones and places
    included: the groups are then arenas of interaction, not camps. Actors with no such
    relation are in no bloc.

    \b
    Example:
      actorgraph blocs
      actorgraph blocs --type directs --type leads --type targets
      actorgraph blocs --resolution 1.5 --format json
    """
    _, G, _ = base.load_data(data, strict, selection)
    report = bloc_report(G, seed=seed, resolution=resolution, top=top, all_ties=all_ties)
    if base.emit_data(report, fmt):
        return
    found, shown, unplaced = report.blocs, report.shown, report.unplaced
    if not found:
        how = "related" if all_ties else "joined by a cooperative relation"
        emit(f"No blocs: no two of the {count(G.number_of_nodes(), 'actor')} are {how}.")
        return
    placed = sum(len(b.members) for b in found)
    emit(
        f"{count(len(found), 'bloc')} among {count(placed, 'actor')} and "
        f"{count(G.number_of_edges(), 'relation')} (Louvain, seed {seed}, resolution "
        f"{resolution:g}): modularity {number(report.modularity)}"
    )
    emit(
        wrap(
            (
                "Every relation counts (--all-ties): these are arenas of interaction, not camps. "
                if all_ties
                else "Cooperative relations between agents count: who stands with whom. "
            )
            + "Relations count in either direction, two actors weighing as many relations as "
            "join them; modularity runs from about 0 (no better than chance) towards 1 (blocs barely "
            "related to one another)."
        )
    )
    relation = {k: d for *_, k, d in G.edges(keys=True, data=True)}
    for b in shown:
        types = ", ".join(f"{t} {n}" for t, n in b.types.items())
        emit(
            f"\nBloc {b.number}: {count(len(b.members), 'actor')}, "
            f"{count(len(b.relations), 'relation')} inside ({types}), "
            f"{b.outside} to other blocs"
        )
        emit(wrap(_names(G, b.members), "  "))
        for r, _, u, v in b.relations[:RELATIONS_SHOWN]:
            emit("    " + _relation_text(G, u, v, relation[r]))
        if len(b.relations) > RELATIONS_SHOWN:
            emit(f"    … and {len(b.relations) - RELATIONS_SHOWN} more (--format json lists all)")
    if len(shown) < len(found):
        emit(f"\n… and {count(len(found) - len(shown), 'smaller bloc')}.")
    if unplaced:
        emit("")
        why = "no relation here" if all_ties else "no cooperative relation with an agent here"
        emit(wrap(f"In no bloc ({why}): {_names(G, list(unplaced), 10)}."))


# -- key players ---------------------------------------------------------------------------------


@cli.command(name="key-players")
@base.top_option(5, "How many actors each ranking shows (CSV lists every actor).")
@base.all_kinds_option
@base.data_options
@base.filter_options
@base.format_option
def key_players_command(top, all_kinds, data, strict, selection, fmt):
    """Rank the actors whose removal most fragments the network or cuts influence, and name
    the brokers it cannot do without.

    Fragmentation: how many ordered pairs of actors a chain of relations still joins once
    the actor is gone (relations followed in their direction). Influence: how much of their
    influence over one another the other actors lose (sum of strongest-chain strengths).
    Brokers: agents whose removal splits the network (relations read in any direction)
    into at least two groups of two agents or more; one whose removal only cuts off a lone
    actor is that actor's only link, not a broker. Only agents are ranked (--all-kinds ranks
    places and events too).

    \b
    Example:
      actorgraph key-players
      actorgraph key-players --top 3 --format json
    """
    _, G, _ = base.load_data(data, strict, selection)
    k = key_players(G, top=top, all_kinds=all_kinds)
    if base.emit_data(k, fmt):
        return
    emit(
        wrap(
            f"Key players among {count(k.actors, 'actor')}: {count(k.pairs, 'ordered pair')} "
            "of actors are joined by a chain of relations, and their influence reach adds up "
            f"to {number(k.reach)}."
        )
    )
    if k.left_out:
        emit(wrap(base.left_out_note(k.left_out)))
    if not k.by_fragmentation:
        emit("\nNo relations join any two actors: there is nothing to fragment.")
        return
    emit("\nRemovals that most fragment the network (fewest joined pairs left):")
    rows = [{"rank": i, **k.record(r)} for i, r in enumerate(k.by_fragmentation, 1)]
    for row in rows:
        row["broker"] = "yes" if row["articulation_point"] else ""
    emit(table(rows, FRAGMENTATION_COLUMNS, "  "))
    emit(
        wrap(
            "LOST includes the actor's own pairs; OTHERS SEPARATED counts only pairs of other "
            "actors that no chain joins any more.",
            "  ",
        )
    )
    if k.by_reach:
        emit("\nRemovals that most cut influence (reach the other actors lose over one another):")
        rows = [{"rank": i, **k.record(r)} for i, r in enumerate(k.by_reach, 1)]
        for row in rows:
            row["share"] = f"{row['reach_lost_share']:.0%}"
        emit(table(rows, REACH_COLUMNS, "  "))
    else:
        emit("\nNo actor relays influence between two others.")
    if k.only_links:
        emit("\nOnly links (removing one cuts a lone actor off, but separates no two groups):")
    for b in k.only_links:
        lone = [n for p in b.pieces[1:] for n in p]
        emit(wrap(f"{_name(G, b.actor)} is the only link of {_names(G, lone, 6)} to the rest.",
                  "  "))  # fmt: skip
    if not k.brokers:
        emit("\nNo broker: removing any one actor leaves no two groups of agents apart.")
        return
    emit("\nBrokers the network cannot do without (relations read in any direction):")
    for b in k.brokers:
        if len(b.pieces) == 2:
            lost = _names(G, list(b.pieces[1]), 6)
        else:
            lost = f"{len(b.pieces) - 1} pieces, " + " | ".join(
                _names(G, list(p), 3) for p in b.pieces[1:6]
            )
            lost += " | …" if len(b.pieces) > 6 else ""
        others = count(len(b.pieces[0]), "other actor")
        emit(wrap(f"{_name(G, b.actor)} cuts off {lost} from the {others}", "  "))


# -- what if -------------------------------------------------------------------------------------


@cli.command(name="whatif")
@click.option(
    "--remove",
    "remove",
    multiple=True,
    metavar="ACTOR",
    help="An actor to take out, with its relations (repeatable).",
)
@click.option(
    "--remove-relation",
    "remove_relations",
    multiple=True,
    metavar="ID",
    help="A relation to take out, by its id ('actorgraph relations --format csv' lists them; "
    "repeatable): what if Iran stopped directing the PMU?",
)
@click.option(
    "--with-members",
    is_flag=True,
    help="Also take out the actors that belong to (member_of) or are led by a removed actor.",
)
@base.top_option(10, "Most rows the table shows per section.")
@base.backend_option("betweenness")
@base.data_options
@base.filter_options
@base.format_option
def whatif_command(
    remove, remove_relations, with_members, top, backend, data, strict, selection, fmt
):
    """Compare the network with and without some actors or relations: the influence the
    removed actors held (who loses a patron), the influence chains and paths that break, the
    actors others can no longer reach, how PageRank and betweenness shift.

    Only pairs of actors that stay are compared. A chain breaks when the pair's strongest
    chain of influence ran through a removed actor or relation and nothing as strong is left.

    \b
    Example:
      actorgraph whatif --remove "PMU militias"
      actorgraph whatif --remove Iran --remove "United States" --format json
      actorgraph whatif --remove-relation iran-directs-pmu_militias
    """
    if not remove and not remove_relations:
        raise click.UsageError("give --remove ACTOR or --remove-relation ID (or both)")
    _, G, _ = base.load_data(data, strict, selection)
    removed = list(dict.fromkeys(resolve_actor(G, name) for name in remove))
    # The table shows the first --top rows of each section: keep no more (a hub of a large
    # network breaks millions of pairs); JSON and CSV list them all.
    w = what_if(G, removed, relations=remove_relations, with_members=with_members,
                backend=backend, limit=top if fmt == "table" else None)  # fmt: skip
    if base.emit_data(w, fmt):
        return
    parts = [_name(G, n) for n in w.removed]
    for rid in w.removed_relations:
        u, v, d = next((u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == rid)
        parts.append(f"the relation {_relation_text(G, u, v, d)}")
    emit(
        f"What if {' and '.join(parts)} were gone? "
        f"{w.actors[0]} → {w.actors[1]} actors, {w.relations[0]} → {w.relations[1]} relations."
    )
    if w.members:
        emit(wrap(f"With their members and those they lead: {_names(G, list(w.members), 10)}."))
    if w.lost:
        emit(f"\nInfluence the removed actors held, strongest first ({len(w.lost)}):")
        for x in w.lost[:top]:
            its = "their" if G.nodes[x.actor].get("kind") == "person" else "its"  # not "it"
            how = {"pressure": "is no longer under pressure from", "patron": f"loses {its} patron",
                   "influence": "loses the influence of"}[x.how]  # fmt: skip
            emit(wrap(f"{_name(G, x.actor)} {how} {_name(G, x.holder)} "
                      f"({number(x.chain.strength)}):", "  "))  # fmt: skip
            emit("\n".join(wrap_parts(x.chain.parts(G), "    ")))
        if note := _top_note(min(top, len(w.lost)), len(w.lost)):
            emit(note)
    emit(f"\nInfluence chains that break: {count(w.chains_total, 'pair')}, strongest first")
    for c in w.chains[:top]:
        now = f"now {number(c.after.strength)}" if c.after else "now none"
        emit(
            f"  {_name(G, c.source)} → {_name(G, c.target)}: was {number(c.before.strength)}, {now}"
        )
        emit("\n".join(wrap_parts(["was", *c.before.parts(G)], "    ")))
        if c.after:
            emit("\n".join(wrap_parts(["now", *c.after.parts(G)], "    ")))
    if note := _top_note(min(top, w.chains_total), w.chains_total):
        emit(note)
    emit(f"\nShortest chains of relations that lengthen or vanish: {count(w.paths_total, 'pair')}")
    if w.paths:
        rows = [
            {"from": _name(G, p.source), "to": _name(G, p.target), "before": p.before,
             "after": "none" if p.after is None else p.after}
            for p in w.paths[:top]
        ]  # fmt: skip
        emit(table(rows, PATH_COLUMNS, "  "))
        if note := _top_note(len(rows), w.paths_total):
            emit(note)
    emit(f"\nActors others can no longer reach at all: {len(w.cut_off)}")
    for c in w.cut_off[:top]:
        emit(
            wrap(
                f"{_name(G, c.actor)}: from {count(len(c.sources), 'actor')} "
                f"({_names(G, list(c.sources), 6)})",
                "  ",
            )
        )
    if note := _top_note(min(top, len(w.cut_off)), len(w.cut_off)):
        emit(note)
    for measure, shifts in w.shifts.items():
        moved = [s for s in shifts if abs(s.change) > 1e-12]
        emit(f"\n{MEASURE_TITLES[measure]} before and after, biggest change first:")
        if not moved:
            emit("  no change")
            continue
        rows = [{**w.shift_record(s), "change": _signed(s.change)} for s in moved[:top]]
        emit(table(rows, SHIFT_COLUMNS, "  "))
        if note := _top_note(len(rows), len(moved)):
            emit(note)
    emit("")
    emit(
        wrap(
            "Scores are shares of each network (PageRank sums to 1 over the actors present; "
            "betweenness is divided by the number of pairs), so every actor's score shifts a little "
            "when others go."
        )
    )
