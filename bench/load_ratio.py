"""Load rates against their anchor, measured in the same run (issue 19, item 2).

Run from the repository root (the generated corpus first):

    .venv/bin/python -m bench.generate --size 2000 --seed 7 --out /tmp/corpus
    .venv/bin/python bench/load_ratio.py --corpus /tmp/corpus

Three timings on one corpus, each a fresh process and a fresh store:

* ``lineage load DIR --bulk --workers 0`` (text → store: reading, extraction, graph building, Oxigraph's bulk
  loader, the compaction);
* ``lineage load DIR --workers 0`` (the same, in transactions of ``--batch-size`` letters);
* the anchor: pyoxigraph's own ``Store.bulk_load`` of the very quads the first load wrote (dumped to N-Quads
  beforehand), into an empty store.

Each rate is the store's quads divided by the wall time; the ratios are the issue's figures.
"""
from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
LINEAGE = str(Path(sys.executable).parent / "lineage")


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/tmp/corpus", help="a generated corpus (bench/generate.py --out)")
    ap.add_argument("--batch-size", type=int, default=2000)
    a = ap.parse_args()
    letters = Path(a.corpus) / "letters"
    n = sum(1 for _ in letters.rglob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        bulk_store, tx_store, raw_store = (Path(tmp) / x for x in ("bulk", "tx", "raw"))
        bulk_s = _timed([LINEAGE, "load", str(letters), "--bulk", "--workers", "0", "--store", str(bulk_store)])
        tx_s = _timed([LINEAGE, "load", str(letters), "--workers", "0", "--batch-size", str(a.batch_size),
                       "--store", str(tx_store)])
        dump = Path(tmp) / "all.nq"
        st = ox.Store.read_only(str(bulk_store))
        quads = len(st)
        st.dump(str(dump), ox.RdfFormat.N_QUADS)
        del st
        t = time.perf_counter()
        raw = ox.Store(str(raw_store))
        raw.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        raw.flush()
        raw_s = time.perf_counter() - t
        del raw
        shutil.rmtree(raw_store, ignore_errors=True)
    rate = {k: quads / s for k, s in (("bulk", bulk_s), ("tx", tx_s), ("raw", raw_s))}
    print(f"### Load rates against pyoxigraph's bulk_load, {n:,} letters ({quads:,} quads)\n")
    print(f"Command: `.venv/bin/python bench/load_ratio.py --corpus {a.corpus}`; "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}.\n")
    print("| load | seconds | quads/s | ratio to the anchor |\n| --- | ---: | ---: | ---: |")
    print(f"| `lineage load --bulk --workers 0` (text → store) | {bulk_s:.1f} | {rate['bulk']:,.0f} | "
          f"{rate['bulk'] / rate['raw']:.2f} |")
    print(f"| `lineage load --workers 0` (transactions of {a.batch_size}) | {tx_s:.1f} | {rate['tx']:,.0f} | "
          f"{rate['tx'] / rate['raw']:.2f} |")
    print(f"| anchor: `Store.bulk_load` of the same quads | {raw_s:.1f} | {rate['raw']:,.0f} | 1.00 |")


if __name__ == "__main__":
    main()
