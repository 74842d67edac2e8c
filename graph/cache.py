"""A cache of validated loads: the dataset and its graph, restored fast while no input changes.

A cold load of a large dataset (parse, validate, build the graph) takes seconds; the cache
keeps its result in the user's cache directory, so that the next command given the same,
unchanged files restores it in a fraction of that time.

**The key** is everything the result depends on: each input file's name as given, its
absolute path and the SHA-256 of its bytes (content, not size and time: a file edited
within the same second and size still changes its key), ``--strict``, the versions of
actorgraph, of this cache's format, of Python, networkx and PyYAML, and the size and time of
the modules that shape a load (a checkout being edited changes them). The load parses the
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
>>> from graph.load import bundled_dataset_path
>>> with mock.patch.dict(os.environ, {"ACTORGRAPH_CACHE_DIR": tempfile.mkdtemp()}):
...     ds, G = load_and_build([bundled_dataset_path()])
...     stored = last_load().stored
...     ds2, G2 = load_and_build([bundled_dataset_path()])
>>> stored, last_load().hit, list(G2.edges(keys=True)) == list(G.edges(keys=True))
(True, True, True)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import pickle
import secrets
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import networkx as nx

from graph.build import build_graph
from graph.collector import gc_paused
from graph.load import load_dataset
from graph.model import Dataset, Relation
from graph.progress import progress

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
    "load_cached_dataset",
]

#: The environment variable that names the cache directory (tests point it at a temporary one).
ENV_CACHE_DIR = "ACTORGRAPH_CACHE_DIR"
#: Bumped whenever what a cache file holds changes shape: older files then simply miss.
CACHE_FORMAT = 1
#: Cache files kept (one per set of input files); the least recently used go first.
MAX_ENTRIES = 8

_MAGIC = b"actorgraph-cache"  # 16 bytes
_MAC_SIZE = hashlib.sha256().digest_size
_DIGEST_SIZE = hashlib.sha256().digest_size
_LENGTH_SIZE = 8
_HEADER = len(_MAGIC) + _MAC_SIZE
_SECRET_NAME = "secret.key"
_SECRET_SIZE = 32
_SUFFIX = ".cache"
_STALE_TEMP = 3600  # seconds after which a temporary file left by a crash is removed
# Modules whose code decides what a load returns: their size and time are part of the key.
_CODE = ("graph", "graph.build", "graph.cache", "graph.dates", "graph.errors", "graph.load",
         "graph.model", "graph.schema", "graph.vocabulary", "graph.yamlread")  # fmt: skip
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


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


class CachedDataset(Dataset):
    """A :class:`~graph.model.Dataset` restored from the cache, the same in every field.

    Its relations are unpickled the first time they are read (most commands read only the
    graph, and restoring 100,000 relations would take longer than the rest of a warm load).
    When :func:`graph.load.load_dataset` was asked to use the cache, it also carries the
    graph built from it, which :func:`graph.build.build_graph` hands over once instead of
    building it again.
    """

    @functools.cached_property
    def relations(self) -> tuple[Relation, ...]:
        blob = self.__dict__.pop("_relations_blob")
        with gc_paused():
            return pickle.loads(blob)

    def take_graph(self) -> nx.MultiDiGraph | None:
        """The graph built from this dataset, the first time only (then ``None``)."""
        return self.__dict__.pop("_graph", None)


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
    paths: Sequence[str | os.PathLike],
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
    :func:`graph.collector.gc_paused`), so that it never walks them.
    """
    global _last
    report = CacheReport()
    if cache:
        _last = report
    with gc_paused(freeze):
        return _load_and_build(paths, strict, cache, report)


def _load_and_build(paths, strict: bool, cache: bool, report: CacheReport):
    inputs = _read_inputs(paths) if cache and paths else None
    if inputs is None:
        if cache:
            report.note = "an input file could not be read: loaded without the cache"
        dataset = load_dataset(paths, strict=strict)
        return dataset, build_graph(dataset)
    slot, digest = cache_key(inputs, strict)
    store = _Store.open(report)
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


def load_cached_dataset(paths: Sequence[str | os.PathLike], *, strict: bool = False) -> Dataset:
    """What ``load_dataset(paths, strict=strict, cache=True)`` returns: the dataset through
    the cache, carrying its graph for :func:`graph.build.build_graph` to hand over once."""
    dataset, G = load_and_build(paths, strict=strict)
    if not isinstance(dataset, CachedDataset):
        fresh = CachedDataset.__new__(CachedDataset)
        fresh.__dict__.update(dataset.__dict__)
        dataset = fresh
    dataset.__dict__["_graph"] = G
    return dataset


