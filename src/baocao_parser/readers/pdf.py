"""PDF reports: the text layer through pypdfium2, scanned pages through Tesseract.

Each page's characters come from pdfium with their boxes and fonts (about a
millisecond or two per page), are grouped into words and rows, and
``pdf_layout`` puts them in reading order with the two-column header and
closing separated.  A page whose text layer is empty, tiny, garbage, or an
invisible layer over a page-sized image is rendered and OCR'd instead
(``ocr``); mixed PDFs choose per page.  Text in legacy TCVN3/VNI fonts is
converted (``normalise.legacy_encoding``).  pdfplumber is not needed: pdfium's
character boxes and font names give all the layout detail the reader uses, at
a fraction of pdfplumber's cost (``benchmarks/bench_pdf.py``).
"""

from __future__ import annotations

import ctypes
import unicodedata

from .. import limits
from ..document import Document, Line
from ..errors import UnreadableDocumentError
from .pdf_layout import Row, Word, drop_running, group_rows, rows_to_lines

MAX_PAGES = limits.MAX_PDF_PAGES
MAX_OCR_PAGES = limits.MAX_OCR_PAGES
"""At most this many pages of one PDF are OCR'd (the first ones and the last few, where
the header and the closing are); the others are skipped with a warning."""
OCR_DPI = 300
MAX_RENDER_PIXELS = 60_000_000


