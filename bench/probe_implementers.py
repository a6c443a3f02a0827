"""Where ``implementers`` spends its time: the report's query beside its plain form and its core.

Prints the median of ``--runs`` in-process timings (wall clock, store open) on an existing store:

- *as shipped*: ``queries/sparql/implementers.rq``;
- *plain form*: ``queries/sparql/plain/implementers.rq``, the readable query it was until the
  rewrite (a walk, a path check on each row, nested ``OPTIONAL`` blocks);
- *walk and edges only*: the shipped query without any per-row lookup, the floor of this design.

The shipped and plain forms must return the same rows; the probe says so.

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

from lineage.graph.rdf.reports import plain_form
from lineage.graph.rdf.store import GraphStore

CORE = "SELECT DISTINCT ?letter ?implements WHERE { ?implements lin:implements* ?target . ?letter lin:implements ?implements }"


def variants(query: str) -> dict[str, str]:
    """The report's SELECT and the variants, by name."""
    plain = plain_form("implementers") or ""
    return {"as shipped": query[query.index("SELECT"):], "plain form": plain[plain.index("SELECT"):],
            "walk and edges only": CORE}


def _key(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--target", required=True, help="the implemented document's IRI")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    query = resources.files("lineage.queries").joinpath("sparql/implementers.rq").read_text("utf-8")
    print(f"Command: `.venv/bin/python bench/probe_implementers.py {' '.join(sys.argv[1:] if argv is None else argv)}`\n")
    print("| variant | rows | median ms |\n| --- | ---: | ---: |")
    results = {}
    with GraphStore(args.store, read_only=True) as gs:
        for name, q in variants(query).items():
            times, rows = [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                rows = gs.select(q, {"target": URIRef(args.target)})
                times.append(time.perf_counter() - t0)
            results[name] = rows
            print(f"| {name} | {len(rows):,} | {statistics.median(times) * 1000:,.1f} |")
    same = _key(results["as shipped"]) == _key(results["plain form"])
    print(f"\nShipped and plain forms return the same rows: {'yes' if same else 'NO'}.")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
