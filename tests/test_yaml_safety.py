"""Hostile or pathological YAML: alias bombs, quadratic alias reuse, deep nesting.

The loader must refuse them quickly, in bounded memory, with a DataError, and never crash the
interpreter. Timing bounds are deliberately generous (a slow CI machine must still pass); what
they catch is an expansion that takes minutes or gigabytes.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest

from graph.dataset.load import load_dataset, load_text
from graph.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT = 5.0  # seconds; the real cost is a small fraction of this
MEMORY_LIMIT = 50 * 1024 * 1024  # bytes of Python allocations at the peak


def laughs(prefix: str = "lol", levels: int = 9, width: int = 9) -> list[str]:
    """The anchors of a billion-laughs bomb: level i holds ``width`` aliases to level i-1."""
    lines = [f"{prefix}0: &{prefix}0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(
            f"{prefix}{i}: &{prefix}{i} [" + ", ".join([f"*{prefix}{i - 1}"] * width) + "]"
        )
    return lines


def anchors_block(lines: list[str]) -> str:
    """The anchors under an ignored top-level key, so the bomb is defined but not yet used."""
    return "bombs:\n" + "".join(f"  {line}\n" for line in lines)


def load_measured(text: str):
    """Load ``text``; return (the DataError or dataset, seconds, peak bytes allocated)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        try:
            outcome = load_text(text, "bomb.yaml")
        except DataError as exc:
            outcome = exc
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcome, elapsed, peak


def assert_refused_as_bomb(outcome) -> None:
    assert isinstance(outcome, DataError), "the alias bomb was loaded"
    bombs = [p for p in outcome.errors if "alias bomb" in p.message]
    assert len(bombs) == 1, [str(p) for p in outcome.problems]
    (p,) = bombs
    assert p.file == "bomb.yaml"
    assert (p.line, p.column) == (1, 1)
    assert "expands through YAML aliases (*name) to more than" in p.message


# -- billion laughs -----------------------------------------------------------------------------------


def billion_laughs_in_actor_field() -> str:
    return anchors_block(laughs()) + textwrap.dedent(
        """\
        actors:
          - id: a
            name: Alpha
            kind: state
            payload: *lol8
          - {id: b, name: Beta, kind: state}
        relations:
          - {source: a, target: b, type: directs}
        """
    )


def billion_laughs_in_relations() -> str:
    # A relation carrying the bomb, reused through an aliased relations list.
    return anchors_block(laughs()) + textwrap.dedent(
        """\
          rel: &rel {source: a, target: b, type: directs, payload: *lol8}
          rels: &rels [*rel, *rel, *rel, *rel, *rel, *rel, *rel, *rel, *rel]
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta, kind: state}
        relations: *rels
        """
    )


def laughs_through_evidence() -> str:
    # Evidence items cannot nest, so this bomb is wide instead of deep: 2000 relations (through
    # an aliased list) each citing the same 2000 evidence items (through an aliased list).
    return (
        "bombs:\n"
        "  item: &item {source: the article, quote: lol}\n"
        "  wide: &wide [" + ", ".join(["*item"] * 2000) + "]\n"
        "  rel: &rel {source: a, target: b, type: directs, evidence: *wide}\n"
        "  rels: &rels [" + ", ".join(["*rel"] * 2000) + "]\n"
        "actors:\n"
        "  - {id: a, name: Alpha, kind: state}\n"
        "  - {id: b, name: Beta, kind: state}\n"
        "relations: *rels\n"
    )


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(billion_laughs_in_actor_field, id="actor-extra-field"),
        pytest.param(billion_laughs_in_relations, id="relations-list"),
        pytest.param(laughs_through_evidence, id="evidence-list"),
    ],
)
def test_alias_bomb_is_refused_quickly_in_bounded_memory(make):
    text = make()
    assert len(text) < 100_000  # a small file...
    outcome, elapsed, peak = load_measured(text)
    assert_refused_as_bomb(outcome)  # ...that would stand for hundreds of millions of values
    assert elapsed < TIME_LIMIT
    assert peak < MEMORY_LIMIT


def test_nested_lists_aliased_into_relations_and_evidence_are_refused_without_expanding():
    # The bomb's lists are not relations or evidence items: each is refused where it stands,
    # without walking into it.
    text = anchors_block(laughs()) + textwrap.dedent(
        """\
        actors:
          - {id: a, name: Alpha, kind: state}
          - {id: b, name: Beta, kind: state}
        relations:
          - {source: a, target: b, type: directs, evidence: *lol8}
        """
    )
    outcome, elapsed, peak = load_measured(text)
    assert isinstance(outcome, DataError)
    # Every item is reported as written: inside the anchored list, on line 10.
    assert [(p.line, p.message) for p in outcome.errors] == [
        (10, f"relation 1 (a directs b), evidence {i} must be a mapping with 'source' and 'quote'")
        for i in range(1, 10)
    ]
    assert elapsed < TIME_LIMIT and peak < MEMORY_LIMIT

    outcome, elapsed, peak = load_measured(
        anchors_block(laughs()) + "actors:\n  - {id: a, name: A, kind: state}\nrelations: *lol8\n"
    )
    assert isinstance(outcome, DataError)
    assert len(outcome.errors) == 9  # one per top-level item: "relation N must be a mapping"
    assert all(
        "must be a mapping with source, target and type" in p.message for p in outcome.errors
    )
    assert elapsed < TIME_LIMIT and peak < MEMORY_LIMIT


