"""Mirror the RDF store into a property graph (Neo4j 5 or FalkorDB) over Bolt.

The store stays the source of truth; :func:`sync` makes the server match it, following
the model of :mod:`lineage.ontology.property_graph`:

* **Incremental.** Each graph (one per source file, plus the hierarchy) owns the
  edges it asserts (edge property ``g``). A marker node ``(:LineageSync {graph, sha})``
  records what was synced; only graphs whose SHA-256 differs from their marker (new,
  changed) or that left the store (removed) are touched.
* **Crash-safe without rollback** (FalkorDB's ``tx.rollback()`` undoes nothing). A graph
  is first marked pending (``sha = ''``), then its old edges are deleted, nodes and
  edges written with ``MERGE`` on their keys, orphans removed, node properties
  recomputed from the union of the store, and its marker written **last**. A crash at
  any point leaves a pending or stale marker, so the next sync redoes that graph; every
  statement is idempotent, so redoing is safe.
* **Batched.** ``UNWIND $rows`` with parameters only (labels, types and property names
  come from the model table), one explicit transaction per statement, split by the
  dialect so FalkorDB's statement buffer is never overrun. String values too long for
  one statement are written in pieces (``SET p = p + $piece``).
"""
from __future__ import annotations

import hashlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox

from lineage.errors import MirrorError
from lineage.graph.mirror.bulk import BulkEdge, Unencodable, encode
from lineage.graph.mirror.clients import CypherClient
from lineage.graph.mirror.dialect import FALKOR_BOLT_GRAPH, literal_size, statement_size
from lineage.graph.rdf.iri import IDENTITY_SCHEME
from lineage.graph.rdf.store import GraphStore
from lineage.ontology.property_graph import Model, NodeMap, RelMap, model
from lineage.ontology.terms import MANIFEST_GRAPH, ONTOLOGY_GRAPH, sparql_prologue

__all__ = ["SyncSummary", "sync", "counts", "pending", "store_graphs"]

_EPOCH = date(1970, 1, 1)
_GRAPHS_PER_ROUND = 200
_IRIS_PER_SPARQL = 400


@dataclass
class SyncSummary:
    """What one :func:`sync` did."""

    graphs: int = 0  # graphs in the store
    new: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    nodes_written: int = 0
    edges_written: int = 0
    nodes_deleted: int = 0
    edges_deleted: int = 0
    statements: int = 0
    seconds: float = 0.0
    product: str = ""
    notes: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (
            "graphs", "new", "changed", "removed", "unchanged", "nodes_written", "edges_written",
            "nodes_deleted", "edges_deleted", "statements", "seconds", "product")}  # fmt: skip


@dataclass(frozen=True)
class _Source:
    graph: str
    sha: str
    doc: str | None


def store_graphs(store: GraphStore) -> dict[str, _Source]:
    """The graphs to mirror: every source file's graph, and the other data graphs (hierarchy)."""
    # a file's graph is its text read under the identity rules: other rules, other IRIs, so a stale mirror
    out = {s.graph: _Source(s.graph, f"{IDENTITY_SCHEME}:{s.sha256}", s.document) for s in store.sources()}
    skip = {str(MANIFEST_GRAPH), str(ONTOLOGY_GRAPH)}
    for g in store.data_graphs():
        if g not in out and g not in skip:
            sha = hashlib.sha256(store.nquads([g]).encode("utf-8")).hexdigest()
            out[g] = _Source(g, sha, None)
    return out


def _epoch_day(value: Any) -> int | None:
    try:
        return (date.fromisoformat(str(value)[:10]) - _EPOCH).days
    except ValueError:
        return None


def _values(var: str, iris: Iterable[str]) -> str:
    # N-Triples serialisation of pyoxigraph validates and escapes each IRI
    return f"VALUES ?{var} {{ " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"


