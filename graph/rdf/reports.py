"""Named SPARQL reports (``queries/sparql/*.rq``) run with safely bound parameters.

Each ``.rq`` file starts with a header comment::

    # <name> — <one line>
    # Answers: …
    # Params:  target (IRI, required) — …; province (IRI, optional) — …
    # Columns: a, b, c
    # summary: group=level,province value=lag_days      (optional post-processing)
    #
    # notes for readers of the query (after a bare ``#``: not part of the header)

Parameters are bound as RDF terms: written into the query only as pyoxigraph serialises
them (literals escaped, malformed IRIs refused), never as user text
(:func:`~lineage.graph.rdf.binding.bind_values`). A line ending in ``# only with: NAME`` is kept
only when the optional parameter NAME is given: it lets a report start from its target when
there is one (a property path from a constant is cheap) and scan everything when there is
none (the same path from a variable would walk every document's closure). Reports read the store's default graph (the union of every file's triples), on a
:class:`~lineage.graph.rdf.store.GraphStore` or on an rdflib ``Dataset`` (used by the benchmark).
"""
from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rdflib import XSD, Dataset, Literal, URIRef
from rdflib.term import Node

from lineage.errors import LineageError
from lineage.graph.rdf.binding import bind_values
from lineage.graph.rdf.store import GraphStore
from lineage.graph.rdf.terms import python_value
from lineage.ontology.terms import sparql_prologue
from lineage.reference.normalize import vi_sort_key

__all__ = ["Param", "Report", "get_report", "parse_params", "plain_form", "report_params", "reports", "run_report",
           "run_sparql", "select"]

_PARAM_RE = re.compile(r"(\w+)\s*\((IRI|string|integer|date),\s*(required|optional)\)\s*(?:—\s*([^;]*))?")
_ONLY_WITH_RE = re.compile(r"^[^\n]*#\s*only with:\s*(\w+)[ \t]*$", re.MULTILINE)
_IRI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # IRI | string | integer | date
    required: bool
    doc: str = ""

    def term(self, value: str | Node) -> Node:
        """The RDF term for a user-given value, checked for its kind."""
        if isinstance(value, (URIRef, Literal)):
            return value
        value = str(value)
        if self.kind == "IRI":
            if not _IRI_RE.match(value):
                raise LineageError(f"parameter {self.name}: {value!r} is not an absolute IRI")
            return URIRef(value)
        if self.kind == "integer":
            try:
                return Literal(int(value))
            except ValueError:
                raise LineageError(f"parameter {self.name}: {value!r} is not an integer") from None
        if self.kind == "date":
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                raise LineageError(f"parameter {self.name}: {value!r} is not a YYYY-MM-DD date")
            return Literal(value, datatype=XSD.date)
        return Literal(value)


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    header: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    sparql: str
    summary: tuple[tuple[str, ...], str] | None = None  # (group columns, value column)
    order: str | None = None  # a column of names, sorted as Vietnamese is ("# order: name")

    def ordered(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows in the report's order: engines sort text by code point (Huế before Hà Nội)."""
        column = self.order
        if column is None:
            return rows
        return sorted(rows, key=lambda r: vi_sort_key(str(r.get(column) or "")))


def _parse(name: str, text: str) -> Report:
    header = []
    for line in text.splitlines():  # the leading comment block, up to a bare "#"
        if not line.startswith("#") or not line[1:].strip():
            break
        header.append(line[1:].strip())
    fields: dict[str, str] = {}
    current = "title"
    for line in header:
        m = re.match(r"^(Answers|Params|Columns|summary|order):\s*(.*)$", line)
        if m:
            current = m.group(1).lower()
            fields[current] = m.group(2)
        else:
            fields[current] = (fields.get(current, "") + " " + line).strip()
    params = tuple(Param(m.group(1), m.group(2), m.group(3) == "required", (m.group(4) or "").strip())
                   for m in _PARAM_RE.finditer(fields.get("params", "")))
    columns = tuple(c.strip() for c in fields.get("columns", "").split(":")[0].split(",") if c.strip())
    columns = tuple(c.split()[0] for c in columns)
    summary = None
    if "summary" in fields:
        kv = dict(part.split("=", 1) for part in fields["summary"].split())
        summary = (tuple(kv["group"].split(",")), kv["value"])
    title = fields.get("title", "").split("—", 1)[-1].strip()
    optional = {p.name for p in params if not p.required}
    for m in _ONLY_WITH_RE.finditer(text):
        if m.group(1) not in optional:
            raise LineageError(f"report {name}: '# only with: {m.group(1)}' names no optional parameter")
    order = fields["order"].split()[0] if fields.get("order") else None
    return Report(name, title, "\n".join(header), params, columns, text, summary, order)


def _specialise(sparql: str, given: set[str]) -> str:
    r"""The query without the lines marked ``# only with: NAME`` whose parameter is not given.

    >>> q = "?a ?b ?c .\n?c ?d ?t .  # only with: t\n"
    >>> _specialise(q, set()), _specialise(q, {"t"}) == q
    ('?a ?b ?c .\n\n', True)
    """
    return _ONLY_WITH_RE.sub(lambda m: m.group(0) if m.group(1) in given else "", sparql)


@functools.cache
def reports() -> dict[str, Report]:
    """Every packaged report by name."""
    folder = resources.files("lineage.queries").joinpath("sparql")
    out = {}
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".rq"):
            name = f.name[:-3]
            out[name] = _parse(name, f.read_text("utf-8"))
    return out