def test_alias_bomb_in_a_file_on_disk(write):
    path = write("bomb.yaml", billion_laughs_in_actor_field())
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_dataset([path])
    assert time.perf_counter() - start < TIME_LIMIT
    assert any("alias bomb" in p.message and p.file == str(path) for p in info.value.errors)


def test_alias_bomb_in_aliases_lists_is_refused():
    # A flat list of 1000 names, reused by 1000 actors through an alias.
    text = (
        "bombs:\n"
        "  names: &names [" + ", ".join(f"x{i}" for i in range(1000)) + "]\n"
        "actors:\n"
        + "".join(
            f"  - {{id: a{i}, name: A{i}, kind: state, aliases: *names}}\n" for i in range(1000)
        )
    )
    outcome, elapsed, peak = load_measured(text)
    assert_refused_as_bomb(outcome)
    assert len(outcome.errors) == 1
    assert elapsed < TIME_LIMIT and peak < MEMORY_LIMIT


def claimed_by_bomb(n: int = 1000) -> str:
    """n relations each claimed by the same n unknown actors, through an alias."""
    return (
        "bombs:\n"
        "  ids: &ids [" + ", ".join(f"x{i}" for i in range(n)) + "]\n"
        "actors:\n  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: state}\n"
        "relations:\n" + "  - {source: a, target: b, type: directs, claimed_by: *ids}\n" * n
    )


def test_alias_bomb_in_claimed_by_is_refused_without_a_flood_of_errors():
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_text(claimed_by_bomb(), "bomb.yaml")
    elapsed = time.perf_counter() - start
    assert_refused_as_bomb(info.value)
    assert len(info.value.problems) < 100
    assert elapsed < TIME_LIMIT


# -- quadratic expansion ----------------------------------------------------------------------------


def test_quadratic_evidence_reuse_is_refused_not_expanded():
    # One evidence list of 1000 aliases, reused by 1000 relations: a million evidence items.
    text = (
        "bombs:\n"
        "  item: &item {source: the article, quote: the same words}\n"
        "  evidence: &evidence [" + ", ".join(["*item"] * 1000) + "]\n"
        "actors:\n"
        "  - {id: a, name: Alpha, kind: state}\n"
        "  - {id: b, name: Beta, kind: state}\n"
        "relations:\n" + "  - {source: a, target: b, type: directs, evidence: *evidence}\n" * 1000
    )
    outcome, elapsed, peak = load_measured(text)
    assert_refused_as_bomb(outcome)
    assert elapsed < TIME_LIMIT
    assert peak < MEMORY_LIMIT


def test_quadratic_relation_reuse_is_refused_not_expanded():
    text = (
        "bombs:\n"
        "  item: &item {source: the article, quote: the same words}\n"
        "  evidence: &evidence [" + ", ".join(["*item"] * 1000) + "]\n"
        "  rel: &rel {source: a, target: b, type: directs, evidence: *evidence}\n"
        "  rels: &rels [" + ", ".join(["*rel"] * 1000) + "]\n"
        "actors:\n"
        "  - {id: a, name: Alpha, kind: state}\n"
        "  - {id: b, name: Beta, kind: state}\n"
        "relations: *rels\n"
    )
    outcome, elapsed, peak = load_measured(text)
    assert_refused_as_bomb(outcome)
    assert elapsed < TIME_LIMIT and peak < MEMORY_LIMIT


# -- honest aliases ------------------------------------------------------------------------------------


def test_an_anchored_evidence_source_reused_50_times_loads():
    lines = [
        "actors:",
        "  - {id: hub, name: Hub, kind: state}",
    ]
    lines += [f"  - {{id: s{i}, name: Spoke {i}, kind: armed_group}}" for i in range(50)]
    lines.append("relations:")
    for i in range(50):
        source = "&src The Daily Article, 3 December 2020" if i == 0 else "*src"
        lines += [
            "  - source: hub",
            f"    target: s{i}",
            "    type: supports",
            "    evidence:",
            f"      - source: {source}",
            f"        quote: words number {i}",
        ]
    outcome, elapsed, _ = load_measured("\n".join(lines) + "\n")
    assert not isinstance(outcome, DataError), str(outcome)
    ds = outcome
    assert len(ds.relations) == 50
    assert {r.evidence[0].source for r in ds.relations} == {"The Daily Article, 3 December 2020"}
    assert sorted(r.evidence[0].quote for r in ds.relations)[:2] == [
        "words number 0",
        "words number 1",
    ]
    assert ds.warnings == ()
    assert elapsed < TIME_LIMIT


