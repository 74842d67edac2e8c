"""Load dataset files: read, validate, merge, and report every problem with FILE:LINE:COL."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from graph._words import did_you_mean
from graph.dataset._gc import gc_paused
from graph.dataset.model import Actor, Dataset, Relation, RelationType
from graph.dataset.schema import FileContent, check_file
from graph.dataset.vocabulary import BUILTIN_TYPES
from graph.dataset.yamlread import line_column, read_yaml
from graph.errors import DataError, Problem
from graph.progress import progress

__all__ = ["bundled_dataset_path", "load_dataset", "load_text"]


def load_dataset(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    strict: bool = False,
    read: Callable[[Path], bytes] | None = None,
) -> Dataset:
    """Load, validate and merge dataset files.

    Actors with the same id in several files are merged; every relation remembers the file
    and line it came from. Raises :class:`DataError` listing *every* problem found when any
    is an error (with ``strict``, warnings count as errors). Otherwise the returned dataset
    carries the warnings in ``dataset.warnings``.

    ``paths`` is one file (a ``str`` or a path) or a list of files. To load through the cache
    of earlier loads, and build the graph too, see :func:`graph.dataset.cache.load_and_build`.

    ``read(path)`` replaces reading a file's bytes (it raises ``OSError`` as
    ``Path.read_bytes`` does): the cache passes the bytes it has hashed, so that what it
    stores is what those very bytes say.

    >>> ds = load_dataset(bundled_dataset_path())
    >>> ds.actors["iran"].name, len(ds.relations) > 10
    ('Iran', True)
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    if not paths:
        raise DataError([Problem("<no file>", None, None, "no dataset file was given")])
    with gc_paused():
        return _load_files(paths, strict, read or Path.read_bytes)


def _load_files(
    paths: Sequence[str | os.PathLike], strict: bool, read: Callable[[Path], bytes]
) -> Dataset:
    problems: list[Problem] = []
    contents: list[FileContent] = []
    seen: dict[Path, str] = {}
    for path in paths:
        name = str(path)
        resolved = Path(path).resolve()
        if resolved in seen:
            problems.append(
                Problem(
                    name,
                    None,
                    None,
                    f"this file was already given as '{seen[resolved]}'; it is read once",
                    "warning",
                )
            )
            continue
        seen[resolved] = name
        text = _read_text(Path(path), name, problems, read)
        if text is not None:
            contents.append(_check_text(text, name, problems))
    return _finish(contents, problems, strict, [str(p) for p in paths])


def load_text(text: str, name: str = "<text>", *, strict: bool = False) -> Dataset:
    """Load a dataset from YAML text (``name`` is used in messages in place of a file name).

    >>> ds = load_text('''
    ... actors:
    ...   - {id: a, name: Alpha, kind: state}
    ...   - {id: b, name: Beta, kind: armed_group}
    ... relations:
    ...   - {source: a, target: b, type: directs}
    ... ''')
    >>> [r.id for r in ds.relations]
    ['a-directs-b']
    >>> load_text("actors:\\n  - {id: a, name: A, kind: state}\\nrelations:\\n  - {source: a, "
    ...           "target: bb, type: directs}\\n", "x.yaml")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: x.yaml:4:25: error: relation 1 (a directs bb): target 'bb' is not an actor id (no actor id is close; declare it under 'actors:')
    1 error and 0 warnings in 1 file; nothing was analysed.
    """
    problems: list[Problem] = []
    with gc_paused():
        contents = [_check_text(text, name, problems)]
        return _finish(contents, problems, strict, [name])


