"""How a letter names itself when its header is lost.

Two forms of the language, both common on web pages and in legal databases:

* a **title line** that describes the document in one sentence — "Công văn số 175-CV/TU ngày
  25/01/2007 của Thành ủy TPHCM về việc …", "KẾT LUẬN 127-KL/TW CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ …";
* an **enacting clause** in the opening paragraph — "…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch
  kiểm điểm … như sau:", "Ban Thường vụ Tỉnh ủy quy định đánh giá chất lượng sinh hoạt chi bộ, như sau:".

Both give the document type, the subject and the issuing body as written; the title line also the
number, symbol and date. Words are matched whatever their diacritics (``normalize.tolerant``):
hosts that scramble tone marks and OCR that drops them keep the same words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lineage.loaders import header as H
from lineage.loaders import patterns as P
from lineage.loaders.dates import parse_date
from lineage.reference import tables
from lineage.reference.normalize import match_key, strip_diacritics, tolerant
from lineage.reference.trie import alternation

__all__ = ["SelfNaming", "annex_line", "enacting_clause", "lead_sentence", "source_line", "title_line"]


@dataclass
class SelfNaming:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    sep: str | None = None
    date: str | None = None
    issuer_phrase: str | None = None
    subject: str | None = None


@cache
def _type_names_folded() -> dict[str, str]:
    return {strip_diacritics(match_key(r["name"])): r["name"] for r in tables.load("doc_types")["types"]}


def _type_of(word: str) -> str | None:
    return _type_names_folded().get(strip_diacritics(match_key(word)))


@cache
def _types_tolerant() -> str:
    return "(?i:" + alternation((r["name"] for r in tables.load("doc_types")["types"]), fold=True) + ")"


@cache
def _type_first_words() -> frozenset[str]:
    return frozenset(strip_diacritics(r["name"].split()[0]).lower() for r in tables.load("doc_types")["types"])


def _opens_with_type(line: str) -> bool:
    """A cheap test before the title patterns (long to compile, so compiled only when a line may be a title)."""
    words = line.lstrip(" \t*#").split(maxsplit=1)
    return bool(words) and strip_diacritics(words[0]).lower() in _type_first_words()


@cache
def _title_re() -> re.Pattern[str]:
    t = tolerant
    return re.compile(
        r"^[ \t*#]*(?P<type>" + _types_tolerant() + r")\s+(?:" + t("số") + r"\s*:?\s*)?"
        r"(?P<number>\d{1,5})(?:\s*(?P<sep>[-/])\s*(?P<symbol>" + P.SYMBOL_PART + r"(?:[-/]" + P.SYMBOL_PART + r")*))?"
        r"(?![\w/])(?P<rest>[^\n]*)$"
    )


@cache
def _rest_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    t = tolerant
    date = re.compile(r"(?:" + t("ngày") + r"\s*)(?P<d>\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d\d"
                      r"|\d{1,2}\s+" + t("tháng") + r"\s+\d{1,2}\s+" + t("năm") + r"\s+(?:19|20)\d\d)")
    of = re.compile(r"(?:^|\s)" + t("của") + r"\s+(?P<i>.+?)(?=\s+" + t("ngày") + r"\s|\s+" + t("về") + r"\s|$)")
    about = re.compile(r"(?:^|\s)(?P<s>" + t("về") + r"\s.+)$")
    return date, of, about


@cache
def _unnumbered_title_re() -> re.Pattern[str]:
    t = tolerant
    cues = alternation([*tables.cues()["implements"], "về"], fold=True)
    return re.compile(r"^[ \t*#]*(?P<type>" + _types_tolerant() + r")\s+" + t("của") + r"\s+(?P<i>[^\n]{3,120}?)\s+"
                      r"(?P<s>(?=[a-zđà-ỹ])(?i:" + cues + r")\s[^\n]+)$")


# a portal's stamp glued to its title line: "… năm 2021 Cập nhật05-02-2021 09:29"
_POSTED = re.compile(r"(?i)\s*(?:cập nhật|ngày đăng|đăng ngày)\s*:?\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}.*$")


@cache
def _type_subject_re() -> re.Pattern[str]:
    # (the subject in lower case, no number of its own: "Kế hoạch số 12 …" and "Kế hoạch này …" are not titles)
    return re.compile(r"^[ \t*#]*(?P<type>" + _types_tolerant() + r")\s+(?!(?:" + tolerant("số") + r"|" + tolerant("này")
                      + r"|" + tolerant("của") + r")\b)(?P<s>[a-zđà-ỹ][^\n]{8,})$")


@cache
def _about_numbered_re() -> re.Pattern[str]:
    t = tolerant
    return re.compile(
        r"^[ \t*#]*(?P<s>(?:" + t("Về việc") + r"|V/[vV])\s.+?)\s*\(\s*(?:" + t("số") + r"\s*:?\s*)?(?P<number>\d{1,6})"
        r"\s*(?P<sep>[-/])\s*(?P<symbol>" + P.SYMBOL_PART + r"(?:[-/]" + P.SYMBOL_PART + r")*)\s*,?\s*(?:" + t("ngày")
        + r"\s*)?(?P<d>\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d)?\s*\)\s*\.?\s*$")


def title_line(text: str) -> SelfNaming | None:
    """The document described by the first line of the text, if that line is such a title."""
    first = next((ln for ln in text[:600].split("\n") if ln.strip()), "")
    numbered = _about_numbered_re().match(first)
    if numbered is not None:  # a portal's heading: "Về việc báo cáo … (3585/VP-KTN, ngày 23/10/2017)."
        dm = P.DATE.search(numbered.group("d") or "")
        return SelfNaming(number=numbered.group("number"), symbol=numbered.group("symbol"), sep=numbered.group("sep"),
                          date=parse_date(dm) if dm else None, subject=" ".join(numbered.group("s").split()))
    if not _opens_with_type(first):
        return None
    m = _title_re().match(first)
    if not m:
        # no number: "Chương trình của Ban Chấp hành Đảng bộ tỉnh Khóa XVI thực hiện Nghị quyết số 45-NQ/TW …"
        # (the subject opens with a cue in lower case: "Chấp hành" is part of the name)
        u = _unnumbered_title_re().match(first)
        if u is not None:
            return SelfNaming(doc_type=_type_of(u.group("type")), issuer_phrase=u.group("i").strip(" ,"),
                              subject=" ".join(u.group("s").split()).strip(" .;,"))
        # a page's title line, the type then what it is about: "Thông báo treo cờ Tổ quốc ngày bầu cử …"
        t = _type_subject_re().match(first)
        if t is None or len(first) > 200 or first.rstrip().endswith((".", ":", ";", ",")):
            return None
        return SelfNaming(doc_type=_type_of(t.group("type")), subject=" ".join(_POSTED.sub("", t.group("s")).split()))
    if not m.group("rest").strip():
        return None
    rest = m.group("rest")
    date_re, of_re, about_re = _rest_res()
    out = SelfNaming(doc_type=_type_of(m.group("type")), number=m.group("number"), symbol=m.group("symbol"),
                     sep=m.group("sep"))
    d = date_re.search(rest)
    if d:
        dm = P.DATE.search(_untone_date(d.group("d")))
        out.date = parse_date(dm) if dm else None
    o = of_re.search(rest)
    if o:
        out.issuer_phrase = re.split(r",\s*", o.group("i").strip())[0]
    a = about_re.search(rest)
    if a:
        out.subject = " ".join(a.group("s").split()).strip(" .;,")
    # "Kế hoạch 12 năm …" is not a title; "Văn bản số 1220/UBND-KGVX về …" is, unless it announces ("… về …:")
    if not (o or d or (out.symbol and a and not first.rstrip().endswith((":", ";", ",")))):
        return None
    return out


def _untone_date(s: str) -> str:
    """"12 thàng 3 nàm 2020" → "12 tháng 3 năm 2020" so the shared date pattern reads it."""
    return re.sub(tolerant("tháng"), "tháng", re.sub(tolerant("năm"), "năm", s))


_HEAD_START = re.compile(r"(?:" + alternation(tables.body_heads()) + r")\s")


def _any_case_heads() -> str:
    """The body heads in any case, capitalised ("Ủy Ban nhân dân xã Tây Sơn thông báo …"; never "ban hành")."""
    return r"(?=" + P.VI_CAPITAL + r")(?i:" + alternation(tables.body_heads()) + r")"


@cache
def _enact_re() -> re.Pattern[str]:
    heads = _any_case_heads()
    verbs = alternation(tables.cues()["enacting"])
    return re.compile(
        # ("UBND xã Hiệp Hoà Thông báo như sau:": a verb that names the type may be written as a title)
        # (not a body in a cited document's description: "… của UBND tỉnh … về việc phê duyệt … xây dựng Đề án …")
        # (nor a head inside a symbol, "47/QĐ-UBND ngày … về ban hành Kế hoạch …": "về" makes the verb a description)
        # ("Ban Chỉ đạo … huyện X (sau đây gọi tắt là Ban Chỉ đạo) ban hành …": the short name it defines may follow)
        r"(?<!của )(?<!tại )(?<![-/])(?P<body>(?:" + heads + r")\s[^;:.()\n]{0,80}?)(?<! về)(?<! về việc)"
        r"(?:\s*\((?i:sau đây)[^()]{0,60}\))?\s+(?:tiếp tục\s+)?(?P<verb>(?i:" + verbs + r"))\s+"
        # "… đã ban hành Công văn số 1879-CV/TU …" tells of another document: a citation, not this one
        r"(?:(?P<type>(?i:" + P.doc_type_names_folded() + r"))\s+)?(?!(?i:số)\b|\d)"
        r"(?:(?P<subject>[^:;\n]{3,300}?)\s*,?\s*)??"
        # (or the end of a page that stops right after the clause)
        # ("… như sau" whose colon was lost, the first section heading right after it: "… như sau I. MỤC ĐÍCH")
        r"(?:(?P<as_follows>(?:như|cụ thể)\s+sau)(?:\s*:|\s+(?=(?:[IVX]{1,4}|\d{1,2})[.)]\s))|:|\.(?:\s|$)|(?P<page_end>\s*$))"
    )


# (without its comma only when it announces: "… nhiệm kỳ 2025-2030 với những nội dung chủ yếu sau")
_LEAD_IN = re.compile(r"(?i)(?:[,;]\s*(?:với|gồm|bao gồm|tập trung vào|cụ thể)\b[^,;]{0,60}"
                      r"|\s+(?:với|gồm|bao gồm)\s+(?:những|các)\s+[^,;]{0,40}\b(?:sau|chủ yếu))$")


@cache
def _cue_only() -> re.Pattern[str]:
    return re.compile(r"(?i)(?:" + alternation(tables.cues()["implements"], fold=True) + r")(?:\s+như\s+sau)?")


def enacting_clause(flat_text: str) -> SelfNaming | None:
    """"…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch kiểm điểm … như sau:" in the opening paragraphs: the first
    clause that enacts ("… thống nhất đất nước (30/4/1975 …)." before it is no such clause)."""
    pos = 0
    while (m := _enact_re().search(flat_text, pos, 2500)) is not None:  # the opening paragraphs
        named = _enacted(m, flat_text)
        if named is not None:
            return named
        pos = m.end("verb")  # (a clause that does not enact may have run over the one that does)
    return None


_CITED_NUMBER = re.compile(r"\d\s*[/-]\s*[A-ZĐ]")


def _enacted(m: re.Match[str], flat_text: str) -> SelfNaming | None:
    if m.group("page_end") is not None and m.end() < len(flat_text.rstrip()):
        return None  # ("$" also matches where the search window stops: only the text's own end counts)
    verb = m.group("verb")
    # without a type noun the verb names the type, and only an announcing "như sau:" makes it enact
    # ("… quy định đánh giá …, như sau:"; not "… đúng quy định của pháp luật.")
    doc_type = _type_of(m.group("type")) if m.group("type") else (
        _type_of(verb) if m.group("as_follows") else None)
    if doc_type is None:
        return None
    # "…, tập trung vào những trọng tâm sau", "…, gồm các nội dung chủ yếu": the lead-in to the list, not the subject
    stated = _LEAD_IN.sub("", " ".join((m.group("subject") or "").split())).strip(" .;,")
    subject: str | None = stated
    if len(stated.split()) < 3 or _cue_only().fullmatch(stated):
        subject = None  # "… ban hành chỉ thị triển khai thực hiện như sau:": no subject is stated
    if _CITED_NUMBER.search(m.group("body")):
        return None  # "Bộ trưởng … ký Quyết định số 3426/QĐ-BVHTTDL ban hành Kế hoạch …": the cited document enacts
    # "…, Tỉnh ủy Quảng Ngãi, Huyện uỷ Trà Bồng ban hành …": the body is the last of a list of names
    # ("Đảng ủy Khối các trường Đại học, Cao đẳng Hà Nội": a comma inside the last name keeps what follows it)
    parts = re.split(r",\s+", m.group("body"))
    last = max((i for i, p in enumerate(parts) if _HEAD_START.match(p)), default=0)
    body = ", ".join(parts[last:])
    return SelfNaming(doc_type=doc_type, issuer_phrase=body.strip(" ,"), subject=subject)


@cache
def _lead_re() -> re.Pattern[str]:
    t = tolerant
    heads = _any_case_heads()
    return re.compile(
        # a sentence of its own near the top ("LTS: " is a portal's editor's note)
        r"(?:^|(?<=[.;:!]\s)|(?<=\n))[ \t]*(?:LTS:\s*)?"
        r"(?:" + t("Ngày") + r"\s*(?P<d>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*(?:19|20)\d\d)?)\s*,?\s+)?"
        # ("… Sở Thông tin và Truyền thông có Công văn số 544/STTTT-BCXBTT về việc …": a portal's word; "đã có" is
        # the writer's own recall of an earlier letter)
        r"(?P<body>(?:" + heads + r")[^;:.()\n]{0,80}?)\s+(?:(?:đã\s+|vừa\s+)?(?:ký\s+)?ban hành|(?<!đã\s)(?:vừa\s+)?có)\s+"
        # ("văn bản số Số 26-CV/BTGHU": the word doubled by a portal's template)
        r"(?P<type>" + _types_tolerant() + r")\s+(?:" + t("số") + r"\s*:?\s*){0,2}(?P<number>\d{1,5})"
        r"(?:\s*(?P<sep>[-/–])\s*(?P<symbol>" + P.SYMBOL_PART + r"(?:[-/]" + P.SYMBOL_PART + r")*))?(?![\w/])"
        r"(?P<rest>[^\n]{0,600}?)(?=\.\s|\.?$|;|:)", re.MULTILINE)


# what follows a lead: the letter's content announced ("…, nội dung cụ thể như sau:", "Theo đó, …"), or nothing
# (the end of the text, or of the lead's own paragraph)
_LEAD_GOES_ON = re.compile(r"(?i)\s*(?::|\.\s*(?:theo đó|cụ thể|kế hoạch (?:nêu|đề ra|yêu cầu)|nội dung)\b"
                           r"|(?P<end>\.?\s*(?:/\.)?\s*$|\.?[ \t]*\n[ \t\u00a0]*\n))")  # (or its paragraph's end)
_LEAD_WINDOW = 900  # a news lead stands at the top: in the first paragraphs, not deep in the body
# (the subject is what follows "về việc", as a V/v line's is what follows "V/v")
# ("… Kế hoạch số 67/KH-SVHTTDL tổ chức Hội thi …": what it does, in lower case, without "về")
_SAYS_ABOUT = re.compile(r"^\s*,?\s*(?:(?i:của)\s[^,]{1,60}?\s)?(?:(?i:về\s+việc|về|v/v)\s+|(?=[a-zđà-ỹ]))(?P<s>.+?)\s*"
                         r"(?:,\s*(?i:nội dung|cụ thể)\b.*)?$")


_NEXT_OPENS = re.compile(r"\.\s+(?=(?:" + alternation(tables.cues()["opening"]) + r")\b)(?P<end>)")


def _same_body_goes_on(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """"Ngày 29/4/2022, Ban Tuyên giáo Huyện ủy đã ban hành văn bản số 74-CV/BTGHU về …. Thực hiện Hướng dẫn số 07 …,
    Ban Tuyên giáo Huyện ủy định hướng …": the letter's body opens right after the lead, and the body that issued
    the lead's document is the one that speaks in it: the lead names the page's own letter."""
    nxt = _NEXT_OPENS.match(text, m.end())
    if nxt is None or not m.group("d"):
        return None
    body = " ".join(m.group("body").split())
    window = " ".join(text[nxt.end(): nxt.end() + 800].split())
    return nxt if re.search(r",\s*" + re.escape(body) + r"\s+[a-zđà-ỹ]", window) else None


def lead_sentence(text: str) -> SelfNaming | None:
    """A portal's lead that names the page's letter when its header was not reproduced: "Ngày 11/9/2020 Ban
    Tuyên giáo Huyện ủy ban hành Công văn số 07-CV/BTGHU về việc …, nội dung cụ thể như sau:".

    Not when the text goes on to carry that document out ("Thực hiện Chỉ thị số 16 …"): then the lead tells
    of another body's document, which the letter cites."""
    m = _lead_re().search(text, 0, min(len(text), _LEAD_WINDOW))
    if m is None or P.recipients_start(text[: m.start()]) is not None:
        return None  # (a letter that addresses someone and then recalls its earlier one: a follow-up)
    goes_on = _LEAD_GOES_ON.match(text, m.end()) or _same_body_goes_on(text, m)
    if goes_on is None or (goes_on.group("end") is not None and not m.group("d")):
        # "… đã ban hành Công văn số 1879 … . Tuy nhiên, …": the letter's own account, not a lead; and a sentence
        # that is all the text says is a lead only when dated as one ("Ngày 02/11/2021, Sở … đã ban hành …")
        return None
    number = m.group("number")
    if re.search(r"(?i)(?:thực hiện|triển khai|căn cứ|theo)\s+(?:\w+\s+){1,3}?số\s*" + number + r"\b", text[m.end():]):
        return None
    date = None
    if m.group("d"):
        dm = P.DATE.search(m.group("d"))
        date = parse_date(dm) if dm else None
    about = _SAYS_ABOUT.match(m.group("rest"))
    subject = H.join_subject(about.group("s")) if about else None
    sep = "-" if m.group("sep") == "–" else m.group("sep")
    return SelfNaming(doc_type=_type_of(m.group("type")), number=number, symbol=m.group("symbol"),
                      sep=sep, date=date, issuer_phrase=m.group("body").strip(" ,"), subject=subject)


