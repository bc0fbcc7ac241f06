"""Plain-text reports: detect the encoding, never assume it.

Archives hold UTF-8 (with or without BOM), UTF-16 from Windows "Unicode" saves,
Windows-1258 (Vietnamese ANSI, which writes tones as combining marks), decomposed
(NFD) text from macOS, and pre-Unicode TCVN3/VNI bytes.  Each line becomes one
:class:`~baocao_parser.document.Line`; re-joining hard-wrapped lines happens
later (``normalise.paragraphs``) once the zones are known.
"""

from __future__ import annotations

import re
import unicodedata

from ..document import Document, Line
from ..errors import UnreadableDocumentError


def decode_text(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file; text is NFC.

    ``encoding`` names the byte encoding, and ``+tcvn3``/``+vni`` is appended
    when the letters were typed in a pre-Unicode font encoding and converted.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _with_legacy(data.decode("utf-32", errors="replace"), "utf-32")
    if data.startswith(b"\xef\xbb\xbf"):
        return _with_legacy(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _with_legacy(data.decode("utf-16", errors="replace"), "utf-16")
    even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
    if max(even, odd) > min(len(data), 4096) // 8:  # UTF-16 without BOM: a NUL in every other byte, not one stray NUL
        enc = "utf-16-le" if odd > even else "utf-16-be"
        return _with_legacy(data.decode(enc, errors="replace"), enc)
    try:
        return _with_legacy(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):  # one stray byte must not turn a whole UTF-8 report into cp1258 mojibake
        return _with_legacy(data.decode("utf-8", errors="replace"), "utf-8")
    from ..normalise.legacy_encoding import decode_text_bytes

    fixed, legacy = decode_text_bytes(data)  # raw TCVN3/VNI bytes are never valid UTF-8
    if legacy:
        return _nfc(fixed), legacy
    return _nfc(data.decode("cp1258", errors="replace")), "cp1258"


def mostly_utf8(data: bytes, letters_needed: int = 0) -> bool:
    """UTF-8 with at most one invalid byte per twenty valid non-ASCII letters (legacy 8-bit text is far worse),
    and at least ``letters_needed`` such letters."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return bad * 20 <= good and good >= letters_needed


def invalid_bytes(text: str) -> int:
    return text.count("\ufffd")


def _with_legacy(text: str, encoding: str) -> tuple[str, str]:
    """Legacy letters can survive a save as UTF-8 ("B¸o c¸o"): convert them too."""
    from ..normalise.legacy_encoding import repair

    fixed, legacy = repair(text)
    return _nfc(fixed), (f"{encoding}+{legacy}" if legacy else encoding)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(data: bytes, source: str = "<bytes>") -> Document:
    """Read a text file into a :class:`Document` (one Line per physical line)."""
    if not data.strip():
        raise UnreadableDocumentError(source, "the file is empty")
    text, encoding = decode_text(data, source)
    doc = document_from_text(text, fmt="txt", encoding=encoding)
    bad = invalid_bytes(text)
    if bad:
        doc.warnings.append(f"{bad} byte(s) invalid in {encoding} were replaced by \ufffd")
    return doc


def document_from_text(text: str, *, fmt: str = "txt", encoding: str | None = None) -> Document:
    text = _nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    if "\u00a0" in text:  # "&nbsp; " between two words is one space; a longer run is a gap (columns)
        text = _NBSP_PAIR.sub(" ", text)
    if _TO_CLEAN.search(text):  # the spacing characters are cleaned over the whole text at once, when there are any
        text = text.translate(_SPACES)  # (no "\n" is made or lost: the lines stay the same)
    # inner spacing is kept (column gaps matter to ``layout``); each line drops its trailing blanks
    lines = [Line(text=raw.rstrip(), number=i) for i, raw in enumerate(text.split("\n"), start=1)]
    return Document(lines=lines, format=fmt, encoding=encoding)


_NBSP_PAIR = re.compile(r"(?<![ \u00a0])(?:\u00a0 | \u00a0|\u00a0\u00a0)(?![ \u00a0])")
"""Two spaces, one of them non-breaking, between two words: a web page's way of writing one (``&nbsp; ``)."""

_SPACES = str.maketrans({"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "", "\ufeff": "", "\t": "    ",
                         **{chr(c): "" for c in range(32) if c not in (9, 10, 12, 13)}, "\x7f": ""})
_TO_CLEAN = re.compile("[" + "".join(re.escape(chr(c)) for c in _SPACES) + "]")
