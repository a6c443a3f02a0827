"""Time the national view (graph/views/national.py) in headless Chromium: generation, first drawn frame,
opening one province, and the on-screen size of the labels at the first zoom.

    .venv/bin/python bench/bench_national.py

Prints the Markdown rows of the table in docs/views.md ("The national view").
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: the bench package imports

from playwright.sync_api import sync_playwright

from bench.headless import CHROMIUM_ARGS, chromium_path
from bench.synthetic import synthetic_cascade
from lineage.graph.views.national import write_national_html

_SCREEN_XY = """(id) => { const d = network.canvasToDOM(network.getPositions([id])[id]);
  const r = document.getElementById('network').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }"""


def main() -> None:
    print("| letters | generate (s) | page drawn (s) | open one province (ms) | label size at first zoom (px) | HTML (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        for n in (1000, 10000):
            G = synthetic_cascade(n)
            t = time.perf_counter()
            path = write_national_html(G, f"{tempfile.mkdtemp()}/national-{n}.html")
            generate = time.perf_counter() - t
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_function("document.body.dataset.drawn === '1'")
            drawn = time.perf_counter() - t
            label = page.evaluate("labelPixels()")
            x, y = page.evaluate(_SCREEN_XY, "p3")
            t = time.perf_counter()
            page.mouse.click(x, y)
            page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
            opened = time.perf_counter() - t
            print(f"| {n:,} | {generate:.2f} | {drawn:.2f} | {opened * 1000:.0f} | {label:.1f} | "
                  f"{os.path.getsize(path) / 1e6:.1f} |")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
