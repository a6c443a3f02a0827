"""Vietnamese syllable structure: where words a converter glued together come apart.

Every Vietnamese syllable is (onset)(vowel group)(coda), with one vowel group and at most one
tone mark, and is written as a word of its own. A run of letters with two vowel groups and a
Vietnamese letter in it ("Côngvăn", "Thựchiện", "đạotại") is two syllables whose space was
lost; the split is the one that gives two syllables seen as words in real text
(``data/syllables.txt``, built by ``scripts/build_syllables.py``). Loanwords and
abbreviations in plain ASCII ("Covid", "online") are never split.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from lineage.reference.normalize import letter_variants, strip_diacritics

__all__ = ["glued_splits", "glued_words", "one_syllable", "syllables"]

_V = "".join(letter_variants(b) for b in "aeiouy")
# onsets as the shape below cuts them: the u of "qu" and the i of "gi" fall into the vowel group
_ONSETS = ("ngh", "ch", "gh", "kh", "ng", "nh", "ph", "th", "tr", "b", "c", "d", "đ", "g", "h", "k",
           "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "")
# vowel groups (diacritics folded): "ươ" is uo, "iê" ie, "uyê" uye
_NUCLEI = frozenset("a e i o u y ai ao au ay eo eu ia ie ieu iu oa oai oao oay oe oeo oi oo ua uai uay ue ui uo uoi "
                    "uou uu uy uya uye uyu ya ye yeu".split())
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
_SHAPE = re.compile(r"^(?P<onset>[^" + _V + r"]*)(?P<vowels>[" + _V + r"]+)(?P<coda>[^" + _V + r"]*)$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A vowel, consonants, a vowel, inside one word: one syllable never holds that (its coda ends it), so
# the word around it is two syllables glued, or a loanword. The pattern opens with a character set,
# so ``re`` skips ahead between vowels; the word around each hit is found in Python.
GLUED = re.compile(r"[" + _V + r"][^\W\d_" + _V + r"]+[" + _V + r"]")
_WORD = re.compile(r"[^\W\d_]+")


def glued_words(text: str) -> list[tuple[int, str]]:
    """(start, word) of every word of ``text`` that holds two vowel groups."""
    out: list[tuple[int, str]] = []
    last = -1
    for m in GLUED.finditer(text):
        i = m.start()
        while i > 0 and (text[i - 1].isalpha()):
            i -= 1
        if i <= last:
            continue
        w = _WORD.match(text, i)
        if w is not None:
            out.append((i, w.group()))
            last = w.end()
    return out


@lru_cache(maxsize=1 << 16)
def one_syllable(token: str) -> bool:
    """Whether a lower-case token has the shape of one Vietnamese syllable.

    >>> [one_syllable(t) for t in ("công", "thực", "nghiêng", "quyết", "côngvăn", "str")]
    [True, True, True, True, False, False]
    """
    m = _SHAPE.match(token)
    if not m or m.group("onset") not in _ONSETS or m.group("coda") not in _CODAS:
        return False
    nucleus = strip_diacritics(m.group("vowels"))
    if m.group("onset") in ("g", "q") and len(nucleus) > 1:  # the i of "gi", the u of "qu" are the onset's
        nucleus = nucleus[1:] if nucleus not in _NUCLEI else nucleus
    if nucleus not in _NUCLEI:
        return False
    return sum(c in _TONES for c in unicodedata.normalize("NFD", token)) <= 1


@cache
def syllables() -> frozenset[str]:
    """The syllables seen as words of their own in real text (lower case, NFC, new tone placement)."""
    text = resources.files("lineage.reference").joinpath("data", "syllables.txt").read_text("utf-8")
    return frozenset(ln for ln in text.split("\n") if ln and not ln.startswith("#"))


_GROUP = re.compile(r"[" + _V + r"]+")


@lru_cache(maxsize=1 << 14)
def glued_splits(word: str) -> tuple[int, ...]:
    """Offsets inside ``word`` where a lost space goes; ``()`` when it is not glued syllables.

    Each vowel group is one syllable, so a split lies in the consonants between two groups, and
    every piece must be a syllable seen in real text.

    >>> glued_splits("Côngvăn"), glued_splits("Thựchiện"), glued_splits("đạotại"), glued_splits("Covid")
    ((4,), (4,), (3,), ())
    >>> glued_splits("Quyếtđịnh"), glued_splits("thuở"), glued_splits("Thựchiệnchỉ")
    ((5,), (), (4, 8))
    """
    if word.isascii():
        return ()
    low = word.lower()
    if low in syllables() or one_syllable(low):
        return ()
    groups = [m.span() for m in _GROUP.finditer(low)]
    if not 2 <= len(groups) <= 4:
        return ()
    return _cuts(low, groups, 0, 0) or ()


def _cuts(low: str, groups: list[tuple[int, int]], start: int, k: int) -> tuple[int, ...] | None:
    """Cuts for ``low[start:]`` whose first vowel group is ``groups[k]``."""
    known = syllables()
    if k == len(groups) - 1:
        piece = low[start:]
        return () if piece in known and one_syllable(piece) else None
    # the cut lies between the end of this group and the start of the next (both included)
    for cut in range(groups[k][1], groups[k + 1][0] + 1):
        piece = low[start:cut]
        if piece in known and one_syllable(piece):
            rest = _cuts(low, groups, cut, k + 1)
            if rest is not None:
                return (cut, *rest)
    return None
