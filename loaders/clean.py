"""Cleaning: original text → matching text, with an offset map back to the original.

Each step is a named regex substitution (eyecite's ``clean`` idea). Unlike a plain
``re.sub`` chain, every step also rewrites an offset table, so any span found in
the cleaned text maps back to the exact characters of the source file.
"""
from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from lineage.loaders.syllables import glued_splits, glued_words
from lineage.reference.normalize import _TONE_RE, _swap

Repl = Callable[[re.Match[str]], str]


@dataclass
class _Step:
    """One substitution's map from its output back to its input, one entry per match.

    Match ``i`` replaced input ``[old_start[i], old_end[i])`` by ``size[i]`` characters written at
    output index ``new_start[i]``. A replacement of the same length (a tone fold) maps char by char;
    any other maps every char to the match start; text between matches maps char by char.
    """

    new_start: list[int]
    old_start: list[int]
    old_end: list[int]
    size: list[int]

    def back(self, p: int) -> int:
        i = bisect_right(self.new_start, p) - 1
        if i < 0:
            return p
        off = p - self.new_start[i]
        size = self.size[i]
        if off < size:
            return self.old_start[i] + off if size == self.old_end[i] - self.old_start[i] else self.old_start[i]
        return self.old_end[i] + off - size


@dataclass
class CleanText:
    """Cleaned text plus the chain of steps that maps any cleaned index back to the original."""

    text: str
    steps: tuple[_Step, ...]
    original: str

    @classmethod
    def of(cls, original: str) -> CleanText:
        return cls(original, (), original)

    def sub(self, pattern: re.Pattern[str], repl: str | Repl) -> CleanText:
        """Apply one substitution and record its map (O(matches), not O(text)).

        Built with comprehensions rather than a loop of appends: flattening a letter makes
        dozens of matches, and this runs on every letter.
        """
        matches = list(pattern.finditer(self.text))  # one scan: it costs more than the bookkeeping below
        if not matches:
            return self
        spans = [m.span() for m in matches]
        reps = [repl] * len(matches) if isinstance(repl, str) else [repl(m) for m in matches]
        return self.splice(spans, reps)

    def splice(self, spans: list[tuple[int, int]], reps: list[str]) -> CleanText:
        """Replace each ``text[a:b]`` of ``spans`` (in order, not overlapping; ``a == b`` inserts) by its
        ``reps`` string, recording the map back."""
        if not spans:
            return self
        text = self.text
        pieces: list[str] = [""] * (2 * len(reps) + 1)
        pieces[0::2] = [text[a:b] for a, b in zip((0, *(e for _, e in spans)), (*(s for s, _ in spans), len(text)))]
        pieces[1::2] = reps
        out = "".join(pieces)
        sizes = [len(r) for r in reps]
        old_start = [s for s, _ in spans]
        old_end = [e for _, e in spans]
        # shift before match i: how much shorter the output is than the input up to there
        shifts = accumulate((e - s - k for (s, e), k in zip(spans, sizes)), initial=0)
        new_start = [s - d for s, d in zip(old_start, shifts)]
        return CleanText(out, (*self.steps, _Step(new_start, old_start, old_end, sizes)), self.original)

    def to_original(self, p: int) -> int:
        """Index in the original of cleaned char ``p``."""
        for step in reversed(self.steps):
            p = step.back(p)
        return p

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a cleaned span."""
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1 if end > start else o_start
        return o_start, o_end

    def source(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


# --- the steps ------------------------------------------------------------------
_COMBINING = re.compile(r".[\u0300-\u036f]+", re.DOTALL)


def _nfc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group())


# One pass for the markup: alternatives in priority order at any position (a <sup> note before a
# bare tag, "**" before "*"), each with its replacement, and the characters that can start it.
_MARKUP_BRANCHES = (
    ("cr", r"\r\n?", "\r"),
    ("sup", r"<sup>.{0,200}?</sup>", "<"),  # a note is short: an unclosed <sup> must not scan to the end
    # legal-database layouts: a <br> or <p> and a table cell border are line breaks (the header's
    # cells "ỦY BAN NHÂN DÂN | CỘNG HÒA …" are two lines; "<br>" must not glue "UBND-KGVX" to "V/v")
    ("br", r"<(?:br|/?p|/?tr|/?td|/?th)\b[^>]*>", "<"),
    ("cell", r"[ \t]*\|[ \t]*", "|"),
    ("tag", r"</?(?:sup|sub|b|i|u|em|strong|span|table|tbody|thead)\b[^>]*>", "<"),
    ("esc", r"\\[*_#\-\[\]()>]", "\\"),
    ("head", r"(?<![^\n])[ \t]*#{1,6}[ \t]+", "#"),
    ("bold", r"\*\*|__", "*_"),
    # the look-behinds come after the "*" they test, so each alternative opens with a literal
    ("emph", r"\*(?<![\w*]\*)(?=\S)|\*(?<=\S\*)(?![\w*])", "*"),
    ("space", "[\u00a0\u2007\u202f\u200b\ufeff\t]", "\u00a0\u2007\u202f\u200b\ufeff\t"),
    # a document preview's page mark glued to the page's first word: "Trang 1UỶ BAN NHÂN DÂN"
    ("page", r"(?<![^\n])[ \t]*Trang[ \t]?\d{1,3}(?=[A-ZĐÀ-Ỹ])", ("Trang",)),
    # a page saved with its HTML entities ("ng&agrave;y 13 th&aacute;ng 8"): the character they stand for
    ("entity", r"&(?:#\d{1,6}|#x[0-9a-f]{1,5}|[a-z][a-z0-9]{1,7});", "&"),
)


@cache
def _markup_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{k}>{rx})" for k, rx, _ in _MARKUP_BRANCHES if k in kinds), re.I | re.S)


def _markup_in(text: str) -> re.Pattern[str] | None:
    """Only the branches whose starting characters occur: most letters carry little markup, and a
    regex of eight alternatives (some with look-behinds) is slow to try at every position."""
    # (the starting characters, or for a word's branch the word: "Trang")
    kinds = tuple(k for k, _, starts in _MARKUP_BRANCHES if any(c in text for c in starts))
    return _markup_pattern(kinds) if kinds else None


def _markup(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind in ("cr", "br", "cell", "page"):
        return "\n"
    if kind == "esc":
        return m.group()[1]
    if kind == "space":
        return " "
    if kind == "entity":
        char = html.unescape(m.group())
        return " " if char in "\u00a0\u2007\u202f" else unicodedata.normalize("NFC", char)
    return ""


def split_glued(ct: CleanText) -> CleanText:
    """Put back the space a converter lost between two syllables ("Côngvăn" → "Công văn"); an
    inserted space maps to the original position between the two letters."""
    cuts = [start + c for start, word in glued_words(ct.text) for c in glued_splits(word)]
    return ct.splice([(p, p) for p in cuts], [" "] * len(cuts))


def clean(original: str) -> CleanText:
    """The cleaning pipeline used before tokenising.

    Keeps line structure (headers and lists need it) and removes markup:
    ``<sup>`` notes, markdown marks and escapes; NFC; one tone-mark style. Values read from it (a
    subject, a name) keep the letter's own spelling, so glued syllables are split only in ``flatten``.
    """
    ct = CleanText.of(original)
    if not unicodedata.is_normalized("NFC", original):
        ct = ct.sub(_COMBINING, _nfc)
    ct = ct.sub(_TONE_RE, _swap)
    pattern = _markup_in(ct.text)
    return ct.sub(pattern, _markup) if pattern is not None else ct


# A line break with the spaces around it, or a run of two or more spaces. Written to open with a
# character set (a run of two or more, or a lone newline) so that ``re`` skips ahead between runs.
_BREAKS = re.compile(r"[ \n](?:[ \n]+|(?<=\n))")


def flatten(ct: CleanText) -> CleanText:
    """Running text for finding citations and cues: broken lines joined (one space per whitespace
    run) and glued syllables split ("chỉ đạotại Côngvăn số …" → "chỉ đạo tại Công văn số …")."""
    flat = split_glued(ct.sub(_BREAKS, " "))
    # "70-TB/TWngày 06/01/2012", "ngày22 tháng 7": a date word glued to the symbol before it or the day after it
    text = flat.text
    if "ngày" not in text:
        return flat
    cuts = [m.end() if text[m.end():m.end() + 1].isdigit() else m.start() for m in _GLUED_DATE.finditer(text)]
    return flat.splice([(p, p) for p in cuts], [" "] * len(cuts)) if cuts else flat


# (the pattern opens with the literal word, so the scan skips ahead to it)
_GLUED_DATE = re.compile(r"ngày(?:(?<![^\W\d_]ngày)(?=\d)|(?<=[A-ZĐ]{2}ngày))")
