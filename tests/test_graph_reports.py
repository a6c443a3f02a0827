"""The reports reproduce the propagation facts of corpus/README.md; references resolve or fail loudly."""
from __future__ import annotations

import pytest
from graph_helpers import doc, gold_letters

from lineage.errors import LineageError, ResolveError
from lineage.graph.rdf.reports import reports, run_report, run_sparql
from lineage.graph.rdf.resolve_ref import resolve_doc
from lineage.graph.rdf.store import GraphStore
from lineage.graph.rdf.validate import validate_store
from lineage.models import Letter

BTGTW = doc("ban-tuyen-giao-trung-uong/2021/534-cv-btgtw")
TTG = doc("thu-tuong-chinh-phu/2020/1699-cd-ttg")
QN = doc("tinh-uy-quang-ninh/old-22/2020/132-cv-tu")
BK = doc("tinh-uy-bac-kan/old-06/2021/201-cv-tu")


@pytest.fixture(scope="module")
def store():
    s = GraphStore(None)
    s.load_letters(gold_letters())
    return s


def _impl(store, target):
    _cols, rows = run_report(store, "implementers", {"target": target})
    return {(r["identifier"], r["issuer"], r["lag_days"]) for r in rows}


def test_534_is_implemented_by_cao_bang_and_can_tho(store):
    assert _impl(store, BTGTW) == {("182-CV/TU", "Tỉnh ủy Cao Bằng", 5), ("168-CV/TU", "Thành ủy Cần Thơ", 15)}


def test_cam_pha_implements_both_the_telegram_and_the_province_letter(store):
    assert _impl(store, TTG) == {("156-CV/TU", "Thành ủy Cẩm Phả", 7)}
    assert _impl(store, QN) == {("156-CV/TU", "Thành ủy Cẩm Phả", 0)}


def test_bac_kan_city_implements_the_province_letter_in_two_days(store):
    _cols, rows = run_report(store, "propagation-tree", {"target": BK})
    assert [(r["parent_identifier"], r["child_identifier"], r["child_issuer"], r["lag_days"]) for r in rows] == [
        ("201-CV/TU", "183-CV/TU", "Thành ủy Bắc Kạn", 2)]


def test_lang_son_follows_up_1879(store):
    rows = run_sparql(store, "SELECT DISTINCT ?d ?id ?date WHERE { ?l lin:followsUp ?d . ?l lin:issuedBy/skos:prefLabel "
                             "'Tỉnh ủy Lạng Sơn'@vi . ?d dcterms:identifier ?id ; lin:date ?date }")
    assert rows == [{"d": doc("tinh-uy-lang-son/old-20/2020/1879-cv-tu"), "id": "1879-CV/TU", "date": "2020-07-30"}]


def test_transitive_implementers():
    """A commune letter implementing Cẩm Phả's letter is a transitive implementer of 1699/CĐ-TTg."""
    s = GraphStore(None, hierarchy=False)
    commune = Letter.from_dict({"file": "x.txt", "doc_type": "Công văn", "number": "7", "symbol": "CV/ĐU",
                                "issuer": "Đảng ủy phường Cẩm Thành", "issuer_level": "commune", "date": "2020-12-12",
                                "citations": [{"doc_type": "Công văn", "number": "156", "symbol": "CV/TU",
                                               "date": "2020-12-09", "issuer": "Thành ủy Cẩm Phả",
                                               "relation": "implements", "evidence": "Thực hiện …"}]})
    s.load_letters([*gold_letters(), commune])
    _cols, rows = run_report(s, "implementers", {"target": TTG})
    got = {(r["identifier"], r["direct"], r["lag_days"]) for r in rows}
    assert got == {("156-CV/TU", True, 7), ("7-CV/ĐU", False, 10)}


def test_lag_by_level(store):
    _cols, rows = run_report(store, "lag-by-level")
    got = {(r["level"], r["province"]): (r["count"], r["min"], r["median"], r["max"]) for r in rows}
    assert got == {("province", "Tỉnh Cao Bằng"): (1, 5, 5, 5), ("province", "Thành phố Cần Thơ"): (1, 15, 15, 15),
                   ("district", "Tỉnh Quảng Ninh"): (2, 0, 3.5, 7), ("district", "Tỉnh Bắc Kạn"): (1, 2, 2, 2)}


def test_lag_by_level_below_a_target_keeps_only_its_cascade(store):
    # the 534-CV/BTGTW cascade: Cao Bằng and Cần Thơ answer it; the Quảng Ninh and Bắc Kạn letters answer others
    _cols, rows = run_report(store, "lag-by-level", {"target": BTGTW})
    got = {(r["level"], r["province"]): (r["count"], r["min"], r["max"]) for r in rows}
    assert got == {("province", "Tỉnh Cao Bằng"): (1, 5, 5), ("province", "Thành phố Cần Thơ"): (1, 15, 15)}
    _cols, rows = run_report(store, "lag-by-level", {"target": QN})
    assert {(r["level"], r["province"], r["count"]) for r in rows} == {("district", "Tỉnh Quảng Ninh", 1)}


