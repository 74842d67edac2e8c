"""Briefings: their content checked against the data and the analysis functions."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from graph.analysis.centrality import centrality
from graph.analysis.influence import influence_reach, strongest_chains
from graph.briefing import brief_content, write_briefing
from graph.briefing.markdown import to_markdown
from graph.dataset.build import build_graph
from graph.dataset.load import load_text

STUDENT_SECTIONS = ["The cast", "Key actors", "Chains of influence", "Hostility and cooperation",
                    "Contested claims", "Timeline", "Sources", "Questions for discussion",
                    "Glossary"]  # fmt: skip


class _Text(HTMLParser):
    """The visible text of an HTML document, and its tags."""

    def __init__(self):
        super().__init__()
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> _Text:
        parser = cls()
        parser.feed(html)
        return parser

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


@pytest.fixture(scope="module")
def seed_brief(seed_dataset):
    return brief_content(build_graph(seed_dataset))


def headings(md: str) -> list[str]:
    return re.findall(r"^## (.+)$", md, re.M)


def test_student_briefing_has_every_section_in_order(seed_brief):
    assert headings(to_markdown(seed_brief)) == STUDENT_SECTIONS


def test_analyst_briefing_is_denser_with_numbers(seed_graph):
    b = brief_content(seed_graph, audience="analysts")
    md = to_markdown(b)
    assert "Questions for discussion" not in headings(md) and "Glossary" not in headings(md)
    assert len(b.key_actors[1].rows) == 5 and len(b.chains) == 5
    top = b.key_actors[1].rows[0]
    assert f"**{top['name']}** ({top['value']:.3f})" in md


def test_every_actor_is_in_the_cast(seed_brief, seed_graph):
    assert {row["id"] for row in seed_brief.cast} == set(seed_graph)
    khazali = next(r for r in seed_brief.cast if r["id"] == "qais_al_khazali")
    assert khazali["role"] == "leads PMU militias; threatens Mustafa al-Kadhimi"


def test_every_quote_used_is_verbatim_in_the_dataset(seed_brief, seed_dataset):
    quotes = {(e.quote, e.source) for r in seed_dataset.relations for e in r.evidence}
    assert seed_brief.quotes
    assert all((q.text, q.source) in quotes for q in seed_brief.quotes)
    assert [q.number for q in seed_brief.quotes] == list(range(1, len(seed_brief.quotes) + 1))


def test_key_actor_rankings_equal_the_analysis_functions(seed_brief, seed_graph):
    scores = centrality(seed_graph, ["betweenness", "pagerank"])
    reach, brokers, pagerank = seed_brief.key_actors
    assert [r["id"] for r in reach.rows] == [r.actor for r in influence_reach(seed_graph)[:3]]
    assert [r["value"] for r in reach.rows] == [r.total for r in influence_reach(seed_graph)[:3]]
    assert [(r["id"], r["value"]) for r in brokers.rows] == scores.ranking("betweenness")[:3]
    assert [(r["id"], r["value"]) for r in pagerank.rows] == scores.ranking("pagerank")[:3]


def test_key_actors_say_why(seed_brief):
    reach = {r["id"]: r["why"] for r in seed_brief.key_actors[0].rows}
    # Places are counted apart from actors, and the example chain is one of confirmed relations
    # (Iran -directs-> PMU militias -targets-> US forces), not the denied attack on Green Zone.
    assert re.match(r"reaches \d+ actors? and \d+ places?; ", reach["iran"]), reach["iran"]
    assert reach["iran"].endswith(
        "Iran reaches US forces through PMU militias without any direct relation"
    )
    brokers = {r["id"]: r["why"] for r in seed_brief.key_actors[1].rows}
    # Hand-checked: Iran's only way to the Taji base is through the PMU militias.
    assert brokers["pmu_militias"].startswith(
        "every shortest chain from Iran to Taji base passes through them"  # plural name
    )


def test_chains_are_the_strongest_chains_with_a_quote_per_step(seed_brief, seed_graph):
    assert [c["text"] for c in seed_brief.chains] == [
        c.text(seed_graph) for c in strongest_chains(seed_graph, top=3)
    ]
    for chain in seed_brief.chains:
        assert all(step.quotes for step in chain["steps"])


def test_contested_claims_are_every_alleged_denied_or_claimed_relation(seed_brief, seed_dataset):
    expected = [r for r in seed_dataset.relations
                if r.status != "confirmed" or r.claimed_by or r.disputed_by]  # fmt: skip
    assert seed_brief.claims_total == len(expected) == len(seed_brief.claims)
    denied = [c for c in seed_brief.claims if c.status == "denied"]
    assert {c.sentence for c in denied} == {"PMU militias target Green Zone",
                                            "PMU militias target Taji base"}  # fmt: skip
    assert all(c.disputed_by == ["PMU militias"] for c in denied)


def test_questions_point_at_sections_that_exist(seed_brief):
    assert len(seed_brief.questions) >= 3
    texts = " ".join(q.text for q in seed_brief.questions)
    assert "Without PMU militias, Iran would have no chain of relations" in texts
    assert ("PMU militias deny targeting Green Zone; the data holds 1 quotation for it "
            "and 1 against it") in texts  # fmt: skip
    for q in seed_brief.questions:
        assert set(q.refers_to) <= set(STUDENT_SECTIONS)


def test_sentences_come_from_the_data_not_from_the_seed_story():
    G = build_graph(
        load_text("""
title: Florence, 1430
actors:
  - {id: medici, name: Medici, kind: family}
  - {id: albizzi, name: Albizzi, kind: family}
  - {id: guadagni, name: Guadagni, kind: family}
