"""Find citations of other documents, resolve their issuer, date and relation.

Pipeline (eyecite-style): the flattened cleaned text is scanned with
``patterns.citation()``; each hit is then *resolved* — date and issuer from the
words around it, relation from the cue phrase that governs it — and *annotated*
with its evidence span in the original file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date
from functools import cache, lru_cache

from lineage.loaders import patterns as P
from lineage.loaders.clean import CleanText
from lineage.loaders.dates import parse_date
from lineage.loaders.header import normalise_symbol, type_name
from lineage.models import Citation, UnnumberedReference
from lineage.reference import bodies as B
from lineage.reference import body_phrase as BP
from lineage.reference import resolver as R
from lineage.reference import tables
from lineage.reference.gazetteer import era_for
from lineage.reference.normalize import fold, match_key, strip_diacritics, symbol_match, tolerant
from lineage.reference.trie import alternation

# An issuer phrase ends where the cited document's description starts ("về …", "phê duyệt …",
# "triển khai thực hiện …"), at a clause mark, or at the next citation.



# Inline patterns of the hot path, compiled once.
_SYMBOL_PARTS = re.compile(r"[-/]")
_BEFORE_DATE = re.compile(r"[\s,]*(?:ban hành\s+)?(?:" + tolerant("ngày") + r"\s+)?")  # "ngàỷ" on scrambling hosts
# A sentence or clause ends at a mark, not at the dot of a place abbreviation ("Cục Thuế TP. Đà Nẵng").
# (The look-behinds come after the mark, so each pattern opens with a character set and ``re`` skips ahead.)
_ABBR_DOT = r"(?<!TP.)(?<!Tp.)(?<!TX.)(?<!Tx.)(?<!\bQ.)(?<!\bP.)"
_SENTENCE_END = re.compile(r"[.;]" + _ABBR_DOT + r"\s")
# (the type repeated before it: "41/NQ-ĐU, ngày 25/12/2018 Nghị quyết của Ban chấp hành Đảng uỷ")
# ("của của Bộ Chính trị": a word typed twice)
_OF_ISSUER = re.compile(r"[\s,]*(?:(?i:" + P.doc_type_names() + r")\s+)?(?:(?:" + tolerant("của") + r"\s+){1,2}|do\s+)")
# "… của Sở Y tế tại Tờ trình số …"; "… của A tại … và Giám đốc Sở Nội vụ tại Văn bản số …"
_ISSUER_AT = re.compile(r"(?i)(?:của|\bvà)\s+(?P<i>[^,;.]{2,80}?)\s+tại\s*$")
# "Ban Chấp hành Đảng ủy xã": the executive committee is the committee itself
# A cited document's description: its subject ("về …", possibly quoted) or what it does
# ("ban hành Quy định …", "phê duyệt Đề án …", "hướng dẫn …").
_DESCRIPTION_VERBS = alternation(tables.cues()["description_verbs"])
_SUBJECT_START = re.compile(r"(?i)\s+[“\"]?(?:về(?: việc)?|V/v|trích yếu|" + _DESCRIPTION_VERBS + r")[\s,]")  # "sửa đổi, bổ sung …"
# A clause that opens with its cue, or with a purpose ("Để …", "Nhằm …") that leads to it.
# ("1. Tiếp tục thực hiện …": an item's number and "tiếp tục" before the cue)
_OPENS_CLAUSE = re.compile(r"(?i)[\s\-–+•*]*(?:(?:\d{1,2}|[a-zđ])[.)]\s*)?(?:tiếp tục\s+)?(?:để|nhằm|" + tolerant("thực hiện")
                           + r"|" + tolerant("triển khai") + r"|quán triệt)\b")
# Between two mentions of one list: separators only ("; ", ", và ", ";\n- ").
_JOINED_WORDS = r"(?:và|cùng|hoặc|cũng như|" + "|".join(re.escape(w) for w in tables.cues()["amended_by"]) + r")"
_JOINED = re.compile(r"[\s,;\-–+•]*(?:" + _JOINED_WORDS + r"\s+)?(?:các\s+)?[\s\-–+•]*$")
_PAREN = re.compile(r"\s*\((?!\s*tại\b)[^()]{0,300}\)")  # not "(tại Văn bản số …)", which names where it was said
# A quoted title right after the mention or its issuer is its description: "… của Bộ Chính trị “về việc …”".
_QUOTED = re.compile(r"[ \t]*,?[ \t]*[“\"][^”\"\n]{1,400}[”\"]")
# A date right after another document's number is that document's ("33-HD/BTCTW ngày 30/10/2020").
_DATE_OF_PREVIOUS = re.compile(r"\d\s*[-/]\s*[A-ZĐ][\wĐđ]*(?:\s*[-/]\s*[\wĐđ]+)*\s*,?\s*(?:ngày\s*)?$")
_CLAUSE_MARK = re.compile(r"[.;:!?\n](?:(?<=\n)|" + _ABBR_DOT + r"\s)")
_EVIDENCE_CUE = re.compile(r"(?i)(căn cứ|tiếp theo|ngày\s+\d)")
_EVIDENCE_OPENING = re.compile(r"(?:Để|Thực|Triển)\b")
_THEO = re.compile(r"(?i)\btheo\s+$")
_OF = re.compile(r"\scủa\s+")
# "… Quyết định của Bộ Chính trị số 31-QĐ/TW": the type, its issuer, then the number
_TYPE_OF_ISSUER = re.compile(r"(?:(?i:" + P.doc_type_names() + r"))\s+" + tolerant("của")
                             + r"\s+(?P<i>(?:(?!" + tolerant("của") + r"\s)[^,;.()]){2,60}?)\s*$")
# "Ngày 15/01/2021 UBND nhận được thông báo số 38/TB-UBND …": the day it arrived, not its date
_RECEIVED = re.compile(r"(?i)\bnhận được\b")
# "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII": a plenum speaks for the committee it is of
# the numbers before the last of a list that shares one symbol ("Phương án số 2 và 3/PA-UBND")
_SHARED_SYMBOL = re.compile(r"(?:(?P<type>(?i:" + P.doc_type_names() + r"))\s+)?" + P.NUMBER_WORD
                            + r"\s*(?P<nums>\d{1,5}(?:\s*,\s*\d{1,5})*)\s*,?\s+và\s+$")
# national bodies whose names run past an issuer phrase's stops: steering committees, councils, commissions
_LONG_NAME_START = re.compile(r"(?i)(?:ban chỉ đạo|hội đồng|ủy ban|uỷ ban)\s(?!nhân dân)")  # (not a People's Committee)
_AT = re.compile(r"\s+tại\s")


@cache
def _issuer_stop() -> re.Pattern[str]:
    """An issuer phrase ends where the cited document's description starts ("về …", "phê duyệt …",
    "triển khai thực hiện …"), at a clause mark (not the comma of "phòng, chống"), at a quoted
    title, at a number, or at the next document ("và Công văn số …", or with "và" lost: "… của Chính phủ Chương
    trình hành động số 23-CTr/TU …")."""
    return _on_folded(r"\s+(?:(?i:về|V/v|" + _DESCRIPTION_VERBS + r")|tại|tới|đến|theo"
                      r"|nhằm|để|ngày|(?:và )?(?=(?i:" + P.doc_type_names_on_folded() + r")\s+(?:" + P.NUMBER_WORD + r"|\d)))\b|\s+(?=[“\"])|,(?!\s*chống\b)|[;.:()]"
                      # (not "… Lễ kỷ niệm 20 năm chia tách …": years are part of a name)
                      # (nor "Quận ủy Quận 1": a numbered district's or ward's name)
                      r"|(?<![Qq]uận)(?<![Pp]hường)\s+(?=\d(?!\d*\s+năm\b))|\s+(?=" + _capitalised_cues() + r"\s)")


def _on_folded(source: str) -> re.Pattern[str]:
    """A pattern written with Vietnamese words, to run on text folded by :func:`fold`: its words folded alike
    (ASCII patterns compile and run far cheaper than classes of every accented form)."""
    return re.compile(strip_diacritics(source))


def _folded_search(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Where ``pattern`` (see :func:`_on_folded`) first matches in ``text[start:end]``, folded; None if nowhere."""
    m = pattern.search(fold(text[start:end]))
    return start + m.start() if m else None


def _capitalised_cues() -> str:
    """The opening cues as a clause starts them, capitalised ("Thực hiện", "Căn cứ"), matched case-sensitively."""
    c = tables.cues()
    # ("chấp hành" is left out: capitalised, it is the "Ban Chấp hành" of a name, not a cue)
    words = {w[:1].upper() + w[1:] for w in (*c["implements"], *c["based_on"], *c["follows_up"])
             if len(w) > 4 and w != "chấp hành"}
    return "(?:" + alternation(sorted(words)) + r")"


@cache
def _subject_stop_re() -> re.Pattern[str]:
    amended = "|".join(re.escape(w) for w in tables.cues()["amended_by"])
    return _on_folded(r";|\.(?:\s|$)|,\s+(?=[A-ZĐ])|(?:\s+và|,)\s+(?=(?i:" + P.doc_type_names_on_folded() + r")\s+(?:" + P.NUMBER_WORD + r"\b|\d))"
                      r"|,\s+(?:đồng thời|nhằm|để)\b|,?\s+(?=(?:" + amended + r")\s)"
                      # "…, tiếp theo Công văn số …": a clause of its own with its own cue, not the description
                      # (and only then: "về việc sửa đổi, bổ sung cập nhật chương trình …" is one subject)
                      # ("sửa đổi, bổ sung Quyết định số 389 …" names what the described document amends)
                      r"|(?<![Ss]ửa đổi),\s+(?=(?i:" + alternation([*tables.cues()["follows_up"], *tables.cues()["based_on"]])
                      + r")\s+(?:[^\s,;.]+\s+){0,3}?(?i:" + P.doc_type_names_on_folded() + r")\s+(?:" + P.NUMBER_WORD + r"\b|\d))"
                      # "… đến năm 2030 Thực hiện Kế hoạch số …": a capitalised cue opens the next clause (a lost line end)
                      r"|\s+(?=" + _capitalised_cues() + r"\s)"
                      # "… về Chương trình phục hồi … và triển khai Nghị quyết số 43/2022/QH15": a second instruction
                      r"|\s+và\s+(?=(?i:" + alternation(tables.cues()["implements"]) + r")\s+(?i:"
                      + P.doc_type_names() + r")\s+" + P.NUMBER_WORD + r")")


@dataclass
class _Hit:
    m: re.Match[str]
    start: int
    end: int  # end of the mention incl. date and issuer phrase
    lead_start: int
    citation: Citation
    issuer_explicit: bool


@cache
def _cue_res() -> dict[str, re.Pattern[str]]:
    """The cue patterns, run on the flattened text folded by :func:`fold` (same offsets), so that cue words match
    whatever their diacritics ("thực hịện" on scrambling hosts, "thuc hien" after OCR) and with the space lost
    ("Thựchiện"), with ASCII patterns that are cheap to compile and to run."""
    c = tables.cues()

    def alt(words: list[str]) -> str:
        return alternation(words, on_folded=True)

    # "… chỉ đạo của Thủ tướng tại …", and "… các chỉ đạo của Bộ Chính trị, Ban Bí thư, … và Văn bản số …":
    # the instructions of a list of bodies, the document joined to them by "và"
    # ("Thực hiện nhiệm vụ Bộ Chính trị giao (Kế hoạch số 07-KH/TW …)": the body that gave the task, its document
    # in brackets)
    gap = (r"(?:\s*,?\s+(?:" + alt(c["implements_gap_words"]) + r"|\d{1,3}|cua\s+[^,;.]{1,80}?\s+tai"
           r"|cua\s+[^;.:]{1,200}?\s+(?:va|cung)|[^\s,;.()][^,;.()]{0,60}?\s+giao\s*\())*\s*")
    # the cited document's type noun may stand between the cue and "số" with a qualifier of its own:
    # "Căn cứ Quy chế làm việc số 10-QC/TU", "Thực hiện Nghị quyết Đại hội số …"
    # "Căn cứ Luật Ngân sách nhà nước số …", "Căn cứ tiết b khoản 3 Điều 1 Thông tư số …"
    # (several at once: "Mục 1, 3, 4 Quy định số …", "Mục 1, phần I của Hướng dẫn số …")
    provision = (r"(?:[\s,]*(?:tiet|diem|khoan|dieu|muc|chuong|phan|quy dinh tai)\s+[\w.]+(?:\s*(?:,|va)\s*\d[\w.]*)*"
                 r"(?:\s+(?:cua|tai))?)*")
    # "Căn cứ các Nghị định: số 92/2006/NĐ-CP …; số 04/2008/NĐ-CP …": one type noun, plural, for a list
    # (a stray quote glued to "Số" by a conversion: "Quyết định 'Số 2457/QĐ-BGDĐT")
    named = provision + r"(?:\s*(?:cac\s+)?(?:" + P.doc_type_names_on_folded() + r")(?:[ ,]+[^\s;.:]+){0,14}?\s*:?" \
        r"(?:\s+|\s*['‘’\"“]))?"
    joined = strip_diacritics(_JOINED_WORDS)
    return {
        # (a heading over a dashed list: "1. Cơ sở pháp lý - Nghị quyết số 21-NQ/TW …")
        # (a heading of a few words over a dashed list: "I. CĂN CỨ LẬP KẾ HOẠCH - Quyết định số 749/QĐ-TTg …")
        "based_on": re.compile(r"(?i)(?:^|[\s,;(\-–])(?:" + alt(c["based_on"]) + r")\s*:?(?:(?:\s+[^\s;.:\-–]+){0,4}?\s+[-–+•])?"
                               + named + r"\s*$"),
        "follows_up": re.compile(r"(?i)(?:^|[\s,;(\-–])(?:" + alt(c["follows_up"]) + r")" + named + r"\s*(?:so\s*)?$"),
        # ("chỉ đạo của Ban cán sự đảng Ủy ban nhân dân tỉnh tại Công văn số …": a cue that ends in "của" names
        # the body, then where it said so)
        "implements": re.compile(r"(?i)(?:^|[\s,;(\-–])(?P<cue>" + alt(c["implements"]) + r")"
                                 r"(?:(?<=cua)\s+[^,;.]{1,80}?\s+tai)?" + gap + named + r"$"),
        # a clause that opens with the cue and carries out what a document says: "Triển khai thực hiện 5 nhiệm vụ
        # trọng tâm của giáo dục trung học theo Công văn số 4099 …" (not "Sau thời gian thực hiện … theo Chỉ thị …")
        "implements_theo": re.compile(r"(?i)^[\s\-–+•*]*(?:(?:\d{1,2}|[a-zđ])[.)]\s*)?(?P<cue>" + alt(c["implements"])
                                      + r")\s[^,;.:()]{1,120}?\s+theo" + named + r"\s*$"),
        "nominal": re.compile(r"(?i)(?:^|[\s,;(\-–])(?:" + alt(c["nominal_before_implements"]) + r")(?:\s+\d{1,3})?\s+$"),
        "issued": re.compile(r"(?i)(?:^|[\s,;(\-–])(?:" + alt(c["issued"]) + r")" + named + r"\s*$"),
        "references": re.compile(r"(?i)(?:^|[\s,;(\-–])(?:" + alt(c["references"]) + r")(?:[^,;.]{0,80}?\s+tai)?"
                                 + named + r"\s*$"),
        # the next item of a list, named by its own type and title: "… số 20/2023/QH15 năm 2023; Luật Sở hữu trí
        # tuệ số 07/2022/QH15" (the cue stands once, before the first)
        "list_item": re.compile(r"(?i)[\s,]*(?:nam\s+(?:19|20)\d\d)?[\s,;\-–+•]*(?:" + joined + r"\s+)?"
                                + named + r"\s*$"),
    }


def find_citations(flat: CleanText, own: B.Body | None, own_number: str | None = None,
                   own_symbol: str | None = None, own_date: str | None = None) -> tuple[list[Citation], list[str]]:
    """Every citation in the flattened text, with relation and resolved issuer."""
    text = flat.text
    warnings: list[str] = []
    hits: list[_Hit] = []
    found = _citation_hits(text)
    if len(found) > MAX_MENTIONS:  # a letter cites tens of documents, a gazette text a few hundred
        warnings.append(f"{len(found)} numbered mentions; only the first {MAX_MENTIONS} are read as citations "
                        "(is this one letter?)")
        found = found[:MAX_MENTIONS]
    for m in found:
        number = m.group("number")
        symbol, type_code = normalise_symbol(m.group("symbol"), m.group("sep")) if m.group("symbol") else (None, None)
        date, after = _date_after(text, m.end())
        if date is None and own_date:  # "… 1174-CĐ/TU ngày 11/9 của Ban Thường vụ …": the writer's year
            date, after = _date_in_own_year(text, after, own_date)
        if own_number == number and match_key(own_symbol or "") == match_key(symbol or "") and \
                not (date and own_date and date[:4] != own_date[:4]):
            continue  # the letter's own number (its number line, title or source line), not last term's namesake
        type_word = m.group("type")
        issuer_text, after2 = _issuer_after(text, after, own)
        if issuer_text is None:  # "… 153-HD/BTGTW ngày 18/9/2020 và Đề cương tuyên truyền của Ban Tuyên giáo Trung ương"
            issuer_text, after2 = _issuer_of_companion(text, after, own)
        explicit = issuer_text is not None
        if explicit and date is None:  # "… số 9/TB-VPCP của Văn phòng Chính phủ ngày 2/1/2019"
            date, after2 = _date_after(text, after2)
        before_issuer = None
        if issuer_text is None:
            before_issuer = _issuer_before(text, m.start(), own)
            issuer_text = before_issuer
        if issuer_text is None and m.group("type") is None:
            # "các Nghị quyết của Hội đồng nhân dân tỉnh: số 340/NQ-HĐND …; số 160/NQ-HĐND …": the list's head
            # names the issuer (and the type) of each of its items
            head = _list_head_of(text, m.start())
            if head is not None:
                issuer_text = head.group("issuer")
                type_word = head.group("type")
        if date is None:
            date = _date_before(text, m.start())
        doc_type = _doc_type(type_word, type_code)
        body, as_written = R.resolve_body(issuer_text, symbol or "", own)
        series = B.shown_issuer(symbol) if symbol else None
        if body is not None and series is not None and body.level == "central" and body.kind == "central" \
                and not explicit and body.name not in _series_bodies(symbol or ""):  # (a joint circular names each issuer: TTLT-BNN-BNV)
            # "chỉ đạo của Thủ tướng Chính phủ tại Thông báo số 31/TB-VPCP": the notice is the Office's;
            # a national symbol names the document's issuer, the text before it the one who gave the instruction;
            # "Thông báo số 05-TB/BCĐTW … của Ban Chỉ đạo Trung ương về phát triển khoa học …" names the issuer itself
            body, as_written = series, issuer_text
        cit = Citation(
            doc_type=doc_type, number=number, symbol=symbol, date=date,
            issuer=body.name if body else None, relation="references", evidence="",
            issuer_as_written=as_written, issuer_level=body.level if body else None,
            issuer_key=body.key if body else None,
            year=int(date[:4]) if date else (int(m.group("year")) if m.group("year") else None),
        )
        end = _subject_end(text, after2 if explicit else after)
        listed = _SHARED_SYMBOL.search(text, max(0, m.start() - 150), m.start()) if m.group("type") is None else None
        if listed is not None:  # "Phương án số 2 và 3/PA-UBND ngày …": each number is a document of that series
            cit.doc_type = _doc_type(listed.group("type"), type_code)
            for n in re.finditer(r"\d+", listed.group("nums")):
                s = listed.start("nums") + n.start()
                hits.append(_Hit(m, s, s + len(n.group()), 0, replace(cit, number=n.group()), explicit))
        hits.append(_Hit(m, m.start(), end, 0, cit, explicit))
    _share_stated_issuer(text, hits, own)
    _relations(text, hits, own)
    own_code = symbol_issuer_code(own_symbol)
    for h in hits:  # a local symbol with no stated issuer: the writer's own series
        c = h.citation
        if c.issuer is None and own is not None and (
                c.relation == "follows_up" or (own_code and own_code != "TW" and symbol_issuer_code(c.symbol) == own_code)):
            c.issuer, c.issuer_level, c.issuer_key = own.name, own.level, own.key
            if c.relation == "references":
                c.relation, c.confidence = "follows_up", CONFIDENCE["own"]
        elif c.issuer is None and own is not None:
            chain = _committee_in_chain(symbol_issuer_code(c.symbol), own)
            if chain is not None:  # "-CV/HU" in a commune's letter: its district's Huyện ủy
                c.issuer, c.issuer_level, c.issuer_key = chain.name, chain.level, chain.key
    writers: set[str] = set()  # labels of the writer's own documents
    for h in hits:
        c = h.citation
        if own is not None and R.is_unplaced(own) and c.issuer == own.name:  # the writer, whose place is unknown
            c.issuer, c.issuer_level, c.issuer_key = None, None, None
            c.issuer_as_written = c.issuer_as_written or own.name
            writers.add(_label(c.doc_type, c.number, c.symbol))
        if c.issuer_key and c.date:  # a cited document's issuer is keyed on the map of its own date
            c.issuer_key = B.key_in_era(c.issuer_key, era_for(c.date))
        s = _evidence_start(text, h)
        h.citation.evidence = text[s:h.end].strip(" ,;.")
        h.citation.start, h.citation.end = flat.span(s, h.end)
    merged = _merge_repeats(hits, text)
    return merged, warnings + [w for c in merged for w in _doubts(c, own, _label(c.doc_type, c.number, c.symbol) in writers)]


def _doubts(c: Citation, own: B.Body | None, by_writer: bool) -> list[str]:
    """What the reader should check about one cited document, from its merged record (a mention the merge
    set aside does not speak: "57-NQ/TW" named in full first, then bare in a later paragraph)."""
    label, out = _label(c.doc_type, c.number, c.symbol), []
    if by_writer and own is not None:
        out.append(f"citation {label}: issued by the writer ({own.name}), whose place the letter does not name")
    elif c.issuer is None:
        out.append(f"citation {label}: issuer not stated and not implied by the symbol")
    if c.confidence == CONFIDENCE["title_list"]:
        out.append(f"citation {label}: read as based_on, an item of the list of documents under the title "
                   "(no \"Căn cứ\" written)")
    if c.relation == "references" and c.confidence == CONFIDENCE["none"]:
        out.append(f"citation {label}: no cue governs it; read as references")
    return out


def _label(doc_type: str | None, number: str | None, symbol: str | None) -> str:
    """How a warning names a citation: "534-CV/BTGTW", or "Kế hoạch 155" when the symbol was left out."""
    return f"{number}-{symbol}" if symbol else f"{doc_type} {number}"


@lru_cache(maxsize=1 << 12)
def _series_bodies(symbol: str) -> frozenset[str]:
    """Every national body a symbol's parts name ("TTLT-BNN-BNV": both ministries)."""
    return frozenset(b.name for part in _SYMBOL_PARTS.split(symbol) if (b := B.central_by_symbol(part)) is not None)


def _share_stated_issuer(text: str, hits: list[_Hit], own: B.Body | None) -> None:
    """"Công điện số 4632/CĐ-UBND … và Công điện số 4661/CĐ-UBND … của Chủ tịch UBND tỉnh": one issuer
    phrase closes a list of one series, and names the issuer of every item before it."""
    for h, nxt in zip(reversed(hits[:-1]), reversed(hits[1:])):
        c, n = h.citation, nxt.citation
        if c.issuer is None and not h.issuer_explicit and n.issuer is not None and \
                (nxt.issuer_explicit or n.issuer_as_written) and \
                symbol_issuer_code(c.symbol) == symbol_issuer_code(n.symbol) and _JOINED.match(text, h.end, nxt.start):
            c.issuer, c.issuer_level, c.issuer_as_written = n.issuer, n.issuer_level, n.issuer_as_written
            c.issuer_key = n.issuer_key
            h.issuer_explicit = nxt.issuer_explicit


_REL_RANK = {"implements": 3, "follows_up": 2, "based_on": 1, "references": 0}


def _says(h: _Hit) -> tuple[bool, bool, bool, int]:
    c = h.citation
    return (h.issuer_explicit, c.issuer is not None, c.date is not None, len(c.evidence))


def _decided(c: Citation) -> bool:
    """A relation a cue decided (its own, its list's, or the writer's own document), not a default."""
    return (c.confidence or 0) >= CONFIDENCE["own"]


def _merge_repeats(hits: list[_Hit], text: str) -> list[Citation]:
    """One record per cited document: a letter often names it in its title, then in full in the body.

    The record is the mention that says most (stated issuer, date). Its relation: of the mentions a cue decided,
    the first in the body ("căn cứ Chỉ thị số 08-CT/TW …" in the preamble; a later "Quán triệt … Chỉ thị số
    08-CT/TW" does not restate it), the title's ("KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT SỐ 35/NQ-CP") only when the body
    does not say; with no cue at all, the strongest."""
    groups: dict[tuple[str | None, str], list[_Hit]] = {}
    for h in hits:
        c = h.citation
        # (without a symbol, the type tells "Kế hoạch số 5" from "Công văn số 5")
        # ("60-NQ/TW" and "60/NQ-TW" are one document: a symbol compares without its separators)
        key = (c.number.lstrip("0") if c.number else None, symbol_match(c.symbol) if c.symbol else f"~{c.doc_type}")
        groups.setdefault(key, []).append(h)
    for key in [k for k in groups if k[1].startswith("~")]:
        # "Chỉ thị số 01 của Thủ tướng Chính phủ" after "Chỉ thị số 01/CT-TTg": the same document named again
        # without its symbol, when exactly one document of that type and number is named with one
        doc_type = key[1][1:]
        full = [k for k in groups if k[0] == key[0] and not k[1].startswith("~")
                and all(h.citation.doc_type == doc_type for h in groups[k])]
        bare_issuers = {h.citation.issuer for h in groups[key]} - {None}
        if len(full) == 1 and bare_issuers <= ({h.citation.issuer for h in groups[full[0]]} | {None}):
            groups[full[0]] += groups.pop(key)
    end = len(text.rstrip())
    for key in [k for k in groups if not k[1].startswith("~")]:
        # "… tại Quyết định số 2629/QĐ-T" where the page stops: the symbol cut short is of the document named in full
        if key in groups and all(h.end >= end - 1 for h in groups[key]):
            longer = [k for k in groups if k[0] == key[0] and k != key and k[1].startswith(key[1])]
            if len(longer) == 1:
                groups[longer[0]] += groups.pop(key)
    out: list[Citation] = []
    for group in groups.values():
        # (max keeps the first of equals; a mention with its symbol names the document best)
        best = max(group, key=lambda h: (h.citation.symbol is not None, *_says(h))).citation
        if best.date is None:
            dated = next((h.citation for h in group if h.citation.date), None)
            if dated is not None:
                best.date, best.year = dated.date, dated.year
        decided = [h for h in sorted(group, key=lambda h: h.start) if _decided(h.citation)]
        in_body = [h for h in decided if not _in_title(text, h.start)] if len(decided) > 1 else decided
        if decided:
            rel = (in_body or decided)[0].citation
            best.relation, best.cue, best.confidence = rel.relation, rel.cue, rel.confidence
            best.also_relation = rel.also_relation or best.also_relation
        else:
            best.relation = max((h.citation.relation for h in group), key=_REL_RANK.__getitem__)
        out.append(best)
    return out


def _in_title(text: str, pos: int) -> bool:
    """Whether a mention stands in a title set in capitals ("… TRIỂN KHAI NGHỊ QUYẾT SỐ 35/NQ-CP …")."""
    words = [w for w in text[max(0, pos - 60):pos + 12].split() if any(ch.isalpha() for ch in w)][-5:]
    return len(words) >= 3 and all(w.isupper() for w in words)


#: More numbered mentions than this in one text are not read one by one (hostile or not a letter).
MAX_MENTIONS = 2000


def _citation_hits(text: str) -> list[re.Match[str]]:
    """Citation matches, found from cheap number anchors (eyecite's prefilter idea): the full
    pattern, which opens with a long alternation, runs only in a window around each anchor."""
    out: list[re.Match[str]] = []
    pat = P.citation()
    last = 0
    for a in P.NUMBER_ANCHOR.finditer(text):
        if a.start() < last:
            continue
        m = pat.search(text, max(last, a.start() - 40), a.end() + 60)
        while m is not None and m.start("number") < a.start():
            m = pat.search(text, m.start() + 1, a.end() + 60)
        if m is not None and m.start("number") == a.start():
            out.append(m)
            last = m.end()
    return _with_bare_numbers(text, out)


# the last digit of a number that a date or an issuer follows (cheap: most digits fail at once)
_BARE_ANCHOR = re.compile(r"\d(?=[ ,]*\s" + P.BARE_FOLLOWERS + r"\s)")


def _with_bare_numbers(text: str, hits: list[re.Match[str]]) -> list[re.Match[str]]:
    """Add the mentions whose writer left the symbol out ("Kế hoạch số 155, ngày 07/7/2019 của …")."""
    pat = P.bare_citation()
    bare: list[re.Match[str]] = []
    for a in _BARE_ANCHOR.finditer(text):
        start = a.start()
        while start and text[start - 1].isdigit():
            start -= 1
        if a.end() - start > 5 or (start and (text[start - 1].isalnum() or text[start - 1] in "/-.")):
            continue  # the tail of a date or of a longer number
        m = pat.search(text, max(0, start - 40), a.end() + 12)  # (the look-ahead reads past the number)
        while m is not None and m.start("number") < start:
            m = pat.search(text, m.start() + 1, a.end() + 12)
        if m is not None and m.start("number") == start and \
                not any(h.start() < m.end() and m.start() < h.end() for h in hits):
            bare.append(m)
    return sorted(hits + bare, key=lambda m: m.start()) if bare else hits


def _committee_in_chain(code: str | None, own: B.Body) -> B.Body | None:
    """The committee above the writer whose Party symbol code is ``code`` (HU, QU, TU …)."""
    if not code:
        return None
    if code == "UBND" and own.kind == "people_committee" and own.level == "province":
        return own  # "Quyết định số 3589/QĐ-UBND" in a province's letter, no issuer named: its own series
    words = [r["word"] for r in tables.committees() if tables.symbol_key(r["party_symbol"]) == code]
    era = own.era or "old"
    if own.kind == "committee" and own.committee_word in words:
        return own  # the writer's own series ("22-QC/TU" in a Tỉnh ủy's letter)
    # ("Thành ủy" before "Tỉnh ủy": a centrally-run city's committee is its Thành ủy, a province's Thành ủy a city's)
    for word in sorted(words, key=lambda w: B.committee_level(w) != "province_or_district"):
        level = B.committee_level(word)
        if level == "district" and own.level == "commune" and own.district and \
                tables.committee_of_unit(own.district_unit or "") == word:
            return B.committee(word, own.district, parent_hint=own.province, era=era)
        # "Kế hoạch số 61-KH/TU" in a letter of the province's People's Committee or of its departments
        if level in ("province", "province_or_district") and own.province and (
                own.level in ("district", "commune") or (own.level == "province" and own.kind != "committee")):
            body = B.committee(word, own.province, era=era)
            if body.level == "province":
                return body
    return None


def symbol_issuer_code(symbol: str | None) -> str | None:
    """The issuer part of a symbol: "CV/TU" → "TU", "KH-UBND" → "UBND", "UBND-VP" → "UBND"."""
    if not symbol:
        return None
    parts = _SYMBOL_PARTS.split(symbol)
    if "/" in symbol and symbol.index("/") < (symbol.index("-") if "-" in symbol else len(symbol)):
        return tables.symbol_key(parts[1]) if len(parts) > 1 else None  # Party form TYPE/ISSUER
    if tables.symbol_key(parts[0]) in tables.doc_type_by_code() and len(parts) > 1:
        return tables.symbol_key(parts[1])  # State form TYPE-ISSUER
    return tables.symbol_key(parts[0])  # State công văn ISSUER-DEPT


def _doc_type(type_word: str | None, type_code: str | None) -> str:
    if type_word:
        return type_name(type_word) or tables.doc_type_by_name()[match_key(type_word)]["name"]
    code = type_code or tables.load("doc_types")["default"]
    return tables.doc_type_by_code()[tables.symbol_key(code)]["name"]


def _list_head_of(text: str, pos: int) -> re.Match[str] | None:
    """The head of the ";"-list the mention at ``pos`` is an item of: "các Nghị quyết của Hội đồng nhân dân tỉnh:"."""
    heads = list(_LIST_HEAD_OF.finditer(text, max(0, pos - 1500), pos))
    if not heads or _PERIOD.search(text, heads[-1].end(), pos):
        return None
    return heads[-1]


_LIST_HEAD_OF = re.compile(r"(?i)\bcác\s+(?P<type>" + P.doc_type_names() + r")\s+" + tolerant("của")
                           + r"\s+(?P<issuer>[^:;.]{3,80}?)\s*:")


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _BEFORE_DATE.match(text, pos)
    assert m is not None
    d = P.DATE.match(text, m.end())
    if d is None:
        # "37-NQ/TW NQ/TW ngày 24/12/2018" (a symbol written twice), "14/KH-BCĐ-NTM huyện Đức Thọ ngày 10 tháng 2
        # năm 2020" (the issuer's place before "ngày"): the date still belongs to the mention
        detour = _BEFORE_DATE_DETOUR.match(text, pos)
        d = P.DATE.match(text, _BEFORE_DATE.match(text, detour.end()).end()) if detour else None  # type: ignore[union-attr]
    if d:
        return parse_date(d), d.end()
    return None, pos


_DAY_MONTH = re.compile(r"[\s,]*ngày\s+(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?![\d/.\-])")


def _date_in_own_year(text: str, pos: int, own_date: str) -> tuple[str | None, int]:
    """A day and month without a year ("ngày 11/9"): a date of the letter's own year, or of the year before when
    that day is still to come in it (a document cited is not dated after the letter)."""
    m = _DAY_MONTH.match(text, pos)
    if m is None:
        return None, pos
    day, month = int(m.group("d")), int(m.group("m"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None, pos
    year = int(own_date[:4])
    if (month, day) > (int(own_date[5:7]), int(own_date[8:10])):
        year -= 1
    try:
        return Date(year, month, day).isoformat(), m.end()
    except ValueError:
        return None, pos


_BEFORE_DATE_DETOUR = re.compile(r"\s+(?:[A-ZĐ]{1,10}(?:\s*[/-]\s*[A-ZĐ][A-ZĐa-z]{0,10}){1,3}|(?i:" + R.UNIT_WORD
                                 + r")(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,4})\s*,?(?=\s+ngày\s)")


def _date_before(text: str, pos: int) -> str | None:
    """"Ngày 30/7/2020 Ban Thường vụ Tỉnh ủy đã ban hành Công văn số …" — same clause only."""
    window = text[max(0, pos - 140):pos]
    window = _SENTENCE_END.split(window)[-1]
    ds = list(P.DATE.finditer(window))
    # a sentence that opens with the date ("Ngày 29/10/2020, Thành ủy … đã có Công văn số …") or an issuing verb
    # after it; not the header's "Hòa An, ngày 20 tháng 3 năm 2021" before "Thực hiện Công văn số …"
    if not ds or _RECEIVED.search(window, ds[-1].end()) \
            or not (ds[-1].group().startswith("Ngày") or _issued_after_date().search(window, ds[-1].end())) \
            or P.NUMBER_ANCHOR.search(window, ds[-1].end()) \
            or _DATE_OF_PREVIOUS.search(window, 0, ds[-1].start()):
        return None  # "… số 33-HD/BTCTW ngày 30/10/2020 … quy định 213-QĐ/TW": that date is the other's
    return parse_date(ds[-1])


# Stop words whose folded form is another word's too ("tại"/"tải", "đến"/"đền", "để"/"đề"): a match on folded text
# stands only when the word as written is the stop word, or has lost all its marks (OCR)
_SHORT_STOPS = ("tại", "tới", "đến", "theo", "nhằm", "để", "ngày", "về")
_SHORT_FOLDED = {strip_diacritics(w): w for w in _SHORT_STOPS}


def _other_word(text: str, pos: int) -> bool:
    """Whether the stop found at ``pos`` is a short stop word's namesake ("tải" for "tại")."""
    words = text[pos:pos + 12].split()
    word = words[0].lower() if words else ""
    stop = _SHORT_FOLDED.get(strip_diacritics(word))
    return stop is not None and word != strip_diacritics(word) and match_key(word) != stop


def _issuer_after(text: str, pos: int, own: B.Body | None = None) -> tuple[str | None, int]:
    """"… của Ban Tổ chức Trung ương về …"; also with "của" lost in conversion ("… ngày 30/10/2020
    Ban Tổ chức Trung ương …") when what follows is a body the resolver knows."""
    m = _OF_ISSUER.match(text, pos)
    start = m.end() if m else len(text) - len(text[pos:].lstrip(" "))  # not past a comma: the next clause
    # without "của", only a Title-case body name in running text: capitals are the next header line
    if not m and not (text[start:start + 1].isupper() and text[start + 1:start + 2].islower()):
        return None, pos
    plenum = R.PLENUM.match(text, start)  # "Hội nghị lần thứ 11 Ban Chấp hành …": its number does not end the name
    stop = _folded_search(_issuer_stop(), text, plenum.end() if plenum else start, start + 120)
    while stop is not None and _other_word(text, stop):  # "Bộ Giao thông vận tải" folds like "… vận tại"
        nxt = _folded_search(_issuer_stop(), text, stop + 1, start + 120)
        stop = nxt
    end = stop if stop is not None else min(len(text), start + 80)
    if m and _LONG_NAME_START.match(text, start):
        # a national body whose name holds "về" or commas ("Ban Chỉ đạo Trung ương về phát triển khoa học, công
        # nghệ, …"): its whole known name, not the stop inside it
        known, k = BP.central_prefix(text[start:start + 250])
        if known is not None:
            end = max(end, start + len(" ".join(text[start:start + 250].split()[:k])))
    phrase = text[start:end].strip()
    if not m and R.resolve_body(phrase, "", own)[0] is None:
        return None, pos
    return phrase, end


@cache
def _companion_re() -> re.Pattern[str]:
    """"và Đề cương tuyên truyền của …": material issued with the cited document. Not a document type:
    "… Nghị định số 08/2015/NĐ-CP và Thông tư của Bộ Tài chính", "… và các văn bản hướng dẫn của Bộ Tài
    chính" name another body's documents that carry the cited one out."""
    words = alternation(tables.cues()["companions"], fold=True)
    return re.compile(r"[\s,]*(?:và|cùng)\s+(?:các\s+)?(?i:" + words + r")"
                      r"(?:\s+[^\s\d,;.:()]+){0,2}?(?=\s+" + tolerant("của") + r"\s)")


def _issuer_of_companion(text: str, pos: int, own: B.Body | None) -> tuple[str | None, int]:
    """The issuer named after a companion document is the cited one's too; only a body the resolver knows."""
    m = _companion_re().match(text, pos)
    if m is None:
        return None, pos
    phrase, end = _issuer_after(text, m.end(), own)
    if phrase is None or R.resolve_body(phrase, "", own)[0] is None:
        return None, pos
    return phrase, end


def _issuer_before(text: str, pos: int, own: B.Body | None = None) -> str | None:
    """The body named before the mention: "… của Sở Y tế tại Tờ trình số …", "… UBND tỉnh Bình Dương vừa
    ban hành Quyết định số …", "Ban Thường vụ Tỉnh ủy đã ban hành Công văn số …"."""
    window = text[max(0, pos - 160):pos]
    m = _ISSUER_AT.search(window) or (_TYPE_OF_ISSUER.search(window, len(window) - 120) if "của" in window[-80:] else None)
    if m:
        return m.group("i")
    if not _issuing_verb_at_end().search(window, max(0, len(window) - 40)):
        return None  # the common case, decided without the ten-word pattern
    m = _issuer_before_re().search(window)
    if not m:
        return None
    words = m.group("i").split()
    while words and words[-1].lower() in _ADVERBS:  # "… Vũng Tàu vừa có …": the adverb is the verb's
        words.pop()
    for k in range(len(words)):  # the longest run of words ending at the verb that is a body's name
        phrase = " ".join(words[k:])
        if phrase[:1].isupper() and _body_name_re().fullmatch(BP.expand_abbreviations(phrase)) and \
                R.resolve_body(phrase, "", own)[0] is not None:
            return phrase
    return None


@cache
def _body_name_re() -> re.Pattern[str]:
    """A phrase that is a body's name and nothing more: a known national body, or a committee, a
    people's committee or a local agency with, at most, a place after it."""
    cap = r"(?:\s+[A-ZĐÀ-ỸẠ-Ỹ][\wÀ-ỹ.\-]*)*"
    local = (r"(?:(?:" + "|".join(tables.standing_bodies()) + r")\s+)?(?:(?:" + "|".join(tables.boards()) + r")\s+)?"
             r"(?:(?:" + "|".join(tables.committee_words()) + r")(?:\s+" + R.UNIT_WORD + r")?"  # "Tỉnh ủy tỉnh Sơn La"
             r"|(?:" + "|".join(tables.people_committee_words()) + r")\s+" + R.UNIT_WORD + r")" + cap)
    agency = (r"(?:" + alternation(r["word"] for r in tables.load("bodies")["local_agencies"]) + r")"
              r"(?:\s+[^\s\d]+){0,8}?(?:\s+" + R.UNIT_WORD + cap + r")?")
    return re.compile(r"(?i:" + alternation(_directing_names()) + r")|" + local + "|" + agency)


_ADVERBS = frozenset({"đã", "vừa", "mới", "tiếp", "tục", "cũng", "lại", "sẽ"})


@cache
def _issuing_verbs() -> str:
    return (r"(?:(?i:" + alternation(tables.cues()["issued"] + ["ban hành", "có", "ký"], fold=True) + r")"
            r"|(?:" + alternation(tables.cues()["instruction_nouns"]) + r")\s+tại|giao\s*\()")


@cache
def _issued_after_date() -> re.Pattern[str]:
    return re.compile(r"\s" + _issuing_verbs() + r"\s")


@cache
def _issuing_verb_at_end() -> re.Pattern[str]:
    return re.compile(r"\s" + _issuing_verbs() + r"\s*$")


@cache
def _issuer_before_re() -> re.Pattern[str]:
    """Up to ten words, then the verb of issuing; "… UBND tỉnh đã chỉ đạo tại Công văn số …": what a
    body said in a document is its document."""
    return re.compile(r"(?P<i>(?:[^\s,;:()]+\s+){0,9}[^\s,;:()]+)\s+" + _issuing_verbs() + r"\s*$")


_SENT_TO = re.compile(r"\s+gửi\s+[^;.:()\n]{3,120}?(?=\s+[“\"]?(?:về|V/v)\b)")


def _subject_end(text: str, pos: int) -> int:
    """End of a citation's "về …" subject: a clause mark, ", <Capital>", or the next citation. A
    parenthesis right after the mention is part of its description ("… (Triển khai thực hiện Chỉ thị
    số 15/CT-TTg …) về việc …")."""
    paren = _PAREN.match(text, pos)
    if paren:
        pos = paren.end()
    quoted = _QUOTED.match(text, pos)
    if quoted:
        return quoted.end()
    sent = _SENT_TO.match(text, pos)  # "… Công văn số 949/BYT-KH-TC gửi Ủy ban nhân dân các tỉnh … về việc …"
    if sent:
        pos = sent.end()
    m = _SUBJECT_START.match(text, pos)
    if not m:
        return pos
    s = _folded_search(_subject_stop_re(), text, m.end(), m.end() + 400)
    return s if s is not None else min(len(text), m.end() + 200)


def _relations(text: str, hits: list[_Hit], own: B.Body | None) -> None:
    """Each mention's relation from the cue that governs it, with that cue and a confidence.

    A cue governs a list: "Căn cứ A; B và C" — a mention with no cue of its own, joined to the last
    top-level mention by separators only, takes its relation. A mention inside the last one's
    description ("Kết luận số 18 … về tiếp tục thực hiện Chỉ thị số 10 …") is only referenced,
    whatever verb stands before it, and does not break the list. The writer's own earlier document
    is followed up, unless a cue that opens the clause governs it ("Căn cứ …", "Thực hiện …",
    "Để bảo đảm thực hiện … nêu tại …"): then the phrase wins and ``also_relation`` says follows_up.
    """
    res = _cue_res()
    gov: _Hit | None = None
    gov_rel: str | None = None
    gov_opens = False
    gov_cue: str | None = None
    nested: _Hit | None = None
    prev_end = 0
    for h in hits:
        c = h.citation
        clause_start = max(prev_end, _clause_start(text, h.start))
        h.lead_start = clause_start
        own_issuer = own is not None and c.issuer == own.name
        # inside the last mention's description; or joined to a mention that is, and of its type rather
        # than the outer one's ("… hướng dẫn thi hành Nghị định số 85/2007/NĐ-CP … và Nghị định số 106 …")
        if (gov is not None and h.start < gov.end) or (
                nested is not None and _JOINED.match(text, nested.end, h.start)
                and c.doc_type == nested.citation.doc_type != (gov.citation.doc_type if gov else None)):
            c.relation, c.cue, c.confidence = "references", None, CONFIDENCE["nested"]
            prev_end = max(prev_end, h.end)
            nested = h
            continue
        nested = None
        lead = text[clause_start:h.start]
        # (the cue patterns run on folded text, see _cue_res: only the stretches they read are folded)
        joined = gov is not None and bool(_JOINED.match(text, gov.end, h.start)
                                          or res["list_item"].match(fold(text[gov.end:h.start])))
        code = symbol_issuer_code(c.symbol)
        if joined and gov is not None and c.issuer is None and gov.citation.issuer and code != "TW" and \
                code == symbol_issuer_code(gov.citation.symbol):
            # "… UBND tỉnh đã chỉ đạo tại Công văn số 4486/UBND-KTN, Công văn số 3790/UBND-KTN": one series
            c.issuer, c.issuer_level = gov.citation.issuer, gov.citation.issuer_level
            c.issuer_key = gov.citation.issuer_key
            own_issuer = own is not None and c.issuer == own.name
        rel, cue, conf = "references", None, CONFIDENCE["none"]
        stated_reference = False
        opens = bool(_OPENS_CLAUSE.match(lead))
        tail = max(0, len(lead) - _CUE_REACH)  # a cue governs from close by: its words, a gap, a long title
        flead = fold(lead)
        for name in ("references", "based_on", "follows_up", "issued", "implements"):
            m = res[name].search(flead, tail)
            said = " ".join(lead[m.start():m.end()].strip(" ,;(-–").split()) if m else None  # the cue as written
            if m and name == "implements" and res["nominal"].search(flead, max(0, m.start("cue") - 40),
                                                                      m.start("cue")):
                rel, cue, conf = "references", said, CONFIDENCE["cue"]
                stated_reference = True  # "sơ kết 04 năm thực hiện Chỉ thị …": a noun phrase, not an instruction
                break
            if m:
                rel, cue, conf = name, said, CONFIDENCE["cue"]
                stated_reference = name == "references"
                break
        else:
            theo = res["implements_theo"].match(flead, tail) if tail == 0 else None
            if theo is not None:
                rel, cue, conf = "implements", " ".join(lead[theo.start("cue"):theo.end("cue")].split()), CONFIDENCE["cue"]
            elif joined and gov_rel:
                rel, cue, opens, conf = gov_rel, gov_cue, gov_opens, CONFIDENCE["list"]
            else:
                head = _list_head(text, clause_start, h.start) or _cue_over_list_head(text, h.start)
                if head is not None:  # "Căn cứ Điều lệ Đảng; Quy định số 294-QĐ/TW …": a list opened by no number
                    rel, cue, opens, conf = head[0], head[1], True, CONFIDENCE["list"]
                elif _under_title(text, h.start):
                    rel, cue, opens, conf = "based_on", None, True, CONFIDENCE["title_list"]
        if rel == "issued":  # "… đã ban hành …": the writer's own document followed up, or news of another's
            rel = "follows_up" if own_issuer or c.issuer is None else "references"
        elif stated_reference:
            pass  # "thay thế …", "Xét đề nghị của … tại …": stated as only referenced
        elif own_issuer and (rel == "references" or (rel == "implements" and not opens)):
            rel, conf = "follows_up", CONFIDENCE["own"]
        elif own_issuer and rel in ("implements", "based_on"):
            c.also_relation = "follows_up"
        c.relation, c.cue, c.confidence = rel, cue, conf
        if not own_issuer or rel in ("based_on", "implements"):  # not a follow-up: "Tiếp theo …" governs no list
            gov_rel, gov_opens, gov_cue = rel, opens, cue
        gov = h
        prev_end = h.end


def _list_head(text: str, clause_start: int, pos: int) -> tuple[str, str] | None:
    """(relation, cue) of the cue that opens the list (";", "," or dashes) this mention is an item of, when the
    item is only its type and title ("…; Quy định số …") and the list's first items carry no number (so
    no cited document governs it): "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Quy định số 294-QĐ/TW …"."""
    comma = text.rfind(",", clause_start, pos)
    if comma >= 0 and _cue_res()["list_item"].match(fold(text[comma + 1:pos])):
        clause_start = comma + 1  # "Căn cứ Điều lệ Đảng, Quy định số 29-QĐ/TW …": an item after a comma
    elif text[clause_start - 1: clause_start] not in (";", " ") or \
            not _cue_res()["list_item"].match(fold(text[clause_start:pos])):
        return None
    sentence = max(0, clause_start - 2000)
    for period in _PERIOD.finditer(text, sentence, clause_start):
        if not _DASH_ITEM.match(text, period.end()):  # "… (khóa XIII). - Mục 1 …": the next item of a dashed list
            sentence = period.end()
    found: tuple[str, str] | None = None
    # each item starts the sentence, follows a ";", or opens with a capitalised cue (a line of its own once)
    starts = sorted({sentence, *(m.end() for m in _SEMICOLON.finditer(text, sentence, clause_start)),
                     *(o.start() for o in _opening_cue_re().finditer(text, sentence, clause_start)
                       if _opens_line(text, o.start()))})
    found_end = 0
    for start in starts:
        cue = _list_cue_re().match(text, start)
        if cue is not None:
            found, found_end = ("based_on" if cue.group("b") else "implements", " ".join(cue.group().split())), cue.end()
    # the cue opens a list: items follow it after ";" or as dashed lines ("Cơ sở pháp lý - Nghị quyết số …")
    return found if found is not None and _LIST_MARK.search(text, found_end, clause_start) else None


def _cue_over_list_head(text: str, pos: int) -> tuple[str, str] | None:
    """(relation, cue) of "Căn cứ các Quyết định của UBND tỉnh: Số 64/2009/QĐ-UBND …": the cue governs the list
    its head opens, the first item too."""
    heads = [m for m in _LIST_HEAD_OF.finditer(text, max(0, pos - 200), pos) if _ITEM_NUMBER_WORD.fullmatch(text, m.end(), pos)]
    if not heads:
        return None
    cue = _cue_before_re().search(text, max(0, heads[-1].start() - 40), heads[-1].start())
    if cue is None:
        return None
    return ("based_on" if cue.group("b") else "implements"), " ".join(cue.group().split())


@cache
def _cue_before_re() -> re.Pattern[str]:
    c = tables.cues()
    return re.compile(r"(?i)(?:(?P<b>" + alternation(c["based_on"]) + r")|(?P<i>" + alternation(c["implements"]) + r"))\s*$")


_ITEM_NUMBER_WORD = re.compile(r"\s*(?:" + tolerant("số") + r"\s*:?\s*)?", re.IGNORECASE)


@cache
def _list_cue_re() -> re.Pattern[str]:
    c = tables.cues()
    return re.compile(r"(?i)[\s\-–+•*]*(?:(?P<b>" + alternation(c["based_on"]) + r")|(?P<i>"
                      + alternation(c["implements"]) + r"))\b")


_PERIOD = re.compile(r"\." + _ABBR_DOT + r"\s")
_LIST_MARK = re.compile(r"[;,]|\s[-–+•]\s")
_SEMICOLON = re.compile(";")
_DASH_ITEM = re.compile(r"\s*[-–+•]\s")

# a dashed list of documents straight under a title in capitals ("… NĂM 2026 - Luật …; - Nghị quyết số …"): the
# legal basis of a plan or decision, whose "Căn cứ" heading the conversion lost
@cache
def _title_then_item() -> re.Pattern[str]:
    return re.compile(r"(?:(?<=\s)[" + P.VI_UPPER + r"0-9]{2,}\s+){2,}[-–+•]\s+(?=(?i:" + P.doc_type_names_folded()
                      + r")\b)")


_ITEM_OPENS = re.compile(r"(?:^|\s)[-–+•]\s*$")


def _under_title(text: str, pos: int) -> bool:
    """Whether the mention at ``pos`` opens an item of a dashed list that starts right under a title in capitals
    and runs item by item ("; - ") to it, with no sentence between."""
    if not _ITEM_OPENS.search(text, max(0, pos - 4), pos):
        return False
    title = next(reversed(list(_title_then_item().finditer(text, max(0, pos - 3000), pos))), None)
    if title is None or _PERIOD.search(text, title.end(), pos):
        return False
    return all(_DASH_ITEM.match(text, s.end()) for s in _SEMICOLON.finditer(text, title.end(), pos))


_CUE_REACH = 260
# How sure a relation is, by what decided it (reported on each citation; a default draws a warning).
CONFIDENCE = {"cue": 0.9, "list": 0.8, "own": 0.8, "nested": 0.7, "title_list": 0.6, "none": 0.5}


def _clause_start(text: str, pos: int) -> int:
    window_start = max(0, pos - 300)
    last = window_start
    for m in _CLAUSE_MARK.finditer(text, window_start, pos):
        if m.group()[0] == ":" and _TYPE_BEFORE_COLON.search(text, max(0, m.start() - 40), m.start()):
            continue  # "Căn cứ các Nghị định: số 92/2006/NĐ-CP …": the colon opens the cue's list
        last = m.end()
    # a line that opens with a capitalised cue starts a clause, though flattening joined it to the line before
    # ("Hà Nội, ngày 3 tháng 3 năm 2021\n\nTriển khai thực hiện …"): in running text a cue is lower case
    for m in _opening_cue_re().finditer(text, last, pos):
        if _opens_line(text, m.start()):
            last = m.start()
    return last


def _opens_line(text: str, pos: int) -> bool:
    """Whether a cue word at ``pos`` is capitalised as a line's first word, not as part of a name ("Ban Chấp
    hành", "Đảng ủy Khối Thực …"): the word before it is not in Title case."""
    if not text[pos].isupper():
        return False
    prev = text[max(0, pos - 30):pos].split()
    return not prev or not (prev[-1][:1].isupper() and any(ch.islower() for ch in prev[-1][1:]))


@cache
def _opening_cue_re() -> re.Pattern[str]:
    c = tables.cues()
    # (a capital first, tested before the long alternation: most positions fail at once)
    return re.compile(r"(?<=\s)(?=[" + P.VI_UPPER + r"])(?i:" + alternation(
        [*c["implements"], *c["based_on"], *c["follows_up"], "để", "nhằm"]) + r")\b")


_TYPE_BEFORE_COLON = re.compile(r"(?i)(?:" + P.doc_type_names() + r")\s*$")


def _evidence_start(text: str, h: _Hit) -> int:
    lead_start = h.lead_start
    lead = text[lead_start:h.start]
    if h.citation.relation in ("implements", "based_on", "follows_up"):
        res = _cue_res()
        m = res["implements"].search(fold(lead)) if h.citation.relation == "implements" else None
        if m:
            return lead_start + m.start("cue")
        cues = list(_EVIDENCE_CUE.finditer(lead))
        if cues:  # the cue nearest the citation, not a date further back in the clause
            return lead_start + cues[-1].start()
        if h.citation.relation == "implements":
            cap = _EVIDENCE_OPENING.search(lead)
            if cap:
                return lead_start + cap.start()
    # "theo Nghị quyết số 21/NQ-CP …": keep the preposition that shows the link
    m = _THEO.search(lead)
    return lead_start + m.start() if m else h.start


# --- mentions without a number ------------------------------------------------------
@cache
def _unnumbered_re() -> re.Pattern[str]:
    c = tables.cues()
    whats = alternation(c["unnumbered"])
    return re.compile(r"(?i)(?<![\w])(?P<what>" + whats + r")\s+của\s+")


@cache
def _directing_names() -> list[str]:
    rows = tables.load("bodies")
    names = [r["name"] for r in rows["central"]] + [a for r in rows["central"] for a in r["aliases"] if len(a) > 4]
    names += rows["titles"]
    return sorted(set(names), key=len, reverse=True)


@cache
def _directing_run() -> re.Pattern[str]:
    alt = alternation(_directing_names())
    person = r"(?:\s+[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){1,3})?"
    return re.compile(r"(?i:(?:" + alt + r"))" + person + r"(?:\s*(?:,|và)\s*(?i:(?:" + alt + r"))" + person + r")*")


def find_unnumbered(flat: CleanText) -> list[UnnumberedReference]:
    """"Lời kêu gọi của Tổng Bí thư …", "các văn bản chỉ đạo của Bộ Chính trị, Ban Bí thư …"."""
    out: list[UnnumberedReference] = []
    text = flat.text
    for anchor in _OF.finditer(text):
        m = _unnumbered_re().search(text, max(0, anchor.start() - 30), anchor.end())
        if m is None or m.end() != anchor.end():
            continue
        run = _directing_run().match(text, m.end())
        if not run:
            continue
        tail = text[run.end(): run.end() + 12]
        if _AT.match(tail):
            continue  # "chỉ đạo của Thủ tướng tại Công điện số …" is a numbered citation
        what = m.group("what")
        what = what[:1].upper() + what[1:] if what.lower().startswith("lời") else what
        s, e = flat.span(m.start(), run.end())
        out.append(UnnumberedReference(what=what, issuer=run.group().strip(" ,"), evidence=text[m.start():run.end()],
                                       start=s, end=e))
    return out
