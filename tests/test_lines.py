"""Every line kind and zone, pinned line by line (``tests/cases/lines.json``, split by origin like ftfy's tables).

A row names a sample file, a line's exact ``Line.text`` and the kind and zone a
correct parser gives it.  The expected labels come from the human layout split
of each spec (``layout.header_left`` → header-left, ``signature_lines`` →
footer-right…) and from reading the line, not from the parser's output, so a
failure is a labelling bug (or a row to re-read), and it reads as the row's name.

``known_failures`` rows are right but wrong today: they run as strict xfails, so
a fix shows up as an XPASS and the row moves to its part.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from baocao_parser import read
from baocao_parser.layout.linekinds import LineKind

from _casetable import case_params, load_table

ROOT = Path(__file__).resolve().parents[1]
TABLE = "lines.json"
ZONES = {"header-left", "header-right", "title", "body", "footer-left", "footer-right", None}


@lru_cache(maxsize=None)
def _lines(source: str) -> list:
    """The zoned, labelled lines of one sample (each source is read once per session)."""
    path = ROOT / source
    assert path.is_file(), f"{source}: no such sample file"
    doc, _ = read(path)
    return doc.lines


def _check(row: dict) -> None:
    lines = _lines(row["source"])
    line = next((ln for ln in lines if ln.text == row["text"]), None)
    assert line is not None, f"{row['source']}: no line reads exactly {row['text']!r}"
    kind = line.kind.value if isinstance(line.kind, LineKind) else line.kind
    assert (kind, line.zone) == (row["kind"], row["zone"]), (
        f"{row['source']}: {row['text']!r} is {kind}/{line.zone}, expected {row['kind']}/{row['zone']}")


@pytest.mark.parametrize("row", case_params(TABLE, "real"))
def test_real_line(row):
    _check(row)


@pytest.mark.parametrize("row", case_params(TABLE, "synthetic"))
def test_synthetic_line(row):
    _check(row)


@pytest.mark.parametrize("row", [pytest.param(p.values[0], id=p.id, marks=pytest.mark.xfail(strict=True, reason="labelled "
                                 + p.values[0].get("today", "otherwise") + " today"))
                                 for p in case_params(TABLE, "known_failures")])
def test_known_failure_line(row):
    _check(row)


def test_table_is_well_formed():
    """Names unique over the whole table, kinds and zones valid, every kind pinned twice, the check part used sparingly."""
    table = load_table(TABLE)
    rows = table["real"] + table["synthetic"] + table["known_failures"]
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    assert len(rows) >= 200
    kinds = {k.value for k in LineKind}
    assert all(r["kind"] in kinds and r["zone"] in ZONES for r in rows)
    counts = {k: sum(r["kind"] == k for r in rows) for k in kinds}
    assert all(n >= 2 for n in counts.values()), {k: n for k, n in counts.items() if n < 2}
    assert sum("/check/" in r["source"] for r in rows) <= 30
    assert all((ROOT / r["source"]).is_file() for r in rows)


def test_school_year_wrapped_after_an_em_dash_goes_on_with_a_bold_pages_subject():
    """OCR reads the en dash of ``năm học 2022 –`` / ``2023.`` as an em dash; on a page whose kind line is
    bold and the year's line is not, the year still goes on with the subject."""
    from baocao_parser.document import Line
    from baocao_parser.layout.linekinds import is_subject_line

    kind = Line("BÁO CÁO", bold=True)
    for dash in ("–", "—", "-"):
        so_far = [f"Thực hiện kế hoạch tuyển sinh trường mầm non năm học 2022 {dash}"]
        assert is_subject_line(Line("2023.", bold=False), so_far, kind)
