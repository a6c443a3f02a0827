"""Every regex family of the extractor, in one place (eyecite's ``regexes.py``).

Patterns run on *cleaned* text (NFC, one tone-mark style, markup removed, line
structure kept) unless noted. Named groups: ``number``, ``symbol``, ``year``,
``day``/``month``, ``type``, ``place``.
"""
from __future__ import annotations

import re
from functools import cache

from lineage.reference import tables
from lineage.reference.normalize import spellings, tolerant
from lineage.reference.trie import alternation

# Whitespace that may break a number across lines in converted PDFs ("1879-\n\nCV/TU").
_BRK = r"[ \n]*"

# Upper-case Vietnamese letters (precomposed, NFC): header lines and signature formulas are in capitals.
VI_UPPER = "A-ZĐÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"
# Two header cells glued by a converter that lost the line break between them: "ĐẢNG BỘ XÃ MỸ HƯNGCHI BỘ TRƯỜNG …"
GLUED_CELL = re.compile(r"(?<=[A-ZĐÀ-Ỹ]{2})(?=(?:" + alternation(
    s for w in (*tables.load("bodies")["grassroots"]["cells"], *tables.people_committee_words()) if " " in w
    for s in spellings(w.upper())) + r")\s)")
# The accented capitals alone, Đ included (the range Ạ-Ỹ above interleaves capitals and small letters).
_VI_CAPITALS = "ĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ"

#: one capital letter, accented capitals included (a name's first letter)
VI_CAPITAL = r"[A-Z" + _VI_CAPITALS + r"]"
# A symbol part: upper-case initial, then letters/digits (CV, CĐ, TTg, BTGTW, UBND, KGVX, QH15), accented
# capitals included (VPĐOÀN in 367-QĐ/TWĐTN-VPĐOÀN).
SYMBOL_PART = r"[A-ZĐ][A-Za-zĐđ0-9&" + _VI_CAPITALS + r"]*(?:\.[A-ZĐ0-9]+)*"  # "V.I" in 167/TTg-V.I; a final "." ends the sentence
# The number itself: up to six digits (a Cục Thuế's 101322/CTHN-TTHT), a sub-number after a dot
# (66.19/2026/NQ-CP) or a letter (30c/NQ-CP).
_NUMBER = r"\d{1,6}(?:\.\d{1,3})?[a-z]?"
# What separates the number from the symbol: "-" or "/", and the dashes a word processor puts for "-".
_SEP = r"[-/–—]"
# number, optional /year (State form 120/2003/QĐ-UB), then the symbol:
#   Party form  168-CV/TU, 534-CV/BTGTW, 05-CT/TW   (number - TYPE / ISSUER)
#   State form  1699/CĐ-TTg, 21/NQ-CP, 1234/UBND-KGVX (number / TYPE - ISSUER)
#   Laws        45/2019/QH14, 17/2022/UBTVQH15        (number / year / ISSUER, no type code)
# A Party symbol's type code and "/" right after the number, its hyphen lost: "20NQ/TW", "05CT/TU"
_GLUED_PARTY_CODE = r"[A-ZĐ]{2,4}/[A-ZĐ]"

DOC_NUMBER = (
    r"(?P<number>" + _NUMBER + r")" + _BRK
    + r"(?:/" + _BRK + r"(?P<year>(?:19|20)\d\d)" + _BRK + r")?"
    # (or none, where a text dump lost the hyphen of a Party number: "Nghị quyết số 20NQ/TW", "Số: 25 KH/ĐU")
    + r"(?P<sep>" + _SEP + r"|(?<=\d)[ ]?(?=" + _GLUED_PARTY_CODE + r"))" + _BRK
    # ("4144 /GDĐT – VP": a word processor's dash between the parts too)
    + r"(?P<symbol>" + SYMBOL_PART + r"(?:" + _BRK + _SEP + _BRK + SYMBOL_PART + r")+|" + SYMBOL_PART + r")"
)

