"""Robustness, speed and a silver header check on the real full-text corpus.

Reads ``shared/corpus/fulltext/docs.jsonl.gz`` (988 real documents, see its README), passes
each document through the reader as the UTF-8 file it would be (``read_bytes``: encoding
checks, legacy-font detection) and extracts it with
:func:`lineage.loaders.extract.extract_text`, in this process, on one core. It prints:

* documents, errors (each error line, grouped by reason);
* letters/s and MB/s of reading + extraction (UTF-8 bytes of the texts; decompressing and
  parsing the JSON is not timed), the median of ``--runs`` passes;
* for gazette documents (``source == "congbao"``, consolidated texts excluded: they carry
  the number of the consolidated text) the share whose header number agrees with the gazette's
  own identifier (``quyet-dinh-so-1205-qd-bkhdt-41976`` → 1205, QĐ-BKHĐT), the share whose
  symbol agrees too, and every disagreement with what was read and what was expected.

Numbers are compared without leading zeros and dots (the gazette writes ``66.19/2026/NQ-CP``
as ``6619-2026-nq-cp``); symbols without diacritics, case, ``-``/``/`` and spaces.

Example::

    .venv/bin/python bench/fulltext.py
    .venv/bin/python bench/fulltext.py --runs 3 --format json > /tmp/fulltext.json
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lineage.errors import LineageError
from lineage.loaders.extract import extract_text
from lineage.loaders.read import read_bytes

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fulltext" / "docs.jsonl.gz"

# Gazette identifiers: a slug "quyet-dinh-so-1205-qd-bkhdt-41976" / "luat-so-51-2024-qh15-43559"
# (type words, "so", number, optional year, symbol, the gazette's page id), or a title
# "Quyết định số 28/2026/QĐ-TTg", or a bare "45/2019/QH14".
_SLUG = re.compile(r"^(?P<kind>[a-z-]+?)-so-(?P<number>\d[0-9a-z]*?)(?:-(?P<year>(?:19|20)\d\d))?"
                   r"-(?P<symbol>[a-z][a-z0-9-]*?)-\d+$")
_TITLE = re.compile(r"^(?:(?P<kind>.+?)\s+số\s+)?(?P<number>\d[\w.]*?)(?:/(?P<year>(?:19|20)\d\d))?/(?P<symbol>\S+)$")
_CONSOLIDATED = re.compile(r"(?i)^(?:van-ban-hop-nhat|văn bản hợp nhất)")


def fold(s: str | None) -> str:
    """Comparison key: no diacritics, đ → d, lower case, no spaces, dashes, slashes or dots."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s\-/.]", "", s)


def number_key(s: str | None) -> str:
    return fold(s).lstrip("0") or ("0" if s else "")


def expected_id(slug: str) -> dict[str, str | None] | None:
    """(number, year, symbol) the gazette gives a document, from its slug or title; None if neither parses."""
    m = _SLUG.match(slug) or _TITLE.match(slug.strip())
    if not m:
        return None
    return {"number": m.group("number"), "year": m.group("year"), "symbol": m.group("symbol")}


def is_gazette(doc: dict[str, Any]) -> bool:
    """A gazette document whose header carries its own number (not a consolidated text)."""
    return doc.get("source") == "congbao" and not _CONSOLIDATED.match(doc.get("gazette_slug", "")) \
        and not _CONSOLIDATED.match(doc.get("gazette_type_code") or "")


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            docs.append(json.loads(line))
            if limit and len(docs) >= limit:
                break
    return docs


def one_pass(docs: list[tuple[str, bytes]]) -> tuple[float, dict[str, Any]]:
    """Read + extract every document; (seconds, id → Letter or error line)."""
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    for doc_id, data in docs:
        try:
            src = read_bytes(data, doc_id, "txt")
            out[doc_id] = extract_text(src.text, file=doc_id)
        except LineageError as e:
            out[doc_id] = f"Error: {e}"
        except Exception as e:  # noqa: BLE001 — the point is to count every failure
            out[doc_id] = f"Error: {doc_id}: unexpected {type(e).__name__}: {e}"
    return time.perf_counter() - t0, out


