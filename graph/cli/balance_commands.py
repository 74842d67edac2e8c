"""The balance command: camps of friends and enemies, and the ties and triads that break them."""

from __future__ import annotations

import click

from graph.analysis.balance import EXACT_LIMIT, MAX_AUTO_CAMPS, PATTERN_MEANINGS, balance_report
from graph.analysis.records import actor_name
from graph.cli import base
from graph.cli.base import cli, emit
from graph.cli.text import count, table, wrap, wrap_parts

#: Unbalanced triads the table shows; JSON lists them all.
TRIADS_SHOWN = 20


class _Camps(click.ParamType):
    """A number of camps ≥ 1, or ``auto``."""

    name = "K|auto"

    def convert(self, value, param, ctx):
        if isinstance(value, int) or value == "auto":
            return value
        text = str(value).strip().casefold()
        if text == "auto":
            return "auto"
        try:
            k = int(text)
        except ValueError:
            self.fail(f"{value!r} is neither a whole number of camps nor 'auto'", param, ctx)
        if k < 1:
            self.fail(f"{k} camps: there must be at least one", param, ctx)
        return k


@cli.command()
@click.option(
    "--camps",
    type=_Camps(),
    default="2",
    show_default=True,
    help="How many camps: 2 (Harary's balance), any number K ≥ 1 (at most K camps), or auto "
    f"(Davis's clusterability: the number from 1 to {MAX_AUTO_CAMPS} that violates fewest "
    "ties, the smallest on a tie).",
)
@base.all_kinds_option
@base.data_options
@base.filter_options
@base.format_option
def balance(camps, all_kinds, data, strict, selection, fmt):
    """Structural balance: split the actors into camps of friends hostile to one another.

    Only agents take sides: places and events are left out (--all-kinds keeps them). Claims
    weighing less than half are left out (by default denied and refuted relations; alleged
    ones count, marked: --count-claims all counts every claim, --count-claims confirmed none).
    Cooperative relations are positive ties, hostile ones negative; neutral ones are left out,
    and direction does not matter. Several relations between two actors make one tie, positive
    when the cooperative ones outnumber the hostile ones and negative otherwise (an even split
    counts as hostile). A network is balanced when two camps keep every positive tie inside a
    camp and every negative tie between camps ("the enemy of my enemy is my friend").

    The answer is the partition into at most K camps that violates the fewest ties (a positive
    tie between camps or a negative one inside a camp: the frustration index for two camps),
    found exactly by an integer program for parts of the network up to
    {limit} actors and by a seeded local search beyond; the output says which, lists the
    violated ties, the unbalanced triads (the friend of a friend is an enemy; three mutual
    enemies) in plain words, and counts the triangles of ties by sign.

    --format csv gives one row per actor: its camp (empty for an actor with no cooperative or
    hostile relation) and how many of its ties the partition violates.

    \b
    Example:
      actorgraph balance
      actorgraph balance --camps auto
      actorgraph balance --camps 3 --status confirmed --format json
    """
    _, G, _ = base.load_data(data, strict, selection)
    report = balance_report(G, camps, all_kinds=all_kinds)
    if base.emit_data(report, fmt):
        return
    result, triads, census = report.partition, report.triads, report.census
    positive, negative, neutral = (result.ties[key] for key in ("positive", "negative", "neutral"))
    name = lambda n: actor_name(G, n)  # noqa: E731
    emit(
        f"Structural balance of {count(G.number_of_nodes(), 'actor')}: "
        f"{count(positive + negative, 'tie')}, {positive} cooperative (+) and {negative} hostile (-)."
    )
    if neutral:
        emit(f"Left out: {count(neutral, 'neutral relation')}.")
    if report.claims_left_out:
        ids = ", ".join(f"{k} ({s})" for k, s in report.claims_left_out)
        emit(wrap(f"Left out as claims weighing less than half: {ids} (--count-claims all "
                  "counts them)."))  # fmt: skip
    if counted := report.counted:
        emit(wrap(f"Counted although claims (marked below): {', '.join(counted)}."))
    if report.kinds_left_out:
        fate = "left out: they take no side (--all-kinds keeps them)"
        emit(wrap(base.left_out_note(report.kinds_left_out, fate=fate)))
    emit("")
    for line in _verdict(result, camps):
        emit(wrap(line, width=100))
    if result.camps:
        emit("")
    listed = [(f"Camp {i} ({len(camp)}):", camp) for i, camp in enumerate(result.camps, 1)]
    if result.unaligned:
        listed.append(("In no camp (no cooperative or hostile relation):", result.unaligned))
    for head, members in listed:
        names = [name(n) + "," for n in members[:-1]] + [name(members[-1])]
        emit("\n".join(wrap_parts([head, *names], "", 100)))
    if report.either:
        said = "; ".join(f"{name(n)} (camp {' or '.join(map(str, c))})" for n, c in report.either)
        emit(wrap(f"Equally good partitions: these actors could sit in another camp without "
                  f"violating one more tie: {said}.", width=100))  # fmt: skip
    if result.explained:
        emit(f"\nViolated ties ({len(result.explained)}):")
        for text in result.explained:
            emit(_hanging(text, "  "))
    triangles = sum(census.values())
    if triads:
        emit(f"\nUnbalanced triads ({len(triads)} of {count(triangles, 'triangle')}):")
        for t in triads[:TRIADS_SHOWN]:
            emit(_hanging(t.text, "  "))
        if len(triads) > TRIADS_SHOWN:
            emit(f"  … and {len(triads) - TRIADS_SHOWN} more (--format json lists them all)")
    emit(f"\nTriangles of ties by sign ({triangles}):")
    rows = [
        {
            "signs": signs,
            "n": census[signs],
            "two": "balanced" if two else "unbalanced",
            "more": "balanced" if more else "unbalanced",
            "meaning": meaning,
        }
        for signs, (meaning, two, more) in PATTERN_MEANINGS.items()
    ]
    columns = [("signs", "SIGNS"), ("n", "TRIANGLES"), ("two", "TWO CAMPS")]
    columns += [("more", "MORE CAMPS"), ("meaning", "MEANING")]
    emit(table(rows, columns, "  "))


