"""Store size on disk per letter: the store as ``lineage load`` writes it, and the layouts it replaced.

Builds the letters of a generated corpus once (``build_many``), then bulk-loads them into
fresh Oxigraph stores — as ``lineage load --bulk`` does (:meth:`GraphStore.bulk_load_letters`:
every triple once in the default graph, each file's graph packed in the manifest, the
hierarchy and ontology), and, for comparison, the earlier layouts: each file's named graph
plus the union as a named graph (what ``lineage load`` wrote before), the union in the
default graph instead, per-file named graphs without any union, and the first with each
union triple sent once — and prints the size of each store directory. The earlier layouts
leave out the manifest and support graphs (a small, equal amount in all of them).

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

from lineage.graph.rdf.build import FiledLetter
from lineage.graph.rdf.store import GraphStore
from lineage.loaders.read import walk_sources
from lineage.ontology.terms import DEFAULT_BASE, STORE_NS
from lineage.parallel import build_many

LAYOUTS = ("every triple once, files packed (what lineage load writes)",
           "per-file named graphs + named union graph (the layout before)", "per-file named graphs + union in the default graph",
           "per-file named graphs, no union", "per-file named graphs + named union graph, each union triple sent once")


def _quads(filed: list[FiledLetter], layout: str) -> Iterator[bytes]:
    union = f" <{STORE_NS['union']}> .\n"
    sent: set[str] = set()
    for f in filed:
        own = f" <{f.source}> .\n"
        text = own.join(f.lines) + own
        if layout == LAYOUTS[1]:
            text += union.join(f.lines) + union
        elif layout == LAYOUTS[2]:
            text += " .\n".join(f.lines) + " .\n"
        elif layout == LAYOUTS[4]:
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
    print(f"Command: `.venv/bin/python bench/bench_footprint.py {' '.join(sys.argv[1:] if argv is None else argv)}` "
          f"(pyoxigraph {ox.__version__}, bulk loader).\n")
    print("| layout | quads | MB on disk | KB a letter |\n| --- | ---: | ---: | ---: |")
    for layout in [LAYOUTS[int(i)] for i in args.layouts.split(",")]:
        folder = Path(tempfile.mkdtemp(prefix="lineage-footprint-"))
        try:
            if layout == LAYOUTS[0]:
                with GraphStore(folder) as gs:
                    gs.bulk_load_letters(filed)
                    quads = len(gs)
            else:
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
