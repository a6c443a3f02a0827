"""How a change is written: each new or changed file's lines and manifest record (:class:`Pending`), the
``INSERT DATA`` / ``DELETE DATA`` text (:func:`data_op`), which shared triples another file or a support graph still
states (:class:`Holders`: reference counting without a count), and the byte stream the bulk loader reads."""
from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from lineage.graph.rdf.build import BuiltLetter, FiledLetter, Lit
from lineage.graph.rdf.filing import pack_lines, shared_subjects, subject_of, unpack_lines
from lineage.graph.rdf.hierarchy import HIERARCHY_GRAPH
from lineage.graph.rdf.joins import JOINS_GRAPH, LINKS_GRAPH
from lineage.graph.rdf.terms import text_of
from lineage.ontology.terms import LIN, MANIFEST_GRAPH, ONTOLOGY_GRAPH, RDF, XSD

__all__ = ["CONTENT", "MANIFEST", "MENTIONS", "SUPPORT", "ByteStream", "Holders", "Pending", "data_op"]

MANIFEST = ox.NamedNode(str(MANIFEST_GRAPH))
CONTENT = ox.NamedNode(str(LIN.content))
MENTIONS = ox.NamedNode(str(LIN.mentions))
# graphs that state triples of the default graph beside the files: a file taken out leaves what they state
SUPPORT = (ox.NamedNode(str(HIERARCHY_GRAPH)), ox.NamedNode(str(ONTOLOGY_GRAPH)), ox.NamedNode(str(JOINS_GRAPH)),
           ox.NamedNode(str(LINKS_GRAPH)))


class Holders:
    """Answers "does anyone else state this shared triple?" while some files are taken out.

    Candidates are the files whose manifest record mentions the triple's subject; each is
    unpacked once (cached) and searched for the exact line. The support graphs answer by
    index lookup.
    """

    def __init__(self, store: ox.Store, gone: set[str], skip_support: set[ox.NamedNode] | None = None) -> None:
        self._store = store
        self._gone = gone
        self._support = [g for g in SUPPORT if g not in (skip_support or set())]
        self._lines: dict[str, frozenset[str]] = {}

    def states(self, line: str) -> bool:
        subject = ox.NamedNode(subject_of(line))
        for q in self._store.quads_for_pattern(None, MENTIONS, subject, MANIFEST):
            other = text_of(q.subject)
            if other in self._gone:
                continue
            held = self._lines.get(other)
            if held is None:
                packed = next(self._store.quads_for_pattern(q.subject, CONTENT, None, MANIFEST), None)
                held = self._lines[other] = frozenset(unpack_lines(text_of(packed.object) if packed else ""))
            if line in held:
                return True
        if self._support:
            t = next(iter(ox.parse(line + " .", format=ox.RdfFormat.N_TRIPLES)))
            return any(True for g in self._support for _ in self._store.quads_for_pattern(t.subject, t.predicate, t.object, g))
        return False


def data_op(verb: str, graphs: Mapping[str, list[str]]) -> str:
    """``INSERT DATA`` / ``DELETE DATA`` of N-Triples lines, by graph (``{"<g>": lines}``; ``""``: the default graph)."""
    body = "".join((f"GRAPH {g} {{\n" if g else "") + " .\n".join(lines) + (" .\n}\n" if g else " .\n")
                   for g, lines in graphs.items() if lines)
    return f"{verb} DATA {{\n{body}}}"


@dataclass(frozen=True, slots=True)
class Pending:
    """A new or changed file waiting for the commit: its N-Triples lines and manifest facts."""

    source: str
    document: str
    sha256: str
    lines: list[str]
    packed: str
    mentions: tuple[str, ...]

    @classmethod
    def of(cls, b: BuiltLetter | FiledLetter) -> Pending:
        """From a built letter (packed here) or a filed one (packed by its worker already)."""
        lines, source = b.lines, str(b.source)
        if isinstance(b, FiledLetter) and (b.packed or not lines):
            packed, mentions = b.packed, b.mentions
        else:
            packed, mentions = pack_lines(lines), tuple(shared_subjects(lines, source))
        return cls(source, str(b.document), b.sha256, lines, packed, mentions)

    def manifest(self, key: str, rev: int) -> list[str]:
        """Its record in the manifest graph, as N-Triples lines."""
        s, integer = f"<{self.source}>", f"^^<{XSD.integer}>"
        return [f"{s} <{RDF.type}> <{LIN.SourceGraph}>", f"{s} <{LIN.sourceKey}> {Lit(key).nt()}",
                f"{s} <{LIN.sha256}> {Lit(self.sha256).nt()}", f"{s} <{LIN.revision}> \"{rev}\"{integer}",
                f"{s} <{LIN.tripleCount}> \"{len(self.lines)}\"{integer}", f"{s} <{LIN.describes}> <{self.document}>",
                f"{s} <{LIN.content}> \"{self.packed}\"", *(f"{s} <{LIN.mentions}> <{m}>" for m in self.mentions)]


class ByteStream(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks (feeds the bulk loader lazily)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buf = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buf:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buf = memoryview(chunk)
        n = min(len(target), len(self._buf))
        target[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n
