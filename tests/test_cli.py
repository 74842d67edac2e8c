"""The command line, driven in-process: exit codes, stdout versus stderr, parseable output."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

COMMANDS = [
    "validate",
    "actors",
    "relations",
    "types",
    "influence",
    "influenced-by",
    "path",
    "centrality",
    "neighbors",
    "summary",
]

QUERIES = [
    ["actors"],
    ["relations"],
    ["types"],
    ["influence", "Iran"],
    ["influenced-by", "Green Zone"],
    ["path", "Iran", "US Embassy"],
    ["centrality"],
    ["neighbors", "PMU"],
    ["summary"],
    ["validate"],
]


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: a[0])
def test_every_command_succeeds_on_the_seed(run, seed_path, args):
    result = run(*args, "--data", seed_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: a[0])
def test_json_output_parses(run, seed_path, args):
    result = run(*args, "--data", seed_path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: a[0])
def test_csv_output_parses_with_a_header(run, seed_path, args):
    result = run(*args, "--data", seed_path, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows and all(len(r) == len(rows[0]) for r in rows)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    for flag in ("-h", "--help"):
        result = run(command, flag)
        assert result.exit_code == 0
        assert "Example:" in result.stdout and f"actorgraph {command}" in result.stdout


def test_version(run):
    from graph import __version__

    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_headline_question_who_is_behind_the_green_zone_attack(run, seed_path):
    result = run("influenced-by", "green zone", "--data", seed_path)
    out = result.stdout
    assert out.startswith("Who influences Green Zone:")
    assert "Iran —directs→ PMU militias —targets (denied)→ Green Zone" in out
    assert "“Iran, which directs these militias” — seed article" in out
    assert "“The Iranian militias denied responsibility for the latest attacks.”" in out


def test_influence_json_is_documented_shape(run, seed_path):
    data = json.loads(run("influence", "Iran", "--data", seed_path, "--format", "json").stdout)
    assert data["actor"] == {"id": "iran", "name": "Iran"}
    assert data["direction"] == "influences" and data["count"] == len(data["results"])
    first = data["results"][0]
    assert set(first) == {"rank", "actor", "name", "strength", "hops", "chain"}
    assert first["chain"]["steps"][0]["from"] == "iran"
    assert set(first["chain"]["steps"][0]) == {
        "from",
        "to",
        "relation",
        "type",
        "status",
        "influence",
        "forward",
        "evidence",
    }


def test_depth_and_top(run, seed_path):
    data = json.loads(
        run(
            "influence",
            "Khazali",
            "--depth",
            "2",
            "--top",
            "2",
            "--data",
            seed_path,
            "--format",
            "json",
        ).stdout
    )
    assert len(data["results"]) == 2 and data["count"] >= 2
    assert all(r["hops"] <= 2 for r in data["results"])


def test_unknown_actor_is_exit_1_with_suggestions_on_stderr(run, seed_path):
    result = run("influence", "Irann", "--data", seed_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no actor is called 'Irann'; closest: 'iran' (Iran" in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_actor_lists_the_candidates(run, write):
    path = write(
        "amb.yaml",
        """
        actors:
          - {id: us_gov, name: US government, kind: government, aliases: [Washington]}
          - {id: washington_dc, name: Washington, kind: place}
        relations:
          - {source: us_gov, target: washington_dc, type: located_in}
    """,
    )
    result = run("neighbors", "washington", "--data", path)
    assert result.exit_code == 1
    assert "could mean several actors" in result.stderr
    assert "'us_gov'" in result.stderr and "'washington_dc'" in result.stderr


def test_usage_errors_exit_2(run, seed_path):
    assert run("influence", "--data", seed_path).exit_code == 2  # missing ACTOR
    assert run("centrality", "--measure", "fame", "--data", seed_path).exit_code == 2
    assert run("influence", "iran", "--depth", "0", "--data", seed_path).exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_unknown_type_filter_is_exit_1_with_suggestion(run, seed_path):
    result = run("relations", "--type", "threaten", "--data", seed_path)
    assert result.exit_code == 1
    assert "'threaten' is not a relation type of this dataset (did you mean 'threatens'?)" in (
        result.stderr
    )


def test_filters_restrict_relations(run, seed_path):
    data = json.loads(
        run(
            "relations",
            "--type",
            "threatens",
            "--type",
            "targets",
            "--status",
            "denied",
            "--data",
            seed_path,
            "--format",
            "json",
        ).stdout
    )
    assert {(r["type"], r["status"]) for r in data} == {("targets", "denied")}
    data = json.loads(
        run("relations", "--actor", "Khazali", "--data", seed_path, "--format", "json").stdout
    )
    assert data and all("qais_al_khazali" in (r["source"], r["target"]) for r in data)
    data = json.loads(
        run("actors", "--kind", "state", "--data", seed_path, "--format", "json").stdout
    )
    assert {a["id"] for a in data} == {"iran", "iraq", "united_states"}


def test_broken_data_exits_1_with_every_problem_on_stderr(run, write):
    path = write(
        "broken.yaml",
        """
        actors:
          - {id: a, name: A, kind: state}
        relations:
          - {source: a, target: b, type: directs}
          - {source: a, target: a, type: threaten}
    """,
    )
    result = run("summary", "--data", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{path}:4:25: error: relation 1 (a directs b): target 'b'")
    assert lines[1].startswith(f"{path}:5:34: error: relation 2 (a threaten a): type 'threaten'")
    assert lines[-1] == "actorgraph: 2 errors and 0 warnings in 1 file; nothing was analysed."


def test_warnings_go_to_stderr_and_strict_makes_them_fail(run, write):
    path = write(
        "warn.yaml",
        """
        actors:
          - {id: a, name: A, kind: state}
          - {id: b, name: B, kind: state}
          - {id: lonely, name: Lonely, kind: person}
        relations:
          - {source: a, target: b, type: supports}
    """,
    )
    result = run("actors", "--data", path)
    assert result.exit_code == 0
    assert "warning: actor 'lonely' takes part in no relation" in result.stderr
    assert "Lonely" in result.stdout and "warning" not in result.stdout
    strict = run("actors", "--data", path, "--strict")
    assert strict.exit_code == 1
    assert "error: actor 'lonely' takes part in no relation" in strict.stderr


def test_validate_reports_json_problems_for_editors(run, write):
    path = write("bad.yaml", "actors: {a: 1}\n")
    result = run("validate", "--data", path, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["problems"][0]["line"] == 1 and report["problems"][0]["column"] == 9


def test_default_dataset_is_the_local_one_else_the_bundled_one(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("actors")
    assert result.exit_code == 0
    assert "using the bundled seed dataset" in result.stderr
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "actors.yaml").write_text(
        "actors: [{id: x, name: Xanadu, kind: place}]\n", encoding="utf-8"
    )
    result = run("actors", "--format", "json")
    assert [a["id"] for a in json.loads(result.stdout)] == ["x"]
    assert "bundled" not in result.stderr


@pytest.mark.parametrize("entry", [["cli.py"], ["-m", "graph"]])
def test_runs_from_a_checkout(entry):
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, *entry, "path", "Iran", "ISIS", "--no-evidence"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Iran —opposes→ ISIS" in done.stdout


def test_the_data_file_is_never_modified(run, seed_path):
    before = seed_path.read_bytes()
    for args in QUERIES:
        run(*args, "--data", seed_path)
    assert seed_path.read_bytes() == before
