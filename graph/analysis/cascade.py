"""Measures of how an instruction propagated, on a propagation DAG.

Every function takes the graph first and reads only these attributes:

- graph: ``G.graph["root"]`` (the root letter's node, optional when the graph has
  exactly one node without predecessors);
- nodes: ``date`` (ISO ``YYYY-MM-DD`` or None), ``level`` (``central``,
  ``province``, ``district``, ``commune`` or None), ``province`` and ``district``
  (names, or None), ``label``;
- edges point from the implemented (cited, earlier, higher) letter to the
  implementing one and carry ``lag_days`` (int or None) and ``relation``.

:func:`lineage.graph.analysis.propagation.propagation_dag` builds such a graph from the
store; the functions here are pure so that they can be tested on hand-built
graphs.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from lineage.graph.levels import levels, rank
from lineage.reference.normalize import match_key

__all__ = [
    "Anomaly",
    "anomalies",
    "cascade_breadth",
    "cascade_depth",
    "cascade_summary",
    "coverage",
    "days_since_root",
    "depth_profile",
    "lag_stats",
    "root_of",
    "structural_virality",
    "time_to_reach",
]

# Anomaly kinds, in the order they are reported.
IMPLEMENTS_LATER = "implements_later"
CYCLE = "cycle"
SKIPS_LEVEL = "skips_level"
UPWARD = "upward"
OUTSIDE_JURISDICTION = "outside_jurisdiction"


@dataclass(frozen=True)
class Anomaly:
    """One suspicious fact about the cascade, worth a warning."""

    kind: str  # one of the module's kind constants
    source: Hashable  # the implemented letter (first node of a cycle)
    target: Hashable | None  # the implementing letter (None for a cycle)
    detail: str  # a sentence for a person

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "target": self.target, "detail": self.detail}


def _date(d: str | None) -> date | None:
    return date.fromisoformat(d) if d else None


def _name(G: nx.DiGraph, n: Hashable) -> str:
    return str(G.nodes[n].get("label") or n)


def root_of(G: nx.DiGraph, root: Hashable | None = None) -> Hashable:
    """The root letter: ``root``, else ``G.graph["root"]``, else the one source node.

    Raises
    ------
    networkx.NetworkXError
        If no root is given and the graph has no single node without predecessors.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> root_of(G)
    'a'
    """
    if root is None:
        root = G.graph.get("root")
    if root is None:
        sources = [n for n, d in G.in_degree() if d == 0]
        if len(sources) != 1:
            raise nx.NetworkXError(f"cannot tell the root: {len(sources)} nodes have no predecessor")
        root = sources[0]
    if root not in G:
        raise nx.NetworkXError(f"root {root!r} is not in the graph")
    return root


def days_since_root(G: nx.DiGraph, root: Hashable | None = None) -> dict[Hashable, int | None]:
    """Days from the root letter's date to each letter's date (None when undated).

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b")])
    >>> G.nodes["a"]["date"], G.nodes["b"]["date"] = "2021-05-13", "2021-05-28"
    >>> days_since_root(G)
    {'a': 0, 'b': 15}
    """
    r = _date(G.nodes[root_of(G, root)].get("date"))
    out: dict[Hashable, int | None] = {}
    for n, d in G.nodes(data="date"):
        nd = _date(d)
        out[n] = (nd - r).days if (nd is not None and r is not None) else None
    return out


def _stats(values: list[int]) -> dict[str, Any]:
    return {
        "count": len(values),
        "min": min(values),
        "median": statistics.median(values),
        "max": max(values),
    }


def lag_stats(
    G: nx.DiGraph, by: str = "level", since: str = "parent", root: Hashable | None = None
) -> list[dict[str, Any]]:
    """Count, min, median and max lag in days, grouped by the implementing letter's ``by``.

    Parameters
    ----------
    G : networkx.DiGraph
        A propagation graph.
    by : str
        Node attribute to group by: ``"level"`` (rows in level order) or
        ``"province"`` (rows by name); letters without it are grouped under None.
    since : {"parent", "root"}
        ``"parent"``: the lag of each edge (how long the implementing body took to
        answer the letter it cites); ``"root"``: the days from the root letter to
        each other letter.
    root : node, optional
        The root letter (default: see :func:`root_of`); used when ``since="root"``.

    Returns
    -------
    list of dict
        ``{by: value, "count", "min", "median", "max"}``; undated lags are left out.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("tw", level="central")
    >>> G.add_node("cb", level="province", province="Cao Bằng")
    >>> G.add_node("ct", level="province", province="Cần Thơ")
    >>> G.add_edge("tw", "cb", lag_days=5)
    >>> G.add_edge("tw", "ct", lag_days=15)
    >>> lag_stats(G)
    [{'level': 'province', 'count': 2, 'min': 5, 'median': 10.0, 'max': 15}]
    """
    if since not in ("parent", "root"):
        raise ValueError(f"since must be 'parent' or 'root', not {since!r}")
    groups: dict[Any, list[int]] = defaultdict(list)
    if since == "parent":
        for _, v, lag in G.edges(data="lag_days"):
            if lag is not None:
                groups[G.nodes[v].get(by)].append(lag)
    else:
        r = root_of(G, root)
        for n, days in days_since_root(G, r).items():
            if n != r and days is not None:
                groups[G.nodes[n].get(by)].append(days)
    if by == "level":
        order = {lv.id: lv.rank for lv in levels()}
        keys = sorted(groups, key=lambda k: (order.get(k, len(order)), str(k)))
    else:
        keys = sorted(groups, key=lambda k: (k is None, match_key(str(k)) if k else ""))
    return [{by: k, **_stats(groups[k])} for k in keys]


def time_to_reach(
    G: nx.DiGraph, fraction: float, total: int, key: str = "province", root: Hashable | None = None
) -> int | None:
    """Days from the root until letters from ``fraction`` of ``total`` units exist.

    A unit (province by default) is reached on the date of its first dated
    implementing letter; the root's own unit does not count as reached by it.

    Parameters
    ----------
    fraction : float
        In (0, 1]; 0.5 asks when half of the units had answered.
    total : int
        How many units there are (e.g. the provinces of the root letter's era).
    key : str
        Node attribute naming the unit.

    Returns
    -------
    int or None
        Days since the root, or None if the fraction has not been reached.

    Examples
    --------
    >>> G = nx.DiGraph([("tw", "a"), ("tw", "b"), ("tw", "c")])
    >>> for n, d, p in [("tw", "2021-05-13", None), ("a", "2021-05-18", "Cao Bằng"),
    ...                 ("b", "2021-05-28", "Cần Thơ"), ("c", "2021-05-20", "Cao Bằng")]:
    ...     G.nodes[n].update(date=d, province=p)
    >>> time_to_reach(G, 0.5, total=4), time_to_reach(G, 1.0, total=4)
    (15, None)
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], not {fraction}")
    if total <= 0:
        raise ValueError(f"total must be positive, not {total}")
    r = root_of(G, root)
    first: dict[str, int] = {}
    for n, days in days_since_root(G, r).items():
        unit = G.nodes[n].get(key)
        if n == r or days is None or not unit:
            continue
        k = match_key(unit)
        first[k] = min(days, first.get(k, days))
    needed = math.ceil(fraction * total - 1e-9)
    reached = sorted(first.values())
    return reached[needed - 1] if len(reached) >= needed else None


