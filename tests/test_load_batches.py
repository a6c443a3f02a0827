"""`lineage load` streams: batches, worker processes and prune give the same store as one batch."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from graph_helpers import SEEDS

from lineage.cli import main
from lineage.graph.rdf.store import GraphStore


def run(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


def nquads(store: Path) -> list[str]:
    with GraphStore(store, read_only=True) as gs:
        return sorted(line for line in gs.nquads().splitlines() if "revision" not in line)


def test_batches_and_workers_give_the_same_store(tmp_path: Path) -> None:
    one, many, pool = tmp_path / "one", tmp_path / "many", tmp_path / "pool"
    assert run("load", SEEDS, "--store", one).exit_code == 0
    r = run("load", SEEDS, "--store", many, "--batch-size", "2", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["new"] == 5
    assert run("load", SEEDS, "--store", pool, "--workers", "2", "--batch-size", "3").exit_code == 0
    bulk = tmp_path / "bulk"
    assert run("load", SEEDS, "--store", bulk, "--bulk").exit_code == 0
    assert nquads(one) == nquads(many) == nquads(pool) == nquads(bulk)
    r = run("load", SEEDS, "--store", bulk, "--bulk")
    assert r.exit_code == 1 and "empty store" in r.stderr


def test_prune_sees_every_batch(tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(SEEDS, corpus)
    assert run("load", corpus, "--store", store, "--batch-size", "2").exit_code == 0
    (corpus / "000_761c2bb9b7d9d17e.txt").unlink()
    r = run("load", corpus, "--store", store, "--batch-size", "2", "--prune", "--format", "json")
    summary = json.loads(r.stdout)[0]
    assert (summary["unchanged"], summary["removed"]) == (4, 1)


def test_a_failure_keeps_earlier_batches_and_a_rerun_resumes(tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(SEEDS, corpus)
    (corpus / "003_broken.txt").write_bytes(b"")  # sorts after two good letters
    r = run("load", corpus, "--store", store, "--batch-size", "2", "--format", "json")
    assert r.exit_code == 1 and "003_broken.txt" in r.stderr
    with GraphStore(store, read_only=True) as gs:
        assert [s.key for s in gs.sources()] == ["000_761c2bb9b7d9d17e.txt", "001_40ffc851c827d25d.txt"]
    (corpus / "003_broken.txt").unlink()
    r = run("load", corpus, "--store", store, "--batch-size", "2", "--format", "json")
    summary = json.loads(r.stdout)[0]
    assert (summary["unchanged"], summary["new"]) == (2, 3)


def test_workers_build_under_the_store_base(tmp_path: Path) -> None:
    store = tmp_path / "s"
    r = run("load", SEEDS, "--store", store, "--base", "https://example.org/x/", "--workers", "2", "--format", "json")
    assert r.exit_code == 0, r.output
    with GraphStore(store, read_only=True) as gs:
        assert gs.base == "https://example.org/x/"
        assert all(s.graph.startswith("https://example.org/x/") for s in gs.sources())
    # without --base the store's own base is used, so the rebuilt letters match and are skipped
    r = run("load", SEEDS, "--store", store, "--workers", "2", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["unchanged"] == 5
    r = run("load", SEEDS, "--store", store, "--base", "https://example.org/other/")
    assert r.exit_code == 1 and "https://example.org/x/" in r.stderr and "Traceback" not in r.output
