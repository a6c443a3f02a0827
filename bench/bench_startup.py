"""Start-up of the ``lineage`` command: ``--help`` and a one-letter ``extract``, as a user runs them.

Run from the repository root:

    .venv/bin/python bench/bench_startup.py --runs 15

Each figure is the median wall time of ``--runs`` fresh processes. The anchor, measured in the same run,
is a Python process that does nothing (``python -c pass``): what no command can start below. Prints a
Markdown section for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: its siblings import
from sysinfo import cpu_name  # noqa: E402

LINEAGE = str(Path(sys.executable).parent / "lineage")
LETTER = "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 12/UBND-VP\nCao Bằng, ngày 3 tháng 4 năm 2021\n" \
         "V/v thực hiện Công điện số 1699/CĐ-TTg\nThực hiện Công điện số 1699/CĐ-TTg ngày 30/3/2021 của Thủ tướng.\n"


def median_wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        letter = Path(tmp) / "one.txt"
        letter.write_text(LETTER, encoding="utf-8")
        rows = [
            ("python -c pass (anchor)", median_wall([sys.executable, "-c", "pass"], args.runs)),
            ("lineage --help", median_wall([LINEAGE, "--help"], args.runs)),
            ("lineage extract one.txt", median_wall([LINEAGE, "extract", str(letter)], args.runs)),
        ]
    print("### CLI start-up (issue 19, item 5)\n")
    print(f"```sh\n.venv/bin/python bench/bench_startup.py --runs {args.runs}\n```\n")
    print("| command | median wall s |\n| --- | ---: |")
    for name, s in rows:
        print(f"| `{name}` | {s:.3f} |")
    print(f"\n{cpu_name()}, Python {platform.python_version()}; median of {args.runs} fresh processes.")


if __name__ == "__main__":
    main()
