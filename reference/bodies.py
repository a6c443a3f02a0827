"""Resolve issuing bodies and named bodies to full names, levels and parents.

"THÀNH ỦY CẨM PHẢ" → Thành ủy Cẩm Phả (district level; parent Đảng bộ tỉnh Quảng Ninh;
its province committee Tỉnh ủy Quảng Ninh). "của Tỉnh ủy" inside that letter →
Tỉnh ủy Quảng Ninh; "của Thành ủy" → the letter's own issuer. Place names take
their spelling from the gazetteer; body words come from ``data/bodies.json``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from lineage.reference import tables
from lineage.reference.normalize import canonical, match_key, strip_diacritics

LEVELS = ("central", "province", "district", "commune")


@dataclass(frozen=True)
class Body:
    """A resolved body. ``name`` is the full name used as identity."""

    name: str
    level: str | None = None
    kind: str = "other"  # committee | people_committee | council | board | central | other
    committee_word: str | None = None  # "Tỉnh ủy", "Thành ủy", "Huyện ủy" …
    unit_word: str | None = None  # the unit it governs: "tỉnh", "thành phố", "huyện" …
    place: str | None = None  # "Cẩm Phả"
    province: str | None = None  # "Quảng Ninh"
    parent: str | None = None  # "Đảng bộ tỉnh Quảng Ninh"
    parent_committee: str | None = None  # "Tỉnh ủy Quảng Ninh"
    era: str | None = None
    district: str | None = None  # for commune-level bodies: their district ("Hồng Lĩnh")
    district_unit: str | None = None  # and its kind ("thị xã")
    # the administrative unit the body governs or belongs to, as "{era}:{code}" ("old:271"): what
    # identifies a local body (two "Huyện ủy Châu Thành" are two bodies); None when not determined
    unit: str | None = None
    kind_name: str | None = None  # the name without its place: "Huyện ủy", "Ủy ban nhân dân tỉnh", "Sở Y tế tỉnh"

    @property
    def key(self) -> str | None:
        """What identifies a local body: its kind and its unit ("Huyện ủy@old:020"); None when the unit is
        not determined (the name then stands in) and for national bodies (their name is unique)."""
        return f"{self.kind_name}@{self.unit}" if self.unit and self.kind_name else None


# --- gazetteer access (optional at import time so the extractor degrades cleanly) --
@lru_cache(maxsize=1)
def _gaz() -> Any:
    try:
        from lineage.reference.gazetteer import gazetteer
    except ImportError:  # pragma: no cover - the data file ships with the package
        return None
    return gazetteer()


@lru_cache(maxsize=1 << 14)  # pure lookups in the packaged map; names repeat letter after letter
def find_province(name: str, era: str = "old") -> Any:
    g = _gaz()
    if g is None or not name:
        return None
    return g.province(name, era=era)


def find_districts(name: str, province: str | None = None, era: str = "old") -> list[Any]:
    return list(_districts(name, province, era))


@lru_cache(maxsize=1 << 14)
def _districts(name: str, province: str | None, era: str) -> tuple[Any, ...]:
    g = _gaz()
    if g is None or not name:
        return ()
    try:
        return tuple(g.districts(name, province=province, era=era))
    except Exception:  # unknown province name etc.
        return ()


@lru_cache(maxsize=1 << 14)
def find_communes(name: str, province: str | None = None, era: str = "old") -> tuple[Any, ...]:
    """Communes called ``name`` ("xã Tân Quang"), within ``province`` when given."""
    g = _gaz()
    if g is None:
        return ()
    try:
        return tuple(g.communes(name, province=province, era=era) if province else g.communes(name, era=era))
    except Exception:  # noqa: BLE001 - an unknown province
        return ()


def district_of_communes(names: Iterable[str], era: str = "old") -> tuple[Any, int] | None:
    """The one district-level unit that most of ``names`` are communes of, with how many: a letter that lists
    "xã Liên Chung, Phúc Hòa, Ngọc Thiện, Song Vân …" is about one district. None unless at least three named
    communes lie in it and it holds at least twice as many as any other district (common names repeat
    across the country, a list of them rarely does)."""
    g = _gaz()
    if g is None:
        return None
    votes: Counter[str] = Counter()
    for name in set(names):
        for code in {c.parent for c in find_communes(name, era=era)}:
            if code is not None:
                votes[code] += 1
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    unit = g.get(ranked[0][0], era=era)
    return (unit, ranked[0][1]) if unit is not None else None


def province_of_unit(unit: Any) -> Any:
    g = _gaz()
    if g is None or unit is None:
        return None
    if getattr(unit, "level", None) == "province":
        return unit
    if hasattr(g, "province_of"):
        return g.province_of(unit)
    return g.parent(unit)


def is_centrally_run(unit: Any) -> bool:
    g = _gaz()
    return bool(g is not None and unit is not None and g.is_centrally_run(unit))


@lru_cache(maxsize=1 << 14)  # every resolver below spells places through this
def title_place(name: str) -> str:
    """Spell a place name as the gazetteer does ("CẨM PHẢ" → "Cẩm Phả")."""
    name = canonical(name).strip(" .,;:*")
    g = _gaz()
    if g is not None and match_key(name) in g.other_names:
        return str(g.other_names[match_key(name)])
    for finder in (find_province, lambda n: (find_districts(n) or [None])[0]):
        u = finder(name)
        if u is not None:
            return u.short_name
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


@lru_cache(maxsize=1 << 12)
def spell_place(name: str) -> str:
    """A place as written, or — when OCR lost its diacritics ("Hai Phong", "Ha Nội") — the gazetteer's spelling of
    the one province or district whose name it folds to (``Gazetteer`` finds it; never when two fold alike)."""
    head = re.match(r"(?i)^(tp\.?|tx\.?)\s*", name)
    rest = name[head.end():] if head else name
    districts = find_districts(rest)
    unit = find_province(rest) or (districts[0] if len(districts) == 1 else None)
    g = _gaz()
    if unit is None or g is None:
        return name
    def key(n: str) -> str:  # ("Phan Rang-Tháp Chàm" is "Phan Rang - Tháp Chàm" as written)
        return re.sub(r"\s*[-–]\s*", "-", match_key(n))

    written = {key(n) for n in (unit.short_name, unit.name, *g.former_names(unit))}
    return name if key(rest) in written else (name[: head.end()] if head else "") + unit.short_name


@lru_cache(maxsize=1)
def _place_display() -> dict[str, str]:
    return {match_key(k): v for k, v in tables.load("bodies")["place_display"].items()}


def display_place(place: str) -> str:
    """A place as it stands in a body's name: "Hồ Chí Minh" → "Thành phố Hồ Chí Minh" (a person's name
    alone would not name the city)."""
    return _place_display().get(match_key(place), place)


def _unit_word_for(unit: Any) -> str:
    """The Vietnamese word naming a unit's kind ("tỉnh", "thành phố", "huyện" …)."""
    kind = (getattr(unit, "kind", "") or "").lower()
    name = canonical(getattr(unit, "name", "") or "").lower()
    for w in tables.unit_words():  # (longest first: "thị xã" before "xã")
        if name.startswith(w) or w.replace(" ", "_") in kind:
            return w
    return "tỉnh" if getattr(unit, "level", "") == "province" else "huyện"


