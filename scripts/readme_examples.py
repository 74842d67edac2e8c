"""Keep the README's example sessions true: re-run every ``$ actorgraph …`` line in its
```console blocks and compare (``--check``, what the tests do) or rewrite them (``--write``).

Commands run in-process from the repository root, so they use data/actors.yaml.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def sessions(text: str) -> list[tuple[str, str]]:
    """Every (command, expected output) pair in the README's console blocks."""
    pairs = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ ", block, flags=re.M)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            pairs.append((command, output.rstrip("\n")))
    return pairs


def run(command: str) -> str:
    """What the user sees (stdout and stderr, interleaved) for one ``actorgraph …`` line."""
    from click.testing import CliRunner

    from graph.cli import cli

    words = shlex.split(command)
    assert words[0] == "actorgraph", f"README examples must start with 'actorgraph': {command}"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, words[1:], prog_name="actorgraph")
    finally:
        os.chdir(cwd)
    return result.output.rstrip("\n")


def rewrite(text: str) -> str:
    def block(match: re.Match) -> str:
        out = []
        for part in re.split(r"^\$ ", match.group(1), flags=re.M)[1:]:
            command = part.partition("\n")[0]
            out.append(f"$ {command}\n{run(command)}\n")
        return "```console\n" + "\n".join(out) + "```"

    return BLOCK.sub(block, text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    text = README.read_text(encoding="utf-8")
    if "--write" in sys.argv:
        README.write_text(rewrite(text), encoding="utf-8")
        print(f"rewrote {len(sessions(text))} examples in {README}")
    else:
        stale = [c for c, expected in sessions(text) if run(c) != expected]
        for command in stale:
            print(f"stale: $ {command}")
        sys.exit(1 if stale else 0)
