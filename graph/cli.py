"""The ``actorgraph`` command line: parse arguments, call one library function, print the result."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from graph import __version__
from graph.build import build_graph
from graph.centrality import MEANINGS, MEASURES, centrality
from graph.errors import ActorGraphError, DataError
from graph.formatting import (
    chain_block,
    claim_note,
    evidence_lines,
    number,
    table,
    to_csv,
    to_json,
    wrap,
)
from graph.influence import influence_chains, influenced_by_chains
from graph.listing import list_actors, list_relations, neighbors
from graph.load import bundled_dataset_path, load_dataset
from graph.model import STATUSES
from graph.paths import all_chains, shortest_chain
from graph.resolve import resolve_actor
from graph.summary import summarize

__all__ = ["cli"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# -- the error boundary -------------------------------------------------------------------------


class _DataProblems(click.ClickException):
    """Every problem of the dataset, one per line, then the count."""

    def __init__(self, error: DataError):
        super().__init__(error.summary())
        self.error = error

    def show(self, file=None) -> None:
        for problem in self.error.problems:
            click.echo(str(problem), err=True)
        click.echo(f"actorgraph: {self.error.summary()}", err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DataError as exc:
            raise _DataProblems(exc) from None
        except ActorGraphError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `actorgraph relations | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)


# -- shared options ---------------------------------------------------------------------------------


def data_options(f):
    """--data and --strict: which files to load, and whether warnings are errors."""

    @click.option(
        "--data",
        "data",
        multiple=True,
        metavar="FILE",
        help="Dataset YAML file; repeat to merge several. Default: data/actors.yaml here, "
        "else the bundled seed dataset.",
    )
    @click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def filter_options(f):
    """--type and --status: which relations to keep."""

    @click.option(
        "--type",
        "types",
        multiple=True,
        metavar="TYPE",
        help="Keep only relations of this type (repeatable).",
    )
    @click.option(
        "--status",
        "statuses",
        multiple=True,
        type=click.Choice(STATUSES),
        help="Keep only relations with this status (repeatable).",
    )
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def format_option(f):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output: an aligned table for people, JSON or CSV for programs.",
    )(f)


def evidence_option(default: bool | None):
    return click.option(
        "--evidence/--no-evidence",
        default=default,
        help="Show the quotes that support each step.",
    )


def _dataset_paths(data: tuple[str, ...]) -> list[str]:
    if data:
        return list(data)
    local = Path("data") / "actors.yaml"
    if local.is_file():
        return [str(local)]
    bundled = bundled_dataset_path()
    click.echo(
        f"actorgraph: no --data given and no data/actors.yaml here; using the bundled seed "
        f"dataset ({bundled})",
        err=True,
    )
    return [str(bundled)]


def _load(data, strict, types=(), statuses=()):
    dataset = load_dataset(_dataset_paths(data), strict=strict)
    if dataset.warnings:
        for warning in dataset.warnings:
            click.echo(str(warning), err=True)
        n = len(dataset.warnings)
        click.echo(
            f"actorgraph: {n} warning{'s' if n != 1 else ''} (analysis goes on; --strict makes "
            "them errors)",
            err=True,
        )
    G = build_graph(dataset, types=types or None, statuses=statuses or None)
    return dataset, G


def _emit(text: str) -> None:
    click.echo(text)


# -- the commands ---------------------------------------------------------------------------------


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="actorgraph")
def cli():
    """Map political and conflict actors and the relations between them, and ask who
    influences whom, through which chain, who is central and who brokers.

    Every command reads a dataset (a YAML file of actors and relations; see the README),
    validates it, and answers. Actors can be named by id, name or alias, in any case.

    \b
    Example:
      actorgraph influenced-by "Green Zone"
      actorgraph path Iran "US Embassy"
      actorgraph centrality --measure betweenness --top 5
    """


@cli.command(context_settings=CONTEXT)
@data_options
@format_option
def validate(data, strict, fmt):
    """Check dataset files and report every problem as FILE:LINE:COL: message.

    Exits 0 when the dataset is usable (warnings are printed on stderr), 1 when it has
    errors (or warnings, with --strict).

    \b
    Example:
      actorgraph validate --data data/actors.yaml
      actorgraph validate --data a.yaml --data b.yaml --strict
    """
    paths = _dataset_paths(data)
    try:
        dataset = load_dataset(paths, strict=strict)
    except DataError as exc:
        if fmt == "json":
            _emit(
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
        _emit(
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
        _emit(
            to_csv(
                [_problem_dict(p) for p in dataset.warnings],
                ["file", "line", "column", "level", "message"],
            )
        )
        return
    n = len(dataset.warnings)
    _emit(
        f"{', '.join(dataset.files)}: valid — {len(dataset.actors)} actors, "
        f"{len(dataset.relations)} relations, {len(declared)} relation types declared, "
        f"{n} warning{'s' if n != 1 else ''}"
    )


def _problem_dict(problem) -> dict:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "level": problem.level,
        "message": problem.message,
    }


@cli.command(context_settings=CONTEXT)
@click.option(
    "--kind", "kinds", multiple=True, metavar="KIND", help="Only actors of this kind (repeatable)."
)
@data_options
@filter_options
@format_option
def actors(kinds, data, strict, types, statuses, fmt):
    """List the actors, with their kind, aliases and number of relations.

    \b
    Example:
      actorgraph actors --kind state
      actorgraph actors --format csv > actors.csv
    """
    _, G = _load(data, strict, types, statuses)
    rows = list_actors(G, kinds=kinds or None)
    if fmt == "json":
        _emit(to_json(rows))
    elif fmt == "csv":
        _emit(to_csv(rows, ["id", "name", "kind", "aliases", "relations", "description"]))
    else:
        _emit(
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
        _emit(f"\n{len(rows)} of {G.number_of_nodes()} actors")


@cli.command(context_settings=CONTEXT)
@click.option("--actor", "actor", metavar="ACTOR", help="Only relations this actor takes part in.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only relations with an actor of this kind at either end (repeatable).",
)
@evidence_option(False)
@data_options
@filter_options
@format_option
def relations(actor, kinds, evidence, data, strict, types, statuses, fmt):
    """List the relations: who does what to whom, with status, dates and claims.

    \b
    Example:
      actorgraph relations --type threatens --type targets
      actorgraph relations --actor Khazali --evidence
      actorgraph relations --status alleged --status denied --format json
    """
    _, G = _load(data, strict, types, statuses)
    actor_id = resolve_actor(G, actor) if actor else None
    rows = list_relations(G, actor=actor_id, kinds=kinds or None)
    if fmt == "json":
        _emit(to_json(rows))
        return
    if fmt == "csv":
        for row in rows:
            row["quotes"] = [e["quote"] for e in row["evidence"]]
        _emit(
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
        _emit(
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
            _emit(
                f"{row['source_name']} {row['type']} {row['target_name']}"
                + (f" ({note})" if note else "")
            )
            lines = evidence_lines(row["evidence"], "    ") or ["    (no evidence given)"]
            _emit("\n".join(lines))
    _emit(f"\n{len(rows)} of {G.number_of_edges()} relations")


def _influence_command(name: str, backwards: bool):
    verb = "is influenced by" if backwards else "influences"

    @cli.command(
        name,
        context_settings=CONTEXT,
        short_help=f"Rank the actors ACTOR {verb}, each with its strongest chain.",
    )
    @click.argument("actor")
    @click.option(
        "--depth",
        type=click.IntRange(min=1),
        default=None,
        help="At most this many steps per chain (default: no limit).",
    )
    @click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the first N.")
    @evidence_option(True)
    @data_options
    @filter_options
    @format_option
    def command(actor, depth, top, evidence, data, strict, types, statuses, fmt):
        _, G = _load(data, strict, types, statuses)
        actor_id = resolve_actor(G, actor)
        search = influenced_by_chains if backwards else influence_chains
        chains = search(G, actor_id, depth=depth)
        total = len(chains)
        chains = chains[:top] if top else chains
        other = (lambda c: c.actors[0]) if backwards else (lambda c: c.actors[-1])
        rows = [
            {
                "rank": i,
                "actor": other(c),
                "name": G.nodes[other(c)]["name"],
                "strength": c.strength,
                "hops": c.hops,
                "chain": c,
            }
            for i, c in enumerate(chains, 1)
        ]
        if fmt == "json":
            _emit(
                to_json(
                    {
                        "actor": {"id": actor_id, "name": G.nodes[actor_id]["name"]},
                        "direction": "influenced_by" if backwards else "influences",
                        "depth": depth,
                        "count": total,
                        "results": [
                            {
                                **{k: r[k] for k in ("rank", "actor", "name", "strength", "hops")},
                                "chain": r["chain"].as_dict(G),
                            }
                            for r in rows
                        ],
                    }
                )
            )
            return
        if fmt == "csv":
            for r in rows:
                chain = r.pop("chain")
                r["chain"] = chain.text(G)
                r["relations"] = [s.relation for s in chain.steps]
            _emit(to_csv(rows, ["rank", "actor", "name", "strength", "hops", "chain", "relations"]))
            return
        title = G.nodes[actor_id]["name"]
        if not rows:
            what = "influences" if backwards else "is influenced by"
            _emit(
                f"No actor {what} {title} through relations that carry influence"
                + (f" within {depth} steps." if depth else ".")
            )
            return
        head = f"Who influences {title}" if backwards else f"Whom {title} influences"
        _emit(
            f"{head}: {total} actor{'s' if total != 1 else ''}, strongest chain first"
            + (f" (showing {len(rows)})" if len(rows) < total else "")
        )
        _emit(
            "strength = product of the influence of each relation along the chain "
            "(1 = total control; see 'actorgraph types')\n"
        )
        for r in rows:
            steps = f"{r['hops']} step{'s' if r['hops'] != 1 else ''}"
            _emit(f"{r['rank']:>2}. {r['name']} — strength {number(r['strength'])}, {steps}")
            _emit("\n".join(chain_block(G, r["chain"], "    ", evidence)))

    command.help = f"""Rank the actors ACTOR {verb}, each with its strongest chain.

    A chain's strength is the product of its relations' influence (a property of each
    relation type: directs 0.9, threatens 0.4, targets 0.3…). Relations that carry no
    influence are not followed; symmetric ones are followed both ways.

    \b
    Example:
      actorgraph {name} {'"Green Zone"' if backwards else "Iran"}
      actorgraph {name} {"Kadhimi" if backwards else "Khazali"} --depth 2 --no-evidence
    """
    return command


_influence_command("influence", backwards=False)
_influence_command("influenced-by", backwards=True)


@cli.command(context_settings=CONTEXT)
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
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Most chains --all shows.",
)
@evidence_option(None)
@data_options
@filter_options
@format_option
def path(
    source, target, every, depth, undirected, limit, evidence, data, strict, types, statuses, fmt
):
    """Show the shortest chain of relations from SOURCE to TARGET, with the evidence for each step.

    Relations are followed in their direction (symmetric types both ways) unless
    --undirected is given. "No chain" is an answer, not an error.

    \b
    Example:
      actorgraph path Iran "US Embassy"
      actorgraph path "Iraqi lawmakers" Khazali --undirected
      actorgraph path Iran "Taji base" --all --depth 3
    """
    _, G = _load(data, strict, types, statuses)
    a, b = resolve_actor(G, source), resolve_actor(G, target)
    if every:
        chains = all_chains(G, a, b, depth=depth, undirected=undirected)
    else:
        one = shortest_chain(G, a, b, undirected=undirected) if a != b else None
        chains = [one] if one else []
    total = len(chains)
    shown = chains[:limit]
    if fmt == "json":
        _emit(
            to_json(
                {
                    "from": a,
                    "to": b,
                    "undirected": undirected,
                    "all": every,
                    "depth": depth if every else None,
                    "found": total,
                    "chains": [c.as_dict(G) for c in shown],
                }
            )
        )
        return
    if fmt == "csv":
        rows = [
            {
                "rank": i,
                "hops": c.hops,
                "strength": c.strength,
                "chain": c.text(G),
                "relations": [s.relation for s in c.steps],
            }
            for i, c in enumerate(shown, 1)
        ]
        _emit(to_csv(rows, ["rank", "hops", "strength", "chain", "relations"]))
        return
    na, nb = G.nodes[a]["name"], G.nodes[b]["name"]
    how = "in any direction" if undirected else "following relations in their direction"
    if a == b:
        _emit(f"{na} and {nb} are the same actor.")
        return
    if not chains:
        within = f" within {depth} steps" if every else ""
        hint = "" if undirected else "; try --undirected"
        _emit(f"No chain of relations leads from {na} to {nb}{within} ({how}{hint}).")
        return
    show_evidence = evidence if evidence is not None else not every
    if every:
        _emit(
            f"{total} chain{'s' if total != 1 else ''} from {na} to {nb} of at most {depth} "
            f"steps ({how})" + (f"; showing {len(shown)}" if len(shown) < total else "") + "\n"
        )
    else:
        steps = f"{chains[0].hops} step{'s' if chains[0].hops != 1 else ''}"
        _emit(f"Shortest chain from {na} to {nb}: {steps} ({how})\n")
    for i, chain in enumerate(shown, 1):
        lines = chain_block(G, chain, "    " if every else "  ", show_evidence)
        if every:
            lines[0] = f"{i:>3}. " + lines[0].lstrip()
        _emit("\n".join(lines))


@cli.command(context_settings=CONTEXT, name="centrality")
@click.option(
    "--measure",
    "measures",
    multiple=True,
    type=click.Choice(MEASURES),
    help="Measure to compute (repeatable; default: all). The first one sorts the table.",
)
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the top N actors.")
@data_options
@filter_options
@format_option
def centrality_command(measures, top, data, strict, types, statuses, fmt):
    """Rank actors by degree, betweenness, closeness, PageRank and eigenvector centrality.

    Measures are computed by networkx on the actor network: one link from A to B when any
    relation goes from A to B (symmetric types count both ways).

    \b
    Example:
      actorgraph centrality
      actorgraph centrality --measure betweenness --top 5
      actorgraph centrality --type directs --type leads --format csv
    """
    _, G = _load(data, strict, types, statuses)
    chosen = list(measures) or list(MEASURES)
    result = centrality(G, chosen)
    sort_by = next((m for m in (chosen if measures else ["pagerank"]) if m in result.scores), None)
    order = [n for n, _ in result.ranking(sort_by)] if sort_by else list(G)
    order = order[:top] if top else order
    present = [m for m in chosen if m in result.scores]
    rows = [
        {"id": n, "name": G.nodes[n]["name"], **{m: result.scores[m][n] for m in present}}
        for n in order
    ]
    if fmt == "json":
        _emit(
            to_json(
                {
                    "actors": G.number_of_nodes(),
                    "relations": G.number_of_edges(),
                    "sorted_by": sort_by,
                    "meanings": {m: MEANINGS[m] for m in chosen},
                    "undefined": result.undefined,
                    "scores": rows,
                }
            )
        )
        return
    if fmt == "csv":
        _emit(to_csv(rows, ["id", "name", *present]))
        return
    _emit(
        f"Centrality of {G.number_of_nodes()} actors over {G.number_of_edges()} relations"
        + (f", sorted by {sort_by}" if sort_by else "")
        + "\n"
    )
    for m in chosen:
        _emit(
            wrap(
                f"{m}: {MEANINGS[m]}"
                + (f" — not defined here: {result.undefined[m]}" if m in result.undefined else ""),
                "",
                100,
            )
        )
    _emit("")
    _emit(table(rows, [("name", "ACTOR")] + [(m, m.upper()) for m in present]))


@cli.command(context_settings=CONTEXT, name="neighbors")
@click.argument("actor")
@evidence_option(False)
@data_options
@filter_options
@format_option
def neighbors_command(actor, evidence, data, strict, types, statuses, fmt):
    """Show ACTOR's relations, outgoing, incoming and mutual, grouped by type.

    \b
    Example:
      actorgraph neighbors Iran
      actorgraph neighbors "PMU militias" --evidence
    """
    _, G = _load(data, strict, types, statuses)
    actor_id = resolve_actor(G, actor)
    result = neighbors(G, actor_id)
    if fmt == "json":
        _emit(to_json(result))
        return
    if fmt == "csv":
        rows = [
            {"direction": group, **r}
            for group in ("outgoing", "incoming", "mutual")
            for records in result[group].values()
            for r in records
        ]
        _emit(
            to_csv(
                rows,
                [
                    "direction",
                    "type",
                    "source",
                    "target",
                    "status",
                    "when",
                    "claimed_by",
                    "disputed_by",
                    "id",
                ],
            )
        )
        return
    info = result["actor"]
    _emit(
        f"{info['name']} ({info['kind']})"
        + (f" — also called {', '.join(info['aliases'])}" if info["aliases"] else "")
    )
    if info["description"]:
        _emit(wrap(info["description"], "  "))
    arrows = {"outgoing": "→", "incoming": "←", "mutual": "—"}
    total = 0
    for group in ("outgoing", "incoming", "mutual"):
        if not result[group]:
            continue
        _emit(f"\n{group.capitalize()}:")
        for rtype, records in result[group].items():
            for r in records:
                total += 1
                other = r["target_name"] if r["source"] == actor_id else r["source_name"]
                note = claim_note(G, G.edges[r["source"], r["target"], r["id"]])
                _emit(f"  {rtype:<14} {arrows[group]} {other}" + (f"  ({note})" if note else ""))
                if evidence:
                    _emit(
                        "\n".join(
                            evidence_lines(r["evidence"], "      ") or ["      (no evidence given)"]
                        )
                    )
    if not total:
        _emit("\nNo relations.")


@cli.command(context_settings=CONTEXT)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="How many central actors and chains to show.",
)
@data_options
@filter_options
@format_option
def summary(top, data, strict, types, statuses, fmt):
    """Summarize the dataset: counts, the most central actors, the strongest influence chains.

    \b
    Example:
      actorgraph summary
      actorgraph summary --data mystory.yaml --format json
    """
    _, G = _load(data, strict, types, statuses)
    s = summarize(G, top=top)
    if fmt == "json":
        _emit(to_json(s))
        return
    if fmt == "csv":
        rows = [{"section": "count", "key": k, "value": s[k]} for k in ("actors", "relations")]
        for section in ("by_kind", "by_type", "by_status"):
            rows += [{"section": section, "key": k, "value": v} for k, v in s[section].items()]
        for section in ("top_pagerank", "top_betweenness"):
            rows += [{"section": section, "key": r["id"], "value": r["score"]} for r in s[section]]
        rows += [
            {"section": "strongest_chains", "key": c["text"], "value": c["strength"]}
            for c in s["strongest_chains"]
        ]
        _emit(to_csv(rows, ["section", "key", "value"]))
        return
    _emit(s["title"] or "(untitled dataset)")
    if s["description"]:
        _emit(wrap(s["description"], "  "))
    _emit(f"\nFiles: {', '.join(s['files'])}")
    _emit(f"{s['actors']} actors: " + ", ".join(f"{v} {k}" for k, v in s["by_kind"].items()))
    _emit(f"{s['relations']} relations: " + ", ".join(f"{v} {k}" for k, v in s["by_type"].items()))
    _emit("Status: " + ", ".join(f"{v} {k}" for k, v in s["by_status"].items()))
    if s["date_range"]:
        r = s["date_range"]
        span = r["first"] if r["first"] == r["last"] else f"{r['first']} to {r['last']}"
        if r["open_ended"]:
            span = f"from {r['first']}; some have no end date"
        _emit(f"Dated relations: {s['dated_relations']} ({span})")
    else:
        _emit("Dated relations: none")
    _emit(f"\nMost important by PageRank ({MEANINGS['pagerank']}):")
    _emit(table(s["top_pagerank"], [("name", "ACTOR"), ("score", "PAGERANK")], "  "))
    if s["top_betweenness"]:
        _emit(f"\nBrokers by betweenness ({MEANINGS['betweenness']}):")
        _emit(table(s["top_betweenness"], [("name", "ACTOR"), ("score", "BETWEENNESS")], "  "))
    else:
        _emit("\nBrokers by betweenness: none (no actor lies between two others)")
    if s["strongest_chains"]:
        _emit("\nStrongest chains of influence (two steps or more):")
        for c in s["strongest_chains"]:
            _emit(wrap(f"{number(c['strength'])}  {c['text']}", "  "))


@cli.command(context_settings=CONTEXT, name="types")
@data_options
@format_option
def types_command(data, strict, fmt):
    """List the relation types: built-in and declared, with stance, direction and influence.

    \b
    Example:
      actorgraph types
      actorgraph types --data mystory.yaml --format json
    """
    dataset, G = _load(data, strict)
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
        _emit(to_json(rows))
    elif fmt == "csv":
        _emit(
            to_csv(
                rows, ["name", "stance", "directed", "influence", "used", "origin", "description"]
            )
        )
    else:
        for r in rows:
            r["directed"] = "yes" if r["directed"] else "no (symmetric)"
            r["influence"] = f"{r['influence']:g}"
        _emit(
            table(
                rows,
                [
                    ("name", "TYPE"),
                    ("stance", "STANCE"),
                    ("directed", "DIRECTED"),
                    ("influence", "INFLUENCE"),
                    ("used", "USED"),
                    ("origin", "FROM"),
                    ("description", "MEANING"),
                ],
            )
        )
