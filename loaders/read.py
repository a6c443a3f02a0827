"""Read letter files into text: the stage before extraction.

``read_source(path)`` returns a :class:`SourceText` whose ``text`` is the decoded
file as it stands (not normalised: extraction keeps character offsets into it
as evidence). Text files may be UTF-8 (with or without BOM), UTF-16 or UTF-32 (with
BOM, or without one, recognised by its NUL bytes), Windows-1258, or a legacy font
encoding (TCVN3, VNI; see :mod:`lineage.loaders.legacy`), also when such text
was already mis-decoded into a UTF-8 file. PDFs are read from their text layer,
DOCX files paragraph by paragraph and table cell by table cell in document order.

Anything that cannot be read raises :class:`~lineage.errors.ReadError` with a
one-line reason; nothing is guessed into mojibake.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lineage.errors import ReadError
from lineage.loaders import legacy

__all__ = ["SUPPORTED", "SourceText", "iter_sources", "read_bytes", "read_source", "walk_sources"]

SUPPORTED = (".txt", ".md", ".pdf", ".docx")
_KINDS = {".txt": "txt", ".md": "md", ".pdf": "pdf", ".docx": "docx"}

# Leading bytes of files that turn up by mistake among letters, named in the error.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (DOCX/XLSX/ODT?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable"),
)
# Control bytes that do not occur in text (tab, newlines, form feed and DOS end-of-file 0x1A are fine).
_CONTROL = bytes([*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20)])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_SNIFF = 8192
# A letter is kilobytes; the longest real documents seen (gazette texts) are about 1.3 MB. Above
# this a file is not one letter (a dump, a log, /dev/zero behind a link): refused, not read.
MAX_BYTES = int(os.environ.get("LINEAGE_MAX_BYTES", 16 * 1024 * 1024))
# A letter, with its annexes, runs to a few dozen pages; a gazette issue or a book is not one letter.
MAX_PAGES = int(os.environ.get("LINEAGE_MAX_PAGES", 300))
# What a DOCX may expand to, and by how much: a zip bomb of 1 MB unpacks to gigabytes.
_DOCX_MAX_UNPACKED, _DOCX_MAX_RATIO = 8 * MAX_BYTES, 200


@dataclass
class SourceText:
    """One file's text, ready for extraction.

    ``encoding`` says how the bytes became ``text``: ``utf-8``, ``utf-8-sig``,
    ``utf-16-le``, ``utf-16-be``, ``utf-32-le``, ``utf-32-be``, ``cp1258``, ``tcvn3``, ``vni``, ``<unicode form>+tcvn3`` /
    ``+vni`` (legacy text stored as mojibake, e.g. ``utf-8+vni``, converted), and for PDF/DOCX
    ``unicode`` (or ``tcvn3``/``vni`` when the document used a legacy font).
    ``sha256`` is of the raw bytes, for change detection.
    """

    path: str
    text: str
    encoding: str
    kind: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


class _Unreadable(Exception):
    """A reason, to become ``ReadError(path, reason)`` once the path is known."""


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one letter file (.txt, .md, .pdf, .docx).

    Raises ``ReadError`` for a missing file, a directory, an unsupported extension,
    an empty, binary, truncated, corrupt or undecodable file.
    """
    name = os.fspath(path)
    p = Path(path)
    try:
        if p.is_dir():
            with os.scandir(p):  # a folder given where a file was expected, or one the walk could not list
                pass
            raise ReadError(name, "is a directory, not a file")
        kind = _KINDS.get(p.suffix.lower())
        if kind is None:
            if not p.exists():
                raise FileNotFoundError(name)
            raise ReadError(name, f"unsupported file type {p.suffix or '(no extension)'!r} (expected {_expected()})")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block for ever, a device never end
            raise ReadError(name, f"not a regular file ({_file_kind(st.st_mode)}); only files are read")
        if st.st_size > MAX_BYTES:
            raise ReadError(name, f"too large for one letter ({st.st_size / 1e6:.1f} MB; the limit is "
                                  f"{MAX_BYTES / 1e6:.1f} MB, set LINEAGE_MAX_BYTES to change it)")
        with p.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file that grows while read is still bounded
        if len(data) > MAX_BYTES:
            raise ReadError(name, f"too large for one letter (over {MAX_BYTES / 1e6:.1f} MB)")
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except PermissionError:
        what = "cannot list this folder (permission denied); its files are skipped" if p.is_dir() else "permission denied"
        raise ReadError(name, what) from None
    except OSError as exc:
        raise ReadError(name, _one_line(exc.strerror or str(exc))) from None
    return read_bytes(data, name, kind)


