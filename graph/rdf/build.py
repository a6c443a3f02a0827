"""Turn one :class:`~lineage.models.Letter` into the RDF graph of its source file.

The graph is a pure function of the letter (and the base IRI): nothing is looked up in
a store, so the union of the graphs of a corpus does not depend on the load order.
Documents, bodies and units get identity IRIs (:mod:`lineage.graph.rdf.iri`); what belongs to
one reading of one file — the citations with their evidence spans, recipients,
signature, assignments — hangs off the source file's IRI (``{source}#citation-1``).

A citation is stored twice on purpose: as a reified ``lin:Citation`` node carrying the
relation, the evidence text and its offsets (PROV-O), and as a direct edge
(``lin:implements``, ``lin:basedOn``, ``lin:followsUp``, ``lin:references``) that
reports and property paths can follow cheaply.

The builder writes each triple once, as an N-Triples line (what the store feeds Oxigraph,
:attr:`BuiltLetter.lines`) beside the terms it was made of; the rdflib form
(:attr:`BuiltLetter.graph`) is made from those terms only when asked for. A body's or a
unit's triples depend only on its name and the letter's province and era, so they are
built once per process and reused (bodies recur in nearly every letter).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from lineage.graph.rdf.filing import pack_lines, shared_subjects
from lineage.graph.rdf.iri import Minter, identifier, letter_sha256
from lineage.graph.rdf.places import Places, places
from lineage.models import Letter
from lineage.ontology.terms import (
    DCTERMS,
    DEFAULT_BASE,
    LIN,
    PROV,
    RDF,
    SKOS,
    bind_prefixes,
    copy_purpose,
    doc_type_concept,
    level_concept,
    relation_concept,
    relation_property,
)
from lineage.reference.bodies import central, key_label
from lineage.reference.gazetteer import Unit
from lineage.reference.normalize import canonical

__all__ = ["BuiltLetter", "FiledLetter", "Lit", "build_letter", "letter_to_graph", "source_key"]

VI = "vi"
_XSD_INTEGER, _XSD_BOOLEAN, _XSD_DATE = str(XSD.integer), str(XSD.boolean), str(XSD.date)
# N-Triples string escapes exactly as Oxigraph writes them (its canonical form), so a line
# built here compares equal to the same triple read back from the store
_NT_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_NT_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"})
_NT_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _NT_ESCAPES))) + "]")  # a C scan: literals are a hot path


class Lit(NamedTuple):
    """A literal as the builder records it: lexical form, language tag or datatype IRI."""

    lexical: str
    lang: str | None = None
    datatype: str | None = None

    def nt(self) -> str:
        """The N-Triples form (``"…"@vi``, ``"3"^^<…#integer>``)."""
        text = self.lexical
        if _NT_SPECIAL.search(text):
            text = text.translate(_NT_ESCAPES)
        if self.lang:
            return f'"{text}"@{self.lang}'
        if self.datatype:
            return f'"{text}"^^<{self.datatype}>'
        return f'"{text}"'

    def rdflib(self) -> Literal:
        return Literal(self.lexical, lang=self.lang,
                       datatype=URIRef(self.datatype) if self.datatype else None)


Object = URIRef | Lit
Record = tuple[URIRef, URIRef, Object]  # (subject, predicate, object)


class BuiltLetter:
    """A letter's triples with what the store needs to file them.

    ``lines`` are the distinct triples as N-Triples statements without the final dot
    (``<s> <p> "o"@vi``), in the order built; ``graph`` is the same set as an rdflib Graph.
    """

    __slots__ = ("_graph", "_records", "document", "key", "sha256", "source", "warnings")

    def __init__(self, records: dict[str, Record], document: URIRef, source: URIRef, key: str, sha256: str,
                 warnings: list[str] | None = None) -> None:
        self._records = records
        self._graph: Graph | None = None
        self.document = document  # the letter's IRI
        self.source = source  # the source file's IRI, also the name of the graph
        self.key = key
        self.sha256 = sha256
        self.warnings = warnings if warnings is not None else []

    @property
    def lines(self) -> list[str]:
        return list(self._records)

    @property
    def triple_count(self) -> int:
        return len(self._records)

    def triples(self) -> list[Record]:
        """The triples as (subject, predicate, object) with objects as URIRef or :class:`Lit`."""
        return list(self._records.values())

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """The triples as pyoxigraph quads in ``graph`` (default: the source file's graph)."""
        g = ox.NamedNode(graph or str(self.source))
        out = []
        for s, p, o in self._records.values():
            if isinstance(o, Lit):
                obj: ox.NamedNode | ox.Literal = (
                    ox.Literal(o.lexical, language=o.lang) if o.lang else
                    ox.Literal(o.lexical, datatype=ox.NamedNode(o.datatype)) if o.datatype else ox.Literal(o.lexical))
            else:
                obj = ox.NamedNode(o)
            out.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, g))
        return out

    def filed(self, base: str) -> FiledLetter:
        """What the store needs to file this letter (built under ``base``), without the terms."""
        lines, source = self.lines, str(self.source)
        return FiledLetter(self.key, self.sha256, source, str(self.document), base, lines, list(self.warnings),
                           pack_lines(lines), tuple(shared_subjects(lines, source)))

    @property
    def graph(self) -> Graph:
        """The triples as an rdflib Graph (made on first use)."""
        if self._graph is None:
            g = bind_prefixes(Graph())
            for s, p, o in self._records.values():
                g.add((s, p, o.rdflib() if isinstance(o, Lit) else o))
            self._graph = g
        return self._graph


