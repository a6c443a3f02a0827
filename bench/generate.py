"""Seeded generator of national-scale cascades of Vietnamese official letters.

A cascade starts with one central letter (Ban Bí thư, Thủ tướng Chính phủ, Bộ Y tế …); a
share of provinces implement it after a lag (Tỉnh ủy / Thành ủy in the Party form, UBND in
the State form), a share of their districts implement those, and some communes implement
the districts' letters. After 2025-07-01 the 2025 map applies: province → commune, no
districts. Letters follow up their issuer's earlier letters, cite "Căn cứ" chains and
background central documents, assign numbered tasks and carry copy lists.

Everything streams: one cascade (a few hundred letters) is in memory at a time, so a
million-letter corpus needs no more memory than a thousand-letter one.

Output layout (``--out DIR``)::

    DIR/letters/0000/0000000_<sha1>.txt   one letter per file, 1,000 per folder
    DIR/truth.jsonl                       ground truth, ``Letter.to_dict()`` shape
    DIR/manifest.jsonl                    per letter: damage kinds, era, level, cascade
    DIR/corpus.json                       parameters and counts

Example::

    .venv/bin/python -m bench.generate --size 2000 --seed 7 --out /tmp/corpus
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.compose import Plan, compose
from bench.damage import DamageRates, adjust_truth, render
from bench.tables import CUTOVER, NEW_ERA, OLD_ERA, Body, Doc, era_of, table
from lineage.reference.bodies import display_place

__all__ = ["CascadeConfig", "Generated", "iter_letters", "generate", "central_count", "main"]


class GazetteerLike(Protocol):
    def provinces(self, era: str = ...) -> list[Any]: ...
    def children(self, unit: Any) -> list[Any]: ...
    def parent(self, unit: Any) -> Any: ...


@dataclass
class CascadeConfig:
    """Shape of the cascades: shares, lags (days, log-normal) and how often each cite appears."""

    start: str = "2019-01-01"
    end: str = "2026-06-30"
    province_share: float = 0.8  # mean share of provinces that answer a central letter
    party_prob: float = 0.75  # a province's Party committee answers
    state_prob: float = 0.6  # its People's Committee answers
    district_share: float = 0.5
    district_party: float = 0.75
    district_state: float = 0.5
    commune_prob: float = 0.15  # a district letter is answered by some communes
    commune_max: int = 3
    commune_share_2025: float = 0.08  # 2025 map: share of a province's communes that answer
    also_central: float = 0.2  # a lower letter cites the central letter beside its parent
    follow_up: float = 0.12  # a letter follows up its issuer's previous one (when there is one)
    second_letter: float = 0.08  # a province/district issues a second letter on the cascade, following up its first
    based_on: float = 0.25
    references: float = 0.4
    lag_median: dict[str, float] = field(default_factory=lambda: {"province": 6, "district": 4, "commune": 3})
    lag_sigma: float = 0.8
    state_extra_lag: float = 2.0

    def letters_per_province(self, era: str) -> float:
        """Expected letters one answering province brings (itself, its districts, their communes)."""
        top = self.party_prob + self.state_prob
        if era == NEW_ERA:
            return top * (1 + 100 * self.commune_share_2025)
        district = 11 * self.district_share * (self.district_party + self.district_state)
        return top + district * (1 + self.commune_prob * (self.commune_max + 1) / 2)


@dataclass
class Generated:
    """One generated letter: file name, text, truth (gold shape) and manifest row."""

    name: str
    text: str
    truth: dict[str, Any]
    manifest: dict[str, Any]


def central_count(size: int, config: CascadeConfig | None = None) -> int:
    """Default number of central letters for ``size``: full national cascades at large sizes,
    at least a dozen (so issuers and topics vary) at small ones."""
    config = config or CascadeConfig()
    full = 1 + 63 * config.province_share * config.letters_per_province(OLD_ERA)
    return max(math.ceil(size / full), min(12, math.ceil(size / 15)), 1)


def _real_gazetteer() -> GazetteerLike:
    from lineage.reference.gazetteer import gazetteer

    return gazetteer()


class _World:
    """Bodies, numbering and follow-up memory: bounded by the number of bodies, not letters."""

    def __init__(self, gaz: GazetteerLike, rng: random.Random, config: CascadeConfig) -> None:
        self.gaz, self.rng, self.config = gaz, rng, config
        self.bodies: dict[str, Body] = {}
        self.counters: dict[tuple[str, str, int], int] = {}
        self.last_doc: dict[str, Doc] = {}
        self.kinds = table("kinds")
        spec = table("central")["issuers"]
        self.central = {era: [self._central_body(s, era) for s in spec if era in s["eras"]] for era in (OLD_ERA, NEW_ERA)}

    # -------------------------------------------------------------- bodies

    def _central_body(self, spec: dict[str, Any], era: str) -> Body:
        return Body(key=f"central:{spec['name']}", name=spec["name"], branch=spec["branch"], level="central",
                    era=era, short=spec["name"], spec=spec)

    def body(self, unit: Any, branch: str) -> Body:
        key = f"{branch}:{unit.era}:{unit.code}"
        found = self.bodies.get(key)
        if found is not None:
            return found
        k = self.kinds[unit.kind]
        parent_unit = self.gaz.parent(unit)
        parent = self.body(parent_unit, branch) if parent_unit is not None else None
        province = parent.province if parent is not None else unit.short_name
        if branch == "party":
            # the extractor's spelling of a committee's name ("Thành ủy Thành phố Hồ Chí Minh")
            name = f"Đảng ủy {k['unit']} {unit.short_name}" if k["party"] == "Đảng ủy" else \
                f"{k['party']} {display_place(unit.short_name)}"
        else:
            name = f"Ủy ban nhân dân {k['unit']} {unit.short_name}"
        symbols = k["party_symbols"]
        # some provincial cities write "ThU": fixed per body, as a real office would
        psym = symbols[1] if len(symbols) > 1 and random.Random(key).random() < 0.2 else symbols[0]
        children = self.gaz.children(unit) if unit.level != "commune" else []
        sub_kinds: list[str] = []
        for c in children:
            if c.kind not in sub_kinds:
                sub_kinds.append(c.kind)
        b = Body(key=key, name=name, branch=branch, level=unit.level, era=unit.era, short=unit.short_name,
                 kind=unit.kind, unit_word=k["unit"], pu=k["party"], party_symbol=psym, province=province,
                 parent=parent, sub_kinds=tuple(sub_kinds), children=children)
        self.bodies[key] = b
        return b

    # -------------------------------------------------------------- documents

    def _symbol(self, body: Body, code: str) -> str:
        if body.level == "central":
            spec = body.spec or {}
            if code == "CV" and spec.get("cv_symbols"):
                return self.rng.choice(spec["cv_symbols"])
            return spec["docs"][code]
        if body.branch == "party":
            return f"{code}/{body.party_symbol}"
        if code == "CV":
            depts = table("bodies")["state"][body.level]["depts"]
            return f"UBND-{self.rng.choice(depts)}" if depts else "UBND"
        return f"{code}-UBND"

    def _rate(self, body: Body) -> int:
        if body.spec:
            return int(body.spec.get("rate", 3))
        return {("party", "province"): 5, ("state", "province"): 20, ("party", "district"): 3,
                ("state", "district"): 8, ("party", "commune"): 1, ("state", "commune"): 2}[body.branch, body.level]

    def new_doc(self, body: Body, code: str, day: date, subject: str, topic: str, in_corpus: bool = True) -> Doc:
        symbol = self._symbol(body, code)
        # a local symbol (CV/TU) is shared by every province, so each body numbers its own series;
        # a central one (QĐ/TW, CĐ-TTg) names one national series, whichever central body signs
        key = ("central" if body.level == "central" else body.key, symbol, day.year)
        rate = self._rate(body)
        last = self.counters.get(key)
        if last is None:
            doy = day.timetuple().tm_yday
            number = max(1, int(rate * doy * self.rng.uniform(0.4, 1.0)))
        else:
            number = last + self.rng.randint(1, rate)
        self.counters[key] = number
        return Doc(body=body, code=code, number=str(number), symbol=symbol, day=day, subject=subject, topic=topic,
                   in_corpus=in_corpus)

    def background(self, before: date, topic: dict[str, Any], exclude: Body | None = None) -> Doc:
        """A central document outside the corpus that letters cite as a basis or reference."""
        # no earlier than the topic's first year: a 2018 letter about COVID-19 would be absurd
        earliest = max(date(topic["years"][0], 1, 1), before - timedelta(days=900))
        latest = before - timedelta(days=20)
        day = latest - timedelta(days=self.rng.randint(0, max(0, (latest - earliest).days)))
        bodies = [b for b in self.central[era_of(day)] if b is not exclude]
        body = self.rng.choice(bodies)
        codes = [c for c in body.spec["docs"] if c != "CV"] or ["CV"]
        return self.new_doc(body, self.rng.choice(codes), day, self.rng.choice(topic["subjects"]), topic["key"],
                            in_corpus=False)

    def prune(self, year: int) -> None:
        """Forget numbering of local bodies in years no new letter can fall in."""
        stale = [k for k in self.counters if k[2] < year - 1 and k[0] != "central"]
        for k in stale:
            del self.counters[k]


# local letter types; Quyết định / Nghị quyết are left to central bodies (their local forms
# have articles, not the "yêu cầu: 1. …" body the composer writes)
_PARTY_CODES = (("CV", 12), ("KH", 3), ("CT", 1), ("HD", 1), ("TB", 1))
_STATE_CODES = (("CV", 12), ("KH", 4), ("CĐ", 1), ("CT", 1), ("TB", 1))
_COMMUNE_CODES = (("CV", 8), ("KH", 2), ("TB", 1))


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...] | list[tuple[Any, float]]) -> Any:
    items, weights = zip(*pairs, strict=False)
    return rng.choices(items, weights=weights)[0]


def _binomial(rng: random.Random, n: int, p: float) -> int:
    # random.binomialvariate is Python 3.12+
    return sum(rng.random() < p for _ in range(n))


class _Cascades:
    """Yields letter plans, cascade by cascade, in an order where every cited letter comes first."""

    def __init__(self, gaz: GazetteerLike, seed: int, size: int, n_central: int, config: CascadeConfig) -> None:
        self.rng = random.Random(f"{seed}:structure")
        self.world = _World(gaz, self.rng, config)
        self.gaz, self.size, self.n_central, self.config = gaz, size, n_central, config
        start, end = date.fromisoformat(config.start), date.fromisoformat(config.end)
        span = (end - start).days
        self.days = sorted(start + timedelta(days=self.rng.randint(0, span)) for _ in range(n_central))
        self.topics = table("topics")["topics"]

    def _lag(self, level: str, branch: str) -> int:
        c = self.config
        median = c.lag_median[level] + (c.state_extra_lag if branch == "state" else 0)
        return int(self.rng.lognormvariate(math.log(max(median, 0.5)), c.lag_sigma))

    def _day(self, parents: list[Doc], level: str, branch: str, era: str) -> date:
        day = max(p.day for p in parents) + timedelta(days=self._lag(level, branch))
        if era == OLD_ERA and day >= CUTOVER:
            day = CUTOVER - timedelta(days=1)  # the old map ends on 2025-06-30
        return day

    def _plan(self, body: Body, code: str, parents: list[Doc], root: Doc, topic: dict[str, Any], day: date) -> Plan:
        rng, c, w = self.rng, self.config, self.world
        doc = w.new_doc(body, code, day, rng.choice(topic["subjects"]), topic["key"])
        plan = Plan(doc=doc, root=root, implements=list(parents))
        last = w.last_doc.get(body.key)
        if last is not None and last.day <= day and rng.random() < c.follow_up:
            plan.follows = last
        if rng.random() < c.based_on:
            plan.based_on = [w.background(day, topic) for _ in range(rng.choice((1, 1, 2, 3)))]
        if rng.random() < c.references:
            plan.references = [w.background(day, topic)]
        w.last_doc[body.key] = doc
        return plan

    def __iter__(self) -> Iterator[tuple[int, Plan]]:
        emitted = 0
        per_cascade = self.size / max(self.n_central, 1)
        for ci, day in enumerate(self.days):
            remaining_cascades = self.n_central - ci
            target = max(1.0, (self.size - emitted) / remaining_cascades) if remaining_cascades else per_cascade
            for plan in self._cascade(day, target):
                yield ci, plan
                emitted += 1
                if emitted >= self.size:
                    return
            if ci % 50 == 49:
                self.world.prune(day.year)
        # more letters wanted than the cascades gave: keep adding cascades after the last date
        while emitted < self.size:
            ci += 1
            day = self.days[-1] + timedelta(days=self.rng.randint(1, 5))
            for plan in self._cascade(day, self.size - emitted):
                yield ci, plan
                emitted += 1
                if emitted >= self.size:
                    return

    def _cascade(self, day: date, target: float) -> Iterator[Plan]:
        rng, c, w = self.rng, self.config, self.world
        era = era_of(day)
        topics = [t for t in self.topics if t["years"][0] <= day.year <= t["years"][1]] or self.topics
        topic = rng.choice(topics)
        fitting = [b for b in w.central[era] if b.name in topic["central"]] or w.central[era]
        central = _weighted(rng, [(b, b.spec["weight"]) for b in fitting])
        code = _weighted(rng, [(k, 3 if k == "CV" else 1) for k in central.spec["docs"]])
        root_plan = self._plan(central, code, [], None, topic, day)  # type: ignore[arg-type]
        root_plan.root = root_plan.doc
        root = root_plan.doc
        yield root_plan
        provinces = list(self.gaz.provinces(era))
        per_province = c.letters_per_province(era)
        full = len(provinces) * rng.uniform(c.province_share - 0.15, min(1.0, c.province_share + 0.15))
        m = max(1, min(len(provinces), round(min(full, (target - 1) / per_province + rng.random()))))
        for prov in sorted(rng.sample(provinces, m), key=lambda u: u.code):
            yield from self._province(prov, root, topic, era)

    def _second(self, first: Plan, root: Doc, topic: dict[str, Any], era: str) -> Iterator[Plan]:
        """Now and then an issuer comes back to its own letter ("Tiếp theo Công văn số …")."""
        if self.rng.random() >= self.config.second_letter:
            return
        body = first.doc.body
        parents = [root] if self.rng.random() < 0.4 else []
        day = self._day([first.doc], body.level, body.branch, era) + timedelta(days=self.rng.randint(3, 30))
        if era == OLD_ERA and day >= CUTOVER:
            return
        plan = self._plan(body, "CV", parents, root, topic, day)
        plan.follows = first.doc
        yield plan

    def _branches(self, p_party: float, p_state: float) -> list[str]:
        out = [b for b, p in (("party", p_party), ("state", p_state)) if self.rng.random() < p]
        return out or [self.rng.choice(("party", "state"))]

    def _province(self, unit: Any, root: Doc, topic: dict[str, Any], era: str) -> Iterator[Plan]:
        rng, c, w = self.rng, self.config, self.world
        docs: dict[str, Doc] = {}
        for branch in self._branches(c.party_prob, c.state_prob):
            body = w.body(unit, branch)
            parents = [root]
            # the People's Committee often implements its Party committee's letter as well
            if branch == "state" and "party" in docs and rng.random() < 0.4:
                parents = [root, docs["party"]]
            day = self._day(parents, "province", branch, era)
            plan = self._plan(body, _weighted(rng, _PARTY_CODES if branch == "party" else _STATE_CODES), parents,
                              root, topic, day)
            docs[branch] = plan.doc
            yield plan
            yield from self._second(plan, root, topic, era)
        children = w.body(unit, "party").children
        if era == NEW_ERA:
            for branch, parent in docs.items():
                k = _binomial(rng, len(children), c.commune_share_2025) if children else 0
                for cu in sorted(rng.sample(children, min(k, len(children))), key=lambda u: u.code):
                    yield from self._commune(cu, branch, parent, root, topic, era)
            return
        n = _binomial(rng, len(children), c.district_share) if children else 0
        for du in sorted(rng.sample(children, n), key=lambda u: u.code):
            for branch in self._branches(c.district_party, c.district_state):
                parent = docs.get(branch) or next(iter(docs.values()))
                parents = [parent]
                if rng.random() < c.also_central:
                    parents = [root, parent]
                body = w.body(du, branch)
                day = self._day(parents, "district", branch, era)
                plan = self._plan(body, _weighted(rng, _PARTY_CODES if branch == "party" else _STATE_CODES), parents,
                                  root, topic, day)
                yield plan
                yield from self._second(plan, root, topic, era)
                if rng.random() < c.commune_prob:
                    communes = body.children
                    k = min(len(communes), rng.randint(1, c.commune_max))
                    for cu in sorted(rng.sample(communes, k), key=lambda u: u.code):
                        yield from self._commune(cu, branch, plan.doc, root, topic, era)

    def _commune(self, unit: Any, branch: str, parent: Doc, root: Doc, topic: dict[str, Any], era: str) -> Iterator[Plan]:
        body = self.world.body(unit, branch)
        day = self._day([parent], "commune", branch, era)
        yield self._plan(body, _weighted(self.rng, _COMMUNE_CODES), [parent], root, topic, day)


def iter_letters(
    size: int,
    seed: int = 0,
    *,
    n_central: int | None = None,
    rates: DamageRates | None = None,
    config: CascadeConfig | None = None,
    gaz: GazetteerLike | None = None,
) -> Iterator[Generated]:
    """Generate ``size`` letters (deterministic for a seed), one at a time."""
    config = config or CascadeConfig()
    rates = rates or DamageRates()
    gaz = gaz or _real_gazetteer()
    n_central = n_central or central_count(size, config)
    from lineage.models import Letter

    for idx, (cascade, plan) in enumerate(_Cascades(gaz, seed, size, n_central, config)):
        drng = random.Random(f"{seed}:damage:{idx}")
        kinds = rates.draw(drng)
        composed = compose(plan, random.Random(f"{seed}:compose:{idx}"), name_unit="lost_header" in kinds)
        text = render(composed.blocks, kinds, drng)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        name = f"{idx:07d}_{digest}.txt"
        truth = adjust_truth(composed.truth, kinds)
        truth["file"] = name
        row = Letter.from_dict(truth).to_dict()
        # keep the truth to what a reader gets from the text: no provenance or empty extras
        for key in ("warnings", "source_sha256", "source_encoding", "copy_to_detail"):
            row.pop(key, None)
        doc = plan.doc
        manifest = {"file": name, "damage": kinds, "era": doc.body.era, "level": doc.body.level,
                    "branch": doc.body.branch, "cascade": cascade, "date": doc.day.isoformat(),
                    "issuer": doc.body.name, "number": doc.number, "symbol": doc.symbol}
        yield Generated(name, text, row, manifest)


def generate(
    out: Path | str,
    size: int,
    seed: int = 0,
    *,
    n_central: int | None = None,
    rates: DamageRates | None = None,
    config: CascadeConfig | None = None,
    gaz: GazetteerLike | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Write a corpus of ``size`` letters under ``out``; return the summary (also ``corpus.json``)."""
    out = Path(out)
    letters = out / "letters"
    letters.mkdir(parents=True, exist_ok=True)
    config = config or CascadeConfig()
    rates = rates or DamageRates()
    n_central = n_central or central_count(size, config)
    counts: dict[str, int] = {}
    total_bytes = 0
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=size, unit="letter", file=sys.stderr, disable=not sys.stderr.isatty())
    with open(out / "truth.jsonl", "w", encoding="utf-8") as tf, open(out / "manifest.jsonl", "w", encoding="utf-8") as mf:
        for idx, g in enumerate(iter_letters(size, seed, n_central=n_central, rates=rates, config=config, gaz=gaz)):
            folder = letters / f"{idx // 1000:04d}"
            if idx % 1000 == 0:
                folder.mkdir(exist_ok=True)
            data = g.text.encode("utf-8")
            (folder / g.name).write_bytes(data)
            total_bytes += len(data)
            tf.write(json.dumps(g.truth, ensure_ascii=False) + "\n")
            mf.write(json.dumps(g.manifest, ensure_ascii=False) + "\n")
            level = g.manifest["level"] + ("/2025" if g.manifest["era"] == NEW_ERA else "")
            counts[level] = counts.get(level, 0) + 1
            for k in g.manifest["damage"]:
                counts[f"damage:{k}"] = counts.get(f"damage:{k}", 0) + 1
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    summary = {"size": size, "seed": seed, "central_letters": n_central, "bytes": total_bytes,
               "counts": dict(sorted(counts.items())), "damage_rates": rates.as_dict(), "config": asdict(config)}
    (out / "corpus.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Generate a seeded corpus of letter cascades with damage and ground truth.",
        epilog="Example:\n  .venv/bin/python -m bench.generate --size 2000 --seed 7 --out /tmp/corpus\n"
               "  .venv/bin/python -m bench.generate --size 500 --damage none --out /tmp/clean",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--size", type=int, required=True, help="number of letters")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--central", type=int, default=None, help="number of central letters (default: from --size)")
    ap.add_argument("--damage", default=None, help='"none" or kind=rate,... over the defaults')
    args = ap.parse_args(argv)
    try:
        rates = DamageRates.parse(args.damage)
    except ValueError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    summary = generate(args.out, args.size, args.seed, n_central=args.central, rates=rates, progress=True)
    print(json.dumps({k: summary[k] for k in ("size", "seed", "central_letters", "bytes", "counts")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
