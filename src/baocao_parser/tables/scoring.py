"""Cell accuracy of tables read against hand-made gold (``NAME.tables.gold.json``).

Gold is a list of tables, each ``{"caption", "header": [[...]], "rows": [[...]]}``
with every cell as printed (merged header cells repeated over the columns they
cover, a merged data cell's text in its first column).  Every caption, header
cell and data cell of the gold is one cell to get right; cells of rows or
tables that the reader made up count against it too.  Texts are compared after
NFC and whitespace collapsing, nothing else.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .model import ReportTable


@dataclass
class CellScore:
    correct: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, other: CellScore) -> None:
        self.correct += other.correct
        self.total += other.total
        self.wrong += other.wrong


def _norm(s: Any) -> str:
    return unicodedata.normalize("NFC", " ".join(str(s or "").split()))


def as_gold(table: ReportTable) -> dict[str, Any]:
    """A table in the gold format (what a gold file holds for it)."""
    return {"caption": table.caption, "header": table.header, "rows": [[c.text for c in r] for r in table.rows]}


def score_tables(tables: list[ReportTable], gold: list[dict[str, Any]], name: str = "") -> CellScore:
    """Compare tables read with the gold tables, in order."""
    score = CellScore()
    for i, g in enumerate(gold):
        p = as_gold(tables[i]) if i < len(tables) else {"caption": None, "header": [], "rows": []}
        score.add(_grid(f"{name} table {i + 1}", [[g.get("caption")]], [[p["caption"]]]))
        score.add(_grid(f"{name} table {i + 1} header", g["header"], p["header"]))
        score.add(_grid(f"{name} table {i + 1} rows", g["rows"], p["rows"]))
    for extra in tables[len(gold):]:
        n = 1 + sum(len(r) for r in extra.header) + sum(len(r) for r in extra.rows)
        score.total += n
        score.wrong.append(f"{name}: table {extra.index + 1} is not in the gold ({n} cells)")
    return score


def _grid(where: str, gold: list[list[Any]], pred: list[list[Any]]) -> CellScore:
    s = CellScore()
    for r in range(max(len(gold), len(pred))):
        g = gold[r] if r < len(gold) else []
        p = pred[r] if r < len(pred) else []
        for c in range(max(len(g), len(p))):
            s.total += 1
            gv = _norm(g[c]) if c < len(g) else None
            pv = _norm(p[c]) if c < len(p) else None
            if gv is not None and gv == pv:
                s.correct += 1
            else:
                s.wrong.append(f"{where} [{r}][{c}]: gold {gv!r}, read {pv!r}")
    return s
