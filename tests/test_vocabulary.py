"""The built-in relation types, and declaring or redefining types in a dataset."""

from __future__ import annotations

import pytest

from graph.dataset.load import load_text
from graph.dataset.vocabulary import BUILTIN_TYPES, STANCES

REQUIRED = [
    "directs",
    "threatens",
    "accuses",
    "targets",
    "attacks",
    "supports",
    "funds",
    "allies_with",
    "opposes",
]


@pytest.mark.parametrize("name", REQUIRED)
def test_required_builtin_types_exist_with_sensible_properties(name):
    t = BUILTIN_TYPES[name]
    assert t.stance in STANCES and 0 <= t.influence <= 1 and t.description
    assert t.builtin


@pytest.mark.parametrize(
    ("name", "stance", "directed"),
    [
        ("directs", "cooperative", True),
        ("threatens", "hostile", True),
        ("accuses", "hostile", True),
        ("targets", "hostile", True),
        ("attacks", "hostile", True),
        ("supports", "cooperative", True),
        ("funds", "cooperative", True),
        ("allies_with", "cooperative", False),
        ("opposes", "hostile", True),
    ],
)
def test_stance_and_direction(name, stance, directed):
    assert (BUILTIN_TYPES[name].stance, BUILTIN_TYPES[name].directed) == (stance, directed)


def test_directing_carries_more_influence_than_accusing():
    assert BUILTIN_TYPES["directs"].influence > BUILTIN_TYPES["supports"].influence
    assert BUILTIN_TYPES["supports"].influence > BUILTIN_TYPES["accuses"].influence


def test_a_dataset_declares_a_new_type():
    ds = load_text("""
relation_types:
  marriage: {description: married into, stance: cooperative, directed: false, influence: 0.5}
actors: [{id: a, name: A, kind: family}, {id: b, name: B, kind: family}]
relations: [{source: a, target: b, type: marriage}]
""")
    t = ds.relation_types["marriage"]
    assert (t.stance, t.directed, t.influence, t.builtin) == ("cooperative", False, 0.5, False)


def test_a_new_type_is_directed_unless_said_otherwise():
    ds = load_text("""
relation_types: {bribes: {stance: cooperative, influence: 0.7}}
actors: [{id: a, name: A, kind: person}, {id: b, name: B, kind: person}]
relations: [{source: a, target: b, type: bribes}]
""")
    assert ds.relation_types["bribes"].directed is True


def test_redefining_a_builtin_type_merges_and_warns():
    ds = load_text(
        """
relation_types: {targets: {influence: 0.6}}
actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
relations: [{source: a, target: b, type: targets}]
""",
        "x.yaml",
    )
    t = ds.relation_types["targets"]
    assert (t.influence, t.stance, t.directed) == (0.6, "hostile", True)
    assert [w.message for w in ds.warnings] == [
        "relation type 'targets' redefines the built-in type (influence: 0.3 -> 0.6)"
    ]


def test_types_command_lists_builtin_and_declared(run, seed_path):
    result = run("types", "--data", seed_path, "--format", "json")
    assert result.exit_code == 0
    import json

    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["directs"]["origin"] == "built-in" and rows["directs"]["used"] >= 1
    assert rows["protects"]["origin"] == "dataset"
