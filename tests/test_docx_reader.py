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


def _fill_header(table, right: int = 1) -> None:
    """The usual header in a table's first two rows: issuer | Quốc hiệu, number | place and date."""
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ"
    table.cell(0, right).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 31/BC-UBND"
    table.cell(1, right).text = "An Phú, ngày 20 tháng 6 năm 2023"


def test_header_block_in_the_word_page_header_is_read():
    d = docx.Document()
    header = d.sections[0].header
    header.is_linked_to_previous = False
    _fill_header(header.add_table(rows=2, cols=2, width=Pt(450)))
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


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LISTS = f"""<w:root xmlns:w="{_W}">
<w:abstractNum w:abstractNumId="90">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="91">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02d"/></w:lvl></w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
<w:num w:numId="92"><w:abstractNumId w:val="90"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:root>"""


def _word_lists(d) -> None:
    from lxml import etree

    numbering = d.part.numbering_part.element
    root = etree.fromstring(_LISTS)
    first_num = numbering.find(f"{{{_W}}}num")
    for el in list(root):
        if el.tag.endswith("abstractNum") and first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)


def _numbered(par, num: str, level: int = 0):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num_pr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(level)), ("w:numId", num)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num_pr.append(el)
    par._p.get_or_add_pPr().append(num_pr)
    return par


def test_word_list_numbers_are_printed_before_headings_and_recipients():
    """Headings numbered by Word's lists (no typed 'II.') and bullet recipients still read as sections and items."""
    d = docx.Document()
    _word_lists(d)
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả công tác quý II năm 2023")
    _numbered(d.add_paragraph("KẾT QUẢ"), "90")
    _numbered(d.add_paragraph("Công tác tuyên truyền"), "90", 1)
    d.add_paragraph("Tổ chức 02 hội nghị triển khai.")
    _numbered(d.add_paragraph("KHÓ KHĂN, HẠN CHẾ"), "90")
    _numbered(d.add_paragraph("Kinh phí còn hạn chế."), "91")
    _numbered(d.add_paragraph("Cơ sở vật chất chưa đáp ứng."), "91")
    _numbered(d.add_paragraph("PHƯƠNG HƯỚNG"), "92")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).paragraphs[0].text = "Nơi nhận:"
    for item in ("UBND huyện;", "Lưu: VT."):
        _numbered(t.cell(0, 0).add_paragraph(item), "91")
    t.cell(0, 1).text = "\n".join(SIGNER)
    lines = [ln.text for ln in read_docx(_save(d)).lines]
    assert "I. KẾT QUẢ" in lines and "I.1. Công tác tuyên truyền" in lines
    assert "II. KHÓ KHĂN, HẠN CHẾ" in lines and "- Kinh phí còn hạn chế." in lines
    assert "III. PHƯƠNG HƯỚNG" in lines, "a startOverride restarts the shared list at its value"
    assert "- UBND huyện;" in lines
    r = parse(_save(d))
    assert r.difficulties == ["Kinh phí còn hạn chế.", "Cơ sở vật chất chưa đáp ứng."]
    assert r.recipients == ["UBND huyện", "Lưu: VT"]


def test_paragraphs_inside_a_content_control_are_read():
    """e-office templates wrap parts of a report in <w:sdt>; python-docx's block walk skips them."""
    from docx.oxml import OxmlElement

    d = docx.Document()
    for line in BODY:
        d.add_paragraph(line)
    _closing_table(d)
    body = d.element.body
    blocks = [el for el in body if not el.tag.endswith("sectPr")]
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    blocks[0].addprevious(sdt)
    for el in blocks:
        content.append(el)
    r = parse(_save(d))
    assert r.title == "Kết quả công tác quý II năm 2023"
    assert r.difficulties == ["Kinh phí còn hạn chế."]
    assert r.signatory.name == "Nguyễn Văn An"


def test_header_and_closing_tables_with_an_empty_spacer_column_are_two_sides():
    """Offices widen the gap between the two blocks with an empty middle column: still a layout table."""
    d = docx.Document()
    _fill_header(d.add_table(rows=2, cols=3), right=2)
    for line in BODY:
        d.add_paragraph(line)
    close = d.add_table(rows=1, cols=3)
    close.cell(0, 0).text = "\n".join(CLOSING)
    close.cell(0, 2).text = "\n".join(SIGNER)
    lines = read_docx(_save(d)).lines
    sides = {ln.text: ln.column for ln in lines if ln.text}
    assert sides["XÃ AN PHÚ"] == "left" and sides["Độc lập - Tự do - Hạnh phúc"] == "right"
    assert sides["- Lưu: VT."] == "left" and sides["Nguyễn Văn An"] == "right"
    r = parse(_save(d))
    assert r.issuer.name == "ỦY BAN NHÂN DÂN XÃ AN PHÚ"
    assert r.place == "An Phú" and str(r.issued_date) == "2023-06-20"
    assert r.recipients == ["UBND huyện", "Lưu: VT"]
    assert r.signatory.authority == "TM. ỦY BAN NHÂN DÂN" and r.signatory.name == "Nguyễn Văn An"


