"""OCR of scans and images with Tesseract's Vietnamese model; bad images.

Tests that run Tesseract skip, saying why, when it or its ``vie`` data is
missing (CI installs ``tesseract-ocr tesseract-ocr-vie``).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
Image = pytest.importorskip("PIL.Image")

from baocao_parser.errors import MissingDependencyError, UnreadableDocumentError  # noqa: E402
from baocao_parser.normalise.folding import tone_key  # noqa: E402
from baocao_parser.readers import ocr  # noqa: E402
from baocao_parser.readers.image import read_image  # noqa: E402
from baocao_parser.readers.pdf import read_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCANS = sorted((ROOT / "samples" / "scan").glob("*.scan.pdf"))
IMAGES = sorted((ROOT / "samples" / "image").glob("*.scan.png"))
HAS_TESSERACT = ocr.tesseract_available()
needs_tesseract = pytest.mark.skipif(
    not HAS_TESSERACT, reason="Tesseract with Vietnamese data is not installed (apt-get install -y tesseract-ocr tesseract-ocr-vie)"
)


def _png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(300, 300))
    return buf.getvalue()


def _keys(lines) -> list[str]:
    return [tone_key(ln.text) for ln in lines]


# ---------------------------------------------------------------- scans


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not SCANS, reason="samples/scan is empty: run samples/_build/render_pdf.py")
def test_ocr_of_committed_scan_gives_header_columns():
    path = SCANS[0]
    doc = read_pdf(path.read_bytes(), str(path))
    assert doc.format == "pdf-scan" and doc.ocr and doc.pages >= 1
    right = _keys([ln for ln in doc.lines if ln.column == "right" and ln.page == 1])
    left = [ln.text for ln in doc.lines if ln.column == "left" and ln.page == 1]
    assert tone_key("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") in right
    assert tone_key("Độc lập - Tự do - Hạnh phúc") in right
    assert any(t.startswith("Số:") for t in left)
    right_text = [ln.text for ln in doc.lines if ln.column == "right" and ln.page == 1]
    assert any("ngày" in t and "tháng" in t and "năm" in t for t in right_text)
    ocr_lines = [ln for ln in doc.lines if ln.text]
    assert all(ln.confidence is not None and 0.0 <= ln.confidence <= 1.0 for ln in ocr_lines)
    assert all(ln.x0 is not None and ln.top is not None for ln in ocr_lines)
    # the closing block: recipients on the left, signer on the right
    closing_left = [ln.text for ln in doc.lines if ln.column == "left" and ln.page == doc.pages]
    assert any(t.startswith("Nơi nhận") for t in closing_left)


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not IMAGES, reason="samples/image is empty: run samples/_build/render_pdf.py")
def test_ocr_of_committed_png():
    path = IMAGES[0]
    doc = read_image(path.read_bytes(), str(path))
    assert doc.format == "image" and doc.ocr and doc.pages == 1
    assert tone_key("Độc lập - Tự do - Hạnh phúc") in _keys(ln for ln in doc.lines if ln.column == "right")


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not SCANS, reason="samples/scan is empty")
def test_mixed_pdf_chooses_per_page():
    import pypdfium2 as pdfium

    text_pdf = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))[0]
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(text_pdf.read_bytes()), [0])
    mixed.import_pages(pdfium.PdfDocument(SCANS[0].read_bytes()), [0])
    buf = io.BytesIO()
    mixed.save(buf)
    doc = read_pdf(buf.getvalue(), "mixed.pdf")
    assert doc.format == "pdf-scan" and doc.ocr and doc.pages == 2
    assert all(ln.confidence is None for ln in doc.lines if ln.page == 1)
    assert any(ln.confidence is not None for ln in doc.lines if ln.page == 2)


@needs_tesseract
def test_blank_page_gives_warning():
    blank = Image.new("L", (2480, 3508), 255)
    doc = read_image(_png(blank), "blank.png")
    assert doc.lines == [] and any("blank" in w or "no text" in w for w in doc.warnings)


@needs_tesseract
def test_photo_without_text_gives_warning():
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:1200, 0:1600]
    photo = (127 + 60 * np.sin(x / 90.0) * np.cos(y / 70.0) + rng.normal(0, 6, x.shape)).clip(0, 255).astype(np.uint8)
    doc = read_image(_png(Image.fromarray(photo)), "photo.png")
    assert doc.format == "image"
    assert len(" ".join(ln.text for ln in doc.lines)) < 40
    assert doc.warnings


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not IMAGES, reason="samples/image is empty")
def test_multipage_tiff():
    page = Image.open(IMAGES[0]).convert("L")
    buf = io.BytesIO()
    page.save(buf, "TIFF", save_all=True, append_images=[Image.new("L", page.size, 255)], dpi=(200, 200))
    doc = read_image(buf.getvalue(), "two.tif")
    assert doc.pages == 2
    assert {ln.page for ln in doc.lines} == {1}
    assert any("page 2" in w for w in doc.warnings)


# ---------------------------------------------------------------- bad images (no Tesseract needed)


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def test_huge_image_is_refused_before_decoding():
    with pytest.raises(UnreadableDocumentError) as err:
        read_image(_png_header_only(20000, 20000), "huge.png")
    assert "megapixel" in err.value.reason


def test_not_an_image():
    with pytest.raises(UnreadableDocumentError) as err:
        read_image(b"\x89PNG\r\n\x1a\n" + b"this is not really a png" * 20, "fake.png")
    assert "image" in err.value.reason


def test_truncated_image():
    img = Image.fromarray((np.arange(400 * 300) % 251).astype(np.uint8).reshape(300, 400))
    data = _png(img)
    with pytest.raises(UnreadableDocumentError):
        read_image(data[: len(data) // 2], "cut.png")


def test_missing_tesseract_says_what_to_install(monkeypatch):
    import pytesseract

    def not_found(*a, **k):
        raise pytesseract.TesseractNotFoundError()

    monkeypatch.setenv("BAOCAO_OCR_ENGINE", "command")  # without tesserocr, the command is needed
    monkeypatch.setattr(ocr, "_checked", None)
    monkeypatch.setattr(pytesseract, "get_tesseract_version", not_found)
    with pytest.raises(MissingDependencyError) as err:
        read_image(_png(Image.new("L", (800, 1000), 255)), "scan.png")
    assert "apt-get install -y tesseract-ocr tesseract-ocr-vie" in err.value.reason


def test_missing_vie_data_says_what_to_install(monkeypatch):
    import pytesseract

    monkeypatch.setenv("BAOCAO_OCR_ENGINE", "command")
    monkeypatch.setattr(ocr, "_checked", None)
    monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda *a, **k: "5.3.0")
    monkeypatch.setattr(pytesseract, "get_languages", lambda *a, **k: ["eng", "osd"])
    with pytest.raises(MissingDependencyError) as err:
        ocr.check_ocr("scan.pdf")
    assert "tesseract-ocr-vie" in err.value.reason


def test_missing_vie_model_for_tesserocr_says_what_to_install(monkeypatch):
    from baocao_parser.readers import tesseract_engine

    monkeypatch.setattr(tesseract_engine, "TESSDATA_DIRS", ())
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    assert not tesseract_engine.has_tesserocr()
    monkeypatch.setattr(ocr, "_checked", None)
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda *a, **k: "5.3.0")
    monkeypatch.setattr(pytesseract, "get_languages", lambda *a, **k: ["eng"])
    with pytest.raises(MissingDependencyError) as err:
        ocr.check_ocr("scan.pdf")
    assert "tesseract-ocr-vie" in err.value.reason


def test_deskew_finds_the_angle():
    cv2 = pytest.importorskip("cv2")
    img = np.zeros((1200, 900), np.uint8)
    for y in range(100, 1100, 40):
        img[y:y + 12, 100:800] = 255
    m = cv2.getRotationMatrix2D((450, 600), 2.0, 1.0)
    rotated = cv2.warpAffine(img, m, (900, 1200))
    assert ocr.deskew_angle(rotated) == pytest.approx(-2.0, abs=0.25)
