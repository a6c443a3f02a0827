"""Cleaning: the offset map from cleaned text back to the original.

Every evidence span of the extractor goes through ``CleanText``'s map, so it is checked here
against a naive per-character map on real kinds of damage.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest

from lineage.loaders import clean as CL
from lineage.reference.normalize import _TONE_RE, _swap

# Damaged strings of the kinds real converted letters carry (see ../shared/corpus/seeds/).
DAMAGED = [
    "Số 168-CV/TU\n\nCần Thơ, ngày 28 tháng 5 năm 2021",
    "**V/v triển khai Công văn số 534-CV/BTGTW**\n\n  \n   của Ban Tuyên giáo Trung ương",
    "Thực hiện Công điện số 1699/CĐ-TTg<sup>1</sup> ngày 27/4/2021 của Thủ tướng",
    "Công văn số 1879-\n\nCV/TU  ngày   13/5/2021 của Ban Thường vụ Tỉnh ủy",
    "Uỷ ban nhân dân tỉnh Khánh Hoà, khoá XV; Quý vị; quỳ; thuỷ sản; hoà bình",
    "Ủy ban nhân dân tỉnh Khánh Hòa\r\n\r\nKính gửi:\t- Các huyện ủy, thị ủy",
    "# KẾ HOẠCH\n## Triển khai\n   ### 1. Mục tiêu\n#không phải tiêu đề",
    "*nhấn mạnh* và **đậm** và __gạch__, a*b, 2 * 3, *, ** \\* \\_ \\# \\[x\\]",
    "Ban Tuyên giáo\u00a0Tỉnh ủy\u200bCao Bằng\ufeff và\u2007\u202fCác sở",
    "\u0055\u0309y ban nha\u0302n da\u0302n (NFD) — Hoa\u0300ng Sa",
    "<b>Nơi nhận:</b><br/>- Như trên;<br>- Lưu VP.<span class=x>a</span>",
    "Thông báo số 279-TB/TU ng&agrave;y 13 th&aacute;ng 8&nbsp;năm 2021 &amp; c&#7911;a &#x1EE6;y ban, &notanentity",
    "",
    "\n",
    " \n \n ",
    "a  b   c\n\n\nd",
]


def naive_map(text: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> tuple[str, list[int]]:
    """(output, original index of each output char): the specification of ``CleanText.sub``."""
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        out.append(text[pos:s])
        where += range(pos, s)
        r = repl if isinstance(repl, str) else repl(m)
        out.append(r)
        where += [s + k for k in range(len(r))] if len(r) == e - s else [s] * len(r)
        pos = e
    out.append(text[pos:])
    where += range(pos, len(text))
    return "".join(out), where


SUBSTITUTIONS = [
    ("shorter", re.compile(r"  +"), " "),
    ("same length", re.compile(r"[ab]"), "X"),
    ("longer", re.compile(r"\d+"), "<n>"),
    ("deleted", re.compile(r"\*+"), ""),
    ("adjacent", re.compile(r"[ \n]"), lambda m: "" if m.group() == "\n" else "__"),
    ("lines", CL._BREAKS, " "),
]


@pytest.mark.parametrize("text", DAMAGED)
@pytest.mark.parametrize("name,pattern,repl", SUBSTITUTIONS, ids=[s[0] for s in SUBSTITUTIONS])
def test_sub_maps_every_char_like_the_naive_map(text: str, name: str, pattern: re.Pattern[str], repl) -> None:
    ct = CL.CleanText.of(text).sub(pattern, repl)
    out, where = naive_map(text, pattern, repl)
    assert ct.text == out
    assert [ct.to_original(p) for p in range(len(out))] == where


@pytest.mark.parametrize("text", DAMAGED)
def test_the_whole_pipeline_maps_through_every_step(text: str) -> None:
    """clean → flatten composes the steps: each cleaned char maps to the original char it came from."""
    steps: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = []
    if not unicodedata.is_normalized("NFC", text):
        steps.append((CL._COMBINING, CL._nfc))
    steps.append((_TONE_RE, _swap))
    folded = text
    for pattern, repl in steps:
        folded = pattern.sub(repl, folded)
    markup = CL._markup_in(folded)
    if markup is not None:
        steps.append((markup, CL._markup))
    steps.append((CL._BREAKS, " "))
    expected, where = text, list(range(len(text)))
    for pattern, repl in steps:
        expected, step_where = naive_map(expected, pattern, repl)
        where = [where[w] for w in step_where]
    flat = CL.flatten(CL.clean(text))
    assert flat.text == expected
    assert [flat.to_original(p) for p in range(len(flat.text))] == where


@pytest.mark.parametrize("text", DAMAGED)
def test_span_and_source_name_the_original_characters(text: str) -> None:
    flat = CL.flatten(CL.clean(text))
    for m in re.finditer(r"\w+", flat.text):
        src = flat.source(m.start(), m.end())
        # a cleaned word comes from the original's characters, tone folds and NFC aside
        assert CL.clean(src).text.replace("\n", " ").split() == [m.group()] or "<" in src or "\\" in src


def test_a_sup_note_is_short_so_an_unclosed_tag_reaches_no_further():
    """Issue 17: "<sup>" without "</sup>" scanned to the end of the text once per tag (quadratic). A note
    is short, so the tag reaches at most 200 characters: a closing tag further on is not its end."""
    assert CL.clean("Số 156<sup>*</sup>-CV/TU").text == "Số 156-CV/TU"
    far = "Công văn <sup>1 " + "x" * 300 + " </sup> số 12-CV/TU"
    assert "x" * 300 in CL.clean(far).text  # not swallowed as one long "note"


def test_html_entities_read_as_their_characters():
    ct = CL.clean("ng&agrave;y 13 th&aacute;ng 8&nbsp;năm 2021 &amp; c&#7911;a")
    assert ct.text == "ngày 13 tháng 8 năm 2021 & của"
    assert ct.source(0, 4) == "ng&agrave;y"  # evidence offsets still name the original characters


def test_br_separated_list_items_stay_items_through_extraction() -> None:
    """A web page's Nơi nhận list joined by <br> tags: the cleaner breaks the lines, so each item is one copy
    recipient, not one merged name (the offset map alone would not show that)."""
    from lineage.loaders.extract import extract_text

    letter = extract_text("ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NAM<br>Số: 12/UBND-VX<br>Quảng Nam, ngày 3 tháng 4 năm 2021"
                          "<br><br>Kính gửi: Sở Y tế<br><br>Đề nghị thực hiện.<br><br><b>Nơi nhận:</b><br/>- Như trên;"
                          "<br>- Lưu VP.<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br>Nguyễn Văn A")
    assert letter.copy_to == ["Như trên", "Lưu VP"]
