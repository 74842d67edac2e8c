"""What every actorgraph command shares: the group, the error boundary, options, loading."""

from __future__ import annotations

import functools
import importlib
import os
import sys
from pathlib import Path

import click

from graph._version import __version__
from graph._words import count, did_you_mean
from graph.analysis.engine import ENGINE, check_backend
from graph.analysis.selection import COUNT_CLAIMS, Selection, select
from graph.cli.text import Csv, shown, to_csv, to_json
from graph.dataset.dates import PartialDate, parse_partial_date
from graph.dataset.load import bundled_dataset_path
from graph.dataset.model import STATUSES
from graph.dataset.vocabulary import STANCES
from graph.errors import ActorGraphError, ActorNotFoundError, DataError, OutputError
from graph.progress import set_quiet

__all__ = [
    "CONTEXT",
    "DateType",
    "all_kinds_option",
    "backend_option",
    "cli",
    "data_options",
    "dataset_paths",
    "emit",
    "emit_data",
    "evidence_option",
    "filter_options",
    "format_option",
    "load_data",
    "left_out_note",
    "load_view",
    "say_cache_off",
    "top_option",
    "use_cache",
    "view_options",
]

#: Problems printed per file; past this many, the rest are counted, not listed.
MAX_PROBLEMS_SHOWN = 500

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# -- the error boundary -------------------------------------------------------------------------


#: What the command line adds to a problem of a kind, at its boundary (the library's messages
#: do not send a notebook user to a terminal).
_HINTS = {"no-such-file": ", or run 'actorgraph validate' with --data pointing at your YAML file"}


class _DataProblems(click.ClickException):
    """Every problem of the dataset, one per line, then the count."""

    def __init__(self, error: DataError):
        super().__init__(error.summary())
        self.error = error

    def show(self, file=None) -> None:
        counted: dict[str, int] = {}
        for problem in self.error.problems:
            counted[problem.file] = counted.get(problem.file, 0) + 1
            if counted[problem.file] <= MAX_PROBLEMS_SHOWN:
                hint = _HINTS.get(problem.code, "")
                click.echo(shown(str(problem)) + hint, err=True)
        for name, n in counted.items():
            if n > MAX_PROBLEMS_SHOWN:
                click.echo(
                    f"{name}: … and {n - MAX_PROBLEMS_SHOWN} more problems like these, "
                    "not shown; fix these first",
                    err=True,
                )
        click.echo(f"actorgraph: {self.error.summary()}", err=True)


class _Said(click.ClickException):
    """An error said in one line as the program's own words: ``actorgraph: cannot write …``."""

    def show(self, file=None) -> None:
        click.echo(f"actorgraph: {shown(self.format_message())}", err=True)


