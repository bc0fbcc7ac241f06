"""The typed face of a report's statistics table: :class:`ReportTable` of :class:`TableCell`.

A table keeps what was printed (every cell's text), what it means (numbers
parsed, see :mod:`.numbers`) and where it was read (page, row and column of the
source table).  Header cells that span several columns or rows are spread over
every column they cover, so ``columns`` names each column completely
(``Kỳ này / Tiếp nhận``); in data rows a merged cell's text stays in its first
column (as printed), the columns it covers are blank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from .numbers import CellKind

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TableCell(_Model):
    """One cell of a data row."""

    text: str
    """As printed (NFC, whitespace collapsed)."""
    kind: CellKind = "text"
    value: int | float | None = None
    """The number for kinds integer, decimal and percent (``85%`` → 85); None otherwise."""
    row: int
    """Row in the source table, 0-based, header rows included."""
    col: int
    page: int | None = None


class ReportTable(_Model):
    """A statistics table of a report's body (not the header, signature or layout tables)."""

    index: int
    """Position among the report's tables, 0-based."""
    caption: str | None = None
    """The caption or the heading printed above the table."""
    header: list[list[str]] = Field(default_factory=list)
    """Header rows, each as wide as the table, merged cells repeated over the columns they cover."""
    columns: list[str] = Field(default_factory=list)
    """One name per column: the distinct header texts from top to bottom, joined by `` / ``."""
    rows: list[list[TableCell]] = Field(default_factory=list)
    total_rows: list[int] = Field(default_factory=list)
    """Indexes into ``rows`` of the totals rows (``Tổng cộng``, ``Cộng``…)."""
    page: int | None = None
    end_page: int | None = None
    """Last page: a table running over a page break is read as one."""
    source: Literal["docx", "pdf"] = "docx"
    source_table: int | None = None
    """The table's number in the source (Word tables in document order, 0-based), where the reader has one."""

    def label_column(self) -> int:
        """The column holding the row labels: the first one whose data cells are mostly text."""
        for c in range(len(self.columns)):
            cells = [r[c] for r in self.rows if c < len(r) and r[c].kind != "blank"]
            if cells and sum(x.kind == "text" for x in cells) * 2 > len(cells):
                return c
        return 0

    def row_labels(self) -> list[str]:
        """Each data row's label: the label column's text, or the row's first text (a ``Tổng cộng`` merged over ``TT``)."""
        c = self.label_column()
        out = []
        for r in self.rows:
            label = r[c].text if c < len(r) else ""
            if not label:
                label = next((x.text for x in r if x.kind == "text"), "")
            out.append(label)
        return out

    def to_pandas(self, values: bool = True) -> pd.DataFrame:
        """The data rows as a DataFrame, one column per table column.

        With ``values`` (the default) numeric cells give their parsed number and
        blank or ``-`` cells give NaN, so a column of numbers has a numeric dtype;
        ``values=False`` gives the printed text.
        """
        import pandas as pd

        names = _unique(self.columns or [f"col{i + 1}" for i in range(max((len(r) for r in self.rows), default=0))])
        data = []
        for r in self.rows:
            cells = [(_cell_value(c) if values else c.text) for c in r]
            data.append(cells + [None] * (len(names) - len(cells)))
        df = pd.DataFrame(data, columns=names)
        if values:
            for name in names:
                numeric = pd.to_numeric(df[name], errors="coerce")
                if numeric.notna().sum() == df[name].notna().sum() and numeric.notna().any():
                    df[name] = numeric
        return df


def _cell_value(c: TableCell) -> object:
    if c.kind in ("integer", "decimal", "percent"):
        return c.value
    if c.kind in ("blank", "dash"):
        return None
    return c.text


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        n = n or "col"
        if n in seen:
            seen[n] += 1
            out.append(f"{n} ({seen[n]})")
        else:
            seen[n] = 1
            out.append(n)
    return out
