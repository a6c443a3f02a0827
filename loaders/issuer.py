"""Who issued the letter: read from the header, or inferred (and said so) when lost."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from lineage.loaders import patterns as P
from lineage.reference import bodies as B
from lineage.reference import body_phrase as BP
from lineage.reference import resolver as R
from lineage.reference import tables
from lineage.reference.normalize import edit_distance, match_key
from lineage.reference.trie import alternation

_LOCAL_COMMITTEES = "|".join(tables.committee_words(exclude="commune"))
_COMMITTEE = re.compile(r"(?i)^(?P<word>" + _LOCAL_COMMITTEES + r")\s+(?P<place>.+)$")
_COMMUNE_COMMITTEE = re.compile(r"(?i)^(?P<word>" + "|".join(tables.committee_words("commune")) + r")\s+(?P<place>.+)$")
_PARTY_ORG = re.compile(
    r"(?i)^" + tables.party_org_word() + r"\s+(?P<unit>" + "|".join(u for u in tables.unit_words()
                                                                 if tables.unit_level(u) != "commune") + r")"
    r"\s+(?P<place>.+?)(?:\s+(?:" + R.committee_words() + r")\b.*)?$"
)
_PEOPLE = re.compile(r"(?i)^(?:ubnd|ủy ban nhân dân)\s+(?P<unit>" + R.UNIT_WORD + r")\s+(?P<place>.+)$")
_BOARD = re.compile(r"(?i)^(?P<board>" + "|".join(tables.boards()) + r")$")
# The committee's own organs, or units placed under it ("đảng bộ trực thuộc Huyện ủy"); not when the
# mention carries a report mark ("Thường trực Tỉnh ủy (b/c)" is the superior being copied).
_OWN_ORGAN = re.compile(
    r"(?<!của )(?:" + "|".join(tables.standing_bodies()) + r"|Văn phòng|trực thuộc|Đảng của)\s+(?P<word>"
    + _LOCAL_COMMITTEES + r")"
    r"(?:\s+(?P<place>[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){0,3}))?"
    r"(?!\s*[(]\s*(?:b/c|để báo cáo|để b/c))"
)
# what follows an organ that issued a document: its place, then "đã ban hành", "vừa ban hành" …
_ISSUED_AFTER = re.compile(r"(?:\s+(?:" + "|".join(tables.unit_words()) + r"))?(?:\s+[" + P.VI_UPPER + r"][a-zà-ỹđ]*){0,4}"
                           r"\s*,?\s+(?:" + alternation(tables.cues()["issued"]) + r")\s")
# a place's name: up to four capitalised syllables, a capital with its accent too and a syllable of one letter
# ("Ô Lâm", "Ân Thi", "A Lưới")
_PLACE_NAME = f"[{P.VI_UPPER}][a-zà-ỹđ]*(?:\\s+[{P.VI_UPPER}][a-zà-ỹđ]+){{0,3}}"
_UNIT_MENTION = re.compile(r"\b(?P<unit>" + "|".join(u for u in tables.unit_words() if tables.unit_level(u) != "commune")
                           + r")\s+(?P<name>" + _PLACE_NAME + ")")


@dataclass
class IssuerResult:
    body: B.Body | None
    inferred: bool
    evidence: str | None
    # the kind of body that speaks ("Ủy ban nhân dân tỉnh", "Tỉnh ủy") when its place is not found:
    # never the letter's issuer (it would merge every province's), but it tells which citations are
    # the writer's own earlier documents
    partial: B.Body | None = None


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:].lower()


def from_header(lines: list[str], era: str) -> B.Body | None:
    """Resolve upper-case header lines ("ĐẢNG BỘ TỈNH QUẢNG NINH" / "THÀNH ỦY CẨM PHẢ")."""
    parent_hint: str | None = None
    district_hint: tuple[str, str] | None = None
    board: str | None = None
    # Names split over lines ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH"; a legal database's
    # "THÀNH" / "ỦY" / "THÀNH PHỐ HỒ CHÍ MINH") are tried joined too, shorter runs first.
    lines = [t for t in (R.TERM_SUFFIX.sub("", ln) for ln in lines) if t]  # "TỈNH ỦY KHÓA XX": no place "Khóa XX"
    candidates = [" ".join(lines[i:i + n]) for n in (1, 2, 3, 4) for i in range(len(lines) - n + 1)]
    for line in candidates:
        m = _PARTY_ORG.match(line)
        if m and tables.unit_level(m.group("unit").lower()) == "district" or (m and district_hint is None and parent_hint):
            district_hint = (m.group("unit").lower(), m.group("place"))  # a commune committee's district
        elif m:
            parent_hint = m.group("place")
    for upper, lower in zip(lines, lines[1:]):
        # "HỘI NÔNG DÂN VIỆT NAM" / "BAN CHẤP HÀNH TRUNG ƯƠNG": the organisation's own executive, not the Party's
        joint = B.central(f"{lower} {upper}")
        if joint is not None and joint == B.central(upper):
            return joint
    central_parent: B.Body | None = None
    # a board on its own line below its committee ("HUYỆN ỦY BÌNH GIA" / "BAN TUYÊN GIÁO") is the writer, whichever
    # line the loop below meets first
    board = next((b for b in map(_board_line, lines[1:]) if b), None)
    for line in candidates:
        if _BOARD.match(line):
            board = _board_name(line)
            if central_parent is not None:  # "BAN CHẤP HÀNH TRUNG ƯƠNG" / "BAN TUYÊN GIÁO"
                c = B.central(f"{board} Trung ương")
                if c is not None:
                    return c
            continue
        m = _COMMITTEE.match(line) or _COMMUNE_COMMITTEE.match(line)
        if m and len(m.group("place").split()) > _PLACE_WORDS:
            m = None  # "BAN TUYÊN GIÁO HUYỆN ỦY HƯỚNG DẪN TUYÊN TRUYỀN …": a headline, not a committee's name
        if m:
            body = B.committee(_cap(m.group("word")), m.group("place"), parent_hint=parent_hint, era=era,
                               district_hint=district_hint)
            # ("ĐẢNG ỦY XÃ THANH BÌNH THỊNH / BCĐ XÂY DỰNG NÔNG THÔN MỚI": the committee's steering committee writes)
            return B.as_board(board, body) if board else (_department(lines[1:], body) or body)
        m = _PEOPLE.match(line)
        if m and len(m.group("place").split()) > _PLACE_WORDS:
            m = None
        if m:
            body = B.people_committee(m.group("unit"), m.group("place"), parent_hint=parent_hint, era=era)
            return _department(lines, body) or body
        c = B.central(line)
        if c:  # "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ": the lower line is the body that writes
            central_parent = c
    return _department(lines, central_parent) or _national_committee(lines, central_parent) or central_parent


_NATIONAL = tables.load("bodies")["national_committees"]
_NATIONAL_COMMITTEE = re.compile(r"(?i)^(?P<head>" + "|".join(_NATIONAL["heads"]) + r")\s.{3,80}\s(?P<tail>"
                                 + "|".join(_NATIONAL["tails"]) + r")$")


def _national_committee(lines: list[str], parent: B.Body | None) -> B.Body | None:
    """A national steering committee or council on the line below its ministry ("BỘ NỘI VỤ" / "BAN CHỈ ĐẠO ĐIỀU TRA
    CƠ SỞ HÀNH CHÍNH TRUNG ƯƠNG"): it writes, under its own name, though the tables do not know it."""
    if parent is None:
        return None
    for line in (ln.strip() for ln in lines[1:4]):
        m = _NATIONAL_COMMITTEE.match(line)
        if m is None or B.central(line) is not None:  # (a body the tables know was read as one already)
            continue
        middle = line[m.end("head"): m.start("tail")].strip()
        middle = BP.org_case(middle) if line.isupper() else middle
        head = next(h for h in _NATIONAL["heads"] if match_key(h) == match_key(m.group("head")))
        tail = next(t for t in _NATIONAL["tails"] if match_key(t) == match_key(m.group("tail")))
        return B.Body(f"{head} {middle} {tail}", "central", "central", parent=parent.name)
    return None


@cache
def _grassroots_re() -> re.Pattern[str]:
    g = tables.load("bodies")["grassroots"]
    return re.compile(r"(?i)^[ \t*|]*(?P<cell>" + alternation([*g["cells"], *g["cell_aliases"]]) + r")\s+(?P<inst>"
                      + alternation(g["institutions"])
                      + r")\b(?P<rest>[^|\n]*?)\s*(?:\bSố\b.*)?[ \t|]*$")


def grassroots(head: str, era: str = "old") -> B.Body | None:
    """The Party organisation of an institution that heads the letter on its own line, below its superior:
    "ĐẢNG ỦY XÃ PHONG MỸ" / "CHI BỘ TRƯỜNG THCS PHONG MỸ" → Chi bộ Trường THCS Phong Mỹ; its name may wrap
    ("ĐẢNG ỦY TRƯỜNG ĐẠI HỌC" / "KỸ THUẬT CÔNG NGHIỆP"). ``head`` is the text above the number line."""
    low = head.lower()
    g = tables.load("bodies")["grassroots"]
    if not any(match_key(c) in low for c in (*g["cells"], *g["cell_aliases"])):
        return None  # (the common case, decided at once)
    # (a glued pair of cells is two lines; a column gap ends the left column: the motto stands right of it)
    lines = [part.strip(" \t*|") for ln in head.split("\n") for part in P.GLUED_CELL.split(_COLUMN_GAP.split(ln)[0])
             if part.strip(" \t*|")]
    for i in reversed(range(min(len(lines), 8))):
        # at the head of its line, or after its superior's name in a header whose two columns were merged
        m = _grassroots_re().match(lines[i]) or (
            _grassroots_in_re().search(lines[i]) if _NUMBER_TAIL.sub("", lines[i]).isupper() else None)
        if m is None or len(m.group("rest").split()) > 8:  # a name, not a sentence of the body
            continue
        rest = m.group("rest").strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (not rest or _ends_with_kind(rest)) and nxt.isupper() and not _NOT_A_NAME.match(nxt):
            rest = f"{rest} {nxt}".strip()  # the institution's name went on to the next line
        g = tables.load("bodies")
        aliases = g["grassroots"]["cell_aliases"]
        cell = next((c for c in g["grassroots"]["cells"] if match_key(c) == match_key(m.group("cell"))), None) or \
            next(v for k, v in aliases.items() if match_key(k) == match_key(m.group("cell")))
        inst = next(c for c in g["grassroots"]["institutions"] if match_key(c) == match_key(m.group("inst")))
        name = " ".join(x for x in (cell, inst, _institution_case(rest)) if x)
        # it sits in its superior's unit ("ĐẢNG ỦY PHƯỜNG BIÊN GIANG" above it): "của Quận ủy" in its letter is
        # that ward's district's, as in the ward's own letters
        above = from_header([ln for ln in lines[:i] if ln.isupper()], era)
        if rest and _only_kind(rest):
            # "ĐẢNG BỘ XÃ MỸ HƯNG / CHI BỘ TRƯỜNG MẦM NON": the school of that commune, named after it
            org = next((o for o in map(_PARTY_ORG_LINE.match, lines[:i]) if o), None)
            place = above.place if above is not None and above.place else (B.title_place(org.group("place")) if org else None)
            name = f"{name} {place}" if place else name
        if above is None or above.kind == "central":
            return B.Body(name, None, "grassroots")
        return replace(above, name=name, kind="grassroots", committee_word=None, parent=above.name,
                       parent_committee=above.name, unit=None, kind_name=None)
    return None


@cache
def _grassroots_in_re() -> re.Pattern[str]:
    return re.compile(_grassroots_re().pattern.replace("^[ \\t*|]*", r"(?<=\s)", 1))


_COLUMN_GAP = re.compile(r"(?<=\S)\s{3,}")
_NUMBER_TAIL = re.compile(r"\s*\bSố\b.*$")  # the number line merged into the header's line
_NOT_A_NAME = re.compile(r"(?i)^(?:" + P.doc_type_names() + r"|Đảng Cộng sản|Cộng hòa|Số\b)")


_PARTY_ORG_LINE = re.compile(r"(?i)^" + tables.party_org_word() + r"\s+(?:" + R.UNIT_WORD + r")\s+(?P<place>.{2,40})$")


def _only_kind(rest: str) -> bool:
    """Whether an institution's name is its kind alone ("MẦM NON", "TIỂU HỌC"), with no name of its own."""
    return any(match_key(rest) == match_key(k) for k in tables.load("bodies")["grassroots"]["kinds"])


def _ends_with_kind(rest: str) -> bool:
    low = match_key(rest)
    return any(low.endswith(match_key(k)) for k in tables.load("bodies")["grassroots"]["kinds"])


def _institution_case(rest: str) -> str:
    """"THCS PHONG MỸ" → "THCS Phong Mỹ", "ĐH LẠC HỒNG" → "Đại học Lạc Hồng", "MẦM NON" → "Mầm non": a kind in
    its usual case, abbreviations kept, a proper name in title case, unit words in lower case."""
    g = tables.load("bodies")["grassroots"]
    words = [g["abbreviations"].get(w.upper(), w) for w in rest.split()]
    text = " ".join(words)
    out: list[str] = []
    for kind in sorted(g["kinds"], key=len, reverse=True):
        if match_key(text).startswith(match_key(kind) + " ") or match_key(text) == match_key(kind):
            out.append(kind)
            text = text[len(kind):].strip()
            break
    units = set(tables.unit_words())
    if re.search(r"(?i)\svà\s|,", f" {text} "):  # "CHÍNH SÁCH VÀ PHÁT TRIỂN": a name of parts, not of a place
        return " ".join([*out, BP.org_case(text)]) if text else " ".join(out)
    for w in text.split():
        if len(w) > 1 and w.isupper() and not BP.has_vowel(w):
            out.append(w)  # an abbreviation: THCS, UBND
        elif w.lower() in units:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:].lower())
    return " ".join(out)


