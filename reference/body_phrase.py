"""Resolve a body phrase as a letter writes it ("của Ban Thường vụ Tỉnh ủy …", "Sở Y tế tại …").

Real letters run an issuer phrase on into the next words ("Ủy ban nhân dân tỉnh triển khai
thực hiện Đề án"), prefix it with the office of the person who signed ("Giám đốc Công an
tỉnh …", "Bộ trưởng Bộ Y tế"), or leave the place to the reader ("của UBND tỉnh", "Sở Y tế").
So a phrase is read from its start: the *longest known* body at its head wins (a place is
taken only when the gazetteer knows it), and what the writer left implicit is completed from
where the writer stands (``own``). Word lists are data (``data/bodies.json``).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from lineage.reference import bodies as B
from lineage.reference import tables
from lineage.reference.normalize import match_key
from lineage.reference.trie import alternation

__all__ = ["central_prefix", "expand_abbreviations", "has_vowel", "known_place", "org_case", "resolve_phrase", "strip_head"]

# A place is one to five capitalised words ("Đắk Nông", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh").
_PLACE_WORD = r"[A-ZĐÀ-ỸẠ-Ỹ][\wÀ-ỹ]*"


@cache
def _head_re() -> re.Pattern[str]:
    return re.compile(r"(?i)^(?:" + alternation(tables.load("bodies")["heads"]) + r")\s+")


def strip_head(phrase: str) -> str:
    """"Giám đốc Công an tỉnh Đắk Nông" → "Công an tỉnh Đắk Nông" (the office acts for its body)."""
    return _head_re().sub("", phrase, count=1)


@cache
def _agency_re() -> re.Pattern[str]:
    words = [r["word"] for r in tables.load("bodies")["local_agencies"]]
    return re.compile(r"(?i)^(?P<agency>" + alternation(words) + r")\b(?P<rest>.*)$")  # "SỞ Y TẾ" in a header too


@cache
def _unit_tail_re() -> re.Pattern[str]:
    """The unit that closes an agency's name: "… tỉnh Đắk Nông", "… tỉnh" (the writer's own)."""
    return re.compile(r"(?i)\s(?P<unit>" + "|".join(tables.unit_words()) + r")(?:\s+(?P<place>\d{1,2}\b|" + _PLACE_WORD
                      + r"(?:\s*-\s*" + _PLACE_WORD + r"|\s+" + _PLACE_WORD + r"){0,4}))?")


def _words(s: str) -> list[str]:
    return s.split()


def central_prefix(phrase: str) -> tuple[B.Body | None, int]:
    """The longest known national body at the head of ``phrase`` and how many words it takes."""
    words = _words(phrase)
    for k in range(min(len(words), 24), 0, -1):  # "Ban Chỉ đạo Trung ương về phát triển khoa học, … chuyển đổi số": 20
        body = B.central(" ".join(words[:k]).strip(" ,;.()\"“”"))
        if body is not None:
            return body, k
    return None, 0


def known_place(words: list[str], unit: str | None, era: str, province: str | None = None) -> str | None:
    """The longest run of ``words`` that the gazetteer knows as a unit of kind ``unit``."""
    caps: list[str] = []
    units = tables.unit_words()
    if unit and words and words[0].isdigit():
        words = [unit.capitalize(), *words]  # "quận 8": the numbered district's name is "Quận 8"
    while words:  # a unit word before the name ("thành phố Hồ Chí Minh") is not part of it
        if len(words) > 1 and words[1][:1].isdigit():
            break  # unless the name is the word and a number: "Quận 1", "Phường 3"
        if " ".join(words[:2]).lower() in units:
            words = words[2:]
        elif words[0].lower() in units:
            words = words[1:]
        else:
            break
    for w in words[:6]:
        if not (w[:1].isupper() or (caps and w.isdigit()) or w in ("-", "–")):
            break
        caps.append(w)
    for k in range(len(caps), 0, -1):
        name = " ".join(caps[:k]).strip(" ,;.")
        if not name or name.endswith("-"):
            continue
        lvl = (tables.unit_level(unit) if unit else "any")
        if lvl in ("province", None, "any") and B.find_province(name, era) is not None:
            return name
        if lvl in ("district", None, "any") and B.find_districts(name, province=province, era=era):
            return name
        if lvl in ("commune", "any") and _commune_known(name, era, province):
            return name
    return None


def _commune_known(name: str, era: str, province: str | None) -> bool:
    g = B._gaz()
    if g is None:
        return False
    try:
        return bool(g.communes(name, province=province, era=era) if province else g.communes(name, era=era))
    except Exception:  # noqa: BLE001 - an unknown province hint
        return False


@cache
def _agency_rows() -> dict[str, dict[str, object]]:
    return {match_key(r["word"]): r for r in tables.load("bodies")["local_agencies"]}


def org_case(words: str) -> str:
    """An organisation's name written in capitals, in its usual case: the first word of each coordinated
    part capitalised ("GIÁO DỤC VÀ ĐÀO TẠO" → "Giáo dục và Đào tạo", "VĂN HÓA, THỂ THAO VÀ DU LỊCH" →
    "Văn hóa, Thể thao và Du lịch")."""
    out: list[str] = []
    start = True
    for w in words.split(" "):
        low = w.lower()
        if len(w) > 1 and w.isupper() and not has_vowel(w):
            out.append(w)  # an abbreviation ("MTQG", "HĐND"): no Vietnamese syllable is without a vowel
        else:
            out.append(low[:1].upper() + low[1:] if start and low not in ("và",) else low)
        start = low in ("và", "-", "–") or w.endswith(",") or not w
    return _PROPER_NAMES().sub(lambda m: _PROPER_BY_KEY()[m.group().lower()], " ".join(out))


@cache
def _PROPER_BY_KEY() -> dict[str, str]:  # noqa: N802 - a table
    return {n.lower(): n for n in tables.load("bodies")["proper_names"]}


@cache
def _PROPER_NAMES() -> re.Pattern[str]:  # noqa: N802 - a table's pattern
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(map(re.escape, _PROPER_BY_KEY())) + r")(?!\w)")


def has_vowel(word: str) -> bool:
    """Whether a word has a vowel: every Vietnamese syllable does; an abbreviation ("MTQG", "THCS") does not."""
    return _VOWEL.search(word.lower()) is not None


_VOWEL = re.compile(r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


@lru_cache(maxsize=1 << 12)
def expand_abbreviations(phrase: str) -> str:
    """"HĐND tỉnh" → "Hội đồng nhân dân tỉnh", "TP Hà Nội" → "thành phố Hà Nội" (bodies.json)."""
    pat, table = _abbreviations()
    if phrase.isupper():  # a header line in capitals keeps them: its words are cased as one name later (org_case)
        return pat.sub(lambda m: table[m.group().strip()].upper() + " ", phrase).strip()
    return pat.sub(lambda m: table[m.group().strip()] + " ", phrase).strip()


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {k: v for k, v in tables.load("bodies")["abbreviations"].items() if len(k) > 1}
    alts = [re.escape(k) + ("" if k.endswith(".") else r"(?!\w)") for k in sorted(table, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")\s*"), table


@cache
def _youth_union() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], str]:
    yu = tables.load("bodies")["youth_union"]
    units = "|".join(tables.unit_words())
    # ("Ban Chấp hành Tỉnh đoàn …", "Ban Thường vụ Tỉnh đoàn …": its executive and standing organs write for it)
    organs = alternation(["Ban Chấp hành", *tables.standing_bodies()])
    compact = re.compile(r"(?i)^(?:(?:" + organs + r")\s+)?(?P<head>" + alternation(yu["compact"]) + r")\s+(?P<place>\S.*)$")
    alias = re.compile(r"(?i)^(?:" + alternation(yu["aliases"]) + r")\s+(?P<unit>" + units + r")\s+(?P<place>\S.*)$")
    return compact, alias, {match_key(k): v for k, v in yu["compact"].items()}, yu["name"]


def youth_union_form(phrase: str) -> str:
    """A unit's Youth Union under its one name: "Tỉnh đoàn Thanh Hóa", "BAN CHẤP HÀNH ĐOÀN HUYỆN THỌ XUÂN" →
    "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Thanh Hóa", "… huyện Thọ Xuân" (bodies.json ``youth_union``)."""
    if "đoàn" not in phrase.lower():
        return phrase
    compact, alias, unit_of, name = _youth_union()
    m = compact.match(phrase)
    if m is not None:
        unit, place = unit_of[match_key(m.group("head"))], m.group("place")
    elif (m := alias.match(phrase)) is not None:
        unit, place = m.group("unit").lower(), m.group("place")
    else:
        return phrase
    return f"{name} {unit} {B.title_place(place) if place.isupper() else place}"


def _agency(phrase: str, own: B.Body | None, era: str, under: bool = False) -> B.Body | None:
    """"Sở Y tế tỉnh Quảng Nam", "Sở Y tế" (in a province's letter), "Ban Chỉ huy … tỉnh". ``under``: the
    phrase heads a letter below ``own``'s line ("UBND XÃ TÙNG CHÂU / BCĐ CHƯƠNG TRÌNH MTQG"), so an agency
    of no fixed level is ``own``'s unit's."""
    m = _agency_re().match(phrase)
    if not m:
        return None
    row = _agency_rows()[match_key(m.group("agency"))]
    agency = str(row["word"])  # as the table spells it, whatever the letter's case
    rest = m.group("rest")
    if rest.isupper():  # a header line: the organisation's words in their usual case, a place's in title case
        t = next((t for t in _unit_tail_re().finditer(rest) if t.group("place")), None)
        rest = org_case(rest) if t is None else \
            org_case(rest[: t.start()]) + " " + t.group("unit").lower() + " " + t.group("place").title() + rest[t.end():]
    tail = None
    for t in _unit_tail_re().finditer(rest):
        tail = t
        if t.group("place"):
            break
    if tail is not None:
        name_part = (agency + rest[: tail.start()]).strip()
        unit = tail.group("unit").lower()
        written = tail.group("place")
        if written and written.isdigit():  # "Phòng Giáo dục và Đào tạo Quận 11": the unit word is the name's
            written = f"{tail.group('unit').capitalize()} {written}"
        place = known_place(_words(written), unit, era) if written else None
    else:
        name_part = (agency + rest).strip()
        if len(_words(name_part)) > 12:
            return None
        unit, place = None, None
        named = _trailing_province(name_part, era)
        if named is not None:  # "Đảng ủy Khối các trường Đại học, Cao đẳng Hà Nội": the province without its unit word
            name_part, place = named
            unit = "thành phố" if B.is_centrally_run(B.find_province(place, era)) else "tỉnh"
            prov = B.find_province(place, era)
            return B.with_unit(B.Body(f"{name_part} {B.display_place(B.title_place(place))}", "province", "agency", None,
                                      unit, B.title_place(place), prov.short_name, era=era,
                                      kind_name=f"{name_part} {unit}"))
    if len(_words(name_part)) > 14:
        return None
    if place is None:  # the writer's own unit: "Sở Y tế" in a province's letter, "Công an tỉnh" …
        if own is None:
            return None
        level = tables.unit_level(unit) if unit else row["level"]
        if under and level is None and unit is None and own.level in ("district", "commune") and own.place:
            unit, place = own.unit_word, own.place
        elif level in ("province", None) and (unit in (None, "tỉnh", "thành phố")) and own.province:
            prov = B.find_province(own.province, era)
            unit = unit or ("thành phố" if B.is_centrally_run(prov) else "tỉnh")
            place = own.province
        elif level == "district" and own.level == "district" and own.place:
            unit, place = unit or own.unit_word, own.place
        elif level == "district" and own.level == "commune" and own.district:
            unit, place = unit or own.district_unit, own.district
        else:
            return None
    level = (tables.unit_level(unit) if unit else None) or row["level"]
    prov_unit = B.find_province(place, era)
    if level is None:  # "thành phố X": a province only when X is a centrally-run city (Cần Thơ), else X's city
        level = "province" if prov_unit is not None and (unit != "thành phố" or B.is_centrally_run(prov_unit)) \
            else "district"
    level = str(level)
    province = B.title_place(place) if level == "province" else \
        prov_unit.short_name if prov_unit is not None else (own.province if own else None)  # the city of its province
    if province is None and level == "district":  # "… Quận 11": the one district of that name, in its province
        provinces = {getattr(B.province_of_unit(d), "short_name", None) for d in B.find_districts(place, era=era)}
        province = provinces.pop() if len(provinces) == 1 else None
    shown = B.display_place(B.title_place(place))
    name = f"{name_part} {B.unit_and_name(str(unit), shown)}"  # ("… Quận 11", not "… quận Quận 11")
    return B.with_unit(B.Body(name, level, "agency", None, unit, B.title_place(place), province, era=era,
                              kind_name=f"{name_part} {unit}"))


def _trailing_province(name: str, era: str) -> tuple[str, str] | None:
    """("Đảng ủy Khối … Cao đẳng", "Hà Nội") when ``name`` ends in a province's name written without its unit word."""
    words = _words(name)
    for k in (3, 2, 1):
        tail = words[-k:]
        if len(words) > k + 1 and all(w[:1].isupper() for w in tail) and B.find_province(" ".join(tail), era) is not None:
            return " ".join(words[:-k]).rstrip(" ,"), " ".join(tail)
    return None


@cache
def _department_re() -> re.Pattern[str]:
    heads = alternation(tables.load("bodies")["departments"])
    return re.compile(r"^(?P<head>(?i:" + heads + r"))\s+(?P<name>[A-ZĐÀ-ỸẠ-Ỹ][^()\-–;:\n]{2,90}?)\s*"
                      r"(?:\(\s*(?P<of>[^)]{3,80}?)\s*\)|\s[-–]\s+(?P<of2>.{3,80}))?$")


def ministry_department(phrase: str, parent: B.Body | None = None) -> B.Body | None:
    """A ministry's department named without a place — "Cục Thông tin cơ sở (Bộ Thông tin và Truyền thông)",
    "CỤC THÔNG TIN CƠ SỞ" under its ministry's header line — is a national body; a name that ends in a unit
    ("Cục Thuế tỉnh Nam Định") or is a local agency's word is not one."""
    m = _department_re().match(" ".join(phrase.split()))
    if m is None or _agency_re().match(phrase) or _unit_tail_re().search(" " + m.group("name")):
        return None
    of = m.group("of") or m.group("of2")
    ministry = B.central(of) if of else parent
    if of and ministry is None:
        return None  # "Cục … - <something else>": not a department's name
    if len(m.group("name").split()) > 12:
        return None
    head = next(h for h in tables.load("bodies")["departments"] if match_key(h) == match_key(m.group("head")))
    name = org_case(m.group("name")) if m.group("name").isupper() else m.group("name")
    return B.Body(f"{head} {name}", "central", "central", parent=ministry.name if ministry else None)


def resolve_phrase(phrase: str, own: B.Body | None, *, under: bool = False) -> B.Body | None:
    """A local body named by ``phrase`` ("Sở Y tế", "Công an tỉnh Đắk Nông", "Ban Chỉ đạo … tỉnh"); ``under``:
    see ``_agency``."""
    era = (own.era if own else None) or "old"
    p = " ".join(phrase.split())
    for cand in (p, strip_head(p)):
        body = _agency(youth_union_form(cand), own, era, under)
        if body is not None:
            return body
    return ministry_department(strip_head(p), own if own is not None and own.level == "central" else None)
