"""A self-contained HTML view of a propagation tree (pyvis / vis-network).

The view is top-down by administrative level (central, province, district,
commune), coloured by level, with the lag in days on each edge and a tooltip per
letter. pyvis assembles the nodes, edges and options; the page itself comes
from ``templates/tree.html``, which inlines vis-network from pyvis's bundled
copy. pyvis's own template links Bootstrap from a CDN even with
``cdn_resources="in_line"``, so it is not used: the page opens offline.

Up to :data:`STATIC_LAYOUT_THRESHOLD` letters vis-network lays the tree out
itself (hierarchical layout, physics on, nodes can be dragged). Above it the
positions are computed here (a tidy tree, one row per level), physics is off
and edges are straight: vis's own hierarchical layout and physics take tens of
seconds beyond that size (see ``docs/views.md`` and ``bench/bench_views.py``).
"""

from __future__ import annotations

import statistics
import webbrowser
from collections import defaultdict, deque
from collections.abc import Hashable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from lineage.graph.analysis.cascade import cascade_depth, days_since_root, root_of
from lineage.graph.levels import level, levels, rank

__all__ = ["STATIC_LAYOUT_THRESHOLD", "open_in_browser", "render_html", "view_graph", "write_html"]

#: Above this many drawn letters the layout is computed in Python and physics is
#: off. Measured with bench/bench_views.py (docs/views.md has the figures).
STATIC_LAYOUT_THRESHOLD = 300

ROW_GAP = 170  # px between levels
COL_GAP = 150  # px between neighbouring leaves

# How each relation is drawn; labels are for the legend.
_RELATION_STYLE = {
    "implements": ("solid", False, "implements (thực hiện)"),
    "follows_up": ("dashed", [8, 6], "follows up (tiếp tục)"),
    "based_on": ("dotted", [2, 5], "based on (căn cứ)"),
    "collapsed": ("dotted", [2, 5], "collapsed letters"),
}


def _spanning_parent(G: nx.DiGraph, root: Hashable) -> dict[Hashable, Hashable | None]:
    """Breadth-first parents: the tree a DAG with shared children is drawn as."""
    parent: dict[Hashable, Hashable | None] = {root: None}
    queue = deque([root])
    while queue:
        u = queue.popleft()
        for v in sorted(G.successors(u), key=_order_key(G)):
            if v not in parent:
                parent[v] = u
                queue.append(v)
    for n in G:  # letters not reachable from the root (should not happen) hang off it
        parent.setdefault(n, root if n != root else None)
    return parent


def _order_key(G: nx.DiGraph):  # type: ignore[no-untyped-def]
    # Siblings left to right by date, then label: the earliest answer comes first.
    return lambda n: (G.nodes[n].get("date") or "9999", str(G.nodes[n].get("label") or n))


def view_graph(G: nx.DiGraph, collapse_below: str | None = None, root: Hashable | None = None) -> nx.DiGraph:
    """The graph actually drawn: ``G``, with letters below a level folded away.

    With ``collapse_below="district"`` every commune letter is hidden and each
    drawn letter that had hidden letters below it gets one summary node
    (``"+12 letters"``) holding their count and lag range. Without it, ``G`` is
    returned unchanged.

    Examples
    --------
    >>> G = nx.DiGraph([("p", "d"), ("d", "c1"), ("d", "c2")])
    >>> for n, lv in [("p", "province"), ("d", "district"), ("c1", "commune"), ("c2", "commune")]:
    ...     G.nodes[n]["level"] = lv
    >>> V = view_graph(G, collapse_below="district")
    >>> sorted(V.nodes), V.nodes["d/collapsed"]["hidden"]
    (['d', 'd/collapsed', 'p'], 2)
    """
    if collapse_below is None:
        return G
    cut = rank(collapse_below)
    if cut is None:
        raise ValueError(f"unknown level {collapse_below!r}")
    r = root_of(G, root)
    hidden = {n for n, lv in G.nodes(data="level") if (rank(lv) or 0) > cut and n != r}
    if not hidden:
        return G
    parent = _spanning_parent(G, r)
    # a letter of unknown level below a folded one is folded with it (drawn, it would hang from nothing)
    for n in nx.bfs_tree(G, r):
        if n not in hidden and rank(G.nodes[n].get("level")) is None and parent.get(n) in hidden:
            hidden.add(n)
    days = days_since_root(G, r)
    owners: dict[Hashable, list[Hashable]] = defaultdict(list)
    for n in hidden:
        owner = parent[n]
        while owner in hidden:
            owner = parent[owner]
        owners[owner].append(n)
    V = G.subgraph(n for n in G if n not in hidden).copy()
    for owner, folded in owners.items():
        lags = sorted(d for d in (days[n] for n in folded) if d is not None)
        by_level: dict[str, int] = defaultdict(int)
        for n in folded:
            by_level[G.nodes[n].get("level") or "unknown"] += 1
        sid = f"{owner}/collapsed"
        V.add_node(
            sid,
            collapsed=True,
            hidden=len(folded),
            label=f"+{len(folded)} letters",
            level=min(by_level, key=lambda lv: k if (k := rank(lv)) is not None else 99),
            by_level=dict(by_level),
            lag_range=(lags[0], statistics.median(lags), lags[-1]) if lags else None,
        )
        V.add_edge(owner, sid, relation="collapsed", lag_days=None)
    return V


