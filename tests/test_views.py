"""The HTML view and the timeline picture, checked as files (the browser test opens them)."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pytest

from bench.synthetic import synthetic_cascade
from lineage.graph.views.timeline import plot_timeline, provinces_reached, timeline_figure, timeline_series
from lineage.graph.views.tree import STATIC_LAYOUT_THRESHOLD, render_html, view_graph, write_html

# any tag that makes the browser fetch something: <script src>, <link href>, <img src>, CSS url()/@import
_FETCHING = re.compile(
    r"""<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?(?!data:)[^"'\s>]+"""
    r"""|@import\s|url\(\s*["']?(?!data:)[a-z]+:""",
    re.IGNORECASE,
)
_REMOTE = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?https?://""", re.IGNORECASE)


def seeds_534() -> nx.DiGraph:
    G = nx.DiGraph(root="tw", relations=("implements",))
    G.add_node(
        "tw",
        label="534-CV/BTGTW",
        issuer="Ban Tuyên giáo Trung ương",
        level="central",
        date="2021-05-13",
        doc_type="Công văn",
        subject="tăng cường lãnh đạo </script><b>x</b>",
    )
    G.add_node(
        "cb",
        label="182-CV/TU",
        issuer="Tỉnh ủy Cao Bằng",
        level="province",
        province="Cao Bằng",
        date="2021-05-18",
        doc_type="Công văn",
    )
    G.add_node(
        "ct",
        label="168-CV/TU",
        issuer="Thành ủy Cần Thơ",
        level="province",
        province="Cần Thơ",
        date="2021-05-28",
        doc_type="Công văn",
    )
    G.add_edge("tw", "cb", relation="implements", lag_days=5)
    G.add_edge("tw", "ct", relation="implements", lag_days=15)
    return G


