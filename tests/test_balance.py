"""Structural balance: Read's highland tribes against the literature, hand-worked small cases,
the local search against the exact method, and the ``balance`` command on the seed dataset."""

from __future__ import annotations

import itertools
import json
import random

import networkx as nx
import numpy as np
import pytest

from conftest import ROOT
from graph.analysis.balance import (
    EXACT_LIMIT,
    balance_partition,
    signed_network,
    triad_census_by_sign,
    unbalanced_triads,
)
from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset

GAMA = ROOT / "tests" / "data" / "gahuku_gama.yaml"

# The 16 tribes as UCINET, KONECT and signnet label and number them (Read 1954; Hage & Harary
# 1983). tests/data/gahuku_gama.yaml was copied from signnet's `tribes` (see its header).
TRIBES = (
    "Gavev Kotun Ove Alika Nagam Gahuk Masil Ukudz Notoh Kohik Geham Asaro Uheto Seuve Nagad Gama"
)
# KONECT's out.ucidata-gama (konect.cc/networks/ucidata-gama), an independent copy of the same
# data: tribe numbers as above, + for rova (alliance), - for hina (enmity).
KONECT = """
1-2+ 1-3- 2-3- 1-4- 3-4+ 1-5- 2-5- 1-6- 2-6- 3-6+ 3-7+ 5-7+ 6-7+ 3-8+ 4-8+ 6-8+ 7-8+ 2-9-
5-9+ 6-9- 2-10- 9-10+ 6-11+ 7-11+ 8-11+ 9-11- 10-11- 1-12- 6-12+ 7-12+ 8-12+ 11-12+ 6-13-
7-13+ 9-13+ 10-13+ 11-13- 5-14+ 8-14- 12-14- 13-14+ 1-15+ 2-15+ 5-15- 9-15- 10-15- 11-15-
12-15- 13-15- 1-16+ 2-16+ 5-16- 6-16- 11-16- 12-16- 13-16- 14-16- 15-16+
"""


@pytest.fixture(scope="module")
def gama():
    return build_graph(load_dataset([GAMA]))


def names(G, groups):
    return sorted(sorted(G.nodes[n]["name"] for n in group) for group in groups)


# -- (a) Read's Gahuku-Gama highland tribes -------------------------------------------------


def test_gahuku_gama_data_is_reads_16_tribes_with_29_alliances_and_29_enmities(gama):
    assert [gama.nodes[n]["name"] for n in gama] == TRIBES.split()
    types = [d["type"] for *_, d in gama.edges(data=True)]
    assert (len(gama), types.count("rova"), types.count("hina"), len(types)) == (16, 29, 29, 58)
    number = {n: i for i, n in enumerate(gama, 1)}
    ours = {(number[u], number[v], "+" if d["type"] == "rova" else "-")
            for u, v, d in gama.edges(data=True)}  # fmt: skip
    konect = {(int(t[:-1].split("-")[0]), int(t[:-1].split("-")[1]), t[-1]) for t in KONECT.split()}
    assert ours == konect


def test_gahuku_gama_two_camp_frustration_is_7_as_aref_and_wilson_report(gama):
    # Aref & Wilson (2018, J. Complex Networks 6:566) give the frustration index of Read's
    # tribes as 7. signnet's vignette agrees: balance_score(tribes, "frustration") = 0.7586207,
    # which is 1 - L / (m / 2) = 1 - 7 / 29.
    # Trying all 2^15 splits (below) finds 7 too, and only for this split: the Gama group
    # against everyone else.
    result = balance_partition(gama, 2)
    assert (result.frustration, result.method, result.balanced) == (7, "exact", False)
    assert names(gama, result.camps) == [
        ["Alika", "Asaro", "Gahuk", "Geham", "Kohik", "Masil", "Nagam", "Notoh", "Ove", "Seuve",
         "Uheto", "Ukudz"],
        ["Gama", "Gavev", "Kotun", "Nagad"],
    ]  # fmt: skip
    assert len(result.violated) == 7
    number = {n: i for i, n in enumerate(gama)}
    ties = np.array(
        [(number[u], number[v], d["type"] == "rova") for u, v, d in gama.edges(data=True)]
    )
    sides = (np.arange(2**15)[:, None] >> np.arange(16)) & 1  # tribe 16 always on side 0
    same = sides[:, ties[:, 0]] == sides[:, ties[:, 1]]
    broken = np.where(ties[:, 2] == 1, ~same, same).sum(axis=1)
    assert broken.min() == 7 and (broken == 7).sum() == 1


