"""The Neo4j/FalkorDB mirror against a real FalkorDB server (no mocks, no skips)."""
from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_falkordb import *  # noqa: F401,F403  (fixtures)
from conftest_falkordb import PASSWORD, fresh_client

from lineage.errors import MirrorError
from lineage.graph.mirror import server as fs
from lineage.graph.mirror.bolt import connect
from lineage.graph.mirror.dialect import FalkorDialect, literal, statement_size
from lineage.graph.mirror.reports import cypher_reports, run_cypher_report
from lineage.graph.mirror.sync import counts, sync
from lineage.graph.rdf.reports import reports, run_report
from lineage.graph.rdf.store import GraphStore
from lineage.models import Citation, Letter


def _ids(st: GraphStore) -> dict[str, str]:
    return {r["identifier"]: r["d"] for r in st.select("SELECT ?d ?identifier WHERE { ?d dcterms:identifier ?identifier }")}


def _edges(client) -> set[tuple]:  # type: ignore[no-untyped-def]
    rows = client.run("MATCH (a)-[e]->(b) RETURN type(e) AS t, a.iri AS a, b.iri AS b, e.g AS g, e.eid AS eid, "
                      "e.role AS role, e.evidence AS ev")
    return {tuple(r.values()) for r in rows}


def _nodes(client) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    rows = client.run("MATCH (n) WHERE n.iri IS NOT NULL RETURN n.iri AS iri, properties(n) AS p")
    return {r["iri"]: r["p"] for r in rows}


# ------------------------------------------------------------------ reports: SPARQL == Cypher
REPORT_CASES = [
    ("implementers", {"target": "534-CV/BTGTW"}),
    ("implementers", {"target": "1699/CĐ-TTg"}),
    ("implementers", {"target": "132-CV/TU"}),
    ("implementers", {"target": "201-CV/TU"}),
    ("propagation-tree", {"target": "534-CV/BTGTW"}),
    ("lag-by-level", {}),
    ("lag-by-level", {"target": "534-CV/BTGTW"}),
    ("not-yet-implemented", {"target": "534-CV/BTGTW"}),
    ("not-yet-implemented", {"target": "132-CV/TU", "province": "https://w3id.org/directive-lineage/id/unit/old/22"}),
    ("assignments", {}),
    ("citations", {"target": "156-CV/TU"}),
    ("citations", {"target": "534-CV/BTGTW"}),
]


def test_every_report_has_a_cypher_twin_with_the_same_columns() -> None:
    assert set(cypher_reports()) == set(reports())
    for name, rep in cypher_reports().items():
        assert rep.columns == reports()[name].columns, name


def test_reports_identical_through_sparql_and_cypher(seed_store, client) -> None:  # type: ignore[no-untyped-def]
    sync(seed_store, client)
    ids = _ids(seed_store)
    for name, params in REPORT_CASES:
        p = {k: ids.get(v, v) for k, v in params.items()}
        cols, sparql_rows = run_report(seed_store, name, p)
        cols2, cypher_rows = run_cypher_report(client, name, p)
        assert cols == cols2
        assert sparql_rows, (name, params)  # every case is chosen to have rows
        assert cypher_rows == sparql_rows, (name, params)


def test_156_implements_both_1699_and_132_in_cypher(seed_store, client) -> None:  # type: ignore[no-untyped-def]
    sync(seed_store, client)
    ids = _ids(seed_store)
    for target in ("1699/CĐ-TTg", "132-CV/TU"):
        _, rows = run_cypher_report(client, "implementers", {"target": ids[target]})
        assert [(r["identifier"], r["issuer"], r["direct"]) for r in rows] == [("156-CV/TU", "Thành ủy Cẩm Phả", True)]
    _, rows = run_cypher_report(client, "implementers", {"target": ids["534-CV/BTGTW"]})
    assert {(r["identifier"], r["lag_days"]) for r in rows} == {("182-CV/TU", 5), ("168-CV/TU", 15)}


