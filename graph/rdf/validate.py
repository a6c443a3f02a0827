"""SHACL validation (``ontology/shapes.ttl``) with pySHACL, violations as readable rows."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from lineage.graph.rdf.store import GraphStore
from lineage.ontology.terms import SH, bind_prefixes, ontology_graph, shapes_graph

__all__ = ["Violation", "validate_graph", "validate_store"]


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str

    def as_row(self) -> dict[str, str]:
        return {"severity": self.severity, "focus": self.focus, "path": self.path, "value": self.value,
                "message": self.message}


def validate_graph(data: Graph | Dataset) -> list[Violation]:
    """Validate a graph (or the union of a dataset's graphs) against the shapes; [] when it conforms."""
    from pyshacl import validate

    merged = bind_prefixes(Graph())
    triples = ((s, p, o) for s, p, o, _g in data.quads()) if isinstance(data, Dataset) else iter(data)
    for t in triples:
        merged.add(t)
    merged += ontology_graph()  # concept schemes: sh:class skos:Concept targets
    _conforms, report, _text = validate(merged, shacl_graph=shapes_graph(), advanced=True, allow_warnings=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        v = {p: "" if report.value(r, p) is None else str(report.value(r, p))
             for p in (SH.resultSeverity, SH.focusNode, SH.value, SH.resultMessage, SH.sourceShape, SH.resultPath)}
        path = report.value(r, SH.resultPath)
        path_s = merged.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else v[SH.resultPath]
        out.append(Violation(v[SH.resultSeverity].rsplit("#", 1)[-1], v[SH.focusNode], path_s, v[SH.value],
                             v[SH.resultMessage], v[SH.sourceShape]))
    return sorted(out, key=lambda x: (x.focus, x.path, x.message))


def validate_store(store: GraphStore) -> list[Violation]:
    """Validate everything the store holds (source graphs and hierarchy)."""
    return validate_graph(store.dataset())
