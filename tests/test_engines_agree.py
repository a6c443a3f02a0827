"""Every report gives the same rows through SPARQL (Oxigraph) and Cypher (the FalkorDB mirror), on a
generated store of 4,000 letters of both map eras — and in that store no IRI carries two names.

The seeds alone agree trivially (test_mirror.py); a store of this size has what breaks agreement:
bodies whose names slug alike, commune-level issuers, a letter implementing two nodes of one
cascade (ties in the order), undated and issuer-less letters.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest_falkordb import *  # noqa: F401,F403  (fixtures)
from conftest_falkordb import fresh_client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import CascadeConfig, iter_letters  # noqa: E402
from lineage.graph.mirror.reports import run_cypher_report  # noqa: E402
from lineage.graph.mirror.sync import sync  # noqa: E402
from lineage.graph.rdf.reports import reports, run_report  # noqa: E402
from lineage.graph.rdf.store import GraphStore  # noqa: E402
from lineage.models import Letter  # noqa: E402

N = 4000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, falkor: Any) -> Iterator[tuple[GraphStore, Any]]:
    config = CascadeConfig(start="2024-09-01", end="2026-03-01")  # both map eras
    letters = [Letter.from_dict(g.truth) for g in iter_letters(N, seed=11, config=config)]
    store = GraphStore(tmp_path_factory.mktemp("engines") / "store")
    store.load_letters(letters)
    client = fresh_client(falkor)
    sync(store, client)
    try:
        yield store, client
    finally:
        client.close()
        store.close()


def test_no_iri_carries_two_names(big: tuple[GraphStore, Any]) -> None:
    store, _ = big
    assert store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a lin:Document }")[0]["n"] >= N
    two = store.select("SELECT ?b (COUNT(DISTINCT ?n) AS ?k) WHERE { ?b a lin:Body ; skos:prefLabel ?n } "
                       "GROUP BY ?b HAVING (COUNT(DISTINCT ?n) > 1)")
    assert two == []
    two = store.select("SELECT ?d WHERE { ?d lin:issuedBy ?a, ?b FILTER(?a != ?b) } LIMIT 5")
    assert two == []


def _cases(store: GraphStore) -> list[tuple[str, dict[str, str]]]:
    """Every report, over the largest cascades, a one-letter cascade and two provinces."""
    rows = store.select("SELECT ?d (COUNT(?l) AS ?n) WHERE { ?l lin:implements ?d } GROUP BY ?d ORDER BY DESC(?n) ?d")
    targets = [r["d"] for r in rows[:6]] + [r["d"] for r in rows if r["n"] == 1][:2]
    provinces = [r["u"] for r in store.select(
        "SELECT DISTINCT ?u WHERE { ?l lin:implements ?d ; lin:issuedBy/lin:jurisdiction ?u . "
        "?u lin:level lin:level_province } ORDER BY ?u LIMIT 2")]
    cases: list[tuple[str, dict[str, str]]] = []
    for name, rep in reports().items():
        names = {p.name for p in rep.params}
        required = {p.name for p in rep.params if p.required}
        if "target" in names:
            cases += [(name, {"target": t}) for t in targets]
        if not required:
            cases.append((name, {}))
        if "province" in names:
            cases += [(name, {"target": targets[0], "province": p}) for p in provinces]
    return cases


def test_every_report_gives_the_same_rows_in_both_engines(big: tuple[GraphStore, Any]) -> None:
    store, client = big
    cases = _cases(store)
    assert len(cases) >= 40 and {name for name, _ in cases} == set(reports())
    with_rows = 0
    for name, params in cases:
        cols, sparql_rows = run_report(store, name, params)
        cols2, cypher_rows = run_cypher_report(client, name, params)
        assert cols == cols2
        assert cypher_rows == sparql_rows, (name, params, len(sparql_rows), len(cypher_rows))
        with_rows += bool(sparql_rows)
    assert with_rows >= len(cases) * 0.8  # the cases are real cascades, not empty answers


def test_the_redis_port_answers_every_report_as_bolt_does(big: tuple[GraphStore, Any], falkor: Any) -> None:
    """The embedded server is reached through its password-protected Redis port by default (Bolt lets
    clients in without the password): the same graph read that way gives the same rows."""
    from conftest_falkordb import PASSWORD

    from lineage.graph.mirror.falkor_redis import connect

    store, bolt_client = big
    with connect(falkor.redis_url, PASSWORD) as redis_client:
        for name, params in _cases(store)[:24]:
            assert run_cypher_report(redis_client, name, params) == run_cypher_report(bolt_client, name, params), name
