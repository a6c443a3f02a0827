"""Every hostile input of issue 17 through `lineage extract` at once: one clear line each, the good files'
records, and bounded cost.

The cost bound is a resource limit, not a stopwatch: the process gets 2 s of CPU per MB of input
it must read (plus start-up) and is killed past it; its peak memory is read from the kernel.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from fixture_paths import SEEDS

LINEAGE = str(Path(sys.executable).parent / "lineage")
SEED = sorted(SEEDS.glob("*.txt"))[1].read_text("utf-8")


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * 50_000_000)
    return buf.getvalue()


def _corpus(d: Path) -> tuple[dict[str, str], set[str]]:
    """The files; the error expected for each bad one; the names that must give a record."""
    d.mkdir()
    (d / "good.txt").write_text(SEED, "utf-8")
    (d / "utf32.txt").write_bytes(codecs.BOM_UTF32_LE + SEED.encode("utf-32-le"))
    (d / "sup-flood.txt").write_text(SEED + "<sup>1 " * 150_000, "utf-8")  # an unclosed <sup>, 1 MB
    (d / "so-flood.txt").write_text("CÔNG VĂN\n" + "Số 1- " * 100_000, "utf-8")
    (d / "self-loop.txt").symlink_to(d / "self-loop.txt")
    (d / "loop-a.txt").symlink_to(d / "loop-b.txt")
    (d / "loop-b.txt").symlink_to(d / "loop-a.txt")
    os.mkfifo(d / "fifo.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    (d / "bomb.docx").write_bytes(_bomb())
    with open(d / "big.txt", "wb") as f:  # 50 MB (sparse: nothing to write, nothing may be read)
        f.truncate(50_000_000)
    (d / "late-nul.txt").write_bytes(SEED.encode("utf-8") * 4 + b"\0\0\0\x01tail")  # text, then a binary tail
    errors = {
        "self-loop.txt": "Too many levels of symbolic links", "loop-a.txt": "Too many levels of symbolic links",
        "loop-b.txt": "Too many levels of symbolic links", "fifo.txt": "not a regular file (a FIFO)",
        "zero.txt": "not a regular file (a character device)", "bomb.docx": "refused as a zip bomb",
        "big.txt": "too large for one letter (50.0 MB", "late-nul.txt": "NUL byte at byte",
    }
    return errors, {"good.txt", "utf32.txt", "sup-flood.txt", "so-flood.txt"}


def test_every_hostile_input_is_one_line_and_the_good_files_are_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    errors, good = _corpus(corpus)
    readable_mb = sum((corpus / n).stat().st_size for n in good) / 1e6
    cpu = int(20 + 2 * readable_mb)  # start-up and imports, then 2 s per MB read
    # a wrapper whose only child is the command: its RUSAGE_CHILDREN is the command's own peak memory
    wrapper = ("import resource, subprocess, sys\n"
               f"resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))\n"
               "code = subprocess.run(sys.argv[1:]).returncode\n"
               "sys.stderr.write(f'maxrss_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n')\n"
               "sys.exit(code)\n")
    p = subprocess.run([sys.executable, "-c", wrapper, LINEAGE, "extract", str(corpus), "--format", "jsonl"],
                       capture_output=True, timeout=600)
    out, text = p.stdout, p.stderr.decode("utf-8")
    maxrss_kb = int(text.rsplit("maxrss_kb=", 1)[1])
    assert p.returncode == 1, text  # errors were reported; not killed by the CPU limit (SIGXCPU)
    assert "Traceback" not in text
    lines = [x for x in text.splitlines() if x.startswith("Error:")]
    assert len(lines) == len(errors)
    for name, fragment in errors.items():
        line = next(x for x in lines if x.startswith(f"Error: {corpus / name}: "))
        assert fragment in line, line
    records = {Path(json.loads(x)["file"]).name for x in out.decode("utf-8").splitlines()}
    assert records == good
    assert maxrss_kb < 500 * 1024  # the zip bomb, /dev/zero and the 50 MB file were not read into memory


def test_a_text_that_runs_past_its_cpu_budget_is_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    """The per-file budget (LINEAGE_EXTRACT_SECONDS) behind the patterns' own bounds: set here to 1 s, which the
    seed (read first, with the patterns' compilation) stays well under and a 12 MB text of repeated letters
    (about 3 s of extraction) runs past."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a-good.txt").write_text(SEED, "utf-8")
    (d / "b-long.txt").write_text(SEED * 1800, "utf-8")
    (d / "c-good.txt").write_text(SEED, "utf-8")
    env = {**os.environ, "LINEAGE_EXTRACT_SECONDS": "1"}
    p = subprocess.run([LINEAGE, "extract", str(d), "--format", "jsonl"], capture_output=True, timeout=600, env=env)
    err = p.stderr.decode("utf-8")
    assert p.returncode == 1 and "Traceback" not in err
    assert [x for x in err.splitlines() if x.startswith("Error:")] == [
        f"Error: {d / 'b-long.txt'}: extraction used more than 1 s of CPU time and was stopped (a hostile or runaway "
        "text?); set LINEAGE_EXTRACT_SECONDS to change the budget"]
    assert [Path(json.loads(x)["file"]).name for x in p.stdout.decode("utf-8").splitlines()] == ["a-good.txt", "c-good.txt"]
