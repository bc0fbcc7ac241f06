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


def _doubtful(w: Word, text: str, grammar: re.Pattern, ink: InkMap | None, part: float = 1.0) -> bool:
    """A filled-in value is doubtful: unreadable, not of its field's form, or on coloured ink.

    ``part``: the share of the word's box (from its left) that the value takes.
    """
    if w.conf is not None and w.conf < LOW_CONFIDENCE:
        return True
    if not grammar.fullmatch(text):
        return True
    x1 = w.x0 + (w.x1 - w.x0) * part
    return ink is not None and ink.share(w.x0, x1, w.top, w.bottom) >= INK_SHARE


_SEQ = re.compile(r"\d{1,5}(?:-[A-ZĐ]{1,6})?")
"""A number's sequence: digits, or digits and a kind as parties and unions write it (``15-BC``)."""
_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])")
_MONTH = re.compile(r"(0?[1-9]|1[0-2])")


_SLASHES = "/⁄∕"
"""The slash, and the fraction and division slashes OCR reads it as."""


def _gap_inked(left: Word, right_x0: float, ink: InkMap | None) -> bool:
    if ink is None or right_x0 - left.x1 < 4:
        return False
    return ink.share(left.x1 + 1, right_x0 - 1, left.top, left.bottom) >= INK_SHARE


def blank_handwritten(words: list[Word], page_height: float, ink: InkMap | None) -> tuple[list[Word], list[str]]:
    """Words of a page with hand-filled number, day and month taken out; the warnings for them."""
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
            _number_field(label, words, ink, drop, warnings)
        elif key == date["day"]:
            row = _row_right_of(label, words)
            keys = [fold(w.text) for w in row]
            if date["month"] not in keys:
                continue
            m = keys.index(date["month"])
            _date_part(label, row[:m], row[m], _DAY, ink, drop, warnings, WARN_DAY)
            if date["year"] in keys[m + 1:]:
                y = keys.index(date["year"], m + 1)
                _date_part(row[m], row[m + 1:y], row[y], _MONTH, ink, drop, warnings, WARN_MONTH)
    if not drop:
        return words, warnings
    kept = []
    for w in words:
        if id(w) in drop:
            continue
        kept.append(w)
    return kept, warnings


def _number_field(label: Word, words: list[Word], ink: InkMap | None, drop: set[int], warnings: list[str]) -> None:
    row = _row_right_of(label, words)
    slash = next((i for i, w in enumerate(row) if any(c in w.text for c in _SLASHES)), None)
    if slash is None:
        return
    filled = row[:slash]
    sym = row[slash]
    sym.text = "".join("/" if c in _SLASHES else c for c in sym.text)
    head = sym.text[: sym.text.index("/")]
    bad = [w for w in filled if _doubtful(w, w.text.strip(".,"), _SEQ, ink)]
    head_bad = bool(head) and _doubtful(sym, head, _SEQ, ink, part=(len(head) + 0.5) / len(sym.text))
    # Coloured ink between the label and what was read: a pen wrote there, whatever OCR made of it.
    inked = _gap_inked(label, (filled[0] if filled else sym).x0, ink)
    if bad or head_bad or inked:
        for w in filled:
            drop.add(id(w))
        if head:
            sym.text = sym.text[sym.text.index("/"):]
            sym.x0 = sym.x0 + (sym.x1 - sym.x0) * len(head) / max(1, len(head) + len(sym.text))
        if WARN_NUMBER not in warnings:
            warnings.append(WARN_NUMBER)


def _date_part(left: Word, filled: list[Word], right: Word, grammar: re.Pattern, ink: InkMap | None,
               drop: set[int], warnings: list[str], warning: str) -> None:
    if filled:
        text = "".join(w.text for w in filled).strip(".,")
        if not any(_doubtful(w, text, grammar, ink) for w in filled):
            return
        for w in filled:
            drop.add(id(w))
    elif not _gap_inked(left, right.x0, ink):
        return
    if warning not in warnings:
        warnings.append(warning)
