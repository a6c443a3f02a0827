"""Resolve a document reference as a user types it to the IRI of a document in the store.

Accepted forms: ``534-CV/BTGTW``, ``1699/CĐ-TTg`` (or ``1699/CD-TTg``), ``120/2003/QĐ-UB``,
``132-CV/TU`` with ``issuer=``/``year=`` when several issuers used the same number, or an
IRI. An unknown or ambiguous reference raises :class:`~lineage.errors.ResolveError`
carrying the candidates — never a silent guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef

from lineage.errors import ResolveError
from lineage.graph.rdf.iri import core_symbol, document_year, slug, symbol_year
from lineage.graph.rdf.store import GraphStore

__all__ = ["Candidate", "find_candidates", "parse_ref", "resolve_doc"]

_REF_RE = re.compile(r"^\s*(?:số\s*)?(?P<number>\d+[a-zA-Z]?)\s*[-/]\s*(?P<symbol>\S.*?)\s*$", re.IGNORECASE)
_IRI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
# characters RFC 3987 forbids in an IRI (spaces are already kept out by ``_IRI_RE``)
_BAD_IRI_CHAR = re.compile(r'[<>"{}|\\^`\x00-\x20]')
_YEAR_IN_IRI = re.compile(r"/((?:19|20)\d\d)/")

# a node joined to another (an undated citation, a reviewer's link: graph/rdf/joins.py) is that other document
_CANDIDATES = """
SELECT DISTINCT ?doc ?symbol ?identifier ?issuer ?date WHERE {
  ?doc a lin:Document ; lin:number ?number .
  FILTER NOT EXISTS { ?doc owl:sameAs ?other }
  OPTIONAL { ?doc lin:symbol ?symbol }
  OPTIONAL { ?doc dcterms:identifier ?identifier }
  OPTIONAL { ?doc lin:issuedBy/skos:prefLabel ?issuer }
  OPTIONAL { ?doc lin:date ?date }
}"""
_EXISTS = "SELECT ?doc WHERE { ?doc a lin:Document } LIMIT 1"


@dataclass(frozen=True)
class Candidate:
    iri: str
    identifier: str | None
    issuer: str | None
    date: str | None
    year: int | None

    def __str__(self) -> str:
        bits = [self.identifier or "?", self.issuer or "issuer unknown", self.date or (str(self.year) if self.year else "undated")]
        return f"{' — '.join(bits)} <{self.iri}>"


def parse_ref(ref: str) -> tuple[str, str]:
    """``"534-CV/BTGTW"`` → ``("534", "CV/BTGTW")``; raises ResolveError when it is not a reference."""
    m = _REF_RE.match(ref)
    if not m:
        raise ResolveError(f"{ref!r} is not a document reference (expected e.g. 534-CV/BTGTW, 1699/CĐ-TTg or an IRI)")
    return m.group("number"), m.group("symbol")


def _select(source: GraphStore | Dataset, sparql: str, bindings: dict) -> list[dict]:
    from lineage.graph.rdf.reports import select  # reports imports store; keep the import graph acyclic
    return select(source, sparql, bindings)


def find_candidates(source: GraphStore | Dataset, ref: str, *, issuer: str | None = None,
                    year: int | None = None) -> list[Candidate]:
    """Documents matching ``ref`` (number and symbol), narrowed by issuer and year."""
    number, symbol = parse_ref(ref)
    want = slug(core_symbol(symbol) or "")
    ref_year = symbol_year(symbol)
    out = []
    for r in _select(source, _CANDIDATES, {"number": Literal(number)}):
        if slug(core_symbol(r["symbol"]) or "") != want:
            continue
        m = _YEAR_IN_IRI.search(r["doc"])
        y = document_year(r["date"], r["symbol"]) or (int(m.group(1)) if m else None)
        out.append(Candidate(r["doc"], r["identifier"], r["issuer"], r["date"], y))
    if ref_year is not None:
        out = [c for c in out if c.year == ref_year]
    if year is not None:
        out = [c for c in out if c.year == int(year)]
    if issuer:
        key = slug(issuer)
        exact = [c for c in out if c.issuer and slug(c.issuer) == key]
        out = exact or [c for c in out if c.issuer and key in slug(c.issuer)]
    # the same document seen with two issuer spellings is still one IRI
    uniq = {c.iri: c for c in out}
    return sorted(uniq.values(), key=lambda c: (c.year or 0, c.issuer or "", c.iri))


def resolve_doc(source: GraphStore | Dataset, ref: str, *, issuer: str | None = None, year: int | None = None) -> str:
    """The IRI of the one document ``ref`` names; ResolveError (with candidates) otherwise."""
    ref = ref.strip()
    if _IRI_RE.match(ref) and not _REF_RE.match(ref):
        bad = _BAD_IRI_CHAR.search(ref.strip("<>"))
        if bad:  # the store would refuse it deep inside a query
            raise ResolveError(f"{ref}: not a valid IRI (it contains {bad.group()!r})")
        if _select(source, _EXISTS, {"doc": URIRef(ref.strip("<>"))}):
            return ref.strip("<>")
        raise ResolveError(f"{ref}: no such document in the store")
    found = find_candidates(source, ref, issuer=issuer, year=year)
    if len(found) == 1:
        return found[0].iri
    if not found:
        number, _ = parse_ref(ref)
        near = [c for c in find_candidates_by_number(source, number)]
        hint = "; documents with that number: " + "; ".join(map(str, near)) if near else ""
        narrowed = " with the given issuer/year" if issuer or year else ""
        raise ResolveError(f"{ref}: no document{narrowed} in the store{hint}", [c.iri for c in near])
    raise ResolveError(
        f"{ref} is ambiguous ({len(found)} documents); add --issuer or --year:\n  " + "\n  ".join(map(str, found)),
        [c.iri for c in found])


def find_candidates_by_number(source: GraphStore | Dataset, number: str) -> list[Candidate]:
    rows = _select(source, _CANDIDATES, {"number": Literal(number)})
    return sorted({r["doc"]: Candidate(r["doc"], r["identifier"], r["issuer"], r["date"],
                                       document_year(r["date"], r["symbol"])) for r in rows}.values(),
                  key=lambda c: c.iri)
