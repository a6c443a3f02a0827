"""Store size on disk per letter, and what the materialised union graph costs.

Builds the letters of a generated corpus once (``build_many``), then bulk-loads the same
quads into fresh Oxigraph stores three ways — as ``lineage load --bulk`` does (each file's
named graph plus the union named graph), with the union in Oxigraph's default graph
instead, without any union, and with each union triple sent to the bulk loader only once —
and prints the size of each store directory. The manifest
and support graphs are left out: they are the same small amount in all three.

Example::

    .venv/bin/python bench/bench_footprint.py --corpus /tmp/e2e10k/corpus --size 10000
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox

from lineage.graph.build import FiledLetter
from lineage.loaders.read import walk_sources
from lineage.ontology.terms import DEFAULT_BASE, UNION_GRAPH
from lineage.parallel import build_many

LAYOUTS = ("named union graph (what lineage load writes)", "union in the default graph", "no union",
           "named union graph, each triple sent once")


def _quads(filed: list[FiledLetter], layout: str) -> Iterator[bytes]:
    union = f" <{UNION_GRAPH}> .\n"
    sent: set[str] = set()
    for f in filed:
        own = f" <{f.source}> .\n"
        text = own.join(f.lines) + own
        if layout == LAYOUTS[0]:
            text += union.join(f.lines) + union
        elif layout == LAYOUTS[1]:
            text += " .\n".join(f.lines) + " .\n"
        elif layout == LAYOUTS[3]:
            fresh = [line for line in f.lines if line not in sent]
            sent.update(fresh)
            text += "".join(line + union for line in fresh)
        yield text.encode()


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a bench.generate output folder")
    ap.add_argument("--size", type=int, default=10000, help="letters to use (the first in walk order)")
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--layouts", default=",".join(str(i) for i in range(len(LAYOUTS))),
                    help="which layouts to measure, by number (0-based, comma-separated)")
    args = ap.parse_args(argv)
    files = []
    for key, path in walk_sources([args.corpus / "letters"]):
        if len(files) >= args.size:
            break
        files.append((key, path))
    filed = [f for f in build_many(files, DEFAULT_BASE, workers=args.workers) if isinstance(f, FiledLetter)]
    n = len(filed)
    print(f"### Store footprint at {n:,} letters\n")
    print(f"Command: `.venv/bin/python bench/bench_footprint.py --corpus {args.corpus} --size {args.size}` "
          f"(pyoxigraph {ox.__version__}, bulk loader).\n")
    print("| layout | quads | MB on disk | KB a letter |\n| --- | ---: | ---: | ---: |")
    for layout in [LAYOUTS[int(i)] for i in args.layouts.split(",")]:
        folder = Path(tempfile.mkdtemp(prefix="lineage-footprint-"))
        try:
            store = ox.Store(str(folder))
            store.bulk_load(io.BytesIO(b"".join(_quads(filed, layout))), format=ox.RdfFormat.N_QUADS)
            store.flush()
            quads = len(store)
            del store
            size = _size(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"| {layout} | {quads:,} | {size / 1e6:,.0f} | {size / 1e3 / max(n, 1):,.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
