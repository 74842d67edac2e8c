"""Measure actorgraph beside its references, in the same run, for each figure of docs/performance.md.

    python bench/run.py [--sizes small|full] [--only FIGURE ...] [--out docs/performance.md]

Datasets come from bench/synth.py and are kept in a work folder (reused while the generator
and the parameters are the same). Every timing that depends on a process's state (loads,
start-up, memory, the heavy measures) runs in a fresh Python process, so no figure warms
another's caches; short ones take the best of a few repeats. The table is printed row by
row as the run goes; with ``--out`` it also replaces the table between the markers
``<!-- bench:start -->`` and ``<!-- bench:end -->`` of that file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().with_name("workers.py")
SYNTH = ROOT / "bench" / "synth.py"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

#: What each size runs: (actors, relations) per dataset, repeats of long timings, timeout (s).
SIZES = {
    "small": {
        "load": (10_000, 100_000),
        "heavy": (2_000, 10_000),
        "key-players": (2_000, 10_000),
        "render": (2_000, 10_000),
        "scaling": ((1_000, 5_000), (10_000, 50_000)),
        "repeats": 1,
        "timeout": 150,
    },
    "full": {
        "load": (10_000, 100_000),
        "heavy": (10_000, 50_000),
        "key-players": (2_000, 10_000),
        "render": (2_000, 10_000),
        "scaling": ((1_000, 5_000), (10_000, 50_000), (50_000, 250_000)),
        "repeats": 3,
        "timeout": 3_600,
    },
}
FIGURES = ("cold-load", "warm-load", "heavy", "startup", "memory", "render", "scaling")
SHORT_REPEATS = 5
COLUMNS = ("Figure", "Data", "Ours", "Reference", "Ours/ref", "Target", "Result", "Notes")


# -- the run -----------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table."""

    figure: str
    data: str
    ours: str
    reference: str
    ratio: str
    target: str
    result: str
    notes: str = ""

    def markdown(self) -> str:
        cells = (self.figure, self.data, self.ours, self.reference, self.ratio, self.target,
                 self.result, self.notes)  # fmt: skip
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


