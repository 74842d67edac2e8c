"""Run actorgraph from a checkout without installing it: ``python cli.py --help``."""

from graph.cli import main

if __name__ == "__main__":
    main()