def test_a_data_table_with_an_empty_column_keeps_its_rows():
    d = docx.Document()
    d.add_paragraph("Bảng 1. Kết quả")
    t = d.add_table(rows=8, cols=3)
    for i in range(8):
        t.cell(i, 0).text = f"Xã {i + 1}"
        t.cell(i, 1).text = str(10 * i)
    lines = [ln.text for ln in read_docx(_save(d)).lines]
    assert "Xã 3 | 20" in lines


def _bold_cell(cell, lines: list[str], bold: list[bool]) -> None:
    cell.paragraphs[0].text = ""
    for i, (text, b) in enumerate(zip(lines, bold)):
        par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        par.add_run(text).bold = b


def test_issuer_name_wrapped_over_bold_lines_is_one_body_and_a_regular_line_is_its_parent():
    """Nghị định 30 prints the parent regular and the issuer bold; a narrow cell wraps one long name."""
    def header(left: list[str], bold: list[bool]) -> bytes:
        d = docx.Document()
        t = d.add_table(rows=2, cols=2)
        _bold_cell(t.cell(0, 0), left, bold)
        t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        t.cell(1, 0).text = "Số: 01/2020/NQ-HĐTP"
        t.cell(1, 1).text = "Hà Nội, ngày 05 tháng 3 năm 2020"
        for line in BODY:
            d.add_paragraph(line)
        return _save(d)

    r = parse(header(["HỘI ĐỒNG THẨM PHÁN", "TÒA ÁN NHÂN DÂN TỐI", "CAO"], [True, True, True]))
    assert (r.issuer.name, r.issuer.parent) == ("HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO", None)
    r = parse(header(["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THPT AN PHÚ"], [False, True]))
    assert (r.issuer.name, r.issuer.parent) == ("TRƯỜNG THPT AN PHÚ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")

    # both bold, but the first names its place: a complete body, with another under it
    r = parse(header(["HỘI NÔNG DÂN TỈNH AN GIANG", "BCH HND HUYỆN AN PHÚ"], [True, True]))
    assert (r.issuer.name, r.issuer.parent) == ("BCH HND HUYỆN AN PHÚ", "HỘI NÔNG DÂN TỈNH AN GIANG")
    r = parse(header(["HỘI NÔNG DÂN VIỆT NAM", "HỘI NÔNG DÂN TỈNH AN GIANG", "BCH HND HUYỆN AN PHÚ"],
                     [False, True, True]))
    assert (r.issuer.name, r.issuer.parent) == ("BCH HND HUYỆN AN PHÚ", "HỘI NÔNG DÂN TỈNH AN GIANG")
    # the same, each name wrapped by a narrow cell
    r = parse(header(["HỘI NÔNG DÂN VIỆT NAM", "HỘI NÔNG DÂN TỈNH AN", "GIANG", "BCH HND HUYỆN AN", "PHÚ"],
                     [False, True, True, True, True]))
    assert (r.issuer.name, r.issuer.parent) == ("BCH HND HUYỆN AN PHÚ", "HỘI NÔNG DÂN TỈNH AN GIANG")


def test_headline_of_a_copy_without_header_wrapped_over_two_lines_names_its_kind():
    """A portal's reprint under a bold headline that a page wrapped (``… khóa XIX,`` / ``nhiệm kỳ 2016-2021``):
    the two lines are one headline, its first words the kind."""
    d = docx.Document()
    for text in ("Thông báo lịch tiếp công dân của Chủ tịch HĐND huyện An Phú khóa XIX,", "nhiệm kỳ 2016-2021"):
        d.add_paragraph().add_run(text).bold = True
    d.add_paragraph("––––––––––––––––––––––")
    d.add_paragraph("Chủ tịch HĐND huyện An Phú thông báo lịch tiếp công dân như sau:")
    d.add_paragraph("1. Thời gian: ngày 15 hằng tháng.")
    r = parse(_save(d))
    assert (r.doc_type, r.title) == ("THÔNG BÁO", "lịch tiếp công dân của Chủ tịch HĐND huyện An Phú khóa XIX, nhiệm kỳ 2016-2021")