class Bench:
    """Holds the work folder, the datasets made so far and the results measured so far."""

    def __init__(self, sizes: str, workdir: Path):
        self.size = SIZES[sizes]
        self.sizes = sizes
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "XDG_CACHE_HOME": str(workdir / "xdg-cache")}
        for name in ("PYTHONPATH", "ACTORGRAPH_CACHE_DIR"):  # this checkout, the private cache
            self.env.pop(name, None)
        self.memo: dict[tuple, dict | None] = {}
        self.rows: list[Row] = []

    # -- plumbing ------------------------------------------------------------------------------
    def dataset(self, actors: int, relations: int, seed: int = 1) -> Path:
        """The synthetic dataset of that size, generated once per generator version."""
        tag = hashlib.sha256(SYNTH.read_bytes()).hexdigest()[:8]
        path = self.workdir / f"synth-{actors}-{relations}-s{seed}-{tag}.yaml"
        if not path.exists():
            _synth().write_synthetic(path.with_suffix(".part"), actors, relations, seed)
            path.with_suffix(".part").replace(path)
        return path

    def work(self, name: str, *args, timeout: float | None = None) -> dict | None:
        """Run worker ``name`` in a fresh process; its JSON answer, or None on timeout."""
        command = [sys.executable, str(WORKER), name, *map(str, args)]
        try:
            proc = subprocess.run(
                command,
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=self.env,
                timeout=timeout or self.size["timeout"],
            )
        except subprocess.TimeoutExpired:
            return None
        if proc.returncode:
            raise RuntimeError(f"worker {name} {args} failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def best(self, name: str, *args, repeats: int, timeout: float | None = None) -> dict | None:
        """The run of ``name`` with the fewest seconds among ``repeats`` fresh processes."""
        key = (name, *args)
        if key not in self.memo:
            runs = [self.work(name, *args, timeout=timeout) for _ in range(repeats)]
            done = [r for r in runs if r is not None]
            self.memo[key] = min(done, key=lambda r: r["seconds"]) if done else None
        return self.memo[key]

    def wall(self, command: list[str], repeats: int = SHORT_REPEATS) -> float:
        """Best wall time of ``command`` (after one unmeasured run to warm the disk cache)."""
        times = []
        for i in range(repeats + 1):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=self.env, check=True, capture_output=True)
            if i:
                times.append(time.perf_counter() - start)
        return min(times)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(row.markdown(), flush=True)

    # -- the figures ---------------------------------------------------------------------------
    def cold_load(self) -> None:
        path, size = self._load_data()
        ours = self.best("ours-load", path, 0, repeats=self.size["repeats"])
        ref = self.best("yaml-load", path, repeats=self.size["repeats"])
        self.add(_compare("1. cold load", size, ours, ref, "CSafeLoader", 1.25, "≤ 1.25"))

    def warm_load(self) -> None:
        path, size = self._load_data()
        cold = self.best("ours-load", path, 0, repeats=self.size["repeats"])
        if not self.work("has-cache")["cache"]:
            self.add(Row("2. warm load", size, "n/a", _secs(cold), "", "≤ 0.05 (1/20)", "MISS",
                         "load_dataset has no cache= parameter yet"))  # fmt: skip
            return
        self.work("ours-load", path, 1)  # primes the cache
        warm = self.best("ours-load", path, 1, repeats=SHORT_REPEATS)
        note = "reference: the cold load of figure 1"
        self.add(_compare("2. warm load", size, warm, cold, "cold", 0.05, "≤ 0.05 (1/20)", note))

    def heavy(self) -> None:
        for which in ("betweenness", "closeness", "key-players"):
            # key players' influence lost is O(n²·m) at worst: hours at 10,000 actors
            actors, relations = self.size["key-players" if which == "key-players" else "heavy"]
            path, size = self.dataset(actors, relations), f"{actors:,} / {relations:,}"
            ours = self.measure(path, which, "ours")
            ref = self.measure(path, which, "networkx")
            row = _compare(f"3. {which}", size, ours, ref, "networkx", 0.05, "≤ 0.05 (20× faster)")
            row.notes = _agreement(which, ours, ref)
            if ours and ref:
                row.notes += f"; {ref['seconds'] / ours['seconds']:.1f}× faster"
            if ours and ours.get("imports") and which != "key-players":
                row.notes += f"; importing the engines took {ours['imports']:.2f} s more, once"
            if ref and ref.get("estimated"):
                row.notes += f"; networkx's time estimated: {ref['estimated']}"
            self.add(row)

    def measure(self, path: Path, which: str, engine: str) -> dict | None:
        """Time one heavy measure; the values go to a file beside the dataset for comparison."""
        out = path.with_name(f"{path.stem}.{which}.{engine}.json")
        # The reference of key players searches strongest chains over two states per actor, in
        # pure Python: it is given six times the usual time.
        slow = which == "key-players" and engine == "networkx"
        timeout = self.size["timeout"] * 6 if slow else None
        result = self.best("measure", path, which, engine, out, repeats=1, timeout=timeout)
        if result is not None:
            result["values"] = json.loads(out.read_text())
        return result

    def startup(self) -> None:
        reference = self.wall([sys.executable, "-c", "import networkx"])
        query = ["path", "Iran", "US Embassy", "--data", "data/actors.yaml"]
        commands = {"python cli.py path": [sys.executable, "cli.py", *query]}
        script = Path(sys.executable).parent / "actorgraph"
        if script.exists():
            commands["actorgraph path"] = [str(script), *query]
        for label, command in commands.items():
            ours = self.wall(command)
            row = _compare(f"4. start-up: {label}", "seed", {"seconds": ours},
                           {"seconds": reference}, "import networkx", 1.5, "≤ 1.5")  # fmt: skip
            row.notes = f"best of {SHORT_REPEATS} wall times"
            self.add(row)

    def memory(self) -> None:
        path, size = self._load_data()
        ours = self.best("ours-load", path, 0, repeats=self.size["repeats"])
        ref = self.best("bare-graph", path, repeats=1)
        if ours and ref:
            ratio = ours["rss_mib"] / ref["rss_mib"]
            self.add(Row("5. peak memory", size, f"{ours['rss_mib']:.0f} MiB",
                         f"{ref['rss_mib']:.0f} MiB (bare MultiDiGraph)", f"{ratio:.2f}",
                         "≤ 1.5", _verdict(ratio <= 1.5), "peak RSS of the whole process"))  # fmt: skip
        else:
            self.add(Row("5. peak memory", size, "timeout", "", "", "≤ 1.5", "MISS"))

    def render(self) -> None:
        actors, relations = self.size["render"]
        path, size = self.dataset(actors, relations), f"{actors:,} / {relations:,}"
        out = self.workdir / "render.html"
        command = [sys.executable, "cli.py", "render", "--data", str(path), "-o", str(out)]
        help_text = subprocess.run(
            [*command[:3], "--help"], cwd=ROOT, env=self.env, capture_output=True, text=True
        ).stdout
        flags = [flag for flag in ("--all", "--no-cache") if flag in help_text]
        seconds = self.wall(command + flags, repeats=self.size["repeats"])
        page = self.work("page", path)
        notes = f"whole `actorgraph render {' '.join(flags)}` command, best of "
        notes += f"{self.size['repeats']}; graph.render.page.page_html alone {_secs(page)}"
        self.add(Row("6. render", size, f"{seconds:.3g} s, {out.stat().st_size / 1e6:.1f} MB",
                     "—", "—", "browser test", "report", notes))  # fmt: skip

    def scaling(self) -> None:
        previous = None
        for actors, relations in self.size["scaling"]:
            path, size = self.dataset(actors, relations), f"{actors:,} / {relations:,}"
            result = self.measure(path, "betweenness", "ours")
            ratio, notes = "—", ""
            if result and previous:
                growth = result["seconds"] / previous[1]
                exponent = math.log(growth) / math.log(actors / previous[0])
                ratio, notes = f"{growth:.1f}× the last", f"time ∝ n^{exponent:.2f}"
            self.add(Row("7. betweenness scaling", size, _secs(result), "—", ratio, "on record",
                         "report", notes))  # fmt: skip
            previous = (actors, result["seconds"]) if result else None

    def _load_data(self) -> tuple[Path, str]:
        actors, relations = self.size["load"]
        path = self.dataset(actors, relations)
        return path, f"{actors:,} / {relations:,} ({path.stat().st_size / 1e6:.1f} MB)"


