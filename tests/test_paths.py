"""Paths between actors: shortest chains, all chains, direction, and the seed story."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.paths import all_chains, shortest_chain
from graph.dataset.build import build_graph
from graph.dataset.load import load_text

SMALL = """
actors:
  - {id: us, name: United States, kind: state}
  - {id: iran, name: Iran, kind: state}
  - {id: pmu, name: PMU, kind: armed_group}
  - {id: embassy, name: Embassy, kind: facility}
  - {id: isis, name: ISIS, kind: armed_group}
relations:
  - {source: us, target: iran, type: accuses}
  - {source: iran, target: pmu, type: directs}
  - {source: pmu, target: embassy, type: targets, status: denied}
  - {source: pmu, target: embassy, type: targets}
  - {source: pmu, target: embassy, type: threatens, status: alleged}
  - {source: isis, target: iran, type: rivals}
"""


@pytest.fixture
def small():
    return build_graph(load_text(SMALL))


def test_shortest_chain_follows_direction(small):
    chain = shortest_chain(small, "us", "embassy")
    assert chain.actors == ("us", "iran", "pmu", "embassy")
    assert shortest_chain(small, "embassy", "us") is None


def test_the_best_attested_parallel_relation_stands_for_a_step(small):
    # Three relations join pmu and embassy: confirmed targets beats denied targets and alleged
    # threatens, although threatens carries more influence.
    step = shortest_chain(small, "pmu", "embassy").steps[0]
    assert (step.type, step.status) == ("targets", "confirmed")


def test_symmetric_relations_are_walked_both_ways(small):
    # "isis rivals iran" is symmetric: Iran reaches ISIS without --undirected.
    chain = shortest_chain(small, "us", "isis")
    assert chain.actors == ("us", "iran", "isis")
    assert chain.steps[1].forward is False


def test_undirected_ignores_direction(small):
    chain = shortest_chain(small, "embassy", "us", undirected=True)
    assert chain.actors == ("embassy", "pmu", "iran", "us")
    assert [s.forward for s in chain.steps] == [False, False, False]
    assert chain.text(small).startswith("Embassy ←targets— PMU")


def test_all_chains_match_networkx_simple_paths(small):
    D = nx.Graph([(u, v) for u, v in small.edges()])
    for depth in (1, 2, 3, 4):
        ours = [c.actors for c in all_chains(small, "us", "embassy", depth=depth, undirected=True)]
        ref = sorted(tuple(p) for p in nx.all_simple_paths(D, "us", "embassy", cutoff=depth))
        assert sorted(ours) == ref


def test_shortest_chain_length_equals_networkx_on_the_seed(seed_graph):
    from graph.dataset.build import actor_network

    D = actor_network(seed_graph)
    lengths = dict(nx.all_pairs_shortest_path_length(D))
    for a in seed_graph:
        for b in seed_graph:
            if a == b:
                continue
            chain = shortest_chain(seed_graph, a, b)
            if b in lengths[a]:
                assert chain is not None and chain.hops == lengths[a][b]
            else:
                assert chain is None


def test_path_cli_no_path_is_an_answer(run, write):
    path = write("small.yaml", SMALL)
    result = run("path", "Embassy", "United States", "--data", path)
    assert result.exit_code == 0
    assert result.stdout.startswith("No chain of relations leads from Embassy to United States")
    assert "--undirected" in result.stdout


def test_path_cli_shows_each_step_with_its_evidence(run, seed_path):
    result = run("path", "Khazali", "Green Zone", "--data", seed_path)
    assert result.exit_code == 0
    out = result.stdout
    assert "Qais al-Khazali —leads→ PMU militias —targets (denied)→ Green Zone" in out
    assert "“Qais al-Khazali, head of one the Iranian-proxy militias" in out
    assert "denied; disputed by PMU militias" in out


def test_path_cli_all_lists_every_chain(run, seed_path):
    result = run(
        "path", "iran", "taji", "--all", "--depth", "5", "--data", seed_path, "--format", "json"
    )
    assert result.exit_code == 0
    import json

    data = json.loads(result.stdout)
    assert data["found"] == len(data["chains"]) >= 1
    assert all(c["actors"][0] == "iran" and c["actors"][-1] == "taji_base" for c in data["chains"])
    assert all(c["hops"] <= 5 for c in data["chains"])
