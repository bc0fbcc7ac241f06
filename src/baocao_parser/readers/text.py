"""Plain-text reports: detect the encoding, never assume it.

Archives hold UTF-8 (with or without BOM), UTF-16 from Windows "Unicode" saves,
Windows-1258 (Vietnamese ANSI, which writes tones as combining marks), decomposed
(NFD) text from macOS, and pre-Unicode TCVN3/VNI bytes.  Each line becomes one
:class:`~baocao_parser.document.Line`; re-joining hard-wrapped lines happens
later (``normalise.paragraphs``) once the zones are known.
"""

from __future__ import annotations

import unicodedata

from ..document import Document, Line
from ..errors import UnreadableDocumentError


def decode_text(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file; text is NFC."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _nfc(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16", errors="replace")), "utf-16"
    if b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        return _nfc(data.decode(enc, errors="replace")), enc
    try:
        return _nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _legacy_8bit(data)
    if legacy is not None:
        return legacy
    return _nfc(data.decode("cp1258", errors="replace")), "cp1258"


def _legacy_8bit(data: bytes) -> tuple[str, str] | None:
    """TCVN3 or VNI bytes: read them as cp1252 code points and convert if detected."""
    try:
        from ..normalise.legacy_encoding import repair
    except ImportError:  # pragma: no cover - the module ships with the package
        return None
    as_1252 = data.decode("cp1252", errors="replace")
    fixed, enc = repair(as_1252)
    return (_nfc(fixed), enc) if enc else None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(data: bytes, source: str = "<bytes>") -> Document:
    """Read a text file into a :class:`Document` (one Line per physical line)."""
    if not data.strip():
        raise UnreadableDocumentError(source, "the file is empty")
    text, encoding = decode_text(data, source)
    return document_from_text(text, fmt="txt", encoding=encoding)


def document_from_text(text: str, *, fmt: str = "txt", encoding: str | None = None) -> Document:
    text = _nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = [Line(text=_clean(raw), number=i) for i, raw in enumerate(text.split("\n"), start=1)]
    return Document(lines=lines, format=fmt, encoding=encoding)


_SPACES = str.maketrans({"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "", "\ufeff": "", "\t": "    "})


def _clean(line: str) -> str:
    """Keep inner spacing (column gaps matter to ``layout``), drop the line's trailing blanks."""
    return line.translate(_SPACES).rstrip()
