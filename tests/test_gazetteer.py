"""The administrative-unit gazetteer: counts, name variants, hierarchy, 2025 merges, eras."""

from __future__ import annotations

import dataclasses
import doctest
import gzip
import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from lineage.errors import LineageError
from lineage.reference import gazetteer as gazetteer_module
from lineage.reference.gazetteer import DATA_PATH, Gazetteer, Unit, era_for, gazetteer
from lineage.reference.normalize import canonical


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return gazetteer()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------- counts and data file


@pytest.mark.parametrize(
    ("era", "level", "count"),
    [
        ("old", "province", 63),
        # the old map as it stood at the 2025 reform has 696 districts, 5 of them island
        # districts without communes (Côn Đảo, Lý Sơn, Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa),
        # and 10,035 communes (the official count the reform reduced to 3,321)
        ("old", "district", 696),
        ("old", "commune", 10035),
        ("2025", "province", 34),
        ("2025", "district", 0),
        ("2025", "commune", 3321),
    ],
)
def test_counts(g: Gazetteer, era: str, level: str, count: int) -> None:
    assert sum(1 for _ in g.units(era, level)) == count


def test_provinces_lists_each_era(g: Gazetteer) -> None:
    assert len(g.provinces()) == 63
    assert len(g.provinces("2025")) == 34
    assert all(p.level == "province" and p.parent is None for p in g.provinces("2025"))


