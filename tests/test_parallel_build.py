"""Graphs built in the extraction workers (``build_many``) are the graphs the store would build."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from graph_helpers import SEEDS

from lineage.errors import LineageError, ReadError, StoreError
from lineage.graph.rdf.build import FiledLetter, build_letter
from lineage.graph.rdf.store import GraphStore
from lineage.loaders.extract import extract_file
from lineage.loaders.read import iter_sources, walk_sources
from lineage.ontology.terms import DEFAULT_BASE
from lineage.parallel import build_many

BASE = "https://example.org/lineage/"


def seed_items() -> list[tuple[str, Path]]:
    return [(f"seeds/{p.name}", p) for p in sorted(SEEDS.glob("*.txt"))]


def expected(key: str, path: Path, base: str = BASE) -> FiledLetter:
    return build_letter(replace(extract_file(path), file=key), base).filed(base)


def test_serial_pool_and_dask_build_the_same_filed_letters() -> None:
    items = seed_items()
    items.insert(2, ("gone.txt", SEEDS / "no-such-letter.txt"))
    want = [expected(k, p) if p.exists() else None for k, p in items]
    serial = list(build_many(items, BASE, chunk_size=2))
    pooled = list(build_many(iter(items), BASE, workers=2, chunk_size=2))
    for got in (serial, pooled):
        assert isinstance(got[2], ReadError) and "no-such-letter.txt" in str(got[2])
        assert [g for g in got if not isinstance(g, LineageError)] == [w for w in want if w is not None]
    assert serial[0].key == "seeds/" + items[0][1].name and serial[0].source.startswith(BASE)
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address="127.0.0.1:0") as cluster:
        on_dask = list(build_many(items, BASE, dask_address=cluster.scheduler_address, chunk_size=2))
    assert [str(x) if isinstance(x, LineageError) else x for x in on_dask] == \
        [str(x) if isinstance(x, LineageError) else x for x in serial]


def test_store_files_worker_built_letters_exactly_as_letters(tmp_path: Path) -> None:
    items = seed_items()
    with GraphStore(tmp_path / "a") as a, GraphStore(tmp_path / "b") as b, GraphStore(tmp_path / "c") as c:
        a.load_letters([replace(extract_file(p), file=k) for k, p in items])
        b.load_letters([expected(k, p, DEFAULT_BASE) for k, p in items])
        c.bulk_load_letters(expected(k, p, DEFAULT_BASE) for k, p in items)
        strip = lambda s: sorted(q for q in s.nquads().splitlines() if "revision" not in q)  # noqa: E731
        assert strip(a) == strip(b) == strip(c)
        assert [s.key for s in b.sources()] == [k for k, _ in items]


def test_store_refuses_letters_built_under_another_base(tmp_path: Path) -> None:
    key, path = seed_items()[0]
    with GraphStore(tmp_path / "s") as gs:
        with pytest.raises(StoreError, match=f"{key}: built under base IRI {BASE}.*store unchanged"):
            gs.load_letters([expected(key, path, BASE)])
        assert gs.sources() == [] and gs.revision() == 0


def test_walk_sources_keys_order_links_and_duplicates(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for rel in ("b/2.txt", "b/10.txt", "a.txt", ".hidden/x.txt", "b/.x.txt", "c/notes.rtf", "c/d/e.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", "utf-8")
    os.symlink(root / "a.txt", root / "b" / "link-to-a.txt")  # the same file twice: kept once
    os.symlink(root / "c", root / "linked-folder")  # like os.walk: listed, never entered
    got = list(walk_sources([root, root / "a.txt", tmp_path / "missing.txt"]))
    assert [k for k, _ in got] == ["a.txt", "b/10.txt", "b/2.txt", "c/d/e.md", "missing.txt"]
    assert got[0][1] == root / "a.txt" and got[-1][1] == tmp_path / "missing.txt"
    assert list(iter_sources([root])) == [p for _, p in got[:4]]
