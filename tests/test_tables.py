"""Report tables: numbers as printed in Vietnamese, Word and PDF tables against the cell gold of the samples."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import baocao_parser as bp
from baocao_parser.tables import parse_number
from baocao_parser.tables.scoring import CellScore, score_tables

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
MIN_CELL_ACCURACY = 0.97


def gold_cases() -> list[tuple[Path, Path]]:
    out = []
    for gold in sorted(SAMPLES.rglob("*.tables.gold.json")):
        stem = gold.name[: -len(".tables.gold.json")]
        for doc in sorted(gold.parent.glob(f"{stem}.*")):
            if doc.suffix in (".docx", ".pdf"):
                out.append((doc, gold))
    return out


CASES = gold_cases()


@pytest.mark.parametrize("text,kind,value", [
    ("1.234", "integer", 1234), ("12.345.678", "integer", 12345678), ("1.234,5", "decimal", 1234.5),
    ("12,5", "decimal", 12.5), ("0,75", "decimal", 0.75), ("12.5", "decimal", 12.5), ("1,234.5", "decimal", 1234.5),
    ("1,234,567", "integer", 1234567), ("85%", "percent", 85), ("98,6 %", "percent", 98.6), ("100,0%", "percent", 100.0),
    ("-", "dash", None), ("–", "dash", None), ("x", "dash", None), ("", "blank", None), ("  ", "blank", None),
    ("-5", "integer", -5), ("1 234", "integer", 1234), ("07", "integer", 7),
    ("Đất đai", "text", None), ("12 người", "text", None), ("1.23.4", "text", None), ("(1)", "text", None),
])
def test_numbers_as_printed(text, kind, value):
    assert parse_number(text) == (kind, value)


@pytest.mark.parametrize("doc,gold", CASES, ids=lambda p: p.name if isinstance(p, Path) and p.suffix != ".json" else "")
def test_sample_tables_match_gold(doc, gold):
    score = score_tables(bp.parse(doc).tables, json.loads(gold.read_text(encoding="utf-8")), doc.name)
    assert score.accuracy >= MIN_CELL_ACCURACY, "\n".join(score.wrong[:20])


def test_cell_accuracy_over_all_samples(capsys):
    """The figure the README quotes: every gold cell of every sample with table gold."""
    assert len(CASES) >= 9 and any(d.suffix == ".pdf" for d, _ in CASES)
    total = CellScore()
    for doc, gold in CASES:
        total.add(score_tables(bp.parse(doc).tables, json.loads(gold.read_text(encoding="utf-8")), doc.name))
    with capsys.disabled():
        print(f"\ntable cells right: {total.correct}/{total.total} = {total.accuracy:.2%} over {len(CASES)} files")
    assert total.accuracy >= MIN_CELL_ACCURACY, "\n".join(total.wrong[:20])


def test_layout_tables_are_not_report_tables():
    """The header 2x2 and the Nơi nhận/signature tables of every Word sample stay out of Report.tables."""
    for doc in sorted(SAMPLES.glob("*.docx")):
        assert bp.parse(doc).tables == [], doc.name


def test_table_over_a_page_break_is_one_table():
    r = bp.parse(SAMPLES / "tables" / "bc-huyen-tthc-q2-2024.pdf")
    first = r.tables[0]
    assert (first.page, first.end_page) == (1, 2)
    labels = first.row_labels()
    assert "Kế hoạch và Đầu tư (hộ kinh doanh)" in labels  # the row Word split over the break, joined again
    assert labels.count("Đất đai") == 1  # the header repeated on page 2 is not a data row
    assert first.total_rows == [len(first.rows) - 1]


def test_merged_header_spread_and_columns_named():
    t = bp.parse(SAMPLES / "tables" / "bc-huyen-tthc-q2-2024.docx").tables[0]
    assert t.header[0][2:5] == ["Số hồ sơ tiếp nhận"] * 3
    assert t.columns[3] == "Số hồ sơ tiếp nhận / Trực tuyến"
    assert t.caption.startswith("Biểu 01 Kết quả tiếp nhận")
    total = t.rows[t.total_rows[0]]
    assert total[0].text == "Tổng cộng" and total[1].kind == "blank" and total[2].value == 1866


def test_to_pandas_typed():
    t = bp.parse(SAMPLES / "tables" / "bc-huyen-tthc-q2-2024.docx").tables[1]
    df = t.to_pandas()
    assert list(df.columns) == t.columns
    assert df["Dự toán năm"].dtype.kind == "f" and df["Dự toán năm"].iloc[0] == pytest.approx(182345.6)
    assert df["Thực hiện 6 tháng"].isna().sum() == 1  # the '-' cell
    assert df["Nội dung chi"].iloc[0] == "Chi sự nghiệp giáo dục, đào tạo"
    assert t.to_pandas(values=False)["Dự toán năm"].iloc[0] == "182.345,6"


def test_tables_in_the_json_and_provenance():
    r = bp.parse(SAMPLES / "tables" / "bc-xa-tiepdan-6t-2023.pdf")
    data = r.model_dump(mode="json")
    cell = data["tables"][0]["rows"][0][2]
    assert cell == {"text": "38", "kind": "integer", "value": 38, "row": 2, "col": 2, "page": 1}
    assert bp.Report.model_validate(data).tables == r.tables


def test_docx_table_inside_a_layout_frame_is_found(tmp_path):
    """A data table nested in a borderless 1x1 frame is a report table; the frame is not."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Biểu 1. Số liệu")
    frame = doc.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "Kết quả thu ngân sách"
    inner = frame.add_table(rows=3, cols=3)
    for r, values in enumerate([["TT", "Nguồn thu", "Số thu"], ["1", "Thuế", "1.234,5"], ["2", "Phí", "-"]]):
        for c, v in enumerate(values):
            inner.cell(r, c).text = v
    buf = io.BytesIO()
    doc.save(buf)
    tables = bp.parse(buf.getvalue()).tables
    assert len(tables) == 1
    assert tables[0].caption == "Kết quả thu ngân sách"
    assert [c.value for c in tables[0].rows[0]] == [1, None, 1234.5]
