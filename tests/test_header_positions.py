"""Headers read from a page with positions (PDF/OCR): the reader gives each column's lines in turn, with its
column hint, and what stands under both columns after them."""

from __future__ import annotations

from baocao_parser import parse_document
from baocao_parser.document import Document, Line
from baocao_parser.report import Source


def _parse(rows: list[tuple[str, str | None, float]]):
    lines = [Line(text=t, page=1, number=i, column=c, x0=x, top=20.0 * i)  # type: ignore[arg-type]
             for i, (t, c, x) in enumerate(rows, start=1)]
    return parse_document(Document(lines=lines, format="pdf", pages=1), source=Source(sha256="0" * 64, format="pdf"))


def test_letter_whose_symbol_reads_as_a_kind_code_keeps_its_vv_subject():
    # "215/CT-TTHT": CT is a Cục Thuế's code, not a Chỉ thị; the addressee's address and tax code stand under
    # both columns; the letter's subject is its V/v line, and it has no kind line to lose
    r = _parse([
        ("TỔNG CỤC THUẾ", "left", 90), ("CỤC THUẾ TỈNH ĐỒNG NAI", "left", 80), ("-------", "left", 110),
        ("Số: 215/CT-TTHT", "left", 85), ("V/v hoàn thuế giá trị gia tăng", "left", 80), ("Kính gửi:", "left", 90),
        ("Công ty TNHH Phú Thịnh.", "left", 90),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 280), ("Độc lập - Tự do - Hạnh phúc", "right", 320),
        ("---------------", "right", 330), ("Đồng Nai, ngày 12 tháng 03 năm 2013", "right", 300),
        ("Địa chỉ: 12 Quốc lộ 1, Biên Hòa, Đồng Nai.", None, 200), ("Mã số thuế: 3600123456", None, 200),
        ("Trả lời văn thư số 05/CV-PT ngày 19/02/2013 của Công ty về hoàn thuế, Cục Thuế có ý kiến như sau:", None, 85),
        ("- Căn cứ Thông tư số 219/2013/TT-BTC ngày 31/12/2013 của Bộ Tài chính;", None, 85),
    ])
    assert (r.doc_type, r.title, r.number.raw) == ("CÔNG VĂN", "hoàn thuế giá trị gia tăng", "215/CT-TTHT")
