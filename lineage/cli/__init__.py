"""The ``lineage`` command: thin click commands over the library.

Each sub-command lives in its own module and registers itself on ``main``;
``COMMAND_MODULES`` lists them so that adding one is a one-line change.
"""
from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    # Ctrl-C while the modules load: one line, no traceback from deep inside an import
    sys.stderr.write("Interrupted.\n")
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted_while_starting)

import importlib  # noqa: E402

from lineage.cli.base import main  # noqa: E402

COMMAND_MODULES = [
    "lineage.cli.extract_cmd",
    "lineage.cli.tree_cmd",
    "lineage.cli.graph_cmd",
    "lineage.cli.joins_cmd",
    "lineage.cli.neo4j_cmd",
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name)

signal.signal(signal.SIGINT, signal.default_int_handler)  # from here on a KeyboardInterrupt each command handles

__all__ = ["main"]
