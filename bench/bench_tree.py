"""Time ``lineage tree`` and ``lineage stats`` of the largest cascade in a store of N generated letters.

Run from the repository root:

    .venv/bin/python bench/bench_tree.py --letters 6000 --store /tmp/tree6k
    .venv/bin/python bench/bench_tree.py --letters 100000 --store /tmp/tree100k   # loads ≈10 min once

The store is built once (the generator's truth records, bulk-loaded) and reused when it exists.
In-process figures are the library calls the commands make, with the store open and warm (the
median of 3); whole-process figures are the CLI as a user runs it (start-up included). Prints a
Markdown section for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: its siblings import
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sysinfo import cpu_name  # noqa: E402

from bench.generate import iter_letters  # noqa: E402
from lineage.graph.analysis.propagation import propagation_dag, tree_dict  # noqa: E402
from lineage.graph.analysis.stats import stats_report  # noqa: E402
from lineage.graph.rdf.store import GraphStore  # noqa: E402
from lineage.graph.views.tree import write_html  # noqa: E402
from lineage.models import Letter  # noqa: E402

LINEAGE = str(Path(sys.executable).parent / "lineage")


def build(store: Path, n: int) -> None:
    if (store / "CURRENT").exists():
        return
    with GraphStore(store) as gs:
        gs.bulk_load_letters(Letter.from_dict(g.truth) for g in iter_letters(n, seed=3))


def largest(gs: GraphStore) -> tuple[str, int]:
    """The central letter with the most direct implementers (its whole cascade is what is timed)."""
    row = gs.select("SELECT ?d (COUNT(?l) AS ?n) WHERE { ?l lin:implements ?d } GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1")[0]
    return str(row["d"]), int(row["n"])


def timed(f, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--letters", type=int, default=6000)
    ap.add_argument("--store", type=Path, required=True)
    a = ap.parse_args()
    t = time.perf_counter()
    reused = (a.store / "CURRENT").exists()
    build(a.store, a.letters)
    built = "reused" if reused else f"built in {time.perf_counter() - t:.0f} s"
    out = Path(tempfile.mkdtemp()) / "tree.html"
    with GraphStore(a.store, read_only=True) as gs:
        root, direct = largest(gs)
        G = propagation_dag(gs, root)
        rows = [
            ("tree, JSON (propagation_dag + tree_dict)",
             timed(lambda: json.dumps(tree_dict(propagation_dag(gs, root)), ensure_ascii=False))),
            ("stats (propagation_dag + stats_report)",
             timed(lambda: stats_report(propagation_dag(gs, root), (0.25, 0.5, 0.75, 1.0)))),
            ("tree HTML, --collapse-below province (propagation_dag + write_html)",
             timed(lambda: write_html(propagation_dag(gs, root), out, collapse_below="province"))),
        ]
    procs = []
    for args in (["tree", root, "--format", "json"], ["stats", root],
                 ["tree", root, "--format", "json", "--html", str(out), "--collapse-below", "province"]):
        def run(args: list[str] = args) -> None:
            subprocess.run([LINEAGE, *args, "--store", str(a.store)], check=True, capture_output=True)
        procs.append((" ".join(["lineage", args[0], *args[2:]]).replace(str(out), "FILE"), timed(run)))
    print(f"### Propagation tree and stats of the largest cascade, {a.letters:,} letters in the store\n")
    print(f"Machine: {cpu_name()}, Python {platform.python_version()}.  ")
    print(f"Command: `.venv/bin/python bench/bench_tree.py --letters {a.letters} --store DIR` "
          f"(store {built}).  ")
    print(f"Cascade: {G.number_of_nodes():,} letters ({direct} direct implementers of the root); median of 3.\n")
    print("| step | in-process (s) |\n| --- | ---: |")
    for name, s in rows:
        print(f"| {name} | {s:.2f} |")
    print("\n| whole process | wall (s) |\n| --- | ---: |")
    for name, s in procs:
        print(f"| `{name}` | {s:.2f} |")


if __name__ == "__main__":
    main()
