"""Undo what a capture of a web page or a PDF did to the header of a document.

Legal-document sites print the header table of Nghị định 30 as HTML cells; a
text capture of such a page gives each cell's lines with a lone ``|`` between
cells, row by row::

    ỦY                      ← the issuer cell, wrapped in a narrow column
    BAN NHÂN DÂN
    TỈNH BÀ RỊA-VŨNG TÀU
    -------
    |
    CỘNG                    ← the Quốc hiệu cell
    HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    |
    Số:                     ← the number cell
    75/2011/QĐ-UBND
    |
    Bà Rịa-Vũng Tàu, ngày   ← the date cell
    21 tháng 12 năm 2011

Four repairs, all before zoning:

* **glued labels**: a ``Số:``, ``V/v`` or ``Kính gửi:`` run onto the end of the
  cell before it (``Hạnh phúcSố: 796/TLĐ``) starts a line of its own;
* **cells**: where the header holds ``|`` separators, the cells alternate left
  and right column (a two-column table read row by row), and every line gets
  that column as a hint (``Line.column``);
* **fragments**: a line the capture broke is joined to the next one: ``Số:``
  alone, a place ending in ``ngày``, a date's tail, a number wrapped at its
  dash, a Quốc hiệu in two pieces, a one-word piece of a body's name
  (``ỦY`` / ``BAN NHÂN DÂN``), and inside a number cell the ``V/v`` subject's
  wrapped lines.

* **lost capitals**: a page that printed the header in capitals by its style sheet gives
  the kind line in lower case (``báo cáo`` alone, under the number or the place-and-date);
  it is given its capitals back, as printed on paper.

Before them, a header whose two columns were merged line by line from narrow cells has
the Quốc hiệu's words put back together out of the issuer's (``BỘ CỘNG`` / ``TÀI CHÍNH
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``).

Only the header is touched (the lines before the kind line, or the first
lines when there is none): the body's wrapping is ``normalise.paragraphs``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from ..document import Line
from .. import vocab
from ..normalise.charclass import VI_LOWER, VI_UPPER
from ..normalise.folding import fold, fold_char_aligned
from ..normalise.legacy_encoding import is_vietnamese_syllable
from . import linekinds

_HEAD_SCAN = 45
_CELL_MARK = re.compile(r"^\s*\|\s*$")
_CELL_END = re.compile(r"\s+\|\s*$")
_DATE_DONE = re.compile(r"nam\s*\d{4}\s*$")
_RULE_END = re.compile(r"[-–—_]{3,}\s*$")
"""A line ending on the rule under a column (``BỘ Y TẾ -------``): a dash there does not join the next line."""
_JOIN_BEFORE = re.compile(r"(?:^s[oô]\s*[:.]?|ngay|[,/\-–])\s*$", re.I)
_STARTS_LOWER_OR_DIGIT = re.compile(r"^[\d(]|^[^\W\d_]", re.UNICODE)


_XA_HOI = re.compile(r"xa\s+hoi")
"""The Quốc hiệu's middle (folded): only a header that holds it can have its halves apart."""


def repair_captured_header(lines: list[Line]) -> list[Line]:
    """The lines with the header's capture damage undone (see the module doc)."""
    lines = list(lines)
    top = "\n".join(ln.text for ln in lines[:_HEAD_SCAN])  # one look (substring tests) for what the passes mend
    folded_top = fold_char_aligned(top)  # once: folding a whole header costs more than the tests on it
    if _shape_name_re().search(folded_top):
        lines = _without_shape_names(lines)
    if _XA_HOI.search(folded_top):
        lines = _motto_halves_apart(lines)
    if "nghia" in folded_top and not linekinds.quoc_hieu_re().search(folded_top):
        lines = _motto_words_interleaved(lines)
    if "|" in top:
        lines = _header_rows_of_cells(lines)
    lines = _unglue_labels(lines)
    end = _header_end(lines)
    mended = _kind_capitals_lost(lines, end)  # a kind line in lower case above it, its capitals lost
    if mended is lines:
        mended = _headline_kind(lines)  # no header: the page's headline "Báo cáo kiểm điểm …" names the kind
    if mended is not lines:
        lines, end = mended, _header_end(mended)
    if end == 0:
        return lines
    head = lines[:end]
    cells = _cells(head)
    if cells is not None:
        out: list[Line] = []
        after: list[Line] = []
        if cells and not _CELL_MARK.match(head[-1].text):
            last = cells[-1]  # after the last mark: the last cell, then the body when no kind line ends the header
            cut = next((k for k, ln in enumerate(last) if _ends_cells(ln.text)), len(last))
            if len(cells) > 1 and len(cells) % 2 == 1 and any(_header_date(ln.text) for ln in cells[-2]) \
                    and not any(linekinds.VV_LINE.match(fold(ln.text)) for ln in last[:cut]):
                cut = 0  # the table's rows are complete, its last cell the date: what follows is the title
            cells[-1], after = last[:cut], last[cut:]
            cells = [c for c in cells if c]
        for i, cell in enumerate(cells):
            column = "left" if i % 2 == 0 else "right"
            cell = [ln if ln.column else replace(ln, column=column) for ln in cell]
            out.extend(_date_cell(cell) or _join_fragments(cell, in_cell=True))
        return out + after + lines[end:]
    return _join_fragments(head, in_cell=False) + lines[end:]


def _kind_capitals_lost(lines: list[Line], end: int) -> list[Line]:
    """The kind line in capitals again where the capture lost them (``báo cáo`` or ``Báo cáo`` alone on its
    line), above the header's end (:func:`_header_end`): only after a number line, a place-and-date or the motto, right
    under one of them, a rule or the Tiêu ngữ, before ``Kính gửi``, so that a sentence's last word wrapped onto
    a line (``pháp`` / ``luật.``) or a body's heading (``Báo cáo`` as a part's name) is never taken."""
    for i, ln in enumerate(lines[:end]):  # up to the first long line (_header_end)
        t = ln.text.strip()
        if not (t and len(t) < 16 and not t.isupper() and not t.endswith(".")
                and fold(t).rstrip(":").replace(" ", "") in linekinds.title_kinds()):
            continue
        above = [x.text.strip() for x in lines[:i] if x.text.strip() and not _CELL_MARK.match(x.text)]
        while len(above) > 1 and (linekinds.is_mark(above[-1]) or _SYMBOL_TAIL_ALONE.fullmatch(above[-1])):
            above.pop()  # a draft's mark ("Dự thảo") or the symbol's wrapped tail ("Xmc") between them
        if above and _under_a_header_line(above[-1]) and not any(linekinds.ADDRESSEES_HEAD.match(fold(x)) for x in above) \
                and any(_numbered_or_dated(x) or linekinds.motto_re().search(fold(x)) for x in above):
            return lines[:i] + [ln.with_text(ln.text.upper())] + lines[i + 1:]
    return lines


