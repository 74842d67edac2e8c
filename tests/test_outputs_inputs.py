"""Outputs never destroy, odd inputs never hang: the one writer and the one opener."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import ROOT, SEED


@pytest.fixture
def mine(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_bytes(SEED.read_bytes())
    return path


def test_an_input_is_never_written_over(run, mine):
    before = mine.read_bytes()
    result = run("render", "--data", mine, "-o", mine)
    assert result.exit_code == 1
    assert f"actorgraph: cannot write {mine}: it is an input of this command" in result.stderr
    assert mine.read_bytes() == before


def test_a_fifo_is_refused_as_an_output_and_stays_a_fifo(run, mine, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("render", "--data", mine, "-o", fifo)
    assert (
        result.exit_code == 1 and "it is a FIFO (named pipe), not a regular file" in result.stderr
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused_as_an_output_and_stays_a_device(run, mine, tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    result = run("render", "--data", mine, "-o", device)
    assert result.exit_code == 1 and "it is a character device" in result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_regular_file_is_replaced_as_other_tools_do(run, mine, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("old")
    assert run("render", "--data", mine, "-o", page).exit_code == 0
    assert page.read_text().startswith("<!doctype html>")


def test_minus_writes_the_page_on_stdout(run, mine):
    result = run("render", "--data", mine, "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!doctype html>")


def test_an_empty_output_path_is_a_clear_error(run, mine):
    result = run("render", "--data", mine, "-o", "")
    assert result.exit_code == 1 and "an output path cannot be empty" in result.stderr


def test_a_write_error_is_one_line_not_a_traceback(run, mine, tmp_path, monkeypatch):
    from graph import _files

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_files.os, "fsync", full)
    target = tmp_path / "page.html"
    result = run("render", "--data", mine, "-o", target)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"actorgraph: cannot write {target}: no space left on device"
    assert not target.exists() and not list(tmp_path.glob(".page.html.*"))


def run_cli(*args, input=None):
    return subprocess.run([sys.executable, "cli.py", *map(str, args), "--no-cache"], cwd=ROOT,
                          input=input, capture_output=True, timeout=60)  # fmt: skip


def test_a_fifo_as_data_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    done = run_cli("validate", "--data", fifo)  # no writer: reading it would hang
    assert done.returncode == 1
    assert b"it is a FIFO (named pipe), not a regular file" in done.stderr


def test_a_device_as_data_is_refused_not_read_until_memory_runs_out():
    done = run_cli("validate", "--data", "/dev/zero")
    assert done.returncode == 1 and b"it is a character device" in done.stderr


def test_a_loop_of_symbolic_links_is_a_located_error(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    done = run_cli("validate", "--data", tmp_path / "a")
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"cannot be read" in done.stderr


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_standard_input_through_a_pipe_still_works(name):
    done = run_cli("actors", "--data", name, input=SEED.read_bytes())
    assert done.returncode == 0, done.stderr
    assert b"15 of 15 actors" in done.stdout


def test_a_fifo_in_the_cache_folder_is_skipped(tmp_path, mine):
    from graph.dataset import cache

    env = {**os.environ, cache.ENV_CACHE_DIR: str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "cli.py", "actors", "--data", mine], cwd=ROOT,
                           env=env, capture_output=True, timeout=60)  # fmt: skip
    assert first.returncode == 0
    (stored,) = (tmp_path / "cache").glob("*.cache")
    stored.unlink()
    os.mkfifo(stored)  # where the cache file of this dataset goes
    again = subprocess.run([sys.executable, "cli.py", "actors", "--data", mine], cwd=ROOT,
                           env=env, capture_output=True, timeout=60)  # fmt: skip
    assert again.returncode == 0 and again.stdout == first.stdout


HOSTILE = """
actors:
  - {id: a, name: "PMU\\e]0;owned\\a militias", kind: armed_group}
  - {id: b, name: "=HYPERLINK(\\"http://x\\")", kind: state}
  - {id: c, name: "abc\\u202efdp.exe", kind: person}
relations:
  - {source: a, target: b, type: targets}
  - {source: c, target: a, type: supports}
"""


def test_control_characters_from_the_data_are_shown_not_obeyed(run, write):
    path = write("hostile.yaml", HOSTILE)
    for command in (["actors"], ["relations"], ["neighbors", "a"], ["influence", "c"]):
        out = run(*command, "--data", path).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, command
    assert "PMU\\u001b]0;owned\\u0007 militias" in run("actors", "--data", path).stdout
    # JSON holds the same data: its escapes decode to the very characters.
    data = json.loads(run("actors", "--data", path, "--format", "json").stdout)
    assert [a["name"] for a in data][0] == "PMU\x1b]0;owned\x07 militias"
    assert data[2]["name"] == "abc\u202efdp.exe"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(run, write):
    path = write("hostile.yaml", HOSTILE)
    rows = list(csv.DictReader(io.StringIO(run("actors", "--data", path, "--format",
                                               "csv").stdout)))  # fmt: skip
    assert rows[1]["name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["relations"] == "2"  # numbers stay numbers


def test_a_mistyped_command_is_named_with_the_closest(run):
    result = run("influnce", "Iran")
    assert result.exit_code == 2
    assert "no command is called 'influnce' (did you mean 'influence'?)" in result.stderr


def test_actorgraph_alone_shows_the_help_and_succeeds(run):
    result = run()
    assert result.exit_code == 0 and "Usage:" in result.stdout and "influenced-by" in result.stdout


def test_one_actor_is_counted_in_the_singular(run, write):
    path = write("one.yaml", "actors: [{id: a, name: A, kind: state}]\n")
    assert run("centrality", "--data", path).stdout.startswith("Centrality of 1 actor over 0")


def test_thousands_of_unknown_ids_are_checked_in_bounded_time(run, write):
    # Each "did you mean" searches every id: past the first hundred, none is searched for.
    actors = "".join(f"  - {{id: a{i}, name: A{i}, kind: state}}\n" for i in range(300))
    relations = "".join(f"  - {{source: a0, target: zz{i}, type: supports}}\n" for i in range(400))
    path = write("many.yaml", "actors:\n" + actors + "relations:\n" + relations)
    result = run("validate", "--data", path)
    assert result.exit_code == 1 and "400 errors" in result.stderr
    assert result.stderr.count("no suggestion: too many unknown ids") == 300


def test_an_alias_that_is_another_actors_name_is_warned_of(run, write):
    path = write("alias.yaml", """
        actors:
          - {id: us, name: United States, kind: state, aliases: [Washington]}
          - {id: dc, name: Washington, kind: place}
          - {id: uk, name: United Kingdom, kind: state, aliases: [Washington]}
        relations:
          - {source: us, target: dc, type: located_in}
          - {source: uk, target: us, type: allies_with}
    """)  # fmt: skip
    result = run("validate", "--data", path)
    assert "actor 'us': its alias 'Washington' is also the name of actor 'dc'" in result.stderr
    assert "actor 'uk': its alias 'Washington' is also the name of actor 'dc'" in result.stderr


def test_a_huge_value_is_cut_in_a_message(write):
    from graph.dataset.load import load_text
    from graph.errors import DataError

    with pytest.raises(DataError) as caught:
        load_text("actors: [{id: a, name: A, kind: state}]\nrelations:\n  - {source: a, target: "
                  f"{'1' * 5000}, type: supports}}\n", "x.yaml")  # fmt: skip
    line = str(caught.value.problems[0])
    assert len(line) < 600 and "(5,002 characters)" in line  # the value and its quotes


def test_two_files_checked_say_so_when_one_is_wrong(run, write):
    good = write("good.yaml", "actors: [{id: a, name: A, kind: state}]\n")
    bad = write("bad.yaml", "actors: [{id: b, name: B}]\n")
    result = run("validate", "--data", good, "--data", bad)
    assert "in 1 of 2 files; nothing was analysed" in result.stderr


def test_a_zero_width_non_joiner_takes_no_column():
    from graph.cli.text import table

    rows = [{"name": "می\u200cخواهم", "n": 1}, {"name": "abcdef", "n": 2}]  # 6 letters each
    _, persian, latin = table(rows, [("name", "NAME"), ("n", "N")]).splitlines()
    assert persian.replace("\u200c", "").index("1") == latin.index("2")


def test_a_direction_control_in_a_name_is_warned_of(write):
    from graph.dataset.load import load_text

    ds = load_text('actors:\n  - {id: a, name: "abc\\u202efdp.exe", kind: person}\n', "x.yaml")
    assert any("direction control U+202E" in w.message for w in ds.warnings)
    plain = load_text('actors:\n  - {id: a, name: "قيس الخزعلي", kind: person}\n', "x.yaml")
    assert not any("direction" in w.message for w in plain.warnings)  # Arabic itself is fine


def test_a_cache_that_turned_itself_off_says_so_with_the_fix(run, mine, tmp_path, monkeypatch):
    folder = tmp_path / "open-cache"
    folder.mkdir()
    folder.chmod(0o777)  # open to everyone: it cannot be trusted
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(folder))
    result = run("actors", "--data", mine)
    assert result.exit_code == 0
    assert "actorgraph: no cache:" in result.stderr and "chmod go-rwx" in result.stderr


def test_missing_glyphs_are_said_in_one_line(run, write, tmp_path):
    path = write("cjk.yaml", """
        actors:
          - {id: a, name: 中国, kind: state}
          - {id: b, name: 日本, kind: state}
        relations:
          - {source: a, target: b, type: threatens}
    """)  # fmt: skip
    result = run("brief", "--data", path, "-o", tmp_path / "b", "--format", "md")
    assert result.exit_code == 0
    said = [line for line in result.stderr.splitlines() if "glyph" in line.lower()]
    assert len(said) == 1 and "no glyph for 4 characters" in said[0]


def test_a_right_to_left_name_is_isolated_in_the_briefing_and_the_page(write, tmp_path):
    import graph
    from graph.briefing import brief_content
    from graph.briefing.markdown import to_markdown
    from graph.render.page import page_data

    path = write("rtl.yaml", """
        actors:
          - {id: q, name: قيس الخزعلي, kind: person}
          - {id: k, name: Kadhimi, kind: person}
        relations:
          - {source: q, target: k, type: threatens}
    """)  # fmt: skip
    G = graph.load_graph(path)
    text = to_markdown(brief_content(G))
    assert "\u2068قيس الخزعلي\u2069" in text and "\u2068Kadhimi" not in text
    labels = {n["id"]: n["label"] for n in page_data(G)["nodes"]}
    assert labels == {"q": "\u2068قيس الخزعلي\u2069", "k": "Kadhimi"}
