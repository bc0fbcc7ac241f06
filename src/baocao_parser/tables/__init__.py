"""Statistics tables (biểu số liệu) of a report's body: :class:`ReportTable`.

Word tables are read with python-docx (:mod:`.docx_tables`), text PDFs with
pdfplumber's table finder (:mod:`.pdf_tables`); both hand a grid of cells to
:mod:`.grid`, which finds header rows, spreads merged header cells and parses
numbers (:mod:`.numbers`).  Scanned pages and images are not searched for
tables: a report read by OCR has ``tables == []`` (its rows are still in
``Report.text``).
"""

from __future__ import annotations

from .model import ReportTable, TableCell
from .numbers import parse_number

__all__ = ["ReportTable", "TableCell", "parse_number"]
