"""The response curve: cumulative implementing letters over days since the root.

One step line per level, so a reader sees at a glance how fast provinces
answered and how long districts and communes took after them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path

import networkx as nx

from lineage.graph.analysis import days_since_root, root_of
from lineage.graph.levels import level, levels

__all__ = ["plot_timeline", "timeline_series"]


def timeline_series(G: nx.DiGraph, root: Hashable | None = None) -> dict[str, list[tuple[int, int]]]:
    """Per level, the steps ``(day, letters so far)``; undated letters are left out.

    Examples
    --------
    >>> G = nx.DiGraph([("tw", "a"), ("tw", "b"), ("a", "c")])
    >>> for n, d, lv in [("tw", "2021-05-13", "central"), ("a", "2021-05-18", "province"),
    ...                  ("b", "2021-05-28", "province"), ("c", "2021-05-20", "district")]:
    ...     G.nodes[n].update(date=d, level=lv)
    >>> timeline_series(G)
    {'province': [(5, 1), (15, 2)], 'district': [(7, 1)]}
    """
    r = root_of(G, root)
    by_level: dict[str, list[int]] = defaultdict(list)
    for n, days in days_since_root(G, r).items():
        if n != r and days is not None:
            by_level[G.nodes[n].get("level") or "unknown"].append(days)
    order = [lv.id for lv in levels()] + sorted(set(by_level) - {lv.id for lv in levels()})
    out: dict[str, list[tuple[int, int]]] = {}
    for lv in order:
        if lv in by_level:
            days = sorted(by_level[lv])
            steps: dict[int, int] = {}
            for i, d in enumerate(days, 1):
                steps[d] = i  # several letters on one day: one step to the last count
            out[lv] = sorted(steps.items())
    return out


def plot_timeline(G: nx.DiGraph, path: str | Path, root: Hashable | None = None, title: str | None = None) -> Path:
    """Draw :func:`timeline_series` to ``path``; the suffix (.png, .svg, .pdf) picks the format."""
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    path = Path(path)
    r = root_of(G, root)
    series = timeline_series(G, r)
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    try:
        last = max((pts[-1][0] for pts in series.values()), default=0)
        for lv, pts in series.items():
            xs = [0] + [d for d, _ in pts] + [max(last, 1)]
            ys = [0] + [c for _, c in pts] + [pts[-1][1]]
            info = level(lv)
            ax.step(xs, ys, where="post", color=info.colour, linewidth=2, label=f"{info.en} ({info.vi}): {pts[-1][1]}")
        a = G.nodes[r]
        ax.set_title(
            title or f"Response to {a.get('label') or r} ({a.get('issuer') or '?'}, {a.get('date') or 'undated'})"
        )
        ax.set_xlabel("days since the root letter")
        ax.set_ylabel("implementing letters (cumulative)")
        ax.set_xlim(left=0)
        ax.set_ylim(bottom=0)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(True, alpha=0.3)
        if series:
            ax.legend(loc="lower right")
        else:
            ax.text(0.5, 0.5, "no dated implementing letter yet", ha="center", va="center", transform=ax.transAxes)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    finally:
        plt.close(fig)
    return path
