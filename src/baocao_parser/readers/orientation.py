"""Turn a page that lies sideways or upside down upright before OCR.

Tesseract's orientation detection (OSD, ``osd.traineddata`` in Debian's
``tesseract-ocr`` package) tells 0°, 90°, 180° or 270°, but costs a pass over
the page.  Most pages stand upright, so OSD runs only when there is reason to
doubt: the text lines run up and down (:func:`lines_run_vertically`, a cheap
projection test on a small copy of the page), or the OCR of the page as it
came gave text of low confidence (the reader asks again then, see
``ocr.ocr_image``).  A page turned by 180° reads as garbage; one turned by 90°
is caught before any OCR.
"""

from __future__ import annotations

OSD_MIN_CONFIDENCE = 1.5
"""Tesseract's orientation confidence below which a turn is not trusted."""


def lines_run_vertically(binary_inv) -> bool:
    """True when the ink (255 on 0) is laid out in columns rather than rows: a page turned by 90° or 270°.

    Text lines leave white gaps between them: the ink profile across them
    swings much more than along them.  Compared on a copy about 400 pixels high.
    """
    import cv2
    import numpy as np

    h, w = binary_inv.shape[:2]
    f = min(1.0, 400.0 / max(h, w))
    small = cv2.resize(binary_inv, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA) if f < 1 else binary_inv
    small = small.astype(np.float32)
    rows = small.mean(axis=1)
    cols = small.mean(axis=0)
    if rows.max() <= 0 or cols.max() <= 0:
        return False
    # coefficient of variation: independent of the amount of ink
    cv_rows = float(rows.std() / (rows.mean() + 1e-6))
    cv_cols = float(cols.std() / (cols.mean() + 1e-6))
    return cv_cols > 1.25 * cv_rows


def rotate(img, degrees_clockwise: int):
    """Turn an image by a multiple of 90° clockwise (numpy; no resampling)."""
    import numpy as np

    k = (degrees_clockwise // 90) % 4
    if k == 0 or img is None:
        return img
    return np.ascontiguousarray(np.rot90(img, k=-k))


def upright_turn(gray, dpi: float) -> int:
    """Degrees clockwise that turn ``gray`` upright (0 when OSD is unsure or not installed)."""
    from .tesseract_engine import detect_rotation

    try:
        turn, conf = detect_rotation(gray, dpi)
    except Exception:  # OSD data missing or the page too sparse: leave the page as it is
        return 0
    if conf < OSD_MIN_CONFIDENCE:
        return 0
    return turn
