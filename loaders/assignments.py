"""Assignments: the numbered items that charge a named body.

For each numbered item, every clause's subject (the words before its first verb)
names the *lead* bodies; objects of "phối hợp (với)", "lãnh đạo", "chỉ đạo" name the
bodies that coordinate or are led (*also*); "báo cáo … về X" names who gets the
results (*reports_to*). Bodies are resolved to full names against the issuer
("Ban Tuyên giáo Thành ủy" → "Ban Tuyên giáo Thành ủy Cần Thơ", "Sở Y tế" → "Sở Y tế
tỉnh Cao Bằng"). The cue words are data (``data/assignment_cues.json``).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from lineage.loaders import patterns as P
from lineage.loaders.clean import CleanText
from lineage.models import Assignment
from lineage.reference import bodies as B
from lineage.reference import resolver as R
from lineage.reference import tables
from lineage.reference.normalize import match_key, strip_diacritics
from lineage.reference.trie import alternation

# A unit word, not inside a committee name ("Tỉnh ủy") or "xã hội".
_UNIT = r"(?i:\b(?:" + "|".join(tables.unit_words()) + r")\b(?!\s+(?:ủy|hội)\b))"
_TRAILING_UNIT = re.compile(r"\s(?P<q>" + _UNIT + r")$")
_PLURAL_UNIT = re.compile(r"(?i)\bcác\s+" + _UNIT)
_BARE_UNIT = re.compile(r"(" + _UNIT + r")(?!\s+[A-ZĐ])")  # a unit word with no place name after it
_LOWER_HEADS = re.compile(r"^(?:" + "|".join(map(re.escape, tables.load("assignment_cues")["lower_heads"])) + r")\b")
# Inline patterns of the hot path, compiled once (``re.sub(str, …)`` pays a cache lookup each call).
_PARAGRAPH = re.compile(r"\n[ \t]*\n(?=[ \t]*[A-ZĐ])")
_SENTENCE = re.compile(r"(?<=[.!])\s+(?=[A-ZĐ])")
_REQUEST = re.compile(r"(?i)yêu cầu|đề nghị")
_CLAUSE = re.compile(r";|\.(?=\s+[A-ZĐ])|:\s")
_OBJECT_END = re.compile(r"\s+(?:trong|để|nhằm|theo|tại)\s")
_LEADING_CAC = re.compile(r"(?i)^các\s+")
_REPORT = re.compile(r"báo cáo\b")
# (a body's name after the report verb: any head a body's name begins with, or an abbreviation of one)
_BODY_AHEAD = r"(?=(?:" + alternation([*tables.body_heads(), *tables.load("bodies")["abbreviations"]]) + r")\b)"
_REPORT_TO = re.compile(r"\s+(?:kịp thời\s+|kết quả\s+)?(?:(?:về|với|lên)\s+)?" + _BODY_AHEAD)
_REPORT_TO_LATER = re.compile(r"\s(?:về|với|lên)\s+" + _BODY_AHEAD)
_REPORT_OBJECT_END = re.compile(r"\s*\(|\s+(?:về|những|để|trước|theo|qua)\s|[.;]")
_PARTS = re.compile(r"(,\s*|\s+và\s+)")
_CENTRAL_NAME = re.compile(r"(?i)trung ương|\bTW\b")
_CLOSING = re.compile(r"\s*(?:" + alternation(tables.load("assignment_cues")["closing"]) + r")")
_RECIPIENT_PARTS = re.compile(r"[,;:]")


@cache
def _cues() -> dict[str, Any]:
    return tables.load("assignment_cues")


def _alt(words: list[str]) -> str:
    return alternation(words)


@cache
def _verb_re() -> re.Pattern[str]:
    # Verbs are matched in lower case only: "Ban Chỉ đạo" is a name, "chỉ đạo" a verb.
    # "các tổ chức" is a noun phrase, "tổ chức" after a subject a verb.
    return re.compile(r"(?:^|(?<=[\s,]))(?<!các )(?<!những )(?:" + _alt(_cues()["verbs"]) + r")(?=[\s,.;:]|$)")


@cache
def _head_re() -> re.Pattern[str]:
    return re.compile(r"(?i)^(?:" + _alt(_cues()["heads"]) + r")\b")


@cache
def _generic_re() -> re.Pattern[str]:
    return re.compile(r"(?i)^(?:" + _alt(_cues()["generic"]) + r")\b|\bcác cấp\b")


@cache
def _prefix_re() -> re.Pattern[str]:
    return re.compile(r"(?i)^(?:" + _alt(_cues()["lead_prefix"]) + r")\s+")


@cache
def _also_re() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(?:" + _alt(_cues()["also"]) + r")\s+(?:với\s+)?")


@cache
def _also_words() -> tuple[str, ...]:
    """The shortest "also" cues (each longer cue contains one): a clause with none of them can skip the regex."""
    words = _cues()["also"]
    return tuple(w for w in words if not any(o != w and o in w for o in words))


@cache
def _named_unit_re() -> re.Pattern[str]:
    return re.compile(_UNIT + "|" + R.committee_words())


Recipients = list[tuple[str, list[str]]]  # address-block names with their word keys


def find_assignments(ct: CleanText, own: B.Body | None,
                     recipients: list[str] | None = None) -> tuple[list[Assignment], list[str]]:
    """(assignments by numbered item, letter-level reports_to)."""
    text = ct.text
    end = P.COPY_START.search(text)
    body_end = end.start() if end else len(text)
    starts = [m for m in P.ITEM_START.finditer(text, 0, body_end) if m.group("item").isdigit()]
    recips = _recipient_names(recipients)
    out: list[Assignment] = []
    for i, m in enumerate(starts):
        stop = starts[i + 1].start() if i + 1 < len(starts) else body_end
        chunk = text[m.end():stop]
        if i + 1 == len(starts):  # the last item ends at the closing paragraph
            para = _PARAGRAPH.search(chunk)
            chunk = chunk[: para.start()] if para and len(chunk[para.end():].strip()) > 0 and _is_closing(chunk[para.end():]) else chunk
        a = _item(m.group("item"), " ".join(chunk.split()), own, recips)  # = re.sub(r"\s+", " ", chunk).strip(), 3x faster
        if a.lead or a.reports_to:  # an item may only say whom to report to
            s, e = ct.span(m.start(), stop)
            a.start, a.end = s, e
            out.append(a)
    # reports_to of the letter as a whole: the closing paragraph after the last item
    tail_start = starts[-1].end() if starts else 0
    tail = " ".join(text[tail_start:body_end].split())
    closing = [p for p in _SENTENCE.split(tail) if _REQUEST.search(p)]
    reports: list[str] = []
    for p in closing:
        reports += _reports(p, own)
    return out, _dedupe(reports)


def _is_closing(text: str) -> bool:
    return bool(_CLOSING.match(text))


def _item(num: str, text: str, own: B.Body | None, recips: Recipients) -> Assignment:
    lead: list[str] = []
    also: list[str] = []
    reports: list[str] = []
    for clause in _CLAUSE.split(text):
        clause = clause.strip(" .")
        if not clause:
            continue
        stripped = _prefix_re().sub("", clause)
        v = _verb_re().search(stripped)
        end = _name_end(stripped, v.start() if v else len(stripped))
        if end > 0 and end < 200 and stripped[:1].isupper() and (v or end < len(stripped)):
            parts = _split(stripped[:end].strip(" ,"))
            if parts and _is_generic(parts[0][0]):
                parts = ()  # "Các cấp ủy, chính quyền, cơ quan, …": an enumeration of everyone
            for j, (part, joiner) in enumerate(parts):
                if _is_generic(part) or not _head_re().match(part):
                    continue
                name = _resolve(part, own, recips)
                (also if part.lower().startswith("các ") and j > 0 and joiner == "và" else lead).append(name)
        for obj in _also_objects(stripped):
            for part, _ in _split(obj):
                if not _is_generic(part) and _head_re().match(part):
                    also.append(_resolve(part, own, recips))
        reports += _reports(clause, own)
    also = [a for a in _dedupe(also) if a not in lead]
    return Assignment(item=num, lead=_dedupe(lead), also=also, reports_to=_dedupe(reports) or None,
                      evidence=text[:300])


@cache
def _tail_re() -> re.Pattern[str]:
    """A unit or committee word closing a name, its place if written, then what follows."""
    return re.compile(r"(?:" + _UNIT + "|" + R.committee_words() + r")"
                      r"(?:\s+[A-ZĐ" + P.VI_UPPER[6:] + r"][\w]*(?:\s+[A-ZĐ" + P.VI_UPPER[6:] + r"][\w]*){0,3})?"
                      r"(?=\s+(?P<next>[^\s,]+))")


def _name_end(clause: str, limit: int) -> int:
    """Where the subject's names end: before ``limit`` (the first verb), or right after a closing unit or
    committee word followed by a lower-case word that is not a connector ("Công an xã | xử lý …")."""
    for m in _tail_re().finditer(clause, 0, limit):
        nxt = m.group("next")
        if nxt[:1].islower() and nxt not in ("và", "về", "các", "trên", "-", "&") and not _head_re().match(nxt):
            return m.end()
    return limit


@lru_cache(maxsize=1 << 14)
def _is_generic(part: str) -> bool:
    """Everyone-and-no-one subjects ("các cấp", "cơ quan, đơn vị") and bare head nouns ("các sở", "ngành")."""
    if _generic_re().search(part):
        return True
    bare = _LEADING_CAC.sub("", part).strip().lower()
    return bool(_head_re().match(bare)) and _head_re().match(bare).end() == len(bare)  # type: ignore[union-attr]


def _also_objects(clause: str) -> list[str]:
    out: list[str] = []
    if not any(w in clause for w in _also_words()):
        return out
    for m in _also_re().finditer(clause):
        rest = clause[m.end():]
        v = _verb_re().search(rest)
        obj = rest[: v.start()] if v else rest
        obj = _OBJECT_END.split(obj, 1)[0]
        if obj.strip():
            out.append(obj.strip(" ,"))
    return out


def _reports(clause: str, own: B.Body | None) -> list[str]:
    out: list[str] = []
    if "báo cáo" not in clause:  # most clauses report to nobody: skip the regex calls
        return out
    for m in _REPORT.finditer(clause):
        rest = clause[m.end(): m.end() + 250]
        t = _REPORT_TO.match(rest)
        if not t:
            t = _REPORT_TO_LATER.search(rest)
        if not t:
            continue
        obj = _REPORT_OBJECT_END.split(rest[t.end():], 1)[0]
        out += [_resolve(p, own, []) for p, _ in _split(obj.strip(" ,")) if _head_re().match(p)]
    return out


@lru_cache(maxsize=1 << 14)  # subject lists repeat across letters ("Ban Tuyên giáo, Ban Dân vận Tỉnh ủy")
def _split(subject: str) -> tuple[tuple[str, str], ...]:
    """Split "A, B và các C" into bodies; a comma before a lower-case non-head word stays inside a name
    ("Các cơ quan thông tấn, báo chí"). Returns (part, joiner) pairs."""
    pieces = _PARTS.split(subject)
    out: list[tuple[str, str]] = []
    joiner = ""
    for k in range(0, len(pieces), 2):
        part = pieces[k].strip()
        if not part:
            continue
        if out and joiner == "," and part[:1].islower() and not _LOWER_HEADS.match(part):
            out[-1] = (out[-1][0] + ", " + part, out[-1][1])
        elif out and joiner == "và" and not _head_re().match(part) and not part.lower().startswith(("các ", "những ")):
            # "Phòng Giáo dục và Đào tạo", "Sở Nông nghiệp và Phát triển nông thôn": one name
            out[-1] = (out[-1][0] + " và " + part, out[-1][1])
        else:
            out.append((part, joiner))
        joiner = pieces[k + 1].strip() if k + 1 < len(pieces) else ""
        joiner = "và" if joiner == "và" else ","
    # "Công an, Quân sự Thành phố": a trailing unit qualifier belongs to every part
    if len(out) > 1:
        q = _TRAILING_UNIT.search(out[-1][0])
        if q:
            out = [(p if _named_unit_re().search(p) else f"{p} {q.group('q')}", j)
                   for p, j in out]
    return tuple(out)


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every abbreviation (longest first), so "UBMTTQ" is not read as "UB" + "MTTQ"."""
    abbr = {k: v for k, v in tables.load("bodies")["abbreviations"].items() if not k.endswith(".")}
    alt = "|".join(re.escape(k) for k in sorted(abbr, key=len, reverse=True))
    return re.compile(r"\b(?:" + alt + r")\b"), abbr


