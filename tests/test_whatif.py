"""What if: the seed read by hand, hand-worked graphs, brute force with networkx and the
influence module, and the command line."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from conftest import small_graph as graph
from graph.analysis.influence import influence_chains
from graph.analysis.whatif import what_if
from graph.dataset.build import actor_network
from graph.errors import ActorNotFoundError, QueryError


@pytest.fixture
def no_pmu(seed_graph):
    return what_if(seed_graph, ["pmu_militias"])


def test_seed_without_the_pmu_militias_reachability(no_pmu):
    # From data/actors.yaml. The PMU militias take part in 9 of the 23 relations (Iran
    # directs them, Khazali leads them, Kadhimi opposes them, Iraq tolerates them; they
    # target the embassy, the US forces, the Green Zone and the Taji base, and oppose the US
    # forces): 14 relations remain.
    # Iran's relations go to the PMU, the US Embassy and ISIS; the embassy leads on to the
    # Green Zone (located in it). So Iran no longer reaches the Taji base nor the US forces,
    # but it still reaches the Green Zone, through the embassy, in the same 2 steps.
    # Iraq's one relation tolerates the PMU; Kadhimi's go to the PMU and the government (which
    # has none going out); Khazali's to the PMU and Kadhimi: all three lose the embassy, the
    # Green Zone, the Taji base and the US forces. The US and the lawmakers lose nothing: the
    # US directs its forces and embassy and leads the coalition stationed at Taji.
    assert no_pmu.actors == (15, 14) and no_pmu.relations == (23, 14)
    cut = {c.actor: set(c.sources) for c in no_pmu.cut_off}
    three = {"iraq", "mustafa_al_kadhimi", "qais_al_khazali"}
    assert cut == {
        "taji_base": three | {"iran"},
        "us_forces": three | {"iran"},
        "green_zone": three,
        "us_embassy": three,
    }
    assert [c.actor for c in no_pmu.cut_off[:2]] == ["taji_base", "us_forces"]  # most cut off
    vanished = {(p.source, p.target) for p in no_pmu.paths if p.after is None}
    assert ("iran", "taji_base") in vanished and ("iran", "us_forces") in vanished
    assert ("iran", "green_zone") not in {(p.source, p.target) for p in no_pmu.paths}
    # Every pair that lost a path lost it altogether: no path merely lengthens here.
    assert all(p.after is None for p in no_pmu.paths) and len(no_pmu.paths) == 14


def test_seed_without_the_pmu_militias_influence(no_pmu, seed_graph):
    broken = {(c.source, c.target): c for c in no_pmu.chains}
    # Khazali leads the PMU (0.8), which target the embassy (0.3): 0.24, and nothing else
    # carries his influence there (his threat reaches only Kadhimi and the government).
    khazali = broken["qais_al_khazali", "us_embassy"]
    assert khazali.before.actors == ("qais_al_khazali", "pmu_militias", "us_embassy")
    assert khazali.before.strength == pytest.approx(0.24) and khazali.after is None
    # Iran → Green Zone was directs 0.9 × targets 0.3, a denied claim weighing 0.25, through the
    # PMU; the embassy is in the Green Zone, but `located_in` carries no influence, so nothing
    # replaces it.
    assert broken["iran", "green_zone"].before.strength == pytest.approx(0.9 * 0.3 * 0.25)
    assert broken["iran", "green_zone"].after is None
    # Iran → US Embassy breaks: 0.27 through the PMU (confirmed attacks), and what is left is
    # Washington's allegation that Iran targets it directly: 0.3 × 0.5.
    embassy = broken["iran", "us_embassy"]
    assert embassy.before.strength == pytest.approx(0.27)
    assert embassy.after.strength == pytest.approx(0.15) and embassy.after.claims
    # The US reaches nothing through accusing Iran: no chain of its breaks.
    assert not [pair for pair in broken if pair[0] == "united_states"]
    # Every chain before is the one `actorgraph influence` shows, and runs through the PMU.
    for (source, target), c in broken.items():
        assert "pmu_militias" in c.before.actors[1:-1]
        reference = {ch.actors[-1]: ch for ch in influence_chains(seed_graph, source)}
        assert c.before == reference[target]
    strengths = [c.before.strength for c in no_pmu.chains]
    assert strengths == sorted(strengths, reverse=True)


def test_seed_centrality_shifts_are_networkx_before_and_after(no_pmu, seed_graph):
    D = actor_network(seed_graph)
    before = nx.pagerank(D)
    D.remove_node("pmu_militias")
    after = nx.pagerank(D)
    between = nx.betweenness_centrality(D)
    for s in no_pmu.shifts["pagerank"]:
        assert s.before == pytest.approx(before[s.actor], abs=1e-9)
        assert s.after == pytest.approx(after[s.actor], abs=1e-9)
    # Scores are the whole network's; the shifts rank agents only (places are not actors).
    agents = {n for n in between if seed_graph.nodes[n]["node_class"] == "agent"}
    assert {s.actor for s in no_pmu.shifts["betweenness"]} == agents
    assert {s.actor: s.after for s in no_pmu.shifts["betweenness"]} == pytest.approx(
        {n: between[n] for n in agents}
    )
    for shifts in no_pmu.shifts.values():
        changes = [abs(s.change) for s in shifts]
        assert changes == sorted(changes, reverse=True)
        assert "pmu_militias" not in {s.actor for s in shifts}
    # Without the PMU, Kadhimi's and the government's links are a larger share of a smaller
    # network: the Iraqi government gains most PageRank.
    assert no_pmu.shifts["pagerank"][0].actor == "iraqi_government"


def test_a_weaker_chain_remains_and_a_path_lengthens():
    # a → b → c at 0.9 × 0.9 = 0.81 beats the direct a → c at 0.3. Without b, a still
    # influences c, at 0.3. Paths: a → b → d (2 steps) and a → c → e → d (3): without b,
    # a → d lengthens from 2 to 3 steps; a → c keeps its 1 step.
    G = graph(("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", 0.3), ("b", "d", 0.5),
              ("c", "e", 0.5), ("e", "d", 0.5))  # fmt: skip
    w = what_if(G, ["b"])
    broken = {(c.source, c.target): c for c in w.chains}
    assert broken["a", "c"].before.actors == ("a", "b", "c")
    assert broken["a", "c"].after.actors == ("a", "c")
    assert broken["a", "c"].after.strength == pytest.approx(0.3)
    # a → d was 0.9 × 0.5 = 0.45 through b; now 0.3 × 0.5 × 0.5 = 0.075 through c and e.
    assert broken["a", "d"].after.strength == pytest.approx(0.075)
    assert [(p.source, p.target, p.before, p.after) for p in w.paths] == [("a", "d", 2, 3)]
    assert w.cut_off == ()


def test_an_equally_strong_replacement_is_not_a_break():
    # a → b → d and a → c → d, both 0.5 × 0.5: without b, a → d keeps 0.25 and 2 steps.
    w = what_if(graph(("a", "b"), ("b", "d"), ("a", "c"), ("c", "d")), ["b"])
    assert w.chains == () and w.paths == () and w.cut_off == ()


def test_removing_several_actors_and_naming_one_twice():
    G = graph(("a", "b"), ("b", "c"), ("c", "d"))
    w = what_if(G, ["b", "c", "b"])
    assert w.removed == ("b", "c") and w.actors == (4, 2) and w.relations == (3, 0)
    assert [(p.source, p.target) for p in w.paths] == [("a", "d")]
    assert [(c.actor, c.sources) for c in w.cut_off] == [("d", ("a",))]


def test_library_errors():
    G = graph(("a", "b"))
    with pytest.raises(ActorNotFoundError, match="'zz'"):
        what_if(G, ["zz"])
    with pytest.raises(QueryError):
        what_if(G, [])


@pytest.mark.parametrize("seed", range(6))
def test_random_graphs_against_brute_force(seed):
    # References: influence_chains on the graph before and after, and networkx's shortest
    # path lengths on the actor network before and after.
    rng = random.Random(seed)
    edges = [
        (*(f"n{i}" for i in rng.sample(range(16), 2)), rng.choice([0.0, 0.2, 0.5, 0.9]),
         rng.random() < 0.75)
        for _ in range(32)
    ]  # fmt: skip
    G = graph(*edges)
    removed = rng.sample(sorted(G), 2)
    w = what_if(G, removed)
    H = G.copy()
    H.remove_nodes_from(removed)
    expected = set()
    for x in H:
        before = {c.actors[-1]: c.strength for c in influence_chains(G, x)}
        after = {c.actors[-1]: c.strength for c in influence_chains(H, x)}
        expected |= {
            (x, y)
            for y, s in before.items()
            if y in H and after.get(y, 0.0) < s - 1e-12
        }  # fmt: skip
    assert {(c.source, c.target) for c in w.chains} == expected
    Db, Da = actor_network(G), actor_network(H)
    before = dict(nx.all_pairs_shortest_path_length(Db))
    after = dict(nx.all_pairs_shortest_path_length(Da))
    expected_paths = {
        (x, y, d, after[x].get(y))
        for x in H
        for y, d in before[x].items()
        if y in H and y != x and after[x].get(y) != d
    }
    assert {(p.source, p.target, p.before, p.after) for p in w.paths} == expected_paths


# -- the command line ----------------------------------------------------------------------------


def test_whatif_cli_json_parses(seed_path, run):
    result = run("whatif", "--data", seed_path, "--remove", "PMU", "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["removed"] == [{"id": "pmu_militias", "name": "PMU militias"}]
    assert out["relations"] == {"before": 23, "after": 14}
    pairs = {(c["source"], c["target"]): c for c in out["broken_chains"]}
    assert pairs["qais_al_khazali", "us_embassy"]["after"] is None
    assert pairs["qais_al_khazali", "us_embassy"]["before"]["text"] == (
        "Qais al-Khazali —leads→ PMU militias —targets→ US Embassy"
    )
    assert out["cut_off"][0]["id"] == "taji_base" and out["cut_off"][0]["count"] == 4
    assert set(out["centrality"]) == {"pagerank", "betweenness"}


def test_whatif_cli_table_and_csv(seed_path, run):
    result = run("whatif", "--data", seed_path, "--remove", "Khazali", "--remove", "Tehran")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("What if Qais al-Khazali and Iran were gone?")
    assert "PageRank before and after" in result.stdout
    csv = run("whatif", "--data", seed_path, "--remove", "PMU", "--format", "csv").stdout
    lines = csv.splitlines()
    assert lines[0] == "section,source,target,before,after,change,detail"
    sections = {line.split(",")[0] for line in lines[1:]}
    assert sections == {"lost_influence", "chain", "path", "cut_off", "pagerank", "betweenness"}


def test_whatif_cli_unknown_actor_exits_1(seed_path, run):
    result = run("whatif", "--data", seed_path, "--remove", "PMU", "--remove", "Hezbolah")
    assert result.exit_code == 1
    assert "no actor is called 'Hezbolah'" in result.stderr
    assert result.stdout == ""


def test_whatif_cli_without_remove_exits_2(seed_path, run):
    result = run("whatif", "--data", seed_path)
    assert result.exit_code == 2
    assert "give --remove ACTOR or --remove-relation ID" in result.stderr


@pytest.mark.parametrize("seed", range(6))
def test_a_limit_keeps_the_first_rows_and_counts_them_all(seed):
    """what_if(limit=N) is the first N rows of the full answer, with the full counts."""
    rng = random.Random(seed)
    n = 30
    edges = [(f"a{rng.randrange(n)}", f"a{rng.randrange(n)}", rng.choice([0.3, 0.5, 0.9]),
              rng.random() < 0.8) for _ in range(80)]  # fmt: skip
    G = graph(*[e for e in edges if e[0] != e[1]])
    hub = max(G, key=G.degree)
    full = what_if(G, [hub])
    assert full.chains_total == len(full.chains) and full.paths_total == len(full.paths)
    for limit in (1, 3, 10):
        cut = what_if(G, [hub], limit=limit)
        assert cut.chains == full.chains[:limit] and cut.paths == full.paths[:limit]
        assert (cut.chains_total, cut.paths_total) == (full.chains_total, full.paths_total)
        assert cut.cut_off == full.cut_off and cut.shifts == full.shifts
