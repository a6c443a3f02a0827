"""Cleaning: original text → matching text, with an offset map back to the original.

Each step is a named regex substitution (eyecite's ``clean`` idea). Unlike a plain
``re.sub`` chain, every step also rewrites an offset table, so any span found in
the cleaned text maps back to the exact characters of the source file.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from lineage.loaders.normalize import _TONE_RE, _swap

Repl = Callable[[re.Match[str]], str]


@dataclass
class CleanText:
    """Cleaned text plus ``offsets[i]`` = index in the original of cleaned char ``i``."""

    text: str
    offsets: list[int]
    original: str

    @classmethod
    def of(cls, original: str) -> CleanText:
        return cls(original, list(range(len(original) + 1)), original)

    def sub(self, pattern: re.Pattern[str], repl: str | Repl) -> CleanText:
        """Apply one substitution, keeping the offset map in step."""
        out: list[str] = []
        offs: list[int] = []
        pos = 0
        text, old = self.text, self.offsets
        for m in pattern.finditer(text):
            s, e = m.span()
            out.append(text[pos:s])
            offs.extend(old[pos:s])
            r = repl if isinstance(repl, str) else repl(m)
            out.append(r)
            if len(r) == e - s:  # same length: map char by char (tone folds, NFC of pairs)
                offs.extend(old[s:e])
            else:
                offs.extend([old[s]] * len(r))
            pos = e
        if not out:
            return self
        out.append(text[pos:])
        offs.extend(old[pos:])
        return CleanText("".join(out), offs, self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a cleaned span."""
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def source(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


# --- the steps ------------------------------------------------------------------
_COMBINING = re.compile(r".[\u0300-\u036f]+", re.DOTALL)
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?(?:sup|sub|b|i|u|em|strong|br|p|span)\b[^>]*>", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([*_#\-\[\]()>])")
_MD_BOLD = re.compile(r"\*\*|__")
_MD_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
_MD_EMPH = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_NBSP = re.compile(r"[\u00a0\u2007\u202f\u200b\ufeff\t]")
_CR = re.compile(r"\r\n?")
_QUOTES = re.compile(r"[\u201c\u201d]")


def _nfc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group())


def clean(original: str) -> CleanText:
    """The cleaning pipeline used before tokenising.

    Keeps line structure (headers and lists need it) and removes markup:
    ``<sup>`` notes, markdown marks and escapes; NFC; one tone-mark style.
    """
    ct = CleanText.of(original)
    ct = ct.sub(_CR, "\n")
    ct = ct.sub(_COMBINING, _nfc)
    ct = ct.sub(_TONE_RE, _swap)
    ct = ct.sub(_SUP, "")
    ct = ct.sub(_HTML_TAG, "")
    ct = ct.sub(_MD_ESCAPE, lambda m: m.group(1))
    ct = ct.sub(_MD_HEADING, "")
    ct = ct.sub(_MD_BOLD, "")
    ct = ct.sub(_MD_EMPH, "")
    ct = ct.sub(_NBSP, " ")
    return ct


def flatten(ct: CleanText) -> CleanText:
    """Join broken lines into running text (one space per whitespace run)."""
    return ct.sub(re.compile(r"[ \n]*\n[ \n]*|  +"), " ")
