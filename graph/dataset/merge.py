"""Merge checked dataset files into one Dataset: types, actors by id, relations and their ids."""

from __future__ import annotations

from collections.abc import Iterable

from graph._words import did_you_mean
from graph.dataset.model import Actor, Dataset, Relation, RelationType
from graph.dataset.schema import FileContent
from graph.dataset.vocabulary import BUILTIN_TYPES, CARRIES_BY_STANCE, KIND_CLASSES, STATUS_WEIGHTS
from graph.errors import DataError, Problem

__all__ = ["merge_files"]


def merge_files(
    contents: list[FileContent], problems: list[Problem], strict: bool, names: list[str]
) -> Dataset:
    """The checked files merged into one dataset: relation types (built-in, then declared),
    actors merged by id, relations checked against both and given ids, and the structural
    warnings (self-links, exact repeats, actors in no relation).

    ``problems`` holds what the per-file checks found and receives what merging finds; they
    are sorted by file (in the order of ``names``), line and column. Raises
    :class:`~graph.errors.DataError` when any is an error (with ``strict``, warnings count as
    errors).
    """
    types = _merge_types(contents, problems)
    classes = _merge_setting(contents, problems, "kinds", KIND_CLASSES, "kind")
    weights = _merge_setting(contents, problems, "status_weights", STATUS_WEIGHTS, "status weight")
    actors = _merge_actors(contents, problems)
    _warn_about_kinds(contents, actors, classes, problems)
    _warn_about_aliases(actors, problems)
    relations = _make_relations(contents, actors, types, problems)
    if not actors and not any(p.level == "error" for p in problems):
        where = contents[0].name if contents else names[0]
        problems.append(
            Problem(
                where,
                1,
                1,
                "the dataset holds no actors; list them under "
                "'actors:', each with id, name and kind",
            )
        )
    if not any(p.level == "error" for p in problems):
        # With errors, some relations were dropped: "takes part in no relation" would mislead.
        _warn_about_structure(actors, relations, problems)

    order = {name: i for i, name in enumerate(names)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line or 0, p.column or 0))
    if strict:
        problems = [p.as_error() for p in problems]
    if any(p.level == "error" for p in problems):
        raise DataError(problems, checked=len(dict.fromkeys(names)))
    title = next((c.title for c in contents if c.title), None)
    description = next((c.description for c in contents if c.description), None)
    return Dataset(
        actors=actors,
        relations=tuple(relations),
        relation_types=types,
        title=title,
        description=description,
        files=tuple(c.name for c in contents),
        warnings=tuple(problems),
        status_weights=weights,
        kind_classes={kind: classes.get(kind, "agent") for kind in
                      dict.fromkeys(a.kind for a in actors.values())},
        questions=tuple(dict.fromkeys(q for c in contents for q in c.questions)),
    )  # fmt: skip


def _merge_types(contents: list[FileContent], problems: list[Problem]) -> dict[str, RelationType]:
    types = dict(BUILTIN_TYPES)
    declared: dict[str, tuple[dict, object]] = {}
    for content in contents:
        for name, props, origin in content.types:
            where = (origin.file, origin.line, origin.column)
            if name in declared:
                first_props, first_origin = declared[name]
                if props != first_props:
                    problems.append(
                        Problem(
                            *where,
                            f"relation type '{name}' is declared "
                            f"differently at {first_origin}; declare it once",
                        )
                    )
                continue
            declared[name] = (props, origin)
            base = BUILTIN_TYPES.get(name)
            if base is not None:
                changed = {k: v for k, v in props.items() if getattr(base, k) != v}
                shown = ", ".join(f"{k}: {getattr(base, k)} -> {v}" for k, v in changed.items())
                problems.append(
                    Problem(
                        *where,
                        f"relation type '{name}' redefines the built-in "
                        f"type ({shown or 'no change'})",
                        "warning",
                    )
                )
                merged = {**base.as_dict(), **props, "builtin": False}
                if "carries" not in props and ("stance" in props or "influence" in props):
                    merged["carries"] = CARRIES_BY_STANCE[merged["stance"]]
                types[name] = RelationType(**merged)
                continue
            missing = [k for k in ("stance", "influence") if k not in props]
            if missing:
                problems.append(
                    Problem(
                        *where,
                        f"relation type '{name}' is new, so it needs "
                        f"{' and '.join(missing)} (and may give directed and "
                        "description)",
                    )
                )
                content.broken_types.add(name)
                continue
            types[name] = RelationType(
                name=name,
                description=props.get("description", ""),
                stance=props["stance"],
                directed=props.get("directed", True),
                influence=props["influence"],
                carries=props.get("carries", CARRIES_BY_STANCE[props["stance"]]),
                influence_back=props.get("influence_back", 0.0),
            )
    return types


