"""Extraction quality on a generated corpus, against its ground truth.

Runs the extractor (``lineage.loaders.extract.extract_file``, through
``lineage.parallel.extract_many``) over every letter of a corpus written by
``bench/generate.py`` and compares with ``truth.jsonl`` using the matching rules of
``shared/tools/score_extract.py``: citations match on (number, symbol, date) with NFC,
tone-mark, case and dash folding; fields compare folded strings. It prints a Markdown table:
citation precision / recall / F1 (overall, per relation, per damage kind), issuer and
relation accuracy of matched citations, accuracy per field, list F1, and examples of each
failure class. A check, not a substitute for real letters.

Example::

    .venv/bin/python bench/quality.py /tmp/corpus --workers 2 --examples 3
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

__all__ = ["Score", "score_pairs", "corpus_pairs", "norm", "sym", "main"]

_OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
              "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
              "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE_RE = re.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])")

FIELDS = ("doc_type", "number", "symbol", "issuer", "issuer_level", "place", "date", "subject", "date_after")
SIGNER_FIELDS = ("name", "role", "on_behalf_of")
LISTS = ("recipients", "copy_to")


def norm(s: Any) -> str | None:
    """score_extract.py's comparison key: NFC, lower case, new-style tones, single spaces, trimmed."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).lower()
    s = _TONE_RE.sub(lambda m: _OLD_TONES[m.group(1)], s)
    s = re.sub(r"[\s\u00a0]+", " ", s)
    return s.strip(" .,;:*-–")


def sym(s: Any) -> str | None:
    """Symbol key: ``norm`` without spaces, dashes or slashes, đ as d ("CĐ-TTg" = "CD/TTg")."""
    return None if s is None else re.sub(r"[\s\-/]", "", norm(s) or "").replace("đ", "d")