_PLACE_WORDS = 5  # a place's name is at most five words ("Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm")


@lru_cache(maxsize=1 << 12)  # header lines repeat from letter to letter
def _board_line(line: str) -> str | None:
    """The board a header line names, exactly or with one letter damaged by conversion ("VĂN PHỊNG")."""
    if _BOARD.match(line):
        return _board_name(line)
    key = match_key(line)
    if not line.isupper() or len(key) < 8:
        return None
    # (cheap tests first: the same first word and about the same length, then the distance)
    near = [b for b in tables.boards() if abs(len(key) - len(match_key(b))) <= 1
            and key.split(" ", 1)[0] == match_key(b).split(" ", 1)[0] and edit_distance(key, match_key(b)) == 1]
    return near[0] if len(near) == 1 else None


def _board_name(line: str) -> str:
    """A board's name as the body table spells it ("BAN TUYÊN GIÁO" → "Ban Tuyên giáo")."""
    return next((b for b in tables.boards() if match_key(b) == match_key(line)), _cap(line))


def _department(lines: list[str], parent: B.Body | None) -> B.Body | None:
    """A local agency on its own header line under its parent ("UBND TỈNH NINH THUẬN / SỞ GIÁO DỤC VÀ ĐÀO
    TẠO", "TỔNG CỤC THUẾ / CỤC THUẾ TP HÀ NỘI"): the lower line is the body that writes; its unit is the
    one it names or its parent's."""
    block = lines[:4]  # the issuing block heads the header, above any title
    for i in reversed(range(len(block))):
        # the agency's name may wrap onto the lines below it ("BCĐ CHƯƠNG TRÌNH MTQG" / "XÂY DỰNG NÔNG THÔN MỚI")
        for j in range(len(block), i, -1):
            body = BP.resolve_phrase(BP.expand_abbreviations(" ".join(block[i:j])),
                                     parent if parent and parent.place else None, under=True)
            if body is not None:
                return body
    return None


