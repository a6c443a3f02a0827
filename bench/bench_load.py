"""Load throughput and report latency: Oxigraph (on disk) beside rdflib's in-memory Dataset.

Synthesises corpora by cloning the five gold letters with new numbers, issuers and dates
(each clone implements a clone of an earlier letter, so the reports have trees to walk),
then for each size: builds the graphs, loads them (Oxigraph: one transaction via
``GraphStore.load_letters``; rdflib: ``Dataset.graph(...) += graph``), and times each report.
Prints a Markdown section (machine, versions, command, medians) for BENCHMARKS.md.

    .venv/bin/python bench/bench_load.py --sizes 100,1000,5000 --repeat 3
"""
from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph
import rdflib
from rdflib import Dataset

from lineage.graph.rdf.build import build_letter
from lineage.graph.rdf.iri import Minter
from lineage.graph.rdf.places import places
from lineage.graph.rdf.reports import run_report
from lineage.graph.rdf.store import GraphStore
from lineage.models import Citation, Letter
from lineage.ontology.terms import DEFAULT_BASE

# shared/ stands beside the repository (as in CI); the root is minted, not typed
GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds.gold.jsonl"
ROOT = str(Minter(DEFAULT_BASE).document("Ban Tuyên giáo Trung ương", "534", "CV/BTGTW", 2021))


def synthesise(n: int, seed: int = 7) -> list[Letter]:
    """``n`` letters cloned from the gold rows: province letters implement 534-CV/BTGTW, district
    letters implement a province letter of their province (lag 0–20 days)."""
    rng = random.Random(seed)
    gold = [Letter.from_dict(json.loads(line)) for line in GOLD.read_text("utf-8").splitlines()]
    gaz = places().gaz
    provinces = gaz.provinces("old")
    start = date(2021, 5, 13)
    out: list[Letter] = []
    by_province: dict[str, list[Letter]] = {}
    for i in range(n):
        prov = rng.choice(provinces)
        tmpl = gold[i % 5]
        parents = by_province.get(prov.code, [])
        if parents and rng.random() < 0.7:
            district = rng.choice(gaz.children(prov) or [prov])
            parent = rng.choice(parents)
            issuer, level = f"Huyện ủy {district.short_name}", "district"
            pdate = date.fromisoformat(parent.date)
            cite = Citation("Công văn", parent.number, parent.symbol, parent.date, parent.issuer, "implements", "Thực hiện …")
        else:
            issuer, level = f"Tỉnh ủy {prov.short_name}", "province"
            pdate = start
            cite = Citation("Công văn", "534", "CV/BTGTW", "2021-05-13", "Ban Tuyên giáo Trung ương", "implements",
                            "Thực hiện Công văn số 534-CV/BTGTW …")
        d = (pdate + timedelta(days=rng.randint(0, 20))).isoformat()
        letter = replace(tmpl, file=f"synthetic/{i:06d}.txt", number=str(1000 + i), symbol="CV/TU", issuer=issuer,
                         issuer_level=level, issuer_parent=None, issuer_province=prov.short_name, date=d,
                         citations=[cite, *tmpl.citations[1:]],
                         source_sha256=hashlib.sha256(f"{seed}/{i}".encode()).hexdigest())
        out.append(letter)
        if level == "province":
            by_province.setdefault(prov.code, []).append(letter)
    return out


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def median_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


REPORTS = [("implementers", {"target": ROOT}), ("propagation-tree", {"target": ROOT}), ("lag-by-level", {}),
           ("not-yet-implemented", {"target": ROOT})]


