"""Shared fixtures: the seed dataset, a way to write dataset files, and the CLI runner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "actors.yaml"
ARTICLE = ROOT / "data" / "sources" / "seed-article.txt"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The load cache of every test (and of the processes they start) goes to a temporary
    folder, never to the user's own cache."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("ACTORGRAPH_CACHE_DIR")
    os.environ["ACTORGRAPH_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("ACTORGRAPH_CACHE_DIR", None)
    else:
        os.environ["ACTORGRAPH_CACHE_DIR"] = before


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_dataset():
    return load_dataset([SEED])


@pytest.fixture
def seed_graph(seed_dataset):
    return build_graph(seed_dataset)


@pytest.fixture
def write(tmp_path):
    """write("name.yaml", text) -> path; the text is dedented, so tests can indent it."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run():
    """run(*args) -> click Result, with stdout and stderr kept apart."""
    from graph.cli import cli

    runner = CliRunner()

    def _run(*args: str):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return _run


def small_graph(*edges) -> nx.MultiDiGraph:
    """A graph for hand-worked cases: edges are (source, target), (source, target, influence)
    or (source, target, influence, directed); influence defaults to 0.5, direction to True.
    Actors are named by their id in capitals."""
    G = nx.MultiDiGraph()
    for i, e in enumerate(edges):
        u, v = e[:2]
        w = e[2] if len(e) > 2 else 0.5
        directed = e[3] if len(e) > 3 else True
        for n in (u, v):
            G.add_node(n, name=n.upper())
        G.add_edge(u, v, key=f"r{i}", type="t", influence=w, directed=directed, status="confirmed")
    return G
