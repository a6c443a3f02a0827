"""Where a body sits: its administrative unit, level and parent body, read from its name.

The only module of ``lineage.graph`` that talks to the gazetteer
(:mod:`lineage.reference.gazetteer`) and the body tables (``reference/data/bodies.json``).
Names are the resolved full names the extractor writes ("Ban Tuyên giáo Tỉnh ủy Cao
Bằng", "Ủy ban nhân dân thành phố Cẩm Phả", "Thành ủy Cần Thơ").

>>> p = Places()
>>> u = p.unit_of("Ban Tuyên giáo Tỉnh ủy Cao Bằng")
>>> u.name, u.level
('Tỉnh Cao Bằng', 'province')
>>> p.unit_of("Thành ủy Cẩm Phả", province="Quảng Ninh").name
'Thành phố Cẩm Phả'
>>> p.unit_of("Thành ủy Cần Thơ").level
'province'
>>> p.parent_committee("Ban Dân vận Thành ủy Bắc Kạn")
'Thành ủy Bắc Kạn'
>>> p.level_of("Ban Tuyên giáo Trung ương")
'central'
"""
from __future__ import annotations

import functools
import re

from lineage.reference import tables
from lineage.reference.gazetteer import Gazetteer, Unit, gazetteer
from lineage.reference.normalize import canonical

__all__ = ["UNIT_WORDS", "Places", "places"]

