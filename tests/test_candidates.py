"""Near-miss documents (``lineage candidates``): proposed with a score and evidence, never merged."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lineage.cli import main
from lineage.graph.candidates import candidates, edit_distance
from lineage.graph.store import GraphStore
from lineage.loaders.extract import extract_text

BTGTW = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO\n*\nSố 534-CV/BTGTW\nHà Nội, ngày 13 tháng 5 năm 2021\n"
         "V/v tăng cường lãnh đạo, chỉ đạo công tác phòng, chống dịch Covid-19\n\nKính gửi: Các tỉnh ủy, thành ủy.\n")
DISTRICT = ("ĐẢNG BỘ TỈNH CAO BẰNG\nHUYỆN ỦY HÒA AN\n*\nSố 20-CV/HU\nHòa An, ngày 20 tháng 5 năm 2021\n\n"
            "Thực hiện Công văn số 543-CV/BTGTW ngày 13/5/2021 của Ban Tuyên giáo Trung ương về tăng cường lãnh "
            "đạo, chỉ đạo công tác phòng, chống dịch Covid-19; Quyết định số 447/QĐ-TTg ngày 01/4/2020 của Thủ "
            "tướng Chính phủ; Công điện số 447/CĐ-TTg ngày 01/4/2020 của Thủ tướng Chính phủ, Ban Thường vụ "
            "Huyện ủy yêu cầu:\n")


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "store"
    with GraphStore(path) as gs:
        gs.load_letters([extract_text(BTGTW, file="btgtw.txt"), extract_text(DISTRICT, file="hoa-an.txt")])
    return path


def test_edit_distance_counts_a_transposition_once():
    assert (edit_distance("534", "543"), edit_distance("BTGW", "BTGTW"), edit_distance("115", "118")) == (1, 1, 1)


def test_a_mistyped_number_is_proposed_and_a_different_type_never(store):
    with GraphStore(store, read_only=True) as gs:
        found = candidates(gs)
    pairs = {(c.cited.rsplit("/", 1)[-1], c.other.rsplit("/", 1)[-1]) for c in found}
    assert ("543-cv-btgtw", "534-cv-btgtw") in pairs
    assert not any("447" in a and "447" in b for a, b in pairs)  # Quyết định and Công điện 447: two documents
    best = found[0]
    assert best.score >= 0.8 and "13" in best.evidence and "543 ~ 534" in best.evidence


def test_cli_lists_candidates_for_one_document_as_json(store):
    r = CliRunner().invoke(main, ["candidates", "534-CV/BTGTW", "--store", str(store), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert len(rows) == 1 and rows[0]["cited"].endswith("543-cv-btgtw") and rows[0]["score"] >= 0.8
    r = CliRunner().invoke(main, ["candidates", "--store", str(store), "--min-score", "0.99", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == []
