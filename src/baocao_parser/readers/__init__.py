"""Readers: one per input kind, each turning bytes into the shared :class:`Document`.

``read_document`` picks the reader by content (``detect.sniff``), so a wrong
extension does not matter, and turns every failure into a
:class:`~baocao_parser.errors.BaocaoError` that names the file and the reason.
Readers that need optional parts (pdfplumber, Tesseract, LibreOffice) are
imported only when such a file comes along.
"""

from __future__ import annotations

from ..document import Document
from ..errors import BaocaoError, UnreadableDocumentError, UnsupportedFormatError
from .detect import sniff

MAX_BYTES = {"txt": 20 * 1024 * 1024, "default": 512 * 1024 * 1024}

FORMATS = ("txt", "docx", "doc", "rtf", "odt", "pdf", "image")


def read_document(data: bytes, *, source: str = "<bytes>", format: str | None = None) -> Document:
    """Read ``data`` into a :class:`Document`; ``format`` overrides detection."""
    if not data:
        raise UnreadableDocumentError(source, "the file is empty (0 bytes)")
    kind = format or sniff(data, source)
    limit = MAX_BYTES.get(kind, MAX_BYTES["default"])
    if len(data) > limit:
        raise UnreadableDocumentError(source, f"file of {len(data) / 1e6:.0f} MB is over the {limit / 1e6:.0f} MB limit for {kind}")
    try:
        return _dispatch(kind, data, source)
    except BaocaoError:
        raise
    except MemoryError:
        raise UnreadableDocumentError(source, "out of memory while reading the file") from None
    except RecursionError:
        raise UnreadableDocumentError(source, "the file nests too deeply to read") from None


def read_page_images(datas: list[bytes], names: list[str]) -> Document:
    """Several page images (photos or scans, or multi-page TIFFs) as one report, in the given order."""
    source = names[0] if len(names) == 1 else f"{names[0]} (+{len(names) - 1} pages)"
    for data, name in zip(datas, names):
        if not data:
            raise UnreadableDocumentError(name, "the file is empty (0 bytes)")
        if len(data) > MAX_BYTES["default"]:
            raise UnreadableDocumentError(name, f"file of {len(data) / 1e6:.0f} MB is over the limit")
        if sniff(data, name) != "image":
            raise UnsupportedFormatError(name, "only image files can be read as the pages of one report")
    from .image import read_images

    try:
        return read_images(datas, names, source)
    except BaocaoError:
        raise
    except MemoryError:
        raise UnreadableDocumentError(source, "out of memory while reading the pages") from None


def _dispatch(kind: str, data: bytes, source: str) -> Document:
    if kind == "txt":
        from .text import read_text

        return read_text(data, source)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, source)
    if kind == "docx-corrupt":
        raise UnreadableDocumentError(source, "corrupt .docx: the zip archive cannot be opened")
    if kind in ("doc", "rtf", "odt"):
        from .docx import read_docx
        from .libreoffice import convert_with_libreoffice

        converted = convert_with_libreoffice(data, source=source, suffix="." + kind)
        doc = read_docx(converted, source)
        doc.format = kind
        return doc
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, source)
    if kind == "image":
        from .image import read_image

        return read_image(data, source)
    raise UnsupportedFormatError(source, "not a text, Word, PDF or image file (its first bytes match no supported kind)")