_STATE_ORGAN = re.compile(
    r"(?:UBND|Ủy ban nhân dân)\s+(?P<unit>" + R.UNIT_WORD + r")"
    r"(?:\s+(?P<name>" + _PLACE_NAME + "))?"
    r"\s+(?:đã\s+)?(?:" + alternation(tables.cues()["speaking"]) + r")\b"
)


def infer(text: str, place: str | None, era: str, formula: str | None = None,
          symbol: str | None = None) -> IssuerResult:
    """Infer a lost issuer from the body's own organs and the places the letter names.

    A Party committee names its own organs (Ban Thường vụ / Thường trực / Văn phòng Tỉnh ủy …);
    a people's committee speaks as "UBND huyện yêu cầu …" and signs "TM. ỦY BAN NHÂN DÂN".
    The place comes from the place/date line, else from the units the letter names.
    """
    central = B.central_by_symbol(symbol) if symbol else None
    if central is not None:  # a national symbol (…/TTg-CN, …-CV/VPTW) names its issuer
        return IssuerResult(central, True, f"no issuing-body line; the letter's symbol {symbol} is {central.name}'s")
    board = _speaking_board().search(text)
    if board is not None:  # "… Ban Tuyên giáo Huyện ủy hướng dẫn một số nội dung …": a board of its committee writes
        clues = [f"'{board.group('board')} {board.group('word')}' speaks as the letter's author"]
        committee = _infer_committee(_cap(board.group("word")), text, board.group("place") or place, era, clues)
        if committee.body is not None:
            return IssuerResult(B.as_board(board.group("board"), committee.body), True, committee.evidence)
    # ("Ban Thường vụ Tỉnh ủy tỉnh Sơn La đã ban hành Kết luận số …" is news of a document, not the writer speaking)
    organ_hits = [m for m in _OWN_ORGAN.finditer(text) if not _ISSUED_AFTER.match(text, m.end())]
    organs = Counter(m.group("word") for m in organ_hits)
    state_hits = list(_STATE_ORGAN.finditer(text))
    state = Counter(m.group("unit") for m in state_hits)
    state_signed = bool(formula and re.search(r"(?i)ủy ban nhân dân|ubnd|chủ tịch", formula))
    if organs and not (state_signed and state):
        word, n = organs.most_common(1)[0]
        clues = [f"'{word}' named {n}× as the letter's own organ (Ban Thường vụ / Thường trực / Văn phòng)"]
        named = Counter(m.group("place") for m in organ_hits if m.group("word") == word and m.group("place"))
        if named:  # "Ban Thường vụ Huyện ủy Quảng Hòa yêu cầu"
            place = named.most_common(1)[0][0]
            clues.append(f"'{word} {place}' written out")
        return _infer_committee(word, text, place, era, clues)
    if state:
        unit, n = state.most_common(1)[0]
        clues = [f"'UBND {unit}' speaks {n}× as the letter's author" + (" and signs it" if state_signed else "")]
        written = Counter(m.group("name") for m in state_hits if m.group("unit") == unit and m.group("name"))
        name = written.most_common(1)[0][0] if written else (place or _most_named(text, unit))
        communes = _commune_district(text, era) if name is None and tables.unit_level(unit) == "district" else None
        if communes is not None:
            district, clue = communes
            prov = B.province_of_unit(district)
            return IssuerResult(B.people_committee(B._unit_word_for(district), district.short_name,
                                                   parent_hint=getattr(prov, "short_name", None), era=era),
                                True, "; ".join(clues + [clue]))
        if name is None:
            return IssuerResult(None, True, "; ".join(clues) + "; no place found", unplaced("Ủy ban nhân dân", unit))
        clues.append(f"{unit} {name}")
        return IssuerResult(B.people_committee(unit, name, era=era), True, "; ".join(clues))
    # last: a department that speaks (tried after the committees: their items assign work to departments)
    return _speaking_agency(text, era) or IssuerResult(None, True, None)


