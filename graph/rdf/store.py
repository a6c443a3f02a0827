"""The persistent RDF store: Oxigraph on disk, every triple once, each source file filed.

Layout of the dataset:

* the **default graph** — the *set* union of everything stated: each source file's facts
  (:mod:`lineage.graph.rdf.build`), the hierarchy and the ontology, each triple once. Queries
  read it, so reports need no ``GRAPH`` clauses and a triple stated by many files (a
  body's name, a cited letter) counts once;
* ``store:hierarchy`` — provinces, districts and their committees (:mod:`lineage.graph.rdf.hierarchy`);
* ``store:ontology`` — ``lineage.ttl`` (labels and concept notations for reports);
* ``store:manifest`` — bookkeeping: per source file (named by its IRI, ``{base}source/<key>``)
  its key, SHA-256, triple count, the store revision that last wrote it, its triples
  packed in one literal (``lin:content``, :mod:`lineage.graph.rdf.filing`) and the subjects of
  its *shared* triples (``lin:mentions``); the store's revision counter and base IRI.

A file's graph is not a named graph of its own: at a million letters, per-file named graphs
beside the union cost three times the disk (six Oxigraph indexes per quad, plus the
union) and most of the write time. A file's *own* triples (subjects minted under its IRI,
``{source}#citation-1``) can come from no other file, so taking the file out deletes
them; a *shared* triple leaves the default graph only when no remaining file (found
through ``lin:mentions`` of its subject, then checked against that file's packed lines)
and no support graph still states it. :meth:`GraphStore.source_graph` unpacks a file's
graph exactly as it was loaded.

Every change is one SPARQL update, which Oxigraph applies as one transaction: a batch
lands whole or not at all, and a process killed mid-load leaves the previous state
readable. The update *reads nothing*: what a change or a removal takes out is worked
out beforehand with index lookups and written as ``DELETE DATA`` (a ``DELETE … WHERE`` or
a ``DROP`` makes Oxigraph run the whole update, inserts included, about twice as slowly;
they are used only when the support graphs change version). Oxigraph's transactions slow
down as they grow: callers with very large corpora load them in batches of a few thousand
letters. :meth:`GraphStore.bulk_load_letters` is the opt-in, *non-transactional* first load
of an empty store through Oxigraph's bulk loader.

For mirrors (Neo4j, FalkorDB …) the stable read API is :meth:`GraphStore.revision`,
:meth:`GraphStore.sources`, :meth:`GraphStore.source_graph` and :meth:`GraphStore.graph_quads`:
remember the revision you synced, and when it moved, diff ``sources()`` against the
``(key, sha256)`` pairs you hold.
"""
from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import IO, Any, Self

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from lineage.errors import LineageError, StoreError
from lineage.graph.rdf.binding import bind_values, syntax_message
from lineage.graph.rdf.build import BuiltLetter, FiledLetter, Lit, build_letter
from lineage.graph.rdf.filing import is_own, unpack_lines
from lineage.graph.rdf.hierarchy import HIERARCHY_GRAPH, hierarchy_graph
from lineage.graph.rdf.iri import IDENTITY_SCHEME
from lineage.graph.rdf.joins import JOINS_GRAPH, LINKS_GRAPH, Join, join_lines, link_lines, read_links
from lineage.graph.rdf.joins import joins as find_joins
from lineage.graph.rdf.terms import from_ox, python_value, text_of, to_ox
from lineage.graph.rdf.updates import CONTENT, MANIFEST, ByteStream, Holders, Pending, data_op
from lineage.models import Letter
from lineage.ontology.terms import (
    DEFAULT_BASE,
    LIN,
    MANIFEST_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    STORE_NS,
    XSD,
    bind_prefixes,
    ontology_graph,
    sparql_prologue,
)
from lineage.reference.gazetteer import DATA_PATH as GAZETTEER_DATA

__all__ = ["EXPORT_FORMATS", "GraphStore", "LoadSummary", "SourceState"]

