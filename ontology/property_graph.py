"""The property-graph model of the mirror, read from ``property_graph.json``.

Labels, relationship types and property names come only from that table; the mirror
builds its SPARQL reads and Cypher writes from it, so adding a property is one line of
JSON. Names are checked to be plain identifiers, since they are the only parts of a
Cypher statement that are not parameters.

>>> m = model()
>>> [n.label for n in m.nodes]
['Letter', 'Body', 'AdminUnit']
>>> sorted({r.type for r in m.relationships})[:3]
['ASSIGNS', 'BASED_ON', 'COPY_TO']
>>> m.node("Letter").property("day").transform
'epoch_day'
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = ["PropertyMap", "NodeMap", "RelMap", "Model", "model"]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _ident(name: str, what: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"property_graph.json: {what} {name!r} is not a plain identifier")
    return name


@dataclass(frozen=True)
class PropertyMap:
    name: str
    path: str  # SPARQL property path from the subject (`of`)
    of: str = "edge"  # relationships: read from ?edge, ?to or ?from
    transform: str | None = None  # "epoch_day"
    doc: str = ""


@dataclass(frozen=True)
class NodeMap:
    label: str
    rdf_types: tuple[str, ...]
    properties: tuple[PropertyMap, ...]
    doc: str = ""

    def property(self, name: str) -> PropertyMap:
        return next(p for p in self.properties if p.name == name)


@dataclass(frozen=True)
class RelMap:
    type: str
    from_label: str
    to_label: str
    where: str
    properties: tuple[PropertyMap, ...] = ()
    constants: tuple[tuple[str, str], ...] = ()
    relation: str | None = None  # citation relation notation ("implements" …)
    lag_days: bool = False

    @property
    def name(self) -> str:
        """A unique name for this mapping row (types repeat: PART_OF, ASSIGNS)."""
        extra = "_".join(v for _, v in self.constants)
        return "_".join(filter(None, [self.type, self.from_label, self.to_label, extra]))


@dataclass(frozen=True)
class Model:
    key: str
    graph_property: str
    edge_key: str
    marker_label: str
    nodes: tuple[NodeMap, ...]
    relationships: tuple[RelMap, ...] = field(default_factory=tuple)

    def node(self, label: str) -> NodeMap:
        for n in self.nodes:
            if n.label == label:
                return n
        raise KeyError(label)

    @property
    def labels(self) -> list[str]:
        return [n.label for n in self.nodes]

    @property
    def relationship_types(self) -> list[str]:
        return sorted({r.type for r in self.relationships})

    def relation_type(self, relation: str) -> str:
        """The relationship type of a citation relation (``implements`` → ``IMPLEMENTS``)."""
        return next(r.type for r in self.relationships if r.relation == relation)


def _prop(d: dict[str, Any]) -> PropertyMap:
    return PropertyMap(_ident(d["name"], "property"), d["path"], d.get("of", "edge"), d.get("transform"), d.get("doc", ""))


@functools.cache
def model() -> Model:
    """The packaged model (parsed and checked once)."""
    raw = json.loads(resources.files("lineage.ontology").joinpath("property_graph.json").read_text("utf-8"))
    nodes = tuple(
        NodeMap(_ident(n["label"], "label"), tuple(n["rdf_types"]), tuple(_prop(p) for p in n["properties"]), n.get("doc", ""))
        for n in raw["nodes"]
    )
    labels = {n.label for n in nodes}
    rels = []
    for r in raw["relationships"]:
        for end in ("from", "to"):
            if r[end] not in labels:
                raise ValueError(f"property_graph.json: {r['type']} {end} unknown label {r[end]!r}")
        rels.append(RelMap(
            _ident(r["type"], "relationship type"), r["from"], r["to"], r["where"],
            tuple(_prop(p) for p in r.get("properties", [])),
            tuple((_ident(k, "constant"), str(v)) for k, v in sorted(r.get("constants", {}).items())),
            r.get("relation"), bool(r.get("lag_days", False)),
        ))  # fmt: skip
    return Model(
        _ident(raw["key"], "key"), _ident(raw["graph_property"], "graph property"), _ident(raw["edge_key"], "edge key"),
        _ident(raw["marker_label"], "marker label"), nodes, tuple(rels),
    )
