"""Every regex family of the extractor, in one place (eyecite's ``regexes.py``).

Patterns run on *cleaned* text (NFC, one tone-mark style, markup removed, line
structure kept) unless noted. Named groups: ``number``, ``symbol``, ``year``,
``day``/``month``, ``type``, ``place``.
"""
from __future__ import annotations

import re
from functools import cache

from lineage.loaders import tables
from lineage.loaders.trie import alternation

# Whitespace that may break a number across lines in converted PDFs ("1879-\n\nCV/TU").
_BRK = r"[ \n]*"

# A symbol part: upper-case initial, then letters/digits (CV, CĐ, TTg, BTGTW, UBND, KGVX, QH15).
SYMBOL_PART = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\.[A-ZĐ0-9]+)*"  # "V.I" in 167/TTg-V.I; a final "." ends the sentence
# number, optional /year (State form 120/2003/QĐ-UB), then the symbol:
#   Party form  168-CV/TU, 534-CV/BTGTW, 05-CT/TW   (number - TYPE / ISSUER)
#   State form  1699/CĐ-TTg, 21/NQ-CP, 1234/UBND-KGVX (number / TYPE - ISSUER)
DOC_NUMBER = (
    r"(?P<number>\d{1,5})" + _BRK
    + r"(?:/" + _BRK + r"(?P<year>(?:19|20)\d\d)" + _BRK + r")?"
    + r"(?P<sep>[-/])" + _BRK
    + r"(?P<symbol>" + SYMBOL_PART + r"(?:" + _BRK + r"[-/]" + _BRK + SYMBOL_PART + r")+|" + SYMBOL_PART + r")"
)

# Cheap anchor for the citation prefilter: a number followed by a symbol separator. The test that no
# digit, "." or "," comes before the number is a look-behind *after* its first digit, so the pattern
# opens with a digit class and ``re`` skips ahead to the next digit (3x faster than testing every position).
NUMBER_ANCHOR = re.compile(r"\d(?<![\d.,]\d)\d{0,4}" + _BRK + r"(?:/" + _BRK + r"(?:19|20)\d\d" + _BRK + r")?[-/]" + _BRK + r"[A-ZĐ]")

# Upper-case Vietnamese letters (precomposed, NFC): header lines and signature formulas are in capitals.
VI_UPPER = "A-ZĐÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"

# Header number line: "Số 168-CV/TU", "Số: 1699/CĐ-TTg", "Số:    12 /KH-UBND".
HEADER_NUMBER = re.compile(r"(?m)^[ \-]*Số\s*:?\s*" + DOC_NUMBER + r"(?![A-Za-z])")

# Dates. Numeric day/month/year with / - or . ; and the long form.
DATE_NUMERIC = r"(?P<day>\d{1,2})\s*[/.\-]\s*(?P<month>\d{1,2})\s*[/.\-]\s*(?P<yr>(?:19|20)\d\d)"
DATE_LONG = r"(?P<lday>\d{1,2})\s+tháng\s+(?P<lmonth>\d{1,2})\s+năm\s+(?P<lyr>(?:19|20)\d\d)"
DATE = re.compile(r"(?:ngày\s+)?(?:" + DATE_LONG + r"|" + DATE_NUMERIC + r")", re.IGNORECASE)

# Place and date line of the header: "Cần Thơ, ngày 28 tháng 5 năm 2021".
# In two-column headers flattened by the converter it follows the number after a run of spaces.
PLACE_DATE = re.compile(
    # a place is a short name: no "số", no slash, at most a number for "Quận 1"
    r"(?m)(?:^[ \-]*|(?<= {2}))(?P<place>(?!Căn cứ|Thực hiện|Tiếp theo|Triển khai)[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴ]"
    r"(?:(?! {2}|số\b)[^\n,/]){1,40}?)\s*,\s*ngày\s+"
    + r"(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<yr>(?:19|20)\d\d)"
)

# Fixed header lines that are not the issuer.
NATIONAL_HEADER = re.compile(
    r"(?i)^\s*(?:đảng cộng sản việt nam|cộng hòa xã hội chủ nghĩa việt nam|độc lập\s*-\s*tự do\s*-\s*hạnh phúc|\*+|-+|_+)\s*$"
)

RECIPIENTS_START = re.compile(r"(?m)^[ \-]*Kính\s+gửi\s*:?\**[ \t]*")
COPY_START = re.compile(r"(?m)^[ \-]*Nơi\s+nhận\s*:?[ \t]*")
SIGN_FORMULA = re.compile(r"(?m)^[ \t]*(?P<formula>(?:T/M|K/T|T/L|T/U|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*[" + VI_UPPER + r"][^\n]*?)\s*$")
COPY_MARK = re.compile(r"\((?P<mark>b/c|t/h|c/đ|c/d|đ/b|để báo cáo|để biết|để thực hiện|để chỉ đạo|để phối hợp|thay b/c)\)", re.IGNORECASE)

# Numbered items of the body: "1.", "1-", "2)", possibly after markdown bold.
ITEM_START = re.compile(r"(?m)^[ \t]*(?P<item>\d{1,2}|[IVX]{1,4})\s*[.\-)]\s+(?=\S)")

# Unit words and committee words (for resolution of bare "Tỉnh ủy", "UBND tỉnh").
UNIT_WORD = r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)"


@cache
def doc_type_names() -> str:
    """Alternation of full document-type names, longest first."""
    return alternation(r["name"] for r in tables.load("doc_types")["types"])


@cache
def citation() -> re.Pattern[str]:
    """A cited document: "Công văn số 534-CV/BTGTW", "Công điện 1699/CĐ-TTg", "số 21/NQ-CP".

    Runs on flattened text, case-insensitive on the type name only.
    """
    return re.compile(
        r"(?:(?P<type>(?i:" + doc_type_names() + r"))\s+(?:(?i:số)\s*:?\s*)?|(?<![\w/])(?i:số)\s*:?\s*)"
        + DOC_NUMBER + r"(?![A-Za-z0-9])"
    )


@cache
def committee_words() -> str:
    words = sorted({r["word"].split()[0] + " " + r["word"].split()[1] for r in tables.committees()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)
