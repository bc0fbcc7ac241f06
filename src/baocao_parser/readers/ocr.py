"""OCR with Tesseract's Vietnamese LSTM model, through pytesseract.

A page image is preprocessed for OCR (greyscale, resolution normalised to
about 300 dpi, deskew, median denoise, Otsu binarisation), then
``image_to_data`` gives word boxes and confidences.  Boxes are scaled to PDF
points so the shared layout code (``pdf_layout``) finds the two-column header
and closing of a scan exactly as it does for a text PDF.

Tesseract runs with one thread per process (``OMP_THREAD_LIMIT=1``: its OpenMP
threading is several times slower on few cores); a document with several pages
to OCR spreads them over one process per core.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from .. import limits
from ..errors import MissingDependencyError
from .pdf_layout import Word

TARGET_DPI = 300
MAX_PIXELS = limits.MAX_PIXELS
"""Largest image accepted (pixels); larger ones are refused with a clear error."""
PAGE_TIMEOUT = 120
"""Seconds Tesseract may spend on one page before the page is given up with a warning."""
SPLIT_GAP_PT = 20.0
BOLD_RATIO = 1.17
"""A word whose stroke width is this many times the page median is bold."""
TESSERACT_CONFIG = "--oem 1 --psm 3 -c tessedit_do_invert=0"
ANALYSIS_SIZE = 1400
"""Longest side (pixels) of the copy on which ink, skew and orientation are measured."""

INSTALL_TESSERACT = (
    "install tesseract-ocr and tesseract-ocr-vie to read scanned files: "
    "apt-get install -y tesseract-ocr tesseract-ocr-vie"
)
INSTALL_EXTRAS = "install the OCR extras to read scanned files: pip install 'baocao-parser[ocr]'"

_checked: str | None = None
_BULLETS = {"-", "–", "—", "+", "*", "•", "(", ")", ":", ";", ",", "."}


def check_ocr(source: str) -> None:
    """Raise :class:`MissingDependencyError` unless OpenCV and Tesseract ``vie`` are there.

    Tesseract runs in-process through tesserocr when it is installed (its wheel
    bundles the library; only ``vie.traineddata`` is needed on disk), else as
    the `tesseract` command through pytesseract.
    """
    global _checked
    if _checked == "ok":
        return
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        from PIL import Image  # noqa: F401
    except ImportError:
        raise MissingDependencyError(source, INSTALL_EXTRAS) from None
    from .tesseract_engine import has_tesserocr

    if has_tesserocr():
        _checked = "ok"
        return
    try:
        import pytesseract
    except ImportError:
        raise MissingDependencyError(source, INSTALL_EXTRAS) from None
    try:
        pytesseract.get_tesseract_version()
        langs = pytesseract.get_languages(config="")
    except Exception:  # TesseractNotFoundError, OSError, a broken install
        raise MissingDependencyError(source, INSTALL_TESSERACT) from None
    if "vie" not in langs:
        raise MissingDependencyError(source, INSTALL_TESSERACT)
    _checked = "ok"


def tesseract_available() -> bool:
    try:
        check_ocr("<check>")
        return True
    except MissingDependencyError:
        return False


@dataclass
class PageResult:
    units: list[list[Word]] = field(default_factory=list)
    """Tesseract's lines, each a list of words in points."""
    warning: str | None = None
    notes: list[str] = field(default_factory=list)
    """Warnings about what was read (a field written by hand)."""
    turned: int = 0
    """Degrees the page was turned clockwise to stand upright before OCR."""
    width: float = 0.0
    height: float = 0.0
    """Page size in points."""


# ---------------------------------------------------------------- preprocessing


