"""The numbers ``lineage stats`` prints about one propagation: summary, lags by level and province, reach over
time, and the provinces and districts with no letter yet."""
from __future__ import annotations

import math
from typing import Any

import networkx as nx

from lineage.graph.analysis import cascade as A
from lineage.graph.analysis import coverage as C

__all__ = ["stats_report"]


def stats_report(G: nx.DiGraph, reach: tuple[float, ...], province: str | None = None) -> dict[str, Any]:
    """Everything ``lineage stats`` prints, as one JSON-ready dict."""
    root = G.graph["root"]
    era = C.era_of(G)
    root_level = G.nodes[root].get("level")
    report: dict[str, Any] = {
        "summary": {**A.cascade_summary(G), "root_label": G.nodes[root].get("label"), "era": era},
        "lag_by_level": A.lag_stats(G, by="level"),
        "lag_by_province": A.lag_stats(G, by="province"),
        "days_since_root_by_level": A.lag_stats(G, by="level", since="root"),
        "anomalies": [a.to_dict() for a in A.anomalies(G)],
    }
    if root_level in (None, "central"):
        # only a central letter is meant to reach every province
        total = len(C.provinces_of_era(era))
        missing = C.missing_provinces(G, era)
        report["reach"] = [
            {"fraction": f, "provinces": math.ceil(f * total - 1e-9), "days": A.time_to_reach(G, f, total)}
            for f in reach
        ]
        report["provinces"] = {"era": era, "total": total, "reached": total - len(missing), "missing": missing}
    province = province or (G.nodes[root].get("province") if root_level == "province" else None)
    if province and era == "old":
        report["districts"] = {"province": province, "missing": C.missing_districts(G, province, era)}
    return report