def read_bytes(data: bytes, path: str = "<bytes>", kind: str = "txt") -> SourceText:
    """Decode ``data`` as a file of ``kind`` (``txt``, ``md``, ``pdf``, ``docx``); ``path`` names it in errors."""
    if kind not in _KINDS.values():
        raise ReadError(path, f"unsupported file type {kind!r} (expected {_expected()})")
    if not data:
        raise ReadError(path, "empty file (0 bytes)")
    warnings: list[str] = []
    try:
        if kind == "pdf":
            text, encoding = _legacy_check(_pdf_text(data, warnings), "unicode", warnings)
        elif kind == "docx":
            text, encoding = _legacy_check(_docx_text(data), "unicode", warnings)
        else:
            text, encoding = _decode_text(data, warnings)
    except _Unreadable as exc:
        raise ReadError(path, str(exc)) from None
    if not text.strip():
        raise ReadError(path, "no text: the file contains only whitespace")
    return SourceText(path, text, encoding, kind, hashlib.sha256(data).hexdigest(), warnings)


def _file_kind(mode: int) -> str:
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a file"


def iter_sources(paths: Iterable[str | os.PathLike[str]], extensions: Iterable[str] = SUPPORTED) -> Iterator[Path]:
    """Files to read, in a deterministic order.

    Files are yielded as given (even missing ones or other types, so that reading them
    reports the problem); directories are walked recursively, in sorted order, keeping
    files with one of ``extensions`` and skipping hidden files and folders (and, like
    ``os.walk``, not descending into linked folders). A file reached twice is yielded once.
    """
    return (path for _key, path in walk_sources(paths, extensions))


def walk_sources(paths: Iterable[str | os.PathLike[str]],
                 extensions: Iterable[str] = SUPPORTED) -> Iterator[tuple[str, Path]]:
    """:func:`iter_sources` with each file's key: its path relative to the directory given
    (``/`` separators), or its name when the file itself was given.

    Made for corpora of a million files: one ``scandir`` per folder, files streamed as they
    are found, and a real path worked out by joining names (a filesystem lookup only for
    links), not ``Path.resolve`` per file. Only the set of real paths (to drop a file reached
    twice) grows with the corpus.
    """
    wanted = tuple(e.lower() for e in extensions)
    seen: set[str] = set()
    for given in paths:
        root = Path(given)
        found = _walk(root, wanted) if root.is_dir() else [(root.name, root, os.path.realpath(root))]
        for key, path, real in found:
            if real not in seen:
                seen.add(real)
                yield key, path


def _walk(root: Path, extensions: tuple[str, ...]) -> Iterator[tuple[str, Path, str]]:
    """(key, path, real path) of the wanted files under ``root``, in the order of their path's parts.

    Depth first with each folder's entries sorted by name, which is that order, so only the
    listings of the folders on the current path are held (not a national corpus's million paths).
    """

    def visit(prefix: str, folder: str, real: str) -> Iterator[tuple[str, Path, str]]:
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError:  # unreadable: yielded as it is, so reading it says why in one line, and the walk goes on
            yield prefix.rstrip("/") or Path(folder).name, Path(folder), real
            return
        for e in entries:
            key = prefix + e.name
            try:
                is_dir = e.is_dir()
            except OSError:  # a symbolic link loop: reading it says so
                is_dir = False
            if is_dir:
                if not e.is_symlink():  # os.walk's default: list linked folders, never enter them
                    yield from visit(key + "/", e.path, os.path.join(real, e.name))
            elif e.name.lower().endswith(extensions):
                yield key, Path(e.path), os.path.realpath(e.path) if e.is_symlink() else os.path.join(real, e.name)

    yield from visit("", str(root), os.path.realpath(root))


