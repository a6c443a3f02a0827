"""Propagation measures on hand-built graphs (lineage.graph.analysis.cascade)."""

from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest

from lineage.graph.analysis import cascade as A


def cascade(*edges: tuple[str, str, int | None], **nodes: dict) -> nx.DiGraph:
    """A graph from (parent, child, lag) edges and node attributes by name."""
    G = nx.DiGraph()
    for name, attrs in nodes.items():
        G.add_node(name, label=name, **attrs)
    for u, v, lag in edges:
        G.add_edge(u, v, relation="implements", lag_days=lag)
    return G


# The 534-CV/BTGTW cascade of the seeds plus one made-up district answer.
SEEDS_534 = {
    "tw": {"level": "central", "date": "2021-05-13", "province": None},
    "cb": {"level": "province", "date": "2021-05-18", "province": "Cao Bằng"},
    "ct": {"level": "province", "date": "2021-05-28", "province": "Cần Thơ"},
    "hq": {"level": "district", "date": "2021-05-25", "province": "Cao Bằng", "district": "Hà Quảng"},
}


@pytest.fixture
def g534() -> nx.DiGraph:
    G = cascade(("tw", "cb", 5), ("tw", "ct", 15), ("cb", "hq", 7), **SEEDS_534)
    G.graph["root"] = "tw"
    return G


