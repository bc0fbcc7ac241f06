"""Export an archive to files: one row per report plus its child tables.

``export(archive, out_dir, format)`` writes ``reports``, ``references``,
``conferences``, ``difficulties``, ``recipients``, ``table_cells`` (the report
tables, one row per cell) and ``files`` as CSV, JSON Lines or Parquet (Parquet
needs pyarrow); ``xlsx`` writes one Excel workbook instead (:mod:`.excel`).  Child rows carry ``sha256``, the
report's id.  In JSON Lines, ``reports.jsonl`` holds each report's full JSON
(``Report.model_dump(mode="json")``), one per line.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from .errors import BaocaoError

FORMATS = ("csv", "jsonl", "parquet", "xlsx")
TABLES = {"references": "refs", "conferences": "conferences", "difficulties": "difficulties",
          "recipients": "recipients", "table_cells": "table_cells", "files": "files"}


def export(archive: Any, out_dir: str | os.PathLike[str], format: str = "csv") -> list[Path]:
    """Write the archive's tables into ``out_dir``; returns the files written."""
    from .archive import Archive, ArchiveError

    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: one of {', '.join(FORMATS)}")
    arc = archive if isinstance(archive, Archive) else Archive.open(archive, read_only=True)
    out = Path(out_dir)
    written = []
    try:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BaocaoError(str(out), f"cannot write the export here: {exc.strerror or exc}") from None
        if format == "xlsx":  # one workbook, a sheet per table (see excel.py)
            from .excel import write_workbook

            return [write_workbook(arc, out / f"{Path(arc.path).stem}.xlsx")]
        rows = arc.rows()
        if format == "jsonl":
            p = out / "reports.jsonl"
            with open(p, "w", encoding="utf-8") as fh:
                for js in arc._db.execute("SELECT json FROM reports ORDER BY issuer_key, period_start, sha256"):
                    fh.write(json.dumps(json.loads(js[0]), ensure_ascii=False) + "\n")
            written.append(p)
        else:
            written.append(_write(rows, out / f"reports.{format}", format, columns=[*Archive.COLUMNS, "path"]))
        for name, table in TABLES.items():
            written.append(_write(arc.table(table), out / f"{name}.{format}", format))
    except (sqlite3.DatabaseError, ValueError) as exc:  # a malformed page, a bad JSON row, a missing table
        raise ArchiveError(str(arc.path), f"the archive is damaged: {' '.join(str(exc).split())[:200]}") from None
    except OSError as exc:
        raise BaocaoError(str(exc.filename or out), f"cannot write the export: {exc.strerror or exc}") from None
    finally:
        if arc is not archive:
            arc.close()
    return written


def _write(rows: list[dict[str, Any]], path: Path, format: str, columns: list[str] | None = None) -> Path:
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns or (list(rows[0]) if rows else None))
    if format == "csv":
        df.to_csv(path, index=False, encoding="utf-8")
    elif format == "parquet":
        df.to_parquet(path, index=False)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            for rec in df.to_dict(orient="records"):
                fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    return path