def _merge_setting(contents: list[FileContent], problems: list[Problem], field: str,
                   defaults: dict, what: str) -> dict:  # fmt: skip
    """A setting of the dataset, ``kinds`` or ``status_weights``, merged over its defaults: a
    key given in several files must have one value (``what`` names it in the message)."""
    merged = dict(defaults)
    declared: dict[str, tuple[object, object]] = {}
    for content in contents:
        for key, value, origin in getattr(content, field):
            first = declared.get(key)
            if first is not None and first[0] != value:
                problems.append(Problem(origin.file, origin.line, origin.column,
                                        f"{what} '{key}' is {value} here but {first[0]} at "
                                        f"{first[1]}; give it once"))  # fmt: skip
                continue
            declared[key] = (value, origin)
            merged[key] = value
    return merged


def _warn_about_aliases(actors: dict[str, Actor], problems: list[Problem]) -> None:
    """A warning for each alias that another actor's id, name or alias also is: a user naming
    it would find one of them only."""
    owner: dict[str, tuple[str, str]] = {}  # folded word -> (actor id, what it is of it)
    for actor in actors.values():
        for word, what in ((actor.id, "id"), (actor.name, "name")):
            owner.setdefault(word.casefold(), (actor.id, what))
    for actor in actors.values():
        for alias in actor.aliases:
            first = owner.get(alias.casefold())
            if first is None:
                owner[alias.casefold()] = (actor.id, "alias")
            elif first[0] != actor.id:
                origin = actor.origins[0]
                problems.append(
                    Problem(origin.file, origin.line, origin.column,
                            f"actor '{actor.id}': its alias '{alias}' is also the {first[1]} of "
                            f"actor '{first[0]}': naming it finds only one of them; drop or "
                            "change one", "warning")
                )  # fmt: skip


def _warn_about_kinds(contents, actors: dict[str, Actor], classes: dict, problems) -> None:
    """One warning per kind that is neither built in nor declared: it is taken as an agent."""
    uses: dict[str, list[str]] = {}
    for actor in actors.values():
        if actor.kind not in classes:
            uses.setdefault(actor.kind, []).append(actor.id)
    marks = {}
    for content in contents:
        for actor_id, origin in content.kind_marks.items():
            marks.setdefault(actor_id, origin)
    for kind, ids in uses.items():
        origin = marks.get(ids[0]) or actors[ids[0]].origins[0]
        others = f" (and {len(ids) - 1} more actors)" if len(ids) > 1 else ""
        hint = did_you_mean(kind, [k for k in classes if classes[k] != "event"], cutoff=0.8)
        problems.append(
            Problem(
                origin.file, origin.line, origin.column,
                f"actor '{ids[0]}'{others}: kind '{kind}' is not a known kind{hint}; it is "
                "counted as an agent (declare it under 'kinds:' as agent, place or event)",
                "warning",
            )
        )  # fmt: skip


