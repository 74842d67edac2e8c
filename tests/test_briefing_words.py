"""The briefing says what the data says: statuses and claimants, questions with facts behind
them, the teacher's choice, the map's limits, grammar and dates, the glossary."""

from __future__ import annotations

import re

import pytest

from graph.analysis.chains import Chain, make_step
from graph.analysis.selection import ego_network
from graph.briefing import brief_content, write_briefing
from graph.briefing.grammar import (
    gerund_phrase,
    incoming_phrase,
    is_plural,
    span_phrase,
    verb_phrase,
)
from graph.briefing.markdown import to_markdown
from graph.briefing.questions import discussion_questions
from graph.briefing.wording import relation_sentence, role
from graph.dataset.build import build_graph
from graph.dataset.load import load_text
from graph.errors import QueryError

# A small story: the United States is accused of attacking Iraq; the PMU militias deny
# targeting it; an attack on the United States by Iran was refuted; Iran directs the militias.
STORY = """
title: A small story
actors:
  - {id: us, name: United States, kind: state}
  - {id: iraq, name: Iraq, kind: state}
  - {id: lawmakers, name: Iraqi lawmakers, kind: legislature}
  - {id: iran, name: Iran, kind: state}
  - {id: pmu, name: PMU militias, kind: armed_group}
  - {id: base, name: Taji base, kind: facility}
relations:
  - {source: us, target: iraq, type: attacks, status: alleged, claimed_by: [lawmakers],
     evidence: [{source: news, quote: "accused the U.S."}]}
  - {source: lawmakers, target: us, type: accuses, evidence: [{source: news, quote: "accused"}]}
  - {source: pmu, target: iraq, type: targets, status: denied, disputed_by: [pmu],
     evidence: [{source: news, quote: "rockets"}, {source: news, quote: "we deny", side: dispute}]}
  - {source: iran, target: us, type: attacks, status: refuted, claimed_by: [pmu],
     evidence: [{source: news, quote: "Iran struck"}]}
  - {source: iran, target: pmu, type: directs, evidence: [{source: news, quote: "directs"}]}
  - {source: pmu, target: base, type: targets, start: 2020-10, claimed_by: [lawmakers],
     evidence: [{source: news, quote: "the base"}]}
"""


@pytest.fixture(scope="module")
def story():
    return build_graph(load_text(STORY))


@pytest.fixture(scope="module")
def story_brief(story):
    return brief_content(story)


def fact_sentences(b) -> list[str]:
    """Every sentence the briefing states as a fact (or a claim marked as one)."""
    out = [a["role"] for a in b.cast]
    out += [row["why"] for k in b.key_actors for row in k.rows]
    out += [c["text"] for c in b.chains] + [s.sentence for c in b.chains for s in c["steps"]]
    out += [s.sentence for rows in b.stances.values() for s in rows]
    out += [t["sentence"] for t in b.timeline] + [q.text for q in b.questions]
    return out


# -- 1. every sentence about a relation says whose claim it is --------------------------------


def test_cast_roles_carry_status_and_claimant(story_brief):
    roles = {a["id"]: a["role"] for a in story_brief.cast}
    assert "attacks Iraq (alleged by Iraqi lawmakers)" in roles["us"]
    assert "attacked by United States (alleged by Iraqi lawmakers)" in roles["iraq"]
    assert "target Iraq (denied by PMU militias)" in roles["pmu"]
    assert "target Taji base (claimed by Iraqi lawmakers)" in roles["pmu"]


def test_hostility_lists_and_timeline_carry_status_and_claimant(story_brief):
    hostile = [s.sentence for s in story_brief.stances["hostile"]]
    assert "United States attacks Iraq (alleged by Iraqi lawmakers)" in hostile
    assert "PMU militias target Iraq (denied by PMU militias)" in hostile
    assert "Iraqi lawmakers accuse United States" in hostile  # confirmed, nobody's claim
    assert story_brief.timeline == [
        {"when": "since October 2020",
         "sentence": "PMU militias target Taji base (claimed by Iraqi lawmakers)"}
    ]  # fmt: skip