def _open(data: bytes, source: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise UnreadableDocumentError(source, "the PDF is encrypted (password-protected); remove the password and try again") from None
        if "security" in msg:
            raise UnreadableDocumentError(source, "the PDF uses an unsupported security handler (encrypted)") from None
        if b"%%EOF" not in data[-2048:]:
            raise UnreadableDocumentError(source, "the PDF is truncated or damaged (no end-of-file marker) and cannot be opened") from None
        raise UnreadableDocumentError(source, f"the PDF is damaged and cannot be opened ({exc})") from None


# ---------------------------------------------------------------- text layer


_GOOD_EXTRA = set(".,;:!?-–—()[]/\\\"'“”‘’%&+*=<>#@…°§_|~^{}$€·•")


def _page_chars(page, height: float, limit: int | None = None):
    """Characters of a page: list of (char, x0, x1, top, bottom, size, font_key); at most ``limit``."""
    import pypdfium2.raw as c

    tp = page.get_textpage()
    raw = tp.raw
    n = c.FPDFText_CountChars(raw)
    if limit is not None:
        n = min(n, max(limit, 0))
    chars = []
    fonts: dict[int, tuple[bool, bool, int]] = {}
    if n <= 0:
        tp.close()
        return chars, fonts
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # surrogate pairs: fall back to per-char code points
        text = "".join(chr(c.FPDFText_GetUnicode(raw, i)) for i in range(n))
    # pdfium reports a hyphen that ends a line as U+FFFE; soft hyphens print as hyphens too.
    text = text.replace("\ufffe", "-").replace("\u00ad", "-").replace("\ufffd\u0000", " ")
    rect = c.FS_RECTF()
    prect = ctypes.byref(rect)
    get_box = c.FPDFText_GetLooseCharBox
    get_size = c.FPDFText_GetFontSize
    get_obj = c.FPDFText_GetTextObject
    is_gen = c.FPDFText_IsGenerated
    namebuf = ctypes.create_string_buffer(256)
    for i in range(n):
        ch = text[i]
        if ch in "\r\n" or (ch == " " and is_gen(raw, i)):
            chars.append((" ", 0, 0, 0, 0, 0, -1 if ch in "\r\n" else 0))  # -1: a line break
            continue
        get_box(raw, i, prect)
        obj = get_obj(raw, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if key not in fonts:
            bold = italic = False
            mode = 0
            if obj:
                font = c.FPDFTextObj_GetFont(obj)
                if font:
                    ln = c.FPDFFont_GetBaseFontName(font, namebuf, 256)
                    name = namebuf.raw[: max(0, ln - 1)].decode("latin-1", "replace").lower()
                    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")) or c.FPDFFont_GetWeight(font) >= 700
                    italic = "italic" in name or "oblique" in name
                mode = c.FPDFTextObj_GetTextRenderMode(obj)
            fonts[key] = (bold, italic, mode)
        chars.append((ch, rect.left, rect.right, height - rect.top, height - rect.bottom, get_size(raw, i), key))
    tp.close()
    return chars, fonts


def _words(chars, fonts) -> list[Word]:
    words: list[Word] = []
    cur: list = []

    def flush() -> None:
        if not cur:
            return
        text = unicodedata.normalize("NFC", "".join(t[0] for t in cur))
        if text.strip():
            nb = sum(1 for t in cur if fonts.get(t[6], (False,))[0])
            ni = sum(1 for t in cur if fonts.get(t[6], (False, False))[1])
            words.append(Word(text.strip(), min(t[1] for t in cur), max(t[2] for t in cur),
                              min(t[3] for t in cur), max(t[4] for t in cur), nb * 2 > len(cur), ni * 2 > len(cur)))
        cur.clear()

    prev = None
    for t in chars:
        ch = t[0]
        if ch.isspace():
            flush()
            prev = None
            continue
        if unicodedata.combining(ch) and cur:
            cur.append((ch, cur[-1][1], cur[-1][2], cur[-1][3], cur[-1][4], cur[-1][5], cur[-1][6]))
            continue
        if prev is not None:
            size = max(prev[5], t[5], 1.0)
            pc, tc = (prev[3] + prev[4]) / 2, (t[3] + t[4]) / 2
            gap = t[1] - prev[2]
            if abs(pc - tc) > 0.5 * size or gap > 0.22 * size or gap < -1.5 * size:
                flush()
        cur.append(t)
        prev = t
    flush()
    return words


def _text_quality(chars, fonts) -> tuple[int, float, bool]:
    """(visible non-space characters, share of plausible ones, all text invisible)."""
    total = good = 0
    invisible = True
    for t in chars:
        ch = t[0]
        if ch.isspace():
            continue
        total += 1
        o = ord(ch)
        if ch.isalnum() and (o < 0x250 or 0x1E00 <= o <= 0x1EFF) or ch in _GOOD_EXTRA or 0x300 <= o <= 0x36F:
            good += 1
        if fonts.get(t[6], (0, 0, 0))[2] != 3:
            invisible = False
    return total, (good / total if total else 0.0), invisible and total > 0


def _has_big_image(page, width: float, height: float) -> bool:
    import pypdfium2.raw as c

    area = 0.0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in _first_objects(page, c.FPDF_PAGEOBJ_IMAGE):
        if not c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        area += max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)
    return area >= 0.3 * width * height


def _first_objects(page, kind: int):
    """Top-level page objects of ``kind`` among the first :data:`~baocao_parser.limits.MAX_PAGE_OBJECTS`
    (pypdfium2's ``get_objects`` walks every object in Python: 50 000 per page took seconds)."""
    import pypdfium2.raw as c

    raw = page.raw
    for i in range(min(c.FPDFPage_CountObjects(raw), limits.MAX_PAGE_OBJECTS)):
        obj = c.FPDFPage_GetObject(raw, i)
        if obj and c.FPDFPageObj_GetType(obj) == kind:
            yield obj


# ---------------------------------------------------------------- rendering for OCR


class PdfPageLoader:
    """Renders page ``i`` of a PDF in colour (RGB array) for OCR (picklable; used in workers).

    Colour, not grey: the OCR reader takes red seals and blue ink off by their
    colour (``colour``), which a grey rendering would have made black.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._doc = None

    def __getstate__(self):
        return {"data": self.data, "_doc": None}

    def __call__(self, index: int):
        import pypdfium2 as pdfium

        if self._doc is None:
            self._doc = pdfium.PdfDocument(self.data)
        page = self._doc[index]
        w, h = page.get_size()
        dpi = float(OCR_DPI)
        native = _native_ppi(page, w, h)
        if native:
            # A scanned page: keep the scan's own resolution when it is near 300 dpi
            # (upsampling a 250-dpi scan costs OCR time and gains nothing).
            dpi = max(200.0, min(native, float(OCR_DPI)))
        if (w * dpi / 72) * (h * dpi / 72) > MAX_RENDER_PIXELS:
            dpi = 72.0 * (MAX_RENDER_PIXELS / (w * h)) ** 0.5
        try:
            bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
            arr = bitmap.to_numpy()
        except Exception:
            return None, dpi, index + 1
        if arr.ndim == 3 and arr.shape[2] > 3:
            arr = arr[:, :, :3]
        return arr, dpi, index + 1


def _native_ppi(page, width: float, height: float) -> float | None:
    """Resolution of a page-sized image on the page, if there is one."""
    import pypdfium2.raw as c

    best = None
    for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            l, b, r, t = obj.get_bounds()
            pw, ph = obj.get_px_size()
        except Exception:
            continue
        if (r - l) * (t - b) >= 0.8 * width * height and r > l:
            best = pw / ((r - l) / 72.0)
    return best


# ---------------------------------------------------------------- reader


def read_pdf(data: bytes, source: str = "<bytes>") -> Document:
    from .pdf_guard import check_streams

    check_streams(data, source)
    pdf = _open(data, source)
    budget = limits.MAX_PDF_CHARS  # characters left to read: 2 000 pages sharing one 50 000-character stream
    crowded = False
    import pypdfium2.raw as pdfium_c
    try:
        n = len(pdf)
        if n == 0:
            raise UnreadableDocumentError(source, "the PDF has no pages")
        warnings: list[str] = []
        if n > MAX_PAGES:
            warnings.append(f"only the first {MAX_PAGES} of {n} pages were read")
            n = MAX_PAGES
        page_rows: list[tuple[list[Row], float]] = []
        to_ocr: list[int] = []
        for i in range(n):
            try:
                page = pdf[i]
            except Exception as exc:
                warnings.append(f"page {i + 1} could not be read ({exc})")
                page_rows.append(([], 842.0))
                continue
            width, height = page.get_size()
            if pdfium_c.FPDFPage_CountObjects(page.raw) > limits.MAX_PAGE_OBJECTS and not crowded:
                crowded = True
                warnings.append(limits.warning(f"page {i + 1} (and maybe others)", limits.MAX_PAGE_OBJECTS,
                                               "drawing objects of a page") + " to tell text from scan")
            if budget <= 0:
                warnings.append(limits.warning("the PDF's text layer", limits.MAX_PDF_CHARS, "characters")
                                + f"; pages {i + 1}–{n} were not read")
                page.close()
                n = i
                break
            try:
                chars, fonts = _page_chars(page, height, budget)
            except Exception as exc:  # a damaged content stream
                warnings.append(f"page {i + 1}: text layer could not be read ({exc})")
                chars, fonts = [], {}
            budget -= len(chars)
            total, quality, invisible = _text_quality(chars, fonts)
            needs_ocr = False
            if total < 20:
                needs_ocr = total > 0 or _has_big_image(page, width, height)
                if not needs_ocr:
                    needs_ocr = _page_has_ink(page)
            elif quality < 0.75:
                needs_ocr = not _legacy_text(chars)
            elif invisible and _has_big_image(page, width, height):
                needs_ocr = True
            elif _layer_lies(chars, page, width, height):
                needs_ocr = not _legacy_text(chars)
            page.close()
            if needs_ocr:
                to_ocr.append(i)
                page_rows.append(([], height))
            else:
                page_rows.append((group_rows([[w] for w in _words(chars, fonts)]), height))
        ocr_pages: set[int] = set()
        if to_ocr:
            ocr_pages = _ocr_into(data, source, to_ocr, page_rows, warnings)
    finally:
        pdf.close()
    drop_running(page_rows)
    lines: list[Line] = []
    for i, (rows, _h) in enumerate(page_rows):
        page_lines = rows_to_lines(rows, i + 1)
        if i in ocr_pages:
            from ..normalise.ocr_repair import repair_lines

            repair_lines(page_lines)
        lines.extend(page_lines)
    encoding = _repair_legacy(lines, ocr_pages)
    if ocr_pages:
        from ..normalise.ocr_repair import repair_headings

        repair_headings(lines)
    fmt = "pdf-scan" if ocr_pages else "pdf"
    if not any(ln.text.strip() for ln in lines):
        warnings.append("no text was found in the PDF")
    return Document(lines=lines, format=fmt, pages=n, ocr=bool(ocr_pages), encoding=encoding, warnings=warnings)


def _layer_lies(chars, page, width: float, height: float) -> bool:
    """A readable-looking layer that is garbage words or only a stamp over a scanned image (``text_layer``)."""
    from .text_layer import layer_lies

    text = "".join("\n" if t[6] == -1 else t[0] for t in chars)
    return layer_lies(text, _has_big_image(page, width, height))


def _legacy_text(chars) -> bool:
    """True when a page's odd-looking text is TCVN3/VNI from a legacy font (convertible, not garbage)."""
    try:
        from ..normalise.legacy_encoding import detect
    except ImportError:  # pragma: no cover
        return False
    return detect("".join(t[0] for t in chars)) is not None


def _repair_legacy(lines: list[Line], ocr_pages: set[int]) -> str | None:
    """Convert text-layer lines written in a TCVN3/VNI font to Unicode; the encoding found."""
    text_lines = [ln for ln in lines if ln.page - 1 not in ocr_pages]
    if not text_lines or all(ln.text.isascii() for ln in text_lines):
        return None
    try:
        from ..normalise.legacy_encoding import repair
    except ImportError:  # pragma: no cover
        return None
    joined = "\n".join(ln.text for ln in text_lines)
    fixed, enc = repair(joined)
    if not enc:
        return None
    parts = fixed.split("\n")
    if len(parts) == len(text_lines):
        for ln, t in zip(text_lines, parts):
            ln.text = unicodedata.normalize("NFC", t)
    return enc


def _page_has_ink(page) -> bool:
    """A page with no text and no image may still draw text as vector paths."""
    import pypdfium2.raw as c

    for _ in _first_objects(page, c.FPDF_PAGEOBJ_PATH):
        return True
    for form in _first_objects(page, c.FPDF_PAGEOBJ_FORM):  # paths inside a form XObject (depth 2)
        for j in range(min(c.FPDFFormObj_CountObjects(form), limits.MAX_PAGE_OBJECTS)):
            inner = c.FPDFFormObj_GetObject(form, j)
            if inner and c.FPDFPageObj_GetType(inner) == c.FPDF_PAGEOBJ_PATH:
                return True
    return False


def _ocr_into(data: bytes, source: str, to_ocr: list[int], page_rows, warnings: list[str]) -> set[int]:
    from ..errors import MissingDependencyError
    from .ocr import check_ocr, ocr_many

    try:
        check_ocr(source)
    except MissingDependencyError as exc:
        if len(to_ocr) == len(page_rows):
            raise
        # A mixed PDF: keep its text pages and say what is missing for the others.
        pages = ", ".join(str(i + 1) for i in to_ocr[:20]) + ("…" if len(to_ocr) > 20 else "")
        warnings.append(f"scanned pages {pages} were not read: {exc.reason}")
        return set()
    chosen = to_ocr
    if len(to_ocr) > MAX_OCR_PAGES:
        tail = min(10, MAX_OCR_PAGES // 3)
        chosen = to_ocr[: MAX_OCR_PAGES - tail] + to_ocr[-tail:]
        skipped = len(to_ocr) - len(chosen)
        warnings.append(f"{skipped} scanned pages were not OCR'd (limit of {MAX_OCR_PAGES} OCR pages per PDF)")
    results = ocr_many(PdfPageLoader(data), chosen, warnings=warnings)
    done = set()
    for i, res in results.items():
        if res.warning:
            warnings.append(res.warning)
        warnings.extend(n for n in res.notes if n not in warnings)
        height = page_rows[i][1]
        page_rows[i] = (group_rows(res.units), height)
        done.add(i)
    return done
