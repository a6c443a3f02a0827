"""Knowledge-graph commands: load, implementers, report, sparql, export, validate.

Thin click wrappers over :mod:`lineage.graph`; every command takes ``--store DIR``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lineage.cli.base import doc_options, handle_errors, main, open_read, resolve, store_dir, store_option
from lineage.cli.neo4j_cmd import _client, conn_options
from lineage.cli.output import format_option, render_rows

if TYPE_CHECKING:

    pass



@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--prune", is_flag=True, help="Remove the graphs of files that are not among PATHS.")
@click.option("--keep-going", is_flag=True, help="Report unreadable files and load the others (default: stop at the first).")
@click.option("--batch-size", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Letters per transaction (bigger batches are slower and use more memory).")
@click.option("--bulk", is_flag=True,
              help="First load into an empty store with Oxigraph's bulk loader: about 3x faster, not "
                   "transactional (if it stops part-way, delete the store and load again).")
@click.option("--workers", type=int, default=1, show_default=True,
              help="Extract in N processes (0: one per core).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Extract on an existing Dask cluster (tcp://host:8786); the store is written here.")
@click.option("--base", default=None, metavar="IRI", help="Base IRI for new stores [default: $LINEAGE_BASE_IRI or the project's].")
@click.option("--rebuild", is_flag=True,
              help="Empty the store, then load PATHS: after an upgrade that changed the identity rules, "
                   "which a store built earlier is refused for.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when stderr is a terminal].")
@format_option()
@handle_errors
def load(paths: tuple[Path, ...], store: Path | None, prune: bool, keep_going: bool, batch_size: int, bulk: bool,
         workers: int, dask_address: str | None, base: str | None, rebuild: bool, progress: bool | None,
         fmt: str) -> None:
    """Extract letters and load them into the RDF store, each file's graph filed apart.

    PATHS are letter files or directories (walked recursively), or .jsonl files of
    extracted records. Unchanged files (same SHA-256) are skipped, changed ones replace
    exactly their graph. Letters are written in batches of --batch-size, each one
    transaction: a failure leaves the store as it was before that batch, and running the
    same command again resumes (what landed is unchanged and skipped). A corpus smaller
    than one batch lands whole or not at all. The store defaults to $LINEAGE_STORE or
    ~/.local/share/lineage/store.

    \b
    Example:
        lineage load examples/
        lineage load corpus/ --prune --workers 0 --store /tmp/lineage-store
        lineage load national-corpus/ --bulk --workers 0 --store /data/lineage
        lineage load corpus/ --rebuild --store /tmp/lineage-store
    """
    from tqdm import tqdm

    from lineage.pipeline import LoadInterrupted, load_paths

    show = sys.stderr.isatty() if progress is None else progress
    try:
        with tqdm(disable=not show, unit="letter", file=sys.stderr, desc="bulk load" if bulk else "load") as bar:
            run = load_paths(paths, store_dir(store), base=base, batch=batch_size, prune=prune, keep_going=keep_going,
                             bulk=bulk, workers=workers, dask_address=dask_address, rebuild=rebuild,
                             on_item=bar.update, on_error=lambda e: bar.write(f"Error: {e}", file=sys.stderr),
                             on_note=lambda note: bar.write(note, file=sys.stderr) if show else None)
    except LoadInterrupted as stop:  # (after the bar closed its line)
        total = stop.summary
        committed = len(total.new) + len(total.changed) + len(total.unchanged)
        click.echo(f"Interrupted: {committed} letter{'s' * (committed != 1)} committed in earlier batches "
                   f"(revision {total.revision or 'unchanged'}); the batch in progress was not written. Run the "
                   "same command again to resume.", err=True)
        sys.exit(130)
    _joined(run.joins, show)
    _report(run.summary, run.errors, fmt)


def _joined(found, show: bool) -> None:  # type: ignore[no-untyped-def]
    """Say what became of the undated citations: joined, or kept apart and why."""
    for j in found:
        if j.target is None and "fit" in j.reason:  # ambiguous: a reviewer can decide
            click.echo(f"warning: undated citation {j.identifier or j.node}: {j.reason}", err=True)
    n = sum(j.target is not None for j in found)
    if show and n:
        click.echo(f"{n} undated citation{'s' if n != 1 else ''} joined to the dated document they name "
                   "(`lineage joins` lists them)", err=True)


def _report(total, errors: list[str], fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Warnings of the letters written, the summary row, and the exit code."""
    touched = set(total.new) | set(total.changed)
    for key, w in total.warnings:
        if key in touched:
            click.echo(f"warning: {key}: {w}", err=True)
    click.echo(render_rows([total.as_row() | {"errors": len(errors)}], fmt))
    if errors:
        sys.exit(1)


@main.command()
@click.argument("doc")
@doc_options
@click.option("--direct", is_flag=True, help="Only letters that cite DOC themselves.")
@store_option
@format_option()
@handle_errors
def implementers(doc: str, issuer: str | None, year: int | None, direct: bool, store: Path | None, fmt: str) -> None:
    """List the letters that implement DOC, directly and transitively, with lag in days.

    DOC is a reference as written (534-CV/BTGTW, 1699/CĐ-TTg) or an IRI.

    \b
    Example:
        lineage implementers 534-CV/BTGTW
        lineage implementers 132-CV/TU --issuer "Tỉnh ủy Quảng Ninh" --format csv
    """
    from lineage.graph.rdf.reports import run_report

    with open_read(store) as gs:
        target = resolve(gs, doc, issuer, year)
        cols, rows = run_report(gs, "implementers", {"target": target})
    if direct:
        rows = [r for r in rows if r["direct"]]
    click.echo(render_rows(rows, fmt, cols))


