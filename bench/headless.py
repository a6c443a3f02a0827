"""Open a written view in headless Chromium and report what it drew.

Used by the browser tests and ``bench/bench_views.py``; handy to check a page
or take a screenshot from a script. Drives the system ``chromium`` (Debian's
package) through Playwright, so no browser is downloaded. Every request that is
not for a ``file://`` URL is aborted and recorded: a self-contained page makes
none.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "RenderResult", "chromium_path", "render_in_browser"]

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@dataclass
class RenderResult:
    nodes: int  # nodes in the page's vis network
    edges: int
    seconds: float  # from navigation to the first drawn frame
    blocked: list[str] = field(default_factory=list)  # URLs the page tried to fetch
    console_errors: list[str] = field(default_factory=list)
    png: bytes | None = None
    frame_ms: float | None = None  # one redraw after a zoom step: how smooth panning/zooming feels


def chromium_path() -> str | None:
    """``$CHROMIUM`` or the first chromium on PATH; None when there is none."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def render_in_browser(
    html: str | Path,
    *,
    screenshot: bool = True,
    viewport: tuple[int, int] = (1280, 900),
    timeout_s: float = 120.0,
    settle_ms: int = 300,
    measure_frame: bool = False,
    browser=None,  # type: ignore[no-untyped-def]
) -> RenderResult:
    """Load ``html`` from ``file://``, wait for the first drawn frame, read counts.

    Parameters
    ----------
    measure_frame : bool
        Also time one redraw after a zoom step (``frame_ms``), for benchmarks.
    browser : playwright Browser, optional
        Reuse a launched browser (benchmarks); otherwise one is launched and closed.

    Raises
    ------
    RuntimeError
        If no chromium is installed.
    """
    from playwright.sync_api import sync_playwright  # test/bench dependency only

    url = Path(html).resolve().as_uri()
    if browser is not None:
        return _render(browser, url, screenshot, viewport, timeout_s, settle_ms, measure_frame)
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("no chromium found: apt-get install -y chromium (or set $CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=list(CHROMIUM_ARGS))
        try:
            return _render(b, url, screenshot, viewport, timeout_s, settle_ms, measure_frame)
        finally:
            b.close()


# Time one frame: zoom in a step (no animation) and wait for vis to finish drawing it.
_ZOOM_FRAME = """() => new Promise(resolve => {
  const t0 = performance.now();
  network.once("afterDrawing", () => resolve(performance.now() - t0));
  network.moveTo({scale: network.getScale() * 1.25});
})"""


def _render(
    browser,
    url: str,
    screenshot: bool,
    viewport: tuple[int, int],  # type: ignore[no-untyped-def]
    timeout_s: float,
    settle_ms: int,
    measure_frame: bool = False,
) -> RenderResult:
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    try:
        page.route("**/*", route)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(
            "document.body && document.body.dataset.drawn === '1'", timeout=timeout_s * 1000, polling=50
        )
        seconds = time.perf_counter() - t0
        nodes, edges = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
        frame_ms = page.evaluate(_ZOOM_FRAME) if measure_frame else None
        png = None
        if screenshot:
            page.wait_for_timeout(settle_ms)  # let the fit/zoom animation end
            png = page.screenshot(full_page=False)
        return RenderResult(nodes, edges, seconds, blocked, errors, png, frame_ms)
    finally:
        page.close()