def test_refuted_relations_appear_only_among_contested_claims_marked_refuted(story_brief):
    assert not any("Iran attacks" in s for s in fact_sentences(story_brief))
    refuted = [c for c in story_brief.claims if c.status == "refuted"]
    assert [(c.sentence, c.claimed_by) for c in refuted] == [
        ("Iran attacks United States", ["PMU militias"])
    ]
    md = to_markdown(story_brief)
    assert "| Iran attacks United States | refuted | PMU militias |" in md
    assert md.count("Iran attacks United States") == 1
    assert "6 relations (1 refuted)" in story_brief.scope


def test_chain_steps_carry_the_claim():
    # One chain only, whatever the engine's rules: Alpha directs Bravo, Bravo funds Charlie
    # (alleged by Delta, who takes part in nothing else).
    G = build_graph(
        load_text("""
actors:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Bravo, kind: armed_group}
  - {id: c, name: Charlie, kind: armed_group}
  - {id: d, name: Delta, kind: state}
relations:
  - {source: a, target: b, type: directs}
  - {source: b, target: c, type: funds, status: alleged, claimed_by: [d]}
""")
    )
    b = brief_content(G)
    assert [s.sentence for s in b.chains[0]["steps"]] == [
        "Alpha directs Bravo",
        "Bravo funds Charlie (alleged by Delta)",
    ]


def test_a_claimant_outside_a_focused_view_is_never_shown_by_its_id(seed_graph):
    view = ego_network(seed_graph, "iran", 1)
    assert "qais_al_khazali" not in view
    md = to_markdown(brief_content(view))
    assert "qais_al_khazali" not in md
    assert "PMU militias target US Embassy (claimed by an actor outside this view)" in md
    assert "| PMU militias target US Embassy | confirmed | an actor outside this view |" in md


# -- 2. questions come from facts that support them --------------------------------------------

QUESTIONS = """
actors:
  - {id: us, name: United States, kind: state}
  - {id: iran, name: Iran, kind: state}
  - {id: pmu, name: PMU militias, kind: armed_group}
  - {id: embassy, name: US Embassy, kind: facility}
  - {id: boss, name: Boss, kind: person}
relations:
  - {source: us, target: iran, type: accuses}
  - {source: boss, target: iran, type: directs}
  - {source: iran, target: pmu, type: directs}
  - {source: pmu, target: embassy, type: targets}
  - {source: iran, target: embassy, type: targets, status: alleged, claimed_by: [us]}
"""


def chain(G, *pairs) -> Chain:
    """The chain along the first relation from each actor of ``pairs`` to the next."""
    return Chain(tuple(make_step(G, u, v, next(iter(G[u][v])), True) for u, v in pairs))


def test_no_acting_through_question_over_a_hostile_first_step():
    G = build_graph(load_text(QUESTIONS))
    accusing = chain(G, ("us", "iran"), ("iran", "pmu"))
    texts = [q.text for q in discussion_questions(G, [accusing], [("iran", 1.0)], [])]
    assert not any("acting through" in t for t in texts)
    # The same shape over a control relation does prompt it: Boss directs Iran.
    directing = chain(G, ("boss", "iran"), ("iran", "pmu"))
    texts = [q.text for q in discussion_questions(G, [directing], [("iran", 1.0)], [])]
    assert texts[0] == (
        "Without Iran, Boss would have no chain of relations to PMU militias at all. What does "
        "Boss gain by acting through Iran rather than directly, and who could take its place?"
    )