def _headline_kind(lines: list[Line]) -> list[Line]:
    """A document reprinted without its header, under a headline that names its kind in sentence case
    (``Báo cáo kiểm điểm của Ban Chấp hành …``, portals' reprints): the kind in capitals on a line of its own,
    the rest as its subject.  Only the first line of text (with the lines a page wrapped it onto), when it
    is short enough for a subject, ends as a subject may and no motto, number or date stands in the lines after
    it (a header would)."""
    first = next((i for i, ln in enumerate(lines) if ln.text.strip()), None)
    if first is None:
        return lines
    t = lines[first].text.strip()
    if t.isupper() or not t[:1].isupper():
        return lines  # (most documents: the first line is a body's name in capitals)
    wrapped = first + 1
    while wrapped < len(lines) and t[-1:] in ",-–" and len(t) < 300 and _wraps_on(lines[first], lines[wrapped]):
        t = f"{t} {lines[wrapped].text.strip()}"  # a headline a page wrapped ("… khóa XIX," / "nhiệm kỳ 2016-2021")
        wrapped += 1
    words = t.split()
    kinds = linekinds.title_kinds()
    if fold(t).replace(" ", "") in kinds:
        # the kind alone in sentence case ("Báo cáo"), its subject on the next line
        below = [ln.text.strip() for ln in lines[first + 1: first + 12] if ln.text.strip()]
        if below and len(below[0]) <= 300 and not linekinds.opens_body(below[0]) and not any(
                _prints_a_motto(x) or linekinds.is_number_line(x) or _date_line_alone(x)
                for x in below):
            return lines[:first] + [lines[first].with_text(kinds[fold(t).replace(" ", "")])] + lines[wrapped:]
        return lines
    if len(words) < 4 or len(t) > 300 or t.isupper() or t[-1:] in ":,;" or not words[0][:1].isupper():
        return lines
    key = next((k for n in (3, 2, 1) if (k := fold(" ".join(words[:n])).replace(" ", "")) in kinds), None)
    if key is None or not words[len(kinds[key].split())][:1].isalnum():
        return lines
    n = len(kinds[key].split())
    if " ".join(words[:n]).isupper() or not words[n][:1].islower() and not words[n][:1].isdigit() \
            and words[n][1:2].isupper():
        return lines  # "BÁO CÁO …" is read as it is; "Báo cáo UBND …" no headline
    below = [ln.text.strip() for ln in lines[wrapped: wrapped + 11] if ln.text.strip()]
    if not below or any(_prints_a_motto(x) or linekinds.is_number_line(x)
                        or _date_line_alone(x) and k > 0 for k, x in enumerate(below)):
        return lines  # (a place-and-date right under the headline is the reprint's own: "Tân Bình, ngày 22 …")
    kind_line = lines[first].with_text(kinds[key])
    subject = lines[first].with_text(" ".join(words[n:]))
    return lines[:first] + [kind_line, subject] + lines[wrapped:]


def _date_line_alone(text: str) -> bool:
    """A header's place-and-date line: it ends on the year, not a body's line a page wrapped before a date and on
    past it (``ngày 25 tháng 4 năm 2015 để nghỉ Thứ tư, ngày 29 …``)."""
    return _header_date(text) and linekinds.ends_on_year(text)


def _wraps_on(first: Line, line: Line) -> bool:
    """The line goes on with a headline ending on its comma: bold like it, or (no bold known) opening in lower case."""
    t = line.text.strip()
    if not t or t.endswith(":") or len(t) > 120:
        return False
    return bool(first.bold and line.bold) if first.bold is not None and line.bold is not None else t[:1].islower()


def _header_date(text: str) -> bool:
    """A header's place-and-date line, not a body line wrapped before a date (``đến ngày 7 tháng 8 năm 2015, đã …``):
    it opens with a capital, a figure or ``ngày``."""
    t = text.lstrip(" -–(")
    return linekinds.is_date_line(text) and (not t[:1].islower() or fold(t[:5]).startswith("ngay"))


def _prints_a_motto(text: str) -> bool:
    """A header's motto line: the Quốc hiệu or a motto opening the line, or in a line of capitals (a header's
    cells run together); not the country's name inside a sentence (``- Đồng chí …, Chủ tịch Quốc hội nước Cộng
    hòa xã hội chủ nghĩa Việt Nam;``)."""
    m = linekinds.motto_re().search(fold_char_aligned(text))
    return m is not None and (not text[:m.start()].strip(" -–_*|") or linekinds.is_upper_line(text))


def _numbered_or_dated(text: str) -> bool:
    """A number line, a place-and-date, or a line ending on a date (``11 năm 2010``, ``Số: … Hà Nội, ngày …``)."""
    return linekinds.is_number_line(text) or linekinds.is_date_line(text) or bool(_DATE_DONE.search(fold(text)))


_SYMBOL_TAIL_ALONE = re.compile(r"[-–]?[^\W\d_]{1,6}")
"""One short word alone: the last part of a number's symbol its narrow cell wrapped (``BC-BCĐPCGD-`` / ``Xmc``)."""


def _under_a_header_line(text: str) -> bool:
    """A number, a date (or its tail), a rule or the Tiêu ngữ: a line the kind stands under."""
    if _numbered_or_dated(text) or linekinds.SEPARATOR.match(text) or linekinds.is_motto(text) or _YEAR_ALONE.match(text):
        return True  # (the last: "… ngày 21 tháng 6 năm" / "2019", the date's year wrapped)
    folded = fold(text)
    m = linekinds.motto_re().search(folded)
    return m is not None and not folded[m.end():].strip(" .-")  # "TRƯỜNG THCS X Độc lập - Tự do - Hạnh phúc": a row


_GLUED_LABEL = re.compile(r"(?<=[a-zđà-ỹ0-9)])(?=(?:Số|Kính\s*gửi|V/v|V/V)\s*[:.]?(?:\s|$))")
"""A header label run onto the end of the cell before it (``… Hạnh phúcSố: 796/TLĐ``, ``… cơ sởKính gửi:``)."""


@lru_cache(maxsize=None)
def _label_tail_re() -> re.Pattern[str]:
    return re.compile(r"(?<=\s)" + linekinds.number_label() + r"\s*:\s*$")


def _label_tail(text: str) -> int | None:
    """Where a number label left at the end of another cell's line starts (``… Hạnh phúc ---- Nghị quyết số:``)."""
    m = _label_tail_re().search(fold_char_aligned(text))
    return m.start() if m and text[: m.start()].strip() else None


@lru_cache(maxsize=None)
def _shape_name_re() -> re.Pattern[str]:
    """A Word shape's name and number at a line's start (``straight connector 2``), searched in folded text."""
    names = vocab.folded_alternation(vocab.load("fixed_lines")["word_shape_names"])
    return re.compile(r"^[^\S\n]*(?:" + names + r")[^\S\n]*\d{1,3}(?!\d)[^\S\n]*", re.MULTILINE)


