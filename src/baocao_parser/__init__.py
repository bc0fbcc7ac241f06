"""baocao_parser: Vietnamese administrative reports (báo cáo) into typed data.

High level::

    import baocao_parser
    report = baocao_parser.parse("bao-cao-6-thang.docx")
    report.issuer.name, report.period, report.conference_total

Low level: ``readers.read_document`` gives the lossless :class:`Document`
(lines with their zones and provenance) that the extractors work on.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .document import Document, Line
from .errors import BaocaoError, MissingDependencyError, UnreadableDocumentError, UnsupportedFormatError
from .pipeline import parse, parse_document, parse_text, read
from .report import (
    Conference,
    DocumentNumber,
    Issuer,
    Period,
    Provenance,
    Reference,
    Report,
    Section,
    Signatory,
    Source,
)

__all__ = [
    "__version__",
    "parse", "parse_text", "parse_document", "read",
    "Report", "Source", "Issuer", "DocumentNumber", "Period", "Reference", "Conference",
    "Section", "Signatory", "Provenance", "Document", "Line",
    "BaocaoError", "UnreadableDocumentError", "UnsupportedFormatError", "MissingDependencyError",
]


_LAZY = {
    "parse_many": "batch", "BatchResult": "batch", "BatchSummary": "batch",
    "Archive": "archive",
    "compare": "comparison", "ReportDiff": "comparison", "timeline": "comparison",
}


def __getattr__(name: str):  # lazy: batch/archive/compare pull in more dependencies
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'baocao_parser' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return value