def test_a_merge_key_loads():
    ds = load_text(
        textwrap.dedent(
            """\
        defaults:
          militia: &militia {kind: armed_group, founded_by: iran}
        actors:
          - {id: iran, name: Iran, kind: state}
          - {<<: *militia, id: kh, name: Kataib Hezbollah}
          - {<<: *militia, id: aah, name: Asaib Ahl al-Haq, founded_by: khazali}
          - <<: *militia
            id: nujaba
            name: Nujaba
            kind: coalition
        relations:
          - &support {source: iran, target: kh, type: supports, status: alleged}
          - {<<: *support, target: aah}
          - {<<: *support, target: nujaba}
        """
        ),
        "merge.yaml",
    )
    kinds = {a.id: a.kind for a in ds.actors.values()}
    assert kinds == {
        "iran": "state",
        "kh": "armed_group",
        "aah": "armed_group",
        "nujaba": "coalition",
    }  # a key written in the mapping beats the merged one
    assert ds.actors["kh"].attributes == {"founded_by": "iran"}
    assert ds.actors["aah"].attributes == {"founded_by": "khazali"}
    assert [(r.id, r.status) for r in ds.relations] == [
        ("iran-supports-kh", "alleged"),
        ("iran-supports-aah", "alleged"),
        ("iran-supports-nujaba", "alleged"),
    ]
    # Only the unknown top-level key is mentioned.
    assert [w.message for w in ds.warnings] == [
        "the dataset: unknown field 'defaults'; it is ignored"
    ]


def test_a_bad_merge_key_is_an_error():
    with pytest.raises(DataError) as info:
        load_text("actors:\n  - {<<: [a, b], id: x, name: X, kind: state}\n", "merge.yaml")
    assert any(
        (p.line, p.column) == (2, 10) and "a merge key '<<' needs a mapping" in p.message
        for p in info.value.errors
    )


# -- deep nesting -----------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """\
    import sys
    from graph.errors import DataError
    from graph.dataset.load import load_text

    text = sys.stdin.read()
    try:
        load_text(text, "deep.yaml")
    except DataError as exc:
        print("DataError")
        print(str(exc))
    else:
        print("loaded")
    """
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 200_000, id="brackets"),
        pytest.param("actors: " + "[" * 200_000 + "]" * 200_000 + "\n", id="balanced-brackets"),
        pytest.param("actors: " + "{a: " * 100_000 + "\n", id="braces"),
        pytest.param("- " * 100_000 + "x\n", id="block-sequence"),
    ],
)
def test_deep_nesting_does_not_crash_the_interpreter(text):
    proc = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,  # so the child imports this checkout's graph package
    )
    # A segfault (LibYAML's composer on deep input) shows as a negative return code.
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    out = proc.stdout.splitlines()
    assert out[0] == "DataError", proc.stdout[:2000]
    assert out[1].startswith("deep.yaml:1:")
    assert "YAML syntax error: exceeded maximum nesting depth" in out[1]


def test_deeply_nested_extra_attribute_is_an_error_not_a_recursion_error():
    depth = 100
    text = textwrap.dedent(
        """\
        actors:
          - id: a
            name: Alpha
            kind: state
            deep: {value}
          - {{id: b, name: Beta, kind: state}}
        relations:
          - {{source: a, target: b, type: directs}}
        """
    ).format(value="[" * depth + "]" * depth)
    with pytest.raises(DataError) as info:
        load_text(text, "deep.yaml")
    (error,) = info.value.errors
    # The first list nested too deep: the attribute's own list is level 0, so level 33.
    assert (error.line, error.column) == (5, 11 + 33)
    assert "this value is nested more than 32 levels deep" in error.message


def test_deeply_nested_mapping_attribute_is_an_error():
    text = (
        "actors:\n  - id: a\n    name: Alpha\n    kind: state\n    deep: "
        + "{k: " * 100
        + "1"
        + "}" * 100
        + "\n  - {id: b, name: Beta, kind: state}\nrelations:\n"
        "  - {source: a, target: b, type: directs}\n"
    )
    with pytest.raises(DataError) as info:
        load_text(text, "deep.yaml")
    (error,) = info.value.errors
    assert error.line == 5
    assert "nested more than 32 levels deep" in error.message


def test_nesting_within_the_limit_is_kept():
    text = (
        "actors:\n  - id: a\n    name: Alpha\n    kind: state\n    deep: "
        + "[" * 33
        + "]" * 33
        + "\n  - {id: b, name: Beta, kind: state}\nrelations:\n"
        "  - {source: a, target: b, type: directs}\n"
    )
    ds = load_text(text, "deep.yaml")
    value = ds.actors["a"].attributes["deep"]
    depth = 0
    while value:
        (value,) = value
        depth += 1
    assert depth == 32
