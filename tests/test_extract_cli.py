"""`lineage extract` as a user meets it: several files, some bad, every format, and --help."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner
from fpdf import FPDF

from lineage.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LETTER = [
    "TỈNH ỦY KHÁNH HÒA",
    "Số 77-CV/TU",
    "V/v triển khai Chỉ thị số 05-CT/TW",
    "Khánh Hòa, ngày 3 tháng 6 năm 2021",
    "Kính gửi: Các huyện ủy, thị ủy, thành ủy.",
    "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu:",
    "1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Y tế triển khai.",
    "Nơi nhận:",
    "- Như trên,",
    "- Lưu VPTU.",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Nguyễn Văn An",
]


def _pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=11)
    for line in LETTER:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def _docx(path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)  # the two-column header of real letters
    table.cell(0, 0).text = "TỈNH ỦY KHÁNH HÒA\nSố 77-CV/TU"
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM\nKhánh Hòa, ngày 3 tháng 6 năm 2021"
    for line in LETTER[2:]:
        d.add_paragraph(line)
    d.save(str(path))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "003_cebb7259d5155d23.txt", tmp_path / "a_seed.txt")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    sub = tmp_path / "nested"
    sub.mkdir()
    _pdf(sub / "d_letter.pdf")
    _docx(sub / "e_letter.docx")
    return tmp_path


def test_bad_files_get_one_line_each_and_the_rest_is_extracted(corpus: Path) -> None:
    r = CliRunner().invoke(main, ["extract", str(corpus)])
    assert r.exit_code == 1
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["file"] for d in records] == ["a_seed.txt", "d_letter.pdf", "e_letter.docx"]
    errors = r.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("Error: ") and "b_empty.txt" in errors[0]
    assert "c_binary.txt" in errors[1]


@pytest.mark.parametrize("name", ["d_letter.pdf", "e_letter.docx"])
def test_pdf_and_docx_letters_are_extracted(corpus: Path, name: str) -> None:
    r = CliRunner().invoke(main, ["extract", str(corpus / "nested" / name)])
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    assert (d["number"], d["symbol"], d["date"], d["issuer"]) == ("77", "CV/TU", "2021-06-03", "Tỉnh ủy Khánh Hòa")
    c = d["citations"][0]
    assert (c["number"], c["symbol"], c["issuer"], c["relation"]) == ("05", "CT/TW", "Bộ Chính trị", "implements")
    assert d["signer"]["name"] == "Nguyễn Văn An"


def test_json_and_table_formats(corpus: Path) -> None:
    seed = str(corpus / "a_seed.txt")
    r = CliRunner().invoke(main, ["extract", seed, "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["number"] == "156"
    r = CliRunner().invoke(main, ["extract", seed, "--format", "table"])
    assert r.exit_code == 0
    header, _, row = r.stdout.splitlines()[:3]
    assert header.split()[:3] == ["file", "doc", "date"] and "156-CV/TU" in row


def test_missing_path_is_one_error_line(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "nope.txt" in r.stderr


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize("path", [(), *_commands(main)], ids=lambda p: " ".join(p) or "lineage")
def test_every_help_teaches_with_an_example(path: tuple[str, ...]) -> None:
    r = CliRunner().invoke(main, [*path, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.output and "lineage" in r.output.split("Example", 1)[1]