# Cheap anchor for the citation prefilter: a number followed by a symbol separator. The test that no
# digit, "." or "," comes before the number is a look-behind *after* its first digit, so the pattern
# opens with a digit class and ``re`` skips ahead to the next digit (3x faster than testing every position).
NUMBER_ANCHOR = re.compile(r"\d(?<![\d.,]\d)\d{0,5}(?:\.\d{1,3})?[a-z]?(?:" + _BRK + r"(?:/" + _BRK + r"(?:19|20)\d\d" + _BRK
                           + r")?" + _SEP + _BRK + r"[A-ZĐ]|[ ]?(?=" + _GLUED_PARTY_CODE + r"))")

# "Số" as converters and OCR leave it at the head of a number line: "Số"; with a colon also "SỐ:",
# "số:", "Sô:", "Só:", "So:", "S6:", "sé:", "$6:" (a colon after "số" is the header's, not a sentence's).
_SO = r"(?:Số\s*:?|[Ss$][oóòỏõọôốồổỗộơOÓÒỎÕỌÔỐỒỔỖỘƠeéèêếE06]\s*:)"
# Where a number line starts: at the head of a line (after a dash or the "*" under the issuer), or
# in a header flattened onto one line after the "*" or a column gap ("ĐẢNG ỦY XÃ LA BẰNG * Số 09 -KH/ĐU"),
# or anywhere after a space when "Số" has its colon ("… Độc lập - Tự do - Hạnh phúc Số: 28/2014/TT-BGDĐT").
_LINE_HEAD = r"(?:^[ \-*]*|(?<=\* )|(?<= {2})|(?<= )(?=S[ốỐ][ \t]*:))"
# The symbol is not followed by a letter ("Số 98 - Hòn Nghê" is an address), except for a "V/v" (về việc)
# glued to it by a flattened layout: "Số: 2597/VPCP-NCV/v điều chỉnh …" is 2597/VPCP-NC.
_SYMBOL_END = r"(?:(?=V/v\b)|(?!/v\b)(?![^\W\d_]))"

# Header number line: "Số 168-CV/TU", "Số: 1699/CĐ-TTg", "Số:    12 /KH-UBND", "Sô: 12/KH-UBND".
HEADER_NUMBER = re.compile(r"(?m)" + _LINE_HEAD + _SO + r"\s*" + DOC_NUMBER + _SYMBOL_END)

# Fixed lines of the national motto; a header block is printed beside it.
# (whatever the diacritics an OCR left: "CỘNG HÕA XÃ HỘI …")
NATIONAL_MOTTO = re.compile(tolerant("cộng hòa xã hội chủ nghĩa việt nam") + "|" + tolerant("đảng cộng sản việt nam"))
# The first line of the preamble or the body: a title line comes before it.
PREAMBLE_START = re.compile(r"(?m)^[ \t\-*]*(?:" + alternation([*tables.cues()["opening"], *tables.cues()["proposal"]])
                            + r"|Kính gửi|Kính thưa|Điều 1\b)")

# Dates. Numeric day/month/year with / - or . ; and the long form.
DATE_NUMERIC = r"(?P<day>\d{1,2})\s*[/.\-]\s*(?P<month>\d{1,2})\s*[/.\-]\s*(?P<yr>(?:19|20)\d\d)"
# ("13tháng 9": a converter may glue the day to its month word)
DATE_LONG = r"(?P<lday>\d{1,2})\s*tháng\s+(?P<lmonth>\d{1,2})\s*năm\s+(?P<lyr>(?:19|20)\d\d)"
DATE = re.compile(r"(?:ngày\s+)?(?:" + DATE_LONG + r"|" + DATE_NUMERIC + r")", re.IGNORECASE)

