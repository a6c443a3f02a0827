"""Extraction: one file (or text) → one ``Letter``.

Stages: read (``read``) → clean (``clean``) → header/lists/signature (``header``)
→ issuer (``issuer``) → citations (``citations``) → assignments (``assignments``).
Every value is read from the text; inferred values say so, missing ones are
``None`` with a warning. Numbers and dates are never invented.
"""
from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from lineage.loaders import assignments as A
from lineage.loaders import citations as C
from lineage.loaders import header as H
from lineage.loaders import issuer as I
from lineage.loaders import self_naming as SN
from lineage.loaders.clean import CleanText, clean, flatten
from lineage.models import Letter
from lineage.reference import bodies as B
from lineage.reference import resolver as R
from lineage.reference import tables
from lineage.reference.normalize import match_key
from lineage.reference.trie import alternation

__all__ = ["extract_file", "extract_text"]


def extract_file(path: str | Path) -> Letter:
    """Read a letter file (.txt, .md, .pdf, .docx) and extract it.

    Raises ``ReadError`` when the file cannot be read as text, or when extracting it uses more than its budget
    of CPU time (:mod:`lineage.loaders.budget`).
    """
    from lineage.loaders.budget import time_budget
    from lineage.loaders.read import read_source

    src = read_source(path)
    with time_budget(str(path)):
        letter = extract_text(src.text, file=Path(path).name)
    letter.source_sha256 = src.sha256
    letter.source_encoding = src.encoding
    letter.warnings = list(src.warnings) + letter.warnings
    return letter


def extract_text(text: str, file: str = "<text>") -> Letter:
    """Extract a ``Letter`` from the original text of one letter."""
    ct = clean(text)
    flat = flatten(ct)
    h = H.parse_header(ct)
    named = _title_line(ct, h)
    era = I.era_for(h.date or _latest_cited(flat))
    body = I.grassroots(ct.text[: max(h.header_end, 0)][:800], era) or I.from_header(h.issuer_lines, era)
    # a header that says only "ỦY BAN NHÂN DÂN": its unit read from elsewhere, and an agency of it may be the writer
    bare = body is None and (body := I.from_bare_people_committee(h.issuer_lines, ct.text, h.place, era)) is not None
    header_type = _doc_type(h)
    if h.subject is None or header_type is None or body is None or body.level == "central" or bare:
        named = _with_enacting_clause(named, flat, h)  # only what the header leaves open: it is a long search
    letter = Letter(file=file, number=h.number, symbol=h.symbol, place=h.place, date=h.date, subject=h.subject)
    letter.source_sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    letter.doc_type = header_type or (named.doc_type if named else None) or _self_named_type(flat.text)
    stated = R.resolve_body(named.issuer_phrase, h.symbol or "", None)[0] if named and named.issuer_phrase else None
    if body is not None and stated is not None and body.level == "central" and stated.level == "central" and \
            body.name == B.central_committee_name():
        body = stated  # "BAN CHẤP HÀNH TRUNG ƯƠNG" heads the letters of the Politburo and the Secretariat (not its boards')
    elif body is None and stated is not None:
        body = stated
    elif bare and body is not None and named is not None and named.issuer_phrase:
        # "…, Ban Chỉ đạo phòng, chống dịch COVID-19 Thành phố xây dựng Kế hoạch …" under a bare "ỦY BAN NHÂN DÂN"
        # (symbol KH-BCĐ): the committee's agency writes
        under = R.resolve_body(named.issuer_phrase, h.symbol or "", body)[0]
        if under is not None and under.kind == "agency" and under.province == body.province:
            body = under
    speaker: B.Body | None = None  # who speaks, when only its kind is known (see IssuerResult.partial)
    if body is not None:
        letter.issuer_inferred = False
    else:
        res = I.infer(ct.text, h.place, era, letter_formula(ct), h.symbol)
        body, speaker = res.body, res.partial
        letter.issuer_inferred = True
        letter.issuer_evidence = ("no issuing-body line in the header; " + res.evidence) if res.evidence else None
        if body is None:
            letter.warnings.append("issuer: no issuing-body line and not enough clues to infer it")
    if letter.doc_type is None:
        _default_type(letter, ct.text, body or speaker)
    if body is not None:
        letter.issuer = body.name
        letter.issuer_level = body.level
        letter.issuer_key = body.key
        letter.issuer_parent = body.parent if body.level in ("district", "commune") or body.kind == "board" else None
        letter.issuer_province = body.province
    letter.signer = H.signer(ct)
    body = I.signing_body(letter.signer.on_behalf_of, body)
    if body is not None:
        letter.issuer = body.name
        letter.issuer_level = body.level
        letter.issuer_key = body.key
    letter.recipients = H.recipients(ct)
    letter.copy_to_detail = H.copy_recipients(ct)
    letter.copy_to = [c.name for c in letter.copy_to_detail]
    cits, warns = C.find_citations(flat, body or speaker, h.number, h.symbol, h.date)
    letter.citations = cits
    letter.warnings += warns
    letter.unnumbered_references = C.find_unnumbered(flat)
    letter.assignments, letter.reports_to = A.find_assignments(ct, body, letter.recipients)
    if h.date is None:
        dated = [c.date for c in cits if c.date and c.relation in ("follows_up", "implements", "based_on")]
        if dated:
            letter.date_after = max(dated)
    _warn_missing(letter)
    # one line per distinct problem: a text repeating one broken mention 100,000 times is not 100,000 warnings
    letter.warnings = list(dict.fromkeys(letter.warnings))
    return letter


