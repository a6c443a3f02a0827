"""Every family of words the patterns are built from, in adversarial runs: no pattern backtracks
quadratically (issue 17).

Each family of the data tables (every cue list of ``cues.json``, the document types, the heads of
body names, and the number, date and layout tokens) is repeated, with each separator a converter
leaves between words, into a 150 KB text; and each token alone fills one too. ``lineage extract`` reads them all with a per-file CPU
budget of 2 s (``LINEAGE_EXTRACT_SECONDS``; a real letter takes milliseconds, and these texts well
under half a second): a pattern that backtracks quadratically takes minutes on such a text (an
unclosed ``<sup>`` once took 9.6 s on 80 KB), so it is stopped and named. The whole run also has a
limit of CPU time, so nothing can hang the suite.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lineage.reference import tables

LINEAGE = str(Path(sys.executable).parent / "lineage")
SIZE = 150_000
SEPARATORS = [" ", "\n", " ; ", ", ", " - ", "|", ""]
TOKENS = ["Số 1-", "số 12/", "12/2020/NĐ-", "ngày 1/", "ngày 12 tháng", "năm 20", "V/v", "Kính gửi:", "Nơi nhận:",
          "|", "<br>", "<sup>", "**", "- ", "; ", "(", "“", "&amp;", "TM.", "KT. CHỦ TỊCH", "ỦY BAN NHÂN DÂN"]


def families() -> dict[str, list[str]]:
    out = {k: v for k, v in tables.cues().items() if isinstance(v, list) and v and all(isinstance(x, str) for x in v)}
    out["doc_types"] = [r["name"] for r in tables.load("doc_types")["types"]]
    out["doc_types_upper"] = [r["name"].upper() for r in tables.load("doc_types")["types"]]
    out["heads"] = list(tables.body_heads())
    out["tokens"] = TOKENS
    return out


def test_no_family_of_words_makes_a_pattern_backtrack(tmp_path: Path) -> None:
    d = tmp_path / "fuzz"
    d.mkdir()
    for name, words in families().items():
        for i, sep in enumerate(SEPARATORS):
            unit = sep.join(words) + sep
            (d / f"{name}-{i}.txt").write_text((unit * (SIZE // len(unit) + 1))[:SIZE], "utf-8")
    for i, token in enumerate(TOKENS):  # and each token alone, densely: "<sup> <sup> …", "Số 1- Số 1- …"
        (d / f"flood-{i}.txt").write_text(((token + " ") * (SIZE // (len(token) + 1) + 1))[:SIZE], "utf-8")
    files = len(list(d.iterdir()))
    assert files >= 100
    cpu = 30 + 2 * files  # a hang stops here; the per-file budget names the file long before
    wrapper = ("import resource, subprocess, sys\n"
               f"resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))\n"
               "sys.exit(subprocess.run(sys.argv[1:]).returncode)\n")
    env = {**os.environ, "LINEAGE_EXTRACT_SECONDS": "2"}
    p = subprocess.run([sys.executable, "-c", wrapper, LINEAGE, "extract", str(d), "--format", "jsonl"],
                       capture_output=True, timeout=900, env=env)
    err = p.stderr.decode("utf-8")
    assert [x for x in err.splitlines() if x.startswith("Error:")] == []
    assert p.returncode == 0 and "Traceback" not in err
    assert len(p.stdout.decode("utf-8").splitlines()) == files
    assert all(json.loads(x)["file"] for x in p.stdout.decode("utf-8").splitlines())
