"""Run actorgraph from a checkout without installing it: ``python cli.py --help``."""

from graph.cli import cli

if __name__ == "__main__":
    cli(prog_name="actorgraph")