def _commune_context(place: str, province_hint: str | None, era: str,
                     unit_word: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(district short name, district unit word, province) of a commune, when the name is unambiguous."""
    g = _gaz()
    if g is None:
        return None, None, province_hint
    try:
        cands = g.communes(place, province=province_hint, era=era) if province_hint else g.communes(place, era=era)
    except Exception:  # noqa: BLE001 - an unknown province hint
        return None, None, province_hint
    if unit_word:  # "phường Bắc Hồng" is not "xã Bắc Hồng"
        cands = [c for c in cands if match_key(c.name).startswith(unit_word)] or cands
    parents = {c.parent for c in cands}
    if len(parents) != 1 or None in parents:
        return None, None, province_hint
    d = g.get(parents.pop(), era)
    if d is None or d.level != "district":
        prov = g.province_of(cands[0]) if cands else None
        return None, None, getattr(prov, "short_name", province_hint)
    prov = g.province_of(d)
    return d.short_name, _unit_word_for(d), getattr(prov, "short_name", province_hint)


# --- committees ----------------------------------------------------------------------
def committee_level(word: str) -> str | None:
    """The level a committee word sits at ("Huyện ủy" → district; "Thành ủy" → province_or_district)."""
    row = next((r for r in tables.committees() if match_key(r["word"]) == match_key(word)), None)
    return row["level"] if row else None


@lru_cache(maxsize=1 << 14)  # resolution is a pure function of the gazetteer: headers repeat
def committee(word: str, place: str, *, parent_hint: str | None = None, era: str = "old",
              district_hint: tuple[str, str] | None = None) -> Body:
    """A Party committee from its word and place: ("Thành ủy", "Cẩm Phả") → Body."""
    body = _committee(word, place, parent_hint=parent_hint, era=era, district_hint=district_hint)
    return with_unit(replace(body, kind_name=body.committee_word))


def _committee(word: str, place: str, *, parent_hint: str | None = None, era: str = "old",
               district_hint: tuple[str, str] | None = None) -> Body:
    word = canonical(word)
    word = word[:1].upper() + word[1:].lower()
    place_t = title_place(place)
    row = next((r for r in tables.committees() if match_key(r["word"]) == match_key(word)), None)
    level = row["level"] if row else None
    unit_word = row["unit"] if row else None
    if level != "commune":
        place_t = spell_place(place_t)  # (a dropped or swapped diacritic: the one unit it folds to)
    prov_name: str | None = None
    if parent_hint:
        prov_name = title_place(parent_hint)
    if level == "province":
        return Body(f"{word} {display_place(_as_province(place_t, era))}", "province", "committee", word, unit_word,
                    place_t, place_t, era=era)
    if level == "province_or_district":  # Thành ủy: centrally-run city or provincial city
        prov = find_province(place_t, era)
        if prov is not None and is_centrally_run(prov) and not parent_hint:
            return Body(f"{word} {display_place(prov.short_name)}", "province", "committee", word, "thành phố",
                        prov.short_name, prov.short_name, era=era)
        level = "district"
    if level == "commune":
        d: str | None
        du: str | None
        if district_hint:  # "ĐẢNG BỘ HUYỆN VĂN LÃNG / ĐẢNG ỦY XÃ …": the header names the district
            du, d = district_hint[0], title_place(district_hint[1])
            if prov_name is None:
                cands = find_districts(f"{du} {d}", era=era)
                provs = {getattr(province_of_unit(c), "short_name", None) for c in cands} - {None}
                prov_name = provs.pop() if len(provs) == 1 else None
        else:
            d, du, prov_name = _commune_context(place_t, prov_name, era, unit_word)
        parent = f"Đảng bộ {du} {d}" if d else None
        pc = f"{tables.committee_of_unit(du or 'huyện')} {d}" if d else None
        return Body(f"{word} {place_t}", "commune", "committee", word, unit_word, place_t, prov_name,
                    parent, pc, era=era, district=d, district_unit=du)
    if level == "district" and prov_name is None:
        cands = find_districts(f"{unit_word} {place_t}" if unit_word else place_t, era=era)
        provs = {getattr(province_of_unit(c), "short_name", None) for c in cands}
        if len(provs) == 1:
            prov_name = provs.pop()
    parent = parent_committee = None
    if prov_name:
        prov_unit = find_province(prov_name, era)
        central_city = is_centrally_run(prov_unit)
        parent = f"Đảng bộ {'thành phố' if central_city else 'tỉnh'} {prov_name}"
        parent_committee = f"{'Thành ủy' if central_city else 'Tỉnh ủy'} {display_place(prov_name)}"
    return Body(f"{word} {place_t}", level, "committee", word, unit_word, place_t, prov_name,
                parent, parent_committee, era=era)


@lru_cache(maxsize=1 << 14)
def people_committee(unit_word: str, place: str, *, parent_hint: str | None = None, era: str = "old") -> Body:
    """"UBND TỈNH QUẢNG NINH" → Ủy ban nhân dân tỉnh Quảng Ninh."""
    body = _people_committee(unit_word, place, parent_hint=parent_hint, era=era)
    return with_unit(replace(body, kind_name=f"Ủy ban nhân dân {body.unit_word}"))


def _as_province(place: str, era: str) -> str:
    """The name a province-level unit had as a province: "Tỉnh ủy" or "tỉnh" with Huế, a centrally-run city since
    2025, is the Tỉnh ủy of Thừa Thiên Huế, the province it was (the word says which era the writer meant)."""
    g = _gaz()
    prov = g.province(place, era) if g is not None else None
    if prov is None or not g.is_centrally_run(prov):
        return place
    return next((n for n in g.former_names(prov) if len(n.split()) > len(place.split())), place)


def _people_committee(unit_word: str, place: str, *, parent_hint: str | None = None, era: str = "old") -> Body:
    unit_word = unit_word.lower()
    level = tables.unit_level(unit_word)
    place_t = title_place(place)
    if level != "commune":  # "HUYỆN GIỒNG TRƠM" (a dropped or swapped diacritic): the one district it folds to
        place_t = spell_place(place_t)
    prov_name = title_place(parent_hint) if parent_hint else None
    if level is None:
        prov = find_province(place_t, era)
        level = "province" if prov is not None and is_centrally_run(prov) and not parent_hint else "district"
    if level == "province":
        place_t = prov_name = _as_province(place_t, era) if unit_word == "tỉnh" else place_t
    elif prov_name is None and level == "district":
        provs = {getattr(province_of_unit(c), "short_name", None)
                 for c in find_districts(f"{unit_word} {place_t}", era=era)}
        prov_name = provs.pop() if len(provs) == 1 else None
    if level == "commune":
        d, du, prov_name = _commune_context(place_t, prov_name, era, unit_word)
        parent = f"Ủy ban nhân dân {unit_and_name(du, d)}" if d and du else None
        return Body(f"Ủy ban nhân dân {unit_and_name(unit_word, place_t)}", "commune", "people_committee", None,
                    unit_word, place_t, prov_name, parent, parent, era=era, district=d, district_unit=du)
    parent = f"Ủy ban nhân dân tỉnh {prov_name}" if prov_name and level != "province" else None
    return Body(f"Ủy ban nhân dân {unit_and_name(unit_word, place_t)}", level, "people_committee", None, unit_word,
                place_t, prov_name, parent, parent, era=era)


def unit_and_name(unit_word: str, name: str) -> str:
    """"huyện Mai Châu"; a numbered unit's name holds its unit word: "Quận 1", "Phường 3" (not "quận Quận 1")."""
    return name if name.lower().startswith(f"{unit_word.lower()} ") else f"{unit_word} {name}"


def with_unit(body: Body) -> Body:
    """The body with the code of its administrative unit, when the gazetteer names exactly one."""
    if body.unit is not None or body.place is None or body.level not in ("province", "district", "commune"):
        return body
    code = _unit_code(body.level, body.unit_word, body.place, body.province, body.district, body.era or "old")
    return replace(body, unit=f"{body.era or 'old'}:{code}") if code else body


@lru_cache(maxsize=1 << 14)
def unit_name(era: str, code: str) -> str:
    """The gazetteer's short name of a unit ("old", "020" → "Thanh Trì"); "" when unknown."""
    g = _gaz()
    u = g.get(code, era) if g is not None else None
    return u.short_name if u is not None else ""


_UNIT_WORD_START = re.compile(r"(?i)^(?:tp\.?|tx\.?|" + "|".join(u for u in tables.unit_words()
                                                             if tables.unit_level(u) != "commune") + r")\s*")


def bare_place(place: str) -> str:
    """A place/date line's place without its unit word ("TP. Cẩm Phả", "huyện Yên Lạc" → "Cẩm Phả", "Yên Lạc")."""
    return _UNIT_WORD_START.sub("", place).strip()


_UNIT_WORD_END = re.compile(r"(?i)(?:" + "|".join(tables.unit_words()) + r")$")


@lru_cache(maxsize=1 << 14)
def key_label(key: str | None) -> str | None:
    """The one name of a keyed body, whatever spelling a letter used ("Thành ủy@old:79" → "Thành ủy Thành
    phố Hồ Chí Minh"; "Ủy ban nhân dân tỉnh@old:38" → "Ủy ban nhân dân tỉnh Thanh Hóa"); None when unknown."""
    if not key:
        return None
    kind, _, unit = key.partition("@")
    era, _, code = unit.partition(":")
    place = unit_name(era, code)
    if not kind or not place:
        return None
    # after a unit word the place is bare ("Ủy ban nhân dân thành phố Cần Thơ"); after a committee word, as displayed
    return f"{kind} {place if _UNIT_WORD_END.search(kind) else display_place(place)}"


@lru_cache(maxsize=1 << 12)
def key_in_era(key: str | None, era: str | None) -> str | None:
    """The same body's key on the other map ("Tỉnh ủy@2025:04" for a 2024 document → "Tỉnh ủy@old:04"):
    a cited document is keyed on the map of its own date. None when the unit has no namesake there."""
    if not key or not era:
        return key
    kind, _, unit = key.partition("@")
    old_era, _, code = unit.partition(":")
    g = _gaz()
    if old_era == era or g is None:
        return key
    u = g.get(code, old_era)
    if u is None:
        return None
    try:
        if u.level == "province":
            hit = g.province(u.name, era=era)
        else:
            prov = g.province(g.province_of(u).name, era=era)
            hits = g.communes(u.name, province=prov, era=era) if prov is not None and u.level == "commune" else []
            hit = hits[0] if len(hits) == 1 else None
    except Exception:  # noqa: BLE001 - a unit with no namesake on the other map
        return None
    return f"{kind}@{era}:{hit.code}" if hit is not None and hit.name == u.name else None


@lru_cache(maxsize=1 << 14)
def _unit_code(level: str, unit_word: str | None, place: str, province: str | None, district: str | None,
               era: str) -> str | None:
    g = _gaz()
    if g is None:
        return None
    named = f"{unit_word} {place}" if unit_word else place
    try:
        if level == "province":
            p = g.province(place, era=era)
            return p.code if p is not None else None
        if level == "district":
            cands = g.districts(named, province=province, era=era) if province else g.districts(named, era=era)
        else:
            cands = g.communes(named, province=province, district=district, era=era) if province else \
                g.communes(named, era=era)
    except Exception:  # noqa: BLE001 - an unknown province or district hint
        return None
    return cands[0].code if len(cands) == 1 else None


_STATE_NAMES = re.compile(r"(?:" + "|".join(map(re.escape, tables.load("bodies")["state_name_words"])) + r")(?:\s|$)")
_PARTY_NAME = re.compile(r"(?:^|\s)(?:đảng|chi bộ|\w+ ủy)(?:\s|$)")


def is_party(body: Body) -> bool | None:
    """Whether a body is a Party organ (a committee, its boards and office, a Party cell) rather than a State or
    mass one; None for a national body of neither kind."""
    if body.kind == "central":
        row = _central_row(_expand_central_abbreviations(match_key(body.name)))
        return None if row is None else row.get("kind") == "party"
    key = match_key(body.name)
    if key.startswith("ủy ban kiểm tra"):
        return True
    if _STATE_NAMES.match(key):
        return False
    return bool(_PARTY_NAME.search(key))


@lru_cache(maxsize=1 << 12)
def central(name: str) -> Body | None:
    """A national body by name, alias or abbreviation; None when unknown."""
    key = _expand_central_abbreviations(match_key(name))
    row = _central_row(key)
    if row is None:  # "Ban Bí thư Trung ương Đảng", "Bộ Y tế nước CHXHCN Việt Nam" …: drop the national suffix
        for suffix in (" đảng", " trung ương", " tw", " việt nam"):
            if key.endswith(suffix):
                key = key[: -len(suffix)]
                row = _central_row(key)
                if row:
                    break
    return Body(row["name"], "central", "central") if row else None


def _central_row(key: str) -> dict[str, Any] | None:
    """By name, else by the name with its diacritics folded when only one body folds to it ("Bạn
    Chấp hành Trũng ương" on a scrambling host, "Bo Chinh tri" after OCR)."""
    return tables.central_by_name().get(key) or _central_folded().get(strip_diacritics(key))


@lru_cache(maxsize=1)
def _central_folded() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, row in tables.central_by_name().items():
        f = strip_diacritics(key)
        out[f] = row if out.get(f, row) is row else None
    return {k: v for k, v in out.items() if v is not None and len(k) > 4}


@lru_cache(maxsize=1)
def _central_abbr() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {match_key(k): match_key(v) for k, v in tables.load("bodies")["name_abbreviations"].items()}
    alt = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w&])(?:" + alt + r")(?![\w&])"), table


