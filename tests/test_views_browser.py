"""Open generated views in a real headless Chromium (Debian's ``chromium``) from file://.

Every request other than the page's own file is aborted and recorded by a route
handler; the tests assert none was attempted, that vis-network holds the
expected numbers of nodes and edges, and that the screenshot is not blank.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import networkx as nx
import pytest
from fixture_paths import SEED_GOLD

from bench.headless import CHROMIUM_ARGS, chromium_path, render_in_browser
from bench.synthetic import synthetic_cascade
from lineage.graph.analysis.propagation import propagation_dag
from lineage.graph.rdf.resolve_ref import resolve_doc
from lineage.graph.rdf.store import GraphStore
from lineage.graph.views.tree import STATIC_LAYOUT_THRESHOLD, view_graph, write_html
from lineage.models import Letter

GOLD = SEED_GOLD

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must have chromium (apt-get install -y chromium)")
    pytest.skip("no chromium on this machine (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


def _screen_xy(page, node: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Where a vis-network node is drawn on the page (to hover or click it)."""
    x, y = page.evaluate("""(id) => { const d = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.getElementById('network').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }""", node)
    return x, y


def pixel_spread(png: bytes) -> float:
    """Standard deviation of the grey levels: 0 for a blank (one-colour) screenshot."""
    from PIL import Image, ImageStat

    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).stddev[0]


