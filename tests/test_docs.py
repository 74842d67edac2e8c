"""Docs that cannot drift: every command documented, README examples equal to real output."""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import ROOT
from graph.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")

spec = importlib.util.spec_from_file_location(
    "readme_examples", ROOT / "scripts" / "readme_examples.py"
)
readme_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_examples)


def test_the_commands_are_listed_and_each_imports_its_module():
    assert len(cli.list_commands(None)) == 19
    for name in cli.list_commands(None):
        assert cli.get_command(None, name).name == name


@pytest.mark.parametrize("command", cli.list_commands(None))
def test_every_command_has_a_readme_section(command):
    assert re.search(rf"^### .*`actorgraph {re.escape(command)}`", README, re.M), command


@pytest.mark.parametrize("command", cli.list_commands(None))
def test_every_command_help_ends_with_an_example(command):
    help_text = cli.get_command(None, command).help
    assert help_text and "Example:" in help_text
    assert help_text.rstrip().splitlines()[-1].strip().startswith("actorgraph ")


@pytest.mark.parametrize(
    ("command", "expected"),
    readme_examples.sessions(README),
    ids=[c for c, _ in readme_examples.sessions(README)],
)
def test_readme_example_output_is_current(command, expected):
    assert readme_examples.run(command) == expected, (
        "README example is stale: run scripts/readme_examples.py --write"
    )


def test_readme_library_example_prints_what_it_says(capsys, monkeypatch):
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    assert capsys.readouterr().out.splitlines() == expected


def test_ci_runs_the_readme_test_command():
    assert "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make demo" in README


def test_readme_briefing_excerpt_is_what_brief_writes(seed_graph):
    from graph.briefing import brief_content
    from graph.briefing.markdown import to_markdown

    section = README.split("### `actorgraph brief`")[1].split("### ")[0]
    excerpt = re.search(r"```markdown\n(.*?)```", section, re.S).group(1).strip()
    assert excerpt.count("\n") > 10
    for part in excerpt.split("\n\n"):
        assert part in to_markdown(brief_content(seed_graph)), part[:80]
