"""The interactive page: one self-contained HTML file, drawn with pyvis's vis-network, offline.

pyvis makes the vis-network items (nodes, edges, their styles) and ships the library;
the page itself comes from our own template, because pyvis's fetches Bootstrap from a CDN,
prints its heading twice and shows tooltip HTML as raw text. Everything — the library, the
styles, the script and the data — is inlined, so the file works from a USB stick with no
network. Text from the data only ever reaches the page as JSON (with ``<``, ``>`` and ``&``
escaped) read by a script that writes it with ``textContent``, or through Jinja's escaping:
nothing in a dataset can inject markup or script.

Large networks: up to :data:`PHYSICS_LIMIT` actors the page lays itself out with
vis-network's physics, settled then frozen; above, the layout is computed here (rustworkx)
and the page draws it at once, so that it opens in seconds whatever the size. Past
:data:`DEFAULT_TOP` actors, ``render`` draws only the :func:`top_actors` unless told to draw
them all.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from graph._files import write_atomic
from graph._words import isolate
from graph.analysis.records import actor_name
from graph.progress import progress
from graph.render.page_layout import HUB_FONT, layout_positions, named_hubs, top_actors
from graph.render.style import STANCE_COLORS, STATUS_DASHES, kind_styles

__all__ = ["DEFAULT_TOP", "PHYSICS_LIMIT", "REACH_LIMIT", "SIZE_MEASURES", "default_size_by", "layout_positions", "page_data",
           "page_html", "render_page", "top_actors"]  # fmt: skip

#: What node size can show.
SIZE_MEASURES = {
    "reach": "influence reach (how much influence an actor passes on, directly or through "
    "chains; places and events pass on none)",
    "pagerank": "PageRank (attention received, friendly or hostile: a target scores high)",
    "betweenness": "betweenness (how often an actor lies between two others: a broker)",
    "degree": "degree (how many relations an actor takes part in)",
}

#: The most actors a page draws unless told to draw them all: past this many, ``render`` keeps
#: the :func:`top_actors` and says what it left out. A page of 500 actors opens in about a
#: second and can still be read; 2,000 are a dense mass even laid out well.
DEFAULT_TOP = 500

#: Up to this many actors the page lays itself out with vis-network's physics (seeded, settled
#: in a few hundred steps, then frozen), which keeps labels apart best. Above, the physics
#: would take seconds (47 ms a step at 2,000 actors) and the layout is computed here instead.
PHYSICS_LIMIT = 300

_MIN_SIZE, _MAX_SIZE = 12, 42
#: Below this size on screen, in pixels, a name is not drawn: a network of hundreds of
#: actors seen whole would otherwise be grey with unreadable names.
_SMALLEST_NAME = 8


#: Up to this many actors the page is sized by influence reach unless told otherwise; above,
#: by degree (the reach searches chains from every actor: minutes on thousands of actors).
REACH_LIMIT = 300


def default_size_by(G: nx.MultiDiGraph) -> str:
    """What node size shows unless told: influence reach, degree on a large network."""
    return "reach" if G.number_of_nodes() <= REACH_LIMIT else "degree"


def _scores(G: nx.MultiDiGraph, size_by: str) -> dict[str, float]:
    if size_by == "degree":
        return {n: float(G.degree(n)) for n in G}
    if size_by == "reach":
        from graph.analysis.influence import influence_reach

        return {r.actor: r.total for r in influence_reach(G, chains=False)}
    from graph.analysis.centrality import centrality

    return centrality(G, [size_by]).scores[size_by]


def _sizes(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(scores, (_MIN_SIZE + _MAX_SIZE) / 3)
    # Area, not radius, grows with the score, so that a double score does not look quadruple.
    return {n: _MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(s / top) for n, s in scores.items()}


def _names(G: nx.MultiDiGraph, ids) -> list[str]:
    return [actor_name(G, i) for i in ids or []]


def _options(n_nodes: int, laid_out: bool = False) -> dict[str, Any]:
    # Few nodes: more iterations for a tidy layout. Many: fewer, and a cheaper start.
    iterations = 600 if n_nodes <= 60 else 300 if n_nodes <= 400 else 150
    return {
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 150 and not laid_out},
        "physics": {
            "enabled": n_nodes > 1 and not laid_out,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "centralGravity": 0.012,
                "springLength": 130,
                "springConstant": 0.06,
                "avoidOverlap": 0.6,
            },
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50},
            "minVelocity": 1.0,
        },
        "interaction": {
            # Hovering redraws the whole network: 0.1 s for 2,000 actors, 1 s for 10,000.
            "hover": n_nodes <= 2000,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_nodes > 400,
            "hideEdgesOnZoom": n_nodes > 1000,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "borderWidth": 1.5,
            "scaling": {"label": {"drawThreshold": (_SMALLEST_NAME if laid_out else 4) + 1}},
            "font": {
                "size": 14,
                "face": "system-ui, -apple-system, 'Segoe UI', sans-serif",
                "color": "#111827",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            # Thousands of relations labelled at once would be a grey felt: a large network
            # starts without them (a checkbox shows them).
            "font": {
                "size": 0 if laid_out else 11,
                "align": "middle",
                "color": "#374151",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "arrows": {"to": {"scaleFactor": 0.55}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
    }


def page_data(G: nx.MultiDiGraph, *, size_by: str | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data.

    ``nodes`` and ``edges`` are vis-network items assembled with pyvis; ``actors`` and
    ``relations`` hold, by id, what tooltips and the side panel say; ``legend`` lists only
    the kinds, stances, statuses and directions present.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A", kind="state", aliases=[], description=None)
    >>> G.add_node("b", name="B", kind="person", aliases=[], description=None)
    >>> _ = G.add_edge("a", "b", key="r1", type="threatens", stance="hostile", directed=True,
    ...                influence=0.4, status="alleged", evidence=[])
    >>> d = page_data(G, size_by="degree")
    >>> [k["kind"] for k in d["legend"]["kinds"]], d["edges"][0]["dashes"]
    (['person', 'state'], [10, 6])
    """
    size_by = size_by or default_size_by(G)
    if size_by not in SIZE_MEASURES:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_MEASURES)}")
    # pyvis's Node and Edge make the vis-network items; its Network would also look for each
    # new item in a list of all the others: 7 s of work for 10,000 actors, 50,000 relations.
    from pyvis.edge import Edge  # heavy (pyvis imports IPython): only when drawing
    from pyvis.node import Node

    n, m = G.number_of_nodes(), G.number_of_edges()
    # The steps, weighed roughly by their time: scores, layout, then each actor and relation.
    with progress("Drawing", total=3 * n + m) as bar:
        styles = kind_styles(d["kind"] for _, d in G.nodes(data=True))
        scores = _scores(G, size_by)
        sizes = _sizes(scores)
        bar.advance(n)
        positions = layout_positions(G) if n > PHYSICS_LIMIT else None
        bar.advance(n)
        # Drawn last, the biggest actors of a large drawing stay on top, and the very biggest
        # (the hubs) keep a name big enough to read when the whole network is in view.
        order = sorted(G, key=lambda a: sizes[a]) if positions else list(G)
        hubs = named_hubs(G, sizes, positions) if positions else []
        nodes, actors = [], {}
        for node in order:
            d = G.nodes[node]
            style = styles[d["kind"]]
            item = {
                "color": {
                    "background": style.color,
                    "border": "#1f2937",
                    "highlight": {"background": style.color, "border": "#000000"},
                    "hover": {"background": style.color, "border": "#000000"},
                },
                "size": round(sizes[node], 2),
            }
            if positions:
                item["x"], item["y"] = positions[node]
            nodes.append(Node(node, style.shape, label=isolate(d["name"]), **item).options)
            actors[node] = {
                "id": node,
                "name": d["name"],
                "kind": d["kind"],
                "aliases": list(d.get("aliases") or []),
                "description": d.get("description"),
                "score": scores[node],
                "color": style.color,
            }
            bar.advance()

        parallel: dict[frozenset, int] = Counter(frozenset((u, v)) for u, v in G.edges())
        seen: dict[frozenset, int] = defaultdict(int)
        edges, relations = [], {}
        types = G.graph.get("relation_types") or {}
        # Thousands of lines drawn opaque hide the actors under them.
        opacity = 0.9 if m <= 1000 else 0.5
        for u, v, key, d in G.edges(keys=True, data=True):
            pair = frozenset((u, v))
            k = seen[pair]
            seen[pair] += 1
            if parallel[pair] > 1 or u == v:
                clockwise = (k % 2 == 0) == (str(u) <= str(v))
                smooth = {
                    "enabled": True,
                    "type": "curvedCW" if clockwise else "curvedCCW",
                    "roundness": 0.15 + 0.15 * (k // 2),
                }
            else:
                smooth = {"enabled": False}
            color = STANCE_COLORS.get(d["stance"], STANCE_COLORS["neutral"])
            edge = Edge(
                u,
                v,
                True,
                id=key,
                label=d["type"],
                color={"color": color, "highlight": color, "hover": color, "opacity": opacity},
                dashes=STATUS_DASHES.get(d["status"], False),
                arrows={"to": {"enabled": bool(d["directed"])}},
                width=round(1.2 + 3.0 * d.get("influence", 0.0), 2),
                smooth=smooth,
            )
            edges.append(edge.options)
            relations[key] = {
                "id": key,
                "source": u,
                "target": v,
                "source_name": actor_name(G, u),
                "target_name": actor_name(G, v),
                "type": d["type"],
                "type_description": (types.get(d["type"]) or {}).get("description", ""),
                "stance": d["stance"],
                "directed": bool(d["directed"]),
                "influence": d.get("influence", 0.0),
                "status": d["status"],
                "when": d.get("when"),
                "claimed_by": _names(G, d.get("claimed_by")),
                "disputed_by": _names(G, d.get("disputed_by")),
                "note": d.get("note"),
                "evidence": [dict(e) for e in d.get("evidence") or []],
            }
            bar.advance()

    kind_counts = Counter(a["kind"] for a in actors.values())
    stance_counts = Counter(r["stance"] for r in relations.values())
    status_counts = Counter(r["status"] for r in relations.values())
    type_counts = Counter(r["type"] for r in relations.values())
    directed = sum(r["directed"] for r in relations.values())
    return {
        "size_by": size_by,
        "size_meaning": SIZE_MEASURES[size_by],
        "nodes": nodes,
        "edges": edges,
        "actors": actors,
        "relations": relations,
        "laid_out": positions is not None,
        "hubs": hubs,
        "hub_px": HUB_FONT,
        "options": _options(n, laid_out=positions is not None),
        "legend": {
            "kinds": [
                {"kind": k, "count": n, "color": styles[k].color, "shape": styles[k].shape}
                for k, n in sorted(kind_counts.items())
            ],
            "stances": [
                {"stance": s, "count": stance_counts[s], "color": STANCE_COLORS[s]}
                for s in STANCE_COLORS
                if stance_counts[s]
            ],
            "statuses": [
                {"status": s, "count": status_counts[s], "dashes": STATUS_DASHES[s]}
                for s in STATUS_DASHES
                if status_counts[s]
            ],
            "directions": {"directed": directed, "symmetric": len(relations) - directed},
        },
        "types": [
            {"type": t, "count": n, "stance": (types.get(t) or {}).get("stance", "neutral")}
            for t, n in sorted(type_counts.items())
        ],
    }


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element, whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(name: str) -> str:
    return resources.files("graph").joinpath("templates", name).read_text(encoding="utf-8")


def _vis_library() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (
        (lib / "vis-network.min.js").read_text(encoding="utf-8"),
        (lib / "vis-network.css").read_text(encoding="utf-8"),
    )


def page_html(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    size_by: str | None = None,
    notes: list[str] | tuple[str, ...] = (),
) -> str:
    """The whole page as one string of HTML, every script and style inlined.

    ``notes`` are sentences shown under the title (what the view leaves out, for instance).
    """
    import jinja2

    data = page_data(G, size_by=size_by)
    vis_js, vis_css = _vis_library()
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_asset("page.html"))
    heading = title or G.graph.get("title") or "Actor network"
    return template.render(
        title=heading,
        description=G.graph.get("description"),
        notes=list(notes),
        files=[os.path.basename(f) for f in G.graph.get("files") or []],
        counts={"actors": len(data["nodes"]), "relations": len(data["edges"])},
        relation_labels=not data["laid_out"],
        size_meaning=data["size_meaning"],
        legend=data["legend"],
        data_json=jinja2.utils.markupsafe.Markup(_json_for_script(data)),
        vis_js=jinja2.utils.markupsafe.Markup(vis_js),
        vis_css=jinja2.utils.markupsafe.Markup(vis_css),
        page_js=jinja2.utils.markupsafe.Markup(_asset("page.js")),
        page_css=jinja2.utils.markupsafe.Markup(_asset("page.css")),
    )


def render_page(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    title: str | None = None,
    size_by: str | None = None,
    notes: list[str] | tuple[str, ...] = (),
) -> Path:
    """Write the interactive page for ``G`` to ``path`` (atomically; folders are created)."""
    return write_atomic(path, page_html(G, title=title, size_by=size_by, notes=notes))
