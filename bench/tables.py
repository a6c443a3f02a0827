"""The generator's domain tables (``bench/data/*.json``), loaded once, and the records they describe.

``Body`` is an issuing body on one map era; ``Doc`` is a letter as others cite it. Both are
plain data so the generator can keep a few thousand of them (not the corpus) in memory.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
OLD_ERA, NEW_ERA = "old", "2025"  # the gazetteer's era names
CUTOVER = date(2025, 7, 1)


@functools.cache
def table(name: str) -> dict[str, Any]:
    """``bench/data/<name>.json`` as a dict (cached)."""
    with open(DATA / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def doc_type_name(code: str) -> str:
    """'CV' → 'Công văn'."""
    return table("central")["doc_types"][code]


def era_of(day: date) -> str:
    return NEW_ERA if day >= CUTOVER else OLD_ERA


@dataclass(eq=False)
class Body:
    """An issuing body: a central organ, or the Party committee / People's Committee of a unit."""

    key: str  # unique and stable: "party:old:04", "state:2025:00004", "central:Bộ Y tế"
    name: str  # resolved full name, the gold ``issuer`` ("Tỉnh ủy Cao Bằng")
    branch: str  # party | state
    level: str  # central | province | district | commune
    era: str
    short: str = ""  # the unit's short name ("Cao Bằng"); the organ's name for central bodies
    kind: str = ""  # gazetteer kind of the unit
    unit_word: str = ""  # "tỉnh", "thành phố", "huyện" …
    pu: str = ""  # Party committee word ("Tỉnh ủy", "Huyện ủy", "Đảng ủy")
    party_symbol: str = ""  # "TU", "HU", "QU", "ThU", "ĐU"
    province: str | None = None  # short name of the province it belongs to (or is)
    parent: Body | None = None  # same branch, one level up
    sub_kinds: tuple[str, ...] = ()  # gazetteer kinds of its child units (for recipient lists)
    spec: dict[str, Any] | None = None  # central issuer row of central.json
    children: list[Any] = field(default_factory=list, repr=False)  # gazetteer units below


@dataclass(eq=False)
class Doc:
    """A letter as other letters cite it (and as the corpus writes it)."""

    body: Body
    code: str  # doc-type code: CV, CĐ, CT, NQ, KL, QĐ, HD, KH, TB
    number: str
    symbol: str  # "CV/TU", "CĐ-TTg", "UBND-KGVX"
    day: date
    subject: str
    topic: str
    in_corpus: bool = True

    @property
    def doc_type(self) -> str:
        return doc_type_name(self.code)

    @property
    def party_form(self) -> bool:
        # Party numbers are "168-CV/TU"; State numbers "1699/CĐ-TTg", "1234/UBND-KGVX"
        return self.body.branch == "party"

    @property
    def numsym(self) -> str:
        return f"{self.number}-{self.symbol}" if self.party_form else f"{self.number}/{self.symbol}"
