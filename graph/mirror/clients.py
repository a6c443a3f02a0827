"""Open a Cypher client for a URI: Bolt (Neo4j, FalkorDB) or FalkorDB's own Redis port.

>>> # connect("bolt://127.0.0.1:7687", password="…")      → a BoltClient
>>> # connect("redis://127.0.0.1:6379", password="…")     → a FalkorRedisClient

Both have the same interface (:class:`CypherClient`), so the mirror, the Cypher reports and
``lineage cypher`` do not care which way they reach the server.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import urlparse

from lineage.graph.mirror.dialect import Dialect

__all__ = ["CypherClient", "connect"]


class CypherClient(Protocol):
    """What the mirror and the reports need of a connection."""

    @property
    def uri(self) -> str: ...

    @property
    def dialect(self) -> Dialect: ...

    def run(self, query: str, params: Mapping[str, Any] | None = None, *,
            translate: bool = True) -> list[dict[str, Any]]: ...

    def write(self, query: str, params: Mapping[str, Any]) -> dict[str, int]: ...

    def close(self) -> None: ...


def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None, *, redis_url: str | None = None) -> CypherClient:
    """A client for ``uri`` (default ``$NEO4J_URI``): ``redis://`` is FalkorDB's Redis port, anything
    else a Bolt URI (:func:`lineage.graph.mirror.bolt.connect`)."""
    from lineage.graph.mirror import bolt, falkor_redis

    uri = uri or os.environ.get(bolt.ENV_URI)
    if uri and urlparse(uri).scheme in falkor_redis.REDIS_SCHEMES:
        pw = password if password is not None else os.environ.get(bolt.ENV_PASSWORD)
        return falkor_redis.connect(uri, pw or None)
    return bolt.connect(uri, user, password, database, redis_url=redis_url)