def test_gahuku_gama_three_camps_are_doreian_and_mrvars_clusters_with_two_violations(gama):
    # The three clusters of Doreian & Mrvar (1996, Social Networks 18:149) and of Hage & Harary
    # (1983): the Gama group, the Nagam-Uheto group and the Gahuk-Masil group. signnet's
    # implementation of their criterion (signed_blockmodel(tribes, k = 3, alpha = 0.5)) finds
    # this partition with P = 2 in its vignette: two alliances cross the camps, both Masil's.
    # Trying all 3^15 assignments (outside this suite) finds 2 only for this partition.
    result = balance_partition(gama, 3)
    assert names(gama, result.camps) == [
        ["Alika", "Asaro", "Gahuk", "Geham", "Masil", "Ove", "Ukudz"],
        ["Gama", "Gavev", "Kotun", "Nagad"],
        ["Kohik", "Nagam", "Notoh", "Seuve", "Uheto"],
    ]
    assert (result.frustration, result.method) == (2, "exact")
    assert sorted(sorted((u, v)) + [s] for u, v, s, _ in result.violated) == [
        ["masil", "nagam", 1],
        ["masil", "uheto", 1],
    ]


def test_gahuku_gama_auto_picks_three_camps(gama):
    result = balance_partition(gama, "auto")
    assert (result.k, result.frustration, len(result.camps)) == (3, 2, 3)
    assert result.tried == {1: 29, 2: 7, 3: 2}  # 3 reaches the best any number of camps can do


def test_gahuku_gama_triangles_match_signnet(gama):
    # signnet: balance_score(tribes, "triangles") = 0.8676471 = 59 balanced of 68 triangles.
    census = triad_census_by_sign(gama)
    assert sum(census.values()) == 68
    assert census["+++"] + census["+--"] == 59
    triads = unbalanced_triads(gama)
    assert sorted(t.signs for t in triads) == ["++-"] * census["++-"] + ["---"] * census["---"]


def test_gahuku_gama_on_the_command_line(run):
    result = run("balance", "--data", GAMA, "--camps", "auto")
    assert result.exit_code == 0, result.output
    assert "Violated ties by number of camps: 1: 29, 2: 7, 3: 2" in result.stdout
    assert "The best partition into 3 camps violates 2 ties (exact)." in result.stdout
    assert "Camp 3 (4): Gama, Gavev, Kotun, Nagad" in result.stdout


# -- (b) small cases worked by hand -------------------------------------------------------------


def signed(*ties: str) -> nx.MultiDiGraph:
    """A graph from ties written 'a+b' (cooperative) or 'a-b' (hostile), in order r1, r2, …"""
    G = nx.MultiDiGraph()
    for number, tie in enumerate(ties, 1):
        u, sign, v = tie[0], tie[1], tie[2]
        G.add_node(u, name=u.upper())
        G.add_node(v, name=v.upper())
        stance = "cooperative" if sign == "+" else "hostile"
        G.add_edge(u, v, key=f"r{number}", type="supports" if sign == "+" else "opposes",
                   stance=stance)  # fmt: skip
    return G


def test_balanced_triangle_splits_into_two_camps():
    # a and b are friends, both enemies of c: the enemy of my enemy is my friend.
    result = balance_partition(signed("a+b", "a-c", "b-c"))
    assert (result.balanced, result.frustration, result.camps) == (True, 0, [["a", "b"], ["c"]])


def test_three_mutual_enemies_need_three_camps():
    # With two camps two of the three enemies share one: one tie violated. Three camps: none.
    G = signed("a-b", "b-c", "a-c")
    assert balance_partition(G, 2).frustration == 1
    three = balance_partition(G, 3)
    assert (three.frustration, three.camps) == (0, [["a"], ["b"], ["c"]])
    assert balance_partition(G, "auto").k == 3
    assert [t.signs for t in unbalanced_triads(G)] == ["---"]


