"""The one resolver of body names: a phrase as a letter writes it ("Ban Tuyên giáo Tỉnh ủy", "UBND huyện Yên
Lạc", "Cục Thông tin cơ sở (Bộ Thông tin và Truyền thông)") → a :class:`~lineage.reference.bodies.Body` with its
level, unit, key and parent, read from where the writer stands (``own``).

Extraction resolves every issuer, citation issuer and assignee through :func:`resolve_body`; the graph
(``lineage.graph.rdf.places``) resolves the names it meets without a key (a gold file's, a parent's) through the same
function, so one name gets one key whichever layer reads it.

>>> resolve_body("Ban Tuyên giáo Tỉnh ủy Cao Bằng", "", None)[0].key
'Ban Tuyên giáo Tỉnh ủy@old:04'
>>> resolve_body("Bộ trưởng Bộ Y tế", "", None)[0].name
'Bộ Y tế'
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from lineage.reference import bodies as B
from lineage.reference import body_phrase as BP
from lineage.reference import tables
from lineage.reference.normalize import match_key

__all__ = ["PLENUM", "TERM_SUFFIX", "UNIT_WORD", "committee_heads", "committee_name_re", "committee_words", "is_unplaced",
           "resolve_body"]

#: a unit word ("tỉnh", "thành phố", "huyện" …) as a pattern
UNIT_WORD = r"(?:" + "|".join(tables.unit_words()) + r")"
#: a committee's term after its name ("Tỉnh ủy khóa XX", "(nhiệm kỳ 2020-2025)"): no part of the name
TERM_SUFFIX = re.compile(r"(?i)\s*\(?\s*(?:khóa|khoá|nhiệm kỳ)\s+[\w\-– ]{1,20}\)?\s*$")


@cache
def committee_heads() -> tuple[str, ...]:
    """The committee words' first two words ("Tỉnh ủy", "Đảng ủy" …), longest first."""
    return tuple(sorted({r["word"].split()[0] + " " + r["word"].split()[1] for r in tables.committees()},
                        key=len, reverse=True))


@cache
def committee_words() -> str:
    """:func:`committee_heads` as an alternation."""
    return "|".join(re.escape(w) for w in committee_heads())


_UBND_RE = re.compile(r"(?i)^(?:" + "|".join(tables.people_committee_words()) + r")\s+(?P<unit>" + UNIT_WORD + r")\b(?:\s+(?P<place>.+))?$")

_EXECUTIVE = re.compile(r"(?i)^Ban Chấp hành\s+(?=(?:" + committee_words() + r")\b)")

_STANDING_ORGAN = re.compile(r"(?i)^(?:" + "|".join(tables.standing_bodies()) + r")\s+")

# The Party organs of a national body: its committee ("Đảng ủy Bộ Xây dựng") or a board of its committee.
_CENTRAL_PARTY_ORGANS = tuple(tables.load("bodies")["central_party_organs"])
_ORGAN_OF_CENTRAL = re.compile(r"(?i)^(?P<organ>" + "|".join((*tables.boards(), *_CENTRAL_PARTY_ORGANS)) + r")\s+")
_BOARD_OF = re.compile(r"(?i)^(?P<board>" + "|".join(tables.boards()) + r")\s+")

# "Ban Chấp hành Đảng bộ tỉnh khóa XIX" is the Tỉnh ủy: the committee its congress elected
_CONGRESS = re.compile(r"(?i)^(?:Ban Chấp hành\s+)?" + tables.party_org_word() + r"\s+(?P<unit>" + UNIT_WORD + r")\s*")

#: "Hội nghị lần thứ 11 Ban Chấp hành …": a plenum speaks for its committee (``match`` it where a name starts)
PLENUM = re.compile(r"(?i)hội nghị\s+(?:lần thứ\s+\w+|trung ương\s+\w+|thứ\s+\w+)\s+(?:của\s+)?(?=ban chấp hành|bch)")

@cache
def committee_name_re() -> re.Pattern[str]:
    return re.compile(r"(?i)^(?P<word>" + committee_words() + r")(?:\s+(?P<place>.+))?$")



def is_unplaced(body: B.Body) -> bool:
    """A body known by its kind only ("Ủy ban nhân dân tỉnh"): see ``issuer.IssuerResult.partial``."""
    return body.place is None and body.province is None and body.kind in ("committee", "people_committee")



_ROLE_IN_BRACKETS = re.compile(r"\s*\((?!\s*(?:khóa|khoá|nhiệm kỳ)\b)[^()]{3,80}\)\s*$")


