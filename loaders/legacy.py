"""Legacy Vietnamese encodings: detect TCVN3 (ABC) and VNI-Windows text and convert it.

Before Unicode, Vietnamese offices typed with font encodings: the bytes are
Windows-1252 code points drawn as Vietnamese letters by a special font
(``.VnTime`` for TCVN3, ``VNI-Times`` for VNI). Read without that font they
become mojibake: ``"ViÖt Nam"`` (TCVN3) or ``"Vieät Nam"`` (VNI). They reach
us either as raw bytes in a ``.txt`` or as a ``str`` already decoded as cp1252
(a UTF-8 file, a DOCX or a PDF made from such a document).

Legacy text is handled in its *byte view*: one character per byte, the
character cp1252 gives that byte (so ``"ViÖt"`` is both the mojibake and the
bytes). The tables in ``data/legacy_vn.json`` map byte views to Unicode.

Detection converts the text under each hypothesis and counts how many of its
accented words are well-formed Vietnamese syllables; the reading with the best
share wins. A text already full of proper Unicode Vietnamese is Unicode.

TCVN3 caveat: accented capitals other than Ă Â Ê Ô Ơ Ư Đ came from a second
font (``.VnTimeH``) using the *lowercase* bytes, so case is lost in the bytes.
It is restored for words written in capitals (``"CéNG HßA"`` → ``"CỘNG HÒA"``);
a lone capital initial (``"Ủy"`` typed in the H font) comes back lowercase.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "ENCODING_NAMES",
    "Verdict",
    "assess",
    "assess_bytes",
    "byte_view",
    "detect",
    "from_unicode",
    "to_unicode",
]

ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows", "cp1258": "Windows-1258"}
LEGACY = ("tcvn3", "vni")

# A reading is accepted when at least this share of its accented words are Vietnamese syllables.
CONFIDENT = 0.85
# Below this share a legacy reading is not even a plausible guess.
PLAUSIBLE = 0.30
# Text that also holds Unicode-only letters is read as legacy only when converting its legacy-looking
# lines turns at least this share of the text's accented words into Vietnamese syllables they were
# not. OCR noise in a Unicode scan ("thué" for "thuế", "»", a "×" in a table) gains at most a few
# words per thousand (≤ 0.3% over the 988 documents of shared/corpus/fulltext); real TCVN3/VNI text
# gains 40% or more, a Unicode header over a legacy body a quarter.
LEGACY_GAIN = 0.10
# Scoring looks at this many accented words, and readings are compared on this many
# leading characters: enough to decide, cheap on long files.
_SAMPLE_WORDS = 1000
_SAMPLE_CHARS = 16384

_DATA = json.loads(resources.files("lineage.reference").joinpath("data/legacy_vn.json").read_text("utf-8"))

# cp1252 leaves five bytes undefined; the byte view keeps them as their Latin-1 control character.
_C1_TO_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_C1_TRANSLATE = {b: ch for b, ch in _C1_TO_CP1252.items()}
_C1_RE = re.compile("[" + "".join(map(chr, _C1_TRANSLATE)) + "]")
_VIEW_CHARS = frozenset(bytes(range(256)).decode("latin-1").translate(_C1_TRANSLATE))


def _view(hexbytes: str) -> str:
    return bytes.fromhex(hexbytes).decode("latin-1").translate(_C1_TRANSLATE)


def byte_view(data: bytes) -> str:
    """Bytes as one character per byte (cp1252, undefined bytes kept as C1 controls)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five undefined bytes
        return data.decode("latin-1").translate(_C1_TRANSLATE)


# --- TCVN3 tables -------------------------------------------------------------------------
_TCVN3_DECODE = {ord(_view(h)): ch for h, ch in _DATA["tcvn3"]["bytes"].items()}
_TCVN3_DECODE.update({ord(_view(h)): ch for h, ch in _DATA["tcvn3"]["vn1_capitals"].items()})
_TCVN3_ENCODE = {ch: _view(h) for h, ch in _DATA["tcvn3"]["bytes"].items()}

# --- VNI tables ---------------------------------------------------------------------------
_VNI_ENCODE = {ch: _view(h) for ch, h in _DATA["vni"]["letters"].items()}
_VNI_DECODE = {seq: ch for ch, seq in _VNI_ENCODE.items()}
# Tolerated variant: a capital base with a lowercase mark byte ("Uûy" for "Ủy"), common
# when only the first letter of a word is a capital.
_VNI_DECODE.update({seq[0] + seq[1:].lower(): ch for ch, seq in _VNI_ENCODE.items() if ch.isupper() and len(seq) > 1})
_VNI_RE = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))

