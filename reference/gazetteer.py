"""Vietnam's administrative units on both sides of the 2025 reform, looked up by name or code.

The data is ``data/admin_units.json.gz``, built by ``scripts/build_gazetteer.py`` from the
``vietnamadminunits`` package (MIT; official statistical codes and the 2025 conversion). It holds two
*eras*: ``"old"`` — the map before 2025-07-01 (63 provinces, 696 districts, 10,035 communes)
— and ``"2025"`` — the map since then (34 provinces, communes directly under them, no
districts). Codes are the official fixed-width strings: 2 digits for a province, 3 for a
district, 5 for a commune, so a code is unique within an era.

Names are matched by :func:`lineage.reference.normalize.match_key` (NFC, one tone-mark style,
case and spacing folded), with the kind prefix ("tỉnh", "thành phố", "huyện" …) and its
abbreviations ("TP.", "TX.") optional; every lookup is a dict access.

>>> g = gazetteer()
>>> g.province("TP. Cần Thơ").name
'Thành phố Cần Thơ'
>>> [(d.name, g.parent(d).name) for d in g.districts("Cẩm Phả")]
[('Thành phố Cẩm Phả', 'Tỉnh Quảng Ninh')]
>>> [p.short_name for p in g.merged_into(g.province("Bắc Kạn"))]
['Thái Nguyên']
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lineage.errors import LineageError
from lineage.reference.normalize import match_key, strip_diacritics

__all__ = ["DATA_PATH", "ERAS", "LEVELS", "Gazetteer", "Unit", "era_for", "gazetteer"]

DATA_PATH = Path(__file__).parent / "data" / "admin_units.json.gz"
ERAS = ("old", "2025")
LEVELS = ("province", "district", "commune")
_FORMAT = 1

# dashes with or without spaces ("Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm") compare equal
_DASH_RE = re.compile(r"\s*[-\u2010-\u2015]\s*")
_TRIM = " .,;:"


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one era.

    ``kind`` is one of the data file's kinds (``province``, ``centrally_run_city``,
    ``urban_district``, ``rural_district``, ``town``, ``provincial_city``, ``municipal_city``,
    ``ward``, ``commune``, ``township``, ``special_zone``). ``merged_into`` holds codes of the
    2025 era: for an old province the 2025 province(s) it became part of; for an old district
    or commune the 2025 communes/wards formed from its territory; empty for 2025 units.
    """

    code: str
    name: str
    short_name: str
    kind: str
    level: str
    era: str
    parent: str | None
    merged_into: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


def _fold(key: str) -> str:
    """A name key without its tone marks and vowel marks ("đắk nông" and "đăk nông" → "dak nong")."""
    return strip_diacritics(key)


def _index_key(lowered: str) -> str:
    # stored names use ASCII "-" only (the build normalises dashes), so most skip the regex
    return _DASH_RE.sub("-", lowered) if "-" in lowered else lowered