def cache_key(inputs: Sequence[tuple[str, Path, bytes]], strict: bool) -> tuple[str, bytes]:
    """``(slot, digest)`` for the inputs ``(name as given, absolute path, bytes)``.

    The slot (a file name) depends only on which files are loaded, so an edited file
    replaces its old entry; the digest covers everything the result depends on, and a cache
    file is used only when its digest is this one.
    """
    import yaml

    import graph

    files = [[name, str(path)] for name, path, _ in inputs]
    hashed = [[name, str(path), hashlib.sha256(data).hexdigest()] for name, path, data in inputs]
    material = {
        "format": CACHE_FORMAT,
        "actorgraph": graph.__version__,
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


def _code_fingerprint() -> list:
    out = []
    for name in _CODE:
        module = sys.modules.get(name)
        where = getattr(module, "__file__", None)
        with contextlib.suppress(OSError, TypeError):
            st = os.stat(where)
            out.append([name, st.st_size, st.st_mtime_ns])
    return out


def _read_inputs(paths) -> list[tuple[str, Path, bytes]] | None:
    """Each file's name as given, absolute path and bytes; ``None`` if one cannot be read
    (the plain load then reports it)."""
    inputs = []
    for path in paths:
        try:
            resolved = Path(path).resolve()
            inputs.append((str(path), resolved, resolved.read_bytes()))
        except (OSError, RuntimeError, ValueError):
            return None
    return inputs


# -- the files of the cache -----------------------------------------------------------------


class _Untrusted(Exception):
    """The cache directory or its secret cannot be trusted (or made): no cache this time."""


class _Store:
    """The cache directory and its secret; reads and writes authenticated cache files."""

    def __init__(self, directory: Path, secret: bytes, report: CacheReport):
        self.directory = directory
        self.secret = secret
        self.report = report

    @classmethod
    def open(cls, report: CacheReport) -> _Store | None:
        """The store, or ``None`` (and a note) when there can be no cache this time."""
        try:
            directory = cache_dir()
            if not directory.is_absolute():  # no home directory to be found
                raise _Untrusted(f"the cache directory '{directory}' is not an absolute path")
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            _check_private(os.stat(directory), directory, 0o022)
            return cls(directory, _secret(directory), report)
        except Exception as exc:  # whatever it is, the command goes on without the cache
            report.note = f"no cache: {_reason(exc)}"
            return None

    def path(self, slot: str) -> Path:
        return self.directory / (slot + _SUFFIX)

    # -- reading ------------------------------------------------------------------------------
    def read(self, slot: str, digest: bytes) -> tuple[Dataset, nx.MultiDiGraph] | None:
        """The cached result for ``digest``, or ``None`` (missing, stale or untrustworthy)."""
        path = self.report.path = self.path(slot)
        try:
            data = _read_file(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.report.note = f"the cache file could not be read: {_reason(exc)}"
            return None
        body = _verified_body(data, self.secret, digest)
        if body is None:
            self.report.note = "the cache file is stale, damaged or not ours: loaded again"
            return None
        try:
            restored = _restore(body)
        except Exception as exc:  # authenticated, yet unusable (it should not happen)
            self.report.note = f"the cache file could not be restored: {_reason(exc)}"
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        self.report.hit = True
        return restored

    # -- writing ------------------------------------------------------------------------------
    def write(self, slot: str, digest: bytes, dataset: Dataset, G: nx.MultiDiGraph) -> None:
        """Store the result, atomically; on any failure store nothing, and say why."""
        path = self.report.path = self.path(slot)
        head = {f.name: getattr(dataset, f.name) for f in fields(Dataset)}
        relations = head.pop("relations")
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{slot}.", suffix=".tmp", dir=self.directory)
            with (
                os.fdopen(fd, "wb") as f,
                progress("Writing the cache (bytes)") as bar,
                gc_paused(),
            ):
                out = _MacWriter(f, self.secret, bar)
                f.write(_MAGIC + bytes(_MAC_SIZE))  # the MAC goes here at the end
                out.write(digest)
                pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((head, G))
                main = out.size - _DIGEST_SIZE
                pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(relations)
                out.write(main.to_bytes(_LENGTH_SIZE, "big"))
                f.seek(len(_MAGIC))
                f.write(out.mac.digest())
            os.replace(tmp, path)
            tmp = None
            self.report.stored = True
        except Exception as exc:  # a full disk, a read-only directory…: no cache this time
            self.report.note = f"the cache could not be written: {_reason(exc)}"
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self.prune(keep=path)

    def prune(self, keep: Path) -> None:
        """Keep the :data:`MAX_ENTRIES` most recently used files; drop old temporary ones."""
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return
        now = time.time()
        caches = []
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.name.endswith(_SUFFIX) and entry.path != str(keep):
                    caches.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
                elif (
                    entry.name.endswith(".tmp")
                    and now - entry.stat(follow_symlinks=False).st_mtime > _STALE_TEMP
                ):
                    os.unlink(entry.path)
        caches.sort(reverse=True)
        for _, old in caches[MAX_ENTRIES - 1 :]:
            with contextlib.suppress(OSError):
                os.unlink(old)


class _MacWriter:
    """A file-like writer that authenticates what it writes and counts it."""

    def __init__(self, f, secret: bytes, bar):
        self.f = f
        self.mac = hmac.new(secret, digestmod=hashlib.sha256)
        self.bar = bar
        self.size = 0

    def write(self, data) -> int:
        self.mac.update(data)
        n = self.f.write(data)
        self.size += len(data)
        self.bar.advance(len(data))
        return n


def _read_file(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_BINARY)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not _is_regular(st):
            raise OSError(f"{path} is not a regular file")
        return f.read()


def _verified_body(data: bytes, secret: bytes, digest: bytes) -> memoryview | None:
    """The authenticated body of a cache file for ``digest``, or ``None``.

    Nothing of the file is interpreted before its MAC is checked: the magic and the length
    are compared first, then the HMAC over everything after it, then the key digest."""
    if len(data) < _HEADER + _DIGEST_SIZE + _LENGTH_SIZE or not data.startswith(_MAGIC):
        return None
    view = memoryview(data)
    body = view[_HEADER:]
    expected = hmac.new(secret, body, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, view[len(_MAGIC) : _HEADER]):
        return None
    if not hmac.compare_digest(bytes(body[:_DIGEST_SIZE]), digest):
        return None
    return body


def _restore(body: memoryview) -> tuple[Dataset, nx.MultiDiGraph]:
    main = int.from_bytes(body[-_LENGTH_SIZE:], "big")
    end = _DIGEST_SIZE + main
    if not 0 < main <= len(body) - _DIGEST_SIZE - _LENGTH_SIZE:
        raise ValueError("bad section length")
    with gc_paused():
        head, G = pickle.loads(body[_DIGEST_SIZE:end])
    if not isinstance(G, nx.MultiDiGraph) or not isinstance(head, dict):
        raise ValueError("unexpected contents")
    dataset = CachedDataset.__new__(CachedDataset)
    dataset.__dict__.update(head)
    dataset.__dict__["_relations_blob"] = bytes(body[end:-_LENGTH_SIZE])
    return dataset, G


# -- the secret and the directory's safety ------------------------------------------------------


def _secret(directory: Path) -> bytes:
    """This user's random MAC key, made on first use (mode 0600, never replaced once made)."""
    path = directory / _SECRET_NAME
    try:
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_BINARY)
    except FileNotFoundError:
        _make_secret(path)
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_BINARY)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not _is_regular(st):
            raise _Untrusted(f"{path} is not a regular file")
        _check_private(st, path, 0o077)
        secret = f.read(_SECRET_SIZE + 1)
    if len(secret) != _SECRET_SIZE:
        raise _Untrusted(f"{path} is not a key made by actorgraph; remove it to make a new one")
    return secret


def _make_secret(path: Path) -> None:
    """Write a new key in a private temporary file, then link it into place, so that no
    process ever reads a half-written key; if another process made one first, keep that."""
    fd, tmp = tempfile.mkstemp(prefix=".secret.", suffix=".tmp", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(_SECRET_SIZE))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not os.path.lexists(path):
                os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _is_regular(st: os.stat_result) -> bool:
    return stat.S_ISREG(st.st_mode)


def _check_private(st: os.stat_result, path: Path, forbidden: int) -> None:
    """On POSIX: ``path`` must belong to this user and grant none of the ``forbidden`` bits
    to others (anyone who can write the directory or read the key could forge a cache)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the user's profile directory is private by its ACLs
        return
    if st.st_uid != getuid():
        raise _Untrusted(f"{path} belongs to another user")
    if st.st_mode & forbidden:
        raise _Untrusted(
            f"{path} is open to other users (mode {st.st_mode & 0o777:o}); "
            f"'chmod go-rwx {path}' makes it private"
        )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__
