"""Loading several files at once: actors merge by id, types and actors are shared, conflicts are
errors that point at the second definition and cite the first; and the CLI's report of it all."""

from __future__ import annotations

import pytest

from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset
from graph.errors import DataError

A = """
title: File A
relation_types:
  feud:
    description: a long quarrel
    stance: hostile
    directed: false
    influence: 0.2
actors:
  - id: iran
    name: Iran
    kind: state
    aliases: [Tehran, Islamic Republic]
    description: A state.
    wikidata: Q794
  - {id: pmu, name: PMU militias, kind: armed_group}
relations:
  - {source: iran, target: pmu, type: directs}
"""

B = """
title: File B
actors:
  - id: iran
    name: Iran
    kind: state
    aliases: [Islamic Republic, Persia]
  - {id: usa, name: United States, kind: state, aliases: [Washington]}
relations:
  - {source: usa, target: iran, type: accuses}
  - {source: usa, target: pmu, type: feud}
"""


def problems_of(paths, strict=False):
    with pytest.raises(DataError) as info:
        load_dataset(paths, strict=strict)
    return info.value.problems


def at(problems, file, line, column, fragment, level="error"):
    hits = [
        p
        for p in problems
        if (p.file, p.line, p.column, p.level) == (str(file), line, column, level)
        and fragment in p.message
    ]
    assert len(hits) == 1, "\n".join(str(p) for p in problems)
    return hits[0]


# -- actors with the same id ------------------------------------------------------------------------


def test_actors_with_the_same_id_merge(write):
    a, b = write("a.yaml", A), write("b.yaml", B)
    ds = load_dataset([a, b])

    assert ds.files == (str(a), str(b))
    assert ds.title == "File A"  # the first file's title wins
    assert set(ds.actors) == {"iran", "pmu", "usa"}
    iran = ds.actors["iran"]
    assert iran.name == "Iran" and iran.kind == "state"
    # Aliases are unioned, in order of first appearance, without repeats.
    assert iran.aliases == ("Tehran", "Islamic Republic", "Persia")
    assert iran.description == "A state."
    assert dict(iran.attributes) == {"wikidata": "Q794"}
    # Both definitions are remembered, each with its own file and line.
    assert [(o.file, o.line, o.column) for o in iran.origins] == [
        (str(a), 9, 5),
        (str(b), 3, 5),
    ]
    assert ds.warnings == ()


def test_relations_from_both_files_keep_their_own_origin(write):
    a, b = write("a.yaml", A), write("b.yaml", B)
    ds = load_dataset([a, b])
    where = {r.id: (r.origin.file, r.origin.line, r.origin.column) for r in ds.relations}
    assert where == {
        "iran-directs-pmu": (str(a), 17, 5),
        "usa-accuses-iran": (str(b), 9, 5),
        "usa-feud-pmu": (str(b), 10, 5),
    }
    G = build_graph(ds)
    assert G.nodes["iran"]["defined_at"] == [f"{a}:9:5", f"{b}:3:5"]
    assert G.edges["usa", "pmu", "usa-feud-pmu"]["file"] == str(b)
    assert G.edges["usa", "pmu", "usa-feud-pmu"]["line"] == 10
    assert G.edges["iran", "pmu", "iran-directs-pmu"]["file"] == str(a)


def test_order_of_files_decides_which_definition_comes_first(write):
    a, b = write("a.yaml", A), write("b.yaml", B)
    ds = load_dataset([b, a])
    assert ds.title == "File B"
    assert ds.actors["iran"].aliases == ("Islamic Republic", "Persia", "Tehran")
    assert [o.file for o in ds.actors["iran"].origins] == [str(b), str(a)]


