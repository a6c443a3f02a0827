"""The reports tuned for Oxigraph's planner return what their plain SPARQL formulations return.

`implementers.rq` and `lag-by-level.rq` are written in a shape Oxigraph evaluates fast at a
million letters (flat OPTIONALs on always-bound nodes, small tables as sub-selects, a walk down
from the target). That shape is harder to read, so each is checked here against the plain
formulation it replaced (``queries/sparql/plain/``), on a generated corpus with both map eras, missing issuers, central
issuers without a jurisdiction, provinces and districts.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import CascadeConfig, iter_letters  # noqa: E402
from lineage.graph.rdf.reports import _specialise, get_report, plain_form, run_report  # noqa: E402
from lineage.graph.rdf.store import GraphStore  # noqa: E402
from lineage.models import Letter  # noqa: E402

PLAIN = {name: plain_form(name) for name in ("implementers", "lag-by-level")}


@pytest.fixture(scope="module")
def corpus_store():
    config = CascadeConfig(start="2024-09-01", end="2026-03-01")  # both map eras
    letters = [Letter.from_dict(g.truth) for g in iter_letters(500, seed=5, config=config)]
    # a header lost in conversion leaves a letter without an issuer: no issuer, level or province
    letters = [replace(x, issuer=None, issuer_level=None, issuer_parent=None, issuer_province=None)
               if i % 23 == 0 else x for i, x in enumerate(letters)]
    s = GraphStore(None)
    s.load_letters(letters)
    return s, letters


def _rows(store: GraphStore, sparql: str, params: dict) -> list[tuple]:
    rows = store.select(_specialise(sparql, set(params)), params)
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def _targets(store: GraphStore, n: int = 12) -> list[URIRef]:
    """The most-implemented documents, and one implemented only once (a short cascade)."""
    rows = store.select("SELECT ?d (COUNT(?l) AS ?n) WHERE { ?l lin:implements ?d } GROUP BY ?d ORDER BY DESC(?n) ?d")
    picked = [r["d"] for r in rows[:n]] + [r["d"] for r in rows if r["n"] == 1][:1]
    return [URIRef(d) for d in picked]


def test_the_corpus_has_the_cases_the_tuned_queries_must_keep(corpus_store):
    store, letters = corpus_store
    missing = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?l lin:implements ?x FILTER NOT EXISTS { ?l lin:issuedBy ?b } }")
    assert missing[0]["n"] > 0 and any(x.issuer is None for x in letters)
    got = store.select("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?l lin:issuedBy ?b . ?l lin:implements ?x "
                       "FILTER NOT EXISTS { ?b lin:jurisdiction ?j } }")
    assert got[0]["n"] > 0  # implementing bodies without a jurisdiction
    eras = store.select("SELECT DISTINCT ?era WHERE { ?l lin:implements ?x ; lin:issuedBy/lin:jurisdiction/lin:era ?era }")
    assert {r["era"] for r in eras} == {"old", "2025"}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_tuned_report_equals_its_plain_form(corpus_store, name):
    store, _letters = corpus_store
    tuned = get_report(name).sparql
    targets = _targets(store)
    assert len(targets) >= 5
    cases = [{"target": t} for t in targets] + ([{}] if name == "lag-by-level" else [])
    nonempty = 0
    for params in cases:
        want = _rows(store, PLAIN[name], params)
        assert _rows(store, tuned, params) == want, params
        nonempty += bool(want)
    assert nonempty == len(cases)


def test_implementers_columns_on_transitive_cascades(corpus_store):
    store, _letters = corpus_store
    levels, transitive = set(), 0
    for target in _targets(store):
        _cols, rows = run_report(store, "implementers", {"target": target})
        levels |= {r["level"] for r in rows}
        transitive += sum(not r["direct"] for r in rows)
        # a letter is direct exactly when it cites the target, whichever row it is on
        cites = {r["l"] for r in store.select("SELECT ?l WHERE { ?l lin:implements ?t }", {"t": target})}
        assert {r["letter"] for r in rows if r["direct"]} == cites
        assert all(r["province"] for r in rows if r["level"] in ("province", "district"))
    assert {"province", "district", "commune"} <= levels and transitive > 0