def test_data_file_credits_source_and_licence() -> None:
    with gzip.open(DATA_PATH, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    assert doc["licence"] == "MIT"
    assert "vietnamadminunits" in doc["credit"] and "GPL" not in json.dumps(doc["sources"])
    assert doc["licence_text"].startswith("MIT License") and "Tran Ngoc Minh Hieu" in doc["licence_text"]
    assert {s["era"] for s in doc["sources"]} == {"old", "2025"}
    assert all(s["package"] == "vietnamadminunits" and s["licence"] == "MIT" for s in doc["sources"])


def test_every_old_unit_has_a_successor(g: Gazetteer) -> None:
    # the conversion covers the whole old map (the GPL source left 28 communes without one)
    assert [u.code for u in g.units("old") if not u.merged_into] == []


def test_same_named_communes_keep_their_own_successors(g: Gazetteer) -> None:
    # the package's split lists conflate same-named communes that end up in one 2025 province;
    # the build keeps each link only for the nearer of the two
    [tan_an] = g.communes("Phường 4", province="Long An", district="Tân An")
    [tay_ninh] = g.communes("Phường 4", province="Tây Ninh", district="Tây Ninh")
    assert [w.name for w in g.merged_into(tan_an)] == ["Phường Long An"]
    assert [w.name for w in g.merged_into(tay_ninh)] == ["Phường Tân Ninh"]


def test_names_are_canonical(g: Gazetteer) -> None:
    bad = [u.name for u in g.units() if canonical(u.name) != u.name or "  " in u.name]
    assert bad == []
    assert g.get("17").name == "Tỉnh Hòa Bình"  # the package spells it "Hoà"


def test_unit_is_frozen(g: Gazetteer) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.get("22").name = "x"  # type: ignore[misc]


# ---------------------------------------------------------------- provinces by name


@pytest.mark.parametrize(
    ("query", "era", "code"),
    [
        ("Quảng Ninh", "old", "22"),
        ("tỉnh Quảng Ninh", "old", "22"),
        ("TỈNH QUẢNG NINH", "old", "22"),
        ("  Quảng   Ninh ", "old", "22"),
        ("TP. Cần Thơ", "old", "92"),
        ("TP.Cần Thơ", "old", "92"),
        ("thành phố Cần Thơ", "old", "92"),
        ("Cần Thơ", "old", "92"),
        ("tỉnh Cần Thơ", "old", "92"),  # wrong kind prefix still finds the only Cần Thơ
        ("Khánh Hoà", "old", "56"),
        ("Khánh Hòa", "old", "56"),
        ("khánh hòa", "old", "56"),
        (nfd("Khánh Hoà"), "old", "56"),
        (nfd("Thừa Thiên Huế"), "old", "46"),
        ("Hoà Bình", "old", "17"),
        ("Bà Rịa - Vũng Tàu", "old", "77"),
        ("Bà Rịa-Vũng Tàu", "old", "77"),
        ("Bà Rịa – Vũng Tàu", "old", "77"),
        ("TP.HCM", "old", "79"),
        ("TP. Hồ Chí Minh", "old", "79"),
        ("Bắc Kạn", "old", "06"),
        ("Quảng Ninh", "2025", "22"),
        ("Cần Thơ", "2025", "92"),
        ("Huế", "2025", "46"),
        ("Thái Nguyên", "2025", "19"),
    ],
)
def test_province_variants(g: Gazetteer, query: str, era: str, code: str) -> None:
    unit = g.province(query, era=era)
    assert unit is not None and unit.code == code and unit.era == era and unit.level == "province"


@pytest.mark.parametrize(
    ("query", "era"),
    [
        ("Atlantis", "old"),
        ("", "old"),
        ("Cẩm Phả", "old"),  # a district, not a province
        ("Bắc Kạn", "2025"),  # merged into Thái Nguyên
        ("Sóc Trăng", "2025"),
    ],
)
def test_province_unknown_is_none(g: Gazetteer, query: str, era: str) -> None:
    assert g.province(query, era=era) is None


def test_unknown_era_is_an_error(g: Gazetteer) -> None:
    with pytest.raises(ValueError, match="unknown era"):
        g.province("Quảng Ninh", era="2024")


# ---------------------------------------------------------------- districts and communes


@pytest.mark.parametrize(
    ("query", "code", "kind", "province"),
    [
        ("Cẩm Phả", "195", "provincial_city", "22"),  # the package types it huyện
        ("thành phố Cẩm Phả", "195", "provincial_city", "22"),
        ("TP Cẩm Phả", "195", "provincial_city", "22"),
        (nfd("Cẩm Phả"), "195", "provincial_city", "22"),
        ("Đình Lập", "189", "rural_district", "20"),
        ("huyện Đình Lập", "189", "rural_district", "20"),
        ("Bắc Kạn", "058", "provincial_city", "06"),  # "Thành Phố Bắc Kạn" in the package
        ("Quảng Yên", "206", "town", "22"),
        ("TX. Quảng Yên", "206", "town", "22"),
        ("Quận 1", "760", "urban_district", "79"),
        ("Q.1", "760", "urban_district", "79"),
        ("Thủ Đức", "769", "municipal_city", "79"),
        ("Quảng Ninh", "456", "rural_district", "44"),  # a huyện of Quảng Bình, not the province
    ],
)
def test_district_lookup(g: Gazetteer, query: str, code: str, kind: str, province: str) -> None:
    [unit] = g.districts(query)
    assert (unit.code, unit.kind, unit.level, unit.parent) == (code, kind, "district", province)


def test_cam_pha_parent_is_quang_ninh(g: Gazetteer) -> None:
    [cam_pha] = g.districts("Cẩm Phả")
    parent = g.parent(cam_pha)
    assert parent is not None and parent.name == "Tỉnh Quảng Ninh"
    assert g.province_of(cam_pha) == parent
    assert cam_pha in g.children(parent)


def test_ambiguous_district_narrowed_by_province(g: Gazetteer) -> None:
    candidates = g.districts("Châu Thành")
    assert len(candidates) >= 5
    assert len({c.parent for c in candidates}) == len(candidates)
    [narrowed] = g.districts("Châu Thành", province="Tiền Giang")
    assert narrowed.parent == "82"
    assert g.districts("huyện Châu Thành", province=g.province("Bến Tre")) == [
        c for c in candidates if c.parent == "83"
    ]
    assert g.districts("Châu Thành", province="Hà Nội") == []
    assert g.districts("Châu Thành", province="Atlantis") == []


def test_prefix_prefers_matching_kind(g: Gazetteer) -> None:
    assert {d.kind for d in g.districts("Long Mỹ")} == {"rural_district", "town"}
    assert [d.kind for d in g.districts("thị xã Long Mỹ")] == ["town"]
    assert [d.kind for d in g.districts("huyện Long Mỹ")] == ["rural_district"]


@pytest.mark.parametrize(("query", "era"), [("Atlantis", "old"), ("Cẩm Phả", "2025"), ("Hà Nội", "old")])
def test_district_unknown_is_empty(g: Gazetteer, query: str, era: str) -> None:
    assert g.districts(query, era=era) == []


def test_communes_narrowed_by_district(g: Gazetteer) -> None:
    many = g.communes("Phường 1", province="HCM")
    assert len(many) > 5
    [one] = g.communes("Phường 1", province="HCM", district="Quận 3")
    assert g.parent(one).name == "Quận 3"
    assert g.province_of(one).code == "79"


def test_find_spans_levels_and_eras(g: Gazetteer) -> None:
    found = [(u.era, u.level, u.name) for u in g.find("Bắc Kạn")]
    assert ("old", "province", "Tỉnh Bắc Kạn") in found
    assert ("old", "district", "Thành phố Bắc Kạn") in found
    assert found.index(("old", "province", "Tỉnh Bắc Kạn")) < found.index(
        ("old", "district", "Thành phố Bắc Kạn")
    )
    assert [u.level for u in g.find("Bắc Kạn", level="district")] == ["district"]
    assert all(u.era == "2025" for u in g.find("Bắc Kạn", era="2025"))
    assert g.find("Atlantis") == []


# ---------------------------------------------------------------- codes and hierarchy


def test_get_by_code(g: Gazetteer) -> None:
    assert g.get("22").name == "Tỉnh Quảng Ninh"
    assert g.get("195").name == "Thành phố Cẩm Phả"
    assert g.get("22", "2025").short_name == "Quảng Ninh"
    assert g.get("999") is None
    assert g.get("195", "2025") is None


def test_parents_and_children(g: Gazetteer) -> None:
    quang_ninh = g.get("22")
    assert g.parent(quang_ninh) is None
    assert g.province_of(quang_ninh) == quang_ninh
    assert {c.level for c in g.children(quang_ninh)} == {"district"}
    ward = g.children(g.get("195"))[0]
    assert ward.level == "commune" and g.province_of(ward) == quang_ninh
    new_qn = g.get("22", "2025")
    assert {c.level for c in g.children(new_qn)} == {"commune"}


# ---------------------------------------------------------------- centrally-run cities


def test_centrally_run_old_map(g: Gazetteer) -> None:
    codes = {p.code for p in g.provinces() if g.is_centrally_run(p)}
    # Hà Nội, Hải Phòng, Huế (since 2025-01-01), Đà Nẵng, Hồ Chí Minh, Cần Thơ
    assert codes == {"01", "31", "46", "48", "79", "92"}


@pytest.mark.parametrize(
    ("name", "era", "expected"),
    [
        ("Cần Thơ", "old", True),
        ("Cần Thơ", "2025", True),
        ("Huế", "2025", True),
        ("Hà Nội", "2025", True),
        ("Cao Bằng", "old", False),
        ("Cao Bằng", "2025", False),
        ("Sóc Trăng", "old", False),
    ],
)
def test_is_centrally_run(g: Gazetteer, name: str, era: str, expected: bool) -> None:
    assert g.is_centrally_run(g.province(name, era=era)) is expected


def test_district_is_not_centrally_run(g: Gazetteer) -> None:
    assert not g.is_centrally_run(g.districts("Thủ Đức")[0])


# ---------------------------------------------------------------- 2025 merges


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Cao Bằng", "Cao Bằng"),
        ("Lạng Sơn", "Lạng Sơn"),
        ("Quảng Ninh", "Quảng Ninh"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("Thái Nguyên", "Thái Nguyên"),
        ("Cần Thơ", "Cần Thơ"),
        ("Sóc Trăng", "Cần Thơ"),
        ("Hậu Giang", "Cần Thơ"),
        ("Hà Giang", "Tuyên Quang"),
        ("Yên Bái", "Lào Cai"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Hải Dương", "Hải Phòng"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Bạc Liêu", "Cà Mau"),
    ],
)
def test_province_merges(g: Gazetteer, old: str, new: str) -> None:
    assert [p.short_name for p in g.merged_into(g.province(old))] == [new]