@pytest.mark.parametrize(
    ("second", "clash"),
    [
        pytest.param(
            "{id: iran, name: Persia, kind: state}",
            "name 'Persia' here but 'Iran' at {a}:3:5",
            id="name",
        ),
        pytest.param(
            "{id: iran, name: Iran, kind: government}",
            "kind 'government' here but 'state' at {a}:3:5",
            id="kind",
        ),
        pytest.param(
            "{id: iran, name: Persia, kind: government}",
            "name 'Persia' here but 'Iran' at {a}:3:5; kind 'government' here but 'state' "
            "at {a}:3:5",
            id="both",
        ),
    ],
)
def test_conflicting_name_or_kind_across_files(write, second, clash):
    a = write(
        "a.yaml",
        """
        actors:
          - {id: pmu, name: PMU, kind: armed_group}
          - {id: iran, name: Iran, kind: state}
        relations:
          - {source: iran, target: pmu, type: directs}
        """,
    )
    b = write(
        "b.yaml",
        f"""
        actors:
          - {{id: pmu, name: PMU, kind: armed_group}}
          - {second}
        relations:
          - {{source: iran, target: pmu, type: supports}}
        """,
    )
    problems = problems_of([a, b])
    assert [p.level for p in problems] == ["error"]
    p = at(
        problems, b, 3, 5, "actor 'iran' is merged with its earlier definition, but they disagree: "
    )
    assert p.message.endswith(clash.format(a=a))


def test_different_descriptions_or_attributes_across_files_are_warnings(write):
    a = write(
        "a.yaml",
        """
        actors:
          - {id: iran, name: Iran, kind: state, description: One., wikidata: Q794}
          - {id: pmu, name: PMU, kind: armed_group}
        relations:
          - {source: iran, target: pmu, type: directs}
        """,
    )
    b = write(
        "b.yaml",
        """
        actors:
          - {id: iran, name: Iran, kind: state, description: Two., wikidata: Q1}
        """,
    )
    ds = load_dataset([a, b])
    warnings = list(ds.warnings)
    assert len(warnings) == 2
    at(
        warnings,
        b,
        2,
        5,
        f"actor 'iran' has another description at {a}:2:5; the first one is kept",
        level="warning",
    )
    at(
        warnings,
        b,
        2,
        5,
        f"actor 'iran': 'wikidata' differs from {a}:2:5; the first value is kept",
        level="warning",
    )
    assert ds.actors["iran"].description == "One."
    assert ds.actors["iran"].attributes["wikidata"] == "Q794"


def test_duplicate_actor_in_one_file_is_an_error_but_across_files_a_merge(write):
    a = write(
        "a.yaml",
        """
        actors:
          - {id: iran, name: Iran, kind: state}
          - {id: iran, name: Iran, kind: state}
        """,
    )
    problems = problems_of([a])
    at(problems, a, 3, 10, "actor 'iran' is defined twice in this file (first on line 2)")


# -- references across files ------------------------------------------------------------------------


def test_relation_in_one_file_may_use_an_actor_declared_only_in_another(write):
    actors = write(
        "actors.yaml",
        """
        actors:
          - {id: iran, name: Iran, kind: state}
          - {id: pmu, name: PMU, kind: armed_group, aliases: [Hashd]}
        """,
    )
    relations = write(
        "relations.yaml",
        """
        relations:
          - {source: iran, target: pmu, type: directs}
          - {source: pmu, target: iran, type: supports, claimed_by: [pmu]}
        """,
    )
    for order in ([actors, relations], [relations, actors]):
        ds = load_dataset(order)
        assert sorted(r.id for r in ds.relations) == ["iran-directs-pmu", "pmu-supports-iran"]
        assert {r.origin.file for r in ds.relations} == {str(relations)}
        assert ds.warnings == ()


def test_relation_naming_an_unknown_actor_in_a_second_file(write):
    a = write("a.yaml", "actors:\n  - {id: iran, name: Iran, kind: state, aliases: [Tehran]}\n")
    b = write("b.yaml", "relations:\n  - {source: Tehran, target: irann, type: directs}\n")
    problems = problems_of([a, b])
    assert [(p.file, p.line, p.column) for p in problems] == [(str(b), 2, 14), (str(b), 2, 30)]
    assert "(that is a name of actor 'iran': relations use actor ids)" in problems[0].message
    assert "(did you mean 'iran'?)" in problems[1].message


def test_relation_types_declared_in_one_file_are_usable_in_another(write):
    a, b = write("a.yaml", A), write("b.yaml", B)
    ds = load_dataset([a, b])
    feud = ds.relation_types["feud"]
    assert (feud.stance, feud.directed, feud.influence, feud.builtin) == (
        "hostile",
        False,
        0.2,
        False,
    )
    (relation,) = [r for r in ds.relations if r.type == "feud"]
    assert relation.origin.file == str(b)
    # ... and in a file given before the declaring one.
    ds = load_dataset([b, a])
    assert any(r.type == "feud" for r in ds.relations)


