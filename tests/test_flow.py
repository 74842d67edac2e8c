"""How influence flows, rule by rule, on small graphs worked out by hand.

Each case builds a dataset with the built-in types (directs 0.9, leads 0.8, supports 0.5,
allies_with 0.4 both ways, member_of 0.2 up and 0.5 down, threatens 0.4, targets 0.3, attacks
0.3; accuses, opposes, rivals, negotiates_with, located_in carry none) and checks the strongest
chain's strength from one actor to each other, forwards and backwards.
"""

from __future__ import annotations

import random

import pytest

from graph.analysis.flow import moves, strongest
from graph.dataset.build import build_graph
from graph.dataset.load import load_text


def graph_of(relations: str, *, head: str = ""):
    actors = sorted({w for line in relations.strip().splitlines() for w in line.split()[:3:2]})
    text = (
        head
        + "actors:\n"
        + "".join(f"  - {{id: {a}, name: {a.upper()}, kind: state}}\n" for a in actors)
    )
    text += "relations:\n"
    for line in relations.strip().splitlines():
        source, rtype, target, *rest = line.split(maxsplit=3)
        extra = f", {rest[0]}" if rest else ""
        text += f"  - {{source: {source}, target: {target}, type: {rtype}{extra}}}\n"
    return build_graph(load_text(text))


def reach(G, actor, backwards=False, depth=None) -> dict[str, float]:
    labels = strongest(actor, moves(G, backwards), depth)
    return {n: round(lb.strength, 6) for n, lb in sorted(labels.items())}


def test_accusing_and_opposing_carry_no_influence():
    G = graph_of("""
        us accuses iran
        kadhimi opposes pmu
        iran directs pmu
    """)
    assert reach(G, "us") == {} and reach(G, "kadhimi") == {}
    assert reach(G, "pmu", backwards=True) == {"iran": 0.9}


def test_pressure_reaches_its_target_and_stops_there():
    G = graph_of("""
        a attacks b
        b attacks c
    """)
    assert reach(G, "a") == {"b": 0.3}
    assert reach(G, "c", backwards=True) == {"b": 0.3}


def test_pressure_goes_on_through_the_targets_own_control_relations():
    # Threatening a prime minister (0.4) reaches the government he leads (0.4 x 0.8 = 0.32).
    G = graph_of("""
        militia threatens pm
        pm leads gov
        gov targets rebels
    """)
    assert reach(G, "militia") == {"gov": 0.32, "pm": 0.4}
    assert reach(G, "rebels", backwards=True) == {"gov": 0.3, "pm": 0.24}


def test_control_then_pressure_is_one_chain():
    G = graph_of("""
        iran directs pmu
        pmu targets zone
    """)
    assert reach(G, "iran") == {"pmu": 0.9, "zone": 0.27}
    assert reach(G, "zone", backwards=True) == {"iran": 0.27, "pmu": 0.3}


@pytest.mark.parametrize(
    ("status", "strength"),
    [("confirmed", 0.9), ("alleged", 0.45), ("denied", 0.225)],
)
def test_claims_weigh_less(status, strength):
    G = graph_of(f"iran directs pmu status: {status}")
    assert reach(G, "iran") == {"pmu": strength}


def test_a_refuted_relation_carries_nothing():
    G = graph_of("iran directs pmu status: refuted")
    assert reach(G, "iran") == {}


def test_the_datasets_status_weights_and_a_relations_weight():
    G = graph_of("iran directs pmu status: alleged, weight: 0.5",
                 head="status_weights: {alleged: 0.8}\n")  # fmt: skip
    assert reach(G, "iran") == {"pmu": 0.36}  # 0.9 x 0.5 x 0.8


def test_a_group_pulls_its_members_more_than_a_member_pulls_its_group():
    G = graph_of("""
        fighter member_of group
        sponsor supports group
    """)
    assert reach(G, "group") == {"fighter": 0.5}
    assert reach(G, "fighter") == {"group": 0.2}
    assert reach(G, "sponsor") == {"fighter": 0.25, "group": 0.5}


def test_a_symmetric_relation_carries_both_ways():
    G = graph_of("a allies_with b")
    assert reach(G, "a") == {"b": 0.4} and reach(G, "b") == {"a": 0.4}


def test_a_declared_type_takes_how_it_carries_from_its_stance_unless_it_says():
    head = (
        "relation_types:\n"
        "  bribes: {stance: cooperative, influence: 0.5}\n"
        "  shells: {stance: hostile, influence: 0.5}\n"
        "  mocks: {stance: hostile, influence: 0.5, carries: none}\n"
    )
    G = graph_of("""
        a bribes b
        b shells c
        c shells d
        a mocks d
    """, head=head)  # fmt: skip
    assert reach(G, "a") == {"b": 0.5, "c": 0.25}


def test_an_old_redefinition_with_influence_carries_again():
    # A file for the earlier format gave opposes an influence: it means it to carry some.
    G = graph_of("a opposes b", head="relation_types:\n  opposes: {influence: 0.3}\n")
    assert reach(G, "a") == {"b": 0.3}


def test_depth_bounds_the_steps():
    G = graph_of("""
        a directs b
        b directs c
    """)
    assert reach(G, "a", depth=1) == {"b": 0.9}


@pytest.mark.parametrize("seed", range(8))
def test_backwards_from_the_target_finds_what_forwards_from_the_source_finds(seed):
    rng = random.Random(seed)
    names = [f"n{i}" for i in range(9)]
    types = ["directs", "leads", "supports", "allies_with", "member_of", "threatens",
             "targets", "attacks", "accuses"]  # fmt: skip
    statuses = ["confirmed", "confirmed", "alleged", "denied"]
    lines = [
        f"{a} {rng.choice(types)} {b} status: {rng.choice(statuses)}"
        for a, b in (rng.sample(names, 2) for _ in range(22))
    ]
    G = graph_of("\n".join(lines))
    forwards = {(a, b): lb.strength for a in G for b, lb in strongest(a, moves(G)).items()}
    ahead = moves(G, backwards=True)
    backwards = {(a, b): lb.strength for b in G for a, lb in strongest(b, ahead).items()}
    assert forwards == pytest.approx(backwards, rel=1e-12)
