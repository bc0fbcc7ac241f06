"""The one document model every reader produces and every extractor reads.

A reader (``readers/``) turns bytes into a :class:`Document`: a flat list of
:class:`Line` in reading order, each remembering where it came from (page, line
number, table cell) and what the reader knows of its layout (column, bold,
position, OCR confidence).  ``layout.zones`` then labels every line with a
:data:`Zone` (header-left, header-right, title, body, footer-left, footer-right),
so extractors never care whether the text came from Word, a PDF or a scan.

Plain dataclasses, not Pydantic: a report has hundreds of lines and this model
is internal and hot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Zone = Literal["header-left", "header-right", "title", "body", "footer-left", "footer-right"]
Column = Literal["left", "right"]

ZONES: tuple[Zone, ...] = ("header-left", "header-right", "title", "body", "footer-left", "footer-right")


@dataclass(slots=True)
class Line:
    """One line (or one Word paragraph) of text and where it came from."""

    text: str
    page: int = 1
    number: int = 0
    """1-based position in the source: text line, Word paragraph, or line on the PDF page."""
    zone: Zone | None = None
    column: Column | None = None
    """Set by readers that see layout (a table cell, a PDF column): a hint for ``layout.zones``."""
    cell: tuple[int, int, int] | None = None
    """(table, row, column) for text that came from a table cell, 0-based."""
    bold: bool | None = None
    italic: bool | None = None
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    confidence: float | None = None
    """Mean OCR word confidence in 0..1; None when the text did not come from OCR."""
    end_number: int | None = None
    """Last source line when several wrapped lines were joined into this one."""
    kind: str | None = None
    """What the line is (``layout.linekinds.LineKind``: issuer, number, subject, authority, name…),
    set once by ``layout.linekinds.label_lines`` after zoning; extractors read it."""

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    def with_text(self, text: str) -> Line:
        """A copy holding other text.  ``dataclasses.replace`` does the same by walking the fields, at
        several times the cost, and paragraph joining copies every line of every parse
        (``tests/test_paragraphs.py`` checks that every field is copied)."""
        return Line(text, self.page, self.number, self.zone, self.column, self.cell, self.bold, self.italic,
                    self.x0, self.x1, self.top, self.confidence, self.end_number, self.kind)


@dataclass(slots=True)
class Document:
    """What a reader produced: lines in reading order plus facts about the source."""

    lines: list[Line]
    format: str
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None
    """Character encoding of a text file, or the legacy font encoding found (``tcvn3``, ``vni``)."""
    warnings: list[str] = field(default_factory=list)
    tables: list = field(default_factory=list)
    """The body's statistics tables (:class:`baocao_parser.tables.ReportTable`), where the reader finds them."""

    def zone(self, *zones: Zone) -> list[Line]:
        """The lines of the given zones, in reading order."""
        return [ln for ln in self.lines if ln.zone in zones]

    def text(self, *zones: Zone) -> str:
        lines = self.zone(*zones) if zones else self.lines
        return "\n".join(ln.text for ln in lines)


@dataclass(slots=True)
class ZonedDocument:
    """What every extractor takes: a zoned, labelled :class:`Document` and its body paragraphs.

    The paragraphs are the body's lines with hard-wrapped lines re-joined
    (``normalise.paragraphs``) for line-based formats, or the Word paragraphs as
    they are.  Each extractor (``extract/``) is a function ``ZonedDocument → its
    part of the report``; the pipeline assembles the parts.
    """

    doc: Document
    paragraphs: list[Line]
    derived: dict[str, Any] = field(default_factory=dict)
    """Parts one extractor reads from another's (the header's subject and date for the period and the
    inference), computed once per document by the extractor that owns them."""

    def zone(self, *zones: Zone) -> list[Line]:
        return self.doc.zone(*zones)

    def labelled(self, *kinds: str) -> list[Line]:
        """The lines of the given kinds (``layout.linekinds.LineKind``), in reading order."""
        return [ln for ln in self.doc.lines if ln.kind in kinds]
