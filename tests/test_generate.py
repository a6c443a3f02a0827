"""The cascade generator (bench/generate.py), its damage, quality scoring and parallel extraction."""
from __future__ import annotations

import hashlib
import math
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import quality  # noqa: E402
from bench.damage import KINDS, DamageRates  # noqa: E402
from bench.generate import CascadeConfig, generate, iter_letters  # noqa: E402
from bench.run_all import KEEP_MARKER, Step, exponent, write_report  # noqa: E402
from lineage.errors import LineageError, ReadError  # noqa: E402
from lineage.models import Letter  # noqa: E402
from lineage.parallel import extract_many  # noqa: E402

# both map eras inside one small corpus: the cut-over is 2025-07-01
BOTH_ERAS = CascadeConfig(start="2024-09-01", end="2026-03-01")
F1_FLOOR = 0.90  # citation F1 on the 60-letter corpus below; measured 1.000 (P 1.000, R 1.000) when written


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name != "corpus.json":
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def letters():
    return list(iter_letters(500, seed=5, config=BOTH_ERAS))


@pytest.fixture(scope="module")
def corpus60(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus60")
    generate(out, 60, seed=2)
    return out


class TestDeterminism:
    def test_same_seed_same_bytes(self, tmp_path):
        generate(tmp_path / "a", 120, seed=9)
        generate(tmp_path / "b", 120, seed=9)
        assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")

    def test_same_bytes_across_processes_and_hash_seeds(self, tmp_path):
        for name, hash_seed in (("a", "1"), ("b", "2")):
            subprocess.run([sys.executable, "-m", "bench.generate", "--size", "40", "--seed", "5", "--out",
                            str(tmp_path / name)], cwd=ROOT, check=True, capture_output=True,
                           env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")

    def test_other_seed_other_corpus(self):
        a = [g.text for g in iter_letters(30, seed=1)]
        b = [g.text for g in iter_letters(30, seed=2)]
        assert a != b

    def test_damage_rates_do_not_change_the_cascade(self):
        clean = [g.truth["citations"] for g in iter_letters(40, seed=4, rates=DamageRates.parse("none"))]
        damaged = [g.manifest["damage"] for g in iter_letters(40, seed=4)]
        assert any(damaged)
        assert [len(c) for c in clean] == [len(g.truth["citations"]) for g in iter_letters(40, seed=4)]

    def test_exact_size_and_layout(self, corpus60):
        files = sorted((corpus60 / "letters").glob("*/*.txt"))
        truth = [Letter.from_dict(r) for r in quality._rows(corpus60 / "truth.jsonl")]
        assert len(files) == len(truth) == 60
        assert [f.name for f in files] == [t.file for t in truth]


class TestRealism:
    def test_citations_point_to_corpus_or_central_letters(self, letters):
        known = {(g.truth["issuer"], g.manifest["number"], g.manifest["symbol"], g.manifest["date"]) for g in letters}
        seen: set = set()
        for g in letters:
            for c in g.truth["citations"]:
                key = (c["issuer"], c["number"], c["symbol"], c["date"])
                assert key in seen or c["issuer_level"] == "central", (g.name, c)
            seen.add((g.truth["issuer"], g.manifest["number"], g.manifest["symbol"], g.manifest["date"]))
        assert seen == known

    def test_a_central_number_names_one_document(self):
        """QĐ/TW, CĐ-TTg … are national series: one number in a year is one document, whoever signs."""
        docs: dict[tuple, set] = {}
        for g in iter_letters(3000, seed=3):  # 36 collisions here before series were per symbol
            for c in g.truth["citations"]:
                if c["issuer_level"] == "central":
                    docs.setdefault((c["number"], c["symbol"], c["date"][:4]), set()).add((c["issuer"], c["date"]))
            if g.manifest["level"] == "central":
                docs.setdefault((g.manifest["number"], g.manifest["symbol"], g.manifest["date"][:4]), set()).add(
                    (g.truth["issuer"], g.manifest["date"]))
        assert len(docs) > 1000
        assert {k: v for k, v in docs.items() if len(v) > 1} == {}

    def test_lags_are_not_negative(self, letters):
        for g in letters:
            for c in g.truth["citations"]:
                if c["relation"] in ("implements", "follows_up"):
                    assert c["date"] <= g.manifest["date"], (g.name, c)

    def test_every_local_letter_implements_a_higher_or_same_level(self, letters):
        order = {"central": 0, "province": 1, "district": 2, "commune": 3}
        for g in letters:
            if g.manifest["level"] == "central":
                continue
            levels = [order[c["issuer_level"]] for c in g.truth["citations"] if c["relation"] == "implements"]
            own = [c for c in g.truth["citations"] if c["relation"] == "follows_up" and c["issuer"] == g.truth["issuer"]]
            # a letter implements one from above, or (like seed 002) only follows up its own
            assert (levels and min(levels) < order[g.manifest["level"]]) or own, g.name

    def test_2025_map_has_no_districts(self, letters):
        eras = Counter((g.manifest["era"], g.manifest["level"]) for g in letters)
        assert eras[("2025", "commune")] > 0 and eras[("old", "district")] > 0
        assert eras[("2025", "district")] == 0
        for g in letters:
            cut = g.manifest["date"] >= "2025-07-01"
            assert (g.manifest["era"] == "2025") == cut, g.name

    def test_issuers_and_forms_vary(self, letters):
        central = {g.truth["issuer"] for g in letters if g.manifest["level"] == "central"}
        assert len(central) >= 4
        symbols = {c["symbol"].split("/")[-1].split("-")[-1] for g in letters for c in g.truth["citations"]}
        assert {"TU", "UBND"} <= symbols | {s.split("-")[0] for s in symbols}
        text = " ".join(unicodedata.normalize("NFC", "\n".join(g.text for g in letters)).split())
        for form in ("Số: ", "Kính gửi", "Nơi nhận", "Căn cứ", "Tiếp theo", " tháng ", "T/M", "K/T", "(b/c)"):
            assert form in text, form
        relations = Counter(c["relation"] for g in letters for c in g.truth["citations"])
        assert min(relations[r] for r in ("implements", "based_on", "follows_up", "references")) >= 5, relations

    def test_lost_header_truth_is_null(self):
        rates = DamageRates.parse("lost_header=1")
        for g in iter_letters(20, seed=3, rates=rates):
            t = g.truth
            assert t["number"] is None and t["date"] is None and t["symbol"] is None
            assert t["issuer_inferred"] is True
            assert g.manifest["number"] not in g.text.split("\n")[0]
            if t["citations"]:
                assert t["date_after"] == max(c["date"] for c in t["citations"])


N_DAMAGED = 1200


@pytest.fixture(scope="module")
def damaged():
    rates = DamageRates.parse("hard_wrap=0.5,nfd=0.2,markdown=0.3,lost_issuer=0.1,lost_header=0")
    return rates, list(iter_letters(N_DAMAGED, seed=8, rates=rates))


class TestDamage:
    N = N_DAMAGED

    def test_rates_roughly_as_configured(self, damaged):
        rates, gen = damaged
        counts = Counter(k for g in gen for k in g.manifest["damage"])
        for kind in ("hard_wrap", "nfd", "markdown", "lost_issuer", "tone_variants", "blank_lines"):
            p = getattr(rates, kind)
            sd = math.sqrt(self.N * p * (1 - p))
            assert abs(counts[kind] - self.N * p) <= 4 * sd + 1, (kind, counts[kind])
        assert counts["lost_header"] == 0

    def test_damage_shows_in_the_text(self, damaged):
        _, gen = damaged
        for g in gen:
            kinds = g.manifest["damage"]
            nfc = unicodedata.normalize("NFC", g.text)
            assert (g.text != nfc) == ("nfd" in kinds), g.name
            if "hard_wrap" in kinds:
                assert max(len(line.rstrip()) for line in nfc.splitlines()) <= 90
            if "markdown" in kinds:
                assert "**" in nfc or "# " in nfc
            if "sup_number" in kinds:
                assert "<sup>\\*</sup>" in nfc

    def test_every_kind_is_known_and_parse_rejects_others(self):
        assert set(DamageRates().as_dict()) == set(KINDS)
        with pytest.raises(ValueError, match="unknown damage kind"):
            DamageRates.parse("bogus=1")

    def test_cli_reports_bad_damage(self, tmp_path):
        r = subprocess.run([sys.executable, "-m", "bench.generate", "--size", "2", "--out", str(tmp_path),
                            "--damage", "bogus=1"], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 2 and r.stderr.startswith("Error: unknown damage kind")


class TestQualityAndParallel:
    def test_the_generator_and_the_extractor_agree(self, corpus60):
        """A consistency check, not a measure of quality: the generator writes from the extractor's own phrase
        tables, so a drop here means the two drifted apart (quality is measured on real letters:
        tests/test_real_letters.py)."""
        score = quality.score_pairs(quality.corpus_pairs(corpus60))
        s = score.summary()
        assert s["letters"] == 60 and s["extractor_errors"] == 0
        assert s["citation_f1"] >= F1_FLOOR, score.markdown()

    def test_scorer_counts_exact_matches(self):
        gold = {"file": "x.txt", "number": "1", "symbol": "CĐ-TTg", "citations": [
            {"number": "5", "symbol": "CV/TU", "date": "2021-01-02", "issuer": "Tỉnh ủy A", "relation": "implements"}]}
        pred = {"file": "x.txt", "number": "1", "symbol": "CD/TTg", "citations": [
            {"number": "5", "symbol": "CV-TU", "date": "2021-01-02", "issuer": "Tỉnh uỷ A", "relation": "references"},
            {"number": "6", "symbol": "CV/TU", "date": None, "issuer": None, "relation": "references"}]}
        s = quality.score_pairs([(gold, pred, {"damage": []})]).summary()
        assert (s["citation_precision"], s["citation_recall"]) == (0.5, 1.0)
        assert s["citation_issuer_acc"] == 1.0 and s["citation_relation_acc"] == 0.0
        assert s["field_acc"]["symbol"] == 1.0

    def test_pool_matches_serial_and_keeps_errors_in_place(self, corpus60):
        paths = sorted((corpus60 / "letters").glob("*/*.txt"))[:20]
        paths.insert(5, corpus60 / "missing.txt")
        serial = list(extract_many(paths, workers=1, chunk_size=3))
        pooled = list(extract_many(iter(paths), workers=2, chunk_size=3))
        assert isinstance(serial[5], ReadError) and isinstance(pooled[5], ReadError)
        assert "missing.txt" in str(pooled[5])
        strip = lambda rs: [r.to_dict() if not isinstance(r, LineageError) else str(r) for r in rs]  # noqa: E731
        assert strip(serial) == strip(pooled)

    def test_dask_local_cluster_matches_serial(self, corpus60):
        distributed = pytest.importorskip("distributed")
        paths = sorted((corpus60 / "letters").glob("*/*.txt"))[:12]
        serial = [r.to_dict() for r in extract_many(paths)]
        # processes=False: in-process transport; the dashboard (if bokeh is present) on loopback only
        with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                      dashboard_address="127.0.0.1:0") as cluster:
            out = [r.to_dict() for r in extract_many(paths, dask_address=cluster.scheduler_address, chunk_size=4)]
        assert out == serial

    def test_unreachable_dask_scheduler_is_one_clear_error(self):
        pytest.importorskip("distributed")
        with pytest.raises(LineageError, match="Dask scheduler"):
            list(extract_many(["a.txt"], dask_address="tcp://127.0.0.1:9", dask_timeout=1.0))


def test_growth_exponent():
    assert exponent([1000, 10_000, 100_000], [1.0, 10.0, 100.0]) == pytest.approx(1.0)
    assert exponent([1000, 4000], [2.0, 32.0]) == pytest.approx(2.0)
    assert exponent([1000], [1.0]) is None


def test_report_rewrite_keeps_the_hand_recorded_runs(tmp_path):
    """run_all rewrites its tables and keeps what lies below the marker (the 100k/1M runs)."""
    from datetime import UTC, datetime

    out = tmp_path / "BENCHMARKS.md"
    kept = f"{KEEP_MARKER}\n\n## Larger corpora\n\n| 1,000,000 | 33 min |\n"
    out.write_text("# Benchmarks\n\n| stale table |\n\n" + kept, encoding="utf-8")
    step = Step("bench_extract.py", 1000, [sys.executable, "bench_extract.py"], 1.5, 60.0, 0, "## Extraction\n\n| new |")
    write_report(out, [step], [1000], [], datetime(2026, 1, 1, tzinfo=UTC), ["--size", "1000"])
    text = out.read_text(encoding="utf-8")
    assert "stale table" not in text and "| new |" in text
    assert text.endswith(kept) and text.count(KEEP_MARKER) == 1
    out.unlink()  # no report yet: nothing to keep, and no marker written
    write_report(out, [step], [1000], [], datetime(2026, 1, 1, tzinfo=UTC), ["--size", "1000"])
    assert KEEP_MARKER not in out.read_text(encoding="utf-8")


def test_report_rewrite_keeps_the_real_letter_quality_block_first(tmp_path):
    """bench/real_quality.py --write puts the real-letter scores at the top; run_all keeps them there."""
    from datetime import UTC, datetime

    from bench.real_quality import END, START, write

    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n| stale table |\n", encoding="utf-8")
    block = f"{START}\n## Extraction quality on real letters\n\n| real (35) | 0.993 |\n{END}"
    write(out, block)
    write(out, block.replace("0.993", "0.995"))  # a second write replaces the block, never adds one
    assert out.read_text(encoding="utf-8").count(START) == 1 and "0.995" in out.read_text(encoding="utf-8")
    step = Step("bench_extract.py", 1000, [sys.executable, "bench_extract.py"], 1.5, 60.0, 0, "## Extraction\n\n| new |")
    write_report(out, [step], [1000], [], datetime(2026, 1, 1, tzinfo=UTC), ["--size", "1000"])
    text = out.read_text(encoding="utf-8")
    assert "stale table" not in text and "| new |" in text
    assert text.index(START) < text.index("## Machine") and "| real (35) | 0.995 |" in text