def _without_shape_names(lines: list[Line]) -> list[Line]:
    """The header's lines without the names of Word's drawn rules and boxes that a capture printed into them."""
    out = list(lines)
    for i, ln in enumerate(lines[:_HEAD_SCAN]):
        m = _shape_name_re().match(fold_char_aligned(ln.text))
        if m:
            out[i] = replace(ln, text=ln.text[m.end():])
    return out


def _unglue_labels(lines: list[Line]) -> list[Line]:
    """Cut a header line where a label starts glued to a lower-case word, as HTML cells captured without a
    break leave it; give back its first letter to a word whose initial the capture put on a line alone
    (``Đ`` / ``ộc lập - Tự do - Hạnh phúc``, a drop capital)."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        if i >= _HEAD_SCAN:
            out += lines[i:]
            break
        text = ln.text
        if out and text[:1].islower() and len(prev := out[-1].text.strip()) == 1 and prev.isupper():
            ln = replace(ln, text=prev + text)
            text = ln.text
            out.pop()
        if text.rstrip().endswith(":") and (tail := _label_tail(text)):
            out += [replace(ln, text=text[:tail].rstrip()), replace(ln, text=text[tail:].strip())]
            continue
        if not ("Số" in text or "Kính" in text or "V/" in text) or not _GLUED_LABEL.search(text):
            out.append(ln)
            continue
        start = 0
        for m in _GLUED_LABEL.finditer(ln.text):
            out.append(replace(ln, text=ln.text[start:m.start()]))
            start = m.start()
        out.append(replace(ln, text=ln.text[start:]))
    return out


def unglue_body_abbreviations(lines: list[Line]) -> list[Line]:
    """``UBNDTHÀNH PHỐ HÀ NỘI`` → ``UBND THÀNH PHỐ HÀ NỘI`` in the header's lines, before anything reads them
    (a header cell run onto one line is only told from a body line by the body's name it starts with)."""
    out = lines
    if not _ND_THEN_CAPITAL.search("\n".join(ln.text for ln in lines[:_HEAD_SCAN])):
        return lines  # (one search over the header for the glue's mark: most documents have none)
    for i, ln in enumerate(lines[:_HEAD_SCAN]):
        if "ND" in ln.text and _ND_THEN_CAPITAL.search(ln.text) and (glued := _glued_body_re().search(ln.text)):
            if out is lines:
                out = list(lines)
            out[i] = ln.with_text(f"{ln.text[:glued.end()]} {ln.text[glued.end():]}")
    return out


_ND_THEN_CAPITAL = re.compile("ND[" + VI_UPPER + "]")


def unglue_header_words(lines: list[Line]) -> list[Line]:
    """Words of two header cells a capture ran together without a space: ``VIỆT NAMĐộc lập``, ``NAM CƯỜNGSố:``,
    ``QUYẾT ĐỊNHVề việc`` (a word in capitals, then one in title case), ``NAM TRỰCTRƯỜNG THCS`` (a word in
    capitals, then a body's first word); each half must be a Vietnamese syllable and the glued word none, so a
    symbol's letters (``GDTrH``, ``PTTg``, ``HQĐNa``) stay as they are.  And a word whose first letter it set
    apart (``N ăm học 2012 - 2013``).  Only the header's and title's lines are looked at: the first lines and
    the short ones among the next."""
    out = lines
    head = [(i, ln) for i, ln in enumerate(lines[:_GLUE_LINES]) if len(ln.text) <= _HEADER_LINE or i < _FLATTENED]
    if not _GLUE_HINT.search("\n".join(ln.text[:_GLUE_SPAN] for _, ln in head)):
        return lines  # (one search over the header's lines: most hold neither shape)
    for i, ln in head:
        if not _GLUE_HINT.search(ln.text, 0, _GLUE_SPAN):
            continue
        text = _SPLIT_ONSET.sub(_joined_onset, _GLUED_CAPITALS.sub(_split_glued_word, ln.text))
        if text != ln.text:
            if out is lines:
                out = list(lines)
            out[i] = ln.with_text(text)
    return out


_GLUE_LINES = 16
"""The lines looked at: the header and the title block, with the blank lines a capture puts between them."""
_HEADER_LINE = 120
"""Header lines are short; a body paragraph among the first lines is not looked at (the search costs)."""
_FLATTENED = 3
"""The first lines are looked at whatever their length: a capture may have run the whole header onto one."""
_GLUE_SPAN = 600
"""How far into a line the shapes are looked for: a header, even one a capture ran onto one line, is there."""
_ONSET_VOWELS = "aăâeêioôơuưyàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ"
_GLUE_HINT = re.compile("[" + VI_UPPER + "](?:[" + VI_UPPER + "]{2}[" + VI_LOWER + "]|[" + VI_UPPER + "]{7}| ["
                        + _ONSET_VOWELS + "])")
"""Either shape, looked for without its edges: three capitals then a small letter, eight capitals in a row, a
capital then a space and a small vowel (one charset test a character: most headers hold none)."""
_GLUED_CAPITALS = re.compile("(?<![^\\W\\d_])(?:[" + VI_UPPER + "]{3,}[" + VI_LOWER + "]+|[" + VI_UPPER + "]{8,16})(?![^\\W\\d_])")
"""A word in capitals run into one in title case (``NAMĐộc``: three capitals or more, then small letters), or a
word in capitals too long for one syllable (``TRỰCTRƯỜNG``: eight letters or more; a syllable has seven at most)."""


_SPLIT_ONSET = re.compile("(?<![^\\W\\d_])([BCDĐGHKLMNPQRST]) ([" + _ONSET_VOWELS + "][" + VI_LOWER + "]{0,5})(?![^\\W\\d_])")
"""A word whose first letter a capture set apart (``N ăm học``, ``Đ ộc lập``): a capital consonant alone, then
the rest of a syllable opening on its vowel (not V or X, which number parts)."""


def _joined_onset(m: re.Match[str]) -> str:
    joined = m.group(1) + m.group(2)
    return joined if is_vietnamese_syllable(joined) else m.group()


def _split_glued_word(m: re.Match[str]) -> str:
    glued = m.group()
    if len(glued) > 16 or is_vietnamese_syllable(glued):
        return glued
    for k in range(2, len(glued) - 1):
        first, second = glued[:k], glued[k:]
        if not (first.isupper() and second[:1].isupper()):
            continue
        if not (is_vietnamese_syllable(first) and is_vietnamese_syllable(second)):
            continue
        if second[1:].islower() or second.isupper() and fold(second) in linekinds.organisation_first_words():
            return f"{first} {second}"
    for k in range(2, len(glued) - 1):  # "TRƯỜNGMN", "TRƯỜNGTHCS": a body's head run into its level's initials
        if fold(f"{glued[:k]} {glued[k:]}") in _heads_with_initials():
            return f"{glued[:k]} {glued[k:]}"
    return glued


@lru_cache(maxsize=None)
def _heads_with_initials() -> frozenset[str]:
    """Bodies' heads of a word and initials (``TRƯỜNG MN``, ``TRƯỜNG THCS``, ``PHÒNG GD``: administrative_units
    child_heads), folded: a capture that drops the space leaves a word no syllable splits."""
    return frozenset(fold(h) for h in vocab.load("administrative_units")["child_heads"]
                     if len(h.split()) == 2 and not is_vietnamese_syllable(h.split()[1]))


@lru_cache(maxsize=None)
def _glued_body_re() -> re.Pattern[str]:
    """A body's abbreviation glued to the level word of its locality (``UBNDTHÀNH PHỐ``, ``HĐNDHUYỆN``): the
    capture joined the two lines of a header cell without a space (administrative_units: body abbreviations
    with ND in them, levels)."""
    units = vocab.load("administrative_units")
    bodies = [re.escape(k) for k in units["body_abbreviations"] if "ND" in k]
    levels = [re.escape(w.upper()) for w in units["levels"]]
    return re.compile(r"(?<!\S)(?:" + "|".join(bodies) + r")(?=(?:" + "|".join(levels) + r")(?![^\W\d_]))")


_TAIL = 40
_AUTHORITY_INITIALS = frozenset("TKQtkq")  # TM., KT., TL., TUQ., Q., T/M, Thay mặt, Ký thay…
_NAME_TAIL = re.compile(r"\s((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)\s*$")


def repair_captured_closing(lines: list[Line]) -> list[Line]:
    """The signer block as the capture left it, mended: ``|`` cell marks blanked, ``TM.`` / ``ỦY BAN…``,
    ``PHÓ`` / ``CHỦ NHIỆM`` and ``Nguyễn`` / ``Khắc Định`` joined, a signer block run onto one line
    (``KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn``) cut into authority, position and name."""
    start = max(0, len(lines) - _TAIL)
    if start < _HEADER_LOOK:
        start = max(start, _last_header_line(lines) + 1)  # a short document's header is no closing
    tail: list[Line] = []
    for ln in _row_of_cells(lines[start:]):
        if _CELL_MARK.match(ln.text):
            tail.append(replace(ln, text=""))
        elif ln.text.lstrip()[:1] in _AUTHORITY_INITIALS and linekinds.is_authority_line(ln.text):
            tail.extend(_split_signer(_unglued(ln)))
        elif linekinds.BULLET.match(ln.text) and (signer := _signer_after_item(_unglued(ln))):
            tail.extend(signer)
        elif ((end := ln.text.rstrip()[-1:]).islower() or end == ")") and (parts := _name_run_on(ln)):
            tail.extend(parts)  # a name ends on a small letter, a note on its bracket: other lines need no look
        else:
            tail.append(ln)
    out: list[Line] = []
    for ln in tail:
        t = ln.text.strip()
        prev = out[-1].text.strip() if out else ""
        if t and prev and ln.column == out[-1].column and ln.cell == out[-1].cell \
                and _closing_continues(prev, t, above=out[-2:]):
            joined = replace(out[-1], text=f"{prev} {t}", end_number=ln.end_number or ln.number)
            # "KT." / "TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Vũ Ngọc Anh": the completed block may still be one line
            out[-1:] = _split_signer(joined) if _AUTHORITY_ALONE.fullmatch(fold(prev)) else [joined]
            continue
        out.append(ln)
    return lines[:start] + out


_HEADER_LOOK = 20

def _unglued(ln: Line) -> Line:
    """The line with a position's capitals and the name under it apart again (``PHÓ CHỦ NHIỆMNguyễn Xuân Phúc``:
    the capture dropped the line break), on the lines a signer block can be run onto: an authority line or an
    item of the Nơi nhận."""
    t = ln.text.rstrip()
    if not t[-1:].islower() or len(t) > 120 or not _GLUED_NAME.search(t):
        return ln  # (the name ends the line in a small letter)
    return ln.with_text(_GLUED_NAME.sub(" ", ln.text))


_GLUED_NAME = re.compile(r"(?<=[" + VI_UPPER + r"]{3})(?=[" + VI_UPPER + r"][" + VI_LOWER + r"]+(?:\s|$))")
"""A position in capitals glued to the name under it by a capture that dropped the line break
(``CHỦ NHIỆMNguyễn``): the word in title case starts where the capitals end."""


def _last_header_line(lines: list[Line]) -> int:
    """Index of the last number, place-and-date or motto line of the header, else -1 (looked for in the first
    lines, before any paragraph, Nơi nhận or signing authority)."""
    last = -1
    for i, ln in enumerate(lines[:_HEADER_LOOK]):
        t = ln.text.strip()
        if len(t) > 150 or linekinds.is_authority_line(t) or linekinds.RECIPIENTS_HEAD.match(fold(t)):
            break
        if linekinds.is_number_line(t) or linekinds.is_date_line(t) or linekinds.is_motto(t):
            last = i
    return last


_AUTHORITY_ALONE = re.compile(r"(?:tm|kt|tl|tuq|q|t/m|k/t|t/l)\s*\.?")


def _closing_continues(prev: str, nxt: str, *, above: Sequence[Line] = ()) -> bool:
    """Is ``nxt`` the rest of the signer-block line ``prev``? ``above``: the lines up to ``prev``, asked whether
    an authority line is among the last two (only for a line of one word in capitals, the one join that needs it)."""
    if " " not in nxt and nxt.isupper() and len(nxt.split()) == 1 and prev.isupper() and len(prev.split()) >= 2 \
            and fold(nxt) not in _position_first_words() and not linekinds.is_authority_line(nxt) \
            and any(linekinds.is_authority_line(x.text) for x in above[-2:]):
        return True  # "KT. THỐNG ĐỐC NGÂN HÀNG NHÀ" / "NƯỚC": a body's last word, wrapped in its cell
    if prev.count(" ") == 1 and " " not in nxt and _titled_word(nxt) and all(map(_titled_word, prev.split())) \
            and linekinds.is_signer_name(f"{prev} {nxt}"):
        return True  # "Trần Quốc" / "Cường": a name's last syllable wrapped in its cell
    if len(prev.split()) > 2:
        return False  # each join below takes a line of one word ("PHÓ", "Nguyễn"), or "TM" and its dot
    fprev = fold(prev)
    if _AUTHORITY_ALONE.fullmatch(fprev):
        return True  # "TM." / "ỦY BAN NHÂN DÂN TỈNH"
    if prev.isupper() and nxt.isupper() and len(prev.split()) == 1 and len(prev) <= 4 \
            and not linekinds.is_authority_line(nxt) and fold(prev) in _position_first_words():
        return True  # "PHÓ" / "CHỦ NHIỆM"
    words = nxt.split()
    return (len(prev.split()) == 1 and prev[:1].isupper() and prev[1:].islower() and 1 <= len(words) <= 3
            and linekinds.looks_like_name(f"{prev} {nxt}") and not linekinds.looks_like_name(prev))  # "Nguyễn" / "Khắc Định"


def _titled_word(word: str) -> bool:
    return len(word) > 1 and word[:1].isupper() and word[1:].islower() and word.isalpha()


@lru_cache(maxsize=None)
def _position_first_words() -> frozenset[str]:
    """The first words of the positions (folded: ``pho``, ``chu``, ``giam``…): a line of one of them starts one."""
    return frozenset(fold(w).split()[0] for w in vocab.load("positions")["words"])


def _split_signer(ln: Line) -> list[Line]:
    """``KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn`` → authority, position, name lines."""
    text = ln.text.strip()
    pieces: list[str] = []
    m = _NAME_TAIL.search(text)
    if m and linekinds.looks_like_name(m.group(1)):
        pieces.insert(0, m.group(1))
        text = text[: m.start()].strip()
    folded = fold_char_aligned(text)
    found = [m for m in (_position_tail_re().search(folded), _glued_position_tail_re().search(folded)) if m]
    pos = min(found, key=lambda m: m.start()) if found else None  # the longest position that ends the line
    if pos and pos.start() > 0 and not text[: pos.start()].rstrip().endswith((",", "&", "-", "VÀ")):
        head = text[: pos.start()].strip(" ,")
        if len(fold(head).split()) >= 2 and not linekinds.bare_authority_re().match(fold(head)) \
                and not _head_word_alone(head):
            # the authority keeps a body or a position of its own ("Ký thay" / "Chủ tịch" is one authority)
            pieces.insert(0, text[pos.start():].strip())
            text = head
    if not pieces:
        return [ln]
    return [replace(ln, text=p) for p in [text, *pieces]]


def _head_word_alone(authority: str) -> bool:
    """``T.M. HỘI ĐỒNG`` before ``BỘ TRƯỞNG``: the body after the prefix is only a head word, so the position's
    words are the rest of its name (the Hội đồng Bộ trưởng of 1981–1992), not the signer's position."""
    folded = fold(authority).strip()
    prefix = next((p for p in _authority_prefixes_folded() if folded.startswith(p)), None)
    return prefix is not None and folded[len(prefix):].strip(" ./") in _organisation_heads_folded()


@lru_cache(maxsize=None)
def _authority_prefixes_folded() -> tuple[str, ...]:
    return tuple(sorted({fold(p) for p in vocab.load("authority_prefixes")["prefixes"]}, key=len, reverse=True))


@lru_cache(maxsize=None)
def _organisation_heads_folded() -> frozenset[str]:
    return frozenset(fold(h) for h in vocab.load("administrative_units")["organisation_heads"])


_CELL_EDGE = re.compile(r"^\s*\|\s*(?=\S)|(?<=\S)\s*\|\s*$")
_INNER_CELL = re.compile(r"\s+\|\s+")


@lru_cache(maxsize=None)
def _halves_re() -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    out = []
    for first, second in vocab.load("fixed_lines")["motto_halves"]:
        a, b = (r"\W*".join(re.escape(w) for w in fold(x).split()) for x in (first, second))
        out.append((re.compile(r"(?<=\S)\s+(" + a + r")(?!\W*" + b + r")"), re.compile(b), f"{first} {second}"))
    return out


def _motto_halves_apart(lines: list[Line]) -> list[Line]:
    """The header read row by row with its Quốc hiệu wrapped in two (``ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI`` /
    ``TỈNH HẢI DƯƠNG CHỦ NGHĨA VIỆT NAM``, or the rows run onto one line): the issuer's pieces go to the
    left column, the Quốc hiệu is put back together on the right."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        mended = None if i >= _HEAD_SCAN or ln.column is not None or not ln.text.isupper() \
            else _mend_halves(lines, i)  # the first half's line is in capitals
        if mended is None:
            out.append(ln)
            i += 1
        else:
            pieces, i = mended
            out += pieces
    return out


def _motto_words_interleaved(lines: list[Line]) -> list[Line]:
    """The header's two columns merged line by line, each wrapped in its narrow cell, so that the Quốc
    hiệu's words stand among the issuer's (``UỶ BAN NHÂN CỘNG`` / ``DÂN HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``,
    ``BỘ CỘNG`` / ``TÀI CHÍNH HÒA XÃ HỘI …``): on lines in capitals, each ending on the Quốc hiệu's next
    words, those words are put back together on the right and the words before them are the issuer's, on
    the left.  Only whole lines in capitals, each ending so, are taken: a place inside the issuer's name
    (``TỈNH HÒA BÌNH``) is never read as the Quốc hiệu's ``HÒA``."""
    target = list(linekinds.quoc_hieu_words())
    for i, ln in enumerate(lines[:_HEAD_SCAN]):
        if ln.column is not None or target[0] not in fold(ln.text).split():
            continue
        motto: list[str] = []
        kept: list[tuple[Line, list[str]]] = []  # each line with the words before the Quốc hiệu's
        for j in range(i, min(len(lines), i + 4)):
            line = lines[j]
            words = line.text.split()
            if line.column is not None or not words or not line.text.isupper() or "\t" in line.text:
                return lines
            k = len(motto)
            take = next((n for n in range(min(len(words), len(target) - k), 0, -1)
                         if [fold(w) for w in words[-n:]] == target[k:k + n]), 0)
            if take == 0:
                break
            motto += words[-take:]
            kept.append((line, words[:-take]))
            if len(motto) == len(target):
                break
        if len(motto) < len(target) or not any(own for _, own in kept):
            return lines  # no Quốc hiệu, or one not broken by other words: the other passes' work
        out = lines[:i]
        for n, (line, own) in enumerate(kept):
            if own:
                text = " ".join(own)
                out.append(replace(line, text=text, column=None if linekinds.SEPARATOR.match(text) else "left"))
            if n == 0:
                out.append(replace(line, text=" ".join(motto), column="right"))
        return out + lines[i + len(kept):]
    return lines


def _mend_halves(lines: list[Line], i: int) -> tuple[list[Line], int] | None:
    ln = lines[i]
    folded = fold_char_aligned(ln.text)
    for first, second, whole in _halves_re():
        m = first.search(folded)
        if not m or not ln.text[: m.start(1)].strip().isupper():
            continue
        left = [replace(ln, text=ln.text[: m.start(1)].strip(), column="left")]
        pieces = [ln.text[m.end(1):]]  # the rest of this line, then the next lines, up to the second half
        owners = [ln]
        for j in range(i, min(len(lines), i + 4)):
            if j > i:
                if lines[j].column is not None:
                    break
                pieces.append(lines[j].text)
                owners.append(lines[j])
            text = pieces[-1]
            s = second.search(fold_char_aligned(text))
            if not s:
                continue
            between = [(o, p.strip()) for o, p in zip(owners[:-1], pieces[:-1])] + [(owners[-1], text[: s.start()].strip())]
            if not all(p == "" or p.isupper() or linekinds.SEPARATOR.match(p) for _, p in between):
                return None
            rest = text[s.end():].strip()
            out = left + [replace(ln, text=whole, column="right")]
            out += [replace(o, text=p, column=None if linekinds.SEPARATOR.match(p) else "left") for o, p in between if p]
            if rest:
                out.append(replace(owners[-1], text=rest))
            return out, j + 1
        return None
    return None


def _header_rows_of_cells(lines: list[Line]) -> list[Line]:
    """A header table captured a row per line (``| ỦY BAN NHÂN DÂN | CỘNG HÒA … |``): each row cut into its
    left and right cells.  Lines that are only a mark, or end with one, are ``_cells``' to read."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        if i < _HEAD_SCAN and "|" in ln.text and not _CELL_MARK.match(ln.text) \
                and _INNER_CELL.search(_CELL_EDGE.sub("", ln.text)):
            out += _row_of_cells([ln])
        else:
            out.append(ln)
    return out


_SUBJECT_AFTER_NUMBER = re.compile(r"\s+(?=[\"“]?(?:V\s*/\s*[vV]|Về\s+việc)\b)")
"""Where a Công văn's subject starts in its number's cell read as one line (``Số: 3234/BGDĐT-GDCN V/v …``)."""


def _row_of_cells(lines: list[Line]) -> list[Line]:
    """Cell marks run onto lines, in the closing (``| Nơi nhận:``, ``- Lưu: VT. | TM. ỦY BAN…``,
    ``Nguyễn Văn An |``) or a header row: the edges dropped, a row of two cells cut into its left and right lines."""
    out: list[Line] = []
    for ln in lines:
        if "|" not in ln.text or _CELL_MARK.match(ln.text):
            out.append(ln)
            continue
        text = _CELL_EDGE.sub("", ln.text)
        cells = [c for c in _INNER_CELL.split(text) if c.strip()]
        if len(cells) == 2:
            left = _SUBJECT_AFTER_NUMBER.split(cells[0], maxsplit=1) if linekinds.is_number_line(cells[0][:60]) else [cells[0]]
            out += [replace(ln, text=t, column="left") for t in left] + [replace(ln, text=cells[1], column="right")]
        else:
            out.append(replace(ln, text=text))
    return out


_NOTE_BEFORE_NAME = re.compile(r"^(\s*[(\[][^()\[\]]{2,30}[)\]]|\s*[ĐđD]ã\s+ký\s*:)\s*(\S.*)$")
"""``(Đã ký) Nguyễn Văn An``, and the note unbracketed with a colon (``Đã ký: Vũ Đức Khiển``)."""
_NAME_BEFORE_NOTE = re.compile(r"^(\S.*?)\s*([(\[][^()\[\]]{2,30}[)\]])\s*$")
_CAPITALS_BEFORE_NAME = re.compile(
    r"^(.*[A-ZĐÀ-Ỹ]{2,})([A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4})\s*$")


def _name_run_on(ln: Line) -> list[Line] | None:
    """The signer's name run onto the line before or after it by the capture: ``(Đã ký) Nguyễn Văn An``,
    ``Nguyễn Văn An (Đã ký)``, ``CHÁNH VĂN PHÒNGThái Hữu Phép``, ``BỘ TRƯỞNG Đặng Quốc Khánh`` (a
    signer without an authority line) → the note or position, then the name."""
    text = ln.text.strip()
    if len(text) > 90 or len(text) < 5:
        return None
    last = text.rsplit(None, 1)[-1]
    if not (last[:1].isupper() and last[1:2].islower() or last.endswith(")")):
        return None  # every shape below ends with a name's last syllable or a note's bracket
    m = _NAME_BEFORE_NOTE.match(text)
    if m and linekinds.is_signature_note(m.group(2)) and linekinds.looks_like_name(m.group(1)):
        return [replace(ln, text=m.group(2)), replace(ln, text=m.group(1))]
    words = text.split()
    for k in range(len(words) - 2, 0, -1):  # the name is the last two to five words, in title case
        head, name = " ".join(words[:k]), " ".join(words[k:])
        if len(words) - k > 5 or not words[k][:1].isupper() or words[k].isupper():
            break
        if all(w.isupper() or not w.isalpha() for w in words[:k]) and linekinds.is_position(head) \
                and linekinds.looks_like_name(name):
            return [replace(ln, text=head), replace(ln, text=name)]
    m = _NOTE_BEFORE_NAME.match(text)
    if m and linekinds.is_signature_note(m.group(1)) and linekinds.looks_like_name(m.group(2)):
        return [replace(ln, text=m.group(1)), replace(ln, text=m.group(2))]
    m = _CAPITALS_BEFORE_NAME.match(text)
    if m and linekinds.is_upper_line(m.group(1)) and linekinds.looks_like_name(m.group(2)):
        return [replace(ln, text=m.group(1)), replace(ln, text=m.group(2))]
    return None


def _signer_after_item(ln: Line) -> list[Line] | None:
    """``- Lưu: VT, ĐMDN. BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng``: a signer without an authority line, run
    onto the last recipient by the capture → the item, the position, the name."""
    text = ln.text.rstrip()
    m = _NAME_TAIL.search(text)
    if not m or not linekinds.looks_like_name(m.group(1)):
        return None
    head = text[: m.start(1)]
    cut = head.rfind(";")
    if cut > 0 and head[:cut].strip(" -") and not head.endswith("   "):
        rank, _ = linekinds.split_rank(text[cut + 1:].strip())
        if rank and not text[cut + 1: m.start(1)].strip()[len(rank):].strip():
            # "- Vụ Nội chính VPCP; Thiếu tướng Phạm Văn Tỵ": the name, with its rank, beside an item that ended
            return [replace(ln, text=text[: cut + 1]), replace(ln, text=text[cut + 1:].strip())]
    words = text[: m.start()].split()
    k = len(words)
    while k > 0 and words[k - 1].strip(",").isupper() and words[k - 1].strip(",").isalpha():
        k -= 1  # the run of words in capitals before the name
    while k < len(words) - 2 and not linekinds.starts_with_position(" ".join(words[k:]).strip(" ,")):
        k += 1  # the item's own capitals before the position: "- Lưu VT, QLCL GIÁM ĐỐC Nguyễn Thanh Bình"
    position = " ".join(words[k:]).strip(" ,")
    item = " ".join(words[:k])
    if k == len(words) and item.rstrip()[-1:] in ";)" and item.strip(" -;") \
            and not text[: m.start(1)].endswith("   "):  # (a wide gap: two columns, the column splitter's)
        # "- Thủ tướng, các Phó Thủ tướng; Văn Trọng Lý": the name alone beside an item that ended
        return [replace(ln, text=item), replace(ln, text=m.group(1))]
    if len(words) - k < 2 or not item.strip(" -;") or not linekinds.is_position(position):
        return None
    return [replace(ln, text=item), replace(ln, text=position), replace(ln, text=m.group(1))]


@lru_cache(maxsize=None)
def _position_tail_re() -> re.Pattern[str]:
    return re.compile(r"(?<=\s)(?:" + vocab.folded_alternation(vocab.load("positions")["words"]) + r")\s*$")


@lru_cache(maxsize=None)
def _glued_position_tail_re() -> re.Pattern[str]:
    """A position of two words or more glued to the authority by the capture (``… ĐOÀNBÍ THƯ THƯỜNG TRỰC``)."""
    words = [w for w in vocab.load("positions")["words"] if len(w.split()) >= 2]
    return re.compile(r"(?<=[^\W\d_])(?:" + vocab.folded_alternation(words) + r")\s*$")


def _header_end(lines: list[Line]) -> int:
    """Index of the kind line (``BÁO CÁO``…), else of the first long line: where the header surely ends.

    A kind word glued to the end of a header line by the capture (``Số: /BCSK-THQLBÁO CÁO``) is cut
    off onto a line of its own first (in place).
    """
    for i, ln in enumerate(lines[:_HEAD_SCAN]):
        t = ln.text.strip()
        if linekinds.kind_of_title_line(t) or len(t) > 160:
            return i
        glued = _glued_kind(ln)
        if glued:
            lines[i: i + 1] = glued
            return i + 1
    return min(len(lines), _HEAD_SCAN)


@lru_cache(maxsize=None)
def _kind_tail_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + linekinds.title_kind_alternation() + r")\s*$")


def _glued_kind(ln: Line) -> list[Line] | None:
    text = ln.text.rstrip()
    m = _kind_tail_re().search(fold_char_aligned(text))
    if not m or m.start() == 0 or not text[m.start():].isupper() or text[m.start() - 1].isspace():
        return None
    return [replace(ln, text=text[: m.start()]), replace(ln, text=text[m.start():])]


def _date_cell(cell: list[Line]) -> list[Line] | None:
    """A cell that holds only the place-and-date, wrapped over several lines by a narrow column: one line."""
    texts = [ln.text.strip() for ln in cell if ln.text.strip()]
    joined = " ".join(texts)
    if len(texts) < 2 or not linekinds.is_date_line(joined) or any(linekinds.is_motto(t) or linekinds.is_number_line(t)
                                                                    or linekinds.SEPARATOR.match(t) for t in texts):
        return None
    first = next(ln for ln in cell if ln.text.strip())
    return [replace(first, text=joined, end_number=cell[-1].end_number or cell[-1].number)]


def _ends_cells(text: str) -> bool:
    """A line no header cell holds: a numbered part heading, ``Kính gửi``, a paragraph."""
    t = text.strip()
    return len(t) > 150 or linekinds.is_section_marker(t) or bool(linekinds.ADDRESSEES_HEAD.match(fold(t))) \
        or linekinds.opens_body(t) and len(t) > 60  # "Căn cứ Kế hoạch số 45/KH-UBND ngày … của …;": the preamble


def _cells(head: list[Line]) -> list[list[Line]] | None:
    """The header's lines grouped by the ``|`` marks of a captured table, or None when there are none."""
    marks = sum(1 for ln in head if _CELL_MARK.match(ln.text) or _CELL_END.search(ln.text))
    if marks < 2 or any(ln.column for ln in head):
        return None
    cells: list[list[Line]] = [[]]
    for ln in head:
        if _CELL_MARK.match(ln.text):
            if cells[-1]:
                cells.append([])
            continue
        if _CELL_END.search(ln.text):
            cells[-1].append(replace(ln, text=_CELL_END.sub("", ln.text)))
            cells.append([])
            continue
        cells[-1].append(ln)
    return [c for c in cells if c]


def _join_fragments(lines: list[Line], *, in_cell: bool) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        t = ln.text.strip()
        label = _last_text(out)
        if t and label is not None and re.match(r"[\d/]", t) and (
                _bare_number_label(out[label].text)
                or t[0] == "/" and _SEQUENCE_ONLY.match(out[label].text) and label == len(out) - 1):
            # "Số:" / (blank lines) / "/TTr - THCS", or "Số: 672" / "/TB-BVM-TCCB": the number's cell, wrapped
            prev = out[label]
            out[label] = replace(prev, text=f"{prev.text.rstrip()} {t}", end_number=ln.end_number or ln.number)
            continue
        if t and t[0] == "/" and _SYMBOL_ONLY.match(t) and (bare := _bare_label_above(out)) is not None:
            prev = out[bare]  # "Số:" / the Quốc hiệu's lines / "/TTr-VPCP": a number left blank, its symbol apart
            out[bare] = replace(prev, text=f"{prev.text.rstrip()} {t}", end_number=ln.end_number or ln.number)
            continue
        if t and label is not None and label < len(out) - 1 and ln.column is None and out[label].column is None \
                and _completes_across_blank(out[label].text.strip(), t):
            prev = out[label]  # "CỘNG HÒA XÃ" / (blank) / "HỘI CHỦ NGHĨA VIỆT NAM" in a double-spaced capture
            out[label] = replace(prev, text=f"{prev.text.rstrip()} {t}", end_number=ln.end_number or ln.number)
            del out[label + 1:]
            continue
        if out and t and ln.column is not None and ln.column == out[-1].column \
                and _symbol_wrapped(out[-1].text.strip(), t):
            prev = out[-1]  # "Số: 3929/ SGD&ĐT-" / "GDTX-CN": a long symbol wrapped in its narrow cell
            out[-1] = replace(prev, text=f"{prev.text.rstrip()}{t}", end_number=ln.end_number or ln.number)
            continue
        if out and t and ln.column == out[-1].column and out[-1].text.rstrip()[-1:].islower() \
                and (word := _PLACE_WORD_AFTER_NUMBER.search(out[-1].text)) and linekinds.is_number_line(out[-1].text) \
                and linekinds.is_date_line(t):
            prev = out[-1]  # "Số 142/TB-VG Ân" / "Mỹ, ngày 8 …": the place's first word ran onto the number's line
            out[-1] = replace(prev, text=prev.text[: word.start()].rstrip())
            out.append(replace(ln, text=f"{word.group(1)} {t}"))
            continue
        if out and t and out[-1].text.strip() and (in_cell or ln.column is None and out[-1].column is None) \
                and _continues(out[-1].text.strip(), t, in_cell):
            prev = out[-1]
            out[-1] = replace(prev, text=f"{prev.text.rstrip()} {t}", end_number=ln.end_number or ln.number)
            continue
        out.append(ln)
    return out


_SYMBOL_PART = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9&.\-–]{0,24}$")
_PLACE_WORD_AFTER_NUMBER = re.compile(r"(?<=[\w.])\s+([" + VI_UPPER + r"][" + VI_LOWER + r"]+)\s*$")
"""A word in title case after a number's symbol, at the line's end: the place's first word (``142/TB-VG Ân``)."""


