"""The letter's own header and closing: number, issuer lines, place/date, subject,
recipients (Kính gửi), copy recipients (Nơi nhận) and the signature block.

Functions take the cleaned, line-structured text (``CleanText``) and return plain
values with the spans they were read from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from lineage.loaders import patterns as P
from lineage.loaders.clean import CleanText
from lineage.loaders.dates import iso_date, parse_date
from lineage.models import CopyRecipient, Signer
from lineage.reference import bodies as B
from lineage.reference import resolver as R
from lineage.reference import tables
from lineage.reference.normalize import match_key, spellings, strip_diacritics, tolerant
from lineage.reference.trie import alternation

_UPPER_RATIO = 0.8


@dataclass
class Header:
    number: str | None = None
    symbol: str | None = None
    symbol_year: int | None = None
    number_span: tuple[int, int] | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    doc_type_title: str | None = None  # "CÔNG ĐIỆN", "KẾ HOẠCH" title line
    issuer_lines: list[str] = field(default_factory=list)
    header_end: int = 0


# Inline patterns, compiled once.
_SYMBOL_SPLIT = re.compile(r"([-/])")
_SO = re.compile(r"(?i)^số\b")
# (Three or more spaces separate two flattened columns; two may stand inside a name: "XÃ DÂN  LỰC".)
_NATIONAL_PART = re.compile(r"\s{3,}|" + tolerant("cộng hòa xã hội") + "|" + tolerant("đảng cộng sản việt nam") + "|"
                            + tolerant("độc lập") + r"\s*[-–]")
# (a legal database may print the type before it: "CÔNG VĂN Về việc …", "Công văn V/v …")
_VV = re.compile(r"(?m)^[ \t*]*(?:(?i:" + P.doc_type_names() + r")[ \t]+)?(?P<s>(?:V/v|V/V|(?i:về việc)|Về)\b[^\n]*)")
_RULE = re.compile(r"(?m)^\s*(?:-{3,}|_{3,})\s*$")
_LUU = re.compile(r"(?i)^lưu\b")
# The body opens with a cue ("Căn cứ …", "Thực hiện …"): the header is above it.
_BODY_OPENING = re.compile(r"(?m)^[ \t\-*]*(?:" + alternation([*tables.cues()["opening"], *tables.cues()["proposal"]]) + r")\b")
# The same cue inside a flattened line ("… năm 2020 -Căn Hướng dẫn số …": "cứ" lost too).
# ("Căn" alone: its "cứ" lost)
_PAGE_MARK = re.compile(r"^\d{1,3}\.\s+(?=[A-ZĐÀ-Ỹ]{2})")
_VV_INLINE = re.compile(r"\s*(?P<s>V/[vV]\b[^\n]{3,300}?)(?=\s+(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện)\b|\n|$)")
_INLINE_OPENING = re.compile(r"\s[-–]?\s*(?:" + alternation([*tables.cues()["opening"], "Căn"]) + r")\s")
# A title line that names an authority, not a subject ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
# "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "BỘ TRƯỞNG BỘ Y TẾ"), or the enacting word of a decision.
_AUTHORITY = re.compile(r"(?i)^(?:(?:" + "|".join(tables.signer_titles(2)) + r")\b|(?:"
                        + "|".join(h for h in tables.body_heads() if " " in h)  # not a bare "BAN" ("BAN HÀNH …")
                        + r")\s|(?:quyết định|quy định)\s*:?\s*$)")
# A signer's office on a line of its own ("CHỦ TỊCH", "KT. CHỦ TỊCH" handled as a formula).
_HEAD_TITLE = re.compile(r"(?i)^(?:PHÓ\s+)?(?:" + "|".join(tables.signer_titles(2)) + r")$")
# Where a flattened header line joins two cells: the star under the issuer, or the start of a body
# name after another ("ĐẢNG BỘ HUYỆN ĐẠI TỪ ĐẢNG ỦY XÃ LA BẰNG").
# (a rule under the issuer, "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN ------------- Số: 52/…", ends its cell too)
_CELL_SPLIT = re.compile(r"\s+\*\s+|\s*[-_=]{3,}\s*|\s+(?=(?:" + alternation(s for w in R.committee_heads() for s in spellings(w.upper())) + r")\b)"
                         r"|(?<!ỦY)(?<!CHẤP HÀNH)\s+(?=(?:ỦY BAN NHÂN DÂN|BAN)\s)|" + P.GLUED_CELL.pattern)
# The first word(s) of a place alone on the line above the place/date line.
_PLACE_HEAD = re.compile(r"(?:^|\n)(?P<head>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+)?)\n$")
# The signature column flattened onto a copy line: "- Như trên; PHÓ CỤC TRƯỞNG", "- Lãnh đạo Cục; KT. CỤC TRƯỞNG".
_RIGHT_COLUMN = re.compile(r"(?<=;)\s+(?:(?:T/M|K/T|T/L|T/U|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*)?[" + P.VI_UPPER + r"]{2,}[" + P.VI_UPPER
                           + r"\s.]*$")
# Words of an office a person holds (the signer's title), as opposed to a body's name.
_OFFICE_WORD = re.compile(r"(?i)" + "|".join(tables.signer_titles()) + r"|Q\.")
# OCR of a stamp or signature glued to a title line: "PHÓ THỦ TƯỚNGy]".
_STAMP_TAIL = re.compile(r"[a-z\[\]|}{]{1,3}$")
# The second cell of the issuing column, flattened between the two lines of the national motto.
_MOTTO_TAIL = re.compile(r"(?i)(?:chủ nghĩa|đảng cộng sản) việt nam\s+(?P<cell>[^\n]*?)\s*(?:độc lập\b|$)")
_BARE_VV = re.compile(r"(?i)^\s*(?:V/v|về việc)\s*:?\s*$")
_TITLE_LINE = 200  # longer is a paragraph of the body, not a wrapped title
_SUBJECT_PARAGRAPH = 130  # a subject that opens with a cue word stays under this; the body's opening runs on
_LONG_SUBJECT = 320  # … or under this when the body's own opening follows it
_PREAMBLE_ITEM = re.compile(r"[-*\s]*(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\n[ \t]*(?:-\s*)?Kính\s+gửi")
_BLANK_NUMBER = re.compile(r"(?m)^[ \t\-*]*Số\s*:?\s*(?P<sep>[-/])[ \t]*(?P<symbol>" + P.SYMBOL_PART + r"(?:[-/]"
                           + P.SYMBOL_PART + r")+)")
# the type names as a title prints them, in capitals (longest first: "THÔNG TƯ LIÊN TỊCH" before "THÔNG TƯ")
_UPPER_TYPES = alternation(t["name"].upper() for t in tables.load("doc_types")["types"])
_INLINE_TITLE = re.compile(r"\s(?:" + _UPPER_TYPES + r")\s+(?P<s>[^\n" + P.VI_UPPER.replace("Ạ-Ỹ", "") + r"][^\n]*)$")
_YEAR_LINE = re.compile(r"\s*(?i:năm)\s+(?:19|20)\d\d\s*$")
_OF_LINE = re.compile(r"(?i)^của\s")
_ABOUT_LINE = re.compile(r"(?i)^về\b")
_ENDS_WITH_SO = re.compile(r"(?i)\bsố:?$")
_ENDS_WITH_TYPE = re.compile(r"(?i:" + P.doc_type_names() + r")$")
# the type and what it is about on one line: "THÔNG BÁO VỀ VIỆC TREO CỜ …", "CÔNG ĐIỆN Về triển khai …"
_TYPE_THEN_ABOUT = re.compile(r"^(?P<type>" + _UPPER_TYPES + r")\s+(?=(?i:về|v/v|của)\b)")
# a page's first line in capitals: a type, then what the document is ("KẾ HOẠCH TỔ CHỨC HỘI THI …"); not a type
# line alone, nor "THÔNG BÁO VỀ …" (above), nor an issuer line ("ỦY BAN NHÂN DÂN …" names no type)
_TYPE_THEN_TITLE = re.compile(r"\s*(?P<type>" + _UPPER_TYPES + r")[ \t]+(?!(?i:về|v/v|của|số)\b)(?P<s>[^\n]{10,})")
_TYPE_COLON_TITLE = re.compile(r"\s*(?P<type>(?i:" + P.doc_type_names() + r"))\s*:\s*(?P<s>[^\n]{5,})")
_STAMP = re.compile(r"(?:^|\s+)(?:" + alternation(tables.load("doc_types")["stamps"]) + r")\s*[.!]?\s*$")
_SENT_AT = re.compile(r"[ \t]*,?[ \t]*(?:\d{1,2}\s*(?:h|giờ)\s*\d{0,2}\s*(?:phút|['’′])?[ \t]*,?[ \t]*)?ngày\s+(?:"
                      + P.DATE_LONG + "|" + P.DATE_NUMERIC + ")", re.IGNORECASE)
_LONG_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng")
# A section heading of the body ("A -MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH", "1. …") ends a title.
_SECTION = re.compile(r"^(?:[A-Z]|[IVX]{1,4}|\d{1,2})\s*(?:[.\-)]|/(?!\d))\s*\S")  # not "43/2022/QH15" wrapped in a title
# What stands between the title and the name: "(Đã ký)", "[daky]", a stamp read as "[" or "y]".
_SIGNED_MARK = re.compile(r"(?i)^(?:\(?(đã ký|ký tên|đã ký và đóng dấu)\)?|\[[^\]]*\]?|[^\w]*\w?[^\w]*)$")


def _is_upper(line: str) -> bool:
    """Mostly capitals (header and signature lines); ``map`` keeps the counting in C."""
    upper = sum(map(str.isupper, line))
    lower = sum(map(str.islower, line))
    return upper > 0 and upper / (upper + lower) >= _UPPER_RATIO


def header_end(text: str) -> int:
    """Where the header stops: the Kính gửi line, the first numbered item or the first long paragraph."""
    ends = [len(text)]
    m = P.recipients_start(text)
    if m:
        ends.append(m.start())
    m = P.ITEM_START.search(text)
    if m and not (not text[:m.start()].strip() and P.NATIONAL_MOTTO.search(text, m.end(), m.end() + 200)):
        ends.append(m.start())  # (not a preview's page mark "1. CỘNG HÒA XÃ HỘI …" before the header)
    for m in _BODY_OPENING.finditer(text, 0, min(ends)):
        if not _short_paragraph(text, m.start()):  # "Thực hiện nghiêm công tác …" alone: a subject, not the body
            ends.append(m.start())
            break
    pos = 0
    for line in text.split("\n"):
        if len(line.strip()) > 160:
            if text[:pos].strip():
                ends.append(pos)
            else:  # the whole header flattened into the first line: it ends where the body's cue opens
                cue = _INLINE_OPENING.search(line)
                ends.append(pos + (cue.start() if cue else min(len(line), 400)))
            break
        pos += len(line) + 1
    return min(ends)


def normalise_symbol(symbol: str, sep: str) -> tuple[str, str | None]:
    """Canonical symbol and its type code: "CD-TTg" → ("CĐ-TTg", "CĐ"); "CV / TU" → ("CV/TU", "CV")."""
    symbol = symbol.replace(" ", "").replace("\n", "").replace("–", "-").replace("—", "-")
    parts = _SYMBOL_SPLIT.split(symbol)
    by_code = tables.doc_type_by_code()
    type_code = None
    first = parts[0]
    row = by_code.get(tables.symbol_key(first))
    if row and (sep == "-" or len(parts) > 1):
        parts[0] = row["code"]
        type_code = row["code"]
    elif row is None and len(parts) == 1:
        # "5556/QĐBYT": a text dump lost the hyphen between the type and a national body's code (QĐ-BYT)
        for i in (2, 3, 4):
            head = by_code.get(tables.symbol_key(first[:i]))
            if head and len(first) - i >= 2 and B.central_by_symbol(f"{head['code']}-{first[i:]}") is not None:
                return f"{head['code']}-{first[i:]}", head["code"]
    return "".join(parts), type_code


def parse_header(ct: CleanText) -> Header:
    text = ct.text
    h = Header()
    end = header_end(text)
    h.header_end = end
    m = P.find_header_number(text, end)
    if m:
        h.number = m.group("number")
        h.symbol, _ = normalise_symbol(m.group("symbol"), m.group("sep"))
        h.symbol_year = int(m.group("year")) if m.group("year") else None
        h.number_span = ct.span(*m.span())
    else:  # "Số:        /KH-UBND", "Số: - HD/ĐU": the number left blank for the clerk, the symbol printed
        blank = _BLANK_NUMBER.search(text, 0, min(len(text), max(end, 1) + 200))
        if blank:
            h.symbol, _ = normalise_symbol(blank.group("symbol"), blank.group("sep"))
    pd = (_place_date(text, max(end, 1) + 200) or _place_date(text, 1500)
          or P.PLACE_DATE_LOOSE.search(text, 0, min(len(text), max(end, 1) + 200)))
    if pd:
        h.place = " ".join(pd.group("place").split()).strip(" *")
        cut = _PLACE_HEAD.search(text, max(0, pd.start("place") - 30), pd.start("place"))
        if cut:  # a narrow table cell wrapped the place: "Quảng\nTrị, ngày …", "Tam\nKỳ, ngày …"
            h.place = f"{cut.group('head')} {h.place}"
        h.place = B.spell_place(h.place)
        h.date = iso_date(pd.group("day"), pd.group("month"), pd.group("yr")) if pd.group("day") else None
    elif m is not None:  # a Công điện's "Số: 04/CĐ-BCH, 8h10’ ngày 10 tháng 02 năm 2017": the hour it was sent, its date
        sent = _SENT_AT.match(text, m.end())
        if sent is not None:
            h.date = parse_date(sent)
    title_end = None
    titled = _TYPE_THEN_TITLE.match(text)  # "ĐỀ CƯƠNG TUYÊN TRUYỀN SẮP XẾP …" heading the page: its type and subject
    if titled is not None and not (m is None and _is_upper(titled.group("s"))):
        titled = None
    if titled is None and m is None:
        titled = _TYPE_COLON_TITLE.match(text)  # a portal's "Thông báo: Treo Quốc kỳ và nghỉ tết …"
    if titled is not None:
        h.doc_type_title = titled.group("type")
    pos = 0
    for raw in text[:end].split("\n"):
        line_end = pos + len(raw)
        pos = line_end + 1
        cells = _header_cells(raw.strip(" *-_")) if not P.NATIONAL_HEADER.match(raw) else []
        # (a preview's page mark "1." is no cell, nor part of the cell it is glued to: "1. UBND TỈNH NINH THUẬN")
        cells = [_PAGE_MARK.sub("", c) for c in cells if any(ch.isalpha() for ch in c)]
        line = _STAMP.sub("", cells[0]) if cells else ""  # "KHẨN" under the number, "CÔNG ĐIỆN KHẨN"
        if h.doc_type_title is None and line and not _is_upper(line):
            typed_mixed = _TYPE_THEN_ABOUT.match(line)  # "CÔNG ĐIỆN Về triển khai …": a mixed line, type first
            if typed_mixed is not None:
                h.doc_type_title, title_end = typed_mixed.group("type"), line_end
            continue
        if not line or not _is_upper(line):
            continue
        if len(cells) > 1:  # "UBND TỈNH NINH THUẬN CỘNG HÒA … SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập …": both columns' cells
            h.issuer_lines += [c for c in cells[:-1] if _is_upper(c) and not _SO.match(c)]
            line = cells[-1]
            if not _is_upper(line):
                continue
        typed = _TYPE_THEN_ABOUT.match(line)  # "THÔNG BÁO VỀ VIỆC TREO CỜ TỔ QUỐC": the type and the subject on one line
        if h.doc_type_title is None and (type_name(line) is not None or typed is not None):
            h.doc_type_title = line[: typed.end()].strip() if typed is not None and type_name(line) is None else line
            title_end = line_end
            if h.issuer_lines:
                break  # below the title come the subject and the authority; the issuer came above it
            continue  # a shuffled header: the issuing block may still follow the title
        if _SO.match(line):
            continue
        # a converter that flattened the header column joins its cells: "ĐẢNG BỘ HUYỆN ĐẠI TỪ ĐẢNG ỦY XÃ
        # LA BẰNG * Số 09 -KH/ĐU": the star under the issuer and the start of each body part split it
        for part in _CELL_SPLIT.split(line):
            part = part.strip(" *")
            if part and not _SO.match(part):
                h.issuer_lines.append(part)
    if not h.issuer_lines:
        # a Công điện whose issuing block was lost: "TRƯỞNG BCH PCTT VÀ TKCN HUYỆN MỘC CHÂU, Điện:" names who wires
        wire = P.wire_address(text, 0, min(len(text), max(end, 1) + 400))
        if wire is not None:
            h.issuer_lines.append(wire.group("holder").strip(" ,"))
    h.subject = _subject(text, end, m, pd, title_end)
    if titled is not None and h.subject is None:
        h.subject = join_subject(titled.group("s"))
    return h


def _place_date(text: str, limit: int) -> re.Match[str] | None:
    """The place/date line before ``limit``. The full pattern opens with look-behinds (a place may follow a
    column gap or the motto), so it runs only in a window before each "ngày … tháng", found by a cheap scan."""
    for a in _LONG_DATE.finditer(text, 0, min(len(text), limit)):
        m = P.PLACE_DATE.search(text, max(0, a.start() - 80), min(len(text), a.end() + 30))
        if m is not None and m.start() < limit:
            return m
    return None


@lru_cache(maxsize=1 << 12)
def type_name(word: str) -> str | None:
    """The document type a title word names, accents and tone marks ignored ("KẾT LỦẬN" → Kết luận):
    some hosts scramble diacritics, OCR drops them, and no two type names differ only in them."""
    # "QUY ĐỊNH (BỔ SUNG)", "HƯỚNG DẪN (SỬA ĐỔI)": a qualifier in brackets after the type word
    return _types_folded().get(strip_diacritics(match_key(_TITLE_QUALIFIER.sub("", word))))


_TITLE_QUALIFIER = re.compile(r"\s*\([^()]{1,30}\)\s*$")


@cache
def _types_folded() -> dict[str, str]:
    return {strip_diacritics(match_key(r["name"])): r["name"] for r in tables.load("doc_types")["types"]}


def _strip_national(line: str) -> str:
    """Two-column headers flatten into one line: drop the national motto part."""
    return _NATIONAL_PART.split(line, 1)[0].strip(" *")


def _header_cells(line: str) -> list[str]:
    """The issuing column's cells of a line, the national motto's cut out: a flattened two-column header
    alternates the columns ("UBND TỈNH X CỘNG HÒA XÃ HỘI … SỞ Y TẾ Độc lập - Tự do …")."""
    first = _strip_national(line)
    rest = line[len(first):]
    cells = [first] if first else []
    m = _MOTTO_TAIL.search(rest)
    if m and m.group("cell").strip() and _is_upper(m.group("cell")):  # (an issuer line, not "La Bằng, ngày …")
        cells.append(m.group("cell").strip(" *"))
    return cells


def _subject(text: str, end: int, num: re.Match[str] | None, pd: re.Match[str] | None,
             title_end: int | None = None) -> str | None:
    """Trích yếu: a "V/v …" block; else the title lines under the type title ("KẾ HOẠCH" /
    "PHÁT ĐỘNG PHONG TRÀO …"); else the lines right after the number line."""
    vv = _VV.search(text, 0, min(len(text), max(end, 1) + 400))
    if vv is None and pd is not None and "\n" not in text[pd.start(): pd.end() + 400]:
        # the whole header flattened onto one line: "… Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010 V/v báo cáo …
        # Kính gửi: …": the V/v runs from after the date to where the address or the body opens
        inline = _VV_INLINE.match(text, pd.end())
        if inline is not None:
            return join_subject(inline.group("s"))
    if vv and title_end is not None and vv.start() > title_end and not _is_upper(vv.group("s")[:40]):
        # "CHỈ THỊ / VỀ / VIỆC CHẤN CHỈNH …" above the body's "… về việc nâng cao …": the lines under the title first
        under = _wrapped([], text[title_end: title_end + 800].split("\n")[1:], mixed=False)
        if under:
            return join_subject(" ".join(under))
    if vv and vv.start() <= max(end, 1):  # the V/v line may itself be the long line that ends the header
        wrapped = _wrapped([vv.group("s")], text[vv.end(): vv.end() + 600].split("\n")[1:],
                           mixed=not _is_upper(vv.group("s")))
        return join_subject(" ".join(wrapped))
    if title_end is not None:
        raw = text[title_end: title_end + 800].split("\n")[1:]
        first = next((ln.strip(" *") for ln in raw if ln.strip(" *")), "")
        under = _wrapped([], raw, mixed=bool(first) and not _is_upper(first) and len(first) <= _TITLE_LINE)
        if len(under) > 1 and _OF_LINE.match(under[0]) and _ABOUT_LINE.match(under[1]):
            under = under[1:]  # "NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ TỈNH ỦY KHÓA XX / về …": who issues it, then the subject
        if under:
            return join_subject(" ".join(under))
    if pd is not None and "\n" not in text[pd.end(): end]:
        # the whole header flattened into one line: "… La Bằng, ngày 24 tháng 11 năm 2020 KẾ HOẠCH kiểm điểm, …
        # năm 2020 -Căn Hướng dẫn số …": the subject runs from the type title to where the body opens
        inline = _INLINE_TITLE.search(text, pd.end(), end)
        if inline and len(inline.group("s").split()) >= 2:
            return join_subject(inline.group("s"))
    if num is None:
        return None
    after = max(num.end(), pd.end() if pd else 0)
    raw = text[after: after + 800].split("\n")[1:]
    first = next((ln.strip(" *|") for ln in raw if ln.strip(" *|")), "")
    if (_is_upper(first) and len(first.split()) >= 3 and type_name(first) is None and not _AUTHORITY.match(first)
            and not P.NATIONAL_HEADER.match(first) and not _SECTION.match(first)):
        # the type line lost, its title in capitals stands right under the number and date:
        # "Số: 41/2019/QĐ-UBND | Quảng Trị, ngày … / BAN HÀNH QUY ĐỊNH CHẾ ĐỘ BÁO CÁO …"
        under = _wrapped([], [ln.strip(" |") for ln in raw], mixed=False)
        if under:  # ("HƯỚNG DẪN VỀ THỂ THỨC …": the type word of the title line is no part of the subject)
            return join_subject(_TYPE_THEN_ABOUT.sub("", " ".join(under), count=1))
    rest = text[num.end(): max(end, num.end())]
    lines: list[str] = []
    for part in rest.split("\n"):
        line = part.strip(" *")
        if not line:
            continue
        if P.NATIONAL_HEADER.match(line) or P.PLACE_DATE.match(line) or _is_upper(line) or _SENT_AT.match(line):
            if lines:
                break
            continue
        if P.RECIPIENTS_START.match(line) or P.wire_address(line, at=True) or \
                (lines and not _continues(line)):
            break
        lines.append(line)
    if not lines:
        return None
    words = " ".join(lines).split()
    lower = next((i for i, w in enumerate(words) if any(ch.islower() for ch in w)), len(words))
    if 3 <= lower < len(words) - 2:
        # a header flattened onto one line: "… Số: 15/2012/CT-UBND CHỈ THỊ VỀ VIỆC … TỈNH AN GIANG Trong thời gian
        # qua, …": a title in capitals ends where the body's sentence case begins; its type word is no part of it
        words = _TYPE_THEN_ABOUT.sub("", " ".join(words[:lower]), count=1).split()
    subject = " ".join(words)
    return None if P.NATIONAL_HEADER.match(subject) else join_subject(subject)  # (the motto is no subject)


def _wrapped(lines: list[str], raw: list[str], *, mixed: bool) -> list[str]:
    """The lines of a title or trích yếu as a converter wrapped them.

    A title in capitals goes on while its lines are in capitals (or continue in lower case). One in
    sentence case wraps at any word, capitals included ("… Chủ tịch / Ủy ban nhân dân thành phố …"),
    and ends at a finished sentence, a structural line of the header or body, or a blank line that a
    lower-case word does not carry on ("… bảo vệ và / (blank) / cải thiện …").
    """
    gap = False
    short = _short_paragraph("\n".join(raw).lstrip("\n "), 0)
    for r in raw:
        line = r.strip(" *")
        if not line:
            gap = bool(lines)
            continue
        upper = _is_upper(line)
        # a rule ("—–", "-----"), the body, a section, the place/date, the national motto, an authority
        # (a subject may open with a cue word: "THÔNG BÁO / Thực hiện nghiêm công tác cách ly …": a short
        # paragraph of its own, where the body's opening runs on into its main clause)
        opening = _BODY_OPENING.match(line) and (lines or not short)
        # (a line after "… CHỈ THỊ SỐ" holds the cited number, "31/CT-TTG NGÀY …", not a section "3. …")
        if (not any(map(str.isalnum, line)) or opening or (_SECTION.match(line) and not (lines and _ENDS_WITH_SO.search(lines[-1])))
                or P.PLACE_DATE.match(line) or P.RECIPIENTS_START.match(line) or P.NATIONAL_HEADER.match(line)
                or _ALIAS.match(line)
                # (not "… VỀ THỰC HIỆN NGHỊ QUYẾT / SỐ 29-NQ/TW NGÀY …": a cited number wrapped onto its own line)
                or (_SO.match(line) and not (lines and _ENDS_WITH_TYPE.search(lines[-1])))
                or P.wire_address(line, at=True)
                or (_AUTHORITY.match(line) and (upper or not mixed)
                    and not (lines and lines[-1].endswith(",")))):  # "…, BAN BÍ THƯ VỚI …, / CHỦ TỊCH NƯỚC VÀ …"
            break
        if lines and _BARE_VV.match(lines[0]) and len(lines) == 1:
            pass  # "V/v" alone on its line: its text is on the next
        elif mixed:
            if (gap and not _continues(line)) or (lines and lines[-1].endswith((".", ":", ";"))) \
                    or len(line) > _TITLE_LINE or (upper and len(line.split()) > 2):
                break
        elif not (upper or (lines and _continues(line))):
            break
        gap = False
        lines.append(line)
    return lines


def _short_paragraph(text: str, pos: int) -> bool:
    """Whether the paragraph at ``pos`` (up to a blank line) can be a subject that opens with a cue word:
    short, not a preamble item ("Căn cứ …;", "Xét đề nghị …"), not announcing what follows (":")."""
    m = _PARAGRAPH_END.search(text, pos)
    para = text[pos: m.start() if m else len(text)].strip()
    if _PREAMBLE_ITEM.match(para) or para.endswith((";", ":", ",")):
        return False
    if len(para) <= _SUBJECT_PARAGRAPH:
        return True
    # a long one still, when the body's own opening follows it ("KẾ HOẠCH / Thực hiện Kết luận số 01-KL/TW …
    # năm 2022 / Thực hiện Hướng dẫn số 16 …, Đảng ủy xã xây dựng kế hoạch …"): the subject is a phrase, no sentence
    return (m is not None and len(para) <= _LONG_SUBJECT and "." not in para.rstrip(".")
            and _BODY_OPENING.match(text, m.end()) is not None)


# a portal's posting stamp under the title ("19/08/2019 10:57:25 Xem cỡ chữ", "Cập nhật lúc: 11:08 21/09/2020")
_POSTING_STAMP = re.compile(r"(?i)^\s*(?:(?:cập nhật|ngày đăng|đăng ngày)(?:\s+lúc)?\s*:?\s*\d"
                            r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d,?\s+\d{1,2}:\d\d\b)")


# (not an alias the title gives itself, which ends it: "(Gọi tắt là Chương trình 04)")
_ALIAS_WORDS = r"(?i:gọi tắt|sau đây gọi|viết tắt)"
_ALIAS = re.compile(r"^\s*\(\s*" + _ALIAS_WORDS)
_PARENTHETICAL = re.compile(r"^\s*\((?!\s*" + _ALIAS_WORDS + r")[^()\n]{1,60}\)\s*$")


def _continues(line: str) -> bool:
    """A trích yếu wraps mid-phrase: its next line starts in lower case (or with a number, not a posting stamp)."""
    if _POSTING_STAMP.match(line):
        return False
    if _PARENTHETICAL.match(line):
        return True  # "(Giai đoạn: 2021- 2025)", "(15/10/1953 – 15/10/2023)" under a title: part of it
    first = line.strip(" *_")[:1]
    # ("… trường THCS Mỹ Hưng / (blank) / Năm 2019": the year of a plan's title, capitalised on its own line)
    return bool(first) and (first.islower() or first.isdigit() or _YEAR_LINE.match(line) is not None)


_CLOSING_MARK = re.compile(r"\.?/\.?$")


def join_subject(s: str) -> str:
    s = _CLOSING_MARK.sub("", " ".join(s.split())).strip(" *.;,")  # ("… tỉnh Hưng Yên./.": the closing mark)
    if len(s) > 2 and s[0] in "“\"" and s[-1] in "”\"" and not any(q in s[1:-1] for q in "“”\""):
        s = s[1:-1].strip(" *.;,")  # a trích yếu set in quotes: the quotes are layout, not its words
    return s


# --- lists: Kính gửi, Nơi nhận ----------------------------------------------------------
_ITEM = re.compile(r"^[ \t]*[-–•+~][ \t]*")  # "~" is how OCR reads the dash


_RECIPIENT_WRAP = 120  # a recipient's name wraps in short pieces; a longer capitalised line is the body


def _list_items(block: str) -> list[str]:
    """Dash items of a list; a following line continues the item when it starts in lower case,
    or when it follows at once a line the converter cut mid-phrase (no closing punctuation)."""
    items: list[str] = []
    blank = False
    for raw in block.split("\n"):
        line = raw.strip()
        if not line:
            blank = True
            continue
        wrapped = not blank and items and not items[-1].rstrip().endswith((",", ";", ".", ":"))
        blank = False
        if _ITEM.match(raw) or not items:
            if not _ITEM.match(raw) and items:
                break
            items.append(_ITEM.sub("", raw).strip())
            continue
        if not line[0].islower() and not wrapped:
            break
        if not line[0].islower() and (len(line) > _RECIPIENT_WRAP or _BODY_OPENING.match(line)):
            break  # "Kính gửi: Bộ Nội vụ" on its own line, then the body's first paragraph: not a wrapped name
        items[-1] += " " + line
    return [" ".join(i.split()).strip(" ,;.*!") for i in items if i.strip(" ,;.*!")]


def recipients(ct: CleanText) -> list[str]:
    text = ct.text
    m = P.recipients_start(text)
    if not m:
        return _inline_recipients(text)
    block = text[m.end():]
    stop = _RULE.search(block)
    if stop:
        block = block[: stop.start()]
    return _list_items(block)


def _inline_recipients(text: str) -> list[str]:
    """A header flattened onto one long line: "… Kính gửi: - Ủy ban nhân dân tỉnh Ninh Thuận; - Bộ Giáo dục và Đào
    tạo. Vừa qua, …": the addressees run to the first full stop."""
    m = _KINH_GUI_INLINE.search(text, 0, 2000)
    if m is None:
        return []
    line_end = text.find("\n", m.start())
    if (line_end if line_end >= 0 else len(text)) - text.rfind("\n", 0, m.start()) < 300:
        return []  # (a line of its own would have been read above: this is running text)
    block = re.split(r"\.\s", text[m.end(): m.end() + 400], maxsplit=1)[0]
    items = [" ".join(_ITEM.sub("", part).split()).strip(" ,;.*") for part in block.split(";")]
    return [i for i in items if i]


