"""FalkorDB's bulk insert (``GRAPH.BULK``): a new graph's nodes and edges in a few binary commands.

The first mirror of a store writes tens of entities per letter; through ``UNWIND … MERGE`` statements each one is
parsed, planned and matched on its key. ``GRAPH.BULK`` creates them from packed binary records instead, into a graph
that does not exist yet. The record format is the one ``falkordb-bulk-loader`` (BSD-3-Clause) sends:

* a command: ``GRAPH.BULK <graph> [BEGIN] <nodes> <edges> <labels> <types> <label blob>… <type blob>…``
  (``BEGIN`` on the first command only; later ones add to the graph being built);
* a blob: its label or type and its property names, NUL-terminated, then one record per entity: an edge's
  source and target node ids (``=QQ``), then one typed value per property (0 null, 1 bool, 2 double,
  3 NUL-terminated string, 4 long);
* node ids count from 0 in the order nodes are created, over all commands.

:func:`encode` turns nodes grouped by label and edges grouped by type into such commands; nothing here talks to a
server (``FalkorDialect.bulk_insert`` sends them).
"""
from __future__ import annotations

import struct
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["BulkEdge", "Unencodable", "encode"]

#: Bytes per command: FalkorDB's loader allows 64 MB; smaller commands keep the server responsive between them.
MAX_COMMAND_BYTES = 16 << 20

_NULL = struct.pack("=B", 0)
_TRUE = struct.pack("=B?", 1, True)
_FALSE = struct.pack("=B?", 1, False)


class Unencodable(ValueError):
    """A value the bulk format cannot carry (a string with a NUL, a list …): write that graph with Cypher."""


@dataclass(frozen=True)
class BulkEdge:
    type: str
    source: tuple[str, str]  # (label, key value)
    target: tuple[str, str]
    props: Mapping[str, Any]


def _value(v: Any) -> bytes:
    if v is None:
        return _NULL
    if isinstance(v, bool):  # (before int: a bool is an int)
        return _TRUE if v else _FALSE
    if isinstance(v, int):
        if not -(1 << 63) <= v < 1 << 63:
            raise Unencodable(f"integer {v} out of range")
        return struct.pack("=Bq", 4, v)
    if isinstance(v, float):
        return struct.pack("=Bd", 2, v)
    if isinstance(v, str):
        if "\x00" in v:
            raise Unencodable("a string holds a NUL character")
        b = v.encode("utf-8")
        return struct.pack(f"=B{len(b) + 1}s", 3, b)
    raise Unencodable(f"{type(v).__name__} values are not written in bulk")


def _header(name: str, props: Sequence[str]) -> bytes:
    parts = [name.encode("utf-8") + b"\x00", struct.pack("=I", len(props))]
    parts += [p.encode("utf-8") + b"\x00" for p in props]
    return b"".join(parts)


def _names(rows: Sequence[Mapping[str, Any]], first: Sequence[str] = ()) -> list[str]:
    """Every property name the rows use, in a fixed order (a blob's records all carry the same properties)."""
    seen = dict.fromkeys(first)
    for r in rows:
        seen.update(dict.fromkeys(r))
    return list(seen)


def encode(graph: str, nodes: Mapping[str, Sequence[Mapping[str, Any]]], key: str, edges: Sequence[BulkEdge],
           max_bytes: int = MAX_COMMAND_BYTES) -> Iterator[list[Any]]:
    """``GRAPH.BULK`` commands (argument lists) that create ``nodes`` (per label, rows named by their ``key``) and
    ``edges`` (ends named by label and key) in the new graph ``graph``. Raises :class:`Unencodable` before
    yielding anything when a value cannot be written."""
    ids: dict[tuple[str, str], int] = {}
    created = 0
    blobs: list[tuple[bool, str, bytes, list[bytes]]] = []  # (is a label, name, header, records)
    for label, rows in nodes.items():
        names = _names(rows, (key,) if any(key in r for r in rows) else ())
        records = []
        for row in rows:
            if key in row:  # (a node no edge names, such as a sync marker, may have no key)
                ids[(label, str(row[key]))] = created
            created += 1
            records.append(b"".join(_value(row.get(n)) for n in names))
        blobs.append((True, label, _header(label, names), records))
    by_type: dict[str, list[BulkEdge]] = {}
    for e in edges:
        by_type.setdefault(e.type, []).append(e)
    for t, group in by_type.items():
        names = _names([e.props for e in group])
        records = []
        for e in group:
            try:
                ends = struct.pack("=QQ", ids[e.source], ids[e.target])
            except KeyError as missing:
                raise Unencodable(f"edge {t} names a node that is not written: {missing}") from None
            records.append(ends + b"".join(_value(e.props.get(n)) for n in names))
        blobs.append((False, t, _header(t, names), records))
    return _commands(graph, blobs, max_bytes)


def _commands(graph: str, blobs: list[tuple[bool, str, bytes, list[bytes]]], max_bytes: int) -> Iterator[list[Any]]:
    """Pack the blobs' records into commands of at most ``max_bytes``, nodes before the edges that need them."""
    first = True
    labels: list[bytes] = []
    types: list[bytes] = []
    counts = [0, 0]  # nodes, edges
    size = 0

    def command() -> list[Any]:
        nonlocal first, labels, types, counts, size
        args: list[Any] = [graph, *(["BEGIN"] if first else []), counts[0], counts[1], len(labels), len(types),
                           *labels, *types]
        first, labels, types, counts, size = False, [], [], [0, 0], 0
        return args

    for is_label, _name, header, records in blobs:
        chunk: list[bytes] = []
        chunk_size = len(header)
        for rec in records:
            if chunk and size + chunk_size + len(rec) > max_bytes:
                (labels if is_label else types).append(header + b"".join(chunk))
                counts[0 if is_label else 1] += len(chunk)
                yield command()
                chunk, chunk_size = [], len(header)
            chunk.append(rec)
            chunk_size += len(rec)
        if chunk:
            (labels if is_label else types).append(header + b"".join(chunk))
            counts[0 if is_label else 1] += len(chunk)
            size += chunk_size
    if counts[0] or counts[1] or first:
        yield command()
