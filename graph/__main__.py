"""``python -m graph``: the actorgraph command line."""

from graph.cli import main

if __name__ == "__main__":
    main()
