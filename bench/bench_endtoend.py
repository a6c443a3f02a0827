"""End to end at national scale: raw text → queryable store → report latency.

Generates a corpus (``bench.generate``), then times the real CLI as a user runs it —
``lineage load DIR --bulk --workers N`` into an empty store — with its peak memory, and the
latency of the reports issue 7 names (``implementers`` transitive from the most-answered
central letter, ``lag-by-level``, ``not-yet-implemented``), medians of ``--runs``: as a user
calls them (``lineage report``, a new process each time) and in a process that keeps the store
open (what a service or notebook sees). Prints one Markdown section.

Example::

    .venv/bin/python bench/bench_endtoend.py --size 100000 --workers 2
    .venv/bin/python bench/bench_endtoend.py --size 100000 --workdir /tmp/e2e --reuse-store  # reports only
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LINEAGE = str(Path(sys.executable).with_name("lineage"))


def _run(cmd: list[str]) -> tuple[float, int, str]:
    """(seconds, peak RSS of the child in MB, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, check=False)
    dt = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return dt, peak, p.stdout


def _busiest_central(store: Path) -> str:
    """The central letter with the most direct implementers: the widest cascade to report on."""
    q = "SELECT ?d (COUNT(?l) AS ?n) WHERE { ?l lin:implements ?d } GROUP BY ?d ORDER BY DESC(?n) LIMIT 1"
    _, _, out = _run([LINEAGE, "sparql", q, "--store", str(store), "--format", "json"])
    return json.loads(out)[0]["d"]


# (report, needs the target, label) in the order they are printed
REPORTS = (("implementers", True, "implementers"), ("not-yet-implemented", True, "not-yet-implemented"),
           ("lag-by-level", False, "lag-by-level (whole corpus)"), ("lag-by-level", True, "lag-by-level (below target)"))


def _in_process(store: Path, target: str, runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds and row count of each report with the store opened once."""
    from lineage.graph.rdf.reports import run_report
    from lineage.graph.rdf.store import GraphStore

    out = {}
    with GraphStore(store, read_only=True) as gs:
        for name, with_target, label in REPORTS:
            params = {"target": target} if with_target else {}
            times, rows = [], []
            for _ in range(runs):
                t0 = time.perf_counter()
                _, rows = run_report(gs, name, params)
                times.append(time.perf_counter() - t0)
            out[label] = (statistics.median(times), len(rows))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--reuse-store", action="store_true",
                    help="keep a store already loaded in WORKDIR/store and time the reports only")
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="lineage-e2e-"))
    corpus, store = work / "corpus", work / "store"
    reuse = args.reuse_store and (store / "CURRENT").exists()
    if not reuse:
        shutil.rmtree(store, ignore_errors=True)
    rows = []
    summary = None
    if not reuse and not (corpus / "letters").exists():
        dt, peak, _ = _run([sys.executable, "-m", "bench.generate", "--size", str(args.size), "--seed",
                            str(args.seed), "--out", str(corpus)])
        rows.append(("generate (not part of the pipeline)", dt, peak))
    cmd = [LINEAGE, "load", str(corpus / "letters"), "--store", str(store), "--bulk", "--workers",
           str(args.workers), "--keep-going", "--no-progress", "--format", "json"]
    if not reuse:
        dt, peak, out = _run(cmd)
        summary = json.loads(out)[0]
        rows.append((f"`lineage load --bulk --workers {args.workers}` (extract + build + store)", dt, peak))
    target = _busiest_central(store)
    cli = {}
    for name, with_target, label in REPORTS:
        params = ["-p", f"target={target}"] if with_target else []
        times = []
        for _ in range(args.runs):
            t, _, _ = _run([LINEAGE, "report", name, *params, "--store", str(store), "--format", "json"])
            times.append(t)
        cli[label] = statistics.median(times)
    inproc = _in_process(store, target, args.runs)
    print(f"### End to end at {args.size:,} letters\n")
    given = f" --workdir {args.workdir}" if args.workdir else ""
    how = " --reuse-store" if reuse else f" --workers {args.workers}"
    print(f"Command: `.venv/bin/python bench/bench_endtoend.py --size {args.size}{given}{how} --runs {args.runs}` "
          f"({platform.machine()}, {platform.python_version()}, medians of {args.runs} for reports).\n")
    if rows:
        print("| step | seconds | letters/s | peak RSS (MB) |\n| --- | ---: | ---: | ---: |")
        for label, dt, peak in rows:
            print(f"| {label} | {dt:.1f} | {args.size / dt:,.0f} | {peak:,} |")
    if summary:
        print(f"\nStore: {summary['letters']:,} letters, {summary['triples_added']:,} triples, "
              f"{summary.get('errors', 0)} unreadable files.\n")
    print("| report | rows | in-process ms (store open) | CLI call s (process start included) |")
    print("| --- | ---: | ---: | ---: |")
    for label, t in cli.items():
        t_in, n = inproc[label]
        print(f"| `{label}` | {n:,} | {t_in * 1000:,.1f} | {t:.2f} |")
    print(f"\nReport target: `{target}` (the central letter with most direct implementers).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