# --- syllable shape -----------------------------------------------------------------------
_SYL = _DATA["syllable"]


def _alt(items: list[str]) -> str:
    return "(?:" + "|".join(sorted(items, key=len, reverse=True)) + ")"


_SYLLABLE_RE = re.compile(f"{_alt(_SYL['onsets'])}?{_alt(_SYL['nuclei'])}{_alt(_SYL['codas'])}?")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A "word" for scoring: a run of characters that are neither space, ASCII punctuation or
# digits, nor general punctuation (quotes, dashes, ellipsis) — legacy letter codes such as
# "§" or "¶" must stay inside the word they belong to.
_WORD_RE = re.compile(r"[^\s!-@\[-`{-~\u2000-\u206f]+")
# The same words, only those holding a non-ASCII character (the ones scoring looks at).
_ACCENTED_WORD_RE = re.compile(r"[^\s!-@\[-`{-~\u2000-\u206f]*[^\x00-\x7f\s\u2000-\u206f][^\s!-@\[-`{-~\u2000-\u206f]*")
# Characters whose presence makes legacy text possible: Latin-1 symbols and letters that
# are not Vietnamese letters. Text without any is Unicode (or ASCII), checked without scoring.
_VI_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
_VI_LETTER_RE = re.compile("[" + _VI_LATIN1 + "ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
_SUSPECT_RE = re.compile("[" + "".join(c for c in map(chr, range(0xA1, 0x100)) if c not in _VI_LATIN1) + "]")


# What only legacy text contains: TCVN3 codes that are not Latin-1 Vietnamese letters, VNI
# base + mark pairs and VNI single codes that are not Latin-1 Vietnamese letters.
_SIGNATURE = {
    "tcvn3": re.compile("[" + re.escape("".join(chr(k) for k in _TCVN3_DECODE if chr(k) not in _VI_LATIN1)) + "]"),
    "vni": re.compile(
        "|".join(re.escape(seq) for seq in sorted(_VNI_DECODE, key=len, reverse=True) if seq not in _VI_LATIN1)
    ),
}


@functools.lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """Is ``word`` (any case, NFC) one well-formed Vietnamese syllable with at most one tone?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONE_MARKS for c in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE_RE.fullmatch(bare) is not None


def _score(text: str) -> tuple[int, int]:
    """(Vietnamese-looking, all) counts over the non-ASCII words of ``text``."""
    words = _ACCENTED_WORD_RE.findall(text, 0, _SAMPLE_WORDS * 12)[:_SAMPLE_WORDS]
    return sum(map(_is_syllable, words)), len(words)


def _evidence(text: str) -> tuple[int, int]:
    """Like :func:`_score`, counting as Vietnamese only syllables of two letters or more.

    A lone accented vowel is what a stray symbol becomes under a legacy table ("×" → "ì",
    "»" → "ằ" in TCVN3), so it is no evidence for either reading.
    """
    words = _ACCENTED_WORD_RE.findall(text, 0, _SAMPLE_WORDS * 12)[:_SAMPLE_WORDS]
    return sum(1 for w in words if _is_syllable(w) and sum(map(str.isalpha, w)) > 1), len(words)


def _legacy_outweighs(name: str, sample: str, lines: list[str], candidates: list[int]) -> bool:
    """Does reading the candidate lines as ``name`` gain enough syllables to outweigh the Unicode text?

    The gain (syllables the converted ``sample`` has and the unconverted one has not) is weighed
    against all accented words: those of ``sample`` and those of the lines that hold Unicode-only
    letters and so cannot be legacy (up to the scoring sample's size).
    """
    before, words = _evidence(sample)
    gain = _evidence(to_unicode(sample, name))[0] - before
    if gain <= 0:
        return False
    chosen = set(candidates)
    unicode_lines, size = [], 0
    for i, line in enumerate(lines):
        if i not in chosen and not line.isascii():
            unicode_lines.append(line)
            size += len(line) + 1
            if size > _SAMPLE_WORDS * 12:
                break
    return gain >= LEGACY_GAIN * (words + _evidence("\n".join(unicode_lines))[1])


# --- conversion ---------------------------------------------------------------------------
def _recase_tcvn3(text: str) -> str:
    """Restore capitals the .VnTimeH font carried: uppercase accented letters in capitalised words.

    Only lowercase non-ASCII letters are in doubt (their bytes are shared with the
    capitals); ASCII letters and the seven TCVN3 capitals tell the case of their word. A
    word with a single such letter ("Bộ", "ỦY") follows its neighbours when they are
    separated from it by spaces only ("ỦY BAN" but "Bộ Công an", "Số 168-CV").
    """
    out = []
    for line in text.split("\n"):
        if not _CAPITALISED_RE.search(line):  # no word with two capitals: nothing to restore
            out.append(line)
            continue
        words = list(_WORD_RE.finditer(line))
        shapes = [_case_shape(m.group()) for m in words]
        pieces, last = [], 0
        for i, m in enumerate(words):
            upper = shapes[i] == "upper"
            if shapes[i] in ("one-upper", "unknown"):
                near = [shapes[j] for j in (i - 1, i + 1) if 0 <= j < len(words) and _adjacent(line, words, i, j)]
                upper = "upper" in near and "lower" not in near
            if upper:
                pieces += [line[last : m.start()], m.group().upper()]
                last = m.end()
        pieces.append(line[last:])
        out.append("".join(pieces))
    return "\n".join(out)


# Two sure capitals inside one word, with no ASCII lowercase between them.
_CAPITALISED_RE = re.compile(r"[A-ZĂÂÊÔƠƯĐ][^\sa-z!-@\[-`{-~\u2000-\u206f]*[A-ZĂÂÊÔƠƯĐ]")


def _adjacent(line: str, words: list[re.Match[str]], i: int, j: int) -> bool:
    a, b = sorted((i, j))
    gap = line[words[a].end() : words[b].start()]
    return not gap.strip()


def _case_shape(word: str) -> str:
    sure = [c for c in word if c.isalpha() and (c.isascii() or c.isupper())]
    if any(c.islower() for c in sure):
        return "lower"
    if len(sure) >= 2:
        return "upper"
    return "one-upper" if sure else "unknown"


def to_unicode(text: str, encoding: str) -> str:
    """Convert legacy text in byte view (or mojibake read as cp1252/latin-1) to Unicode.

    >>> to_unicode("Vieät Nam", "vni"), to_unicode("ViÖt Nam", "tcvn3")
    ('Việt Nam', 'Việt Nam')
    """
    if _C1_RE.search(text):  # mojibake read as latin-1 → byte view
        text = text.translate(_C1_TRANSLATE)
    if encoding == "tcvn3":
        return _recase_tcvn3(text.translate(_TCVN3_DECODE))
    if encoding == "vni":
        return _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], text)
    raise ValueError(f"unknown legacy encoding {encoding!r} (expected one of {', '.join(LEGACY)})")


def from_unicode(text: str, encoding: str) -> bytes:
    """Encode Unicode Vietnamese as TCVN3 or VNI bytes (test fixtures and round-trip checks).

    TCVN3 writes accented capitals with the lowercase bytes, as the .VnTimeH font did.
    Raises ``UnicodeEncodeError`` for characters neither table nor cp1252 can hold.
    """
    table = {"tcvn3": _TCVN3_ENCODE, "vni": _VNI_ENCODE}[encoding]
    out = []
    for ch in unicodedata.normalize("NFC", text):
        seq = table.get(ch)
        if seq is None and encoding == "tcvn3" and ch.isupper():
            seq = table.get(ch.lower())
        out.append(seq if seq is not None else ch)
    return "".join(out).encode("cp1252")


# --- detection ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """What a text most likely is.

    ``encoding`` is ``"unicode"``, a legacy name (``"tcvn3"``, ``"vni"``, ``"cp1258"``) or
    ``None`` when nothing Vietnamese was recognised; ``text`` is the Unicode reading;
    ``ratio`` the share of its accented words that are Vietnamese syllables (1.0 when
    there was nothing to score).
    """

    encoding: str | None
    text: str
    ratio: float

    @property
    def confident(self) -> bool:
        return self.ratio >= CONFIDENT


def _pick(readings: dict[str, str]) -> tuple[str, str, float, int]:
    """The reading with the largest Vietnamese share: (name, text, ratio, words scored)."""
    best = ("", "", -1.0, 0)
    for name, text in readings.items():
        good, total = _score(text)
        ratio = good / total if total else 0.0
        if ratio > best[2]:
            best = (name, text, ratio, total)
    return best


def assess(text: str) -> Verdict:
    """Decide whether a decoded ``str`` is Unicode Vietnamese or legacy mojibake.

    Lines that hold Unicode-only letters are Unicode; the others are legacy candidates.
    When the candidates read as Vietnamese under a legacy encoding clearly better than
    as they are, and converting them gains syllables worth at least ``LEGACY_GAIN`` of all
    the text's accented words (so that OCR noise in a Unicode scan, "thué" or "»", never
    outweighs a thousand good Unicode words), they are converted: all of them when the
    whole text is legacy, and in a text mixing both (a header retyped in Unicode over an
    old body) only lines that carry a sequence typical of that encoding or read better converted.

    >>> assess("Cộng hòa xã hội chủ nghĩa Việt Nam").encoding
    'unicode'
    >>> v = assess("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    >>> v.encoding, v.text
    ('vni', 'Cộng hòa xã hội chủ nghĩa Việt Nam')
    """
    if text.isascii():
        return Verdict(None, text, 1.0)
    if not _SUSPECT_RE.search(text):
        # Nothing a legacy byte could have produced: no need to score (the common, fast case).
        return Verdict("unicode" if _VI_LETTER_RE.search(text) else None, text, 1.0)
    good, total = _score(text)
    as_unicode = Verdict("unicode" if good else None, text, good / total if total else 1.0)
    lines = text.translate(_C1_TRANSLATE).split("\n")
    # Legacy bytes read as cp1252 only ever give characters of the byte view.
    candidates = [i for i, line in enumerate(lines) if not line.isascii() and _VIEW_CHARS.issuperset(line)]
    if not candidates:
        return as_unicode
    sample = "\n".join(lines[i] for i in candidates)[:_SAMPLE_CHARS]
    same_good, same_total = _score(sample)
    name, _, ratio, _ = _pick({enc: to_unicode(sample, enc) for enc in LEGACY})
    if ratio < PLAUSIBLE or ratio <= same_good / same_total + 0.2:
        return as_unicode
    if not _legacy_outweighs(name, sample, lines, candidates):
        return as_unicode  # a Unicode text with some OCR noise or symbols
    whole = len(candidates) == sum(not line.isascii() for line in lines)
    converted = list(lines)
    for i in candidates:
        new = to_unicode(lines[i], name)
        if whole or _SIGNATURE[name].search(lines[i]) or _score(new)[0] > _score(lines[i])[0]:
            converted[i] = new
    new_good, new_total = _score("\n".join(converted[i] for i in candidates))
    return Verdict(name, "\n".join(converted), new_good / new_total if new_total else 1.0)


def assess_bytes(data: bytes) -> Verdict:
    """Best reading of bytes that are not UTF-8: Windows-1258, TCVN3 or VNI.

    The returned verdict may not be confident; the caller decides whether to refuse it.
    """
    view, head = byte_view(data), _head(data)
    readings = {name: to_unicode(byte_view(head), name) for name in LEGACY}
    try:
        readings["cp1258"] = unicodedata.normalize("NFC", head.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    name, _, ratio, total = _pick(readings)
    if not total:
        return Verdict(None, view, 0.0)
    if name == "cp1258":
        return Verdict(name, unicodedata.normalize("NFC", data.decode("cp1258")), ratio)
    return Verdict(name, to_unicode(view, name), ratio)


def _head(data: bytes) -> bytes:
    """The leading lines of ``data``, about ``_SAMPLE_CHARS`` bytes, cut at a line end."""
    if len(data) <= _SAMPLE_CHARS:
        return data
    cut = data.rfind(b"\n", 0, _SAMPLE_CHARS)
    return data[: cut if cut > 0 else _SAMPLE_CHARS]


def detect(text: str) -> str | None:
    """``"unicode"``, ``"tcvn3"``, ``"vni"`` or ``None`` (no Vietnamese recognised).

    >>> detect("§¶ng bé tØnh"), detect("Uûy ban nhaân daân"), detect("Ủy ban"), detect("hello")
    ('tcvn3', 'vni', 'unicode', None)
    """
    return assess(text).encoding
