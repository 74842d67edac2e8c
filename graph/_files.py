"""The one door in and the one door out: every input file is read by :func:`read_input`, and
every output is written by :func:`write_atomic` (a reader sees the old file or the whole new one,
never half of one; nothing that is not a regular file, and no input, is ever written over)."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from graph.errors import OutputError

__all__ = ["MAX_STREAM_BYTES", "STDIN_NAMES", "read_input", "write_atomic"]

#: The most a stream (standard input) may hold: past it, reading stops with an error.
MAX_STREAM_BYTES = 512 * 1024 * 1024
#: The names that mean standard input (a pipe), the one input that is not a regular file.
STDIN_NAMES = ("-", "/dev/stdin")
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

#: Every input this process has read, resolved: no output may replace one of them.
_inputs: set[str] = set()


def read_input(path: str | os.PathLike) -> bytes:
    """The bytes of an input file (a dataset, later an event table or an article).

    Only regular files are read, and standard input (``-`` or ``/dev/stdin``, at most
    :data:`MAX_STREAM_BYTES`): a FIFO with no writer would hang, ``/dev/zero`` would fill the
    memory. Raises ``OSError`` (``FileNotFoundError``, ``PermissionError``, ``IsADirectoryError``,
    or one saying the file is not a regular one) as ``open`` does; the room that parses the file
    turns it into a located problem.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"
    >>> _ = path.write_text("actors: []")
    >>> read_input(path)
    b'actors: []'
    """
    if str(path) in STDIN_NAMES:
        data = sys.stdin.buffer.read(MAX_STREAM_BYTES + 1)
        if len(data) > MAX_STREAM_BYTES:
            raise OSError(f"standard input holds more than {MAX_STREAM_BYTES:,} bytes")
        return data
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)  # a FIFO opens, not hangs
    except RuntimeError as exc:  # a loop of symbolic links, on some Pythons
        raise OSError(f"{exc}") from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(f"it is {_kind(mode)}, not a regular file")
        data = f.read()
    with contextlib.suppress(OSError, RuntimeError):
        _inputs.add(os.path.realpath(path))
    return data


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    Missing parent folders are created. On any failure the temporary file is removed and
    an existing file at ``path`` is left as it was. A regular file is replaced; anything else
    (a device, a FIFO, a directory) is refused, and so is a file this process read as an
    input (a dataset is never written over): :class:`~graph.errors.OutputError`, which also
    carries any write error in one line ("no space left on device").

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "page.html"
    >>> write_atomic(target, "<p>hi</p>").read_text()
    '<p>hi</p>'
    """
    if not str(path):
        raise OutputError("an output path cannot be empty: give a file name")
    path = Path(path)
    _check_target(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def _check_target(path: Path) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(
            f"cannot write {path}: it is {_kind(st.st_mode)}, not a regular file; give the "
            "path of a file to write"
        )
    if os.path.realpath(path) in _inputs:
        raise OutputError(
            f"cannot write {path}: it is an input of this command (data files are only ever "
            "read); give another output path"
        )


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket")):  # fmt: skip
        if test(mode):
            return name
    return "a special file"


def _reason(exc: OSError) -> str:
    """``no space left on device``: the system's words, lower-cased, without the errno."""
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]
