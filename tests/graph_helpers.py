"""Shared inputs for the knowledge-graph tests: the gold letters of the five seeds."""

from __future__ import annotations

import hashlib
import json

from fixture_paths import SEED_GOLD, SEEDS

from lineage.models import Letter

GOLD = SEED_GOLD
BASE = "https://w3id.org/directive-lineage/id/"


def gold_letters() -> list[Letter]:
    """The gold rows as Letters, with the seed file's SHA-256 as the extractor would set it."""
    out = []
    for line in GOLD.read_text("utf-8").splitlines():
        letter = Letter.from_dict(json.loads(line))
        letter.source_sha256 = hashlib.sha256((SEEDS / letter.file).read_bytes()).hexdigest()
        out.append(letter)
    return out


def doc(path: str) -> str:
    return BASE + "doc/" + path
