"""The built wheel, installed into a new virtual environment, holds the whole package."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

CHILD = """
import importlib, json, pathlib, pkgutil, sys
import graph
where = pathlib.Path(graph.__file__).parent
names = sorted(m.name for m in pkgutil.walk_packages(graph.__path__, "graph."))
for name in names:
    importlib.import_module(name)
print(json.dumps({"where": str(where), "modules": names, "version": graph.__version__}))
"""


def git_files() -> list[str]:
    done = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    return done.stdout.split()


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A new venv with the wheel built from the tracked files (offline: the build uses this
    environment's setuptools), and the dependencies seen from the test environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for name in git_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            target.write_bytes((ROOT / name).read_bytes())
    dist = tmp / "dist"
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--no-build-isolation", "--wheel-dir", str(dist), str(source)]  # fmt: skip
    done = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = dist.glob("actorgraph-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = Path(
        subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                       capture_output=True, text=True, check=True).stdout.strip()
    )  # fmt: skip
    # The dependencies are this environment's (a path in a .pth file is on sys.path, but the
    # .pth files there, among them this checkout's editable install, are not run).
    (purelib / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
               "--no-deps", "--no-index", str(wheel)]  # fmt: skip
    done = subprocess.run(install, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "no such option: --python" in done.stderr:
        pytest.skip("pip too old for --python")
    assert done.returncode == 0, done.stderr
    return env_dir, python, purelib


def test_the_wheel_imports_every_subpackage_from_where_it_is_installed(installed, tmp_path):
    import json

    _, python, purelib = installed
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the wheel, not a checkout
    done = subprocess.run([str(python), "-c", CHILD], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found["where"]).is_relative_to(purelib)
    expected = {"graph.dataset", "graph.analysis", "graph.render", "graph.briefing", "graph.cli"}
    assert expected <= set(found["modules"])
    local = set()
    for path in (ROOT / "graph").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        local.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert local - {"graph"} <= set(found["modules"])


def test_the_installed_command_answers_and_draws_with_the_bundled_data(installed, tmp_path):
    env_dir, _, _ = installed
    command = env_dir / ("Scripts" if os.name == "nt" else "bin") / "actorgraph"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["ACTORGRAPH_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run([str(command), "influenced-by", "Green Zone", "--no-evidence"],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        "using the bundled seed dataset" in done.stderr
        and "Who influences Green Zone" in done.stdout
    )
    done = subprocess.run([str(command), "render", "-o", "page.html"], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "vis-network" in (tmp_path / "page.html").read_text(encoding="utf-8")
