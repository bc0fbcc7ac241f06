"""The one call the pipeline makes for tables that its reader did not find itself.

Word tables come with the Word reader's own walk (no second parse of the
file); a text PDF's tables need pdfplumber over the raw bytes, read here.
Scans are not searched (OCR gives no ruling lines to find cells by).
"""

from __future__ import annotations

from ..document import Document


def read_pdf_tables_into(doc: Document, data: bytes, source: str) -> None:
    """Fill ``doc.tables`` for a text PDF; note in ``doc.warnings`` what could not be read."""
    if doc.format in ("pdf", "pdf-scan"):  # a partly scanned PDF may still have text pages
        from .pdf_tables import read_pdf_tables

        try:
            doc.tables = read_pdf_tables(data, source)
        except Exception as exc:  # a damaged page must not cost the report its fields
            doc.warnings.append(f"tables not read: {exc.__class__.__name__}: {exc}")