@lru_cache(maxsize=1 << 14)  # a pure function of the phrase, the symbol, the writer and the packaged tables
def resolve_body(written: str | None, symbol: str, own: B.Body | None) -> tuple[B.Body | None, str | None]:
    """(resolved body, as-written form when the letter wrote it ambiguously).

    The phrase is read from its head (``body_phrase``): a known national body, a committee or
    people's committee with a place the gazetteer knows, a local agency; an office holder
    ("Bộ trưởng Bộ Y tế") stands for the body. What follows the name is not part of it.
    """
    if written:
        # ("Sở Kế hoạch và Đầu tư (Thường trực Ban Vì sự tiến bộ phụ nữ tỉnh)": a role in brackets, no part of the name)
        w = _ROLE_IN_BRACKETS.sub("", " ".join(written.split()).strip(" ,;.\"“”"))
        plenum = PLENUM.match(w)
        w = BP.expand_abbreviations(TERM_SUFFIX.sub("", w[plenum.end():] if plenum else w))
        for cand in dict.fromkeys((w, BP.strip_head(w))):
            body, k = BP.central_prefix(cand)
            if body and not _placed_after(cand, k, own):
                return body, None
            local = _resolve_local(cand, own)
            if local is not None:
                return local
        named = _named_with_unit(BP.strip_head(w), own)  # last: a body no table knows, placed by its unit
        if named is not None:
            return named, None
    # a stated issuer that is not a known body still rules out a ministry read from a công văn code alone
    body = B.shown_issuer(symbol, letter_codes=not written)
    if body:
        return body, None
    return None, written


def _placed_after(phrase: str, k: int, own: B.Body | None) -> bool:
    """Whether a national body's name is followed by a unit the gazetteer knows: "Ban Chỉ đạo sắp xếp đơn vị hành
    chính các cấp … tỉnh Sơn La" is that province's namesake of the Government's steering committee."""
    rest = phrase.split()[k:]
    unit = next((u for u in (" ".join(rest[:2]).lower(), rest[0].lower() if rest else "") if u in tables.unit_words()), None)
    return unit is not None and BP.known_place(rest, unit, (own.era if own else None) or "old") is not None


_EXECUTIVE_OF_ORG = re.compile(r"(?i)^Ban Chấp hành\s+" + tables.party_org_word() + r"\s+")
_MINISTRY_AGENCY = re.compile(r"(?i)cơ quan\s+(?=bộ\s)")


def _own_province_for(unit: str | None, place: str, own: B.Body | None, era: str) -> str | None:
    """The writer's province, when a district it names ("Huyện ủy Tam Nông" in a Phú Thọ letter) has namesakes
    elsewhere but one in that province: the letter means its own."""
    if own is None or not own.province or unit in (None, "tỉnh"):
        return None
    named = f"{unit} {place}"
    level = tables.unit_level(unit)
    if level == "commune":  # commune names repeat across the country far more: the writer's province decides
        return own.province if len(B.find_communes(named, own.province, era)) == 1 else None
    if level not in ("district", None) or len(B.find_districts(named, era=era)) < 2:
        return None
    return own.province if len(B.find_districts(named, own.province, era=era)) == 1 else None


def _resolve_local(w: str, own: B.Body | None) -> tuple[B.Body | None, str | None] | None:
    era = (own.era if own else None) or "old"
    organ = _ORGAN_OF_CENTRAL.match(w)
    if organ:  # "Ban Tuyên giáo Đảng ủy Khối các cơ quan Trung ương", "Đảng ủy Bộ Xây dựng"
        # ("Đảng ủy Cơ quan Bộ Kế hoạch và Đầu tư": the Party committee of the ministry's own agency)
        in_agency = _MINISTRY_AGENCY.match(w, organ.end())
        of, _ = BP.central_prefix(w[in_agency.end() if in_agency else organ.end():])
        if of is not None:
            word = next((b for b in (*tables.boards(), *_CENTRAL_PARTY_ORGANS)
                         if match_key(b) == match_key(organ.group("organ"))), organ.group("organ"))
            of_name = f"Cơ quan {of.name}" if in_agency else of.name
            return B.as_board(word, of) if word in tables.boards() and not in_agency else \
                B.Body(f"{word} {of_name}", "central", "committee", word), None
    board = _BOARD_OF.match(w)
    if board and committee_name_re().match(w[board.end():]):  # "Ban Tuyên giáo Thành ủy …"
        inner = _resolve_local(w[board.end():], own)
        if inner is not None and inner[0] is not None:
            return B.as_board(board.group("board"), inner[0]), inner[1] and w
    bare = _EXECUTIVE.sub("", _STANDING_ORGAN.sub("", w))
    bare = _CONGRESS.sub(lambda m: (tables.committee_of_unit(m.group("unit")) or "") + " ", bare)
    # "Ban Chấp hành Đảng bộ Khối Doanh nghiệp …": the executive of any Party organisation is its Đảng ủy
    bare = _EXECUTIVE_OF_ORG.sub("Đảng ủy ", bare)
    words = committee_name_re().match(bare)
    if words:
        word, place_text = words.group("word"), words.group("place")
        unit = (place_text or "").split(" ", 1)
        if place_text and f"{word} {unit[0]}".lower() in {c.lower() for c in tables.committee_words()}:
            word, place_text = f"{word} {unit[0].lower()}", unit[1] if len(unit) > 1 else None  # "Đảng ủy xã …"
        row = next((r for r in tables.committees() if match_key(r["word"]) == match_key(word)), None)
        place = BP.known_place(place_text.split(), row["unit"] if row else None, era,
                               own.province if own else None) if place_text else None
        if place:
            return B.committee(word, place, parent_hint=_own_province_for(row["unit"] if row else None, place, own, era),
                               era=era), None
        agency = BP.resolve_phrase(bare, None)  # "Đảng ủy Khối … Hà Nội": a bloc committee, not "Đảng ủy" of a place
        if agency is not None:
            return agency, None
        if own and is_unplaced(own) and own.committee_word and match_key(own.committee_word) == match_key(word):
            return own, w
        if own and own.committee_word and match_key(own.committee_word) == match_key(word):
            return own if own.kind == "committee" else B.committee(word, own.place or "", era=era), w
        if own and own.parent_committee and match_key(own.parent_committee).startswith(match_key(word)):
            if own.district:  # a commune's letter: its district's committee
                return B.committee(word, own.district, parent_hint=own.province, era=era), w
            return B.committee(word, own.province or "", era=era), w
        return _relative_committee(word, own), w
    ubnd = _UBND_RE.match(bare)
    if ubnd:
        unit = ubnd.group("unit").lower()
        place = BP.known_place(ubnd.group("place").split(), unit, era,
                               own.province if own and unit != "tỉnh" else None) if ubnd.group("place") else None
        if place:
            return B.people_committee(unit, place, parent_hint=_own_province_for(unit, place, own, era), era=era), None
        if own and is_unplaced(own) and own.kind == "people_committee" and unit == own.unit_word:
            return own, w
        if own and own.place and unit == own.unit_word:
            return B.people_committee(unit, own.place, era=era), w
        if own and own.province and unit in ("tỉnh", "thành phố") and (
                unit == "tỉnh" or B.is_centrally_run(B.find_province(own.province, era))):
            return B.people_committee(unit, own.province, era=era), w  # "UBND tỉnh" in a district's letter
        if own and own.district and unit == own.district_unit:  # "UBND thị xã" in a ward's letter
            return B.people_committee(unit, own.district, parent_hint=own.province, era=era), w
        return None
    agency = BP.resolve_phrase(bare, own)  # "Thường trực Hội đồng nhân dân thành phố Đà Nẵng": the council
    if agency is not None:
        return agency, (w if agency.place and agency.place not in w else None)
    return None


