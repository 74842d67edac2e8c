"""The notebook API: ``import graph`` is cheap, its names load on first use, and a notebook
gets the same plain data the command line prints as JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import graph
from conftest import ROOT, SEED

CHILD = """
import json, sys, time
start = time.perf_counter()
import graph
took = time.perf_counter() - start
print(json.dumps({"modules": sorted(sys.modules), "seconds": took,
                  "version": graph.__version__}))
"""


def test_importing_the_face_imports_no_analysis_nor_networkx():
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    modules = set(found["modules"])
    assert found["version"] == graph.__version__
    assert not {"networkx", "yaml", "click"} & modules
    ours = sorted(m for m in modules if m == "graph" or m.startswith("graph."))
    assert ours == ["graph", "graph._version"]


def test_every_public_name_resolves_and_is_listed():
    for name in graph.__all__:
        assert getattr(graph, name) is not None, name
    assert set(graph.__all__) <= set(dir(graph))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        graph.nope  # noqa: B018


@pytest.mark.parametrize("given", [str(SEED), SEED, [str(SEED)], (SEED,)])
def test_a_str_or_a_path_is_one_file_and_a_list_is_several(given):
    assert len(graph.load_dataset(given).actors) == 15
    assert graph.load_graph(given).number_of_nodes() == 15


def test_a_missing_file_is_one_problem_not_one_per_character(tmp_path):
    with pytest.raises(graph.DataError) as caught:
        graph.load_dataset(str(tmp_path / "nope.yaml"))
    (problem,) = caught.value.problems
    assert problem.message.startswith("no such file") and "actorgraph" not in problem.message


def test_the_library_does_not_send_a_notebook_user_to_the_terminal(run):
    G = graph.load_graph(SEED)
    with pytest.raises(graph.ActorNotFoundError) as caught:
        graph.resolve_actor(G, "Zzyzx")
    assert "actorgraph" not in str(caught.value)
    result = run("path", "Zzyzx", "Iran", "--data", SEED)  # the command line adds its hint
    assert result.exit_code == 1 and "'actorgraph actors' lists them" in result.stderr


def test_select_takes_plain_words_and_says_what_it_left_out():
    G = graph.load_graph(SEED)
    view = graph.select(G, as_of="2020-11", perspective="Washington")
    assert view.notes[0].startswith("Relations in force in 2020-11")
    assert view.notes[1].startswith("As United States tells it")
    assert view.graph.number_of_edges() < G.number_of_edges()
    focused = graph.select(G, focus="Khazali", depth=1)
    assert focused.focus == "qais_al_khazali"
    assert set(focused.graph) == {"qais_al_khazali", *G.successors("qais_al_khazali"),
                                  *G.predecessors("qais_al_khazali")}  # fmt: skip
    with pytest.raises(graph.QueryError, match="not an ISO date"):
        graph.select(G, as_of="November 2020")


def test_a_focused_view_is_the_same_whatever_the_hash_seed():
    """--focus once took networkx's ego_graph, whose order came from a set: the briefing's
    text changed from one run to the next."""
    child = ("import graph; G = graph.load_graph('data/actors.yaml'); "
             "v = graph.select(G, focus='Iran'); print(list(v.graph), list(v.graph.edges))")  # fmt: skip
    outputs = {
        subprocess.run(
            [sys.executable, "-c", child],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)},
            timeout=60,
        ).stdout  # fmt: skip
        for seed in (1, 2, 3, 4)
    }
    assert len(outputs) == 1 and "iran" in outputs.pop()


@pytest.mark.parametrize(
    "ask",
    [
        lambda G, a: graph.influence_chains(G, a),
        lambda G, a: graph.influenced_by_chains(G, a),
        lambda G, a: graph.neighbors(G, a),
        lambda G, a: graph.shortest_chain(G, a, "iran"),
        lambda G, a: graph.what_if(G, [a]),
        lambda G, a: graph.contested_claims(G, actor=a),
    ],
)
def test_the_library_names_actors_as_the_command_line_does(ask):
    G = graph.load_graph(SEED)
    by_name = ask(G, "PMU militias")
    by_id = ask(G, "pmu_militias")
    assert repr(by_name) == repr(by_id)
    with pytest.raises(graph.ActorNotFoundError, match="no actor is called 'Atlantis'"):
        ask(G, "Atlantis")
