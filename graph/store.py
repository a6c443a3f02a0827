"""The persistent RDF store: Oxigraph on disk, one named graph per source file.

Layout of the dataset (named graphs):

* ``{base}source/<key>`` — the facts read from one file (:mod:`lineage.graph.build`);
* ``store:hierarchy`` — provinces, districts and their committees (:mod:`lineage.graph.hierarchy`);
* ``store:ontology`` — ``lineage.ttl`` (labels and concept notations for reports);
* ``store:union`` — the set union of all graphs above, the default graph of queries;
* ``store:manifest`` — bookkeeping: per source graph its key, SHA-256, triple count and
  the store revision that last wrote it; the store's revision counter and base IRI.

Every change is one SPARQL update, which Oxigraph applies as one transaction: a batch
lands whole or not at all, and a process killed mid-load leaves the previous state
readable. Oxigraph's default graph is *not* the union of the named graphs; queries here
read ``store:union`` instead — the *set* union of the data graphs, maintained by every
load in the same transaction — so reports need no ``GRAPH`` clauses and a triple stated by
many files (a body's name, a cited letter) counts once. (``use_default_graph_as_union``
is a bag: joins over shared triples multiply and explode on real corpora.)

For mirrors (Neo4j, FalkorDB …) the stable read API is :meth:`GraphStore.revision`,
:meth:`GraphStore.sources` and :meth:`GraphStore.source_graph`: remember the revision you
synced, and when it moved, diff ``sources()`` against the ``(key, sha256)`` pairs you hold.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from lineage.errors import StoreError
from lineage.graph.build import BuiltLetter, build_letter
from lineage.graph.hierarchy import HIERARCHY_GRAPH, hierarchy_graph
from lineage.loaders.gazetteer import DATA_PATH as GAZETTEER_DATA
from lineage.models import Letter
from lineage.ontology.terms import (
    DEFAULT_BASE,
    LIN,
    MANIFEST_GRAPH,
    ONTOLOGY_GRAPH,
    RDF,
    UNION_GRAPH,
    XSD,
    bind_prefixes,
    ontology_graph,
    sparql_prologue,
)

__all__ = ["EXPORT_FORMATS", "GraphStore", "LoadSummary", "SourceState", "bind_values", "from_ox", "python_value", "to_ox"]

#: ``lineage export --format`` → (rdflib format, needs named graphs)
EXPORT_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
_SUPPORT_FORMAT = "1"  # bump when hierarchy/ontology graph *code* changes shape


@dataclass(frozen=True)
class SourceState:
    """What the store holds for one source file (one named graph)."""

    graph: str  # the named graph's IRI (= the source file's IRI)
    key: str  # the file key ("000_761c2bb9b7d9d17e.txt", "2021/cv-12.pdf")
    sha256: str
    revision: int  # store revision that last wrote this graph
    triples: int
    document: str | None  # IRI of the letter read from it


@dataclass
class LoadSummary:
    """Outcome of one :meth:`GraphStore.load_letters` / :meth:`GraphStore.remove` call."""

    letters: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    triples_added: int = 0
    triples_removed: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (key, message)
    revision: int = 0

    def as_row(self) -> dict[str, Any]:
        return {"letters": self.letters, "new": len(self.new), "changed": len(self.changed),
                "unchanged": len(self.unchanged), "removed": len(self.removed),
                "triples_added": self.triples_added, "triples_removed": self.triples_removed,
                "warnings": len(self.warnings), "revision": self.revision}


# ---------------------------------------------------------------------- term conversion
_XSD_INT = {str(XSD[t]) for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_XSD_FLOAT = {str(XSD[t]) for t in ("decimal", "double", "float")}
_DURATION = {str(XSD.duration), str(XSD.dayTimeDuration)}
_DURATION_RE = re.compile(r"^(-)?P(?:(\d+)D)?(?:T.*)?$")


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


def python_value(term: Any) -> Any:
    """A query result cell as plain Python: IRIs and strings as str, numbers, bools, lag durations as days."""
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return term.value
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    if isinstance(term, ox.Literal):
        value, dt = term.value, term.datatype.value
    else:
        value, dt = str(term), str(term.datatype) if term.datatype else ""
    if dt in _XSD_INT:
        return int(value)
    if dt in _XSD_FLOAT:
        f = float(value)
        return int(f) if f.is_integer() else f
    if dt == str(XSD.boolean):
        return value in ("true", "1")
    if dt in _DURATION:
        m = _DURATION_RE.match(value)
        if m:
            days = int(m.group(2) or 0)
            return -days if m.group(1) else days
    return value


def _nt(t: Any) -> str:
    return str(t)


_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """Pre-bind variables with a ``VALUES`` block at the top of the first ``WHERE`` group.

    Terms are written by pyoxigraph's N-Triples serialiser, which escapes literals and
    rejects malformed IRIs, so user input never becomes query syntax. (Oxigraph's own
    ``substitutions`` only accepts projected variables, hence this.)

    >>> print(bind_values("SELECT ?x WHERE { ?x ?p ?t }", {"t": Literal('a" } DROP ALL')}))
    SELECT ?x WHERE { VALUES (?t) { ("a\\" } DROP ALL") } ?x ?p ?t }
    """
    if not bindings:
        return sparql
    m = _WHERE_RE.search(sparql)
    if m is None:
        raise StoreError("cannot bind parameters: the query has no WHERE clause")
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(str(to_ox(v)) for v in bindings.values())
    return f"{sparql[:m.end()]} VALUES ({names}) {{ ({values}) }}{sparql[m.end():]}"


# ---------------------------------------------------------------------- the store
class GraphStore:
    """An Oxigraph store on disk (or in memory with ``path=None``) holding the letters' graphs.

    >>> from lineage.models import Letter
    >>> s = GraphStore(None)
    >>> s.load_letters([Letter(file="a.txt", number="1", symbol="CV/TU", issuer="Tỉnh ủy Cao Bằng",
    ...                        date="2021-05-18")]).as_row()["new"]
    1
    >>> [x.key for x in s.sources()], s.revision()
    (['a.txt'], 1)
    """

    def __init__(self, path: Path | str | None, *, base: str = DEFAULT_BASE, read_only: bool = False,
                 hierarchy: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self.hierarchy = hierarchy
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"{self.path}: no store here; load letters first with `lineage load PATH --store {self.path}`")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open the store ({e})") from e
        self.read_only = read_only
        recorded = self._manifest_value(LIN.baseIri)
        self.base = recorded or base
        if recorded and base != DEFAULT_BASE and base != recorded:
            raise StoreError(f"{self.path}: store was built with base IRI {recorded}, not {base}")

    def close(self) -> None:
        """Release the store (flushes writes; other processes may open it afterwards)."""
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
            del self._store
            self._store = None  # type: ignore[assignment]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Any:
        """Run SPARQL over the union of all graphs; ``bindings`` pre-bind variables (never string-built).

        Returns pyoxigraph solutions/triples/bool as :meth:`pyoxigraph.Store.query` does.
        """
        try:
            return self._store.query(sparql_prologue() + bind_values(sparql, bindings),
                                     default_graph=ox.NamedNode(str(UNION_GRAPH)))
        except SyntaxError as e:
            raise StoreError(f"SPARQL syntax error: {e}") from e
        except OSError as e:
            raise StoreError(f"{self.path}: query failed ({e})") from e

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Any]]:
        """A SELECT as a list of ``{variable: python value}`` rows (unbound → None)."""
        res = self.query(sparql, bindings)
        if not isinstance(res, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        names = [v.value for v in res.variables]
        return [{n: python_value(sol[n]) for n in names} for sol in res]

    def _manifest_value(self, p: URIRef) -> str | None:
        for q in self._store.quads_for_pattern(to_ox(MANIFEST_GRAPH), to_ox(p), None, to_ox(MANIFEST_GRAPH)):
            return q.object.value
        return None

    def revision(self) -> int:
        """The change counter: +1 for every load or removal that changed something."""
        v = self._manifest_value(LIN.revision)
        return int(v) if v else 0

    def sources(self) -> list[SourceState]:
        """Every source graph with its key, SHA-256, revision, triple count and letter, by key."""
        # union off: the manifest graph only, named through the prologue's ``store:`` prefix
        rows = self._store.query(
            sparql_prologue() + "SELECT ?g ?key ?sha ?rev ?n ?doc WHERE { GRAPH store:manifest { "
            "?g lin:sourceKey ?key ; lin:sha256 ?sha ; lin:revision ?rev ; lin:tripleCount ?n "
            "OPTIONAL { ?g lin:describes ?doc } } }")
        out = [SourceState(r["g"].value, r["key"].value, r["sha"].value, int(r["rev"].value), int(r["n"].value),
                           r["doc"].value if r["doc"] is not None else None) for r in rows]
        return sorted(out, key=lambda s: s.key)

    def source(self, key: str) -> SourceState | None:
        return next((s for s in self.sources() if s.key == key), None)

    def source_graph(self, graph: str) -> Graph:
        """The triples of one named graph as an rdflib Graph (for mirrors and tests)."""
        g = bind_prefixes(Graph(identifier=URIRef(graph)))
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def data_graphs(self, *, support: bool = False) -> list[str]:
        """Named graphs holding data: the source graphs and the hierarchy (plus ontology/manifest if ``support``)."""
        names = [n.value for n in self._store.named_graphs()]
        skip = {str(UNION_GRAPH)} | (set() if support else {str(MANIFEST_GRAPH), str(ONTOLOGY_GRAPH)})
        return sorted(n for n in names if n not in skip)

    def nquads(self, graphs: Iterable[str] | None = None) -> str:
        """Sorted N-Quads of the given graphs (default: the source graphs): a canonical text
        form, since the graphs have no blank nodes."""
        wanted = list(graphs) if graphs is not None else [s.graph for s in self.sources()]
        lines: list[str] = []
        for gname in wanted:
            for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(gname)):
                lines.append(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .")
        return "\n".join(sorted(lines)) + ("\n" if lines else "")

    def dataset(self, *, support: bool = False) -> Dataset:
        """The data graphs as an rdflib Dataset (for serialising and SHACL)."""
        ds = Dataset()
        bind_prefixes(ds)  # type: ignore[arg-type]
        for gname in self.data_graphs(support=support):
            target = ds.graph(URIRef(gname))
            for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(gname)):
                target.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return ds

    def export(self, fmt: str, *, support: bool = False) -> str:
        """Serialise the data graphs: ``ttl`` (merged triples), ``trig``, ``nq`` or ``jsonld``."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
        ds = self.dataset(support=support)
        if fmt == "ttl":
            merged = bind_prefixes(Graph())
            for s, p, o, _g in ds.quads():
                merged.add((s, p, o))
            return merged.serialize(format="turtle")
        return ds.serialize(format=EXPORT_FORMATS[fmt])

    def __len__(self) -> int:
        return len(self._store)

    # ------------------------------------------------------------------ writing
    def load_letters(self, letters: Iterable[Letter | BuiltLetter], *, prune: bool = False,
                     progress: Callable[[str], None] | None = None) -> LoadSummary:
        """Load a batch of letters in one transaction.

        New files are added, changed ones (different SHA-256) replace exactly their graph,
        unchanged ones are skipped; with ``prune`` the source graphs of keys *not* in this
        batch are removed. Nothing is written when a letter fails to build or the update
        fails: the store stays as it was. ``progress`` is called with each key once built.
        """
        self._writable()
        built: dict[str, BuiltLetter] = {}
        summary = LoadSummary()
        for item in letters:
            try:
                b = item if isinstance(item, BuiltLetter) else build_letter(item, self.base)
            except (ValueError, TypeError, KeyError) as e:  # a malformed record: nothing is written
                raise StoreError(f"{getattr(item, 'file', '?')}: cannot build its graph ({e}); store unchanged") from e
            if b.key in built and built[b.key].sha256 != b.sha256:
                raise StoreError(f"{b.key}: two different letters in one batch share this file key")
            built[b.key] = b
            summary.warnings += [(b.key, w) for w in b.warnings]
            if progress is not None:
                progress(b.key)
        summary.letters = len(built)
        current = {s.key: s for s in self.sources()}
        ops: list[str] = []
        inserts: list[tuple[URIRef, Graph]] = []
        for key, b in built.items():
            old = current.get(key)
            if old is not None and old.sha256 == b.sha256:
                summary.unchanged.append(key)
                continue
            if old is not None:
                summary.changed.append(key)
                summary.triples_removed += old.triples
                ops += self._drop_ops(old.graph)
            else:
                summary.new.append(key)
            summary.triples_added += len(b.graph)
            inserts.append((b.source, b.graph))
        if prune:
            for key, old in current.items():
                if key not in built:
                    summary.removed.append(key)
                    summary.triples_removed += old.triples
                    ops += self._drop_ops(old.graph)
        summary.revision = self._commit(ops, inserts, {k: built[k] for k in summary.new + summary.changed})
        return summary

    def remove(self, keys: Iterable[str]) -> LoadSummary:
        """Remove the graphs of these file keys (one transaction); unknown keys are ignored."""
        self._writable()
        current = {s.key: s for s in self.sources()}
        summary = LoadSummary()
        ops: list[str] = []
        for key in keys:
            if key in current:
                summary.removed.append(key)
                summary.triples_removed += current[key].triples
                ops += self._drop_ops(current[key].graph)
        summary.revision = self._commit(ops, [], {})
        return summary

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")

    @staticmethod
    def _drop_ops(graph: str) -> list[str]:
        u = f"<{UNION_GRAPH}>"
        return [
            # a triple leaves the union only when no other graph still states it
            f"DELETE {{ GRAPH {u} {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}> && ?other != {u} "
            f"&& ?other != <{MANIFEST_GRAPH}>) }} }}",
            f"DROP SILENT GRAPH <{graph}>",
                f"DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{graph}> ?p ?o }} }}"]

    def _support_graphs(self) -> list[tuple[URIRef, Graph, str]]:
        """Ontology and hierarchy graphs whose recorded version differs from the packaged one."""
        h = hashlib.sha256(_SUPPORT_FORMAT.encode())
        h.update(resources.files("lineage.ontology").joinpath("lineage.ttl").read_bytes())
        h.update(self.base.encode())
        if self.hierarchy:
            h.update(Path(GAZETTEER_DATA).read_bytes())
        version = h.hexdigest()
        if self._manifest_value(LIN.sha256) == version:
            return []
        graphs = [(ONTOLOGY_GRAPH, ontology_graph(), version)]
        if self.hierarchy:
            graphs.append((HIERARCHY_GRAPH, hierarchy_graph(self.base), version))
        return graphs

    def _commit(self, ops: list[str], inserts: list[tuple[URIRef, Graph]], records: dict[str, BuiltLetter]) -> int:
        rev = self.revision()
        if not ops and not inserts:
            return rev
        rev += 1
        support = self._support_graphs()
        m = f"<{MANIFEST_GRAPH}>"
        buf = io.StringIO()
        for gname, _g, _v in support:
            ops += self._drop_ops(str(gname))[:2]
        ops.append(f"DELETE WHERE {{ GRAPH {m} {{ {m} <{LIN.revision}> ?r }} }}")
        if support:
            ops.append(f"DELETE WHERE {{ GRAPH {m} {{ {m} <{LIN.sha256}> ?v }} }}")
        buf.write("INSERT DATA {\n")
        for gname, g in [*inserts, *((gn, g) for gn, g, _v in support)]:
            body = "".join(f"{_nt(to_ox(s))} {_nt(to_ox(p))} {_nt(to_ox(o))} .\n" for s, p, o in g)
            # each graph's triples also go to the union graph (a set: duplicates collapse)
            buf.write(f"GRAPH <{gname}> {{\n{body}}}\nGRAPH <{UNION_GRAPH}> {{\n{body}}}\n")
        manifest = Graph()
        manifest.add((MANIFEST_GRAPH, LIN.revision, Literal(rev)))
        manifest.add((MANIFEST_GRAPH, LIN.baseIri, Literal(self.base)))
        if support:
            manifest.add((MANIFEST_GRAPH, LIN.sha256, Literal(support[0][2])))
        for key, b in records.items():
            manifest.add((b.source, RDF.type, LIN.SourceGraph))
            manifest.add((b.source, LIN.sourceKey, Literal(key)))
            manifest.add((b.source, LIN.sha256, Literal(b.sha256)))
            manifest.add((b.source, LIN.revision, Literal(rev)))
            manifest.add((b.source, LIN.tripleCount, Literal(len(b.graph))))
            manifest.add((b.source, LIN.describes, b.document))
        buf.write(f"GRAPH {m} {{\n")
        for s, p, o in manifest:
            buf.write(f"{_nt(to_ox(s))} {_nt(to_ox(p))} {_nt(to_ox(o))} .\n")
        buf.write("}\n}")
        # baseIri is a single value: drop the old one inside the same transaction
        ops.append(f"DELETE WHERE {{ GRAPH {m} {{ {m} <{LIN.baseIri}> ?b }} }}")
        update = " ;\n".join(ops + [buf.getvalue()])
        try:
            self._store.update(update)  # one transaction: all or nothing
        except (OSError, RuntimeError, SyntaxError) as e:
            raise StoreError(f"{self.path}: load failed, store unchanged ({e})") from e
        return rev
