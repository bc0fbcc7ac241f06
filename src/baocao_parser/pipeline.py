"""The pipeline: bytes → :class:`Document` → zones → paragraphs → extractors → :class:`Report`.

``read`` is the lossless low-level step (the zoned document, every line with
its provenance); ``parse`` is the convenient high-level one.  ``parse_text``
takes a string already in memory.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from . import __version__
from .bounds import bound_document, bound_paragraphs, printable_path, read_regular_file
from .document import Document, Line, ZonedDocument
from .errors import UnreadableDocumentError
from .extract.closing import extract_closing
from .extract.common import mean_confidence
from .extract.conferences import extract_conferences
from .extract.header import extract_header
from .extract.infer import infer_issuer
from .extract.period import extract_period
from .extract.references import extract_references, plans_of
from .extract.sections import extract_parts
from .layout import assign_zones
from .normalise.folding import zoning
from .normalise.paragraphs import join_wrapped
from .readers import read_document
from .readers.text import document_from_text
from .report import Report, Source
from .tables.reading import read_pdf_tables_into

LINE_FORMATS = frozenset({"txt", "pdf", "pdf-scan", "image"})


def read(source: str | os.PathLike[str] | bytes | list, *, format: str | None = None) -> tuple[Document, Source]:
    """Read and zone a document without extracting fields (the lossless view).

    A list of image files (paths or bytes) is one report whose pages they are, in order.
    """
    if isinstance(source, (list, tuple)):
        return _read_pages(list(source))
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name, path = bytes(source), "<bytes>", None
    else:
        path = os.fsdecode(source)
        name = printable_path(path)
        data = _file_bytes(path, name)
    doc = read_document(data, source=name, format=format)
    read_pdf_tables_into(doc, data, name)
    bound_document(doc)
    src = Source(path=printable_path(str(Path(path).resolve())) if path else None, sha256=hashlib.sha256(data).hexdigest(),
                 format=doc.format, pages=doc.pages, ocr=doc.ocr, size=len(data), encoding=doc.encoding,
                 parser_version=__version__)
    assign_zones(doc)
    return doc, src


def _file_bytes(path: str, name: str) -> bytes:
    """A regular file's bytes, or an :class:`UnreadableDocumentError` naming it and the reason."""
    try:
        return read_regular_file(path, name)
    except FileNotFoundError:
        raise UnreadableDocumentError(name, "no such file") from None
    except PermissionError:
        raise UnreadableDocumentError(name, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableDocumentError(name, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableDocumentError(name, f"cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise UnreadableDocumentError(name, f"not a usable path: {exc}") from None


def _read_pages(sources: list) -> tuple[Document, Source]:
    """Page images given one by one (``parse([p1, p2])``, ``baocao parse --as-one``) read as one report."""
    from .readers import read_page_images

    if not sources:
        raise UnreadableDocumentError("<pages>", "no page images given")
    datas, names = [], []
    for s in sources:
        if isinstance(s, (bytes, bytearray, memoryview)):
            datas.append(bytes(s))
            names.append(f"<bytes {len(names) + 1}>")
        else:
            doc_src = os.fsdecode(s)
            datas.append(_file_bytes(doc_src, printable_path(doc_src)))
            names.append(doc_src)
    doc = read_page_images(datas, names)
    first = sources[0]
    path = None if isinstance(first, (bytes, bytearray, memoryview)) else str(Path(os.fspath(first)).resolve())
    digest = hashlib.sha256()
    for d in datas:
        digest.update(hashlib.sha256(d).digest())
    src = Source(path=path, sha256=digest.hexdigest(), format=doc.format, pages=doc.pages, ocr=doc.ocr,
                 size=sum(len(d) for d in datas), encoding=doc.encoding, parser_version=__version__)
    assign_zones(doc)
    return doc, src


def parse(source: str | os.PathLike[str] | bytes | list, *, format: str | None = None) -> Report:
    """Parse a report file (path or bytes) into a :class:`Report`; a list of page images is one report.

    Raises :class:`~baocao_parser.errors.BaocaoError` (naming the file and the
    reason) when the file cannot be read at all; anything the parser could not
    find in a readable file is reported in ``Report.warnings`` instead.
    """
    with zoning():  # one memo of line answers for zoning and extraction alike, dropped when the parse ends
        doc, src = read(source, format=format)
        return parse_document(doc, source=src)


def parse_text(text: str, *, path: str | None = None) -> Report:
    """Parse a report already in memory as a string."""
    data = text.encode("utf-8", errors="surrogatepass")
    lone = sum(1 for c in text if "\ud800" <= c <= "\udfff")
    if lone:  # lone surrogates cannot be stored or printed as UTF-8
        text = data.decode("utf-8", errors="replace")
    doc = document_from_text(text, fmt="txt", encoding="utf-8")
    if lone:
        doc.warnings.append(f"{lone} lone surrogate code point(s) were replaced by \ufffd")
    bound_document(doc)
    src = Source(path=path, sha256=hashlib.sha256(data).hexdigest(), format="txt", size=len(data),
                 encoding="utf-8", parser_version=__version__)
    with zoning():
        assign_zones(doc)
        return parse_document(doc, source=src)


def parse_document(doc: Document, *, source: Source) -> Report:
    """Run the extractors over a zoned :class:`Document` and assemble their parts into a :class:`Report`."""
    if doc.lines and all(ln.zone is None for ln in doc.lines):
        assign_zones(doc)
    if not any(ln.text.strip() for ln in doc.lines):
        raise UnreadableDocumentError(source.path or "<input>", "no text found in the document")
    with zoning():
        return _extract(doc, source)


def _extract(doc: Document, source: Source) -> Report:
    bound_warnings: list[str] = []
    zd = ZonedDocument(doc, bound_paragraphs(body_paragraphs(doc), bound_warnings))

    header = extract_header(zd)
    period = extract_period(zd)
    references = extract_references(zd)
    conferences = extract_conferences(zd)
    parts = extract_parts(zd)
    closing = extract_closing(zd)

    warnings = [*doc.warnings, *bound_warnings, *header.warnings, *closing.warnings]
    issuer = header.issuer
    if issuer.name is None:
        inferred = infer_issuer(zd)
        if inferred is not None:
            issuer = inferred
            warnings.append(f"no issuer in a header; inferred '{inferred.name}' from the signer block and the body")
        else:
            warnings.append("no issuer found")
    if header.doc_type is not None and header.doc_type != "CÔNG VĂN" and header.title is None:
        warnings.append("no subject (trích yếu) found under the document kind")
    if not parts.difficulties and header.doc_type == "BÁO CÁO":
        warnings.append("no difficulties part (khó khăn, hạn chế…) found")

    report = Report(
        source=source, doc_type=header.doc_type, issuer=issuer, number=header.number, place=header.place,
        issued_date=header.issued_date, title=header.title, period=period,
        references=references, plans=plans_of(references),
        conferences=conferences, conference_total=sum(c.count for c in conferences) if conferences else None,
        **dict(parts),  # sections and each family's items, fields of Report
        recipients=closing.recipients, addressees=closing.addressees, signatory=closing.signatory,
        tables=doc.tables, provenance=dict(header.provenance),
    )
    if doc.ocr:
        _confidences(doc, report, warnings)
    report.warnings = _dedupe(warnings)
    report.text = unicodedata.normalize("NFC", "\n".join(ln.text for ln in _text_lines(doc, zd.paragraphs)))
    return report


def body_paragraphs(doc: Document) -> list[Line]:
    """The body as paragraphs: hard-wrapped lines re-joined in line-based formats, Word paragraphs as they are."""
    body_lines = doc.zone("body")
    if doc.format in LINE_FORMATS:
        return join_wrapped(body_lines)
    return [ln for ln in body_lines if ln.text.strip()]


def _text_lines(doc: Document, paragraphs: list[Line]) -> list[Line]:
    before = [ln for ln in doc.lines if ln.zone in ("header-left", "header-right", "title") and ln.text.strip()]
    after = [ln for ln in doc.lines if ln.zone in ("footer-left", "footer-right") and ln.text.strip()]
    return before + paragraphs + after


def _confidences(doc: Document, report: Report, warnings: list[str]) -> None:
    """Carry OCR word confidence into the fields read from OCR'd lines."""
    zones = {"issuer": ("header-left",), "number": ("header-left",), "place": ("header-right",),
             "issued_date": ("header-right",), "title": ("title",), "doc_type": ("title",),
             "signatory": ("footer-right",), "recipients": ("footer-left",), "body": ("body",)}
    for fieldname, zs in zones.items():
        conf = mean_confidence(doc.zone(*zs))
        if conf is not None:
            report.confidence[fieldname] = conf
            if conf < 0.6:
                warnings.append(f"low OCR confidence ({conf:.0%}) on {fieldname}")


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


__all__ = ["parse", "parse_text", "parse_document", "read"]
