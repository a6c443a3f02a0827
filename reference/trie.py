"""Compile a word list into a prefix-tree regex alternation.

Python's ``re`` tries the branches of ``a|b|c…`` one after another at every position;
with a hundred cue phrases that is the extractor's hot spot. A prefix tree shares
the common starts ("chủ trì|chủ động" → "chủ (?:trì|động)"), so a position that
cannot start any phrase is rejected after one character. The language matched is
the same as the plain alternation's, longest phrase first.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from lineage.reference.normalize import letter_variants, strip_diacritics


def alternation(words: Iterable[str], *, fold: bool = False, on_folded: bool = False) -> str:
    """A regex source matching exactly one of ``words``, preferring the longest.

    >>> import re
    >>> p = re.compile(alternation(["chủ trì", "chủ động", "chỉ đạo", "chủ"]))
    >>> [p.match(s).group() for s in ("chủ trì x", "chủ động", "chỉ đạo", "chủ nhật")]
    ['chủ trì', 'chủ động', 'chỉ đạo', 'chủ']
    >>> q = re.compile(alternation(["thực hiện"], fold=True), re.I)
    >>> [bool(q.fullmatch(s)) for s in ("Thực hiện", "thực hịện", "Thựchiện", "thuc hien", "thúc hiến")]
    [True, True, True, True, True]

    ``on_folded`` matches the same on a text folded by :func:`lineage.reference.normalize.fold` (ASCII
    letters: far cheaper to compile and to run than a class of every accented form per letter):

    >>> from lineage.reference.normalize import fold
    >>> r = re.compile(alternation(["thực hiện"], on_folded=True), re.I)
    >>> [bool(r.fullmatch(fold(s))) for s in ("Thực hiện", "thực hịện", "Thựchiện", "thuc hien", "thúc hiến")]
    [True, True, True, True, True]
    """
    trie: dict[str, dict] = {}
    if fold or on_folded:  # match whatever the diacritics, and with the space between words lost or doubled
        words = {strip_diacritics(w).lower() for w in words}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie, fold, on_folded)


def _char(ch: str, fold: bool, on_folded: bool = False) -> str:
    if not (fold or on_folded):
        return re.escape(ch)
    if ch == " ":
        return r"\s*"
    return "[" + letter_variants(ch) + "]" if fold and ch in "aeiouyd" else re.escape(ch)


def _emit(node: dict[str, dict], fold: bool = False, on_folded: bool = False) -> str:
    end = "" in node
    branches = [_char(ch, fold, on_folded) + _emit(child, fold, on_folded) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:  # a word ends here, but a longer one may go on: try the longer first
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body