_SPACE = re.compile(r"\s+")
# words naming a unit's kind inside a body name, longest first ("thành phố" before "phố")
UNIT_WORDS = ("thành phố", "thị trấn", "thị xã", "phường", "tỉnh", "huyện", "quận", "xã")
_UNIT_WORD_LEVEL = {"tỉnh": "province", "thành phố": None, "huyện": "district", "quận": "district",
                    "thị xã": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune"}


def _display(name: str) -> str:
    return _SPACE.sub(" ", canonical(name)).strip()


class Places:
    """Name → unit/level/parent resolution over one gazetteer (cached per name)."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()
        bodies = tables.load("bodies")
        abbr = bodies["abbreviations"]
        # "UBND tỉnh X" → "Ủy ban nhân dân tỉnh X": whole-word abbreviations only
        self._abbr = [(re.compile(rf"(?<!\w){re.escape(k)}(?!\w)"), v) for k, v in
                      sorted(abbr.items(), key=lambda kv: len(kv[0]), reverse=True) if not k.endswith(".")]
        self._committees = sorted(tables.committees(), key=lambda r: len(r["word"]), reverse=True)
        self._boards = sorted({*bodies["boards"], *bodies["standing_bodies"]["words"]}, key=len, reverse=True)

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 - one long-lived resolver per process; names recur
    def _expand(self, name: str) -> str:
        text = _display(name)
        for rx, full in self._abbr:
            text = rx.sub(full, text)
        return text

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one long-lived resolver per process
    def parent_committee(self, name: str) -> str | None:
        """"Ban Tuyên giáo Tỉnh ủy Cao Bằng" → "Tỉnh ủy Cao Bằng": a board's committee, by name."""
        text = self._expand(name)
        low = text.lower()
        for board in self._boards:
            b = board.lower()
            if low.startswith(b + " "):
                rest = text[len(b) + 1:]
                if any(rest.lower().startswith(c["word"].lower() + " ") for c in self._committees):
                    return rest
        return None

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 - one long-lived resolver per process; names recur
    def _split(self, name: str) -> tuple[str | None, str | None]:
        """(level hint, place text) from a committee word or a unit word inside the name."""
        text = self._expand(name)
        low = text.lower()
        best: tuple[int, str | None, str] | None = None
        for c in self._committees:
            i = low.rfind(c["word"].lower() + " ")
            if i >= 0 and (best is None or i > best[0]):
                best = (i, c["level"], text[i + len(c["word"]) + 1:])
        taken: list[tuple[int, int]] = []  # spans of longer unit words: the "xã" of "thị xã" is not a commune
        for w in UNIT_WORDS:
            for m in re.finditer(rf"(?<!\w){w} ", low):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                if best is None or m.start() > best[0]:
                    # keep the unit word: the gazetteer prefers "huyện X" over "thành phố X"
                    best = (m.start(), _UNIT_WORD_LEVEL[w] or "province_or_district", text[m.start():])
        if best is None:
            return None, None
        return best[1], best[2].strip(" .,;:")

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one long-lived resolver per process
    def unit_of(self, name: str, *, level: str | None = None, province: str | None = None,
                era: str = "old") -> Unit | None:
        """The province or district a body governs; None when unknown or ambiguous.

        ``level`` (the letter's own statement) overrides the name's hint; ``province``
        narrows a district name that exists in several provinces.
        """
        if self.central(name):
            return None
        hint, place = self._split(name)
        if not place:
            return None
        hint = level or hint
        if hint in ("province", "province_or_district", None):
            p = self.gaz.province(place, era)
            if p is not None and (hint == "province" or self.gaz.is_centrally_run(p)
                                  or not self.gaz.districts(place, None, era)):
                return p
        if hint in ("district", "province_or_district", None):
            # "Thị ủy Duyên Hải" governs the thị xã, not the huyện of the same name: the committee word says which
            word = self._committee_unit(name)
            named = f"{word} {place}" if word and not place.lower().startswith(word + " ") else place
            hits = self.gaz.districts(named, province, era) if province else self.gaz.districts(named, None, era)
            if len(hits) == 1:
                return hits[0]
        return None

    def commune_of(self, name: str, *, province: str | None = None, era: str = "old") -> Unit | None:
        """The commune a commune-level body governs ("Ủy ban nhân dân xã Krông Búk" in Đắk Lắk): only the one
        commune of that name in the province (commune names repeat across the country, and within one)."""
        hint, place = self._split(name)
        if hint != "commune" or not place or province is None:
            return None
        word = self._committee_unit(name)
        named = f"{word} {place}" if word and not place.lower().startswith(word + " ") else place
        try:
            hits = self.gaz.communes(named, province, None, era)
        except Exception:  # noqa: BLE001 - a province the gazetteer does not know in this era
            return None
        return hits[0] if len(hits) == 1 else None

    def _committee_unit(self, name: str) -> str | None:
        """The unit word of the committee a name ends with ("Thị ủy Duyên Hải" → "thị xã")."""
        low = self._expand(name).lower()
        hits = [(low.rfind(c["word"].lower() + " "), c["unit"]) for c in self._committees]
        i, unit = max(hits)
        return str(unit) if i >= 0 else None

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one long-lived resolver per process
    def key_of(self, name: str, *, level: str | None = None, province: str | None = None,
               era: str = "old") -> str | None:
        """The key of a body written only by name, as the extractor keys it ("Ban Tuyên giáo Tỉnh ủy Cao Bằng" →
        "Ban Tuyên giáo Tỉnh ủy@old:04"): its name up to the place, and its unit; None when not placed."""
        u = self.unit_of(name, level=level if level != "central" else None, province=province, era=era) or \
            self.commune_of(name, province=province, era=era)
        if u is None:
            return None
        text = self._expand(name)
        _, place = self._split(name)
        if not place or not text.endswith(place):
            return None
        kind = text[: len(text) - len(place)].strip()
        low = kind.lower()
        if not any(low.endswith(c["word"].lower()) for c in self._committees):  # "Ủy ban nhân dân" + "tỉnh X"
            word = next((w for w in UNIT_WORDS if place.lower().startswith(w + " ")), None)
            if word is None:
                return None
            if not low.endswith(word):  # "Ủy ban nhân dân quận Quận 8": the unit word is already there
                kind = f"{kind} {word}".strip()
        return f"{kind}@{u.era}:{u.code}" if kind else None

    def unit_of_key(self, key: str) -> Unit | None:
        """The unit a body key names ("Huyện ủy@old:020" → Huyện Thanh Trì); None when not in the gazetteer."""
        era, _, code = key.partition("@")[2].partition(":")
        return self.gaz.get(code, era) if era and code else None

    def province_unit(self, name: str | None, era: str = "old") -> Unit | None:
        """The province named by a place or a body ("Đảng bộ tỉnh Quảng Ninh" → Tỉnh Quảng Ninh)."""
        if not name:
            return None
        p = self.gaz.province(name, era)
        if p is not None:
            return p
        u = self.unit_of(name, era=era)
        return self.gaz.province_of(u) if u is not None else None

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one long-lived resolver per process
    def central(self, name: str) -> bool:
        return tables.central_by_name().get(_display(name).lower()) is not None

    def level_of(self, name: str, *, province: str | None = None, era: str = "old") -> str | None:
        """central / province / district / commune, from the tables and the gazetteer."""
        if self.central(name):
            return "central"
        u = self.unit_of(name, province=province, era=era)
        return u.level if u is not None else None

    def province_of(self, unit: Unit) -> Unit:
        return self.gaz.province_of(unit)

    def parent_unit(self, unit: Unit) -> Unit | None:
        return self.gaz.parent(unit)

    def era_for(self, when: str | None) -> str:
        """The gazetteer era of a date; undated letters are read on the old map."""
        return self.gaz.era_for(when) or "old"


@functools.cache
def places() -> Places:
    """The shared resolver over the packaged gazetteer."""
    return Places()