def page_data(html: str) -> tuple[list[dict], list[dict], dict]:
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", html).group(1))
    edges = json.loads(re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", html).group(1))
    options = json.loads(re.search(r"var options = (.*?);\n", html).group(1))
    return nodes, edges, options


class TestSelfContained:
    def test_no_remote_script_or_link(self) -> None:
        html = render_html(seeds_534())
        assert _REMOTE.search(html) is None
        assert _FETCHING.search(html) is None
        assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html  # pyvis's CDN hosts

    def test_vis_network_is_inlined(self) -> None:
        html = render_html(seeds_534())
        assert "vis.Network" in html and len(html) > 400_000  # the library itself, not a link to it

    def test_the_regexes_do_catch_remote_resources(self) -> None:
        # guard against a test that cannot fail
        assert _REMOTE.search('<script src="https://cdn.jsdelivr.net/x.js"></script>')
        assert _FETCHING.search('<link rel="stylesheet" href="lib/x.css">')
        assert _FETCHING.search("body { background: url('http://x/y.png') }")


class TestContent:
    def test_title_legend_tooltips_and_lag_labels(self) -> None:
        html = render_html(seeds_534())
        assert "<title>Propagation of Công văn 534-CV/BTGTW (Ban Tuyên giáo Trung ương, 2021-05-13)</title>" in html
        assert 'id="legend"' in html and "central (Trung ương)" in html and "province (Tỉnh)" in html
        assert "district (Huyện)" not in html  # only levels that occur
        nodes, edges, options = page_data(html)
        assert sorted(e["label"] for e in edges) == ["15 d", "5 d"]
        cb = next(n for n in nodes if n["id"] == "cb")
        for piece in ("182-CV/TU", "2021-05-18", "Tỉnh ủy Cao Bằng", "Lag: 5 days"):
            assert piece in cb["title"]
        assert cb["level"] == 1 and next(n for n in nodes if n["id"] == "tw")["level"] == 0
        assert len({n["color"]["background"] for n in nodes}) == 2  # coloured by level
        assert options["layout"]["hierarchical"]["direction"] == "UD"
        assert options["physics"]["enabled"] is True

    def test_text_cannot_close_the_script(self) -> None:
        html = render_html(seeds_534())
        assert "</script><b>" not in html  # the subject is JSON-escaped (\u003c…)
        nodes, _, _ = page_data(html)
        assert "</script><b>x</b>" in next(n for n in nodes if n["id"] == "tw")["title"]

    def test_large_tree_gets_fixed_positions_and_no_physics(self) -> None:
        G = synthetic_cascade(STATIC_LAYOUT_THRESHOLD + 1)
        nodes, edges, options = page_data(render_html(G))
        assert options["physics"]["enabled"] is False and options["layout"]["hierarchical"]["enabled"] is False
        assert all("x" in n and "y" in n for n in nodes) and len(nodes) == G.number_of_nodes()
        ys = {n["id"]: n["y"] for n in nodes}
        assert all(ys[e["from"]] < ys[e["to"]] for e in edges)  # top-down
        small = page_data(render_html(synthetic_cascade(STATIC_LAYOUT_THRESHOLD)))[2]
        assert small["physics"]["enabled"] is True

    def test_deep_chain_lays_out_without_recursion(self) -> None:
        G = nx.path_graph(3000, create_using=nx.DiGraph)
        nodes, _, _ = page_data(render_html(G))
        assert len(nodes) == 3000

    def test_collapse_below_province(self) -> None:
        G = synthetic_cascade(200)  # 1 central, 63 provinces, 136 districts
        V = view_graph(G, collapse_below="province")
        folded = [n for n, a in V.nodes(data=True) if a.get("collapsed")]
        assert sum(V.nodes[n]["hidden"] for n in folded) == 136
        assert V.number_of_nodes() == 1 + 63 + len(folded)
        assert not any(a.get("level") == "district" and not a.get("collapsed") for _, a in V.nodes(data=True))
        nodes, edges, _ = page_data(render_html(G, collapse_below="province"))
        assert (len(nodes), len(edges)) == (V.number_of_nodes(), V.number_of_edges())
        assert any(n["label"].startswith("+") for n in nodes)

    def test_collapse_rejects_unknown_level(self) -> None:
        with pytest.raises(ValueError, match="hamlet"):
            view_graph(synthetic_cascade(5), collapse_below="hamlet")

    def test_write_html(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        path = write_html(seeds_534(), tmp_path / "sub" / "534.html")
        assert path.read_text("utf-8").startswith("<!DOCTYPE html>")


class TestTimeline:
    def test_series(self) -> None:
        assert timeline_series(seeds_534()) == {"province": [(5, 1), (15, 2)]}

    @pytest.mark.parametrize("suffix", ["png", "svg"])
    def test_picture_is_written(self, tmp_path, suffix: str) -> None:  # type: ignore[no-untyped-def]
        path = plot_timeline(synthetic_cascade(300), tmp_path / f"t.{suffix}")
        data = path.read_bytes()
        if suffix == "svg":
            assert b"<svg" in data and b"days since the root letter" in data
        else:
            from PIL import Image

            img = Image.open(io.BytesIO(data)).convert("L")
            lo, hi = img.getextrema()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and hi - lo > 100  # drawn, not blank

    def test_legend_beside_the_curves_and_provinces_counted_against_the_era_map(self) -> None:
        import matplotlib.pyplot as plt

        G = synthetic_cascade(600)  # 63 provinces of the old map, each with its districts
        fig = timeline_figure(G)
        try:
            fig.canvas.draw()
            ax = fig.axes[0]
            legend = ax.get_legend()
            box, axes_box = legend.get_window_extent(), ax.get_window_extent()
            assert box.x0 >= axes_box.x1  # never over the curves
            labels = [t.get_text() for t in legend.get_texts()]
            assert "provinces reached: 63 of 63 (old map)" in labels
            assert any(x.startswith("province (") and x.endswith(" letters") for x in labels)
            assert fig.axes[1].get_ylabel() == "provinces reached (% of 63)"
        finally:
            plt.close(fig)

    def test_provinces_reached_on_the_2025_map(self) -> None:
        G = nx.DiGraph([("r", "a"), ("r", "b"), ("a", "c")])
        for n, d, p in [("r", "2025-08-01", None), ("a", "2025-08-03", "Hà Nội"), ("b", "2025-08-09", "Huế"),
                        ("c", "2025-08-04", "Hà Nội")]:
            G.nodes[n].update(date=d, province=p, level="province")
        assert provinces_reached(G) == ([(2, 1), (8, 2)], 34, "2025")

    def test_nothing_to_draw_yet(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        G = nx.DiGraph(root="r")
        G.add_node("r", date="2021-01-01")
        assert plot_timeline(G, tmp_path / "t.svg").stat().st_size > 0
