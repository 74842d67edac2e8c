"""The page at scale: 2,000 actors and 10,000 relations in a real headless Chromium, offline.

No timing is asserted (machines differ); the time to interactive is recorded with
``record_property`` and printed, and the pages are photographed to be looked at.
"""

from __future__ import annotations

import re
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import ROOT
from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset
from graph.render.page import DEFAULT_TOP, top_actors

from .conftest import assert_clean, wait_ready

sys.path.insert(0, str(ROOT / "bench"))

from synth import write_synthetic  # noqa: E402

ACTORS, RELATIONS = 2000, 10_000

#: Generous: a page of this size is ready in about 2 s on a 2-core machine.
READY_TIMEOUT_MS = 180_000

DRAWN_JS = """() => {
  const ag = window.actorgraph;
  return {nodes: ag.network.body.nodeIndices.length, edges: ag.network.body.edgeIndices.length};
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The synthetic dataset rendered twice: as render draws it, and with --all."""
    from graph.cli import cli

    folder = tmp_path_factory.mktemp("scale")
    data = write_synthetic(folder / "big.yaml", ACTORS, RELATIONS, seed=1)
    runner = CliRunner()
    out = {}
    for name, args in [("capped", []), ("all", ["--all"])]:
        path = folder / f"{name}.html"
        result = runner.invoke(cli, ["render", "--data", str(data), "-o", str(path), *args])
        assert result.exit_code == 0, result.output
        out[name] = (path, result)
    out["graph"] = build_graph(load_dataset([data]))
    return out


def open_timed(open_page, path, record_property, name):
    start = time.perf_counter()
    page, log = open_page(path, wait=False)
    wait_ready(page, READY_TIMEOUT_MS)
    seconds = round(time.perf_counter() - start, 2)
    size_kib = round(path.stat().st_size / 1024)
    record_property(f"seconds_to_interactive_{name}", seconds)
    record_property(f"page_kib_{name}", size_kib)
    print(f"\n{name}: interactive in {seconds} s, {size_kib:,} KiB")
    return page, log


def shown_counts(page) -> tuple[int, int]:
    """The numbers of actors and relations the page says it shows, under its title."""
    text = page.locator("#counts").inner_text()
    actors, relations = re.match(r"([\d,]+) actors · ([\d,]+) relations", text).groups()
    return int(actors.replace(",", "")), int(relations.replace(",", ""))


def test_a_capped_page_draws_the_top_actors_and_says_what_it_left_out(
    pages, open_page, shots, record_property
):
    path, result = pages["capped"]
    G = pages["graph"]
    page, log = open_timed(open_page, path, record_property, "capped")
    page.screenshot(path=str(shots / "scale-2000-capped.png"))
    assert_clean(log)
    drawn = page.evaluate(DRAWN_JS)
    kept = top_actors(G, DEFAULT_TOP)
    assert (drawn["nodes"], drawn["edges"]) == shown_counts(page)
    assert (drawn["nodes"], drawn["edges"]) == (DEFAULT_TOP, kept.number_of_edges())
    note = page.locator("header .note")
    assert note.is_visible()
    left = G.number_of_nodes() - DEFAULT_TOP
    assert f"{left:,} of {G.number_of_nodes():,} actors" in note.inner_text()
    assert "--all" in note.inner_text()
    assert note.inner_text() in result.stderr
    assert page.evaluate("window.actorgraph.network.physics.physicsEnabled") is False
    # Still usable: find the biggest actor, see its details, its neighbourhood lit up.
    hub = max(kept, key=kept.degree)
    page.fill("#search", kept.nodes[hub]["name"])
    page.press("#search", "Enter")
    assert page.locator("#details h2").inner_text() == kept.nodes[hub]["name"]
    faded = page.evaluate("""() => window.actorgraph.nodes.get()
        .filter(n => n.color && n.color.background === '#e5e7eb').length""")
    assert faded == DEFAULT_TOP - 1 - len(set(kept.predecessors(hub)) | set(kept.successors(hub)))
    page.wait_for_timeout(1500)  # the view glides to the actor; names are drawn once it stops
    page.screenshot(path=str(shots / "scale-2000-capped-selected.png"))
    assert_clean(log)


def test_all_draws_every_actor(pages, open_page, shots, record_property):
    path, result = pages["all"]
    G = pages["graph"]
    page, log = open_timed(open_page, path, record_property, "all")
    page.screenshot(path=str(shots / "scale-2000-all.png"))
    assert_clean(log)
    drawn = page.evaluate(DRAWN_JS)
    assert (drawn["nodes"], drawn["edges"]) == shown_counts(page)
    assert (drawn["nodes"], drawn["edges"]) == (ACTORS, G.number_of_edges())
    assert page.locator("header .note").count() == 0
    assert "left out" not in result.stderr
    # A tooltip still shows over the biggest actor.
    hub = max(G, key=G.degree)
    box = page.locator("#graph").bounding_box()
    at = page.evaluate(
        """id => { const n = window.actorgraph.network;
                   return n.canvasToDOM(n.getPositions([id])[id]); }""",
        hub,
    )
    page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10_000)
    assert tip.locator(".tip-title").inner_text() == G.nodes[hub]["name"]
    assert_clean(log)