def gazette_check(docs: list[dict[str, Any]], results: dict[str, Any]) -> dict[str, Any]:
    checked, number_ok, symbol_ok, disagree, unparsed = 0, 0, 0, [], []
    for d in docs:
        if not is_gazette(d):
            continue
        exp = expected_id(d["gazette_slug"])
        if exp is None:
            unparsed.append(d["id"])
            continue
        checked += 1
        r = results[d["id"]]
        read = {"number": None, "symbol": None, "year": None} if isinstance(r, str) else \
            {"number": r.number, "symbol": r.symbol, "year": None}
        n_ok = number_key(read["number"]) == number_key(exp["number"])
        s_ok = fold(read["symbol"]).endswith(fold(exp["symbol"])) if read["symbol"] else False
        number_ok += n_ok
        symbol_ok += n_ok and s_ok
        if not (n_ok and s_ok):
            disagree.append({
                "id": d["id"], "slug": d["gazette_slug"], "number_agrees": n_ok,
                "read": f"{read['number']}/{read['symbol']}" if read["number"] else (r if isinstance(r, str) else None),
                "expected": "/".join(x for x in (exp["number"], exp["year"], exp["symbol"].upper()) if x),
            })
    return {
        "checked": checked,
        "number_agreement": number_ok / checked if checked else None,
        "identifier_agreement": symbol_ok / checked if checked else None,
        "disagreements": disagree,
        "unparsed_slugs": unparsed,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Read and extract the real full-text corpus: documents, errors, letters/s, MB/s and "
                    "agreement of gazette header numbers with the gazette's identifiers.",
        epilog="Example:\n  .venv/bin/python bench/fulltext.py --runs 3\n"
               "  .venv/bin/python bench/fulltext.py --format json > /tmp/fulltext.json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help=f"the corpus (default {DEFAULT_DOCS})")
    ap.add_argument("--runs", type=int, default=1, help="timed passes; the median is reported (default 1)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument("--all-disagreements", action="store_true",
                    help="also list documents whose number agrees but whose symbol does not")
    args, _ = ap.parse_known_args(argv)
    if not args.docs.exists():
        print(f"Error: {args.docs}: no such file", file=sys.stderr)
        return 1
    docs = load(args.docs, args.limit)
    encoded = [(d["id"], d["text"].encode("utf-8")) for d in docs]
    mb = sum(len(b) for _, b in encoded) / 1e6
    one_pass(encoded[:1])  # load the extractor's tables: time extraction, not imports
    secs, results = [], {}
    for _ in range(max(1, args.runs)):
        s, results = one_pass(encoded)
        secs.append(s)
    med = statistics.median(secs)
    errors = {k: v for k, v in results.items() if isinstance(v, str)}
    reasons = Counter(re.sub(r"^Error: [^:]+: ", "", v).split(" (")[0] for v in errors.values())
    gz = gazette_check(docs, results)
    if not args.all_disagreements:
        gz["disagreements"] = [x for x in gz["disagreements"] if not x["number_agrees"]]
    report = {
        "documents": len(docs), "errors": len(errors), "error_lines": sorted(errors.values()),
        "error_reasons": dict(reasons.most_common()),
        "mb": round(mb, 2), "runs": len(secs), "seconds": round(med, 3),
        "letters_per_s": round(len(docs) / med, 1), "mb_per_s": round(mb / med, 3),
        "gazette": gz,
    }
    if args.format == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"documents       {report['documents']}  ({mb:.1f} MB of UTF-8 text)")
    print(f"errors          {report['errors']}")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    print(f"letters/s       {report['letters_per_s']:,.1f}  (median of {len(secs)} run(s), {med:.2f} s, one core)")
    print(f"MB/s            {report['mb_per_s']:.2f}")
    print(f"gazette         {gz['checked']} documents checked (consolidated texts excluded)")
    if gz["checked"]:
        print(f"  number agrees      {gz['number_agreement']:.1%}")
        print(f"  identifier agrees  {gz['identifier_agreement']:.1%}  (number and symbol)")
    if gz["unparsed_slugs"]:
        print(f"  slugs not understood: {', '.join(gz['unparsed_slugs'])}")
    if gz["disagreements"]:
        print("  disagreements (id: read | expected | slug):")
        for x in gz["disagreements"]:
            print(f"    {x['id']}: {x['read']} | {x['expected']} | {x['slug']}")
    if errors:
        print("error lines:")
        for line in report["error_lines"]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
