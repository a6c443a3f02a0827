"""Deterministic, readable IRIs for documents, bodies, units, source files and their parts.

A document's IRI depends only on its identity — issuer, year, number and symbol — so a
letter known only because another letter cites it and the same letter loaded later from
its own file get the same IRI whatever the load order::

    {base}doc/{issuer-slug}/{year}/{number}-{symbol-slug}
    https://w3id.org/directive-lineage/id/doc/ban-tuyen-giao-trung-uong/2021/534-cv-btgtw

Rules (see docs/ontology.md):

* the issuer is the *resolved* full name (a citation's ``issuer``, never its
  ``issuer_as_written``), slugged after :func:`lineage.loaders.normalize.canonical`;
  unknown → ``unknown``;
* the year comes from the date, else from a year inside the symbol (``120/2003/QĐ-UB``);
  unknown → ``undated``. The year is dropped from the symbol part so both spellings agree;
* the type code (CV, CĐ, QĐ …) is used only when there is no symbol — symbols already
  start with it, and a citation that says "văn bản số 123/UBND-VX" must still meet the
  letter that calls itself a "Công văn";
* a letter whose number is lost gets ``{base}doc/{issuer-slug}/file-{sha256[:16]}``
  from its source file's hash.

>>> m = Minter("http://example.org/id/")
>>> str(m.document("Thủ tướng Chính phủ", "1699", "CĐ-TTg", 2020))
'http://example.org/id/doc/thu-tuong-chinh-phu/2020/1699-cd-ttg'
>>> str(m.document("Ủy ban nhân dân tỉnh X", "120", "2003/QĐ-UB", None))
'http://example.org/id/doc/uy-ban-nhan-dan-tinh-x/2003/120-qd-ub'
>>> identifier("534", "CV/BTGTW"), identifier("1699", "CĐ-TTg"), identifier("120", "2003/QĐ-UB")
('534-CV/BTGTW', '1699/CĐ-TTg', '120/2003/QĐ-UB')
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from urllib.parse import quote

from rdflib import URIRef

from lineage.loaders.bodies import central_by_symbol
from lineage.loaders.normalize import canonical, strip_diacritics
from lineage.models import Citation, Letter
from lineage.ontology.terms import DEFAULT_BASE, doc_type_code

__all__ = ["Minter", "core_symbol", "document_year", "identifier", "letter_sha256", "slug", "symbol_year"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# a 4-digit year as its own segment of a symbol: "2003/QĐ-UB", "QĐ-UB/2003"
_SYMBOL_YEAR = re.compile(r"(?:^|/)((?:19|20)\d\d)(?=/|$)")


@functools.lru_cache(maxsize=1 << 16)  # body and person names recur in letter after letter
def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' ("Tỉnh ủy Quảng Ninh" → "tinh-uy-quang-ninh")."""
    return _NON_ALNUM.sub("-", strip_diacritics(canonical(text)).lower()).strip("-")


def symbol_year(symbol: str | None) -> int | None:
    """A year written inside a symbol ("2003/QĐ-UB" → 2003)."""
    m = _SYMBOL_YEAR.search(symbol or "")
    return int(m.group(1)) if m else None


def core_symbol(symbol: str | None) -> str | None:
    """The symbol without a year segment ("2003/QĐ-UB" → "QĐ-UB")."""
    if not symbol:
        return None
    return _SYMBOL_YEAR.sub("", canonical(symbol).strip()).strip("/") or None


def identifier(number: str | None, symbol: str | None) -> str | None:
    """The usual written form: Party symbols join with '-' ("534-CV/BTGTW"), State ones with '/'."""
    if not number:
        return None
    if not symbol:
        return number
    core = core_symbol(symbol) or ""
    return f"{number}{'-' if '/' in core else '/'}{canonical(symbol).strip()}"


def identity_issuer(issuer: str | None, symbol: str | None) -> str | None:
    """The issuer that identifies a document.

    Central symbols are national (CV/BTGTW, CĐ-TTg, NQ-CP, QĐ/TW): the body the symbol names is
    the identity, whichever body the citing text credits ("24-QĐ/TW of the Ban Bí thư" and a bare
    "24-QĐ/TW" are one document). Local symbols (CV/TU, KH-UBND) are shared by every province, so
    there the resolved issuer is part of the identity.
    """
    # a ministry's công văn code (KHĐT-…) names it only when the text names no other issuer: a Sở writes it too
    body = central_by_symbol(symbol, letter_codes=issuer is None) if symbol else None
    return body.name if body is not None else issuer


def document_year(date: str | None, symbol: str | None, year: int | None = None) -> int | None:
    """Year of a document: explicit, else from its ISO date, else from its symbol."""
    if year:
        return int(year)
    if date:
        return int(date[:4])
    return symbol_year(symbol)


def letter_sha256(letter: Letter) -> str:
    """The source file's SHA-256, or (when the record does not carry it) the record's own hash."""
    if letter.source_sha256:
        return letter.source_sha256
    record = json.dumps(letter.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


class Minter:
    """Mints every IRI under one base (``{base}doc/…``, ``{base}body/…``, ``{base}unit/…``, ``{base}source/…``)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not re.match(r"^[a-z][a-z0-9+.-]*:", base):
            raise ValueError(f"base IRI must be absolute, got {base!r}")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def document(
        self, issuer: str | None, number: str, symbol: str | None, year: int | None, doc_type: str | None = None
    ) -> URIRef:
        year = year or symbol_year(symbol)
        core = core_symbol(symbol) or doc_type_code(doc_type) or ""
        # "05-CT/TW" and "5-CT/TW" are one document: the number is compared without leading zeros.
        tail = slug(f"{number.lstrip('0') or '0'} {core}") or "x"
        issuer = identity_issuer(issuer, symbol)
        return URIRef(f"{self.base}doc/{slug(issuer or '') or 'unknown'}/{year or 'undated'}/{tail}")

    def letter(self, letter: Letter) -> URIRef:
        """The IRI of a loaded letter (by identity, or by file hash when the number is lost)."""
        if letter.number:
            return self.document(letter.issuer, letter.number, letter.symbol,
                                 document_year(letter.date, letter.symbol), letter.doc_type)
        return URIRef(f"{self.base}doc/{slug(letter.issuer or '') or 'unknown'}/file-{letter_sha256(letter)[:16]}")

    def cited(self, citation: Citation) -> URIRef | None:
        """The IRI of the document a citation names (None when it has no number)."""
        if not citation.number:
            return None
        return self.document(citation.issuer, citation.number, citation.symbol,
                             document_year(citation.date, citation.symbol, citation.year), citation.doc_type)

    def body(self, name: str) -> URIRef:
        return URIRef(f"{self.base}body/{slug(name) or 'unknown'}")

    def person(self, name: str) -> URIRef:
        return URIRef(f"{self.base}person/{slug(name)}")

    def unit(self, era: str, code: str) -> URIRef:
        return URIRef(f"{self.base}unit/{slug(era)}/{quote(code, safe='')}")

    def source(self, key: str) -> URIRef:
        """The source file's IRI, which also names the graph of its facts."""
        return URIRef(f"{self.base}source/{quote(key.replace(chr(92), '/'), safe='/')}")

    def part(self, source: URIRef, kind: str, n: int | str) -> URIRef:
        """A node that belongs to one file's reading: ``{source}#citation-1``, ``#signature`` …"""
        return URIRef(f"{source}#{kind}-{slug(str(n)) or n}" if n != "" else f"{source}#{kind}")