_KINH_GUI_INLINE = re.compile(r"\sKính\s+gửi\s*:\s*")
_INLINE_ITEMS = re.compile(r";[ \t]+[-–][ \t]+")


def copy_recipients(ct: CleanText) -> list[CopyRecipient]:
    text = ct.text
    starts = list(P.COPY_START.finditer(text))
    if not starts:
        return []
    m = starts[-1]  # the closing "Nơi nhận", not a mention in the body
    # "Nơi nhận: - HĐQT (báo cáo); - Các chi bộ (thực hiện); - …" written on one line: one item per line
    block = _INLINE_ITEMS.sub(";\n- ", text[m.end():])
    out: list[CopyRecipient] = []
    started = wraps = open_item = False
    for raw in block.split("\n"):
        gap = _COLUMN_GAP.search(raw.strip())  # "– BGĐ Sở GD&ĐT;          (đã ký)": the signature column's, on the right
        line = raw.strip()[: gap.start() + 1] if gap else raw.strip()
        if not line:
            continue
        f = P.SIGN_FORMULA.search(line)
        if f and f.start() > 0:  # "- Lưu VP.   T/M BAN THƯỜNG VỤ" in a flattened two-column layout
            line = line[: f.start()].strip()
        elif f:
            break
        if _ITEM.match(line):
            started = True
            raw_name = _RIGHT_COLUMN.sub("", _ITEM.sub("", line)).strip(" ;.")
            wraps = raw_name.endswith(",")
            open_item = not line.rstrip().endswith((";", ".", ":"))
            name = raw_name.strip(" ,")
            if name:
                out.append(_copy(name))
        elif started and out and not _is_upper(line) and (wraps or (open_item and (line[0].islower() or line[0] == "("))):
            # "- VPCP: BTCN, PCN Nguyễn Sỹ Hiệp,\nTrợ lý TTg, các Vụ: …;", "- Ủy ban Quốc gia Ứng phó\nsự cố thiên tai …;",
            # "- Ban chỉ đạo Trung ương về PCTT\n(b/c);": the item wraps onto the next line (not the signer's title line)
            joint = ", " if wraps else " "
            raw_name = f"{out[-1].name}{joint}{_RIGHT_COLUMN.sub('', line).strip(' ;.')}"
            wraps = raw_name.endswith(",")
            open_item = not line.rstrip().endswith((";", ".", ":"))
            out[-1] = _copy(raw_name.strip(" ,"))
        elif started:
            break
        # else: a sub-heading such as "Gửi bản điện tử:" before the items
    return out


