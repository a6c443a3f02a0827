"""Where the tests' fixtures are: in the repository (the seeds as ``examples/``, their gold, the real letters
gathered here), and — optional — the shared material beside it (``../shared``: the development set of real
letters, the full texts, the scorer), which CI has and a plain clone may not."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the five seed letters (``lineage extract examples/`` runs on them) and their gold, copied from ../shared
SEEDS = ROOT / "examples"
SEED_GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"
#: the shared material, when it stands beside the repository
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                                  reason="../shared is not beside the repository (CI has it)")
