"""A report's tables as rows of the archive's ``table_cells`` child table."""

from __future__ import annotations

from typing import Any

from .model import ReportTable


def cell_rows(sha256: str, tables: list[ReportTable] | list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """One tuple per data cell: (sha256, tbl, row, col, caption, row_label, column_name, is_total, text, kind, value, page).

    Takes models or their JSON (a migration reads stored JSON).
    """
    out = []
    for t in tables:
        table = t if isinstance(t, ReportTable) else ReportTable.model_validate(t)
        labels = table.row_labels()
        totals = set(table.total_rows)
        for i, row in enumerate(table.rows):
            for c in row:
                column = table.columns[c.col] if c.col < len(table.columns) else None
                out.append((sha256, table.index, i, c.col, table.caption, labels[i] or None, column or None,
                            int(i in totals), c.text, c.kind, c.value, c.page))
    return out
