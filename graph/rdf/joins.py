"""Joins: an undated citation joined to the one dated document it can name, and reviewers' links.

A letter that cites "Công văn số 182-CV/TU của Ban Thường vụ Tỉnh ủy" without a date makes an
``…/undated/182-cv-tu`` node: the graph of one letter cannot know which year it means. The store
can. After every change it recomputes the *joins* (:data:`JOINS_GRAPH`): an undated cited node is
joined to a dated document of the same issuer, type, number and symbol when exactly one is
plausible under the numbering regime (``reference/data/numbering.json``):

* not dated after the first letter that cites it;
* Party documents (``182-CV/TU``: numbered per term): not separated from that letter by a whole
  congress season of its issuer's level — an older term's document is another document;
* State documents (``12/UBND-VX``: numbered per year): any earlier year.

Several plausible documents, or none, leave the node apart, with the reason (:class:`Join`).

A reviewer's decision (``lineage link A B`` / ``lineage unlink A B``) is kept in :data:`LINKS_GRAPH`
with who and when, across reloads. ``link`` joins A to B as an automatic join would; ``unlink``
takes a join apart and keeps it apart.

A join is written as triples, so SPARQL reports, the mirror and its Cypher reports follow it
alike: ``A owl:sameAs B``, and for each citation of A a copy that cites B (same relation,
evidence and offsets, ``lin:joinedFrom A``) with the direct edge (``L lin:implements B``).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from lineage.graph.rdf.iri import core_symbol, symbol_match
from lineage.ontology.terms import DCTERMS, LIN, OWL, PROV, RDF, STORE_NS, relation_property
from lineage.reference import tables

__all__ = ["JOINS_GRAPH", "LINKS_GRAPH", "Join", "Link", "join_lines", "joins", "link_lines", "regime"]

JOINS_GRAPH = STORE_NS["joins"]
LINKS_GRAPH = STORE_NS["links"]

_DATED = """
SELECT ?doc ?number ?symbol ?type ?date ?issuer WHERE {
  ?doc a lin:Document ; lin:number ?number ; lin:date ?date ; lin:issuedBy ?issuer .
  OPTIONAL { ?doc lin:symbol ?symbol }
  OPTIONAL { ?doc lin:docType ?type }
}"""

# an undated cited node (cited only: a loaded letter always has its file) and its first citing letter
_UNDATED = """
SELECT ?doc ?number ?symbol ?type ?issuer ?level ?identifier (MIN(?on) AS ?first) WHERE {
  ?doc a lin:Document ; lin:number ?number ; lin:issuedBy ?issuer .
  FILTER NOT EXISTS { ?doc lin:date ?d }
  FILTER NOT EXISTS { ?doc prov:wasDerivedFrom ?src }
  OPTIONAL { ?doc lin:symbol ?symbol }
  OPTIONAL { ?doc lin:docType ?type }
  OPTIONAL { ?doc dcterms:identifier ?identifier }
  OPTIONAL { ?issuer lin:level/skos:notation ?level }
  OPTIONAL { ?c lin:citedDocument ?doc . ?letter lin:citation ?c ; lin:date ?on }
} GROUP BY ?doc ?number ?symbol ?type ?issuer ?level ?identifier"""

# what a joined node's citations say, to be said of the document it is joined to (the store's own
# bookkeeping graphs are not read: a join is never copied from a join)
_CITATIONS = """
SELECT ?letter ?c ?rel ?evidence ?start ?end ?source ?written WHERE {
  ?letter lin:citation ?c . ?c lin:citedDocument ?doc ; lin:relation ?rel .
  FILTER NOT EXISTS { ?c lin:joinedFrom ?x }
  OPTIONAL { ?c lin:evidence ?evidence }
  OPTIONAL { ?c lin:startOffset ?start }
  OPTIONAL { ?c lin:endOffset ?end }
  OPTIONAL { ?c prov:wasQuotedFrom ?source }
  OPTIONAL { ?c lin:issuerAsWritten ?written }
}"""

_LINKS = """
SELECT ?link ?a ?b ?decision ?by ?at WHERE { GRAPH store:links {
  ?link a lin:Link ; lin:linkFrom ?a ; lin:linkTo ?b ; lin:decision ?decision .
  OPTIONAL { ?link dcterms:creator ?by } OPTIONAL { ?link dcterms:created ?at } } }"""


@dataclass(frozen=True)
class Join:
    """One undated node and what became of it: ``target`` when joined, else the ``reason``."""

    node: str
    target: str | None
    reason: str
    identifier: str | None = None
    by: str = "rule"  # "rule" (the numbering regime) or "link" (a reviewer)


@dataclass(frozen=True)
class Link:
    """A reviewer's decision about two nodes: "same" (joined) or "different" (kept apart)."""

    a: str
    b: str
    decision: str
    by: str | None = None
    at: str | None = None


