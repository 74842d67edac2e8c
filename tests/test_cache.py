"""The cache of validated loads: used when nothing changed, never trusted when anything did.

Every test points ACTORGRAPH_CACHE_DIR at its own temporary directory. "A new process" is
played in-process by a second call (the cache keeps nothing in memory between calls: each
load reads the cache file again), and once for real with the CLI in subprocesses.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import stat
import subprocess
import sys

import pytest

from conftest import ROOT, SEED
from graph import _version
from graph.analysis.selection import select
from graph.dataset import _store, cache
from graph.dataset.build import build_graph
from graph.dataset.cache import CachedDataset, last_load, load_and_build
from graph.dataset.load import load_dataset
from graph.errors import DataError

DATA = """\
title: Cache test
actors:
  - {id: a, name: Alpha, kind: state, aliases: [A1]}
  - {id: b, name: Beta, kind: armed_group, colour: red}
  - {id: c, name: Gamma, kind: person}
  - {id: lonely, name: Lonely, kind: person}
relations:
  - source: a
    target: b
    type: directs
    date: 2020-10
    evidence:
      - {source: report, quote: Alpha directs Beta}
  - {source: b, target: c, type: attacks, status: alleged, claimed_by: [a], start: 2019}
  - {source: c, target: a, type: allies_with, intensity: 3}
