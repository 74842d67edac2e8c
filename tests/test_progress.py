"""Progress bars: drawn on a terminal's stderr for long steps only, never into pipes or files."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest

from conftest import ROOT
from graph import progress as progress_module
from graph.progress import progress, set_quiet


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: now[0])
    yield now
    set_quiet(False)


def run_step(stream, clock, seconds_per_item: float, items: int = 10):
    with progress("Parsing", total=items, stream=stream) as bar:
        for _ in range(items):
            clock[0] += seconds_per_item
            bar.advance()
            if _ == items // 2:
                shown_midway = stream.getvalue()
    return shown_midway, stream.getvalue()


def test_a_long_step_draws_a_bar_on_a_terminal_then_clears_it(clock):
    midway, end = run_step(Terminal(), clock, seconds_per_item=0.3)
    assert "Parsing [" in midway and "%" in midway and "s left" in midway
    assert end.endswith("\r" + " " * progress_module.LINE + "\r")


def test_a_quick_step_draws_nothing(clock):
    _, end = run_step(Terminal(), clock, seconds_per_item=0.01)
    assert end == ""


def test_nothing_goes_to_a_pipe_or_a_file(clock):
    _, end = run_step(io.StringIO(), clock, seconds_per_item=0.3)
    assert end == ""


def test_quiet_silences_the_bars(clock):
    set_quiet(True)
    _, end = run_step(Terminal(), clock, seconds_per_item=0.3)
    assert end == ""


def test_a_step_of_unknown_length_counts_what_is_done(clock):
    stream = Terminal()
    with progress("Reading", stream=stream) as bar:
        clock[0] += 2
        bar.advance(1234)
        assert "Reading … 1,234 (2 s)" in stream.getvalue()


@pytest.mark.parametrize("quiet", [False, True])
def test_the_quiet_option_reaches_the_bars_of_a_command(quiet):
    """Through a real terminal: --quiet turns bars off for the whole command."""
    code = (
        "import sys; from graph.cli import cli; from graph import progress\n"
        "try:\n    cli(sys.argv[1:], standalone_mode=False)\n"
        "finally:\n    print('SHOWN', progress.shown())\n"
    )
    args = ["-q"] if quiet else []
    main, child = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-c", code, *args, "types", "--data", str(ROOT / "data" / "actors.yaml")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=child, text=True, timeout=60,
    )  # fmt: skip
    os.close(child)
    os.close(main)
    assert done.returncode == 0
    assert f"SHOWN {not quiet}" in done.stdout


def test_a_heavy_measure_says_what_it_computes_before_the_engine_starts(monkeypatch, seed_graph):
    """A compiled engine reports nothing until it is done: on a big network the bar is drawn
    at once with the measure's name."""
    from graph.analysis import centrality as centrality_module

    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(centrality_module, "LONG", 10)
    centrality_module.centrality(seed_graph, ["betweenness", "pagerank"])
    assert "Betweenness of 15 actors [" in stream.getvalue()
    assert "Pagerank" not in stream.getvalue()  # quick: nothing drawn for it
    monkeypatch.setattr(centrality_module, "LONG", 1000)
    stream.seek(0)
    stream.truncate()
    centrality_module.centrality(seed_graph, ["betweenness"])
    assert stream.getvalue() == ""
