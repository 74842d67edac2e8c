"""The dataset as plain, frozen records: Actor, Relation, RelationType, Evidence, Dataset."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.dataset.dates import DateSpan
from graph.errors import Problem

__all__ = [
    "CARRIES",
    "CLASSES",
    "STATUSES",
    "Actor",
    "Dataset",
    "Evidence",
    "Origin",
    "Relation",
    "RelationType",
]

#: The statuses a relation may have; ``confirmed`` is the default. ``alleged``: claimed, not
#: established; ``denied``: asserted, and denied by its subject (a denial is no refutation);
#: ``refuted``: established to be false (kept for the record, left out of every measure).
STATUSES = ("confirmed", "alleged", "denied", "refuted")

#: How influence travels along a relation type: ``control`` (a chain goes on through it),
#: ``pressure`` (it reaches its target, and goes on only through the target's own control
#: relations), ``none`` (an expressed stance: no influence).
CARRIES = ("control", "pressure", "none")

#: The classes of actor kinds: agents act; places are where things happen; events happen.
CLASSES = ("agent", "place", "event")


@dataclass(frozen=True)
class Origin:
    """Where something was written: file, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class RelationType:
    """A kind of relation and its properties for analysis.

    ``stance`` is hostile, cooperative or neutral; ``directed`` False makes the relation symmetric;
    ``influence`` (0..1) is how much influence flows from source to target along one relation
    of this type, and ``influence_back`` (0..1) how much flows from target to source (a group's
    pull on its member); ``carries`` says how it travels on (see :data:`CARRIES`).
    """

    name: str
    description: str
    stance: str
    directed: bool
    influence: float
    builtin: bool = False
    carries: str = "control"
    influence_back: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "stance": self.stance,
            "directed": self.directed,
            "influence": self.influence,
            "builtin": self.builtin,
            "carries": self.carries,
            "influence_back": self.influence_back,
        }


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote about a relation, and where it comes from.

    ``side`` is ``claim`` when the quote supports the relation (the default) and ``dispute``
    when it denies it.
    """

    source: str
    quote: str
    url: str | None = None
    side: str = "claim"

    def as_dict(self) -> dict[str, str]:
        d = {"source": self.source, "quote": self.quote}
        if self.url:
            d["url"] = self.url
        if self.side != "claim":
            d["side"] = self.side
        return d


@dataclass(frozen=True, eq=False)
class Actor:
    """A state, group, government, person, coalition, facility… that takes part in relations."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    origins: tuple[Origin, ...] = ()
    plural: bool = False  # the name takes a plural verb ("PMU militias deny")


@dataclass(frozen=True, eq=False)
class Relation:
    """One typed relation from ``source`` to ``target``, with its status, dates and evidence."""

    id: str
    source: str
    target: str
    type: str
    status: str = "confirmed"
    when: DateSpan | None = None
    claimed_by: tuple[str, ...] = ()
    disputed_by: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin | None = None
    weight: float | None = None  # 0..1: multiplies its type's influence (None: 1)
    count: int | None = None  # how many times it happened, when it is a count of acts

    def content_key(self) -> tuple:
        """Everything the relation says, without where it was written (finds exact duplicates)."""
        return (
            self.source,
            self.target,
            self.type,
            self.status,
            self.when,
            self.claimed_by,
            self.disputed_by,
            self.evidence,
            self.note,
            repr(sorted(self.attributes.items())),
            self.weight,
            self.count,
        )


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything loaded from one or more files, validated and merged."""

    actors: Mapping[str, Actor]
    relations: tuple[Relation, ...]
    relation_types: Mapping[str, RelationType]
    title: str | None = None
    description: str | None = None
    files: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()
    #: How much a relation of each status weighs where relations count as facts.
    status_weights: Mapping[str, float] = field(default_factory=dict)
    #: The class of each actor kind the dataset uses (agent, place or event).
    kind_classes: Mapping[str, str] = field(default_factory=dict)
    #: A teacher's own discussion questions, for the briefing.
    questions: tuple[str, ...] = ()