@main.command()
@click.argument("doc", required=False)
@doc_options
@click.option("--min-score", type=float, default=None, show_default="0.5",
              help="Only pairs scoring at least this (0–1).")
@store_option
@format_option()
@handle_errors
def candidates(doc: str | None, issuer: str | None, year: int | None, min_score: float | None, store: Path | None,
               fmt: str) -> None:
    """List pairs of documents that are probably one (a mistyped, symbol-less or undated citation
    beside the real letter).

    Each pair has a cited-only node and a node of the same issuer and type: of the same date with a
    number or symbol within two edits (or the symbol not written), or — for an undated citation —
    of the same number and symbol, dated no later than the letters that cite it. Each has a score
    and its evidence. Nothing is merged. Without DOC, every pair in the store.

    \b
    Example:
        lineage candidates
        lineage candidates 534-CV/BTGTW --format json
        lineage candidates 182-CV/TU --year 2021
    """
    from lineage.graph.rdf import candidates as C

    with open_read(store) as gs:
        target = resolve(gs, doc, issuer, year) if doc else None
        found = C.candidates(gs, target, C.MIN_SCORE if min_score is None else min_score)
    rows = [c.row() for c in found]
    click.echo(render_rows(rows, fmt, ["cited", "other", "score", "evidence"]))


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="K=V",
              help="Report parameter; an IRI parameter also accepts a reference such as 534-CV/BTGTW.")
@click.option("--engine", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True,
              help="Ask the RDF store (SPARQL) or the Neo4j/FalkorDB mirror (Cypher); the rows are the same.")
@conn_options
@doc_options
@store_option
@format_option()
@handle_errors
def report(name: str | None, params: tuple[str, ...], engine: str, uri: str | None, user: str | None,
           password: str | None, database: str | None, issuer: str | None, year: int | None,
           store: Path | None, fmt: str) -> None:
    """Run a named report (queries/sparql, queries/cypher); without NAME, list them and their parameters.

    \b
    Example:
        lineage report
        lineage report implementers --param target=534-CV/BTGTW
        lineage report implementers -p target=534-CV/BTGTW --engine cypher
        lineage report lag-by-level --format csv
        lineage report not-yet-implemented -p target=132-CV/TU -p province="Quảng Ninh"
    """
    from lineage.graph.rdf.reports import parse_params, report_params, reports, run_report

    if name is None:
        rows = [{"report": r.name, "params": ", ".join(f"{p.name}{'' if p.required else '?'}" for p in r.params),
                 "answers": r.title} for r in reports().values()]
        click.echo(render_rows(rows, fmt, ["report", "params", "answers"]))
        return
    with open_read(store) as gs:  # references are resolved against the store, the source of truth
        values = report_params(gs, name, parse_params(params), issuer=issuer, year=year)
        if engine == "sparql":
            cols, rows = run_report(gs, name, values)
        else:
            from lineage.graph.mirror.reports import run_on_mirror

            cols, rows = run_on_mirror(gs, _client(store_dir(store), uri, user, password, database), name, values)
    click.echo(render_rows(rows, fmt, cols))


@main.command()
@click.argument("query")
@store_option
@format_option()
@handle_errors
def sparql(query: str, store: Path | None, fmt: str) -> None:
    """Run a SPARQL SELECT (text or a .rq file) over the union of all graphs.

    The prefixes lin:, eli:, org:, prov:, dcterms:, skos:, rdf:, rdfs:, xsd: are predeclared.

    \b
    Example:
        lineage sparql 'SELECT ?d ?id WHERE { ?d lin:implements ?t ; dcterms:identifier ?id }'
        lineage sparql queries/sparql/lag-by-level.rq --format json
    """
    from lineage.graph.rdf.reports import run_sparql

    text = Path(query).read_text("utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    with open_read(store) as gs:
        rows = run_sparql(gs, text)
    click.echo(render_rows(rows, fmt))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld"]), default="trig", show_default=True,
              help="ttl merges all graphs; trig, nq and jsonld keep one named graph per file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")
@store_option
@handle_errors
def export(fmt: str, output: Path | None, store: Path | None) -> None:
    """Export the letters' graphs and the hierarchy as Turtle, TriG, N-Quads or JSON-LD.

    \b
    Example:
        lineage export --format trig -o lineage.trig
        lineage export --format nq | gzip > lineage.nq.gz
    """
    with open_read(store) as gs:  # streamed: one source file's graph in memory at a time
        if output is None:
            gs.export_to(sys.stdout.buffer, fmt)
            sys.stdout.buffer.flush()
        else:
            with output.open("wb") as f:
                gs.export_to(f, fmt)
            click.echo(f"wrote {output}", err=True)


@main.command()
@store_option
@format_option()
@handle_errors
def validate(store: Path | None, fmt: str) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations.

    \b
    Example:
        lineage validate
        lineage validate --format json
    """
    from lineage.graph.rdf.validate import validate_store

    with open_read(store) as gs:
        violations = validate_store(gs)
    if not violations:
        click.echo("conforms: no violations", err=True)
        return
    click.echo(render_rows([v.as_row() for v in violations], fmt, ["severity", "focus", "path", "value", "message"]))
    click.echo(f"Error: {len(violations)} SHACL violation(s)", err=True)
    sys.exit(1)
