"""An archive as one Excel workbook: what provincial and district offices open and print.

One sheet per table — reports, plans, references, meetings, difficulties,
recipients, the report tables' cells (``table_cells``) and the report tables as
printed (``tables``: caption, header and rows of each table under its report's
issuer and period) — with dates as Excel dates (shown ``dd/mm/yyyy``), numbers
as numbers, the header row frozen and bold, and column widths that fit
Vietnamese text (measured in characters after NFC, capped so a long subject
wraps instead of making a sheet kilometres wide).  Written with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path
from typing import Any

from .errors import MissingDependencyError

DATE_FORMAT = "dd/mm/yyyy"
MAX_WIDTH = 60
MIN_WIDTH = 6
DATE_COLUMNS = {"issued_date", "period_start", "period_end", "date"}
DATETIME_COLUMNS = {"archived_at"}
SHEETS = ("reports", "plans", "references", "meetings", "difficulties", "recipients", "table_cells", "tables")


def write_workbook(archive: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``archive`` (an :class:`~baocao_parser.archive.Archive` or its path) to the workbook ``path``."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise MissingDependencyError(str(path), "writing Excel needs openpyxl: pip install openpyxl") from exc
    from .archive import Archive

    arc = archive if isinstance(archive, Archive) else Archive.open(archive)
    try:
        reports = arc.rows()
        context = {r["sha256"]: {"issuer": r["issuer"], "period_label": r["period_label"]} for r in reports}
        refs = arc.table("refs")
        sheets: dict[str, list[dict[str, Any]]] = {
            "reports": reports,
            "plans": _with_context([r for r in refs if r["role"] == "plan"], context),
            "references": _with_context([r for r in refs if r["role"] == "reference"], context),
            "meetings": _with_context(arc.table("conferences"), context),
            "difficulties": _with_context([{k: v for k, v in r.items() if k != "folded"} for r in arc.table("difficulties")], context),
            "recipients": _with_context(arc.table("recipients"), context),
            "table_cells": _with_context(arc.table("table_cells"), context),
        }
        printed = _printed_tables(arc, reports)
    finally:
        if arc is not archive:
            arc.close()
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        _sheet(wb, name, rows, columns=[*Archive.COLUMNS, "path"] if name == "reports" else None)
    _printed_sheet(wb, printed)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _with_context(rows: list[dict[str, Any]], context: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Child rows with their report's issuer and period beside the sha256 (a sheet read alone still says whose)."""
    out = []
    for r in rows:
        ctx = context.get(r["sha256"], {})
        out.append({"sha256": r["sha256"], "issuer": ctx.get("issuer"), "period_label": ctx.get("period_label"),
                    **{k: v for k, v in r.items() if k != "sha256"}})
    return out


def _typed(column: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column in DATE_COLUMNS and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if column in DATETIME_COLUMNS and isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            return value
    return value


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return len(unicodedata.normalize("NFC", str(value)))


def _sheet(wb: Any, name: str, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(name)
    columns = columns or (list(rows[0]) if rows else ["sha256"])
    ws.append(columns)
    widths = [len(c) for c in columns]
    for r in rows:
        values = [_typed(c, r.get(c)) for c in columns]
        ws.append(values)
        widths = [max(w, _width(v)) for w, v in zip(widths, values)]
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for i, c in enumerate(columns, 1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, widths[i - 1] + 2))
        if c in DATE_COLUMNS:
            for cell in ws[letter][1:]:
                cell.number_format = DATE_FORMAT
        elif c in DATETIME_COLUMNS:
            for cell in ws[letter][1:]:
                cell.number_format = "dd/mm/yyyy hh:mm"
        elif widths[i - 1] > MAX_WIDTH:
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_options.gridLines = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.print_title_rows = "1:1"


def _printed_tables(arc: Any, reports: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    out = []
    for r in arc.reports():
        for t in r.tables:
            out.append(({"issuer": r.issuer.name, "period_label": r.period.label if r.period else None,
                         "number": r.number.raw, "path": r.source.path}, t))
    return out


def _printed_sheet(wb: Any, printed: list[tuple[dict[str, Any], Any]]) -> None:
    """Each report table as printed: a title line, its caption, header rows (bold), data rows (numbers typed)."""
    from openpyxl.styles import Font

    ws = wb.create_sheet("tables")
    ws.append(["Bảng số liệu của các báo cáo (each table under its report)"])
    ws["A1"].font = Font(bold=True)
    widths: dict[int, int] = {}
    bold = Font(bold=True)
    for ctx, t in printed:
        ws.append([])
        ws.append([" · ".join(str(x) for x in (ctx["issuer"], ctx["period_label"], ctx["number"]) if x)])
        ws.cell(row=ws.max_row, column=1).font = bold
        if t.caption:
            ws.append([t.caption])
            ws.cell(row=ws.max_row, column=1).font = Font(italic=True)
        for h in t.header:
            ws.append(h)
            for cell in ws[ws.max_row]:
                cell.font = bold
        for row in t.rows:
            values = [round(c.value / 100, 8) if c.kind == "percent" and c.value is not None else
                      (c.value if c.kind in ("integer", "decimal") else (c.text or None)) for c in row]
            ws.append(values)
            for cell, c in zip(ws[ws.max_row], row):
                if c.kind == "percent":
                    cell.number_format = "0.0%"
                elif c.kind == "decimal":
                    cell.number_format = "#,##0.0"
                elif c.kind == "integer":
                    cell.number_format = "#,##0"
        for row in t.header + [[c.text for c in r] for r in t.rows]:
            for i, v in enumerate(row, 1):
                widths[i] = max(widths.get(i, 0), len(v or ""))
    for i, w in widths.items():
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(MIN_WIDTH, min(40, w + 2))
    ws.freeze_panes = "A2"
