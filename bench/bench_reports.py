"""Report latency inside one process (no CLI start-up), on an existing store.

Example::

    .venv/bin/python bench/bench_reports.py --store /tmp/e2e100k/store --target IRI --runs 3
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lineage.graph.reports import run_report
from lineage.graph.store import GraphStore


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--target", required=True, help="IRI of the letter to report on")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    with GraphStore(args.store, read_only=True) as gs:
        letters = len(gs.sources())
        print(f"### Report latency in-process, {letters:,} letters\n")
        print(f"Command: `.venv/bin/python bench/bench_reports.py --store {args.store} --target {args.target} "
              f"--runs {args.runs}` (median of {args.runs}).\n")
        print("| report | rows | median ms |\n| --- | ---: | ---: |")
        for name, params in (("implementers", {"target": args.target}), ("lag-by-level", {}),
                             ("not-yet-implemented", {"target": args.target})):
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                _, rows = run_report(gs, name, params)
                times.append(time.perf_counter() - t0)
            print(f"| `{name}` | {len(rows):,} | {statistics.median(times) * 1000:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
