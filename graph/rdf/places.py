"""Where a body sits — its unit, level, parent and key — for a name the graph meets without the extractor's key.

A letter's issuer and its citations' issuers arrive keyed ("Huyện ủy@old:020"): the graph reads their unit from
the key. Other names — a parent's, an assignee's, a record of a gold file — are resolved here by the *same*
resolver the extractor uses (:func:`lineage.reference.resolver.resolve_body`), from where the letter's writer
stands: "Sở Y tế" in a letter of Quảng Nam is Quảng Nam's Sở, as the extractor reads it. This module only adds
the gazetteer's units to what that resolver says.

>>> p = Places()
>>> u = p.unit_of("Ban Tuyên giáo Tỉnh ủy Cao Bằng")
>>> u.name, u.level
('Tỉnh Cao Bằng', 'province')
>>> p.unit_of("Thành ủy Cẩm Phả").name
'Thành phố Cẩm Phả'
>>> p.unit_of("Thành ủy Cần Thơ").level
'province'
>>> p.parent_committee("Ban Dân vận Thành ủy Bắc Kạn")
'Thành ủy Bắc Kạn'
>>> p.level_of("Ban Tuyên giáo Trung ương")
'central'
>>> own = p.writer("Ủy ban nhân dân tỉnh Quảng Nam", "Ủy ban nhân dân tỉnh@old:49")
>>> p.key_of("Sở Y tế", own=own)
'Sở Y tế tỉnh@old:49'
"""
from __future__ import annotations

import functools
from dataclasses import replace

from lineage.reference import tables
from lineage.reference.bodies import Body, committee, find_province
from lineage.reference.gazetteer import Gazetteer, Unit, gazetteer
from lineage.reference.normalize import canonical
from lineage.reference.resolver import resolve_body

__all__ = ["Places", "places"]


class Places:
    """Name → unit/level/parent/key, through the one body resolver, over one gazetteer (cached per name)."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one long-lived resolver per process; letters' writers recur
    def writer(self, name: str | None, key: str | None = None, province: str | None = None,
               era: str = "old") -> Body | None:
        """The body a letter's names are read from: its issuer as the extractor keyed it, else a stand-in for its
        province (names such as "Sở Y tế" or "Tỉnh ủy" are then that province's), else None."""
        prov = find_province(province, era) if province else None
        standin = committee("Tỉnh ủy" if not self.gaz.is_centrally_run(prov) else "Thành ủy", prov.short_name,
                            era=era) if prov is not None else None
        if name:  # (read within its province: "Huyện ủy Chợ Mới" of An Giang, not of Bắc Kạn)
            body = resolve_body(canonical(name).strip(), "", standin or Body("", era=era))[0]
            if body is not None and body.level != "central" and body.unit and (key is None or body.key == key):
                return body
        return standin

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 - names recur letter after letter
    def resolve(self, name: str, own: Body | None = None, era: str = "old") -> Body | None:
        """The body ``name`` names, read from where ``own`` stands, on the map of ``era``."""
        if own is None or own.era != era:
            own = replace(own, era=era) if own is not None else Body("", era=era)
        return resolve_body(canonical(name).strip(), "", own)[0]

    def key_of(self, name: str, *, level: str | None = None, own: Body | None = None, era: str = "old") -> str | None:
        """The key of a body written only by name, as the extractor keys it ("Ban Tuyên giáo Tỉnh ủy Cao Bằng" →
        "Ban Tuyên giáo Tỉnh ủy@old:04"); None when not placed, and for a national body (its name is its key)."""
        if level == "central":
            return None
        body = self.resolve(name, own, era)
        return body.key if body is not None and body.level != "central" else None

    def unit_of(self, name: str, *, own: Body | None = None, era: str = "old") -> Unit | None:
        """The unit a body governs or belongs to; None when unknown, ambiguous or national."""
        body = self.resolve(name, own, era)
        if body is None or not body.unit:
            return None
        unit_era, _, code = body.unit.partition(":")
        return self.gaz.get(code, unit_era)

    def parent_committee(self, name: str, *, own: Body | None = None, era: str = "old") -> str | None:
        """"Ban Tuyên giáo Tỉnh ủy Cao Bằng" → "Tỉnh ủy Cao Bằng": a board's committee."""
        body = self.resolve(name, own, era)
        return body.parent if body is not None and body.kind == "board" else None

    def level_of(self, name: str, *, own: Body | None = None, era: str = "old") -> str | None:
        """central / province / district / commune."""
        if self.central(name):
            return "central"
        body = self.resolve(name, own, era)
        return body.level if body is not None else None

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
        return tables.central_by_name().get(canonical(name).strip().lower()) is not None

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