def test_no_acting_through_question_over_a_claimed_control_step():
    G = build_graph(load_text(QUESTIONS.replace(
        "{source: boss, target: iran, type: directs}",
        "{source: boss, target: iran, type: directs, status: alleged, claimed_by: [us]}")))  # fmt: skip
    directing = chain(G, ("boss", "iran"), ("iran", "pmu"))
    texts = [q.text for q in discussion_questions(G, [directing], [("iran", 1.0)], [])]
    assert not any("acting through" in t for t in texts)


def test_no_why_not_respond_question_about_a_place_or_facility():
    G = build_graph(load_text(QUESTIONS))
    texts = " ".join(q.text for q in discussion_questions(G, [], [], []))
    # US Embassy is the object of 2 hostile relations and takes none: but it is a facility.
    assert "US Embassy" not in texts
    # Iran is the object of a confirmed accusation, and targets no one by a confirmed
    # relation... but it does by an alleged one: it takes a hostile relation, so no question.
    assert "not respond" not in texts


def test_why_not_respond_asks_about_an_agent_and_counts_its_claims():
    G = build_graph(
        load_text("""
actors:
  - {id: a, name: Iraqi forces, kind: military}
  - {id: b, name: Bravo, kind: armed_group}
  - {id: c, name: Charlie, kind: armed_group}
relations:
  - {source: b, target: a, type: attacks}
  - {source: c, target: a, type: threatens, status: alleged, claimed_by: [b]}
""")
    )
    (q,) = [q for q in discussion_questions(G, [], [], []) if "respond" in q.text]
    assert q.text == (
        "Iraqi forces are the object of 2 hostile relations (1 of them a claim) but take none "
        "against anyone. Why might they not respond, or why might their responses be missing "
        "from the sources?"
    )


ENEMIES = """
actors:
  - {id: a, name: Iran, kind: state}
  - {id: b, name: United States, kind: state}
  - {id: t, name: ISIS, kind: armed_group}
relations:
  - {source: a, target: t, type: opposes}
  - {source: b, target: t, type: opposes}
  - {source: b, target: a, type: accuses, status: STATUS}
"""


@pytest.mark.parametrize("status", ["alleged", "denied", "refuted"])
def test_no_enemy_of_my_enemy_question_over_a_disputed_tie(status):
    G = build_graph(load_text(ENEMIES.replace("STATUS", status)))
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                         if d["status"] == "refuted"])  # fmt: skip
    assert not any("enemy" in q.text for q in discussion_questions(H, [], [], []))
    assert not any("enemy" in q.text for q in brief_content(G).questions)


def test_enemy_of_my_enemy_question_says_the_relations_it_rests_on():
    G = build_graph(load_text(ENEMIES.replace("STATUS", "confirmed")))
    (q,) = [q for q in brief_content(G).questions if "enemy" in q.text]
    assert q.text == ("Iran and United States both oppose ISIS, yet United States accuses "
                      "Iran. Is the enemy of my enemy a friend here?")  # fmt: skip


def test_a_denial_by_the_accused_counts_quotations_on_each_side(story_brief):
    texts = [q.text for q in story_brief.questions]
    assert ("PMU militias deny targeting Iraq; the data holds 1 quotation for it and 1 "
            "against it. Whose account should a reader trust, and what source would settle "
            "it?") in texts  # fmt: skip


def test_a_claim_by_a_hostile_party_says_the_relation_behind_the_hostility(story_brief):
    assert ("Iraqi lawmakers claim that United States attacks Iraq, and also accuse United "
            "States. How does that change the weight of the claim?") in [
        q.text for q in story_brief.questions
    ]  # fmt: skip


def test_a_person_is_never_an_it():
    G = build_graph(
        load_text("""
actors:
  - {id: boss, name: Big Boss, kind: state}
  - {id: k, name: Qais al-Khazali, kind: person}
  - {id: m, name: Militia, kind: armed_group}
relations:
  - {source: boss, target: k, type: funds}
  - {source: k, target: m, type: leads}
""")
    )
    directing = chain(G, ("boss", "k"), ("k", "m"))
    (q,) = discussion_questions(G, [directing], [("k", 1.0)], [])
    assert q.text.endswith("and who could take their place?")
    brokers = {r["id"]: r["why"] for r in brief_content(G).key_actors[1].rows}
    assert brokers["k"] == "every shortest chain from Big Boss to Militia passes through them"