def test_the_same_type_declared_identically_twice_is_fine(write):
    decl = "relation_types:\n  feud: {stance: hostile, influence: 0.2}\n"
    a = write(
        "a.yaml",
        decl + "actors:\n  - {id: x, name: X, kind: state}\n"
        "  - {id: y, name: Y, kind: state}\nrelations:\n  - {source: x, target: y, type: feud}\n",
    )
    b = write("b.yaml", decl + "relations:\n  - {source: y, target: x, type: feud}\n")
    ds = load_dataset([a, b])
    assert ds.warnings == ()
    assert [r.type for r in ds.relations] == ["feud", "feud"]


def test_the_same_type_declared_differently_is_an_error(write):
    a, b = (
        write("a.yaml", A),
        write(
            "b.yaml",
            """
        relation_types:
          feud: {stance: hostile, influence: 0.5, directed: false}
        relations:
          - {source: usa, target: iran, type: feud}
        actors:
          - {id: usa, name: United States, kind: state}
        """,
        ),
    )
    problems = problems_of([a, b])
    assert [p.level for p in problems] == ["error"]
    at(
        problems,
        b,
        2,
        3,
        f"relation type 'feud' is declared differently at {a}:3:3; declare it once",
    )


def test_explicit_relation_id_used_in_two_files(write):
    a = write(
        "a.yaml",
        """
        actors:
          - {id: x, name: X, kind: state}
          - {id: y, name: Y, kind: state}
        relations:
          - {id: r1, source: x, target: y, type: directs}
        """,
    )
    b = write("b.yaml", "relations:\n  - {id: r1, source: y, target: x, type: supports}\n")
    problems = problems_of([a, b])
    at(problems, b, 2, 10, f"the relation id 'r1' is already used at {a}:5:5")


def test_generated_ids_are_unique_across_files(write):
    a = write(
        "a.yaml",
        """
        actors:
          - {id: x, name: X, kind: state}
          - {id: y, name: Y, kind: state}
        relations:
          - {source: x, target: y, type: directs, note: one}
        """,
    )
    b = write("b.yaml", "relations:\n  - {source: x, target: y, type: directs, note: two}\n")
    ds = load_dataset([a, b])
    assert [(r.id, r.origin.file) for r in ds.relations] == [
        ("x-directs-y", str(a)),
        ("x-directs-y-2", str(b)),
    ]


def test_exact_duplicate_relation_across_files_is_a_warning(write):
    a = write("a.yaml", A)
    b = write("b.yaml", "relations:\n  - {source: iran, target: pmu, type: directs}\n")
    ds = load_dataset([a, b])
    (warning,) = ds.warnings
    assert (warning.file, warning.line, warning.column, warning.level) == (str(b), 2, 5, "warning")
    assert f"repeats the relation at {a}:17:5 exactly" in warning.message


# -- the same file twice --------------------------------------------------------------------------


def test_the_same_file_given_twice_is_read_once(write, tmp_path, monkeypatch):
    a = write("a.yaml", A)
    (tmp_path / "sub").mkdir()
    other_spelling = tmp_path / "sub" / ".." / "a.yaml"
    monkeypatch.chdir(tmp_path)
    for second in (a, other_spelling, "a.yaml", "./a.yaml"):
        ds = load_dataset([a, second])
        assert ds.files == (str(a),)
        assert len(ds.relations) == 1
        assert len(ds.actors["iran"].origins) == 1
        (warning,) = ds.warnings
        assert (warning.file, warning.line, warning.column) == (str(second), None, None)
        assert warning.level == "warning"
        assert f"this file was already given as '{a}'; it is read once" in warning.message
        assert str(warning).startswith(f"{second}: warning: ")

    with pytest.raises(DataError) as info:
        load_dataset([a, a], strict=True)
    assert [p.message for p in info.value.errors] == [
        f"this file was already given as '{a}'; it is read once"
    ]


def test_problems_are_sorted_by_file_in_command_line_order_then_line(write):
    a = write("a.yaml", "actors:\n  - {id: x, name: X, kind: state}\n  - {id: y, name: Y}\n")
    b = write(
        "b.yaml",
        "relations:\n  - {source: x, target: q, type: directs}\n"
        "  - {source: q, target: x, type: directz}\n",
    )
    problems = problems_of([b, a])
    assert [(p.file, p.line) for p in problems] == [
        (str(b), 2),
        (str(b), 3),
        (str(b), 3),
        (str(a), 3),
    ]


