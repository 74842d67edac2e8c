"""The built-in vocabulary of relation types, and what each one means for analysis."""

from __future__ import annotations

from graph.dataset.model import RelationType

__all__ = ["BUILTIN_TYPES", "KNOWN_KINDS", "STANCES"]

#: The stances a relation type may take.
STANCES = ("hostile", "cooperative", "neutral")

#: Actor kinds we know; others are allowed, but one close to these gets a "did you mean" warning.
KNOWN_KINDS = (
    "state",
    "government",
    "armed_group",
    "military",
    "person",
    "coalition",
    "facility",
    "place",
    "legislature",
    "organization",
    "party",
    "media",
    "company",
    "family",
)


def _t(name: str, description: str, stance: str, directed: bool, influence: float) -> RelationType:
    return RelationType(
        name=name,
        description=description,
        stance=stance,
        directed=directed,
        influence=influence,
        builtin=True,
    )


#: Built-in relation types, by name. ``influence`` is how much influence flows from source to
#: target along one relation (0 = none, 1 = total control); influence chains multiply it.
BUILTIN_TYPES: dict[str, RelationType] = {
    t.name: t
    for t in (
        _t("directs", "gives orders to, commands or controls", "cooperative", True, 0.9),
        _t("leads", "heads an organisation, or one of its parts", "cooperative", True, 0.8),
        _t("funds", "pays for or finances", "cooperative", True, 0.6),
        _t("supports", "backs politically, materially or militarily", "cooperative", True, 0.5),
        _t("allies_with", "is allied with (a symmetric relation)", "cooperative", False, 0.4),
        _t("member_of", "belongs to a group, coalition or organisation", "cooperative", True, 0.3),
        _t("threatens", "threatens harm unless its demands are met", "hostile", True, 0.4),
        _t("targets", "aims an attack or operation at", "hostile", True, 0.3),
        _t("attacks", "carries out an attack on", "hostile", True, 0.3),
        _t("opposes", "works against the aims or presence of", "hostile", True, 0.2),
        _t("accuses", "publicly blames for something", "hostile", True, 0.1),
        _t("rivals", "competes with (a symmetric relation)", "hostile", False, 0.1),
        _t("negotiates_with", "talks terms with (a symmetric relation)", "neutral", False, 0.2),
        _t("located_in", "is situated in a place", "neutral", True, 0.0),
    )
}
