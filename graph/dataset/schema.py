"""Check one file's values against the dataset format, collecting every problem with its place."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph._words import did_you_mean
from graph.dataset._settings import SettingsChecks
from graph.dataset._values import AliasBomb, ValueChecker
from graph.dataset.dates import DateSpan, PartialDate, parse_partial_date
from graph.dataset.model import CARRIES, STATUSES, Actor, Evidence, Origin
from graph.dataset.vocabulary import STANCES
from graph.dataset.yamlread import REFUSED, YList, YMap
from graph.errors import Problem

__all__ = ["FileContent", "RawRelation", "check_file"]

ID_PATTERN = re.compile(r"[\w-]+")
TOP_FIELDS = ("title", "description", "relation_types", "kinds", "status_weights", "questions",
              "actors", "relations")  # fmt: skip
TYPE_FIELDS = ("description", "stance", "directed", "influence", "carries", "influence_back")
ACTOR_FIELDS = ("id", "name", "kind", "aliases", "description", "plural")
RELATION_FIELDS = (
    "id",
    "source",
    "target",
    "type",
    "date",
    "start",
    "end",
    "status",
    "claimed_by",
    "disputed_by",
    "evidence",
    "note",
    "weight",
    "count",
)
EVIDENCE_FIELDS = ("source", "quote", "url", "side")
EVIDENCE_SIDES = ("claim", "dispute")
WEB_ADDRESS = re.compile(r"https?://\S+$")
# Names actorgraph itself sets on graph nodes and edges (or networkx takes as arguments):
# an extra field may not use them.
RESERVED_ACTOR_FIELDS = {
    "defined_at": "actorgraph records where the actor is defined",
    "node_class": "actorgraph derives it from the kind",
    "node_for_adding": "networkx uses the name",
}
RESERVED_RELATION_FIELDS = {
    **dict.fromkeys(
        ("stance", "directed", "influence", "carries", "influence_back"),
        "it comes from the relation type",
    ),
    "claim_weight": "actorgraph derives it from the status",
    **dict.fromkeys(("first_day", "last_day", "when"), "actorgraph derives it from the dates"),
    **dict.fromkeys(("file", "line"), "actorgraph records where the relation is written"),
    **dict.fromkeys(("key", "u_for_edge", "v_for_edge"), "networkx uses the name"),
}
_intern = sys.intern
#: Explicit bidirectional overrides, embeddings and isolates: 'abc\u202efdp.exe' displays as
#: "abcexe.pdf". Right-to-left letters alone are fine.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_REPORT_EVERY = 2048  # relations checked between two progress reports


@dataclass
class RawRelation:
    """A relation as written, before actor ids and types are checked against the whole dataset."""

    number: int  # 1-based position in its file's relations list
    origin: Origin
    fields: dict[str, Any]
    marks: dict[str, tuple[int, int]]  # field -> position of its value
    list_marks: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    valid: bool = True  # False: it has errors of its own, but its actor ids are still checked


@dataclass
class FileContent:
    """What one file contributes to the dataset."""

    name: str
    title: str | None = None
    description: str | None = None
    types: list[tuple[str, dict[str, Any], Origin]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    relations: list[RawRelation] = field(default_factory=list)
    kinds: list[tuple[str, str, Origin]] = field(default_factory=list)  # kind, class, where
    status_weights: list[tuple[str, float, Origin]] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    kind_marks: dict[str, Origin] = field(default_factory=dict)  # actor id -> its kind's place
    # Declared but unusable (their own errors are reported): not reported again where used.
    broken_actors: set[str] = field(default_factory=set)
    broken_types: set[str] = field(default_factory=set)


def check_file(
    name: str,
    root: object,
    budget: int,
    problems: list[Problem],
    report: Callable[[int], None] | None = None,
) -> FileContent:
    """Check the values read from one file; append problems; return what the file declares.

    ``budget`` bounds how many values may be visited (aliases can make a small file
    expand enormously); past it the file is refused as a possible alias bomb. ``report``,
    when given, is called now and then with how many more relations were checked.
    """
    checker = _Checker(name, budget, problems)
    checker.report = report
    try:
        checker.check_top(root)
    except AliasBomb:
        # Nothing of a refused file is used: checking what was read so far would only report
        # the same aliased mistakes again and again.
        del problems[checker.first_problem :]
        checker.content = FileContent(name)
        checker.error(
            (1, 1),
            f"the file expands through YAML aliases (*name) to more than {budget:,} values, far "
            "more than it holds; it is refused as a possible alias bomb. Write the data out, or "
            "use fewer nested aliases",
        )
    return checker.content


class _Checker(ValueChecker, SettingsChecks):
    """The dataset format: what each part of a file must hold, and what it contributes."""

    def __init__(self, name: str, budget: int, problems: list[Problem]):
        super().__init__(name, budget, problems)
        self.content = FileContent(name)
        # Dates and spans repeat a lot in large files: one shared (frozen) object for each.
        self.dates: dict[str, PartialDate] = {}
        self.spans: dict[tuple, DateSpan] = {}
        self.report: Callable[[int], None] | None = None

    # -- the format -----------------------------------------------------------------------------
    def check_top(self, root: object) -> None:
        if root is REFUSED:
            return
        if root is None:
            self.error(
                (1, 1),
                "the file holds no data (it is empty, or only comments); a "
                "dataset needs at least an 'actors:' list",
            )
            return
        if not isinstance(root, YMap):
            shape = "a list" if isinstance(root, YList) else "a single value"
            hint = (
                " (did you forget the 'actors:' or 'relations:' line above it?)"
                if isinstance(root, YList)
                else ""
            )
            self.error(
                getattr(root, "mark", (1, 1)),
                f"the file must be a mapping with 'actors:' and 'relations:' keys, but it is "
                f"{shape}{hint}",
            )
            return
        self.spend(len(root))
        self.content.title = self.text(root, "title", "the dataset")
        self.content.description = self.text(root, "description", "the dataset")
        self.unknown_fields(root, TOP_FIELDS, "the dataset", keep=False)
        if "actors" not in root and "relations" not in root:
            self.error(
                root.mark,
                "the file has neither 'actors:' nor 'relations:'; a dataset "
                "lists its actors under 'actors:' and their relations under 'relations:'",
            )
        types = root.get("relation_types")
        if types is not None and types is not REFUSED:
            if isinstance(types, YMap):
                self.spend(len(types))
                for name in types:
                    self.check_type(name, types[name], types.key_marks[name], types.marks[name])
            else:
                self.error(
                    root.marks["relation_types"],
                    "'relation_types' must be a mapping from "
                    "type name to its properties, like 'marriage: {stance: cooperative, "
                    "directed: false, influence: 0.5}'",
                )
        self.check_kinds(root)
        self.check_status_weights(root)
        self.content.questions = [
            q for q, _ in self.text_list(root, "questions", "the dataset") if q
        ]
        actors = self.sequence(root, "actors", "- id: iran")
        seen: dict[str, tuple[int, int]] = {}
        for i, item in enumerate(actors or []):
            self.spend()
            self.check_actor(i + 1, item, actors.marks[i], seen)
        relations = self.sequence(root, "relations", "- source: iran")
        for i, item in enumerate(relations or []):
            self.spend()
            self.check_relation(i + 1, item, relations.marks[i])
            if self.report is not None and i % _REPORT_EVERY == _REPORT_EVERY - 1:
                self.report(_REPORT_EVERY)

    def check_type(self, name: str, spec: Any, key_mark, mark) -> None:
        what = f"relation type '{name}'"
        if not ID_PATTERN.fullmatch(name):
            self.content.broken_types.add(name)
            self.error(key_mark, f"{what}: a type name may hold only letters, digits, _ and -")
            return
        if spec is REFUSED or not isinstance(spec, YMap):
            self.content.broken_types.add(name)
            if spec is REFUSED:
                return
            self.error(
                mark,
                f"{what} must be a mapping like {{description: ..., stance: hostile, "
                "directed: true, influence: 0.3}",
            )
            return
        self.spend(len(spec))
        props: dict[str, Any] = {}
        description = self.text(spec, "description", what)
        if description is not None:
            props["description"] = description
        for key in ("stance", "directed", "influence", "carries", "influence_back"):
            if spec.get(key) is REFUSED:
                self.content.broken_types.add(name)
                return
        if "stance" in spec:
            stance = self.text(spec, "stance", what)
            if stance not in STANCES:
                self.error(
                    spec.marks["stance"],
                    f"{what}: stance {stance!r} is not one of "
                    f"{', '.join(STANCES)}{did_you_mean(stance or '', STANCES)}",
                )
            else:
                props["stance"] = stance
        if "directed" in spec:
            directed = self.flag(spec, "directed", what)
            if directed is not None:
                props["directed"] = directed
        if "influence" in spec:
            influence = self.number(spec, "influence", what, " (0 = no influence flows)")
            if influence is not None:
                props["influence"] = influence
        if "carries" in spec:
            carries = self.text(spec, "carries", what)
            if carries not in CARRIES:
                self.error(
                    spec.marks["carries"],
                    f"{what}: carries {carries!r} is not one of {', '.join(CARRIES)} (control: "
                    "chains go on through it; pressure: it reaches its target only; none: no "
                    f"influence){did_you_mean(carries or '', CARRIES)}",
                )
            else:
                props["carries"] = carries
        if "influence_back" in spec:
            back = self.number(spec, "influence_back", what,
                               " (how much the target pulls the source; 0 = none)")  # fmt: skip
            if back is not None:
                props["influence_back"] = back
        self.unknown_fields(spec, TYPE_FIELDS, what, keep=False)
        checked = ("stance", "directed", "influence", "carries", "influence_back")
        if sum(k in props for k in checked) < sum(k in spec for k in checked):
            self.content.broken_types.add(name)
            return
        self.content.types.append((name, props, self.origin(key_mark)))

    def check_actor(self, number: int, m: Any, mark, seen: dict) -> None:
        what = f"actor {number}"
        if m is REFUSED:
            return
        if not isinstance(m, YMap):
            self.error(
                mark,
                f"{what} must be a mapping with id, name and kind, like "
                "'- {id: iran, name: Iran, kind: state}'",
            )
            return
        self.spend(len(m))
        actor_id = self.text(m, "id", what, required=True)
        if actor_id is not None:
            actor_id = _intern(actor_id)
            what = f"actor '{actor_id}'"
            if not ID_PATTERN.fullmatch(actor_id):
                better = re.sub(r"[^\w-]+", "_", actor_id).strip("_") or "a_name"
                self.error(
                    m.marks["id"],
                    f"{what}: an id may hold only letters, digits, _ and - (try '{better}')",
                )
                actor_id = None
            elif actor_id in seen:
                self.error(
                    m.marks["id"],
                    f"{what} is defined twice in this file (first on line "
                    f"{seen[actor_id][0]}); actor ids must be unique",
                )
                actor_id = None
            else:
                seen[actor_id] = m.marks["id"]
        name = self.text(m, "name", what, required=True)
        kind = self.text(m, "kind", what, required=True)
        plural = self.flag(m, "plural", what) if "plural" in m else False
        aliases = tuple(dict.fromkeys(a for a, _ in self.text_list(m, "aliases", what) if a))
        for key, text in (("name", name), *(("aliases", a) for a in aliases)):
            found = _BIDI.search(text or "")
            if found:
                self.warn(m.marks[key], f"{what}: its {key[:-1] if key == 'aliases' else key} "
                          f"holds the direction control U+{ord(found.group()):04X}, which can make "
                          "it display as another text; remove it")  # fmt: skip
        description = self.text(m, "description", what)
        extra = self.unknown_fields(
            m, ACTOR_FIELDS, what, keep=True, reserved=RESERVED_ACTOR_FIELDS
        )
        if any(key in RESERVED_ACTOR_FIELDS for key in m):
            name = None  # refused: the reserved field is reported
        if actor_id is None or name is None or kind is None or plural is None:
            if actor_id is not None:
                self.content.broken_actors.add(actor_id)
            return
        self.content.actors.append(
            Actor(
                id=actor_id,
                name=name,
                kind=kind,
                aliases=aliases,
                description=description,
                attributes=extra,
                origins=(self.origin(m.mark),),
                plural=plural,
            )
        )
        self.content.kind_marks[actor_id] = self.origin(m.marks["kind"])

    def check_relation(self, number: int, m: Any, mark) -> None:
        what = f"relation {number}"
        if m is REFUSED:
            return
        if not isinstance(m, YMap):
            self.error(
                mark,
                f"{what} must be a mapping with source, target and type, like "
                "'- {source: iran, target: pmu, type: directs}'",
            )
            return
        self.spend(len(m))
        fields: dict[str, Any] = {}
        list_marks: dict[str, list] = {}
        ok = True
        for key in ("source", "target", "type"):
            value = self.text(m, key, what, required=True)
            if value is None:
                ok = False
            else:
                value = _intern(value)
            fields[key] = value
        if ok:
            what = f"relation {number} ({fields['source']} {fields['type']} {fields['target']})"
        fields["id"] = self.text(m, "id", what)
        if fields["id"] is not None and not ID_PATTERN.fullmatch(fields["id"]):
            self.error(m.marks["id"], f"{what}: an id may hold only letters, digits, _ and -")
            ok = False
        fields["note"] = self.text(m, "note", what)
        status = self.text(m, "status", what) or "confirmed"
        if status.lower() not in STATUSES:
            self.error(
                m.marks["status"],
                f"{what}: status '{status}' is not one of "
                f"{', '.join(STATUSES)}{did_you_mean(status.lower(), STATUSES)}",
            )
            ok = False
        fields["status"] = _intern(status.lower())
        when = self.check_dates(m, what)
        ok = ok and when is not False
        fields["when"] = when or None
        for key in ("claimed_by", "disputed_by"):
            items = self.text_list(m, key, what)
            fields[key] = tuple(dict.fromkeys(_intern(a) for a, _ in items)) if items else ()
            list_marks[key] = [p for _, p in items]
        evidence = self.check_evidence(m, what)
        ok = ok and evidence is not None
        fields["evidence"] = evidence or ()
        fields["weight"] = fields["count"] = None
        # Files written before weight and count were fields of the format may hold them as
        # extra attributes of another meaning: such a value is kept as one, with a warning.
        old = {}
        for key, meaning, options in (
            ("weight", " (it multiplies its type's influence)", {}),
            ("count", " (how many times it happened)", {"low": 1, "high": None, "whole": True}),
        ):
            if key in m:
                fields[key] = self.number(m, key, what, meaning, then="it is kept as an "
                                          "extra attribute and not used", **options)  # fmt: skip
                if fields[key] is None and m[key] is not REFUSED:
                    old[key] = self.plain(m[key], m.marks[key], 0)
        fields["attributes"] = self.unknown_fields(
            m, RELATION_FIELDS, what, keep=True, reserved=RESERVED_RELATION_FIELDS
        )
        fields["attributes"].update(old)
        ok = ok and not any(key in RESERVED_RELATION_FIELDS for key in m)
        self.content.relations.append(
            RawRelation(
                number=number,
                origin=self.origin(m.mark),
                fields=fields,
                marks=m.marks,
                list_marks=list_marks,
                valid=ok,
            )
        )

    def check_dates(self, m: YMap, what: str) -> DateSpan | None | bool:
        """The relation's dates; ``None`` when it has none, ``False`` when they are wrong."""
        parsed = {}
        wrong = False
        for key in ("date", "start", "end"):
            text = self.text(m, key, what)
            if text is None:
                continue
            known = self.dates.get(text)
            if known is not None:
                parsed[key] = known
                continue
            try:
                parsed[key] = self.dates[text] = parse_partial_date(text)
            except ValueError as exc:
                self.error(m.marks[key], f"{what}: '{key}': {exc}")
                wrong = True
        if wrong:
            return False
        if not parsed:
            return None
        if "date" in parsed and ("start" in parsed or "end" in parsed):
            self.error(
                m.marks["date"],
                f"{what}: give either 'date' (a moment) or 'start'/'end' (a period), not both",
            )
            return False
        start, end = parsed.get("start"), parsed.get("end")
        if start is not None and end is not None and end.last < start.first:
            self.error(m.marks["end"], f"{what}: it ends ({end}) before it starts ({start})")
            return False
        parts = (parsed.get("date"), start, end)
        span = self.spans.get(parts)
        if span is None:
            span = self.spans[parts] = DateSpan(*parts)
        return span

    def check_evidence(self, m: YMap, what: str) -> tuple[Evidence, ...] | None:
        value = m.get("evidence")
        if value is None or value is REFUSED:
            return ()
        if not isinstance(value, YList):
            self.error(
                m.marks["evidence"],
                f"{what}: 'evidence' must be a list of items like '- {{source: ..., quote: ...}}'",
            )
            return None
        out = []
        wrong = False
        self.spend(len(value))
        for i, item in enumerate(value):
            label = f"{what}, evidence {i + 1}"
            if item is REFUSED:
                wrong = True
                continue
            if not isinstance(item, YMap):
                self.error(value.marks[i], f"{label} must be a mapping with 'source' and 'quote'")
                wrong = True
                continue
            self.spend(len(item))
            source = self.text(item, "source", label, required=True)
            quote = self.text(item, "quote", label, required=True)
            url = self.text(item, "url", label)
            if url is not None and not WEB_ADDRESS.match(url):
                self.warn(
                    item.marks["url"],
                    f"{label}: url {url!r} does not look like a web address (http:// or https://)",
                )
            side = (self.text(item, "side", label) or "claim").lower()
            if side not in EVIDENCE_SIDES:
                self.error(item.marks["side"], f"{label}: side {side!r} is not claim or dispute "
                           "(claim: the quote supports the relation; dispute: it denies it)")  # fmt: skip
                wrong = True
            self.unknown_fields(item, EVIDENCE_FIELDS, label, keep=False)
            if source is None or quote is None:
                wrong = True
                continue
            out.append(Evidence(_intern(source), quote, url, _intern(side)))
        return None if wrong else tuple(out)
