#!/usr/bin/env python3
"""Reports with statistics tables (biểu số liệu), and the cell gold for them.

Writes:

* ``samples/tables/NAME.docx`` and ``NAME.pdf`` (the .docx printed by LibreOffice):
  reports whose tables have merged header cells, totals rows, Vietnamese numbers
  (``1.234``, ``1.234,5``, ``98,6%``, ``-``) and a table that runs over a page
  break (its header row repeated on the next page, as Word does);
* ``samples/series/quang-hoa-*.docx``: the five periods of the Quảng Hòa series
  as Word files (the same text as the .txt beside them) with one recurring table,
  the dossiers of administrative procedures received and settled per field, so
  trends over periods have data;
* ``NAME.tables.gold.json`` beside each: the tables as they should be read
  (caption, header rows with merged cells spread, data rows as printed), and
  ``NAME.gold.json`` (the fields) for the new documents.

Run ``python samples/_build/tables.py`` (python-docx; LibreOffice for the PDFs,
skipped with a message when ``soffice`` is missing). Numbers come from fixed
rates, not a random generator: the .docx files and the gold are the same on
every run (the PDFs differ only in LibreOffice's metadata dates).
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render  # noqa: E402  (the sample renderer's layout helpers)

SAMPLES = Path(__file__).resolve().parents[1]
TABLES = SAMPLES / "tables"
SERIES = SAMPLES / "series"


# ---------------------------------------------------------------- numbers as printed

def vn_int(n: int) -> str:
    """1234 -> '1.234'."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float, places: int = 1) -> str:
    """1234.5 -> '1.234,5'."""
    whole, frac = f"{x:,.{places}f}".split(".")
    return whole.replace(",", ".") + "," + frac


def vn_pct(num: int, den: int) -> str:
    return "-" if den == 0 else vn_dec(100.0 * num / den) + "%"


# ---------------------------------------------------------------- a bordered data table

