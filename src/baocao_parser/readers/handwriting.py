"""The number and the day a clerk writes in by hand: blanked, never guessed, and said so.

A report is often printed as ``Số:    /BC-UBND`` and ``ngày    tháng 9 năm
2023`` and the blanks are filled in with a pen after signing.  OCR reads such
handwriting as something (``33J``), and a wrong number is worse than none.  So
on an OCR'd page the words that stand in those blanks are judged: a word kept
there must be printed-looking (high confidence), not lie on coloured ink, and
fit its field's grammar (digits for the number, a day 1-31, a month 1-12).
Anything else is taken out, so the extractors see the blank the printer left
(and give ``null``), and a warning says the field was written by hand.  A blank
with coloured ink in it (the ink already taken off by ``colour``) gets the same
warning.  The printed parts (``/BC-UBND``, the month, the year) stay.

Pencil and black pen have no colour to give them away, and OCR reads them
as digits of fair confidence (``70/BC-UBND`` at 0.80).  Their strokes do: the
value is compared with the printed label beside it (``Số:``, ``ngày``) on the
page image.  Pencil is grey where print is black (its strokes' cores are far
lighter), and a hand leans its digits and does not keep the font's height or
stroke width.  A value lighter than the print, or leaning while the print
stands upright and of another height or stroke width, is taken as written by
hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalise.folding import fold
from .pdf_layout import Word

LOW_CONFIDENCE = 0.30
"""Tesseract's word confidence (0-1) below which a filled-in value is not trusted.  Low: a printed
number on a blurred photo scores 0.45, as does a hand-written one, so confidence alone cannot
tell them apart; ink and grammar do most of the work."""
INK_SHARE = 0.03
"""Share of a box's pixels in coloured ink from which something was written there."""
HEADER_SHARE = 0.45
"""The number and the date line are in the top part of the first page."""
MAX_FIELD_GAP_PT = 160.0
"""How far right of its label a field's words may lie (points)."""

LIGHTER_BY = 40
"""Grey levels (0-255) by which the cores of a value's strokes may be lighter than the printed label's
before the value is pencil.  Print of one line is even (within 10-25 on scans and photos); pencil is
50-90 lighter."""
SLANT_MIN = 12
"""Degrees of forward lean from which a value's digits lean like a hand's (print leans 0-3)."""
SHAPE_RATIO = (0.8, 1.15)
"""Height of a value's strokes over the label's: outside this range (or the stroke width outside
:data:`WIDTH_RATIO`) leaning digits are not of the printed font."""
WIDTH_RATIO = (0.7, 1.4)

WARN_NUMBER = "number written by hand, not read"
WARN_DAY = "day written by hand, not read"
WARN_MONTH = "month written by hand, not read"


@dataclass
class InkMap:
    """Where coloured ink was on the OCR'd image, and how points map to its pixels."""

    mask: object  # numpy bool array, image pixels
    px_per_pt: float

    def share(self, x0: float, x1: float, top: float, bottom: float) -> float:
        h, w = self.mask.shape[:2]
        f = self.px_per_pt
        a, b = max(0, int(x0 * f)), min(w, int(x1 * f) + 1)
        c, d = max(0, int(top * f)), min(h, int(bottom * f) + 1)
        if a >= b or c >= d:
            return 0.0
        crop = self.mask[c:d, a:b]
        return float(crop.sum()) / crop.size


@dataclass
class PageImage:
    """The grey page image the words were read from, and how points map to its pixels."""

    gray: object  # numpy uint8 array
    px_per_pt: float


@dataclass
class Strokes:
    """The shape of the ink in a box: core darkness, stroke width, height (pixels), lean (degrees)."""

    dark: float
    width: float
    height: float
    slant: int


def strokes(gray, box: tuple[int, int, int, int], threshold: float) -> Strokes | None:
    """:class:`Strokes` of the pixels darker than ``threshold`` in ``box`` (x0, y0, x1, y1), or None when
    there is too little ink to say."""
    import numpy as np

    x0, y0, x1, y1 = box
    crop = gray[max(0, y0):y1, max(0, x0):x1]
    ink = crop < threshold
    n = int(np.count_nonzero(ink))
    if n < 20:
        return None
    runs = int(np.count_nonzero(ink[:, 1:] & ~ink[:, :-1])) + int(np.count_nonzero(ink[:, 0]))
    ys, xs = np.nonzero(ink)
    yc = ys - ys.mean()
    best, best_var = 0, -1.0
    for a in range(-30, 31, 3):  # the shear that stands the strokes upright gives the sharpest columns
        xp = np.round(xs + yc * np.tan(np.radians(a))).astype(np.int64)
        v = np.bincount(xp - xp.min()).astype(np.float64)
        var = float((v * v).sum())
        if var > best_var:
            best, best_var = a, var
    return Strokes(dark=float(np.percentile(crop[ink], 20)), width=n / max(1, runs),
                   height=float(np.percentile(ys, 97) - np.percentile(ys, 3)), slant=best)