def plain_form(name: str) -> str | None:
    """The readable formulation of a report whose shipped query is tuned for the planner, if any
    (``queries/sparql/plain/NAME.rq``; tests check that both return the same rows)."""
    f = resources.files("lineage.queries").joinpath(f"sparql/plain/{name}.rq")
    return f.read_text("utf-8") if f.is_file() else None


def get_report(name: str) -> Report:
    try:
        return reports()[name]
    except KeyError:
        raise LineageError(f"unknown report {name!r}; available: {', '.join(reports())}") from None


def select(source: GraphStore | Dataset, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Any]]:
    """Run a SELECT over an Oxigraph store's default graph (every file's triples) or an rdflib Dataset."""
    if isinstance(source, GraphStore):
        return source.select(sparql, bindings)
    res = source.query(sparql_prologue() + bind_values(sparql, bindings))
    names = [str(v) for v in res.vars or []]
    return [{n: python_value(row[i]) for i, n in enumerate(names)} for row in res]  # type: ignore[index]


def check_params(rep: Report, params: Mapping[str, Any]) -> dict[str, Any]:
    """The report's parameters by name; unknown or missing ones raise one readable error.

    Both engines call this: the SPARQL report's header is the contract for its Cypher twin.
    """
    known = {p.name: p for p in rep.params}
    unknown = set(params) - set(known)
    if unknown:
        raise LineageError(f"report {rep.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                           f"expected {', '.join(known) or 'none'}")
    missing = [p.name for p in rep.params if p.required and p.name not in params]
    if missing:
        raise LineageError(f"report {rep.name}: missing parameter(s) {', '.join(missing)}")
    return known


def run_report(source: GraphStore | Dataset, name: str, params: Mapping[str, str | Node] | None = None
               ) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """Run report ``name`` with ``params``; returns (columns, rows)."""
    rep = get_report(name)
    params = dict(params or {})
    known = check_params(rep, params)
    bindings = {k: known[k].term(v) for k, v in params.items()}
    rows = select(source, _specialise(rep.sparql, set(bindings)), bindings)
    if rep.summary:
        rows = _summarise(rows, *rep.summary)
    return rep.columns, rep.ordered([{c: r.get(c) for c in rep.columns} for r in rows])


def run_sparql(source: GraphStore | Dataset, sparql: str) -> list[dict[str, Any]]:
    """An ad-hoc SELECT (our prefixes are predeclared)."""
    return select(source, sparql)


def _summarise(rows: list[dict[str, Any]], group: tuple[str, ...], value: str) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], list[float]] = {}
    for r in rows:
        v = r.get(value)
        if v is not None:
            groups.setdefault(tuple(r.get(g) for g in group), []).append(v)
    out = []
    for key in sorted(groups, key=lambda k: tuple("" if x is None else str(x) for x in k)):
        vals = sorted(groups[key])
        med = statistics.median(vals)
        out.append({**dict(zip(group, key, strict=True)), "count": len(vals), "min": vals[0],
                    "median": int(med) if float(med).is_integer() else med, "max": vals[-1]})
    return out


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``("target=534-CV/BTGTW", "province=Quảng Ninh")`` → a dict; a pair without "=" is an error."""
    values: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise LineageError(f"--param {pair!r}: expected K=V")
        k, v = pair.split("=", 1)
        values[k.strip()] = v.strip()
    return values


def report_params(store: GraphStore, name: str, values: Mapping[str, str], *, issuer: str | None = None,
                  year: int | None = None) -> dict[str, str]:
    """A report's parameters as a user writes them, as the report takes them: an IRI parameter given as a reference
    ("534-CV/BTGTW", narrowed by ``issuer``/``year``) or, for ``province``, as a province's name ("Quảng Ninh")
    becomes its IRI; anything else is kept."""
    from lineage.graph.rdf.iri import Minter
    from lineage.graph.rdf.places import places
    from lineage.graph.rdf.resolve_ref import resolve_doc

    kinds = {p.name: p.kind for p in get_report(name).params}
    out = dict(values)
    for k, v in values.items():
        if kinds.get(k) != "IRI" or "://" in v or v.startswith("urn:"):
            continue
        if k == "province":
            unit = places().province_unit(v)
            if unit is None:
                raise LineageError(f"{v}: no such province")
            out[k] = str(Minter(store.base).unit(unit.era, unit.code))
        else:
            out[k] = resolve_doc(store, v, issuer=issuer, year=year)
    return out