def test_every_old_province_has_one_successor(g: Gazetteer) -> None:
    successors = {p.code: g.merged_into(p) for p in g.provinces()}
    assert all(len(s) == 1 and s[0].era == "2025" for s in successors.values())
    assert {s[0].code for s in successors.values()} == {p.code for p in g.provinces("2025")}


def test_merged_from(g: Gazetteer) -> None:
    can_tho = g.province("Cần Thơ", era="2025")
    assert sorted(p.short_name for p in g.merged_from(can_tho)) == ["Cần Thơ", "Hậu Giang", "Sóc Trăng"]
    assert g.merged_from(g.province("Cần Thơ")) == []  # an old unit has no predecessors here


def test_commune_and_district_successors(g: Gazetteer) -> None:
    [truc_bach] = g.communes("Trúc Bạch", province="Hà Nội")
    assert [w.name for w in g.merged_into(truc_bach)] == ["Phường Ba Đình"]
    [cam_pha] = g.districts("Cẩm Phả")
    wards = g.merged_into(cam_pha)
    assert wards and all(w.level == "commune" and w.parent == "22" for w in wards)
    [con_dao] = g.districts("Côn Đảo")  # an island district without communes
    assert [(w.name, w.kind, w.parent) for w in g.merged_into(con_dao)] == [
        ("Đặc khu Côn Đảo", "special_zone", "79")
    ]