def _merge_actors(contents: list[FileContent], problems: list[Problem]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for content in contents:
        for actor in content.actors:
            first = actors.get(actor.id)
            if first is None:
                actors[actor.id] = actor
                continue
            origin = actor.origins[0]
            where = (origin.file, origin.line, origin.column)
            clash = [
                f"{field} '{getattr(actor, field)}' here but '{getattr(first, field)}' at "
                f"{first.origins[0]}"
                for field in ("name", "kind")
                if getattr(actor, field) != getattr(first, field)
            ]
            if clash:
                problems.append(
                    Problem(
                        *where,
                        f"actor '{actor.id}' is merged with its earlier "
                        f"definition, but they disagree: {'; '.join(clash)}",
                    )
                )
                continue
            description = first.description or actor.description
            if first.description and actor.description and first.description != actor.description:
                problems.append(
                    Problem(
                        *where,
                        f"actor '{actor.id}' has another description at "
                        f"{first.origins[0]}; the first one is kept",
                        "warning",
                    )
                )
            attributes = dict(first.attributes)
            for key, value in actor.attributes.items():
                if key in attributes and attributes[key] != value:
                    problems.append(
                        Problem(
                            *where,
                            f"actor '{actor.id}': '{key}' differs from "
                            f"{first.origins[0]}; the first value is kept",
                            "warning",
                        )
                    )
                attributes.setdefault(key, value)
            actors[actor.id] = Actor(
                id=actor.id,
                name=first.name,
                kind=first.kind,
                aliases=tuple(dict.fromkeys(first.aliases + actor.aliases)),
                description=description,
                attributes=attributes,
                origins=first.origins + actor.origins,
                plural=first.plural or actor.plural,
            )
    return actors


#: Unknown actor ids given a "did you mean" (a search of every id each): past this many, the
#: rest are reported without one, so that a file of thousands of mistakes is checked in seconds.
MAX_SUGGESTIONS = 100


class _ActorHints:
    """What to say after an unknown actor id: the actor it names, or the closest id."""

    def __init__(self, actors: dict[str, Actor], broken: set[str]):
        self.ids = [*actors, *sorted(broken)]
        self.names: dict[str, str] = {}
        for actor in actors.values():
            for name in (actor.name, *actor.aliases):
                self.names.setdefault(name.casefold(), actor.id)
        self.left = MAX_SUGGESTIONS

    def __call__(self, text: str) -> str:
        known = self.names.get(text.casefold())
        if known is not None:
            return f" (that is a name of actor '{known}': relations use actor ids)"
        if self.left <= 0:
            return " (no suggestion: too many unknown ids; declare them under 'actors:')"
        self.left -= 1
        hint = did_you_mean(text, self.ids)
        return hint or " (no actor id is close; declare it under 'actors:')"


def _make_relations(
    contents: list[FileContent],
    actors: dict[str, Actor],
    types: dict[str, RelationType],
    problems: list[Problem],
) -> list[Relation]:
    checker = _RelationChecker(contents, actors, types, problems)
    made = [
        raw for content in contents for raw in content.relations if checker.check(content.name, raw)
    ]
    return _assign_ids(made, set(checker.explicit_ids))


class _RelationChecker:
    """Checks relations against the merged actors and types, reporting where each is wrong."""

    def __init__(self, contents, actors, types, problems):
        self.actors = actors
        self.types = types
        self.problems = problems
        self.broken_actors = set().union(*(c.broken_actors for c in contents))
        self.broken_types = set().union(*(c.broken_types for c in contents))
        self.explicit_ids: dict[str, object] = {}
        self.hint = _ActorHints(actors, self.broken_actors)

    def fail(self, file, raw, what, key, message, index=None, level="error") -> None:
        mark = raw.marks.get(key, (raw.origin.line, raw.origin.column))
        if index is not None:
            mark = raw.list_marks[key][index]
        self.problems.append(Problem(file, mark[0], mark[1], f"{what}: {message}", level))

    def check(self, file: str, raw) -> bool:
        """Whether the relation is right; where it is not, the problems are reported."""
        f = raw.fields
        what = f"relation {raw.number}"
        if None not in (f["source"], f["target"], f["type"]):
            what += f" ({f['source']} {f['type']} {f['target']})"
        ok = raw.valid
        for key in ("source", "target"):
            if f[key] is None or f[key] in self.broken_actors:
                ok = False
            elif f[key] not in self.actors:
                hint = self.hint(f[key])
                self.fail(file, raw, what, key, f"{key} '{f[key]}' is not an actor id{hint}")
                ok = False
        if f["type"] is None or f["type"] in self.broken_types:
            ok = False
        elif f["type"] not in self.types:
            hint = did_you_mean(f["type"], self.types) or (
                " (declare it under 'relation_types:' or use a built-in type: "
                f"{', '.join(sorted(BUILTIN_TYPES))})"
            )
            self.fail(
                file, raw, what, "type", f"type '{f['type']}' is not a known relation type{hint}"
            )
            ok = False
        for key in ("claimed_by", "disputed_by"):
            for i, actor_id in enumerate(f[key]):
                if actor_id not in self.actors and actor_id not in self.broken_actors:
                    hint = self.hint(actor_id)
                    message = f"{key} names '{actor_id}', which is not an actor id{hint}"
                    self.fail(file, raw, what, key, message, i)
                    ok = False
        both = set(f["claimed_by"]) & set(f["disputed_by"])
        if both:
            message = f"{', '.join(sorted(both))} both claims and disputes it"
            self.fail(file, raw, what, "disputed_by", message, level="warning")
        if f["id"] is not None:
            if f["id"] in self.explicit_ids:
                first = self.explicit_ids[f["id"]]
                message = (
                    f"the relation id '{f['id']}' is already used at {first}; ids must be unique"
                )
                self.fail(file, raw, what, "id", message)
                ok = False
            else:
                self.explicit_ids[f["id"]] = raw.origin
        return ok


def _assign_ids(checked: list, taken: set[str]) -> list[Relation]:
    """The relations, each without an id given a readable one: ``source-type-target`` (then
    ``-2``, ``-3``…)."""
    out = []
    for raw in checked:
        f = raw.fields
        relation_id = f["id"]
        if relation_id is None:
            base = f"{f['source']}-{f['type']}-{f['target']}"
            relation_id, n = base, 1
            while relation_id in taken:
                n += 1
                relation_id = f"{base}-{n}"
        taken.add(relation_id)
        out.append(
            Relation(
                id=relation_id,
                source=f["source"],
                target=f["target"],
                type=f["type"],
                status=f["status"],
                when=f["when"],
                claimed_by=f["claimed_by"],
                disputed_by=f["disputed_by"],
                evidence=f["evidence"],
                note=f["note"],
                attributes=f["attributes"],
                origin=raw.origin,
                weight=f["weight"],
                count=f["count"],
            )
        )
    return out


def _warn_about_structure(
    actors: dict[str, Actor], relations: Iterable[Relation], problems: list[Problem]
) -> None:
    involved: set[str] = set()
    seen: dict[tuple, Relation] = {}
    for relation in relations:
        involved.update((relation.source, relation.target))
        origin = relation.origin
        where = (origin.file, origin.line, origin.column)
        if relation.source == relation.target:
            problems.append(
                Problem(
                    *where,
                    f"relation '{relation.id}' links '{relation.source}' to itself",
                    "warning",
                )
            )
        key = relation.content_key()
        if key in seen:
            problems.append(
                Problem(
                    *where,
                    f"relation '{relation.id}' repeats the relation at {seen[key].origin} exactly",
                    "warning",
                )
            )
        else:
            seen[key] = relation
    for actor in actors.values():
        if actor.id not in involved:
            origin = actor.origins[0]
            problems.append(
                Problem(
                    origin.file,
                    origin.line,
                    origin.column,
                    f"actor '{actor.id}' takes part in no relation",
                    "warning",
                )
            )