def bench(size: int, repeat: int, rdflib_reports: bool) -> dict[str, object]:
    letters = synthesise(size)
    t = time.perf_counter()
    built = [build_letter(x) for x in letters]
    build_s = time.perf_counter() - t
    triples = sum(len(b.graph) for b in built)
    row: dict[str, object] = {"letters": size, "triples": triples, "build_s": build_s}

    def ox_load() -> GraphStore:
        d = tempfile.mkdtemp(prefix="bench-ox-")
        s = GraphStore(d)
        s.load_letters(built)
        s._bench_dir = d  # type: ignore[attr-defined]
        return s

    loads = []
    store = None
    for _ in range(repeat):
        if store is not None:
            store.close()
            shutil.rmtree(store._bench_dir)  # type: ignore[attr-defined]
        t = time.perf_counter()
        store = ox_load()
        loads.append(time.perf_counter() - t)
    row["ox_load_s"] = statistics.median(loads)
    ds_holder: list[Dataset] = []

    def rdf_load() -> None:
        ds = Dataset(default_union=True)
        from lineage.graph.rdf.hierarchy import hierarchy_graph
        from lineage.ontology.terms import ontology_graph
        ds.graph(rdflib.URIRef("urn:h")).__iadd__(hierarchy_graph())
        ds.graph(rdflib.URIRef("urn:o")).__iadd__(ontology_graph())
        for b in built:
            ds.graph(b.source).__iadd__(b.graph)
        ds_holder[:] = [ds]

    row["rdflib_load_s"] = median_time(rdf_load, repeat)
    log(f"{size}: loaded (oxigraph {row['ox_load_s']:.2f}s, rdflib {row['rdflib_load_s']:.2f}s)")
    for name, params in REPORTS:
        row[f"ox_{name}_ms"] = 1000 * median_time(lambda n=name, p=params: run_report(store, n, p), repeat)
        a = run_report(store, name, params)[1]
        row[f"{name}_rows"] = len(a)
        if rdflib_reports:
            row[f"rdflib_{name}_ms"] = 1000 * median_time(lambda n=name, p=params: run_report(ds_holder[0], n, p), repeat)
            b = run_report(ds_holder[0], name, params)[1]
            if len(a) != len(b):
                row[f"{name}_rows"] = f"{len(a)}≠{len(b)}"
        log(f"{size}: {name} done")
    store.close()
    shutil.rmtree(store._bench_dir)  # type: ignore[attr-defined]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes (letters)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median reported)")
    ap.add_argument("--rdflib-reports-max", type=int, default=500,
                    help="run the reports on rdflib only up to this many letters (its property paths are slow)")
    args = ap.parse_args()
    rows = [bench(int(s), args.repeat, int(s) <= args.rdflib_reports_max) for s in args.sizes.split(",")]
    print("## Knowledge graph: load throughput and report latency\n")
    print(f"- machine: {platform.machine()}, {platform.processor() or '?'}; Python {platform.python_version()}; "
          f"{platform.system()} {platform.release()}")
    print(f"- versions: pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")
    print(f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`")
    print(f"- medians of {args.repeat} runs; corpora synthesised from the 5 gold letters; every load includes "
          "the ~10k-triple hierarchy and the ontology; Oxigraph on disk (one transaction), rdflib in memory.\n")
    print("| letters | triples | build s | Oxigraph load s | triples/s | rdflib load s | triples/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        t = int(r["triples"])  # type: ignore[arg-type]
        print(f"| {r['letters']} | {t} | {r['build_s']:.2f} | {r['ox_load_s']:.2f} | {t / r['ox_load_s']:,.0f} | "
              f"{r['rdflib_load_s']:.2f} | {t / r['rdflib_load_s']:,.0f} |")
    print("\n| report | letters | rows | Oxigraph ms | rdflib ms |")
    print("|---|---:|---:|---:|---:|")
    for name, _p in REPORTS:
        for r in rows:
            rd = r.get(f"rdflib_{name}_ms")
            rd_s = f"{rd:.1f}" if isinstance(rd, float) else "not run"
            print(f"| {name} | {r['letters']} | {r[f'{name}_rows']} | {r[f'ox_{name}_ms']:.1f} | {rd_s} |")


if __name__ == "__main__":
    main()
