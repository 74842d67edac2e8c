"""The built-in vocabulary of relation types, and what each one means for analysis."""

from __future__ import annotations

from graph.dataset.model import RelationType

__all__ = [
    "BUILTIN_TYPES",
    "CARRIES_BY_STANCE",
    "KIND_CLASSES",
    "KNOWN_KINDS",
    "STANCES",
    "STATUS_WEIGHTS",
]

#: The stances a relation type may take.
STANCES = ("hostile", "cooperative", "neutral")

#: The class of each known kind (a dataset may map its own kinds under ``kinds:``; an unknown
#: kind is an agent, with a warning).
KIND_CLASSES: dict[str, str] = {
    **dict.fromkeys(
        (
            "state",
            "government",
            "armed_group",
            "military",
            "person",
            "coalition",
            "legislature",
            "organization",
            "party",
            "media",
            "company",
            "family",
        ),
        "agent",
    ),  # fmt: skip
    "place": "place",
    "facility": "place",
    "event": "event",
}

#: Actor kinds we know, events aside (others are allowed: agents, with a warning naming the
#: closest).
KNOWN_KINDS = tuple(kind for kind, cls in KIND_CLASSES.items() if cls != "event")

#: How much a relation weighs, by status, where relations count as facts (influence, summary,
#: balance, the briefing's questions): the project's default convention, set per dataset with a
#: top-level ``status_weights:`` and per command with ``--count-claims``.
STATUS_WEIGHTS = {"confirmed": 1.0, "alleged": 0.5, "denied": 0.25, "refuted": 0.0}

#: How a declared type that does not say how it carries influence carries it, by its stance.
CARRIES_BY_STANCE = {"cooperative": "control", "hostile": "pressure", "neutral": "none"}


def _t(
    name: str,
    description: str,
    stance: str,
    directed: bool,
    influence: float,
    carries: str,
    back: float = 0.0,
) -> RelationType:
    return RelationType(
        name=name,
        description=description,
        stance=stance,
        directed=directed,
        influence=influence,
        builtin=True,
        carries=carries,
        influence_back=back,
    )


#: Built-in relation types, by name. ``influence`` is how much influence flows from source to
#: target along one relation (0 = none, 1 = total control), ``influence_back`` how much flows
#: back from target to source; ``carries`` how it travels on (see graph.dataset.model.CARRIES).
#: The weights are the project's conventions, an ordering more than a measurement: command
#: over money over backing; a group pulls its members more than a member pulls its group;
#: pressure reaches its target but is no command over what the target does next; accusing,
#: opposing, rivalling and negotiating express a stance and carry no influence.
BUILTIN_TYPES: dict[str, RelationType] = {
    t.name: t
    for t in (
        _t("directs", "gives orders to, commands or controls", "cooperative", True, 0.9, "control"),
        _t("leads", "heads an organisation, or one of its parts", "cooperative", True, 0.8,
           "control"),
        _t("funds", "pays for or finances", "cooperative", True, 0.6, "control"),
        _t("supports", "backs politically, materially or militarily", "cooperative", True, 0.5,
           "control"),
        _t("allies_with", "is allied with (a symmetric relation)", "cooperative", False, 0.4,
           "control"),
        _t("member_of", "belongs to a group, coalition or organisation", "cooperative", True, 0.2,
           "control", back=0.5),
        _t("threatens", "threatens harm unless its demands are met", "hostile", True, 0.4,
           "pressure"),
        _t("targets", "aims an attack or operation at", "hostile", True, 0.3, "pressure"),
        _t("attacks", "carries out an attack on", "hostile", True, 0.3, "pressure"),
        _t("opposes", "works against the aims or presence of", "hostile", True, 0.0, "none"),
        _t("accuses", "publicly blames for something", "hostile", True, 0.0, "none"),
        _t("rivals", "competes with (a symmetric relation)", "hostile", False, 0.0, "none"),
        _t("negotiates_with", "talks terms with (a symmetric relation)", "neutral", False, 0.0,
           "none"),
        _t("located_in", "is situated in a place", "neutral", True, 0.0, "none"),
    )
}  # fmt: skip