def data_table(doc, caption: str | list[str], header: list[list[tuple[str, int, int]]], rows: list[list[str]],
               widths: list[float], repeat_header: bool = False, merge_total_label: bool = True) -> dict:
    """Add a caption and a bordered table; returns its gold (what a reader should give).

    ``header`` rows list (text, colspan, rowspan) cells, left to right, skipping
    positions covered by a rowspan from above. A totals row (first cell text
    starting with ``Tổng``/``Cộng``) has its label merged over the first two columns.
    """
    captions = [caption] if isinstance(caption, str) else caption
    for i, line in enumerate(captions):
        render.add_par(doc, line, size=13, bold=i == 0, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0 if i < len(captions) - 1 else 6)
    ncols = len(widths)
    table = doc.add_table(rows=len(header) + len(rows), cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 567)))
    # header with merges
    grid_text: list[list[str | None]] = [[None] * ncols for _ in header]
    for r, cells in enumerate(header):
        c = 0
        for text, colspan, rowspan in cells:
            while grid_text[r][c] is not None:
                c += 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    grid_text[rr][cc] = text
            cell = table.cell(r, c)
            if colspan > 1 or rowspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            render.first_par(cell, text, size=12, bold=True)
            c += colspan
    for r in range(len(header)):
        if repeat_header:
            trpr = table.rows[r]._tr.get_or_add_trPr()
            mark = OxmlElement("w:tblHeader")
            trpr.append(mark)
    gold_rows = []
    for i, values in enumerate(rows):
        r = len(header) + i
        total = values[0].startswith(("Tổng", "Cộng")) and merge_total_label
        if total:
            merged = table.cell(r, 0).merge(table.cell(r, 1))
            render.first_par(merged, values[0], size=12, bold=True)
            rest = values[1:]
            for c, text in enumerate(rest, start=2):
                render.first_par(table.cell(r, c), text, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            gold_rows.append([values[0], ""] + rest)
        else:
            for c, text in enumerate(values):
                align = WD_ALIGN_PARAGRAPH.LEFT if c == 1 else WD_ALIGN_PARAGRAPH.CENTER
                render.first_par(table.cell(r, c), text, size=12, align=align)
            gold_rows.append(list(values))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    render.add_par(doc, "", size=6)
    return {"caption": " ".join(captions), "header": [list(h) for h in grid_text], "rows": gold_rows}


# ---------------------------------------------------------------- documents of samples/tables

FIELDS = [  # lĩnh vực of a district's one-stop shop, with dossiers per month (received, share online, late per mille)
    ("Đất đai", 96, 0.42, 31), ("Xây dựng", 41, 0.55, 18), ("Hộ tịch", 58, 0.81, 0), ("Chứng thực", 212, 0.12, 0),
    ("Tư pháp", 17, 0.64, 0), ("Lao động - Thương binh và Xã hội", 44, 0.73, 12), ("Giáo dục và Đào tạo", 9, 0.9, 0),
    ("Y tế", 6, 0.83, 0), ("Văn hóa và Thể thao", 5, 0.6, 0), ("Thông tin và Truyền thông", 3, 1.0, 0),
    ("Tài nguyên nước", 2, 0.5, 0), ("Môi trường", 7, 0.43, 21), ("Nông nghiệp và Phát triển nông thôn", 14, 0.5, 9),
    ("Công thương", 21, 0.71, 0), ("Kế hoạch và Đầu tư (hộ kinh doanh)", 63, 0.88, 4), ("Giao thông vận tải", 4, 0.25, 0),
    ("Nội vụ", 3, 0.67, 0), ("Thi đua - Khen thưởng", 11, 0.0, 0), ("An toàn thực phẩm", 6, 0.5, 0),
    ("Khoa học và Công nghệ", 0, 0.0, 0),
]


def tthc_rows(fields, months: float, growth: float, late_scale: float = 1.0) -> list[list[str]]:
    """Rows [TT, lĩnh vực, received, online, direct, on time, late, rate] and the totals row."""
    rows, sums = [], [0, 0, 0, 0, 0]
    for i, (name, per_month, online_share, late_pm) in enumerate(fields, 1):
        received = round(per_month * months * growth)
        online = round(received * min(1.0, online_share * growth))
        direct = received - online
        late = round(received * late_pm * late_scale / 1000)
        on_time = received - late
        cells = [received, online, direct, on_time, late]
        sums = [a + b for a, b in zip(sums, cells)]
        text = [vn_int(x) if x else "-" for x in cells]
        rows.append([str(i), name, *text, vn_pct(on_time, received)])
    rows.append(["Tổng cộng", *[vn_int(x) for x in sums], vn_pct(sums[3], sums[0])])
    return rows


TTHC_HEADER = [
    [("TT", 1, 2), ("Lĩnh vực", 1, 2), ("Số hồ sơ tiếp nhận", 3, 1), ("Kết quả giải quyết", 2, 1), ("Tỷ lệ đúng hạn", 1, 2)],
    [("Tổng số", 1, 1), ("Trực tuyến", 1, 1), ("Trực tiếp", 1, 1), ("Đúng hạn", 1, 1), ("Quá hạn", 1, 1)],
]
TTHC_WIDTHS = [1.0, 5.4, 1.9, 1.9, 1.9, 1.9, 1.7, 1.9]


def budget_rows() -> list[list[str]]:
    items = [("Chi sự nghiệp giáo dục, đào tạo", 182345.6, 0.512), ("Chi sự nghiệp y tế", 14230.0, 0.447),
             ("Chi sự nghiệp văn hóa, thông tin", 3875.5, 0.391), ("Chi quản lý hành chính", 41560.25, 0.538),
             ("Chi đảm bảo xã hội", 22910.0, 0.602), ("Chi hiện đại hóa Bộ phận Một cửa", 1250.0, 0.0)]
    rows, plan_sum, done_sum = [], 0.0, 0.0
    for i, (name, plan, share) in enumerate(items, 1):
        done = round(plan * share, 1)
        plan_sum += plan
        done_sum += done
        rows.append([str(i), name, vn_dec(plan), vn_dec(done) if done else "-", vn_pct(int(done * 10), int(plan * 10))])
    rows.append(["Cộng", vn_dec(plan_sum), vn_dec(done_sum), vn_pct(int(done_sum * 10), int(plan_sum * 10))])
    return rows


def citizens_rows() -> list[list[str]]:
    data = [("Tiếp thường xuyên", 38, 41, 12), ("Tiếp định kỳ của Chủ tịch UBND xã", 6, 9, 5),
            ("Tiếp đột xuất", 2, 14, 1), ("Đối thoại với công dân", 3, 27, 3)]
    rows, sums = [], [0, 0, 0]
    for i, (name, *vals) in enumerate(data, 1):
        sums = [a + b for a, b in zip(sums, vals)]
        rows.append([str(i), name, *[str(v) for v in vals]])
    rows.append(["Tổng cộng", *[str(v) for v in sums]])
    return rows


def complaints_rows() -> list[list[str]]:
    data = [("Khiếu nại", 7, 6, 1, 85.7), ("Tố cáo", 2, 2, 0, 100), ("Kiến nghị, phản ánh", 19, 17, 2, 89.5)]
    rows = []
    for i, (name, got, done, left, pct) in enumerate(data, 1):
        rows.append([str(i), name, str(got), str(done), str(left) if left else "-", vn_dec(pct) + "%"])
    return rows


DOCS = [
    {
        "id": "bc-huyen-tthc-q2-2024",
        "header_left": ["ỦY BAN NHÂN DÂN", "HUYỆN THANH SƠN"],
        "header_right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        "number_line": "Số: 214/BC-UBND",
        "date_line": "Thanh Sơn, ngày 25 tháng 6 năm 2024",
        "doc_type": "BÁO CÁO",
        "title_lines": ["Tình hình, kết quả giải quyết thủ tục hành chính", "quý II năm 2024"],
        "body": [
            "Thực hiện Kế hoạch số 36/KH-UBND ngày 15/01/2024 của UBND huyện về kiểm soát thủ tục hành chính năm 2024, UBND huyện Thanh Sơn báo cáo tình hình, kết quả giải quyết thủ tục hành chính quý II năm 2024 như sau:",
            "I. KẾT QUẢ THỰC HIỆN",
            "1. Công tác chỉ đạo, điều hành",
            "Trong quý, UBND huyện tổ chức 02 hội nghị tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức cấp xã và 04 cuộc họp giao ban về công tác cải cách hành chính.",
            "2. Kết quả tiếp nhận, giải quyết hồ sơ",
            "Bộ phận Một cửa huyện tiếp nhận và giải quyết hồ sơ theo từng lĩnh vực như sau:",
            {"table": "tthc"},
            "3. Kinh phí thực hiện",
            {"table": "budget"},
            "II. KHÓ KHĂN, HẠN CHẾ",
            "- Hồ sơ lĩnh vực đất đai còn quá hạn do phải xác minh nguồn gốc đất.",
            "- Một số công chức cấp xã chưa thành thạo việc số hóa hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính.",
            "III. NHIỆM VỤ QUÝ III NĂM 2024",
            "- Tiếp tục đẩy mạnh tiếp nhận hồ sơ trực tuyến, giảm hồ sơ quá hạn trong lĩnh vực đất đai.",
            "Trên đây là báo cáo tình hình, kết quả giải quyết thủ tục hành chính quý II năm 2024 của UBND huyện Thanh Sơn./.",
        ],
        "recipients_lines": ["Nơi nhận:", "- Văn phòng UBND tỉnh;", "- TT Huyện ủy, HĐND huyện;", "- Lưu: VT."],
        "signature_lines": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "(Đã ký)", "", "Hà Văn Quyết"],
        "tables": {
            "tthc": lambda doc: data_table(
                doc, ["Biểu 01", "Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính quý II năm 2024"],
                TTHC_HEADER, tthc_rows(FIELDS, 3, 1.0), TTHC_WIDTHS, repeat_header=True),
            "budget": lambda doc: data_table(
                doc, "Biểu 02. Kinh phí thực hiện 6 tháng đầu năm 2024 (triệu đồng)",
                [[("TT", 1, 1), ("Nội dung chi", 1, 1), ("Dự toán năm", 1, 1), ("Thực hiện 6 tháng", 1, 1), ("Tỷ lệ", 1, 1)]],
                budget_rows(), [1.0, 7.0, 2.8, 2.8, 2.0]),
        },
        "gold": {
            "doc_type": "BÁO CÁO", "issuer": "ỦY BAN NHÂN DÂN HUYỆN THANH SƠN", "number": "214/BC-UBND",
            "place": "Thanh Sơn", "issued_date": "2024-06-25",
            "title": "Tình hình, kết quả giải quyết thủ tục hành chính quý II năm 2024",
            "period": {"start": "2024-04-01", "end": "2024-06-30"},
            "plans": [{"number": "36/KH-UBND", "date": "2024-01-15"}],
            "conferences": [2, 4],
            "difficulties": [
                "Hồ sơ lĩnh vực đất đai còn quá hạn do phải xác minh nguồn gốc đất.",
                "Một số công chức cấp xã chưa thành thạo việc số hóa hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính.",
            ],
            "recipients": ["Văn phòng UBND tỉnh", "TT Huyện ủy, HĐND huyện", "Lưu: VT"],
            "signatory": {"name": "Hà Văn Quyết", "title": "PHÓ CHỦ TỊCH", "authority": "KT. CHỦ TỊCH"},
        },
    },
    {
        "id": "bc-xa-tiepdan-6t-2023",
        "header_left": ["ỦY BAN NHÂN DÂN", "XÃ PHÚ THỊNH"],
        "header_right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        "number_line": "Số: 58/BC-UBND",
        "date_line": "Phú Thịnh, ngày 12 tháng 6 năm 2023",
        "doc_type": "BÁO CÁO",
        "title_lines": ["Công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "6 tháng đầu năm 2023"],
        "body": [
            "Thực hiện Kế hoạch số 09/KH-UBND ngày 06/01/2023 của UBND xã về công tác tiếp công dân năm 2023, UBND xã Phú Thịnh báo cáo kết quả 6 tháng đầu năm 2023 như sau:",
            "I. KẾT QUẢ",
            "1. Tiếp công dân",
            "Kết quả tiếp công dân trong kỳ:",
            {"table": "citizens"},
            "2. Tiếp nhận, xử lý đơn thư",
            {"table": "complaints"},
            "II. KHÓ KHĂN, VƯỚNG MẮC",
            "- Một số vụ việc tranh chấp đất đai kéo dài, công dân gửi đơn nhiều lần.",
            "- Cán bộ làm công tác tiếp dân kiêm nhiệm nhiều việc.",
            "Trên đây là báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo 6 tháng đầu năm 2023 của UBND xã Phú Thịnh./.",
        ],
        "recipients_lines": ["Nơi nhận:", "- Thanh tra huyện;", "- Đảng ủy xã;", "- Lưu: VP."],
        "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Nguyễn Thị Hường"],
        "tables": {
            "citizens": lambda doc: data_table(
                doc, "Bảng 1. Kết quả tiếp công dân",
                [[("TT", 1, 2), ("Hình thức tiếp", 1, 2), ("Số lượt", 1, 2), ("Số người", 1, 2), ("Vụ việc", 1, 1)],
                 [("Số vụ việc", 1, 1)]],
                citizens_rows(), [1.0, 7.5, 2.3, 2.3, 2.6]),
            "complaints": lambda doc: data_table(
                doc, "Bảng 2. Tiếp nhận, xử lý đơn thư",
                [[("TT", 1, 1), ("Loại đơn", 1, 1), ("Tiếp nhận", 1, 1), ("Đã giải quyết", 1, 1), ("Đang giải quyết", 1, 1), ("Tỷ lệ giải quyết", 1, 1)]],
                complaints_rows(), [1.0, 5.0, 2.2, 2.5, 2.5, 2.5]),
        },
        "gold": {
            "doc_type": "BÁO CÁO", "issuer": "ỦY BAN NHÂN DÂN XÃ PHÚ THỊNH", "number": "58/BC-UBND",
            "place": "Phú Thịnh", "issued_date": "2023-06-12",
            "title": "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo 6 tháng đầu năm 2023",
            "period": {"start": "2023-01-01", "end": "2023-06-30"},
            "plans": [{"number": "09/KH-UBND", "date": "2023-01-06"}],
            "conferences": [],
            "difficulties": [
                "Một số vụ việc tranh chấp đất đai kéo dài, công dân gửi đơn nhiều lần.",
                "Cán bộ làm công tác tiếp dân kiêm nhiệm nhiều việc.",
            ],
            "recipients": ["Thanh tra huyện", "Đảng ủy xã", "Lưu: VP"],
            "signatory": {"name": "Nguyễn Thị Hường", "title": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN"},
        },
    },
]


def render_with_tables(spec: dict) -> tuple[bytes, list[dict]]:
    """The report as .docx bytes with its tables where the body says ``{"table": KEY}``; and the tables' gold."""
    doc = render.new_document()
    render.header_table(doc, spec)
    render.title_block(doc, spec)
    gold = []
    for par in spec["body"]:
        if isinstance(par, dict):
            gold.append(spec["tables"][par["table"]](doc))
        else:
            render.body_block(doc, {"body": [par]})
    render.closing_table(doc, spec)
    buf = io.BytesIO()
    doc.save(buf)
    return render.stable_zip(buf.getvalue()), gold


# ---------------------------------------------------------------- the Quảng Hòa series as Word files with a recurring table

SERIES_FIELDS = [  # one commune's one-stop shop: dossiers per month, share online (rising), late per mille
    ("Hộ tịch", 31, 0.38, 6), ("Chứng thực", 74, 0.05, 0), ("Đất đai", 9, 0.12, 95),
    ("Lao động - Thương binh và Xã hội", 12, 0.30, 18), ("Người có công", 3, 0.20, 0),
]
SERIES_PERIODS = {  # file stem -> (months covered, growth factor against 2023, late factor)
    "quang-hoa-2023-nam": (12, 0.85, 1.6), "quang-hoa-2024-quy1": (3, 1.0, 1.3), "quang-hoa-2024-6thang": (6, 1.08, 1.0),
    "quang-hoa-2024-9thang": (9, 1.17, 0.8), "quang-hoa-2024-nam": (12, 1.26, 0.55),
}
SERIES_CAPTION = "Biểu: Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính tại Bộ phận Một cửa xã"


def spec_from_txt(path: Path) -> dict:
    """Read a series .txt (header, blank, kind and subject, blank, body, Nơi nhận, signature) into a render spec."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blank = lines.index("")
    head = lines[:blank]
    qh = next(i for i, x in enumerate(head) if x.upper().startswith(("CỘNG HÒA", "CỘNG HOÀ")))
    number = next(x for x in head if x.startswith("Số:"))
    rest = lines[blank + 1:]
    title_end = rest.index("")
    body_end = next(i for i, x in enumerate(rest) if x.startswith("Nơi nhận"))
    closing = rest[body_end:]
    rec_end = closing.index("")
    return {
        "id": path.stem, "header_left": head[:qh], "header_right": head[qh:qh + 2], "number_line": number,
        "date_line": head[-1], "doc_type": rest[0], "title_lines": rest[1:title_end],
        "body": [x for x in rest[title_end + 1:body_end] if x.strip()],
        "recipients_lines": closing[:rec_end], "signature_lines": closing[rec_end + 1:],
    }


def series_spec(path: Path) -> dict:
    spec = spec_from_txt(path)
    months, growth, late = SERIES_PERIODS[path.stem]
    body = spec["body"]
    at = next(i for i, x in enumerate(body) if x.startswith("II."))
    body.insert(at, {"table": "tthc"})
    header = [[("TT", 1, 2), ("Lĩnh vực", 1, 2), ("Số hồ sơ tiếp nhận", 3, 1), ("Kết quả giải quyết", 2, 1),
               ("Tỷ lệ đúng hạn", 1, 2)],
              [("Tổng số", 1, 1), ("Trực tuyến", 1, 1), ("Trực tiếp", 1, 1), ("Đúng hạn", 1, 1), ("Quá hạn", 1, 1)]]
    spec["tables"] = {"tthc": lambda doc: data_table(doc, SERIES_CAPTION, header, tthc_rows(SERIES_FIELDS, months, growth, late),
                                                     TTHC_WIDTHS)}
    return spec


# ---------------------------------------------------------------- main

def to_pdf(docx_path: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print(f"soffice not found: {docx_path.name} not printed to PDF (apt-get install libreoffice-writer-nogui)")
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(docx_path.parent), str(docx_path)], check=True, capture_output=True, timeout=180)
    return docx_path.with_suffix(".pdf")


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    TABLES.mkdir(exist_ok=True)
    written = []
    for spec in DOCS:
        data, gold = render_with_tables(spec)
        path = TABLES / f"{spec['id']}.docx"
        path.write_bytes(data)
        write_json(TABLES / f"{spec['id']}.gold.json", spec["gold"])
        write_json(TABLES / f"{spec['id']}.tables.gold.json", gold)
        written.append(path)
        pdf = to_pdf(path)
        if pdf:
            written.append(pdf)
    for stem in SERIES_PERIODS:
        spec = series_spec(SERIES / f"{stem}.txt")
        data, gold = render_with_tables(spec)
        (SERIES / f"{stem}.docx").write_bytes(data)
        write_json(SERIES / f"{stem}.tables.gold.json", gold)
        written.append(SERIES / f"{stem}.docx")
    for p in written:
        print(p.relative_to(SAMPLES.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
