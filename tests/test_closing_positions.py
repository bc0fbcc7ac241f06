"""Closings read from a page with positions (PDF/OCR): the reader's column hints, a signer block
broken by the page, and wide gaps inside a line."""

from __future__ import annotations

from baocao_parser import parse_document
from baocao_parser.document import Document, Line
from baocao_parser.report import Source

HEAD = [
    ("ỦY BAN NHÂN DÂN", "left", 110), ("HUYỆN NGHI XUÂN", "left", 110), ("Số: 125/BC-UBND", "left", 120),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 280), ("Độc lập - Tự do - Hạnh phúc", "right", 320),
    ("Nghi Xuân, ngày 10 tháng 4 năm 2024", "right", 300),
    ("BÁO CÁO", None, 260), ("Kết quả công tác năm 2023", None, 200),
    ("I. KẾT QUẢ", None, 85), ("- Tổ chức 02 hội nghị.", None, 85),
]


def _doc(tail: list[tuple[str, str | None, float]]) -> Document:
    lines = [Line(text=t, page=1, number=i, column=c, x0=x, top=20.0 * i)  # type: ignore[arg-type]
             for i, (t, c, x) in enumerate(HEAD + tail, start=1)]
    return Document(lines=lines, format="pdf", pages=2)


def _parse(tail):
    return parse_document(_doc(tail), source=Source(sha256="0" * 64, format="pdf"))


def test_name_beside_the_last_recipient_on_one_ocr_row_is_split_off():
    r = _parse([
        ("Nơi nhận:", "left", 91), ("- Như trên;", "left", 91),
        ("TUQ. CHỦ TỊCH", "right", 372), ("TRƯỞNG PHÒNG Y TẾ", "right", 349),
        ("- Chủ tịch, các PCT UBND huyện;", None, 91),
        ("- Lưu: VT, YT.          Nguyễn Thị Phương Thảo", None, 91),
    ])
    assert r.recipients == ["Như trên", "Chủ tịch, các PCT UBND huyện", "Lưu: VT, YT"]
    assert (r.signatory.authority, r.signatory.title, r.signatory.name) == (
        "TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG Y TẾ", "Nguyễn Thị Phương Thảo")


def test_a_gap_inside_a_name_in_the_right_half_is_no_column_gap():
    r = _parse([
        ("Nơi nhận:", "left", 91), ("- Sở LĐ-TB&XH tỉnh;", "left", 91),
        ("TM. ỦY BAN NHÂN DÂN", "right", 345), ("CHỦ TỊCH", "right", 391),
        ("- Thành viên BCĐ giảm nghèo huyện;", None, 79),
        ("Phan `       Nghĩa", None, 363),
        ("- Lưu: VT, LĐTBXH.", None, 80),
    ])
    assert r.signatory.name == "Phan Nghĩa"
    assert r.recipients == ["Sở LĐ-TB&XH tỉnh", "Thành viên BCĐ giảm nghèo huyện", "Lưu: VT, LĐTBXH"]