def _f1(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    return p, r, (0.0 if p + r == 0 else 2 * p * r / (p + r))


@dataclass
class _PRF:
    tp: int = 0
    npred: int = 0
    ngold: int = 0

    def add(self, tp: int, npred: int, ngold: int) -> None:
        self.tp += tp
        self.npred += npred
        self.ngold += ngold

    @property
    def prf(self) -> tuple[float, float, float]:
        return _f1(self.tp, self.npred, self.ngold)


@dataclass
class Score:
    """Counters for a corpus; ``examples`` keeps a few cases of each failure class."""

    letters: int = 0
    failed: int = 0  # files the extractor raised on
    citations: _PRF = field(default_factory=_PRF)
    by_relation: dict[str, _PRF] = field(default_factory=lambda: defaultdict(_PRF))
    by_damage: dict[str, _PRF] = field(default_factory=lambda: defaultdict(_PRF))
    by_level: dict[str, _PRF] = field(default_factory=lambda: defaultdict(_PRF))
    cit_issuer_ok: int = 0
    cit_relation_ok: int = 0
    field_ok: Counter = field(default_factory=Counter)
    field_n: Counter = field(default_factory=Counter)
    lists: dict[str, _PRF] = field(default_factory=lambda: defaultdict(_PRF))
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    max_examples: int = 3

    def _fail(self, cls: str, text: str) -> None:
        self.failures[cls] += 1
        if len(self.examples[cls]) < self.max_examples:
            self.examples[cls].append(text)

    # ------------------------------------------------------------------ one letter

    def add(self, gold: dict[str, Any], pred: dict[str, Any] | None, damage: list[str], level: str = "") -> None:
        name = gold["file"]
        tag = f"{name} [{','.join(damage) or 'clean'}]"
        self.letters += 1
        if pred is None:
            self.failed += 1
            self._fail("extractor error", tag)
            pred = {}
        for f in FIELDS:
            if f not in gold:
                continue
            gv, pv = gold.get(f), pred.get(f)
            ok = sym(gv) == sym(pv) if f == "symbol" else norm(gv) == norm(pv)
            self.field_n[f] += 1
            self.field_ok[f] += ok
            if not ok:
                self._fail(f"field {f}", f"{tag}: want {gv!r} got {pv!r}")
        for f in SIGNER_FIELDS:
            gv, pv = (gold.get("signer") or {}).get(f), (pred.get("signer") or {}).get(f)
            ok = norm(gv) == norm(pv)
            self.field_n[f"signer.{f}"] += 1
            self.field_ok[f"signer.{f}"] += ok
            if not ok:
                self._fail(f"field signer.{f}", f"{tag}: want {gv!r} got {pv!r}")
        for lst in LISTS:
            gs = {norm(x) for x in gold.get(lst) or []}
            ps = {norm(x) for x in pred.get(lst) or []}
            self.lists[lst].add(len(gs & ps), len(ps), len(gs))
            for x in sorted(gs - ps, key=str)[:1]:
                self._fail(f"{lst} missing", f"{tag}: {x!r}")
        self._assignments(gold, pred, tag)
        self._citations(gold, pred, damage, level, tag)

    def _assignments(self, gold: dict[str, Any], pred: dict[str, Any], tag: str) -> None:
        def pairs(d: dict[str, Any]) -> set[tuple[str, str | None, str]]:
            out = set()
            for a in d.get("assignments") or []:
                for role in ("lead", "also"):
                    for b in a.get(role) or []:
                        out.add((str(a.get("item")), norm(b), role))
            return out

        g, p = pairs(gold), pairs(pred)
        # gold lists a minimum set of assignments: score recall, and precision for reference
        self.lists["assignments"].add(len(g & p), len(p), len(g))
        for x in sorted(g - p, key=str)[:1]:
            self._fail("assignment missing", f"{tag}: item {x[0]} {x[2]} {x[1]!r}")
        grep = {norm(x) for x in gold.get("reports_to") or []} | {
            norm(x) for a in gold.get("assignments") or [] for x in a.get("reports_to") or []}
        prep = {norm(x) for x in pred.get("reports_to") or []} | {
            norm(x) for a in pred.get("assignments") or [] for x in a.get("reports_to") or []}
        self.lists["reports_to"].add(len(grep & prep), len(prep), len(grep))
        gu = {(norm(u.get("what")), norm(u.get("issuer"))) for u in gold.get("unnumbered_references") or []}
        pu = {(norm(u.get("what")), norm(u.get("issuer"))) for u in pred.get("unnumbered_references") or []}
        self.lists["unnumbered_references"].add(len(gu & pu), len(pu), len(gu))

    def _citations(self, gold: dict[str, Any], pred: dict[str, Any], damage: list[str], level: str, tag: str) -> None:
        def key(c: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
            return norm(c.get("number")), sym(c.get("symbol")), c.get("date")

        gk = {key(c): c for c in gold.get("citations") or []}
        pk = {key(c): c for c in pred.get("citations") or []}
        tp = len(gk.keys() & pk.keys())
        self.citations.add(tp, len(pk), len(gk))
        for d in damage or ["clean"]:
            self.by_damage[d].add(tp, len(pk), len(gk))
        if level:
            self.by_level[level].add(tp, len(pk), len(gk))
        # per relation, strictly: a hit needs the same key and the same relation
        for k, gc in gk.items():
            pc = pk.get(k)
            self.by_relation[gc["relation"]].add(pc is not None and pc.get("relation") == gc["relation"], 0, 1)
        for pc in pk.values():
            self.by_relation[pc.get("relation") or "?"].add(0, 1, 0)
        for k, gc in gk.items():
            rel = gc["relation"]
            pc = pk.get(k)
            if pc is None:
                self._fail("citation missing", f"{tag}: {gc['relation']} {k} — {gc.get('evidence', '')[:90]!r}")
                continue
            if norm(pc.get("issuer")) == norm(gc["issuer"]):
                self.cit_issuer_ok += 1
            else:
                self._fail("citation issuer", f"{tag}: {k} want {gc['issuer']!r} got {pc.get('issuer')!r}"
                           f" (as written {gc.get('issuer_as_written', gc['issuer'])!r})")
            if pc.get("relation") == rel:
                self.cit_relation_ok += 1
            else:
                self._fail("citation relation", f"{tag}: {k} want {rel} got {pc.get('relation')} — "
                           f"{gc.get('evidence', '')[:80]!r}")
        for k in pk.keys() - gk.keys():
            self._fail("citation extra", f"{tag}: {k} — {str(pk[k].get('evidence', ''))[:90]!r}")

    # ------------------------------------------------------------------ report

    def summary(self) -> dict[str, Any]:
        p, r, f = self.citations.prf
        tp = self.citations.tp
        return {
            "letters": self.letters, "extractor_errors": self.failed,
            "citation_precision": round(p, 4), "citation_recall": round(r, 4), "citation_f1": round(f, 4),
            "citation_issuer_acc": round(self.cit_issuer_ok / tp, 4) if tp else 0.0,
            "citation_relation_acc": round(self.cit_relation_ok / tp, 4) if tp else 0.0,
            "field_acc": {k: round(self.field_ok[k] / n, 4) for k, n in self.field_n.items()},
            "lists_f1": {k: round(v.prf[2], 4) for k, v in self.lists.items()},
            "failures": dict(self.failures.most_common()),
        }

    def markdown(self) -> str:
        s = self.summary()
        out = [f"### Extraction quality on {self.letters} generated letters", "",
               "A consistency check of the generator, not a quality figure: the generator writes from the "
               "extractor's own phrase tables. Quality is measured on real letters (`bench/real_quality.py`, "
               "at the top of BENCHMARKS.md).", ""]
        out += ["| metric | value |", "| --- | ---: |"]
        for k in ("citation_precision", "citation_recall", "citation_f1", "citation_issuer_acc",
                  "citation_relation_acc", "extractor_errors"):
            out.append(f"| {k.replace('_', ' ')} | {s[k]} |")
        out += ["", "Per relation a hit needs the relation right too; per level and damage, the key only.", "",
                "| citations by | key | precision | recall | F1 | gold |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for label, table in (("relation", self.by_relation), ("level", self.by_level), ("damage", self.by_damage)):
            for k in sorted(table):
                v = table[k]
                p, r, f = v.prf
                out.append(f"| {label} | {k} | {p:.3f} | {r:.3f} | {f:.3f} | {v.ngold} |")
        out += ["", "| field | accuracy | n |", "| --- | ---: | ---: |"]
        for k in sorted(self.field_n):
            out.append(f"| {k} | {self.field_ok[k] / self.field_n[k]:.3f} | {self.field_n[k]} |")
        out += ["", "| list | precision | recall | F1 |", "| --- | ---: | ---: | ---: |"]
        for k, v in sorted(self.lists.items()):
            p, r, f = v.prf
            out.append(f"| {k} | {p:.3f} | {r:.3f} | {f:.3f} |")
        if self.failures:
            out += ["", "| failure class | count | examples |", "| --- | ---: | --- |"]
            for cls, n in self.failures.most_common():
                ex = "<br>".join(e.replace("|", "\\|") for e in self.examples[cls])
                out.append(f"| {cls} | {n} | {ex} |")
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- running


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def corpus_pairs(corpus: Path, workers: int = 1, dask_address: str | None = None,
                 limit: int | None = None) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]]:
    """(truth, prediction or None, manifest row) for each letter of a generated corpus, streamed."""
    from lineage.errors import LineageError
    from lineage.parallel import extract_many

    truth_rows = _rows(corpus / "truth.jsonl")
    manifest_rows = _rows(corpus / "manifest.jsonl")
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def paths() -> Iterator[Path]:
        for n, (t, m) in enumerate(zip(truth_rows, manifest_rows, strict=False)):
            if limit is not None and n >= limit:
                return
            pending.append((t, m))
            idx = int(t["file"].split("_", 1)[0])
            yield corpus / "letters" / f"{idx // 1000:04d}" / t["file"]

    for result in extract_many(paths(), workers=workers, dask_address=dask_address):
        t, m = pending.pop(0)
        pred = None if isinstance(result, LineageError) else result.to_dict()
        yield t, pred, m


def score_pairs(pairs: Iterable[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]],
                max_examples: int = 3) -> Score:
    score = Score(max_examples=max_examples)
    for gold, pred, man in pairs:
        level = man.get("level", "") + ("/2025" if man.get("era") == "2025" else "")
        score.add(gold, pred, man.get("damage", []), level)
    return score


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="bench/quality.py",
        description="Score the extractor on a generated corpus against its ground truth.",
        epilog="Example:\n  .venv/bin/python bench/quality.py /tmp/corpus --workers 2 --examples 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("corpus", type=Path, help="folder written by bench/generate.py")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--dask", default=None, metavar="ADDRESS")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N letters")
    ap.add_argument("--examples", type=int, default=3, help="examples kept per failure class")
    ap.add_argument("--json", type=Path, default=None, help="also write the summary as JSON here")
    ap.add_argument("--min-f1", type=float, default=0.0, help="exit 1 when citation F1 is below this")
    args = ap.parse_args(argv)
    if not (args.corpus / "truth.jsonl").exists():
        print(f"Error: {args.corpus}: no truth.jsonl (generate one with bench/generate.py)", file=sys.stderr)
        return 2
    score = score_pairs(corpus_pairs(args.corpus, args.workers, args.dask, args.limit), args.examples)
    print(score.markdown())
    if args.json:
        args.json.write_text(json.dumps(score.summary(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if score.summary()["citation_f1"] >= args.min_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