@pytest.mark.parametrize(
    "module",
    [
        "lineage.graph.analysis.cascade",
        "lineage.graph.levels",
        "lineage.graph.views.timeline",
        "lineage.graph.views.tree",
        "bench.synthetic",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


class TestStructuralVirality:
    @pytest.mark.parametrize(
        "G, expected",
        [
            (nx.star_graph(3), 1.5),  # 4 nodes: 2(n-1)/n
            (nx.star_graph(9), 1.8),  # 10 nodes
            (nx.path_graph(4), 5 / 3),  # chain: (n+1)/3
            (nx.path_graph(10), 11 / 3),
            (nx.path_graph(2), 1.0),
            (nx.DiGraph([(0, 1), (0, 2), (0, 3)]), 1.5),  # direction does not matter
            (nx.DiGraph([(0, 1), (1, 2), (2, 3)]), 5 / 3),
        ],
    )
    def test_known_values(self, G: nx.Graph, expected: float) -> None:
        assert A.structural_virality(G) == pytest.approx(expected)

    def test_chain_is_more_viral_than_star_of_same_size(self) -> None:
        for n in (4, 8, 30):
            assert A.structural_virality(nx.path_graph(n)) > A.structural_virality(nx.star_graph(n - 1))

    def test_single_letter_is_zero(self) -> None:
        G = nx.DiGraph()
        G.add_node("a")
        assert A.structural_virality(G) == 0.0

    @pytest.mark.parametrize(
        "G, match",
        [
            (nx.DiGraph(), "empty"),
            (nx.DiGraph([(0, 1), (2, 3)]), "connected"),
        ],
    )
    def test_undefined(self, G: nx.Graph, match: str) -> None:
        with pytest.raises(nx.NetworkXError, match=match):
            A.structural_virality(G)


class TestLagStats:
    def test_by_level_edge_lags(self, g534: nx.DiGraph) -> None:
        assert A.lag_stats(g534) == [
            {"level": "province", "count": 2, "min": 5, "median": 10.0, "max": 15},
            {"level": "district", "count": 1, "min": 7, "median": 7, "max": 7},
        ]

    def test_by_level_since_root(self, g534: nx.DiGraph) -> None:
        rows = A.lag_stats(g534, since="root")
        assert rows[1] == {"level": "district", "count": 1, "min": 12, "median": 12, "max": 12}

    def test_by_province(self, g534: nx.DiGraph) -> None:
        rows = A.lag_stats(g534, by="province")
        assert [(r["province"], r["count"], r["min"], r["max"]) for r in rows] == [
            ("Cao Bằng", 2, 5, 7),
            ("Cần Thơ", 1, 15, 15),
        ]

    def test_undated_lags_are_left_out(self) -> None:
        G = cascade(
            ("a", "b", None), ("a", "c", 3), a={"level": "central"}, b={"level": "province"}, c={"level": "province"}
        )
        assert A.lag_stats(G)[0]["count"] == 1

    def test_bad_since(self, g534: nx.DiGraph) -> None:
        with pytest.raises(ValueError, match="since"):
            A.lag_stats(g534, since="yesterday")


class TestTimeToReach:
    @pytest.mark.parametrize(
        "fraction, total, expected",
        [
            (0.5, 2, 5),  # Cao Bằng answered after 5 days
            (1.0, 2, 15),
            (1.0, 3, None),  # a third province never answered
            (0.01, 63, 5),
            (2 / 63, 63, 15),
            (3 / 63, 63, None),
        ],
    )
    def test_table(self, g534: nx.DiGraph, fraction: float, total: int, expected: int | None) -> None:
        assert A.time_to_reach(g534, fraction, total) == expected

    def test_first_letter_of_a_province_counts(self, g534: nx.DiGraph) -> None:
        # the district letter of Cao Bằng (day 12) does not move Cao Bằng's day 5
        assert A.time_to_reach(g534, 1.0, 2) == 15

    @pytest.mark.parametrize("fraction, total", [(0, 10), (1.5, 10), (0.5, 0)])
    def test_bad_arguments(self, g534: nx.DiGraph, fraction: float, total: int) -> None:
        with pytest.raises(ValueError):
            A.time_to_reach(g534, fraction, total)


class TestDepthBreadth:
    @pytest.mark.parametrize(
        "edges, depth, breadth, profile",
        [
            ([(0, 1), (0, 2), (0, 3)], 1, 3, [1, 3]),
            ([(0, 1), (1, 2), (2, 3)], 3, 1, [1, 1, 1, 1]),
            ([(0, 1), (0, 2), (1, 3), (1, 4), (2, 5)], 2, 3, [1, 2, 3]),
            ([(0, 1), (0, 2), (1, 3), (2, 3)], 2, 2, [1, 2, 1]),  # shared child counted once
        ],
    )
    def test_table(self, edges, depth, breadth, profile) -> None:  # type: ignore[no-untyped-def]
        G = nx.DiGraph(edges)
        assert (A.cascade_depth(G), A.cascade_breadth(G), A.depth_profile(G)) == (depth, breadth, profile)

    def test_root_alone(self) -> None:
        G = nx.DiGraph()
        G.add_node("r")
        assert (A.cascade_depth(G), A.cascade_breadth(G)) == (0, 1)

    def test_ambiguous_root(self) -> None:
        with pytest.raises(nx.NetworkXError, match="root"):
            A.cascade_depth(nx.DiGraph([(0, 1), (2, 1)]))

    def test_explicit_root_wins(self) -> None:
        G = nx.DiGraph([(0, 1), (2, 1)])
        assert A.cascade_depth(G, root=2) == 1


class TestCoverage:
    def test_missing_provinces_in_given_order(self, g534: nx.DiGraph) -> None:
        assert A.coverage(g534, ["Hà Nội", "Cao Bằng", "Cần Thơ", "Quảng Ninh"]) == ["Hà Nội", "Quảng Ninh"]

    def test_names_match_across_tone_styles_and_case(self) -> None:
        G = cascade(("r", "k", 1), r={}, k={"province": "Khánh Hoà"})
        assert A.coverage(G, ["khánh hòa", "Phú Yên"]) == ["Phú Yên"]

    def test_root_does_not_cover_its_own_province(self) -> None:
        G = cascade(
            ("qn", "cp", 0),
            qn={"province": "Quảng Ninh", "level": "province"},
            cp={"province": "Quảng Ninh", "district": "Cẩm Phả", "level": "district"},
        )
        assert A.coverage(G, ["Cẩm Phả", "Hạ Long"], key="district") == ["Hạ Long"]
        assert A.coverage(G, ["Quảng Ninh"]) == []  # Cẩm Phả's letter is in Quảng Ninh

    def test_nothing_answered(self) -> None:
        G = cascade(r={"province": "Quảng Ninh"})
        assert A.coverage(G, ["Quảng Ninh"]) == ["Quảng Ninh"]


class TestAnomalies:
    def kinds(self, G: nx.DiGraph) -> list[tuple[str, str, str | None]]:
        return [(a.kind, a.source, a.target) for a in A.anomalies(G)]

    def test_clean_tree_has_none(self, g534: nx.DiGraph) -> None:
        assert A.anomalies(g534) == []

    @pytest.mark.parametrize(
        "nodes, edges, expected",
        [
            # implementing letter dated before the implemented one
            (
                {"a": {"level": "central", "date": "2021-05-13"}, "b": {"level": "province", "date": "2021-05-01"}},
                [("a", "b")],
                [("implements_later", "a", "b")],
            ),
            # same day is fine (156-CV/TU and 132-CV/TU are both of 2020-12-09)
            (
                {
                    "a": {"level": "province", "date": "2020-12-09", "province": "Quảng Ninh"},
                    "b": {"level": "district", "date": "2020-12-09", "province": "Quảng Ninh"},
                },
                [("a", "b")],
                [],
            ),
            # central → district skips the province
            (
                {"a": {"level": "central"}, "b": {"level": "district", "province": "Quảng Ninh"}},
                [("a", "b")],
                [("skips_level", "a", "b")],
            ),
            ({"a": {"level": "central"}, "b": {"level": "commune"}}, [("a", "b")], [("skips_level", "a", "b")]),
            # a province implementing a district's letter
            ({"a": {"level": "district"}, "b": {"level": "province"}}, [("a", "b")], [("upward", "a", "b")]),
            # a district of another province implementing a province's letter
            (
                {
                    "a": {"level": "province", "province": "Quảng Ninh"},
                    "b": {"level": "district", "province": "Bắc Kạn"},
                },
                [("a", "b")],
                [("outside_jurisdiction", "a", "b")],
            ),
            # a commune of another district implementing a district's letter
            (
                {
                    "a": {"level": "district", "province": "Quảng Ninh", "district": "Cẩm Phả"},
                    "b": {"level": "commune", "province": "Quảng Ninh", "district": "Hạ Long"},
                },
                [("a", "b")],
                [("outside_jurisdiction", "a", "b")],
            ),
            # same province, other tone style: inside
            (
                {
                    "a": {"level": "province", "province": "Khánh Hòa"},
                    "b": {"level": "district", "province": "Khánh Hoà"},
                },
                [("a", "b")],
                [],
            ),
            # unknown level or place: no warning
            ({"a": {"level": None}, "b": {"level": "district"}}, [("a", "b")], []),
            (
                {"a": {"level": "province", "province": None}, "b": {"level": "district", "province": "Bắc Kạn"}},
                [("a", "b")],
                [],
            ),
        ],
    )
    def test_table(self, nodes, edges, expected) -> None:  # type: ignore[no-untyped-def]
        G = cascade(*[(u, v, None) for u, v in edges], **nodes)
        assert self.kinds(G) == expected

    def test_cycle(self) -> None:
        G = cascade(
            ("a", "b", 1),
            ("b", "c", 1),
            ("c", "a", 1),
            a={"level": "province"},
            b={"level": "province"},
            c={"level": "province"},
        )
        found = A.anomalies(G)
        assert [(x.kind, x.target) for x in found] == [("cycle", None)]
        assert "a → b → c → a" in found[0].detail

    def test_detail_names_letters(self) -> None:
        G = cascade(
            ("1699/CĐ-TTg", "156-CV/TU", 7),
            **{
                "1699/CĐ-TTg": {"level": "central", "date": "2020-12-02"},
                "156-CV/TU": {"level": "district", "date": "2020-12-09", "province": "Quảng Ninh"},
            },
        )
        (a,) = A.anomalies(G)
        assert a.to_dict() == {
            "kind": "skips_level",
            "source": "1699/CĐ-TTg",
            "target": "156-CV/TU",
            "detail": "156-CV/TU (district) implements 1699/CĐ-TTg (central) directly",
        }


def test_cascade_summary(g534: nx.DiGraph) -> None:
    assert A.cascade_summary(g534) == {
        "root": "tw",
        "letters": 4,
        "edges": 3,
        "depth": 2,
        "breadth": 2,
        "structural_virality": round(A.structural_virality(g534), 4),
        "first_days": 5,
        "last_days": 15,
        "undated": 0,
    }