def _secs(result: dict | None) -> str:
    return "timeout" if result is None else f"{result['seconds']:.3g} s"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _compare(figure, size, ours, ref, ref_name, limit, target, notes="") -> Row:
    """A row comparing two timed results: ours/ref against ``limit`` (lower is better)."""
    reference = f"{_secs(ref)} ({ref_name})"
    if ours is None or ref is None:
        return Row(figure, size, _secs(ours), reference, "—", target, "MISS", notes)
    ratio = ours["seconds"] / ref["seconds"]
    return Row(figure, size, _secs(ours), reference, f"{ratio:.3g}", target,
               _verdict(ratio <= limit), notes)  # fmt: skip


def _agreement(which: str, ours: dict | None, ref: dict | None) -> str:
    """How far our values are from networkx's (they must agree within 1e-9)."""
    if not ours or not ref:
        return "values not compared"
    a, b = ours["values"], ref["values"]
    if which == "key-players":
        same = a["pairs"] == b["pairs"] and all(
            a["removals"][k][0] == v[0] for k, v in b["removals"].items()
        )
        diff = max(
            [abs(a["reach"] - b["reach"]) / max(abs(b["reach"]), 1e-300)]
            + [abs(a["removals"][k][1] - v[1]) / max(abs(v[1]), 1e-300)
               for k, v in b["removals"].items()]
        )  # fmt: skip
        return (f"linked pairs {'equal' if same else 'DIFFER'} (whole, and without each of "
                f"{len(b['removals'])} actors); reach relative Δ {diff:.1e} "
                f"({'ok' if diff <= 1e-9 else 'TOO LARGE'})")  # fmt: skip
    if set(a) != set(b):
        return "DIFFERENT actors"
    diff = max((abs(a[k] - b[k]) for k in a), default=0.0)
    return f"max abs Δ {diff:.1e} ({'ok' if diff <= 1e-9 else 'TOO LARGE'})"


# -- machine, table, document ------------------------------------------------------------------


def machine() -> str:
    """One paragraph on the machine and software the run used."""
    cpu = platform.processor() or "unknown CPU"
    ram = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"^model name\s*:\s*(.+)$", info, re.M).group(1).strip()
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        ram = f", {int(mem.group(1)) / 2**20:.1f} GiB RAM"
    except (OSError, AttributeError):
        pass
    versions = ", ".join(f"{name} {_version(name)}" for name in
                         ("networkx", "rustworkx", "networkit", "igraph", "PyYAML"))  # fmt: skip
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Machine: {cpu}, {os.cpu_count()} cores{ram}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; {versions}. "
        f"Run on {when}, commit {commit or 'unknown'}."
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def table_header() -> str:
    return "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS)


def write_table(path: Path, block: str) -> None:
    """Put ``block`` between the bench markers of ``path`` (appending them if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + block + "\n" + END + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{START}\n{block}\n{END}\n"
    path.write_text(text, encoding="utf-8")


def _synth():
    spec = importlib.util.spec_from_file_location("bench_synth", SYNTH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- command line ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", choices=sorted(SIZES), default="small")
    parser.add_argument("--only", nargs="+", choices=FIGURES, metavar="FIGURE",
                        help=f"run only these figures: {', '.join(FIGURES)}")  # fmt: skip
    parser.add_argument("--out", type=Path, help="write the table into this markdown file")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "actorgraph-bench",
        help="where datasets and caches are kept (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    bench = Bench(args.sizes, args.workdir)
    info = machine()
    print(info, flush=True)
    print(table_header(), flush=True)
    started = time.perf_counter()
    for figure in args.only or FIGURES:
        try:
            getattr(bench, figure.replace("-", "_"))()
        except RuntimeError as exc:  # a worker failed: say so in the table, go on
            first = str(exc).strip().splitlines()[-1][:150]
            bench.add(Row(figure, "", "failed", "", "", "", "FAILED", first))
    minutes = (time.perf_counter() - started) / 60
    print(f"\n`python bench/run.py --sizes {args.sizes}`: {minutes:.1f} min", flush=True)
    if args.out:
        lines = [table_header(), *(r.markdown() for r in bench.rows)]
        block = (f"{info}\n\n`python bench/run.py --sizes {args.sizes}` "
                 f"({minutes:.1f} min):\n\n" + "\n".join(lines))  # fmt: skip
        write_table(args.out, block)
        print(f"wrote the table into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
