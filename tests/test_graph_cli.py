"""The graph commands through click's CliRunner, on the real seed files."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from graph_helpers import GOLD, SEEDS

from lineage.cli import main
from lineage.errors import StoreError
from lineage.graph.rdf.store import GraphStore


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "store"
    r = CliRunner().invoke(main, ["load", str(GOLD), "--store", str(store), "--format", "json"])
    assert r.exit_code == 0, r.output
    return store


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_load_summary_and_reload(loaded):
    r = run("load", GOLD, "--store", loaded, "--format", "json")
    summary = json.loads(r.stdout)[0]
    assert (summary["letters"], summary["new"], summary["unchanged"], summary["revision"]) == (5, 0, 5, 1)


def test_load_from_text_files_with_prune(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    store = tmp_path / "store"
    r = run("load", corpus, "--store", store, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["new"] == 5
    (corpus / "004_d56ea9d68a9b9a32.txt").unlink()
    r = run("load", corpus, "--store", store, "--prune", "--format", "json")
    assert json.loads(r.stdout)[0]["removed"] == 1


def test_corrupt_file_loads_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "zz_broken.txt").write_bytes(b"")
    store = tmp_path / "store"
    r = run("load", corpus, "--store", store)
    assert r.exit_code == 1 and "Error: " in r.stderr and "zz_broken.txt" in r.stderr
    r = run("implementers", "534-CV/BTGTW", "--store", store)
    assert r.exit_code == 1 and "no store here" in r.stderr


def test_implementers(loaded):
    r = run("implementers", "534-CV/BTGTW", "--store", loaded, "--format", "json")
    assert r.exit_code == 0, r.output
    assert {(x["identifier"], x["lag_days"]) for x in json.loads(r.stdout)} == {("182-CV/TU", 5), ("168-CV/TU", 15)}


def test_unknown_reference_is_one_error_line(loaded):
    r = run("implementers", "999-CV/TU", "--store", loaded)
    assert r.exit_code == 1
    assert r.stderr.strip() == "Error: 999-CV/TU: no document in the store"
    for cmd in ("implementers", "tree", "stats"):  # an IRI the store cannot hold: one line, no traceback
        r = run(cmd, 'http://example.org/a"b', "--store", loaded)
        assert r.exit_code == 1 and r.stderr.strip() == "Error: http://example.org/a\"b: not a valid IRI (it contains '\"')"


def test_a_second_writer_is_told_who_holds_the_store(tmp_path):
    path = tmp_path / "store"
    GraphStore(path).close()
    holder = subprocess.Popen(  # another process opens the store for writing and keeps it
        [sys.executable, "-c", "import sys; from lineage.graph.rdf.store import GraphStore; "
         f"s = GraphStore({str(path)!r}); print('ready', flush=True); sys.stdin.readline(); s.close()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as e:
            GraphStore(path)
        assert str(e.value) == f"{path}: another process (pid {holder.pid}) is writing to this store; wait for it to " \
                               "finish and try again"
    finally:
        holder.communicate("\n", timeout=60)
    GraphStore(path).close()  # released: the next writer gets in


def test_report_list_and_run(loaded, monkeypatch):
    monkeypatch.setenv("LINEAGE_STORE", str(loaded))
    r = run("report")
    assert "not-yet-implemented" in r.stdout and "lag-by-level" in r.stdout
    r = run("report", "not-yet-implemented", "-p", "target=132-CV/TU", "-p", "province=Quảng Ninh", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert "Thành phố Hạ Long" in r.stdout and "Cẩm Phả" not in r.stdout
    r = run("report", "implementers", "-p", "nope=1")
    assert r.exit_code == 1 and "unknown parameter" in r.stderr


def test_sparql_export_validate(loaded, tmp_path):
    r = run("sparql", "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l lin:implements ?t }", "--store", loaded,
            "--format", "json")
    assert json.loads(r.stdout) == [{"n": 4}]
    for fmt, needle in [("ttl", "lin:implements"), ("trig", "lin:implements"), ("nq", "#implements>"),
                        ("jsonld", "#implements")]:
        r = run("export", "--format", fmt, "--store", loaded)
        assert r.exit_code == 0 and needle in r.stdout, fmt
    r = run("validate", "--store", loaded)
    assert r.exit_code == 0 and "conforms" in r.stderr


@pytest.mark.parametrize("cmd", ["load", "implementers", "report", "sparql", "export", "validate", "joins", "link",
                                 "unlink", "candidates"])
def test_help_ends_with_an_example(cmd):
    r = run(cmd, "--help")
    assert r.exit_code == 0 and "Example:" in r.stdout and "--store" in r.stdout


def test_a_store_minted_by_other_identity_rules_is_refused_then_rebuilt(tmp_path):
    store = tmp_path / "store"
    assert run("load", SEEDS, "--store", store).exit_code == 0
    # a store written before the identity rules were recorded (rules 1: bodies by name slug)
    import pyoxigraph as ox

    from lineage.ontology.terms import LIN, MANIFEST_GRAPH
    raw = ox.Store(str(store))
    for q in list(raw.quads_for_pattern(None, ox.NamedNode(str(LIN.identityScheme)), None, ox.NamedNode(str(MANIFEST_GRAPH)))):
        raw.remove(q)
    raw.flush()
    del raw
    for args in (("implementers", "534-CV/BTGTW"), ("load", SEEDS)):
        r = run(*args, "--store", store)
        assert r.exit_code != 0
        lines = r.stderr.strip().splitlines()
        assert not r.stdout and len(lines) == 1 and "identity rules 1" in lines[0] and "--rebuild" in lines[0], r.output
    r = run("load", SEEDS, "--store", store, "--rebuild", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["new"] == 5
    r = run("implementers", "534-CV/BTGTW", "--store", store, "--format", "json")
    assert r.exit_code == 0 and {x["issuer"] for x in json.loads(r.stdout)} == {"Tỉnh ủy Cao Bằng", "Thành ủy Cần Thơ"}


def test_a_missing_path_is_one_error_line_and_the_other_paths_load(tmp_path):
    missing = tmp_path / "no-such-folder"
    r = run("load", missing, SEEDS, "--store", tmp_path / "store", "--keep-going", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.stdout)[0]["new"] == 5
    errors = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {missing}: no such file"]


def test_tables_lead_with_identifiers_and_show_iris_only_when_asked(loaded):
    r = run("implementers", "534-CV/BTGTW", "--store", loaded)
    assert r.exit_code == 0 and r.stdout.splitlines()[0].split()[:3] == ["identifier", "issuer", "level"]
    assert "https://" not in r.stdout
    r = run("implementers", "534-CV/BTGTW", "--store", loaded, "--iri")
    assert r.stdout.splitlines()[0].split()[0] == "letter" and "https://" in r.stdout
    r = run("implementers", "534-CV/BTGTW", "--store", loaded, "--format", "csv")
    assert r.stdout.startswith("letter,identifier,")  # machines get every column


def test_names_are_listed_in_vietnamese_order(loaded):
    r = run("report", "not-yet-implemented", "-p", "target=534-CV/BTGTW", "--store", loaded, "--format", "json")
    names = [x["name"] for x in json.loads(r.stdout)]
    cities = [n for n in names if n.startswith("Thành phố")]
    assert cities[:5] == ["Thành phố Đà Nẵng", "Thành phố Hà Nội", "Thành phố Hải Phòng", "Thành phố Hồ Chí Minh",
                          "Thành phố Huế"]  # (by code point, Huế came before Hà Nội and Đà Nẵng last)


def test_a_sparql_error_names_the_users_line_and_its_cause(loaded):
    r = run("sparql", "SELECT ?x\nWHERE { ?x foo:bar ?y }", "--store", loaded)
    assert r.exit_code == 1
    assert r.stderr.strip() == "Error: SPARQL syntax error: line 2, column 19: Prefix not found (foo:)"
