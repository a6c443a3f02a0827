"""Terms between rdflib and pyoxigraph, and query results as plain Python (numbers, booleans, lags in days)."""
from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from lineage.ontology.terms import XSD

__all__ = ["from_ox", "python_value", "text_of", "to_ox"]


def to_ox(term: Node) -> Any:
    """rdflib term → pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: Any) -> Node:
    """pyoxigraph term → rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected term {term!r}")


def _number(value: str) -> int | float:
    f = float(value)
    return int(f) if f.is_integer() else f


def _days(value: str) -> int | str:
    m = _DURATION_RE.match(value)
    if not m:
        return value
    days = int(m.group(2) or 0)
    return -days if m.group(1) else days


_DURATION_RE = re.compile(r"^(-)?P(?:(\d+)D)?(?:T.*)?$")
# datatype IRI → how its lexical form becomes Python (others stay strings): one dict lookup per
# cell, since reports convert tens of thousands of cells
_LEXICAL: dict[str, Any] = {
    **{str(XSD[t]): int for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")},
    **{str(XSD[t]): _number for t in ("decimal", "double", "float")},
    str(XSD.boolean): lambda v: v in ("true", "1"),
    str(XSD.duration): _days, str(XSD.dayTimeDuration): _days,
}


def python_value(term: Any) -> Any:
    """A query result cell as plain Python: IRIs and strings as str, numbers, bools, lag durations as days."""
    kind = type(term)
    if kind is ox.Literal:
        if term.language:
            return term.value
        convert = _LEXICAL.get(term.datatype.value)
        return term.value if convert is None else convert(term.value)
    if kind is ox.NamedNode or kind is ox.BlankNode:
        return term.value
    if term is None:
        return None
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    convert = _LEXICAL.get(str(term.datatype)) if term.datatype else None
    return str(term) if convert is None else convert(str(term))


def text_of(term: Any) -> str:
    """The lexical value of an Oxigraph IRI or literal (the bookkeeping graphs hold no quoted triples)."""
    return str(term.value)
