"""A phone photo of a page: find the page, undo the perspective, even out the light.

A photo shows the sheet on a desk, at an angle, lit from one side.  Tesseract
wants a flat, evenly lit page, so before OCR:

1. the page's four corners are found on a small copy (the sheet is the largest
   bright four-sided shape; edges by Otsu on the blurred image, a contour
   simplified to four points), and the sheet is warped to a rectangle of its
   own size, which also gives its resolution (an A4 sheet is 8.27 in wide);
2. the light is evened out: each channel is divided by its background (the
   page without its print, from a grey closing on a small copy), which also
   takes away a yellow or blue cast of the light and the shadow of a hand.

A scan (the page fills the image and the light is even) is left alone.
EXIF orientation is honoured by the image reader before this (Pillow's
``exif_transpose``).  Each step is a few OpenCV calls on a copy of at most
1000 pixels, then one warp and one division on the full image.
"""

from __future__ import annotations

from dataclasses import dataclass

WORK_SIZE = 1000
"""Longest side (pixels) of the copy the page is searched on."""
MIN_PAGE_SHARE = 0.25
"""The sheet must cover at least this share of the photo."""
MAX_PAGE_SHARE = 0.97
"""A shape covering more than this is the image's own border: a scan, not a photo."""
UNEVEN_LIGHT = 0.10
"""Spread of the background's brightness (relative) from which the light is evened out."""
A4_WIDTH_IN = 8.27
A4_RATIO = 297 / 210


@dataclass
class Flattened:
    image: object
    dpi: float | None
    """Resolution from the sheet's width when the sheet was found, else None."""
    page_found: bool
    light_evened: bool


def _order(pts):
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    import numpy as np

    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], dtype=np.float32)


def find_page(gray):
    """The sheet's four corners in ``gray``'s pixels (ordered), or None when no sheet stands out."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    f = min(1.0, WORK_SIZE / max(h, w))
    small = cv2.resize(gray, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA) if f < 1 else gray
    small = cv2.GaussianBlur(small, (7, 7), 0)
    # The print is removed by a closing so the sheet is one bright region.
    small = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    area_all = float(small.shape[0] * small.shape[1])
    best = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(best) / area_all
    if share < MIN_PAGE_SHARE or share > MAX_PAGE_SHARE:
        return None
    hull = cv2.convexHull(best)
    peri = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None:
        rect = cv2.minAreaRect(hull)
        quad = cv2.boxPoints(rect)
    corners = _order(quad) / f
    span_x = (corners[:, 0].max() - corners[:, 0].min()) / w
    span_y = (corners[:, 1].max() - corners[:, 1].min()) / h
    if span_x > 0.97 and span_y > 0.97:
        return None  # the bright region is the whole image: a scan, or a photo cropped to the page
    corners[:, 0] = np.clip(corners[:, 0], 0, w - 1)
    corners[:, 1] = np.clip(corners[:, 1], 0, h - 1)
    return corners


def warp_page(img, corners):
    """The sheet cut out and made rectangular; its size from its longer edges."""
    import cv2
    import numpy as np

    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    return cv2.warpPerspective(img, m, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def background(img):
    """The page's light without its print (same size as ``img``): a grey closing on a small copy."""
    import cv2
    import numpy as np

    h, w = img.shape[:2]
    f = min(1.0, 600.0 / max(h, w))
    small = cv2.resize(img, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    k = max(5, int(0.03 * max(small.shape[:2])) | 1)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    bg = cv2.GaussianBlur(bg, (k, k), 0)
    bg = np.maximum(bg, 1)
    return cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)


def light_is_uneven(bg) -> bool:
    import numpy as np

    lum = bg if bg.ndim == 2 else bg.mean(axis=2)
    lo, hi = np.percentile(lum[::8, ::8], [5, 95])
    return hi > 0 and (hi - lo) / hi > UNEVEN_LIGHT


def even_light(img, bg=None):
    """Each channel divided by its background, scaled so the paper is near white (uint8, saturating)."""
    import cv2

    if bg is None:
        bg = background(img)
    return cv2.divide(img, bg, scale=245.0)


def flatten(img) -> Flattened:
    """A photo's page flattened and evenly lit; a scan comes back as it was."""
    import cv2

    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    corners = find_page(gray)
    dpi = None
    if corners is not None:
        img = warp_page(img, corners)
        h, w = img.shape[:2]
        short, long_ = min(h, w), max(h, w)
        # A sheet about A4-shaped gives its resolution from its width.
        if 0.8 * A4_RATIO <= long_ / max(1, short) <= 1.2 * A4_RATIO:
            dpi = short / A4_WIDTH_IN
    bg = background(img)
    evened = light_is_uneven(bg)
    if evened or corners is not None:
        img = even_light(img, bg)
    return Flattened(img, dpi, corners is not None, evened)
