"""The response curve: cumulative implementing letters over days since the root.

One step line per level, so a reader sees at a glance how fast provinces
answered and how long districts and communes took after them, and a dashed line
for the share of the era's provinces (63 on the old map, 34 on the 2025 one) that
have a letter. The legend sits beside the plot, never over the curves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx

from lineage.graph.analysis.cascade import days_since_root, root_of
from lineage.graph.levels import level, levels

__all__ = ["plot_timeline", "provinces_reached", "timeline_figure", "timeline_series"]


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
            steps: dict[int, int] = {}
            for i, d in enumerate(sorted(by_level[lv]), 1):
                steps[d] = i  # several letters on one day: one step to the last count
            out[lv] = sorted(steps.items())
    return out


def provinces_reached(G: nx.DiGraph, root: Hashable | None = None) -> tuple[list[tuple[int, int]], int, str]:
    """The steps ``(day, provinces with a letter so far)``, the era's number of provinces, and the era.

    Examples
    --------
    >>> G = nx.DiGraph([("tw", "a"), ("tw", "b"), ("a", "c")])
    >>> for n, d, p in [("tw", "2021-05-13", None), ("a", "2021-05-18", "Cao Bằng"),
    ...                 ("b", "2021-05-28", "Cần Thơ"), ("c", "2021-05-20", "Cao Bằng")]:
    ...     G.nodes[n].update(date=d, province=p)
    >>> provinces_reached(G)
    ([(5, 1), (15, 2)], 63, 'old')
    """
    from lineage.graph.analysis.coverage import era_of, provinces_of_era

    r = root_of(G, root)
    era = era_of(G, r)
    first: dict[str, int] = {}
    for n, days in days_since_root(G, r).items():
        p = G.nodes[n].get("province")
        if n != r and days is not None and p:
            first[p] = min(days, first.get(p, days))
    steps: dict[int, int] = {}
    for i, d in enumerate(sorted(first.values()), 1):
        steps[d] = i
    return sorted(steps.items()), len(provinces_of_era(era)), era


def timeline_figure(G: nx.DiGraph, root: Hashable | None = None, title: str | None = None) -> Any:
    """The matplotlib Figure of :func:`timeline_series` and :func:`provinces_reached` (close it when done)."""
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    r = root_of(G, root)
    series = timeline_series(G, r)
    reached, total, era = provinces_reached(G, r)
    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=110)
    last = max((pts[-1][0] for pts in series.values()), default=0)
    for lv, pts in series.items():
        xs = [0] + [d for d, _ in pts] + [max(last, 1)]
        ys = [0] + [c for _, c in pts] + [pts[-1][1]]
        info = level(lv)
        ax.step(xs, ys, where="post", color=info.colour, linewidth=2,
                label=f"{info.en} ({info.vi}): {pts[-1][1]} letter{'s' * (pts[-1][1] != 1)}")
    a = G.nodes[r]
    ax.set_title(title or f"Response to {a.get('label') or r} ({a.get('issuer') or '?'}, {a.get('date') or 'undated'})")
    ax.set_xlabel("days since the root letter")
    ax.set_ylabel("implementing letters (cumulative)")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # (MaxNLocator's own keyword)
    ax.grid(True, alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    if reached:
        share = ax.twinx()
        xs = [0] + [d for d, _ in reached] + [max(last, 1)]
        shares = [0.0] + [100 * c / total for _, c in reached] + [100 * reached[-1][1] / total]
        map_name = "2025 map" if era == "2025" else "old map"
        line = share.step(xs, shares, where="post", color="#222", linestyle="--", linewidth=1.5,
                          label=f"provinces reached: {reached[-1][1]} of {total} ({map_name})")
        share.set_ylim(0, 105)  # (100 % stays visible above the frame line)
        share.set_ylabel(f"provinces reached (% of {total})")
        handles += line
        labels += [line[0].get_label()]
    if handles:  # beside the plot: over the curves it hid the later days
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.1 if reached else 1.02, 1.0), borderaxespad=0)
    else:
        ax.text(0.5, 0.5, "no dated implementing letter yet", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    return fig


def plot_timeline(G: nx.DiGraph, path: str | Path, root: Hashable | None = None, title: str | None = None) -> Path:
    """Draw :func:`timeline_figure` to ``path``; the suffix (.png, .svg, .pdf) picks the format."""
    import matplotlib.pyplot as plt

    path = Path(path)
    fig = timeline_figure(G, root, title)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, bbox_inches="tight")  # the legend beside the axes stays in the picture
    finally:
        plt.close(fig)
    return path
