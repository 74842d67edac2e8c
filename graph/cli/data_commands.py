"""Commands about the data itself: validate, actors, relations, types."""

from __future__ import annotations

import click

from graph.analysis.records import list_actors, list_relations
from graph.analysis.resolve import resolve_actor
from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import claim_note, count, evidence_lines, table, to_csv, to_json
from graph.dataset.cache import load_and_build
from graph.errors import DataError


@cli.command()
@base.data_options
@base.format_option
def validate(data, strict, fmt):
    """Check dataset files and report every problem as FILE:LINE:COL: message.

    Exits 0 when the dataset is usable (warnings are printed on stderr), 1 when it has
    errors (or warnings, with --strict).

    \b
    Example:
      actorgraph validate --data data/actors.yaml
      actorgraph validate --data a.yaml --data b.yaml --strict
    """
    paths = base.dataset_paths(data)
    try:
        dataset, _ = load_and_build(paths, strict=strict, cache=base.use_cache())
        base.say_cache_off()
    except DataError as exc:
        if fmt == "json":
            emit(
                to_json(
                    {
                        "valid": False,
                        "files": paths,
                        "problems": [_problem_dict(p) for p in exc.problems],
                    }
                )
            )
        raise
    for warning in dataset.warnings:
        click.echo(str(warning), err=True)
    declared = [t for t in dataset.relation_types.values() if not t.builtin]
    if fmt == "json":
        emit(
            to_json(
                {
                    "valid": True,
                    "files": list(dataset.files),
                    "actors": len(dataset.actors),
                    "relations": len(dataset.relations),
                    "declared_types": [t.name for t in declared],
                    "problems": [_problem_dict(p) for p in dataset.warnings],
                }
            )
        )
        return
    if fmt == "csv":
        emit(
            to_csv(
                [_problem_dict(p) for p in dataset.warnings],
                ["file", "line", "column", "level", "message"],
            )
        )
        return
    emit(
        f"{', '.join(dataset.files)}: valid — {count(len(dataset.actors), 'actor')}, "
        f"{count(len(dataset.relations), 'relation')}, "
        f"{count(len(declared), 'relation type')} declared, "
        f"{count(len(dataset.warnings), 'warning')}"
    )


def _problem_dict(problem) -> dict:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "level": problem.level,
        "message": problem.message,
    }


@cli.command()
@click.option(
    "--kind", "kinds", multiple=True, metavar="KIND", help="Only actors of this kind (repeatable)."
)
@base.data_options
@base.filter_options
@base.format_option
def actors(kinds, data, strict, selection, fmt):
    """List the actors, with their kind, aliases and number of relations.

    \b
    Example:
      actorgraph actors --kind state
      actorgraph actors --format csv > actors.csv
    """
    _, G, _ = base.load_data(data, strict, selection)
    rows = list_actors(G, kinds=kinds or None)
    if fmt == "json":
        emit(to_json(rows))
    elif fmt == "csv":
        emit(to_csv(rows, ["id", "name", "kind", "aliases", "relations", "description"]))
    else:
        emit(
            table(
                rows,
                [
                    ("id", "ID"),
                    ("name", "NAME"),
                    ("kind", "KIND"),
                    ("relations", "RELATIONS"),
                    ("aliases", "ALIASES"),
                ],
            )
        )
        emit(f"\n{len(rows)} of {G.number_of_nodes()} actors")


