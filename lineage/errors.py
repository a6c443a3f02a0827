"""The exception hierarchy. The CLI turns each into one ``Error: …`` line."""
from __future__ import annotations


class LineageError(Exception):
    """Base class of every error the library raises on purpose."""


class ReadError(LineageError):
    """A file could not be read as a letter (missing, empty, binary, bad encoding…)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ExtractError(LineageError):
    """Text was read but no letter could be extracted from it."""


class ResolveError(LineageError):
    """A document reference is unknown or ambiguous."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class StoreError(LineageError):
    """The RDF store could not be opened, read or written."""


class MirrorError(LineageError):
    """The Neo4j/FalkorDB mirror failed (server down, auth refused, query error)."""