relations:
  - {source: medici, target: albizzi, type: opposes, date: 1433, status: alleged,
     claimed_by: [albizzi], evidence: [{source: Padgett, quote: "the Medici party"}]}
  - {source: guadagni, target: albizzi, type: allies_with}
""")
    )
    md = to_markdown(brief_content(G))
    assert "Iran" not in md and "PMU" not in md and "Green Zone" not in md
    assert "| in 1433 | Medici opposes Albizzi (alleged by Albizzi) |" in md
    assert "Guadagni is allied with Albizzi" in md


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "no dates",
            "actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]\n"
            "relations: [{source: a, target: b, type: supports}]\n",
        ),
        ("a single actor", "actors: [{id: a, name: Alone, kind: person}]\n"),
        (
            "no evidence, all symmetric",
            "actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]\n"
            "relations: [{source: a, target: b, type: allies_with}]\n",
        ),
    ],
)
def test_any_valid_dataset_gives_a_briefing(tmp_path, name, text):
    G = build_graph(load_text(text))
    written = write_briefing(G, tmp_path, "b")
    md = written["md"].read_text(encoding="utf-8")
    assert "## The cast" in md and "Timeline" not in headings(md)
    html = written["html"].read_text(encoding="utf-8")
    assert "<h1>" in html and written["png"].read_bytes()[:4] == b"\x89PNG"


def big_graph(n=2000, m=6000, seed=5):
    rng = random.Random(seed)
    lines = ["actors:"] + [f"  - {{id: a{i}, name: Actor {i}, kind: state}}" for i in range(n)]
    lines.append("relations:")
    for _ in range(m):
        u, v = rng.sample(range(n), 2)
        lines.append(
            f"  - {{source: a{u}, target: a{v}, type: "
            f"{rng.choice(['supports', 'opposes', 'directs'])}, date: 2020-0{rng.randint(1, 9)}}}"
        )
    return build_graph(load_text("\n".join(lines) + "\n"))


def test_thousands_of_actors_are_truncated_and_say_so(tmp_path):
    G = big_graph()
    written = write_briefing(G, tmp_path, "big", audience="analysts")
    md = written["md"].read_text(encoding="utf-8")
    assert "*The 40 most connected of 2,000 actors.*" in md
    assert "The 40 actors with the highest PageRank, of 2,000" in md  # the figure's caption
    assert re.search(r"\*40 of 6,000 dated relations\.\*", md)
    cast_rows = re.findall(r"^\| Actor \d+ \|", md, re.M)
    assert len(cast_rows) == 40


NASTY = {
    "script": "<script>alert(1)</script>",
    "bold": "*bold* and _it_",
    "pipe": "a|b",
    "link": "[click](javascript:alert(2))",
    "dollar": "$x$ & 50%",
}


def nasty_graph():
    actors = "\n".join(f"  - {{id: {k}, name: {v!r}, kind: state}}" for k, v in NASTY.items())
    relations = "\n".join(
        f"  - {{source: {a}, target: {b}, type: threatens, status: alleged, claimed_by: [{a}], "
        f"evidence: [{{source: {NASTY[a]!r}, quote: {NASTY[b]!r}}}]}}"
        for a, b in zip(NASTY, list(NASTY)[1:] + list(NASTY)[:1], strict=True)
    )
    return build_graph(
        load_text(f"title: {NASTY['script']!r}\nactors:\n{actors}\nrelations:\n{relations}\n")
    )


def test_markdown_shows_text_from_the_data_as_itself():
    md = to_markdown(brief_content(nasty_graph()))
    html = MarkdownIt("commonmark").enable("table").render(md)
    page = _Text.of(html)
    for value in NASTY.values():
        assert value in page.text, value
    assert "script" not in page.tags
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only in text, never in a link
    cast = md.split("## The cast")[1].split("##")[0]
    rows = [line for line in cast.splitlines() if line.startswith("|")]
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 5 for row in rows)  # no cell broke


def test_html_shows_text_from_the_data_as_itself(tmp_path):
    written = write_briefing(nasty_graph(), tmp_path, "nasty")
    html = written["html"].read_text(encoding="utf-8")
    page = _Text.of(html)
    for value in NASTY.values():
        assert value in page.text, value
    assert "script" not in page.tags
    assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', html))


def test_brief_command_writes_every_file_and_says_where(run, tmp_path, seed_path):
    result = run("brief", "--data", seed_path, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [f"Wrote {tmp_path / 'out' / f'actors-brief.{k}'}"
                         for k in ("html", "md", "png", "svg")]  # fmt: skip
    assert lines[4] == "(15 actors, 23 relations; for students)"
    md = (tmp_path / "out" / "actors-brief.md").read_text(encoding="utf-8")
    assert "![All 15 actors and 23 relations.](actors-brief.png)" in md


def test_brief_command_focus_and_format(run, tmp_path, seed_path):
    result = run(
        "brief",
        "--data",
        seed_path,
        "-o",
        tmp_path,
        "--focus",
        "Khazali",
        "--format",
        "md",
        "--audience",
        "analysts",
        "--title",
        "Khazali's reach",
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["actors-qais_al_khazali-brief.md", "actors-qais_al_khazali-brief.png",
                     "actors-qais_al_khazali-brief.svg"]  # fmt: skip
    md = (tmp_path / names[0]).read_text(encoding="utf-8")
    assert md.startswith("# Khazali's reach\n")
    assert "Qais al-Khazali and the actors within 1 relation of it: 3 of 15 actors." in md