def _rows(V: nx.DiGraph, root: Hashable) -> dict[Hashable, int]:
    """Row of each letter: its level's rank, else one below its drawn parent."""
    parent = _spanning_parent(V, root)
    reached = list(nx.bfs_tree(V, root))
    order = reached + [n for n in V if n not in set(reached)]  # every drawn letter gets a row
    rows: dict[Hashable, int] = {}
    for n in dict.fromkeys(order):
        r = rank(V.nodes[n].get("level"))
        p = parent.get(n)
        rows[n] = r if r is not None else (rows.get(p, -1) + 1 if p is not None else 0)
    return rows


def _tidy_positions(V: nx.DiGraph, root: Hashable, rows: dict[Hashable, int]) -> dict[Hashable, tuple[int, int]]:
    """A tidy top-down layout: leaves in depth-first order, parents centred above."""
    parent = _spanning_parent(V, root)
    children: dict[Hashable, list[Hashable]] = defaultdict(list)
    for n, p in parent.items():
        if p is not None:
            children[p].append(n)
    key = _order_key(V)
    x: dict[Hashable, float] = {}
    next_leaf = 0
    # Iterative post-order: a 10,000-letter chain must not hit the recursion limit.
    stack: list[tuple[Hashable, bool]] = [(root, False)]
    while stack:
        n, done = stack.pop()
        kids = sorted(children[n], key=key)
        if not kids:
            x[n] = next_leaf
            next_leaf += 1
        elif done:
            x[n] = (x[kids[0]] + x[kids[-1]]) / 2
        else:
            stack.append((n, True))
            stack.extend((k, False) for k in reversed(kids))
    return {n: (round(x[n] * COL_GAP), rows[n] * ROW_GAP) for n in V}


def _tooltip(V: nx.DiGraph, n: Hashable, lag: int | None) -> str:
    a = V.nodes[n]
    if a.get("collapsed"):
        parts = [f"{a['hidden']} letters folded away"]
        parts += [f"{level(lv).en}: {k}" for lv, k in sorted(a["by_level"].items())]
        if a.get("lag_range"):
            lo, med, hi = a["lag_range"]
            parts.append(f"days since root: min {lo}, median {med:g}, max {hi}")
        return "\n".join(parts)
    lines = [
        f"{a.get('doc_type') or 'Letter'} {a.get('label') or n}",
        f"Date: {a.get('date') or 'undated'}",
        f"Issuer: {a.get('issuer') or 'unknown'} ({level(a.get('level')).en})",
    ]
    if a.get("province"):
        lines.append(f"Province: {a['province']}")
    if a.get("subject"):
        lines.append(f"Subject: {a['subject']}")
    if lag is not None:
        lines.append(f"Lag: {lag} days after the letter it implements")
    elif V.in_degree(n) == 0:
        lines.append("Lag: root letter")
    else:
        lines.append("Lag: unknown (undated)")
    return "\n".join(lines)


def _edge_label(relation: str | None, lag: int | None) -> str:
    if relation == "collapsed":
        return ""
    text = f"{lag} d" if lag is not None else "? d"
    return text if relation in (None, "implements") else f"{relation.replace('_', ' ')} · {text}"