#: ``lineage export --format`` → the media type it writes
EXPORT_FORMATS = {"ttl": "text/turtle", "trig": "application/trig", "nq": "application/n-quads", "jsonld": "application/ld+json"}
#: What the load methods take: a Letter (built here), or its graph built already (by a worker)
Loadable = Letter | BuiltLetter | FiledLetter
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

    def add(self, part: LoadSummary) -> None:
        """Fold one batch's summary into a run's."""
        self.letters += part.letters
        for name in ("new", "changed", "unchanged", "removed", "warnings"):
            getattr(self, name).extend(getattr(part, name))
        self.triples_added += part.triples_added
        self.triples_removed += part.triples_removed
        self.revision = part.revision or self.revision

    def as_row(self) -> dict[str, Any]:
        return {"letters": self.letters, "new": len(self.new), "changed": len(self.changed),
                "unchanged": len(self.unchanged), "removed": len(self.removed),
                "triples_added": self.triples_added, "triples_removed": self.triples_removed,
                "warnings": len(self.warnings), "revision": self.revision}


# ---------------------------------------------------------------------- term conversion
# The writer's process id, beside Oxigraph's LOCK file (which names no one), for the message a second writer gets.
_WRITER = "writer.pid"


def _writer(path: Path) -> str:
    """" (pid N)" when the process that opened the store for writing is known and still running."""
    try:
        pid = int((path / _WRITER).read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return ""
    return f" (pid {pid})"


def _open_read_only(path: Path, attempts: int = 5) -> ox.Store:
    """Open for reading. While another process writes, RocksDB can be caught between two files of its
    manifest ("Corruption: … MANIFEST") for a moment: try again a few times, then say so in one line."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:
            if attempt == attempts - 1:
                raise StoreError(f"{path}: cannot open the store for reading ({_one_line(e)}){_while_written(path)}; "
                                 "try again") from e
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")


def _while_written(path: Path) -> str:
    who = _writer(path)
    return f" while another process{who} writes to it" if who else ""


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:200]


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
                 hierarchy: bool = True, rebuild: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.hierarchy = hierarchy
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"{self.path}: no store here; load letters first with `lineage load PATH --store {self.path}`")
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
                (self.path / _WRITER).write_text(str(os.getpid()))
        except OSError as e:
            if self.path is not None and "LOCK" in str(e):
                raise StoreError(f"{self.path}: another process{_writer(self.path)} is writing to this store; wait for "
                                 "it to finish and try again") from e
            raise StoreError(f"{self.path}: cannot open the store ({e})") from e
        self.read_only = read_only
        if rebuild and not read_only:
            self._store.clear()  # the user asked for it: every file is read and filed again
        if self._store.contains_named_graph(_OLD_UNION):
            raise StoreError(f"{self.path}: this store was written by an older version (per-file named graphs and a "
                             "union graph), which this version does not read; delete it and load the letters again")
        scheme = self._manifest_value(LIN.identityScheme) or "1"
        if scheme != IDENTITY_SCHEME and not rebuild and self._manifest_value(LIN.revision) is not None:
            where = f" --store {self.path}" if self.path is not None else ""
            raise StoreError(f"{self.path}: this store names documents and bodies by identity rules {scheme}; this "
                             f"version uses rules {IDENTITY_SCHEME} (docs/store.md); rebuild it from the letters: "
                             f"`lineage load PATH…{where} --rebuild`")
        recorded = self._manifest_value(LIN.baseIri)
        self.base = recorded or base
        if recorded and base != DEFAULT_BASE and base != recorded:
            raise StoreError(f"{self.path}: store was built with base IRI {recorded}, not {base}")

    def close(self) -> None:
        """Release the store (flushes writes; other processes may open it afterwards)."""
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
                if self.path is not None:
                    (self.path / _WRITER).unlink(missing_ok=True)
            del self._store
            self._store = None  # type: ignore[assignment]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Any:
        """Run SPARQL over the default graph (the union of every file's triples); ``bindings`` pre-bind variables (never string-built).

        Returns pyoxigraph solutions/triples/bool as :meth:`pyoxigraph.Store.query` does.
        """
        prologue = sparql_prologue()
        try:
            return self._store.query(prologue + bind_values(sparql, bindings))
        except SyntaxError as e:
            raise StoreError(f"SPARQL syntax error: {syntax_message(str(e), prologue.count(chr(10)), sparql)}") from e
        except OSError as e:
            raise StoreError(f"{self.path}: query failed ({e})") from e

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Any]]:
        """A SELECT as a list of ``{variable: python value}`` rows (unbound → None)."""
        res = self.query(sparql, bindings)
        if not isinstance(res, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        names = [v.value for v in res.variables]
        # a solution iterates its cells in variable order, far cheaper than looking each up by name
        return [dict(zip(names, map(python_value, sol), strict=True)) for sol in res]

    def _manifest_value(self, p: URIRef) -> str | None:
        for q in self._store.quads_for_pattern(to_ox(MANIFEST_GRAPH), to_ox(p), None, to_ox(MANIFEST_GRAPH)):
            return text_of(q.object)
        return None

    def revision(self) -> int:
        """The change counter: +1 for every load or removal that changed something."""
        v = self._manifest_value(LIN.revision)
        return int(v) if v else 0

    def sources(self) -> list[SourceState]:
        """Every source graph with its key, SHA-256, revision, triple count and letter, by key."""
        # union off: the manifest graph only, named through the prologue's ``store:`` prefix
        rows: Any = self._store.query(
            sparql_prologue() + "SELECT ?g ?key ?sha ?rev ?n ?doc WHERE { GRAPH store:manifest { "
            "?g lin:sourceKey ?key ; lin:sha256 ?sha ; lin:revision ?rev ; lin:tripleCount ?n "
            "OPTIONAL { ?g lin:describes ?doc } } }")
        out = [SourceState(text_of(r["g"]), text_of(r["key"]), text_of(r["sha"]), int(text_of(r["rev"])), int(text_of(r["n"])),
                           text_of(r["doc"]) if r["doc"] is not None else None) for r in rows]
        return sorted(out, key=lambda s: s.key)

    def source(self, key: str) -> SourceState | None:
        return next((s for s in self.sources() if s.key == key), None)

    def _packed(self, graph: str) -> str | None:
        """A source file's packed lines (None when ``graph`` is not a source file in the store)."""
        for q in self._store.quads_for_pattern(ox.NamedNode(graph), CONTENT, None, MANIFEST):
            return text_of(q.object)
        return None

    def graph_quads(self, graph: str) -> list[ox.Quad]:
        """The quads of one graph: a source file's triples (unpacked) or a support graph's, named ``graph``."""
        packed = self._packed(graph)
        g = ox.NamedNode(graph)
        if packed is None:
            return list(self._store.quads_for_pattern(None, None, None, g))
        text = "".join(line + " .\n" for line in unpack_lines(packed))
        return [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]

    def source_graph(self, graph: str) -> Graph:
        """The triples of one graph (a source file's, or the hierarchy) as an rdflib Graph."""
        g = bind_prefixes(Graph(identifier=URIRef(graph)))
        for q in self.graph_quads(graph):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def data_graphs(self, *, support: bool = False) -> list[str]:
        """Graphs holding data: the source files' and the hierarchy (plus ontology/manifest if ``support``)."""
        names = {n.value for n in self._store.named_graphs()} | {s.graph for s in self.sources()}
        skip = set() if support else {str(MANIFEST_GRAPH), str(ONTOLOGY_GRAPH)}
        return sorted(n for n in names if n not in skip)

    def nquads(self, graphs: Iterable[str] | None = None) -> str:
        """Sorted N-Quads of the given graphs (default: the source graphs): a canonical text
        form, since the graphs have no blank nodes."""
        wanted = list(graphs) if graphs is not None else [s.graph for s in self.sources()]
        lines: list[str] = []
        for gname in wanted:
            lines += [f"{q.subject} {q.predicate} {q.object} {q.graph_name} ." for q in self.graph_quads(gname)]
        return "\n".join(sorted(lines)) + ("\n" if lines else "")

    def dataset(self, *, support: bool = False) -> Dataset:
        """The data graphs as an rdflib Dataset (for serialising and SHACL)."""
        ds = Dataset()
        bind_prefixes(ds)  # type: ignore[arg-type]
        for gname in self.data_graphs(support=support):
            target = ds.graph(URIRef(gname))
            for q in self.graph_quads(gname):
                target.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return ds

    def export(self, fmt: str, *, support: bool = False) -> str:
        """Serialise the data graphs: ``ttl`` (merged triples), ``trig``, ``nq`` or ``jsonld`` (as one string:
        for a big store write to a file with :meth:`export_to`)."""
        buf = io.BytesIO()
        self.export_to(buf, fmt, support=support)
        return buf.getvalue().decode("utf-8")

    def export_to(self, output: IO[bytes], fmt: str, *, support: bool = False) -> None:
        """Stream the data graphs to ``output`` in ``fmt``, one graph in memory at a time (Oxigraph's writers).

        ``nq``, ``trig`` and ``jsonld`` keep each source file's graph apart (named by its IRI); ``ttl`` writes
        the merged triples — the store's default graph, each triple once — without the ontology's.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
        prefixes = {p: str(iri) for p, iri in PREFIXES.items()}
        if fmt == "ttl":
            ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
            triples = (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                       if support or not any(True for _ in self._store.quads_for_pattern(
                           q.subject, q.predicate, q.object, ontology)))
            ox.serialize(triples, output, ox.RdfFormat.TURTLE, prefixes=prefixes)
            return
        if fmt == "nq":
            # a source file's graph is filed as N-Triples lines: each is written with its graph name as it stands,
            # with no parse and no writer: the same bytes as Oxigraph's writer (tested), 121 s → 53 s at 100,000 letters
            for gname in self.data_graphs(support=support):
                packed = self._packed(gname)
                if packed is None:
                    ox.serialize(self._store.quads_for_pattern(None, None, None, ox.NamedNode(gname)), output,
                                 ox.RdfFormat.N_QUADS)
                else:
                    tail = f" {ox.NamedNode(gname)} .\n"
                    output.write("".join(line + tail for line in unpack_lines(packed)).encode("utf-8"))
            return
        quads = (q for gname in self.data_graphs(support=support) for q in self.graph_quads(gname))
        formats = {"trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.STREAMING_JSON_LD}
        ox.serialize(quads, output, formats[fmt], prefixes=prefixes)

    def __len__(self) -> int:
        return len(self._store)

    # ------------------------------------------------------------------ writing
    def load_letters(self, letters: Iterable[Loadable], *, prune: bool = False,
                     progress: Callable[[str], None] | None = None, joins: bool = True) -> LoadSummary:
        """Load a batch of letters in one transaction.

        New files are added, changed ones (different SHA-256) replace exactly their graph,
        unchanged ones are skipped; with ``prune`` the source graphs of keys *not* in this
        batch are removed. Nothing is written when a letter fails to build or the update
        fails: the store stays as it was. ``progress`` is called with each key once built.
        Then, when something changed and ``joins`` is on, the joins are recomputed
        (:meth:`refresh_joins`, a second transaction; a loader of many batches does it once, last).
        """
        self._writable()
        summary = LoadSummary()
        current = {s.key: s for s in self.sources()} if prune else None
        shas: dict[str, str] = {}
        states: dict[str, SourceState | None] = {}
        pending: dict[str, Pending] = {}  # new and changed files, in batch order
        for item in letters:
            b = self._built(item, "; store unchanged")  # a malformed record: nothing is written
            if shas.setdefault(b.key, b.sha256) != b.sha256:
                raise StoreError(f"{b.key}: two different letters in one batch share this file key")
            summary.warnings += [(b.key, w) for w in b.warnings]
            if b.key not in states:
                states[b.key] = current.get(b.key) if current is not None else self._source_state(str(b.source))
            old = states[b.key]
            if old is None or old.sha256 != b.sha256:
                # only what the commit needs: the lines (not the terms) keep a big batch small
                pending[b.key] = Pending.of(b)
            if progress is not None:
                progress(b.key)
        summary.letters = len(shas)
        changed: list[str] = []
        removed: list[str] = []
        for key in shas:
            old = states[key]
            if key not in pending:
                summary.unchanged.append(key)
                continue
            if old is not None:
                summary.changed.append(key)
                summary.triples_removed += old.triples
                changed.append(old.graph)
            else:
                summary.new.append(key)
            summary.triples_added += len(pending[key].lines)
        if current is not None:
            for key, old in current.items():
                if key not in shas:
                    summary.removed.append(key)
                    summary.triples_removed += old.triples
                    removed.append(old.graph)
        summary.revision = self._commit(pending, changed, removed)
        if joins and (pending or removed):
            self.refresh_joins()
        return summary

    def load_stream(self, letters: Iterable[Loadable], *, batch: int = 2000, prune: bool = False,
                    progress: Callable[[str], None] | None = None, joins: bool = True,
                    total: LoadSummary | None = None) -> LoadSummary:
        """:meth:`load_letters` in batches of ``batch`` letters, each its own transaction.

        For corpora too big for one transaction (memory, and Oxigraph's slowdown on huge
        ones): only one batch is in memory at a time. A failure keeps the batches already
        committed, and ``total`` (when given) holds what they did. With ``prune``, files not seen in the whole
        stream go in a last transaction; with ``joins``, the undated citations' joins are recomputed after.
        """
        total = total if total is not None else LoadSummary()
        seen: set[str] = set()
        chunk: list[Loadable] = []

        def flush() -> None:
            s = self.load_letters(chunk, progress=progress, joins=False)
            seen.update(s.new + s.changed + s.unchanged)
            total.add(replace(s, letters=0))
            chunk.clear()

        for item in letters:
            chunk.append(item)
            if len(chunk) >= batch:
                flush()
        if chunk:
            flush()
        if prune:
            total.add(replace(self.remove([x.key for x in self.sources() if x.key not in seen], joins=False), letters=0))
        if joins and (total.new or total.changed or total.removed):
            self.refresh_joins()
        total.letters = len(seen)
        total.revision = self.revision()
        return total

    def bulk_load_letters(self, letters: Iterable[Loadable], *, compact: bool = True,
                          progress: Callable[[str], None] | None = None) -> LoadSummary:
        """Opt-in fast first load into an *empty* store, streamed (the letters need not fit in memory).

        Uses Oxigraph's bulk loader (about three times the transactional rate) and writes
        exactly what :meth:`load_letters` would, but it is **not transactional**: if it fails
        or the process dies part-way, the store holds part of the corpus and no revision —
        delete the store directory and load again. The revision is written last, in its own
        small transaction, so a store with sources but revision 0 is such a broken load.
        With ``compact`` (the default) the store is then compacted (:meth:`compact`).
        """
        self._writable()
        if len(self._store):
            raise StoreError(f"{self.path}: bulk loading needs an empty store; use a normal load to add to it")
        summary = LoadSummary()
        failure: list[BaseException] = []
        shas: dict[str, str] = {}
        manifest = f"<{MANIFEST_GRAPH}>"
        integer = f"^^<{XSD.integer}>"
        rev = 1
        support = self._support_graphs()

        def quads(lines: Iterable[str], graph: str) -> str:
            tail = f" {graph} .\n" if graph else " .\n"
            return tail.join(lines) + tail

        def stream() -> Iterator[bytes]:
            for gname, g, _v in support:
                lines = [f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in g]
                yield (quads(lines, f"<{gname}>") + quads(lines, "")).encode()
            for item in letters:
                try:
                    b = self._built(item)
                except StoreError as e:
                    failure.append(e)
                    raise
                first = b.key not in shas
                if shas.setdefault(b.key, b.sha256) != b.sha256:
                    failure.append(StoreError(f"{b.key}: two different letters in one batch share this file key"))
                    raise failure[-1]
                summary.warnings += [(b.key, w) for w in b.warnings]
                if first:
                    p = Pending.of(b)
                    summary.new.append(b.key)
                    summary.triples_added += len(p.lines)
                    # into the default graph (the loader keeps one copy of a triple many files state)
                    yield (quads(p.lines, "") + quads(p.manifest(b.key, rev), manifest)).encode()
                if progress is not None:
                    progress(b.key)

        try:
            self._store.bulk_load(ByteStream(stream()), format=ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]  # a reader
        except (LineageError, OSError, RuntimeError, SyntaxError, ValueError, TypeError, KeyError) as e:
            cause = failure[0] if failure else e
            raise StoreError(f"{self.path}: bulk load failed part-way ({cause}); the store is incomplete: "
                             "delete it and load again") from e
        summary.letters = len(shas)
        if not shas and not support:
            return summary
        head = [f"{manifest} <{LIN.revision}> \"{rev}\"{integer}", f"{manifest} <{LIN.baseIri}> {Lit(self.base).nt()}",
                f"{manifest} <{LIN.identityScheme}> {Lit(IDENTITY_SCHEME).nt()}"]
        if support:
            head.append(f"{manifest} <{LIN.sha256}> {Lit(support[0][2]).nt()}")
        self._store.update(f"INSERT DATA {{ GRAPH {manifest} {{\n" + " .\n".join(head) + " .\n} }")
        summary.revision = rev
        if compact:
            self.refresh_joins()
            self.compact()
        return summary

    def compact(self) -> None:
        """Compact the store's files (RocksDB), once, after a bulk load.

        The bulk loader ingests its sorted files side by side, overlapping: a triple many
        letters state sits in many of them, and every read merges them all. Compacting
        once makes reads 6–10× faster (edge enumeration 7 s → 1.1 s at 100,000 letters)
        for ≈15 s of work there, at the cost of ≈30 % more disk (RocksDB leaves the first
        levels uncompressed).
        """
        self._writable()
        try:
            self._store.optimize()
        except OSError as e:
            raise StoreError(f"{self.path}: compaction failed ({e}); the data is intact, run the load again to retry") from e

    def _built(self, item: Loadable, tail: str = "") -> BuiltLetter | FiledLetter:
        """The item's triples: built here from a Letter, or as built (by a worker) under this store's base."""
        if isinstance(item, FiledLetter):
            if item.base != self.base:
                raise StoreError(f"{item.key}: built under base IRI {item.base}, but the store uses {self.base}{tail}")
            return item
        if isinstance(item, BuiltLetter):
            return item
        try:
            return build_letter(item, self.base)
        except (ValueError, TypeError, KeyError) as e:
            raise StoreError(f"{getattr(item, 'file', '?')}: cannot build its graph ({e}){tail}") from e

    def _source_state(self, graph: str) -> SourceState | None:
        """One source graph's manifest record (index lookups, not a query over all sources)."""
        values = {text_of(q.predicate): text_of(q.object) for q in
                  self._store.quads_for_pattern(ox.NamedNode(graph), None, None, ox.NamedNode(str(MANIFEST_GRAPH)))}
        try:
            return SourceState(graph, values[str(LIN.sourceKey)], values[str(LIN.sha256)],
                               int(values[str(LIN.revision)]), int(values[str(LIN.tripleCount)]),
                               values.get(str(LIN.describes)))
        except KeyError:  # not in the store (or an incomplete record, which sources() skips too)
            return None

    def remove(self, keys: Iterable[str], *, joins: bool = True) -> LoadSummary:
        """Remove the graphs of these file keys (one transaction); unknown keys are ignored."""
        self._writable()
        current = {s.key: s for s in self.sources()}
        summary = LoadSummary()
        removed: list[str] = []
        for key in dict.fromkeys(keys):
            if key in current:
                summary.removed.append(key)
                summary.triples_removed += current[key].triples
                removed.append(current[key].graph)
        summary.revision = self._commit({}, [], removed)
        if joins and removed:
            self.refresh_joins()
        return summary

    # ------------------------------------------------------------------ joins and links
    def joins(self) -> list[Join]:
        """What became of every undated cited node (joined, or why not): :func:`lineage.graph.rdf.joins.joins`."""
        return find_joins(self)

    def refresh_joins(self) -> list[Join]:
        """Recompute the joins graph from the store and the reviewers' links; one transaction, only when it changed."""
        self._writable()
        found = find_joins(self)
        lines = join_lines(self, found)
        self._replace_graph(JOINS_GRAPH, lines)
        return found

    def link(self, a: str, b: str, decision: str, by: str | None = None, at: str | None = None) -> list[Join]:
        """Record a reviewer's decision that ``a`` and ``b`` are one document ("same") or two ("different")."""
        self._writable()
        for iri in (a, b):
            if not self.select("SELECT ?d WHERE { ?d a lin:Document } LIMIT 1", {"d": URIRef(iri)}):
                raise StoreError(f"{iri}: no such document in the store")
        kept = [x for x in read_links(self) if frozenset((x.a, x.b)) != frozenset((a, b))]
        lines = [line for x in kept for line in link_lines(self.base, x.a, x.b, x.decision, x.by, x.at)]
        lines += link_lines(self.base, a, b, decision, by, at)
        self._replace_graph(LINKS_GRAPH, lines)
        return self.refresh_joins()

    def _replace_graph(self, graph: URIRef, lines: list[str]) -> None:
        """Make a bookkeeping graph (and its triples in the default graph) say exactly ``lines``; one transaction."""
        g = ox.NamedNode(str(graph))
        old = {f"{q.subject} {q.predicate} {q.object}" for q in self._store.quads_for_pattern(None, None, None, g)}
        if old == set(lines):
            return
        ops = self._drop_support(str(graph)) if old else []
        ops.append(data_op("INSERT", {f"<{graph}>": lines, "": lines}))
        try:
            self._store.update(" ;\n".join(ops))
        except (OSError, RuntimeError, SyntaxError, ValueError) as e:
            raise StoreError(f"{self.path}: could not write {graph} ({e}); the letters are stored, run "
                             "`lineage load` again to redo it") from e

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")

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

    def _drop(self, changed: list[str], removed: list[str], reinserted: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """Update operations that take the ``changed`` and ``removed`` source files out of the store.

        A file's own triples go; a shared one only when no file that stays and no support
        graph still states it. Lines in ``reinserted`` (what the same update inserts again,
        e.g. a changed file's unchanged triples) are left alone. Worked out here with index lookups and written as ``DELETE DATA``: any
        operation that reads makes Oxigraph run the whole update about twice as slowly.
        """
        dropped = [*changed, *removed]
        if not dropped:
            return []
        holders = Holders(self._store, set(dropped))
        default: list[str] = []
        manifest: list[str] = []
        shared: dict[str, None] = {}
        for graph in dropped:
            records = list(self._store.quads_for_pattern(ox.NamedNode(graph), None, None, MANIFEST))
            manifest += [f"{q.subject} {q.predicate} {q.object}" for q in records]
            packed = next((text_of(q.object) for q in records if q.predicate == CONTENT), "")
            for line in unpack_lines(packed):
                if line in reinserted:
                    continue
                if is_own(line, graph):
                    default.append(line)
                else:
                    shared[line] = None
        default += [line for line in shared if not holders.states(line)]
        return [data_op("DELETE", {"": default, f"<{MANIFEST_GRAPH}>": manifest})]

    def _drop_support(self, graph: str) -> list[str]:
        """Operations that take an old version of a support graph (hierarchy, ontology) out."""
        g = ox.NamedNode(graph)
        quads = list(self._store.quads_for_pattern(None, None, None, g))
        holders = Holders(self._store, set(), skip_support={g})
        # a letter states no blank node: those triples are the support graph's alone
        lines = [f"{q.subject} {q.predicate} {q.object}" for q in quads
                 if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)]
        ops = [data_op("DELETE", {"": [line for line in lines if not holders.states(line)]})]
        if len(lines) < len(quads):
            ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER(isBlank(?s) || isBlank(?o)) }}")
        return [*ops, f"DROP SILENT GRAPH <{graph}>"]

    def _commit(self, pending: Mapping[str, Pending], changed: list[str], removed: list[str]) -> int:
        """Take out the ``changed`` and ``removed`` files and insert the ``pending`` ones (their
        triples into the default graph, their records into the manifest) as one SPARQL
        update: Oxigraph runs it as one transaction."""
        rev = self.revision()
        if not pending and not changed and not removed:
            return rev
        rev += 1
        ops = self._drop(changed, removed, {line for p in pending.values() for line in p.lines} if changed else frozenset())
        support = self._support_graphs()
        m = f"<{MANIFEST_GRAPH}>"
        for gname, _g, _v in support:
            # DROP (even SILENT, of a missing graph) also slows the whole update: only when there
            if self._store.contains_named_graph(ox.NamedNode(str(gname))):
                ops += self._drop_support(str(gname))
        # the store's single values (revision, base IRI, support version) are replaced
        olds = [LIN.revision, LIN.baseIri, LIN.identityScheme] + ([LIN.sha256] if support else [])
        head = [f"{q.subject} {q.predicate} {q.object}" for p in olds for q in
                self._store.quads_for_pattern(to_ox(MANIFEST_GRAPH), to_ox(p), None, to_ox(MANIFEST_GRAPH))]
        if head:
            ops.append(data_op("DELETE", {m: head}))
        parts = [" ;\n".join(ops), " ;\n" if ops else "", "INSERT DATA {\n"]
        triples: dict[str, None] = {}  # the default graph's new triples, each once per update
        for p in pending.values():
            triples.update(dict.fromkeys(p.lines))
        for gname, g, _v in support:
            lines = [f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in g]
            parts += [f"GRAPH <{gname}> {{\n", " .\n".join(lines), " .\n}\n"]
            triples.update(dict.fromkeys(lines))
        if triples:
            parts += [" .\n".join(triples), " .\n"]
        del triples
        integer = f"^^<{XSD.integer}>"
        manifest = [f"{m} <{LIN.revision}> \"{rev}\"{integer}", f"{m} <{LIN.baseIri}> {Lit(self.base).nt()}",
                    f"{m} <{LIN.identityScheme}> {Lit(IDENTITY_SCHEME).nt()}"]
        if support:
            manifest.append(f"{m} <{LIN.sha256}> {Lit(support[0][2]).nt()}")
        for key, p in pending.items():
            manifest += p.manifest(key, rev)
        parts += [f"GRAPH {m} {{\n", " .\n".join(manifest), " .\n}\n}"]
        update = "".join(parts)
        del parts
        try:
            self._store.update(update)  # one transaction: all or nothing
        except (OSError, RuntimeError, SyntaxError) as e:
            raise StoreError(f"{self.path}: load failed, store unchanged ({e})") from e
        return rev


_OLD_UNION = ox.NamedNode(str(STORE_NS["union"]))  # the materialised union graph of the layout before