def _named_with_unit(w: str, own: B.Body | None) -> B.Body | None:
    """Any other body named "<organisation> <unit word> <Place>" ("Đài truyền thanh xã Đức Hợp", "Trung tâm Y tế
    huyện Côn Đảo"): the unit the gazetteer knows, the words before the place its kind."""
    words = w.split()
    if not w[:1].isupper() or len(words) > 14:
        return None
    era = (own.era if own else None) or "old"
    units = tables.unit_words()
    for i in range(len(words) - 1, 0, -1):
        two = " ".join(words[i - 1:i + 1]).lower()
        unit = two if two in units else words[i].lower() if words[i].lower() in units else None
        if unit is None:
            continue
        start = i - 1 if unit == two else i
        place = BP.known_place(words[i + 1:], unit, era, own.province if own else None)
        if start == 0 or place is None or " ".join(words[i + 1:]) != place:
            return None  # (the place must close the name, and something must name the body before it)
        level = tables.unit_level(unit)
        found = (B.find_districts(f"{unit} {place}", own.province if own else None, era) if level == "district"
                 else B.find_communes(f"{unit} {place}", own.province if own else None, era) if level == "commune"
                 else [B.find_province(place, era)] if B.find_province(place, era) else [])
        if len(found) != 1:
            return None
        u = found[0]
        kind_name = " ".join(words[:i + 1])
        prov = B.province_of_unit(u)
        return B.Body(w, u.level, "agency", None, unit, place, getattr(prov, "short_name", None),
                      era=era, unit=f"{u.era}:{u.code}", kind_name=kind_name)
    return None


def _relative_committee(word: str, own: B.Body | None) -> B.Body | None:
    """A bare committee word read from where the writer stands: "của Tỉnh ủy" is the writer's province's."""
    if own is None:
        return None
    era = own.era or "old"
    key = match_key(word)
    if own.level == "commune" and own.place and own.unit_word and key in (match_key("Đảng ủy"),
                                                                          match_key(f"Đảng ủy {own.unit_word}")):
        # "Nghị quyết của Ban chấp hành Đảng uỷ" in a commune's letter: the commune's own Party committee
        return B.committee(f"Đảng ủy {own.unit_word}", own.place, parent_hint=own.province, era=era,
                           district_hint=(own.district_unit, own.district) if own.district and own.district_unit else None)
    if key == match_key("Tỉnh ủy") and own.province:
        return B.committee(word, own.province, era=era)
    if key == match_key("Thành ủy") and own.province and B.is_centrally_run(B.find_province(own.province, era)):
        return B.committee(word, own.province, era=era)
    if B.committee_level(word) not in ("district", "province_or_district"):
        return None
    if own.level == "commune" and own.district:
        return B.committee(word, own.district, parent_hint=own.province, era=era)
    if own.level == "district" and own.kind == "people_committee" and own.place:
        return B.committee(word, own.place, parent_hint=own.province, era=era)
    return None