# --- plain text ---------------------------------------------------------------------------
def _decode_text(data: bytes, warnings: list[str]) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        # UTF-32 first: its little-endian mark (FF FE 00 00) starts with UTF-16's (FF FE)
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = _decode_tolerating_truncation(data[len(bom) :], encoding, len(bom), warnings)
            except UnicodeDecodeError as exc:
                raise _Unreadable(
                    f"undecodable text: starts with a {encoding.upper()} byte-order mark "
                    f"but has invalid {encoding.upper()} at byte {len(bom) + exc.start}"
                ) from None
            return _legacy_check(text, "utf-8-sig" if encoding == "utf-8" else encoding, warnings)
    sample = data[:_SNIFF]
    glyphs = _lone_nuls(data)
    if glyphs:  # a few lone NULs in text: glyphs a converter could not write (a form's ☐), read as U+FFFD
        warnings.append(f"{glyphs} NUL byte(s) from byte {data.find(0)} read as U+FFFD (a symbol the converter "
                        "could not write, such as a checkbox)")
        data, sample = data.replace(b"\x00", b"\x1a"), sample.replace(b"\x00", b"\x1a")  # SUB stands in while decoding
    if b"\x00" in sample:
        wide = _sniff_utf32(sample) or _sniff_utf16(sample)
        if wide is None:
            raise _Unreadable(_binary_reason(sample, "contains NUL bytes"))
        try:
            text = _decode_tolerating_truncation(data, wide, 0, warnings)
        except UnicodeDecodeError:
            raise _Unreadable(_binary_reason(sample, "contains NUL bytes")) from None
        return _legacy_check(text, wide, warnings)
    late_nul = data.find(b"\x00", len(sample))
    if late_nul >= 0:  # text up to here, then binary: corrupt or not a letter
        raise _Unreadable(f"NUL byte at byte {late_nul}: the file is text only up to there (corrupt or not a letter)")
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > max(2, len(sample) // 100):
        raise _Unreadable(_binary_reason(sample, f"{controls} control bytes in the first {len(sample)}"))
    if data.isascii():
        ascii_text = data.decode("ascii")
        return (ascii_text.replace("\x1a", "\ufffd") if glyphs else ascii_text), "utf-8"
    try:
        text = _decode_tolerating_truncation(data, "utf-8", 0, warnings)
    except UnicodeDecodeError as exc:
        return _decode_legacy_bytes(data, exc, warnings)
    if glyphs:
        text = text.replace("\x1a", "\ufffd")
    return _legacy_check(text, "utf-8", warnings)


def _lone_nuls(data: bytes) -> int:
    """How many NUL bytes stand alone in otherwise textual data, each before a space, when they are few (at most
    one per 2 KB, 16 always allowed): 0 when there are none, or too many, or not so (UTF-16/32, binary, a tail)."""
    n = data.count(0)
    if n == 0 or n > max(16, len(data) // 2048) or b"\x1a" in data or data.count(b"\x00 ") != n:
        return 0  # each one a glyph before a word ("\x00 Nhà đầu tư độc lập"), never in a run or before a byte
    return n


def _decode_tolerating_truncation(body: bytes, encoding: str, offset: int, warnings: list[str]) -> str:
    """Decode strictly, except that a multibyte sequence cut off by the end of file is dropped with a warning."""
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.reason not in ("unexpected end of data", "truncated data") or exc.end < len(body):
            raise
        label = encoding[:6].upper()  # UTF-8, UTF-16, UTF-32
        warnings.append(
            f"truncated {label} sequence at byte {offset + exc.start}: the incomplete character was dropped"
        )
        return body[: exc.start].decode(encoding)


def _sniff_utf32(sample: bytes) -> str | None:
    """UTF-32 without BOM: every character is four bytes, three of them NUL for Latin text (and at
    least two for Vietnamese letters), so the high bytes of each unit are all NUL."""
    units = len(sample) // 4
    if units < 2:
        return None
    cols = [sample[i::4][:units].count(0) for i in range(4)]
    if cols[2] == cols[3] == units and cols[1] >= units * 0.5:
        return "utf-32-le"
    if cols[0] == cols[1] == units and cols[2] >= units * 0.5:
        return "utf-32-be"
    return None


def _sniff_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM: ASCII and Latin letters leave a NUL in every other byte."""
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= half * 0.25 and even <= half * 0.02:
        return "utf-16-le"
    if even >= half * 0.25 and odd <= half * 0.02:
        return "utf-16-be"
    return None


def _what(data: bytes) -> str | None:
    """What a known file signature says the data is."""
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def _binary_reason(sample: bytes, evidence: str) -> str:
    return f"binary file ({_what(sample) or evidence}), not text"


def _decode_legacy_bytes(data: bytes, exc: UnicodeDecodeError, warnings: list[str]) -> tuple[str, str]:
    """Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, if one of them reads as Vietnamese."""
    verdict = legacy.assess_bytes(data)
    if verdict.encoding and verdict.confident:
        warnings.append(f"not UTF-8: read as {legacy.ENCODING_NAMES[verdict.encoding]} and converted to Unicode")
        if verdict.encoding == "tcvn3":
            warnings.append(_TCVN3_CASE_WARNING)
        return verdict.text, verdict.encoding
    if verdict.encoding and verdict.ratio >= legacy.PLAUSIBLE:
        raise _Unreadable(_unconvertible(verdict))
    raise _Unreadable(
        f"undecodable text: invalid UTF-8 at byte {exc.start} and not Vietnamese in "
        "Windows-1258, TCVN3 (ABC) or VNI either"
    )


def _legacy_check(text: str, encoding: str, warnings: list[str]) -> tuple[str, str]:
    """Convert legacy mojibake inside already-decoded text, or refuse it."""
    if text.isascii():
        return text, encoding
    verdict = legacy.assess(text)
    if verdict.encoding not in legacy.LEGACY:
        return text, encoding
    if not verdict.confident:
        raise _Unreadable(_unconvertible(verdict))
    name = legacy.ENCODING_NAMES[verdict.encoding]
    if encoding == "unicode":
        warnings.append(f"the document used a {name} font: its text was converted to Unicode")
        encoding = verdict.encoding
    else:
        warnings.append(f"{name} text stored as {encoding} mojibake was converted to Unicode")
        encoding = f"{encoding}+{verdict.encoding}"
    if verdict.encoding == "tcvn3":
        warnings.append(_TCVN3_CASE_WARNING)
    return verdict.text, encoding


_TCVN3_CASE_WARNING = (
    "TCVN3 stores accented capitals as lowercase (the .VnTimeH font drew them): "
    "capitals were restored in words written in capitals only"
)


def _unconvertible(verdict: legacy.Verdict) -> str:
    name = legacy.ENCODING_NAMES[verdict.encoding or ""]
    return (
        f"looks like {name} text; could not convert it confidently "
        f"(only {verdict.ratio:.0%} of accented words read as Vietnamese)"
    )


# --- PDF ----------------------------------------------------------------------------------
def _pdf_text(data: bytes, warnings: list[str]) -> str:
    if data.find(b"%PDF-", 0, 1024) < 0:
        raise _Unreadable(f"not a PDF file ({_what(data) or 'no %PDF- header'})")
    # pypdf recovers what it can from a cut-off file; a letter missing its end must not pass as whole.
    if b"%%EOF" not in data[-2048:]:
        raise _Unreadable("truncated PDF (no %%EOF marker at the end)")
    from pypdf import PdfReader

    with _captured_log("pypdf") as messages:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _Unreadable("PDF is password-protected")
            if len(reader.pages) > MAX_PAGES:  # counted before any page's text is read
                raise _Unreadable(f"PDF has {len(reader.pages)} pages, too many for one letter (the limit is "
                                  f"{MAX_PAGES}, set LINEAGE_MAX_PAGES to change it)")
            pages = [page.extract_text() or "" for page in reader.pages]
        except _Unreadable:
            raise
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
            raise _Unreadable(f"corrupt PDF ({_one_line(exc)})") from None
    warnings += [f"pypdf: {m}" for m in dict.fromkeys(messages)]
    text = "\n".join(pages)
    if not text.strip():
        raise _Unreadable("PDF has no text layer (scanned image?); OCR it first")
    return text


@contextlib.contextmanager
def _captured_log(name: str) -> Iterator[list[str]]:
    """Collect a library's log messages (they become warnings) instead of printing them."""
    logger, messages = logging.getLogger(name), []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(_one_line(record.getMessage()))

    handler, propagate = _Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


# --- DOCX ---------------------------------------------------------------------------------
def _docx_text(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Unreadable("old Word .doc file with a .docx name; open it in Word and save it as .docx")
    if not data.startswith(b"PK"):
        raise _Unreadable("not a DOCX file (not a zip archive)")
    import zipfile

    import docx

    try:
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Unreadable(f"corrupt or truncated DOCX ({_one_line(exc)})") from None
    if unpacked > _DOCX_MAX_UNPACKED or unpacked > _DOCX_MAX_RATIO * len(data):
        raise _Unreadable(f"DOCX would unpack to {unpacked / 1e6:.0f} MB from {len(data) / 1e6:.1f} MB: refused "
                          "as a zip bomb, not a letter")
    try:
        return "\n".join(_docx_lines(docx.Document(io.BytesIO(data))))
    except Exception as exc:  # noqa: BLE001 - zipfile, lxml, python-docx errors: all mean damaged
        raise _Unreadable(f"corrupt or truncated DOCX ({_one_line(exc)})") from None


def _docx_lines(container) -> Iterator[str]:
    """Paragraph texts in document order; table cells row by row, a merged cell once."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            seen = set()  # the cells' XML elements; holding them keeps lxml's proxies (and identity) alive
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _docx_lines(cell)
        else:
            yield block.text


# --- helpers ------------------------------------------------------------------------------
def _expected() -> str:
    return ", ".join(SUPPORTED[:-1]) + " or " + SUPPORTED[-1]


def _one_line(message: object) -> str:
    text = re.sub(r"\s+", " ", str(message)).strip() or type(message).__name__
    return text if len(text) <= 200 else text[:197] + "..."
