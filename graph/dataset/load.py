"""Load dataset files: read, validate, merge, and report every problem with FILE:LINE:COL."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from graph._files import read_input
from graph.dataset._gc import gc_paused
from graph.dataset.merge import merge_files
from graph.dataset.model import Dataset
from graph.dataset.schema import FileContent, check_file
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
        return _load_files(paths, strict, read or read_input)


def _load_files(
    paths: Sequence[str | os.PathLike], strict: bool, read: Callable[[Path], bytes]
) -> Dataset:
    problems: list[Problem] = []
    contents: list[FileContent] = []
    seen: dict[Path, str] = {}
    for path in paths:
        name = str(path)
        try:
            resolved = Path(path).resolve()
        except (OSError, RuntimeError):  # a loop of symbolic links: reading it says so
            resolved = Path(os.path.abspath(path))
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
    return merge_files(contents, problems, strict, [str(p) for p in paths])


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
        return merge_files(contents, problems, strict, [name])


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