def test_only_with_marks_must_name_an_optional_parameter():
    from lineage.graph.rdf.reports import _parse

    text = "# r — x\n# Params:  target (IRI, required) — t\nSELECT * WHERE {\n ?a ?b ?target .  # only with: target\n}"
    with pytest.raises(LineageError, match="only with: target.*names no optional parameter"):
        _parse("r", text)


def test_not_yet_implemented(store):
    _cols, rows = run_report(store, "not-yet-implemented", {"target": BTGTW})
    names = {r["name"] for r in rows}
    assert len(rows) == 61 and "Tỉnh Cao Bằng" not in names and "Thành phố Cần Thơ" not in names
    qn = doc("x").replace("doc/x", "unit/old/22")
    _cols, rows = run_report(store, "not-yet-implemented", {"target": QN, "province": qn})
    names = {r["name"] for r in rows}
    assert "Thành phố Cẩm Phả" not in names and "Thành phố Hạ Long" in names and len(rows) == 12


def test_citations_and_assignments(store):
    _cols, rows = run_report(store, "citations", {"target": QN})
    assert [(r["direction"], r["relation"], r["other_identifier"]) for r in rows] == [
        ("cited-by", "implements", "156-CV/TU")]
    assert "132-CV/TU" in rows[0]["evidence"]
    _cols, rows = run_report(store, "assignments", {"target": doc("thanh-uy-cam-pha/old-195/2020/156-cv-tu")})
    assert ("3", "lead", "Công an thành phố Cẩm Phả") in {(r["item"], r["role"], r["body_name"]) for r in rows}


def test_report_headers_and_parameter_checks(store):
    assert set(reports()) >= {"implementers", "propagation-tree", "lag-by-level", "not-yet-implemented",
                              "assignments", "citations"}
    for rep in reports().values():
        assert rep.title and rep.columns
    with pytest.raises(LineageError, match="missing parameter"):
        run_report(store, "implementers", {})
    with pytest.raises(LineageError, match="not an absolute IRI"):
        run_report(store, "implementers", {"target": "> } DROP ALL ; #"})


@pytest.mark.parametrize("ref, kw, iri", [
    ("534-CV/BTGTW", {}, BTGTW), ("1699/CĐ-TTg", {}, TTG), ("1699/CD-TTg", {}, TTG), (" 132-CV/TU ", {}, QN),
    (BK, {}, BK), ("201-CV/TU", {"issuer": "Tỉnh ủy Bắc Kạn", "year": 2021}, BK),
])
def test_resolve(store, ref, kw, iri):
    assert resolve_doc(store, ref, **kw) == iri


def test_resolve_ambiguous_and_unknown():
    s = GraphStore(None, hierarchy=False)
    other = Letter(file="o.txt", doc_type="Công văn", number="132", symbol="CV/TU", issuer="Tỉnh ủy Cao Bằng",
                   issuer_level="province", date="2021-01-04")
    s.load_letters([*gold_letters(), other])
    with pytest.raises(ResolveError, match="ambiguous") as e:
        resolve_doc(s, "132-CV/TU")
    assert len(e.value.candidates) == 2
    assert resolve_doc(s, "132-CV/TU", year=2021) == doc("tinh-uy-cao-bang/old-04/2021/132-cv-tu")
    assert resolve_doc(s, "132-CV/TU", issuer="Quảng Ninh") == QN
    with pytest.raises(ResolveError, match="no document"):
        resolve_doc(s, "999-CV/TU")
    with pytest.raises(ResolveError, match="not a document reference"):
        resolve_doc(s, "hello")
    for bad in ('http://example.org/a"b', "http://example.org/a{b", "urn:x:a|b"):  # one clear error, not the store's
        with pytest.raises(ResolveError, match="not a valid IRI"):
            resolve_doc(s, bad)


def test_seeds_conform_to_the_shapes(store):
    assert validate_store(store) == []


def test_the_header_ends_at_a_bare_comment_line():
    """Notes after a bare '#' (and comments inside the query) are not header fields."""
    from lineage.graph.rdf.reports import _parse

    text = ("# r — one line\n# Params:  target (IRI, required) — t\n# Columns: a, b\n# summary: group=a value=b\n"
            "#\n# Shaped for the planner: see docs, with a=1 and words\n"
            "SELECT ?a ?b WHERE {\n  # Columns: c\n  ?a ?b ?target .\n}")
    rep = _parse("r", text)
    assert rep.columns == ("a", "b") and rep.summary == (("a",), "b") and "planner" not in rep.header
