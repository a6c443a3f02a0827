"""Domain tables (``loaders/data/*.json``), loaded once."""
from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lineage.loaders.normalize import canonical, match_key, strip_diacritics


@cache
def load(name: str) -> Any:
    """Parse ``loaders/data/<name>.json``."""
    text = resources.files("lineage.loaders").joinpath("data", f"{name}.json").read_text("utf-8")
    return json.loads(text)


@cache
def doc_type_by_code() -> dict[str, dict[str, Any]]:
    """Type code (and its ASCII spelling, folded) → type row."""
    out: dict[str, dict[str, Any]] = {}
    for row in load("doc_types")["types"]:
        out[symbol_key(row["code"])] = row
    return out


@cache
def doc_type_by_name() -> dict[str, dict[str, Any]]:
    return {match_key(r["name"]): r for r in load("doc_types")["types"]}


@lru_cache(maxsize=1 << 12)  # a few hundred symbol parts recur in every corpus
def symbol_key(code: str) -> str:
    """Compare symbol parts without diacritics and case ("CĐ" = "CD" = "cd")."""
    return strip_diacritics(code).upper()


@cache
def central_by_symbol() -> dict[str, dict[str, Any]]:
    """Issuer part of a central symbol (folded) → central body row."""
    return {symbol_key(s): row for row in load("bodies")["central"] for s in row["symbols"]}


@cache
def central_by_letter_code() -> dict[str, dict[str, Any]]:
    """A ministry's code at the head of its công văn symbols (LĐTBXH in 1234/LĐTBXH-BVCSTE) → row."""
    return {symbol_key(s): row for row in load("bodies")["central"] for s in row.get("letter_codes", [])}


@cache
def central_by_name() -> dict[str, dict[str, Any]]:
    """Every name and alias of a central body (match key) → row."""
    out: dict[str, dict[str, Any]] = {}
    for row in load("bodies")["central"]:
        for n in [row["name"], *row["aliases"]]:
            out[match_key(n)] = row
    return out


@cache
def committees() -> list[dict[str, Any]]:
    return [dict(r, word=canonical(r["word"])) for r in load("bodies")["committees"]]


@cache
def cues() -> dict[str, Any]:
    return load("cues")
