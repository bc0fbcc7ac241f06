"""Statistics tables of a Word body, read with python-docx.

Walks the body in document order like the text reader does (tables are
numbered the same way), remembering the last paragraphs above each table for
its caption.  Layout tables (the borderless header, the Nơi nhận/signature
table, a 1×1 frame) are not report tables: their cells are searched for tables
nested inside, the rest is left to the text reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .grid import GridCell, build_table, clean, is_layout_text, is_numeric, starts_caption
from .model import ReportTable
from ..readers.docx_blocks import iter_blocks

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_tables(doc: Any, text_of: Callable[[Any], str] | None = None) -> list[ReportTable]:
    """Every data table of a python-docx ``Document``, in document order.

    ``text_of`` reads a paragraph's text (the Word reader passes its own, which
    converts legacy TCVN3/VNI runs); by default ``paragraph.text``.
    """
    if not _may_hold_data(doc.element):
        return []  # only layout tables (the 2x2 header, the 1x2 closing): nothing to walk
    walker = _Walker(text_of or (lambda p: p.text))
    walker.walk(doc)
    return walker.tables


def _may_hold_data(body: Any) -> bool:
    """Whether some table could be a data table (``_Walker._table``'s own size test, on the raw XML)."""
    for tbl in body.iter(f"{_W}tbl"):
        rows = tbl.findall(f"{_W}tr")
        most = max((len(tr.findall(f"{_W}tc")) for tr in rows), default=0)
        if not (len(rows) < 2 or most < 2 or (most == 2 and len(rows) < 3)):
            return True
    return False


class _Walker:
    def __init__(self, text_of: Callable[[Any], str]) -> None:
        self.text_of = text_of
        self.tables: list[ReportTable] = []
        self.table_index = -1

    def walk(self, container: Any) -> None:
        from docx.table import Table

        above: list[Any] = []  # the paragraphs since the last table; read only when a table follows
        for block in iter_blocks(container):
            if isinstance(block, Table):
                self._table(block, self._last_texts(above))
                above = []
            else:
                above.append(block)

    def _table(self, table: Any, above: list[str]) -> None:
        from docx.table import _Cell

        self.table_index += 1
        number = self.table_index
        trs = table._tbl.tr_lst
        most = max((len(tr.tc_lst) for tr in trs), default=0)
        if len(trs) < 2 or most < 2 or (most == 2 and len(trs) < 3):  # the header 2x2, the 1x2 closing, a frame
            for tr in trs:
                for tc in tr.tc_lst:
                    self.walk(_Cell(tc, table))
            return
        grid_cells = _grid_cells(table)
        if grid_cells is None:
            return
        width = max((len(r) for r in grid_cells), default=0)
        distinct = max((len({c._tc for c in r}) for r in grid_cells), default=0)
        texts = [[self._cell_text(c) for c in r] for r in grid_cells]
        if not _is_data_table(texts, width, distinct) or is_layout_text([t for r in texts for t in r]):
            seen: set[Any] = set()
            for r in grid_cells:
                for c in r:
                    if c._tc not in seen:
                        seen.add(c._tc)
                        self.walk(c)
            return
        grid = [[GridCell(t, c._tc) for t, c in zip(tr, r)] for tr, r in zip(texts, grid_cells)]
        self.tables.append(build_table(grid, index=len(self.tables), caption=_caption(above), source="docx",
                                       source_table=number, marked_header=_marked_header_rows(trs)))

    def _last_texts(self, paragraphs: list[Any], n: int = 2) -> list[str]:
        out: list[str] = []
        for p in reversed(paragraphs):
            text = clean(self.text_of(p))
            if text:
                out.insert(0, text)
                if len(out) == n:
                    break
        return out

    def _cell_text(self, cell: Any) -> str:
        return clean(" ".join(self.text_of(p) for p in cell.paragraphs))


def _is_data_table(texts: list[list[str]], width: int, distinct: int) -> bool:
    """Three or more columns and two or more rows; a two-column table only with numbers in three rows or more."""
    if len(texts) < 2 or width < 2:
        return False
    if distinct >= 3:
        return True
    return len(texts) >= 3 and sum(any(is_numeric(t) for t in r[1:]) for r in texts) >= 2


def _caption(above: list[str]) -> str | None:
    """The paragraph above the table, or the two above when the first is a short caption number (``Biểu 01`` + title)."""
    if not above:
        return None
    if len(above) == 2 and starts_caption(above[0]) and len(above[0]) <= 30 and len(above[1]) < 200:
        return f"{above[0]} {above[1]}"
    return above[-1] if len(above[-1]) <= 300 else None


def _grid_cells(table: Any) -> list[list[Any]] | None:
    """The table's cells on its grid, read from the XML in one pass: a merged cell repeats over the columns
    (``gridSpan``, capped) and rows (``vMerge``) it covers.  python-docx's ``row.cells`` follows a vertical
    merge upwards cell by cell, recursively: a column merged over 1,200 rows overflows the stack.  None when
    the table is over the cell budget (``limits.MAX_TABLE_CELLS``)."""
    from docx.table import _Cell

    from .. import limits

    grid: list[list[Any]] = []
    budget = limits.MAX_TABLE_CELLS
    for tr in table._tbl.tr_lst:
        row: list[Any] = []
        for tc in tr.tc_lst:
            span = min(max(tc.grid_span or 1, 1), limits.MAX_GRID_SPAN)
            col = len(row)
            above = grid[-1][col] if grid and tc.vMerge == "continue" and col < len(grid[-1]) else None
            row.extend([above or _Cell(tc, table)] * span)
            budget -= span
            if budget < 0:
                return None
        grid.append(row)
    return grid


def _marked_header_rows(trs: list[Any]) -> int:
    n = 0
    for tr in trs:
        trpr = tr.find(f"{_W}trPr")
        mark = trpr.find(f"{_W}tblHeader") if trpr is not None else None
        if mark is None or mark.get(f"{_W}val") in ("0", "false", "off"):
            break
        n += 1
    return n
