"""The five real seed letters against their hand-checked gold, field by field."""
from __future__ import annotations

import json

import pytest
from fixture_paths import SEED_GOLD, SEEDS, SHARED, needs_shared
from gold_compare import diff

from lineage.loaders.extract import extract_file

GOLD = [json.loads(line) for line in SEED_GOLD.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"][:3] for g in GOLD])
def test_seed_matches_gold(gold: dict) -> None:
    letter = extract_file(SEEDS / gold["file"])
    assert diff(gold, letter.to_dict()) == []


@needs_shared
@pytest.mark.parametrize("gold", GOLD, ids=[g["file"][:3] for g in GOLD])
def test_examples_are_the_seeds(gold: dict) -> None:
    """The repository's copies (examples/, tests/data/seeds.gold.jsonl) are the shared seeds and their gold."""
    assert (SEEDS / gold["file"]).read_bytes() == (SHARED / "corpus" / "seeds" / gold["file"]).read_bytes()
    assert SEED_GOLD.read_bytes() == (SHARED / "corpus" / "seeds.gold.jsonl").read_bytes()


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"][:3] for g in GOLD])
def test_evidence_offsets_point_into_the_original(gold: dict) -> None:
    path = SEEDS / gold["file"]
    original = path.read_text("utf-8")
    letter = extract_file(path)
    for c in letter.citations:
        assert c.start is not None and c.end is not None
        span = original[c.start:c.end]
        assert c.number in span and span.split()[0][:3] in c.evidence, (span, c.evidence)


def test_inferred_issuer_says_why() -> None:
    letter = extract_file(SEEDS / "002_bdcb37579fc0a953.txt")
    assert letter.issuer_inferred and "Đình Lập" in (letter.issuer_evidence or "")
    assert letter.number is None and letter.date is None  # never invented
    assert any(w.startswith("number:") for w in letter.warnings)
    assert letter.date_after == "2020-07-30"


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["file"])
def test_a_letter_prints_as_dataclasses_asdict_would_and_reads_back(gold: dict) -> None:
    """``to_dict`` builds its dict without ``asdict``'s deep copies: the same dict, and ``from_dict`` reverses it."""
    from dataclasses import asdict

    from lineage.models import Letter, _plain

    letter = extract_file(SEEDS / gold["file"])
    assert _plain(letter) == asdict(letter)
    assert Letter.from_dict(letter.to_dict()).to_dict() == letter.to_dict()
