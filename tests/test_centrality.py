"""Centrality against references: the Florentine families, networkx, hand-worked cases."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from graph.analysis.centrality import MEASURES, centrality
from graph.dataset.build import build_graph
from graph.dataset.load import load_text


def florentine_yaml() -> str:
    """Padgett's Florentine marriage network, written as an actorgraph dataset."""
    F = nx.florentine_families_graph()
    ids = {n: n.lower() for n in F}
    lines = [
        "title: Florentine families (Padgett & Ansell 1993)",
        "relation_types:",
        "  marriage: {description: married into, stance: cooperative, directed: false,"
        " influence: 0.5}",
        "actors:",
    ]
    lines += [f"  - {{id: {ids[n]}, name: {n}, kind: family}}" for n in F]
    lines.append("relations:")
    lines += [f"  - {{source: {ids[u]}, target: {ids[v]}, type: marriage}}" for u, v in F.edges]
    return "\n".join(lines) + "\n"


@pytest.fixture
def florentine(write):
    return write("florentine.yaml", florentine_yaml())


def test_medici_betweenness_is_the_published_0_522(florentine, run):
    # Padgett & Ansell (1993): the Medici broker the marriage network; normalized
    # betweenness 0.522 on the 15 connected families.
    result = run("centrality", "--data", florentine, "--measure", "betweenness", "--format", "json")
    assert result.exit_code == 0, result.stderr
    scores = {r["id"]: r["betweenness"] for r in json.loads(result.stdout)["scores"]}
    assert round(scores["medici"], 3) == 0.522
    assert max(scores, key=scores.get) == "medici"


def test_every_measure_equals_networkx_on_the_undirected_florentine_graph(florentine):
    from graph.dataset.load import load_dataset

    G = build_graph(load_dataset([florentine]))
    ours = centrality(G)
    F = nx.florentine_families_graph()
    reference = {
        "in_degree": nx.degree_centrality(F),
        "out_degree": nx.degree_centrality(F),
        "betweenness": nx.betweenness_centrality(F),
        "closeness": nx.closeness_centrality(F),
        "pagerank": nx.pagerank(F),
        "eigenvector": nx.eigenvector_centrality(F, max_iter=1000),
    }
    assert ours.undefined == {}
    for measure, ref in reference.items():
        tol = 1e-5 if measure in ("pagerank", "eigenvector") else 1e-12  # iterative methods
        for family, value in ref.items():
            assert ours.scores[measure][family.lower()] == pytest.approx(value, abs=tol), measure


def test_directed_path_worked_by_hand():
    # a → b → c. Betweenness of b: one ordered pair (a, c) of (n-1)(n-2) = 2 → 0.5.
    # Outward closeness of a: reaches 2 of 2 others at distances 1 + 2 → (2/2)·(2/3) = 0.667.
    # In-degree of c: 1 of 2 others → 0.5.
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="r1", directed=True)
    G.add_edge("b", "c", key="r2", directed=True)
    G.add_edge("b", "c", key="r3", directed=True)  # a parallel relation changes nothing
    c = centrality(G)
    assert c.scores["betweenness"] == {"a": 0.0, "b": 0.5, "c": 0.0}
    assert c.scores["closeness"]["a"] == pytest.approx(2 / 3)
    assert c.scores["closeness"]["c"] == 0.0
    assert c.scores["in_degree"] == {"a": 0.0, "b": 0.5, "c": 0.5}
    assert "eigenvector" in c.undefined and "reachable" in c.undefined["eigenvector"]


@pytest.mark.parametrize("seed", range(6))
def test_directed_measures_equal_networkx_on_random_multigraphs(seed):
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    simple = nx.DiGraph()
    for i in range(12):
        G.add_node(i)
        simple.add_node(i)
    for k in range(40):
        u, v = rng.sample(range(12), 2)
        directed = rng.random() < 0.7
        G.add_edge(u, v, key=k, directed=directed)
        simple.add_edge(u, v)
        if not directed:
            simple.add_edge(v, u)
    ours = centrality(G)
    assert ours.scores["betweenness"] == pytest.approx(nx.betweenness_centrality(simple))
    assert ours.scores["closeness"] == pytest.approx(nx.closeness_centrality(simple.reverse()))
    assert ours.scores["pagerank"] == pytest.approx(nx.pagerank(simple), abs=1e-6)
    assert ours.scores["out_degree"] == pytest.approx(nx.out_degree_centrality(simple))


def test_every_actor_gets_every_defined_measure(seed_graph):
    c = centrality(seed_graph)
    for measure in MEASURES:
        if measure in c.undefined:
            continue
        assert set(c.scores[measure]) == set(seed_graph)
    # The seed network is not strongly connected: eigenvector centrality says why.
    assert "eigenvector" in c.undefined


def test_centrality_cli_explains_each_measure(run, seed_path):
    result = run("centrality", "--data", seed_path, "--top", "3")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())
    for line in ("betweenness: how often", "pagerank: attention received", "not defined here",
                 "3 places not ranked"):  # fmt: skip
        assert line in words
    table_lines = result.stdout.strip().splitlines()[-4:]
    assert table_lines[0].startswith("ACTOR") and len(table_lines) == 4


def test_a_single_actor_is_not_an_error():
    G = build_graph(load_text("actors: [{id: a, name: A, kind: state}]\n"))
    c = centrality(G)
    assert c.scores["betweenness"] == {"a": 0.0} and "eigenvector" in c.undefined