def _expand_central_abbreviations(key: str) -> str:
    """"bộ nông nghiệp và ptnt" → "bộ nông nghiệp và phát triển nông thôn"."""
    pat, table = _central_abbr()
    return pat.sub(lambda m: table[m.group()], key)


@lru_cache(maxsize=1 << 12)
def central_by_symbol(symbol: str, letter_codes: bool = True) -> Body | None:
    """The national body whose series a symbol belongs to (CV/BTGTW → Ban Tuyên giáo Trung ương).

    This names the series (document identity), not always the signer: -CT/TW, -KL/TW, -QĐ/TW are
    signed by the Politburo or the Secretariat as well as the Central Committee (see ``shown_issuer``).
    A ministry's công văn code at the head of a symbol (LĐTBXH-…) counts only with ``letter_codes``:
    a Sở writes the same letters (431/KHĐT-KTĐN of Sở Kế hoạch và Đầu tư).
    """
    parts = [p for p in re.split(r"[-/]", symbol) if p.strip() and not p.strip().isdigit()]  # "2008/TT-BYT"
    if not parts:
        return None
    # Two orders (Decree 30/2020, Appendix I): a typed document puts its type first and the issuer after it
    # (QĐ-TTg, TTLT-BTC-BNV: the lead body first, HD/BTGTW); a công văn puts its issuer first and the
    # drafting unit after it (1781/BTC-TCT is the Ministry of Finance's, drafted by its tax department).
    typed = tables.symbol_key(parts[0]) in tables.doc_type_by_code()
    # the Party writes TYPE/ISSUER (173-QĐ/BTC is a Party board's), the State TYPE-ISSUER (173/QĐ-BTC the
    # Ministry of Finance's): a code is read only as a body of its own side
    after = symbol.lstrip("0123456789/ ")[len(parts[0]):][:1] if typed else ""
    side = {"/": "state", "-": "party"}.get(after)  # the side a body must not be on
    for part in parts[1:] if typed else parts[:1]:
        key = tables.symbol_key(part)
        # a term number does not change the body: QH11 … QH15, UBTVQH10 … UBTVQH15
        row = tables.central_by_symbol().get(key) or tables.central_by_symbol().get(key.rstrip("0123456789"))
        if row and row.get("kind") != side:
            return Body(row["name"], "central", "central")
    if not letter_codes or len(parts) < 2 or typed:
        return None
    row = tables.central_by_letter_code().get(tables.symbol_key(parts[0]))
    return Body(row["name"], "central", "central") if row else None


def central_committee_name() -> str | None:
    """The Central Committee's name: the body of the generic "TW" code, which its Politburo and Secretariat share."""
    return tables.central_by_symbol().get("TW", {}).get("name")


def shown_issuer(symbol: str, letter_codes: bool = True) -> Body | None:
    """The issuer a reader can take from a symbol alone: the series' body, except the Central
    Committee's generic "TW", which the Politburo and the Secretariat sign too — there the text must
    say which, and an unstated one stays unknown rather than guessed."""
    body = central_by_symbol(symbol, letter_codes)
    if body is None or central_committee_name() == body.name:
        return None
    return body


def as_board(board: str, of: Body) -> Body:
    """A board of a committee: ("Ban Tuyên giáo", Thành ủy Cần Thơ) → Ban Tuyên giáo Thành ủy Cần Thơ."""
    return replace(of, name=f"{board} {of.name}", kind="board", parent=of.name,
                   kind_name=f"{board} {of.kind_name}" if of.kind_name else None)