def _speaking_agency(text: str, era: str) -> IssuerResult | None:
    """"Phòng Giáo dục và Đào tạo đề nghị …" in a letter whose header was lost, the one district the text names
    ("trên địa bàn Quận 11") being its unit; a Sở likewise with the one province named."""
    m = _speaking_agency_re().search(text)
    if m is None:
        return None
    district = m.group("agency").lower() == "phòng"
    named = {f"{u.group('unit')} {u.group('name')}" for u in _UNIT_MENTION.finditer(text)
             if (tables.unit_level(u.group("unit").lower()) == "district") == district}
    named |= {q.group() for q in _NUMBERED_DISTRICT.finditer(text)} if district else set()
    if len(named) != 1:
        return None
    place = named.pop()
    body = BP.resolve_phrase(BP.expand_abbreviations(f"{m.group('agency')} {m.group('name')} {place[:1].lower()}{place[1:]}"), None)
    if body is None or body.key is None:
        return None
    return IssuerResult(body, True, f"'{m.group('agency')} {m.group('name')}' speaks as the letter's author; the text "
                                    f"names one {'district' if district else 'province'}, {place}")


_NUMBERED_DISTRICT = re.compile(r"\bQuận \d{1,2}\b")


@cache
def _speaking_agency_re() -> re.Pattern[str]:
    return re.compile(r"(?<!của )(?<!tại )\b(?P<agency>Phòng|Sở)\s+(?P<name>[A-ZĐ][^,.;:()\n]{2,50}?)\s+(?:đã\s+)?(?:"
                      + alternation(tables.cues()["speaking"]) + r")\b")


