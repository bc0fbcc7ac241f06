"""Text-PDF reader: reading order, two-column header and closing, running headers, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao_parser.errors import UnreadableDocumentError
from baocao_parser.normalise.folding import tone_key
from baocao_parser.readers import read_document
from baocao_parser.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))


# ---------------------------------------------------------------- a tiny PDF writer (ASCII text, base-14 fonts)


def make_pdf(pages: list[list[tuple[float, float, str, float, bool]]], *, encrypt: bool = False,
             width: float = 595.0, height: float = 842.0) -> bytes:
    """A PDF whose pages hold ``(x, top, text, size, bold)`` runs, written by hand."""
    objs: dict[int, bytes] = {}
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>"
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>"
    kids = []
    n = 5
    for runs in pages:
        ops = []
        for x, top, text, size, bold in runs:
            esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /{'F2' if bold else 'F1'} {size} Tf {x:.1f} {height - top - size:.1f} Td ({esc}) Tj ET")
        content = "\n".join(ops).encode("latin-1")
        objs[n + 1] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[n] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
                   f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {n + 1} 0 R >>").encode()
        kids.append(n)
        n += 2
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = ("<< /Type /Pages /Kids [" + " ".join(f"{k} 0 R" for k in kids) + f"] /Count {len(kids)} >>").encode()
    if encrypt:
        objs[n] = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[i]) if i in offsets else b"0000000000 65535 f \n"
    trailer = b"<< /Size %d /Root 1 0 R" % size
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]" % n
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def header_runs() -> list[tuple[float, float, str, float, bool]]:
    return [
        (110, 56, "UY BAN NHAN DAN", 13, True), (274, 56, "CONG HOA XA HOI CHU NGHIA VIET NAM", 13, True),
        (135, 71, "XA KY TAN", 13, True), (330, 71, "Doc lap - Tu do - Hanh phuc", 13, True),
        (123, 97, "So: 27/BC-UBND", 13, False), (318, 97, "Ky Tan, ngay 15 thang 6 nam 2023", 13, False),
        (286, 130, "BAO CAO", 14, True),
        (178, 146, "Ket qua thuc hien cong tac cai cach hanh chinh", 14, True),
        (113, 200, "Thuc hien Ke hoach so 12/KH-UBND ngay 06/01/2023 cua UBND xa ve cai cach", 13, False),
        (85, 218, "hanh chinh nam 2023, UBND xa bao cao ket qua thuc hien nhu sau:", 13, False),
    ]


def closing_runs(top: float) -> list[tuple[float, float, str, float, bool]]:
    return [
        (113, top, "Tren day la bao cao ket qua thuc hien cong tac cai cach hanh chinh cua xa.", 13, False),
        (88, top + 34, "Noi nhan:", 12, True), (352, top + 34, "TM. UY BAN NHAN DAN", 13, True),
        (88, top + 50, "- Phong Noi vu huyen;", 11, False), (395, top + 50, "CHU TICH", 13, True),
        (88, top + 63, "- Luu: VT.", 11, False),
        (383, top + 115, "Tran Van Hung", 13, True),
    ]


_WORDS = "an binh cao dan em gia hoa khanh lam minh nam phong quang son tan uyen vinh xuan yen".split()


def body_runs(start: float, count: int, tag: str) -> list[tuple[float, float, str, float, bool]]:
    """Body lines that differ in words, not only in numbers (as real body lines do)."""
    out = []
    for i in range(count):
        w = " ".join(_WORDS[(hash((tag, i, k)) & 0xFFFF) % len(_WORDS)] for k in range(4))
        out.append((85, start + 18 * i, f"- Noi dung {tag} dong {i + 1} {w} ve cong tac cai cach hanh chinh.", 13, False))
    return out


# ---------------------------------------------------------------- column separation


def test_two_column_header_and_closing_are_separated():
    pdf = make_pdf([header_runs() + closing_runs(260)])
    doc = read_pdf(pdf, "t.pdf")
    texts = [ln.text for ln in doc.lines]
    cols = [(ln.column, ln.text) for ln in doc.lines]
    assert cols[:6] == [
        ("left", "UY BAN NHAN DAN"), ("left", "XA KY TAN"), ("left", "So: 27/BC-UBND"),
        ("right", "CONG HOA XA HOI CHU NGHIA VIET NAM"), ("right", "Doc lap - Tu do - Hanh phuc"),
        ("right", "Ky Tan, ngay 15 thang 6 nam 2023"),
    ]
    assert ("left", "BAO CAO") not in cols and ("right", "BAO CAO") not in cols
    assert not any("UY BAN NHAN DAN CONG HOA" in t for t in texts)
    closing = [(c, t) for c, t in cols if c is not None][6:]
    assert closing == [
        ("left", "Noi nhan:"), ("left", "- Phong Noi vu huyen;"), ("left", "- Luu: VT."),
        ("right", "TM. UY BAN NHAN DAN"), ("right", "CHU TICH"), ("right", "Tran Van Hung"),
    ]
    body = [ln for ln in doc.lines if ln.text.startswith("Tren day")][0]
    assert body.column is None
    assert doc.format == "pdf" and doc.pages == 1 and not doc.ocr
    first = doc.lines[0]
    assert first.bold and first.page == 1 and first.number == 1 and first.confidence is None
    assert first.x0 == pytest.approx(110, abs=1.5) and first.top == pytest.approx(56, abs=4)
    assert [ln.number for ln in doc.lines] == list(range(1, len(doc.lines) + 1))


@pytest.mark.skipif(not SAMPLE_PDFS, reason="samples/pdf is empty: run samples/_build/render_pdf.py")
@pytest.mark.parametrize("path", SAMPLE_PDFS[:6], ids=lambda p: p.stem)
def test_sample_pdf_header_columns(path: Path):
    doc = read_document(path.read_bytes(), source=str(path))
    left = [ln.text for ln in doc.lines if ln.column == "left"]
    right = [ln.text for ln in doc.lines if ln.column == "right"]
    assert left and right
    keys = [tone_key(t) for t in right]
    assert any(k.startswith(tone_key("CỘNG HÒA XÃ HỘI")) or k.startswith(tone_key("ĐẢNG CỘNG SẢN")) or "ĐOÀN" in t
               for k, t in zip(keys, right))
    # Nothing from the two columns is glued into one line.
    assert not any("CỘNG" in t and ("ỦY BAN" in t or "UỶ BAN" in t or "UBND" in t) for t in (ln.text for ln in doc.lines))
    # A block's left lines all come before its right lines.
    first = [ln.column for ln in doc.lines[:12] if ln.column]
    assert first == sorted(first)


def test_running_header_and_page_numbers_are_dropped():
    running = (200, 20, "Bao cao cai cach hanh chinh - UBND xa Ky Tan", 10, False)
    pages = [header_runs() + body_runs(240, 20, "p1") + [running]]
    for p in range(2, 4):
        pages.append([(290, 30, str(p), 12, False), running] + body_runs(70, 30, f"p{p}") + [(280, 810, f"Trang {p}/3", 10, False)])
    pages[-1] += closing_runs(640)
    doc = read_pdf(make_pdf(pages), "t.pdf")
    texts = [ln.text for ln in doc.lines]
    assert not any("Bao cao cai cach hanh chinh - UBND" in t for t in texts)
    assert "2" not in texts and "3" not in texts and not any(t.startswith("Trang ") for t in texts)
    body = [t for t in texts if t.startswith("- Noi dung")]
    assert len(body) == 80
    assert body[0].startswith("- Noi dung p1 dong 1 ") and body[-1].startswith("- Noi dung p3 dong 30 ")
    assert doc.pages == 3


def test_split_syllables_and_decomposed_marks_are_joined():
    from baocao_parser.readers.pdf_layout import nfc_clean

    assert nfc_clean("ĐIE\u0302\u0300U 1") == "ĐIỀU 1"
    assert nfc_clean("ĐIÊ \u0300U") == "ĐIỀU"


# ---------------------------------------------------------------- bad input


def test_encrypted_pdf_is_refused_with_reason():
    with pytest.raises(UnreadableDocumentError) as err:
        read_pdf(make_pdf([header_runs()], encrypt=True), "secret.pdf")
    assert "encrypted" in err.value.reason and err.value.source == "secret.pdf"


def test_truncated_pdf_is_refused_with_reason():
    data = make_pdf([header_runs() + body_runs(240, 20, "x")] * 3)
    with pytest.raises(UnreadableDocumentError) as err:
        read_pdf(data[: len(data) // 2], "cut.pdf")
    assert "truncated" in err.value.reason or "damaged" in err.value.reason


def test_garbage_bytes_named_pdf():
    with pytest.raises(UnreadableDocumentError):
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 10, "junk.pdf")


def test_three_hundred_pages_are_all_read():
    """Every page of a long text PDF is read (its speed is measured by benchmarks/bench_pdf.py, not here)."""
    pages = [body_runs(60, 40, f"p{i}") for i in range(300)]
    pages[0] = header_runs() + body_runs(240, 40, "p0")
    doc = read_pdf(make_pdf(pages), "big.pdf")
    assert doc.pages == 300
    assert len([ln for ln in doc.lines if ln.text.startswith("- Noi dung")]) == 300 * 40


def test_page_without_text_or_images_gives_warning_not_error():
    doc = read_pdf(make_pdf([[]]), "blank.pdf")
    assert doc.lines == [] and doc.warnings


def test_text_pdf_needs_no_tesseract(monkeypatch):
    from baocao_parser.readers import ocr

    def missing(source):
        raise AssertionError("OCR must not be asked for a text PDF")

    monkeypatch.setattr(ocr, "check_ocr", missing)
    doc = read_pdf(make_pdf([header_runs()]), "t.pdf")
    assert doc.lines and not doc.ocr


def test_mixed_pdf_without_tesseract_keeps_text_pages(monkeypatch):
    pytest.importorskip("PIL")
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    from baocao_parser.errors import MissingDependencyError
    from baocao_parser.readers import ocr

    # page 2: an image-only page (a picture of text-like bars)
    img = Image.new("L", (1240, 1754), 255)
    for y in range(200, 1500, 60):
        img.paste(0, (150, y, 1100, y + 18))
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=150.0)
    mixed = pdfium.PdfDocument(make_pdf([header_runs()]))
    mixed.import_pages(pdfium.PdfDocument(buf.getvalue()), [0])
    out = io.BytesIO()
    mixed.save(out)

    def missing(source):
        raise MissingDependencyError(source, ocr.INSTALL_TESSERACT)

    monkeypatch.setattr(ocr, "check_ocr", missing)
    doc = read_pdf(out.getvalue(), "mixed.pdf")
    assert doc.pages == 2 and any(ln.text == "BAO CAO" for ln in doc.lines)
    assert any("tesseract-ocr-vie" in w for w in doc.warnings)
    with pytest.raises(MissingDependencyError):
        read_pdf(buf.getvalue(), "scan-only.pdf")


def test_a_tall_word_of_the_other_column_keeps_to_its_own_line():
    """pdfium's glyph boxes are tight: a 14 pt TỔNG under its stacked marks reaches half-way into the 11 pt
    recipient line above it, and must stay with PHÓ / CỤC TRƯỞNG (real: a Tổng cục Hải quan letter)."""
    from baocao_parser.readers.pdf_layout import Word, group_rows

    recipient = [Word("-", 90.6, 94.3, 581.3, 591.7), Word("Đ/c", 97.0, 114.7, 581.3, 591.7),
                 Word("Tổng", 117.5, 140.0, 581.3, 591.7)]
    position = [Word("PHÓ", 337.9, 368.2, 586.8, 603.0), Word("TỔNG", 371.7, 412.9, 586.3, 603.0),
                Word("CỤC", 416.3, 446.7, 589.1, 603.0), Word("TRƯỞNG", 450.2, 512.7, 586.9, 603.0)]
    rows = group_rows([[w] for w in recipient + position])
    texts = [r.text() for r in rows]
    assert any(t.endswith("PHÓ TỔNG CỤC TRƯỞNG") for t in texts), texts
    assert "- Đ/c Tổng" in texts[0]
