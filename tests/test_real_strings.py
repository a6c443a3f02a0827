"""Real strings from public Vietnamese official letters, each run through the extractor.

An eyecite-style table: every row of ``tests/data/real_strings.jsonl`` is a string copied
from a public page (a citation sentence, a header, a number or date line, a signature, a
"Nơi nhận" block) with the values a careful reader takes from it. The row is wrapped in a
tiny letter and read by the public entry point ``extract_text``; values are compared the
way ``shared/tools/score_extract.py`` scores them (through its copy in ``tests/``, so the test
needs nothing outside this repository).

Rows the extractor still gets wrong carry ``"known_gap"``: they run as strict xfails, so a
fix shows up as an XPASS failure and the mark must then be removed from the row.
See ``tests/data/README.md`` for where the rows come from and how to add one.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from lineage.loaders.extract import extract_text

DATA = Path(__file__).parent / "data" / "real_strings.jsonl"
KINDS = {"citation", "issuer_phrase", "number_line", "date_line", "header", "signature", "noi_nhan"}
HEADER_FIELDS = ("issuer", "number", "symbol", "date", "place", "doc_type", "subject")

# --- the scorer's normalisation (norm, sym, body of the copy of shared/tools/score_extract.py in tests/) --------
_spec = importlib.util.spec_from_file_location("score_extract", Path(__file__).parent / "score_extract.py")
assert _spec is not None and _spec.loader is not None
_scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_scorer)
norm, sym, body = _scorer.norm, _scorer.sym, _scorer.body


# --- the table ----------------------------------------------------------------------------------
def load_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


ROWS = load_rows()

# A neutral closing sentence put before signature and "Nơi nhận" rows, as a letter's body would be.
_BODY = "Đề nghị các cơ quan, đơn vị triển khai thực hiện./."


def letter_text(row: dict[str, Any]) -> str:
    """The tiny letter a row is read from.

    Citation rows are the body, under the issuing-body lines of the letter they come from
    when the row gives them (``context``, needed to resolve "của Tỉnh ủy", "của UBND tỉnh");
    number, date and header rows are the header; signatures and "Nơi nhận" close the letter.
    """
    kind, text = row["kind"], row["text"]
    if kind in ("citation", "issuer_phrase"):
        context = row.get("context")
        return (context + "\n\n" if context else "") + text + "\n"
    if kind in ("signature", "noi_nhan"):
        return _BODY + "\n\n" + text + "\n"
    return text + "\n"


def _cit_key(c: dict[str, Any]) -> tuple[Any, ...]:
    return norm(c.get("number")), sym(c.get("symbol")), c.get("date")


def problems(row: dict[str, Any]) -> list[str]:
    """Every difference between the row's expectation and what the extractor reads."""
    got = extract_text(letter_text(row), file=row["id"] + ".txt").to_dict()
    want = row["expect"]
    kind = row["kind"]
    out: list[str] = []
    if kind in ("citation", "issuer_phrase"):
        wanted = want["citations"] if "citations" in want else [want]
        gk = {_cit_key(c): c for c in wanted}
        pk = {_cit_key(c): c for c in got.get("citations") or []}
        for k in gk.keys() - pk.keys():
            out.append(f"citation missing {k}")
        for k in pk.keys() - gk.keys():
            out.append(f"citation extra {k}")
        for k in gk.keys() & pk.keys():
            g, p = gk[k], pk[k]
            if body(g["issuer"]) != body(p.get("issuer")):
                out.append(f"citation {k} issuer: want {g['issuer']!r} got {p.get('issuer')!r}")
            if g["relation"] != p.get("relation"):
                out.append(f"citation {k} relation: want {g['relation']!r} got {p.get('relation')!r}")
    elif kind == "signature":
        for key in ("name", "role"):
            g, p = want["signer"].get(key), (got.get("signer") or {}).get(key)
            if norm(g) != norm(p):
                out.append(f"signer.{key}: want {g!r} got {p!r}")
    elif kind == "noi_nhan":
        g = {norm(x) for x in want["copy_to"]}
        p = {norm(x) for x in got.get("copy_to") or []}
        out += [f"copy_to missing {x!r}" for x in sorted(g - p)]
        out += [f"copy_to extra {x!r}" for x in sorted(p - g)]
    else:  # number_line, date_line, header
        for key, g in want.items():
            p = got.get(key)
            if key == "issuer":
                same = body(g) == body(p)
            elif key == "symbol":
                same = sym(g) == sym(p)
            else:
                same = norm(g) == norm(p)
            if not same:
                out.append(f"{key}: want {g!r} got {p!r}")
    return out


def _params() -> list[Any]:
    params = []
    for row in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=row["known_gap"])] if row.get("known_gap") else []
        params.append(pytest.param(row, id=row["id"], marks=marks))
    return params


# --- the tests ----------------------------------------------------------------------------------
def test_table_is_well_formed() -> None:
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)), "duplicate row ids"
    assert len(ROWS) >= 300
    for r in ROWS:
        assert r["kind"] in KINDS, r["id"]
        assert r["source"].startswith(("http://", "https://")), r["id"]
        want = r["expect"]
        if r["kind"] in ("citation", "issuer_phrase"):
            for c in want.get("citations", [want]):
                assert set(c) == {"number", "symbol", "date", "issuer", "relation"}, r["id"]
                assert c["relation"] in {"implements", "based_on", "follows_up", "references"}, r["id"]
                assert c["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", c["date"]), r["id"]
        elif r["kind"] == "header":
            assert want and set(want) <= set(HEADER_FIELDS), r["id"]
        elif r["kind"] == "signature":
            assert set(want) == {"signer"}, r["id"]
        elif r["kind"] == "noi_nhan":
            assert set(want) == {"copy_to"} and want["copy_to"], r["id"]


@pytest.mark.parametrize("row", _params())
def test_real_string(row: dict[str, Any]) -> None:
    assert problems(row) == [], f"{row['kind']}: {row['text'][:80]!r}"
