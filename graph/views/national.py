"""The national view: a cascade of thousands of letters, opened at the province level.

The network view (:mod:`lineage.graph.views.tree`) draws every letter; at national scale that is a band
of unreadable boxes. This page opens with the root and one box per province that acted — its
letters folded into it, with how many and how fast ("Cao Bằng · 14 letters · first after 5 d") —
laid out in a grid, fastest first, with labels legible at the first zoom. A click on a province
opens its letters (districts, communes) in a band below the grid; a second click folds them.
A search box finds a province, a body or a number. Everything is inline (vis-network from pyvis's
bundled copy): the page opens from file:// with no network.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from lineage.graph.analysis.cascade import days_since_root, root_of
from lineage.graph.levels import level, levels, rank

__all__ = ["national_data", "render_national_html", "write_national_html"]

UNPLACED = "(province not known)"


def _spanning_parent(G: nx.DiGraph, root: Hashable) -> dict[Hashable, Hashable]:
    parent: dict[Hashable, Hashable] = {}
    for u, v in nx.bfs_edges(G, root):
        parent.setdefault(v, u)
    return parent


def national_data(G: nx.DiGraph, root: Hashable | None = None) -> dict[str, Any]:
    """What the page draws: the root, and per province its letters (each with the letter it hangs from
    inside the province, or none when it answers the province's own level or the root)."""
    r = root_of(G, root)
    days = days_since_root(G, r)
    parent = _spanning_parent(G, r)
    groups: dict[str, list[Hashable]] = defaultdict(list)
    for n in G:
        if n != r:
            groups[G.nodes[n].get("province") or UNPLACED].append(n)
    ids = {n: f"l{i}" for i, n in enumerate(G)}
    provinces = []
    for name, members in groups.items():
        inside = set(members)
        lags = [d for n in members if (d := days.get(n)) is not None]
        by_level: dict[str, int] = defaultdict(int)
        for n in members:
            by_level[G.nodes[n].get("level") or "unknown"] += 1
        letters = []
        for n in sorted(members, key=lambda n: (rank(G.nodes[n].get("level")) if rank(G.nodes[n].get("level"))
                                                 is not None else 9, G.nodes[n].get("date") or "9999", str(n))):
            a = G.nodes[n]
            up = parent.get(n)
            letters.append({
                "id": ids[n], "iri": str(n), "label": a.get("label") or "(no number)", "issuer": a.get("issuer"),
                "level": a.get("level") or "unknown", "date": a.get("date"), "days": days.get(n),
                "district": a.get("district"), "subject": a.get("subject"),
                "parent": ids[up] if up in inside else None,
            })
        provinces.append({"name": name, "letters": letters, "count": len(members), "by_level": dict(by_level),
                          "first_days": min(lags) if lags else None})
    # fastest first, the unplaced last: a stable order a reader can scan
    provinces.sort(key=lambda p: (p["name"] == UNPLACED, p["first_days"] is None, p["first_days"] or 0, p["name"]))
    for i, p in enumerate(provinces):
        p["id"] = f"p{i}"
    a = G.nodes[r]
    return {"root": {"id": "root", "label": a.get("label") or str(r), "issuer": a.get("issuer"),
                     "date": a.get("date"), "level": a.get("level") or "unknown", "iri": str(r)},
            "provinces": provinces,
            "levels": {lv.id: {"colour": lv.colour, "en": lv.en, "vi": lv.vi} for lv in (*levels(), level(None))},
            "order": [lv.id for lv in (*levels(), level(None))]}  # (the page's JSON has its keys sorted)


def render_national_html(G: nx.DiGraph, root: Hashable | None = None, title: str | None = None) -> str:
    import jinja2

    r = root_of(G, root)
    data = national_data(G, r)
    a = G.nodes[r]
    acted = sum(p["name"] != UNPLACED for p in data["provinces"])
    letters = G.number_of_nodes() - 1
    page_title = title or (f"Propagation of {a.get('doc_type') or 'letter'} {a.get('label') or r}"
                           f" ({a.get('issuer') or 'issuer unknown'}, {a.get('date') or 'undated'})")
    subtitle = (f"{letters} implementing letter{'s' * (letters != 1)} from {acted} province{'s' * (acted != 1)}, "
                "folded into one box per province (fastest first). Click a province to open its letters, "
                "again to fold them; search for a province, a body or a number.")
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(resources.files("lineage.graph.views").joinpath("templates"))),
            jinja2.FileSystemLoader(str(Path(pyvis.__file__).parent / "templates")),
        ]),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    )
    used = {x["level"] for p in data["provinces"] for x in p["letters"]} | {data["root"]["level"]}
    legend = [{"colour": v["colour"], "label": f"{v['en']} ({v['vi']})"} for k, v in data["levels"].items() if k in used]
    return env.get_template("national.html").render(title=page_title, subtitle=subtitle, data=data, legend=legend)


def write_national_html(G: nx.DiGraph, path: str | Path, **kwargs: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_national_html(G, **kwargs), encoding="utf-8")
    return path