def _symbol_wrapped(prev: str, nxt: str) -> bool:
    """A number line broken inside its symbol (ending on ``-`` or ``/``) and the symbol's rest below it."""
    return linekinds.is_number_line(prev) and prev.endswith(("-", "–", "/")) and bool(_SYMBOL_PART.match(nxt))


@lru_cache(maxsize=None)
def _bare_label_re() -> re.Pattern[str]:
    return re.compile(r"^\s*" + linekinds.number_label() + r"\s*:?\s*$")


def _bare_number_label(text: str) -> bool:
    """``Số:`` (or ``Luật số:``) alone on its line, the number on the next."""
    return len(text) < 40 and bool(_bare_label_re().match(fold(text)))


_SEQUENCE_ONLY = re.compile(r"^\s*S[ốốo]\s*:?\s*\d{1,6}\s*$", re.I)


_SYMBOL_ONLY = re.compile(r"^/\s*[A-ZĐ][\w&.]*(?:\s*[-–/]\s*[\w&.]+){0,4}$")


def _bare_label_above(lines: list[Line]) -> int | None:
    """Index of a bare number label (``Số:``) a few lines up, with only the other column's motto, rules and
    blank lines after it."""
    for back in range(1, min(len(lines), 8) + 1):
        t = lines[-back].text.strip()
        if _bare_number_label(t):
            return len(lines) - back
        if t and not (linekinds.is_motto(t) or linekinds.SEPARATOR.match(t)):
            return None
    return None


