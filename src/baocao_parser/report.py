"""The public, typed face of a parsed report: the Pydantic :class:`Report`.

Field names follow ``shared/spec/output-contract.md`` (they are read by scripts,
notebooks and the scorer); everything else here is an addition.  Absent values
are ``None`` or ``[]``, never placeholders.  Text is Unicode NFC as printed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .document import Zone
from .tables.model import ReportTable

PeriodKind = Literal["week", "month", "quarter", "half_year", "nine_months", "year", "school_year", "semester", "custom"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a value was read: the zone, page and source line(s)."""

    zone: Zone | None = None
    page: int | None = None
    line: int | None = None
    end_line: int | None = None
    cell: tuple[int, int, int] | None = None
    inferred: bool = False
    """True when the value was not printed where it belongs but deduced (e.g. issuer of a headerless report)."""


class Source(_Model):
    path: str | None = None
    sha256: str
    format: str
    pages: int | None = None
    ocr: bool = False
    size: int = 0
    encoding: str | None = None
    """Text encoding detected (utf-8, utf-16, cp1258…) or legacy font encoding converted (tcvn3, vni)."""
    parser_version: str = ""


class Issuer(_Model):
    name: str | None = None
    parent: str | None = None
    provenance: Provenance | None = None


class DocumentNumber(_Model):
    """The document's own number and symbol (``Số: 05/BC-UBND``)."""

    raw: str | None = None
    sequence: int | None = None
    year: int | None = None
    kind_code: str | None = None
    issuer_code: str | None = None
    provenance: Provenance | None = None


class Period(_Model):
    """The reporting period, calendar bounds and Nghị định 09/2019 data cut-off."""

    label: str | None = None
    kind: PeriodKind | None = None
    year: int | None = None
    index: int | None = None
    """Month 1-12, quarter 1-4, half 1-2; None for kinds without an index."""
    start: dt.date | None = None
    end: dt.date | None = None
    data_from: dt.date | None = None
    data_to: dt.date | None = None
    provenance: Provenance | None = None


class Reference(_Model):
    """A document the report cites (Kế hoạch, Nghị định, Công văn…)."""

    kind: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    text: str = ""
    """The mention as printed."""
    provenance: Provenance | None = None


class Conference(_Model):
    """A count of conferences, meetings or sessions the report gives."""

    count: int
    description: str
    noun: str
    """The counted noun as printed (hội nghị, cuộc họp, buổi…)."""
    count_text: str
    """The count as printed (``03``, ``hai mươi mốt``)."""
    sentence: str
    provenance: Provenance | None = None


class Section(_Model):
    """A node of the numbered outline (I., 1., 1.1., a), -, +)."""

    marker: str | None = None
    level: int
    heading: str = ""
    text: str = ""
    """Text printed after the heading on the same line or in paragraphs that are not sub-items."""
    children: list[Section] = Field(default_factory=list)
    provenance: Provenance | None = None


class Signatory(_Model):
    name: str | None = None
    title: str | None = None
    authority: str | None = None
    rank: str | None = None
    """A military rank or academic title printed before the name (``Đại tá``, ``ThS.``), not part of it."""
    provenance: Provenance | None = None


class Report(_Model):
    """One parsed document."""

    source: Source
    doc_type: str | None = None
    issuer: Issuer = Field(default_factory=Issuer)
    number: DocumentNumber = Field(default_factory=DocumentNumber)
    place: str | None = None
    issued_date: dt.date | None = None
    title: str | None = None
    period: Period | None = None
    plans: list[Reference] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    conferences: list[Conference] = Field(default_factory=list)
    conference_total: int | None = None
    sections: list[Section] = Field(default_factory=list)
    achievements: list[str] = Field(default_factory=list)
    advantages: list[str] = Field(default_factory=list)
    difficulties: list[str] = Field(default_factory=list)
    causes: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    proposals: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)
    """The ``Kính gửi`` block of a Công văn or Tờ trình."""
    signatory: Signatory = Field(default_factory=Signatory)
    tables: list[ReportTable] = Field(default_factory=list)
    """The body's statistics tables (not the header, signature or layout tables), see :mod:`baocao_parser.tables`."""
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    """Provenance of the scalar fields (place, issued_date, title, doc_type)."""
    confidence: dict[str, float] = Field(default_factory=dict)
    """OCR confidence (0..1) of the fields read from OCR'd text."""
    warnings: list[str] = Field(default_factory=list)
    text: str = ""
    """The whole text, NFC, one line per paragraph: kept for search and re-reading."""


Section.model_rebuild()
