"""Progress bars of a long load: reading, checking, building the graph, writing the cache."""

from __future__ import annotations

import io
import sys

import pytest

from graph import progress as progress_module
from graph.dataset import cache
from graph.dataset.cache import load_and_build
from graph.dataset.load import load_dataset


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def big(tmp_path):
    """Enough relations for every step to report: more than 8,192 relations, 16,384 events."""
    lines = ["actors:"] + [f"  - {{id: a{i}, name: A {i}, kind: state}}" for i in range(100)]
    lines += ["relations:"] + [
        f"  - {{source: a{i % 100}, target: a{(i * 7 + 1) % 100}, type: supports, date: 2020}}"
        for i in range(9000)
    ]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """A terminal for stderr (installed by the test itself: pytest sets its own capture of
    sys.stderr again when the test starts), and bars drawn at once."""
    stream = Terminal()
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    monkeypatch.setattr(progress_module, "REDRAW", 0.0)
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(tmp_path / "cache"))
    return stream


def test_a_long_load_shows_each_step_on_a_terminal(terminal, big, monkeypatch):
    monkeypatch.setattr(sys, "stderr", terminal)
    load_and_build([big])
    shown = terminal.getvalue()
    for step in ("Reading big.yaml [", "Checking big.yaml [", "Building the graph [",
                 "Writing the cache (bytes) …"):  # fmt: skip
        assert step in shown
    assert shown.endswith("\r" + " " * progress_module.LINE + "\r")  # cleared at the end


def test_quiet_or_a_pipe_shows_nothing(terminal, big, monkeypatch):
    monkeypatch.setattr(sys, "stderr", terminal)
    progress_module.set_quiet(True)
    try:
        load_dataset([big])
    finally:
        progress_module.set_quiet(False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    load_dataset([big])
    assert terminal.getvalue() == "" and sys.stderr.getvalue() == ""
