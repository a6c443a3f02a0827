"""One renderer for every command that prints rows: table, csv, json, jsonl."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import click

FORMATS = ("table", "csv", "json", "jsonl")


def format_option(default: str = "table", choices: Sequence[str] = ("table", "csv", "json")):  # type: ignore[no-untyped-def]
    """``--format`` and ``--iri`` (a table shows identifiers, names and dates, and its IRI columns only when asked)."""
    fmt = click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
        help="Output format.",
    )

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.meta[_IRI_KEY] = value
        return value

    iri = click.option("--iri", is_flag=True, expose_value=False, callback=remember,
                       help="Tables: also show the IRI columns (csv and json always have them).")
    return lambda f: fmt(iri(f))


_IRI_KEY = "lineage.iri"
_IRI = ("http://", "https://", "urn:")


def _iri_columns(rows: list[dict[str, Any]], cols: list[str]) -> set[str]:
    """Columns whose every value is an IRI (a letter's, a unit's): long, and said better by the row's identifier."""
    out = set()
    for c in cols:
        values = [r.get(c) for r in rows if r.get(c) not in (None, "", [])]
        if values and all(isinstance(v, str) and v.startswith(_IRI) for v in values):
            out.add(c)
    return out


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def render_rows(rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Render dict rows; ``columns`` fixes the order (default: first row's keys)."""
    rows = list(rows)
    cols = list(columns) if columns else (list(rows[0].keys()) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return buf.getvalue().rstrip("\n")
    # table
    if not rows:
        return "(no rows)"
    ctx = click.get_current_context(silent=True)
    if not (ctx is not None and ctx.meta.get(_IRI_KEY)):
        hidden = _iri_columns(rows, cols)
        if hidden and len(hidden) < len(cols):  # (a query that selects only IRIs keeps them)
            cols = [c for c in cols if c not in hidden]
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(cols)]

    def line(values: Sequence[str]) -> str:
        return "  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)
