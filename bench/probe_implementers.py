"""Where ``implementers`` spends its time: the report's query beside its earlier form and its core.

Prints the median of ``--runs`` in-process timings (wall clock, store open) on an existing store:

- *as shipped*: ``queries/sparql/implementers.rq``;
- *earlier form*: the query as it was until the flat-OPTIONAL rewrite (a walk, then a path check
  on each row, and nested ``OPTIONAL`` blocks that Oxigraph matches against the whole store);
- *walk and edges only*: the shipped query without any per-row lookup, the floor of this design.

The shipped and earlier forms must return the same rows; the probe says so.

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

EARLIER = """SELECT DISTINCT ?letter ?identifier ?issuer ?level ?province ?date ?lag_days ?direct ?implements
WHERE {
  ?letter lin:implements+ ?target .
  ?letter lin:implements ?implements .
  ?implements lin:implements* ?target .
  OPTIONAL { ?letter dcterms:identifier ?identifier }
  OPTIONAL { ?letter lin:issuedBy ?body .
             ?body skos:prefLabel ?issuer .
             OPTIONAL { ?body lin:level/skos:notation ?level }
             OPTIONAL { ?body lin:jurisdiction ?ju .
                       OPTIONAL { ?ju lin:withinUnit ?up }
                       BIND(COALESCE(?up, ?ju) AS ?pu)
                       ?pu skos:prefLabel ?province } }
  OPTIONAL { ?letter lin:date ?date }
  OPTIONAL { ?target lin:date ?tdate }
  BIND(?date - ?tdate AS ?lag_days)
  BIND(EXISTS { ?letter lin:implements ?target } AS ?direct)
}
ORDER BY ?date ?identifier ?letter
"""

CORE = "SELECT DISTINCT ?letter ?implements WHERE { ?implements lin:implements* ?target . ?letter lin:implements ?implements }"


def variants(query: str) -> dict[str, str]:
    """The report's SELECT and the variants, by name."""
    return {"as shipped": query[query.index("SELECT"):], "earlier form": EARLIER, "walk and edges only": CORE}


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
    same = _key(results["as shipped"]) == _key(results["earlier form"])
    print(f"\nShipped and earlier forms return the same rows: {'yes' if same else 'NO'}.")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
