"""A Cypher client over FalkorDB's own Redis protocol: the password-protected way in.

The embedded server is reached this way by default. Its Redis port checks the store's password
(``requirepass``); FalkorDB's Bolt listener does not (it lets empty credentials in, measured on
FalkorDB 4.16), so the embedded server opens no Bolt port unless asked (``lineage neo4j up
--bolt``). Results are parsed by the ``falkordb`` client library (MIT); parameters are printed
as Cypher literals in front of the query (``CYPHER name=<value> …``) by the same code the bulk
mirror writes use (:func:`lineage.graph.mirror.dialect.literal`), so values round-trip exactly.

The interface is :class:`lineage.graph.mirror.bolt.BoltClient`'s: ``run``, ``write``, ``close``,
``uri`` and ``dialect``; every failure is one :class:`~lineage.errors.MirrorError` line.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from lineage.errors import MirrorError
from lineage.graph.mirror.dialect import (
    CALL_TIMEOUT,
    FALKOR_BOLT_GRAPH,
    FalkorDialect,
    escape_for_redis,
    literal,
)

__all__ = ["FalkorRedisClient", "connect", "REDIS_SCHEMES"]

#: URI schemes that name FalkorDB's Redis port rather than a Bolt listener.
REDIS_SCHEMES = ("redis", "rediss", "falkor", "falkordb")
_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set")


@dataclass
class FalkorRedisClient:
    """One FalkorDB graph over the Redis protocol, with a deadline on every call."""

    uri: str
    graph: Any
    dialect: FalkorDialect
    call_timeout: float = CALL_TIMEOUT
    _db: Any = field(default=None, repr=False)

    def _query(self, query: str, params: Mapping[str, Any] | None) -> Any:
        import redis

        text = query
        if params:
            printed = " ".join(f"{k}={literal(escape_for_redis(v))}" for k, v in params.items())
            text = f"CYPHER {printed} {query}"
        try:
            return self.graph.query(text)
        except redis.TimeoutError as e:
            raise MirrorError(f"{self.uri}: the server did not answer within {self.call_timeout:g} s (stopped or "
                              "overloaded?); what was committed stays — run the command again when it answers "
                              "to finish") from e
        except redis.AuthenticationError as e:
            raise MirrorError(f"{self.uri}: authentication refused ({_short(e)}); check --password / "
                              "$NEO4J_PASSWORD") from e
        except redis.ConnectionError as e:
            raise MirrorError(f"{self.uri}: connection lost ({_short(e)}); run the command again to finish") from e
        except redis.ResponseError as e:
            if "noauth" in str(e).lower():
                raise MirrorError(f"{self.uri}: the server requires a password (--password / "
                                  "$NEO4J_PASSWORD, else the store's own)") from e
            raise MirrorError(f"{self.uri}: query failed: {_short(e).replace('errMsg: ', '')} "
                              f"(in: {' '.join(query.split())[:80]})") from e

    def run(self, query: str, params: Mapping[str, Any] | None = None, *, translate: bool = True) -> list[dict[str, Any]]:
        """Run one statement and return its rows as dicts (nodes and edges as their properties)."""
        res = self._query(query, params)
        names = [h[1] if isinstance(h, (list, tuple)) else h for h in (res.header or [])]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in names]
        return [{n: _plain(v) for n, v in zip(names, row)} for row in res.result_set or []]

    def write(self, query: str, params: Mapping[str, Any]) -> dict[str, int]:
        """One statement (FalkorDB applies it atomically); returns the update counters."""
        res = self._query(query, params)
        return {k: int(getattr(res, k) or 0) for k in _COUNTERS}

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.connection.close()
            except Exception:  # noqa: BLE001 - closing a connection that already failed
                pass

    def __enter__(self) -> FalkorRedisClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _plain(value: Any) -> Any:
    """What a Bolt driver's ``record.data()`` gives: a node or an edge as its properties."""
    props = getattr(value, "properties", None)
    if isinstance(props, dict):
        return {k: _plain(v) for k, v in props.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _short(e: BaseException) -> str:
    return " ".join(str(e).split())[:160] or type(e).__name__


def connect(uri: str, password: str | None = None, *, timeout: float = 3.0) -> FalkorRedisClient:
    """Open ``redis://host:port`` (FalkorDB's Redis port) and check it answers a Cypher query."""
    import falkordb
    import redis

    u = urlparse(uri)
    host, port = u.hostname or "127.0.0.1", u.port or 6379
    password = password or u.password or None
    try:
        db = falkordb.FalkorDB(host=host, port=port, password=password, socket_timeout=CALL_TIMEOUT,
                               socket_connect_timeout=timeout, ssl=u.scheme == "rediss")
    except (redis.AuthenticationError, redis.ResponseError) as e:
        if "required" in str(e).lower():  # "Authentication required.": none given
            raise MirrorError(f"{uri}: the server requires a password (--password / $NEO4J_PASSWORD, else the "
                              "store's own)") from e
        if isinstance(e, redis.AuthenticationError):  # a wrong one
            raise MirrorError(f"{uri}: authentication refused ({_short(e)}); check --password / $NEO4J_PASSWORD") from e
        raise MirrorError(f"{uri}: {_short(e)}") from e
    except redis.RedisError as e:
        raise MirrorError(f"{uri}: cannot connect ({_short(e)}); is the server running?") from e
    redis_url = f"redis{'s' if u.scheme == 'rediss' else ''}://{host}:{port}"
    # no Bolt statement buffer on this path: statements are as large as a batch needs
    client = FalkorRedisClient(uri, db.select_graph(FALKOR_BOLT_GRAPH),
                               FalkorDialect(redis_url=redis_url, password=password, statement_budget=None), _db=db)
    try:
        client.run("RETURN 1 AS ok")
    except MirrorError as e:
        if "connection lost" in str(e):
            raise MirrorError(f"{uri}: cannot connect; is the server running?") from None
        raise
    return client
