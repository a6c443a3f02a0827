"""The damage real letter files carry, applied to composed blocks at configurable rates.

Every kind is one seen in ``shared/corpus/seeds``: hard line breaks with trailing spaces,
blank lines between lines, markdown marks, a lost issuing-body line, a lost header, a
``<sup>\\*</sup>`` tag in the number, old-style tone marks, NFD text, a number broken across
lines, a shuffled header, and (from PDF columns) two header columns on one line. ``adjust_truth``
makes the ground truth say only what the damaged text still supports.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from typing import Any

from lineage.reference.normalize import OLD_TO_NEW_TONES

__all__ = ["DamageRates", "render", "adjust_truth", "KINDS"]

Block = tuple[str, list[str]]
HEADER_TAGS = ("issuer", "motto", "number", "subject", "place_date")


@dataclass
class DamageRates:
    """Probability that a letter gets each kind of damage (independent draws, then made consistent)."""

    hard_wrap: float = 0.30
    blank_lines: float = 0.30
    markdown: float = 0.20
    lost_issuer: float = 0.08
    lost_header: float = 0.04
    lost_signer_name: float = 0.04
    sup_number: float = 0.05
    tone_variants: float = 0.25
    nfd: float = 0.05
    broken_number: float = 0.10
    shuffled_header: float = 0.30
    merged_columns: float = 0.08

    @classmethod
    def parse(cls, spec: str | None) -> DamageRates:
        """``"none"``, or ``"hard_wrap=0.5,nfd=0"`` over the defaults.

        >>> DamageRates.parse("nfd=1").nfd, DamageRates.parse("none").hard_wrap
        (1.0, 0.0)
        """
        rates = cls()
        if not spec:
            return rates
        if spec.strip() == "none":
            return cls(**{f.name: 0.0 for f in fields(cls)})
        names = {f.name for f in fields(cls)}
        for part in spec.split(","):
            key, _, value = part.partition("=")
            key = key.strip()
            if key not in names:
                raise ValueError(f"unknown damage kind {key!r}; known: {', '.join(sorted(names))}")
            setattr(rates, key, float(value))
        return rates

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def draw(self, rng: random.Random) -> list[str]:
        """The kinds one letter gets, in a fixed order; incompatible kinds are dropped."""
        kinds = [f.name for f in fields(self) if rng.random() < getattr(self, f.name)]
        if "lost_header" in kinds:
            kinds = [k for k in kinds if k not in ("lost_issuer", "sup_number", "shuffled_header", "merged_columns")]
        if "merged_columns" in kinds and "shuffled_header" in kinds:
            kinds.remove("shuffled_header")
        return kinds


KINDS = tuple(f.name for f in fields(DamageRates))

# old-style tone placement (the seeds mix "Uỷ"/"Ủy", "khoá"/"khóa")
# the inverse of the table the loaders normalise with (one table, both directions)
_NEW_TO_OLD = {new: old for old, new in OLD_TO_NEW_TONES.items()}
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _NEW_TO_OLD)) + r")(?![a-zA-ZÀ-ỹĐđ])")
# a citation number in running text: "1879-CV/TU", "1699/CĐ-TTg", "1234/UBND-KGVX"
_NUMBER_RE = re.compile(r"(\d+)(-)(?=[A-ZĐ]{2,}/)|(\d+)(/)(?=[A-ZĐ][A-Za-zĐđ.]*-[A-Za-zĐđ])")

_PARTY_ORDERS = (
    ("issuer", "motto", "place_date", "number", "subject"),
    ("number", "subject", "issuer", "motto", "place_date"),
    ("motto", "place_date", "issuer", "number", "subject"),
)
_STATE_ORDERS = (
    ("issuer", "number", "subject", "motto", "place_date"),
    ("motto", "issuer", "number", "place_date", "subject"),
)


def _header_order(blocks: list[Block], kinds: list[str], rng: random.Random) -> list[Block]:
    head = {tag: lines for tag, lines in blocks if tag in HEADER_TAGS}
    rest = [b for b in blocks if b[0] not in HEADER_TAGS]
    party = head.get("motto", [""])[0].startswith("ĐẢNG")
    if "shuffled_header" in kinds:
        order = rng.choice(_PARTY_ORDERS if party else _STATE_ORDERS)
    elif party:
        order = ("issuer", "number", "subject", "motto", "place_date")
    else:
        order = ("issuer", "motto", "number", "place_date", "subject")
    out = [(tag, head[tag]) for tag in order if tag in head]
    if "merged_columns" in kinds and "issuer" in head and "motto" in head:
        # PDF text of a two-column header: left and right cells end up on one line
        left, right = head["issuer"], head["motto"]
        rows = max(len(left), len(right))
        merged = []
        for i in range(rows):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            merged.append((a + " " * rng.randint(4, 24) + b).strip() if a and b else (a or b))
        num = head.get("number", [""])[0]
        pd = head.get("place_date", [""])[0]
        out = [("issuer", merged), ("number", [num + " " * rng.randint(4, 24) + pd])]
        if "subject" in head:
            out.append(("subject", head["subject"]))
    return out + rest


def _markdown(blocks: list[Block], rng: random.Random) -> list[Block]:
    style = rng.choice(("hash", "bold"))
    out: list[Block] = []
    for tag, lines in blocks:
        lines = list(lines)
        if tag == "issuer":
            lines = [r"\*" if x == "*" else x for x in lines]
            if style == "hash":
                lines = [f"# {x}" if x not in (r"\*", "*") else x for x in lines]
            else:
                star = r"\*" in lines
                text = [x for x in lines if x != r"\*"]
                lines = [f"**{text[0]}"] + text[1:-1] + [f"{text[-1]}**"] if len(text) > 1 else [f"**{text[0]}**"]
                lines += ["", "*"] if star else []
        elif tag == "motto" and style == "hash":
            lines[0] = f"# {lines[0]}"
        elif tag == "subject" and rng.random() < 0.5:
            lines[-1] = f"*{lines[-1]}*"
        elif tag == "body" and rng.random() < 0.5:
            lines = [f"**{x}**" if re.match(r"\d+[.)\-] ", x) else x for x in lines]
        elif tag == "signer":
            *head, name = lines
            # "**T/M BAN THƯỜNG VỤ  \nPHÓ BÍ THƯ**": a markdown hard break inside the bold run
            lines = (["**" + "  \n".join(head) + "**"] if head else []) + ["", f"**{name}**" if rng.random() < 0.5 else name]
        out.append((tag, lines))
    return out


def _wrap(line: str, width: int, rng: random.Random) -> list[str]:
    if len(line) <= width:
        return [line]
    out, cur = [], ""
    for word in line.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur + " " * rng.choice((1, 1, 1, 2, 8, 15, 20)))
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    out.append(cur + " ")
    return out


def render(blocks: list[Block], kinds: list[str], rng: random.Random) -> str:
    """The file text of ``blocks`` with the damage ``kinds``."""
    if "lost_header" in kinds:
        blocks = [b for b in blocks if b[0] not in HEADER_TAGS]
    else:
        if "lost_issuer" in kinds:
            blocks = [b for b in blocks if b[0] != "issuer"]
        if "sup_number" in kinds:
            blocks = [(t, [re.sub(r"^(Số:? ?\d+)", r"\1<sup>\\*</sup>", x) for x in ls]) if t == "number" else (t, ls)
                      for t, ls in blocks]
        blocks = _header_order(blocks, kinds, rng)
    if "markdown" in kinds:
        blocks = _markdown(blocks, rng)
    if "lost_signer_name" in kinds:
        blocks = [(t, ls[:-1]) if t == "signer" else (t, ls) for t, ls in blocks]
    width = rng.randint(60, 80)
    lines: list[str] = []
    for i, (_, ls) in enumerate(blocks):
        if i:
            lines.append("")
        for x in ls:
            lines.extend(_wrap(x, width, rng) if "hard_wrap" in kinds else [x])
    sep = "\n\n" if "blank_lines" in kinds else "\n"
    text = sep.join(lines)
    if "broken_number" in kinds:
        matches = list(_NUMBER_RE.finditer(text))
        if matches:
            m = matches[-1]
            cut = m.end()
            text = text[:cut] + sep + text[cut:]
    if "tone_variants" in kinds:
        text = _TONE_RE.sub(lambda m: _NEW_TO_OLD[m.group(1)] if rng.random() < 0.7 else m.group(1), text)
    text = "\n\n" + text if rng.random() < 0.4 else text
    text += "\n" if rng.random() < 0.5 else ""
    if "nfd" in kinds:
        text = unicodedata.normalize("NFD", text)
    return text


def adjust_truth(truth: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """Null what the damage removed, mark what must now be inferred (the seed 000/002 rules)."""
    t = dict(truth)
    if "lost_header" in kinds:
        dates = [c["date"] for c in t.get("citations", []) if c.get("date")]
        t.update(number=None, symbol=None, date=None, place=None, subject=None, issuer_inferred=True,
                 issuer_evidence="header lost; issuer named in the body")
        t.pop("issuer_parent", None)
        if dates:
            t["date_after"] = max(dates)
    elif "lost_issuer" in kinds:
        t.update(issuer_inferred=True, issuer_evidence="issuing-body line lost; place line and body name the issuer")
        t.pop("issuer_parent", None)
    if "lost_signer_name" in kinds:
        t["signer"] = {**t["signer"], "name": None}
    return t
