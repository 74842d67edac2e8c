"""Key players against references: hand-worked graphs, brute force with networkx, the seed."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from conftest import small_graph as graph
from graph.analysis.influence import influence_chains, influence_reach
from graph.analysis.keyplayers import key_players
from graph.dataset.build import actor_network


def by_actor(k):
    return {r.actor: r for r in k.removals}


def test_directed_path_worked_by_hand():
    # a → b → c → d. Ordered pairs joined by a chain: ab ac ad bc bd cd = 6.
    # Without b: a is alone, c → d remains: 1 pair left, 5 lost. b's own pairs are ab, bc,
    # bd (3); the other 2 lost (ac, ad) are pairs of other actors that b separated.
    # Without a: bc bd cd remain (3); a's own pairs ab ac ad go with it; nothing separated.
    k = key_players(graph(("a", "b"), ("b", "c"), ("c", "d")))
    r = by_actor(k)
    assert k.pairs == 6
    assert (r["b"].pairs_after, r["b"].pairs_lost, r["b"].separated) == (1, 5, 2)
    assert (r["c"].pairs_after, r["c"].pairs_lost, r["c"].separated) == (1, 5, 2)
    assert (r["a"].pairs_after, r["a"].pairs_lost, r["a"].separated) == (3, 3, 0)
    assert [x.actor for x in k.by_fragmentation] == ["b", "c", "a", "d"]
    # Influence 0.5 per step. Reach: a 0.5 + 0.25 + 0.125, b 0.5 + 0.25, c 0.5: total 2.125.
    # Without b, a loses its chains to c (0.25) and d (0.125): 0.375; its chain to b and b's
    # own reach are not counted. Without a or d nothing is relayed.
    assert k.reach == pytest.approx(2.125)
    assert r["b"].reach_lost == pytest.approx(0.375)
    assert r["c"].reach_lost == pytest.approx(0.125 + 0.25)  # a→d and b→d
    assert r["a"].reach_lost == 0 and r["d"].reach_lost == 0
    assert [x.actor for x in k.by_reach] == ["b", "c"]
    # Read in any direction, the path breaks at b and at c; but each only cuts one actor off
    # from the rest (a, d): they are those actors' only links, not brokers.
    assert k.brokers == ()
    assert {b.actor: b.pieces for b in k.only_links} == {
        "b": (("c", "d"), ("a",)),
        "c": (("a", "b"), ("d",)),
    }


def test_star_the_hub_is_the_only_articulation_point():
    # Hub h allied (symmetric) with four leaves: 5 actors, all 20 ordered pairs joined.
    # Without h no two leaves are joined (0 pairs); without a leaf the other 4 actors still
    # form a star: 4 * 3 = 12 pairs.
    G = graph(*[("h", leaf, 0.4, False) for leaf in "wxyz"])
    k = key_players(G)
    r = by_actor(k)
    assert k.pairs == 20
    assert r["h"].pairs_after == 0 and r["h"].separated == 20 - 8
    assert all(r[leaf].pairs_after == 12 and r[leaf].separated == 0 for leaf in "wxyz")
    assert [b.actor for b in k.brokers] == ["h"]
    assert k.brokers[0].pieces == (("w",), ("x",), ("y",), ("z",))
    assert k.brokers[0].cut_off == 3
    assert k.by_fragmentation[0].actor == "h" and k.by_fragmentation[0].articulation
    # Leaf to leaf through the hub: 0.4 * 0.4 for each of the 12 ordered pairs of leaves.
    assert r["h"].reach_lost == pytest.approx(12 * 0.16)


def test_a_directed_cycle_has_no_articulation_point_but_still_fragments():
    # a → b → c → a: read in any direction a triangle (no articulation point), yet without
    # b, a no longer reaches c: of the 6 pairs only c → a is left.
    k = key_players(graph(("a", "b"), ("b", "c"), ("c", "a")))
    assert k.brokers == ()
    assert by_actor(k)["b"].pairs_after == 1 and by_actor(k)["b"].separated == 1


def test_parallel_relations_and_influence_zero():
    # Two parallel relations count as one link; a relation with no influence links but
    # relays no influence.
    k = key_players(graph(("a", "b", 0.9), ("a", "b", 0.3), ("b", "c", 0.0)))
    r = by_actor(k)
    assert k.pairs == 3 and r["b"].separated == 1
    assert k.reach == pytest.approx(0.9) and r["b"].reach_lost == 0


def random_graph(seed: int, n: int = 22, m: int = 45):
    rng = random.Random(seed)
    edges = []
    for _ in range(m):
        u, v = rng.sample(range(n), 2)
        edges.append(
            (f"n{u}", f"n{v}", rng.choice([0.0, 0.1, 0.3, 0.5, 0.9, 1.0]), rng.random() < 0.7)
        )
    G = graph(*edges)
    G.add_nodes_from(f"n{i}" for i in range(n) if f"n{i}" not in G)
    for node in G:
        G.nodes[node].setdefault("name", node.upper())
    return G


@pytest.mark.parametrize("seed", range(8))
def test_fragmentation_equals_brute_force_descendants(seed):
    # Reference: networkx's descendants of every actor, on the actor network with the
    # removed actor taken out.
    G = random_graph(seed)
    D = actor_network(G)
    k = key_players(G, top=100)
    assert k.pairs == sum(len(nx.descendants(D, u)) for u in D)
    for r in k.removals:
        H = D.copy()
        H.remove_node(r.actor)
        after = sum(len(nx.descendants(H, u)) for u in H)
        own = len(nx.descendants(D, r.actor)) + len(nx.ancestors(D, r.actor))
        assert (r.pairs_after, r.pairs_lost, r.separated) == (after, k.pairs - after,
                                                              k.pairs - after - own)  # fmt: skip


@pytest.mark.parametrize("seed", range(8))
def test_reach_lost_equals_brute_force_influence_reach(seed):
    # Reference: graph.analysis.influence's own reach, recomputed on the graph without each actor.
    # Lost = what the others reached before, less their chains to the removed actor, less
    # what they reach after.
    G = random_graph(seed)
    k = key_players(G, top=100)
    before = {r.actor: r.total for r in influence_reach(G, chains=False)}
    assert k.reach == pytest.approx(sum(before.values()))
    for r in k.removals:
        H = G.copy()
        H.remove_node(r.actor)
        after = sum(x.total for x in influence_reach(H, chains=False))
        over_it = sum(
            c.strength
            for x in G
            if x != r.actor
            for c in influence_chains(G, x)
            if c.actors[-1] == r.actor
        )
        expected = sum(before.values()) - before[r.actor] - over_it - after
        assert r.reach_lost == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_brokers_are_networkx_articulation_points(seed):
    G = random_graph(seed, n=30, m=35)
    U = actor_network(G).to_undirected()
    k = key_players(G)
    points = k.brokers + k.only_links
    assert {b.actor for b in points} == set(nx.articulation_points(U))
    # A broker separates two groups of two actors or more, or stands between three groups.
    for b in points:
        sizes = [len(p) for p in b.pieces]
        separates = sum(s >= 2 for s in sizes) >= 2 or len(sizes) >= 3
        assert (b in k.brokers) == separates, b
    for b in points:
        H = U.subgraph(nx.node_connected_component(U, b.actor) - {b.actor})
        assert sorted(map(sorted, b.pieces)) == sorted(map(sorted, nx.connected_components(H)))
    assert all(r.articulation == (r.actor in {b.actor for b in k.brokers}) for r in k.removals)


def test_seed_key_players_worked_by_hand(seed_graph):
    # Read in any direction, the seed falls apart at four actors. Only the PMU militias
    # separate two groups of agents (3 from 11): the broker. Each of the others is the only
    # link of one actor to the rest, which makes it no broker:
    # - PMU militias: Khazali's relations go to the PMU and Kadhimi; Kadhimi's to the PMU,
    #   Khazali and the Iraqi government; so those three hang on the PMU alone.
    # - United States: the Iraqi lawmakers' one relation accuses the US.
    # - Taji base: the Iraqi forces' one relation protects the Taji base.
    # - Mustafa al-Kadhimi: the Iraqi government's one relation is Kadhimi leading it.
    k = key_players(seed_graph)
    pieces = {b.actor: b.pieces for b in k.brokers + k.only_links}
    assert set(pieces) == {"pmu_militias", "united_states", "taji_base", "mustafa_al_kadhimi"}
    assert [b.actor for b in k.brokers] == ["pmu_militias"]
    assert set(pieces["pmu_militias"][1]) == {
        "qais_al_khazali",
        "mustafa_al_kadhimi",
        "iraqi_government",
    }
    assert pieces["united_states"][1:] == (("iraqi_lawmakers",),)
    assert pieces["taji_base"][1:] == (("iraqi_forces",),)
    assert k.brokers[0].actor == "pmu_militias"  # it cuts off most (3)
    # The PMU militias carry the attacks: first in both rankings.
    assert k.by_fragmentation[0].actor == "pmu_militias"
    assert k.by_reach[0].actor == "pmu_militias"
    # Iran only relays through the militias it directs, which others reach without Iran
    # (Khazali leads them), and through the US's accusation: it is no broker.
    assert "iran" not in pieces


def test_empty_and_unrelated_networks():
    k = key_players(nx.MultiDiGraph())
    assert (k.actors, k.pairs, k.removals, k.brokers) == (0, 0, (), ())
    G = nx.MultiDiGraph()
    G.add_nodes_from(["a", "b"])
    k = key_players(G)
    assert k.pairs == 0 and k.by_fragmentation == () and k.by_reach == ()


def test_key_players_cli_table_json_csv(seed_path, run):
    table = run("key-players", "--data", seed_path, "--top", "3")
    assert table.exit_code == 0, table.stderr
    text = " ".join(table.stdout.split())
    assert "50 ordered pairs" in text
    assert "Brokers the network cannot do without" in text
    assert "PMU militias cuts off Iraqi government, Mustafa al-Kadhimi, Qais al-Khazali" in text
    out = json.loads(run("key-players", "--data", seed_path, "--format", "json").stdout)
    assert out["pairs"] == 50 and len(out["by_fragmentation"]) == 5
    assert out["by_fragmentation"][0]["id"] == "pmu_militias"
    assert len(out["removals"]) == 15
    assert [a["id"] for a in out["articulation_points"]] == ["pmu_militias"]
    assert {a["id"] for a in out["only_links"]} == {
        "united_states",
        "taji_base",
        "mustafa_al_kadhimi",
    }
    csv = run("key-players", "--data", seed_path, "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("id,name,pairs_after,pairs_lost,separated,reach_lost")
    assert len(csv) == 16


def test_key_players_cli_follows_the_type_filter(seed_path, run):
    # Only `directs`: Iran → PMU, US → forces, US → embassy. Pairs: 3; none relayed.
    out = json.loads(
        run("key-players", "--data", seed_path, "--type", "directs", "--format", "json").stdout
    )
    assert out["pairs"] == 3
    assert out["by_reach"] == []
    # The US is the only link of its forces and of its embassy (a facility): no broker.
    assert out["articulation_points"] == []
    assert [a["id"] for a in out["only_links"]] == ["united_states"]