_PURPOSE = {"b/c": "report", "để báo cáo": "report", "thay b/c": "report", "t/h": "execute",
            "để thực hiện": "execute", "c/đ": "direct", "c/d": "direct", "để chỉ đạo": "direct",
            "để biết": "inform", "đ/b": "inform", "để phối hợp": "coordinate"}


def _copy(name: str) -> CopyRecipient:
    m = P.COPY_MARK.search(name)
    if m:
        return CopyRecipient(name, _PURPOSE.get(m.group("mark").lower()), m.group(0))
    if _LUU.match(name):
        return CopyRecipient(name, "archive", None)
    return CopyRecipient(name, None, None)


# --- signature -------------------------------------------------------------------------
_NAME = re.compile(r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][a-zà-ỹđ]+"
                   r"(?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][a-zà-ỹđ]+){1,5}$")


def signer(ct: CleanText) -> Signer:
    """Formula (T/M, K/T, T/L …), role (upper-case lines after it) and name (a person's name).

    "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the first formula of the block is whom
    the letter is signed for; the office lines below it are the role (a second formula, and the
    body it names, "KT. CHỦ TỊCH / ỦY BAN CHỨNG KHOÁN NHÀ NƯỚC", are not). A head who signs in
    person has no formula: "THỦ TƯỚNG / Nguyễn Văn A". Where a two-column closing was flattened, the
    name comes after the "Nơi nhận" list: the last person's name of the letter.
    """
    text = ct.text
    formulas = list(P.SIGN_FORMULA.finditer(text))
    if formulas:
        first = formulas[-1]
        for prev in reversed(formulas[:-1]):
            if text[prev.end(): first.start()].strip():
                break
            first = prev
        role, name = _role_and_name(text[first.end():].split("\n"))
        formula = first.group("formula").strip()
        if role is None and name is None and _OFFICE_WORD.search(formula):
            role = formula  # "KT. BỘ TRƯỞNG" and nothing after it: the office is the formula's
        if name is None:
            last = [ln.strip() for ln in text[first.end():].split("\n")[-6:] if _NAME.match(ln.strip())]
            name = last[-1] if last else None
        return Signer(name=name, role=role, on_behalf_of=first.group("formula").strip())
    found = _closing(text[-600:].split("\n"))
    if found.name is None and "  " in text[-1500:]:
        # "Nơi nhận :          GIÁM ĐỐC / – Như trên;      (đã ký) / – BGĐ Sở …;      Lê Hồng Sơn": a two-column
        # closing saved with its spacing, the signature in the right column
        right = _right_column(text[-1500:].split("\n"))
        in_column = _closing(right) if right else found
        if in_column.name is not None:
            return in_column
    return found