@cache
def _speaking_board() -> re.Pattern[str]:
    boards = [b for b in tables.boards() if b not in tables.load("bodies")["silent_boards"]]
    return re.compile(r"(?<!của )(?<!tại )\b(?P<board>" + "|".join(boards) + r")\s+(?P<word>" + _LOCAL_COMMITTEES + r")"
                      r"(?:\s+(?P<place>[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){0,3}))?"
                      r"\s+(?:đã\s+)?(?:" + alternation(tables.cues()["speaking"]) + r")\b")


# any unit named, communes too: "trên địa bàn xã Ô Lâm" names the commune whose committee speaks
_ANY_UNIT_MENTION = re.compile(r"\b(?P<unit>" + "|".join(tables.unit_words()) + r")\s+(?P<name>" + _PLACE_NAME + ")")


def _most_named(text: str, unit: str) -> str | None:
    names = Counter(m.group("name") for m in _ANY_UNIT_MENTION.finditer(text) if m.group("unit") == unit)
    return names.most_common(1)[0][0] if names else None


def _infer_committee(word: str, text: str, place: str | None, era: str, clues: list[str]) -> IssuerResult:
    if place:
        place = B.bare_place(place)
        prov = B.find_province(place, era)
        if word == "Tỉnh ủy" and prov is not None:
            return IssuerResult(B.committee(word, prov.short_name, era=era), True, "; ".join(clues + [f"place '{place}'"]))
        if word == "Thành ủy" and prov is not None and B.is_centrally_run(prov):
            clues += [f"place '{place}'", f"{prov.short_name} is a centrally-run city, so its Thành ủy is province-level"]
            return IssuerResult(B.committee(word, prov.short_name, era=era), True, "; ".join(clues))
        if word != "Tỉnh ủy":
            cands = B.find_districts(place, era=era)
            provs = {getattr(B.province_of_unit(c), "short_name", None) for c in cands} - {None}
            if len(provs) == 1:
                p = provs.pop()
                clues.append(f"place '{place}' is a district-level unit of {p}")
                return IssuerResult(B.committee(word, place, parent_hint=p, era=era), True, "; ".join(clues))
    votes: Counter[str] = Counter()
    seen: list[str] = []
    own_unit_names: Counter[str] = Counter()
    for m in _UNIT_MENTION.finditer(text):
        unit, name = m.group("unit"), m.group("name")
        if unit == _UNIT_OF.get(word) and word != "Tỉnh ủy":
            own_unit_names[name] += 1
        if unit == "tỉnh" or (unit == "thành phố" and word in ("Tỉnh ủy", "Thành ủy")):
            p = B.find_province(name, era)  # "Đảng bộ thành phố Hồ Chí Minh": a centrally-run city
            if p is not None:
                votes[p.short_name] += 2
                seen.append(f"{unit} {name}")
                continue
            if unit == "tỉnh":
                continue
        cands = B.find_districts(name, era=era)
        provs = {getattr(B.province_of_unit(c), "short_name", None) for c in cands} - {None}
        if len(provs) == 1:
            votes[provs.pop()] += 1  # type: ignore[index]
            seen.append(f"{unit} {name}")
    communes = _commune_district(text, era) if not own_unit_names else None
    if communes is not None:
        district, clue = communes
        prov = B.province_of_unit(district)
        if prov is not None and (not votes or votes.most_common(1)[0][0] == prov.short_name):
            if word == "Tỉnh ủy" or (word == "Thành ủy" and B.is_centrally_run(prov)):
                return IssuerResult(B.committee(word, prov.short_name, era=era), True, "; ".join(clues + [clue]))
            if word != "Thành ủy" or district.kind in ("provincial_city", "municipal_city"):
                return IssuerResult(B.committee(word, district.short_name, parent_hint=prov.short_name, era=era),
                                    True, "; ".join(clues + [clue]))
    if not votes:
        return IssuerResult(None, True, "; ".join(clues) + "; no place found", unplaced(word))
    prov_name = votes.most_common(1)[0][0]
    clues.append("named units " + ", ".join(sorted(set(seen))) + f" lie in {prov_name}")
    if word in ("Tỉnh ủy", "Thành ủy"):
        body = B.committee(word, prov_name, era=era)
        if body.level == "province":
            if word == "Thành ủy":
                clues.append(f"{prov_name} is a centrally-run city, so its Thành ủy is province-level")
            return IssuerResult(body, True, "; ".join(clues))
    if own_unit_names:
        name = own_unit_names.most_common(1)[0][0]
        return IssuerResult(B.committee(word, name, parent_hint=prov_name, era=era), True,
                            "; ".join(clues + [f"'{_UNIT_OF[word]} {name}' named most"]))
    return IssuerResult(None, True, "; ".join(clues) + "; district not determined", unplaced(word))


