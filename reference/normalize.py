"""Text normalisation for *matching*; the original text is kept for evidence.

Vietnamese text arrives in NFC or NFD and with two tone-mark placements
("Uỷ"/"Ủy", "Hoà"/"Hòa", "khoá"/"khóa"). Matching uses one form: NFC with the
"new" placement (tone on the main vowel: òa, óe, ủy), which is also the form the
gold file and the gazetteer use.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# old-style (tone on the second vowel) → new-style; only before a non-letter,
# so "hoàn"/"thuỷ" inside longer syllables are left to the rule below.
_OLD_TO_NEW = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TO_NEW.update({k.capitalize(): v.capitalize() for k, v in list(_OLD_TO_NEW.items())})
_OLD_TO_NEW.update({k.upper(): v.upper() for k, v in list(_OLD_TO_NEW.items()) if k.islower()})
OLD_TO_NEW_TONES = dict(_OLD_TO_NEW)  # public copy: the generator renders the old style from it
_VI_LETTER = "a-zA-ZÀ-ỹĐđ"
# "qu" + y is a different syllable ("quý" keeps its mark on y), so exclude a preceding q.
# A character class, not an alternation of the 45 pairs: this runs on every string we compare.
# The q test is a look-behind *after* the vowel so that the pattern opens with a character set,
# which lets ``re`` skip ahead to the next o/u instead of trying every position.
_SECOND = "".join(sorted({k[1] for k in _OLD_TO_NEW}))
_TONE_RE = re.compile(r"([oOuU](?<![qQ][oOuU])[" + _SECOND + r"])(?![" + _VI_LETTER + "])")
_SPACE_RE = re.compile(r"[\s\u00a0\u200b]+")


def nfc(text: str) -> str:
    """Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def fold_tones(text: str) -> str:
    """Move old-style tone marks to the new placement (expects NFC input).

    >>> fold_tones("Uỷ ban nhân dân tỉnh Khánh Hoà, khoá XV")
    'Ủy ban nhân dân tỉnh Khánh Hòa, khóa XV'
    """
    return _TONE_RE.sub(_swap, text)


def _swap(m: re.Match[str]) -> str:
    return _OLD_TO_NEW.get(m.group(1), m.group(1))


@lru_cache(maxsize=1 << 16)
def canonical(text: str) -> str:
    """NFC + one tone-mark style; same length as NFC input would not be guaranteed."""
    return fold_tones(nfc(text))


@lru_cache(maxsize=1 << 16)  # names repeat across letters: lookups are the hot path
def match_key(text: str) -> str:
    """The key two names are compared by: canonical, lower case, single spaces.

    >>> match_key("  Thành  Uỷ\\nCẩm Phả ") == match_key("thành ủy cẩm phả")
    True
    """
    return _SPACE_RE.sub(" ", canonical(text).lower()).strip()


