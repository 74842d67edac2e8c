"""The house's import rules (graph/__init__.py states them), read from every module with ast.

Imports go down the house, never up: a module's room decides which rooms it may import. The
rules are checked on the package as it is, and shown to catch a forbidden import added to a copy.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "graph"

#: The ground floor: these import nothing of the package (``_words`` aside, itself ground).
GROUND = {"errors", "progress", "_version", "_words"}
#: Rooms, and the rooms each may import (besides itself and the ground floor).
MAY_IMPORT = {
    "_files": set(),
    "dataset": {"_files"},
    "analysis": {"dataset"},  # no disk: not even _files
    "render": {"_files", "dataset", "analysis"},
    "briefing": {"_files", "dataset", "analysis", "render"},
    "io": {"_files", "dataset", "analysis"},
    "cli": {"_files", "dataset", "analysis", "render", "briefing", "io"},
    "__main__": {"cli"},
    "__init__": set(),  # the face names its modules as strings, loaded on first use
}
#: Libraries too heavy for a module's top level: imported inside the functions that need them.
HEAVY = {"pyvis", "jinja2", "matplotlib", "numpy", "scipy", "rustworkx", "networkit", "duckdb",
         "pyspark", "IPython"}  # fmt: skip
#: Modules that are heavy themselves (they import a heavy library at their top level): every
#: other module imports them inside the functions that need them.
HEAVY_MODULES = {"analysis/_balance_solvers.py": "graph.analysis._balance_solvers"}
#: Only the command line may use click.
CLI_ONLY = {"click"}


def room_of(path: Path, package: Path) -> str:
    parts = path.relative_to(package).with_suffix("").parts
    return parts[0]


def imports_of(path: Path, package: Path) -> list[tuple[int, str, bool]]:
    """``(line, dotted module, at top level)`` for every import of the module at ``path``;
    relative imports are resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = ["graph", *path.relative_to(package).with_suffix("").parts]
    if here[-1] == "__init__":
        here.pop()
    else:
        here.pop()  # a module's package
    found = []

    def visit(node, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                   ast.Lambda))  # fmt: skip
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(here[: len(here) - child.level + 1] + ([base] if base else []))
                if base == "graph":  # `from graph import dataset` imports graph.dataset
                    found.extend((child.lineno, f"graph.{a.name}", top) for a in child.names)
                else:
                    found.append((child.lineno, base, top))
            visit(child, inner)

    visit(tree, True)
    return found


def violations(package: Path) -> list[str]:
    """Every import that breaks a rule, as ``file:line: what``."""
    modules = {p.relative_to(package).with_suffix("").parts[0] for p in package.iterdir()
               if p.suffix == ".py" or (p / "__init__.py").exists()}  # fmt: skip
    out = []
    for path in sorted(package.rglob("*.py")):
        room = room_of(path, package)
        where = path.relative_to(package.parent)
        heavy_module = str(path.relative_to(package)) in HEAVY_MODULES
        for line, name, top in imports_of(path, package):
            parts = name.split(".")
            if top and any(name.startswith(m) for m in HEAVY_MODULES.values()):
                out.append(f"{where}:{line}: imports the heavy module {name} at its top level")
            if parts[0] in HEAVY and top and not heavy_module:
                out.append(f"{where}:{line}: imports {parts[0]} at its top level")
            if parts[0] in CLI_ONLY and room != "cli":
                out.append(f"{where}:{line}: imports {parts[0]} outside graph/cli")
            if parts[0] != "graph":
                continue
            if len(parts) == 1:
                out.append(f"{where}:{line}: imports the package face 'graph' itself")
                continue
            target = parts[1]
            if target not in modules:  # `from graph import load_graph`: a name of the face
                out.append(f"{where}:{line}: imports '{target}' from the package face 'graph'")
                continue
            if target == room or target in GROUND and target != "__init__":
                if room in GROUND and target != "_words" and target != room:
                    out.append(f"{where}:{line}: the ground floor imports graph.{target}")
                continue
            if room in GROUND:
                out.append(f"{where}:{line}: the ground floor imports graph.{target}")
            elif target not in MAY_IMPORT.get(room, set()):
                out.append(f"{where}:{line}: {room}/ may not import graph.{target}")
    return out


def test_the_package_keeps_the_import_rules():
    assert violations(PACKAGE) == []


def test_every_room_of_the_package_has_a_rule():
    rooms = {room_of(p, PACKAGE) for p in PACKAGE.rglob("*.py")}
    assert rooms - GROUND - set(MAY_IMPORT) == set()


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("analysis/claims.py", "from graph.render.style import STANCE_COLORS",
         "analysis/ may not import graph.render"),
        ("analysis/paths.py", "from graph._files import write_atomic",
         "analysis/ may not import graph._files"),
        ("dataset/build.py", "from graph.analysis.records import actor_name",
         "dataset/ may not import graph.analysis"),
        ("render/page.py", "from graph.cli.text import table", "render/ may not import graph.cli"),
        ("briefing/content.py", "import graph.cli.base", "briefing/ may not import graph.cli"),
        ("errors.py", "from graph.dataset.model import Origin",
         "the ground floor imports graph.dataset"),
        ("analysis/summary.py", "import graph", "imports the package face 'graph' itself"),
        ("analysis/summary.py", "from graph import load_graph",
         "imports 'load_graph' from the package face"),
        ("analysis/centrality.py", "import rustworkx", "imports rustworkx at its top level"),
        ("analysis/records.py", "import click", "imports click outside graph/cli"),
    ],
)  # fmt: skip
def test_a_forbidden_import_is_caught(tmp_path, module, line, expected):
    copy = tmp_path / "graph"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    found = violations(copy)
    assert len(found) == 1 and expected in found[0] and module in found[0], found


def test_a_heavy_import_inside_a_function_is_allowed(tmp_path):
    copy = tmp_path / "graph"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "analysis" / "centrality.py"
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\ndef _later():\n    import rustworkx\n",
        encoding="utf-8",
    )
    assert violations(copy) == []
