"""The interactive page in a real headless Chromium, with the network cut off."""

from __future__ import annotations

import random
import time

import networkx as nx

from conftest import ROOT
from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset

from .conftest import assert_clean

SEED = ROOT / "data" / "actors.yaml"

COUNTS_JS = """() => {
  const ag = window.actorgraph;
  return {nodes: ag.network.body.nodeIndices.length, edges: ag.network.body.edgeIndices.length,
          data_nodes: ag.nodes.length, data_edges: ag.view.length};
}"""


def render(run, tmp_path, *args, data=SEED, name="page.html"):
    out = tmp_path / name
    result = run("render", "--data", data, "-o", out, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {out} (")
    return out


def screen_point(page, actor_id):
    """Where an actor is drawn, in page coordinates."""
    box = page.locator("#graph").bounding_box()
    pos = page.evaluate(
        """id => { const n = window.actorgraph.network;
                   return n.canvasToDOM(n.getPositions([id])[id]); }""",
        actor_id,
    )
    return box["x"] + pos["x"], box["y"] + pos["y"]


def test_seed_page_loads_offline_and_shows_every_actor_and_relation(
    run, tmp_path, open_page, shots, seed_dataset
):
    page, log = open_page(render(run, tmp_path))
    page.screenshot(path=str(shots / "seed.png"))
    assert_clean(log)
    counts = page.evaluate(COUNTS_JS)
    n, m = len(seed_dataset.actors), len(seed_dataset.relations)
    assert counts == {"nodes": n, "edges": m, "data_nodes": n, "data_edges": m}
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == seed_dataset.title
    assert page.title() == seed_dataset.title
    # Physics has settled and is off: the layout no longer moves.
    assert page.evaluate("window.actorgraph.network.physics.physicsEnabled") is False


def test_the_same_data_gives_the_same_layout(run, tmp_path, open_page):
    path = render(run, tmp_path)
    positions = []
    for _ in range(2):
        page, log = open_page(path)
        positions.append(page.evaluate("window.actorgraph.network.getPositions()"))
    assert positions[0] == positions[1]


def test_the_legend_lists_exactly_what_the_data_holds(run, tmp_path, open_page, seed_graph):
    page, log = open_page(render(run, tmp_path))

    def attr(name):
        return set(
            page.eval_on_selector_all(
                f"[data-legend-{name}]", f"els => els.map(e => e.dataset.legend{name.title()})"
            )
        )

    edges = list(seed_graph.edges(data=True))
    assert attr("kind") == {d["kind"] for _, d in seed_graph.nodes(data=True)}
    assert attr("stance") == {d["stance"] for *_, d in edges}
    assert attr("status") == {d["status"] for *_, d in edges}
    assert attr("direction") == {"directed"}  # the seed has no symmetric relation
    page.click("summary")
    types = set(
        page.eval_on_selector_all("[data-filter-type]", "els => els.map(e => e.dataset.filterType)")
    )
    assert types == {d["type"] for *_, d in edges}


def test_a_view_with_fewer_kinds_has_a_smaller_legend(run, tmp_path, open_page, shots):
    page, log = open_page(render(run, tmp_path, "--type", "threatens", "--type", "leads"))
    page.screenshot(path=str(shots / "threatens-leads.png"))
    assert_clean(log)
    kinds = set(
        page.eval_on_selector_all("[data-legend-kind]", "els => els.map(e => e.dataset.legendKind)")
    )
    assert kinds == {"person", "armed_group", "government", "coalition", "state"}
    assert page.locator("[data-legend-status]").count() == 1  # all confirmed
    assert "Only relations of: threatens, leads." in page.locator("header").inner_text()


def test_hovering_an_actor_shows_a_formatted_tooltip(run, tmp_path, open_page, shots):
    page, log = open_page(render(run, tmp_path))
    page.mouse.move(*screen_point(page, "iran"))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    page.screenshot(path=str(shots / "hover-iran.png"))
    assert tip.locator(".tip-title").inner_text() == "Iran"
    assert "Tehran" in tip.inner_text()
    assert "<div" not in tip.inner_text()  # formatted, not shown as raw HTML
    assert_clean(log)


def test_hovering_a_relation_shows_its_status_and_evidence(run, tmp_path, open_page):
    page, log = open_page(render(run, tmp_path))
    # The middle of the denied attack on the Green Zone.
    a, b = screen_point(page, "pmu_militias"), screen_point(page, "green_zone")
    page.evaluate("window.actorgraph.network.setOptions({edges: {font: {size: 0}}})")
    page.mouse.move((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert "PMU militias —targets→ Green Zone" in text
    assert "denied" in text and "disputed by PMU militias" in text
    assert "“The Iranian militias denied responsibility for the latest attacks.”" in text


def test_clicking_an_actor_highlights_its_neighbourhood_and_shows_details(
    run, tmp_path, open_page, shots
):
    page, log = open_page(render(run, tmp_path))
    page.mouse.click(*screen_point(page, "qais_al_khazali"))
    details = page.locator("#details")
    assert details.locator("h2").inner_text() == "Qais al-Khazali"
    text = details.inner_text()
    assert "Head of one of the Iranian-proxy militias of the PMU." in text
    assert "threatens" in text and "Mustafa al-Kadhimi" in text
    faded = page.evaluate("""() => window.actorgraph.nodes.get()
        .filter(n => n.color && n.color.background === '#e5e7eb').map(n => n.id)""")
    assert set(faded) == {
        "iran",
        "iraqi_government",
        "iraqi_forces",
        "iraqi_lawmakers",
        "iraq",
        "united_states",
        "us_embassy",
        "green_zone",
        "taji_base",
        "us_coalition",
        "us_forces",
        "isis",
    }
    page.screenshot(path=str(shots / "click-khazali.png"))
    # Following a relation link shows its evidence.
    details.get_by_text("threatens").click()
    assert "“Otherwise, you might lose everything”" in details.inner_text()
    assert_clean(log)


def test_search_finds_an_actor_by_alias(run, tmp_path, open_page):
    page, log = open_page(render(run, tmp_path))
    page.fill("#search", "tehran")
    page.press("#search", "Enter")
    assert page.locator("#details h2").inner_text() == "Iran"
    assert page.evaluate("window.actorgraph.network.getSelectedNodes()") == ["iran"]
    page.fill("#search", "Atlantis")
    page.press("#search", "Enter")
    assert page.locator("#search-message").inner_text() == "No actor matches “Atlantis”."


def test_filters_hide_relations_and_fit_shows_all(run, tmp_path, open_page, seed_graph):
    page, log = open_page(render(run, tmp_path))
    total = seed_graph.number_of_edges()
    targets = sum(1 for *_, d in seed_graph.edges(data=True) if d["type"] == "targets")
    denied = sum(1 for *_, d in seed_graph.edges(data=True) if d["status"] == "denied")
    page.click("summary")
    page.check("[data-filter-type=targets]")  # already checked: a no-op
    page.uncheck("[data-filter-type=targets]")
    assert page.evaluate(COUNTS_JS)["edges"] == total - targets
    page.check("[data-filter-type=targets]")
    page.uncheck("[data-filter-status=denied]")
    assert page.evaluate(COUNTS_JS)["edges"] == total - denied
    page.uncheck("#show-labels")
    page.click("#fit")
    page.wait_for_timeout(500)
    assert_clean(log)


def test_focus_shows_the_ego_network(run, tmp_path, open_page, seed_graph):
    page, log = open_page(render(run, tmp_path, "--focus", "Iran", "--depth", "1"))
    ego = nx.ego_graph(seed_graph, "iran", radius=1, undirected=True)
    counts = page.evaluate(COUNTS_JS)
    assert (counts["nodes"], counts["edges"]) == (ego.number_of_nodes(), ego.number_of_edges())
    assert "Iran and the actors within 1 relation of it" in page.locator("header").inner_text()
    assert_clean(log)


HOSTILE = """
title: "<script>window.__pwned = 'title'</script> & friends"
description: "<b>not bold</b>"
actors:
  - id: x
    name: "<img src=x onerror=\\"window.__pwned='name'\\">"
    kind: "<i>kind</i>"
    aliases: ["</script><script>window.__pwned='alias'</script>"]
    description: "<a href=javascript:window.__pwned='desc'>click</a>"
  - id: y
    name: "الحشد الشعبي"
    kind: armed_group
    aliases: [Mustafa al-Kāẓimī]
relations:
  - source: x
    target: y
    type: "threatens"
    note: "<style>body{display:none}</style>"
    evidence:
      - source: "<svg onload=window.__pwned='source'>"
        quote: "</script><img src=x onerror=window.__pwned='quote'>"
        url: "javascript:window.__pwned='url'"
"""


def test_nothing_in_the_data_can_inject_markup_or_script(run, tmp_path, open_page, write, shots):
    data = write("hostile.yaml", HOSTILE)
    page, log = open_page(render(run, tmp_path, data=data))
    name = "<img src=x onerror=\"window.__pwned='name'\">"
    page.mouse.move(*screen_point(page, "x"))
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
    page.evaluate("window.actorgraph.select('x', false)")
    page.locator("#details").get_by_text("threatens").click()
    page.screenshot(path=str(shots / "hostile.png"))
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, svg[onload]').length") == 0
    assert page.evaluate("document.querySelectorAll('style').length") == 2  # our own two
    assert page.locator("h1").inner_text() == "<script>window.__pwned = 'title'</script> & friends"
    details = page.locator("#details").inner_text()
    assert "</script><img src=x onerror=window.__pwned='quote'>" in details
    assert "javascript:window.__pwned='url'" in details
    assert page.locator("#details a[href^=javascript]").count() == 0
    page.evaluate("window.actorgraph.select('x', false)")
    assert page.locator("#details h2").inner_text() == name
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert_clean(log)


def test_unicode_names_render_and_can_be_searched(run, tmp_path, open_page, write, shots):
    data = write("unicode.yaml", HOSTILE)
    page, log = open_page(render(run, tmp_path, data=data))
    page.fill("#search", "الحشد")
    page.press("#search", "Enter")
    assert page.locator("#details h2").inner_text() == "الحشد الشعبي"
    assert "Mustafa al-Kāẓimī" in page.locator("#details").inner_text()
    page.fill("#search", "mustafa al-kazimi")  # accents folded
    page.press("#search", "Enter")
    assert page.locator("#details h2").inner_text() == "الحشد الشعبي"
    page.screenshot(path=str(shots / "unicode.png"))
    assert_clean(log)


def big_dataset(n_actors: int = 300, n_relations: int = 600, seed: int = 3) -> str:
    rng = random.Random(seed)
    kinds = ["state", "armed_group", "government", "person", "coalition", "facility"]
    types = ["directs", "supports", "threatens", "targets", "accuses", "allies_with", "opposes"]
    lines = ["title: A generated network of 300 actors", "actors:"]
    lines += [
        f"  - {{id: a{i}, name: Actor {i}, kind: {rng.choice(kinds)}}}" for i in range(n_actors)
    ]
    lines.append("relations:")
    for _ in range(n_relations):
        u, v = rng.sample(range(n_actors), 2)
        status = rng.choice(["confirmed"] * 6 + ["alleged", "denied"])
        lines.append(
            f"  - {{source: a{u}, target: a{v}, type: {rng.choice(types)}, status: {status}}}"
        )
    return "\n".join(lines) + "\n"


def test_a_network_of_300_actors_stabilizes_and_stays_usable(
    run, tmp_path, open_page, write, shots, record_property
):
    data = write("big.yaml", big_dataset())
    G = build_graph(load_dataset([data]))
    start = time.perf_counter()
    page, log = open_page(render(run, tmp_path, data=data))
    ready = time.perf_counter() - start
    record_property("seconds_to_interactive_300", round(ready, 2))
    page.screenshot(path=str(shots / "big-300.png"))
    counts = page.evaluate(COUNTS_JS)
    assert (counts["nodes"], counts["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert page.evaluate("window.actorgraph.network.physics.physicsEnabled") is False
    page.fill("#search", "Actor 17")
    page.press("#search", "Enter")
    assert page.locator("#details h2").inner_text() == "Actor 17"
    assert_clean(log)