# -- 3. the teacher picks questions; the dataset's own come first -------------------------------

TEACHER = STORY.replace(
    "title: A small story",
    """title: A small story
questions:
  - Who gains from the rockets?
  - Which source would you look for first?""",
)


def test_the_teachers_questions_come_first_then_the_picked_ones():
    G = build_graph(load_text(TEACHER))
    generated = [q for q in brief_content(G).questions if not q.teacher]
    assert len(generated) >= 2
    b = brief_content(G, questions=[2, 1])
    assert [(q.text, q.teacher) for q in b.questions] == [
        ("Who gains from the rockets?", True),
        ("Which source would you look for first?", True),
        (generated[1].text, False),
        (generated[0].text, False),
    ]
    md = to_markdown(b)
    part = md.split("## Questions for discussion")[1].split("##")[0]
    assert part.index("*Your teacher's questions:*") < part.index("- Who gains from the rockets?")
    assert part.index("*Questions from the data:*") < part.index(f"1. {generated[1].text}")


def test_a_question_number_out_of_range_names_the_range(tmp_path):
    G = build_graph(load_text(STORY))
    total = len(brief_content(G).questions)
    with pytest.raises(QueryError, match=rf"question {total + 1} .* pick from 1 to {total}"):
        brief_content(G, questions=[total + 1])
    with pytest.raises(QueryError, match="question 0 "):
        write_briefing(G, tmp_path, "b", questions=[0])


def test_write_briefing_passes_the_picked_questions(tmp_path):
    G = build_graph(load_text(TEACHER))
    md = write_briefing(G, tmp_path, "b", formats=("md",), questions=[])["md"].read_text("utf-8")
    part = md.split("## Questions for discussion")[1].split("##")[0]
    assert "Who gains from the rockets?" in part and "(See:" not in part


def test_analysts_get_questions_only_when_they_pick_them():
    G = build_graph(load_text(TEACHER))
    assert brief_content(G, audience="analysts").questions == []
    picked = brief_content(G, audience="analysts", questions=[1]).questions
    assert [q.teacher for q in picked] == [True, True, False]


# -- 4. what this map cannot tell you -------------------------------------------------------------


def test_the_limits_box_says_what_is_true_of_the_data(story_brief):
    limits = story_brief.limits
    assert (
        limits[0] == "All the evidence comes from one source (news): no second account checks it."
    )
    assert ("2 of the 6 relations are claims, not established facts (1 alleged, 1 denied); in "
            "chains and reach a claim weighs less: alleged 0.5, denied 0.25 (confirmed 1). 1 "
            "refuted relation is shown only among the contested claims, never as a fact."
            ) in limits  # fmt: skip
    assert ("4 of the 5 relations are undated: when they held, and whether they still do, is "
            "unknown.") in limits  # fmt: skip
    assert any(line.startswith("The influence weights (directs 0.9, attacks 0.3, targets 0.3) "
                               "are the project's conventions") for line in limits)  # fmt: skip
    assert ("Taji base is a facility: context, not an actor; a high score means relations "
            "point at it, not that it acts.") in limits  # fmt: skip
    md = to_markdown(story_brief)
    assert md.index("> **What this map cannot tell you**") < md.index("## Key actors")