def bundled_dataset_path() -> Path:
    """Where the seed dataset shipped with actorgraph lies (inside the package when installed)."""
    try:
        from importlib.resources import files

        candidate = Path(str(files("graph.seed") / "actors.yaml"))
        if candidate.is_file():
            return candidate
    except (ImportError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "data" / "actors.yaml"


# -- reading files --------------------------------------------------------------------------------


def _read_text(
    path: Path, name: str, problems: list[Problem], read: Callable[[Path], bytes]
) -> str | None:
    def fail(message: str, line: int | None = None, column: int | None = None) -> None:
        problems.append(Problem(name, line, column, message))

    try:
        if path.is_dir():
            found = sorted(p.name for p in path.glob("*.y*ml"))[:5]
            hint = f" (it holds {', '.join(found)})" if found else ""
            fail(f"this is a directory, not a dataset file; give a YAML file inside it{hint}")
            return None
        data = read(path)
    except FileNotFoundError:
        problems.append(
            Problem(name, None, None, f"no such file (looked in {Path.cwd()}); check the path",
                    code="no-such-file")
        )  # fmt: skip
        return None
    except PermissionError:
        fail("this file cannot be read: permission denied")
        return None
    except OSError as exc:
        fail(f"this file cannot be read: {exc.strerror or exc}")
        return None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        fail("this file is UTF-16 text; save it as UTF-8 and try again", 1, 1)
        return None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if b"\x00" in body:
        line, column = _byte_position(body, body.index(b"\x00"))
        fail(
            "this is not a text file (it holds NUL bytes); a dataset is a YAML text file",
            line,
            column,
        )
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(body, exc.start)
        fail(
            f"this is not UTF-8 text: byte 0x{body[exc.start]:02X} cannot be decoded; save the "
            "file as UTF-8",
            line,
            column,
        )
        return None
    if not text.strip():
        fail("the file is empty; a dataset needs at least an 'actors:' list", 1, 1)
        return None
    return text


def _byte_position(data: bytes, pos: int) -> tuple[int, int]:
    """Line and column (in characters, as everywhere else) of byte ``pos`` of undecodable data."""
    prefix = data[:pos].decode("utf-8", errors="replace")
    return line_column(prefix, len(prefix))


def _check_text(text: str, name: str, problems: list[Problem]) -> FileContent:
    label = Path(name).name
    with progress(f"Reading {label}", total=len(text)) as bar:
        root, issues, events = read_yaml(text, lambda done: bar.advance(done - bar.done))
    for issue in issues:
        problems.append(Problem(name, issue.line, issue.column, issue.message))
    if root is None and issues:
        return FileContent(name)
    # Aliases share values, so a small file can stand for an enormous one. We walk at most
    # ten values per parser event (plus slack): plenty for honest anchors, far too little
    # for a billion laughs.
    budget = 10 * events + 100_000
    with progress(f"Checking {label}", total=_count_items(root, "relations")) as bar:
        return check_file(name, root, budget, problems, bar.advance)


def _count_items(root: object, key: str) -> int | None:
    """How many items the top-level list ``key`` holds, if there is one (for a progress bar)."""
    value = root.get(key) if isinstance(root, dict) else None
    return len(value) if isinstance(value, list) else None


# -- merging the files -------------------------------------------------------------------------


def _finish(
    contents: list[FileContent], problems: list[Problem], strict: bool, names: list[str]
) -> Dataset:
    types = _merge_types(contents, problems)
    actors = _merge_actors(contents, problems)
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
        raise DataError(problems)
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
    )


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
                name,
                props.get("description", ""),
                props["stance"],
                props.get("directed", True),
                props["influence"],
            )
    return types


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
                actor.id,
                first.name,
                first.kind,
                tuple(dict.fromkeys(first.aliases + actor.aliases)),
                description,
                attributes,
                first.origins + actor.origins,
            )
    return actors


def _actor_hint(text: str, actors: dict[str, Actor], broken: set[str] = frozenset()) -> str:
    folded = text.casefold()
    for actor in actors.values():
        if folded in (actor.name.casefold(), *(a.casefold() for a in actor.aliases)):
            return f" (that is a name of actor '{actor.id}': relations use actor ids)"
    hint = did_you_mean(text, [*actors, *sorted(broken)])
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
                hint = _actor_hint(f[key], self.actors, self.broken_actors)
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
                    hint = _actor_hint(actor_id, self.actors, self.broken_actors)
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
                relation_id,
                f["source"],
                f["target"],
                f["type"],
                f["status"],
                f["when"],
                f["claimed_by"],
                f["disputed_by"],
                f["evidence"],
                f["note"],
                f["attributes"],
                raw.origin,
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
