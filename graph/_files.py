"""The one door in and the one door out: every input file is read by :func:`read_input`, and
every output is written by :func:`write_atomic` (a reader sees the old file or the whole new one,
never half of one)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["read_input", "write_atomic"]


def read_input(path: str | os.PathLike) -> bytes:
    """The bytes of an input file (a dataset, later an event table or an article).

    Raises ``OSError`` (``FileNotFoundError``, ``PermissionError``, ``IsADirectoryError``…)
    as ``open`` does; the room that parses the file turns it into a located problem.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = path.write_text("actors: []")
    >>> read_input(path)
    b'actors: []'
    """
    with open(path, "rb") as f:
        return f.read()


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    Missing parent folders are created. On any failure the temporary file is removed and
    an existing file at ``path`` is left as it was.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "page.html"
    >>> write_atomic(target, "<p>hi</p>").read_text()
    '<p>hi</p>'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path
