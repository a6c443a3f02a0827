"""The Cypher twins of the SPARQL reports, run against the mirror.

Each ``queries/cypher/NAME.cypher`` answers the same question as ``queries/sparql/NAME.rq``
with the same header (``//`` instead of ``#``), the same parameters and the same columns;
:func:`run_cypher_report` returns ``(columns, rows)`` exactly as
:func:`lineage.graph.rdf.reports.run_report` does, so the two engines can be compared row by row.
The queries keep to the Cypher that FalkorDB and Neo4j 5 both run (see
:mod:`lineage.graph.mirror.dialect`).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lineage.errors import LineageError
from lineage.graph.mirror.clients import CypherClient
from lineage.graph.rdf.reports import check_params, get_report
from lineage.graph.rdf.store import GraphStore

__all__ = ["CypherReport", "cypher_reports", "get_cypher_report", "run_cypher_report", "run_cypher", "run_on_mirror",
           "plain"]


@dataclass(frozen=True)
class CypherReport:
    name: str
    header: str
    columns: tuple[str, ...]
    cypher: str


def _columns(header: str) -> tuple[str, ...]:
    m = re.search(r"^Columns:\s*(.*)$", header, re.MULTILINE)
    return tuple(c.strip().split()[0] for c in m.group(1).split(",") if c.strip()) if m else ()


@functools.cache
def cypher_reports() -> dict[str, CypherReport]:
    """Every packaged Cypher report by name."""
    out = {}
    folder = resources.files("lineage.queries").joinpath("cypher")
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".cypher"):
            text = f.read_text("utf-8")
            lines = []
            for line in text.splitlines():
                if not line.startswith("//"):
                    break
                lines.append(line[2:].strip())
            header = "\n".join(lines)
            out[f.name[: -len(".cypher")]] = CypherReport(f.name[: -len(".cypher")], header, _columns(header), text)
    return out


def get_cypher_report(name: str) -> CypherReport:
    try:
        return cypher_reports()[name]
    except KeyError:
        raise LineageError(f"unknown Cypher report {name!r}; available: {', '.join(cypher_reports())}") from None


def plain(value: Any) -> Any:
    """A Cypher result value as the SPARQL runner gives it (integral floats → int)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def run_cypher_report(client: CypherClient, name: str, params: Mapping[str, str] | None = None
                      ) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """Run report ``name`` on the mirror; parameters and columns are those of the SPARQL report.

    IRI parameters are plain strings (the mirror keys nodes by IRI); optional parameters
    left out are passed as null.
    """
    rep = get_cypher_report(name)
    spec = get_report(name)  # the contract: parameter kinds and column order
    params = dict(params or {})
    check_params(spec, params)
    bound: dict[str, Any] = {}
    for p in spec.params:
        given = params.get(p.name)
        if given is not None:
            p.term(str(given))  # same validation as the SPARQL runner
        bound[p.name] = None if given is None else int(given) if p.kind == "integer" else str(given)
    rows = client.run(rep.cypher, bound)
    return spec.columns, spec.ordered([{c: plain(r.get(c)) for c in spec.columns} for r in rows])


def run_on_mirror(store: GraphStore, client: CypherClient, name: str, params: Mapping[str, str] | None = None
                  ) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """Report ``name`` on the mirror of ``store``, refused while the mirror is behind the store (it would answer
    with rows the store no longer has); the client is closed after."""
    from lineage.graph.mirror.sync import pending

    try:
        behind = pending(store, client)
        if behind:
            raise LineageError(f"the mirror is {behind} graph(s) behind the store; run `lineage mirror` first")
        return run_cypher_report(client, name, params)
    finally:
        client.close()


def run_cypher(client: CypherClient, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Any Cypher statement; rows as dicts (nodes and relationships as their property maps)."""
    return [{k: _cell(v) for k, v in r.items()} for r in client.run(cypher, params or {})]


def _cell(v: Any) -> Any:
    if hasattr(v, "items") and hasattr(v, "element_id"):  # Node / Relationship
        return dict(v.items())
    if isinstance(v, list):
        return [_cell(x) for x in v]
    return plain(v)