def test_the_limits_box_uses_the_datasets_weights_and_says_nothing_untrue():
    G = build_graph(
        load_text("""
status_weights: {alleged: 0.3}
actors:
  - {id: a, name: A, kind: state}
  - {id: b, name: B, kind: state}
  - {id: c, name: C, kind: state}
relations:
  - {source: a, target: b, type: supports, date: 2020, status: alleged, claimed_by: [c],
     evidence: [{source: one, quote: x}, {source: two, quote: y}]}
  - {source: b, target: c, type: accuses, date: 2021-03-04, evidence: [{source: two, quote: z}]}
""")
    )
    limits = brief_content(G).limits
    assert (
        limits[0] == "The evidence cites 2 sources; 1 of the 2 relations rests on one source alone."
    )
    assert any("alleged 0.3 (confirmed 1)" in line for line in limits)
    assert not any("undated" in line or "place" in line for line in limits)
    assert any("(supports 0.5)" in line for line in limits)  # accusing carries no influence


def test_the_limits_box_names_a_datasets_own_types_as_its_conventions():
    G = build_graph(
        load_text("""
relation_types:
  pays: {description: pays, stance: cooperative, directed: true, influence: 0.7}
actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
relations: [{source: a, target: b, type: pays}]
""")
    )
    (line,) = [s for s in brief_content(G).limits if "weights" in s]
    assert line.startswith("The influence weights (pays 0.7) are conventions (the project's, "
                           "and this dataset's for pays)")  # fmt: skip
    assert "No relation cites evidence" in brief_content(G).limits[0]


# -- 5. grammar and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "flag", "plural"),
    [
        ("PMU militias", "armed_group", False, True),
        ("Iraqi lawmakers", "legislature", False, True),
        ("US forces", "military", False, True),
        ("Kurds", "armed_group", False, True),  # a capitalised plural noun, for a group
        ("Houthis", "armed_group", False, True),
        ("United States", "state", False, False),  # a known singular (and a state)
        ("United Nations", "organization", False, False),
        ("Hamas", "armed_group", False, False),
        ("Jim Mattis", "person", False, False),  # a person is singular
        ("ISIS", "armed_group", False, False),  # an acronym
        ("US Congress", "legislature", False, False),  # -ss
        ("Iran", "state", False, False),
        ("Athens", "place", False, False),  # a capitalised word, for a place
        ("Medici", "family", True, True),  # the flag
        ("Golan Heights", "place", True, True),
    ],
)
def test_the_plural_rule(name, kind, flag, plural):
    text = "kinds: {place: place}\n" if kind == "place" else ""
    text += f"actors: [{{id: x, name: {name}, kind: {kind}, plural: {str(flag).lower()}}}]\n"
    G = build_graph(load_text(text))
    assert is_plural(G, "x") is plural


# Every built-in type and the seed's declared ones, with a singular and a plural subject, and
# from the target's side.
VERBS = [
    ("directs", "directs", "direct", "directed by X"),
    ("leads", "leads", "lead", "led by X"),
    ("funds", "funds", "fund", "funded by X"),
    ("supports", "supports", "support", "supported by X"),
    ("allies_with", "is allied with", "are allied with", "allied with X"),
    ("member_of", "is a member of", "are members of", "has X as a member"),
    ("threatens", "threatens", "threaten", "threatened by X"),
    ("targets", "targets", "target", "targeted by X"),
    ("attacks", "attacks", "attack", "attacked by X"),
    ("opposes", "opposes", "oppose", "opposed by X"),
    ("accuses", "accuses", "accuse", "accused by X"),
    ("rivals", "is a rival of", "are rivals of", "rival of X"),
    ("negotiates_with", "negotiates with", "negotiate with", "negotiates with X"),
    ("located_in", "is located in", "are located in", "location of X"),
    ("protects", "protects", "protect", "protected by X"),
    ("stationed_at", "is stationed at", "are stationed at", "where X is stationed"),
    ("tolerates", "tolerates", "tolerate", "tolerated by X"),
]


@pytest.mark.parametrize(("rtype", "singular", "plural", "incoming"), VERBS)
def test_every_type_reads_naturally(rtype, singular, plural, incoming):
    assert verb_phrase(rtype) == singular
    assert verb_phrase(rtype, plural=True) == plural
    assert incoming_phrase(rtype, "X", False) == incoming


