"""The compiled engine against networkx's own implementation, on random and tiny networks."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys

import networkx as nx
import pytest

from graph.analysis import engine
from graph.analysis.centrality import centrality
from graph.analysis.engine import (
    Measures,
    betweenness,
    check_backend,
    closeness,
    joined_pairs_without,
)
from graph.analysis.keyplayers import _reach_counts, key_players
from graph.dataset.build import actor_network
from graph.errors import QueryError

TOLERANCE = 1e-9


def random_relations(seed: int, n: int, m: int, *, directed_share=0.7, isolated=0, loops=0):
    """A MultiDiGraph built the way graph.dataset.build builds one: actors with names, one edge per
    relation keyed by its id, with ``directed`` and ``influence``; parallel relations come
    by chance (and on purpose: every fifth relation repeats an earlier pair)."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    actors = [f"a{i}" for i in range(n + isolated)]
    for a in actors:
        G.add_node(a, name=a.upper())
    pairs = []
    for k in range(m):
        if pairs and k % 5 == 4:
            u, v = rng.choice(pairs)
        elif n >= 2:
            u, v = rng.sample(actors[:n], 2)
        else:
            break
        pairs.append((u, v))
        G.add_edge(u, v, key=f"r{k}", type="t", status="confirmed",
                   directed=rng.random() < directed_share,
                   influence=rng.choice([0.25, 0.5, 0.8, 1.0]))  # fmt: skip
    for k in range(loops):
        a = rng.choice(actors[: max(n, 1)])
        G.add_edge(a, a, key=f"loop{k}", type="t", status="confirmed", directed=True,
                   influence=0.5)  # fmt: skip
    return G


def assert_close(ours: dict, reference: dict) -> None:
    assert list(ours) == list(reference)
    worst = max((abs(ours[k] - reference[k]) for k in ours), default=0.0)
    assert worst <= TOLERANCE, worst


SHAPES = {
    "directed": dict(directed_share=1.0),
    "symmetric": dict(directed_share=0.0),
    "mixed": dict(directed_share=0.7),
    "isolated actors": dict(isolated=5),
    "self-loops": dict(loops=6),
}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", range(4))
def test_engine_equals_networkx_on_random_networks(shape, seed):
    rng = random.Random(seed)
    n = rng.randint(4, 60)
    m = rng.randint(0, 3 * n)
    G = random_relations(seed, n, m, **SHAPES[shape])
    D = actor_network(G)
    c = centrality(G, ["betweenness", "closeness"])
    assert_close(c.scores["betweenness"], nx.betweenness_centrality(D))
    # Closeness is digit for digit networkx's; betweenness adds up in another order.
    assert c.scores["closeness"] == nx.closeness_centrality(D.reverse(copy=False))
    assert_close(betweenness(D, normalized=False), nx.betweenness_centrality(D, normalized=False))
    assert closeness(D) == nx.closeness_centrality(D)


@pytest.mark.parametrize("seed", range(3))
def test_engine_equals_networkx_on_sparse_disconnected_networks(seed):
    # Many small pieces: most actors reach few others (Wasserman and Faust's scaling).
    G = random_relations(seed, 150, 90, isolated=20)
    D = actor_network(G)
    assert nx.number_weakly_connected_components(D) > 10
    m = Measures(D)
    assert_close(m.betweenness(), nx.betweenness_centrality(D))
    assert m.closeness(outward=True) == nx.closeness_centrality(D.reverse(copy=False))
    assert m.closeness() == nx.closeness_centrality(D)


def tiny_networks():
    """Every simple directed network on 0 to 3 actors, self-loops included."""
    for n in range(4):
        possible = list(itertools.product(range(n), repeat=2))
        for chosen in itertools.product((False, True), repeat=len(possible)):
            D = nx.DiGraph()
            D.add_nodes_from(range(n))
            D.add_edges_from(e for e, keep in zip(possible, chosen, strict=True) if keep)
            yield D


def test_engine_equals_networkx_on_every_tiny_network():
    count = 0
    for D in tiny_networks():
        m = Measures(D)
        assert_close(m.betweenness(), nx.betweenness_centrality(D))
        assert_close(
            m.betweenness(normalized=False), nx.betweenness_centrality(D, normalized=False)
        )
        assert m.closeness() == nx.closeness_centrality(D)
        assert m.closeness(outward=True) == nx.closeness_centrality(D.reverse(copy=False))
        count += 1
    assert count == 1 + 2 + 16 + 512


def test_the_networkx_backend_gives_exactly_networkx_values():
    G = random_relations(5, 40, 100, isolated=3, loops=2)
    D = actor_network(G)
    c = centrality(G, ["betweenness", "closeness"], backend="networkx")
    assert c.scores["betweenness"] == nx.betweenness_centrality(D)
    assert c.scores["closeness"] == nx.closeness_centrality(D.reverse(copy=False))


