"""Ctrl-C: one line, exit code 130, no traceback — at start-up and in the middle of a load with workers;
a rerun of the same command then completes the store (issue 17, item 5).

The interrupt is sent when the process reaches a point, never after a delay: during start-up by an
import hook at the moment a module loads, mid-load when the progress bar has counted letters.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from fixture_paths import SEEDS

LINEAGE = str(Path(sys.executable).parent / "lineage")


def test_ctrl_c_while_the_command_starts_is_one_line() -> None:
    # the SIGINT arrives while lineage.cli imports its command modules
    code = ("import importlib.abc, os, signal, sys\n"
            "class Hook(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path, target=None):\n"
            "        if name == 'lineage.cli.graph_cmd': os.kill(os.getpid(), signal.SIGINT)\n"
            "        return None\n"
            "sys.meta_path.insert(0, Hook())\n"
            "from lineage.cli import main\n"
            "main(['--help'])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr, r.stdout) == (130, "Interrupted.\n", "")


def test_ctrl_c_in_the_middle_of_a_load_with_workers_then_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(60):  # many small batches, so the interrupt lands between or inside one
        for seed in sorted(SEEDS.glob("*.txt")):
            d = corpus / f"{i:02d}"
            d.mkdir(parents=True, exist_ok=True)
            shutil.copy(seed, d / seed.name)
    store = tmp_path / "store"
    args = [LINEAGE, "load", str(corpus), "--store", str(store), "--workers", "2", "--batch-size", "5"]
    p = subprocess.Popen([*args, "--progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "COLUMNS": "200"})
    assert p.stderr is not None
    seen = ""
    while p.poll() is None:  # until the bar has counted 40 letters: several batches committed
        seen += p.stderr.read(1)
        if seen.endswith("letter") and max(map(int, re.findall(r"load: *(\d+)letter", seen)), default=0) >= 40:
            break
    assert p.poll() is None, "the load ended before it could be interrupted"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    err = seen + err
    assert p.returncode == 130, err
    assert "Traceback" not in err and "Aborted!" not in err
    lines = [x for x in err.replace("\r", "\n").splitlines() if x.startswith("Interrupted")]
    assert len(lines) == 1 and "committed in earlier batches" in lines[0] and "resume" in lines[0]
    r = subprocess.run([*args, "--format", "json"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)[0]
    assert summary["letters"] == 300 and summary["new"] + summary["unchanged"] == 300 and summary["unchanged"] >= 5