def _latest_cited(flat: CleanText) -> str | None:
    """The date of the latest document a letter that lost its own date cites: it was written after it, so a
    notice citing one of 16 July 2025 names its commune on the 2025 map."""
    if max(map(int, _YEAR.findall(flat.text)), default=0) < int(I.CUTOVER[:4]):
        return None  # no year of the 2025 map: whatever it cites, the old map is the letter's
    return max((c.date for c in C.find_citations(flat, None)[0] if c.date), default=None)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _title_line(ct: CleanText, h: H.Header) -> SN.SelfNaming | None:
    """A page-title line describing the letter fills what the header leaves empty (never overriding it)."""
    named = SN.title_line(ct.text) or (SN.source_line(ct.text) or SN.annex_line(ct.text) or SN.lead_sentence(ct.text) if h.number is None else None)
    titled = H.type_name(h.doc_type_title) if h.doc_type_title else None
    if named is not None and titled is not None and named.doc_type not in (None, titled):
        return None  # "ĐỀ CƯƠNG …" heads the page: "Ngày 16/4, … đã ban hành Kết luận số 1587 …" tells of another document
    if named is not None and named.number and h.number in (None, named.number):
        if h.number is None:
            h.number = named.number
            if named.symbol:
                h.symbol, _ = H.normalise_symbol(named.symbol, named.sep or "-")
        h.date = h.date or named.date
        h.subject = named.subject or h.subject  # the title line is the document's own description
    return named


def _with_enacting_clause(named: SN.SelfNaming | None, flat: CleanText, h: H.Header) -> SN.SelfNaming | None:
    """What the enacting clause adds to the title line's account ("…, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch …")."""
    enact = SN.enacting_clause(flat.text)
    if named is None:
        named = enact
    elif enact is not None:
        named.doc_type = named.doc_type or enact.doc_type
        named.subject = named.subject or enact.subject
        named.issuer_phrase = named.issuer_phrase or enact.issuer_phrase
    if named is not None and h.subject is None:
        h.subject = named.subject
    return named


_CONG_VAN_FORM = re.compile(r"(?m)^[ \t*\-]*(?:V/[vV]\b|Kính\s+gửi\b)")
_PARTY_WORDS = re.compile(r"(?i)\b(?:" + alternation(tables.cues()["party_text_words"]) + r")\b")
_STATE_WORDS = re.compile(r"(?i)\b(?:" + alternation(tables.cues()["state_text_words"]) + r")\b")


def _default_type(letter: Letter, text: str, speaker: B.Body | None) -> None:
    """No type title, code or self-naming. A letter that addresses someone ("Kính gửi"), has a "V/v" line or comes
    from a State body is a công văn, the default genre; a Party body's text with neither may as well be a thông
    tri or a notice, so its type stays unknown ("doc_type: not stated")."""
    party = B.is_party(speaker) if speaker is not None else None
    if party is None:
        head = text[:1500]
        party = len(_PARTY_WORDS.findall(head)) > len(_STATE_WORDS.findall(head))
    if _CONG_VAN_FORM.search(text, 0, 3000) or not party:
        letter.doc_type = tables.doc_type_by_code()["CV"]["name"]
        letter.warnings.append("doc_type: not stated; assumed Công văn")
    else:
        letter.warnings.append("doc_type: not stated (a Party body's text with no Kính gửi or V/v line)")


def letter_formula(ct: CleanText) -> str | None:
    return H.signer(ct).on_behalf_of


def _doc_type(h: H.Header) -> str | None:
    by_name = tables.doc_type_by_name()
    if h.doc_type_title:
        return H.type_name(h.doc_type_title) or by_name[match_key(h.doc_type_title)]["name"]
    if h.symbol:
        _, code = H.normalise_symbol(h.symbol, "-" if "/" in h.symbol.split("-")[0] else "/")
        code = code or tables.load("doc_types")["default"]
        return tables.doc_type_by_code()[tables.symbol_key(code)]["name"]
    return None


@cache
def _self_named_re() -> re.Pattern[str]:
    names = "|".join(re.escape(r["name"]) for r in tables.load("doc_types")["types"])
    return re.compile(r"(?i)\b(" + names + r")\s+này\b")


def _self_named_type(text: str) -> str | None:
    """A letter names its own type in the closing: "triển khai thực hiện Kế hoạch này"."""
    m = _self_named_re().search(text)
    return tables.doc_type_by_name()[match_key(m.group(1))]["name"] if m else None


def _warn_missing(letter: Letter) -> None:
    for field in ("number", "symbol", "date", "place", "subject"):
        if getattr(letter, field) is None:
            letter.warnings.append(f"{field}: not found in the text")
    if letter.signer.name is None:
        letter.warnings.append("signer.name: not found in the text")