def test_a_missing_second_file_is_reported_with_the_first_ones_problems(write, tmp_path):
    a = write("a.yaml", "actors:\n  - {id: x, name: X}\n")
    missing = tmp_path / "missing.yaml"
    problems = problems_of([a, missing])
    assert [(p.file, p.line) for p in problems] == [(str(a), 2), (str(missing), None)]


# -- the CLI ------------------------------------------------------------------------------------------


def test_cli_validate_two_files(run, write):
    a, b = write("a.yaml", A), write("b.yaml", B)
    result = run("validate", "--data", a, "--data", b)
    assert result.exit_code == 0, result.stderr
    assert str(a) in result.stdout and str(b) in result.stdout
    assert result.stdout.startswith(f"{a}, {b}: valid")
    assert "3 actors, 3 relations" in result.stdout
    assert result.stderr == ""
    assert "Traceback" not in result.output


def test_cli_validate_two_files_json(run, write):
    import json

    a, b = write("a.yaml", A), write("b.yaml", B)
    result = run("validate", "--data", a, "--data", b, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["files"] == [str(a), str(b)]
    assert report["declared_types"] == ["feud"]


def test_cli_validate_with_errors_in_two_files(run, write):
    a = write(
        "a.yaml",
        """
        actors:
          - {id: iran, name: Iran, kind: state}
          - {id: pmu, name: PMU}
        relations:
          - {source: iran, target: pmu, type: directs}
        """,
    )
    b = write(
        "b.yaml",
        """
        actors:
          - {id: iran, name: Persia, kind: state}
        relations:
          - {source: iran, target: hezbollah, type: suports, date: 2021-02-29}
        """,
    )
    result = run("validate", "--data", a, "--data", b)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    expected = [
        f"{a}:3:5: error: actor 'pmu' has no 'kind'",
        f"{b}:2:5: error: actor 'iran' is merged with its earlier definition",
        f"{b}:4:28: error: relation 1 (iran suports hezbollah): target 'hezbollah'",
        f"{b}:4:45: error: relation 1 (iran suports hezbollah): type 'suports' is not a known "
        "relation type (did you mean 'supports'?)",
        f"{b}:4:60: error: relation 1 (iran suports hezbollah): 'date': '2021-02-29' is not a "
        "real day",
    ]
    problem_lines, summary = lines[:-1], lines[-1]
    assert len(problem_lines) == len(expected), result.stderr
    for line, start in zip(problem_lines, expected, strict=True):
        assert line.startswith(start), (line, start)
    assert summary == "actorgraph: 5 errors and 0 warnings in 2 files; nothing was analysed."
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr


def test_cli_validate_strict_turns_the_duplicate_file_warning_into_an_error(run, write):
    a = write("a.yaml", A)
    ok = run("validate", "--data", a, "--data", a)
    assert ok.exit_code == 0
    assert ok.stderr.splitlines() == [
        f"{a}: warning: this file was already given as '{a}'; it is read once"
    ]
    assert ok.stdout.startswith(f"{a}: valid")

    strict = run("validate", "--data", a, "--data", a, "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == ""
    assert strict.stderr.splitlines() == [
        f"{a}: error: this file was already given as '{a}'; it is read once",
        "actorgraph: 1 error and 0 warnings in 1 file; nothing was analysed.",
    ]


def test_cli_other_commands_report_data_problems_the_same_way(run, write, tmp_path):
    a = write("a.yaml", A)
    missing = tmp_path / "nope.yaml"
    result = run("summary", "--data", a, "--data", missing)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"{missing}: error: no such file")
    assert result.stderr.splitlines()[-1].startswith("actorgraph: 1 error and 0 warnings")
    assert "Traceback" not in result.output


def test_cli_validate_and_analysis_agree_on_a_reserved_field_name(run, write):
    # 'defined_at' is a name actorgraph sets on every node: validate refuses it, so no
    # analysis command can stumble on it later.
    a = write("a.yaml", A.replace("wikidata: Q794", "defined_at: Tehran archives"))
    b = write("b.yaml", B)
    for command in ("validate", "summary"):
        result = run(command, "--data", a, "--data", b)
        assert result.exit_code == 1
        assert "the field name 'defined_at' is reserved" in result.stderr
        assert "Traceback" not in result.output
