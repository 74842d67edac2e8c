"""The page generator without a browser: what it writes, where, and what it refuses."""

from __future__ import annotations

import json
import re

import pytest

from graph.dataset.build import build_graph
from graph.dataset.load import load_text
from graph.render.page import page_data, page_html, render_page


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_page_is_one_self_contained_file(seed_graph):
    html = page_html(seed_graph)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "<script src" not in html
    assert html.count("<h1>") == 1
    assert "vis-network" in html  # the library is inlined


def test_the_embedded_data_matches_the_graph(seed_graph):
    data = embedded_data(page_html(seed_graph))
    assert {n["id"] for n in data["nodes"]} == set(seed_graph)
    assert {e["id"] for e in data["edges"]} == {k for *_, k in seed_graph.edges(keys=True)}
    attack = data["relations"]["pmu_militias-targets-green_zone"]
    assert attack["status"] == "denied" and attack["disputed_by"] == ["PMU militias"]
    assert attack["evidence"][1]["quote"] == (
        "The Iranian militias denied responsibility for the latest attacks."
    )


def test_styles_follow_the_data(seed_graph):
    data = page_data(seed_graph)
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["pmu_militias-targets-green_zone"]["dashes"] == [2, 5]  # denied: dotted
    assert edges["iran-targets-us_embassy"]["dashes"] == [10, 6]  # alleged: dashed
    assert edges["iran-directs-pmu_militias"]["dashes"] is False
    assert edges["iran-directs-pmu_militias"]["color"]["color"] == "#16a34a"  # cooperative
    assert edges["united_states-accuses-iran"]["color"]["color"] == "#dc2626"  # hostile
    assert all(e["arrows"]["to"]["enabled"] for e in data["edges"])  # all directed in the seed


def test_symmetric_relations_have_no_arrow_and_parallel_ones_curve_apart():
    G = build_graph(
        load_text("""
actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
relations:
  - {source: a, target: b, type: allies_with}
  - {source: a, target: b, type: supports}
""")
    )
    edges = {e["id"]: e for e in page_data(G)["edges"]}
    assert edges["a-allies_with-b"]["arrows"]["to"]["enabled"] is False
    assert edges["a-supports-b"]["arrows"]["to"]["enabled"] is True
    smooth = [e["smooth"] for e in edges.values()]
    assert all(s["enabled"] for s in smooth) and smooth[0]["type"] != smooth[1]["type"]
    legend = page_data(G)["legend"]
    assert legend["directions"] == {"directed": 1, "symmetric": 1}


@pytest.mark.parametrize("size_by", ["pagerank", "betweenness", "degree"])
def test_node_size_grows_with_the_chosen_measure(seed_graph, size_by):
    data = page_data(seed_graph, size_by=size_by)
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    scores = {a: info["score"] for a, info in data["actors"].items()}
    ranked = sorted(scores, key=scores.get)
    assert sizes[ranked[0]] <= sizes[ranked[-1]]
    assert all((scores[a] < scores[b]) <= (sizes[a] < sizes[b]) for a in scores for b in scores)


def test_text_from_the_data_cannot_close_the_script_element():
    G = build_graph(
        load_text("""
title: "</script><script>alert(1)</script>"
actors:
  - {id: a, name: "</script><script>alert(2)</script>", kind: state}
  - {id: b, name: "\u2028 & <!-- x", kind: state}
relations: [{source: a, target: b, type: supports}]
""")
    )
    html = page_html(G)
    body = html.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    assert embedded_data(html)["actors"]["a"]["name"] == "</script><script>alert(2)</script>"
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html


def test_render_writes_atomically_and_creates_folders(tmp_path, seed_graph, monkeypatch):
    target = tmp_path / "deep" / "er" / "page.html"
    assert render_page(seed_graph, target) == target
    first = target.read_bytes()
    assert first.startswith(b"<!doctype html>")

    import graph.render.page

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(graph.render.page, "page_html", broken)
    with pytest.raises(RuntimeError):
        render_page(seed_graph, target)
    assert target.read_bytes() == first  # the old page is intact
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]  # no temporary left


def test_render_command_writes_to_output_by_default(run, tmp_path, monkeypatch, seed_path):
    monkeypatch.chdir(tmp_path)
    result = run("render", "--data", seed_path)
    assert result.exit_code == 0
    assert result.stdout == "Wrote output/actors.html (15 actors, 23 relations)\n"
    assert (tmp_path / "output" / "actors.html").stat().st_size > 100_000
    result = run("render", "--data", seed_path, "--focus", "khazali")
    assert result.stdout.startswith("Wrote output/actors-qais_al_khazali.html (")


def test_as_of_keeps_relations_in_force(run, tmp_path, seed_path):
    out = tmp_path / "p.html"
    result = run("render", "--data", seed_path, "--as-of", "2019", "-o", out)
    assert result.exit_code == 0
    data = embedded_data(out.read_text(encoding="utf-8"))
    # The campaign "since 2020-10" is not yet in force in 2019; undated relations are.
    assert "pmu_militias-targets-us_embassy" not in data["relations"]
    assert "iran-directs-pmu_militias" in data["relations"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # A malformed option value is a usage error (2); a question the data cannot answer, 1.
        (["--as-of", "2020-13"], 2, "Invalid value for '--as-of': '2020-13' is not a real month"),
        (["--since", "2021", "--until", "2020"], 2, "--until 2020 is before --since 2021"),
        (["--focus", "Atlantis"], 1, "no actor is called 'Atlantis'"),
        (["--perspective", "Atlantis"], 1, "no actor is called 'Atlantis'"),
        (["--type", "bribes"], 1, "'bribes' is not a relation type of this dataset"),
    ],
)
def test_render_refuses_bad_questions_cleanly(run, tmp_path, seed_path, args, code, message):
    out = tmp_path / "p.html"
    result = run("render", "--data", seed_path, "-o", out, *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_refuted_relation_never_looks_confirmed(tmp_path):
    """The commands leave refuted relations out; drawn from the library, one is marked."""
    from graph.dataset.build import build_graph
    from graph.dataset.load import load_text
    from graph.render.figure import draw_figure

    G = build_graph(load_text(
        "actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]\n"
        "relations: [{source: a, target: b, type: directs, status: refuted}]\n"
    ))  # fmt: skip
    data = page_data(G)
    (edge,) = data["edges"]
    assert [s["status"] for s in data["legend"]["statuses"]] == ["refuted"]
    assert data["legend"]["statuses"][0]["dashes"] == edge["dashes"] != False  # noqa: E712
    _, svg, _ = draw_figure(G)
    assert b"refuted" in svg  # the figure's legend names it
