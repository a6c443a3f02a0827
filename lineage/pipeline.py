"""Letters from files into the store: what ``lineage load`` does, as a library call.

Extraction (:mod:`lineage.loaders`, in a process pool or on Dask through :mod:`lineage.parallel`) and the store
(:mod:`lineage.graph.rdf.store`) meet only here, so neither layer imports the other. Inputs stream through: a
national corpus never sits in memory at once, and the store is opened only when the first batch is ready (a run
that fails before it creates nothing).

>>> from pathlib import Path
>>> run = load_paths([Path("examples")], None)  # an in-memory store
>>> (run.summary.letters, len(run.summary.new), run.errors)
(5, 5, [])
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from lineage.errors import LineageError
from lineage.models import Letter

if TYPE_CHECKING:
    from lineage.graph.rdf.build import FiledLetter
    from lineage.graph.rdf.joins import Join
    from lineage.graph.rdf.store import LoadSummary

__all__ = ["BASE_ENV", "LoadInterrupted", "LoadRun", "letters", "load_paths", "records", "store_base"]

#: the environment variable naming the base IRI of new stores
BASE_ENV = "LINEAGE_BASE_IRI"


@dataclass
class LoadRun:
    """What one load did: the store's summary, the inputs that could not be read, and the undated citations'
    joins as they stand after it."""

    summary: LoadSummary
    errors: list[str] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)


class LoadInterrupted(Exception):
    """Ctrl-C during a load: the batches committed before it are in ``summary``; the one in progress was not
    written."""

    def __init__(self, summary: LoadSummary) -> None:
        super().__init__("interrupted")
        self.summary = summary


def records(path: Path) -> Iterator[Letter | LineageError]:
    """The Letter records of a ``.jsonl`` file (``lineage extract --format jsonl``), a bad line as its error."""
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield Letter.from_dict(json.loads(line))
            except (ValueError, TypeError) as e:
                yield LineageError(f"{path}:{n}: not a Letter record ({e})")


def letters(paths: Iterable[Path], base: str, *, workers: int = 1,
            dask_address: str | None = None) -> Iterator[Letter | FiledLetter | LineageError]:
    """Every input, streamed in input order: a ``.jsonl`` record as a Letter, a file extracted and built under
    ``base`` (here, in a process pool or on a Dask cluster: the workers build the graph, the store only
    writes), or the error it raised."""
    from lineage.loaders.read import walk_sources
    from lineage.parallel import build_many  # (lazily: the extractor is heavy)

    paths = list(paths)
    jsonl = [p for p in paths if p.is_file() and p.suffix.lower() == ".jsonl"]
    for path in jsonl:
        yield from records(path)
    yield from build_many(walk_sources(p for p in paths if p not in jsonl), base, workers=workers,
                          dask_address=dask_address)


def store_base(store: Path | None, given: str | None = None, *, rebuild: bool = False) -> str:
    """The base IRI letters are built under: the store's own if it has one (a conflicting ``given`` fails here,
    before any work), else ``given``, ``$LINEAGE_BASE_IRI`` or the project's."""
    from lineage.graph.rdf.store import GraphStore
    from lineage.ontology.terms import DEFAULT_BASE

    base = given or os.environ.get(BASE_ENV) or DEFAULT_BASE
    if store is not None and (store / "CURRENT").exists():
        with GraphStore(store, base=base, read_only=True, rebuild=rebuild) as gs:
            return gs.base
    return base


def load_paths(paths: Iterable[Path], store: Path | None, *, base: str | None = None, batch: int = 2000,
               prune: bool = False, keep_going: bool = False, bulk: bool = False, workers: int = 1,
               dask_address: str | None = None, rebuild: bool = False,
               on_item: Callable[[], None] | None = None,
               on_error: Callable[[str], None] | None = None,
               on_note: Callable[[str], None] | None = None) -> LoadRun:
    """Extract ``paths`` and load them into ``store`` (None: in memory), in transactions of ``batch`` letters.

    An unreadable input stops the load (raised as :class:`~lineage.errors.LineageError`) unless ``keep_going``:
    then it is reported to ``on_error`` and kept in :attr:`LoadRun.errors`. ``on_item`` is called once per input
    (a progress bar), ``on_note`` with what a long pause is doing. ``bulk`` is the first load of an empty store through Oxigraph's bulk loader (not
    transactional, then compacted); ``prune`` removes the files no longer among ``paths``. Ctrl-C raises
    :class:`LoadInterrupted` with what was committed."""
    from lineage.graph.rdf.store import GraphStore, LoadSummary

    if bulk and prune:
        raise LineageError("--bulk loads into an empty store; --prune has nothing to remove")
    run = LoadRun(LoadSummary())
    base = store_base(store, base, rebuild=rebuild)

    def readable() -> Iterator[Letter | FiledLetter]:
        for item in letters(paths, base, workers=workers, dask_address=dask_address):
            if on_item is not None:
                on_item()
            if isinstance(item, LineageError):
                if not keep_going:
                    raise item
                run.errors.append(str(item))
                if on_error is not None:
                    on_error(str(item))
                continue
            yield item

    stream = readable()
    if bulk:
        with GraphStore(store, base=base, rebuild=rebuild) as empty:
            run.summary = empty.bulk_load_letters(stream, compact=False)
            run.joins = empty.refresh_joins()
            if on_note is not None:
                on_note("compacting the store (once, after a bulk load: reads are then several times faster)…")
            empty.compact()
        return run
    gs: GraphStore | None = None
    try:
        first = list(islice(stream, batch))  # the store is opened once a batch is ready to write (or to prune)
        if not first and not prune:
            return run
        gs = GraphStore(store, base=base, rebuild=rebuild)
        gs.load_stream(chain(first, stream), batch=batch, prune=prune, joins=False, total=run.summary)
        run.joins = gs.refresh_joins()
    except KeyboardInterrupt:
        raise LoadInterrupted(run.summary) from None
    finally:
        if gs is not None:
            gs.close()
    return run
