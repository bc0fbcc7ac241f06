"""Take seals, stamps and pen ink off a colour page before OCR, keeping the black print.

Office scans carry a red or magenta seal over the signer block (Nghị định 30
puts it over a third of the signature, on its left), a blue or violet
signature, numbers and days written in by hand, and coloured stamps.  A grey
threshold cannot tell them from print: a red seal is as dark as text in
luminance.  Colour can: print is black or grey (its three channels nearly
equal), ink and seals are saturated.  So each pixel whose chroma (the spread of
its channels) is high is replaced by the brightest of its channels, which is
near the paper for a red, magenta, blue or violet stroke of any darkness, and
stays dark where black print lies under the seal (black multiplied by red is
still black, and has no chroma).  Cheap: a few numpy passes on the page.

:func:`remove_colour_ink` also returns where coloured ink was, so the OCR
reader can say that a field was written by hand (``handwriting``).
"""

from __future__ import annotations

CHROMA_MIN = 32
"""Channel spread (0-255) from which a pixel is ink or a seal, not print or paper
(cream or yellowed paper spreads its channels by 10-20)."""
RIM_CHROMA = 14
"""Beside a stroke, a pixel tinted this much (paper is 10-20 only on cream paper, where the rim is paper anyway) is ink."""
RED_RAMP = (185, 210)
"""Red and magenta pixels (red the brightest channel): at most the first value their brightest
channel is print seen through the seal (kept dark), from the second on only seal (made paper).
A seal's own red is bright (200-240); black print under it stays under 140."""
BLUE_RAMP = (85, 125)
"""The same for blue and violet pen ink, which is darker than a seal's red (120-180)."""
COLOUR_SHARE_MIN = 0.00002
"""A page with fewer saturated pixels than this share is treated as grey (no work).  Low: a
number written in blue into a blank may be all the colour a page has."""


def _channels(rgb):
    """(brightest channel, channel spread) of each pixel, with OpenCV's fast per-element ops."""
    import cv2

    r, g, b = cv2.split(rgb)
    hi = cv2.max(cv2.max(r, g), b)
    lo = cv2.min(cv2.min(r, g), b)
    return hi, cv2.subtract(hi, lo)


def _lift_table(paper: int, ramp: tuple[int, int]):
    """Look-up table brightest-channel → grey: dark stays (print under ink), light becomes paper."""
    import numpy as np

    v = np.arange(256, dtype=np.float32)
    t = np.clip((v - ramp[0]) / float(ramp[1] - ramp[0]), 0.0, 1.0)
    return np.clip(v + (paper - v) * t, 0, 255).astype(np.uint8)


def remove_colour_ink(rgb):
    """RGB page → (grey page without its coloured ink, ink mask), or (grey page, ``None``) for a grey page.

    Print keeps its luminance.  A coloured pixel is judged by its brightest
    channel: a red seal or a blue stroke is light there (near the paper), while
    black print under a translucent seal stays dark, so a ramp (:data:`RED_RAMP`
    for red and magenta, :data:`BLUE_RAMP` for blue and violet) keeps the one
    and whitens the other.  About 0.1 s for a 300-dpi A4 page.
    """
    import cv2
    import numpy as np

    rgb = np.ascontiguousarray(rgb[:, :, :3])
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    hi, spread = _channels(rgb)
    mask = spread >= CHROMA_MIN
    if float(np.count_nonzero(mask)) / mask.size < COLOUR_SHARE_MIN:
        return gray, None
    paper = int(np.median(gray[::16, ::16]))
    # The pale rim of every stroke (blur, JPEG) is ink too: one pixel around the strokes, where tinted.
    rim = cv2.dilate(mask.view(np.uint8), np.ones((3, 3), np.uint8)) & (spread >= RIM_CHROMA).view(np.uint8)
    mask = rim.astype(bool)
    red_first = cv2.compare(rgb[:, :, 0], hi, cv2.CMP_EQ)
    lifted = cv2.LUT(hi, _lift_table(paper, BLUE_RAMP))
    cv2.copyTo(cv2.LUT(hi, _lift_table(paper, RED_RAMP)), red_first, lifted)
    cv2.copyTo(cv2.max(lifted, gray), mask.view(np.uint8), gray)
    return gray, mask

