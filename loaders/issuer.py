"""Who issued the letter: read from the header, or inferred (and said so) when lost."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lineage.loaders import bodies as B
from lineage.loaders import patterns as P
from lineage.loaders.normalize import match_key

_COMMITTEE = re.compile(r"(?i)^(?P<word>" + "tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy" + r")\s+(?P<place>.+)$")
_COMMUNE_COMMITTEE = re.compile(r"(?i)^(?P<word>đảng ủy\s+(?:xã|phường|thị trấn))\s+(?P<place>.+)$")
_PARTY_ORG = re.compile(r"(?i)^đảng bộ\s+(?:tỉnh|thành phố)\s+(?P<place>.+?)(?:\s+(?:tỉnh|thành|huyện|quận|thị)\s+ủy\b.*)?$")
_PEOPLE = re.compile(r"(?i)^(?:ubnd|ủy ban nhân dân)\s+(?P<unit>" + P.UNIT_WORD + r")\s+(?P<place>.+)$")
_BOARD = re.compile(r"(?i)^(?P<board>ban tuyên giáo(?: và dân vận)?|ban dân vận|ban tổ chức|ban kiểm tra|ủy ban kiểm tra|ban nội chính|văn phòng)$")
_OWN_ORGAN = re.compile(r"(?:Ban Thường vụ|Thường trực|Văn phòng|BTV)\s+(?P<word>Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy)")
_UNIT_MENTION = re.compile(r"\b(?P<unit>huyện|thị xã|quận|thành phố|tỉnh)\s+(?P<name>[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){0,3})")


@dataclass
class IssuerResult:
    body: B.Body | None
    inferred: bool
    evidence: str | None


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:].lower()


def from_header(lines: list[str], era: str) -> B.Body | None:
    """Resolve upper-case header lines ("ĐẢNG BỘ TỈNH QUẢNG NINH" / "THÀNH ỦY CẨM PHẢ")."""
    parent_hint: str | None = None
    board: str | None = None
    joined = [ln for ln in lines]
    # Names split over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH") are tried joined too.
    candidates = joined + [f"{a} {b}" for a, b in zip(joined, joined[1:])]
    for line in candidates:
        m = _PARTY_ORG.match(line)
        if m:
            parent_hint = m.group("place")
    for line in candidates:
        if _BOARD.match(line):
            board = _cap(line)
            continue
        m = _COMMITTEE.match(line) or _COMMUNE_COMMITTEE.match(line)
        if m:
            body = B.committee(_cap(m.group("word")), m.group("place"), parent_hint=parent_hint, era=era)
            return B.as_board(board, body) if board else body
        m = _PEOPLE.match(line)
        if m:
            return B.people_committee(m.group("unit"), m.group("place"), parent_hint=parent_hint, era=era)
        c = B.central(line)
        if c:
            return c
    return None


def infer(text: str, place: str | None, era: str) -> IssuerResult:
    """Infer a lost issuer from the committee's own organs and the places the letter names."""
    organs = Counter(m.group("word") for m in _OWN_ORGAN.finditer(text))
    if not organs:
        return IssuerResult(None, True, None)
    word, n = organs.most_common(1)[0]
    clues = [f"'{word}' named {n}× as the letter's own organ (Ban Thường vụ / Thường trực / Văn phòng)"]
    prov_name: str | None = None
    if place:
        prov = B.find_province(place, era)
        if prov is not None:
            prov_name = prov.short_name
            clues.append(f"place '{place}'")
        elif word != "Tỉnh ủy":
            body = B.committee(word, place, era=era)
            clues.append(f"place '{place}'")
            return IssuerResult(body, True, "; ".join(clues))
    if prov_name is None:
        votes: Counter[str] = Counter()
        seen: list[str] = []
        for m in _UNIT_MENTION.finditer(text):
            unit, name = m.group("unit"), m.group("name")
            if unit == "tỉnh":
                p = B.find_province(name, era)
                if p is not None:
                    votes[p.short_name] += 2
                    seen.append(f"tỉnh {name}")
                continue
            cands = B.find_districts(name, era=era)
            provs = {getattr(B.province_of_unit(c), "short_name", None) for c in cands}
            provs.discard(None)
            if len(provs) == 1:
                votes[provs.pop()] += 1  # type: ignore[index]
                seen.append(f"{unit} {name}")
        if votes:
            prov_name = votes.most_common(1)[0][0]
            clues.append("named units " + ", ".join(sorted(set(seen))) + f" lie in {prov_name}")
    if prov_name is None:
        return IssuerResult(None, True, "; ".join(clues) + "; no place found")
    if word in ("Tỉnh ủy", "Thành ủy"):
        body = B.committee(word, prov_name, era=era)
        if body.level == "province":
            if word == "Thành ủy":
                clues.append(f"{prov_name} is a centrally-run city, so its Thành ủy is province-level")
            return IssuerResult(body, True, "; ".join(clues))
    return IssuerResult(None, True, "; ".join(clues) + "; district not determined")


def era_for(date: str | None) -> str:
    """The administrative map a letter is written against (cut-over 1 July 2025)."""
    return "2025" if date and date >= "2025-07-01" else "old"


def same_body(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and match_key(a) == match_key(b)
