"""The propagation DAG below a letter, read from the store with SPARQL.

Edges point from the cited (earlier, higher) letter to the letter that carries it
out, following ``lin:implements`` and, on request, ``lin:followsUp`` and
``lin:basedOn``. Each node carries what :mod:`lineage.graph.analysis.cascade` and the
views read: ``label`` ("156-CV/TU"), ``doc_type``, ``issuer``, ``level``,
``province`` (gazetteer short name: "Quảng Ninh"), ``district`` (full name:
"Thành phố Cẩm Phả"), ``date`` (ISO) and ``subject``; each edge its
``relation`` and ``lag_days``.

The walk is breadth-first, one query per level of the tree (``VALUES`` batches), over
the store's default graph (the set union of every file's triples).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from string import Template
from typing import Any
from urllib.parse import unquote

import networkx as nx

from lineage.errors import ResolveError, StoreError
from lineage.ontology.terms import doc_types, levels, relation_property, relations, sparql_prologue
from lineage.reference.gazetteer import gazetteer

__all__ = ["RELATIONS", "edge_rows", "node_rows", "propagation_dag", "tree_dict", "tree_rows"]

#: Relations a propagation tree may follow (``references`` is a mere mention).
RELATIONS = ("implements", "follows_up", "based_on")

_BATCH = 400  # IRIs per VALUES block: keeps each query small for Oxigraph's planner

_KNOWN = Template("SELECT ?p WHERE { $doc ?p ?o } LIMIT 1")

# (relation, parent) pairs in one VALUES block: two separate blocks made Oxigraph scan every triple of
# the relation for each parent (0.8 s for 192 parents in a 100,000-letter store; 8 ms as pairs)
_EDGES = Template("""
SELECT DISTINCT ?parent ?child ?rel WHERE {
  VALUES (?rel ?parent) { $pairs }
  ?child ?rel ?parent
}
""")

# One row per letter; SAMPLE/MIN because a letter is described both by its own file
# and by every file citing it. The issuer's unit is read as its IRI and placed on the map by the
# gazetteer (province, district): walking lin:withinUnit paths from it in SPARQL made Oxigraph
# scan the hierarchy for every letter (20 s for 100 letters of a 6,000-letter store; now ms).
_NODES = Template("""
SELECT ?doc (SAMPLE(?id) AS ?label) (MIN(STR(?d)) AS ?date) (SAMPLE(?subj) AS ?subject)
       (SAMPLE(?dt) AS ?docType) (SAMPLE(?iname) AS ?issuer) (SAMPLE(?lv) AS ?level)
       (SAMPLE(?ju) AS ?unit) WHERE {
  VALUES ?doc { $docs }
  OPTIONAL { ?doc dcterms:identifier ?id }
  OPTIONAL { ?doc lin:date ?d }
  OPTIONAL { ?doc lin:subject ?subj }
  OPTIONAL { ?doc lin:docType ?dt }
  OPTIONAL {
    ?doc lin:issuedBy ?body .
    OPTIONAL { ?body skos:prefLabel ?iname }
    OPTIONAL { ?body lin:level ?lv }
    OPTIONAL { ?body lin:jurisdiction ?ju }
  }
} GROUP BY ?doc
""")


@cache
def _relation_of_property() -> dict[str, str]:
    return {str(c.prop): c.notation for c in relations() if c.prop is not None}


@cache
def _level_of_concept() -> dict[str, str]:
    return {str(c.iri): c.notation for c in levels()}


@cache
def _doc_type_label() -> dict[str, str]:
    return {str(c.iri): c.label_vi for c in doc_types()}


def _select(store: Any, query: str) -> list[dict[str, Any]]:
    """Run a SELECT on the store; rows map variable names to plain values (IRIs as str)."""
    if hasattr(store, "select"):  # lineage.graph.rdf.store.GraphStore: adds the prefixes itself
        return [{k: (None if v is None else str(v)) for k, v in row.items()} for row in store.select(query)]
    try:  # a bare pyoxigraph.Store (tests, notebooks)
        solutions = store.query(sparql_prologue() + query)
        names = [v.value for v in solutions.variables]
        return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]
    except (SyntaxError, OSError) as e:
        raise StoreError(f"SPARQL query failed: {e}") from e


def _iri_list(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _batches(items: Sequence[str], size: int = _BATCH) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def propagation_dag(
    store: Any,
    root_iri: str,
    relations: Sequence[str] = ("implements",),
    max_depth: int | None = None,
) -> nx.DiGraph:
    """The letters that carry out ``root_iri``, directly or through other letters.

    Parameters
    ----------
    store : lineage.graph.rdf.store.Store or pyoxigraph.Store
        Where the letters were loaded.
    root_iri : str
        The root letter's IRI (resolve what a user typed first).
    relations : sequence of str
        Which citation relations to follow, from :data:`RELATIONS`.
    max_depth : int, optional
        Stop this many links below the root.

    Returns
    -------
    networkx.DiGraph
        With ``G.graph["root"]`` and ``G.graph["relations"]``; node keys are IRIs.

    Raises
    ------
    ValueError
        For a relation outside :data:`RELATIONS`.
    lineage.errors.ResolveError
        If the store knows nothing about ``root_iri``.
    """
    bad = [r for r in relations if r not in RELATIONS]
    if bad:
        raise ValueError(f"cannot follow {', '.join(bad)}; choose from {', '.join(RELATIONS)}")
    root_iri = str(root_iri)
    rels = [f"<{relation_property(r)}>" for r in relations]
    rel_name = _relation_of_property()

    if not _select(store, _KNOWN.substitute(doc=f"<{root_iri}>")):
        raise ResolveError(f"{root_iri}: no such letter in the store")
    G = nx.DiGraph(root=root_iri, relations=tuple(relations))
    G.add_node(root_iri)
    frontier, depth = [root_iri], 0
    while frontier and (max_depth is None or depth < max_depth):
        found: list[str] = []
        for batch in _batches(frontier):
            pairs = " ".join(f"({rel} <{parent}>)" for parent in batch for rel in rels)
            for row in _select(store, _EDGES.substitute(pairs=pairs)):
                parent, child = row["parent"], row["child"]
                assert parent is not None and child is not None
                if child not in G:
                    found.append(child)
                    G.add_node(child)
                G.add_edge(parent, child, relation=rel_name.get(row["rel"] or "", "implements"))
        frontier, depth = sorted(set(found)), depth + 1

    _describe(store, G)
    for u, v, a in G.edges(data=True):
        du, dv = G.nodes[u].get("date"), G.nodes[v].get("date")
        a["lag_days"] = (date.fromisoformat(dv) - date.fromisoformat(du)).days if du and dv else None
    return G


def _describe(store: Any, G: nx.DiGraph) -> None:
    """Fill node attributes with one grouped query per batch of letters."""
    level_name, type_label = _level_of_concept(), _doc_type_label()
    for batch in _batches(sorted(G.nodes)):
        for row in _select(store, _NODES.substitute(docs=_iri_list(batch))):
            doc = row["doc"]
            d = row.get("date")
            day = d[:10] if d else None
            province, district = _place(row.get("unit"))
            G.nodes[doc].update(
                label=row.get("label") or "(no number)",
                doc_type=type_label.get(row.get("docType") or ""),
                date=day,
                subject=row.get("subject"),
                issuer=row.get("issuer"),
                level=level_name.get(row.get("level") or ""),
                province=province,
                district=district,
            )


@cache
def _place(unit_iri: str | None) -> tuple[str | None, str | None]:
    """(province short name, district full name) of a unit IRI (``…/unit/old/195``), from the gazetteer."""
    if not unit_iri:
        return None, None
    era, _, code = unit_iri.rsplit("/unit/", 1)[-1].partition("/")
    g = gazetteer()
    u = g.get(unquote(code), era) if era and code else None
    if u is None:
        return None, None
    district = next((x for x in (u, g.parent(u)) if x is not None and x.level == "district"), None)
    return g.province_of(u).short_name, district.name if district is not None else None


def node_rows(G: nx.DiGraph) -> list[dict[str, Any]]:
    """One dict per letter, root first then by date and label (for tables and JSON)."""
    root = G.graph.get("root")
    dist = nx.single_source_shortest_path_length(G, root) if root in G else {}
    order = sorted(
        G.nodes, key=lambda n: (n != root, G.nodes[n].get("date") or "9999", str(G.nodes[n].get("label") or n))
    )
    cols = ("label", "doc_type", "date", "issuer", "level", "province", "district", "subject")
    return [{"iri": n, "depth": dist.get(n), **{c: G.nodes[n].get(c) for c in cols}} for n in order]


def edge_rows(G: nx.DiGraph) -> list[dict[str, Any]]:
    """One dict per link: ``source``, ``target`` (IRIs), their labels, relation, lag in days."""
    rows = [
        {
            "source": u,
            "target": v,
            "source_label": G.nodes[u].get("label"),
            "target_label": G.nodes[v].get("label"),
            "relation": a.get("relation"),
            "lag_days": a.get("lag_days"),
        }
        for u, v, a in G.edges(data=True)
    ]
    return sorted(rows, key=lambda r: (G.nodes[r["target"]].get("date") or "9999", str(r["target_label"])))


def tree_dict(G: nx.DiGraph) -> dict[str, Any]:
    """The JSON shape of ``lineage tree --format json``.

    ``{"root": iri, "relations": [...], "nodes": [...], "edges": [{"source", "target",
    "relation", "lag_days", …}]}``
    """
    return {
        "root": G.graph.get("root"),
        "relations": list(G.graph.get("relations") or ()),
        "nodes": node_rows(G),
        "edges": edge_rows(G),
    }


def tree_rows(G: nx.DiGraph) -> list[dict[str, Any]]:
    """One row per letter in depth-first order, with its depth below the root; shared letters once."""
    root = G.graph["root"]
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []

    def key(n: str) -> tuple[str, str]:
        return (G.nodes[n].get("date") or "9999", str(G.nodes[n].get("label")))

    stack: list[tuple[str, str | None, int]] = [(root, None, 0)]
    while stack:
        n, parent, depth = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        a = G.nodes[n]
        e = G.edges[parent, n] if parent is not None else {}
        others = sorted(G.nodes[p].get("label") or p for p in G.predecessors(n) if p != parent)
        rows.append(
            {
                "depth": depth,
                "letter": str(a.get("label") or n),
                "date": a.get("date"),
                "lag_days": e.get("lag_days"),
                "relation": e.get("relation"),
                "issuer": a.get("issuer"),
                "level": a.get("level"),
                "province": a.get("province"),
                "also_implements": others,
            }
        )
        stack.extend((c, n, depth + 1) for c in sorted(G.successors(n), key=key, reverse=True))
    return rows
