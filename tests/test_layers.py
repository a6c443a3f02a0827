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
    # graph/ by job: RDF below the mirror; analysis and views on networkx graphs, away from both stores
    "graph/rdf": ("lineage.loaders", "lineage.cli", "lineage.graph.mirror", "lineage.graph.analysis", "lineage.graph.views"),
    "graph/mirror": ("lineage.loaders", "lineage.cli", "lineage.graph.analysis", "lineage.graph.views"),
    "graph/analysis": ("lineage.loaders", "lineage.cli", "lineage.graph.rdf", "lineage.graph.mirror", "lineage.graph.views"),
    "graph/views": ("lineage.loaders", "lineage.cli", "lineage.graph.rdf", "lineage.graph.mirror"),
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
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    bad = {f"{p.relative_to(ROOT)}: {m}" for p in files for m in _imports(p)
           if any(m == f or m.startswith(f + ".") for f in FORBIDDEN[folder])}
    assert bad == set()


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("def g():\n    from lineage.loaders import citations\n    return citations\n", "utf-8")
    assert "lineage.loaders.citations" in _imports(f)


# --- word lists live in reference/data, not in modules -----------------------------------------------------------
def _data_words() -> set[str]:
    """Every Vietnamese word or phrase of the data files (keys and values; "_doc" comments left out)."""
    import json

    from lineage.reference.normalize import match_key

    words: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, str):
            if len(x) < 60 and any(ord(c) > 127 for c in x):  # (Vietnamese: a code name is no word list)
                words.add(match_key(x))
        elif isinstance(x, dict):
            for k, v in x.items():
                if not k.startswith("_"):
                    walk(k)
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for table in (ROOT / "reference" / "data").glob("*.json"):
        walk(json.loads(table.read_text("utf-8")))
    return words


def _word_lists(path: Path, words: set[str], root: Path = ROOT) -> list[str]:
    """Literals of a module that list three or more of the data files' words: a tuple/list/set, a dict's keys, or
    a regex alternation ("tỉnh|huyện|quận")."""
    import re

    from lineage.reference.normalize import match_key

    def known(items: list[str]) -> list[str]:
        return [s for s in items if match_key(s.strip()) in words]

    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.Dict):
            items = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            items = [re.sub(r"\\[a-zA-Z]|[()?:^$*+\[\]{}]", "", a) for a in re.split(r"\|", node.value)]
        else:
            continue
        hits = known(items)
        if len(hits) >= 3:
            out.append(f"{path.relative_to(root)}:{node.lineno}: {hits[:4]}")
    return out


def test_no_module_holds_a_word_list_of_the_data_files() -> None:
    words = _data_words()
    assert len(words) > 500
    files = [p for d in ("reference", "loaders", "graph", "ontology", "lineage") for p in (ROOT / d).rglob("*.py")]
    found = [hit for p in files for hit in _word_lists(p, words)]
    assert found == []


def test_the_word_list_check_sees_a_copied_list(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text('UNITS = ("tỉnh", "thành phố", "huyện")\nRX = r"(?:Căn cứ|Thực hiện|Triển khai)\\s"\nOK = ("a", "b", "c")\n',
                 "utf-8")
    assert len(_word_lists(f, _data_words(), root=tmp_path)) == 2
