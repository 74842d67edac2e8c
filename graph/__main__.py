"""``python -m graph``: the actorgraph command line."""

from graph.cli import cli

if __name__ == "__main__":
    cli(prog_name="actorgraph")
