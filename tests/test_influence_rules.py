"""What the commands say under the rules of influence: claims weigh less, places are not
ranked, what-if names lost patrons, and the format's new fields are checked where written."""

from __future__ import annotations

import json

import pytest

from graph.dataset.load import load_text
from graph.errors import DataError

STATE = """
    actors:
      - {id: s, name: Sparta, kind: state}
      - {id: g, name: Spartan government, kind: government}
      - {id: m, name: Minister, kind: person}
      - {id: p, name: Proxy, kind: armed_group}
      - {id: t, name: Town, kind: place}
      - {id: r, name: Rival, kind: state}
    relations:
      - {source: s, target: g, type: leads}
      - {source: m, target: g, type: member_of}
      - {source: s, target: p, type: funds, status: alleged, claimed_by: [r]}
      - {source: p, target: t, type: attacks}
      - {source: r, target: s, type: accuses}
      - {source: r, target: p, type: directs, status: refuted}
"""


@pytest.fixture
def state(write):
    return write("state.yaml", STATE)


def influence(run, path, actor, *extra):
    out = run("influence", actor, "--data", path, "--format", "json", *extra)
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    return {r["actor"]: round(r["strength"], 4) for r in data["results"]}, data


def test_a_claim_weighs_half_and_counting_changes_it(run, state):
    # Sparta funds the proxy (0.6), alleged: 0.3; it leads its government (0.8), which pulls its
    # minister (member_of back 0.5): 0.4. The town is a place: not ranked, but counted.
    weighted, data = influence(run, state, "Sparta")
    assert weighted == {"g": 0.8, "m": 0.4, "p": 0.3}
    assert data["left_out"] == {"place": 1}
    confirmed, _ = influence(run, state, "Sparta", "--count-claims", "confirmed")
    assert confirmed == {"g": 0.8, "m": 0.4}
    everything, _ = influence(run, state, "Sparta", "--count-claims", "all", "--all-kinds")
    assert everything == {"g": 0.8, "m": 0.4, "p": 0.6, "t": 0.18}


def test_what_a_perspective_claims_weighs_fully(run, state):
    as_rival, _ = influence(run, state, "Sparta", "--perspective", "Rival")
    assert as_rival["p"] == 0.6


def test_accusing_gives_no_influence_and_a_refuted_order_carries_none(run, state):
    rival, _ = influence(run, state, "Rival")
    assert rival == {}
    listed = run("relations", "--data", state, "--format", "json")
    assert "r-directs-p" not in {r["id"] for r in json.loads(listed.stdout)}
    assert "1 refuted relation left out ('claims' lists them)" in listed.stderr
    kept = json.loads(run("relations", "--data", state, "--status", "refuted",
                          "--format", "json").stdout)  # fmt: skip
    assert [r["id"] for r in kept] == ["r-directs-p"]


def test_stance_selects_relations(run, state):
    hostile = json.loads(
        run("relations", "--data", state, "--stance", "hostile", "--format", "json").stdout
    )
    assert {r["type"] for r in hostile} == {"attacks", "accuses"}


def test_whatif_says_who_loses_a_patron(run, state):
    data = json.loads(
        run("whatif", "--remove", "Sparta", "--data", state, "--format", "json").stdout
    )
    lost = {x["actor"]["id"]: x for x in data["lost_influence"]}
    assert set(lost) == {"g", "m", "p"}
    assert lost["g"]["held_by"]["id"] == "s" and lost["g"]["strength"] == pytest.approx(0.8)
    table = run("whatif", "--remove", "Sparta", "--data", state).stdout
    assert "Spartan government loses its patron Sparta (0.800)" in table
    # A patron behind a claim is not said to be lost as a patron: only its influence.
    assert "Proxy loses the influence of Sparta" in " ".join(table.split())


def test_whatif_with_members_and_without_one_relation(run, state):
    data = json.loads(run("whatif", "--remove", "Sparta", "--with-members", "--data", state,
                          "--format", "json").stdout)  # fmt: skip
    assert {a["id"] for a in data["removed_members"]} == {"g", "m"}
    assert data["actors"] == {"before": 6, "after": 3}
    cut = json.loads(run("whatif", "--remove-relation", "s-leads-g", "--data", state,
                         "--format", "json").stdout)  # fmt: skip
    assert cut["removed_relations"] == ["s-leads-g"] and cut["actors"]["after"] == 6
    broken = {(c["source"], c["target"]) for c in cut["broken_chains"]}
    assert ("s", "g") in broken and ("s", "m") in broken
    wrong = run("whatif", "--remove-relation", "s-lead-g", "--data", state)
    assert wrong.exit_code == 1 and "did you mean 's-leads-g'?" in wrong.stderr


