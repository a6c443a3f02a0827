"""Field-by-field comparison of an extracted record with a gold record.

Strings compare on ``match_key`` (NFC, one tone-mark style, case, spaces), the
way ``shared/tools/score_extract.py`` scores them. Lists the gold calls minimum
sets (assignments) compare as "gold ⊆ extracted"; every other field must match.
"""
from __future__ import annotations

from typing import Any

from lineage.reference.normalize import match_key, strip_diacritics


def _k(v: Any) -> Any:
    if isinstance(v, str):
        return match_key(v).strip(" .,;:*-–")
    if isinstance(v, list):
        return [_k(x) for x in v]
    if isinstance(v, dict):
        return {k: _k(x) for k, x in v.items()}
    return v


def _sym(s: str | None) -> str | None:
    return None if s is None else strip_diacritics(s).replace("-", "").replace("/", "").lower()


def diff(gold: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Human-readable differences; empty when the record matches the gold."""
    out: list[str] = []
    skip = {"file", "citations", "assignments", "issuer_evidence", "unnumbered_references", "recipients", "copy_to"}
    for key, gv in gold.items():
        if key in skip:
            continue
        pv = got.get(key)
        same = _sym(gv) == _sym(pv) if key == "symbol" else _k(gv) == _k(pv)
        if not same:
            out.append(f"{key}: want {gv!r} got {pv!r}")
    for key in ("recipients", "copy_to"):
        if _k(gold.get(key, [])) != _k(got.get(key, [])):
            out.append(f"{key}: want {gold.get(key)!r} got {got.get(key)!r}")
    if "issuer_evidence" in gold and not got.get("issuer_evidence"):
        out.append("issuer_evidence: gold explains an inference, got none")
    gcits = {(c["number"], _sym(c["symbol"])): c for c in gold.get("citations", [])}
    pcits = {(c["number"], _sym(c["symbol"])): c for c in got.get("citations", [])}
    if set(gcits) != set(pcits):
        out.append(f"citations: want {sorted(gcits)} got {sorted(pcits)}")
    for key, gc in gcits.items():
        pc = pcits.get(key)
        if pc is None:
            continue
        for f, gv in gc.items():
            if f == "evidence":  # gold joins broken numbers and spells CĐ: compare folded, spaces dropped
                ge, pe = (strip_diacritics(_k(x or "")).replace(" ", "") for x in (gv, pc.get("evidence")))
                if not pe or (ge not in pe and pe not in ge):  # (an empty evidence is no evidence)
                    out.append(f"citation {key} evidence: want {gv!r} got {pc.get('evidence')!r}")
                continue
            pv = pc.get(f)
            same = _sym(gv) == _sym(pv) if f == "symbol" else _k(gv) == _k(pv)
            if not same:
                out.append(f"citation {key} {f}: want {gv!r} got {pv!r}")
    for gu in gold.get("unnumbered_references", []):
        if not any(_k(gu) == _k({k: u.get(k) for k in gu}) for u in got.get("unnumbered_references", [])):
            out.append(f"unnumbered reference missing: {gu!r}")
    passign = {a["item"]: a for a in got.get("assignments", [])}
    for ga in gold.get("assignments", []):
        pa = passign.get(ga["item"])
        if pa is None:
            out.append(f"assignment item {ga['item']} missing")
            continue
        for role in ("lead", "also", "reports_to"):
            missing = set(_k(ga.get(role) or [])) - set(_k(pa.get(role) or []))
            if missing:
                out.append(f"assignment item {ga['item']} {role}: missing {sorted(missing)} (got {pa.get(role)})")
    return out