_COLUMN_GAP = re.compile(r"\S(?:\s{6,}|\t+)(?=\S)")


def _right_column(lines: list[str]) -> list[str]:
    """The right column of lines laid out in two by runs of spaces; a line indented far is the right column's."""
    out = []
    for line in lines:
        gaps = list(_COLUMN_GAP.finditer(line))
        if gaps:
            out.append(line[gaps[-1].end():].strip())
        elif len(line) - len(line.lstrip(" ")) >= 20:
            out.append(line.strip())
    return out


def _closing(tail: list[str]) -> Signer:
    """The last upper-case line followed by a person's name; else a head's title alone."""
    role_only: str | None = None
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i].strip()
        if line and _is_upper(line) and len(line) <= 60 and not _NAME.match(line) \
                and not P.NATIONAL_HEADER.match(line):
            role, name = _role_and_name(tail[i:])
            if name:
                return Signer(name=name, role=role, on_behalf_of=None)
            if role_only is None and _HEAD_TITLE.match(line):
                role_only = line  # "CHỦ TỊCH" whose name the page lost
    return Signer(role=role_only)


_ANNEX_TITLE = re.compile(r"^(?:DANH SÁCH|PHỤ LỤC|BẢNG|BIỂU|MẪU|DANH MỤC)\b")


def _role_and_name(lines: list[str]) -> tuple[str | None, str | None]:
    role: list[str] = []
    name = None
    for raw in lines:
        line = raw.strip()
        if not line or _SIGNED_MARK.match(line):
            continue
        if _ANNEX_TITLE.match(line):
            break  # the signature's lines were lost: "DANH SÁCH CÁC TỈNH …" is the title of the annex that follows
        if _is_upper(line) and not _NAME.match(line):
            # "KT. CHỦ TỊCH" under "TM. ỦY BAN NHÂN DÂN" is a formula, and a line without an office word
            # names the formula's body ("ỦY BAN CHỨNG KHOÁN NHÀ NƯỚC"): neither is the signer's title
            if not P.SIGN_FORMULA.match(line):
                role.append(_STAMP_TAIL.sub("", line))
            continue
        if _NAME.match(line):
            name = line
        break
    offices = [r for r in role if _OFFICE_WORD.search(r)]
    return " ".join(offices or role) or None, name
