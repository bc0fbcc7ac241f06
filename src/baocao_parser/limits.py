"""Every cap on the work one input may cause, in one place.

A hostile or merely odd input (a 5 MB line, 2 000 000 merged cells, a
300-frame GIF, a 120 kB search query) must never make the library run for
minutes or grow past a few hundred megabytes.  Each algorithm is linear in
its input, and where the input itself may be huge, the work is capped here.
Reaching a cap is never silent: the caller adds the :func:`warning` text to the
report's ``warnings`` (or to stderr for the CLI commands that have no report).

Each value can be overridden by an environment variable of the same name with
the ``BAOCAO_`` prefix (``BAOCAO_MAX_LINE_CHARS=50000``), read once at import.
"""

from __future__ import annotations

import os
from typing import Callable, TypeVar

N = TypeVar("N", int, float)


def _env(name: str, default: N, kind: Callable[[str], N]) -> N:
    """``BAOCAO_<name>`` read as ``kind`` when set to a positive number, else ``default``."""
    raw = os.environ.get(f"BAOCAO_{name}")
    if raw is None:
        return default
    try:
        value = kind(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def _env_int(name: str, default: int) -> int:
    return _env(name, default, int)


def _env_float(name: str, default: float) -> float:
    return _env(name, default, float)


# ---- one file
MAX_FILE_BYTES = _env_int("MAX_FILE_BYTES", 100 * 1024 * 1024)
"""Files larger than this are refused before they are read (the sample reports are under 1 MB)."""
MAX_TEXT_CHARS = _env_int("MAX_TEXT_CHARS", 8_000_000)
"""Characters of one document's text kept for parsing; the rest is dropped with a warning."""
MAX_LINE_CHARS = _env_int("MAX_LINE_CHARS", 100_000)
"""Characters of one line (or paragraph) handed to the extractors; longer ones are cut with a warning."""
PARSE_TIMEOUT_S = _env_float("PARSE_TIMEOUT_S", 60.0)
"""Seconds one file may take in ``baocao parse`` and ``baocao batch`` before its parser is stopped."""

LIBREOFFICE_TIMEOUT_S = _env_float("LIBREOFFICE_TIMEOUT_S", 45.0)
"""Seconds one LibreOffice conversion (.doc, .rtf, .odt) may take; under the per-file limit, so it stops first."""

MEMO_TEXT_CHARS = 500
"""Longest text whose folded key and shape tests are kept while its document is zoned (lines are shorter)."""
MEMO_ENTRIES = 8_192
"""Texts one such memo keeps at the most (a report has a few hundred lines)."""

# ---- Word
MAX_TABLE_CELLS = _env_int("MAX_TABLE_CELLS", 200_000)
"""Cells read from the tables of one .docx (a ``gridSpan`` counts as one cell, however wide)."""
MAX_GRID_SPAN = _env_int("MAX_GRID_SPAN", 1_000)
"""Grid columns one cell may span; a wider ``gridSpan`` is read as this many."""
MAX_STYLE_DEPTH = 20
"""Steps followed along a style's ``basedOn`` chain (Word itself stops far sooner); loops stop at once."""
MAX_MEMBER_BYTES = _env_int("MAX_MEMBER_BYTES", 150 * 1024 * 1024)
"""Bytes one zip member (``word/document.xml``…) may inflate to."""
MAX_MEMBER_RATIO = 100
"""Inflated-to-packed ratio a zip member may reach once it is past 10 MB (XML deflates about 10:1)."""

# ---- PDF and images
MAX_PDF_PAGES = _env_int("MAX_PDF_PAGES", 2000)
"""Pages read from one PDF."""
MAX_PDF_STREAM_BYTES = _env_int("MAX_PDF_STREAM_BYTES", 256 * 1024 * 1024)
"""Bytes one compressed PDF stream may inflate to (a page's content stream is rarely over a few MB)."""
MAX_PDF_CHARS = _env_int("MAX_PDF_CHARS", 1_200_000)
"""Characters read from the text layer of one PDF, all pages together (a 30-page report has about 100 000; 300 dense pages about 900 000)."""
MAX_PAGE_OBJECTS = _env_int("MAX_PAGE_OBJECTS", 2_000)
"""Drawing objects of one PDF page looked at to decide whether it is a scan (one image drawn 50 000 times…)."""
MAX_OCR_PAGES = _env_int("MAX_OCR_PAGES", 24)
"""Pages or frames of one file that are OCR'd (the first ones and the last few)."""
MAX_OCR_SECONDS = _env_float("MAX_OCR_SECONDS", 40.0)
"""Seconds the OCR of one file may take, all pages together; pages not done by then are left out with a warning."""
MAX_FRAMES = _env_int("MAX_FRAMES", 300)
"""Frames of one multi-frame image (TIFF, GIF, WebP) looked at."""
MAX_PIXELS = _env_int("MAX_PIXELS", 80_000_000)
"""Pixels of one image or frame (a 300-dpi A3 page is 17.4 million); larger ones are refused undecoded."""

# ---- archive, search, compare
MAX_QUERY_TERMS = _env_int("MAX_QUERY_TERMS", 32)
"""Words of one search query; the rest are ignored with a note on stderr."""
MAX_COMPARED_ITEMS = _env_int("MAX_COMPARED_ITEMS", 500)
"""Items per list (difficulties, tasks…) of each report that ``compare`` matches pairwise."""


def warning(what: str, cap: int | float, unit: str, found: int | float | None = None) -> str:
    """The plain-words warning for a cap reached (``only the first 100000 characters of a line were read``)."""
    seen = f" of {found:,}".replace(",", " ") if found is not None else ""
    return f"{what}: only the first {cap:,}{seen} {unit} were read (limit in baocao_parser.limits)".replace(",", " ")