def _options(static: bool) -> dict[str, Any]:
    if static:
        # Positions come from Python: no layout engine, no physics, straight edges.
        return {
            "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
            "physics": {"enabled": False},
            "edges": {
                "smooth": False,
                "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                "font": {"size": 11, "align": "middle"},
            },
            "nodes": {"font": {"size": 14}},
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True},
        }
    return {
        "layout": {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": ROW_GAP,
                "nodeSpacing": 190,
                "treeSpacing": 220,
                "shakeTowards": "roots",
            }
        },
        "physics": {
            "enabled": True,
            "solver": "hierarchicalRepulsion",
            "hierarchicalRepulsion": {"nodeDistance": 200, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
        "edges": {
            "smooth": {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 13, "align": "horizontal", "background": "white"},
        },
        "nodes": {"font": {"size": 14}},
        "interaction": {"hover": True, "tooltipDelay": 150},
    }


def _n(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _title(G: nx.DiGraph, root: Hashable) -> tuple[str, str]:
    a = G.nodes[root]
    who = ", ".join(x for x in (a.get("issuer"), a.get("date")) if x)
    title = f"Propagation of {a.get('doc_type') or 'letter'} {a.get('label') or root}" + (f" ({who})" if who else "")
    relations = G.graph.get("relations") or ("implements",)
    subtitle = (
        f"{_n(G.number_of_nodes(), 'letter')}, {_n(G.number_of_edges(), 'link')}, "
        f"depth {cascade_depth(G, root)}; "
        f"following: {', '.join(relations)}. Top to bottom: central, province, district, commune. "
        "Hover a letter for its details."
    )
    return title, subtitle


def render_html(
    G: nx.DiGraph,
    *,
    title: str | None = None,
    collapse_below: str | None = None,
    static_threshold: int = STATIC_LAYOUT_THRESHOLD,
    height: str = "82vh",
    root: Hashable | None = None,
) -> str:
    """The HTML page of the propagation tree ``G`` (see the module docstring).

    Parameters
    ----------
    G : networkx.DiGraph
        A propagation graph (:func:`lineage.graph.analysis.propagation.propagation_dag`).
    title : str, optional
        Page title; default says which letter's propagation is shown.
    collapse_below : str, optional
        A level id: letters below it are folded into summary nodes.
    static_threshold : int
        Draw with precomputed positions and no physics above this many nodes.
    """
    r = root_of(G, root)
    V = view_graph(G, collapse_below, r)
    static = V.number_of_nodes() > static_threshold
    rows = _rows(V, r)
    pos = _tidy_positions(V, r, rows) if static else {}

    net = Network(directed=True, cdn_resources="in_line", height=height, width="100%")
    ids = {n: str(n) for n in V}
    for n, a in V.nodes(data=True):
        lags = [V.edges[p, n].get("lag_days") for p in V.predecessors(n)]
        lag = min((x for x in lags if x is not None), default=None)
        colour = level(a.get("level")).colour
        label = a.get("label") or str(n)
        if a.get("issuer") and not a.get("collapsed"):
            label = f"{label}\n{a['issuer']}"
        extra: dict[str, Any] = {"level": rows[n]}
        if static:
            x, y = pos[n]
            extra = {"x": x, "y": y, "fixed": True, "physics": False}
        net.add_node(
            ids[n],
            label=label,
            title=_tooltip(V, n, lag),
            shape="box",
            color={
                "background": colour,
                "border": "#333" if n == r else colour,
                "highlight": {"background": colour, "border": "#000"},
                "hover": {"background": colour, "border": "#000"},
            },
            font={"color": "#fff"},
            borderWidth=3 if n == r else 1,
            **extra,
        )
    for u, v, a in V.edges(data=True):
        style = _RELATION_STYLE.get(a.get("relation") or "implements", _RELATION_STYLE["implements"])
        net.add_edge(
            ids[u],
            ids[v],
            label=_edge_label(a.get("relation"), a.get("lag_days")),
            title=f"{a.get('relation') or 'implements'}, lag {a.get('lag_days')} days",
            dashes=style[1],
            color={"color": "#666", "highlight": "#000"},
        )
    net.options = _options(static)

    page_title, subtitle = _title(G, r)
    notes = []
    if static:
        notes.append(
            f"Large tree ({V.number_of_nodes()} letters drawn): fixed layout, physics off; "
            "zoom with the wheel, labels appear when zoomed in."
        )
    if V is not G:
        notes.append(f"Letters below the {collapse_below} level are folded into “+N letters” nodes.")
    used_levels = {a.get("level") for _, a in V.nodes(data=True)}
    legend_levels = [{"colour": lv.colour, "label": f"{lv.en} ({lv.vi})"} for lv in levels() if lv.id in used_levels]
    if used_levels - {lv.id for lv in levels()}:
        unk = level(None)
        legend_levels.append({"colour": unk.colour, "label": f"{unk.en} ({unk.vi})"})
    used_rel = {a.get("relation") or "implements" for _, _, a in V.edges(data=True)} or {"implements"}
    legend_relations = [{"style": s, "label": lab} for rel, (s, _, lab) in _RELATION_STYLE.items() if rel in used_rel]

    nodes, edges, _heading, height_, _width, options = net.get_network_data()
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(resources.files("lineage.graph.views").joinpath("templates"))),
                # pyvis's own templates folder holds the vis-network files we inline.
                jinja2.FileSystemLoader(str(Path(pyvis.__file__).parent / "templates")),
            ]
        ),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("tree.html").render(
        lang="en",
        title=title or page_title,
        subtitle=subtitle,
        notes=notes,
        height=height_,
        nodes=nodes,
        edges=edges,
        options=options,
        static_layout=static,
        legend_levels=legend_levels,
        legend_relations=legend_relations,
        lag_note="edge label: lag in days",
    )


def write_html(G: nx.DiGraph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` output to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(G, **kwargs), encoding="utf-8")
    return path


def open_in_browser(path: str | Path) -> bool:
    """Open the written page in the user's browser; False when none is available."""
    return webbrowser.open(Path(path).resolve().as_uri())