def depth_profile(G: nx.DiGraph, root: Hashable | None = None) -> list[int]:
    """How many letters lie at each depth (shortest distance from the root).

    Examples
    --------
    >>> depth_profile(nx.DiGraph([(0, 1), (0, 2), (1, 3)]))
    [1, 2, 1]
    """
    dist = nx.single_source_shortest_path_length(G, root_of(G, root))
    profile = [0] * (max(dist.values()) + 1)
    for d in dist.values():
        profile[d] += 1
    return profile


def cascade_depth(G: nx.DiGraph, root: Hashable | None = None) -> int:
    """The largest depth of any letter below the root (0 for the root alone).

    Examples
    --------
    >>> cascade_depth(nx.DiGraph([(0, 1), (1, 2), (0, 3)]))
    2
    """
    return len(depth_profile(G, root)) - 1


def cascade_breadth(G: nx.DiGraph, root: Hashable | None = None) -> int:
    """The largest number of letters at one depth.

    Examples
    --------
    >>> cascade_breadth(nx.DiGraph([(0, 1), (0, 2), (0, 3), (1, 4)]))
    3
    """
    return max(depth_profile(G, root))


def structural_virality(G: nx.Graph) -> float:
    """Mean shortest-path distance over all pairs of letters, edges undirected.

    Goel et al. (2016) tell broadcast from viral diffusion by this number: a star
    (one body answering everyone) scores below 2, a long chain of relays scores
    high. For ``n`` nodes a star gives ``2(n-1)/n`` and a chain ``(n+1)/3``.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        A connected cascade (a DAG with several parents per node is measured on
        its undirected graph, so it is a lower bound of the tree's value).

    Returns
    -------
    float
        0.0 for a single letter.

    Raises
    ------
    networkx.NetworkXError
        If the graph is empty or not (weakly) connected.

    References
    ----------
    S. Goel, A. Anderson, J. Hofman, D. J. Watts, "The Structural Virality of
    Online Diffusion", Management Science 62(1):180-196, 2016.

    Examples
    --------
    >>> structural_virality(nx.star_graph(3))  # 4 nodes
    1.5
    >>> round(structural_virality(nx.path_graph(4)), 4)
    1.6667
    """
    if len(G) == 0:
        raise nx.NetworkXError("structural virality of an empty cascade is undefined")
    if len(G) == 1:
        return 0.0
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    if not nx.is_connected(U):
        raise nx.NetworkXError("structural virality needs a connected cascade")
    return float(nx.average_shortest_path_length(U))


