"""Take seals, stamps and pen ink off a colour page before OCR, keeping the black print.

Office scans carry a red or magenta seal over the signer block (Nghị định 30
puts it over a third of the signature, on its left), a blue or violet
signature, numbers and days written in by hand, and coloured stamps.  A grey
threshold cannot tell them from print: a red seal is as dark as text in
luminance.  Colour can: print is black or grey (its three channels nearly
equal), ink and seals are saturated.  So each pixel whose chroma (the spread of
its channels) is high is ink, a seal, or print under them.

A clearly coloured pixel (a seal's or a pen's stroke, or print under one) is
read by its luminance: ink lies on the paper like a filter, so print seen
through a seal keeps the seal's colour and is only darker, and dividing the
pixel's luminance by the luminance of the ink alone (measured on the page: the
median of its clearly red, or clearly blue, pixels) gives back the print under
it: about the paper for a seal stroke, dark for a letter under it.  Luminance,
not the brightest channel: a JPEG scan keeps colour at half resolution, so a
black stem crossed by a red ring turns red in its channels (its red channel
reads 120-160, like the seal's darker parts, which a threshold on that channel
leaves as grey ghost rings over the signer's name) while its luminance stays as
dark as print.  A faintly tinted pixel (a stroke's pale rim, the colour fringes
of a photo's letters) takes the value of its brightest channel, which is near
the paper for ink and stays dark for print.  Cheap: a few numpy passes.

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
"""Faintly tinted red and magenta pixels (red the brightest channel): at most the first value their
brightest channel is print (kept dark), from the second on only ink (made paper)."""
BLUE_RAMP = (85, 125)
"""The same for blue and violet."""
INK_LEVEL_SPREAD = 60
"""Channel spread from which a pixel is clearly coloured: a seal's or a pen's stroke, or print under one,
whose print is recovered from its luminance; such pixels also measure the ink's own luminance.  Below
it (a stroke's pale rim, the colour fringes of a photo's letters), the brightest channel is used."""
INK_LEVEL_RANGE = (40, 210)
"""The measured ink luminance is kept in this range."""
DEFAULT_INK_LEVEL = {"red": 100, "blue": 75}
"""Luminance of a seal's red and a pen's blue, for a page with too few clearly coloured pixels of a hue
to measure it (a red seal at 200-220 in red is 85-110 in luminance, a blue pen 60-90)."""
PRINT_RAMP = (0.70, 0.88)
"""On the print recovered under ink (as a share of the paper's grey): up to the first share it is print
(kept), from the second on paper.  Between, a ramp: the darker parts of a seal (overlapping strokes,
more ink) come out at 0.6-0.75 of the paper and would stay as grey ghost rings over the name."""
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


def _print_table(paper: int, level: float):
    """Look-up table luminance → grey of the print under ink of luminance ``level``: ``v · paper / level``,
    dark kept, near the paper made paper (:data:`PRINT_RAMP`)."""
    import numpy as np

    v = np.arange(256, dtype=np.float32) * (paper / level)
    lo, hi = PRINT_RAMP[0] * paper, PRINT_RAMP[1] * paper
    t = np.clip((v - lo) / max(1.0, hi - lo), 0.0, 1.0)
    return np.clip(v + (paper - v) * t, 0, 255).astype(np.uint8)


def _ink_level(gray, strong, default: int, paper: int) -> float:
    """Luminance of the ink alone: the median grey of its clearly coloured pixels."""
    import numpy as np

    vals = gray[strong]
    level = float(np.median(vals)) if vals.size >= 200 else float(default)
    return min(max(level, INK_LEVEL_RANGE[0]), INK_LEVEL_RANGE[1], paper - 1.0)


def remove_colour_ink(rgb):
    """RGB page → (grey page without its coloured ink, ink mask), or (grey page, ``None``) for a grey page.

    Print keeps its luminance.  A clearly coloured pixel's luminance is
    divided by that of its ink alone (red and magenta, or blue and violet, each
    measured on the page): a seal stroke or a pen stroke comes out as paper,
    black print under it stays dark.  A faintly tinted one is judged by its
    brightest channel (:data:`RED_RAMP`, :data:`BLUE_RAMP`).  About 0.1 s for a
    300-dpi A4 page.
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
    strong = spread >= INK_LEVEL_SPREAD
    red_level = _ink_level(gray, strong & (red_first > 0), DEFAULT_INK_LEVEL["red"], paper)
    blue_level = _ink_level(gray, strong & (red_first == 0), DEFAULT_INK_LEVEL["blue"], paper)
    # Faintly tinted pixels (a stroke's rim, a photo's colour fringes): the brightest channel, lifted.
    lifted = cv2.LUT(hi, _lift_table(paper, BLUE_RAMP))
    cv2.copyTo(cv2.LUT(hi, _lift_table(paper, RED_RAMP)), red_first, lifted)
    lifted = cv2.max(lifted, gray)
    # Clearly coloured pixels (a seal, a pen stroke): the print under the ink, from the luminance.
    under = cv2.LUT(gray, _print_table(paper, blue_level))
    cv2.copyTo(cv2.LUT(gray, _print_table(paper, red_level)), red_first, under)
    cv2.copyTo(under, strong.view(np.uint8), lifted)
    cv2.copyTo(lifted, mask.view(np.uint8), gray)
    return gray, mask
