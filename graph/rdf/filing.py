"""How one source file's triples are filed in the store: which are its own, and its packed record.

A file's triples fall in two kinds. Its *own* triples have a subject minted under the
file's IRI (the file itself, ``{source}#citation-1``, ``#signature`` …): no other file can
state them. Its *shared* triples are about documents, bodies, units and people, which many
files describe (a body's name, a cited letter's number). The store keeps one copy of every
triple in its default graph; to take a file out again it needs the file's lines (kept
packed, one literal per file) and, for shared triples only, who else may state them (the
subjects the file mentions, an index). See :mod:`lineage.graph.rdf.store`.

>>> src = "https://x.org/source/a.txt"
>>> lines = [f"<{src}#citation-1> <https://x.org/p> \\"1\\"", "<https://x.org/doc/1> <https://x.org/p> \\"2\\""]
>>> [is_own(line, src) for line in lines]
[True, False]
>>> shared_subjects(lines, src)
['https://x.org/doc/1']
>>> unpack_lines(pack_lines(lines)) == lines
True
"""
from __future__ import annotations

import base64
import zlib
from collections.abc import Iterable

__all__ = ["is_own", "pack_lines", "shared_subjects", "subject_of", "unpack_lines"]


def subject_of(line: str) -> str:
    """The subject IRI of an N-Triples line (``<s> <p> o``), without its angle brackets."""
    return line[1:line.index(">")]


def is_own(line: str, source: str) -> bool:
    """True when the line's subject is the file's IRI or a node minted under it (``{source}#…``)."""
    if not line.startswith("<" + source):
        return False
    rest = line[len(source) + 1:]
    return rest.startswith(">") or rest.startswith("#")


def shared_subjects(lines: Iterable[str], source: str) -> list[str]:
    """Distinct subjects of the file's shared triples, in first-seen order.

    :func:`is_own` and :func:`subject_of` inlined: this runs on every line of every letter loaded.
    """
    own, n = "<" + source, len(source) + 1
    return list(dict.fromkeys(line[1:line.index(">")] for line in lines
                              if not (line.startswith(own) and line[n:n + 1] in (">", "#"))))


def pack_lines(lines: Iterable[str]) -> str:
    """The lines as one compact ASCII string (zlib, base64): a file's record in the manifest."""
    return base64.b64encode(zlib.compress("\n".join(lines).encode("utf-8"), 6)).decode("ascii")


def unpack_lines(packed: str) -> list[str]:
    """The lines :func:`pack_lines` packed."""
    if not packed:
        return []
    text = zlib.decompress(base64.b64decode(packed)).decode("utf-8")
    return text.split("\n") if text else []