def _last_text(lines: list[Line]) -> int | None:
    """Index of the last line with text, looking back over at most two blank lines."""
    for back in range(1, min(len(lines), 3) + 1):
        if lines[-back].text.strip():
            return len(lines) - back
    return None


def _completes_across_blank(prev: str, nxt: str) -> bool:
    """Across a blank line, only what cannot be anything else: a motto or a date in two pieces."""
    if linekinds.SEPARATOR.match(nxt):
        return False
    return _motto_in_two(prev, nxt) or _date_in_two(prev, nxt)


def _motto_in_two(prev: str, nxt: str) -> bool:
    """``CỘNG HÒA XÃ HỘI`` / ``CHỦ NGHĨA VIỆT NAM``: neither piece a motto, both together one."""
    return not linekinds.is_motto(prev) and not linekinds.is_motto(nxt) and linekinds.is_motto(f"{prev} {nxt}")


def _date_in_two(prev: str, nxt: str) -> bool:
    """``Quảng Bình, ngày 25`` / ``tháng 5 năm 2015``: the tail of a date, the two pieces one date line;
    or a date whose day and month were left blank, in pieces (``Hà Nội, ngày`` / ``tháng`` / ``năm 2016``)."""
    fprev, fnxt = fold(prev), fold(nxt)
    if _YEAR_ALONE.match(nxt) and _YEAR_WANTED.search(fprev) and linekinds.is_date_line(prev):
        return True  # "Quy Nhơn, ngày 16 tháng 4 năm" / (blank) / "2009": the year wrapped onto a line of its own
    if not (nxt[:1].isdigit() or fnxt.startswith(("thang", "nam "))) or linekinds.is_date_line(prev) \
            or linekinds.is_date_line(nxt) or _DATE_DONE.search(fprev):
        return False
    return linekinds.is_date_line(f"{prev} {nxt}") or (
        "ngay" in fprev and bool(_BLANK_DATE_FIELD.search(fprev)) and len(prev) < 60 and len(nxt) < 30)


