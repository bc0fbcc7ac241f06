"""The Word reader on documents built here: page headers, merged cells, nested tables, mixed legacy runs."""

from __future__ import annotations

import io

import docx
from docx.shared import Pt

from baocao_parser import parse
from baocao_parser.normalise.legacy_encoding import to_legacy
from baocao_parser.readers.docx import read_docx

BODY = [
    "BÁO CÁO",
    "Kết quả công tác quý II năm 2023",
    "",
    "I. KẾT QUẢ",
    "- Tổ chức 02 hội nghị triển khai.",
    "II. KHÓ KHĂN, HẠN CHẾ",
    "- Kinh phí còn hạn chế.",
]
CLOSING = ["Nơi nhận:", "- UBND huyện;", "- Lưu: VT."]
SIGNER = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn An"]


def _save(d: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _closing_table(d) -> None:
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "\n".join(CLOSING)
    t.cell(0, 1).text = "\n".join(SIGNER)


def test_header_block_in_the_word_page_header_is_read():
    d = docx.Document()
    header = d.sections[0].header
    header.is_linked_to_previous = False
    t = header.add_table(rows=2, cols=2, width=Pt(450))
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số: 31/BC-UBND"
    t.cell(1, 1).text = "An Phú, ngày 20 tháng 6 năm 2023"
    for line in BODY:
        d.add_paragraph(line)
    _closing_table(d)
    r = parse(_save(d))
    assert r.issuer.name == "ỦY BAN NHÂN DÂN XÃ AN PHÚ"
    assert r.number.raw == "31/BC-UBND"
    assert str(r.issued_date) == "2023-06-20"
    assert r.signatory.name == "Nguyễn Văn An"


def test_merged_cells_are_read_once_and_nested_tables_are_walked():
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=3, cols=2)
    inner.cell(0, 0).text = "UBND HUYỆN BÌNH SƠN\nPHÒNG TƯ PHÁP"
    inner.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    inner.cell(1, 0).text = "Số: 12/BC-TP"
    inner.cell(1, 1).text = "Bình Sơn, ngày 5 tháng 7 năm 2023"
    merged = inner.cell(2, 0).merge(inner.cell(2, 1))
    merged.text = "(bản sao)"
    for line in BODY:
        d.add_paragraph(line)
    _closing_table(d)
    doc = read_docx(_save(d))
    texts = [ln.text for ln in doc.lines]
    assert texts.count("(bản sao)") == 1
    r = parse(_save(d))
    assert (r.issuer.parent, r.issuer.name) == ("UBND HUYỆN BÌNH SƠN", "PHÒNG TƯ PHÁP")
    assert r.place == "Bình Sơn"


def test_only_runs_in_a_legacy_font_are_converted():
    d = docx.Document()
    p = d.add_paragraph()
    legacy = p.add_run(to_legacy("Báo cáo tuần ", "tcvn3"))
    legacy.font.name = ".VnTime"
    unicode_run = p.add_run("Bộ phận một cửa")
    unicode_run.font.name = "Times New Roman"
    doc = read_docx(_save(d))
    assert doc.lines[0].text == "Báo cáo tuần Bộ phận một cửa"
    assert doc.encoding == "tcvn3"


def test_a_unicode_document_reports_no_legacy_encoding():
    d = docx.Document()
    d.add_paragraph("Báo cáo tuần: Bộ phận một cửa")
    assert read_docx(_save(d)).encoding is None
