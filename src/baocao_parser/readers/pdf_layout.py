"""Words with positions → :class:`Line` objects in reading order.

Shared by the text-PDF reader (words from the PDF's text layer) and the OCR
reader (words from Tesseract's boxes, scaled to points), so two-column zones
work the same for both.

* Words are grouped into rows by vertical overlap.
* Two-column blocks (the header and the closing of a Vietnamese report) are
  found from word positions: a row with one wide horizontal gap seeds a block,
  and neighbouring rows join it while a vertical band free of words runs
  through all of them.  A block is emitted as all its left-column lines
  (``column="left"``) then all its right-column lines (``column="right"``).
* Running headers/footers repeated on several pages and page numbers are
  dropped (:func:`drop_running`).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..document import Line


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool | None = False
    """None: the word does not vote on its line's boldness (OCR'd numbers and dashes)."""
    italic: bool = False
    conf: float | None = None


@dataclass(slots=True)
class Row:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


# ---------------------------------------------------------------- rows


def group_rows(units: list[list[Word]]) -> list[Row]:
    """Group units (a word, or an OCR engine's line of words) into rows by vertical overlap."""
    items = []
    for unit in units:
        if not unit:
            continue
        tops = sorted(w.top for w in unit)
        bottoms = sorted(w.bottom for w in unit)
        items.append((tops[len(tops) // 2], bottoms[len(bottoms) // 2], unit))
    items.sort(key=lambda t: (t[0] + t[1]) / 2)
    rows: list[Row] = []
    for top, bottom, unit in items:
        h = max(bottom - top, 1.0)
        best, best_ov, dup = None, 0.0, None
        for row in rows[-4:]:
            ov = min(bottom, row.bottom) - max(top, row.top)
            need = 0.5 * min(h, row.height)
            if h > row.height and unit[0].conf is None:  # a text layer's word (OCR lines vary in height)
                # and a third of a taller unit's own height: a word of the other column in a bigger font
                # ("TỔNG" at 14 pt, under its stacked marks) reaches into the row above by half that row
                need = max(need, 0.35 * h)
            if ov >= need and ov > best_ov:
                if not _overlaps_x(unit, row):
                    best, best_ov = row, ov
                elif ov >= 0.7 * min(h, row.height) and all(w.conf is not None for w in unit):
                    dup = row  # the OCR engine read the same words twice as two lines
        if best is None and dup is not None:
            _merge_duplicate(dup, unit)
            continue
        if best is None:
            rows.append(Row(list(unit), top, bottom))
        else:
            best.words.extend(unit)
            # keep the row's band as the union weighted to the first unit (stable baseline)
            best.top = min(best.top, top) if h < 1.5 * best.height else best.top
            best.bottom = max(best.bottom, bottom) if h < 1.5 * best.height else best.bottom
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: r.top)
    return rows


def _merge_duplicate(row: Row, unit: list[Word]) -> None:
    """Merge a second OCR reading of a row: overlapping words keep the more confident reading."""
    for w in unit:
        clash = [v for v in row.words if min(w.x1, v.x1) - max(w.x0, v.x0) > 0.5 * min(w.x1 - w.x0, v.x1 - v.x0)]
        if not clash:
            row.words.append(w)
        elif len(clash) == 1 and (w.conf or 0) > (clash[0].conf or 0) + 0.1:
            row.words[row.words.index(clash[0])] = w


def _overlaps_x(unit: list[Word], row: Row) -> bool:
    """True when the unit sits on top of words already in the row (a different line)."""
    for w in unit:
        for v in row.words:
            if min(w.x1, v.x1) - max(w.x0, v.x0) > 0.5 * min(w.x1 - w.x0, v.x1 - v.x0):
                return True
    return False


# ---------------------------------------------------------------- running headers / page numbers

_PAGE_NO = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang|page)?\s*\d{1,4}\s*(?:(?:/|of|trên)\s*\d{1,4})?\s*(?:[-–—]\s*)?$", re.I)
_DIGITS = re.compile(r"\d+")


def drop_running(pages: list[tuple[list[Row], float]]) -> None:
    """Remove page numbers and lines repeated at the top or bottom of several pages (in place)."""
    n = len(pages)
    keys: Counter[str] = Counter()
    marked: list[list[tuple[Row, str]]] = []
    for rows, height in pages:
        edge = []
        if rows:
            top_zone = [r for r in rows if r.top < height * 0.10][:2]
            bottom_zone = [r for r in rows if r.bottom > height * 0.90][-2:]
            for r in top_zone + bottom_zone:
                key = _DIGITS.sub("#", " ".join(r.text().split()).casefold()) + f"@{round(r.top / 12)}"
                edge.append((r, key))
        marked.append(edge)
        for key in {k for _, k in edge}:
            keys[key] += 1
    need = max(2, (2 * n + 2) // 3) if n >= 2 else 10**9
    for (rows, _h), edge in zip(pages, marked):
        drop = set()
        for r, key in edge:
            if _PAGE_NO.match(r.text()) or (keys[key] >= need and len(key) < 120):
                drop.add(id(r))
        if drop:
            rows[:] = [r for r in rows if id(r) not in drop]


# ---------------------------------------------------------------- two-column blocks


def _median_height(rows: list[Row]) -> float:
    hs = [r.height for r in rows]
    return statistics.median(hs) if hs else 12.0


def _widest_gap(row: Row) -> tuple[float, float, int]:
    """(gap start, gap end, number of words left of it) for the widest gap in the row."""
    best = (0.0, 0.0, 0)
    for i in range(1, len(row.words)):
        a = max(w.x1 for w in row.words[:i])
        b = row.words[i].x0
        if b - a > best[1] - best[0]:
            best = (a, b, i)
    return best


def _big_gaps(row: Row, limit: float) -> int:
    n, right = 0, row.words[0].x1
    for w in row.words[1:]:
        if w.x0 - right >= limit:
            n += 1
        right = max(right, w.x1)
    return n


class _Block:
    def __init__(self, lo: float, hi: float) -> None:
        self.lo, self.hi = lo, hi
        self.left: list[Row] = []
        self.right: list[Row] = []
        self.rows: list[int] = []

    def fit(self, row: Row, minband: float) -> tuple[list[Word], list[Word], float, float] | None:
        mid = (self.lo + self.hi) / 2
        left = [w for w in row.words if (w.x0 + w.x1) / 2 < mid]
        right = [w for w in row.words if (w.x0 + w.x1) / 2 >= mid]
        lo = max([self.lo] + [w.x1 for w in left])
        hi = min([self.hi] + [w.x0 for w in right])
        if hi - lo < minband:
            return None
        return left, right, lo, hi


def _center(words: list[Word]) -> float:
    return (min(w.x0 for w in words) + max(w.x1 for w in words)) / 2


def _aligned(words: list[Word], side: list[Row], tol: float, left_side: bool) -> bool:
    c = _center(words)
    x0 = min(w.x0 for w in words)
    for r in side:
        if abs(r.x0 + r.x1 - 2 * c) / 2 <= tol:
            return True
        if left_side and abs(r.x0 - x0) <= tol:
            return True
    return False


def find_blocks(rows: list[Row]) -> list[_Block]:
    if not rows:
        return []
    lh = _median_height(rows)
    seedgap = max(2.2 * lh, 18.0)
    minband = max(0.6 * lh, 6.0)
    tol = max(1.0 * lh, 8.0)
    used: set[int] = set()
    blocks: list[_Block] = []
    # A two-column block's left column starts in the left half of the text area: a wide gap inside a
    # line that lies wholly in the right half (a name whose middle syllable OCR lost) seeds nothing.
    page_mid = (min(r.x0 for r in rows) + max(r.x1 for r in rows)) / 2
    for i, row in enumerate(rows):
        if i in used or len(row.words) < 2 or row.words[0].x0 >= page_mid:
            continue
        a, b, k = _widest_gap(row)
        if b - a < seedgap or _big_gaps(row, seedgap) != 1:
            continue
        block = _Block(a, b)
        block.left.append(Row(row.words[:k], row.top, row.bottom))
        block.right.append(Row(row.words[k:], row.top, row.bottom))
        block.rows.append(i)
        # grow downwards
        last_bottom = row.bottom
        j = i + 1
        while j < len(rows) and j not in used:
            r = rows[j]
            fit = block.fit(r, minband)
            if fit is None:
                break
            left, right, lo, hi = fit
            gap = r.top - last_bottom
            if left and right:
                ok = gap <= 4.0 * lh
            else:
                words = left or right
                side = block.left if left else block.right
                other = block.right if left else block.left
                beside = any(r.top < o.bottom and r.bottom > o.top for o in other)
                ok = (beside and gap <= 2.0 * lh) or (_aligned(words, side, tol, bool(left)) and gap <= (10.0 if right else 6.0) * lh)
            if not ok:
                break
            block.lo, block.hi = lo, hi
            if left:
                block.left.append(Row(left, r.top, r.bottom))
            if right:
                block.right.append(Row(right, r.top, r.bottom))
            block.rows.append(j)
            last_bottom = max(last_bottom, r.bottom)
            j += 1
        # grow upwards (only rows beside the block or centred on a column, close above it)
        j = i - 1
        first_top = row.top
        while j >= 0 and j not in used:
            r = rows[j]
            fit = block.fit(r, minband)
            if fit is None:
                break
            left, right, lo, hi = fit
            gap = first_top - r.bottom
            if gap > 2.0 * lh:
                break
            if not (left and right):
                if left:
                    break  # a left-only row above the block is body text (the last line of a paragraph)
                words = right
                side = block.left if left else block.right
                c = _center(words)
                if not any(abs(s.x0 + s.x1 - 2 * c) / 2 <= tol for s in side):
                    break
            block.lo, block.hi = lo, hi
            if left:
                block.left.insert(0, Row(left, r.top, r.bottom))
            if right:
                block.right.insert(0, Row(right, r.top, r.bottom))
            block.rows.insert(0, j)
            first_top = r.top
            j -= 1
        if len(block.rows) >= 2 and block.left and block.right:
            used.update(block.rows)
            blocks.append(block)
    return blocks


# ---------------------------------------------------------------- rows → lines


def _join(words: list[Word], widegap: float) -> str:
    out: list[str] = []
    right = None
    for w in words:
        if right is not None:
            out.append("    " if w.x0 - right >= widegap else " ")
        out.append(w.text)
        right = w.x1 if right is None else max(right, w.x1)
    return nfc_clean("".join(out))


def nfc_clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _SPLIT_MARK.sub(r"\1", text)
    return unicodedata.normalize("NFC", text).strip()


_SPLIT_MARK = re.compile(r"\s+([\u0300-\u036f])")


def _make_line(words: list[Word], page: int, widegap: float, column: str | None) -> Line:
    voters = [w for w in words if w.bold is not None] or words
    nb = sum(1 for w in voters if w.bold)
    ni = sum(1 for w in words if w.italic)
    confs = [w.conf for w in words if w.conf is not None]
    ocr = len(confs) == len(words)
    return Line(
        text=_join(words, widegap),
        page=page,
        column=column,  # type: ignore[arg-type]
        bold=nb * 2 > len(voters),
        italic=None if ocr else ni * 2 > len(words),
        x0=round(min(w.x0 for w in words), 2),
        x1=round(max(w.x1 for w in words), 2),
        top=round(min(w.top for w in words), 2),
        confidence=round(sum(confs) / len(confs), 4) if confs else None,
    )


def rows_to_lines(rows: list[Row], page: int) -> list[Line]:
    """Lines of one page in reading order, two-column blocks emitted column by column."""
    lh = _median_height(rows)
    widegap = max(2.2 * lh, 18.0)
    blocks = find_blocks(rows)
    start = {b.rows[0]: b for b in blocks}
    inside = {i for b in blocks for i in b.rows}
    lines: list[Line] = []
    for i, row in enumerate(rows):
        if i in start:
            b = start[i]
            lines.extend(_make_line(r.words, page, widegap, "left") for r in b.left)
            lines.extend(_make_line(r.words, page, widegap, "right") for r in b.right)
        elif i not in inside:
            lines.append(_make_line(row.words, page, widegap, None))
    lines = [ln for ln in lines if ln.text]
    for n, ln in enumerate(lines, start=1):
        ln.number = n
    return lines
