"""The propagation DAG read from a store built from the gold rows of the seeds."""

from __future__ import annotations

import json

import pytest
from fixture_paths import SEED_GOLD

from lineage.errors import ResolveError
from lineage.graph.analysis import cascade as A
from lineage.graph.analysis.coverage import days_to_reach_provinces, missing_districts, missing_provinces
from lineage.graph.analysis.propagation import propagation_dag, tree_dict
from lineage.graph.rdf.resolve_ref import resolve_doc
from lineage.graph.rdf.store import GraphStore
from lineage.models import Letter

GOLD = SEED_GOLD


@pytest.fixture(scope="module")
def store() -> GraphStore:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} not found")
    s = GraphStore(None)
    s.load_letters([Letter.from_dict(json.loads(line)) for line in GOLD.read_text("utf-8").splitlines() if line])
    return s


def dag(store: GraphStore, ref: str, issuer: str | None = None, **kw):  # type: ignore[no-untyped-def]
    return propagation_dag(store, resolve_doc(store, ref, issuer=issuer), **kw)


def labels(G) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {G.nodes[n]["label"]: n for n in G}


def test_534_has_three_letters_and_lags_5_and_15(store: GraphStore) -> None:
    G = dag(store, "534-CV/BTGTW")
    assert (G.number_of_nodes(), G.number_of_edges()) == (3, 2)
    by = labels(G)
    root = by["534-CV/BTGTW"]
    assert G.graph["root"] == root
    assert {G.nodes[v]["label"]: a["lag_days"] for _, v, a in G.edges(data=True)} == {"182-CV/TU": 5, "168-CV/TU": 15}
    assert all(u == root for u, _ in G.edges())
    cb = G.nodes[by["182-CV/TU"]]
    assert (cb["issuer"], cb["level"], cb["province"], cb["date"]) == (
        "Tỉnh ủy Cao Bằng",
        "province",
        "Cao Bằng",
        "2021-05-18",
    )
    assert G.nodes[root]["level"] == "central" and G.nodes[root]["doc_type"] == "Công văn"


def test_1699_reaches_cam_pha_directly(store: GraphStore) -> None:
    G = dag(store, "1699/CĐ-TTg")
    issuers = {a["issuer"] for _, a in G.nodes(data=True)}
    assert "Thành ủy Cẩm Phả" in issuers
    cp = labels(G)["156-CV/TU"]
    assert G.nodes[cp]["province"] == "Quảng Ninh" and G.nodes[cp]["district"] == "Thành phố Cẩm Phả"
    (edge,) = G.in_edges(cp, data=True)
    assert edge[2]["lag_days"] == 7
    # a central letter answered by a district committee: worth a warning
    assert [a.kind for a in A.anomalies(G)] == ["skips_level"]


def test_132_is_implemented_the_same_day(store: GraphStore) -> None:
    G = dag(store, "132-CV/TU", issuer="Tỉnh ủy Quảng Ninh")
    assert [(G.nodes[v]["label"], a["lag_days"]) for _, v, a in G.edges(data=True)] == [("156-CV/TU", 0)]
    assert A.anomalies(G) == []


def test_follows_up_is_followed_only_on_request(store: GraphStore) -> None:
    assert dag(store, "1879-CV/TU").number_of_edges() == 0
    G = dag(store, "1879-CV/TU", relations=("implements", "follows_up"))
    ((_, v, a),) = G.edges(data=True)
    assert a == {"relation": "follows_up", "lag_days": None}  # the Lạng Sơn letter lost its date
    assert G.nodes[v]["label"] == "(no number)" and G.nodes[v]["date"] is None


def test_max_depth_zero_is_the_root_alone(store: GraphStore) -> None:
    G = dag(store, "534-CV/BTGTW", max_depth=0)
    assert (G.number_of_nodes(), G.number_of_edges()) == (1, 0)


def test_unknown_iri(store: GraphStore) -> None:
    with pytest.raises(ResolveError, match="no such letter"):
        propagation_dag(store, "https://w3id.org/directive-lineage/id/doc/nobody/2020/1-cv")


def test_bad_relation(store: GraphStore) -> None:
    with pytest.raises(ValueError, match="references"):
        dag(store, "534-CV/BTGTW", relations=("references",))


def test_tree_dict_shape(store: GraphStore) -> None:
    d = tree_dict(dag(store, "534-CV/BTGTW"))
    assert d["root"].endswith("/2021/534-cv-btgtw")
    assert [n["label"] for n in d["nodes"]] == ["534-CV/BTGTW", "182-CV/TU", "168-CV/TU"]
    assert [(e["source"], e["relation"], e["lag_days"]) for e in d["edges"]] == [
        (d["root"], "implements", 5),
        (d["root"], "implements", 15),
    ]
    assert {"source", "target", "relation", "lag_days"} <= set(d["edges"][0])
    json.dumps(d)  # JSON-ready


def test_coverage_against_the_old_map(store: GraphStore) -> None:
    G = dag(store, "534-CV/BTGTW")
    missing = missing_provinces(G)
    assert len(missing) == 61 and "Cao Bằng" not in missing and "Cần Thơ" not in missing and "Hà Nội" in missing
    assert days_to_reach_provinces(G, 2 / 63) == 15 and days_to_reach_provinces(G, 0.5) is None


def test_districts_of_quang_ninh_without_a_letter(store: GraphStore) -> None:
    G = dag(store, "132-CV/TU", issuer="Tỉnh ủy Quảng Ninh")
    missing = missing_districts(G, "Quảng Ninh")
    assert "Thành phố Hạ Long" in missing and "Thành phố Cẩm Phả" not in missing
    assert len(missing) == 12  # 13 districts of Quảng Ninh on the old map, Cẩm Phả answered