def network_pixels(png: bytes, top: int = 140) -> float:
    """Share of non-white pixels below the header, i.e. in the network canvas."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    canvas = img.crop((0, top, img.width, img.height))
    hist = canvas.histogram()
    return 1 - sum(hist[250:]) / (canvas.width * canvas.height)


def test_seeds_tree_of_534_draws_in_the_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = GraphStore(None)
    store.load_letters([Letter.from_dict(json.loads(x)) for x in GOLD.read_text("utf-8").splitlines() if x])
    G = propagation_dag(store, resolve_doc(store, "534-CV/BTGTW"))
    page = write_html(G, tmp_path / "534.html")
    r = render_in_browser(page, browser=browser)
    assert r.blocked == []
    assert r.console_errors == []
    assert (r.nodes, r.edges) == (3, 2)
    assert r.png is not None and pixel_spread(r.png) > 10
    assert network_pixels(r.png) > 0.002  # boxes and edges were drawn in the canvas


def test_collapsed_tree(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    G = synthetic_cascade(120)
    V = view_graph(G, collapse_below="province")
    r = render_in_browser(write_html(G, tmp_path / "c.html", collapse_below="province"), browser=browser)
    assert r.blocked == []
    assert (r.nodes, r.edges) == (V.number_of_nodes(), V.number_of_edges())
    assert pixel_spread(r.png) > 10


def test_large_tree_uses_fixed_layout_and_draws(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    G = synthetic_cascade(1000)
    assert G.number_of_nodes() > STATIC_LAYOUT_THRESHOLD
    r = render_in_browser(write_html(G, tmp_path / "big.html"), browser=browser)
    assert r.blocked == [] and r.console_errors == []
    assert (r.nodes, r.edges) == (1000, 999)
    assert network_pixels(r.png) > 0.002


def test_route_handler_does_record_requests(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # negative control: a page that does fetch something must be caught
    G = nx.DiGraph(root="a")
    G.add_node("a", label="1-CV/TU", level="province")
    html = write_html(G, tmp_path / "leaky.html").read_text("utf-8")
    leaky = tmp_path / "leaky.html"
    leaky.write_text(html.replace("</body>", '<img src="http://127.0.0.1:9/x.png"></body>'), "utf-8")
    r = render_in_browser(leaky, browser=browser, screenshot=False)
    assert r.blocked == ["http://127.0.0.1:9/x.png"]
    assert (r.nodes, r.edges) == (1, 0)


def test_tooltip_shows_letter_details_on_hover(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    G = nx.DiGraph(root="tw")
    G.add_node("tw", label="534-CV/BTGTW", issuer="Ban Tuyên giáo Trung ương", level="central", date="2021-05-13")
    G.add_node(
        "cb",
        label="182-CV/TU",
        issuer="Tỉnh ủy Cao Bằng",
        level="province",
        date="2021-05-18",
        province="Cao Bằng",
        doc_type="Công văn",
        subject="tăng cường phòng, chống dịch",
    )
    G.add_edge("tw", "cb", relation="implements", lag_days=5)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(write_html(G, tmp_path / "hover.html").resolve().as_uri())
        page.wait_for_function("document.body.dataset.drawn === '1'")
        page.wait_for_timeout(300)
        x, y = _screen_xy(page, "cb")
        page.mouse.move(x, y)
        page.wait_for_selector(".vis-tooltip", state="visible", timeout=5000)
        text = page.inner_text(".vis-tooltip")
    finally:
        page.close()
    assert text.splitlines() == [
        "Công văn 182-CV/TU",
        "Date: 2021-05-18",
        "Issuer: Tỉnh ủy Cao Bằng (province)",
        "Province: Cao Bằng",
        "Subject: tăng cường phòng, chống dịch",
        "Lag: 5 days after the letter it implements",
    ]


HOSTILE = ['</script><script>window.pwned = 1</script>', '<img src=x onerror="window.pwned = 2">',
           '"><svg onload="window.pwned = 3">', "{{ 7*7 }}${7*7}"]


def test_hostile_text_in_a_letter_never_runs_in_the_view(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A subject, issuer or number holding markup or script is shown as text (issue 17, item 9)."""
    G = nx.DiGraph(root="tw")
    G.add_node("tw", label=HOSTILE[0], issuer=HOSTILE[1], level="central", date="2021-05-13", doc_type=HOSTILE[2])
    G.add_node("cb", label="182-CV/TU", issuer=HOSTILE[2], level="province", date="2021-05-18",
               province=HOSTILE[3], subject=" ".join(HOSTILE))
    G.add_edge("tw", "cb", relation="implements", lag_days=5)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else (requests.append(r.request.url), r.abort()))
        page.goto(write_html(G, tmp_path / "hostile.html").resolve().as_uri())
        page.wait_for_function("document.body.dataset.drawn === '1'")
        page.wait_for_timeout(300)
        assert page.evaluate("window.pwned") is None
        assert page.inner_text("#title") == f"Propagation of {HOSTILE[2]} {HOSTILE[0]} ({HOSTILE[1]}, 2021-05-13)"
        x, y = _screen_xy(page, "cb")
        page.mouse.move(x, y)
        page.wait_for_selector(".vis-tooltip", state="visible", timeout=5000)
        tip = page.inner_text(".vis-tooltip")
        assert page.evaluate("document.querySelectorAll('.vis-tooltip img, .vis-tooltip svg, .vis-tooltip script').length") == 0
        assert page.evaluate("window.pwned") is None
    finally:
        page.close()
    assert f"Subject: {' '.join(HOSTILE)}" in tip and f"Province: {HOSTILE[3]}" in tip
    assert dialogs == [] and requests == []