# ------------------------------------------------------------------ incremental, idempotent
def test_mirror_twice_same_counts(seed_store, client) -> None:  # type: ignore[no-untyped-def]
    first = sync(seed_store, client)
    before, edges = counts(client), _edges(client)
    second = sync(seed_store, client)
    assert first.new == len(seed_store.sources()) + 1  # + the hierarchy graph
    assert (second.new, second.changed, second.removed, second.statements) == (0, 0, 0, 0)
    assert counts(client) == before and _edges(client) == edges
    assert before["Letter"] == 12 and before["IMPLEMENTS"] == 5


def test_changed_letter_changes_only_its_nodes_and_edges(seed_store, seed_letters, client) -> None:  # type: ignore[no-untyped-def]
    sync(seed_store, client)
    edges0, nodes0 = _edges(client), _nodes(client)
    cao_bang = next(x for x in seed_letters if x.number == "182")
    changed = replace(cao_bang, subject="Về tăng cường … (sửa)", citations=[
        replace(cao_bang.citations[0], evidence="thực hiện Công văn số 534-CV/BTGTW (sửa)")])
    seed_store.load_letters([changed])
    s = sync(seed_store, client)
    assert (s.new, s.changed, s.removed) == (0, 1, 0)
    graph = next(x.graph for x in seed_store.sources() if x.key == cao_bang.file)
    edges1, nodes1 = _edges(client), _nodes(client)
    assert {e for e in edges0 ^ edges1 if e[3] != graph} == set()  # only its own edges differ
    assert any("(sửa)" in (e[6] or "") for e in edges1 - edges0)
    doc = next(x.document for x in seed_store.sources() if x.key == cao_bang.file)
    assert {k for k in nodes0 if nodes0[k] != nodes1.get(k)} == {doc}
    assert nodes1[doc]["subject"] == "Về tăng cường … (sửa)"


def test_removed_letter_is_gone(seed_store, seed_letters, client) -> None:  # type: ignore[no-untyped-def]
    sync(seed_store, client)
    bac_kan = next(x for x in seed_letters if x.number == "183")
    src = next(x for x in seed_store.sources() if x.key == bac_kan.file)
    seed_store.remove([bac_kan.file])
    s = sync(seed_store, client)
    assert (s.new, s.changed, s.removed) == (0, 0, 1)
    assert client.run("MATCH ()-[e]->() WHERE e.g = $g RETURN count(e) AS c", {"g": src.graph})[0]["c"] == 0
    assert client.run("MATCH (n:Letter {iri: $d}) RETURN count(n) AS c", {"d": src.document})[0]["c"] == 0
    assert client.run("MATCH (m:LineageSync {graph: $g}) RETURN count(m) AS c", {"g": src.graph})[0]["c"] == 0
    # what remains equals a fresh mirror of the same store
    after = counts(client)
    fresh = fresh_client_for(client)
    sync(seed_store, fresh)
    assert counts(fresh) == after
    fresh.close()


def fresh_client_for(client):  # type: ignore[no-untyped-def]
    """Drop the graph behind ``client`` and reconnect (a from-scratch mirror)."""
    info = fs.ServerInfo(0, int(client.dialect.redis_url.rsplit(":", 1)[1]), int(client.uri.rsplit(":", 1)[1]),
                         "", True, True, 0.0)
    return fresh_client(info)