@pytest.mark.parametrize("camps", [1, 2, 3, 4, "auto"])
def test_friend_of_a_friend_who_is_an_enemy_always_costs_one_tie(camps):
    # a+b, b+c, a-c: keeping both friendships puts a and c together; splitting costs one.
    result = balance_partition(signed("a+b", "b+c", "a-c"), camps)
    assert result.frustration == 1
    if camps == "auto":
        assert result.k == 1  # one camp already does as well as any: the smallest K wins


@pytest.mark.parametrize(
    ("ties", "frustration"),
    [
        (("a+b", "b+c", "c+d", "d-a"), 1),  # one negative tie on a cycle: no split keeps all
        (("a+b", "b-c", "c+d", "d-a"), 0),  # two: {a, b} against {c, d}
        (("a-b", "b-c", "c-d", "d-a"), 0),  # four enemies in a ring: {a, c} against {b, d}
    ],
)
def test_square_with_an_odd_number_of_enemies_is_unbalanced(ties, frustration):
    assert balance_partition(signed(*ties)).frustration == frustration


def test_parallel_relations_combine_by_majority_and_a_tie_goes_to_hostility():
    G = signed("a+b", "a-b", "a+b", "c+d", "c-d")
    _ = G.add_edge("b", "a", key="r6", type="located_in", stance="neutral")
    S = signed_network(G)
    # a–b: two cooperative against one hostile, in either direction: positive.
    assert S.edges["a", "b"]["sign"] == 1
    assert S.edges["a", "b"]["relations"] == ["r1", "r2", "r3"]
    # c–d: one each: the tie counts as hostile.
    assert S.edges["c", "d"]["sign"] == -1
    assert S.graph["neutral"] == 1
    _ = G.add_edge("b", "a", key="r7", type="accuses", stance="hostile")
    assert signed_network(G).edges["a", "b"]["sign"] == -1


def test_actor_without_cooperative_or_hostile_ties_is_in_no_camp():
    G = signed("a-b")
    G.add_node("z", name="Z")
    result = balance_partition(G)
    assert result.unaligned == ["z"] and sorted(map(sorted, result.camps)) == [["a"], ["b"]]


