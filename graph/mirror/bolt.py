"""A Bolt connection to Neo4j or FalkorDB with the dialect picked and errors made readable.

>>> # client = connect("bolt://127.0.0.1:7687", password="…")
>>> # client.run("MATCH (n) RETURN count(n) AS n")  → [{'n': 0}]

Every failure becomes one :class:`~lineage.errors.MirrorError` line: the server is down,
refused the credentials, dropped the connection, or rejected a statement (with
FalkorDB's real message fetched over the Redis protocol).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlparse

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from lineage.errors import MirrorError
from lineage.graph.mirror.dialect import CALL_TIMEOUT, Dialect, close_without_goodbye, detect

__all__ = ["BoltClient", "connect", "ENV_URI", "ENV_USER", "ENV_PASSWORD", "ENV_REDIS"]

ENV_URI, ENV_USER, ENV_PASSWORD, ENV_REDIS = "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "FALKORDB_REDIS_URL"
_LOST = (ServiceUnavailable, SessionExpired, OSError, DriverError)
T = TypeVar("T")


@dataclass
class BoltClient:
    """A driver, the session settings and the server's dialect.

    Every call has a deadline (``call_timeout``): the driver has no read timeout, and a server that
    stops answering (paused, swapping, a stuck module lock) would otherwise be waited for for ever.
    """

    uri: str
    driver: Any
    database: str | None
    dialect: Dialect
    call_timeout: float = CALL_TIMEOUT
    _pool: ThreadPoolExecutor | None = field(default=None, repr=False)
    _stuck: bool = field(default=False, repr=False)

    def _within_deadline(self, work: Callable[[], T]) -> T:
        """Run ``work`` (one driver call) and give up after ``call_timeout`` seconds, in one line."""
        if self._stuck:
            raise MirrorError(f"{self.uri}: the server stopped answering; run the command again when it answers")
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bolt-call")
        future = self._pool.submit(work)
        try:
            return future.result(timeout=self.call_timeout)
        except FutureTimeout:
            self._stuck = True
            _kill(self.driver)  # closes the sockets: the waiting call ends with an error in its thread
            raise MirrorError(f"{self.uri}: the server did not answer within {self.call_timeout:g} s (stopped or "
                              "overloaded?); what was committed stays — run the command again when it answers "
                              "to finish") from None

    def run(self, query: str, params: Mapping[str, Any] | None = None, *, translate: bool = True) -> list[dict[str, Any]]:
        """Run one auto-committed statement and return its rows as dicts."""
        params = dict(params or {})

        def work() -> list[dict[str, Any]]:
            with self.driver.session(database=self.database) as s:
                return [r.data() for r in s.run(query, self.dialect.encode_params(params))]

        try:
            return self._within_deadline(work)
        except Neo4jError as e:
            if not translate:
                raise
            raise self._error(e, query, params) from e
        except _LOST as e:
            raise MirrorError(f"{self.uri}: connection lost ({_short(e)}); run the command again to finish") from e

    def write(self, query: str, params: Mapping[str, Any]) -> dict[str, int]:
        """One statement in its own explicit transaction; returns the update counters."""

        def work() -> Any:
            with self.driver.session(database=self.database) as s:
                with s.begin_transaction() as tx:
                    summary = tx.run(query, self.dialect.encode_params(params)).consume()
                    tx.commit()
            return summary

        try:
            summary = self._within_deadline(work)
            c = summary.counters
            return {"nodes_created": c.nodes_created, "nodes_deleted": c.nodes_deleted,
                    "relationships_created": c.relationships_created,
                    "relationships_deleted": c.relationships_deleted, "properties_set": c.properties_set}
        except Neo4jError as e:
            raise self._error(e, query, params) from e
        except _LOST as e:
            raise MirrorError(f"{self.uri}: connection lost ({_short(e)}); run the command again to finish") from e

    def _error(self, e: Neo4jError, query: str, params: Mapping[str, Any]) -> MirrorError:
        detail = e.message or ""
        if (e.code or "").endswith("UnknownError") or not detail or detail == "An unknown error occurred":
            detail = self.dialect.explain_error(query, params) or detail or str(e.code)
        first = " ".join(query.split())[:80]
        return MirrorError(f"{self.uri}: query failed: {detail} (in: {first})")

    def close(self) -> None:
        if self._stuck:
            _kill(self.driver)
        else:
            self.dialect.close_driver(self.driver)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> BoltClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _short(e: BaseException) -> str:
    return " ".join(str(e).split())[:160] or type(e).__name__


def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None, *, redis_url: str | None = None, attempts: int = 3,
            timeout: float = 3.0) -> BoltClient:
    """Open a Bolt connection (defaults from ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``).

    ``redis_url`` is FalkorDB's Redis port (``FALKORDB_REDIS_URL``; default: the Bolt host,
    port 6379) used for constraints and error messages.
    """
    uri = uri or os.environ.get(ENV_URI)
    if not uri:
        raise MirrorError(f"no server URI: pass --uri or set {ENV_URI}")
    user = user if user is not None else os.environ.get(ENV_USER, "")
    password = password if password is not None else os.environ.get(ENV_PASSWORD, "")
    host = urlparse(uri).hostname or "127.0.0.1"
    redis_url = redis_url or os.environ.get(ENV_REDIS) or f"redis://{host}:6379"
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=(user or "", password or ""), connection_timeout=timeout,
            connection_acquisition_timeout=timeout * 2, max_transaction_retry_time=0,
        )  # fmt: skip
    except (ValueError, DriverError) as e:
        raise MirrorError(f"{uri}: not a Bolt URI ({_short(e)})") from e
    last: BaseException | None = None
    # A handshake can hang once after another client's GOODBYE on FalkorDB: retry.
    for _ in range(attempts):
        try:
            with driver.session(database=database) as s:
                s.run("RETURN 1 AS ok").consume()
            break
        except AuthError as e:
            _kill(driver)
            raise MirrorError(f"{uri}: authentication refused for user {user!r} ({e.message})") from e
        except Neo4jError as e:
            _kill(driver)
            if (e.code or "").endswith("UnknownError"):
                # FalkorDB answers a wrong password with an opaque error on the first query
                raise MirrorError(f"{uri}: the server refused `RETURN 1` (FalkorDB's answer to a wrong "
                                  f"password); check --password / {ENV_PASSWORD}") from e
            raise MirrorError(f"{uri}: {e.code}: {e.message}") from e
        except _LOST as e:
            last = e
    else:
        _kill(driver)
        raise MirrorError(f"{uri}: cannot connect ({_short(last) if last else 'no answer'}); is the server running?")
    client = BoltClient(uri, driver, database, Dialect())
    client.dialect = detect(client, redis_url=redis_url, password=password)
    return client


def _kill(driver: Any) -> None:
    close_without_goodbye(driver)  # harmless for Neo4j, required for FalkorDB
