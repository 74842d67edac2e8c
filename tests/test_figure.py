"""The static figure: valid PNG and SVG, the page's visual vocabulary, truncation, odd names."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.dataset.build import actor_network, build_graph
from graph.dataset.load import bundled_dataset_path, load_dataset
from graph.render.figure import MARKERS, draw_figure, write_figure
from graph.render.style import _FALLBACK, _KNOWN, STANCE_COLORS, kind_styles

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


# -- helpers ------------------------------------------------------------------------------------


def actor(G, node, name, kind):
    G.add_node(node, name=name, kind=kind, aliases=[], description=None)


def relation(G, u, v, key, stance="hostile", status="confirmed", directed=True, influence=0.5):
    G.add_edge(
        u,
        v,
        key=key,
        type="t",
        stance=stance,
        status=status,
        directed=directed,
        influence=influence,
    )


def generated(n: int, m: int, seed: int = 1) -> nx.MultiDiGraph:
    """n actors of a few kinds, about m relations of every stance, status and direction."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(title=f"{n} generated actors")
    for i in range(n):
        actor(G, f"a{i}", f"Actor {i}", rng.choice(["state", "person", "party", "tribe"]))
    for j in range(m):
        u, v = rng.sample(range(n), 2)
        relation(
            G,
            f"a{u}",
            f"a{v}",
            f"r{j}",
            stance=rng.choice(list(STANCE_COLORS)),
            status=rng.choice(["confirmed", "alleged", "denied"]),
            directed=rng.random() < 0.8,
            influence=rng.random(),
        )
    return G


def parse(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)  # raises if the SVG is not well-formed XML