# Place and date line of the header: "Cần Thơ, ngày 28 tháng 5 năm 2021".
# In two-column headers flattened by the converter it follows the number after a run of spaces.
PLACE_DATE = re.compile(
    # a place is a short name: no "số", no slash, at most a number for "Quận 1"
    # it opens a line (after a dash or the "*" under the issuer), follows a column gap, or follows the
    # national motto on a line a converter flattened ("… VIỆT NAM La Bằng, ngày 24 tháng 11 năm 2020");
    # "TP." may stand on the line above ("TP.\nHồ Chí Minh, ngày …")
    r"(?m)(?:^[ \-*]*|(?<= {2})|(?<=VIỆT NAM )|(?<=[Hh]ạnh phúc )|(?<=\* ))"
    r"(?P<place>(?:T[Pp]\.\s*|T[Xx]\.\s*)?(?!Căn cứ|Thực hiện|Tiếp theo|Triển khai)[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴ]"
    r"(?:(?! {2}|số\b)[^\n,/]){1,40}?)\s*,\s*ngày\s+"
    + r"(?P<day>\d{1,2})\s*tháng\s+(?P<month>\d{1,2})\s*năm\s+(?P<yr>(?:19|20)\d\d)"
)

# The same line where the layout gave no line start: after the number on its line ("Số: 427/BTC-CST
# Hà Nội, ngày …"), with OCR damage in the date words ("thẳng", "thang", "tháng11") or a lost day
# ("ngày … tháng năm 2020": the place is still read). The place is one to four capitalised words.
_CAP_WORD = r"[A-Z" + _VI_CAPITALS + r"][a-zà-ỹđ]+"  # Title case: a symbol ("BTC-CST") is not part of a place; ("À-Ỹ" would let "đến" in)
PLACE_DATE_LOOSE = re.compile(
    # ("Ngày 18 tháng 7 …" names no place)
    r"(?<![\wÀ-ỹ.])(?!Ngày\b|NGÀY\b)(?P<place>(?:T[Pp]\.?\s*)?" + _CAP_WORD + r"(?:\s?-\s?" + _CAP_WORD + r"|[ ]" + _CAP_WORD + r"){0,3})"
    r"(?:\s*,?\s*ng[aàá][yỳý](?![a-zà-ỹđ])|\s*,?\s*(?=\d{1,2}\s+th[aáà]ng))(?:\s*(?P<day>\d{1,2})\s*th[aáàảãạăâắẳẵặấẩẫậ][^\W\d]*\s*(?P<month>\d{1,2})\s+n[aăâ][^\W\d]*\s+(?P<yr>(?:19|20)\d\d))?"
)

# Fixed header lines that are not the issuer.
NATIONAL_HEADER = re.compile(
    r"^\s*(?:" + NATIONAL_MOTTO.pattern + "|" + tolerant("độc lập") + r"\s*-\s*" + tolerant("tự do") + r"\s*-\s*"
    + tolerant("hạnh phúc") + r"|\*+|-+|_+)\s*$"
)

# "Kính gửi:", and a notice read out to the public: "Kính thưa toàn thể nhân dân trong xã!"
RECIPIENTS_START = re.compile(r"(?m)^[ \-]*Kính\s+(?:gửi|thưa)\s*:?\**[ \t]*")
# A Công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:", "CHỦ TỊCH UBND TỈNH điện:" before its addressees (its "Kính gửi"; tried
# only where "điện" occurs: a line of capitals is common, this line rare)
WIRE_ADDRESS = re.compile(r"(?m)^[ \-]*(?P<holder>[" + VI_UPPER + r"][" + VI_UPPER + r" .,&]{2,80}?),?\s+(?:điện|Điện|ĐIỆN)\s*:[ \t]*")


def wire_address(text: str, pos: int = 0, endpos: int | None = None, *, at: bool = False) -> re.Match[str] | None:
    """A Công điện's address line in ``text[pos:endpos]`` (``at``: starting at ``pos``); the regex runs only where the
    word "điện" occurs."""
    if "điện" not in text and "Điện" not in text and "ĐIỆN" not in text:
        return None
    end = len(text) if endpos is None else endpos
    return WIRE_ADDRESS.match(text, pos, end) if at else WIRE_ADDRESS.search(text, pos, end)


