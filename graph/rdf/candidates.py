"""Near-miss documents: pairs of nodes that are probably one document, for a reviewer.

A letter that mistypes a number ("543-CV/BTGTW" for 534-CV/BTGTW) or a symbol ("115- HD/BTGW"
for 118-HD/BTGTW), or leaves the symbol out ("Kế hoạch số 155, ngày 07/7/2019 của Thành ủy Hà Nội"),
creates a cited-only node beside the real one. Nothing here merges them: each
pair is proposed with a score and the evidence behind it.

A pair needs a cited-only node, the same issuer, the same document type (Quyết định 447/QĐ-TTg
and Công điện 447/CĐ-TTg are never one document) and the same date. An undated cited node is
paired only with dated documents of exactly its issuer, type, number and symbol, none dated after
the letters that cite it (without a date nothing tells a mistype from another letter of the series).
The score adds what agrees: a number within one or two edits, a symbol within two, words the
citing text shares with the other node's subject or citations.

>>> round(score_pair(Node("a", "534", "CV/BTGTW", "CV", "2021-05-13", "B", False, "tăng cường chỉ đạo"),
...                  Node("b", "543", "CV/BTGTW", "CV", "2021-05-13", "B", True, "tăng cường lãnh đạo chỉ đạo"))[0], 2)
0.96
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from lineage.graph.rdf.iri import symbol_match
from lineage.graph.rdf.joins import read_links
from lineage.ontology.terms import sparql_prologue
from lineage.reference.normalize import edit_distance, strip_diacritics

__all__ = ["Candidate", "Node", "candidates", "edit_distance", "score_pair"]

MIN_SCORE = 0.5

_QUERY = sparql_prologue() + """
SELECT ?doc ?number ?symbol ?type ?date ?issuer ?loaded ?text WHERE {
  ?doc a lin:Document ; lin:number ?number ; lin:date ?date ; lin:issuedBy ?issuer .
  OPTIONAL { ?doc lin:symbol ?symbol }
  OPTIONAL { ?doc lin:docType ?t . ?t skos:notation ?type }
  BIND(EXISTS { ?doc prov:wasDerivedFrom ?src } AS ?loaded)
  OPTIONAL { { ?doc lin:subject ?text } UNION { ?c lin:citedDocument ?doc ; lin:evidence ?text } }
}"""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Node:
    """A dated document node with what its pairing is judged on."""

    iri: str
    number: str
    symbol: str | None
    doc_type: str | None
    date: str
    issuer: str
    loaded: bool
    text: str = ""


@dataclass(frozen=True)
class Candidate:
    """Two nodes that are probably one document, with the score and the evidence."""

    cited: str  # the cited-only node (the probable mistype)
    other: str
    score: float
    evidence: str

    def row(self) -> dict[str, Any]:
        return {"cited": self.cited, "other": self.other, "score": round(self.score, 2), "evidence": self.evidence}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(strip_diacritics(text).lower()) if len(w) > 2 and not w.isdigit()}


def score_pair(a: Node, b: Node) -> tuple[float, str]:
    """(score, evidence) of two nodes of one issuer, type and date being one document."""
    num = edit_distance(a.number.lstrip("0"), b.number.lstrip("0"))
    # a writer who leaves the symbol out ("Kế hoạch số 155, ngày 07/7/2019 của Thành ủy Hà Nội") names
    # the same number of the same issuer, type and date: one document unless told otherwise
    unwritten = num == 0 and (not symbol_match(a.symbol)) != (not symbol_match(b.symbol))
    sym = 1 if unwritten else edit_distance(symbol_match(a.symbol), symbol_match(b.symbol))
    if num > 2 or sym > 2 or (num == 0 and sym == 0):
        return 0.0, ""
    score = 0.4  # same issuer, type and date: the frame every candidate shares
    score += {0: 0.2, 1: 0.2, 2: 0.1}[num]
    score += {0: 0.2, 1: 0.15, 2: 0.05}[sym]
    wa, wb = _words(a.text), _words(b.text)
    overlap = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    score += 0.2 * overlap
    symbols = (f"symbol {a.symbol or b.symbol} not written in one" if unwritten
               else f"symbol {a.symbol} ~ {b.symbol} ({sym})")
    evidence = (f"same issuer, type and date {a.date}; number {a.number} ~ {b.number} ({num} edit"
                f"{'s' if num != 1 else ''}), {symbols}; shared words {overlap:.0%}")
    return min(score, 1.0), evidence


def candidates(gs: Any, target: str | None = None, min_score: float = MIN_SCORE) -> list[Candidate]:
    """Pairs of document nodes that are probably one document, best first (``target``: only pairs with it)."""
    nodes: dict[str, Node] = {}
    texts: dict[str, list[str]] = defaultdict(list)
    for r in gs.select(_QUERY):
        iri = str(r["doc"])
        if r.get("text"):
            texts[iri].append(str(r["text"]))
        if iri not in nodes:
            nodes[iri] = Node(iri, str(r["number"]), r.get("symbol"), r.get("type"), str(r["date"]),
                              str(r["issuer"]), bool(r.get("loaded")))
    blocks: dict[tuple[str, str | None, str], list[Node]] = defaultdict(list)
    for iri, n in nodes.items():
        blocks[(n.issuer, n.doc_type, n.date)].append(Node(**{**n.__dict__, "text": " ".join(texts[iri])}))
    out: list[Candidate] = []
    for group in blocks.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.loaded and b.loaded:
                    continue  # two letters read from their own files are two documents
                if target is not None and target not in (a.iri, b.iri):
                    continue
                cited, other = (a, b) if not a.loaded else (b, a)
                s, evidence = score_pair(cited, other)
                if s >= min_score:
                    out.append(Candidate(cited.iri, other.iri, s, evidence))
    out += _undated(gs, nodes, target, min_score)
    # what a reviewer decided (lineage link / unlink) and what is joined already is not proposed again
    decided = {frozenset((x.a, x.b)) for x in read_links(gs)}
    joined = {str(r["d"]) for r in gs.select(sparql_prologue() + "SELECT ?d WHERE { ?d owl:sameAs ?o }")}
    out = [c for c in out if frozenset((c.cited, c.other)) not in decided and c.cited not in joined]
    return sorted(out, key=lambda c: (-c.score, c.cited, c.other))


_UNDATED = sparql_prologue() + """
SELECT ?doc ?number ?symbol ?type ?issuer (MAX(?cited_on) AS ?latest) WHERE {
  ?doc a lin:Document ; lin:number ?number ; lin:issuedBy ?issuer .
  FILTER NOT EXISTS { ?doc lin:date ?d }
  FILTER NOT EXISTS { ?doc prov:wasDerivedFrom ?src }
  FILTER NOT EXISTS { ?doc owl:sameAs ?joined }
  OPTIONAL { ?doc lin:symbol ?symbol }
  OPTIONAL { ?doc lin:docType ?t . ?t skos:notation ?type }
  OPTIONAL { ?c lin:citedDocument ?doc . ?letter lin:citation ?c ; lin:date ?cited_on }
} GROUP BY ?doc ?number ?symbol ?type ?issuer"""


def _undated(gs: Any, dated: dict[str, Node], target: str | None, min_score: float) -> list[Candidate]:
    """An undated citation ("Công văn số 182-CV/TU của Ban Thường vụ Tỉnh ủy …") and the dated documents of
    its issuer, type, number and symbol that it can name: none dated after the letters that cite it.
    One such document scores 0.9; several share the doubt (numbers restart each year or term)."""
    out: list[Candidate] = []
    by_key: dict[tuple[str, str | None, str, str], list[Node]] = defaultdict(list)
    for n in dated.values():
        by_key[(n.issuer, n.doc_type, n.number.lstrip("0"), symbol_match(n.symbol))].append(n)
    for r in gs.select(_UNDATED):
        iri, latest = str(r["doc"]), (str(r["latest"]) if r.get("latest") else None)
        key = (str(r["issuer"]), r.get("type"), str(r["number"]).lstrip("0"), symbol_match(r.get("symbol")))
        same = [n for n in by_key.get(key, []) if latest is None or n.date <= latest]
        for n in same:
            if target is not None and target not in (iri, n.iri):
                continue
            score = 0.9 if len(same) == 1 else 0.6
            if score >= min_score:
                of = "the only dated document" if len(same) == 1 else f"one of {len(same)} dated documents"
                before = f" not after the citing letter ({latest})" if latest else ""
                out.append(Candidate(iri, n.iri, score, f"undated citation; {of} of that issuer, type, number "
                                                         f"and symbol{before}: {n.date}"))
    return out
