"""Deterministic, readable IRIs for documents, bodies, units, source files and their parts.

A document's IRI depends only on its identity — issuer, year, number and symbol — so a
letter known only because another letter cites it and the same letter loaded later from
its own file get the same IRI whatever the load order::

    {base}doc/{issuer-path}/{year}/{number}-{symbol-slug}
    https://w3id.org/directive-lineage/id/doc/ban-tuyen-giao-trung-uong/2021/534-cv-btgtw
    https://w3id.org/directive-lineage/id/doc/huyen-uy-thanh-tri/old-020/2021/12-cv-hu

A body's IRI is keyed by what identifies it, never by its name alone (see docs/store.md):

* a local body the extractor placed on the map by its kind and its unit's code in its era
  (``issuer_key`` "Huyện ủy@old:020" → ``body/huyen-uy-thanh-tri/old-020``, the unit's name for the reader): Huyện ủy Thanh Trì (Hà Nội)
  and Huyện ủy Thạnh Trị (Sóc Trăng) slug alike but are two bodies;
* a national body by its gazetteer name (``body/ban-tuyen-giao-trung-uong``);
* any other name by its slug and a short hash of its exact spelling
  (``body/name/dang-uy-bo-xay-dung-3c1f0a``), so names that differ only in their diacritics stay apart.

Rules for documents (see docs/ontology.md):

* the issuer is the *resolved* body (a citation's ``issuer`` and ``issuer_key``, never its
  ``issuer_as_written``); unknown → ``unknown``;
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
>>> str(m.document("Ủy ban nhân dân tỉnh X", "120", "2003/QĐ-UB", None))  # doctest: +ELLIPSIS
'http://example.org/id/doc/name/uy-ban-nhan-dan-tinh-x-.../2003/120-qd-ub'
>>> str(m.document("Huyện ủy Thanh Trì", "12", "CV/HU", 2021, issuer_key="Huyện ủy@old:020"))
'http://example.org/id/doc/huyen-uy-thanh-tri/old-020/2021/12-cv-hu'
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

from lineage.models import Citation, Letter
from lineage.ontology.terms import DEFAULT_BASE, doc_type_code
from lineage.reference.bodies import central, central_by_symbol, unit_name
from lineage.reference.normalize import canonical, strip_diacritics, symbol_match

__all__ = ["IDENTITY_SCHEME", "Minter", "body_path", "core_symbol", "document_year", "identifier", "letter_sha256", "slug",
           "symbol_match", "symbol_year"]

#: The version of the rules above. A store records the rules its IRIs were minted by and one minted by
#: other rules is refused (never misread): 1 = bodies by name slug; 2 = bodies by kind and unit code;
#: 3 = names written outside a header ("Ủy ban nhân dân thị xã X" as a recipient) keyed as their own header keys them,
#: and a công văn's symbol read issuer first (1781/BTC-TCT is the Ministry of Finance's); 4 = every name the graph
#: keys itself (a parent's, an assignee's) read by the extractor's resolver from where the writer stands ("Sở Y tế"
#: in a Quảng Nam letter is Quảng Nam's; "Đảng bộ tỉnh X" and "Ban Thường vụ Tỉnh ủy X" are the Tỉnh ủy X); 5 = a unit's
#: Youth Union one body however written ("Tỉnh đoàn X", "BCH Đoàn tỉnh X" → "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh X"),
#: the Farmers' and Veterans' Unions' central committees under the names their headers print, and a place written
#: without its tone marks ("Đăk Nông") keyed as the one unit it folds to.
IDENTITY_SCHEME = "5"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# a 4-digit year as its own segment of a symbol: "2003/QĐ-UB", "QĐ-UB/2003"
_SYMBOL_YEAR = re.compile(r"(?:^|/)((?:19|20)\d\d)(?=/|$)")


@functools.lru_cache(maxsize=1 << 16)  # body and person names recur in letter after letter
def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' ("Tỉnh ủy Quảng Ninh" → "tinh-uy-quang-ninh")."""
    return _NON_ALNUM.sub("-", strip_diacritics(canonical(text)).lower()).strip("-")


@functools.lru_cache(maxsize=1 << 16)
def body_path(name: str | None, key: str | None = None) -> str:
    """The path of a body under ``body/`` (and of its documents under ``doc/``).

    >>> body_path("Huyện ủy Thanh Trì", "Huyện ủy@old:020"), body_path("Ban Tuyên giáo TW")
    ('huyen-uy-thanh-tri/old-020', 'ban-tuyen-giao-trung-uong')
    >>> body_path("Huyện ủy Thanh Trì") != body_path("Huyện ủy Thạnh Trị")
    True
    """
    if key:
        kind, _, unit = key.partition("@")
        era, _, code = unit.partition(":")
        if kind and era and code:
            # the unit's gazetteer name makes the path readable; the code alone identifies it
            place = unit_name(era, code)
            return f"{slug(f'{kind} {place}') or 'body'}/{slug(era)}-{quote(code, safe='')}"
    if not name or not name.strip():
        return "unknown"
    national = central(name)
    if national is not None:
        return slug(national.name)
    # the slug drops diacritics ("Thanh Trì" and "Thạnh Trị" meet); the hash of the exact spelling (tone marks
    # normalised, letter case kept) keeps them apart and gives the node exactly one name
    digest = hashlib.sha1(" ".join(canonical(name).split()).encode("utf-8")).hexdigest()[:6]
    return f"name/{slug(name) or 'x'}-{digest}"


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
        self, issuer: str | None, number: str, symbol: str | None, year: int | None, doc_type: str | None = None,
        issuer_key: str | None = None,
    ) -> URIRef:
        year = year or symbol_year(symbol)
        core = core_symbol(symbol) or doc_type_code(doc_type) or ""
        # "05-CT/TW" and "5-CT/TW" are one document: the number is compared without leading zeros.
        tail = slug(f"{number.lstrip('0') or '0'} {core}") or "x"
        national = identity_issuer(issuer, symbol)
        key = issuer_key if national == issuer else None  # a national symbol names the body: no local key
        return URIRef(f"{self.base}doc/{body_path(national, key)}/{year or 'undated'}/{tail}")

    def letter(self, letter: Letter) -> URIRef:
        """The IRI of a loaded letter (by identity, or by file hash when the number is lost)."""
        if letter.number:
            return self.document(letter.issuer, letter.number, letter.symbol,
                                 document_year(letter.date, letter.symbol), letter.doc_type, letter.issuer_key)
        return URIRef(f"{self.base}doc/{body_path(letter.issuer, letter.issuer_key)}/file-{letter_sha256(letter)[:16]}")

    def cited(self, citation: Citation) -> URIRef | None:
        """The IRI of the document a citation names (None when it has no number)."""
        if not citation.number:
            return None
        return self.document(citation.issuer, citation.number, citation.symbol,
                             document_year(citation.date, citation.symbol, citation.year), citation.doc_type,
                             citation.issuer_key)

    def body(self, name: str, key: str | None = None) -> URIRef:
        """A body by its key ("Huyện ủy@old:020") when the extractor placed it, else by its name (:func:`body_path`)."""
        return URIRef(f"{self.base}body/{body_path(name, key)}")

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
