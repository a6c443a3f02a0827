"""Knowledge-graph commands: load, implementers, report, sparql, export, validate.

Thin click wrappers over :mod:`lineage.graph`; every command takes ``--store DIR``.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lineage.cli.base import doc_options, fail, handle_errors, main, open_read, resolve, store_dir, store_option
from lineage.cli.neo4j_cmd import _client, conn_options
from lineage.cli.output import format_option, render_rows
from lineage.errors import LineageError
from lineage.models import Letter

if TYPE_CHECKING:
    from tqdm import tqdm

    from lineage.graph.rdf.build import FiledLetter

BASE_ENV = "LINEAGE_BASE_IRI"


def _letters(paths: tuple[Path, ...], base: str, workers: int,
             dask_address: str | None) -> Iterator[Letter | FiledLetter | LineageError]:
    """Every input, streamed in input order: a ``.jsonl`` record as a Letter, a file extracted
    and built under ``base`` (in this process, a process pool or on a Dask cluster — the
    workers build the graph, the store only writes), or the error it raised.

    Nothing is collected first, so a national corpus never sits in memory at once.
    """
    from lineage.loaders.read import walk_sources
    from lineage.parallel import build_many  # lazily: the extractor is heavy

    records = [p for p in paths if p.is_file() and p.suffix.lower() == ".jsonl"]
    for path in records:
        yield from _records(path)
    files = walk_sources(p for p in paths if p not in records)
    yield from build_many(files, base, workers=workers, dask_address=dask_address)


def _base(store: Path | None, given: str | None, rebuild: bool = False) -> str:
    """The base IRI letters are built under: the store's own if it has one (a conflicting
    ``--base`` fails here, before any work), else ``--base``, $LINEAGE_BASE_IRI or the default."""
    from lineage.graph.rdf.store import GraphStore
    from lineage.ontology.terms import DEFAULT_BASE

    base = given or os.environ.get(BASE_ENV) or DEFAULT_BASE
    if (store_dir(store) / "CURRENT").exists():
        with GraphStore(store_dir(store), base=base, read_only=True, rebuild=rebuild) as gs:
            return gs.base
    return base


def _records(path: Path) -> Iterator[Letter | LineageError]:
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield Letter.from_dict(json.loads(line))
            except (ValueError, TypeError) as e:
                yield LineageError(f"{path}:{n}: not a Letter record ({e})")


def _batches(letters: Iterator[Letter | FiledLetter | LineageError], size: int, keep_going: bool,
             errors: list[str], bar: tqdm) -> Iterator[list[Letter | FiledLetter]]:
    batch: list[Letter | FiledLetter] = []
    for item in letters:
        bar.update()
        if isinstance(item, LineageError):
            if not keep_going:
                raise item
            errors.append(str(item))
            click.echo(f"Error: {item}", err=True)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
@click.option("--base", default=None, metavar="IRI", help=f"Base IRI for new stores [default: ${BASE_ENV} or the project's].")
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

    from lineage.graph.rdf.store import GraphStore, LoadSummary

    show = sys.stderr.isatty() if progress is None else progress
    errors: list[str] = []
    total = LoadSummary()
    seen: set[str] = set()
    base = _base(store, base, rebuild)
    if bulk:
        if prune:
            fail("--bulk loads into an empty store; --prune has nothing to remove")
        with GraphStore(store_dir(store), base=base, rebuild=rebuild) as bulk_gs, \
                tqdm(disable=not show, unit="letter", file=sys.stderr, desc="bulk load") as bar:
            letters = (letter for batch in _batches(_letters(paths, bulk_gs.base, workers, dask_address), batch_size,
                                                    keep_going, errors, bar) for letter in batch)
            total = bulk_gs.bulk_load_letters(letters, compact=False)
            bar.close()
            _joined(bulk_gs.refresh_joins(), show)
            if show:
                click.echo("compacting the store (once, after a bulk load: reads are then several times faster)…",
                           err=True)
            bulk_gs.compact()
        _report(total, errors, fmt)
        return
    gs = None  # opened with the first complete batch: a run that fails before it creates nothing
    try:
        with tqdm(disable=not show, unit="letter", file=sys.stderr, desc="load") as bar:
            for batch in _batches(_letters(paths, base, workers, dask_address), batch_size, keep_going, errors, bar):
                gs = gs or GraphStore(store_dir(store), base=base, rebuild=rebuild)
                _add(total, gs.load_letters(batch, joins=False))
                seen.update(item.file if isinstance(item, Letter) else item.key for item in batch)
        if prune:
            gs = gs or GraphStore(store_dir(store), base=base, rebuild=rebuild)
            _add(total, gs.remove([s.key for s in gs.sources() if s.key not in seen], joins=False))
        if gs is not None:  # also after a run that was interrupted before it got here
            _joined(gs.refresh_joins(), show)
    except KeyboardInterrupt:
        committed = len(total.new) + len(total.changed) + len(total.unchanged)
        click.echo(f"Interrupted: {committed} letter{'s' * (committed != 1)} committed in earlier batches "
                   f"(revision {total.revision or 'unchanged'}); the batch in progress was not written. Run the "
                   "same command again to resume.", err=True)
        sys.exit(130)
    finally:
        if gs is not None:
            gs.close()
    _report(total, errors, fmt)


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


def _add(total, part) -> None:  # type: ignore[no-untyped-def]
    """Fold one batch's LoadSummary into the run's."""
    total.letters += part.letters
    for name in ("new", "changed", "unchanged", "removed", "warnings"):
        getattr(total, name).extend(getattr(part, name))
    total.triples_added += part.triples_added
    total.triples_removed += part.triples_removed
    total.revision = part.revision or total.revision



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
    from lineage.graph.rdf.reports import get_report, reports, run_report

    if name is None:
        rows = [{"report": r.name, "params": ", ".join(f"{p.name}{'' if p.required else '?'}" for p in r.params),
                 "answers": r.title} for r in reports().values()]
        click.echo(render_rows(rows, fmt, ["report", "params", "answers"]))
        return
    rep = get_report(name)
    values: dict[str, str] = {}
    for p in params:
        if "=" not in p:
            fail(f"--param {p!r}: expected K=V")
        k, v = p.split("=", 1)
        values[k.strip()] = v.strip()
    with open_read(store) as gs:
        kinds = {p.name: p.kind for p in rep.params}
        for k, v in list(values.items()):
            if kinds.get(k) == "IRI" and "://" not in v and not v.startswith("urn:"):
                values[k] = _resolve_param(gs, k, v, issuer, year)
        if engine == "sparql":
            cols, rows = run_report(gs, name, values)
        else:  # references were resolved against the store, the source of truth
            cols, rows = _cypher_report(gs, name, values, _client(store_dir(store), uri, user, password, database))
    click.echo(render_rows(rows, fmt, cols))


def _cypher_report(gs, name: str, values: dict[str, str], client) -> tuple:  # type: ignore[no-untyped-def]
    """Run a report on the mirror, refusing when the mirror is behind the store (it would answer wrong)."""
    from lineage.graph.mirror.reports import run_cypher_report
    from lineage.graph.mirror.sync import pending

    try:
        behind = pending(gs, client)
        if behind:
            raise LineageError(f"the mirror is {behind} graph(s) behind the store; run `lineage mirror` first")
        return run_cypher_report(client, name, values)
    finally:
        client.close()


def _resolve_param(gs, name: str, value: str, issuer: str | None, year: int | None) -> str:  # type: ignore[no-untyped-def]
    """A province name for ``province``; otherwise a document reference."""
    if name == "province":
        from lineage.graph.rdf.iri import Minter
        from lineage.graph.rdf.places import places

        p = places().province_unit(value)
        if p is None:
            raise LineageError(f"{value}: no such province")
        return str(Minter(gs.base).unit(p.era, p.code))
    return resolve(gs, value, issuer, year)


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