_NAME = r"[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){0,2}"
_COMMUNE_UNITS = [u for u in tables.unit_words() if tables.unit_level(u) == "commune"]
# a unit word ("xã"), a commune committee with or without it ("Đảng ủy xã", "các đảng ủy Tề Lỗ, …"), "Đảng bộ"
_COMMUNE_WORD = r"(?i:" + alternation(sorted({*_COMMUNE_UNITS, *tables.committee_words("commune"), tables.party_org_word(),
                                             *(re.sub(r"\s+(?:" + "|".join(_COMMUNE_UNITS) + r")$", "", w)
                                               for w in tables.committee_words("commune"))})) + r")"
# "Xã Liên Chung, Phúc Hòa, Ngọc Thiện …", "3 xã là Cao Xá, Phúc Hòa": communes named in a list
_COMMUNE_LIST = re.compile(r"\b" + _COMMUNE_WORD + r"(?:\s+là)?\s+(?P<names>" + _NAME + r"(?:\s*,\s*(?:"
                           + _COMMUNE_WORD + r"\s+)?" + _NAME + r")*)")


def _commune_district(text: str, era: str) -> tuple[Any, str] | None:
    """The district whose communes the letter lists, as (its unit, a clue): a district body's letter names its
    communes ("Xã Liên Chung, Phúc Hòa, Ngọc Thiện, Song Vân …") far more often than its own district."""
    names = [n.strip() for m in _COMMUNE_LIST.finditer(text)
             for n in re.split(r"\s*,\s*", m.group("names"))]
    names = [re.sub(r"^" + _COMMUNE_WORD + r"\s+", "", n) for n in names]
    found = B.district_of_communes(names, era)
    if found is None:
        return None
    unit, n = found
    prov = B.province_of_unit(unit)
    return unit, f"{n} communes it names lie in {unit.name}" + (f", {prov.short_name}" if prov is not None else "")


