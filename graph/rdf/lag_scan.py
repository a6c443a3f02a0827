"""``lag-by-level`` over the whole corpus by scanning a few predicates and joining in memory (issue 19, item 4).

The shipped SPARQL (``queries/sparql/lag-by-level.rq``) answers for one cascade in tens of milliseconds, but over every
implementation edge of a national store Oxigraph evaluates its optional joins row by row (≈70 µs an edge: 5.6 s at
100,000 letters). Without a target the report needs every edge anyway, so here each predicate it reads is scanned
once (``lin:implements``, ``lin:date``, ``lin:issuedBy``, ``lin:level``, ``lin:jurisdiction``, the units' parents,
levels and labels) and the rows are joined with dictionaries. The rows are the SPARQL's, value for value
(``tests/test_report_plans.py`` checks both forms against each other).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import pyoxigraph as ox

from lineage.graph.rdf.store import GraphStore
from lineage.ontology.terms import LIN, RDF, SKOS

__all__ = ["lag_rows"]

def _pairs(store: GraphStore, predicate: str) -> Iterator[tuple[str, Any]]:
    """(subject IRI, object term) of every ``predicate`` triple in the default graph (the union of the files)."""
    for s, o in store.scan(predicate):
        if isinstance(s, ox.NamedNode):
            yield s.value, o


def _days(term: Any) -> int | None:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#date"):
        try:
            return date.fromisoformat(term.value).toordinal()
        except ValueError:
            return None
    return None


def _multi(store: GraphStore, predicate: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for s, o in _pairs(store, predicate):
        out[s].append(o)
    return out


def _iris(terms: list[Any]) -> list[str]:
    return [t.value for t in terms if isinstance(t, ox.NamedNode)]


def lag_rows(store: GraphStore) -> list[dict[str, Any]]:
    """Rows of ``child, parent, level, province, lag_days``: one per implementation edge whose two ends are dated
    (a row per combination where an end has several dates, bodies or units, as the SPARQL gives)."""
    dates: dict[str, list[int]] = defaultdict(list)
    for s, o in _pairs(store, str(LIN.date)):
        d = _days(o)
        if d is not None:
            dates[s].append(d)
    issued = _multi(store, str(LIN.issuedBy))
    level_of = _multi(store, str(LIN.level))
    jurisdiction = _multi(store, str(LIN.jurisdiction))
    notation = {s: o.value for s, o in _pairs(store, str(SKOS.notation)) if isinstance(o, ox.Literal)}
    in_levels = {s for s, o in _pairs(store, str(SKOS.inScheme)) if isinstance(o, ox.NamedNode) and o.value == str(LIN.Levels)}
    within = _multi(store, str(LIN.withinUnit))
    units = {s for s, o in _pairs(store, str(RDF.type)) if isinstance(o, ox.NamedNode) and o.value == str(LIN.AdministrativeUnit)}
    labels = _multi(store, str(SKOS.prefLabel))
    province_level = str(LIN.level_province)

    def provinces(unit: str) -> set[str]:
        if unit not in units:
            return set()
        ups = {unit}
        for _ in range(2):  # the unit, its parent or its grandparent
            ups |= {p for u in ups for p in _iris(within.get(u, []))}
        return {lab.value for pu in ups if province_level in _iris(level_of.get(pu, []))
                for lab in labels.get(pu, []) if isinstance(lab, ox.Literal)}

    province_cache: dict[str, set[str]] = {}
    rows: set[tuple[Any, ...]] = set()
    for child, parent_term in _pairs(store, str(LIN.implements)):
        if not isinstance(parent_term, ox.NamedNode):
            continue
        parent = parent_term.value
        if not dates.get(child) or not dates.get(parent):
            continue
        lags = {c - p for c in dates[child] for p in dates[parent]}
        found: set[tuple[str | None, str | None]] = set()
        for body in _iris(issued.get(child, [])):
            levels: list[str | None] = [notation[lv] for lv in _iris(level_of.get(body, []))
                                        if lv in in_levels and lv in notation] or [None]
            provs: set[str | None] = set()
            for ju in _iris(jurisdiction.get(body, [])):
                if ju not in province_cache:
                    province_cache[ju] = provinces(ju)
                provs |= province_cache[ju] or {None}
            found |= {(lv, pr) for lv in levels for pr in provs or {None}}
        for lv, pr in found or {(None, None)}:
            for lag in lags:
                rows.add((child, parent, lv, pr, lag))
    return [{"child": c, "parent": p, "level": lv, "province": pr, "lag_days": lag} for c, p, lv, pr, lag in rows]
