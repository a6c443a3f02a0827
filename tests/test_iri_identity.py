"""Document identity: which spellings of a reference are one node."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lineage.cli import main
from lineage.graph.rdf.iri import Minter
from lineage.graph.rdf.store import GraphStore

M = Minter("https://example.org/id/")


@pytest.mark.parametrize(
    "a, b",
    [
        # leading zeros are not part of the number
        (("Bộ Chính trị", "05", "CT/TW", 2016), ("Bộ Chính trị", "5", "CT/TW", 2016)),
        # central symbols are national: whoever the citing text credits, 24-QĐ/TW is one document
        (("Ban Bí thư", "24", "QĐ/TW", 2019), ("Ban Chấp hành Trung ương", "24", "QĐ/TW", 2019)),
        (("Thủ tướng Chính phủ", "1699", "CĐ-TTg", 2020), (None, "1699", "CĐ-TTg", 2020)),
        # tone-mark spellings of the issuer
        (("Tỉnh ủy Khánh Hòa", "12", "CV/TU", 2021), ("Tỉnh uỷ Khánh Hoà", "12", "CV/TU", 2021)),
    ],
)
def test_same_document(a: tuple, b: tuple) -> None:
    assert M.document(*a) == M.document(*b)


@pytest.mark.parametrize(
    "a, b",
    [
        # local symbols are shared by every province: the issuer is part of the identity
        (("Tỉnh ủy Quảng Ninh", "132", "CV/TU", 2020), ("Tỉnh ủy Cao Bằng", "132", "CV/TU", 2020)),
        # numbers restart every year
        (("Tỉnh ủy Quảng Ninh", "132", "CV/TU", 2020), ("Tỉnh ủy Quảng Ninh", "132", "CV/TU", 2021)),
    ],
)
def test_different_documents(a: tuple, b: tuple) -> None:
    assert M.document(*a) != M.document(*b)


HOMONYMS = Path(__file__).parent / "data" / "homonyms"


def test_two_committees_whose_names_slug_alike_stay_two(tmp_path: Path) -> None:
    """Huyện ủy Thanh Trì (Hà Nội) and Huyện ủy Thạnh Trị (Sóc Trăng) both write 12-CV/HU in 2021.

    Read from their text (``tests/data/homonyms``), loaded into one store: two bodies, two letters,
    and each letter implements only the central document it cites.
    """
    store = tmp_path / "store"
    r = CliRunner().invoke(main, ["load", str(HOMONYMS), "--store", str(store)])
    assert r.exit_code == 0, r.output
    with GraphStore(store, read_only=True) as s:
        bodies = s.select("SELECT ?b (GROUP_CONCAT(?n; separator='|') AS ?names) WHERE { ?l lin:issuedBy ?b . "
                          "?l dcterms:identifier ?id . ?b skos:prefLabel ?n FILTER(STRSTARTS(?id, '12-')) } GROUP BY ?b")
        assert sorted(r["names"] for r in bodies) == ["Huyện ủy Thanh Trì", "Huyện ủy Thạnh Trị"]
    rows = {}
    for ref in ("534-CV/BTGTW", "118-HD/BTGTW"):
        out = CliRunner().invoke(main, ["implementers", ref, "--store", str(store), "--format", "json"])
        assert out.exit_code == 0, out.output
        rows[ref] = [(x["issuer"], x["province"], x["date"]) for x in json.loads(out.output)]
    assert rows == {"534-CV/BTGTW": [("Huyện ủy Thanh Trì", "Thành phố Hà Nội", "2021-05-20")],
                    "118-HD/BTGTW": [("Huyện ủy Thạnh Trị", "Tỉnh Sóc Trăng", "2021-03-15")]}


def test_a_body_is_keyed_by_its_unit_not_its_spelling() -> None:
    # the key decides; the name is a label (and the readable part of the path)
    assert M.body("Huyện ủy Thanh Trì", "Huyện ủy@old:020") != M.body("Huyện ủy Thạnh Trị", "Huyện ủy@old:949")
    assert M.body("Tỉnh ủy Cao Bằng", "Tỉnh ủy@old:04") == M.body("Tỉnh uỷ Cao Bằng", "Tỉnh ủy@old:04")
    # unplaced names differing only in diacritics stay apart; tone-mark spellings of one name meet
    assert M.body("Đảng ủy Khối Thanh Trì") != M.body("Đảng ủy Khối Thạnh Trị")
    assert M.body("Đảng ủy Khối Khánh Hòa") == M.body("Đảng ủy Khối Khánh Hoà")
    # a national body by its gazetteer name, whatever alias the text used
    assert M.body("Ban Tuyên giáo TW") == M.body("Ban Tuyên giáo Trung ương")


@pytest.mark.parametrize(
    "header, name",
    [
        # "thị xã" is a district-level unit: its "xã" does not make the body a commune's
        ("ỦY BAN NHÂN DÂN\nTHỊ XÃ SÔNG CẦU", "Ủy ban nhân dân thị xã Sông Cầu"),
        # a district whose name repeats its unit word ("quận Quận 8") keeps one unit word in its key
        ("ỦY BAN NHÂN DÂN\nQUẬN 8", "Ủy ban nhân dân quận Quận 8"),
    ],
)
def test_a_body_named_in_another_letter_gets_the_key_its_own_letter_gives_it(header: str, name: str) -> None:
    # the extractor keys a letter's issuer; a recipient or assignee written by name is keyed by the graph:
    # the two must agree, or one body becomes two nodes
    from lineage.graph.rdf.places import places
    from lineage.loaders.extract import extract_text

    own = extract_text(f"{header}\nSố: 12/UBND-VP\nngày 3 tháng 4 năm 2021\nV/v thử\n", "x.txt")
    assert own.issuer_key
    for spelling in (own.issuer, name):
        writer = places().writer(None, None, own.issuer_province)
        assert places().key_of(spelling, own=writer, era="old") == own.issuer_key


def test_an_assignee_named_without_a_place_is_the_writers_provinces() -> None:
    """"Giao Sở Y tế chủ trì …" in letters of two provinces: two bodies, each keyed to its letter's province, as the
    extractor's resolver reads "Sở Y tế" from where the writer stands (one resolver for extraction and graph)."""
    from rdflib import URIRef

    from lineage.graph.rdf.build import build_letter
    from lineage.loaders.extract import extract_text
    from lineage.reference.resolver import resolve_body

    lead = URIRef("https://w3id.org/directive-lineage/ontology#lead")
    found = {}
    for province in ("QUẢNG NAM", "NGHỆ AN"):
        letter = extract_text(f"ỦY BAN NHÂN DÂN\nTỈNH {province}\nSố: 12/UBND-VX\n, ngày 3 tháng 4 năm 2021\n"
                              "V/v phòng dịch\n\n1. Giao Sở Y tế chủ trì, phối hợp với các địa phương triển khai.\n")
        graph = build_letter(letter).graph
        found[province] = {str(o) for o in graph.objects(None, lead)}
        own = resolve_body(letter.issuer or "", "", None)[0]
        want = resolve_body("Sở Y tế", "", own)[0]
        assert want is not None and want.key is not None
        assert any(want.key.split("@")[1].replace(":", "-") in iri for iri in found[province]), found
    assert found["QUẢNG NAM"] and not found["QUẢNG NAM"] & found["NGHỆ AN"]