def unplaced(word: str, unit: str | None = None) -> B.Body:
    """A body whose kind is known and place is not: "Tỉnh ủy", "Ủy ban nhân dân tỉnh"."""
    if unit is not None:
        level = tables.unit_level(unit)
        return B.Body(f"{word} {unit}", level, "people_committee", None, unit)
    row = next((r for r in tables.committees() if match_key(r["word"]) == match_key(word)), None)
    level = row["level"] if row and row["level"] != "province_or_district" else None
    return B.Body(word, level, "committee", word, row["unit"] if row else None)


_UNIT_OF = {r["word"]: r["unit"] for r in tables.committees()}  # "Huyện ủy" → "huyện"
_PEOPLE_WORDS = "|".join(tables.people_committee_words())
_BARE_PEOPLE = re.compile(r"(?i)^(?:" + _PEOPLE_WORDS + r")$")
_AUTHORITY_LINE = re.compile(r"(?m)(?i:" + _PEOPLE_WORDS + r")\s+(?P<unit>" + "|".join(w.upper() for w in tables.unit_words()) + r")"
                             r"\s+(?P<place>[" + P.VI_UPPER + r"][" + P.VI_UPPER + r" \-]{1,40}?)\s*$")


def from_bare_people_committee(lines: list[str], text: str, place: str | None, era: str) -> B.Body | None:
    """A header that says only "ỦY BAN NHÂN DÂN" (the unit is on a line the layout lost): the unit is
    named by the authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG") or, failing
    that, by the place of the place/date line (a province's name for a provincial committee)."""
    if not any(_BARE_PEOPLE.match(ln) for ln in lines):
        return None
    m = _AUTHORITY_LINE.search(text[:2000])
    if m:
        return B.people_committee(m.group("unit").lower(), m.group("place"), era=era)
    if not place:
        return None
    name = B.bare_place(place)
    prov = B.find_province(name, era)
    if prov is not None:
        return B.people_committee("thành phố" if B.is_centrally_run(prov) else "tỉnh", prov.short_name, era=era)
    cands = B.find_districts(name, era=era)
    if len(cands) == 1:
        return B.people_committee(B._unit_word_for(cands[0]), cands[0].short_name, era=era)
    return None


def signing_body(formula: str | None, header_body: B.Body | None) -> B.Body | None:
    """The body a letter is signed for, when it is more precise than the header.

    Letters of the Politburo and the Secretariat carry the header "BAN CHẤP HÀNH TRUNG ƯƠNG"
    and are signed "T/M BỘ CHÍNH TRỊ" / "T/M BAN BÍ THƯ": the signing formula names the issuer.
    """
    if not formula or header_body is None or header_body.level != "central":
        return header_body
    m = re.match(r"(?i)^(?:T/M|TM\.)\s*(?P<name>.+)$", formula.strip())
    if not m:
        return header_body
    named = B.central(m.group("name").strip().title())
    return named if named is not None and named.name != header_body.name else header_body


#: The day the 2025 map took effect (the gazetteer's ``cutover``, kept here so that extraction needs no gazetteer).
CUTOVER = "2025-07-01"


def era_for(date: str | None) -> str:
    """The administrative map a letter is written against (cut-over 1 July 2025)."""
    return "2025" if date and date >= CUTOVER else "old"
