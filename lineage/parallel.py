"""Extraction over many files: in this process, a process pool, or a Dask cluster.

Extraction is a pure function of one file, so it parallelises by splitting the paths into
chunks. :func:`build_many` also builds each letter's graph in the worker and ships back only
its N-Triples lines (:class:`~lineage.graph.rdf.build.FiledLetter`), so the single store writer
does nothing but write. Results come back **in input order** and the input is consumed lazily with a bounded
number of chunks in flight, so a million paths never sit in memory as futures. A file that
cannot be read or extracted yields its ``LineageError`` (``ReadError`` names the file) in its
place instead of stopping the run.

With ``dask_address`` the chunks run on an existing ``dask.distributed`` cluster (install the
``dask`` extra). Workers read the files themselves, so the paths must be visible to them
(shared or object storage); each worker needs this package installed.

>>> from pathlib import Path
>>> [type(r).__name__ for r in extract_many([Path("no/such/file.txt")])]
['ReadError']
"""
from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lineage.errors import ExtractError, LineageError, ReadError
from lineage.models import Letter

if TYPE_CHECKING:
    from lineage.graph.rdf.build import FiledLetter

__all__ = ["DEFAULT_CHUNK", "build_many", "extract_many"]

DEFAULT_CHUNK = 64  # files per task: large enough to hide pickling/IPC, small enough to balance
_Outcome = tuple[str, Any]  # ("ok", Letter or FiledLetter) | ("read", (path, reason)) | ("extract", message)


def _extract_chunk(paths: list[str], base: str | None = None) -> list[_Outcome]:
    """Run in a worker: extract each path (and build its graph under ``base`` when given).

    ``paths`` items are paths, or ``key\0path`` when the file is filed under another key.
    Errors travel as plain tuples (picklable).
    """
    from lineage.graph.rdf.build import build_letter
    from lineage.loaders.extract import extract_file

    out: list[_Outcome] = []
    for item in paths:
        key, _, p = item.rpartition("\0")
        try:
            letter = extract_file(p)
            if base is None:
                out.append(("ok", letter))
                continue
            letter = replace(letter, file=key or p)
            try:
                out.append(("ok", build_letter(letter, base).filed(base)))
            except (ValueError, TypeError, KeyError) as e:
                out.append(("extract", f"{p}: cannot build its graph ({e})"))
        except ReadError as e:
            out.append(("read", (e.path, e.reason)))
        except LineageError as e:
            out.append(("extract", f"{p}: {e}"))
        except Exception as e:  # noqa: BLE001 — one bad file must not end a national run
            out.append(("extract", f"{p}: unexpected {type(e).__name__}: {e}"))
    return out


def _rebuild(outcome: _Outcome) -> Letter | LineageError:
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "read":
        return ReadError(*value)
    return ExtractError(value)


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _ordered(submit: Callable[[list[str]], Any], result: Callable[[Any], list[_Outcome]],
             chunks: Iterator[list[str]], window: int) -> Iterator[Letter | LineageError]:
    """Keep at most ``window`` chunks in flight; yield results in input order."""
    inflight: deque[Any] = deque()
    for chunk in chunks:
        inflight.append(submit(chunk))
        if len(inflight) >= window:
            yield from map(_rebuild, result(inflight.popleft()))
    while inflight:
        yield from map(_rebuild, result(inflight.popleft()))


def extract_many(
    paths: Iterable[str | Path],
    workers: int = 1,
    dask_address: str | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    dask_timeout: float = 10.0,
) -> Iterator[Letter | LineageError]:
    """Extract every path, yielding a ``Letter`` or the file's ``LineageError``, in input order.

    Parameters
    ----------
    paths : iterable of paths, consumed lazily.
    workers : processes for a local pool; 1 runs in this process; 0 or less means all cores.
    dask_address : scheduler address ("tcp://host:8786") or a ``distributed.Client``; when
        given, ``workers`` is ignored and the cluster's workers do the work.
    chunk_size : files per task.
    dask_timeout : seconds to wait for the scheduler before giving up.
    """
    return _run(_extract_chunk, (str(p) for p in paths), workers, dask_address, chunk_size, dask_timeout)


def build_many(
    files: Iterable[tuple[str, str | Path]],
    base: str,
    workers: int = 1,
    dask_address: str | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    dask_timeout: float = 10.0,
) -> Iterator[FiledLetter | LineageError]:
    """Extract each ``(key, path)`` and build its graph under ``base``, in the workers.

    Yields the letter's :class:`~lineage.graph.rdf.build.FiledLetter` (filed under ``key``) or
    the file's ``LineageError``, in input order; the other parameters are those of
    :func:`extract_many`. Building in the workers leaves the store writer only the writing.

    >>> [type(r).__name__ for r in build_many([("a.txt", Path("no/such/file.txt"))], "https://example.org/")]
    ['ReadError']
    """
    items = (f"{key}\0{path}" for key, path in files)
    return _run(partial(_extract_chunk, base=base), items, workers, dask_address, chunk_size, dask_timeout)


def _ignore_interrupt() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool); no traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(task: Callable[[list[str]], list[_Outcome]], items: Iterable[str], workers: int,
         dask_address: Any, chunk_size: int, dask_timeout: float) -> Iterator[Any]:
    if dask_address is not None:
        yield from _on_dask(task, items, dask_address, chunk_size, dask_timeout)
        return
    if workers <= 0:
        workers = os.cpu_count() or 1
    if workers == 1:
        for chunk in _chunks(items, chunk_size):
            yield from map(_rebuild, task(chunk))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupt) as pool:
        yield from _ordered(lambda c: pool.submit(task, c), Future.result,
                            _chunks(items, chunk_size), window=workers * 4)


def _on_dask(task: Callable[[list[str]], list[_Outcome]], items: Iterable[str], address: Any, chunk_size: int,
             timeout: float) -> Iterator[Any]:
    try:
        from distributed import Client
    except ImportError as e:  # pragma: no cover - depends on the optional extra
        raise LineageError("--dask needs dask.distributed: pip install 'directive-lineage[dask]'") from e
    own = not isinstance(address, Client)
    try:
        client = Client(address, set_as_default=False, timeout=timeout) if own else address
    except (OSError, TimeoutError) as e:
        raise LineageError(f"cannot reach the Dask scheduler at {address}: {e}") from e
    try:
        n = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        # pure=False: two chunks with equal paths (a re-run) must still both run
        yield from _ordered(lambda c: client.submit(task, c, pure=False), lambda f: f.result(),
                            _chunks(items, chunk_size), window=n * 4)
    finally:
        if own:
            client.close()
