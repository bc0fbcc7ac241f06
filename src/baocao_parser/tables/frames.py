"""An archive's report tables as pandas DataFrames, with the report's issuer and period on every cell."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

CELL_COLUMNS = ["sha256", "issuer", "period_label", "period_start", "period_end", "path", "tbl", "caption", "row",
                "row_label", "col", "column_name", "is_total", "text", "kind", "value", "page"]


def cells_frame(archive: Any, **filters: Any) -> pd.DataFrame:
    """One row per data cell of the matching reports' tables (``Archive.table_cells``)."""
    import pandas as pd

    reports = {r["sha256"]: r for r in archive.rows(**filters)}
    rows = []
    for cell in archive.table("table_cells"):
        rep = reports.get(cell["sha256"])
        if rep is None:
            continue
        rows.append({**cell, "issuer": rep["issuer"], "period_label": rep["period_label"],
                     "period_start": rep["period_start"], "period_end": rep["period_end"], "path": rep["path"]})
    df = pd.DataFrame(rows, columns=CELL_COLUMNS)
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    df["is_total"] = df["is_total"].astype(bool)
    return df.sort_values(["period_start", "issuer", "sha256", "tbl", "row", "col"], kind="stable").reset_index(drop=True)
