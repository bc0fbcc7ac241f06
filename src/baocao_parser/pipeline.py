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
from .document import Document, Line
from .errors import UnreadableDocumentError
from .extract.closing import extract_closing
from .extract.common import mean_confidence
from .extract.conferences import extract_conferences
from .extract.header import extract_header
from .extract.infer import infer_issuer
from .extract.period import find_period
from .extract.references import extract_references, plans_of
from .extract.sections import build_outline, collect_parts, to_sections
from .layout import assign_zones
from .normalise.paragraphs import join_wrapped
from .readers import read_document
from .readers.text import document_from_text
from .report import Report, Source

LINE_FORMATS = frozenset({"txt", "pdf", "pdf-scan", "image"})


def read(source: str | os.PathLike[str] | bytes, *, format: str | None = None) -> tuple[Document, Source]:
    """Read and zone a document without extracting fields (the lossless view)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name, path = bytes(source), "<bytes>", None
    else:
        path = os.fsdecode(source)
        name = printable_path(path)
        try:
            data = read_regular_file(path, name)
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
    doc = read_document(data, source=name, format=format)
    bound_document(doc)
    src = Source(path=printable_path(str(Path(path).resolve())) if path else None, sha256=hashlib.sha256(data).hexdigest(),
                 format=doc.format, pages=doc.pages, ocr=doc.ocr, size=len(data), encoding=doc.encoding,
                 parser_version=__version__)
    assign_zones(doc)
    return doc, src


def parse(source: str | os.PathLike[str] | bytes, *, format: str | None = None) -> Report:
    """Parse a report file (path or bytes) into a :class:`Report`.

    Raises :class:`~baocao_parser.errors.BaocaoError` (naming the file and the
    reason) when the file cannot be read at all; anything the parser could not
    find in a readable file is reported in ``Report.warnings`` instead.
    """
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
    assign_zones(doc)
    src = Source(path=path, sha256=hashlib.sha256(data).hexdigest(), format="txt", size=len(data),
                 encoding="utf-8", parser_version=__version__)
    return parse_document(doc, source=src)


def parse_document(doc: Document, *, source: Source) -> Report:
    """Run the extractors over a zoned :class:`Document`."""
    if doc.lines and all(ln.zone is None for ln in doc.lines):
        assign_zones(doc)
    body_lines = doc.zone("body")
    paragraphs = join_wrapped(body_lines) if doc.format in LINE_FORMATS else [
        ln for ln in body_lines if ln.text.strip()]
    warnings = list(doc.warnings)
    paragraphs = bound_paragraphs(paragraphs, warnings)
    if not any(ln.text.strip() for ln in doc.lines):
        raise UnreadableDocumentError(source.path or "<input>", "no text found in the document")

    header = extract_header(doc)
    warnings += header.warnings
    report = Report(source=source, doc_type=header.doc_type, issuer=header.issuer, number=header.number,
                    place=header.place, issued_date=header.issued_date, title=header.title,
                    provenance=dict(header.provenance))

    title_text = header.title or ""
    default_year = header.issued_date.year if header.issued_date else None
    period = find_period(title_text, default_year=default_year) if title_text else None
    if period is not None:
        period.provenance = header.provenance.get("title")
    report.period = period

    title_lines = [ln for ln in doc.zone("title") if ln.text.strip()]
    refs = extract_references(title_lines[1:] + paragraphs)
    report.references = refs
    report.plans = plans_of(refs)

    report.conferences = extract_conferences(paragraphs)
    report.conference_total = sum(c.count for c in report.conferences) if report.conferences else None

    outline = build_outline(paragraphs)
    report.sections = to_sections(outline)
    for family, items in collect_parts(outline).items():
        setattr(report, family, items)

    closing = extract_closing(doc)
    report.recipients, report.addressees, report.signatory = closing.recipients, closing.addressees, closing.signatory
    warnings += closing.warnings

    if report.issuer.name is None:
        inferred = infer_issuer(report, paragraphs)
        if inferred is not None:
            report.issuer = inferred
            warnings.append(f"no issuer in a header; inferred '{inferred.name}' from the signer block and the body")
        else:
            warnings.append("no issuer found")
    if report.doc_type is not None and report.doc_type != "CÔNG VĂN" and report.title is None:
        warnings.append("no subject (trích yếu) found under the document kind")
    if not report.difficulties and report.doc_type == "BÁO CÁO":
        warnings.append("no difficulties part (khó khăn, hạn chế…) found")
    if doc.ocr:
        _confidences(doc, report, warnings)
    report.warnings = _dedupe(warnings)
    report.text = unicodedata.normalize("NFC", "\n".join(ln.text for ln in _text_lines(doc, paragraphs)))
    return report


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
