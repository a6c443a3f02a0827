"""Where ``implementers`` spends its time: the report's query whole and with parts removed.

Prints the median of ``--runs`` in-process timings for each variant on an existing store:
the report as shipped, without the ``?implements lin:implements* ?target`` check, with the
cascade evaluated once as a sub-select, and without the per-letter ``OPTIONAL`` lookups.

Example::

    .venv/bin/python bench/probe_implementers.py --store /tmp/e2e1m/store \\
        --target https://w3id.org/directive-lineage/id/doc/ban-chap-hanh-trung-uong/2020/386-qd-tw
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import URIRef

from lineage.graph.store import GraphStore

_PATH = "  ?letter lin:implements+ ?target .\n  ?letter lin:implements ?implements .\n  ?implements lin:implements* ?target .\n"


def variants(query: str) -> dict[str, str]:
    """The report's SELECT and the variants, by name."""
    body = query[query.index("SELECT"):]
    if _PATH not in body:
        raise SystemExit("implementers.rq no longer has the path block this probe edits")
    return {
        "as shipped": body,
        "without the ?implements path check": body.replace("  ?implements lin:implements* ?target .\n", ""),
        "cascade as sub-selects": body.replace(_PATH, (
            "  { SELECT DISTINCT ?letter WHERE { ?letter lin:implements+ ?target } }\n"
            "  ?letter lin:implements ?implements .\n"
            "  { SELECT DISTINCT ?implements WHERE { ?implements lin:implements* ?target } }\n")),
        "without the OPTIONAL lookups": body[:body.index("  OPTIONAL")] + "}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--target", required=True, help="the implemented document's IRI")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    query = resources.files("lineage.queries").joinpath("sparql/implementers.rq").read_text("utf-8")
    print(f"Command: `.venv/bin/python bench/probe_implementers.py {' '.join(sys.argv[1:] if argv is None else argv)}`\n")
    print("| variant | rows | median ms |\n| --- | ---: | ---: |")
    with GraphStore(args.store, read_only=True) as gs:
        for name, q in variants(query).items():
            times, rows = [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                rows = gs.select(q, {"target": URIRef(args.target)})
                times.append(time.perf_counter() - t0)
            print(f"| {name} | {len(rows):,} | {statistics.median(times) * 1000:,.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
