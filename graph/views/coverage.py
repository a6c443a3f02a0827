"""The coverage picture: every province of the era's map (or every district of one province) as a cell,
coloured by how many days its first letter took, or marked "not yet" — as HTML and as PNG/SVG.

People read a picture faster than a table: the cells are sorted so the laggards come first (the
units with no letter yet, then the slowest), and the colour scale runs from pale (fast) to dark
(slow). The numbers behind it are :func:`coverage_cells` (also ``lineage coverage --format json``).
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from lineage.graph.analysis.cascade import days_since_root, root_of
from lineage.graph.analysis.coverage import era_of
from lineage.reference.gazetteer import gazetteer
from lineage.reference.normalize import match_key

__all__ = ["Cell", "coverage_cells", "plot_coverage", "render_coverage_html", "write_coverage_html"]

NOT_YET = "#d9d9d9"
# pale (answered at once) → dark (slow): YlOrRd, five steps, from matplotlib's colour maps
_SCALE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")


@dataclass(frozen=True)
class Cell:
    """One unit of the map: its first letter (identifier, date) and the days from the root, or none yet."""

    unit: str
    days: int | None
    letter: str | None = None
    date: str | None = None
    letters: int = 0

    def row(self) -> dict[str, Any]:
        return asdict(self)


def coverage_cells(G: nx.DiGraph, province: str | None = None, root: Hashable | None = None) -> tuple[list[Cell], str]:
    """The cells of the era's provinces (or of ``province``'s districts), laggards first, and the era.

    A unit is reached by the first letter of the cascade whose issuer sits in it (the root's own
    letter does not count). Undated letters reach a unit without a number of days.

    Raises
    ------
    ValueError
        When ``province`` is not a province of the root's era (or that era has no districts).
    """
    r = root_of(G, root)
    era = era_of(G, r)
    g = gazetteer()
    key_attr, within = "province", None
    if province is None:
        units = [u.short_name for u in g.provinces(era)]
    else:
        p = g.province(province, era)
        if p is None:
            raise ValueError(f"no province called {province!r} on the {'2025' if era == '2025' else 'old'} map")
        units = [u.name for u in g.children(p) if u.level == "district"]
        if not units:
            raise ValueError(f"{p.name} has no districts on the 2025 map; draw the provinces instead")
        key_attr, within = "district", match_key(p.short_name)
    days = days_since_root(G, r)
    by_unit: dict[str, list[Hashable]] = {}
    for n, a in G.nodes(data=True):
        if n == r or not a.get(key_attr):
            continue
        if within is not None and match_key(a.get("province") or "") != within:
            continue
        by_unit.setdefault(match_key(a[key_attr]), []).append(n)
    cells = []
    for unit in units:
        found = by_unit.get(match_key(unit), [])
        dated = sorted((days[n], n) for n in found if days.get(n) is not None)
        first = dated[0][1] if dated else (found[0] if found else None)
        cells.append(Cell(unit, dated[0][0] if dated else None,
                          G.nodes[first].get("label") if first is not None else None,
                          G.nodes[first].get("date") if first is not None else None, len(found)))
    # laggards first: not yet, then reached with no date, then the slowest
    cells.sort(key=lambda c: (c.letters > 0, c.days is not None, -(c.days or 0), c.unit))
    return cells, era


def _colour(days: int | None, worst: int) -> str:
    if days is None:
        return NOT_YET
    step = min(len(_SCALE) - 1, int(len(_SCALE) * days / (worst + 1)))
    return _SCALE[step]


def _title(G: nx.DiGraph, r: Hashable, province: str | None, era: str, cells: list[Cell]) -> str:
    a = G.nodes[r]
    what = f"districts of {province}" if province else f"provinces ({'2025' if era == '2025' else 'old'} map)"
    reached = sum(c.letters > 0 for c in cells)
    return (f"Coverage of {a.get('label') or r} ({a.get('issuer') or '?'}, {a.get('date') or 'undated'}): "
            f"{reached} of {len(cells)} {what} have a letter")


def plot_coverage(G: nx.DiGraph, path: str | Path, province: str | None = None, root: Hashable | None = None,
                  columns: int = 9) -> Path:
    """Draw the cells to ``path`` (.png, .svg or .pdf)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    r = root_of(G, root)
    cells, era = coverage_cells(G, province, r)
    worst = max((c.days for c in cells if c.days is not None), default=0)
    rows = -(-len(cells) // columns)
    fig, ax = plt.subplots(figsize=(columns * 1.55, rows * 0.8 + 1.6), dpi=110)
    try:
        for i, c in enumerate(cells):
            x, y = i % columns, rows - 1 - i // columns
            ax.add_patch(Rectangle((x + 0.04, y + 0.06), 0.92, 0.88, facecolor=_colour(c.days, worst),
                                   edgecolor="#555", hatch="//" if not c.letters else None, linewidth=0.6))
            status = "not yet" if not c.letters else (f"{c.days} d" if c.days is not None else "undated")
            dark = c.days is not None and _colour(c.days, worst) in _SCALE[3:]
            ax.text(x + 0.5, y + 0.6, c.unit, ha="center", va="center", fontsize=7.5, wrap=True,
                    color="#fff" if dark else "#111")
            ax.text(x + 0.5, y + 0.28, status, ha="center", va="center", fontsize=8, weight="bold",
                    color="#fff" if dark else "#111")
        ax.set_xlim(0, columns)
        ax.set_ylim(0, rows)
        ax.axis("off")
        ax.set_title(_title(G, r, province, era, cells), fontsize=10)
        step = (worst + 1) / len(_SCALE)
        handles = [Patch(facecolor=NOT_YET, edgecolor="#555", hatch="//", label="not yet")]
        handles += [Patch(facecolor=col, edgecolor="#555", label=f"{int(i * step)}–{int((i + 1) * step)} days")
                    for i, col in enumerate(_SCALE)]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles), fontsize=8,
                  frameon=False)
        fig.tight_layout()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, bbox_inches="tight")
    finally:
        plt.close(fig)
    return path


def render_coverage_html(G: nx.DiGraph, province: str | None = None, root: Hashable | None = None) -> str:
    """A self-contained page (no script, no request): the same cells as a grid, with a legend."""
    import jinja2

    r = root_of(G, root)
    cells, era = coverage_cells(G, province, r)
    worst = max((c.days for c in cells if c.days is not None), default=0)
    step = (worst + 1) / len(_SCALE)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("lineage.graph.views").joinpath("templates"))),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("coverage.html").render(
        title=_title(G, r, province, era, cells),
        cells=[{**c.row(), "colour": _colour(c.days, worst), "dark": c.days is not None and _colour(c.days, worst)
                in _SCALE[3:]} for c in cells],
        legend=[{"colour": NOT_YET, "label": "not yet"}] + [
            {"colour": col, "label": f"{int(i * step)}–{int((i + 1) * step)} days"} for i, col in enumerate(_SCALE)],
    )


def write_coverage_html(G: nx.DiGraph, path: str | Path, **kwargs: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_coverage_html(G, **kwargs), encoding="utf-8")
    return path