def test_path_strongest_follows_influence(run, state):
    data = json.loads(run("path", "Sparta", "Minister", "--strongest", "--data", state,
                          "--format", "json").stdout)  # fmt: skip
    (chain,) = data["chains"]
    assert chain["actors"] == ["s", "g", "m"] and chain["strength"] == pytest.approx(0.4)
    none = run("path", "Rival", "Proxy", "--strongest", "--data", state)
    assert "No chain of influence leads from Rival to Proxy" in none.stdout


def test_types_say_how_each_type_carries_influence(run, state):
    types = {t["name"]: t for t in json.loads(run("types", "--data", state, "--format",
                                                  "json").stdout)}  # fmt: skip
    assert (types["accuses"]["carries"], types["targets"]["carries"]) == ("none", "pressure")
    assert types["member_of"]["influence_back"] == 0.5
    table = run("types", "--data", state).stdout
    assert "CARRIES" in table and "status_weights" in table


HEAD = "actors: [{id: a, name: A, kind: state}, {id: b, name: B, kind: state}]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("relation_types:\n  bribes: {stance: cooperative, influence: 0.5, carries: controll}\n",
         "relation type 'bribes': carries 'controll' is not one of control, pressure, none"),
        ("relation_types:\n  bribes: {stance: cooperative, influence: 0.5, influence_back: 2}\n",
         "relation type 'bribes': 'influence_back' must be a number from 0 to 1"),
        ("status_weights: {aleged: 0.3}\n",
         "status_weights: 'aleged' is not a status (confirmed, alleged, denied, refuted) "
         "(did you mean 'alleged'?)"),
        ("status_weights: {alleged: 3}\n", "status_weights: 'alleged' must be a number from 0 to 1"),
        ("kinds: [district]\n", "'kinds' must be a mapping"),
    ],
)  # fmt: skip
def test_the_new_fields_are_checked_where_they_are_written(text, message):
    with pytest.raises(DataError) as caught:
        load_text(text + HEAD + "relations: [{source: a, target: b, type: supports}]\n", "x.yaml")
    assert any(message in p.message for p in caught.value.errors), caught.value


def test_a_plural_must_be_true_or_false():
    with pytest.raises(DataError, match="'plural' must be true or false"):
        load_text("actors: [{id: a, name: A, kind: state, plural: yes please}]\n", "x.yaml")


def test_an_old_weight_attribute_is_kept_with_a_warning():
    ds = load_text(HEAD + "relations: [{source: a, target: b, type: supports, weight: heavy}]\n")
    (warning,) = ds.warnings
    assert "'weight' must be a number from 0 to 1" in warning.message
    assert "kept as an extra attribute" in warning.message
    (relation,) = ds.relations
    assert relation.weight is None and relation.attributes["weight"] == "heavy"


def test_pressure_lost_is_not_a_lost_patron(run, seed_path):
    data = json.loads(run("whatif", "--remove", "PMU", "--data", seed_path, "--format",
                          "json").stdout)  # fmt: skip
    (lost,) = data["lost_influence"]
    assert (lost["actor"]["id"], lost["how"]) == ("us_forces", "pressure")
    table = run("whatif", "--remove", "Iran", "--data", seed_path).stdout
    assert "PMU militias loses its patron Iran (0.900)" in table
    assert "US forces is no longer under pressure from Iran" in table


def test_a_setting_given_differently_in_two_files_is_an_error(write):
    from graph.dataset.load import load_dataset

    a = write("a.yaml", "status_weights: {alleged: 0.4}\nactors: [{id: a, name: A, kind: state}]\n")
    b = write("b.yaml", "status_weights: {alleged: 0.6}\nactors: [{id: b, name: B, kind: state}]\n")
    with pytest.raises(DataError, match="status weight 'alleged' is 0.6 here but 0.4 at"):
        load_dataset([a, b])
    same = write(
        "c.yaml", "status_weights: {alleged: 0.4}\nactors: [{id: c, name: C, kind: state}]\n"
    )
    assert load_dataset([a, same], strict=False).status_weights["alleged"] == 0.4