def _chunks(items: Sequence[Any], n: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class _Writer:
    """Statement execution with the dialect's batching and the oversized-value fallback."""

    def __init__(self, client: CypherClient, summary: SyncSummary) -> None:
        self.client = client
        self.dialect = client.dialect
        self.summary = summary

    def write(self, query: str, rows: Sequence[Mapping[str, Any]], *, append: Callable[[Mapping[str, Any]], list[tuple[str, dict[str, Any]]]] | None = None
              ) -> dict[str, int]:
        """Run ``query`` (which reads ``$rows``) over all ``rows``, batch by batch."""
        totals: dict[str, int] = defaultdict(int)
        if not rows:
            return totals
        bulk = getattr(self.dialect, "bulk_write", None)
        done = bulk(query, rows) if bulk is not None else None
        if done is not None:  # FalkorDB's Redis port: large batches instead of 4 KB Bolt statements
            self.summary.statements += 1
            return defaultdict(int, done)
        pieces: list[tuple[str, dict[str, Any]]] = []
        budget = self.dialect.statement_budget
        if budget is not None:
            fitted = []
            base = statement_size(query, {"rows": []})
            for row in rows:
                if base + literal_size(row) + 2 > budget and append is not None:
                    row, more = _split_row(row, budget - base - 2, append)
                    pieces.extend(more)
                fitted.append(row)
            rows = fitted
        for batch in self.dialect.batches(query, rows):
            for k, v in self.client.write(query, {"rows": batch}).items():
                totals[k] += v
            self.summary.statements += 1
        for q, params in pieces:
            self.client.write(q, params)
            self.summary.statements += 1
        return totals

    def read(self, query: str, values: Sequence[Any], name: str = "rows") -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for batch in self.dialect.batches(query, [{"v": v} for v in values]):
            out.extend(self.client.run(query, {name: [b["v"] for b in batch]}))
            self.summary.statements += 1
        return out


def _split_row(row: Mapping[str, Any], room: int, append: Callable[[Mapping[str, Any]], list[tuple[str, dict[str, Any]]]]
               ) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """Shorten the long strings of ``row.props`` to fit ``room`` bytes; the rest goes in append statements."""
    row = dict(row)
    props = dict(row["props"])
    row["props"] = props
    tails: dict[str, str] = {}
    for name in sorted(props, key=lambda k: -literal_size(props[k])):
        if literal_size(row) <= room:
            break
        value = props[name]
        if not isinstance(value, str):
            continue
        excess = literal_size(row) - room
        keep = max(0, len(value) - excess)  # characters cost >= 1 byte: cutting `excess` chars is enough
        while keep and literal_size({**row, "props": {**props, name: value[:keep]}}) > room:
            keep = max(0, keep - max(1, (literal_size(row) - room) // 4))
        props[name], tails[name] = value[:keep], value[keep:]
    if literal_size(row) > room:
        raise MirrorError(f"{row.get('iri') or row.get('from')}: a row is too large for the server even without its texts")
    statements = []
    for name, tail in tails.items():
        statements.extend(append({**row, "prop": name, "tail": tail}))
    return row, statements


class _Mirror:
    def __init__(self, store: GraphStore, client: CypherClient, m: Model, summary: SyncSummary) -> None:
        self.store = store
        self.client = client
        self.m = m
        self.s = summary
        self.w = _Writer(client, summary)
        self.budget = client.dialect.statement_budget

    # ------------------------------------------------------------------ server side
    def ensure_schema(self) -> None:
        d = self.client.dialect
        d.ensure_schema(self.client, self.m.labels, self.m.key, [], "")
        d.ensure_schema(self.client, [], "", self.m.relationship_types, self.m.graph_property)
        # the marker's key is `graph`, not `iri`
        d.ensure_schema(self.client, [self.m.marker_label], "graph", [], "")

    def markers(self) -> dict[str, tuple[str, str | None]]:
        rows = self.client.run(f"MATCH (m:{self.m.marker_label}) RETURN m.graph AS graph, m.sha AS sha, m.doc AS doc")
        return {r["graph"]: (r["sha"] or "", r["doc"]) for r in rows}

    def set_markers(self, rows: list[dict[str, Any]]) -> None:
        self.w.write(f"UNWIND $rows AS row MERGE (m:{self.m.marker_label} {{graph: row.graph}}) "
                     "SET m.sha = row.sha, m.doc = row.doc", rows)

    def delete_markers(self, graphs: list[str]) -> None:
        self.w.write(f"UNWIND $rows AS row MATCH (m:{self.m.marker_label} {{graph: row.graph}}) DELETE m",
                     [{"graph": g} for g in graphs])

    def old_edges(self, graphs: list[str]) -> set[tuple[str, str]]:
        """(label, iri) of the endpoints of the edges the graphs own."""
        out: set[tuple[str, str]] = set()
        g = self.m.graph_property
        for t in self.m.relationship_types:
            # unlabelled ends: FalkorDB then plans an edge-index scan, not a label scan per row
            q = (f"UNWIND $rows AS gr MATCH (a)-[e:{t} {{{g}: gr}}]->(b) "
                 "RETURN DISTINCT a.iri AS a, b.iri AS b, labels(a)[0] AS la, labels(b)[0] AS lb")
            for row in self.w.read(q, graphs):
                out.add((row["la"], row["a"]))
                out.add((row["lb"], row["b"]))
        return out

    def delete_edges(self, graphs: list[str]) -> None:
        g = self.m.graph_property
        for t in self.m.relationship_types:
            res = self.w.write(f"UNWIND $rows AS row MATCH ()-[e:{t} {{{g}: row.g}}]->() DELETE e",
                               [{"g": x} for x in graphs])
            self.s.edges_deleted += res.get("relationships_deleted", 0)

    # ------------------------------------------------------------------ store side
    def local_graphs(self, graphs: list[str]) -> ox.Store:
        """The graphs' own triples, each in its named graph, in a scratch in-memory store.

        The store keeps every triple once in its default graph (no per-file named graphs),
        so "the edges a file owns" is read from the file's own graph, unpacked here.
        """
        local = ox.Store()
        for g in graphs:
            local.extend(self.store.graph_quads(g))
        return local

    def edge_rows(self, rel: RelMap, local: ox.Store) -> list[dict[str, Any]]:
        """The ``rel`` edges each graph in ``local`` states, with their properties from the store's union."""
        props = rel.properties
        keys = ["g", "from", "to"] + (["edge"] if "?edge" in rel.where else [])
        head = " ".join(f"?{k}" for k in keys)
        solutions: Any = local.query(f"{sparql_prologue()}SELECT DISTINCT {head} WHERE {{ GRAPH ?g {{ {rel.where} }} }}")
        found = [tuple(sol[k].value for k in keys) for sol in solutions]
        select = " ".join(f"(MIN(?p{i}) AS ?v{i})" for i in range(len(props)))
        optional = " ".join(f"OPTIONAL {{ ?{p.of} {p.path} ?p{i} }}" for i, p in enumerate(props))
        rows = []
        for chunk in _chunks(sorted(found), _IRIS_PER_SPARQL):
            if props:
                # N-Triples serialisation of pyoxigraph validates and escapes each IRI
                values = " ".join("(" + " ".join(str(ox.NamedNode(v)) for v in row) + ")" for row in chunk)
                q = f"SELECT {head} {select} WHERE {{ VALUES ({head}) {{ {values} }} {optional} }} GROUP BY {head}"
                results = self.store.select(q)
            else:
                results = [dict(zip(keys, row, strict=True)) for row in chunk]
            for r in results:
                cells = {p.name: _transform(p.transform, r.get(f"v{i}")) for i, p in enumerate(props)}
                rows.append({"from": r["from"], "to": r["to"], "g": r["g"], "eid": r.get("edge") or "",
                             "props": {k: v for k, v in cells.items() if v is not None}})
        return rows

    def node_props(self, node: NodeMap, iris: list[str]) -> dict[str, dict[str, Any]]:
        """Properties of ``iris`` from the union of the store (None for what it no longer says)."""
        props = node.properties
        select = " ".join(f"(MIN(?p{i}) AS ?v{i})" for i in range(len(props)))
        optional = " ".join(f"OPTIONAL {{ ?n {p.path} ?p{i} }}" for i, p in enumerate(props))
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(iris), _IRIS_PER_SPARQL):
            q = f"SELECT ?n {select} WHERE {{ {_values('n', chunk)} {optional} }} GROUP BY ?n"
            for r in self.store.select(q):
                out[r["n"]] = {p.name: _transform(p.transform, r.get(f"v{i}")) for i, p in enumerate(props)}
        return out

    # ------------------------------------------------------------------ the first mirror, in bulk
    def first(self, sources: list[_Source]) -> bool:
        """Write every graph into a graph the server does not have yet with ``GRAPH.BULK`` (FalkorDB): the same
        nodes, edges, properties, lags and markers a round writes, in a few binary commands. False (nothing
        written) when the server or a value does not allow it; the rounds then write everything."""
        m, key, gp = self.m, self.m.key, self.m.graph_property
        if not sources or not self.client.dialect.bulk_target():
            return False
        local = self.local_graphs([s.graph for s in sources])
        wanted: dict[str, set[str]] = defaultdict(set)
        for s in sources:
            if s.doc:
                wanted["Letter"].add(s.doc)
        edges: list[tuple[RelMap, dict[str, Any]]] = []
        for rel in m.relationships:
            for r in self.edge_rows(rel, local):
                edges.append((rel, r))
                wanted[rel.from_label].add(r["from"])
                wanted[rel.to_label].add(r["to"])
        nodes: dict[str, list[dict[str, Any]]] = {}
        for label in sorted(wanted):
            node = m.node(label)
            known = self.node_props(node, sorted(wanted[label]))
            nodes[label] = [{key: iri, **{k: v for k, v in known.get(iri, {}).items() if v is not None}}
                            for iri in sorted(wanted[label])]
        day = {(label, row[key]): row.get("day") for label, rows in nodes.items() for row in rows}
        out = []
        for rel, r in edges:
            props = {gp: r["g"], m.edge_key: r["eid"], **dict(rel.constants), **r["props"]}
            if rel.lag_days:  # as a round sets it: the days between the letter and what it cites
                a, b = day.get((rel.from_label, r["from"])), day.get((rel.to_label, r["to"]))
                if a is not None and b is not None:
                    props["lag_days"] = a - b
            out.append(BulkEdge(rel.type, (rel.from_label, r["from"]), (rel.to_label, r["to"]), props))
        try:
            commands = list(encode(FALKOR_BOLT_GRAPH, nodes, key, out))
        except Unencodable as e:
            self.s.notes.append(f"first mirror written statement by statement ({e})")
            return False
        done = self.client.dialect.bulk_insert(commands)
        if done is None:
            return False
        self.s.statements += len(commands)
        self.s.nodes_written += sum(len(rows) for rows in nodes.values())
        self.s.edges_written += len(out)
        return True

    # ------------------------------------------------------------------ one round
    def round(self, changed: list[_Source], removed: list[str], docs_kept: set[str]) -> None:
        m, key, gp = self.m, self.m.key, self.m.graph_property
        graphs = [s.graph for s in changed] + removed
        # 1. pending: from here until the final marker, these graphs count as unsynced
        self.set_markers([{"graph": g, "sha": "", "doc": None} for g in graphs])
        # 2. what they owned, then drop it
        old = self.old_edges(graphs)
        self.delete_edges(graphs)
        # 3. the new edges and their endpoints, read from the store
        new_nodes: set[tuple[str, str]] = {("Letter", s.doc) for s in changed if s.doc}
        edges: dict[str, list[dict[str, Any]]] = {}
        local = self.local_graphs([s.graph for s in changed])
        for rel in m.relationships:
            rows = self.edge_rows(rel, local) if changed else []
            edges[rel.name] = rows
            for r in rows:
                new_nodes.add((rel.from_label, r["from"]))
                new_nodes.add((rel.to_label, r["to"]))
        # 4. nodes (new and touched) with their properties from the union of the store
        touched = old | new_nodes
        by_label: dict[str, list[str]] = defaultdict(list)
        for label, iri in sorted(touched):
            by_label[label].append(iri)
        for label, iris in by_label.items():
            node = m.node(label)
            known = self.node_props(node, iris)
            new_iris = {iri for lb, iri in new_nodes if lb == label}
            rows = [{"iri": iri, "props": known.get(iri, {p.name: None for p in node.properties})}
                    for iri in iris if iri in new_iris]
            self.w.write(f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.iri}}) SET n += row.props", rows,
                         append=self._node_append(label))
            self.s.nodes_written += len(rows)
        # 5. edges
        for rel in m.relationships:
            rows = edges[rel.name]
            ident = ", ".join([f"{gp}: row.g", f"{m.edge_key}: row.eid"] + [f"{k}: {_lit(v)}" for k, v in rel.constants])
            q = (f"UNWIND $rows AS row MATCH (a:{rel.from_label} {{{key}: row.from}}) "
                 f"MATCH (b:{rel.to_label} {{{key}: row.to}}) MERGE (a)-[e:{rel.type} {{{ident}}}]->(b) SET e += row.props")
            self.w.write(q, rows, append=self._edge_append(rel))
            self.s.edges_written += len(rows)
        # 6. old endpoints no longer used: delete if orphaned, else refresh their properties
        gone = sorted(touched - new_nodes)
        if gone:
            kept_docs = docs_kept | {s.doc for s in changed if s.doc}
            for label in {lb for lb, _ in gone}:
                iris = [iri for lb, iri in gone if lb == label]
                candidates = [i for i in iris if i not in kept_docs]
                res = self.w.write(f"UNWIND $rows AS row MATCH (n:{label} {{{key}: row.iri}}) "
                                   "WITH n, size([(n)--() | 1]) AS degree WHERE degree = 0 DELETE n", [{"iri": i} for i in candidates])
                self.s.nodes_deleted += res.get("nodes_deleted", 0)
                node = m.node(label)
                known = self.node_props(node, iris)
                rows = [{"iri": i, "props": known.get(i, {p.name: None for p in node.properties})} for i in iris]
                self.w.write(f"UNWIND $rows AS row MATCH (n:{label} {{{key}: row.iri}}) SET n += row.props", rows,
                             append=self._node_append(label))
        # 7. lags on citation edges touching these letters (dates may come from other graphs)
        letters = sorted({iri for lb, iri in touched if lb == "Letter"})
        lag_types = "|".join(sorted({r.type for r in m.relationships if r.lag_days}))
        if letters and lag_types:
            for direction in ("(n)-[e:{t}]->(o)", "(o)-[e:{t}]->(n)"):
                pattern = direction.format(t=lag_types)
                self.w.write(f"UNWIND $rows AS row MATCH (n:Letter {{{key}: row.iri}}) MATCH {pattern} "
                             "SET e.lag_days = startNode(e).day - endNode(e).day", [{"iri": i} for i in letters])
        # 8. markers last
        self.set_markers([{"graph": s.graph, "sha": s.sha, "doc": s.doc} for s in changed])
        self.delete_markers(removed)

    def _node_append(self, label: str) -> Callable[[Mapping[str, Any]], list[tuple[str, dict[str, Any]]]]:
        key = self.m.key

        def make(row: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
            q = f"MATCH (n:{label} {{{key}: $iri}}) SET n.{row['prop']} = n.{row['prop']} + $piece"
            return [(q, {"iri": row["iri"], "piece": p}) for p in _pieces(q, {"iri": row["iri"]}, row["tail"], self.budget)]

        return make

    def _edge_append(self, rel: RelMap) -> Callable[[Mapping[str, Any]], list[tuple[str, dict[str, Any]]]]:
        m, key = self.m, self.m.key

        def make(row: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
            ident = ", ".join([f"{m.graph_property}: $g", f"{m.edge_key}: $eid"] + [f"{k}: {_lit(v)}" for k, v in rel.constants])
            q = (f"MATCH (a:{rel.from_label} {{{key}: $from}})-[e:{rel.type} {{{ident}}}]->(b:{rel.to_label} {{{key}: $to}}) "
                 f"SET e.{row['prop']} = e.{row['prop']} + $piece")
            base = {"from": row["from"], "to": row["to"], "g": row["g"], "eid": row["eid"]}
            return [(q, {**base, "piece": p}) for p in _pieces(q, base, row["tail"], self.budget)]

        return make


def _pieces(query: str, params: Mapping[str, Any], text: str, budget: int | None) -> list[str]:
    room = (budget or 1 << 30) - statement_size(query, {**params, "piece": ""})
    if room < 16:
        raise MirrorError("an identifier is too long for the server's statement size")
    out, i = [], 0
    while i < len(text):
        n = max(1, room // 4)  # worst case: 4 UTF-8 bytes (or 2 for an escaped quote) per character
        out.append(text[i : i + n])
        i += n
    return out


def _lit(value: str) -> str:
    """A constant from the model table as a Cypher string literal (identifiers only: checked)."""
    if not value.replace("_", "").isalnum():
        raise ValueError(f"model constant {value!r} must be alphanumeric")
    return f"'{value}'"


def _transform(kind: str | None, value: Any) -> Any:
    if value is None:
        return None
    if kind == "epoch_day":
        return _epoch_day(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def sync(store: GraphStore, client: CypherClient, *, progress: bool | None = None,
         graphs_per_round: int = _GRAPHS_PER_ROUND, bulk: bool = True) -> SyncSummary:
    """Make the server behind ``client`` mirror ``store``; returns what was done.

    A first mirror into a FalkorDB graph that does not exist yet is written with ``GRAPH.BULK`` (``bulk=False``:
    statement by statement, as every later sync is).

    Raises MirrorError (one readable line) when the server is down, refuses the
    credentials or a statement, or drops the connection; running ``sync`` again
    finishes the job.
    """
    t0 = time.perf_counter()
    m = model()
    summary = SyncSummary(product=client.dialect.product)
    mirror = _Mirror(store, client, m, summary)
    wanted = store_graphs(store)
    if bulk and mirror.first(list(wanted.values())):
        # the graph is built; its indexes, then the markers last: a crash before them leaves a graph the rounds redo
        mirror.ensure_schema()
        mirror.set_markers([{"graph": s.graph, "sha": s.sha, "doc": s.doc} for s in wanted.values()])
        summary.graphs = summary.new = len(wanted)
        client.dialect.after_sync()
        summary.notes = ["first mirror written in bulk (GRAPH.BULK)", *summary.notes, *client.dialect.notes]
        summary.seconds = round(time.perf_counter() - t0, 3)
        return summary
    mirror.ensure_schema()
    have = mirror.markers()
    summary.graphs = len(wanted)
    changed = [s for g, s in sorted(wanted.items()) if have.get(g, ("",))[0] != s.sha]
    removed = sorted(g for g in have if g not in wanted)
    summary.new = sum(1 for s in changed if s.graph not in have or not have[s.graph][0])
    summary.changed = len(changed) - summary.new
    summary.removed = len(removed)
    summary.unchanged = len(wanted) - len(changed)
    docs_kept = {s.doc for g, s in wanted.items() if s.doc and have.get(g, ("",))[0] == s.sha}
    work: list[tuple[str, Any]] = [("c", s) for s in changed] + [("r", g) for g in removed]
    from tqdm import tqdm

    bar = tqdm(total=len(work), unit="graph", desc="mirror", file=sys.stderr,
               disable=not (progress if progress is not None else sys.stderr.isatty()))
    try:
        for chunk in _chunks(work, graphs_per_round):
            mirror.round([s for k, s in chunk if k == "c"], [g for k, g in chunk if k == "r"], docs_kept)
            client.dialect.checkpoint()  # its markers are written: keep the round if the server dies later
            bar.update(len(chunk))
    finally:
        bar.close()
    client.dialect.after_sync()
    summary.notes = [*summary.notes, *client.dialect.notes]
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def pending(store: GraphStore, client: CypherClient) -> int:
    """How many graphs the mirror lacks or holds stale (0: it answers as the store does)."""
    mirror = _Mirror(store, client, model(), SyncSummary(product=client.dialect.product))
    wanted = store_graphs(store)
    have = mirror.markers()
    stale = sum(1 for g, s in wanted.items() if have.get(g, ("",))[0] != s.sha)
    return stale + sum(1 for g in have if g not in wanted)


def counts(client: CypherClient) -> dict[str, int]:
    """Nodes per label and relationships per type on the server (markers excluded)."""
    m = model()
    out: dict[str, int] = {}
    for label in m.labels:
        out[label] = client.run(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
    for t in m.relationship_types:
        out[t] = client.run(f"MATCH ()-[e:{t}]->() RETURN count(e) AS c")[0]["c"]
    return out