def texts(element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def group(root, gid):
    return root.find(f".//{SVG}g[@id='{gid}']")


def legend(root, section: str) -> list[str] | None:
    """The entries of one legend section (its heading left out), or None when it is absent."""
    g = group(root, f"legend-{section}")
    return None if g is None else texts(g)[1:]


def styles_in(element) -> str:
    return " ".join(e.get("style", "") for e in element.iter())


@pytest.fixture(scope="module")
def seed():
    return build_graph(load_dataset([bundled_dataset_path()]))


@pytest.fixture(scope="module")
def seed_figure(seed):
    return draw_figure(seed)


# -- tests --------------------------------------------------------------------------------------


def test_the_seed_gives_a_png_and_a_well_formed_svg(seed, seed_figure):
    png, svg, info = seed_figure
    assert png.startswith(PNG_SIGNATURE)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert (info.shown, info.total, info.relations_shown) == (15, 15, 23)
    assert info.caption == "All 15 actors and 23 relations."
    shown = texts(root)
    assert seed.graph["title"] in shown and info.caption in shown
    assert {d["name"] for _, d in seed.nodes(data=True)} <= set(shown)  # names stay text


def test_the_same_graph_gives_the_same_bytes(seed, seed_figure):
    png, svg, _ = draw_figure(seed)
    assert png == seed_figure[0]
    assert svg == seed_figure[1]
    assert b"<dc:date>" not in svg


def test_the_legend_lists_the_seeds_kinds_stances_and_statuses(seed, seed_figure):
    root = parse(seed_figure[1])
    kinds = {d["kind"].replace("_", " ") for _, d in seed.nodes(data=True)}
    assert sorted(legend(root, "kinds")) == sorted(kinds)
    stances = {d["stance"] for *_, d in seed.edges(data=True)}
    assert set(legend(root, "stances")) == stances == {"hostile", "cooperative", "neutral"}
    assert set(legend(root, "statuses")) == {"confirmed", "alleged", "denied"}
    # Every seed relation is directed: no "symmetric" entry.
    assert legend(root, "directions") == ["directed: source → target"]


def test_the_legend_leaves_out_what_is_absent():
    G = nx.MultiDiGraph()
    actor(G, "a", "A", "state")
    actor(G, "b", "B", "armed_group")
    actor(G, "c", "C", "state")
    relation(G, "a", "b", "r1", stance="hostile", status="alleged")
    relation(G, "b", "c", "r2", stance="hostile", status="alleged")
    root = parse(draw_figure(G)[1])
    assert legend(root, "kinds") == ["armed group", "state"]
    assert legend(root, "stances") == ["hostile"]
    assert legend(root, "statuses") == ["alleged"]
    assert legend(root, "directions") == ["directed: source → target"]


def test_a_graph_of_symmetric_relations_has_no_arrows():
    G = nx.MultiDiGraph()
    for i in range(4):
        actor(G, i, f"Party {i}", "party")
    for i in range(4):
        relation(G, i, (i + 1) % 4, f"r{i}", stance="cooperative", directed=False)
    relation(G, 1, 0, "again", stance="neutral", status="denied", directed=False)  # a parallel one
    png, svg, info = draw_figure(G)
    root = parse(svg)
    assert png.startswith(PNG_SIGNATURE) and info.relations_shown == 5
    assert legend(root, "directions") == ["symmetric: both ways"]
    for key in ["r0", "r1", "r2", "r3", "again"]:
        paths = list(group(root, f"relation-{key}").iter(f"{SVG}path"))
        assert len(paths) == 1  # a line and no arrow head
    # The two relations between 0 and 1 bend apart: different control points.
    curve = {k: group(root, f"relation-{k}").find(f"{SVG}path").get("d") for k in ["r0", "again"]}
    assert curve["r0"] != curve["again"]


def test_colours_per_kind_and_stance_and_dashes_per_status_are_the_pages(seed, seed_figure):
    root = parse(seed_figure[1])
    styles = kind_styles(d["kind"] for _, d in seed.nodes(data=True))
    for kind, style in styles.items():
        fills = set(re.findall(r"fill: (#[0-9a-f]{6})", styles_in(group(root, f"actors-{kind}"))))
        assert fills == {style.color}, kind
    for _, _, key, d in seed.edges(keys=True, data=True):
        drawn = styles_in(group(root, f"relation-{key}"))
        assert set(re.findall(r"stroke: (#[0-9a-f]{6})", drawn)) == {STANCE_COLORS[d["stance"]]}
        assert ("stroke-dasharray" in drawn) == (d["status"] != "confirmed"), key


def test_every_shape_of_the_page_has_a_marker():
    shapes = {s.shape for s in [*_KNOWN.values(), *_FALLBACK]}
    assert shapes <= set(MARKERS)
    assert MARKERS["triangleDown"] == "v" and MARKERS["dot"] == "o"  # pointing down, round


def test_a_big_graph_shows_its_top_actors_and_the_relations_among_them():
    G = generated(200, 1000)
    png, svg, info = draw_figure(G, max_actors=30)
    # Reference: networkx's own PageRank on the same actor network.
    pagerank = nx.pagerank(actor_network(G))
    top = sorted(pagerank, key=lambda n: (-pagerank[n], n))[:30]
    among = [k for u, v, k in G.edges(keys=True) if u in top and v in top]
    assert (info.shown, info.total, info.relations_shown) == (30, 200, len(among))
    assert info.caption == (
        "The 30 actors with the highest PageRank, of 200; "
        f"relations among them only ({len(among)} of {G.number_of_edges():,})."
    )
    root = parse(svg)
    names = {G.nodes[n]["name"] for n in G}
    assert {t for t in texts(root) if t in names} == {G.nodes[n]["name"] for n in top}
    assert {
        g.get("id") for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("relation-")
    } == {f"relation-{k}" for k in among}


def test_the_caption_groups_thousands():
    G = generated(1500, 1500, seed=2)
    info = draw_figure(G, max_actors=5)[2]
    assert info.caption.startswith("The 5 actors with the highest PageRank, of 1,500;")
    assert info.caption.endswith("of 1,500).")


TRICKY = [
    "الحشد الشعبي",
    "Café Ñandú Ørsted",
    "<script>alert(1)</script>",
    "AT&T",
    "$x$",
    "$\\alpha$ costs 50%",
    "snake_case_name",
    "back\\slash",
]


def test_names_appear_literally_whatever_they_hold():
    G = nx.MultiDiGraph(title="$y$ & <b>bold</b> 100%")
    for i, name in enumerate(TRICKY):
        actor(G, i, name, ["state", "person", "armed_group", "weird $kind$"][i % 4])
    for i in range(len(TRICKY) - 1):
        relation(G, i, i + 1, f"r{i}", directed=bool(i % 2))
    png, svg, _ = draw_figure(G)
    assert png.startswith(PNG_SIGNATURE)
    shown = texts(parse(svg))
    for name in [*TRICKY, G.graph["title"], "weird $kind$"]:
        assert name in shown, name
    assert b"<script>" not in svg and b"<b>" not in svg


@pytest.mark.parametrize(
    ("actors", "caption"),
    [
        (["Alone"], "One actor and no relations."),
        (["Ann", "Bob", "Cy"], "All 3 actors and no relations."),
        ([], "No actors."),
    ],
)
def test_graphs_without_relations(actors, caption):
    G = nx.MultiDiGraph()
    for i, name in enumerate(actors):
        actor(G, i, name, "person")
    png, svg, info = draw_figure(G, title="Nobody talks")
    root = parse(svg)
    assert png.startswith(PNG_SIGNATURE)
    assert (info.shown, info.relations_shown, info.caption) == (len(actors), 0, caption)
    assert set(actors) <= set(texts(root))
    assert "Nobody talks" in texts(root)
    assert legend(root, "stances") is None and legend(root, "directions") is None
    assert legend(root, "kinds") == (["person"] if actors else None)


def test_two_actors_with_parallel_relations_both_ways():
    G = nx.MultiDiGraph()
    actor(G, "a", "A", "state")
    actor(G, "b", "B", "person")
    relation(G, "a", "b", "r1")
    relation(G, "b", "a", "r2", stance="cooperative", status="alleged")
    relation(G, "a", "b", "r3", stance="neutral", status="denied", directed=False)
    png, svg, info = draw_figure(G)
    root = parse(svg)
    assert info.caption == "All 2 actors and 3 relations."
    curves = {group(root, f"relation-{k}").find(f"{SVG}path").get("d") for k in ["r1", "r2", "r3"]}
    assert len(curves) == 3
    assert legend(root, "directions") == ["directed: source → target", "symmetric: both ways"]


def test_write_figure_creates_folders_and_writes_both_files(tmp_path, seed, seed_figure):
    png_path = tmp_path / "a" / "b" / "net.png"
    svg_path = tmp_path / "c" / "net.svg"
    info = write_figure(seed, png_path, svg_path)
    assert png_path.read_bytes() == seed_figure[0]
    assert svg_path.read_bytes() == seed_figure[1]
    assert info == seed_figure[2]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["net.png", "net.svg"]


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "40"])
def test_max_actors_must_be_a_positive_whole_number(seed, bad):
    with pytest.raises(ValueError, match="max_actors"):
        draw_figure(seed, max_actors=bad)
