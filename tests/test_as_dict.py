"""One JSON shape per answer: what ``--format json`` prints is the analysis result's
``as_dict()``, so a notebook gets the same plain data as the command line; ``--format csv``
writes the result's ``rows()`` under its ``columns``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ROOT, SEED
from graph.analysis.balance import balance_report
from graph.analysis.blocs import bloc_report, blocs
from graph.analysis.centrality import MEASURES, centrality
from graph.analysis.influence import influence_chains, influence_ranking
from graph.analysis.keyplayers import key_players
from graph.analysis.paths import all_chains, chains_between
from graph.analysis.records import neighbors
from graph.analysis.selection import select
from graph.analysis.summary import summarize
from graph.analysis.whatif import what_if
from graph.cli.text import to_csv
from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset

GAMA = ROOT / "tests" / "data" / "gahuku_gama.yaml"

#: (command line after the command's name, the same question asked of the library), on the
#: seed dataset. The library's defaults are the command line's, except where it says so.
SEED_CASES = {
    "blocs": (["blocs"], lambda G: bloc_report(G)),
    "blocs --top": (
        ["blocs", "--top", "2", "--resolution", "1.5"],
        lambda G: bloc_report(G, resolution=1.5, top=2),
    ),
    "key-players": (["key-players"], lambda G: key_players(G)),
    "key-players --top": (["key-players", "--top", "2"], lambda G: key_players(G, top=2)),
    "whatif": (["whatif", "--remove", "Iran"], lambda G: what_if(G, ["iran"])),
    "whatif two": (
        ["whatif", "--remove", "PMU militias", "--remove", "United States"],
        lambda G: what_if(G, ["pmu_militias", "united_states"]),
    ),
    "balance": (["balance"], lambda G: balance_report(G)),
    "balance auto": (["balance", "--camps", "auto"], lambda G: balance_report(G, "auto")),
    "balance 3": (["balance", "--camps", "3"], lambda G: balance_report(G, 3)),
    # The command line sorts by PageRank unless --measure is given.
    "centrality": (["centrality"], lambda G: centrality(G, MEASURES, sort_by="pagerank")),
    "centrality --measure": (
        ["centrality", "--measure", "eigenvector", "--measure", "betweenness", "--top", "5"],
        lambda G: centrality(G, ["eigenvector", "betweenness"], top=5),
    ),
    "summary": (["summary"], lambda G: summarize(G)),
    "summary --top": (["summary", "--top", "2"], lambda G: summarize(G, top=2)),
    "influence": (["influence", "Iran"], lambda G: influence_ranking(G, "iran")),
    "influence --depth --top": (
        ["influence", "Iran", "--depth", "2", "--top", "3"],
        lambda G: influence_ranking(G, "iran", depth=2, top=3),
    ),
    "influenced-by": (
        ["influenced-by", "Green Zone"],
        lambda G: influence_ranking(G, "green_zone", backwards=True),
    ),
    # The command line shows at most 50 chains unless --limit says otherwise.
    "path": (["path", "Iran", "US Embassy"], lambda G: chains_between(G, "iran", "us_embassy")),
    "path --all": (
        ["path", "Iran", "Taji base", "--all", "--depth", "3"],
        lambda G: chains_between(G, "iran", "taji_base", every=True, depth=3, limit=50),
    ),
    "path --all --limit --undirected": (
        ["path", "Iran", "Taji base", "--all", "--limit", "2", "--undirected"],
        lambda G: chains_between(G, "iran", "taji_base", every=True, undirected=True, limit=2),
    ),
    "path none": (
        ["path", "US Embassy", "Iran"],
        lambda G: chains_between(G, "us_embassy", "iran"),
    ),
    "neighbors": (["neighbors", "Iran"], lambda G: neighbors(G, "iran")),
}

#: The same on Read's Gahuku-Gama tribes: symmetric ties only, none carrying influence.
GAMA_CASES = {
    "blocs": (["blocs"], lambda G: bloc_report(G)),
    "key-players": (["key-players"], lambda G: key_players(G)),
    "whatif": (["whatif", "--remove", "Gavev"], lambda G: what_if(G, ["gavev"])),
    "balance auto": (["balance", "--camps", "auto"], lambda G: balance_report(G, "auto")),
    "centrality": (["centrality"], lambda G: centrality(G, MEASURES, sort_by="pagerank")),
    "summary": (["summary"], lambda G: summarize(G)),
    "influence": (["influence", "Gavev"], lambda G: influence_ranking(G, "gavev")),
    "path --all": (
        ["path", "Gavev", "Ove", "--all", "--depth", "2"],
        lambda G: chains_between(G, "gavev", "ove", every=True, depth=2, limit=50),
    ),
    "neighbors": (["neighbors", "Gavev"], lambda G: neighbors(G, "gavev")),
}


@pytest.fixture(scope="module")
def gama_graph():
    return build_graph(load_dataset([GAMA]))


def cli_json(run, path, args):
    result = run(*args, "--data", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("case", SEED_CASES)
def test_seed_json_is_the_results_as_dict(case, run, seed_graph):
    args, ask = SEED_CASES[case]
    # Equal as they are, not only once through JSON: the plain data holds lists, not tuples.
    assert cli_json(run, SEED, args) == ask(seed_graph).as_dict()


@pytest.mark.parametrize("case", GAMA_CASES)
def test_gahuku_gama_json_is_the_results_as_dict(case, run, gama_graph):
    args, ask = GAMA_CASES[case]
    assert cli_json(run, GAMA, args) == ask(gama_graph).as_dict()


@pytest.mark.parametrize("case", SEED_CASES)
def test_seed_csv_is_the_results_rows_under_its_columns(case, run, seed_graph):
    args, ask = SEED_CASES[case]
    answer = ask(seed_graph)
    result = run(*args, "--data", SEED, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == to_csv(answer.rows(), answer.columns) + "\n"
    header, *lines = csv.reader(io.StringIO(result.stdout))
    assert header == list(answer.columns) and len(lines) == len(answer.rows())


def test_a_selection_reaches_the_same_answer(run, seed_graph):
    # --as-of and --perspective select the relations first; the library asks select().
    view = select(seed_graph, as_of="2020", perspective="United States")
    args = ["balance", "--as-of", "2020", "--perspective", "United States"]
    assert cli_json(run, SEED, args) == balance_report(view.graph).as_dict()
    args = ["blocs", "--as-of", "2020", "--perspective", "United States"]
    assert cli_json(run, SEED, args) == bloc_report(view.graph).as_dict()


def test_the_reports_hold_what_the_plain_functions_find(seed_graph):
    # The new results wrap the old answers, which keep their shapes.
    report = bloc_report(seed_graph, all_ties=True)
    assert list(report.blocs) == blocs(seed_graph)
    assert report.modularity == blocs(seed_graph)[0].modularity
    placed = {n for b in report.blocs for n in b.members}
    assert set(report.unplaced) == set(seed_graph) - placed
    ranking = influence_ranking(seed_graph, "iran", top=2, all_kinds=True)
    assert list(ranking.chains) == influence_chains(seed_graph, "iran")
    assert [r["actor"] for r in ranking.as_dict()["results"]] == [
        c.actors[-1] for c in influence_chains(seed_graph, "iran")[:2]
    ]
    agents = influence_ranking(seed_graph, "iran")  # places are not ranked, but counted
    assert list(agents.chains) == [
        c for c in influence_chains(seed_graph, "iran")
        if seed_graph.nodes[c.actors[-1]]["node_class"] == "agent"
    ]  # fmt: skip
    assert agents.left_out == {"place": len(ranking.chains) - len(agents.chains)}
    found = chains_between(seed_graph, "iran", "taji_base", every=True, depth=3, limit=1)
    assert list(found.chains) == all_chains(seed_graph, "iran", "taji_base", depth=3)
    assert found.as_dict()["found"] == len(found.chains) and len(found.as_dict()["chains"]) == 1


def test_summary_and_neighbors_stay_dicts(seed_graph):
    s = summarize(seed_graph)
    assert isinstance(s, dict) and s.as_dict() == dict(s)
    n = neighbors(seed_graph, "iran")
    assert isinstance(n, dict) and n["actor"]["name"] == "Iran"
    assert {row["direction"] for row in n.rows()} <= {"outgoing", "incoming", "mutual"}


def test_names_come_from_the_graph(seed_graph):
    # Every result names actors as actor_name does: the name, never the id.
    k = key_players(seed_graph).as_dict()
    assert all(r["name"] == seed_graph.nodes[r["id"]]["name"] for r in k["removals"])
    b = balance_report(seed_graph).as_dict()
    assert all(m["name"] == seed_graph.nodes[m["id"]]["name"] for c in b["camps"] for m in c)
    w = what_if(seed_graph, ["iran"]).as_dict()
    assert w["removed"] == [{"id": "iran", "name": "Iran"}]
