"""The Nơi nhận column read again when its small type shares rows with the signer's capitals.

Tesseract's page reading takes ``- Như trên;`` and ``THỨ TRƯỞNG`` as one line, sizes its letters by the
capitals and makes nothing of the item (``Hóc`` at 0.00, ``D0 LIT``): the first item of real grey scans
most often.  ``ocr._reread_recipients`` reads the column from ``Nơi nhận:`` to the signer's column again
as a block of its own and keeps the better reading of each line.  Pinned here on word tables (Tesseract
replaced by a canned block reading), and on one real scan in the opt-in slow tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from baocao_parser.readers import ocr, tesseract_engine  # noqa: E402
from baocao_parser.readers.pdf_layout import Word  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DPI = 300.0
SCALE = 72.0 / DPI


def _word(text: str, x0: float, top: float, conf: float, width: float | None = None) -> Word:
    return Word(text, x0, x0 + (width or 6.0 * len(text)), top, top + 10.0, conf=conf)


def _page() -> tuple[dict, dict]:
    """Units (Tesseract line key → words, in points) of a closing, and the page's word table (pixels)."""
    units = {
        (1, 1, 1): [_word("Nơi", 70, 500, 0.96), _word("nhận:", 92, 500, 0.96),
                    _word("KT.", 330, 500, 0.96), _word("BỘ", 352, 500, 0.96), _word("TRƯỞNG", 370, 500, 0.96)],
        (1, 1, 2): [_word("Hóc", 70, 514, 0.0), _word("THỨ", 340, 514, 0.97), _word("TRƯỞNG", 365, 514, 0.96)],
        (1, 1, 3): [_word("-", 70, 528, 0.93), _word("Lưu:", 78, 528, 0.92), _word("VT.", 104, 528, 0.92)],
    }
    data: dict[str, list] = {k: [] for k in ("text", "conf", "left", "top", "width", "height",
                                             "block_num", "par_num", "line_num")}
    for (b, p, ln), words in units.items():
        for w in words:
            for k, v in (("text", w.text), ("conf", (w.conf or 0) * 100), ("left", int(w.x0 / SCALE)),
                         ("top", int(w.top / SCALE)), ("width", int((w.x1 - w.x0) / SCALE)),
                         ("height", int((w.bottom - w.top) / SCALE)), ("block_num", b), ("par_num", p),
                         ("line_num", ln)):
                data[k].append(v)
    return units, data


def _block_reading(gray, dpi, timeout):
    """What the column alone reads: the three lines, the first item plainly (pixels of the crop)."""
    rows = [("Nơi nhận:", 0.96), ("- Như trên;", 0.95), ("- Lưu: VT.", 0.93)]
    data: dict[str, list] = {k: [] for k in ("text", "conf", "left", "top", "width", "height",
                                             "block_num", "par_num", "line_num")}
    for i, (line, conf) in enumerate(rows):
        x = 42
        for t in line.split():
            for k, v in (("text", t), ("conf", conf * 100), ("left", x), ("top", 42 + int(14 * i / SCALE)),
                         ("width", int(6 * len(t) / SCALE)), ("height", int(10 / SCALE)), ("block_num", 1),
                         ("par_num", 1), ("line_num", i + 1)):
                data[k].append(v)
            x += int((6 * len(t) + 4) / SCALE)
    return data


def test_item_beside_the_signers_capitals_is_read_again_and_the_signer_kept(monkeypatch):
    units, data = _page()
    seen = []

    def block(gray, dpi, timeout):
        seen.append(gray.shape)
        return _block_reading(gray, dpi, timeout)

    monkeypatch.setattr(tesseract_engine, "block_to_data", block)
    prep = ocr.Prepared(np.full((3508, 2480), 245, np.uint8), DPI, 0.05)
    ocr._reread_recipients(units, data, prep, SCALE)
    lines = sorted((" ".join(w.text for w in sorted(u, key=lambda w: w.x0)), min(w.top for w in u))
                   for u in units.values() if u)
    texts = [t for t, _ in sorted(lines, key=lambda x: x[1])]
    assert "- Như trên;" in texts and not any("Hóc" in t for t in texts)
    assert "THỨ TRƯỞNG" in texts and any(t.endswith("KT. BỘ TRƯỞNG") or t == "KT. BỘ TRƯỞNG" for t in texts)
    # the column read is the recipients' only: it ends before the signer's column
    assert seen and all(w * SCALE < 330 - 70 + 20 for _, w in seen)


def test_column_read_well_is_not_read_again(monkeypatch):
    units, data = _page()
    units[(1, 1, 2)][0] = _word("-", 70, 514, 0.93)
    data["text"][5], data["conf"][5] = "-", 93.0
    monkeypatch.setattr(tesseract_engine, "block_to_data", lambda *a: pytest.fail("read again"))
    ocr._reread_recipients(units, data, ocr.Prepared(np.full((3508, 2480), 245, np.uint8), DPI, 0.05), SCALE)


@pytest.mark.slow
def test_real_grey_scan_first_item_beside_the_signer_is_read():
    """``samples/real/dev/scan/cv-bldtbxh-386-…``: the page reading gave ``Hóc`` for ``- Như trên;``."""
    from baocao_parser import parse
    from baocao_parser.readers.ocr import tesseract_available

    path = ROOT / "samples" / "real" / "dev" / "scan" / "cv-bldtbxh-386-hoi-cuu-tro-tre-em-tan-tat-2010-g32.scan.pdf"
    if not path.exists() or not tesseract_available():
        pytest.skip("no sample or no Tesseract")
    assert parse(path).recipients[0] == "Như trên"