class _Group(click.Group):
    """The command group: commands registered on first use, and the error boundary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: command name -> module of graph.cli that registers it, imported when first needed
        self.lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in self.lazy_commands:
            importlib.import_module(f"graph.cli.{self.lazy_commands[name]}")
        return super().get_command(ctx, name)

    def resolve_command(self, ctx: click.Context, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            ctx.fail(f"no command is called '{name}'{did_you_mean(name, known)}; "
                     f"'actorgraph --help' lists them")  # fmt: skip
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DataError as exc:
            raise _DataProblems(exc) from None
        except OutputError as exc:
            raise _Said(str(exc)) from None
        except ActorNotFoundError as exc:
            hint = "" if exc.candidates else "; 'actorgraph actors' lists them"
            raise click.ClickException(f"{exc}{hint}") from None
        except ActorGraphError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `actorgraph relations | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)


# -- shared options ---------------------------------------------------------------------------------


def _no_cache(ctx: click.Context, param, value: bool) -> None:
    if value:
        ctx.meta["actorgraph.no_cache"] = True


def use_cache() -> bool:
    """False when the running command was given --no-cache."""
    ctx = click.get_current_context(silent=True)
    return not (ctx is not None and ctx.meta.get("actorgraph.no_cache"))


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
    @click.option(
        "--no-cache",
        is_flag=True,
        expose_value=False,
        callback=_no_cache,
        help="Read and validate the files again instead of using the cache of an earlier "
        "load of the same, unchanged files.",
    )
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


class DateType(click.ParamType):
    """A YYYY, YYYY-MM or YYYY-MM-DD option value."""

    name = "date"

    def convert(self, value, param, ctx):
        if value is None or isinstance(value, PartialDate):
            return value
        try:
            return parse_partial_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def filter_options(f):
    """--type, --status, --as-of, --since, --until and --perspective: which relations to keep.

    The command receives them together as ``selection`` (a :class:`graph.analysis.selection.Selection`
    whose perspective is still the name given on the command line)."""

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
    @click.option(
        "--as-of",
        "as_of",
        type=DateType(),
        metavar="DATE",
        help="Keep relations in force then (YYYY, YYYY-MM or YYYY-MM-DD; a month or a "
        "year means any time in it). Undated relations are always kept.",
    )
    @click.option(
        "--since",
        type=DateType(),
        metavar="DATE",
        help="Keep relations in force at some time from DATE on (undated ones too).",
    )
    @click.option(
        "--until",
        type=DateType(),
        metavar="DATE",
        help="Keep relations in force at some time up to DATE (undated ones too).",
    )
    @click.option("--perspective", metavar="ACTOR",
                  help="The network as ACTOR tells it: confirmed relations and those it "
                  "claims (weighing fully), without those it disputes.")  # fmt: skip
    @click.option(
        "--stance",
        "stances",
        multiple=True,
        type=click.Choice(STANCES),
        help="Keep only relations of this stance (repeatable).",
    )
    @click.option(
        "--count-claims",
        type=click.Choice(COUNT_CLAIMS),
        default="weighted",
        show_default=True,
        help="How relations that are not confirmed weigh in measures: weighted (the dataset's "
        "status weights; by default alleged 0.5, denied 0.25), confirmed (only confirmed "
        "relations count), all (claims count as facts). Refuted relations never count. "
        "--status selects relations; this weighs them.",
    )
    @functools.wraps(f)
    def wrapper(*args, types, statuses, as_of, since, until, perspective, stances, count_claims,
                **kwargs):  # fmt: skip
        if since is not None and until is not None and until.last < since.first:
            raise click.UsageError(f"--until {until} is before --since {since}")
        kwargs["selection"] = Selection(tuple(types), tuple(statuses), as_of, since, until,
                                        perspective, tuple(stances), count_claims)  # fmt: skip
        return f(*args, **kwargs)

    return wrapper


def view_options(f):
    """--focus and --depth: which part of the network a picture or a briefing shows."""

    @click.option(
        "--focus", "focus_on", metavar="ACTOR", help="Only this actor and its neighbourhood."
    )
    @click.option(
        "--depth",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="With --focus: how many relations away from the actor to include.",
    )
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def _check_backend(ctx: click.Context, param, value: str | None) -> str | None:
    if value is not None:
        check_backend(value)  # an unknown name stops here, before the data is loaded
    return value


def backend_option(what: str = "betweenness and closeness"):
    """--backend NAME: who computes the heavy measures (see :mod:`graph.analysis.engine`)."""
    return click.option(
        "--backend",
        metavar="NAME",
        default=None,
        callback=_check_backend,
        help=f"Who computes {what}. Default: the compiled engines "
        f"({ENGINE}; networkit for closeness), with networkx's values. 'networkx': networkx's "
        "own reference "
        "implementation (pure Python, slow on big networks). Any other name: an installed "
        "networkx backend, through networkx's dispatch (e.g. nx-cugraph on a GPU machine).",
    )


def all_kinds_option(f):
    """--all-kinds: rank places and events too (rankings rank agents, which act)."""
    return click.option(
        "--all-kinds",
        is_flag=True,
        help="Rank places and events too (by default only agents are ranked: places and "
        "events do not act, and are counted as left out).",
    )(f)


def left_out_note(
    left_out: dict[str, int], lead: str = "", fate: str = "not ranked (--all-kinds ranks them)"
) -> str:
    """``3 places not ranked (--all-kinds ranks them).`` for what a ranking left out."""
    if not left_out:
        return ""
    parts = [count(n, cls) for cls, n in sorted(left_out.items())]
    return f"{lead}{' and '.join(parts)} {fate}."


def top_option(default: int | None, help: str):
    """--top N, with this command's default and meaning."""
    return click.option("--top", type=click.IntRange(min=1), default=default,
                        show_default=default is not None, help=help)  # fmt: skip


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