def deskew_angle(binary_inv) -> float:
    """Skew angle in degrees (text pixels = 255), by maximising the row-projection variance."""
    import cv2
    import numpy as np

    h, w = binary_inv.shape
    f = 600.0 / max(h, w)
    small = cv2.resize(binary_inv, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA) if f < 1 else binary_inv
    sh, sw = small.shape
    centre = (sw / 2, sh / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rot = cv2.warpAffine(small, m, (sw, sh), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        return float(np.var(prof))

    best = max(np.arange(-4.0, 4.01, 0.5), key=score)
    best = max(np.arange(best - 0.5, best + 0.51, 0.1), key=score)
    return float(best)


@dataclass
class Prepared:
    """A page ready for Tesseract, and what was done to it on the way."""

    gray: object
    dpi: float
    ink: float
    """Share of the page in ink (0.0: blank)."""
    colour_mask: object = None
    """Where coloured ink (seal, stamp, pen) was taken off, in ``gray``'s pixels; None for a grey page."""
    turned: int = 0
    """Degrees the page was turned clockwise to stand upright."""
    osd_done: bool = False


def _resize(img, f: float, interpolation):
    import cv2

    h, w = img.shape[:2]
    return cv2.resize(img, (max(1, int(w * f)), max(1, int(h * f))), interpolation=interpolation)


def preprocess(gray, dpi: float, colour_mask=None, *, orient: bool = True) -> Prepared:
    """Greyscale page → deskewed, denoised grey page at 200-400 dpi, turned upright.

    Measured on noisy JPEG scans: a median filter where the page has specks and
    deskewing help; a global Otsu binarisation before Tesseract made the
    character error rate worse on these scans (it erases the thin hook and dot
    of Vietnamese tone marks), so the image stays grey and Tesseract binarises
    it itself.  Otsu is still used to measure ink, skew and line direction.
    A page whose lines run up and down is turned by OSD (``orientation``).
    ``colour_mask`` follows every geometric step so it stays aligned.
    """
    import cv2
    import numpy as np

    from .orientation import lines_run_vertically, rotate, upright_turn

    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY if gray.shape[2] == 3 else cv2.COLOR_RGBA2GRAY)
    if gray.dtype != np.uint8:
        gray = cv2.normalize(gray, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if dpi <= 0:
        dpi = TARGET_DPI
    mask = colour_mask
    if dpi < 200 or dpi > 400:
        f = TARGET_DPI / dpi
        h, w = gray.shape
        if (h * f) * (w * f) > MAX_PIXELS:
            f = (MAX_PIXELS / (h * w)) ** 0.5
        gray = _resize(gray, f, cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
        if mask is not None:
            mask = _resize(mask.view(np.uint8), f, cv2.INTER_NEAREST).astype(bool)
        dpi = dpi * f
    # Ink, skew and line direction are measured on a small copy: the same answers at a
    # fraction of the cost of a full-page median and Otsu.
    h, w = gray.shape
    f = min(1.0, ANALYSIS_SIZE / max(h, w))
    small = _resize(gray, f, cv2.INTER_AREA) if f < 1 else gray
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = 1.0 - float(np.count_nonzero(binary)) / binary.size
    if ink < 0.002 or float(small.std()) < 4.0:
        return Prepared(gray, dpi, 0.0, mask)
    # Specks: dark pixels that a median filter removes, counted on a band across the page.
    # Only noisy pages are filtered.
    band = gray[h // 3: h // 3 + max(64, h // 6)]
    specks = float(np.count_nonzero((cv2.medianBlur(band, 3).astype(np.int16) - band) > 80)) / band.size
    if specks > 0.0005:
        gray = cv2.medianBlur(gray, 3)
    turned, osd_done = 0, False
    if orient and lines_run_vertically(255 - binary):
        turned, osd_done = upright_turn(gray, dpi), True
        if turned:
            gray, binary, mask = rotate(gray, turned), rotate(binary, turned), rotate(mask, turned)
    angle = deskew_angle(255 - binary)
    if abs(angle) >= 0.15:
        h, w = gray.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        if mask is not None:
            mask = cv2.warpAffine(mask.view(np.uint8), m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0).astype(bool)
    return Prepared(gray, dpi, ink, mask, turned, osd_done)


# ---------------------------------------------------------------- OCR of one image

LOW_PAGE_CONFIDENCE = 55.0
"""Mean word confidence (0-100) under which a page may lie upside down: OSD is asked then."""


CLEAN_COLOUR = True
"""Take coloured ink off colour pages before OCR (the benchmark turns it off to measure what it does)."""


def ocr_image(img, dpi: float, page: int = 1, *, raw: bool = False, clean_colour: bool | None = None) -> PageResult:
    """OCR one page image (numpy array: grey, or RGB for a colour page) whose resolution is ``dpi``.

    A colour page loses its seals, stamps and pen ink first (``colour``); the
    number and day written by hand are blanked with a warning (``handwriting``).
    """
    from .colour import remove_colour_ink
    from .orientation import rotate, upright_turn
    from .tesseract_engine import OcrTimeout, image_to_data

    os.environ["OMP_THREAD_LIMIT"] = "1"
    mask = None
    if clean_colour is None:
        clean_colour = CLEAN_COLOUR
    if img.ndim == 3:
        if clean_colour and not raw:
            img, mask = remove_colour_ink(img)
        else:
            import cv2

            img = cv2.cvtColor(img[:, :, :3].copy(), cv2.COLOR_RGB2GRAY)
    h0, w0 = img.shape[:2]
    result = PageResult(width=w0 * 72.0 / dpi, height=h0 * 72.0 / dpi)
    prep = Prepared(img, dpi, 1.0) if raw else preprocess(img, dpi, mask)
    if prep.ink == 0.0:
        result.warning = f"page {page} is blank: no text found"
        return result
    try:
        data = image_to_data(prep.gray, prep.dpi, PAGE_TIMEOUT)
        if not raw and not prep.osd_done and _mean_conf(data) < LOW_PAGE_CONFIDENCE:
            # Garbage of low confidence: the page may lie upside down.
            turn = upright_turn(prep.gray, prep.dpi)
            prep.osd_done = True
            if turn:
                prep.gray, prep.colour_mask = rotate(prep.gray, turn), rotate(prep.colour_mask, turn)
                prep.turned = (prep.turned + turn) % 360
                data = image_to_data(prep.gray, prep.dpi, PAGE_TIMEOUT)
    except OcrTimeout as exc:
        result.warning = f"page {page} could not be OCR'd ({exc})"
        return result
    result.turned = prep.turned
    eff_dpi = prep.dpi
    gh, gw = prep.gray.shape[:2]
    result.width, result.height = gw * 72.0 / eff_dpi, gh * 72.0 / eff_dpi
    scale = 72.0 / eff_dpi
    units: dict[tuple[int, int, int], list[Word]] = {}
    confs: list[float] = []
    for key, word in _data_words(data, scale):
        units.setdefault(key, []).append(word)
        confs.append(word.conf * 100.0)
    if not confs or (len(confs) < 8 and sum(confs) / len(confs) < 50):
        result.warning = f"page {page}: no readable text found (a photo or a blank page?)"
        return result
    if not raw:
        _reread_under_ink(units, prep, scale)
    if not raw:
        _reread_recipients(units, data, prep, scale)
        _set_aside_marks(units)
        _blank_handwritten(units, prep, result)
    _mark_bold(prep.gray, units, scale)
    # Tesseract sometimes puts words of the two columns, even of two rows, in one
    # line: split its lines at wide gaps so each side is placed on its own.
    for unit in units.values():
        if not unit:
            continue
        unit.sort(key=lambda w: w.x0)
        part = [unit[0]]
        for w in unit[1:]:
            if w.x0 - part[-1].x1 > SPLIT_GAP_PT:
                result.units.append(part)
                part = []
            part.append(w)
        result.units.append(part)
    return result


def _data_words(data: dict, scale: float, dx: int = 0, dy: int = 0):
    """(Tesseract line key, word in points) of an ``image_to_data`` table whose image starts at pixel (dx, dy);
    specks, stamps and signatures read as stray characters left out."""
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        alnum = sum(ch.isalnum() for ch in text)
        if (alnum == 0 and conf < 60 and text not in _BULLETS) or (alnum <= 2 and conf < 30):
            continue
        x, y = data["left"][i] + dx, data["top"][i] + dy
        w, h = data["width"][i], data["height"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        yield key, Word(text, x * scale, (x + w) * scale, y * scale, (y + h) * scale, conf=conf / 100.0)


SEAL_MIN_INCH = 0.5
"""Width and height (inches) from which a patch of coloured ink is a seal (a round seal is 1.2-1.6 in)."""
STROKES_CONF = 0.40
"""A line under a seal that no reading gets above this (``„ông``, ``z X``) is the signature's strokes and
is dropped."""
REREAD_CONF = 0.95
"""A line of the signer block is also read again on its own when one of its words has a confidence below this."""
REREAD_GAIN = 0.02
"""How much better (length-weighted confidence, 0-1) a second reading of a line must be to replace the first."""
KNOWN_BONUS = 0.15
"""Added to the score of a reading whose words are all known (report vocabulary, positions, name syllables)."""
EXTRA_LINE_CONF = 0.80
"""A second reading replaces a line, or adds one the page's reading missed, only when read at least this
well (not a signature's strokes read as ``z X``)."""


def _line_score(words: list[Word], length: int) -> float:
    """Confidence of a reading weighted by its characters, over ``length`` characters (a reading that drops
    characters loses their share), with :data:`KNOWN_BONUS` when every word is a known one once the
    fixed vocabulary is repaired (``TÌM. UỶ ĐAN NHÂN DÂN`` is ``TM. UỶ BAN NHÂN DÂN``)."""
    from ..normalise.ocr_repair import all_known, repair

    n = sum(sum(c.isalnum() for c in w.text) for w in words)
    if not n:
        return 0.0
    score = sum((w.conf or 0.0) * sum(c.isalnum() for c in w.text) for w in words) / max(n, length)
    known = n >= 0.85 * length and all_known(repair(" ".join(w.text for w in words)).split())
    return score + (KNOWN_BONUS if known else 0.0)


def _seal_regions(mask, dpi: float) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (x0, y0, x1, y1) of the seals on a page: patches of coloured ink at least
    :data:`SEAL_MIN_INCH` wide and high (a signature's strokes, a number written in, are smaller or thin)."""
    import cv2
    import numpy as np

    f = min(1.0, 50.0 / dpi)  # about 50 pixels an inch is enough to find a seal
    small = cv2.resize(mask.view(np.uint8), None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else mask.view(np.uint8)
    small = cv2.dilate((small > 0).astype(np.uint8), np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(small)
    side = SEAL_MIN_INCH * dpi * f
    out = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if w >= side and h >= side and area >= 0.15 * w * h:
            out.append((int(x / f), int(y / f), int((x + w) / f), int((y + h) / f)))
    return out


SEAL_RADIUS_INCH = (0.4, 0.9)
"""Radii (inches) of the circles a grey page's seal is looked for among (a round seal is 1.2-1.6 in across)."""
SEAL_RING_SHARE = 0.58
"""Share of a found circle's rim that must run on ink for it to be a seal's ring: a seal's printed rings
run round whole (0.61-0.91 measured on grey copies of the sealed colour scans, under the signature's
strokes), a circle that the finder fits through lines of text crosses their gaps (0.32-0.47)."""


def _grey_seal_regions(gray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Pixel boxes of the round seals on a grey page, where no colour tells a seal from the text.

    A photocopied or grey-scanned report keeps its red seal as a grey ring over the
    signer block, and Tesseract's page reading then loses the lines under it as on a
    colour page (``HIỆU TRƯỞNG`` kept, ``KT.``, ``PHÓ HIỆU TRƯỞNG`` and the name lost).
    Circles of a seal's size are found by OpenCV's Hough transform on a 50-dpi copy
    and kept when their rim runs on ink (:data:`SEAL_RING_SHARE`).
    """
    import cv2

    f = min(1.0, 50.0 / dpi)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    small = cv2.GaussianBlur(small, (3, 3), 0)
    lo, hi = (int(r * dpi * f) for r in SEAL_RADIUS_INCH)
    found = cv2.HoughCircles(small, cv2.HOUGH_GRADIENT, dp=1, minDist=2 * lo, param1=100, param2=30,
                             minRadius=lo, maxRadius=hi)
    if found is None:
        return []
    band = max(2, int(0.02 * dpi))
    gh, gw = gray.shape[:2]
    out = []
    for x, y, r in found[0]:
        x, y, r = x / f, y / f, r / f
        if _rim_on_ink(gray, x, y, r, band) < SEAL_RING_SHARE:
            continue
        # The finder often fits the inner ring or the name's circle: the seal reaches its outer ring.
        r = max((r * k / 20 for k in range(21, 35) if _rim_on_ink(gray, x, y, r * k / 20, band) >= SEAL_RING_SHARE),
                default=r)
        out.append((max(0, int(x - r)), max(0, int(y - r)), min(gw, int(x + r)), min(gh, int(y + r))))
    return out


def _without_lighter_ink(crop):
    """The crop with its lighter ink made paper, or None when its ink is all of one darkness.

    On a grey copy a red seal prints lighter than the black type (about 100 against 0-40):
    Otsu's threshold over the ink's pixels alone parts the two, and the type left alone
    reads as on a clean page.
    """
    import cv2
    import numpy as np

    ink = crop[crop < 200]
    if ink.size < 100:
        return None
    cut, _ = cv2.threshold(ink.reshape(1, -1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark, light = ink[ink <= cut], ink[ink > cut]
    if min(dark.size, light.size) < 0.05 * ink.size or float(light.mean()) - float(dark.mean()) < 40:
        return None
    out = crop.copy()
    out[out > cut] = 255
    return out


def _rim_on_ink(gray, x: float, y: float, r: float, band: int) -> float:
    """Share of 90 points round the circle (x, y, r) with ink (grey < 160) within ``band`` pixels of the rim."""
    import math

    gh, gw = gray.shape[:2]
    on_ink = 0
    for k in range(90):
        c, s = math.cos(2 * math.pi * k / 90), math.sin(2 * math.pi * k / 90)
        for d in range(-band, band + 1):
            px, py = int(x + (r + d) * c), int(y + (r + d) * s)
            if 0 <= px < gw and 0 <= py < gh and gray[py, px] < 160:
                on_ink += 1
                break
    return on_ink / 90


def _reread_under_ink(units: dict, prep: Prepared, scale: float) -> None:
    """Read the signer block under a seal again, as a block of its own, and keep the better reading of each line.

    Where an opaque seal stroke crossed the signer block, the letters under it
    are broken after the seal is taken off, and Tesseract's page reading, which
    has to find the lines among the seal's leftovers and the other column,
    reads them badly (``TÌẶNI.`` for ``TM.``, ``PHÓ`` and ``Ủ TI`` for ``PHÓ
    CHỦ TỊCH``).  The region of each seal, widened to the lines it touches, is
    read again in Tesseract's single-block mode, as it is and with its dark
    strokes thickened by a pixel or two so the breaks close.  Line by line the
    reading with the best confidence over the line's characters is kept, one
    whose words are all known words of reports or names counting for more.
    """
    import numpy as np

    from .tesseract_engine import OcrTimeout, block_to_data

    gray = prep.gray
    gh, gw = gray.shape[:2]
    f = 1.0 / scale
    thick = np.ones((2, 2), np.uint8)
    parts = [(key, part) for key, unit in units.items() if unit for part in _line_parts(unit)]
    seals = (_seal_regions(prep.colour_mask, prep.dpi) if prep.colour_mask is not None
             else _grey_seal_regions(gray, prep.dpi))
    for n, (sx0, sy0, sx1, sy1) in enumerate(seals):
        # The signer's lines: those the seal touches, starting no further left than a quarter of the
        # seal's width before it (not the recipients' column, nor a body line across the page).
        left = sx0 - 0.25 * (sx1 - sx0)
        inside = [(key, part) for key, part in parts if left <= _box(part, f)[0] < sx1
                  and _box(part, f)[1] < sy1 and _box(part, f)[3] > sy0]
        if not inside:
            continue
        boxes = [_box(part, f) for _, part in inside]
        x0, y0 = min([sx0] + [b[0] for b in boxes]), min([sy0] + [b[1] for b in boxes])
        x1, y1 = max([sx1] + [b[2] for b in boxes]), max([sy1] + [b[3] for b in boxes])
        if x1 - x0 > 0.75 * gw:
            continue  # not a signer block beside a seal: the whole page's width
        box = (max(0, int(x0) - 4), max(0, int(y0) - 4), min(gw, int(x1) + 5), min(gh, int(y1) + 5))
        try:
            words = _read_plain_and_thick(gray, box, block_to_data, prep.dpi, scale, thick)
            if prep.colour_mask is None:  # a grey seal: also read with its lighter ink taken off
                a, c, bx1, by1 = box
                crop = _without_lighter_ink(np.ascontiguousarray(gray[c:by1, a:bx1]))
                if crop is not None:
                    words.append(list(_data_words(block_to_data(crop, prep.dpi, PAGE_TIMEOUT), scale, a, c)))
        except OcrTimeout:
            return
        readings = [_lines_of(reading) for reading in words]
        try:
            _keep_best_lines(units, inside, readings, n, lambda row: _line_readings(row, gray, scale, prep.dpi, thick))
        except OcrTimeout:
            return


RECIPIENTS_WEAK_CONF = 50.0
"""A word (0-100) of the Nơi nhận column read worse than this, or a speck left out, has the column read again."""
RECIPIENTS_LINES = 14
"""How many line heights under ``Nơi nhận:`` its column is taken to run at most."""
_RECIPIENTS_REGION = 100
"""Key of the lines a second reading of the Nơi nhận column adds (apart from the seals' regions)."""


def _reread_recipients(units: dict, data: dict, prep: Prepared, scale: float) -> None:
    """Read the Nơi nhận column again as a block of its own when a word of it was read badly.

    Its small type stands on the rows of the signer's large capitals: Tesseract's page reading
    takes each such row as one line and, sizing its letters by the capitals, can make nothing of
    the item beside them (``Hóc``, ``D0 LIT`` for ``- Như trên;``), the first item most often.  The
    column from ``Nơi nhận:`` to the signer's column, read alone, reads plainly; line by line the
    better reading is kept (as for the signer under a seal).
    """
    import numpy as np

    from ..layout.linekinds import RECIPIENTS_HEAD
    from ..normalise.folding import fold
    from .tesseract_engine import OcrTimeout, block_to_data

    f = 1.0 / scale
    # (key, part, pixel box) of every line part; _line_parts gives each part's words left to right
    parts = [(key, part, _box(part, f)) for key, unit in units.items() if unit for part in _line_parts(unit)]
    head = next((box for _, part, box in parts if RECIPIENTS_HEAD.match(fold(" ".join(w.text for w in part[:3])))), None)
    if head is None:
        return
    hx0, hy0, hx1, hy1 = head
    h = hy1 - hy0
    bottom = hy0 + RECIPIENTS_LINES * h
    gh, gw = prep.gray.shape[:2]
    below = [p for p in parts if hy0 - 0.5 * h <= p[2][1] < bottom]
    right = [box[0] for _, _, box in below if box[0] > hx1 + 2 * h]
    x1 = min(right) - 0.5 * h if right else 0.5 * gw
    inside = [(key, part) for key, part, box in below if box[0] < x1]
    if not inside or x1 - hx0 < 4 * h:
        return
    y1 = max(box[3] for _, _, box in below if box[0] < x1) + h
    box = (max(0, int(hx0 - h)), max(0, int(hy0 - 0.5 * h)), min(gw, int(x1)), min(gh, int(y1)))
    weak = any((t or "").strip() and 0 <= float(c) < RECIPIENTS_WEAK_CONF
               and box[0] <= data["left"][i] < box[2] and box[1] <= data["top"][i] < box[3]
               for i, (t, c) in enumerate(zip(data["text"], data["conf"])))
    if not weak:
        return
    try:
        a, c, x1, y1 = box
        crop = np.ascontiguousarray(prep.gray[c:y1, a:x1])
        reading = _lines_of(_data_words(block_to_data(crop, prep.dpi, PAGE_TIMEOUT), scale, a, c))
        _keep_best_lines(units, inside, [reading], _RECIPIENTS_REGION, lambda row: [])
    except OcrTimeout:
        return


def _lines_of(reading) -> list[list[Word]]:
    """The words of a reading's (Tesseract line key, word) pairs, grouped by line in reading order."""
    lines: dict = {}
    for key, w in reading:
        lines.setdefault(key, []).append(w)
    return list(lines.values())


def _box(words: list[Word], f: float) -> tuple[float, float, float, float]:
    return (min(w.x0 for w in words) * f, min(w.top for w in words) * f,
            max(w.x1 for w in words) * f, max(w.bottom for w in words) * f)


def _rows_meet(a: list[Word], b: list[Word]) -> bool:
    ta, ba = min(w.top for w in a), max(w.bottom for w in a)
    tb, bb = min(w.top for w in b), max(w.bottom for w in b)
    return min(ba, bb) - max(ta, tb) > 0.5 * min(ba - ta, bb - tb)


def _line_readings(words: list[Word], gray, scale: float, dpi: float, thick) -> list[list[Word]]:
    """One line read again on its own (single-line mode), as it is and thickened."""
    from .tesseract_engine import line_to_data

    gh, gw = gray.shape[:2]
    x0, y0, x1, y1 = _box(words, 1.0 / scale)
    h = y1 - y0
    box = (max(0, int(x0 - 0.5 * h)), max(0, int(y0 - 0.25 * h)),
           min(gw, int(x1 + 0.5 * h) + 1), min(gh, int(y1 + 0.25 * h) + 1))
    return [[w for _, w in reading] for reading in _read_plain_and_thick(gray, box, line_to_data, dpi, scale, thick)]


def _read_plain_and_thick(gray, box: tuple[int, int, int, int], reader, dpi: float, scale: float, thick) -> list[list]:
    """The (line key, word) pairs of the pixel box (x0, y0, x1, y1) of ``gray``, read by ``reader`` (a
    Tesseract mode of ``tesseract_engine``) as it is and with its dark strokes thickened by ``thick``."""
    import cv2
    import numpy as np

    a, c, x1, y1 = box
    crop = np.ascontiguousarray(gray[c:y1, a:x1])
    return [list(_data_words(reader(img, dpi, PAGE_TIMEOUT), scale, a, c)) for img in (crop, cv2.erode(crop, thick))]


def _keep_best_lines(units: dict, inside: list, readings: list[list[list[Word]]], region: int, reread) -> None:
    """Per line of the region, the best of the page's reading, the block readings and the line read again on
    its own (``reread(words)``), ``units`` changed in place."""
    page_rows: list[list[tuple]] = []  # rows of (key, part) of the page's reading
    for key, part in sorted(inside, key=lambda kp: min(w.top for w in kp[1])):
        row = next((r for r in page_rows if _rows_meet(r[0][1], part)), None)
        if row is None:
            page_rows.append([(key, part)])
        else:
            row.append((key, part))
    chosen: list[list[Word]] = []
    used = [set() for _ in readings]
    for row in page_rows:
        page_words = sorted((w for _, part in row for w in part), key=lambda w: w.x0)
        cands = [page_words]
        for r, lines in enumerate(readings):
            for i, line in enumerate(lines):
                if i not in used[r] and _rows_meet(page_words, line):
                    used[r].add(i)
                    cands.append(sorted(line, key=lambda w: w.x0))
                    break
        if min((w.conf if w.conf is not None else 1.0) for w in page_words) < REREAD_CONF:
            cands.extend(c for c in reread(page_words) if c)
        length = max(sum(sum(ch.isalnum() for ch in w.text) for w in c) for c in cands)
        best = max(cands, key=lambda c: _line_score(c, length) + (REREAD_GAIN if c is page_words else 0.0))
        if max(_line_score(c, length) for c in cands) < STROKES_CONF:
            best = []  # no reading makes words of it: the strokes of a signature over the seal
        elif best is page_words or _line_score(best, length) < EXTRA_LINE_CONF:
            continue  # the page's reading is kept
        drop = {id(w) for w in page_words}
        for key, _ in row:
            units[key] = [w for w in units[key] if id(w) not in drop]
        chosen.append(best)
    # Lines the page's reading missed: per row, the best of the block readings' lines on it.
    extra_rows: list[list[list[Word]]] = []
    for r, lines in enumerate(readings):
        for i, line in enumerate(lines):
            if i in used[r] or not line:
                continue
            row = next((x for x in extra_rows if _rows_meet(x[0], line)), None)
            if row is None:
                extra_rows.append([line])
            else:
                row.append(line)
    for row in extra_rows:
        length = max(sum(sum(ch.isalnum() for ch in w.text) for w in c) for c in row)
        line = max(row, key=lambda c: _line_score(c, length))
        if _line_score(line, length) >= EXTRA_LINE_CONF and not any(c and _rows_meet(line, c) for c in chosen):
            chosen.append(sorted(line, key=lambda w: w.x0))
    for i, line in enumerate(chosen):
        if line:
            units[(-1 - region, 0, i)] = line


def _line_parts(unit: list[Word]) -> list[list[Word]]:
    """A Tesseract line cut where a gap is wider than :data:`REREAD_PART_GAP` line heights (two columns)."""
    unit = sorted(unit, key=lambda w: w.x0)
    h = sorted(w.bottom - w.top for w in unit)[len(unit) // 2]
    parts = [[unit[0]]]
    for w in unit[1:]:
        if w.x0 - parts[-1][-1].x1 > REREAD_PART_GAP * h:
            parts.append([])
        parts[-1].append(w)
    return parts


REREAD_PART_GAP = 4.0
"""Gap (in line heights) that cuts a Tesseract line into parts (the two columns of a closing)."""


def _mean_conf(data: dict) -> float:
    confs = [float(c) for c, t in zip(data["conf"], data["text"]) if float(c) >= 0 and (t or "").strip()]
    if len(confs) < 8:
        return 100.0  # too little text to judge; a sparse page is not turned on a guess
    return sum(confs) / len(confs)


def _set_aside_marks(units: dict) -> None:
    """Take e-copy blocks, received stamps and QR captions out of the page's words (``page_marks``), in place."""
    from .page_marks import set_aside

    words = [w for unit in units.values() for w in unit]
    kept, n = set_aside(words)
    if n:
        keep = {id(w) for w in kept}
        for key in units:
            units[key] = [w for w in units[key] if id(w) in keep]


def _blank_handwritten(units: dict, prep: Prepared, result: PageResult) -> None:
    """Take hand-filled number/day/month out of the page's words (``handwriting``), in place."""
    from .handwriting import InkMap, PageImage, blank_handwritten

    words = [w for unit in units.values() for w in unit]
    ink = InkMap(prep.colour_mask, prep.dpi / 72.0) if prep.colour_mask is not None else None
    kept, notes = blank_handwritten(words, result.height, ink, PageImage(prep.gray, prep.dpi / 72.0))
    if len(kept) != len(words):
        keep = {id(w) for w in kept}
        for key in units:
            units[key] = [w for w in units[key] if id(w) in keep]
    result.notes.extend(notes)


def _mark_bold(img, units: dict, scale: float) -> None:
    """Mark words printed in bold, from their stroke width (Tesseract's LSTM engine does not say).

    Stroke width of a word = ink pixels / horizontal ink runs (the mean width of
    its stems); a word is bold when that is well above the page's median.
    """
    import cv2
    import numpy as np

    _, binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = binary > 0
    words = [w for unit in units.values() for w in unit]
    widths = []
    for w in words:
        x0, x1 = int(w.x0 / scale), int(w.x1 / scale) + 1
        y0, y1 = int(w.top / scale), int(w.bottom / scale) + 1
        crop = ink[y0:y1, x0:x1]
        if crop.size == 0:
            widths.append(0.0)
            continue
        runs = int(np.count_nonzero(crop[:, 1:] & ~crop[:, :-1])) + int(np.count_nonzero(crop[:, 0]))
        widths.append(float(np.count_nonzero(crop)) / runs if runs else 0.0)
    good = sorted(v for v, w in zip(widths, words) if v > 0 and sum(c.isalpha() for c in w.text) >= 2)
    if len(good) < 5:
        return
    median = good[len(good) // 2]
    for v, w in zip(widths, words):
        # words without letters (numbers, dashes) do not vote on a line's boldness
        w.bold = (v >= BOLD_RATIO * median) if sum(c.isalpha() for c in w.text) >= 1 else None


# ---------------------------------------------------------------- many pages in parallel

_worker_loader: Callable | None = None


def _init_worker(loader: Callable, parent: int | None = None) -> None:
    global _worker_loader
    if parent is not None:  # a page worker must not outlive the parse that started it
        from ..lifetime import die_with_parent

        die_with_parent(parent)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _worker_loader = loader


def _run_task(index: int) -> PageResult:
    assert _worker_loader is not None
    gray, dpi, page = _worker_loader(index)
    if gray is None:
        return PageResult(warning=f"page {page} could not be rendered")
    return ocr_image(gray, dpi, page)


def ocr_many(loader: Callable, indices: list[int], workers: int | None = None,
             warnings: list[str] | None = None) -> dict[int, PageResult]:
    """OCR ``loader(i) -> (gray, dpi, page_number)`` for each i, in parallel across cores.

    Pages are done in the order given (put the important ones first) until
    :data:`~baocao_parser.limits.MAX_OCR_SECONDS` have passed; the pages not done
    by then are missing from the result, and a warning says how many.
    """
    import time

    from .. import limits

    os.environ["OMP_THREAD_LIMIT"] = "1"
    deadline = time.monotonic() + limits.MAX_OCR_SECONDS
    if workers is None:
        workers = int(os.environ.get("BAOCAO_OCR_WORKERS", "0")) or (os.cpu_count() or 1)
    workers = max(1, min(workers, len(indices)))
    out: dict[int, PageResult] = {}
    if workers == 1:
        _init_worker(loader)
        for i in indices:
            if time.monotonic() > deadline:
                break
            out[i] = _run_task(i)
    else:
        import multiprocessing as mp
        from concurrent.futures import FIRST_COMPLETED, wait

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(loader, os.getpid()))
        try:
            futures = {pool.submit(_run_task, i): i for i in indices}
            pending = set(futures)
            while pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                done, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
                for f in done:
                    out[futures[f]] = f.result()
        finally:
            for proc in list(getattr(pool, "_processes", {}).values()) if len(out) < len(indices) else []:
                proc.kill()  # pages past the time limit: stop their Tesseract now, not after the page
            pool.shutdown(wait=True, cancel_futures=True)
    if len(out) < len(indices) and warnings is not None:
        warnings.append(f"{len(indices) - len(out)} of {len(indices)} pages were not OCR'd: the OCR time limit "
                        f"of {limits.MAX_OCR_SECONDS:g} s was reached (limit in baocao_parser.limits)")
    return out
