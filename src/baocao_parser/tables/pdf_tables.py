"""Statistics tables of a text PDF, found by pdfplumber's table finder over the page's ruling lines.

pdfplumber earns its place here: its table finder joins the drawn lines into
cells and gives each cell's box, which is what merged headers need.  It costs
about 0.1–0.2 s a page, so it only runs on pages that draw enough path objects
to hold a bordered table (counted with pypdfium2, which the text reader has
already loaded).  A table that runs over a page break comes back as two: the
part at the top of the next page, with the same columns, continues the last
table of the previous page; a header row repeated there is dropped, and a row
Word split across the break is joined again.

Borderless tables (columns made with spaces or tabs) are not found: without
lines, pdfplumber's text strategy mistakes ordinary justified paragraphs for
tables, and a report table is almost always ruled.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ..errors import MissingDependencyError
from .grid import GridCell, build_table, clean, header_row_count, is_layout_text, is_numeric, starts_caption
from .model import ReportTable

MIN_PATHS = 6
"""A page with fewer path objects (lines, rectangles) has no ruled table."""
CAPTION_GAP = 24.0
"""Points between a caption's last line and the table top, at most."""
LINE_GAP = 5.0
"""Points between two lines of one caption, at most (paragraph spacing is larger)."""
SAME_X = 2.5


@dataclass
class _Found:
    page: int
    grid: list[list[GridCell]]
    lefts: list[float]
    caption: str | None
    first_on_page: bool
    last_on_page: bool
    rows_from: list[int] = field(default_factory=list)


def read_pdf_tables(data: bytes, source: str = "<bytes>") -> list[ReportTable]:
    """Every ruled data table of a text PDF, pages in order, continued tables joined."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise MissingDependencyError(source, "reading tables from PDFs needs pdfplumber: pip install pdfplumber") from exc
    pages = _ruled_pages(data)
    if not pages:
        return []
    found: list[_Found] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            tables = sorted(page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}),
                            key=lambda t: t.bbox[1])
            for i, table in enumerate(tables):
                item = _read(page, number, table, first=i == 0, last=i == len(tables) - 1)
                if item is not None:
                    found.append(item)
    return _join(found)


def _ruled_pages(data: bytes) -> list[int]:
    import pypdfium2 as pdfium

    out = []
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                paths = sum(1 for o in page.get_objects(max_depth=1) if o.type == 2)  # FPDF_PAGEOBJ_PATH
            finally:
                page.close()
            if paths >= MIN_PATHS:
                out.append(i + 1)
    finally:
        pdf.close()
    return out


def _read(page: Any, number: int, table: Any, *, first: bool, last: bool) -> _Found | None:
    texts = table.extract()
    rows = table.rows
    if len(rows) < 2 or max(len(r.cells) for r in rows) < 2:
        return None
    ncols = max(len(r.cells) for r in rows)
    lefts = _column_lefts(rows, ncols, table.bbox)
    grid: list[list[GridCell]] = []
    for i, row in enumerate(rows):
        out: list[GridCell] = []
        for j in range(ncols):
            box = row.cells[j] if j < len(row.cells) else None
            if box is not None:
                out.append(GridCell(_text(texts[i][j]), box, number))
                continue
            left = out[j - 1] if j else None
            centre = (lefts[j] + (lefts[j + 1] if j + 1 < ncols else table.bbox[2])) / 2
            if left is not None and left.key[2] > centre:
                out.append(left)  # covered by a cell spanning from the left
            elif i and j < len(grid[i - 1]) and grid[i - 1][j].key[3] > (row.bbox[1] + row.bbox[3]) / 2:
                out.append(grid[i - 1][j])  # covered by a cell spanning from above
            else:
                out.append(GridCell("", (0, 0, 0, 0, object()), number))
        grid.append(out)
    flat = [c.text for r in grid for c in r]
    if is_layout_text(flat) or not any(is_numeric(t) for t in flat):
        return None
    return _Found(number, grid, lefts, _caption(page, table.bbox), first, last)


def _column_lefts(rows: list[Any], ncols: int, bbox: tuple[float, ...]) -> list[float]:
    lefts = []
    for j in range(ncols):
        xs = [r.cells[j][0] for r in rows if j < len(r.cells) and r.cells[j] is not None]
        lefts.append(min(xs) if xs else (lefts[-1] if lefts else bbox[0]))
    return lefts


def _text(value: str | None) -> str:
    return clean(value or "")


def _caption(page: Any, bbox: tuple[float, ...]) -> str | None:
    """The lines just above the table, while they sit closer than paragraph spacing."""
    top = bbox[1]
    region = page.within_bbox((0, max(0.0, top - 90.0), page.width, max(1.0, top - 0.5)))
    lines = sorted(region.extract_text_lines(), key=lambda ln: ln["top"])
    picked: list[str] = []
    limit = top
    for ln in reversed(lines):
        gap = limit - ln["bottom"]
        if gap > (CAPTION_GAP if not picked else LINE_GAP) or len(picked) >= 4:
            break
        picked.insert(0, ln["text"])
        limit = ln["top"]
    return clean(" ".join(picked)) or None


def _join(found: list[_Found]) -> list[ReportTable]:
    groups: list[_Found] = []
    for item in found:
        prev = groups[-1] if groups else None
        if prev is not None and _continues(prev, item):
            _append(prev, item)
        else:
            item.rows_from = [item.page] * len(item.grid)
            groups.append(item)
    out = []
    for g in groups:
        out.append(build_table(g.grid, index=len(out), caption=g.caption, source="pdf"))
    return out


def _continues(prev: _Found, item: _Found) -> bool:
    return (item.page == prev.page + 1 and prev.last_on_page and item.first_on_page
            and len(item.lefts) == len(prev.lefts)
            and all(abs(a - b) <= SAME_X for a, b in zip(item.lefts, prev.lefts))
            and not (item.caption and starts_caption(item.caption)))


def _append(prev: _Found, item: _Found) -> None:
    nhead = header_row_count(prev.grid)
    head = [[c.text for c in r] for r in prev.grid[:nhead]]
    rows = item.grid
    k = 0
    while k < len(rows) and k < len(head) and [c.text for c in rows[k]] == head[k]:
        k += 1
    rows = rows[k:]
    if rows and prev.grid and _is_split_row(rows[0]):
        last = prev.grid[-1]
        prev.grid[-1] = [GridCell(clean(f"{a.text} {b.text}"), a.key, a.page) if b.text else a
                         for a, b in zip(last, rows[0])]
        rows = rows[1:]
    prev.grid.extend(rows)
    prev.last_on_page = item.last_on_page
    prev.page = item.page


def _is_split_row(row: list[GridCell]) -> bool:
    """The rest of a row that Word broke over the page: no number, no row number, some text."""
    texts = [c.text for c in row]
    return not texts[0] and any(texts) and not any(is_numeric(t) for t in texts)
