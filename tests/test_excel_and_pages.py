"""What offices and analysts open: the Excel workbook, the archive's table cells, the issuer pages (HTML)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from baocao_parser import Archive, parse_many

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    """An archive of the Quảng Hòa series (.txt and .docx with tables), the table samples and a few other reports."""
    db = tmp_path_factory.mktemp("arc") / "samples.db"
    files = sorted((SAMPLES / "series").glob("*.txt")) + sorted((SAMPLES / "series").glob("*.docx"))
    files += sorted((SAMPLES / "tables").glob("*.docx")) + sorted((SAMPLES / "tables").glob("*.pdf"))
    files += sorted(SAMPLES.glob("bc-*.txt"))[:4]
    results = list(parse_many(files, archive=db, workers=1))
    assert all(r.status != "failed" for r in results)
    return db


def _baocao(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from baocao_parser.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def test_export_xlsx_sheets_rows_and_types(archive_path, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    done = _baocao("export", str(archive_path), "--format", "xlsx", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    book = Path(done.stdout.strip())
    assert book.suffix == ".xlsx" and book.exists()
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["reports", "plans", "references", "meetings", "difficulties", "recipients", "table_cells", "tables"]
    with Archive.open(archive_path) as arc:
        n_reports = arc.stats()["reports"]
        n_cells = len(arc.table("table_cells"))
    ws = wb["reports"]
    assert ws.max_row - 1 == n_reports
    assert ws.freeze_panes == "A2"
    head = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(head, ws[2])}
    assert isinstance(row["issued_date"].value, dt.datetime) and row["issued_date"].number_format == "dd/mm/yyyy"
    assert isinstance(row["period_year"].value, int)
    assert ws.column_dimensions["H"].width >= 20  # the subject column is wide enough to read
    cells = wb["table_cells"]
    assert cells.max_row - 1 == n_cells > 0
    head = [c.value for c in cells[1]]
    values = [r[head.index("value")] for r in cells.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, (int, float)) and v > 100 for v in values)
    plans = wb["plans"]
    head = [c.value for c in plans[1]]
    assert "issuer" in head and isinstance(plans.cell(row=2, column=head.index("date") + 1).value, dt.datetime)


def test_archive_to_excel_and_table_cells_frame(archive_path, tmp_path):
    with Archive.open(archive_path) as arc:
        out = arc.to_excel(tmp_path / "a.xlsx")
        df = arc.table_cells(issuer="Quảng Hòa")
    assert out.exists()
    totals = df[df.is_total & (df.column_name == "Số hồ sơ tiếp nhận / Tổng số")]
    # the series' table in five periods, each period in .docx only (the .txt has no table)
    assert totals.period_label.nunique() == 5
    received = list(totals.sort_values("period_end").value)
    assert received[1:] == sorted(received[1:])  # 2024: quarter, 6, 9 and 12 months add up


def test_csv_export_has_table_cells(archive_path, tmp_path):
    done = _baocao("export", str(archive_path), "--format", "csv", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "table_cells.csv").read_text(encoding="utf-8").count("\n") > 100


def _self_contained(html: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "the page fetches something"
    assert "<script" not in html and "@import" not in html and "url(" not in html


def test_issuer_page(archive_path, tmp_path):
    out = tmp_path / "pages" / "quang-hoa.html"
    done = _baocao("report", str(archive_path), "--issuer", "Quảng Hòa", "--out", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    _self_contained(html)
    assert "ỦY BAN NHÂN DÂN XÃ QUẢNG HÒA" in html or "UỶ BAN NHÂN DÂN XÃ QUẢNG HOÀ" in html
    assert html.count('<svg class="chart bar"') == 1
    assert html.count('<svg class="chart line"') >= 4  # the recurring table's numeric columns
    assert "Kế hoạch 05/KH-UBND" in html
    assert "còn tồn tại" in html and "không còn" in html
    assert "@media print" in html and "size: A4" in html
    links = re.findall(r'href="([^"]+\.docx)"', html)
    assert links and all((out.parent / link).resolve().exists() for link in links)


def test_issuer_page_all_and_errors(archive_path, tmp_path):
    done = _baocao("report", str(archive_path), "--all", "--out", str(tmp_path / "all"))
    assert done.returncode == 0, done.stderr
    written = done.stdout.split()
    assert written[0].endswith("index.html") and len(written) >= 5
    index = (tmp_path / "all" / "index.html").read_text(encoding="utf-8")
    for page in written[1:]:
        assert Path(page).name in index
        _self_contained(Path(page).read_text(encoding="utf-8"))
    bad = _baocao("report", str(archive_path), "--issuer", "Không Có Xã Này", "--out", str(tmp_path / "x.html"))
    assert bad.returncode == 1 and "no report of an issuer" in bad.stderr and "Traceback" not in bad.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed (scripts/setup.sh installs it)")
def test_issuer_page_in_a_real_browser(archive_path, tmp_path):
    """Headless Chromium opens the page offline: no console error, charts drawn (SVG marks with size, ink in the chart area)."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    from PIL import Image

    out = tmp_path / "quang-hoa.html"
    done = _baocao("report", str(archive_path), "--issuer", "Quảng Hòa", "--out", str(out))
    assert done.returncode == 0, done.stderr
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, viewport={"width": 1000, "height": 1200},
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        try:
            page = ctx.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri(), wait_until="load")
            marks = page.evaluate("""() => Array.from(document.querySelectorAll('svg.chart path.mark')).map(p => {
                const b = p.getBBox(); return [b.width, b.height, p.getTotalLength()]; })""")
            box = page.locator("svg.chart.bar").bounding_box()
            shot = tmp_path / "page.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            ctx.close()
    assert errors == []
    assert [u for u in requests if not u.startswith("file:")] == []
    assert len(marks) >= 10 and all(length > 0 and (w > 0 or h > 0) for w, h, length in marks)
    img = Image.open(shot).convert("L")
    area = img.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"])))
    dark = sum(area.histogram()[:200])
    assert dark > 0.02 * area.width * area.height, "the bar chart area is blank in the screenshot"


def test_migration_fills_table_cells_from_stored_json(tmp_path):
    """An archive made before table_cells existed gets the cells of reports whose JSON already has tables."""
    import baocao_parser as bp

    report = bp.parse(SAMPLES / "tables" / "bc-xa-tiepdan-6t-2023.docx")
    p = tmp_path / "v2.db"
    old = Archive.open(p, create=True, _target_version=2)
    old._db.execute("INSERT INTO reports(sha256, json, parser_version, status, issuer_key, archived_at) VALUES (?,?,?,?,?,?)",
                    (report.source.sha256, report.model_dump_json(), "0.1.0", "parsed", "x", "2024-01-01"))
    old.close()
    with Archive.open(p) as a:
        cells = a.table("table_cells")
    assert len(cells) == sum(len(r) for t in report.tables for r in t.rows)
    assert {c["caption"] for c in cells} == {t.caption for t in report.tables}
