"""``lineage joins``, ``lineage link`` and ``lineage unlink``: undated citations joined to the document
they name, and a reviewer's decisions about two nodes (graph/rdf/joins.py)."""
from __future__ import annotations

import getpass
import os
from pathlib import Path

import click

from lineage.cli.base import handle_errors, main, open_read, resolve, store_dir, store_option
from lineage.cli.output import format_option, render_rows

_COLUMNS = ["node", "identifier", "joined_to", "by", "reason"]


def _rows(found) -> list[dict]:  # type: ignore[no-untyped-def]
    return [{"node": j.node, "identifier": j.identifier, "joined_to": j.target, "by": j.by, "reason": j.reason}
            for j in found]


@main.command()
@click.option("--apart", is_flag=True, help="Only the undated citations kept apart (none or several documents fit).")
@store_option
@format_option()
@handle_errors
def joins(apart: bool, store: Path | None, fmt: str) -> None:
    """List the undated citations and the dated document each was joined to, or why it was not.

    An undated citation ("Công văn số 182-CV/TU của Ban Thường vụ Tỉnh ủy") is joined to the one
    dated document of its issuer, type, number and symbol that it can name: not after the letter
    citing it and, for Party documents (numbered per term), of the same term. Reports, trees and the
    mirror follow the joins and the links a reviewer made with `lineage link`.

    \b
    Example:
        lineage joins
        lineage joins --apart --format json
    """
    with open_read(store) as gs:
        found = gs.joins()
    if apart:
        found = [j for j in found if j.target is None]
    click.echo(render_rows(_rows(found), fmt, _COLUMNS))


def _decide(a: str, b: str, decision: str, by: str | None, store: Path | None, fmt: str) -> None:
    from lineage.graph.rdf.store import GraphStore

    with open_read(store) as gs:
        first, second = resolve(gs, a, None, None), resolve(gs, b, None, None)
    if first == second:
        raise click.UsageError(f"{a} and {b} are the same node")
    who = by or os.environ.get("LINEAGE_REVIEWER") or getpass.getuser()
    with GraphStore(store_dir(store)) as gs:
        found = gs.link(first, second, decision, who)
    click.echo(render_rows(_rows([j for j in found if first in (j.node, j.target)]), fmt, _COLUMNS))


def _decision(f):  # type: ignore[no-untyped-def]
    """The arguments and options of ``link`` and ``unlink``."""
    for deco in reversed((main.command(), click.argument("a"), click.argument("b"),
                          click.option("--by", default=None, metavar="NAME",
                                       help="Who decides [default: $LINEAGE_REVIEWER or the login name]; kept "
                                            "with the decision."),
                          store_option, format_option(), handle_errors)):
        f = deco(f)
    return f


@_decision
def link(a: str, b: str, by: str | None, store: Path | None, fmt: str) -> None:
    """Record that A (a cited-only node) is the document B: reports, trees and the mirror follow.

    A and B are references (534-CV/BTGTW) or IRIs, e.g. from `lineage candidates`. The decision is
    kept in the store with who and when, across reloads and in exports; `lineage unlink A B` undoes it.

    \b
    Example:
        lineage candidates 534-CV/BTGTW
        lineage link https://w3id.org/directive-lineage/id/doc/ban-tuyen-giao-trung-uong/2021/543-cv-btgtw 534-CV/BTGTW
    """
    _decide(a, b, "same", by, store, fmt)


@_decision
def unlink(a: str, b: str, by: str | None, store: Path | None, fmt: str) -> None:
    """Record that A and B are two documents: a link or an automatic join of them is taken apart and kept apart.

    \b
    Example:
        lineage unlink https://w3id.org/directive-lineage/id/doc/tinh-uy-cao-bang/old-04/undated/182-cv-tu 182-CV/TU --year 2021
    """
    _decide(a, b, "different", by, store, fmt)