def coverage(G: nx.DiGraph, expected: Iterable[str], key: str = "province", root: Hashable | None = None) -> list[str]:
    """The units in ``expected`` from which no letter of the cascade came yet.

    Names are compared by :func:`lineage.reference.normalize.match_key` (case,
    spacing and tone-mark placement do not matter). The root letter does not
    count: a province issuing the root has not thereby implemented it.

    Parameters
    ----------
    expected : iterable of str
        The units that should answer: the provinces of the root letter's era, or
        the districts of one province (then pass ``key="district"``, usually on
        the subgraph of that province's letters).

    Returns
    -------
    list of str
        The missing units, as spelt in ``expected``, in its order.

    Examples
    --------
    >>> G = nx.DiGraph([("tw", "cb")])
    >>> G.nodes["cb"]["province"] = "Cao Bằng"
    >>> coverage(G, ["Cao Bằng", "Cần Thơ", "Khánh Hoà"])
    ['Cần Thơ', 'Khánh Hoà']
    """
    r = root_of(G, root)
    present = {match_key(v) for n, v in G.nodes(data=key) if v and n != r}
    return [u for u in expected if match_key(u) not in present]


def anomalies(G: nx.DiGraph) -> list[Anomaly]:
    """Facts worth a warning, in a stable order.

    - ``implements_later``: the implementing letter is dated before the one it
      implements (a misread date or a misattributed citation);
    - ``cycle``: letters that implement each other in a loop;
    - ``skips_level``: an edge that jumps a level, e.g. central → district;
    - ``upward``: a higher level implementing a lower level's letter;
    - ``outside_jurisdiction``: a province's (district's) letter implemented by a
      body of another province (district).

    Levels or places that are unknown raise no warning.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("ttg", level="central", date="2020-12-02", label="1699/CĐ-TTg")
    >>> G.add_node("cp", level="district", province="Quảng Ninh", date="2020-12-09", label="156-CV/TU")
    >>> G.add_edge("ttg", "cp", lag_days=7)
    >>> [a.kind for a in anomalies(G)]
    ['skips_level']
    """
    out: list[Anomaly] = []
    for u, v in G.edges():
        a, b = G.nodes[u], G.nodes[v]
        du, dv = _date(a.get("date")), _date(b.get("date"))
        if du and dv and dv < du:
            out.append(
                Anomaly(IMPLEMENTS_LATER, u, v, f"{_name(G, v)} ({dv}) implements {_name(G, u)}, dated later ({du})")
            )
    for cycle in sorted((_rotate(c) for c in nx.simple_cycles(G)), key=lambda c: [str(n) for n in c]):
        names = " → ".join(_name(G, n) for n in cycle + cycle[:1])
        out.append(Anomaly(CYCLE, cycle[0], None, f"letters implement each other in a loop: {names}"))
    for u, v in G.edges():
        a, b = G.nodes[u], G.nodes[v]
        ru, rv = rank(a.get("level")), rank(b.get("level"))
        if ru is not None and rv is not None:
            if rv - ru > 1:
                out.append(
                    Anomaly(
                        SKIPS_LEVEL,
                        u,
                        v,
                        f"{_name(G, v)} ({b['level']}) implements {_name(G, u)} ({a['level']}) directly",
                    )
                )
            elif rv < ru:
                out.append(
                    Anomaly(
                        UPWARD,
                        u,
                        v,
                        f"{_name(G, v)} ({b['level']}) implements a lower level's letter {_name(G, u)} ({a['level']})",
                    )
                )
        for scope, level_id in (("province", "province"), ("district", "district")):
            # Only a sender of that level has a jurisdiction to leave.
            if a.get("level") != level_id or not a.get(scope) or not b.get(scope):
                continue
            if rv is not None and ru is not None and rv <= ru:
                continue
            if match_key(a[scope]) != match_key(b[scope]):
                out.append(
                    Anomaly(
                        OUTSIDE_JURISDICTION,
                        u,
                        v,
                        f"{_name(G, v)} ({b[scope]}) implements {_name(G, u)} of another {scope} ({a[scope]})",
                    )
                )
    return out


def _rotate(cycle: list[Hashable]) -> list[Hashable]:
    # start each cycle at its smallest node so the report does not depend on traversal order
    i = min(range(len(cycle)), key=lambda k: str(cycle[k]))
    return cycle[i:] + cycle[:i]


def cascade_summary(G: nx.DiGraph, root: Hashable | None = None) -> dict[str, Any]:
    """Headline numbers of one cascade: size, depth, breadth, virality, span in days.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> for n, d in [("a", "2021-05-13"), ("b", "2021-05-18"), ("c", "2021-05-28")]:
    ...     G.nodes[n]["date"] = d
    >>> cascade_summary(G)["last_days"], cascade_summary(G)["structural_virality"]
    (15, 1.3333)
    """
    r = root_of(G, root)
    days = [d for n, d in days_since_root(G, r).items() if n != r and d is not None]
    try:
        virality: float | None = round(structural_virality(G), 4)
    except nx.NetworkXError:
        virality = None
    return {
        "root": r,
        "letters": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "depth": cascade_depth(G, r),
        "breadth": cascade_breadth(G, r),
        "structural_virality": virality,
        "first_days": min(days) if days else None,
        "last_days": max(days) if days else None,
        "undated": sum(1 for n, d in G.nodes(data="date") if not d),
    }