@dataclass(frozen=True, slots=True)
class FiledLetter:
    """A built letter reduced to what the store files: its N-Triples ``lines`` and bookkeeping.

    Plain strings only, so it pickles cheaply: extraction workers build the graph and ship
    this to the single store writer, which then only writes (see :mod:`lineage.parallel`).
    ``base`` is the base IRI it was built under; a store with another base refuses it.
    """

    key: str
    sha256: str
    source: str
    document: str
    base: str
    lines: list[str]
    warnings: list[str]
    packed: str = ""  # the lines packed for the manifest (:func:`lineage.graph.rdf.filing.pack_lines`)
    mentions: tuple[str, ...] = ()  # subjects of its shared triples (:func:`~lineage.graph.rdf.filing.shared_subjects`)


def source_key(letter: Letter) -> str:
    """The key a letter's file is filed under: its path as given, with '/' separators."""
    return PurePath(letter.file).as_posix()


def letter_to_graph(letter: Letter, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one letter (see :func:`build_letter` for the details)."""
    return build_letter(letter, base).graph


def build_letter(letter: Letter, base: str = DEFAULT_BASE, *, key: str | None = None,
                 resolver: Places | None = None) -> BuiltLetter:
    """Build the graph of ``letter`` under ``base``; ``key`` overrides :func:`source_key`."""
    resolver = resolver or places()
    return _Builder(letter, _minter(base), key or source_key(letter), resolver, _fragments(base, resolver)).build()


@functools.lru_cache(maxsize=16)
def _minter(base: str) -> Minter:
    m = Minter(base)
    ox.NamedNode(m.base)  # ValueError unless an IRI: every minted IRI is the base plus safe characters
    return m


_FRAGMENT_LIMIT = 100_000  # cached bodies/units per (base, resolver); cleared when full


@functools.lru_cache(maxsize=16)
def _fragments(base: str, resolver: Places) -> dict[tuple, tuple[URIRef, dict[str, Record]]]:
    """Per (base, resolver): the triples of each body and unit already built, by their inputs."""
    return {}


@functools.lru_cache(maxsize=4096)
def _date_lexical(value: str) -> str:
    # rdflib normalises a valid xsd:date's lexical form; keep its exact spelling
    return str(Literal(value, datatype=XSD.date))


class _Builder:
    def __init__(self, letter: Letter, minter: Minter, key: str, resolver: Places,
                 fragments: dict[tuple, tuple[URIRef, dict[str, Record]]]) -> None:
        self.l = letter
        self.m = minter
        self.p = resolver
        self.t: dict[str, Record] = {}  # N-Triples line → terms: an ordered set, as a Graph is a set
        self.fragments = fragments
        self.key = key
        self.src = minter.source(key)
        self.sha = letter_sha256(letter)
        self.era = resolver.era_for(letter.date or letter.date_after)
        self.warnings: list[str] = list(letter.warnings)
        self._province = self._letter_province()
        # where the letter's writer stands: names it writes without a place are read from there ("Sở Y tế")
        self._own = resolver.writer(letter.issuer, letter.issuer_key, self._province, self.era)

    # ------------------------------------------------------------------ helpers
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | str | int | bool | None, lang: str | None = None) -> None:
        if o is None:
            return
        if type(o) is URIRef:  # the common case first: isinstance on rdflib terms goes through ABCs
            self.t[f"<{s}> <{p}> <{o}>"] = (s, p, o)
            return
        if o == "":
            return
        if isinstance(o, URIRef):
            self.t[f"<{s}> <{p}> <{o}>"] = (s, p, o)
            return
        if isinstance(o, Literal):
            obj = Lit(str(o), o.language, str(o.datatype) if o.datatype else None)
        elif isinstance(o, bool):
            obj = Lit("true" if o else "false", None, _XSD_BOOLEAN)
        elif isinstance(o, int):
            obj = Lit(str(o), None, _XSD_INTEGER)
        else:
            obj = Lit(canonical(o), lang)
        self.t[f"<{s}> <{p}> {obj.nt()}"] = (s, p, obj)

    def date(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value:
            obj = Lit(_date_lexical(value[:10]), None, _XSD_DATE)
            self.t[f"<{s}> <{p}> {obj.nt()}"] = (s, p, obj)

    def _cached(self, key: tuple, make: object) -> URIRef:
        """Run ``make`` (a method adding a body's or unit's triples) once per key; replay its triples after."""
        hit = self.fragments.get(key)
        if hit is None:
            outer, self.t = self.t, {}
            try:
                iri = make()  # type: ignore[operator]
                hit = (iri, self.t)
            finally:
                outer.update(self.t)
                self.t = outer
            if len(self.fragments) >= _FRAGMENT_LIMIT:
                self.fragments.clear()
            self.fragments[key] = hit
            return hit[0]
        self.t.update(hit[1])
        return hit[0]

    def _letter_province(self) -> str | None:
        lt = self.l
        for name in (lt.issuer_province, lt.issuer_parent):
            u = self.p.province_unit(name, self.era)
            if u is not None:
                return u.short_name
        if lt.issuer:
            u = self.p.unit_of(lt.issuer, era=self.era)
            if u is not None:
                return self.p.province_of(u).short_name
        return None

    def unit(self, u: Unit) -> URIRef:
        """A unit with its label, level and the chain up to its province (so one file validates alone)."""
        return self._cached(("unit", u.era, u.code), lambda: self._unit(u))

    def _unit(self, u: Unit) -> URIRef:
        iri = self.m.unit(u.era, u.code)
        self.add(iri, RDF.type, LIN.AdministrativeUnit)
        self.add(iri, SKOS.prefLabel, u.name, VI)
        self.add(iri, LIN.level, level_concept(u.level))
        parent = self.p.parent_unit(u)
        if parent is not None:
            self.add(iri, LIN.withinUnit, self.unit(parent))
        return iri

    def body(self, name: str, level: str | None = None, key: str | None = None) -> URIRef:
        return self._cached(("body", name, level, key, self._own, self.era), lambda: self._body(name, level, key))

    def _body(self, name: str, level: str | None = None, key: str | None = None) -> URIRef:
        name = canonical(name).strip()
        key = self.body_key(name, level, key)  # a name with no resolution (a parent, an assignee) is keyed the same way
        iri = self.m.body(name, key)
        self.add(iri, RDF.type, LIN.Body)
        national = central(name) if key is None else None
        # one name per body, whichever spelling this letter used
        label = key_label(key) or (national.name if national is not None else name)
        self.add(iri, SKOS.prefLabel, label, VI)
        if label != name:
            self.add(iri, SKOS.altLabel, name, VI)
        # a key is the extractor's resolution ("Huyện ủy@old:020"): its unit is read from it, not re-parsed from the name
        u = self.p.unit_of_key(key) if key else None
        level = level or (u.level if u is not None else None) or \
            self.p.level_of(name, own=self._own, era=self.era)
        self.add(iri, LIN.level, level_concept(level))
        if u is None:
            u = self.p.unit_of(name, own=self._own, era=self.era) if level != "central" else None
        if u is not None:
            self.add(iri, LIN.jurisdiction, self.unit(u))
        parent = self.p.parent_committee(name, own=self._own, era=self.era)
        if parent is not None:
            self.add(iri, LIN.parentBody, self.body(parent))
        return iri

    def evidence(self, node: URIRef, text: str | None, start: int | None, end: int | None) -> None:
        self.add(node, LIN.evidence, text)
        if start is not None:
            self.add(node, LIN.startOffset, int(start))
        if end is not None:
            self.add(node, LIN.endOffset, int(end))
        self.add(node, PROV.wasQuotedFrom, self.src)

    def document(self, iri: URIRef, doc_type: str | None, number: str | None, symbol: str | None) -> None:
        self.add(iri, RDF.type, LIN.Document)
        self.add(iri, LIN.number, number)
        self.add(iri, LIN.symbol, canonical(symbol).strip() if symbol else None)
        self.add(iri, DCTERMS.identifier, identifier(number, symbol))
        c = doc_type_concept(doc_type)
        if c is not None:
            self.add(iri, LIN.docType, c.iri)
        elif doc_type:
            self.warnings.append(f"unknown document type {doc_type!r}")

    # ------------------------------------------------------------------ the letter
    def body_key(self, name: str | None, level: str | None, key: str | None, era: str | None = None) -> str | None:
        """The extractor's key of a body, or (a record without one, e.g. a gold file) the same key derived here."""
        if key is not None or not name or level == "central":
            return key
        return self.p.key_of(canonical(name).strip(), level=level, own=self._own, era=era or self.era)

    def build(self) -> BuiltLetter:
        lt, src = self.l, self.src
        if lt.issuer and lt.issuer_key is None:
            lt = self.l = replace(lt, issuer_key=self.body_key(lt.issuer, lt.issuer_level, None))
        doc = self.m.letter(lt)
        self.add(src, RDF.type, LIN.SourceFile)
        self.add(src, LIN.sha256, self.sha)
        self.add(src, LIN.sourceKey, self.key)

        self.document(doc, lt.doc_type, lt.number, lt.symbol)
        self.add(doc, PROV.wasDerivedFrom, src)
        self.date(doc, LIN.date, lt.date)
        self.date(doc, LIN.dateAfter, lt.date_after)
        self.add(doc, LIN.subject, lt.subject, VI)
        self.add(doc, LIN.place, lt.place)
        self.add(doc, LIN.issuerInferred, bool(lt.issuer_inferred))
        if lt.issuer:
            issuer = self.body(lt.issuer, lt.issuer_level, lt.issuer_key)
            self.add(doc, LIN.issuedBy, issuer)
            if lt.issuer_parent:
                self.add(issuer, LIN.parentBody, self.body(lt.issuer_parent))
        else:
            self.warnings.append("letter has no issuer")

        for i, name in enumerate(lt.recipients, 1):
            r = self.m.part(src, "recipient", i)
            self.add(r, RDF.type, LIN.Recipient)
            self.add(r, LIN.recipientName, name)
            self.add(r, LIN.position, i)
            self.add(doc, LIN.addressedTo, r)

        copies = lt.copy_to_detail or None
        lines = [c.name for c in copies] if copies else lt.copy_to
        for i, name in enumerate(lines, 1):
            detail = copies[i - 1] if copies else None
            c = self.m.part(src, "copy", i)
            self.add(c, RDF.type, LIN.CopyRecipient)
            self.add(c, LIN.recipientName, name)
            self.add(c, LIN.position, i)
            purpose = copy_purpose(name, detail.purpose if detail else None)
            if purpose is not None:
                self.add(c, LIN.purpose, purpose.iri)
            self.add(c, LIN.mark, detail.mark if detail else None)
            self.add(doc, LIN.copyTo, c)

        s = lt.signer
        if s.name or s.role or s.on_behalf_of:
            sig = self.m.part(src, "signature", "")
            self.add(sig, RDF.type, LIN.Signature)
            self.add(sig, LIN.signerName, s.name)
            self.add(sig, LIN.signerRole, s.role)
            self.add(sig, LIN.onBehalfOf, s.on_behalf_of)
            if s.name:
                person = self.m.person(s.name)
                self.add(person, RDF.type, PROV.Person)
                self.add(person, SKOS.prefLabel, s.name, VI)
                self.add(sig, PROV.agent, person)
            self.add(doc, LIN.signature, sig)

        for i, cit in enumerate(lt.citations, 1):
            if cit.issuer and cit.issuer_key is None:  # keyed on the map of the cited document's own date
                cit = replace(cit, issuer_key=self.body_key(cit.issuer, cit.issuer_level, None,
                                                            self.p.era_for(cit.date) if cit.date else None))
            target = self.m.cited(cit)
            if target is None:
                self.warnings.append(f"citation {i} has no number; kept out of the graph: {cit.evidence[:60]!r}")
                continue
            self.document(target, cit.doc_type, cit.number, cit.symbol)
            self.date(target, LIN.date, cit.date)
            if cit.issuer:
                self.add(target, LIN.issuedBy, self.body(cit.issuer, cit.issuer_level, cit.issuer_key))
            node = self.m.part(src, "citation", i)
            self.add(node, RDF.type, LIN.Citation)
            self.add(node, LIN.citedDocument, target)
            self.add(node, LIN.relation, relation_concept(cit.relation))
            self.add(node, LIN.issuerAsWritten, cit.issuer_as_written)
            self.evidence(node, cit.evidence, cit.start, cit.end)
            self.add(doc, LIN.citation, node)
            if target != doc:  # a letter never implements itself, whatever the text says
                self.add(doc, relation_property(cit.relation), target)

        for i, u in enumerate(lt.unnumbered_references, 1):
            node = self.m.part(src, "reference", i)
            self.add(node, RDF.type, LIN.UnnumberedReference)
            self.add(node, LIN.what, u.what)
            self.add(node, LIN.issuerName, u.issuer)
            self.evidence(node, u.evidence, u.start, u.end)
            self.add(doc, LIN.unnumberedReference, node)

        for i, a in enumerate(lt.assignments, 1):
            node = self.m.part(src, "assignment", i)
            self.add(node, RDF.type, LIN.Assignment)
            self.add(node, LIN.item, a.item)
            for name in a.lead:
                self.add(node, LIN.lead, self.body(name))
            for name in a.also:
                self.add(node, LIN.also, self.body(name))
            for name in a.reports_to or []:
                self.add(node, LIN.reportsTo, self.body(name))
            if a.evidence:
                self.evidence(node, a.evidence, a.start, a.end)
            self.add(doc, LIN.assignment, node)
        for name in lt.reports_to:
            self.add(doc, LIN.reportsTo, self.body(name))

        for w in self.warnings:
            self.add(src, LIN.warning, w)
        return BuiltLetter(self.t, doc, src, self.key, self.sha, self.warnings)
