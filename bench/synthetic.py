"""Synthetic propagation trees of a realistic shape, for tests and benchmarks.

One central letter, answered by up to 63 provinces, each answered by its
districts, each by its communes (Vietnam has 63 provinces, ~700 districts and
~10,000 communes), filled breadth-first until ``n`` letters exist.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import networkx as nx

__all__ = ["synthetic_cascade"]

_FANOUT = (63, 11, 14)  # children per central / province / district letter
_LEVELS = ("central", "province", "district", "commune")


def synthetic_cascade(n: int, seed: int = 0, start: str = "2021-05-13") -> nx.DiGraph:
    """A propagation DAG of ``n`` letters with the attributes the analysis reads.

    Examples
    --------
    >>> G = synthetic_cascade(100)
    >>> G.number_of_nodes(), G.number_of_edges(), G.nodes[G.graph["root"]]["level"]
    (100, 99, 'central')
    """
    if n < 1:
        raise ValueError("a cascade has at least its root letter")
    rng = random.Random(seed)
    G = nx.DiGraph(root="L0", relations=("implements",))
    G.add_node(
        "L0",
        label="1-CV/TW",
        issuer="Ban Bí thư",
        level="central",
        date=start,
        doc_type="Công văn",
        subject="synthetic instruction",
        province=None,
    )
    frontier = ["L0"]
    depth_of = {"L0": 0}
    count = 1
    while count < n and frontier:
        nxt = []
        for parent in frontier:
            d = depth_of[parent]
            if d >= len(_FANOUT):
                continue
            for i in range(_FANOUT[d]):
                if count >= n:
                    break
                node = f"L{count}"
                lag = rng.randint(0, 30)
                pdate = date.fromisoformat(G.nodes[parent]["date"])
                province = G.nodes[parent]["province"] or f"Tỉnh {i + 1:02d}"
                lv = _LEVELS[d + 1]
                G.add_node(
                    node,
                    label=f"{count}-CV/{'TU' if lv == 'province' else 'HU' if lv == 'district' else 'ĐU'}",
                    issuer=f"{lv} body {count}",
                    level=lv,
                    province=province,
                    district=(G.nodes[parent].get("district") or f"Huyện {count}") if lv != "province" else None,
                    date=(pdate + timedelta(days=lag)).isoformat(),
                    doc_type="Công văn",
                    subject=None,
                )
                G.add_edge(parent, node, relation="implements", lag_days=lag)
                depth_of[node] = d + 1
                nxt.append(node)
                count += 1
        frontier = nxt
    return G