balance.help = balance.help.replace("{limit}", str(EXACT_LIMIT))


def _verdict(result, camps) -> list[str]:
    """The sentence saying whether the network is balanced, and the one on the partition."""
    if not result.camps:
        return ["Nothing to balance: no cooperative or hostile relation joins two actors."]
    keeps = "every cooperative tie inside a camp and every hostile tie between camps"
    used = len(result.camps)
    if camps == 2:
        if result.balanced:
            first = f"Balanced: {'two camps keep' if used == 2 else 'one camp keeps'} {keeps}."
        else:
            first = f"Not balanced: no split into two camps keeps {keeps}."
    elif result.balanced:
        first = f"Clusterable (Davis): {used} camps keep {keeps}."
    elif camps == "auto" and max(result.tried) == MAX_AUTO_CAMPS:
        first = f"Not clusterable into {MAX_AUTO_CAMPS} camps or fewer: none keeps {keeps}."
    elif camps == "auto":
        first = f"Not clusterable: no number of camps keeps {keeps}."
    else:
        first = f"Not clusterable into {count(result.k, 'camp')}: no split keeps {keeps}."
    lines = [first]
    if camps == "auto":
        tried = ", ".join(f"{k}: {f}" for k, f in result.tried.items())
        lines.append(
            f"Violated ties by number of camps: {tried}; the fewest, with the fewest camps: "
            f"{count(result.k, 'camp')}."
        )
    partition = (
        f"The best partition into {count(result.k, 'camp')} violates "
        f"{count(result.frustration, 'tie')} ({result.method})"
    )
    if used < result.k:
        partition += f"; it uses only {used} of them"
    lines.append(partition + ".")
    return lines


def _hanging(text: str, indent: str = "") -> str:
    """Wrapped to 100 columns, continuation lines indented two more spaces."""
    first, *rest = wrap(text, indent, 100 - 2).split("\n")
    return "\n".join([first, *(("  " + line) for line in rest)])
