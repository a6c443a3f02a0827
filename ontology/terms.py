"""The one place that names IRIs: namespaces, graph names and the concept tables.

Everything else imports from here; SPARQL files get their ``PREFIX`` lines from
:data:`PREFIXES`, so no namespace IRI is typed twice. The concept schemes
(document types and their codes, levels, relations, copy-purpose marks) are read
from ``lineage.ttl`` itself, which keeps those tables in one data file.

>>> str(LIN.implements)
'https://w3id.org/directive-lineage/ontology#implements'
>>> doc_type_code("Công điện"), doc_type_code("cong van")
('CĐ', 'CV')
>>> relation_property("implements") == LIN.implements
True
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from lineage.reference.normalize import match_key, strip_diacritics

__all__ = [
    "CachedNamespace",
    "DCTERMS",
    "DEFAULT_BASE",
    "ELI",
    "LIN",
    "MANIFEST_GRAPH",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "STORE_NS",
    "XSD",
    "Concept",
    "copy_purpose",
    "doc_type_code",
    "doc_type_concept",
    "doc_types",
    "level_concept",
    "levels",
    "ontology_graph",
    "relation_concept",
    "relation_property",
    "relations",
    "shapes_graph",
    "sparql_prologue",
]



class CachedNamespace(Namespace):
    """rdflib's ``Namespace`` that keeps each term it makes.

    ``Namespace.__getattr__`` builds and validates a new ``URIRef`` on every access; the graph
    builder asks for ``LIN.x`` about a hundred times per letter, which was a fifth of its time.
    Remembering the term in the instance dict makes later lookups plain attribute reads.

    >>> N = CachedNamespace("https://example.org/ns#")
    >>> N.Thing is N.Thing, str(N.Thing), N["Thing"] == N.Thing
    (True, 'https://example.org/ns#Thing', True)
    """

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)  # raises AttributeError for dunders, as rdflib does
        self.__dict__[name] = term
        return term


LIN = CachedNamespace("https://w3id.org/directive-lineage/ontology#")
ELI = CachedNamespace("http://data.europa.eu/eli/ontology#")
ORG = CachedNamespace("http://www.w3.org/ns/org#")
SH = CachedNamespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_IRI = URIRef("https://w3id.org/directive-lineage/ontology")
#: Where data resources are minted unless the caller gives another base.
DEFAULT_BASE = "https://w3id.org/directive-lineage/id/"
#: Store bookkeeping graphs live under a fixed namespace, independent of the data base.
STORE_NS = Namespace("https://w3id.org/directive-lineage/store/")
MANIFEST_GRAPH = STORE_NS["manifest"]
ONTOLOGY_GRAPH = STORE_NS["ontology"]

PREFIXES: dict[str, str] = {
    "lin": str(LIN), "eli": str(ELI), "org": str(ORG), "prov": str(PROV),
    "dcterms": str(DCTERMS), "skos": str(SKOS), "rdf": str(RDF), "rdfs": str(RDFS),
    "owl": str(OWL), "xsd": str(XSD), "sh": str(SH), "store": str(STORE_NS),
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every namespace above, to prepend to a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def bind_prefixes(g: Graph) -> Graph:
    """Bind our prefixes on an rdflib graph (for readable Turtle/TriG)."""
    for p, iri in PREFIXES.items():
        g.bind(p, iri, override=True)
    return g


@functools.cache
def ontology_graph() -> Graph:
    """The OWL ontology with its SKOS concept schemes (parsed once)."""
    return _load("lineage.ttl")


@functools.cache
def shapes_graph() -> Graph:
    """The SHACL shapes."""
    return _load("shapes.ttl")


def _load(name: str) -> Graph:
    g = Graph()
    g.parse(data=resources.files("lineage.ontology").joinpath(name).read_text("utf-8"), format="turtle")
    return bind_prefixes(g)


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    notation: str
    label_vi: str
    label_en: str
    hidden: tuple[str, ...] = ()
    prop: URIRef | None = None  # for relations: the direct document→document property


@functools.cache
def _scheme(scheme: str) -> tuple[Concept, ...]:
    g = ontology_graph()
    out = []
    for c in g.subjects(SKOS.inScheme, LIN[scheme]):
        labels = {getattr(lit, "language", None): str(lit) for lit in g.objects(c, SKOS.prefLabel)}
        prop = g.value(c, LIN.property)
        out.append(Concept(
            iri=URIRef(str(c)), notation=str(g.value(c, SKOS.notation)),
            label_vi=labels.get("vi", ""), label_en=labels.get("en", ""),
            hidden=tuple(sorted(str(h) for h in g.objects(c, SKOS.hiddenLabel))),
            prop=URIRef(str(prop)) if prop is not None else None,
        ))
    return tuple(sorted(out, key=lambda c: c.notation))


def doc_types() -> tuple[Concept, ...]:
    return _scheme("DocumentTypes")


def levels() -> tuple[Concept, ...]:
    return _scheme("Levels")


def relations() -> tuple[Concept, ...]:
    return _scheme("Relations")


def _fold(text: str) -> str:
    return strip_diacritics(match_key(text))


@functools.cache
def _doc_type_index() -> dict[str, Concept]:
    idx: dict[str, Concept] = {}
    for c in doc_types():
        for key in (c.label_vi, c.label_en, c.notation):
            idx.setdefault(_fold(key), c)
    return idx


def doc_type_concept(name: str | None) -> Concept | None:
    """The document-type concept for a Vietnamese name or a code ("Công văn", "CV", "cong dien")."""
    return _doc_type_index().get(_fold(name)) if name else None


def doc_type_code(name: str | None) -> str | None:
    """The symbol code of a document type ("Công điện" → "CĐ"), or None if unknown."""
    c = doc_type_concept(name)
    return c.notation if c else None


def _by_notation(concepts: tuple[Concept, ...], value: str | None, what: str) -> Concept | None:
    if value is None:
        return None
    for c in concepts:
        if c.notation == value:
            return c
    raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(c.notation for c in concepts)}")


def level_concept(level: str | None) -> URIRef | None:
    """``"province"`` → ``lin:level_province`` (None passes through)."""
    c = _by_notation(levels(), level, "level")
    return c.iri if c else None


def relation_concept(relation: str) -> URIRef:
    c = _by_notation(relations(), relation, "relation")
    assert c is not None
    return c.iri


def relation_property(relation: str) -> URIRef:
    """The direct property a citation relation asserts (``implements`` → ``lin:implements``)."""
    c = _by_notation(relations(), relation, "relation")
    assert c is not None and c.prop is not None
    return c.prop


def copy_purpose(line: str, purpose: str | None = None) -> Concept | None:
    """The copy-purpose concept of a 'Nơi nhận' line, by notation or by the marks in the line.

    >>> copy_purpose("Ban Tuyên giáo TW (b/c)").notation
    'report'
    >>> copy_purpose("Lưu Văn phòng Tỉnh ủy").notation
    'archive'
    >>> copy_purpose("Như trên") is None
    True
    """
    concepts = _scheme("CopyPurposes")
    if purpose:
        return _by_notation(concepts, purpose, "copy purpose")
    key = match_key(line)
    for c in concepts:
        for mark in c.hidden:
            m = match_key(mark)
            # a mark in parentheses anywhere, or a leading word ("Lưu VP")
            if f"({m})" in key or key.startswith(m + " "):
                return c
    return None