@pytest.mark.parametrize(
    ("rtype", "gerund"),
    [("targets", "targeting"), ("opposes", "opposing"), ("allies_with", "being allied with"),
     ("member_of", "being a member of"), ("stationed_at", "being stationed at"),
     ("tolerates", "tolerating"), ("bans", "banning"), ("controls", "controlling")],
)  # fmt: skip
def test_gerunds(rtype, gerund):
    assert gerund_phrase(rtype) == gerund


def test_every_builtin_and_seed_type_is_covered(seed_graph):
    from graph.dataset.vocabulary import BUILTIN_TYPES

    assert {v[0] for v in VERBS} == set(BUILTIN_TYPES) | set(seed_graph.graph["relation_types"])


def test_sentences_agree_with_plural_names_and_read_as_active_or_passive(seed_graph):
    d = {"type": "stationed_at", "status": "confirmed"}
    assert relation_sentence(seed_graph, "us_coalition", "taji_base", d) == (
        "US-led coalition is stationed at Taji base"
    )
    assert "where US-led coalition is stationed" in role(seed_graph, "taji_base")
    assert "'" not in " ".join(role(seed_graph, n) for n in seed_graph)  # no quoted type names
    assert role(seed_graph, "iraqi_forces") == "protect Taji base"
    assert role(seed_graph, "iraqi_lawmakers") == "accuse United States"
    md = to_markdown(brief_content(seed_graph))
    assert "- PMU militias oppose US forces" in md
    assert "- Iran directs PMU militias" in md
    assert "PMU militias deny targeting Green Zone" in md


@pytest.mark.parametrize(
    ("span", "words"),
    [
        ("date: 1914-08-04", "on 4 August 1914"),
        ("date: 2020-10", "in October 2020"),
        ("date: 1914", "in 1914"),
        ("{start: 1914-08-04, end: 1918-11-11}", "from 4 August 1914 to 11 November 1918"),
        ("{start: 2020-10}", "since October 2020"),
        ("{end: 1918}", "until 1918"),
    ],
)
def test_dates_read_as_words(span, words):
    when = span if span.startswith("{") else "{" + span + "}"
    G = build_graph(load_text(
        "actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]\n"
        f"relations: [{{source: a, target: b, type: supports, {when[1:-1]}}}]\n"))  # fmt: skip
    md = to_markdown(brief_content(G))
    assert f"| {words} | A supports B |" in md
    assert span_phrase(next(iter(G.edges(data=True)))[2]) == words
    assert not re.search(r"\b\d{4}-\d{2}", md)  # no ISO date in the prose


def test_the_scope_says_the_dates_in_words():
    G = build_graph(
        load_text("""
actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
relations:
  - {source: a, target: b, type: supports, date: 1914-08-04}
  - {source: b, target: a, type: supports, start: 1915, end: 1918-11}
""")
    )
    assert brief_content(G).scope.endswith("dated relations from 4 August 1914 to November 1918")


# -- 6. the glossary presents no weight as a measurement -------------------------------------


def test_the_glossary_says_how_influence_travels_not_numbers(seed_graph):
    glossary = dict(brief_content(seed_graph).glossary)
    types = {t.replace("_", " ") for t in seed_graph.graph["relation_types"]}
    for term in types & set(glossary):
        assert not re.search(r"\d", glossary[term]), glossary[term]
    assert glossary["directs"].endswith("control: influence goes on through it to those the "
                                        "target controls")  # fmt: skip
    assert "pressure: influence reaches its target" in glossary["targets"]
    assert glossary["accuses"].endswith("an expressed stance: it carries no influence")
    assert "conventions of this tool" in glossary["influence weight"]
    assert "not a measurement" in glossary["influence weight"].replace("rather than a", "not a")