# ------------------------------------------------------------------ values and limits
def test_long_and_hostile_texts_round_trip(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    hostile = "it's \\ 'quoted' a' MATCH (n) DETACH DELETE n // ệ\n" * 200  # ~10 KB, injection attempt
    st = GraphStore(tmp_path / "s", hierarchy=False)
    st.load_letters([Letter(file="x.txt", number="9", symbol="CV/TU", issuer="Tỉnh ủy Cao Bằng", date="2021-05-18",
                            subject=hostile, citations=[Citation("Công văn", "534", "CV/BTGTW", "2021-05-13",
                            "Ban Tuyên giáo Trung ương", "implements", hostile)])])
    sync(st, client)
    doc = st.sources()[0].document
    stored = st.select("SELECT ?s WHERE { ?d lin:subject ?s }")[0]["s"]
    assert client.run("MATCH (n:Letter {iri: $d}) RETURN n.subject AS s", {"d": doc})[0]["s"] == stored
    assert client.run("MATCH ()-[e:IMPLEMENTS]->() RETURN e.evidence AS e")[0]["e"] == stored
    assert counts(client)["Letter"] == 2


def _everything(client) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """Every node (markers too) and edge with all their properties, in a comparable order."""
    nodes = sorted((tuple(r["l"]), sorted(r["p"].items())) for r in client.run(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p"))
    edges = sorted((r["t"], r["a"], r["b"], sorted(r["p"].items())) for r in client.run(
        "MATCH (a)-[e]->(b) RETURN type(e) AS t, a.iri AS a, b.iri AS b, properties(e) AS p"))
    return nodes, edges


def test_a_first_mirror_in_bulk_writes_what_the_rounds_write(seed_store, client) -> None:  # type: ignore[no-untyped-def]
    """Issue 19, item 1: GRAPH.BULK builds the same graph, markers and lags included, and the next sync finds
    nothing to do."""
    bulk = fresh_client_for(client)
    try:
        s = sync(seed_store, bulk)
        assert "first mirror written in bulk (GRAPH.BULK)" in s.notes
        built = _everything(bulk)
        again = sync(seed_store, bulk)
        assert (again.new, again.changed, again.unchanged) == (0, 0, s.graphs)
    finally:
        bulk.close()
    rounds = fresh_client_for(client)
    try:
        r = sync(seed_store, rounds, bulk=False)
        assert not any("bulk" in n for n in r.notes)
        assert _everything(rounds) == built
        assert any("lag_days" in dict(p) for *_, p in built[1])
    finally:
        rounds.close()


def test_a_bulk_mirror_cut_short_is_finished_by_the_next_sync(seed_store, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The server dies after the first GRAPH.BULK command: no marker was written (they come last), so the next sync
    writes every graph again, statement by statement, over the partial graph, and ends where a whole mirror does."""
    from lineage.graph.mirror import bulk as bulk_mod

    monkeypatch.setattr(bulk_mod, "MAX_COMMAND_BYTES", 4096)  # many commands, so one can be the last sent
    original = client.dialect.bulk_insert

    def first_command_then_die(commands):  # type: ignore[no-untyped-def]
        original(list(commands)[:1])
        raise MirrorError("connection lost")

    client.dialect.bulk_insert = first_command_then_die
    with pytest.raises(MirrorError):
        sync(seed_store, client)
    assert client_count(client) > 0 and not client.run("MATCH (m:LineageSync) RETURN m")
    client.dialect.bulk_insert = original
    s = sync(seed_store, client)
    assert s.new == s.graphs and not any("bulk" in n for n in s.notes)
    partial = _everything(client)
    whole = fresh_client_for(client)
    try:
        sync(seed_store, whole)
        assert _everything(whole) == partial
    finally:
        whole.close()


def test_a_value_the_bulk_format_cannot_carry_falls_back_to_statements(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    from lineage.graph.mirror.bulk import Unencodable, encode

    with pytest.raises(Unencodable):
        list(encode("g", {"Letter": [{"iri": "urn:a", "subject": "a\x00b"}]}, "iri", []))
    st = GraphStore(tmp_path / "s", hierarchy=False)
    st.load_letters([Letter(file="x.txt", number="9", symbol="CV/TU", issuer="Tỉnh ủy Cao Bằng", date="2021-05-18",
                            subject="nul \x00 inside")])
    s = sync(st, client)
    assert any("statement by statement" in n for n in s.notes)
    assert client.run("MATCH (n:Letter) RETURN n.subject AS s")[0]["s"].startswith("nul ")  # (as the server keeps it)


def test_batches_stay_within_falkordb_statement_budget() -> None:
    d = FalkorDialect()
    q = "UNWIND $rows AS row MERGE (n:Letter {iri: row.iri}) SET n += row.props"
    rows = [{"iri": f"https://w3id.org/directive-lineage/id/doc/x/{i}", "props": {"subject": "Về việc ệ'" * 8}}
            for i in range(500)]
    batches = d.batches(q, rows)
    assert sum(len(b) for b in batches) == 500 and len(batches) > 10
    assert all(statement_size(q, {"rows": b}) <= d.statement_budget for b in batches)
    assert literal("it's") == "'it\\'s'"


def test_ten_thousand_letters_do_not_crash_the_server(tmp_path: Path, falkor, client) -> None:  # type: ignore[no-untyped-def]
    n = 10_000
    letters = [Letter(file="l0.txt", number="1", symbol="CV/TW", issuer="Ban Bí thư", date="2021-01-04")]
    for i in range(1, n):
        p = (i - 1) // 10
        letters.append(Letter(file=f"l{i}.txt", number=str(i + 1), symbol="CV/TU", date="2021-02-01", citations=[
            Citation("Công văn", str(p + 1), "CV/TW" if p == 0 else "CV/TU", "2021-01-04" if p == 0 else "2021-02-01",
                     "Ban Bí thư" if p == 0 else None, "implements", "thực hiện")]))
    st = GraphStore(tmp_path / "big", hierarchy=False)
    st.load_letters(letters)
    s = sync(st, client)
    assert s.new == n and fs.status(Path(falkor.data_dir).parent) is not None
    c = counts(client)
    assert c["Letter"] == n and c["IMPLEMENTS"] == n - 1


# ------------------------------------------------------------------ crash and errors
def test_server_killed_mid_sync_then_next_sync_completes(tmp_path: Path, seed_store, seed_letters) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "srv"
    info = fs.start(root, bolt=True, password=PASSWORD)
    try:
        c = connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)
        original = c.dialect.bulk_write  # type: ignore[attr-defined]  # the sync's writes go through the Redis port
        calls = {"n": 0}

        def write_then_die(query, rows):  # type: ignore[no-untyped-def]
            result = original(query, rows)
            calls["n"] += 1
            if calls["n"] == 12:  # mid-sync: persist the half-written graph, then SIGKILL
                fs.save(info, PASSWORD)
                os.kill(info.pid, signal.SIGKILL)
            return result

        c.dialect.bulk_write = write_then_die  # type: ignore[attr-defined]
        with pytest.raises(MirrorError, match="connection lost|cannot connect|query failed"):
            sync(seed_store, c, bulk=False)
        c.close()
        deadline = time.monotonic() + 5
        while fs.status(root) is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        info = fs.start(root, bolt=True, password=PASSWORD)  # same data directory: the half-written snapshot
        c = connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)
        assert client_count(c) > 0  # the snapshot really holds a partial mirror
        s = sync(seed_store, c)
        assert s.new + s.changed == len(seed_store.sources()) + 1
        recovered, edges = counts(c), _edges(c)
        fresh = fresh_client(info)
        sync(seed_store, fresh)
        assert counts(fresh) == recovered and _edges(fresh) == edges
        fresh.close()
        c.close()
    finally:
        fs.stop(root)


def client_count(c) -> int:  # type: ignore[no-untyped-def]
    return c.run("MATCH (n) RETURN count(n) AS c")[0]["c"]


def test_wrong_password_and_down_server_give_one_line(falkor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MirrorError, match="password"):
        connect(falkor.bolt_uri, "", "wrong", redis_url=falkor.redis_url)
    with pytest.raises(MirrorError, match="cannot connect"):
        connect("bolt://127.0.0.1:1", "", "", timeout=1.0, attempts=1)
    from lineage.cli import main

    res = CliRunner().invoke(main, ["cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:1"])
    assert res.exit_code == 1 and res.output.count("Error:") == 1


def test_cli_mirror_and_cypher(tmp_path: Path, seed_store, falkor) -> None:  # type: ignore[no-untyped-def]
    from lineage.cli import main

    path = seed_store.path
    seed_store.close()
    env = {"NEO4J_URI": falkor.bolt_uri, "NEO4J_PASSWORD": PASSWORD, "FALKORDB_REDIS_URL": falkor.redis_url}
    fresh_client(falkor).close()
    r = CliRunner().invoke(main, ["mirror", "--store", str(path), "--format", "json"], env=env)
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["cypher", "MATCH (l:Letter)-[:IMPLEMENTS]->(t:Letter {identifier: $t}) "
                                  "RETURN l.identifier AS l ORDER BY l", "-p", "t=534-CV/BTGTW", "--format", "csv"], env=env)
    assert r.exit_code == 0 and r.output.split() == ["l", "168-CV/TU", "182-CV/TU"]


def test_cli_report_engine_cypher_matches_sparql(tmp_path: Path, seed_store, falkor) -> None:  # type: ignore[no-untyped-def]
    from lineage.cli import main

    path = seed_store.path
    seed_store.close()
    env = {"NEO4J_URI": falkor.bolt_uri, "NEO4J_PASSWORD": PASSWORD, "FALKORDB_REDIS_URL": falkor.redis_url}
    fresh_client(falkor).close()
    args = ["report", "implementers", "-p", "target=1699/CĐ-TTg", "--store", str(path), "--format", "json"]
    assert CliRunner().invoke(main, ["mirror", "--store", str(path)], env=env).exit_code == 0
    sparql = CliRunner().invoke(main, args, env=env)
    cypher = CliRunner().invoke(main, [*args, "--engine", "cypher"], env=env)
    assert sparql.exit_code == 0 and cypher.exit_code == 0, cypher.output
    assert json.loads(cypher.output) == json.loads(sparql.output)
    assert [r["identifier"] for r in json.loads(sparql.output)] == ["156-CV/TU"]


def test_cli_report_engine_cypher_refuses_a_stale_mirror(tmp_path: Path, seed_letters, falkor) -> None:  # type: ignore[no-untyped-def]
    from lineage.cli import main
    from lineage.graph.rdf.store import GraphStore

    path = tmp_path / "other-store"
    with GraphStore(path) as gs:
        gs.load_letters(seed_letters[:2])
    env = {"NEO4J_URI": falkor.bolt_uri, "NEO4J_PASSWORD": PASSWORD, "FALKORDB_REDIS_URL": falkor.redis_url}
    fresh_client(falkor).close()
    r = CliRunner().invoke(main, ["report", "lag-by-level", "--store", str(path), "--engine", "cypher"], env=env)
    assert r.exit_code == 1 and "behind the store; run `lineage mirror`" in r.output


def _listening_ports(pid: int) -> set[int]:
    """TCP ports process ``pid`` listens on (its socket inodes matched in /proc/net/tcp*)."""
    import os

    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            f = line.split()
            if f[3] == "0A" and f[9] in inodes:  # 0A: LISTEN
                ports.add(int(f[1].rsplit(":", 1)[1], 16))
    return ports


def test_the_embedded_server_has_a_password_of_its_own(tmp_path: Path, seed_letters) -> None:  # type: ignore[no-untyped-def]
    """Started with no password given, the server requires one generated for the store (0600), and the
    commands use it without being told (issue 17, item 6)."""
    import stat

    import redis

    from lineage.cli import main
    from lineage.graph.rdf.store import GraphStore

    store = tmp_path / "store"
    with GraphStore(store) as st:
        st.load_letters(seed_letters)
    env = {"NEO4J_URI": None, "NEO4J_PASSWORD": None, "FALKORDB_REDIS_URL": None}
    try:
        r = CliRunner().invoke(main, ["neo4j", "up", "--store", str(store)], env=env)
        assert r.exit_code == 0, r.output
        assert r.stdout.strip().startswith("redis://127.0.0.1:")
        secret = store / "falkordb" / "password"
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
        assert stat.S_IMODE(secret.parent.stat().st_mode) == 0o700
        info = fs.status(store)
        assert info is not None and info.auth
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(port=info.port, socket_timeout=5).ping()  # no password: refused
        assert redis.Redis(port=info.port, password=secret.read_text().strip(), socket_timeout=5).ping()
        # no Bolt listener: the Redis port is the server's only way in, and it wants the password
        assert not info.bolt and _listening_ports(info.pid) == {info.port}
        r = CliRunner().invoke(main, ["cypher", "RETURN 1 AS one", "--uri", info.redis_url], env=env)
        assert r.exit_code != 0 and "requires a password" in r.output and "Traceback" not in r.output
        r = CliRunner().invoke(main, ["neo4j", "up", "--bolt", "--store", str(store)], env=env)
        assert r.exit_code != 0 and "runs without Bolt" in r.output
        r = CliRunner().invoke(main, ["mirror", "--store", str(store), "--format", "json"], env=env)
        assert r.exit_code == 0, r.output
        r = CliRunner().invoke(main, ["report", "implementers", "-p", "target=534-CV/BTGTW", "--engine", "cypher",
                                      "--store", str(store), "--format", "json"], env=env)
        assert r.exit_code == 0, r.output
        assert sorted(x["identifier"] for x in json.loads(r.stdout)) == ["168-CV/TU", "182-CV/TU"]
    finally:
        fs.stop(store)


def test_a_server_killed_midway_keeps_the_rounds_it_wrote(tmp_path: Path, seed_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Snapshots during a sync (issue 17, item 8): after a SIGKILL the next sync redoes only what was left."""
    from lineage.graph.mirror import sync as M

    root = tmp_path / "srv"
    info = fs.start(root, bolt=True, password=PASSWORD)
    total = len(M.store_graphs(seed_store))
    try:
        c = connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)
        c.dialect.save_after_sync, c.dialect.checkpoint_seconds = True, 0.0  # as the CLI sets it; every round
        done = {"rounds": 0}
        original = M._Mirror.round

        def round_then_die(self, *args):  # type: ignore[no-untyped-def]
            if done["rounds"] == 3:  # three rounds committed and snapshotted: the server dies
                os.kill(info.pid, signal.SIGKILL)
            original(self, *args)
            done["rounds"] += 1

        monkeypatch.setattr(M._Mirror, "round", round_then_die)
        with pytest.raises(MirrorError):
            sync(seed_store, c, graphs_per_round=1, bulk=False)
        monkeypatch.undo()
        c.close()
        deadline = time.monotonic() + 5
        while fs.status(root) is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        info = fs.start(root, bolt=True, password=PASSWORD)
        c = connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)
        s = sync(seed_store, c)
        assert (s.unchanged, s.new + s.changed) == (3, total - 3)
        c.close()
    finally:
        fs.stop(root)


def test_a_server_that_stops_answering_is_one_line_and_the_sync_resumes(tmp_path: Path, seed_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 19, item 1: a server paused with SIGSTOP mid-sync — the client gives up after its deadline, in one
    line, instead of waiting for ever; after SIGCONT the next sync finishes what is left."""
    from lineage.graph.mirror import sync as M

    root = tmp_path / "srv"
    info = fs.start(root, bolt=True, password=PASSWORD)
    total = len(M.store_graphs(seed_store))
    try:
        c = connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)
        c.call_timeout = c.dialect.timeout = 2.0  # type: ignore[attr-defined]  # Bolt calls and the Redis port
        done = {"rounds": 0}
        original = M._Mirror.round

        def round_then_pause(self, *args):  # type: ignore[no-untyped-def]
            if done["rounds"] == 2:
                os.kill(info.pid, signal.SIGSTOP)
            original(self, *args)
            done["rounds"] += 1

        monkeypatch.setattr(M._Mirror, "round", round_then_pause)
        try:
            with pytest.raises(MirrorError, match=r"did not answer within 2 s .* run the command again"):
                sync(seed_store, c, graphs_per_round=1, bulk=False)
        finally:
            os.kill(info.pid, signal.SIGCONT)
            monkeypatch.undo()
            c.close()
        c = connect(info.bolt_uri, "", PASSWORD, redis_url=info.redis_url)
        s = sync(seed_store, c)
        assert s.unchanged == 2 and s.new + s.changed == total - 2
        c.close()
    finally:
        fs.stop(root)
