"""The ``actorgraph`` command line: parse arguments, call one library function, print the result.

The group and shared options live in :mod:`graph.cli.base`; each module registers its commands.
"""

from graph.cli import (  # noqa: F401  (importing a module registers its commands)
    balance_command,
    brief_command,
    data_commands,
    keyplayer_commands,
    measure_commands,
    query_commands,
    render_command,
    time_commands,
)
from graph.cli.base import cli

__all__ = ["cli"]
