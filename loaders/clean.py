"""Cleaning: original text → matching text, with an offset map back to the original.

Each step is a named regex substitution (eyecite's ``clean`` idea). Unlike a plain
``re.sub`` chain, every step also rewrites an offset table, so any span found in
the cleaned text maps back to the exact characters of the source file.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from lineage.loaders.normalize import _TONE_RE, _swap

Repl = Callable[[re.Match[str]], str]


@dataclass
class _Step:
    """One substitution's map from its output back to its input, as segments.

    Segment ``i`` starts at output index ``new[i]`` and input index ``old[i]``; a linear
    segment maps char by char, a replaced one maps every char to the match start.
    """

    new: list[int]
    old: list[int]
    linear: list[bool]

    def back(self, p: int) -> int:
        i = bisect_right(self.new, p) - 1
        return self.old[i] + (p - self.new[i]) if self.linear[i] else self.old[i]


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
        """Apply one substitution and record its segment map (O(matches), not O(text))."""
        out: list[str] = []
        new: list[int] = [0]
        old: list[int] = [0]
        linear: list[bool] = [True]
        pos = n = 0
        text = self.text
        for m in pattern.finditer(text):
            s, e = m.span()
            out.append(text[pos:s])
            n += s - pos
            r = repl if isinstance(repl, str) else repl(m)
            out.append(r)
            new.append(n)
            old.append(s)
            linear.append(len(r) == e - s)  # same length (tone folds): char by char
            n += len(r)
            new.append(n)
            old.append(e)
            linear.append(True)
            pos = e
        if not out:
            return self
        out.append(text[pos:])
        return CleanText("".join(out), (*self.steps, _Step(new, old, linear)), self.original)

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
    ("sup", r"<sup>.*?</sup>", "<"),
    ("tag", r"</?(?:sup|sub|b|i|u|em|strong|br|p|span)\b[^>]*>", "<"),
    ("esc", r"\\[*_#\-\[\]()>]", "\\"),
    ("head", r"(?<![^\n])[ \t]*#{1,6}[ \t]+", "#"),
    ("bold", r"\*\*|__", "*_"),
    ("emph", r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "*"),
    ("space", "[\u00a0\u2007\u202f\u200b\ufeff\t]", "\u00a0\u2007\u202f\u200b\ufeff\t"),
)


@cache
def _markup_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{k}>{rx})" for k, rx, _ in _MARKUP_BRANCHES if k in kinds), re.I | re.S)


def _markup_in(text: str) -> re.Pattern[str] | None:
    """Only the branches whose starting characters occur: most letters carry little markup, and a
    regex of eight alternatives (some with look-behinds) is slow to try at every position."""
    kinds = tuple(k for k, _, starts in _MARKUP_BRANCHES if any(c in text for c in starts))
    return _markup_pattern(kinds) if kinds else None


def _markup(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind == "cr":
        return "\n"
    if kind == "esc":
        return m.group()[1]
    if kind == "space":
        return " "
    return ""


def clean(original: str) -> CleanText:
    """The cleaning pipeline used before tokenising.

    Keeps line structure (headers and lists need it) and removes markup:
    ``<sup>`` notes, markdown marks and escapes; NFC; one tone-mark style.
    """
    ct = CleanText.of(original)
    if not unicodedata.is_normalized("NFC", original):
        ct = ct.sub(_COMBINING, _nfc)
    ct = ct.sub(_TONE_RE, _swap)
    pattern = _markup_in(ct.text)
    return ct.sub(pattern, _markup) if pattern is not None else ct


def flatten(ct: CleanText) -> CleanText:
    """Join broken lines into running text (one space per whitespace run)."""
    return ct.sub(re.compile(r"[ \n]*\n[ \n]*|  +"), " ")
