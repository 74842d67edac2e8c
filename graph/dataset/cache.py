"""A cache of validated loads: the dataset and its graph, restored fast while no input changes.

A cold load of a large dataset (parse, validate, build the graph) takes seconds; the cache
keeps its result in the user's cache directory, so that the next command given the same,
unchanged files restores it in a fraction of that time.

**The key** is everything the result depends on: each input file's name as given, its
absolute path and the SHA-256 of its bytes (content, not size and time: a file edited
within the same second and size still changes its key), ``--strict``, the versions of
actorgraph, of this cache's format, of Python, networkx and PyYAML, and the bytes of the
modules that shape a load (every module of ``graph/dataset/``: a checkout being edited
changes them). The load parses the
very bytes that were hashed, so what is stored is what those bytes say.

**Trust.** A cache file is pickled, and unpickling runs code, so a file is never unpickled
unless it is authenticated: it carries an HMAC-SHA256 of all its contents under a random
per-user secret (``secret.key``, mode 0600, in the cache directory, mode 0700, which must
belong to the user and be writable by nobody else). A truncated, corrupted, foreign or forged
file fails that check and is ignored, then replaced by a fresh load; so does any file that
fails to restore for any other reason. Nothing the cache does can fail a command: a
directory that cannot be written (read-only, full) just means no cache this time.

**A file** is ``magic | HMAC | key digest | pickle (dataset head, graph) | pickle (relations)
| length of the first pickle``; the relations are unpickled only when first read (see
:class:`CachedDataset`), since most commands need only the graph.

**Where.** ``$ACTORGRAPH_CACHE_DIR`` if set; otherwise ``$XDG_CACHE_HOME/actorgraph`` or
``~/.cache/actorgraph`` (``~/Library/Caches/actorgraph`` on macOS,
``%LOCALAPPDATA%\\actorgraph\\Cache`` on Windows). It holds one file per set of inputs, at
most :data:`MAX_ENTRIES` of them (the least recently used are removed).

>>> import os, tempfile
>>> from unittest import mock
>>> from graph.dataset.load import bundled_dataset_path
>>> with mock.patch.dict(os.environ, {"ACTORGRAPH_CACHE_DIR": tempfile.mkdtemp()}):
...     ds, G = load_and_build([bundled_dataset_path()])
...     stored = last_load().stored
...     ds2, G2 = load_and_build([bundled_dataset_path()])
>>> stored, last_load().hit, list(G2.edges(keys=True)) == list(G.edges(keys=True))
(True, True, True)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph import _version
from graph._files import read_input
from graph.dataset._gc import gc_paused
from graph.dataset._store import CachedDataset, Store
from graph.dataset.build import build_graph
from graph.dataset.load import load_dataset
from graph.dataset.model import Dataset

__all__ = [
    "CACHE_FORMAT",
    "ENV_CACHE_DIR",
    "MAX_ENTRIES",
    "CacheReport",
    "CachedDataset",
    "cache_dir",
    "cache_key",
    "last_load",
    "load_and_build",
    "load_graph",
]

#: The environment variable that names the cache directory (tests point it at a temporary one).
ENV_CACHE_DIR = "ACTORGRAPH_CACHE_DIR"
#: Bumped whenever what a cache file holds changes shape: older files then simply miss.
CACHE_FORMAT = 2
#: Cache files kept (one per set of input files); the least recently used go first.
MAX_ENTRIES = 8
#: The code that decides what a load returns: every module of these folders of the package
#: (their bytes are part of the key, so that an edited checkout never reads a stale cache).
_CODE_DIRS = ("dataset",)
_CODE_FILES = ("errors.py", "_files.py", "_version.py", "_words.py")
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass
class CacheReport:
    """What the last :func:`load_and_build` did with the cache (for tests and debugging).

    ``hit``: the result came from the cache; ``stored``: a new cache file was written;
    ``path``: the cache file of these inputs; ``note``: why the cache was not used or not
    written, when it was not (``None`` otherwise).
    """

    hit: bool = False
    stored: bool = False
    path: Path | None = None
    note: str | None = None


_last = CacheReport()


def last_load() -> CacheReport:
    """What the last :func:`load_and_build` of this process with the cache on did with it
    (a load with ``cache=False`` does nothing with the cache, and leaves this as it was)."""
    return _last


def cache_dir() -> Path:
    """The directory of the cache: ``$ACTORGRAPH_CACHE_DIR``, else the platform's usual place.

    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"ACTORGRAPH_CACHE_DIR": "~/ag-cache"}):
    ...     cache_dir() == Path.home() / "ag-cache"
    True
    """
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "actorgraph" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "actorgraph"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache"
    return base / "actorgraph"


def load_and_build(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    strict: bool = False,
    cache: bool = True,
    freeze: bool = False,
) -> tuple[Dataset, nx.MultiDiGraph]:
    """Load and validate the dataset files and build their graph, through the cache.

    The same as ``load_dataset(paths, strict=strict)`` then ``build_graph(dataset)``, but when
    the cache holds the result for exactly these files (same names, same bytes, same
    versions: see :func:`cache_key`) it is restored instead, and after a fresh load the
    result is stored for next time. ``cache=False`` neither reads nor writes the cache.
    Problems raise :class:`~graph.errors.DataError` as from ``load_dataset`` (a load with
    errors is never stored); warnings are in ``dataset.warnings``, warm or cold.

    ``freeze`` is for a process that keeps the result to its end (the command line): the
    objects loaded are moved out of the garbage collector's sight (see
    :func:`graph.dataset._gc.gc_paused`), so that it never walks them.
    """
    global _last
    report = CacheReport()
    if cache:
        _last = report
    with gc_paused(freeze):
        return _load_and_build(_as_paths(paths), strict, cache, report)


def _load_and_build(paths, strict: bool, cache: bool, report: CacheReport):
    inputs = _read_inputs(paths) if cache and paths else None
    if inputs is None:
        if cache:
            report.note = "an input file could not be read: loaded without the cache"
        dataset = load_dataset(paths, strict=strict)
        return dataset, build_graph(dataset)
    slot, digest = cache_key(inputs, strict)
    store = _open_store(report)
    if store is not None:
        restored = store.read(slot, digest)
        if restored is not None:
            return restored
    # Load exactly the bytes that were hashed (a file may change while it is being loaded).
    contents = {Path(name): data for name, _, data in inputs}
    dataset = load_dataset(
        [name for name, _, _ in inputs], strict=strict, read=contents.__getitem__
    )
    del contents
    G = build_graph(dataset)
    if store is not None:
        store.write(slot, digest, dataset, G)
    return dataset, G


def _open_store(report: CacheReport) -> Store | None:
    try:
        directory = cache_dir()
    except Exception as exc:  # no home directory, say: the command goes on without the cache
        report.note = f"no cache: {exc}"
        return None
    return Store.open(directory, report, MAX_ENTRIES)


def load_graph(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    strict: bool = False,
    cache: bool = False,
) -> nx.MultiDiGraph:
    """The graph of one dataset file (a ``str`` or a path) or of several merged (a list).

    Problems raise :class:`~graph.errors.DataError` listing every one of them; warnings are
    in ``G.graph["warnings"]``, as lines ``FILE:LINE:COL: warning: …``. With ``cache``, the load
    goes through the cache of earlier loads of the same, unchanged files (as the command line
    does), restoring it in a fraction of the time.

    >>> from graph.dataset.load import bundled_dataset_path
    >>> G = load_graph(bundled_dataset_path())
    >>> G.nodes["iran"]["name"], G.number_of_edges() > 10
    ('Iran', True)
    """
    _, G = load_and_build(_as_paths(paths), strict=strict, cache=cache)
    return G


def _as_paths(paths) -> list:
    """One path (a ``str`` or a PathLike) is one file; any other iterable lists files."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [paths]
    return list(paths)