def hand_shaped(value: Strokes | None, printed: Strokes | None, lean: bool = True) -> bool:
    """The strokes of a value were written by hand, not printed like the label beside them.

    ``lean``: also judge the lean, height and stroke width (for a label of the digits' own height, like
    ``Số:``; a word with descenders and tone marks, like ``ngày``, is judged by darkness alone).
    """
    if value is None or printed is None:
        return False
    if value.dark - printed.dark >= LIGHTER_BY:
        return True
    if lean and value.slant >= SLANT_MIN and abs(printed.slant) <= 3:
        h = value.height / max(1.0, printed.height)
        w = value.width / max(0.5, printed.width)
        return not (SHAPE_RATIO[0] <= h <= SHAPE_RATIO[1] and WIDTH_RATIO[0] <= w <= WIDTH_RATIO[1])
    return False


def _shape_says_hand(image: PageImage | None, label: Word, value: tuple[float, float, float, float],
                     row_end: float, lean: bool = True) -> bool:
    """The value in ``value`` (x0, x1, top, bottom in points) is hand-shaped next to the printed ``label``."""
    if image is None:
        return False
    import cv2

    f = image.px_per_pt
    top, bottom = min(label.top, value[2]) - 2, max(label.bottom, value[3]) + 2
    y0, y1 = int(top * f), int(bottom * f) + 1
    row = image.gray[max(0, y0):y1, max(0, int(label.x0 * f)):int(row_end * f) + 1]
    if row.size == 0:
        return False
    threshold, _ = cv2.threshold(row, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    printed = strokes(image.gray, (int(label.x0 * f), y0, int(label.x1 * f) + 1, y1), threshold)
    written = strokes(image.gray, (int(value[0] * f), y0, int(value[1] * f) + 1, y1), threshold)
    return hand_shaped(written, printed, lean)


def _labels():
    from ..vocab import load

    data = load("page_marks")
    return {fold(w) for w in data["number_label"]}, {k: fold(v) for k, v in data["date_words"].items()}


def _same_row(a: Word, b: Word) -> bool:
    ha, hb = a.bottom - a.top, b.bottom - b.top
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.4 * min(ha, hb)


def _row_right_of(label: Word, words: list[Word]) -> list[Word]:
    return sorted((w for w in words if w is not label and _same_row(label, w) and w.x0 >= label.x1 - 1
                   and w.x0 - label.x1 <= MAX_FIELD_GAP_PT), key=lambda w: w.x0)


def _doubtful(w: Word, text: str, grammar: re.Pattern | None, ink: InkMap | None, part: float = 1.0,
              sure: bool = False) -> bool:
    """A filled-in value is doubtful: unreadable, not of its field's form, or on coloured ink.

    ``grammar``: the field's form, or None when the value is judged whole elsewhere; ``part``: the share
    of the word's box (from its left) that the value takes; ``sure``: the word's confidence says nothing
    of the value (it is the confidence of a longer word).
    """
    if not sure and w.conf is not None and w.conf < LOW_CONFIDENCE:
        return True
    if grammar is not None and not grammar.fullmatch(text):
        return True
    x1 = w.x0 + (w.x1 - w.x0) * part
    return ink is not None and ink.share(w.x0, x1, w.top, w.bottom) >= INK_SHARE


_SEQ = re.compile(r"\d{1,7}[a-z]?(?:-[A-ZĐ]{1,6}|[A-ZĐ]{2,6})?")
"""A number's sequence, read with its words' spaces taken out: digits (a tax office's run to six or
seven), a letter after them (``49a``), or digits and a kind as parties and unions write it (``15-BC``,
``389 - CV``, ``12 BC``)."""
_MARKS_ONLY = re.compile(r"[\W_]+")
"""A word of marks alone (``:`` read apart from ``Số``, the ``-`` of ``389 - CV/…``): no part of the value."""
_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])")
_MONTH = re.compile(r"(0?[1-9]|1[0-2])")


_SLASHES = "/⁄∕"
"""The slash, and the fraction and division slashes OCR reads it as."""


def _gap_inked(left: Word, right_x0: float, ink: InkMap | None) -> bool:
    if ink is None or right_x0 - left.x1 < 4:
        return False
    return ink.share(left.x1 + 1, right_x0 - 1, left.top, left.bottom) >= INK_SHARE