def test_sampled_betweenness_is_networkx_sampling_whatever_the_backend():
    G = random_relations(6, 80, 200)
    D = actor_network(G)
    reference = nx.betweenness_centrality(D, k=20, seed=7)
    for backend in (None, "networkx"):
        ours = centrality(G, ["betweenness"], betweenness_sample=20, backend=backend)
        assert ours.scores["betweenness"] == reference


def test_without_the_compiled_engine_networkx_runs(monkeypatch):
    monkeypatch.setattr(engine, "compiled", lambda: None)
    assert check_backend(None) == "networkx"
    with pytest.raises(QueryError, match="'rustworkx' is not installed; installed here: networkx"):
        check_backend("rustworkx")
    G = random_relations(7, 30, 60)
    D = actor_network(G)
    assert centrality(G, ["betweenness"]).scores["betweenness"] == nx.betweenness_centrality(D)


def test_other_names_go_through_networkx_dispatch(monkeypatch):
    calls = []

    def fake_betweenness(D, *, normalized, k, seed, backend):
        calls.append(backend)
        return dict.fromkeys(D, 0.25)

    def missing(D, backend):
        raise NotImplementedError(f"'closeness_centrality' is not implemented by '{backend}'")

    monkeypatch.setattr(engine, "backends", lambda: ["rustworkx", "networkx", "nx-fake"])
    monkeypatch.setattr(nx, "betweenness_centrality", fake_betweenness)
    monkeypatch.setattr(nx, "closeness_centrality", missing)
    D = nx.DiGraph([(1, 2)])
    assert betweenness(D, backend="nx-fake") == {1: 0.25, 2: 0.25} and calls == ["nx-fake"]
    with pytest.raises(QueryError, match="backend 'nx-fake' cannot compute closeness here"):
        closeness(D, backend="nx-fake")


def test_an_unknown_backend_is_a_clear_error(run, seed_path):
    result = run("centrality", "--data", seed_path, "--backend", "nx-nothing")
    assert result.exit_code == 1
    assert "backend 'nx-nothing' is not installed; installed here: rustworkx" in result.stderr
    assert "networkx" in result.stderr and "Traceback" not in result.output
    result = run("whatif", "--data", seed_path, "--remove", "Iran", "--backend", "nope")
    assert result.exit_code == 1 and "backend 'nope' is not installed" in result.stderr


def test_the_cli_gives_the_same_scores_with_either_backend(run, seed_path):
    def scores(*extra):
        result = run("centrality", "--data", seed_path, "--format", "json", *extra)
        assert result.exit_code == 0, result.stderr
        return {r["id"]: r for r in json.loads(result.stdout)["scores"]}

    ours, reference = scores(), scores("--backend", "networkx")
    assert list(ours) == list(reference)
    for actor, row in reference.items():
        for measure in ("betweenness", "closeness"):
            assert ours[actor][measure] == pytest.approx(row[measure], abs=TOLERANCE)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", range(3))
def test_key_players_are_the_same_with_and_without_the_compiled_engine(shape, seed):
    rng = random.Random(100 + seed)
    n = rng.randint(3, 40)
    G = random_relations(100 + seed, n, rng.randint(0, 3 * n), **SHAPES[shape])
    assert key_players(G, top=n) == key_players(G, top=n, backend="networkx")


def test_key_players_are_the_same_on_a_bigger_network():
    G = random_relations(7, 150, 400, isolated=5, loops=3)
    assert key_players(G, top=150) == key_players(G, top=150, backend="networkx")


@pytest.mark.parametrize("seed", range(10))
def test_joined_pairs_without_each_actor_match_the_python_count(seed):
    # Sparse and dense, with components of every size, acyclic parts included.
    rng = random.Random(seed)
    n = rng.randint(1, 80)
    links = [sorted({rng.randrange(n) for _ in range(rng.choice([0, 1, 2, 4]))} - {a})
             for a in range(n)]  # fmt: skip
    everyone = list(range(n))
    assert joined_pairs_without(links, everyone) == [
        _reach_counts(links, skip=i)[0] for i in everyone
    ]


def test_closeness_by_networkit_has_the_digits_of_rustworkx_and_networkx(monkeypatch):
    """Three engines, one answer, digit for digit, both ways, on a network with parts that
    reach only some others, a lone actor and a cycle."""
    if engine._networkit() is None:
        pytest.skip("networkit is not installed")
    rng = random.Random(5)
    D = nx.gnm_random_graph(120, 260, seed=5, directed=True)
    D.add_edges_from((rng.randrange(5), rng.randrange(120)) for _ in range(40))
    D.add_node("alone")
    for outward in (False, True):
        ours = engine.Measures(D).closeness(outward=outward)
        reference = nx.closeness_centrality(D.reverse() if outward else D)
        with monkeypatch.context() as m:
            m.setattr(engine, "_networkit", lambda: None)
            by_rustworkx = engine.Measures(D).closeness(outward=outward)
        assert ours == by_rustworkx == reference


def test_networkit_is_loaded_without_matplotlib():
    code = (
        "import sys; from graph.analysis.engine import _networkit\n"
        "print(_networkit() is not None, 'matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() in (["True", "False"], ["False", "False"]), done.stderr
