"""Reading letter files: encodings, PDF, DOCX, legacy fonts and every way a file can be unreadable.

Every fixture is made here, in ``tmp_path``, from the seed letters.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import unicodedata
from pathlib import Path

import docx
import pytest
from fixture_paths import SEEDS as SEED_DIR
from fpdf import FPDF

from lineage.errors import ReadError
from lineage.loaders import legacy
from lineage.loaders.read import iter_sources, read_source

SEEDS = sorted(SEED_DIR.glob("*.txt"))
SEED = SEEDS[1].read_text("utf-8")  # has no "Ủy"/"Ở" written in mixed case, so TCVN3 reads back exactly
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADER_LEFT = ["ĐẢNG BỘ TỈNH QUẢNG NINH", "THÀNH ỦY CẨM PHẢ", "*", "Số 156-CV/TU"]
HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Cẩm Phả, ngày 09 tháng 12 năm 2020"]
BODY = ["Kính gửi: Các chi, đảng bộ trực thuộc Thành ủy.", "Thực hiện Công văn số 168-CV/TU ngày 28/5/2021."]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read_error(path: Path, *fragments: str) -> str:
    """Read ``path`` expecting a ReadError; check it is one line naming the file and the problem."""
    with pytest.raises(ReadError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert info.value.path == str(path)
    for fragment in fragments:
        assert fragment in message
    return message


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed where the code page has the letter, else base + tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tone = next(c for c in marks if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", marks.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def make_pdf(lines_per_page: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=DEJAVU)
    pdf.set_font("DejaVu", size=12)
    for lines in lines_per_page:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_docx(body: list[str] = BODY) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in body:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- text encodings -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SEED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SEED.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SEED.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SEED.encode("utf-16-be"), "utf-16-be"),
        (SEED.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by its NUL bytes
        (SEED.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SEED.encode("utf-32-le"), "utf-32-le"),  # its mark starts with UTF-16-LE's
        (codecs.BOM_UTF32_BE + SEED.encode("utf-32-be"), "utf-32-be"),
        (SEED.encode("utf-32-le"), "utf-32-le"),  # no BOM: three NULs in every four bytes
        (SEED.encode("utf-32-be"), "utf-32-be"),
        (cp1258(SEED), "cp1258"),
        (legacy.from_unicode(SEED, "tcvn3"), "tcvn3"),
        (legacy.from_unicode(SEED, "vni"), "vni"),
        (legacy.from_unicode(SEED, "vni").decode("cp1252").encode("utf-8"), "utf-8+vni"),
        (legacy.from_unicode(SEED, "tcvn3").decode("cp1252").encode("utf-8"), "utf-8+tcvn3"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32le-bom", "utf32be-bom",
         "utf32le", "utf32be", "cp1258", "tcvn3", "vni",
         "vni-mojibake", "tcvn3-mojibake"],
)  # fmt: skip
def test_text_encodings_read_back_the_original(tmp_path, data, encoding):
    path = write(tmp_path, "letter.txt", data)
    source = read_source(path)
    assert source.text == SEED
    assert (source.encoding, source.kind, source.path) == (encoding, "txt", str(path))
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    legacy_read = "tcvn3" in encoding or "vni" in encoding or encoding == "cp1258"
    assert bool(source.warnings) == legacy_read


def test_markdown_keeps_its_markup_and_kind(tmp_path):
    text = "**ĐẢNG CỘNG SẢN VIỆT NAM**\n\nSố 156<sup>\\*</sup>-CV/TU\n"
    source = read_source(write(tmp_path, "a.md", text.encode()))
    assert (source.text, source.kind, source.encoding, source.warnings) == (text, "md", "utf-8", [])


def test_tcvn3_letter_with_lone_capitals_differs_only_in_their_case(tmp_path):
    original = SEEDS[0].read_text("utf-8")
    source = read_source(write(tmp_path, "old.txt", legacy.from_unicode(original, "tcvn3")))
    assert source.encoding == "tcvn3"
    assert source.text != original and source.text.lower() == original.lower()
    assert "ủy ban nhân dân" in source.text  # "Ủy" typed in the .VnTimeH font: its case is not in the bytes
    assert any("capitals" in w for w in source.warnings)


def test_vni_mojibake_in_utf8_from_the_issue(tmp_path):
    data = "UÛY BAN NHAÂN DAÂN TÆNH LAÏNG SÔN\nUûy ban nhaân daân huyeän, Vieät Nam\n".encode()
    source = read_source(write(tmp_path, "copy-paste.txt", data))
    assert source.text == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nỦy ban nhân dân huyện, Việt Nam\n"
    assert source.encoding == "utf-8+vni"
    assert source.warnings == ["VNI-Windows text stored as utf-8 mojibake was converted to Unicode"]


def test_text_truncated_inside_a_utf8_character_keeps_the_rest(tmp_path):
    data = SEED.encode("utf-8")
    start = data.index("Việt".encode()) + 2  # where the 3 bytes of "ệ" begin
    source = read_source(write(tmp_path, "cut.txt", data[: start + 2]))
    assert source.text == data[:start].decode("utf-8")
    assert source.text.endswith(" Vi")
    assert source.warnings == [f"truncated UTF-8 sequence at byte {start}: the incomplete character was dropped"]


def test_utf16_truncated_to_an_odd_length_keeps_the_rest(tmp_path):
    data = codecs.BOM_UTF16_LE + "Kính gửi".encode("utf-16-le")
    source = read_source(write(tmp_path, "cut16.txt", data + b"\x41"))
    assert source.text == "Kính gửi"
    assert source.warnings[0].startswith("truncated UTF-16 sequence at byte 18")


# --- PDF and DOCX -------------------------------------------------------------------------
def test_pdf_text_layer(tmp_path):
    pages = [HEADER_RIGHT + ["Số: 1699/CĐ-TTg"], BODY]
    source = read_source(write(tmp_path, "letter.pdf", make_pdf(pages)))
    assert source.text == "\n".join(pages[0]) + "\n" + "\n".join(pages[1])
    assert (source.kind, source.encoding, source.warnings) == ("pdf", "unicode", [])


def test_docx_reads_header_table_then_body_in_order(tmp_path):
    data = make_docx()
    source = read_source(write(tmp_path, "letter.docx", data))
    assert source.text.split("\n") == HEADER_LEFT + HEADER_RIGHT + BODY
    assert (source.kind, source.encoding, source.sha256) == ("docx", "unicode", hashlib.sha256(data).hexdigest())


def test_docx_merged_cell_is_read_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "UBND TỈNH LẠNG SƠN"
    table.cell(0, 1).text, table.cell(1, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lạng Sơn, ngày 5/6/2021"
    out = io.BytesIO()
    document.save(out)
    text = read_source(write(tmp_path, "merged.docx", out.getvalue())).text
    assert text.split("\n") == ["UBND TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lạng Sơn, ngày 5/6/2021"]


def test_docx_typed_in_a_vni_font_is_converted(tmp_path):
    body = [legacy.from_unicode(line, "vni").decode("cp1252") for line in BODY]
    source = read_source(write(tmp_path, "vni.docx", make_docx(body)))
    assert source.text.split("\n")[-2:] == BODY
    assert source.encoding == "vni"
    assert source.warnings == ["the document used a VNI-Windows font: its text was converted to Unicode"]


# --- unreadable files ---------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"


@pytest.mark.parametrize(
    ("name", "data", "fragments"),
    [
        ("empty.txt", b"", ["empty file (0 bytes)"]),
        ("blank.txt", b"  \r\n\t\n \n", ["contains only whitespace"]),
        ("blank16.txt", codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), ["contains only whitespace"]),
        ("image.txt", PNG, ["binary file (a PNG image), not text"]),
        ("blob.txt", bytes(range(256)) * 4, ["binary file (contains NUL bytes)"]),
        ("ctrl.md", b"abc\x01\x02\x03\x04\x05 def", ["binary file (5 control bytes in the first 12)"]),
        ("latenul.txt", SEED.encode("utf-8") + b"\n" * 9000 + b"ab\x00\x00cd",
         [f"NUL byte at byte {len(SEED.encode()) + 9002}: the file is text only up to there"]),
        ("wrong.txt", b"%PDF-1.4\x00\x01", ["binary file (a PDF document)"]),
        ("latin.txt", b"hello \xff\xfe world " + bytes(range(0xA0, 0x100)), ["undecodable text: invalid UTF-8 at byte 6"]),
        ("bom.txt", codecs.BOM_UTF8 + b"ok \xff\xfe", ["UTF-8 byte-order mark but has invalid UTF-8 at byte 6"]),
        ("scan.pdf", b"", ["empty file"]),
        ("bad.pdf", b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n", ["corrupt PDF ("]),
        ("image.pdf", PNG, ["not a PDF file (a PNG image)"]),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ["old Word .doc file", "save it as .docx"]),
        ("text.docx", "Kính gửi".encode(), ["not a DOCX file (not a zip archive)"]),
    ],
)  # fmt: skip
def test_unreadable_files(tmp_path, name, data, fragments):
    read_error(write(tmp_path, name, data), *fragments)


def test_mixed_legacy_encodings_are_refused_not_turned_into_mojibake(tmp_path):
    lines = SEED.split("\n")
    half = len(lines) // 2
    data = (
        legacy.from_unicode("\n".join(lines[:half]), "tcvn3")
        + b"\n"
        + legacy.from_unicode("\n".join(lines[half:]), "vni")
    )
    message = read_error(write(tmp_path, "mixed.txt", data), "looks like", "could not convert it confidently")
    assert "VNI-Windows" in message or "TCVN3 (ABC)" in message


def test_pdf_without_text_layer(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a "scanned" page: graphics, no text
    read_error(write(tmp_path, "scan.pdf", bytes(pdf.output())), "PDF has no text layer (scanned image?); OCR it first")


def test_a_pdf_with_more_pages_than_a_letter_is_refused_before_reading_them(tmp_path, monkeypatch):
    from lineage.loaders import read

    monkeypatch.setattr(read, "MAX_PAGES", 3)
    read_error(write(tmp_path, "book.pdf", make_pdf([BODY] * 4)),
               "PDF has 4 pages, too many for one letter (the limit is 3, set LINEAGE_MAX_PAGES to change it)")
    assert read.read_source(write(tmp_path, "ok.pdf", make_pdf([BODY] * 3))).text.count("168-CV/TU") == 3


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_pdf(tmp_path, keep):
    data = make_pdf([BODY])
    read_error(write(tmp_path, "cut.pdf", data[: int(len(data) * keep)]), "truncated PDF (no %%EOF marker at the end)")


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_docx(tmp_path, keep):
    data = make_docx()
    read_error(write(tmp_path, "cut.docx", data[: int(len(data) * keep)]), "corrupt or truncated DOCX (")


def test_missing_file_directory_and_unsupported_type(tmp_path):
    read_error(tmp_path / "nowhere.txt", "no such file")
    read_error(tmp_path / "nowhere.doc", "no such file")
    read_error(tmp_path, "is a directory, not a file")
    read_error(
        write(tmp_path, "letter.rtf", b"{\\rtf1 Kinh gui}"), "unsupported file type '.rtf'", ".txt, .md, .pdf or .docx"
    )
    read_error(write(tmp_path, "README", b"hello"), "unsupported file type '(no extension)'")


# --- walking folders ----------------------------------------------------------------------
def test_iter_sources_walks_sorted_skips_hidden_and_other_types(tmp_path):
    for name in [
        "b/2.txt",
        "b/10.md",
        "b/sub/z.PDF",
        "a.docx",
        "c.txt",
        "notes.rtf",
        "b/img.png",
        ".hidden.txt",
        ".git/x.txt",
        "b/.cache/y.txt",
        "b/sub/deeper/a.txt",
    ]:
        write(tmp_path, name, b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_sources([tmp_path])]
    assert found == ["a.docx", "b/10.md", "b/2.txt", "b/sub/deeper/a.txt", "b/sub/z.PDF", "c.txt"]
    assert [p.name for p in iter_sources([tmp_path], extensions=[".md"])] == ["10.md"]


def test_iter_sources_keeps_given_files_in_order_once(tmp_path):
    write(tmp_path, "d/x.txt", b"x")
    given = [tmp_path / "notes.rtf", tmp_path / "missing.txt", tmp_path / "d", tmp_path / "d" / "x.txt"]
    assert list(iter_sources(given)) == [tmp_path / "notes.rtf", tmp_path / "missing.txt", tmp_path / "d" / "x.txt"]


def test_every_seed_reads_as_utf8_unchanged():
    for path in SEEDS:
        source = read_source(path)
        assert source.text == path.read_text("utf-8")
        assert (source.encoding, source.warnings) == ("utf-8", [])


# A Unicode scan with OCR damage (cut from pjj-2b15241a29e6 in shared/corpus/fulltext): the line "€ »"
# reads as TCVN3 letters, but one such line never outweighs the Unicode text around it.
OCR_SCAN = (
    "Ký bởi: Cổng Thông tin điện tử Chính phủ\nCơ quan: Văn phòng Chí\n\n"
    "Thời gian ký: 66.03.2020 11:23:02 +07:00\nFcONG THONG Ty TỪ CHÍ NI PHÙ STP T,\n€ »\n\n"
    "THỦ TƯỚNG CHÍNHPHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n—— Độc lập - Tự do - Hạnh phúc\n"
    ": : : : trén doanh thu tinh thué\n"
)


def test_ocr_damaged_unicode_is_read_not_refused(tmp_path):
    source = read_source(write(tmp_path, "scan.txt", OCR_SCAN.encode("utf-8")))
    assert source.text == OCR_SCAN
    assert (source.encoding, source.warnings) == ("utf-8", [])


def test_ocr_damaged_unicode_docx_is_read_not_refused(tmp_path):
    source = read_source(write(tmp_path, "scan.docx", make_docx(OCR_SCAN.strip().split("\n"))))
    assert "€ »" in source.text and ": : : : trén doanh thu tinh thué" in source.text
    assert (source.encoding, source.warnings) == ("unicode", [])


# --- hostile inputs: one error line each, never a hang, a traceback or unbounded memory (issue 17) ---
LETTER = SEED
def _walk_and_read(paths) -> tuple[list[str], dict[str, str]]:
    read, errors = [], {}
    for p in iter_sources(paths):
        try:
            read_source(p)
            read.append(p.name)
        except ReadError as e:
            errors[p.name] = str(e)
    return read, errors


def test_a_symlink_loop_is_one_error_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(LETTER, "utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "up").symlink_to(tmp_path, target_is_directory=True)  # a linked folder is not entered
    read, errors = _walk_and_read([tmp_path])
    assert read == ["a.txt"] and list(errors) == ["loop.txt"] and "symbolic links" in errors["loop.txt"]


def test_a_folder_that_cannot_be_listed_is_one_error_and_the_walk_goes_on(tmp_path, monkeypatch):
    import os

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(LETTER, "utf-8")
    (tmp_path / "z.txt").write_text(LETTER, "utf-8")
    real_scandir = os.scandir

    def scandir(path):  # the tests run as root, for whom chmod 000 locks nothing
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    read, errors = _walk_and_read([tmp_path])
    assert read == ["z.txt"] and errors == {"locked": f"{tmp_path / 'locked'}: cannot list this folder (permission "
                                                       "denied); its files are skipped"}


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path):
    import os
    import signal

    os.mkfifo(tmp_path / "x.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    signal.alarm(20)  # reading a FIFO with no writer would block for ever: fail instead of hanging the suite
    try:
        _read, errors = _walk_and_read([tmp_path])
    finally:
        signal.alarm(0)
    assert errors == {"x.txt": f"{tmp_path / 'x.txt'}: not a regular file (a FIFO); only files are read",
                      "zero.txt": f"{tmp_path / 'zero.txt'}: not a regular file (a character device); only files "
                                  "are read"}


def test_a_file_too_large_for_a_letter_is_refused(tmp_path, monkeypatch):
    from lineage.loaders import read as R

    monkeypatch.setattr(R, "MAX_BYTES", 1000)
    (tmp_path / "big.txt").write_text(LETTER * 20, "utf-8")
    with pytest.raises(ReadError, match=r"too large for one letter .* set LINEAGE_MAX_BYTES"):
        read_source(tmp_path / "big.txt")


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * 20_000_000)  # 20 MB of zeros: about 20 KB packed
    (tmp_path / "bomb.docx").write_bytes(buf.getvalue())
    with pytest.raises(ReadError, match="refused as a zip bomb"):
        read_source(tmp_path / "bomb.docx")


def test_a_few_lone_nuls_are_glyphs_the_converter_lost_not_corruption(tmp_path):
    # a gazette form's checkboxes come out of its converter as NUL bytes, one before each option
    form = "3. Tham gia dự án với vai trò:\n\x00 Nhà đầu tư độc lập\n\x00 Thành viên liên danh\n"
    source = read_source(write(tmp_path, "form.txt", (SEED + "\n" * 9000 + form).encode("utf-8")))
    assert source.text.endswith(form.replace("\x00", "\ufffd"))
    assert len(source.text) == len(SEED + "\n" * 9000 + form)  # one character for one: offsets still hold
    assert any("2 NUL byte(s)" in w and "U+FFFD" in w for w in source.warnings)
