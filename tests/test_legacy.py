"""Legacy Vietnamese encodings: tables, detection, conversion and round trips on the seeds."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from fixture_paths import SEEDS as SEED_DIR

from lineage.loaders import legacy

SEEDS = sorted(SEED_DIR.glob("*.txt"))
# Capitals TCVN3 has bytes for; every other accented capital shares the lowercase byte.
TCVN3_CAPITALS = set("ĂÂÊÔƠƯĐ")


def seed_lines() -> list[str]:
    lines = [ln for path in SEEDS for ln in path.read_text("utf-8").splitlines() if not ln.isascii()]
    assert len(lines) > 200
    return lines


def has_lone_accented_capital(line: str) -> bool:
    """A word like "Ủy" or "Ở": an accented capital TCVN3 can only write with the lowercase byte."""
    return any(
        any(c.isupper() and not c.isascii() and c not in TCVN3_CAPITALS for c in word)
        and not (word.isupper() and len(word) > 1)
        for word in line.split()
    )


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_matches_glibc_iconv():
    table = {**legacy._DATA["tcvn3"]["bytes"], **legacy._DATA["tcvn3"]["vn1_capitals"]}
    raw = b"\n".join(bytes.fromhex(h) for h in table)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=False)
    if out.returncode:
        pytest.skip("this iconv has no TCVN5712-1")
    assert out.stdout.decode().split("\n") == list(table.values())


def test_tables_cover_every_vietnamese_letter():
    letters = set("ăâêôơưđ") | {
        c for c in map(chr, range(0xC0, 0x1EFA)) if c.islower() and legacy._is_syllable("b" + c)
    }
    assert len(letters) == 67  # 12 vowels x 5 tones + ă â ê ô ơ ư đ
    assert letters <= set(legacy._TCVN3_ENCODE)
    assert {c.upper() for c in letters} | letters <= set(legacy._VNI_ENCODE)
    assert len(legacy._VNI_ENCODE) == 134  # 67 lowercase + 67 capitals


@pytest.mark.parametrize(
    ("mojibake", "encoding", "unicode", "detected"),
    [
        ("Vieät Nam", "vni", "Việt Nam", "vni"),
        ("Uûy ban nhaân daân", "vni", "Ủy ban nhân dân", "vni"),  # capital base, lowercase mark
        ("UÛY BAN NHAÂN DAÂN", "vni", "ỦY BAN NHÂN DÂN", "vni"),
        ("Ñaûng boä tænh Quaûng Ninh", "vni", "Đảng bộ tỉnh Quảng Ninh", "vni"),
        ("Thaønh uûy Caàn Thô", "vni", "Thành ủy Cần Thơ", "vni"),
        ("Tröôøng, Nghò quyeát, Chæ thò", "vni", "Trường, Nghị quyết, Chỉ thị", "vni"),
        ("ViÖt Nam", "tcvn3", "Việt Nam", "tcvn3"),
        ("§¶ng bé tØnh Qu¶ng Ninh", "tcvn3", "Đảng bộ tỉnh Quảng Ninh", "tcvn3"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "tcvn3"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc", "tcvn3"),
        ("ñY BAN NH©N D©N TØNH", "tcvn3", "ỦY BAN NHÂN DÂN TỈNH", "tcvn3"),
        ("Bé C«ng an", "tcvn3", "Bộ Công an", "tcvn3"),  # one capital, lowercase neighbour: stays "Bộ"
        ("Sè 168-CV/TU", "tcvn3", "Số 168-CV/TU", "unicode"),  # "CV" not adjacent; "Sè" alone is plausible Unicode
        ("Uû ban nh©n d©n", "tcvn3", "Uỷ ban nhân dân", "tcvn3"),  # old-style tone: no capital to guess
        ("\x93Chèng dÞch\x94", "tcvn3", "\u201cChống dịch\u201d", "tcvn3"),  # cp1252 quotes read as latin-1
    ],
)
def test_to_unicode(mojibake, encoding, unicode, detected):
    assert legacy.to_unicode(mojibake, encoding) == unicode
    assert legacy.detect(mojibake) == detected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cộng hòa xã hội chủ nghĩa Việt Nam", "unicode"),
        ("Điều 3 § 2: nhiệt độ 30°C · Khánh Hòa", "unicode"),  # Latin-1 symbols in real Unicode
        ("COVID-19, ASCII only", None),
        ("", None),
    ],
)
def test_detect_unicode_and_nothing(text, expected):
    assert legacy.detect(text) == expected


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="unknown legacy encoding 'viqr'"):
        legacy.to_unicode("Vie^.t", "viqr")


def test_vni_round_trip_is_exact_on_every_seed_line():
    for line in seed_lines():
        encoded = legacy.from_unicode(line, "vni")
        assert legacy.to_unicode(legacy.byte_view(encoded), "vni") == line
        assert legacy.to_unicode(encoded.decode("cp1252"), "vni") == line


def test_tcvn3_round_trip_loses_only_lone_accented_capitals():
    lone = 0
    for line in seed_lines():
        back = legacy.to_unicode(legacy.byte_view(legacy.from_unicode(line, "tcvn3")), "tcvn3")
        assert back.lower() == line.lower()
        if has_lone_accented_capital(line):
            lone += 1
        else:
            assert back == line
    assert lone < 20  # "Ủy ban …", "Ở nước ta": the documented loss stays rare


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_whole_seed_is_detected_confidently(path, encoding):
    text = path.read_text("utf-8")
    verdict = legacy.assess_bytes(legacy.from_unicode(text, encoding))
    assert (verdict.encoding, verdict.confident) == (encoding, True)
    assert legacy.assess(text).encoding == "unicode"


def test_mixed_text_converts_only_the_legacy_lines():
    # the last two are also valid byte views ("ô" is VNI for "ơ"): kept because they read as well unconverted
    unicode_lines = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cà Mau, ngày 5 tháng 6", "huyện Cô Tô", "Cô Tô"]
    body = "Thaønh uûy Caàn Thô ñeà nghò caùc caáp uûy\nCaùc chi"
    verdict = legacy.assess("\n".join([*unicode_lines, body]))
    assert verdict.encoding == "vni" and verdict.confident
    assert verdict.text.split("\n") == [*unicode_lines, "Thành ủy Cần Thơ đề nghị các cấp ủy", "Các chi"]


# Unicode scans with OCR damage, cut from documents of shared/corpus/fulltext: a few lines hold only
# Latin-1 characters ("€ »", "trén … thué", "×") that a TCVN3 table would turn into letters. The text
# is Unicode and stays as it is (it used to be refused as TCVN3, or its "×" became "ì").
OCR_DAMAGED_UNICODE = {
    "signature stamp": (  # pjj-2b15241a29e6
        "Ký bởi: Cổng Thông tin điện tử Chính phủ\nEmait hongtinchinhphudchinhphuyn\nCơ quan: Văn phòng Chí\n\n"
        "Thời gian ký: 66.03.2020 11:23:02 +07:00\nFcONG THONG Ty TỪ CHÍ NI PHÙ STP T,\n€ »\n\n"
        "THỦ TƯỚNG CHÍNHPHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n—— Độc lập - Tự do - Hạnh phúc"
    ),
    "tax rate table": (  # pjj-78b650c8ba29
        "SIT ` Ngành kinh doanh ` . Ty lệ (%) thuế TNDN tinh\n: : : : trén doanh thu tinh thué\n"
        "-. | Dich vụ, cho thuê máy móc thiết bi, bảo hiém, 5\n2 | thuê giàn khoan :\nRiéng: ¬ : - ._#0"
    ),
    "times signs in a table": (  # congbao-0e1c66393a4a
        "Có quy định về điều\nphối, phối hợp thực\nhiện các hoạt động\nthống kê\n×\n×\n\n\n1. Quản\nlý hoạt"
    ),
}


@pytest.mark.parametrize("text", OCR_DAMAGED_UNICODE.values(), ids=OCR_DAMAGED_UNICODE)
def test_ocr_damaged_unicode_is_unicode(text):
    verdict = legacy.assess(text)
    assert (verdict.encoding, verdict.text) == ("unicode", text)


def test_legacy_body_under_a_unicode_header_is_still_converted():
    header = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Ninh, ngày 09 tháng 12 năm 2020"]
    body = "Ban Thường vụ Thành ủy đề nghị các chi bộ, đảng bộ trực thuộc thực hiện nghiêm túc"
    typed = legacy.from_unicode(body, "tcvn3").decode("cp1252")  # "Ban Th\xadêng vô Thµnh ñy ®Ò nghÞ …"
    verdict = legacy.assess("\n".join([*header, typed]))
    assert (verdict.encoding, verdict.confident) == ("tcvn3", True)
    assert verdict.text.split("\n") == [*header, body]


def test_legacy_gain_separates_ocr_noise_from_legacy_text():
    """The criterion's margins: noise gains nothing that counts; legacy lines gain most of their words."""
    noise = OCR_DAMAGED_UNICODE["tax rate table"]
    lines = noise.split("\n")
    candidates = [i for i, line in enumerate(lines) if legacy._VIEW_CHARS.issuperset(line) and not line.isascii()]
    sample = "\n".join(lines[i] for i in candidates)
    assert not legacy._legacy_outweighs("tcvn3", sample, lines, candidates)
    typed = legacy.from_unicode("Đảng bộ tỉnh Quảng Ninh đề nghị các cấp ủy", "tcvn3").decode("cp1252")
    assert legacy._legacy_outweighs("tcvn3", typed, [typed], [0])
    assert legacy._evidence("ì ằ Việt") == (1, 3)  # a lone accented vowel is no evidence
