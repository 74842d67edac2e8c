"""Time slices, timelines, changes between dates, perspectives and contested claims."""

from __future__ import annotations

import json

import pytest

from graph.analysis.claims import contested_claims
from graph.analysis.timeline import changes, timeline
from graph.dataset.build import build_graph
from graph.dataset.dates import parse_partial_date as day
from graph.dataset.load import load_text

DATED = """
actors:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Beta, kind: state}
  - {id: c, name: Gamma, kind: armed_group}
relations:
  - {id: year, source: a, target: b, type: supports, date: 2020}
  - {id: oct3, source: b, target: c, type: targets, date: 2020-10-03}
  - {id: october, source: c, target: b, type: threatens, date: 2020-10}
  - {id: war, source: a, target: c, type: attacks, start: 2020-11, end: 2021-02}
  - {id: until, source: c, target: a, type: accuses, end: 2019-06}
  - {id: always, source: a, target: b, type: allies_with}
"""


@pytest.fixture
def dated():
    return build_graph(load_text(DATED))


def keys(G):
    return sorted(k for *_, k in G.edges(keys=True))


def test_timeline_groups_by_month_with_year_only_dates_first(dated):
    groups = [(g.label, [r["id"] for r in g.relations]) for g in timeline(dated)]
    # "until 2019-06" sits at its end; the year-only 2020 comes before 2020's months; within
    # October the whole month (from the 1st) comes before the 3rd.
    assert groups == [("2019-06", ["until"]), ("2020", ["year"]),
                      ("2020-10", ["october", "oct3"]), ("2020-11", ["war"])]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        # Worked by hand from the spans: year = all 2020, oct3 = 3 Oct 2020, october = Oct 2020,
        # war = 1 Nov 2020 - 28 Feb 2021, until = up to 30 Jun 2019, always = timeless.
        (["--as-of", "2020-10"], ["always", "oct3", "october", "year"]),
        (["--as-of", "2020-10-02"], ["always", "october", "year"]),
        (["--as-of", "2021"], ["always", "war"]),
        (["--as-of", "2019-05-31"], ["always", "until"]),
        (["--since", "2021-01"], ["always", "war"]),
        (["--until", "2019-12"], ["always", "until"]),
        (["--since", "2020-06", "--until", "2020-10-02"], ["always", "october", "year"]),
    ],
)
def test_every_query_command_slices_time(run, write, args, kept):
    path = write("dated.yaml", DATED)
    result = run("relations", "--data", path, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    assert sorted(r["id"] for r in json.loads(result.stdout)) == kept
    assert "actorgraph: Relations in force" in result.stderr  # said, on stderr


def test_changes_between_two_dates(dated):
    c = changes(dated, day("2020-09"), day("2020-12"))
    # In force in September 2020: year, always. In December: year, war, always.
    assert [r["id"] for r in c.appeared] == ["war"]
    assert [r["id"] for r in c.ended] == []
    assert c.unchanged == 2
    c = changes(dated, day("2019"), day("2021"))
    assert [r["id"] for r in c.appeared] == ["war"]
    assert [r["id"] for r in c.ended] == ["until"]


def test_changes_on_the_seed(run, seed_path):
    result = run("changes", "--from", "2020-09", "--to", "2020-11", "--data", seed_path,
                 "--format", "json")  # fmt: skip
    data = json.loads(result.stdout)
    # The campaign "since 2020-10" starts between the two dates; nothing is dated to end.
    assert sorted(r["id"] for r in data["appeared"]) == [
        "pmu_militias-targets-us_embassy",
        "pmu_militias-targets-us_forces",
    ]
    assert data["ended"] == [] and data["unchanged"] == 21
    # The embassy, newly targeted, receives more attention (PageRank), but it is a facility:
    # rankings rank agents only.
    ranked = {r["id"] for r in data["shifts"]["pagerank"]}
    assert ranked and "us_embassy" not in ranked and "green_zone" not in ranked


def test_changes_wants_dates_in_order(run, seed_path):
    result = run("changes", "--from", "2021", "--to", "2020", "--data", seed_path)
    assert result.exit_code == 2 and "--to 2020 is before --from 2021" in result.stderr


def test_the_us_and_the_militias_tell_different_stories(run, seed_path):
    # Washington claims Iran is behind the attacks on the embassy (alleged, claimed by the US);
    # the militias' account has only the confirmed relations: Iran directs them, they target
    # the embassy.
    def path(perspective):
        result = run("path", "Iran", "US Embassy", "--perspective", perspective, "--data",
                     seed_path, "--format", "json")  # fmt: skip
        return json.loads(result.stdout)["chains"][0]["actors"]

    assert path("Washington") == ["iran", "us_embassy"]
    assert path("PMU") == ["iran", "pmu_militias", "us_embassy"]

    def strength(perspective):
        result = run("influence", "Iran", "--perspective", perspective, "--data", seed_path,
                     "--all-kinds", "--format", "json")  # fmt: skip
        return {r["actor"]: round(r["strength"], 3) for r in json.loads(result.stdout)["results"]}

    assert strength("United States")["us_embassy"] == 0.3  # targets, directly: its own claim
    assert strength("PMU militias")["us_embassy"] == 0.27  # directs 0.9 x targets 0.3


def test_the_militias_do_not_assert_what_they_deny(run, seed_path):
    result = run("relations", "--perspective", "pmu", "--data", seed_path, "--format", "json")
    ids = {r["id"] for r in json.loads(result.stdout)}
    assert "pmu_militias-targets-green_zone" not in ids  # denied by them
    assert "iran-targets-us_embassy" not in ids  # alleged by the US, not by them
    assert "pmu_militias-targets-us_embassy" in ids  # confirmed


def test_claims_list_both_sides(seed_graph):
    claims = {c.relation["id"]: c for c in contested_claims(seed_graph)}
    assert len(claims) == 7
    green = claims["pmu_militias-targets-green_zone"]
    assert green.disputed_by == ["PMU militias"] and green.claimed_by == []
    assert [e["quote"] for e in green.evidence_against] == [
        "The Iranian militias denied responsibility for the latest attacks."
    ]
    assert [e["quote"] for e in green.evidence_for] == [
        "two missiles, one targeting the Green Zone where the American Embassy is located"
    ]
    blamed = claims["iran-targets-us_embassy"]
    assert blamed.claimed_by == ["United States"] and blamed.relation["status"] == "alleged"


def test_claims_command(run, seed_path):
    result = run("claims", "--actor", "Iran", "--data", seed_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("1. Iran targets US Embassy — alleged\n")
    assert "claimed by:  United States" in result.stdout
    assert result.stdout.rstrip().endswith("1 contested relation")
    data = json.loads(run("claims", "--data", seed_path, "--format", "json").stdout)
    assert {c["status"] for c in data} == {"alleged", "denied", "confirmed"}


def test_an_evidence_side_must_be_claim_or_dispute():
    from graph.errors import DataError

    with pytest.raises(DataError) as info:
        load_text(
            """
actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]
relations:
  - {source: a, target: b, type: supports,
     evidence: [{source: s, quote: q, side: maybe}]}
""",
            "x.yaml",
        )
    assert "side 'maybe' is not claim or dispute" in str(info.value)
