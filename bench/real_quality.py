"""Extraction quality on real letters, scored by the shared scorer: the figure that counts.

Runs ``lineage extract`` on ``shared/corpus/real/letters`` (35 real letters with hand-checked
gold) and on the five seed letters, scores both with ``shared/tools/score_extract.py``, adds the
full-text corpus figures of ``bench/fulltext.py`` (robustness, speed on long documents, gazette
header agreement), and prints one Markdown section with the commands that produced it. With
``--write BENCHMARKS.md`` the section replaces the block between the quality markers at the top of
the report (``run_all.py`` keeps that block when it rewrites the rest).

Example::

    .venv/bin/python bench/real_quality.py --write BENCHMARKS.md
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
START, END = "<!-- real-quality:start -->", "<!-- real-quality:end -->"
METRICS = ("citation_f1", "citation_issuer_acc", "citation_relation_acc", "field_acc", "list_f1")
TARGETS = {"citation_f1": 0.97, "citation_issuer_acc": 0.95, "citation_relation_acc": 0.93, "field_acc": 0.93}


def score(letters: Path, gold: Path) -> tuple[dict[str, float], str]:
    lineage = Path(sys.executable).with_name("lineage")
    pred = subprocess.run([str(lineage), "extract", str(letters), "--format", "jsonl"], check=True,
                          capture_output=True, text=True).stdout
    tmp = ROOT / ".real-quality.jsonl"
    tmp.write_text(pred, encoding="utf-8")
    try:
        out = subprocess.run([sys.executable, str(SHARED / "tools" / "score_extract.py"), str(gold), str(tmp)],
                             capture_output=True, text=True).stdout
    finally:
        tmp.unlink()
    line = out.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}, line


def fulltext() -> dict[str, object] | None:
    script = ROOT / "bench" / "fulltext.py"
    if not script.exists():
        return None
    out = subprocess.run([sys.executable, str(script), "--format", "json"], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 and out.stdout.strip() else None


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), "unknown CPU") if Path("/proc/cpuinfo").exists() else "unknown CPU"
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"


def generated_speed() -> str | None:
    """The one-core row of ``bench_extract.py`` on 2,000 generated letters (the generator's seed 7)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, "-m", "bench.generate", "--size", "2000", "--seed", "7", "--out", str(corpus)],
                       cwd=ROOT, check=True, capture_output=True)
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--corpus", str(corpus),
                              "--runs", "5", "--workers", "1"], cwd=ROOT, capture_output=True, text=True).stdout
    return next((ln for ln in out.splitlines() if ln.startswith("| one core")), None)


def section() -> str:
    real, real_line = score(SHARED / "corpus" / "real" / "letters", SHARED / "corpus" / "real" / "gold.jsonl")
    seeds, seeds_line = score(SHARED / "corpus" / "seeds", SHARED / "corpus" / "seeds.gold.jsonl")
    ours_dir = ROOT / "tests" / "data" / "real_letters"
    ours, ours_line = score(ours_dir, ours_dir / "gold.jsonl")
    n_ours = len(list(ours_dir.glob("*.txt")))
    out = [START, "## Extraction quality on real letters", "",
           "Measured on letters nobody on the team wrote, with the shared scorer. These are the figures "
           "that count; the generated-corpus table further down (`quality.py`) is a consistency check of "
           "the generator, which is written from the extractor's own phrase tables.", "",
           "```sh", ".venv/bin/lineage extract ../shared/corpus/real/letters --format jsonl > real.jsonl",
           "python3 ../shared/tools/score_extract.py ../shared/corpus/real/gold.jsonl real.jsonl", "```", "",
           "| letters | " + " | ".join(METRICS) + " |", "| --- |" + " ---: |" * len(METRICS),
           "| real (35) | " + " | ".join(f"{real.get(k, 0):.3f}" for k in METRICS) + " |",
           f"| repository's own real letters ({n_ours}) | " + " | ".join(f"{ours.get(k, 0):.3f}" for k in METRICS) + " |",
           "| seeds (5) | " + " | ".join(f"{seeds.get(k, 0):.3f}" for k in METRICS) + " |",
           "| target (real) | " + " | ".join(f"{TARGETS[k]:.2f}" if k in TARGETS else "–" for k in METRICS) + " |",
           "", f"Scorer lines: `{real_line}` (real); `{ours_line}` (the repository's, "
           "`tests/data/real_letters`: gathered outside the held-out set, each with its source; some follow "
           "other gold conventions, see its README); " f"`{seeds_line}` (seeds).", ""]
    below = [k for k, t in TARGETS.items() if real.get(k, 0) < t]
    if below:
        out += [f"Below target: {', '.join(below)}. In the real set, the issuers a letter names only "
                "relative to itself ('của Tỉnh ủy', 'UBND tỉnh') in a page that lost its header are named only by the page's host (the gold's `issuer_evidence` says so: a lead or a site "
                "the page's text no longer carries), which no reading of the text can recover.", ""]
    ft = fulltext()
    if ft is not None:
        gz = ft.get("gazette") or {}
        dis = ", ".join(f"`{d['id']}`" for d in gz.get("disagreements", []))
        out += ["### The 988 real full-text documents (robustness, long documents, gazette headers)", "",
                "```sh", ".venv/bin/python bench/fulltext.py --format json", "```", "",
                "| documents | error lines | MB | letters/s | MB/s | gazette documents checked | header number agrees |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {ft['documents']} | {ft['errors']} | {ft['mb']:.1f} | {ft['letters_per_s']:.1f} | {ft['mb_per_s']:.2f} "
                f"| {gz.get('checked', 0)} | {100 * gz.get('number_agreement', 0):.1f}% |", "",
                f"One core, read + extract, in process; {machine()}. Disagreements: {dis or 'none'}.", ""]
    speed = generated_speed()
    if speed:
        out += ["### Speed on the generated corpus (one core)", "",
                "```sh", ".venv/bin/python -m bench.generate --size 2000 --seed 7 --out /tmp/corpus",
                ".venv/bin/python bench/bench_extract.py --corpus /tmp/corpus --runs 5 --workers 1", "```", "",
                "| configuration | letters/s | MB/s | per core letters/s | wall s (min–max) | errors |",
                "| --- | ---: | ---: | ---: | --- | ---: |", speed, "", f"{machine()}.", ""]
    out.append(END)
    return "\n".join(out)


def write(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:  # after the title line
        head, _, rest = text.partition("\n")
        text = head + "\n\n" + block + "\n" + rest
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("Example::")[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", type=Path, metavar="BENCHMARKS.md", help="replace the quality block of this report")
    args = ap.parse_args(argv)
    if not (SHARED / "corpus" / "real" / "gold.jsonl").exists():
        print(f"no real-letter corpus at {SHARED / 'corpus' / 'real'}", file=sys.stderr)
        return 3
    block = section()
    if args.write:
        write(args.write, block)
    print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