@cache
def _windows() -> dict[str, list[tuple[str, str]]]:
    data = tables.load("numbering")["party_congress_windows"]
    return {"central": [(w["from"], w["to"]) for w in data["central"]],
            "local": [(w["from"], w["to"]) for w in data["local"]]}


def regimes_markdown() -> str:
    """The numbering regimes and congress seasons as the Markdown docs/store.md carries (checked by a test)."""
    data = tables.load("numbering")
    out = ["| regime | identified by | numbering restarts | written | sources |", "|---|---|---|---|---|"]
    for r in data["regimes"]:
        out.append(f"| {r['name']} | {' + '.join(r['identity'])} | {r['restarts']} | {r['symbol_form']} | "
                   f"{'; '.join(r['sources'])} |")
    w = data["party_congress_windows"]
    out += ["", "Party congress seasons (a term ends and the next begins within one):", ""]
    out += [f"- Central Committee, congress {x['congress']}: {x['from']} – {x['to']}" for x in w["central"]]
    out += [f"- local committees, term {x['term']}: {x['from']} – {x['to']} ({x['source']})" for x in w["local"]]
    return "\n".join(out)


def regime(symbol: str | None) -> str | None:
    """"party" for a Party symbol (``CV/TU``: number-TYPE/ISSUER), "state" for a State one, None unknown."""
    core = core_symbol(symbol)
    if not core:
        return None
    return "party" if "/" in core else "state"


def _same_term(dated: str, citing: str, level: str | None) -> bool:
    """False when a whole congress season of the issuer's level lies between the two dates."""
    windows = _windows()["central" if level == "central" else "local"]
    return not any(dated < start and citing > end for start, end in windows)


def _key(number: Any, symbol: Any, doc_type: Any, issuer: Any) -> tuple[str, str, str, str]:
    return str(issuer), str(doc_type or ""), str(number).lstrip("0") or "0", symbol_match(str(symbol or ""))


def joins(gs: Any, links: list[Link] | None = None) -> list[Join]:
    """What becomes of every undated cited node of the store ``gs`` (a :class:`GraphStore`)."""
    links = links if links is not None else read_links(gs)
    apart = {frozenset((x.a, x.b)) for x in links if x.decision == "different"}
    undated = gs.select(_UNDATED)
    dated: dict[tuple[str, str, str, str], list[tuple[str, str]]] = defaultdict(list)
    if undated:  # (the dated documents are read only when there is something to join)
        numbers = " ".join(sorted({'"' + str(r["number"]).replace('"', "") + '"' for r in undated}))
        for r in gs.select(_DATED.replace("WHERE {", "WHERE { VALUES ?number { " + numbers + " }", 1)):
            dated[_key(r["number"], r.get("symbol"), r.get("type"), r["issuer"])].append((str(r["date"]), str(r["doc"])))
    out: list[Join] = []
    for r in undated:
        node, first, ident = str(r["doc"]), (str(r["first"]) if r.get("first") else None), r.get("identifier")
        same = sorted({d for d in dated.get(_key(r["number"], r.get("symbol"), r.get("type"), r["issuer"]), [])
                       if d[1] != node and frozenset((node, d[1])) not in apart})
        if not same:
            out.append(Join(node, None, "no dated document of that issuer, type, number and symbol", ident))
            continue
        kind = regime(r.get("symbol"))
        fits = [(d, iri) for d, iri in same if first is None or (
            d <= first and (kind != "party" or _same_term(d, first, r.get("level"))))]
        if len(fits) == 1:
            why = "the only dated document of that issuer, type, number and symbol"
            why += f" not after the first citing letter ({first})" if first else ""
            if kind == "party" and first:
                why += " and of its term"
            out.append(Join(node, fits[0][1], why, ident))
        elif fits:
            out.append(Join(node, None, f"{len(fits)} dated documents fit ({', '.join(d for d, _ in fits)}); kept "
                                        "apart — `lineage link` joins it to one", ident))
        else:
            out.append(Join(node, None, f"the dated documents ({', '.join(d for d, _ in same)}) are after the "
                                        f"citing letter ({first}) or of another term", ident))
    joined = {j.node for j in out}
    for x in links:  # a reviewer's "same" decides, whatever the rule found
        if x.decision == "same":
            if x.a in joined:
                out = [j for j in out if j.node != x.a]
            out.append(Join(x.a, x.b, f"linked by {x.by or 'a reviewer'}" + (f" on {x.at[:10]}" if x.at else ""),
                            None, "link"))
    return sorted(out, key=lambda j: j.node)


