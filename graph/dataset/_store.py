"""The files of the load cache: an authenticated store in the user's cache directory.

See :mod:`graph.dataset.cache` for what is stored, under which key, and why it can be trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
import time
from dataclasses import fields
from pathlib import Path

import networkx as nx

from graph.dataset._gc import gc_paused
from graph.dataset.model import Dataset, Relation
from graph.progress import progress

__all__ = ["CachedDataset", "Store"]

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
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


class CachedDataset(Dataset):
    """A :class:`~graph.dataset.model.Dataset` restored from the cache, the same in every field.

    Its relations are unpickled the first time they are read (most commands read only the
    graph, and restoring 100,000 relations would take longer than the rest of a warm load).
    """

    @functools.cached_property
    def relations(self) -> tuple[Relation, ...]:
        blob = self.__dict__.pop("_relations_blob")
        with gc_paused():
            return pickle.loads(blob)


# -- the files of the cache -----------------------------------------------------------------


class _Untrusted(Exception):
    """The cache directory or its secret cannot be trusted (or made): no cache this time."""


class Store:
    """The cache directory and its secret; reads and writes authenticated cache files."""

    def __init__(self, directory: Path, secret: bytes, report, keep: int):
        self.directory = directory
        self.secret = secret
        self.report = report  # a graph.dataset.cache.CacheReport: what was done, and why
        self.keep = keep

    @classmethod
    def open(cls, directory: Path, report, keep: int) -> Store | None:
        """The store, or ``None`` (and a note) when there can be no cache this time."""
        try:
            if not directory.is_absolute():  # no home directory to be found
                raise _Untrusted(f"the cache directory '{directory}' is not an absolute path")
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            _check_private(os.stat(directory), directory, 0o022)
            return cls(directory, _secret(directory), report, keep)
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
        """Keep the ``keep`` most recently used files; drop old temporary ones."""
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
        for _, old in caches[self.keep - 1 :]:
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
    # Non-blocking: a FIFO left in the cache folder opens at once (and is refused) instead of
    # hanging every command on that dataset.
    fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_BINARY | _O_NONBLOCK)
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