class Gazetteer:
    """Lookup API over the two maps; build one with :func:`gazetteer` (cached)."""

    def __init__(self, doc: dict[str, Any]) -> None:
        if doc.get("format") != _FORMAT:
            raise LineageError(f"gazetteer data format {doc.get('format')!r}, expected {_FORMAT}")
        self.cutover: str = doc["cutover"]
        self.licence: str = doc["licence"]
        self.credit: str = doc["credit"]
        self.sources: list[dict[str, str]] = doc["sources"]
        self.kinds: dict[str, dict[str, str]] = doc["kinds"]
        # longest first, so "thành phố" is tried before a shorter prefix could match
        self._prefixes: list[str] = sorted(
            {s["prefix"].lower() for s in self.kinds.values()}, key=len, reverse=True
        )
        self._prefix_kinds: dict[str, frozenset[str]] = {
            p: frozenset(k for k, s in self.kinds.items() if s["prefix"].lower() == p) for p in self._prefixes
        }
        self._abbreviations = sorted(doc["abbreviations"].items(), key=lambda kv: len(kv[0]), reverse=True)

        self._level_of = {kind: spec["level"] for kind, spec in self.kinds.items()}
        self._rows: dict[str, list[list[Any]]] = doc["units"]
        self._aliases: dict[str, dict[str, list[str]]] = doc["aliases"]
        self._by_code: dict[tuple[str, str], Unit] = {}
        self._full: dict[tuple[str, str], dict[str, list[Unit]]] = defaultdict(dict)
        self._short: dict[tuple[str, str], dict[str, list[Unit]]] = defaultdict(dict)
        self._by_level: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        self._children: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        self._merged_from: dict[str, list[Unit]] = defaultdict(list)
        self._other_names: dict[str, str] | None = None
        self._folded: dict[tuple[str, str], dict[str, list[Unit]]] = {}
        # each map is indexed when first asked: a letter reads one era, and a one-letter run should not pay for both
        self._built: set[tuple[str, str]] = set()
        self._code_level: dict[str, dict[str, str]] = {}

    # Each (map, level) is indexed when first asked: a letter reads one era, mostly provinces and districts, and a
    # one-letter run should not pay for the ten thousand communes of both maps.
    def _levels_of(self, era: str) -> dict[str, str]:
        if era not in self._code_level:
            self._code_level[era] = {row[0]: self._level_of[row[3]] for row in self._rows.get(era, ())}
        return self._code_level[era]

    def _build(self, era: str, level: str) -> None:
        if (era, level) in self._built:
            return
        self._built.add((era, level))
        levels = self._levels_of(era)
        for code, name, short, kind, parent, merged in self._rows.get(era, ()):
            if levels[code] != level:
                continue
            unit = Unit(code, name, short, kind, level, era, parent, tuple(merged))
            self._by_code[era, code] = unit
            self._by_level[era, level].append(unit)
            # names are stored canonical, so lower() is their match_key (the build checks it)
            self._full[era, level].setdefault(_index_key(name.lower()), []).append(unit)
            self._short[era, level].setdefault(_index_key(short.lower()), []).append(unit)
            if parent is not None:
                self._children[era, parent].append(unit)
            for successor in merged:
                self._merged_from[successor].append(unit)
        # other official names a unit has carried ("Thừa Thiên Huế" for Huế): kept as spelled, so a
        # letter that writes one is read with its own name, not today's
        for code, names in self._aliases.get(era, {}).items():
            if levels.get(code) == level:
                for alias in names:
                    self._short[era, level].setdefault(self._parse(alias)[2], []).append(self._by_code[era, code])

    def _build_era(self, era: str) -> None:
        for level in LEVELS:
            self._build(era, level)

    def _unit(self, era: str, code: str) -> Unit | None:
        level = self._levels_of(era).get(code)
        if level is None:
            return None
        self._build(era, level)
        return self._by_code[era, code]

    def former_names(self, unit: Unit) -> list[str]:
        """Other official names ``unit`` has carried ("Thừa Thiên Huế" for the city of Huế), as spelled."""
        return list(self._aliases.get(unit.era, {}).get(unit.code, ()))

    @property
    def other_names(self) -> dict[str, str]:
        """Other official names units have carried, by match key, as spelled ("thừa thiên huế" → "Thừa Thiên Huế")."""
        if self._other_names is None:
            self._other_names = {match_key(alias): alias for by_code in self._aliases.values()
                                 for names in by_code.values() for alias in names if " " in alias}
        return self._other_names

    @classmethod
    def load(cls, path: Path | str = DATA_PATH) -> Gazetteer:
        """Read a data file written by ``scripts/build_gazetteer.py``."""
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError) as exc:
            raise LineageError(
                f"{path}: cannot read gazetteer data ({exc}); rebuild it with scripts/build_gazetteer.py"
            ) from exc
        return cls(doc)

    # ------------------------------------------------------------------ name lookup

    def _parse(self, text: str) -> tuple[str, str | None, str]:
        """(key of the whole name, kind prefix or None, key of the name without the prefix)."""
        key = _DASH_RE.sub("-", match_key(text).replace("’", "'").strip(_TRIM))
        for abbr, expansion in self._abbreviations:
            if key.startswith(abbr):
                rest = key[len(abbr) :]
                # "TP.Cần Thơ" needs no space after the dot; a bare "tp" does
                if abbr.endswith(".") or rest.startswith(" "):
                    key = f"{expansion} {rest.lstrip()}"
                    break
        for prefix in self._prefixes:
            if key.startswith(prefix + " "):
                return key, prefix, key[len(prefix) + 1 :]
        return key, None, key

    def _lookup(self, text: str, era: str, level: str) -> list[Unit]:
        self._build(era, level)
        full, prefix, rest = self._parse(text)
        hits = self._full.get((era, level), {}).get(full)
        if hits:
            return list(hits)
        hits = self._short.get((era, level), {}).get(rest) or self._folded_hit(rest, era, level)
        if not hits:
            return []
        if prefix is not None:
            # "huyện X" prefers a huyện X over a thành phố X; a wrong prefix alone does not rule one out
            narrowed = [u for u in hits if u.kind in self._prefix_kinds[prefix]]
            if narrowed:
                return narrowed
        return list(hits)

    def _folded_hit(self, rest: str, era: str, level: str) -> list[Unit]:
        """The one unit whose name folds to ``rest`` without its marks ("Đăk Nông" for Đắk Nông, "Ha Noi" for Hà Nội;
        not "Krông Păk" for Krông Pắc, another letter); none when two names fold alike ("Thanh Trì", "Thạnh Trị")."""
        folded = self._folded.get((era, level))
        if folded is None:
            folded = self._folded[era, level] = defaultdict(list)
            for key, units in self._short.get((era, level), {}).items():
                for u in units:
                    if u not in folded[_fold(key)]:
                        folded[_fold(key)].append(u)
        hits = folded.get(_fold(rest), [])
        return list(hits) if len({u.code for u in hits}) == 1 else []

    def province(self, name: str, era: str = "old") -> Unit | None:
        """The province-level unit called ``name`` ("Quảng Ninh", "tỉnh Quảng Ninh", "TP. Cần Thơ")."""
        hits = self._lookup(name, _era(era), "province")
        return hits[0] if hits else None

    def districts(self, name: str, province: str | Unit | None = None, era: str = "old") -> list[Unit]:
        """District-level candidates called ``name``, optionally only those in ``province``.

        The 2025 map has no districts, so ``era="2025"`` always gives ``[]``.
        """
        hits = self._lookup(name, _era(era), "district")
        return self._within(hits, province, era)

    def communes(
        self,
        name: str,
        province: str | Unit | None = None,
        district: str | Unit | None = None,
        era: str = "old",
    ) -> list[Unit]:
        """Commune-level candidates (xã, phường, thị trấn, đặc khu) called ``name``."""
        hits = self._within(self._lookup(name, _era(era), "commune"), province, era)
        if district is None:
            return hits
        parents = {
            d.code
            for d in ([district] if isinstance(district, Unit) else self.districts(district, province, era))
        }
        return [u for u in hits if u.parent in parents]

    def _within(self, hits: list[Unit], province: str | Unit | None, era: str) -> list[Unit]:
        if province is None or not hits:
            return hits
        prov = province if isinstance(province, Unit) else self.province(province, era)
        if prov is None:
            return []
        return [u for u in hits if self.province_of(u).code == prov.code]

    def find(self, name: str, level: str | None = None, era: str | None = None) -> list[Unit]:
        """Every unit called ``name``, old era first, then by level (province first) and code."""
        eras = ERAS if era is None else (_era(era),)
        levels = LEVELS if level is None else (_level(level),)
        return [u for e in eras for lvl in levels for u in self._lookup(name, e, lvl)]

    # ------------------------------------------------------------------ structure

    def get(self, code: str, era: str = "old") -> Unit | None:
        """The unit with the official ``code`` (a string: "22", "195", "06658") in ``era``."""
        return self._unit(_era(era), code)

    def units(self, era: str | None = None, level: str | None = None) -> Iterator[Unit]:
        """All units, optionally of one era and/or level, in code order within each level."""
        for e in ERAS if era is None else (_era(era),):
            for lvl in LEVELS if level is None else (_level(level),):
                self._build(e, lvl)
                yield from self._by_level.get((e, lvl), ())

    def provinces(self, era: str = "old") -> list[Unit]:
        """The province-level units of ``era`` (63 old, 34 in 2025), by code."""
        self._build(_era(era), "province")
        return list(self._by_level.get((era, "province"), ()))

    def parent(self, unit: Unit) -> Unit | None:
        return None if unit.parent is None else self._unit(unit.era, unit.parent)

    def children(self, unit: Unit) -> list[Unit]:
        self._build_era(unit.era)
        return list(self._children.get((unit.era, unit.code), ()))

    def province_of(self, unit: Unit) -> Unit:
        """The province-level unit containing ``unit`` (itself for a province)."""
        while unit.parent is not None:
            up = self._unit(unit.era, unit.parent)
            assert up is not None, unit  # (the build checks every parent exists)
            unit = up
        return unit

    def merged_into(self, unit: Unit) -> list[Unit]:
        """The 2025 units that took over ``unit``: provinces for a province, wards/communes otherwise."""
        return [u for u in (self._unit("2025", code) for code in unit.merged_into) if u is not None]

    def merged_from(self, unit: Unit) -> list[Unit]:
        """The old units of the same level that a 2025 unit was formed from."""
        if unit.era != "2025":
            return []
        self._build_era("old")
        return [u for u in self._merged_from.get(unit.code, ()) if u.level == unit.level]

    @staticmethod
    def is_centrally_run(unit: Unit) -> bool:
        """True for a thành phố trực thuộc trung ương (Hà Nội, Hồ Chí Minh, Cần Thơ …)."""
        return unit.kind == "centrally_run_city"

    def era_for(self, when: str | date | None) -> str | None:
        """``"old"`` before the cut-over (2025-07-01), ``"2025"`` from it; None for no date.

        >>> gazetteer().era_for("2025-06-30"), gazetteer().era_for("2025-07-01"), gazetteer().era_for(None)
        ('old', '2025', None)
        """
        if when is None or when == "":
            return None
        day = when if isinstance(when, date) else date.fromisoformat(str(when)[:10])
        return "2025" if day.isoformat() >= self.cutover else "old"


def _era(era: str) -> str:
    if era not in ERAS:
        raise ValueError(f"unknown era {era!r}; expected one of {ERAS}")
    return era


def _level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")
    return level


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer of the packaged data file, loaded once per process."""
    return Gazetteer.load(DATA_PATH)


def era_for(when: str | date | None) -> str | None:
    """Shortcut for ``gazetteer().era_for(when)``."""
    return gazetteer().era_for(when)