def read_links(gs: Any) -> list[Link]:
    """The reviewers' decisions recorded in the store, latest last."""
    rows = gs.select(_LINKS)
    return sorted((Link(str(r["a"]), str(r["b"]), str(r["decision"]), r.get("by"), str(r["at"]) if r.get("at") else None)
                   for r in rows), key=lambda x: (x.at or "", x.a, x.b))


def join_lines(gs: Any, found: list[Join]) -> list[str]:
    """The triples (N-Triples lines without the final dot) that say the joins in ``found``."""
    from lineage.graph.rdf.terms import to_ox

    lines: dict[str, None] = {}

    def add(s: Any, p: Any, o: Any) -> None:
        lines[f"{to_ox(s)} {to_ox(p)} {to_ox(o)}"] = None

    from rdflib import Literal, URIRef

    for j in found:
        if j.target is None:
            continue
        node, target = URIRef(j.node), URIRef(j.target)
        add(node, OWL.sameAs, target)
        for r in gs.select(_CITATIONS, {"doc": node}):
            letter, c = URIRef(r["letter"]), str(r["c"])
            copy = URIRef(f"{c}-joined-{hashlib.sha1(j.target.encode()).hexdigest()[:8]}")
            add(letter, LIN.citation, copy)
            add(copy, RDF.type, LIN.Citation)
            add(copy, LIN.citedDocument, target)
            add(copy, LIN.relation, URIRef(r["rel"]))
            add(copy, LIN.joinedFrom, node)
            for p, key in ((LIN.evidence, "evidence"), (LIN.issuerAsWritten, "written")):
                if r.get(key) is not None:
                    add(copy, p, Literal(r[key]))
            for p, key in ((LIN.startOffset, "start"), (LIN.endOffset, "end")):
                if r.get(key) is not None:
                    add(copy, p, Literal(int(r[key])))
            if r.get("source"):
                add(copy, PROV.wasQuotedFrom, URIRef(r["source"]))
            notation = str(r["rel"]).rsplit("relation_", 1)[-1]
            if letter != target:  # a letter never implements itself
                add(letter, relation_property(notation), target)
    return list(lines)


def link_lines(base: str, a: str, b: str, decision: str, by: str | None, at: str | None = None) -> list[str]:
    """The triples of one reviewer's decision about ``a`` and ``b``."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from lineage.graph.rdf.terms import to_ox

    link = URIRef(f"{base}link/{hashlib.sha1(f'{a} {b}'.encode()).hexdigest()[:16]}")
    at = at or datetime.now(UTC).replace(microsecond=0).isoformat()
    triples = [(link, RDF.type, LIN.Link), (link, LIN.linkFrom, URIRef(a)), (link, LIN.linkTo, URIRef(b)),
               (link, LIN.decision, Literal(decision)), (link, DCTERMS.created, Literal(at, datatype=XSD.dateTime))]
    if by:
        triples.append((link, DCTERMS.creator, Literal(by)))
    return [f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in triples]