def random_signed(n: int, density: float, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    S = nx.Graph()
    S.add_nodes_from(range(n))
    for u, v in itertools.combinations(range(n), 2):
        if rng.random() < density:
            S.add_edge(u, v, sign=rng.choice((1, -1)))
    return S


def brute_force(S: nx.Graph, k: int) -> int:
    """Fewest violated ties over every assignment of the actors to k camps."""
    nodes = list(S)
    best = S.number_of_edges()
    for labels in itertools.product(range(k), repeat=len(nodes)):
        camp = dict(zip(nodes, labels, strict=True))
        best = min(
            best, sum((d["sign"] > 0) != (camp[u] == camp[v]) for u, v, d in S.edges(data=True))
        )
    return best


@pytest.mark.parametrize("seed", range(6))
def test_exact_method_matches_trying_every_assignment(seed):
    S = random_signed(7, 0.6, seed)
    for k in (2, 3):
        result = balance_partition(S, k)
        assert result.method == "exact"
        assert result.frustration == brute_force(S, k)


# -- (c) the local search ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_local_search_agrees_with_the_exact_method(seed):
    rng = random.Random(seed)
    S = random_signed(rng.randint(10, 20), rng.choice((0.2, 0.35, 0.5)), seed)
    for camps in (2, 3, "auto"):
        exact = balance_partition(S, camps)
        heuristic = balance_partition(S, camps, exact_limit=0)
        assert exact.method == "exact"
        assert heuristic.method.startswith("heuristic: a part of ")
        assert (heuristic.frustration, heuristic.k) == (exact.frustration, exact.k)


def test_local_search_is_used_and_said_above_the_size_limit(write, run):
    # 45 actors in two alliances of 23 and 22, every pair tied: balanced, so the best is 0.
    n = EXACT_LIMIT + 5
    actors = "\n".join(f"  - {{id: t{i}, name: Tribe {i}, kind: tribe}}" for i in range(n))
    relations = "\n".join(
        f"  - {{source: t{i}, target: t{j}, type: {'allies_with' if i % 2 == j % 2 else 'rivals'}}}"
        for i, j in itertools.combinations(range(n), 2)
    )
    path = write("big.yaml", f"actors:\n{actors}\nrelations:\n{relations}\n")
    result = balance_partition(build_graph(load_dataset([path])))
    assert result.frustration == 0 and sorted(map(len, result.camps)) == [22, 23]
    assert result.method.startswith(f"heuristic: a part of {n} actors is beyond the exact limit")
    shown = run("balance", "--data", path)
    assert f"violates 0 ties (heuristic: a part of {n} actors is beyond the exact" in shown.stdout
    # C(23, 2) + C(22, 2) = 484 alliances inside the two groups, 23 × 22 = 506 rivalries across.
    assert shown.stdout.startswith("Structural balance of 45 actors: 990 ties, 484 cooperative")


# -- (d) the seed dataset and the command ----------------------------------------------------------
#
# Worked by hand from data/actors.yaml. Cooperative ties (7): Iran–PMU (directs), Khazali–PMU
# (leads), Kadhimi–Iraqi government (leads), US–coalition (leads), US–US forces and US–US
# Embassy (directs), Iraqi forces–Taji base (protects). Hostile ties (12, one per pair): PMU
# with US Embassy, US forces (targets and opposes: one tie), Green Zone and Taji base (targets);
# Iran–US Embassy (targets); Khazali–Kadhimi (threatens); US–Iran, lawmakers–US (accuses);
# US–Iraq (attacks); Kadhimi–PMU, Iran–ISIS and US–ISIS (opposes). Neutral, left out (3):
# tolerates, located_in, stationed_at. Two camps: the US side (US, its embassy, forces and
# coalition, Kadhimi and his government, the Green Zone, Taji base and the Iraqi forces that
# protect it) against Iran, PMU, Khazali, Iraq and the lawmakers. ISIS, enemy of both Iran and
# the US, breaks one tie wherever it goes: frustration 1. Triangles: Iran–PMU–US Embassy,
# Iran–US–US Embassy, Khazali–PMU–Kadhimi are +-- (balanced); Iran–US–ISIS is --- (three mutual
# enemies), so three camps (ISIS alone) violate nothing.

US_SIDE = {"united_states", "us_embassy", "us_forces", "us_coalition", "mustafa_al_kadhimi",
           "iraqi_government", "green_zone", "taji_base", "iraqi_forces"}  # fmt: skip
IRAN_SIDE = {"iran", "pmu_militias", "qais_al_khazali", "iraq", "iraqi_lawmakers"}
PLACES = {"us_embassy", "green_zone", "taji_base"}
# By default only agents take sides: the embassy (a facility), the Green Zone (a place) and the
# Taji base (a facility) are left out, and with them every tie to them (the PMU's attacks, the
# embassy's location, the Iraqi forces' protection of the base, the coalition stationed at
# Taji). The denied attacks are on places anyway. Left: 13 ties among 12 agents, 5 cooperative
# (Iran directs the PMU, Khazali and Kadhimi lead, the US directs its forces and leads the
# coalition) and 8 hostile; the Iraqi forces, whose one relation protects the Taji base, are in
# no camp.
US_AGENTS = US_SIDE - PLACES - {"iraqi_forces"}


def test_seed_two_camps_by_hand(run, seed_path):
    result = run("balance", "--data", seed_path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Structural balance of 15 actors: 13 ties, 5 cooperative (+) and 8 hostile (-).\n"
        "Left out: 1 neutral relation.\n"
    )
    flat = " ".join(out.split())
    # The PMU's denied attacks (on places, too) are left out as claims, and said; the alleged
    # relations between agents count, and are said.
    assert ("Left out as claims weighing less than half: pmu_militias-targets-green_zone "
            "(denied), pmu_militias-targets-taji_base (denied)") in flat  # fmt: skip
    assert ("Counted although claims (marked below): mustafa_al_kadhimi-opposes-pmu_militias, "
            "united_states-attacks-iraq") in flat  # fmt: skip
    assert "3 places left out: they take no side (--all-kinds keeps them)." in flat
    assert "Not balanced: no split into two camps keeps" in out
    assert "The best partition into 2 camps violates 1 tie (exact)." in out
    assert "Unbalanced triads (1 of 2 triangles):" in out
    assert "Iran, United States and ISIS are all hostile to one another" in out
    # ISIS, hostile to both sides, costs one violated tie in either camp: said, not hidden.
    assert "Equally good partitions" in flat and "ISIS (camp 1 or 2)" in flat


def test_seed_with_every_kind_and_every_claim_is_the_whole_network(run, seed_path):
    # --all-kinds --count-claims all: every actor and every claim, as before node classes and
    # claim weights: 19 ties, 7 cooperative and 12 hostile, 3 neutral relations.
    result = run("balance", "--data", seed_path, "--all-kinds", "--count-claims", "all")
    assert result.stdout.startswith(
        "Structural balance of 15 actors: 19 ties, 7 cooperative (+) and 12 hostile (-).\n"
        "Left out: 3 neutral relations.\n"
    )
    assert "Claims count as facts" in result.stderr


def test_seed_json_by_hand(run, seed_path):
    data = json.loads(run("balance", "--data", seed_path, "--format", "json").stdout)
    camps = [{a["id"] for a in camp} for camp in data["camps"]]
    assert camps == [US_AGENTS | {"isis"}, IRAN_SIDE]
    assert [a["id"] for a in data["unaligned"]] == ["iraqi_forces"]
    assert (data["frustration"], data["balanced"], data["method"]) == (1, False, "exact")
    (tie,) = data["violated"]
    assert "isis" in (tie["source"], tie["target"]) and tie["sign"] == -1
    assert data["triad_census"] == {"+++": 0, "++-": 0, "+--": 1, "---": 1}
    assert (data["positive_ties"], data["negative_ties"], data["neutral_relations_left_out"]) == (
        5,
        8,
        1,
    )
    assert data["kinds_left_out"] == {"place": 3}
    assert data["equally_good"] == [{"id": "isis", "name": "ISIS", "camps": [1, 2]}]


def test_a_denied_tie_between_agents_is_left_out_and_said(run, write):
    path = write("d.yaml", """
        actors:
          - {id: a, name: A, kind: state}
          - {id: b, name: B, kind: state}
          - {id: c, name: C, kind: state}
        relations:
          - {source: a, target: b, type: allies_with}
          - {source: b, target: c, type: attacks, status: denied, disputed_by: [b]}
          - {source: a, target: c, type: supports, status: alleged}
    """)  # fmt: skip
    data = json.loads(run("balance", "--data", path, "--format", "json").stdout)
    assert data["claims_left_out"] == [{"relation": "b-attacks-c", "status": "denied"}]
    assert data["balanced"] and data["camps"][0] == [
        {"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"},
    ]  # fmt: skip
    table = run("balance", "--data", path).stdout
    assert "Left out as claims weighing less than half: b-attacks-c (denied)" in table
    counted = json.loads(
        run("balance", "--data", path, "--count-claims", "all", "--format", "json").stdout
    )
    assert counted["claims_left_out"] == [] and not counted["balanced"]


def test_seed_auto_puts_isis_in_a_camp_of_its_own(run, seed_path):
    data = json.loads(
        run("balance", "--data", seed_path, "--camps", "auto", "--format", "json").stdout
    )
    assert data["frustration_by_camps"] == {"1": 8, "2": 1, "3": 0}
    camps = [{a["id"] for a in camp} for camp in data["camps"]]
    assert camps == [IRAN_SIDE, US_AGENTS, {"isis"}] and data["balanced"] is True


def test_seed_csv_is_one_row_per_actor(run, seed_path):
    # One row per agent (12), the places being left out.
    lines = run("balance", "--data", seed_path, "--format", "csv").stdout.splitlines()
    assert lines[0] == "id,name,camp,violated_ties" and len(lines) == 13
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:]) == 2  # one tie, two ends


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_camps_is_a_usage_error(run, seed_path, value):
    result = run("balance", "--data", seed_path, "--camps", value)
    assert result.exit_code == 2 and "--camps" in result.stderr


def test_every_command_is_listed_in_help_with_an_example(run):
    from graph.cli import cli

    listing = run("--help").stdout
    commands = cli.list_commands(None)
    assert "balance" in commands
    for command in commands:
        assert f"  {command} " in listing or f"  {command}\n" in listing, command
        shown = run(command, "--help").stdout
        assert "Example:" in shown and f"  actorgraph {command}" in shown, command
        docstring = cli.get_command(None, command).help.rstrip().splitlines()
        assert docstring[-1].strip().startswith(f"actorgraph {command}"), command
