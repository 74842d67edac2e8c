"""The ``actorgraph`` command line: parse arguments, call one library function, print the result.

The group and shared options live in :mod:`graph.cli.base`; each module registers its commands.
A command's module is imported only when that command runs (or when help lists them all), so
that a quick question does not pay for the modules of drawing, briefing or balance.
"""

from graph.cli.base import cli

__all__ = ["COMMANDS", "cli", "main"]

#: Each command, and the module of graph.cli that registers it.
COMMANDS = {
    "actors": "data_commands",
    "balance": "balance_commands",
    "blocs": "structure_commands",
    "brief": "brief_commands",
    "centrality": "measure_commands",
    "changes": "time_commands",
    "claims": "time_commands",
    "influence": "query_commands",
    "influenced-by": "query_commands",
    "key-players": "structure_commands",
    "neighbors": "query_commands",
    "path": "query_commands",
    "relations": "data_commands",
    "render": "render_commands",
    "summary": "measure_commands",
    "timeline": "time_commands",
    "types": "data_commands",
    "validate": "data_commands",
    "whatif": "structure_commands",
}

cli.lazy_commands.update(COMMANDS)


def main() -> None:
    """The console entry point (``actorgraph``, ``python -m graph``, ``python cli.py``).

    It runs the command, flushes its output, then ends the process at once: freeing a large
    graph object by object at interpreter exit would take longer than many commands (a
    quarter of a second for 100,000 relations). Every file a command writes is complete
    (and atomically in place) before the command returns.
    """
    import os
    import sys

    try:
        cli(prog_name="actorgraph")
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):  # `actorgraph relations | head`
            code = code or 1
    os._exit(code)
