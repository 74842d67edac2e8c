"""The benchmark's synthetic datasets: reproducible, valid for our loader, and realistic."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graph.dataset.build import actor_network, build_graph
from graph.dataset.load import load_dataset
from graph.dataset.vocabulary import BUILTIN_TYPES, KNOWN_KINDS

SYNTH = Path(__file__).resolve().parent.parent / "bench" / "synth.py"


@pytest.fixture(scope="module")
def synth():
    """bench/synth.py as a module (bench/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_synth", SYNTH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def small(synth, tmp_path_factory):
    """200 actors and 1,000 relations, written and loaded once for the module."""
    path = synth.write_synthetic(tmp_path_factory.mktemp("synth") / "small.yaml", 200, 1000)
    return path, load_dataset([path])


def test_same_seed_same_text(synth):
    assert synth.synthetic_yaml(50, 200, seed=7) == synth.synthetic_yaml(50, 200, seed=7)


def test_other_seed_other_text(synth):
    assert synth.synthetic_yaml(50, 200, seed=7) != synth.synthetic_yaml(50, 200, seed=8)


def test_small_dataset_loads_cleanly_with_exact_counts(small):
    _, dataset = small
    assert len(dataset.actors) == 200
    assert len(dataset.relations) == 1000
    assert dataset.warnings == ()


def test_small_dataset_builds_one_component(small):
    _, dataset = small
    G = build_graph(dataset)
    assert (G.number_of_nodes(), G.number_of_edges()) == (200, 1000)
    assert nx.is_weakly_connected(actor_network(G))


def test_small_dataset_uses_the_whole_format(small):
    _, dataset = small
    relations = dataset.relations
    assert {a.kind for a in dataset.actors.values()} == set(KNOWN_KINDS)
    assert set(BUILTIN_TYPES) <= {r.type for r in relations}
    assert {"confirmed", "alleged", "denied"} == {r.status for r in relations}
    assert any(a.aliases for a in dataset.actors.values())
    assert any(r.claimed_by for r in relations) and any(r.disputed_by for r in relations)
    spans = [r.when for r in relations if r.when]
    assert any(s.date for s in spans) and any(s.start and s.end for s in spans)
    quotes = [e for r in relations for e in r.evidence]
    assert quotes and any(e.side == "dispute" for e in quotes) and any(e.url for e in quotes)


def test_degrees_are_skewed(small):
    """Preferential attachment: the busiest actor has many times the median's relations."""
    _, dataset = small
    degree = Counter()
    for r in dataset.relations:
        degree.update((r.source, r.target))
    ranked = sorted(degree.values(), reverse=True)
    assert ranked[0] >= 4 * ranked[len(ranked) // 2]


def test_command_line_writes_the_same_text(synth, tmp_path, capsys):
    out = tmp_path / "cli.yaml"
    assert synth.main(["30", "90", str(out), "--seed", "3"]) == 0
    assert out.read_text(encoding="utf-8") == synth.synthetic_yaml(30, 90, seed=3)
    assert "30 actors, 90 relations" in capsys.readouterr().out
