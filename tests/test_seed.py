"""The seed dataset: built from the article, every quote verbatim, every named actor present."""

from __future__ import annotations

import pytest

from conftest import ARTICLE

ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")


def test_seed_loads_without_warnings(seed_dataset):
    assert seed_dataset.warnings == ()
    assert seed_dataset.title
    assert len(seed_dataset.actors) >= 12


def test_every_relation_cites_the_article_verbatim(seed_dataset):
    quotes = [(r.id, e.quote) for r in seed_dataset.relations for e in r.evidence]
    assert all(r.evidence for r in seed_dataset.relations), "every relation needs evidence"
    missing = [(rid, q) for rid, q in quotes if q not in ARTICLE_TEXT]
    assert missing == []
    assert len(quotes) >= len(seed_dataset.relations)


@pytest.mark.parametrize(
    "name",
    [
        "Iran",
        "PMU",
        "Khazali",
        "Iraqi government",
        "Kadhimi",
        "Iraqi forces",
        "Iraqi lawmakers",
        "Washington",
        "American Embassy",
        "Green Zone",
        "US-led coalition",
        "Taji base",
        "ISIS",
    ],
)
def test_the_article_actors_are_there_by_name_or_alias(seed_graph, name):
    from graph.analysis.resolve import resolve_actor

    assert resolve_actor(seed_graph, name) in seed_graph


def test_the_four_card_types_appear(seed_dataset):
    types = {r.type for r in seed_dataset.relations}
    assert {"directs", "threatens", "accuses", "targets"} <= types


def _relation(ds, source, rtype, target):
    found = [r for r in ds.relations if (r.source, r.type, r.target) == (source, rtype, target)]
    assert found, f"no relation {source} {rtype} {target}"
    return found[0]


def test_claims_and_denials_follow_the_article(seed_dataset):
    # Washington blames Iran: an accusation, and Washington's version as an alleged relation.
    _relation(seed_dataset, "united_states", "accuses", "iran")
    blamed = _relation(seed_dataset, "iran", "targets", "us_embassy")
    assert blamed.status == "alleged" and blamed.claimed_by == ("united_states",)
    # The militias deny the latest attacks.
    for place in ("green_zone", "taji_base"):
        latest = _relation(seed_dataset, "pmu_militias", "targets", place)
        assert latest.status == "denied" and "pmu_militias" in latest.disputed_by
    # Khazali admitted the earlier ones, and threatened the Prime Minister.
    earlier = _relation(seed_dataset, "pmu_militias", "targets", "us_embassy")
    assert "qais_al_khazali" in earlier.claimed_by
    assert earlier.when is not None and earlier.when.start.text == "2020-10"
    _relation(seed_dataset, "qais_al_khazali", "threatens", "mustafa_al_kadhimi")
    # Iraqi lawmakers accuse the U.S. of attacking Iraq's sovereignty.
    _relation(seed_dataset, "iraqi_lawmakers", "accuses", "united_states")


def test_the_article_copy_is_the_shared_one():
    from pathlib import Path

    shared = Path(__file__).resolve().parents[2] / "shared" / "seed-article.txt"
    if not shared.exists():
        pytest.skip("the shared folder is not beside this checkout")
    assert shared.read_text(encoding="utf-8") == ARTICLE_TEXT
