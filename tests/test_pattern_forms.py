"""Patterns written for speed match exactly what their plain forms match.

Python's ``re`` can skip ahead to the next candidate only when a pattern opens with a literal or a
character set; a pattern that opens with a look-behind is tried at every position. Some hot patterns
were therefore rewritten with the look-behind moved after the first character. The plain forms below
are the specification: each fast pattern must give the same spans on the shipped letters (raw and
cleaned) and on a table of edge cases.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from lineage.loaders import clean as CL
from lineage.loaders import patterns as P
from lineage.reference.normalize import _SECOND, _TONE_RE, _VI_LETTER

_BRK = r"[ \n]*"
PLAIN_FORMS = [
    ("tone", _TONE_RE, re.compile(r"(?<![qQ])([oOuU][" + _SECOND + r"])(?![" + _VI_LETTER + "])")),
    ("emph", re.compile(dict((k, rx) for k, rx, _ in CL._MARKUP_BRANCHES)["emph"]),
     re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")),
    ("breaks", CL._BREAKS, re.compile(r"[ \n]*\n[ \n]*|  +")),
    ("number anchor", P.NUMBER_ANCHOR,
     re.compile(r"(?<![\d.,])\d{1,6}(?:\.\d{1,3})?[a-z]?" + _BRK + r"(?:/" + _BRK + r"(?:19|20)\d\d" + _BRK + r")?[-/–—]"
                + _BRK + r"[A-ZĐ]")),
]

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))
assert EXAMPLES, "the shipped example letters are missing"

EDGE_CASES = [
    "quỷ quý Quỳ QUỶ", "hoà hoàn thuỷ thủy", "uỷ", "q", "", "*", "**", "a *b* c", "x*", "*x", "* *",
    "\n\n", " \n", "\n ", "  ", " ", "a  b   c\n\n\nd",
    "Số 168-CV/TU", "1879-\n\nCV/TU", "số 120/2003/QĐ-UB", "1.234-CV", "12,5/KH", "123456-CV/TU", "1234567-CV/TU",
    "7-CV/TU", "0168 - CV/TU", "ngày 13/5/2021", "Điều 5/ Khoản", "2345/UBND-KGVX",
    "66.19/2026/NQ-CP", "30c/NQ-CP", "16 –\nHD/BTCTW", "1,5.25/KH", "khoản 2.3, 4/",
]


def _texts() -> list[str]:
    raw = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    return raw + [CL.flatten(CL.clean(t)).text for t in raw] + EDGE_CASES


@pytest.mark.parametrize("name,fast,plain", PLAIN_FORMS, ids=[p[0] for p in PLAIN_FORMS])
def test_fast_pattern_matches_what_its_plain_form_matches(name: str, fast: re.Pattern[str],
                                                          plain: re.Pattern[str]) -> None:
    for text in _texts():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text[:80]


@pytest.mark.parametrize("name,fast,plain", PLAIN_FORMS, ids=[p[0] for p in PLAIN_FORMS])
def test_the_edge_cases_exercise_every_pattern(name: str, fast: re.Pattern[str], plain: re.Pattern[str]) -> None:
    """A check that could not fail is no check: each pattern matches somewhere and misses somewhere."""
    hits = [bool(plain.search(t)) for t in EDGE_CASES]
    assert any(hits) and not all(hits)