@lru_cache(maxsize=1 << 14)  # symbols and names recur letter after letter
def strip_diacritics(text: str) -> str:
    """ASCII-ish fold used for symbols ("CĐ-TTg" ≈ "CD-TTg")."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in t if not unicodedata.combining(c))


_SYMBOL_SEPARATORS = re.compile(r"[\s\-/&]")


def symbol_match(symbol: str | None) -> str:
    """A symbol as two mentions of one document compare it: no diacritics, case, spaces, '-', '/' or '&'
    ("CV/BTGTW", "cv-btgtw" and "CV / BTGTW" meet, "TT-BGD&ĐT" and "TT-BGDĐT" too; "HD/BTGW" stays another)."""
    return _SYMBOL_SEPARATORS.sub("", strip_diacritics(symbol or "")).upper()


def _letter_variants() -> dict[str, str]:
    """Base letter → every precomposed letter that folds to it, both cases ("a" → "aàáảãạăằ…AÀ…")."""
    groups: dict[str, set[str]] = {}
    for cp in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x1B1), *range(0x1EA0, 0x1EFA)]:
        c = chr(cp)
        base = strip_diacritics(c).lower()
        if len(base) == 1 and base.isalpha() and c.isalpha():
            groups.setdefault(base, set()).add(c)
    return {b: "".join(sorted(v)) for b, v in groups.items()}


_VARIANTS = _letter_variants()
# every precomposed letter to its base letter, case kept: one character for one, so offsets stay. As a string
# indexed by code point (translate reads a sequence faster than a dict; past its end a character stays)
_FOLDED = {ord(c): (base.upper() if c.isupper() else base) for base, group in _VARIANTS.items()
           for c in group if c not in (base, base.upper())}
_FOLD_TABLE = "".join(_FOLDED.get(i, chr(i)) for i in range(max(_FOLDED) + 1))


def fold(text: str) -> str:
    """Diacritics folded letter by letter, case kept, length kept: for matching only, where an offset in the
    folded text is the same offset in the text ("fold accents for matching, keep the original for evidence").

    >>> fold("Thực hiện Công văn số 12/CĐ-TTg")
    'Thuc hien Cong van so 12/CD-TTg'
    """
    return text.translate(_FOLD_TABLE)


def spellings(word: str) -> tuple[str, ...]:
    """``word`` in its canonical tone-mark style and in the old one ("ủy" and "uỷ"), for case-sensitive patterns.

    >>> spellings("ĐẢNG ỦY")
    ('ĐẢNG ỦY', 'ĐẢNG UỶ')
    """
    new_to_old = {v: k for k, v in _OLD_TO_NEW.items()}
    old = re.sub("|".join(map(re.escape, new_to_old)), lambda m: new_to_old[m.group()], canonical(word))
    return tuple(dict.fromkeys((canonical(word), old)))


def letter_variants(base: str) -> str:
    """Every letter that folds to ``base`` ("a" → "aàá…ăằ…âầ…AÀ…"), for regex classes."""
    return _VARIANTS.get(base, base)


def tolerant(phrase: str) -> str:
    """A regex source matching ``phrase`` whatever its diacritics and case, with any run of
    whitespace between words: "của" also matches "cua", "CỦÀ", "củà" (OCR loss, scrambling hosts).

    >>> import re
    >>> bool(re.fullmatch(tolerant("Kết luận"), "KẾT LỦẬN")), bool(re.fullmatch(tolerant("của"), "cua"))
    (True, True)
    """
    out: list[str] = []
    for ch in phrase:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
            continue
        base = strip_diacritics(ch).lower()
        out.append("[" + _VARIANTS[base] + "]" if base in _VARIANTS and base in "aeiouyd" else
                   ("[" + ch.lower() + ch.upper() + "]" if ch.isalpha() else re.escape(ch)))
    return "".join(out)


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET, start=20)}
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng (a dictionary's order)
_MODIFIED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
             ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}


def vi_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key that sorts Vietnamese as its dictionaries do: the letters first (a ă â b c d đ e ê …), then the
    tones (none, huyền, hỏi, ngã, sắc, nặng); Python's code-point order puts "Huế" before "Hà Nội".

    >>> sorted(["Thành phố Huế", "Thành phố Hà Nội", "Thành phố Đà Nẵng", "Tỉnh An Giang"], key=vi_sort_key)
    ['Thành phố Đà Nẵng', 'Thành phố Hà Nội', 'Thành phố Huế', 'Tỉnh An Giang']
    """
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text).lower():
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        letter = next((m for (b, mark), m in _MODIFIED.items() if b == base and mark in marks), base)
        # (a space first, then digits, letters, and anything else by code point)
        rank = 0 if letter.isspace() else 1 + int(letter) if letter in "0123456789" else _RANK.get(letter, 100 + ord(letter))
        letters.append(rank)
        tones.append(next((i for i, t in enumerate(_TONES, start=1) if t in marks), 0))
    return tuple(letters), tuple(tones)


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (adjacent transpositions count one): "534"/"543" → 1."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]
