"""``lineage extract``: print one record per letter in the gold JSON shape."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lineage.cli.base import main
from lineage.errors import LineageError


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="jsonl: one record a line (the gold shape); json: one array; table: a summary a line.")
@click.option("--workers", type=int, default=1, show_default=True, help="Extract in N processes.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run extraction on an existing Dask cluster (tcp://host:8786).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when stderr is a terminal].")
def extract(paths: tuple[Path, ...], fmt: str, workers: int, dask_address: str | None, progress: bool | None) -> None:
    """Extract header, parties, citations and assignments from letter files.

    PATHS are files (.txt, .md, .pdf, .docx) or directories, walked recursively.
    A file that cannot be read gets one error line on stderr; the others are still
    processed, and the exit code is 1 if any failed.

    \b
    Example:
        lineage extract examples/
        lineage extract examples/003_cebb7259d5155d23.txt --format table
    """
    from lineage.loaders.read import iter_sources

    try:
        files = list(iter_sources(paths))
    except LineageError as e:
        raise click.ClickException(str(e)) from e
    show = sys.stderr.isatty() if progress is None else progress
    failed = 0
    records = []
    results = _run(files, workers, dask_address)
    if show and len(files) > 1:  # (no bar, and no import of one, for a single letter or a pipe)
        from tqdm import tqdm

        results = tqdm(results, total=len(files), unit="letter", file=sys.stderr)
    for path, result in results:
        if isinstance(result, Exception):
            failed += 1
            msg = str(result) if isinstance(result, LineageError) else f"{path}: {type(result).__name__}: {result}"
            click.echo(f"Error: {msg}", err=True)
            continue
        d = result.to_dict()
        if fmt == "jsonl":
            click.echo(json.dumps(d, ensure_ascii=False))
        else:
            records.append(d)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "table":
        from lineage.cli.output import render_rows

        rows = [{
            "file": r["file"], "doc": f"{r['number'] or '?'}-{r['symbol'] or '?'}", "date": r["date"],
            "issuer": r["issuer"], "level": r["issuer_level"],
            "cites": ", ".join(f"{c['number']}-{c['symbol']} ({c['relation']})" for c in r["citations"]),
            "warnings": len(r["warnings"]),
        } for r in records]
        click.echo(render_rows(rows, "table"))
    if not files:
        click.echo("Error: no letter files (.txt, .md, .pdf, .docx) under the given paths", err=True)
        sys.exit(1)
    sys.exit(1 if failed else 0)


def _run(files: list[Path], workers: int, dask_address: str | None):  # type: ignore[no-untyped-def]
    """(path, Letter | Exception) pairs in input order."""
    if workers > 1 or dask_address:
        from lineage.parallel import extract_many

        return zip(files, extract_many(files, workers=workers, dask_address=dask_address))
    from lineage.loaders.extract import extract_file

    def one(p: Path):  # type: ignore[no-untyped-def]
        try:
            return p, extract_file(p)
        except Exception as e:  # noqa: BLE001 - reported per file, the run goes on
            return p, e

    return (one(p) for p in files)