"""  # 'lonely' takes part in no relation: one warning


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(where))
    return where


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(DATA, encoding="utf-8")
    return path


def snapshot(dataset, G) -> dict:
    """Everything a load returns, as plain comparable values (records compare by identity)."""
    return {
        "actors": {k: dataclasses.astuple(a) for k, a in dataset.actors.items()},
        "relations": [dataclasses.astuple(r) for r in dataset.relations],
        "types": dict(dataset.relation_types),
        "head": (dataset.title, dataset.description, dataset.files, dataset.warnings),
        "nodes": list(G.nodes(data=True)),
        "edges": list(G.edges(keys=True, data=True)),
        "graph": G.graph,
    }


def reference(paths, strict: bool = False) -> dict:
    dataset = load_dataset(paths, strict=strict)
    return snapshot(dataset, build_graph(dataset))


def cache_files(where) -> list:
    return sorted(where.glob("*.cache")) if where.exists() else []


# -- a warm load is the same load -----------------------------------------------------------------


def test_second_load_uses_the_cache_and_returns_the_same(cache_dir, data):
    first = snapshot(*load_and_build([data]))
    assert last_load().stored and not last_load().hit
    assert len(cache_files(cache_dir)) == 1
    dataset, G = load_and_build([data])
    assert last_load().hit and not last_load().stored
    assert isinstance(dataset, CachedDataset)
    assert snapshot(dataset, G) == first == reference([data])


def test_seed_dataset_round_trips(cache_dir):
    load_and_build([SEED])
    assert snapshot(*load_and_build([SEED])) == reference([SEED])
    assert last_load().hit


def test_warm_relations_are_restored_when_first_read(cache_dir, data):
    load_and_build([data])
    dataset, _ = load_and_build([data])
    assert "relations" not in vars(dataset)  # not yet restored
    assert [r.id for r in dataset.relations] == [r.id for r in load_dataset([data]).relations]
    assert dataset.relations is dataset.relations


def test_one_door_in_and_select_filters_a_cached_graph(cache_dir, data):
    """The cache is reached through load_and_build only (load_dataset never reads it), and a
    question about some relations goes through select, warm or cold."""
    load_dataset(data)
    assert not cache_files(cache_dir)
    for _ in range(2):  # cold (stores), then warm (restores)
        _, G = load_and_build([data])
        view = select(G, types=["attacks"])
        assert [k for *_, k in view.graph.edges(keys=True)] == ["b-attacks-c"]
        assert G.number_of_edges() > 1  # the cached graph itself is untouched
    assert last_load().hit


def test_warm_load_in_a_new_process(cache_dir, data):
    """The CLI, twice, in two processes: the second restores the file the first wrote."""
    env = {**os.environ, cache.ENV_CACHE_DIR: str(cache_dir)}
    command = [sys.executable, "-m", "graph", "relations", "--data", str(data), "--format", "json"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    (written,) = cache_files(cache_dir)
    before = written.stat()
    os.utime(written, ns=(before.st_atime_ns, before.st_mtime_ns - 10**10))
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert second.returncode == 0, second.stderr
    after = written.stat()
    assert after.st_ino == before.st_ino  # the same file, not a new one: it was read, not written
    assert after.st_mtime_ns > before.st_mtime_ns - 10**10  # and marked as recently used
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)


# -- whatever changes, the cache is not used --------------------------------------------------------


def test_an_edit_of_the_same_size_and_time_invalidates(cache_dir, data):
    load_and_build([data])
    before = data.stat()
    edited = DATA.replace("name: Alpha", "name: Alfa!")
    assert len(edited) == len(DATA)
    data.write_text(edited, encoding="utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (data.stat().st_size, data.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    dataset, G = load_and_build([data])
    assert not last_load().hit
    assert G.nodes["a"]["name"] == dataset.actors["a"].name == "Alfa!"
    assert len(cache_files(cache_dir)) == 1  # the same slot, replaced


def test_a_new_version_invalidates(cache_dir, data, monkeypatch):
    load_and_build([data])
    monkeypatch.setattr(_version, "__version__", _version.__version__ + ".post1")
    load_and_build([data])
    assert not last_load().hit and last_load().stored
    load_and_build([data])
    assert last_load().hit


def test_a_new_cache_format_invalidates(cache_dir, data, monkeypatch):
    load_and_build([data])
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    load_and_build([data])
    assert not last_load().hit


def test_strict_is_part_of_the_key(cache_dir, data):
    load_and_build([data])  # one warning: fine without --strict, and cached
    with pytest.raises(DataError, match="takes part in no relation"):
        load_and_build([data], strict=True)
    assert not last_load().hit


def test_the_name_given_is_part_of_the_key(cache_dir, data, monkeypatch):
    load_and_build([data])
    monkeypatch.chdir(data.parent)
    dataset, G = load_and_build(["data.yaml"])
    assert not last_load().hit
    assert dataset.files == ("data.yaml",)
    assert {d["file"] for *_, d in G.edges(data=True)} == {"data.yaml"}


def test_adding_a_file_invalidates(cache_dir, data, tmp_path):
    more = tmp_path / "more.yaml"
    more.write_text("actors:\n  - {id: d, name: Delta, kind: state}\n", encoding="utf-8")
    load_and_build([data])
    dataset, _ = load_and_build([data, more])
    assert not last_load().hit and "d" in dataset.actors


# -- a damaged or foreign cache file is never trusted -----------------------------------------------


def corrupt_at(where: str):
    def corrupt(raw: bytes) -> bytes:
        i = {"magic": 3, "mac": 20, "key": 50, "middle": len(raw) // 2, "end": len(raw) - 3}[where]
        return raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1 :]

    return corrupt


class Pwn:
    """Unpickling this would create a file: proof that a pickle was run."""

    def __init__(self, target):
        self.target = str(target)

    def __reduce__(self):
        return (os.mkdir, (self.target,))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw[:10], id="truncated-to-a-header"),
        pytest.param(lambda raw: b"", id="empty"),
        *(
            pytest.param(corrupt_at(w), id=f"bit-flipped-{w}")
            for w in ("magic", "mac", "key", "middle", "end")
        ),  # fmt: skip
        pytest.param(lambda raw: os.urandom(len(raw)), id="random-bytes"),
        pytest.param(lambda raw: pickle.dumps({"actors": {}}), id="foreign-pickle"),
        pytest.param(lambda raw: raw[:16] + os.urandom(32) + raw[48:], id="forged-mac"),
        pytest.param(lambda raw: raw + b"\x00", id="appended-byte"),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(cache_dir, data, damage):
    expected = snapshot(*load_and_build([data]))
    (path,) = cache_files(cache_dir)
    path.write_bytes(damage(path.read_bytes()))
    dataset, G = load_and_build([data])
    assert not last_load().hit and last_load().stored
    assert snapshot(dataset, G) == expected
    load_and_build([data])
    assert last_load().hit  # rebuilt: good again


def test_a_forged_pickle_is_never_unpickled(cache_dir, data, tmp_path):
    """Our header and a well-formed layout around a malicious pickle, without our secret."""
    load_and_build([data])
    (path,) = cache_files(cache_dir)
    raw = path.read_bytes()
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(Pwn(proof)))
    assert proof.exists()  # the payload is live
    pwned = tmp_path / "pwned"
    evil = pickle.dumps((Pwn(pwned), Pwn(pwned)))
    forged = bytearray(raw[:16] + os.urandom(32) + raw[48:80] + evil + evil)
    forged += len(evil).to_bytes(8, "big")
    path.write_bytes(bytes(forged))
    dataset, G = load_and_build([data])
    assert not pwned.exists()
    assert not last_load().hit and snapshot(dataset, G) == reference([data])


def test_a_cache_file_of_other_inputs_is_not_used(cache_dir, data, tmp_path):
    """Authentic, but written for other files: copied over this slot, it does not match."""
    other = tmp_path / "other.yaml"
    other.write_text(DATA.replace("Alpha", "Other"), encoding="utf-8")
    load_and_build([data])
    (mine,) = cache_files(cache_dir)
    load_and_build([other])
    (theirs,) = set(cache_files(cache_dir)) - {mine}
    mine.write_bytes(theirs.read_bytes())
    dataset, _ = load_and_build([data])
    assert not last_load().hit and dataset.actors["a"].name == "Alpha"


def test_a_cache_written_with_another_secret_is_not_used(cache_dir, data):
    load_and_build([data])
    secret = cache_dir / "secret.key"
    secret.write_bytes(os.urandom(32))
    load_and_build([data])
    assert not last_load().hit and last_load().stored


# -- the directory, its secret and its size ----------------------------------------------------------


def test_files_are_private(cache_dir, data):
    load_and_build([data])
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for path in cache_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_directory_others_can_write_is_not_trusted(cache_dir, data):
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    assert snapshot(*load_and_build([data])) == reference([data])
    assert not last_load().stored and "open to other users" in last_load().note
    assert not cache_files(cache_dir)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_secret_others_can_read_is_not_trusted(cache_dir, data):
    load_and_build([data])
    (cache_dir / "secret.key").chmod(0o644)
    load_and_build([data])
    assert not last_load().hit and "open to other users" in last_load().note


def test_a_short_secret_is_not_used(cache_dir, data):
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "secret.key").write_bytes(b"")
    (cache_dir / "secret.key").chmod(0o600)
    assert snapshot(*load_and_build([data])) == reference([data])
    assert not last_load().stored


def test_a_cache_dir_that_cannot_be_made_means_no_cache(tmp_path, monkeypatch, data):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(blocker / "cache"))
    assert snapshot(*load_and_build([data])) == reference([data])
    assert not last_load().stored and last_load().note.startswith("no cache")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes read-only directories"
)
def test_a_read_only_cache_dir_means_no_cache(cache_dir, data):
    load_and_build([data])
    for path in cache_files(cache_dir):
        path.unlink()
    cache_dir.chmod(0o500)
    try:
        assert snapshot(*load_and_build([data])) == reference([data])
        assert not last_load().stored
    finally:
        cache_dir.chmod(0o700)


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("mkstemp", PermissionError(13, "Permission denied")),  # a read-only directory
        ("Pickler", OSError(28, "No space left on device")),  # a full disk, while writing
        ("replace", OSError(18, "Invalid cross-device link")),
    ],
)
def test_a_cache_that_cannot_be_written_means_no_cache(cache_dir, data, monkeypatch, where, error):
    def fail(*args, **kwargs):
        raise error

    module = {"mkstemp": _store.tempfile, "Pickler": _store.pickle, "replace": _store.os}[where]
    monkeypatch.setattr(module, where, fail)
    assert snapshot(*load_and_build([data])) == reference([data])
    assert not last_load().stored and error.strerror in last_load().note
    monkeypatch.undo()
    assert not cache_files(cache_dir) and not list(cache_dir.glob("*.tmp"))


def test_the_cache_keeps_a_bounded_number_of_files(cache_dir, tmp_path):
    for i in range(cache.MAX_ENTRIES + 3):
        path = tmp_path / f"d{i}.yaml"
        path.write_text(DATA.replace("Alpha", f"Alpha {i}"), encoding="utf-8")
        load_and_build([path])
    assert len(cache_files(cache_dir)) == cache.MAX_ENTRIES
    load_and_build([path])  # the newest is kept
    assert last_load().hit


def test_data_files_are_never_modified(cache_dir, data):
    before = (data.read_bytes(), data.stat().st_mtime_ns)
    load_and_build([data])
    load_and_build([data])
    (path,) = cache_files(cache_dir)
    path.write_bytes(b"junk")
    load_and_build([data])
    assert (data.read_bytes(), data.stat().st_mtime_ns) == before


# -- the command line ---------------------------------------------------------------------------------


def test_warnings_are_said_on_a_warm_load_too(cache_dir, data, run):
    runs = [run("actors", "--data", data) for _ in range(2)]
    assert last_load().hit
    for result in runs:
        assert result.exit_code == 0, result.output
        assert "actor 'lonely' takes part in no relation" in result.stderr
        assert "1 warning" in result.stderr
    assert runs[0].stdout == runs[1].stdout


def test_no_cache_neither_reads_nor_writes(cache_dir, data, run, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the cache was opened")

    monkeypatch.setattr(_store.Store, "open", refuse)
    result = run("relations", "--data", data, "--no-cache")
    assert result.exit_code == 0, result.output
    assert not cache_dir.exists()
    with pytest.raises(AssertionError, match="the cache was opened"):
        run("relations", "--data", data)  # without --no-cache, it is opened


def test_a_damaged_cache_file_is_invisible_on_the_command_line(cache_dir, data, run):
    first = run("relations", "--data", data, "--format", "json")
    (path,) = cache_files(cache_dir)
    path.write_bytes(path.read_bytes()[:100])
    second = run("relations", "--data", data, "--format", "json")
    assert second.exit_code == 0 and second.stdout == first.stdout
    assert not last_load().hit and last_load().stored


@pytest.mark.parametrize("command", ["validate", "types", "summary"])
def test_every_command_that_loads_goes_through_the_cache(
    cache_dir, data, run, command, monkeypatch
):
    first = run(command, "--data", data)
    second = run(command, "--data", data)
    assert last_load().hit and second.stdout == first.stdout and second.exit_code == 0
    monkeypatch.setattr(cache, "_last", None)
    assert run(command, "--data", data, "--no-cache").stdout == first.stdout
    assert last_load() is None  # the cache was not even looked at


CODE_EDIT_CHILD = """
import sys
from graph.dataset import cache
cache.load_and_build([sys.argv[1]])
print(cache.last_load().hit, cache.last_load().stored, cache.__file__)
"""


@pytest.mark.parametrize(
    "module",
    ["dataset/merge.py", "dataset/schema.py", "dataset/_values.py", "errors.py", "_words.py"],
)
def test_editing_a_module_that_shapes_a_load_invalidates(cache_dir, data, tmp_path, module):
    """A checkout being edited never reads a load cached by its older code: a copy of the
    package, edited, misses the cache its unedited self wrote."""
    import shutil

    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "graph", copy / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, cache.ENV_CACHE_DIR: str(cache_dir), "PYTHONPATH": str(copy)}

    def load() -> str:
        done = subprocess.run([sys.executable, "-c", CODE_EDIT_CHILD, str(data)], cwd=copy,
                              env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        hit, stored, where = done.stdout.split()
        assert where.startswith(str(copy))  # the copy's code, not the checkout's
        return [hit, stored]

    assert load() == ["False", "True"]  # cold: stored
    assert load() == ["True", "False"]  # warm: restored
    edited = copy / "graph" / module
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert load() == ["False", "True"]  # the edited code loads afresh
