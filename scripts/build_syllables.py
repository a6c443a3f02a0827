#!/usr/bin/env python3
"""Build ``reference/data/syllables.txt``: the Vietnamese syllables seen as words of their own.

The cleaner splits words a converter glued ("Côngvăn", "Thựchiện", "đạotại") where the
language's syllable structure says two syllables meet; this list tells which split is a pair
of real syllables. It is read off real text: every standalone token that is one syllable
(one vowel group, letters only, at least one Vietnamese letter or a plain ASCII syllable),
seen at least ``--min`` times, in NFC with the new tone-mark placement, lower case.

usage: .venv/bin/python scripts/build_syllables.py CORPUS.jsonl.gz [--min N] [--out PATH]

Example:
  .venv/bin/python scripts/build_syllables.py ../shared/corpus/fulltext/docs.jsonl.gz --min 5
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from lineage.loaders.syllables import one_syllable
from lineage.reference.normalize import canonical

OUT = Path(__file__).resolve().parent.parent / "reference" / "data" / "syllables.txt"
_TOKEN = re.compile(r"[^\W\d_]+")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("Example:")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="a .jsonl.gz of {'text': …} records (the shared full-text corpus)")
    ap.add_argument("--min", type=int, default=5, help="keep syllables seen at least this often (default 5)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    counts: Counter[str] = Counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = canonical(json.loads(line)["text"]).lower()
            counts.update(t for t in _TOKEN.findall(text) if one_syllable(t))
    keep = sorted(s for s, n in counts.items() if n >= args.min)
    header = (f"# Vietnamese syllables seen as words of their own at least {args.min} times in {Path(args.corpus).name}"
              f" ({len(keep)} syllables); built by scripts/build_syllables.py\n")
    args.out.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(keep)} syllables", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