@cache
def _qualified() -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    rows = tables.load("bodies")["qualified_bodies"].items()
    return [(re.compile(r"(?i)" + re.escape(k) + r"\b"), re.compile(r"(?i)" + re.escape(v)), v)
            for k, v in rows if not k.startswith("_")]


@cache
def _bare_word(word: str) -> re.Pattern[str]:
    """A committee word with no place name after it ("Ban Tuyên giáo Thành ủy")."""
    return re.compile(r"\b(" + re.escape(word) + r")\b(?!\s+[A-ZĐ])")


def _resolve(name: str, own: B.Body | None, recips: Recipients) -> str:
    """Full name of a body as the issuer's letter means it."""
    full, from_address = _full_name(name, own)
    return _prefer_recipient_spelling(full, recips) if from_address else full


@lru_cache(maxsize=1 << 14)  # a writer names the same bodies letter after letter
def _full_name(name: str, own: B.Body | None) -> tuple[str, bool]:
    """(full name as ``own`` means it, whether the address block may correct its spelling)."""
    abbr_re, abbr = _abbreviations()
    name = abbr_re.sub(lambda m: abbr[m.group()], name)
    for short_re, full_re, full in _qualified():
        m = short_re.match(name)
        if m and not full_re.match(name):
            name = full + name[m.end():]
    if not name.lower().startswith("các "):
        name = name[:1].upper() + name[1:]
    if own is None or own.place is None:
        return name, True
    if _CENTRAL_NAME.search(name):
        return name, False
    places = {own.unit_word or "": own.place}
    if own.province and own.province != own.place:
        places["tỉnh"] = own.province
    committees = {own.committee_word or "": own.place}
    if own.committee_word and own.committee_word.startswith("Đảng ủy") and own.unit_word:
        committees["Đảng ủy"] = f"{own.unit_word} {own.place}"  # "Thường trực Đảng ủy" of a commune
    if own.parent_committee and own.province:
        committees[own.parent_committee.rsplit(" " + own.province, 1)[0]] = own.province
    plural = _PLURAL_UNIT.search(name)
    done = False

    def unit(m: re.Match[str]) -> str:
        nonlocal done
        word = m.group(1).lower()
        if done or word not in places:
            return m.group(0)
        done = True
        return f"{word} {places[word]}"

    for word, place in committees.items():
        if word and not done and word in name:  # the substring test spares most regex calls
            new = _bare_word(word).sub(lambda m, place=place: f"{m.group(1)} {place}", name, count=1)  # type: ignore[misc]
            done = new != name
            name = new
    if not plural and not done:
        name = _BARE_UNIT.sub(unit, name)
    if not done and not plural and own.place not in name and not _named_unit_re().search(name):
        name = f"{name} {own.unit_word} {own.place}" if own.unit_word else name
    return name, True


def _recipient_names(recipients: list[str] | None) -> Recipients:
    """Name fragments of the address block, with their word keys (computed once a letter)."""
    names = [p.strip(" .,;-") for r in recipients or [] for p in _RECIPIENT_PARTS.split(r)]
    return [(n, match_key(n).split()) for n in names if n.count(" ") >= 2]


def _prefer_recipient_spelling(name: str, recips: Recipients) -> str:
    """Body text often misspells a name the address block spells right ("Đoàn"/"Đồn Biên phòng …"):
    when one word differs by a single letter (diacritics aside) from a recipient's name, use the recipient's."""
    words = name.split()
    keys: list[str] | None = None
    for r, rk in recips:
        if len(rk) != len(words):
            continue
        keys = keys or match_key(name).split()
        diff = [(a, b) for a, b in zip(keys, rk) if a != b]
        if len(diff) == 1 and _edit1(strip_diacritics(diff[0][0]).lower(), strip_diacritics(diff[0][1]).lower()):
            return r
    return name


def _edit1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(a == b[:i] + b[i + 1:] for i in range(len(b)))


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = match_key(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out
