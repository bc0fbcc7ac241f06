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
from .photo import flatten
from .pdf_layout import drop_running, group_rows, rows_to_lines

MAX_FRAMES = limits.MAX_FRAMES
A4_WIDTH_IN = 8.27


class ImageFrameLoader:
    """Decodes page ``i`` of one or more image files to grey, or to RGB when it is in colour.

    Pages are the frames of the files in order (a multi-page TIFF gives several).
    Picklable: the OCR workers call it.
    """

    def __init__(self, data: bytes | list[bytes], frames: list[tuple[int, int]] | None = None) -> None:
        self.datas = data if isinstance(data, list) else [data]
        self.frames = frames or [(0, 0)]

    def __call__(self, index: int):
        import numpy as np
        from PIL import Image, ImageOps

        register_heif()
        file_index, frame_index = self.frames[index]
        with Image.open(io.BytesIO(self.datas[file_index])) as im:
            im.seek(frame_index)
            dpi = _dpi(im)
            stated = _stated_dpi(im) is not None
            frame = ImageOps.exif_transpose(im) if frame_index == 0 else im
            colour = frame.mode not in ("1", "L", "LA", "I", "I;16", "F")
            if frame.mode.startswith("I") or frame.mode == "F":  # 16-bit or float grey: convert("L") clips it white
                arr = np.asarray(frame, dtype=np.float64)
                top = float(arr.max()) or 1.0
                pixels = (arr * (255.0 / top)).clip(0, 255).astype(np.uint8)
            else:
                pixels = np.asarray(frame.convert("RGB" if colour else "L")).copy()
        # A phone photo: the sheet cut out, made flat and evenly lit (a scan passes unchanged).
        flat = flatten(pixels)
        if flat.dpi and not stated:
            dpi = flat.dpi
        return flat.image, dpi, index + 1


def _stated_dpi(im) -> float | None:
    """The resolution the file states, if it is a plausible one."""
    info = im.info.get("dpi")
    try:
        if info and float(info[0]) >= 70:
            return float(info[0])
    except (TypeError, ValueError, IndexError):
        pass
    return None


def _dpi(im) -> float:
    stated = _stated_dpi(im)
    if stated:
        return stated
    w, h = im.size
    # No usable resolution: assume a portrait page of A4 width (a scan or a phone photo of one page).
    est = min(w, h) / A4_WIDTH_IN
    return max(70.0, min(est, 600.0))


def register_heif() -> bool:
    """Let Pillow open HEIC/HEIF phone photos when pillow-heif is installed (True if it is)."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def read_image(data: bytes, source: str = "<bytes>") -> Document:
    """An image file (every frame of a multi-page TIFF is a page) read by OCR."""
    return read_images([data], [source], source)


def read_images(datas: list[bytes], names: list[str], source: str) -> Document:
    """Several image files as the pages of one report, in the order given."""
    try:
        from PIL import Image
    except ImportError:
        raise MissingDependencyError(source, INSTALL_EXTRAS) from None
    Image.MAX_IMAGE_PIXELS = None  # we bound pixels ourselves, before decoding
    register_heif()
    warnings: list[str] = []
    frames: list[tuple[int, int]] = []
    for k, (data, name) in enumerate(zip(datas, names)):
        n = _check_image(data, name, warnings)
        frames += [(k, i) for i in range(n)]
        if len(frames) > MAX_FRAMES:
            warnings.append(f"only the first {MAX_FRAMES} pages were read")
            frames = frames[:MAX_FRAMES]
            break
    check_ocr(source)
    pages_n = len(frames)
    wanted = list(range(pages_n))
    if pages_n > limits.MAX_OCR_PAGES:
        warnings.append(limits.warning("the image", limits.MAX_OCR_PAGES, "frames", pages_n) + " by OCR")
        wanted = wanted[: limits.MAX_OCR_PAGES]
    results = ocr_many(ImageFrameLoader(list(datas), frames), wanted, warnings=warnings)
    pages = []
    for i in range(pages_n):
        res = results.get(i)
        if res is None:
            pages.append(([], 842.0))
            continue
        if res.warning:
            warnings.append(res.warning)
        warnings.extend(n for n in res.notes if n not in warnings)
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
    doc = Document(lines=lines, format="image", pages=pages_n, ocr=True, warnings=warnings)
    doc.encoding = None
    return doc


def _check_image(data: bytes, source: str, warnings: list[str]) -> int:
    """Number of frames of a readable image of sane size; a clear error naming the file otherwise."""
    from PIL import Image

    try:
        im = Image.open(io.BytesIO(data))
        w, h = im.size
        frames = getattr(im, "n_frames", 1) or 1
    except Exception as exc:
        if data[4:8] == b"ftyp" and not register_heif():
            raise MissingDependencyError(source, "install pillow-heif to read HEIC photos: pip install pillow-heif") from None
        raise UnreadableDocumentError(source, f"not a readable image ({type(exc).__name__}: {exc})") from None
    if w * h > MAX_PIXELS:
        raise UnreadableDocumentError(
            source, f"image of {w}×{h} pixels ({w * h / 1e6:.0f} megapixels) is over the {MAX_PIXELS // 1_000_000}-megapixel limit"
        )
    if w < 16 or h < 16:
        raise UnreadableDocumentError(source, f"image of {w}×{h} pixels is too small to hold text")
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
    return frames
