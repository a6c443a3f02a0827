"""Plain records that flow from the loaders to the graph.

``Letter.to_dict()`` gives exactly the JSON shape of ``seeds.gold.jsonl`` (plus
evidence offsets and warnings); ``Letter.from_dict()`` reads it back, so the graph
builder can be fed from extraction output or from a gold file alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any


@dataclass
class Signer:
    name: str | None = None
    role: str | None = None
    on_behalf_of: str | None = None  # "T/M BAN THƯỜNG VỤ", "K/T CHỦ TỊCH", …


@dataclass
class Citation:
    """One mention of another numbered document, with its evidence span."""

    doc_type: str | None
    number: str | None
    symbol: str | None
    date: str | None  # ISO YYYY-MM-DD or None
    issuer: str | None  # resolved full name
    relation: str  # implements | based_on | follows_up | references
    evidence: str  # exact source text
    issuer_as_written: str | None = None
    issuer_level: str | None = None  # central | province | district | commune
    start: int | None = None  # offsets of `evidence` in the original file text
    end: int | None = None
    year: int | None = None  # from the date or from a symbol such as 120/2003/QĐ-UB
    issuer_key: str | None = None  # what identifies a local issuer: its kind and unit, "Huyện ủy@old:020"
    also_relation: str | None = None  # follows_up when a cue governs the writer's own earlier document
    cue: str | None = None  # the cue phrase that decided `relation` ("Căn cứ", "Thực hiện", …)
    confidence: float | None = None  # how the relation was decided: cue 0.9, list 0.8, own 0.8, nested 0.7, none 0.5


@dataclass
class UnnumberedReference:
    """A directing body's instruction mentioned without a number."""

    what: str
    issuer: str
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class CopyRecipient:
    name: str  # as written, purpose mark included (gold shape)
    purpose: str | None = None  # report | execute | direct | archive | None
    mark: str | None = None  # "(b/c)", "(t/h)", "(c/đ)", "(để báo cáo)"


@dataclass
class Assignment:
    item: str
    lead: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    reports_to: list[str] | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Letter:
    """Everything extracted from one letter file."""

    file: str
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    issuer_parent: str | None = None
    issuer_province: str | None = None  # province name the issuer belongs to (or is)
    issuer_key: str | None = None  # what identifies a local issuer: its kind and unit, "Huyện ủy@old:020"
    issuer_inferred: bool = False
    issuer_evidence: str | None = None
    place: str | None = None
    date: str | None = None
    date_after: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    copy_to: list[str] = field(default_factory=list)
    copy_to_detail: list[CopyRecipient] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    citations: list[Citation] = field(default_factory=list)
    unnumbered_references: list[UnnumberedReference] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    reports_to: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_sha256: str | None = None
    source_encoding: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_dict(self) -> dict[str, Any]:
        """The gold JSON shape (plus evidence offsets, warnings and provenance)."""
        d = _plain(self)
        # Keep the gold file's optional keys optional: drop empty extras.
        for key in ("issuer_parent", "issuer_evidence", "date_after", "issuer_province", "issuer_key"):
            if d.get(key) is None:
                d.pop(key)
        if not d["unnumbered_references"]:
            d.pop("unnumbered_references")
        if not d["reports_to"]:
            d.pop("reports_to")
        for a in d["assignments"]:
            if a.get("reports_to") is None:
                a.pop("reports_to")
        for c in d["citations"]:
            for key in ("issuer_as_written", "also_relation", "issuer_key"):
                if c.get(key) is None:
                    c.pop(key)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Letter:
        """Rebuild a Letter from ``to_dict()`` output or a gold JSONL row."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        kw["signer"] = Signer(**(d.get("signer") or {}))
        kw["citations"] = [_build(Citation, c) for c in d.get("citations") or []]
        kw["unnumbered_references"] = [
            _build(UnnumberedReference, u) for u in d.get("unnumbered_references") or []
        ]
        kw["assignments"] = [_build(Assignment, a) for a in d.get("assignments") or []]
        kw["copy_to_detail"] = [_build(CopyRecipient, c) for c in d.get("copy_to_detail") or []]
        kw["reports_to"] = list(d.get("reports_to") or [])
        return cls(**kw)


def _build(cls: type, d: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for these records, without its deep copies: their leaves are immutable, and the
    CLI converts every letter it prints (asdict was 15% of ``lineage extract``)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return value