def dataset_paths(data: tuple[str, ...]) -> list[str]:
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


def load_data(data, strict, selection: Selection | None = None, say_notes: bool = True):
    """Load and validate the dataset (warnings on stderr), build the graph and apply the
    selection. Returns (dataset, graph, notes saying what the selection left out); the notes
    are also said on stderr unless ``say_notes`` is false (a page or a briefing shows them).

    The load goes through the cache of earlier loads of the same, unchanged files
    (:mod:`graph.dataset.cache`) unless --no-cache was given; warnings are said either way."""
    import gc

    from graph.dataset.cache import load_and_build

    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        # The command keeps what it loads to its end: the garbage collector need not walk it.
        ctx.call_on_close(gc.unfreeze)
    dataset, G = load_and_build(
        dataset_paths(data), strict=strict, cache=use_cache(), freeze=ctx is not None
    )
    say_cache_off()
    if dataset.warnings:
        for warning in dataset.warnings:
            click.echo(shown(str(warning)), err=True)
        n = len(dataset.warnings)
        click.echo(
            f"actorgraph: {n} warning{'s' if n != 1 else ''} (analysis goes on; --strict makes "
            "them errors)",
            err=True,
        )
    if selection is None:
        return dataset, G, []
    view = select(G, selection)
    if say_notes:
        for note in view.notes:
            click.echo(f"actorgraph: {shown(note)}", err=True)
    return dataset, view.graph, list(view.notes)


def say_cache_off() -> None:
    """When the cache turned itself off (its folder open to others, another owner's, not to
    be made), say so with the fix: otherwise every load is slow for no visible reason."""
    from graph.dataset.cache import last_load

    report = last_load()
    if use_cache() and report is not None and (report.note or "").startswith("no cache:"):
        click.echo(f"actorgraph: {shown(report.note)} (the command goes on without it)", err=True)


def emit(text: str) -> None:
    """Print one result on stdout, control characters from the data shown escaped (CSV is
    printed as it is: its cells are neutralised instead)."""
    click.echo(text if isinstance(text, Csv) else shown(text))


def emit_data(result, fmt: str) -> bool:
    """Print an analysis result as JSON (its ``as_dict()``) or CSV (its ``rows()`` under its
    ``columns``) when ``fmt`` asks for one; ``False`` when a table is wanted instead."""
    if fmt == "json":
        emit(to_json(result.as_dict()))
    elif fmt == "csv":
        emit(to_csv(result.rows(), result.columns))
    else:
        return False
    return True


@click.group(cls=_Group, context_settings=CONTEXT, invoke_without_command=True)
@click.version_option(__version__, "--version", prog_name="actorgraph")
@click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: value and set_quiet(True),
              help="No progress bars (they are drawn on stderr only when it is a terminal).")  # fmt: skip
@click.pass_context
def cli(ctx: click.Context):
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
    if ctx.invoked_subcommand is None:  # `actorgraph` alone: the help, not an error
        click.echo(ctx.get_help())


def load_view(data, strict, selection: Selection, focus_on, depth):
    """What render and brief draw: the graph loaded and selected, --focus applied, actors
    left without relations hidden. Returns (the :class:`~graph.analysis.selection.View`, the
    file stem: the first dataset's name, plus the focus actor's id)."""
    paths = dataset_paths(data)
    _, G, _ = load_data(tuple(paths), strict)
    view = select(G, selection, focus=focus_on, depth=depth, hide_isolated=True)
    return view, Path(paths[0]).stem + (f"-{view.focus}" if view.focus else "")
