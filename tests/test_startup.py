"""Start-up: a quick question imports only what it needs (the speed itself is in bench/)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

HEAVY = ("pyvis", "jinja2", "IPython", "matplotlib", "numpy", "scipy", "rustworkx", "networkit",
         "igraph")  # fmt: skip

CHILD = """
import json, sys
from graph.cli import cli
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    print("MODULES" + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r}
                                        or m.startswith("graph.cli."))))
"""


def imported_by(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(heavy=set(HEAVY)), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.rsplit("MODULES", 1)[1])


@pytest.mark.parametrize(
    "args",
    [
        ["path", "Iran", "US Embassy"],
        ["neighbors", "Iran"],
        ["influence", "Iran"],
        ["influenced-by", "Green Zone"],
        ["actors"],
        ["relations"],
        ["validate"],
    ],
    ids=lambda a: a[0],
)
def test_query_commands_import_no_drawing_solving_or_compiled_engine(args):
    modules = imported_by(*args, "--data", str(ROOT / "data" / "actors.yaml"))
    assert not [m for m in modules if m.split(".")[0] in HEAVY], modules


def test_a_command_imports_only_its_own_module_of_the_command_line():
    modules = imported_by(
        "path", "Iran", "US Embassy", "--data", str(ROOT / "data" / "actors.yaml")
    )
    assert [m for m in modules if m.startswith("graph.cli.")] == [
        "graph.cli.base",
        "graph.cli.query_commands",
        "graph.cli.text",  # the CLI's text helpers (was graph.formatting, outside graph.cli)
    ]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["relations", "--format", "json"], 0),
        (["path", "Iran", "Atlantis"], 1),
        (["path", "--nope"], 2),
    ],
)
def test_the_entry_point_ends_fast_yet_says_everything_with_its_exit_status(run, args, code):
    """main() leaves with os._exit after flushing: the output and the status are the same as
    the command's own, in full, through a pipe."""
    seed = ["--data", str(ROOT / "data" / "actors.yaml")]
    done = subprocess.run([sys.executable, "cli.py", *args, *seed], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    expected = run(*args, *seed)
    assert done.returncode == expected.exit_code == code
    assert done.stdout == expected.stdout
    assert done.stderr == expected.stderr.replace("cli path", "actorgraph path")
    if code == 0:
        assert len(json.loads(done.stdout)) > 20
