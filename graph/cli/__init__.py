"""The ``actorgraph`` command line: parse arguments, call one library function, print the result.

The group and shared options live in :mod:`graph.cli.base`; each module registers its commands.
A command's module is imported only when that command runs (or when help lists them all), so
that a quick question does not pay for the modules of drawing, briefing or balance.
"""

from graph.cli.base import cli

__all__ = ["COMMANDS", "cli"]

#: Each command, and the module of graph.cli that registers it.
COMMANDS = {
    "actors": "data_commands",
    "balance": "balance_command",
    "blocs": "keyplayer_commands",
    "brief": "brief_command",
    "centrality": "measure_commands",
    "changes": "time_commands",
    "claims": "time_commands",
    "influence": "query_commands",
    "influenced-by": "query_commands",
    "key-players": "keyplayer_commands",
    "neighbors": "query_commands",
    "path": "query_commands",
    "relations": "data_commands",
    "render": "render_command",
    "summary": "measure_commands",
    "timeline": "time_commands",
    "types": "data_commands",
    "validate": "data_commands",
    "whatif": "keyplayer_commands",
}

cli.lazy_commands.update(COMMANDS)