def _page(browser, path: Path, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    """``path`` opened from file:// with every other request aborted; console errors and requests recorded."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
               else (requests.append(r.request.url), r.abort()))
    page.goto(path.resolve().as_uri())
    return page, errors, requests


def test_coverage_page_draws_every_province_in_the_browser(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lineage.graph.views.coverage import write_coverage_html

    store = GraphStore(None)
    store.load_letters([Letter.from_dict(json.loads(x)) for x in GOLD.read_text("utf-8").splitlines() if x])
    G = propagation_dag(store, resolve_doc(store, "534-CV/BTGTW"))
    G.nodes[next(iter(G.successors(G.graph["root"])))]["subject"] = HOSTILE[0]
    page, errors, requests = _page(browser, write_coverage_html(G, tmp_path / "coverage.html"), (1280, 900))
    try:
        cells = page.locator("#cells .cell")
        assert cells.count() == 63
        assert page.inner_text("#title").endswith("2 of 63 provinces (old map) have a letter")
        last = cells.nth(62)
        assert last.inner_text().splitlines() == ["Cao Bằng", "5 d"]  # the fastest comes last
        assert "182-CV/TU, 2021-05-18" in (last.get_attribute("title") or "")
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.cell .unit')).fontSize)")
        png = page.screenshot()
    finally:
        page.close()
    assert size >= 10 and errors == [] and requests == []
    assert pixel_spread(png) > 10


@pytest.mark.parametrize("size", [1000, 10000])
def test_national_view_opens_at_the_province_level_and_expands_on_click(browser, tmp_path: Path, size: int) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, item 2: legible labels at the first zoom, a click opens a province, search finds a body."""
    from lineage.graph.views.national import national_data, write_national_html

    G = synthetic_cascade(size)
    data = national_data(G)
    page, errors, requests = _page(browser, write_national_html(G, tmp_path / "national.html"), (1400, 900))
    try:
        page.wait_for_function("document.body.dataset.drawn === '1'", timeout=30_000)
        provinces = len(data["provinces"])
        assert page.evaluate("nodes.length") == provinces + 1  # the root and one box per province
        assert page.evaluate("labelPixels()") >= 10  # legible without zooming
        png = page.screenshot()
        target = data["provinces"][3]
        x, y = _screen_xy(page, target["id"])
        page.mouse.click(x, y)
        assert page.evaluate("nodes.length") == provinces + 1 + target["count"]
        page.mouse.click(*_screen_xy(page, target["id"]))
        assert page.evaluate("nodes.length") == provinces + 1  # folded again
        body = data["provinces"][5]["letters"][-1]
        page.fill("#search", body["label"])
        assert page.evaluate("network.getSelectedNodes()") == [body["id"]]
        assert page.inner_text("#found") == f"in {data['provinces'][5]['name']}"
    finally:
        page.close()
    assert errors == [] and requests == []
    assert pixel_spread(png) > 10 and network_pixels(png) > 0.002


def test_hostile_text_never_runs_in_the_national_view_or_the_coverage_page(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, item 9, for the other two pages: markup in a number, issuer, subject or province is text."""
    from lineage.graph.views.coverage import write_coverage_html
    from lineage.graph.views.national import write_national_html

    G = nx.DiGraph(root="tw")
    G.add_node("tw", label=HOSTILE[0], issuer=HOSTILE[1], level="central", date="2021-05-13")
    G.add_node("cb", label=HOSTILE[2], issuer=HOSTILE[1], level="province", date="2021-05-18", province="Cao Bằng",
               subject=" ".join(HOSTILE))
    G.add_node("x", label="1-CV/HU", issuer=HOSTILE[3], level="district", date="2021-05-20", province=HOSTILE[1])
    G.add_edge("tw", "cb", relation="implements", lag_days=5)
    G.add_edge("cb", "x", relation="implements", lag_days=2)
    dialogs: list[str] = []
    for path, ready in ((write_national_html(G, tmp_path / "n.html"), "document.body.dataset.drawn === '1'"),
                        (write_coverage_html(G, tmp_path / "c.html"), "document.readyState === 'complete'")):
        page, errors, requests = _page(browser, path, (1280, 900))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.wait_for_function(ready)
            if path.name == "n.html":  # open every province box, and search with markup
                for pid in page.evaluate("DATA.provinces.map(p => p.id)"):
                    page.evaluate("(id) => toggle(id)", pid)
                page.fill("#search", HOSTILE[1])
            page.wait_for_timeout(200)
            assert page.evaluate("window.pwned") is None
            assert page.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
            assert HOSTILE[0] in page.inner_text("#title")
        finally:
            page.close()
        assert dialogs == [] and errors == [] and requests == []
