"""Scanned or photographed reports as images (.png, .jpg, .tif with many pages…).

Every frame is OCR'd with Tesseract (``ocr``) and laid out like a PDF page
(``pdf_layout``): the two-column header and closing come out column by column.
Images over :data:`~baocao_parser.readers.ocr.MAX_PIXELS` are refused before
their pixels are decoded.
"""

from __future__ import annotations

import io

from .. import limits
from ..document import Document, Line
from ..errors import MissingDependencyError, UnreadableDocumentError
from .ocr import INSTALL_EXTRAS, MAX_PIXELS, check_ocr, ocr_many
from .pdf_layout import drop_running, group_rows, rows_to_lines

MAX_FRAMES = limits.MAX_FRAMES
A4_WIDTH_IN = 8.27


class ImageFrameLoader:
    """Decodes frame ``i`` of an image file to greyscale (picklable; used in workers)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __call__(self, index: int):
        import numpy as np
        from PIL import Image, ImageOps

        with Image.open(io.BytesIO(self.data)) as im:
            im.seek(index)
            dpi = _dpi(im)
            frame = ImageOps.exif_transpose(im) if index == 0 else im
            if frame.mode.startswith("I") or frame.mode == "F":  # 16-bit or float grey: convert("L") clips it white
                arr = np.asarray(frame, dtype=np.float64)
                top = float(arr.max()) or 1.0
                return (arr * (255.0 / top)).clip(0, 255).astype(np.uint8), dpi, index + 1
            gray = frame.convert("L")
            return np.asarray(gray).copy(), dpi, index + 1


def _dpi(im) -> float:
    info = im.info.get("dpi")
    try:
        if info and float(info[0]) >= 70:
            return float(info[0])
    except (TypeError, ValueError, IndexError):
        pass
    w, h = im.size
    # No usable resolution: assume a portrait page of A4 width (a scan or a phone photo of one page).
    est = min(w, h) / A4_WIDTH_IN
    return max(70.0, min(est, 600.0))


def read_image(data: bytes, source: str = "<bytes>") -> Document:
    try:
        from PIL import Image
    except ImportError:
        raise MissingDependencyError(source, INSTALL_EXTRAS) from None
    Image.MAX_IMAGE_PIXELS = None  # we bound pixels ourselves, before decoding
    try:
        im = Image.open(io.BytesIO(data))
        w, h = im.size
        frames = getattr(im, "n_frames", 1) or 1
        fmt = (im.format or "image").lower()
    except Exception as exc:
        raise UnreadableDocumentError(source, f"not a readable image ({type(exc).__name__}: {exc})") from None
    if w * h > MAX_PIXELS:
        raise UnreadableDocumentError(
            source, f"image of {w}×{h} pixels ({w * h / 1e6:.0f} megapixels) is over the {MAX_PIXELS // 1_000_000}-megapixel limit"
        )
    if w < 16 or h < 16:
        raise UnreadableDocumentError(source, f"image of {w}×{h} pixels is too small to hold text")
    warnings: list[str] = []
    if frames > MAX_FRAMES:
        warnings.append(f"only the first {MAX_FRAMES} of {frames} frames were read")
        frames = MAX_FRAMES
    try:
        im.load()  # truncated or corrupt pixel data fails here, not in a worker
    except Exception as exc:
        raise UnreadableDocumentError(source, f"the image data is truncated or corrupt ({exc})") from None
    if frames > 1:
        for i in range(1, frames):
            try:
                im.seek(i)
            except EOFError:
                frames = i
                break
            if im.size[0] * im.size[1] > MAX_PIXELS:
                raise UnreadableDocumentError(source, f"frame {i + 1} is over the {MAX_PIXELS // 1_000_000}-megapixel limit")
    im.close()
    check_ocr(source)
    wanted = list(range(frames))
    if frames > limits.MAX_OCR_PAGES:
        warnings.append(limits.warning("the image", limits.MAX_OCR_PAGES, "frames", frames) + " by OCR")
        wanted = wanted[: limits.MAX_OCR_PAGES]
    results = ocr_many(ImageFrameLoader(data), wanted, warnings=warnings)
    pages = []
    for i in range(frames):
        res = results.get(i)
        if res is None:
            pages.append(([], 842.0))
            continue
        if res.warning:
            warnings.append(res.warning)
        pages.append((group_rows(res.units), res.height or 842.0))
    drop_running(pages)
    from ..normalise.ocr_repair import repair_headings, repair_lines

    lines: list[Line] = []
    for i, (rows, _h) in enumerate(pages):
        page_lines = rows_to_lines(rows, i + 1)
        repair_lines(page_lines)
        lines.extend(page_lines)
    repair_headings(lines)
    if not lines:
        warnings.append("no text was found in the image")
    doc = Document(lines=lines, format="image", pages=frames, ocr=True, warnings=warnings)
    doc.encoding = None
    _ = fmt
    return doc
