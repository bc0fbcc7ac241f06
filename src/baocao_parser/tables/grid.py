"""From a grid of source cells to a :class:`ReportTable`: header rows, merged cells, totals.

Both readers (Word and PDF) hand over the same thing: rows of :class:`GridCell`,
as wide as the table, where a merged cell appears in every position it covers
with the same ``key``.  Deciding which rows are header rows, spreading header
text and spotting totals happens once, here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .. import vocab
from ..normalise.folding import fold
from .model import ReportTable, TableCell
from .numbers import parse_number

MAX_HEADER_ROWS = 4
NUMERIC = ("integer", "decimal", "percent")


@dataclass
class GridCell:
    text: str
    key: Any
    """Identity of the source cell: equal keys mean one merged cell."""
    page: int | None = None


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.replace("\u00a0", " ").split()))


@lru_cache(maxsize=1)
def _total_re() -> re.Pattern[str]:
    """Totals labels with their tone marks (folded, ``Cộng`` would be ``Công`` of ``Công thương``)."""
    labels = sorted({unicodedata.normalize("NFC", w).lower() for w in vocab.load("tables")["total_labels"]}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in labels) + r")\b", re.I)


@lru_cache(maxsize=1)
def _layout_re() -> re.Pattern[str]:
    return re.compile(vocab.folded_alternation(vocab.load("tables")["layout_cues"]), re.I)


@lru_cache(maxsize=1)
def _caption_re() -> re.Pattern[str]:
    return re.compile(r"^(?:" + vocab.folded_alternation(vocab.load("tables")["caption_prefixes"]) + r")\b", re.I)


def is_layout_text(texts: list[str]) -> bool:
    """Whether the table holds a header, Quốc hiệu, Nơi nhận or signer block (a layout table)."""
    return any(_layout_re().search(fold(t)) for t in texts if t)


def starts_caption(text: str) -> bool:
    return bool(_caption_re().match(fold(text.strip())))


def is_numeric(text: str) -> bool:
    return parse_number(text)[0] in NUMERIC


def header_row_count(grid: list[list[GridCell]], marked: int = 0) -> int:
    """Leading rows that are header rows.

    Rows Word marks as repeated header rows (``w:tblHeader``) are header rows;
    otherwise the leading rows with no number outside the first column (the
    ``TT``/``STT`` column) and text in at least half the columns.
    """
    if marked:
        return min(marked, len(grid) - 1)
    n = 0
    for row in grid[: MAX_HEADER_ROWS]:
        texts = [c.text for c in row]
        if any(is_numeric(t) for t in texts[1:]):
            break
        if sum(bool(t) for t in texts) * 2 < len(texts):
            break
        n += 1
    return min(n, max(len(grid) - 1, 0))


def build_table(grid: list[list[GridCell]], *, index: int, caption: str | None, source: Literal["docx", "pdf"],
                source_table: int | None = None, header_rows: int | None = None, marked_header: int = 0,
                row_numbers: list[int] | None = None) -> ReportTable:
    """A :class:`ReportTable` from a rectangular grid of cells (merged cells repeated with one key).

    ``header_rows`` forces the count (a continuation on the next page knows it);
    ``row_numbers`` gives each grid row its row number in the source table.
    """
    width = max((len(r) for r in grid), default=0)
    grid = [r + [GridCell("", object(), r[-1].page if r else None) for _ in range(width - len(r))] for r in grid]
    nhead = header_row_count(grid, marked_header) if header_rows is None else header_rows
    row_numbers = row_numbers or list(range(len(grid)))
    header = [[clean(c.text) for c in row] for row in grid[:nhead]]
    columns = []
    for col in range(width):
        parts: list[str] = []
        for row in header:
            if row[col] and row[col] not in parts:
                parts.append(row[col])
        columns.append(" / ".join(parts))
    rows: list[list[TableCell]] = []
    seen: set[int] = set()
    for ri in range(nhead, len(grid)):
        out = []
        for ci, cell in enumerate(grid[ri]):
            first = id(cell.key) not in seen
            seen.add(id(cell.key))
            text = clean(cell.text) if first else ""
            kind, value = parse_number(text)
            out.append(TableCell(text=text, kind=kind, value=value, row=row_numbers[ri], col=ci, page=cell.page))
        rows.append(out)
    totals = [i for i, r in enumerate(rows) if _is_total(r)]
    pages = [c.page for r in grid for c in r if c.page is not None]
    return ReportTable(index=index, caption=clean(caption) if caption else None, header=header, columns=columns,
                       rows=rows, total_rows=totals, page=min(pages) if pages else None,
                       end_page=max(pages) if pages else None, source=source, source_table=source_table)


def _is_total(row: list[TableCell]) -> bool:
    for c in row[:3]:
        if c.kind == "text":
            return bool(_total_re().match(c.text.lower()))
    return False
