"""Large networks on the page: which actors a capped page keeps, what it says it left out,
--all, and the layout computed before the page opens."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import networkx as nx
import pytest

from conftest import ROOT, small_graph
from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset
from graph.render import page as render_module
from graph.render.page import (
    DEFAULT_TOP,
    PHYSICS_LIMIT,
    layout_positions,
    page_data,
    top_actors,
)

sys.path.insert(0, str(ROOT / "bench"))

from synth import write_synthetic  # noqa: E402


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """600 actors and 2,400 relations: past DEFAULT_TOP, so a plain render leaves some out."""
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    write_synthetic(path, 600, 2400, seed=1)
    return path


@pytest.fixture(scope="module")
def big_graph(big):
    return build_graph(load_dataset([big]))


# -- which actors are kept ----------------------------------------------------------------------


def star_and_triangle() -> nx.MultiDiGraph:
    """Hub h has 4 relations; x, y and z form a triangle (2 each, z has a third to h);
    a, b, c hang off h (1 each). Ranked: h 4, z 3, x 2, y 2, then a, b, c 1."""
    return small_graph(
        ("h", "a"), ("h", "b"), ("h", "c"), ("z", "h"), ("x", "y"), ("y", "z"), ("z", "x")
    )


def test_top_actors_keeps_those_with_the_most_relations_and_the_relations_among_them():
    G = star_and_triangle()
    H = top_actors(G, 4)
    assert set(H) == {"h", "z", "x", "y"}
    # Every relation among the four, none to an actor left out.
    assert sorted(k for *_, k in H.edges(keys=True)) == ["r3", "r4", "r5", "r6"]
    assert H.nodes["h"] == G.nodes["h"] and H.graph == G.graph


def test_ties_are_broken_by_name_so_the_same_data_keeps_the_same_actors():
    G = star_and_triangle()
    # a, b and c tie at one relation each: the first by name wins the last place.
    assert set(top_actors(G, 5)) == {"h", "z", "x", "y", "a"}
    G.nodes["a"]["name"] = "Zeta"
    assert set(top_actors(G, 5)) == {"h", "z", "x", "y", "b"}


def test_parallel_relations_count_as_many_relations():
    G = small_graph(("a", "b"), ("a", "b"), ("a", "b"), ("c", "d"), ("d", "e"))
    # a and b have 3 relations each, d has 2.
    assert set(top_actors(G, 3)) == {"a", "b", "d"}


def test_kept_actors_stay_whatever_their_rank():
    G = star_and_triangle()
    assert set(top_actors(G, 2, keep=["c"])) == {"c", "h"}
    assert set(top_actors(G, 1, keep=["c", "a"])) == {"c"}
    assert set(top_actors(G, 2, keep=["nobody"])) == {"h", "z"}


def test_a_graph_within_the_limit_is_drawn_whole():
    G = star_and_triangle()
    assert top_actors(G, 7) is G
    with pytest.raises(ValueError):
        top_actors(G, 0)


# -- what render says -------------------------------------------------------------------------


def test_render_past_the_limit_draws_the_top_actors_and_says_what_it_left_out(
    run, tmp_path, big, big_graph
):
    out = tmp_path / "p.html"
    result = run("render", "--data", big, "-o", out)
    assert result.exit_code == 0, result.output
    kept = top_actors(big_graph, DEFAULT_TOP)
    n, m = big_graph.number_of_nodes(), big_graph.number_of_edges()
    kn, km = kept.number_of_nodes(), kept.number_of_edges()
    note = (
        f"Only the {kn} actors with the most relations are drawn, with the {km:,} relations "
        f"among them: {n - kn} of {n} actors and {m - km:,} of {m:,} relations are left out "
        "(render --all draws everything)."
    )
    assert f"actorgraph: {note}\n" in result.stderr
    assert result.stdout == f"Wrote {out} ({kn} actors, {km} relations)\n"
    html = out.read_text(encoding="utf-8")
    assert f'<p class="note">{note}</p>' in html
    assert f"{kn} actors · {km:,} relations" in html
    data = embedded_data(html)
    assert {node["id"] for node in data["nodes"]} == set(kept)
    assert {e["id"] for e in data["edges"]} == {k for *_, k in kept.edges(keys=True)}


def test_top_sets_how_many_actors_are_drawn(run, tmp_path, big):
    out = tmp_path / "p.html"
    result = run("render", "--data", big, "-o", out, "--top", "40")
    assert result.exit_code == 0, result.output
    assert "Only the 40 actors with the most relations are drawn" in result.stderr
    assert len(embedded_data(out.read_text(encoding="utf-8"))["nodes"]) == 40


def test_all_draws_every_actor_and_says_nothing_is_left_out(run, tmp_path, big, big_graph):
    out = tmp_path / "p.html"
    result = run("render", "--data", big, "-o", out, "--all")
    assert result.exit_code == 0, result.output
    assert "left out" not in result.stderr
    html = out.read_text(encoding="utf-8")
    assert 'class="note"' not in html
    data = embedded_data(html)
    assert len(data["nodes"]) == big_graph.number_of_nodes() == 600
    assert len(data["edges"]) == big_graph.number_of_edges()


def test_top_and_all_together_are_a_usage_error(run, tmp_path, big):
    result = run("render", "--data", big, "-o", tmp_path / "p.html", "--all", "--top", "9")
    assert result.exit_code == 2
    assert "--top and --all contradict each other" in result.stderr


def test_a_small_network_says_nothing_about_a_limit(run, tmp_path, seed_path):
    result = run("render", "--data", seed_path, "-o", tmp_path / "p.html")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_a_focus_actor_stays_on_a_capped_page(run, tmp_path, big, big_graph):
    # The least connected actor, and a neighbourhood bigger than the page may show.
    quiet = min(big_graph, key=lambda a: (big_graph.degree(a), a))
    out = tmp_path / "p.html"
    result = run("render", "--data", big, "-o", out, "--focus", quiet, "--depth", "3", "--top", "5")
    assert result.exit_code == 0, result.output
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert quiet in {node["id"] for node in data["nodes"]} and len(data["nodes"]) == 5


def test_the_help_tells_the_limit_and_how_to_lift_it(run):
    text = " ".join(run("render", "--help").stdout.split())
    assert f"Past {DEFAULT_TOP} actors" in text and f"[default: {DEFAULT_TOP};" in text
    assert f"Past {PHYSICS_LIMIT} actors the layout is computed" in text
    assert "--all" in text


# -- the layout ---------------------------------------------------------------------------------


def test_a_large_page_comes_laid_out_with_physics_off(big_graph):
    data = page_data(big_graph, size_by="degree")
    assert data["laid_out"] is True
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    # Centred, and spread so that neighbours are some tens of pixels apart.
    xs = sorted(n["x"] for n in data["nodes"])
    span = xs[-1] - xs[0]
    assert abs(xs[len(xs) // 2]) < 0.01 * span and span > 20 * len(xs) ** 0.5
    # The biggest actors are drawn last (on top); some of the biggest (the hubs) are named
    # big enough to read from afar, where their names do not overlap.
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert list(sizes.values()) == sorted(sizes.values())
    assert 1 <= len(data["hubs"]) <= 20 and data["hub_px"] >= 12
    assert min(sizes[h] for h in data["hubs"]) >= sorted(sizes.values())[-80]


def test_a_small_page_lays_itself_out(seed_graph):
    data = page_data(seed_graph)
    assert data["laid_out"] is False and data["options"]["physics"]["enabled"] is True
    assert not any("x" in n for n in data["nodes"])


def test_the_layout_is_the_same_in_every_run(big_graph):
    """Same data, same picture: in this process and in a fresh one (another hash seed)."""
    H = top_actors(big_graph, 350)
    here = layout_positions(H)
    assert here == layout_positions(H)
    code = (
        "import json, sys\n"
        "from graph.dataset.build import build_graph\nfrom graph.dataset.load import load_dataset\n"
        "from graph.render.page import layout_positions, top_actors\n"
        "G = top_actors(build_graph(load_dataset([sys.argv[1]])), 350)\n"
        "print(json.dumps(layout_positions(G)))\n"
    )
    path = big_graph.graph["files"][0]
    done = subprocess.run(
        [sys.executable, "-c", code, path], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert {a: tuple(p) for a, p in json.loads(done.stdout).items()} == here


def test_the_layout_keeps_relations_short(big_graph):
    """A spring layout draws related actors nearer each other than actors taken at random."""
    pos = layout_positions(big_graph)

    def dist(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    actors = list(big_graph)
    related = [dist(u, v) for u, v in big_graph.edges() if u != v]
    unrelated = [dist(a, b) for a, b in zip(actors, reversed(actors), strict=True) if a != b]
    assert sum(related) / len(related) < 0.75 * sum(unrelated) / len(unrelated)


def test_actors_left_apart_are_drawn_in_rows_beneath_the_network():
    """A capped page can keep actors whose relations all go to actors left out: they are
    drawn in rows under the connected rest, not flung far away (the page fits the whole)."""
    core = nx.MultiDiGraph(nx.gnm_random_graph(400, 1600, seed=3, directed=True))
    G = nx.relabel_nodes(core, {i: f"c{i}" for i in core})
    G.add_nodes_from(f"alone{i}" for i in range(30))
    G.add_edge("pair1", "pair2")
    pos = layout_positions(G)
    core_xs = [pos[a][0] for a in G if a.startswith("c")]
    core_ys = [pos[a][1] for a in G if a.startswith("c")]
    width, bottom = max(core_xs) - min(core_xs), max(core_ys)
    others = [pos[a] for a in G if not a.startswith("c")]
    assert all(y > bottom for _, y in others)
    assert all(min(core_xs) <= x <= min(core_xs) + width for x, _ in others)
    assert max(y for _, y in others) - bottom < 0.5 * (bottom - min(core_ys))
    assert len(set(others)) == len(others)  # no two in the same place


def test_drawing_a_large_network_moves_a_progress_bar(monkeypatch, big_graph):
    bars = []

    class Recorder:
        def __init__(self, label, total=None, stream=None):
            self.label, self.total, self.done = label, total, 0
            bars.append(self)

        def advance(self, n=1):
            self.done += n

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

    monkeypatch.setattr(render_module, "progress", Recorder)
    page_data(big_graph)
    assert [(b.label, b.done == b.total) for b in bars] == [("Drawing", True)]