def blank_handwritten(words: list[Word], page_height: float, ink: InkMap | None,
                      image: PageImage | None = None) -> tuple[list[Word], list[str]]:
    """Words of a page with hand-filled number, day and month taken out; the warnings for them.

    ``image``: the page the words were read from, to judge the shape of the strokes (pencil, black pen).
    """
    if not words:
        return words, []
    number_labels, date = _labels()
    limit = HEADER_SHARE * page_height
    drop: set[int] = set()
    warnings: list[str] = []
    page_width = max(w.x1 for w in words)
    for label in words:
        if label.top > limit:
            continue
        key = fold(label.text).rstrip(":.")
        if key in number_labels and label.x0 < 0.5 * page_width:
            _number_field(label, words, ink, drop, warnings, image)
        elif key == date["day"]:
            row = _row_right_of(label, words)
            keys = [fold(w.text) for w in row]
            if date["month"] not in keys:
                continue
            m = keys.index(date["month"])
            _date_part(label, row[:m], row[m], _DAY, ink, drop, warnings, WARN_DAY, image)
            if date["year"] in keys[m + 1:]:
                y = keys.index(date["year"], m + 1)
                _date_part(row[m], row[m + 1:y], row[y], _MONTH, ink, drop, warnings, WARN_MONTH, image)
    if not drop:
        return words, warnings
    kept = []
    for w in words:
        if id(w) in drop:
            continue
        kept.append(w)
    return kept, warnings


def _number_field(label: Word, words: list[Word], ink: InkMap | None, drop: set[int], warnings: list[str],
                  image: PageImage | None = None) -> None:
    row = _row_right_of(label, words)
    slash = next((i for i, w in enumerate(row) if any(c in w.text for c in _SLASHES)), None)
    if slash is None:
        return
    filled = row[:slash]
    sym = row[slash]
    sym.text = "".join("/" if c in _SLASHES else c for c in sym.text)
    head = sym.text[: sym.text.index("/")]
    # The value is judged whole, as the words a clerk or a printer put between the label and the slash:
    # "389 - CV/HNDT" is one party number, ":04/QĐ-HT" a colon read onto it.
    values = [w for w in filled if not _MARKS_ONLY.fullmatch(w.text)]
    value = "".join(w.text.strip(".,:") for w in values) + head.lstrip(":.")
    out_of_form = bool(values or head.strip(":.-")) and not _SEQ.fullmatch(value)
    bad = out_of_form or any(_doubtful(w, w.text, None, ink) for w in values)
    # Digits glued to the printed symbol share its word's confidence, which the symbol's letters pull down
    # (34/QĐ-CNTĐ-ĐT at 0.10): with the page image at hand, ink and the strokes' shape judge them.
    head_bad = bool(head) and _doubtful(sym, head, None, ink, part=(len(head) + 0.5) / len(sym.text),
                                        sure=image is not None)
    # Coloured ink between the label and what was read: a pen wrote there, whatever OCR made of it.
    inked = _gap_inked(label, (filled[0] if filled else sym).x0, ink)
    # Pencil or black pen: no colour, digits OCR reads fairly well; the strokes' shape tells.
    shaped = False
    if not (bad or head_bad or inked) and (filled or head):
        if filled:
            box = (filled[0].x0, filled[-1].x1, min(w.top for w in filled), max(w.bottom for w in filled))
        else:
            box = (sym.x0, sym.x0 + (sym.x1 - sym.x0) * len(head) / len(sym.text), sym.top, sym.bottom)
        shaped = _shape_says_hand(image, label, box, sym.x1)
    if bad or head_bad or inked or shaped:
        for w in filled:
            drop.add(id(w))
        if head:
            sym.text = sym.text[sym.text.index("/"):]
            sym.x0 = sym.x0 + (sym.x1 - sym.x0) * len(head) / max(1, len(head) + len(sym.text))
        if WARN_NUMBER not in warnings:
            warnings.append(WARN_NUMBER)


def _date_part(left: Word, filled: list[Word], right: Word, grammar: re.Pattern, ink: InkMap | None,
               drop: set[int], warnings: list[str], warning: str, image: PageImage | None = None) -> None:
    if filled:
        text = "".join(w.text for w in filled).strip(".,")
        if not any(_doubtful(w, text, grammar, ink) for w in filled) and not _shape_says_hand(
                image, left, (filled[0].x0, filled[-1].x1, min(w.top for w in filled),
                              max(w.bottom for w in filled)), right.x1, lean=False):
            return
        for w in filled:
            drop.add(id(w))
    elif not _gap_inked(left, right.x0, ink):
        return
    if warning not in warnings:
        warnings.append(warning)
