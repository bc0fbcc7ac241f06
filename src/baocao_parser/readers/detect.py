"""Tell a file's kind by its content (magic bytes), not only by its name.

Archives are full of wrong extensions: a .doc that is really a .docx, a .pdf
saved as .txt, a scan named .jpg that is a PNG.  The extension is only a hint
used when the content says nothing (plain text).
"""

from __future__ import annotations

import io
import zipfile

from .text import mostly_utf8

Kind = str  # "txt" | "docx" | "doc" | "pdf" | "image" | "rtf" | "odt" | "unknown"

_EXTENSION_KINDS = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".csv": "txt",
    ".docx": "docx", ".docm": "docx", ".doc": "doc", ".rtf": "rtf", ".odt": "odt",
    ".pdf": "pdf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".bmp": "image", ".gif": "image", ".webp": "image", ".heic": "image", ".heif": "image",
}
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a",
)


_MARKUP = (b"<?xml", b"<html", b"<!doctype html", b"\xef\xbb\xbf<")


def kind_from_extension(name: str | None) -> Kind | None:
    if not name:
        return None
    dot = name.rfind(".")
    return _EXTENSION_KINDS.get(name[dot:].lower()) if dot >= 0 else None


def sniff(data: bytes, name: str | None = None) -> Kind:
    """The kind of ``data``: by magic bytes first, then by the name's extension."""
    head = data[:16]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if any(head.startswith(m) for m in _IMAGE_MAGIC) or (head[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:  # HEIC/HEIF photos from phones
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2 compound file: Word 97-2003 (or another Office file)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    ext = kind_from_extension(name)
    if ext in ("doc", "rtf", "odt") and data[:512].lstrip().lower().startswith(_MARKUP):
        return "doc"  # Word's "save as .doc" of a web page or Word 2003 XML: LibreOffice converts it
    if ext in ("txt", None) or ext not in ("docx", "pdf", "image", "doc", "odt"):
        return "txt" if _looks_like_text(data) else "unknown"
    # The name promises a binary kind but the magic bytes disagree: trust the content.
    return "txt" if _looks_like_text(data) else "unknown"


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and b"opendocument.text" in zf.read("mimetype")[:100]:
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError):
        return "docx-corrupt"
    return "unknown"


def _looks_like_text(data: bytes) -> bool:
    """Text if it decodes as UTF-8/UTF-16 or has few control bytes (legacy 8-bit encodings)."""
    sample = data[:65536]
    if not sample.strip():
        return bool(sample)  # whitespace only: text, but empty; the text reader says so
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff")):
        return True
    nuls = sample.count(0)
    if nuls <= len(sample) // 100 and mostly_utf8(sample, letters_needed=1):
        return True  # UTF-8 with a stray NUL, Word's vertical-tab line breaks or other control bytes is still text
    if b"\x00" in sample:
        # UTF-16 without BOM has a NUL in every other byte; binary has them anywhere.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) // 200

