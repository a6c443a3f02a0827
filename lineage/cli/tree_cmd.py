"""``lineage tree`` and ``lineage stats``: how a letter propagated, as a tree and as numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lineage.cli.base import ISSUER_OPTION, YEAR_OPTION, handle_errors, main, open_read, resolve, store_option
from lineage.cli.output import format_option, render_rows

if TYPE_CHECKING:
    import networkx as nx

_LEVEL_IDS = ("central", "province", "district", "commune")

# In the epilog so that --help *ends* with the examples (click prints options after the docstring).
TREE_EXAMPLE = """\b
Example:
    lineage tree 534-CV/BTGTW
    lineage tree 1699/CĐ-TTg --format json
    lineage tree 534-CV/BTGTW --html out/534.html --open
    lineage tree 24-QĐ/TW --html out/24.html --view national
    lineage tree 1879-CV/TU --follow implements,follows_up --timeline out/1879.png
"""
STATS_EXAMPLE = """\b
Example:
    lineage stats 534-CV/BTGTW
    lineage stats 132-CV/TU --issuer "Tỉnh ủy Quảng Ninh" --year 2020 --format json
"""


def _follow(value: str) -> tuple[str, ...]:
    from lineage.graph.analysis.propagation import RELATIONS

    rels = tuple(dict.fromkeys(r.strip().replace("-", "_") for r in value.split(",") if r.strip()))
    bad = [r for r in rels if r not in RELATIONS]
    if bad or not rels:
        raise click.BadParameter(
            f"choose from {', '.join(RELATIONS)} (comma-separated), not {value!r}", param_hint="--follow"
        )
    return rels


def _common(f):  # type: ignore[no-untyped-def]
    """Options shared by both commands: which letter, which store, which relations."""
    for opt in reversed(
        [
            click.argument("doc"),
            store_option,
            ISSUER_OPTION,
            YEAR_OPTION,
            click.option(
                "--follow",
                "follow",
                default="implements",
                show_default=True,
                metavar="RELATIONS",
                help="Relations to follow: implements, follows_up, based_on (comma-separated).",
            ),
            click.option("--max-depth", type=int, default=None, help="Stop this many links below the letter."),
        ]
    ):
        f = opt(f)
    return f


def _dag(
    doc: str, store: Path | None, issuer: str | None, year: int | None, follow: str, max_depth: int | None
) -> nx.DiGraph:
    from lineage.graph.analysis.propagation import propagation_dag

    rels = _follow(follow)
    with open_read(store) as gs:
        root = resolve(gs, doc, issuer, year)
        return propagation_dag(gs, root, relations=rels, max_depth=max_depth)


@main.command(epilog=TREE_EXAMPLE)
@_common
@format_option()
@click.option(
    "--html",
    "html",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the interactive view (self-contained HTML) to FILE.",
)
@click.option("--open", "open_", is_flag=True, help="Open the HTML view in a browser (with --html).")
@click.option(
    "--collapse-below",
    type=click.Choice(_LEVEL_IDS),
    default=None,
    help="In the HTML view, fold letters below this level into '+N letters' nodes.",
)
@click.option(
    "--view",
    type=click.Choice(["auto", "national", "network"]),
    default="auto",
    show_default=True,
    help="The HTML view: national (one box per province, opened on click) or network (every letter); auto picks "
    "national above 300 letters from several provinces.",
)
@click.option(
    "--timeline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw the response curve to FILE (.png or .svg).",
)
@handle_errors
def tree(
    doc: str,
    store: Path | None,
    issuer: str | None,
    year: int | None,
    follow: str,
    max_depth: int | None,
    fmt: str,
    html: Path | None,
    open_: bool,
    collapse_below: str | None,
    view: str,
    timeline: Path | None,
) -> None:
    """The propagation tree below DOC: the letters that carry it out, level by level.

    DOC is what you would type ("534-CV/BTGTW", "132-CV/TU" with --issuer/--year
    when ambiguous) or a letter's IRI. The table lists each letter once, indented
    under the letter it implements, with the lag in days; json gives
    {"root", "nodes", "edges": [{"source", "target", "relation", "lag_days"}]}.
    """
    from lineage.graph.analysis.propagation import tree_dict, tree_rows

    if open_ and html is None:
        raise click.UsageError("--open needs --html FILE")
    G = _dag(doc, store, issuer, year, follow, max_depth)
    if fmt == "json":
        click.echo(json.dumps(tree_dict(G), ensure_ascii=False, indent=2))
    else:
        rows = tree_rows(G)
        if fmt == "table":  # indented under the letter each implements; csv keeps the depth as a column instead
            rows = [{**{k: v for k, v in r.items() if k != "depth"}, "letter": "  " * r["depth"] + r["letter"]}
                    for r in rows]
        click.echo(render_rows(rows, fmt))
    if html is not None:
        from lineage.graph.views.national import write_national_html
        from lineage.graph.views.tree import STATIC_LAYOUT_THRESHOLD, open_in_browser, write_html

        provinces = {p for _, p in G.nodes(data="province") if p}
        national = view == "national" or (view == "auto" and collapse_below is None and len(provinces) > 1
                                          and G.number_of_nodes() > STATIC_LAYOUT_THRESHOLD)
        path = write_national_html(G, html) if national else write_html(G, html, collapse_below=collapse_below)
        n, m = G.number_of_nodes(), G.number_of_edges()
        shown = f", folded by province: {len(provinces)} boxes, click one to open it" if national else ""
        click.echo(f"Wrote {path} ({n} letter{'s' * (n != 1)}, {m} link{'s' * (m != 1)}{shown}).", err=True)
        if open_ and not open_in_browser(path):
            click.echo(f"No browser available; open {path.resolve().as_uri()} yourself.", err=True)
    if timeline is not None:
        from lineage.graph.views.timeline import plot_timeline

        click.echo(f"Wrote {plot_timeline(G, timeline)}.", err=True)


def _fraction(value: str) -> tuple[float, ...]:
    try:
        out = tuple(float(v) for v in value.split(",") if v.strip())
    except ValueError:
        out = ()
    if not out or any(not 0 < f <= 1 for f in out):
        raise click.BadParameter(f"fractions in (0, 1], comma-separated, not {value!r}", param_hint="--reach")
    return out


@main.command(epilog=STATS_EXAMPLE)
@_common
@format_option(choices=("table", "json"))
@click.option(
    "--reach",
    default="0.25,0.5,0.75,1",
    show_default=True,
    metavar="FRACTIONS",
    help="Report the days until letters from these fractions of the provinces existed.",
)
@click.option(
    "--province",
    default=None,
    help="Also list the districts of this province with no letter [default: the root's, "
    "when it is a province's letter].",
)
@handle_errors
def stats(
    doc: str,
    store: Path | None,
    issuer: str | None,
    year: int | None,
    follow: str,
    max_depth: int | None,
    fmt: str,
    reach: str,
    province: str | None,
) -> None:
    """How fast and how far DOC propagated: lags, reach, shape, gaps and anomalies.

    Lags are in days: per level and per province (each link: how long the
    implementing body took), days since DOC per level, the days until letters
    from 25/50/75/100 % of the provinces of DOC's era existed, depth, breadth and
    structural virality of the cascade, the provinces (and districts) with no
    letter yet, and anomalies (a letter implementing a later one, cycles, a link
    skipping a level, an issuer outside the sender's jurisdiction).
    """
    from lineage.graph.analysis.stats import stats_report

    G = _dag(doc, store, issuer, year, follow, max_depth)
    report = stats_report(G, _fraction(reach), province)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(_stats_table(report))


def _stats_table(r: dict[str, Any]) -> str:
    s = r["summary"]
    out = [
        f"Propagation of {s['root_label']} ({s['era']} map)",
        "",
        render_rows(
            [
                {
                    k: s[k]
                    for k in (
                        "letters",
                        "edges",
                        "depth",
                        "breadth",
                        "structural_virality",
                        "first_days",
                        "last_days",
                        "undated",
                    )
                }
            ],
            "table",
        ),
    ]
    for title, key in (
        ("Lag per link, by level of the implementing letter (days)", "lag_by_level"),
        ("Days since the root letter, by level", "days_since_root_by_level"),
        ("Lag per link, by province (days)", "lag_by_province"),
    ):
        out += ["", title, render_rows(r[key], "table")]
    if "reach" in r:
        out += [
            "",
            "Days until letters from a share of the provinces existed",
            render_rows(
                [
                    {
                        "share": f"{x['fraction']:.0%}",
                        "provinces": x["provinces"],
                        "days": "not reached" if x["days"] is None else x["days"],
                    }
                    for x in r["reach"]
                ],
                "table",
            ),
        ]
        p = r["provinces"]
        out += ["", f"Provinces with no letter yet: {len(p['missing'])} of {p['total']}", _wrap(p["missing"])]
    if "districts" in r:
        d = r["districts"]
        out += ["", f"Districts of {d['province']} with no letter yet: {len(d['missing'])}", _wrap(d["missing"])]
    out += ["", f"Anomalies: {len(r['anomalies'])}"]
    out += [f"  [{a['kind']}] {a['detail']}" for a in r["anomalies"]]
    return "\n".join(out)


def _wrap(items: list[str], width: int = 100) -> str:
    """Comma-separated names, wrapped between names (never inside "Quảng Trị")."""
    if not items:
        return "  (none)"
    lines, line = [], "  "
    for i, name in enumerate(items):
        piece = name + ("," if i < len(items) - 1 else "")
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = "  "
        line += piece + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


COVERAGE_EXAMPLE = """\b
Example:
    lineage coverage 534-CV/BTGTW --picture out/coverage-534.png --html out/coverage-534.html
    lineage coverage 132-CV/TU --issuer "Tỉnh ủy Quảng Ninh" --province "Quảng Ninh" --format json
"""


@main.command(epilog=COVERAGE_EXAMPLE)
@_common
@format_option()
@click.option("--province", default=None, help="Draw the districts of this province instead of the provinces.")
@click.option("--html", "html", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the coverage as a self-contained HTML page to FILE.")
@click.option("--picture", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw it to FILE (.png or .svg).")
@handle_errors
def coverage(doc: str, store: Path | None, issuer: str | None, year: int | None, follow: str,
             max_depth: int | None, fmt: str, province: str | None, html: Path | None, picture: Path | None) -> None:
    """Which provinces (or districts of --province) have carried out DOC, and how fast: laggards first.

    Each unit of the map of DOC's era (63 provinces before July 2025, 34 after) with the days from
    DOC to the first letter of a body in it, or "not yet". --picture and --html draw it as coloured
    cells, because people read a picture faster than a table.
    """
    from lineage.graph.views.coverage import coverage_cells, plot_coverage, write_coverage_html

    G = _dag(doc, store, issuer, year, follow, max_depth)
    try:
        cells, _era = coverage_cells(G, province)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--province") from None
    click.echo(render_rows([c.row() for c in cells], fmt, ["unit", "days", "letter", "date", "letters"]))
    if html is not None:
        click.echo(f"Wrote {write_coverage_html(G, html, province=province)}.", err=True)
    if picture is not None:
        click.echo(f"Wrote {plot_coverage(G, picture, province=province)}.", err=True)