# ---------------------------------------------------------------- eras


@pytest.mark.parametrize(
    ("when", "era"),
    [
        ("2021-05-28", "old"),
        ("2025-06-30", "old"),
        ("2025-07-01", "2025"),
        ("2026-01-15", "2025"),
        ("2025-07-01T08:00:00", "2025"),
        (date(2025, 7, 1), "2025"),
        (date(2024, 12, 31), "old"),
        (None, None),
        ("", None),
    ],
)
def test_era_for(g: Gazetteer, when: str | date | None, era: str | None) -> None:
    assert g.era_for(when) == era
    assert era_for(when) == era


def test_era_for_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        era_for("28/5/2021")


# ---------------------------------------------------------------- loading


def test_loader_is_cached() -> None:
    assert gazetteer() is gazetteer()


def test_missing_data_file_names_the_file(tmp_path) -> None:
    missing = tmp_path / "admin_units.json.gz"
    with pytest.raises(LineageError, match="admin_units.json.gz.*build_gazetteer"):
        Gazetteer.load(missing)


def test_corrupt_data_file_is_a_lineage_error(tmp_path) -> None:
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(b"{not json"))
    with pytest.raises(LineageError, match="bad.json.gz"):
        Gazetteer.load(bad)


def test_unit_str_is_its_name() -> None:
    unit = Unit("22", "Tỉnh Quảng Ninh", "Quảng Ninh", "province", "province", "old", None)
    assert str(unit) == "Tỉnh Quảng Ninh"


def test_doc_examples() -> None:
    doc = Path(__file__).resolve().parent.parent / "docs" / "gazetteer.md"
    result = doctest.testfile(str(doc), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


def test_docstring_examples() -> None:
    result = doctest.testmod(gazetteer_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


def test_the_extractors_cutover_is_the_gazetteers(g: Gazetteer) -> None:
    from lineage.loaders.issuer import CUTOVER, era_for

    assert CUTOVER == g.cutover
    assert (era_for(g.cutover), g.era_for(g.cutover)) == ("2025", "2025")


def test_a_name_spelled_without_its_tone_mark_is_the_one_unit_it_folds_to(g: Gazetteer) -> None:
    """"Đăk Nông", "Đăk R’lấp" (a curly apostrophe): the one unit each folds to; "Thạnh Trì" folds like both Thanh Trì
    (Hà Nội) and Thạnh Trị (Sóc Trăng), so it names neither."""
    prov = g.province("Đăk Nông")
    assert prov is not None and prov.short_name == "Đắk Nông"
    assert [d.short_name for d in g.districts("huyện Đăk R’lấp")] == ["Đắk R'Lấp"]
    assert g.districts("Thạnh Trì") == []
