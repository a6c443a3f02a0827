"""Extraction throughput: letters/s and MB/s on one core and on a process pool (or Dask).

Prints one Markdown section (the ``bench/README.md`` contract). Each configuration is run
``--runs`` times over the whole corpus; the table gives the median and the spread.

Example::

    .venv/bin/python bench/bench_extract.py --corpus /tmp/corpus --runs 3
    .venv/bin/python bench/bench_extract.py --corpus /tmp/corpus --runs 3 --build
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lineage.errors import LineageError
from lineage.ontology.terms import DEFAULT_BASE
from lineage.parallel import build_many, extract_many


def corpus_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "letters").glob("*/*.txt"))


def timed_run(paths: list[Path], workers: int, dask: str | None, build: bool = False) -> tuple[float, int, int]:
    """(seconds, letters extracted, errors) for one pass over ``paths``; with ``build``, each letter's
    graph is built too, as a load's workers do (:func:`lineage.parallel.build_many`)."""
    t0 = time.perf_counter()
    ok = err = 0
    results = (build_many(((p.name, p) for p in paths), DEFAULT_BASE, workers=workers, dask_address=dask) if build
               else extract_many(paths, workers=workers, dask_address=dask))
    for r in results:
        if isinstance(r, LineageError):
            err += 1
        else:
            ok += 1
    return time.perf_counter() - t0, ok, err


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction letters/s and MB/s.",
                                 epilog="Example:\n  .venv/bin/python bench/bench_extract.py --corpus /tmp/corpus --runs 3",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=0, help="pool size for the parallel rows (0: all cores)")
    ap.add_argument("--dask", default=None, metavar="ADDRESS", help="also time a Dask cluster")
    ap.add_argument("--build", action="store_true",
                    help="also time extraction plus graph building on one core (a load worker's work)")
    args, _ = ap.parse_known_args(argv)
    paths = corpus_files(args.corpus)
    if not paths:
        print(f"## Extraction throughput\n\nskipped: no letters under {args.corpus}/letters")
        return 3
    mb = sum(p.stat().st_size for p in paths) / 1e6
    cores = os.cpu_count() or 1
    pool = args.workers if args.workers > 0 else cores
    configs = [("one core", 1, None, False), (f"process pool, {pool} workers", pool, None, False)]
    if args.dask:
        configs.append((f"Dask cluster {args.dask}", 1, args.dask, False))
    if args.build:
        configs.append(("one core, extract + build the graph", 1, None, True))
    # load the extractor's tables once, so the one-core row measures extraction, not imports
    list(extract_many(paths[:1]))
    rows = []
    for label, workers, dask, build in configs:
        secs = []
        errors = 0
        for _ in range(args.runs):
            s, _ok, errors = timed_run(paths, workers, dask, build)
            secs.append(s)
        med = statistics.median(secs)
        rows.append((label, med, min(secs), max(secs), errors))
        print(f"{label}: median {med:.2f}s", file=sys.stderr)
    n = len(paths)
    print("## Extraction throughput\n")
    print(f"{n} letters, {mb:.1f} MB of text, {args.runs} runs each; median (min–max) wall time.\n")
    print("| configuration | letters/s | MB/s | per core letters/s | wall s (min–max) | errors |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    for label, med, lo, hi, errors in rows:
        per_core = n / med / (1 if label.startswith("one core") else pool)
        print(f"| {label} | {n / med:,.0f} | {mb / med:.2f} | {per_core:,.0f} | {med:.2f} ({lo:.2f}–{hi:.2f}) | {errors} |")
    one = rows[0][1]
    print(f"\nSpeed-up of the pool over one core: {one / rows[1][1]:.2f}× on {cores} cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
