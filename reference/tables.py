"""Domain tables (``reference/data/*.json``), loaded once."""
from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lineage.reference.normalize import canonical, match_key, strip_diacritics


@cache
def load(name: str) -> Any:
    """Parse ``reference/data/<name>.json``."""
    text = resources.files("lineage.reference").joinpath("data", f"{name}.json").read_text("utf-8")
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


@cache
def unit_words() -> tuple[str, ...]:
    """Words naming a unit's kind ("thành phố", "thị xã", "tỉnh" …), longest first: the committees
    table names the unit each committee leads."""
    return tuple(sorted({r["unit"] for r in committees()}, key=len, reverse=True))


@cache
def _unit_rows() -> dict[str, dict[str, Any]]:
    return {r["unit"]: r for r in committees()}


def unit_level(unit: str) -> str | None:
    """The level a unit word names ("huyện" → district); None for "thành phố", which is either."""
    row = _unit_rows().get(unit.lower())
    return None if row is None or row["level"] == "province_or_district" else row["level"]


def committee_of_unit(unit: str) -> str | None:
    """The Party committee word of a unit word ("huyện" → "Huyện ủy", "xã" → "Đảng ủy xã")."""
    row = _unit_rows().get(unit.lower())
    return row["word"] if row else None


def committee_words(level: str | None = None, exclude: str | None = None) -> tuple[str, ...]:
    """Party committee words ("Tỉnh ủy", "Huyện ủy", "Đảng ủy xã" …), longest first, of one level or
    all but one."""
    rows = [r for r in committees() if (level is None or r["level"] == level) and r["level"] != exclude]
    return tuple(sorted((r["word"] for r in rows), key=len, reverse=True))


@cache
def standing_bodies() -> tuple[str, ...]:
    """Organs that act for the committee itself ("Ban Thường vụ", "Thường trực", "BTV")."""
    return tuple(sorted(load("bodies")["standing_bodies"]["words"], key=len, reverse=True))


@cache
def boards() -> tuple[str, ...]:
    """Boards and offices under a committee ("Ban Tuyên giáo", "Văn phòng" …), standing organs excluded."""
    standing = {match_key(w) for w in standing_bodies()}
    return tuple(sorted((b for b in load("bodies")["boards"] if match_key(b) not in standing), key=len, reverse=True))


@cache
def people_committee_words() -> tuple[str, ...]:
    """How a people's committee is written: its name and abbreviation ("Ủy ban nhân dân", "UBND")."""
    row = next(r for r in load("bodies")["state_local"] if r["abbr"] == "UBND")
    return (canonical(row["word"]), row["abbr"])


@cache
def party_org_word() -> str:
    """The Party organisation a committee leads ("Đảng bộ"): "Ban Chấp hành Đảng bộ tỉnh X" is the Tỉnh ủy."""
    return canonical(load("bodies")["party_org"]["word"])


@cache
def signer_titles(min_words: int = 1) -> tuple[str, ...]:
    """Offices a signer holds ("Chủ tịch", "Chánh Văn phòng", "Phó" …), longest first."""
    titles = [t for t in load("bodies")["signer_titles"] if len(t.split()) >= min_words]
    return tuple(sorted(titles, key=len, reverse=True))


@cache
def body_heads() -> tuple[str, ...]:
    """Words a body's name begins with: standing organs, boards, committees, people's committees, local
    agencies and the national organs' first words ("Ban Chấp hành", "Bộ Chính trị"), and the bare "Bộ"/"Ban"."""
    rows = load("bodies")
    heads = {*standing_bodies(), *boards(), *committee_words(), *people_committee_words(),
             *(r["word"] for r in rows["local_agencies"]),
             *(" ".join(r["name"].split()[:3]) for r in rows["central"]), "Bộ", "Ban",
             *rows["grassroots"]["cells"], *rows["grassroots"]["executives"]}
    return tuple(sorted(heads, key=len, reverse=True))