@cli.command()
@click.option("--actor", "actor", metavar="ACTOR", help="Only relations this actor takes part in.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only relations with an actor of this kind at either end (repeatable).",
)
@base.evidence_option(False)
@base.data_options
@base.filter_options
@base.format_option
def relations(actor, kinds, evidence, data, strict, selection, fmt):
    """List the relations: who does what to whom, with status, dates and claims.

    \b
    Example:
      actorgraph relations --type threatens --type targets
      actorgraph relations --actor Khazali --evidence
      actorgraph relations --status alleged --status denied --format json
    """
    _, G, _ = base.load_data(data, strict, selection)
    actor_id = resolve_actor(G, actor) if actor else None
    rows = list_relations(G, actor=actor_id, kinds=kinds or None)
    if fmt == "json":
        emit(to_json(rows))
        return
    if fmt == "csv":
        for row in rows:
            row["quotes"] = [e["quote"] for e in row["evidence"]]
        emit(
            to_csv(
                rows,
                [
                    "id",
                    "source",
                    "type",
                    "target",
                    "status",
                    "when",
                    "claimed_by",
                    "disputed_by",
                    "note",
                    "quotes",
                    "file",
                    "line",
                ],
            )
        )
        return
    for row in rows:
        data_ = G.edges[row["source"], row["target"], row["id"]]
        row["claims"] = claim_note(G, {**data_, "status": "confirmed", "when": None})
    if not evidence:
        emit(
            table(
                rows,
                [
                    ("source_name", "SOURCE"),
                    ("type", "TYPE"),
                    ("target_name", "TARGET"),
                    ("status", "STATUS"),
                    ("when", "WHEN"),
                    ("claims", "CLAIMS"),
                ],
            )
        )
    else:
        for row in rows:
            note = claim_note(G, G.edges[row["source"], row["target"], row["id"]])
            emit(
                f"{row['source_name']} {row['type']} {row['target_name']}"
                + (f" ({note})" if note else "")
            )
            lines = evidence_lines(row["evidence"], "    ") or ["    (no evidence given)"]
            emit("\n".join(lines))
    emit(f"\n{len(rows)} of {G.number_of_edges()} relations")


@cli.command(name="types")
@base.data_options
@base.format_option
def types_command(data, strict, fmt):
    """List the relation types: built-in and declared, with stance, direction, how each carries
    influence, and how much.

    CARRIES says how influence travels: control (a chain goes on through it), pressure (it
    reaches its target, and goes on only through the target's own control relations), none
    (an expressed stance: no influence). INFLUENCE is how much flows from source to target,
    BACK how much from target to source (a group's pull on its member). The numbers are the
    tool's conventions, an ordering more than a measurement (command over money over backing;
    pressure is no command): a dataset changes them under 'relation_types:', and how much a
    claim weighs under 'status_weights:' (shown below the table).

    \b
    Example:
      actorgraph types
      actorgraph types --data mystory.yaml --format json
    """
    dataset, G, _ = base.load_data(data, strict)
    used: dict[str, int] = {}
    for r in dataset.relations:
        used[r.type] = used.get(r.type, 0) + 1
    rows = [
        {
            **t.as_dict(),
            "used": used.get(t.name, 0),
            "origin": "built-in" if t.builtin else "dataset",
        }
        for t in dataset.relation_types.values()
    ]
    if fmt == "json":
        emit(to_json(rows))
    elif fmt == "csv":
        emit(
            to_csv(
                rows,
                ["name", "stance", "directed", "carries", "influence", "influence_back", "used",
                 "origin", "description"],
            )
        )  # fmt: skip
    else:
        for r in rows:
            r["directed"] = "yes" if r["directed"] else "no (symmetric)"
            none = r["carries"] == "none"
            r["influence"] = "—" if none else f"{r['influence']:g}"
            r["influence_back"] = (
                "—" if none or not r["influence_back"] else f"{r['influence_back']:g}"
            )
        emit(
            table(
                rows,
                [
                    ("name", "TYPE"),
                    ("stance", "STANCE"),
                    ("directed", "DIRECTED"),
                    ("carries", "CARRIES"),
                    ("influence", "INFLUENCE"),
                    ("influence_back", "BACK"),
                    ("used", "USED"),
                    ("origin", "FROM"),
                    ("description", "MEANING"),
                ],
            )
        )
        weights = G.graph.get("status_weights") or {}
        shown = ", ".join(f"{s} {w:g}" for s, w in weights.items())
        emit(f"\nHow much a relation weighs by its status (status_weights): {shown}.")