def cache_key(inputs: Sequence[tuple[str, Path, bytes]], strict: bool) -> tuple[str, bytes]:
    """``(slot, digest)`` for the inputs ``(name as given, absolute path, bytes)``.

    The slot (a file name) depends only on which files are loaded, so an edited file
    replaces its old entry; the digest covers everything the result depends on, and a cache
    file is used only when its digest is this one.
    """
    import yaml

    files = [[name, str(path)] for name, path, _ in inputs]
    hashed = [[name, str(path), hashlib.sha256(data).hexdigest()] for name, path, data in inputs]
    material = {
        "format": CACHE_FORMAT,
        "actorgraph": _version.__version__,
        "code": _code_fingerprint(),
        "python": [sys.version, sys.implementation.cache_tag],
        "networkx": nx.__version__,
        "pyyaml": [yaml.__version__, yaml.__with_libyaml__],
        "strict": bool(strict),
        "files": hashed,
    }
    slot = hashlib.sha256(json.dumps([files, bool(strict)]).encode()).hexdigest()[:32]
    digest = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).digest()
    return slot, digest


def _code_fingerprint() -> str:
    """The SHA-256 of the code that shapes a load: every module of ``dataset/``, and the
    ground-floor modules it imports (reading them costs about a millisecond)."""
    h = hashlib.sha256()
    files = [_PACKAGE / name for name in _CODE_FILES]
    for folder in _CODE_DIRS:
        files += sorted((_PACKAGE / folder).glob("*.py"))
    for path in files:
        h.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _read_inputs(paths) -> list[tuple[str, Path, bytes]] | None:
    """Each file's name as given, absolute path and bytes; ``None`` if one cannot be read
    (the plain load then reports it)."""
    inputs = []
    for path in paths:
        try:
            resolved = Path(path).resolve()
            inputs.append((str(path), resolved, read_input(resolved)))
        except (OSError, RuntimeError, ValueError):
            return None
    return inputs
