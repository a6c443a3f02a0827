"""The ``lineage`` command: thin click commands over the library.

Each sub-command lives in its own module and registers itself on ``main``;
``COMMAND_MODULES`` lists them so that adding one is a one-line change.
"""
from __future__ import annotations

import importlib

from lineage.cli.base import main

COMMAND_MODULES = [
    "lineage.cli.extract_cmd",
    "lineage.cli.tree_cmd",
    "lineage.cli.graph_cmd",
    "lineage.cli.joins_cmd",
    "lineage.cli.neo4j_cmd",
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name)

__all__ = ["main"]
