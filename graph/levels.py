"""The administrative levels (central → province → district → commune) as data.

The table lives in ``data/levels.json`` so that order, colours and labels are
changed in one place; the analysis uses the ranks, the views the colours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Level", "level", "levels", "rank"]


@dataclass(frozen=True)
class Level:
    id: str
    rank: int | None  # None for "unknown"
    colour: str
    vi: str
    en: str


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Level, ...], Level]:
    raw = json.loads(resources.files("lineage.graph").joinpath("data/levels.json").read_text("utf-8"))
    known = tuple(Level(**d) for d in sorted(raw["levels"], key=lambda d: d["rank"]))
    return known, Level(**raw["unknown"])


def levels() -> tuple[Level, ...]:
    """The known levels, top (central) first.

    >>> [lv.id for lv in levels()]
    ['central', 'province', 'district', 'commune']
    """
    return _table()[0]


def level(level_id: str | None) -> Level:
    """The level called ``level_id``, or the "unknown" level.

    >>> level("district").rank, level(None).id
    (2, 'unknown')
    """
    for lv in _table()[0]:
        if lv.id == level_id:
            return lv
    return _table()[1]


def rank(level_id: str | None) -> int | None:
    """0 for central, 1 for province, … ; None when the level is unknown."""
    return level(level_id).rank