_YEAR_ALONE = re.compile(r"^(?:19|20)\d\d\.?$")
_YEAR_WANTED = re.compile(r"\bnam\s*$")
"""A date line ending on ``năm`` with its year still to come (folded)."""
_BLANK_DATE_FIELD = re.compile(r"\b(?:ngay|thang)[\s.…_]*$")


def _continues(prev: str, nxt: str, in_cell: bool) -> bool:
    """Is ``nxt`` the rest of ``prev``, broken by the capture?"""
    if linekinds.SEPARATOR.match(prev) or linekinds.SEPARATOR.match(nxt):
        return False
    fprev, fnxt = fold(prev), fold(nxt)
    if linekinds.is_number_line(nxt) and not nxt[:1].islower() or linekinds.VV_LINE.match(fnxt) \
            or linekinds.ADDRESSEES_HEAD.match(fnxt):
        return False  # (a lower-case "số 26/TB-…" goes on citing inside a wrapped V/v subject)
    if _JOIN_BEFORE.search(fprev) and len(prev) < 60 and not _RULE_END.search(prev) \
            and not (linekinds.is_date_line(nxt) and linekinds.is_number_line(prev)):
        # (a number cut at its symbol's dash, the place-and-date whole under it: two lines)
        return True  # "Số:" / "75/…", "Hà Nội, ngày" / "24 tháng 9…", "Số: 16 -" / "HD/BTCTW" (not "BỘ Y TẾ -------")
    if _date_in_two(prev, nxt):
        return True
    if linekinds.is_date_line(prev) or linekinds.is_motto(prev) and linekinds.is_motto(nxt):
        return False
    if _motto_in_two(prev, nxt):
        return True
    if linekinds.is_date_line(nxt) and not linekinds.is_date_line(prev) and len(prev) <= 20 \
            and not linekinds.is_number_line(prev) and "/" not in prev and not any(
            c.isdigit() for c in prev) and (len(prev.split()) == 1 or not prev.isupper()) and not linekinds.is_motto(prev):
        return True  # "Hà" / "Nội, ngày 5 tháng 1 năm 2023": the place broken by the capture
    if prev.isupper() and nxt.isupper() and (len(prev.split()) == 1 and len(prev) <= 4 or len(nxt.split()) == 1 and len(nxt) <= 4):
        return True  # "ỦY" / "BAN NHÂN DÂN", "UỶ BAN NHÂN" / "DÂN": one word cut from a body's name
    if in_cell and linekinds.VV_LINE.match(fprev) or in_cell and linekinds.is_number_line(prev) and " v/v" in fprev:
        return not linekinds.is_date_line(nxt)  # a V/v subject wrapped inside its cell
    return False
