"""In-process extraction speed of two code trees, measured alternately in one sitting: this checkout against REV.

Run from the repository root (the generated corpus first):

    .venv/bin/python -m bench.generate --size 2000 --seed 7 --out /tmp/corpus
    .venv/bin/python bench/ab_speed.py 3de71ee --corpus /tmp/corpus --rounds 2

On a machine whose speed drifts from run to run, only two trees measured in turn say what a change cost. Each
figure is the best of 3 passes over the corpus in one process (`extract_text`, files read beforehand); REV is
checked out into a temporary git worktree and imported from there, bypassing the editable install.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the package layout of a tree (pyproject's package-dir), as links; a tree before reference/ lacks that folder
LAYOUT = ("reference", "loaders", "graph", "ontology", "queries")
PROBE = """
import glob, sys, time
tree = sys.argv[1]
if tree != "-":
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, tree)
import lineage.loaders.extract as E
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[2] + "/letters/*/*.txt"))]
for t in texts[:50]:
    E.extract_text(t)
best = 0.0
for _ in range(3):
    start = time.perf_counter()
    for t in texts:
        E.extract_text(t)
    best = max(best, len(texts) / (time.perf_counter() - start))
print(f"{best:.0f}")
"""


def layout(tree: Path, into: Path) -> Path:
    """A directory where ``lineage`` imports from ``tree``'s folders."""
    pkg = into / "lineage"
    pkg.mkdir(parents=True)
    for f in (tree / "lineage").iterdir():
        (pkg / f.name).symlink_to(f)
    for d in LAYOUT:
        if (tree / d).is_dir():
            (pkg / d).symlink_to(tree / d)
    return into


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the git revision to compare with this checkout")
    ap.add_argument("--corpus", default="/tmp/corpus")
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(worktree), a.rev], check=True)
        try:
            other = layout(worktree, Path(tmp) / "layout")
            rows = []
            for _ in range(a.rounds):
                for label, tree in ((a.rev, str(other)), ("this checkout", "-")):
                    out = subprocess.run([sys.executable, "-c", PROBE, tree, a.corpus], capture_output=True, text=True,
                                         check=True)
                    rows.append(f"| {label} | {out.stdout.strip()} |")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=False)
    print("| tree | letters/s (best of 3, in process) |\n| --- | ---: |\n" + "\n".join(rows))


if __name__ == "__main__":
    main()
