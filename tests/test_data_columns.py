"""Every column of the domain tables in reference/data/ is read by the code: a word list that
nothing reads is a word list someone copied into a module instead."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "reference" / "data"
CODE = "\n".join(p.read_text("utf-8") for d in ("reference", "loaders", "graph", "lineage", "ontology")
                 for p in (ROOT / d).rglob("*.py"))


def _columns(obj: object, path: str = "") -> set[tuple[str, str]]:
    """(path, key) of every key of the table, rows of lists included; "_doc" keys are comments."""
    out: set[tuple[str, str]] = set()
    if isinstance(obj, dict):
        keyed_by_value = all(isinstance(v, str) for k, v in obj.items() if not k.startswith("_"))
        for k, v in obj.items():
            if k.startswith("_"):
                continue
            if not keyed_by_value:  # a mapping of values ("UBND": "Ủy ban nhân dân") is data, not columns
                out.add((path, k))
                out |= _columns(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for row in obj:
            out |= _columns(row, path + "[]")
    return out


TABLES = sorted(p for p in DATA.glob("*.json"))


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_every_column_is_read(table: Path):
    doc = json.loads(table.read_text("utf-8"))
    unread = sorted(f"{path}.{key}" for path, key in _columns(doc)
                    if not re.search(r"""(?:\[|\.get\()["']""" + re.escape(key) + r"""["'][\],]""", CODE))
    assert not unread, f"{table.name}: columns nothing reads: {unread}"
