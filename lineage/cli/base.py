"""The root click group, shared options and the error → one-line mapping."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lineage.errors import LineageError

HELP = """Directive Lineage: how Vietnamese official letters implement one another.

Turns letters (công văn, công điện, chỉ thị, kế hoạch …) into a knowledge graph of
how central instructions propagate to provinces, districts and communes.

\b
Example:
    lineage extract examples/ --format table
    lineage load examples/
    lineage implementers 534-CV/BTGTW
"""


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="directive-lineage")
def main() -> None:
    pass


def default_store() -> Path:
    """The store directory: ``$LINEAGE_STORE`` or ``~/.local/share/lineage/store``."""
    env = os.environ.get("LINEAGE_STORE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "lineage" / "store"


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--store DIR``, defaulting to $LINEAGE_STORE or the per-user data directory."""
    return click.option(
        "--store",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Store directory [default: $LINEAGE_STORE or ~/.local/share/lineage/store].",
    )(f)


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` on stderr and exit."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def handle_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one ``Error: …`` line and exit code 1."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except LineageError as e:
            fail(str(e))
        except KeyboardInterrupt:  # Ctrl-C: one line and the shell's code for it, no traceback
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    return wrapper


def store_dir(store: Path | None) -> Path:
    """The store a command works on: ``--store``, else the default."""
    return store if store is not None else default_store()


def open_read(store: Path | None) -> Any:
    """The store opened for reading (a context manager)."""
    from lineage.graph.rdf.store import GraphStore

    return GraphStore(store_dir(store), read_only=True)


def resolve(gs: Any, doc: str, issuer: str | None, year: int | None) -> str:
    """DOC as a user typed it ("534-CV/BTGTW", an IRI) → its IRI, through the one reference resolver."""
    from lineage.graph.rdf.resolve_ref import resolve_doc

    return resolve_doc(gs, doc, issuer=issuer, year=year)


ISSUER_OPTION = click.option("--issuer", default=None, help="Issuer (or part of it), when DOC's number alone is ambiguous.")
YEAR_OPTION = click.option("--year", type=int, default=None, help="Year, when DOC's number alone is ambiguous.")


def doc_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--issuer`` and ``--year``, which narrow an ambiguous DOC."""
    return ISSUER_OPTION(YEAR_OPTION(f))