def recipients_start(text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """The first "Kính gửi" or Công điện address line in ``text[pos:endpos]``."""
    end = len(text) if endpos is None else endpos
    m = RECIPIENTS_START.search(text, pos, end)
    return wire_address(text, pos, m.start() if m else end) or m
COPY_START = re.compile(r"(?m)^[ \-]*Nơi\s+nhận\s*:?[ \t]*")
SIGN_FORMULA = re.compile(r"(?m)^[ \t]*(?P<formula>(?:T/M|K/T|T/L|T/U|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*[" + VI_UPPER + r"][^\n]*?)\s*$")
COPY_MARK = re.compile(r"\((?P<mark>b/c|t/h|c/đ|c/d|đ/b|để báo cáo|để biết|để thực hiện|để chỉ đạo|để phối hợp|thay b/c)\)", re.IGNORECASE)

# Numbered items of the body: "1.", "1-", "2)", possibly after markdown bold.
ITEM_START = re.compile(r"(?m)^[ \t]*(?P<item>\d{1,2}|[IVX]{1,4})\s*[.\-)]\s+(?=\S)")

# Unit words and committee words (for resolution of bare "Tỉnh ủy", "UBND tỉnh").


@cache
def doc_type_names() -> str:
    """Alternation of full document-type names, longest first."""
    return alternation(r["name"] for r in tables.load("doc_types")["types"])


@cache
def doc_type_names_folded() -> str:
    """The same names matched whatever their diacritics and with the space lost ("Kết lúận", "Côngvăn",
    "Cong van"): hosts scramble tone marks, OCR drops them, and no two type names differ only in them."""
    return alternation((r["name"] for r in tables.load("doc_types")["types"]), fold=True)


@cache
def doc_type_names_on_folded() -> str:
    """The same, for a text folded by :func:`lineage.reference.normalize.fold` (ASCII: cheap to compile and run)."""
    return alternation((r["name"] for r in tables.load("doc_types")["types"]), on_folded=True)


#: "Tỉnh ủy khóa XX", "Ban Chấp hành Đảng bộ tỉnh (khóa XVII)": the committee's term, no part of its name or place

#: "số" before a document's number, also "sô", "so" after OCR
NUMBER_WORD = r"(?i:s[oốồổỗộôóòỏõọ])"


@cache
def citation() -> re.Pattern[str]:
    """A cited document: "Công văn số 534-CV/BTGTW", "Công điện 1699/CĐ-TTg", "số 21/NQ-CP".

    Runs on flattened text, case-insensitive on the type name only.
    """
    so = NUMBER_WORD
    return re.compile(
        # (a list's head with its colon: "ban hành các Quyết định: 1628/QĐ-UBND …")
        r"(?:(?P<type>(?i:" + doc_type_names_folded() + r"))(?:\s*:\s*(?=\d)|\s+(?:" + so + r"\s*:?\s*)?)|(?<![\w/])" + so
        + r"\s*:?\s*"
        # a State number with its year needs no "số": "Căn cứ 48/2008/NĐ-CP thay cho 45/2003/NĐ-CP"
        r"|(?<![\w/.\-])(?=\d{1,5}[a-z]?\s*/\s*(?:19|20)\d\d\s*/\s*[A-ZĐ])"
        # the last of numbers that share one symbol: "Phương án số 2 và 3/PA-UBND"; an item of a list of
        # numbers whose "số" the writer dropped: "…: số 340/NQ-HĐND …; 148/NQ-HĐND ngày …", "…, 1700/QĐ-UBND …"
        r"|(?<=\d\svà\s)(?=\d{1,5}\s*/\s*[A-ZĐ])|(?<=[;,]\s)(?=\d{1,5}\s*/\s*[A-ZĐ]))"
        + DOC_NUMBER + r"(?![A-Za-z0-9])"
    )


# What must follow a number written without its symbol for it to be a document's: its date or its issuer.
BARE_FOLLOWERS = r"(?i:ngày|của|do)"


@cache
def bare_citation() -> re.Pattern[str]:
    """A cited document named by its type and number only, its symbol left out by the writer:
    "Kế hoạch số 155, ngày 07/7/2019 của Thành ủy Hà Nội". Only where a date or an issuer follows,
    which is what makes a bare number a document's ("Kế hoạch số 2 năm 2020" is not). The groups a
    symbol would fill are present and never match, so a hit reads like ``citation()``'s. "số" is
    required: without it "quy định 10 của pháp luật" is a footnote mark, not a number."""
    so = r"(?i:s[oốồổỗộôóòỏõọ])"
    never = r"(?!x)x"
    return re.compile(
        r"(?P<type>(?i:" + doc_type_names_folded() + r"))\s+" + so + r"\s*:?\s*(?P<number>\d{1,5})"
        r"(?P<year>" + never + r")?(?P<sep>" + never + r")?(?P<symbol>" + never + r")?"
        r"(?![\w/\-.]|,\d)(?=\s*,?\s*" + BARE_FOLLOWERS + r"\s)"
    )


@cache
def header_number() -> re.Pattern[str]:
    """The header's number line: ``HEADER_NUMBER``, or a document type before "số:" — "Luật số: 61/2020/QH14",
    "Bộ luật số: 45/2019/QH14", "Nghị quyết số: 17/2022/UBTVQH15" (laws and resolutions of the National
    Assembly name their type on the number line)."""
    return re.compile(r"(?m)" + _LINE_HEAD + r"(?:" + _SO + r"|(?i:" + doc_type_names() + r")[ \t]+(?i:số)[ \t]*:)\s*"
                      + DOC_NUMBER + _SYMBOL_END)


@cache
def title_number() -> re.Pattern[str]:
    """A number given only in the title line, with the date on the same line:
    "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY …",
    "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018" (a bare "THÔNG TƯ SỐ 01/2011/TT-BNV" line
    may as well cite that circular). The "của …" part is at most 80 characters, so a line costs at
    most 80 tries."""
    return re.compile(
        r"[ \t\-*]*(?i:" + doc_type_names() + r")(?:[ \t]+(?i:của)[ \t](?P<of>[^\n]{1,80}?))?[ \t]+(?i:số)[ \t]*:?[ \t]*"
        + DOC_NUMBER + r"(?![A-Za-z0-9])(?=[ \t]*,?[ \t]*(?i:ngày)\b)", re.MULTILINE)


# How far the header block may have been moved by a PDF's layers (about the first page).
_DISPLACED_HEADER = 6000


def find_header_number(text: str, end: int) -> re.Match[str] | None:
    """The letter's own number (groups of ``DOC_NUMBER``), where a reader looks for it, in this order:

    1. a number line (``header_number()``) in the header, which ends at ``end``, or in the first
       1,500 characters;
    2. a title line with its number (``title_number()``), when only capitalised header lines or lines
       without letters come before it, and before the preamble;
    3. a number line beside the national motto within the first page, where a PDF's text layers put
       the header block after the page's body text;
    4. the number alone on the page's first line.
    """
    pattern = header_number()
    m = pattern.search(text, 0, max(end, 1)) or pattern.search(text, 0, min(len(text), 1500))
    if m:
        return m
    top = min(len(text), 1500)
    pre = PREAMBLE_START.search(text, 0, top)
    top = pre.start() if pre else top
    title, pos = title_number(), 0
    while pos < top:
        stop = text.find("\n", pos, top)
        stop = top if stop < 0 else stop
        m = title.match(text, pos, stop)
        if m and not (m.group("of") and _names_a_type().search(m.group("of"))):
            return m  # (not "Chương trình của Ban Chấp hành … thực hiện Nghị quyết số 45-NQ/TW, ngày …": that cites)
        line = text[pos:stop]
        upper, lower = sum(map(str.isupper, line)), sum(map(str.islower, line))
        if lower > upper / 4:  # a line of running text: the title would have come before it
            break
        pos = stop + 1
    for motto in NATIONAL_MOTTO.finditer(text, 0, _DISPLACED_HEADER):
        m = pattern.search(text, max(0, motto.start() - 400), motto.end() + 400)
        if m:
            return m
    return _OWN_NUMBER_FIRST.match(text)


@cache
def _names_a_type() -> re.Pattern[str]:
    return re.compile(r"(?i)\b(?:" + doc_type_names() + r")\b")

# 4. A page that opens with the number alone on its first line: a legal database's "Số hiệu" field
#    ("3852/BVHTTDL-VP", then the signer, the title, "Kính gửi") where the letterhead is not reproduced.
_OWN_NUMBER_FIRST = re.compile(r"\s*" + DOC_NUMBER + r"[ \t]*(?=\n)")
