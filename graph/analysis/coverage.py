"""Coverage of a cascade against the administrative map of the root letter's era.

Binds the pure :func:`lineage.graph.analysis.cascade.coverage` and
:func:`~lineage.graph.analysis.cascade.time_to_reach` to the gazetteer
(:mod:`lineage.reference.gazetteer`): a letter of 2021 is measured against the 63
provinces of the old map, one of late 2025 against the 34 of the new one (which
has no districts).
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from lineage.graph.analysis.cascade import coverage, root_of, time_to_reach
from lineage.reference.gazetteer import gazetteer
from lineage.reference.normalize import match_key

__all__ = ["days_to_reach_provinces", "era_of", "missing_districts", "missing_provinces", "provinces_of_era"]


def era_of(G: nx.DiGraph, root: Hashable | None = None) -> str:
    """The gazetteer era of the root letter's date ("old" when it is undated)."""
    return gazetteer().era_for(G.nodes[root_of(G, root)].get("date")) or "old"


def provinces_of_era(era: str) -> list[str]:
    """Short names of the era's provinces, in code order ("Hà Nội", "Hà Giang", …)."""
    return [p.short_name for p in gazetteer().provinces(era)]


def missing_provinces(G: nx.DiGraph, era: str | None = None, root: Hashable | None = None) -> list[str]:
    """Provinces of the era with no letter in the cascade (the root's own letter aside)."""
    r = root_of(G, root)
    return coverage(G, provinces_of_era(era or era_of(G, r)), key="province", root=r)


def missing_districts(G: nx.DiGraph, province: str, era: str | None = None, root: Hashable | None = None) -> list[str]:
    """Districts of ``province`` with no letter in the cascade (full names, code order).

    Raises
    ------
    ValueError
        If the gazetteer does not know ``province`` in that era.
    """
    r = root_of(G, root)
    era = era or era_of(G, r)
    unit = gazetteer().province(province, era)
    if unit is None:
        raise ValueError(f"no province called {province!r} on the {era} map")
    districts = [u.name for u in gazetteer().children(unit) if u.level == "district"]
    key = match_key(unit.short_name)
    inside = [n for n, p in G.nodes(data="province") if p and match_key(p) == key]
    return coverage(G.subgraph([r, *inside]), districts, key="district", root=r)


def days_to_reach_provinces(
    G: nx.DiGraph, fraction: float, era: str | None = None, root: Hashable | None = None
) -> int | None:
    """Days from the root until letters from ``fraction`` of the era's provinces exist."""
    r = root_of(G, root)
    return time_to_reach(G, fraction, len(gazetteer().provinces(era or era_of(G, r))), root=r)
