"""View generation and headless-browser render time for synthetic propagation trees.

Run from the repository root (needs Debian's ``chromium`` and the ``playwright`` package):

    .venv/bin/python bench/bench_views.py            # 100, 1,000, 10,000 letters
    .venv/bin/python bench/bench_views.py --quick    # fewer repeats, no 1,000-letter physics run

Prints a Markdown section for BENCHMARKS.md. "Generate" is ``render_html`` + writing
the file; "render" is from navigation (file://, network blocked) to vis-network's
first drawn frame; "zoom frame" is one redraw after a zoom step (how smooth
panning and zooming feel). The default view switches to a fixed layout without physics above
``STATIC_LAYOUT_THRESHOLD`` letters; the "vis layout + physics" rows force vis-network's
own hierarchical layout and physics at every size, which is how the threshold was chosen.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: its siblings import
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # … and as the bench package
from sysinfo import cpu_name  # noqa: E402

from bench.headless import CHROMIUM_ARGS, chromium_path, render_in_browser
from bench.synthetic import synthetic_cascade
from lineage.graph.views.tree import STATIC_LAYOUT_THRESHOLD, write_html


def machine() -> str:
    cpu = cpu_name()
    try:
        chromium = subprocess.run(
            [chromium_path() or "chromium", "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "chromium (version unknown)"
    import pyvis

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {chromium}, "
        f"pyvis {pyvis.__version__} (vis-network 9.1.2), {platform.system()} {platform.release()}"
    )


def measure(browser, n: int, threshold: int, repeats: int, workdir: Path) -> tuple[float, float, int, float]:  # type: ignore[no-untyped-def]
    """Median generate and render seconds, the page size, and the median zoom-frame ms."""
    G = synthetic_cascade(n)
    gens, renders, frames, size = [], [], [], 0
    for i in range(repeats):
        path = workdir / f"tree-{n}-{threshold}-{i}.html"
        t0 = time.perf_counter()
        write_html(G, path, static_threshold=threshold)
        gens.append(time.perf_counter() - t0)
        size = path.stat().st_size
        r = render_in_browser(path, browser=browser, screenshot=False, timeout_s=600, measure_frame=True)
        if r.blocked:
            raise SystemExit(f"the page tried to fetch {r.blocked}")
        if (r.nodes, r.edges) != (G.number_of_nodes(), G.number_of_edges()):
            raise SystemExit(f"drew {r.nodes} nodes / {r.edges} edges, expected {len(G)}")
        renders.append(r.seconds)
        frames.append(r.frame_ms or 0.0)
    return statistics.median(gens), statistics.median(renders), size, statistics.median(frames)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="one repeat, skip the slow physics runs")
    args = ap.parse_args()
    if chromium_path() is None:
        sys.exit("no chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    repeats = 1 if args.quick else 3
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        try:
            for n in (100, 1_000, 10_000):
                gen, render, size, frame = measure(browser, n, STATIC_LAYOUT_THRESHOLD, repeats, Path(tmp))
                mode = "vis layout + physics" if n <= STATIC_LAYOUT_THRESHOLD else "fixed layout, physics off"
                rows.append(f"| {n:,} | default ({mode}) | {gen:.2f} | {render:.2f} | {frame:.0f} | {size / 1e6:.1f} |")
            sizes = (100, 300, 500) if args.quick else (100, 300, 500, 1_000)
            for n in sizes:
                gen, render, size, frame = measure(browser, n, 10**9, 1 if n >= 1_000 else repeats, Path(tmp))
                rows.append(
                    f"| {n:,} | forced vis layout + physics | {gen:.2f} | {render:.2f} | {frame:.0f} "
                    f"| {size / 1e6:.1f} |"
                )
        finally:
            browser.close()

    print("## Views: generation and browser render time\n")
    print(f"Machine: {machine()}.  ")
    print("Command: `.venv/bin/python bench/bench_views.py" + (" --quick" if args.quick else "") + "`  ")
    print(
        f"Synthetic cascades (`bench/synthetic.py`: 1 central letter, 63 provinces, "
        f"11 districts each, 14 communes each, filled breadth-first); median of {repeats} run(s). "
        f"Render = file:// navigation to vis-network's first drawn frame in headless Chromium, "
        f"network blocked. Fixed layout above {STATIC_LAYOUT_THRESHOLD} letters.\n"
    )
    print("| letters | view | generate (s) | render (s) | zoom frame (ms) | HTML (MB) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
