"""The administrative and organisational hierarchy, as its own named graph.

Units come from the gazetteer (:mod:`lineage.reference.gazetteer`): provinces and their
districts of the old map, provinces of the 2025 map, linked by ``lin:withinUnit`` and
``lin:mergedInto``. Each unit also gets its Party committee ("Tỉnh ủy Cao Bằng",
"Thành ủy Cẩm Phả" …, named as the extractor names issuers, so the IRIs meet), with
``lin:jurisdiction`` and, for a district committee, ``lin:parentBody`` to the province's
committee. Boards reach their committee from the letters (``lin:parentBody`` by name).

With this graph in the store, ``not-yet-implemented`` can list the provinces (or the
districts of a province) that have no implementing letter.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from lineage.graph.rdf.iri import Minter
from lineage.ontology.terms import DEFAULT_BASE, LIN, RDF, SKOS, STORE_NS, bind_prefixes, level_concept
from lineage.reference import tables
from lineage.reference.bodies import key_label
from lineage.reference.gazetteer import Gazetteer, Unit, gazetteer

__all__ = ["DEFAULT_SCOPE", "HIERARCHY_GRAPH", "committee_name", "hierarchy_graph"]

HIERARCHY_GRAPH = STORE_NS["hierarchy"]
#: (era, levels) loaded by default: communes (10k+) are left out to keep the store small.
DEFAULT_SCOPE: tuple[tuple[str, tuple[str, ...]], ...] = (("old", ("province", "district")), ("2025", ("province",)))


def committee_name(unit: Unit, gaz: Gazetteer) -> str | None:
    """The Party committee of a unit: "Tỉnh ủy Cao Bằng", "Thành ủy Cần Thơ", "Huyện ủy Đình Lập"."""
    return key_label(committee_key(unit, gaz))


def committee_key(unit: Unit, gaz: Gazetteer) -> str | None:
    """The committee's key as the extractor writes it ("Tỉnh ủy@old:04"), so the IRIs meet."""
    word = _committee_word(unit, gaz)
    return f"{word}@{unit.era}:{unit.code}" if word else None


def _committee_word(unit: Unit, gaz: Gazetteer) -> str | None:
    unit_word = gaz.kinds[unit.kind]["prefix"].lower()
    return next((row["word"] for row in tables.committees() if row["unit"] == unit_word), None)


def hierarchy_graph(base: str = DEFAULT_BASE, scope: Iterable[tuple[str, Iterable[str]]] = DEFAULT_SCOPE,
                    gaz: Gazetteer | None = None) -> Graph:
    """The hierarchy graph for the given (era, levels) scope."""
    gaz = gaz or gazetteer()
    m = Minter(base)
    g = bind_prefixes(Graph())
    scope = [(era, tuple(levels)) for era, levels in scope]
    eras = {era for era, _ in scope}
    for era, levels in scope:
        for level in levels:
            for u in gaz.units(era, level):
                _unit(g, m, gaz, u, eras)
    return g


def _unit(g: Graph, m: Minter, gaz: Gazetteer, u: Unit, eras: set[str]) -> URIRef:
    iri = m.unit(u.era, u.code)
    g.add((iri, RDF.type, LIN.AdministrativeUnit))
    g.add((iri, SKOS.prefLabel, Literal(u.name, lang="vi")))
    g.add((iri, SKOS.altLabel, Literal(u.short_name, lang="vi")))
    g.add((iri, LIN.unitCode, Literal(u.code)))
    g.add((iri, LIN.unitKind, Literal(u.kind)))
    g.add((iri, LIN.era, Literal(u.era)))
    lv = level_concept(u.level)
    if lv is not None:
        g.add((iri, LIN.level, lv))
    parent = gaz.parent(u)
    if parent is not None:
        g.add((iri, LIN.withinUnit, m.unit(parent.era, parent.code)))
    if u.level == "province" and "2025" in eras:
        for code in u.merged_into:
            if u.era != "2025":
                g.add((iri, LIN.mergedInto, m.unit("2025", code)))
    name = committee_name(u, gaz)
    if name is not None and u.level in ("province", "district"):
        body = m.body(name, committee_key(u, gaz))
        g.add((body, RDF.type, LIN.Body))
        g.add((body, SKOS.prefLabel, Literal(name, lang="vi")))
        if lv is not None:
            g.add((body, LIN.level, lv))
        g.add((body, LIN.jurisdiction, iri))
        if parent is not None:
            parent_name = committee_name(parent, gaz)
            if parent_name:
                g.add((body, LIN.parentBody, m.body(parent_name, committee_key(parent, gaz))))
    return iri
