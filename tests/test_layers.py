"""The one-way flow of the architecture, checked on the source: reference data → extraction → graph.

``reference/`` (the maps, the tables, normalisation, the body resolver) imports no other layer; ``loaders/``
(extraction) never imports ``graph/``; ``graph/`` and ``ontology/`` never import ``loaders/``, so a store is
built from ``Letter`` records however they were extracted.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# folder → the packages of lineage its modules may not import
FORBIDDEN = {
    "reference": ("lineage.loaders", "lineage.graph", "lineage.ontology", "lineage.cli"),
    "loaders": ("lineage.graph", "lineage.cli"),
    "graph": ("lineage.loaders", "lineage.cli"),
    "ontology": ("lineage.loaders", "lineage.graph", "lineage.cli"),
}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_each_layer_imports_only_the_layers_below_it(folder: str) -> None:
    files = sorted((ROOT / folder).glob("*.py"))
    assert files
    bad = {f"{p.relative_to(ROOT)}: {m}" for p in files for m in _imports(p)
           if any(m == f or m.startswith(f + ".") for f in FORBIDDEN[folder])}
    assert bad == set()


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("def g():\n    from lineage.loaders import citations\n    return citations\n", "utf-8")
    assert "lineage.loaders.citations" in _imports(f)
