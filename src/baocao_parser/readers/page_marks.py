"""Marks on a scanned page that are not the document: set aside before the layout sees them.

An e-copy block (``SAO Y`` / ``Cơ quan: …`` / ``Thời gian ký: …``), a received
stamp (``ĐẾN`` / ``Số: 125`` / ``Ngày: 12/10`` / ``Chuyển: …``) and a QR code's
caption are printed or stamped over the page.  Read as text they would give a
wrong issuer, number or date (a received stamp's ``Số: 125`` sits just where
the number is looked for).  On an OCR'd page each such block is found by its
first line (``vocab/data/page_marks.json``: ``stamp_starts``, ``caption_starts``) and taken out
with the short lines stacked under it, left-aligned with it.  Coloured stamps
are already gone (``colour``); this is for the black ones.  Page numbers are
dropped by the layout (``pdf_layout.drop_running``, ``layout.linekinds``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalise.folding import fold
from .pdf_layout import Word

STACK_LINES = 5
"""At most this many lines under a stamp's first line belong to it."""
ALIGN_PT = 40.0
"""A stamp's lines start within this many points of each other."""
SHORT_LINE_PT = 230.0
"""A stamp's lines are short: a line wider than this is page text."""


@lru_cache(maxsize=None)
def _starts() -> re.Pattern[str]:
    from ..vocab import folded_alternation, load

    return re.compile(r"^(?:" + folded_alternation(load("page_marks")["stamp_starts"]) + r")\b")


@lru_cache(maxsize=None)
def _captions() -> re.Pattern[str]:
    from ..vocab import folded_alternation, load

    return re.compile(r"^(?:" + folded_alternation(load("page_marks")["caption_starts"]) + r")\b")


@lru_cache(maxsize=None)
def _stamp_heads() -> frozenset[str]:
    """First lines that open a stamp block on their own (not a label with a value)."""
    from ..vocab import load

    return frozenset(fold(s).replace(" ", "") for s in load("page_marks")["stamp_starts"] if s.isupper())


def _rows(words: list[Word]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if rows:
            last = rows[-1]
            lmid = sum((x.top + x.bottom) / 2 for x in last) / len(last)
            lh = max(x.bottom - x.top for x in last)
            if abs(mid - lmid) < 0.5 * max(lh, w.bottom - w.top):
                last.append(w)
                continue
        rows.append([w])
    for r in rows:
        r.sort(key=lambda w: w.x0)
    return rows


def _segments(row: list[Word], gap: float = 25.0) -> list[list[Word]]:
    """A row cut at wide gaps: a stamp beside the header is a segment of its own."""
    out = [[row[0]]]
    for w in row[1:]:
        if w.x0 - out[-1][-1].x1 > gap:
            out.append([])
        out[-1].append(w)
    return out


def set_aside(words: list[Word]) -> tuple[list[Word], int]:
    """Words of a page without stamp blocks; how many words were set aside."""
    if not words:
        return words, 0
    rows = [seg for row in _rows(words) for seg in _segments(row)]
    rows.sort(key=lambda s: (s[0].top, s[0].x0))
    heads = _stamp_heads()
    drop: set[int] = set()
    for i, seg in enumerate(rows):
        text = fold(" ".join(w.text for w in seg)).strip(" :.")
        if _captions().match(text):
            drop.update(id(w) for w in seg)
            continue
        if text.replace(" ", "") not in heads:  # OCR may glue "SAO Y" into "SAOY"
            continue
        x0, bottom = seg[0].x0, max(w.bottom for w in seg)
        height = max(w.bottom - w.top for w in seg)
        mid = (seg[0].top + seg[0].bottom) / 2
        block = [seg]
        for other in rows[i + 1:]:
            if len(block) > STACK_LINES or other[0].top > bottom + 2.5 * height:
                continue
            if (other[0].top + other[0].bottom) / 2 <= mid:
                continue
            if abs(other[0].x0 - x0) <= ALIGN_PT and other[-1].x1 - other[0].x0 <= SHORT_LINE_PT \
                    and _starts().match(fold(" ".join(w.text for w in other))):
                block.append(other)
                bottom = max(w.bottom for w in other)
                mid = (other[0].top + other[0].bottom) / 2
        for s in block:
            drop.update(id(w) for w in s)
    if not drop:
        return words, 0
    return [w for w in words if id(w) not in drop], len(drop)
