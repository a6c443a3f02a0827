"""A per-file budget of CPU time for extraction (``LINEAGE_EXTRACT_SECONDS``, default 60 s).

The patterns are written not to backtrack (``tests/test_pattern_fuzz.py`` feeds every family of
words adversarial runs), so a real letter takes milliseconds and a 16 MB text a few seconds. The
budget is the guard behind that: a text that still takes longer is refused with one line naming the
file, and the run goes on with the next. It counts the process's CPU time (``ITIMER_VIRTUAL``), not
wall time, so a busy machine does not trip it; it is checked between Python steps, so one call into
the regex engine finishes before it fires. Only the main thread can take the signal: elsewhere (a
thread pool) no budget is set.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from lineage.errors import ReadError

__all__ = ["SECONDS", "time_budget"]

SECONDS = float(os.environ.get("LINEAGE_EXTRACT_SECONDS", "60"))


@contextmanager
def time_budget(name: str, seconds: float | None = None) -> Iterator[None]:
    """Raise ``ReadError`` for ``name`` when the block uses more than ``seconds`` of CPU time."""
    seconds = SECONDS if seconds is None else seconds
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def over(signum: int, frame: FrameType | None) -> None:
        raise ReadError(name, f"extraction used more than {seconds:g} s of CPU time and was stopped (a hostile or "
                              "runaway text?); set LINEAGE_EXTRACT_SECONDS to change the budget")

    previous = signal.signal(signal.SIGVTALRM, over)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