@cache
def _source_re() -> re.Pattern[str]:
    t = tolerant
    return re.compile(
        r"\(?\s*" + t("Nguồn") + r"\s*:?\s*(?P<type>" + _types_tolerant() + r")?\s*(?:" + t("số") + r"\s*:?\s*)?"
        r"(?P<number>\d{1,6})\s*(?P<sep>[-/])\s*(?P<symbol>" + P.SYMBOL_PART + r"(?:[-/]" + P.SYMBOL_PART + r")*)"
        r"(?:\s*[-–,]\s*(?:" + t("ngày") + r"\s*)?(?P<d>\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d))?")


def source_line(text: str) -> SelfNaming | None:
    """"(Nguồn công văn số 2983/UBND-VP - 22/09/2020)": a portal's source line names the letter itself."""
    m = _source_re().search(text, max(0, len(text) - 400))
    if not m:
        return None
    date = None
    if m.group("d"):
        dm = P.DATE.search(m.group("d"))
        date = parse_date(dm) if dm else None
    return SelfNaming(doc_type=_type_of(m.group("type")) if m.group("type") else None, number=m.group("number"),
                      symbol=m.group("symbol"), sep=m.group("sep"), date=date)


@cache
def _annex_re() -> re.Pattern[str]:
    t = tolerant
    return re.compile(
        r"(?m)^[ \t]*\(\s*(?:" + t("Ban hành") + r"\s+)?(?:" + t("kèm theo") + r"|" + t("gửi kèm") + r")\s+"
        r"(?P<type>" + _types_tolerant() + r")\s+(?:" + t("số") + r"\s*:?\s*)?"
        r"(?P<number>\d{1,6})\s*(?P<sep>[-/])\s*(?P<symbol>" + P.SYMBOL_PART + r"(?:[-/]" + P.SYMBOL_PART + r")*)"
        r"[\s,]*(?:" + t("ngày") + r"\s*(?P<d>[^()]{6,30}?(?:19|20)\d\d))?"
        r"(?:\s*" + t("của") + r"\s+(?P<i>[^()]{3,120}?))?\s*\)")


def annex_line(text: str) -> SelfNaming | None:
    """"(Ban hành kèm theo Công văn số 7619-CV/BTCTW, ngày 30/12/2024 của Ban Tổ chức Trung ương)", "(Gửi kèm Công văn
    số 4396/BYT-KH-TC …)": the heading of the letter's own attachment names the letter, when its header was lost.
    (Inside a sentence — "… ban hành kèm theo Quyết định số 136/2001/QĐ-TTg …" — it is a citation: only a line that
    is the parenthesis alone counts.)"""
    m = _annex_re().search(text)
    if not m:
        return None
    date = None
    if m.group("d"):
        dm = P.DATE.search(_untone_date(" ".join(m.group("d").split())))
        date = parse_date(dm) if dm else None
    phrase = " ".join(m.group("i").split()) if m.group("i") else None
    return SelfNaming(doc_type=_type_of(m.group("type")), number=m.group("number"), symbol=m.group("symbol"),
                      sep=m.group("sep"), date=date, issuer_phrase=phrase)
