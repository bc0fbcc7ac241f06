"""Label each line of a :class:`Document` with its zone.

The layout of Nghị định 30/2020 is fixed: a two-column header (issuer and
number left; motto and place-and-date right), the kind and subject (title),
the body, and a two-column closing (recipients left; signer right).  Readers
that see columns (Word tables, PDF word positions) leave ``Line.column``
hints; for plain text the columns are recovered from the lines' shapes.

The zoning is deliberately tolerant: a missing header (as in many archived
copies), a missing kind line (Công văn), a closing whose signer comes before
its recipients, or a closing flattened into plain lines all still zone.
"""

from __future__ import annotations

import re

from ..document import Document, Line
from ..normalise.folding import fold, zoning
from . import captured, flattened, linekinds
from .columns import RIGHT_HALF_PT, split_line

_HEAD_SCAN = 60


def assign_zones(doc: Document) -> Document:
    """Set ``zone`` and ``kind`` on every line (in place) and return the document."""
    with zoning():  # the shape tests below ask about the same lines many times: each answer is kept meanwhile
        kind_line_found = _assign_zones(doc)
        linekinds.label_lines(doc)
    if not kind_line_found:  # a subject that opens on a kind's word ("QUY ĐỊNH MỨC CHI …" under a resolution's
        for ln in doc.lines:  # number, its kind line lost) is the subject all the same
            if ln.zone == "title" and ln.kind == linekinds.LineKind.KIND:
                ln.kind = linekinds.LineKind.SUBJECT
    return doc


def _assign_zones(doc: Document) -> bool:
    """Zone the lines; True when the title block has its kind line."""
    # Digital-signature stamps and page numbers are printed over the layout, not part of it.
    overlay = [linekinds.is_signature_stamp(ln.text) or linekinds.is_page_number(ln.text) for ln in doc.lines]
    aside = [ln for ln, o in zip(doc.lines, overlay) if o]
    lines = [ln for ln, o in zip(doc.lines, overlay) if not o] if aside else doc.lines
    lines = captured.repair_captured_closing(captured.repair_captured_header(
        flattened.unflatten(captured.unglue_header_words(captured.unglue_body_abbreviations(lines)))))
    kind_at = _find_kind_line(lines)
    header_end = kind_at if kind_at is not None else _header_end_without_kind(lines)
    header = _split_region(lines[:header_end], "header")
    previous = None
    for ln in header:
        ln.zone = _header_zone(ln, previous)
        if ln.text.strip():
            previous = ln
    _issuer_lines_before_the_motto(header)
    if kind_at is not None:
        title_end = _title_end(lines, kind_at)
        title = lines[kind_at:title_end]
    else:
        title_end = _subject_without_kind_line(lines, header_end, header)
        title = lines[header_end:title_end]
    for ln in title:
        ln.zone = "title"
    rest = lines[title_end:]
    footer_at = _footer_start(rest)
    body = rest[:footer_at]
    footer = _split_region(rest[footer_at:], "footer")
    for ln in body:
        ln.zone = "body"
    _zone_footer(footer)
    doc.lines = header + title + body + footer + aside  # aside lines keep zone None
    return kind_at is not None


_QUOC_HIEU_PIECE = re.compile(r"\bchu\s+nghia\b|\bviet\s+nam\s*$")
"""``HỘI CHỦ NGHĨA VIỆT NAM``: the Quốc hiệu's second piece, though ``HỘI`` opens a body's name too."""


def _issuer_lines_before_the_motto(header: list[Line]) -> None:
    """The right column opens with the Quốc hiệu (Nghị định 30): a body's name cut off to the right above it
    is the issuer column's next line (``UBND THÀNH PHỐ NHA TRANG    PHÒNG GIÁO DỤC VÀ ĐÀO TẠO``, the
    issuer's two lines captured side by side), not a right-column line."""
    motto_at = next((i for i, ln in enumerate(header) if ln.zone == "header-right" and linekinds.is_motto(ln.text)), None)
    if motto_at is None:
        return
    for ln in header[:motto_at]:
        t = ln.text.strip()
        if ln.zone == "header-right" and linekinds.is_upper_line(t) and linekinds.starts_organisation(t) \
                and not _QUOC_HIEU_PIECE.search(fold(t)):
            ln.zone, ln.column = "header-left", "left"


def _subject_without_kind_line(lines: list[Line], start: int, header: list[Line]) -> int:
    """Index after a subject whose kind line the capture lost (a WordArt or image ``BÁO CÁO``), else ``start``.

    Only when the number's symbol names a kind that heads a title block (``251/BC-TH``): then the short
    lines between the header and the first line that surely opens the body (``Thực hiện …``, ``Căn cứ``,
    ``Kính gửi``, ``I.``) are the subject.  Without that line to end it, nothing is taken.
    """
    if not any(linekinds.is_number_line(ln.text) and linekinds.titled_kind_in_number(ln.text) for ln in header):
        return start
    if any(linekinds.VV_LINE.match(fold(ln.text)) for ln in header):
        return start  # a Công văn's subject under its number (V/v …): it has no kind line to lose ("112/CT-TTHT")
    taken: list[int] = []
    for j in range(start, min(len(lines), start + 8)):
        t = lines[j].text.strip()
        if not t:
            continue
        if linekinds.opens_body(t) or linekinds.is_section_marker(t) or linekinds.is_authority_line(t):
            break
        if taken and linekinds.is_enacting_line(t):
            break  # "TỔNG KIỂM TOÁN NHÀ NƯỚC" under a decision's subject: who enacts it
        if taken and linekinds.SEPARATOR.match(t):
            break  # the rule under the subject closes it
        if taken and t[:1].isupper() and not linekinds.is_upper_line(t) and not linekinds.is_subject_tail(t) \
                and all(linekinds.is_upper_line(lines[k].text.strip()) for k in taken):
            break  # a sentence under a subject in capitals: the body's first (however the page wrapped it)
        if len(taken) == 3 or len(t) > 160 or t.endswith(":"):
            return start
        taken.append(j)
    else:
        return start
    if not taken or sum(len(lines[j].text.strip()) for j in taken) > 300:
        return start
    return taken[-1] + 1


def _split_region(lines: list[Line], region: str) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        out.extend(split_line(ln, region))
    return out


# ---------------------------------------------------------------- header and title

def _find_kind_line(lines: list[Line]) -> int | None:
    long_seen = 0
    for i, ln in enumerate(lines[:_HEAD_SCAN]):
        if ln.column is None and len(ln.text) > 160:
            long_seen += 1
            if long_seen >= 2:  # deep in the body already: there is no title block
                return None
        found = linekinds.kind_of_title_line(ln.text)
        if found:
            if ln.text.rstrip().endswith(":") and any(linekinds.opens_body(x.text) for x in lines[:i]):
                return None  # "QUYẾT ĐỊNH:" after the preamble (Căn cứ …) opens the articles; the kind line was lost
            if found[1] and linekinds.enacted_kind(_numbered_kind(lines[:i]) or "") \
                    and _numbered_kind(lines[:i]) != found[0] and _enacted_after(lines[i + 1:i + 5]):
                # "Số: 28/2016/NQ-HĐND" … "QUY ĐỊNH VỀ ĐẶT TÊN …" / "HỘI ĐỒNG NHÂN DÂN TỈNH …": a resolution's
                # subject, its kind line lost (an attached QUY CHẾ under its decision's number has no enactor)
                return None
            return i
    return None


def _numbered_kind(lines: list[Line]) -> str | None:
    """The kind the header's number names (``Số: 28/2016/NQ-HĐND``: NGHỊ QUYẾT), if a number line is among ``lines``;
    not a party's number (``Số 97-QĐ/TW``), whose QĐ names a Quy định as well as a Quyết định (Hướng dẫn 36)."""
    for ln in lines:
        if linekinds.is_number_line(ln.text) and not _PARTY_NUMBER.match(ln.text[linekinds.number_label_end(ln.text):]):
            kind = linekinds.kind_in_number(ln.text)
            if kind:
                return kind
    return None


def _enacted_after(lines: list[Line]) -> bool:
    """Who enacts, or the preamble, on the next lines: the line above was an enacted document's subject."""
    texts = [ln.text.strip() for ln in lines if ln.text.strip()][:3]
    return any(linekinds.is_enacting_line(t) or linekinds.opens_body(t) and fold(t).startswith("can cu") for t in texts)


_PARTY_NUMBER = re.compile(r"\s*\d+\s*-\s*[A-ZĐ]")


_NUMBERED_PART = re.compile(r"^\s*(?:[IVXL]+|\d+(?:\.\d+)*)\s*[.)]\s+\S")
"""A part heading numbered in Roman or Arabic figures: never a line of the header."""


def _header_end_without_kind(lines: list[Line]) -> int:
    """Without a kind line, the header is the leading run of header-shaped lines."""
    end = 0
    prev: str | None = None
    prev2: str | None = None
    numbered = dated = reprinted = False
    for i, ln in enumerate(lines[:_HEAD_SCAN]):
        t = ln.text.strip()
        if not t:
            continue
        shape = linekinds.header_shape(t)
        if shape is None and linekinds.vv_continues(prev, ln) and (t[:1].islower() or len(t) < 90):
            shape = linekinds.LineKind.SUBJECT_CONT
        if shape is None and linekinds.subject_without_vv(t) and (
                prev == linekinds.LineKind.NUMBER
                or (prev == linekinds.LineKind.PLACE_DATE and prev2 == linekinds.LineKind.NUMBER and not linekinds.opens_body(t))):
            shape = linekinds.LineKind.SUBJECT  # under the number, or under the number and date captured as one row
        if shape is None and numbered and dated and ln.column is None and linekinds.is_upper_line(t):
            if linekinds.starts_subject(t) or not (reprinted or linekinds.starts_organisation(t)):
                break  # after both the number and the date, "BAN HÀNH QUY TRÌNH …" or "ĐÁNH GIÁ HOẠT ĐỘNG
                # THÁNG 8" is the subject (its kind line lost) …
            reprinted = True  # … but a body's name there opens the header printed again (its lines follow)
        headerish = shape not in (None, linekinds.LineKind.ADDRESSEES_HEADING) or (
            len(t) < 250 and linekinds.motto_re().search(fold(t)) is not None  # columns run together on one line
        ) or (
            ln.column is not None and (ln.cell is None or ln.cell[0] == 0)  # the first layout table / PDF block
        ) or (linekinds.is_upper_line(t) and len(t) < 90 and not linekinds.is_authority_line(t)
              and not _NUMBERED_PART.match(t))  # "I. KẾT QUẢ THỰC HIỆN" opens the body of a Công văn
        if not headerish:
            break
        numbered = numbered or shape == linekinds.LineKind.NUMBER or (
            shape == linekinds.LineKind.PLACE_DATE and linekinds.NUMBER_LINE.match(fold(t)) is not None)
        dated = dated or shape == linekinds.LineKind.PLACE_DATE or (
            shape == linekinds.LineKind.NUMBER and linekinds.is_date_line(t))  # the number and the date on one row
        prev2, prev = prev, shape
        end = i + 1
    return end


def _header_zone(ln: Line, previous: Line | None) -> str:
    if ln.column == "right":
        return "header-right"
    if ln.column == "left":
        return "header-left"
    t = ln.text
    if linekinds.is_motto(t) or linekinds.is_date_line(t):
        return "header-right"
    if previous is not None and linekinds.SEPARATOR.match(t) and "*" not in t and linekinds.is_motto(previous.text):
        return "header-right"  # the rule under the Tiêu ngữ belongs to its column (stars go under the issuer)
    return "header-left"


def _double_spaced(lines: list[Line]) -> bool:
    """A capture that put a blank line after every line (web paragraphs): blanks then say nothing."""
    texts = [ln.text.strip() for ln in lines]
    if len(texts) < 8:
        return False
    pairs = sum(1 for a, b in zip(texts, texts[1:]) if a and not b)
    return pairs >= 0.7 * sum(1 for t in texts if t)


def _subject_goes_on(nxt: Line, subject: list[str], kind_line: Line) -> bool:
    """After a blank line: a lower-case or bracketed tail, or more capitals under a subject in capitals."""
    t = nxt.text.strip()
    if not linekinds.is_subject_line(nxt, subject, kind_line):
        return False
    return t[:1].islower() or t.startswith("(") or linekinds.is_subject_tail(t) or (
        linekinds.is_upper_line(t) and all(linekinds.is_upper_line(x) for x in subject) and len(t) <= 120)


def _above_the_rule(t: str) -> bool:
    """A line between the kind line and the rule under the subject that may be the subject's."""
    f = fold(t)
    return not t or len(t) <= 250 and not (
        linekinds.opens_body(t) and not linekinds.is_upper_line(t)  # (NGÀY 05/01/2024 VỀ … in a subject)
        or linekinds.is_section_marker(t) or linekinds.is_authority_line(t)
        or linekinds.is_number_line(t) or linekinds.is_standalone_date_line(t) or linekinds.is_motto(t)
        or linekinds.RECIPIENTS_HEAD.match(f))


def _title_end(lines: list[Line], kind_at: int) -> int:
    """Index after the subject lines that follow the kind line (``linekinds.is_subject_line``)."""
    kind_line = lines[kind_at]
    spaced = _double_spaced(lines[:kind_at + 1])
    limit = min(len(lines), kind_at + (24 if spaced else 12))  # a double-spaced capture takes two lines a line
    # A separator (----, ___) under the subject closes the title even across blank lines: every line
    # above it that cannot be anything else is the subject's, however a PDF wrapped it ("… XÓA MÙ" /
    # "CHỮ Thời điểm tháng 10 năm 2020"; eight lines of a resolution's subject in capitals).
    for j in range(kind_at + 1, limit):
        if linekinds.SEPARATOR.match(lines[j].text):
            if j > kind_at + 1 and all(_above_the_rule(lines[k].text.strip()) for k in range(kind_at + 1, j)):
                return j + 1
            break
    end = kind_at + 1
    subject: list[str] = []
    blanks = 0
    for j in range(kind_at + 1, limit):
        ln = lines[j]
        t = ln.text.strip()
        if not t:
            nxt = next((x for x in lines[j + 1: j + 3] if x.text.strip()), None)
            enactor_only = len(subject) == 1 and linekinds.enactor_under_kind(kind_line.text, subject[0])
            if subject and not enactor_only and not (nxt is not None and (spaced or _subject_goes_on(nxt, subject, kind_line))):
                break  # a blank line ends the subject, unless a capture put one inside it (or after every line),
                # or only the enactor stands above it so far ("NGHỊ QUYẾT" / "CỦA BAN CHẤP HÀNH …" / blank / "Về …")
            if not (spaced and lines[j - 1].text.strip()):
                blanks += 1  # (in a double-spaced capture the one blank after each line is spacing, not a gap)
            if blanks > 3:
                break
            if not subject:
                end = j + 1
            continue
        if len(t) <= 2 and ln.confidence is not None:
            continue  # an OCR speck ("s", "_") between two subject lines
        if linekinds.is_mark(t):
            continue  # "(Dự thảo)" between the kind and the subject, or under it
        if not linekinds.is_subject_line(ln, subject, kind_line):
            break
        subject.append(t)
        end = j + 1
    return end


# ---------------------------------------------------------------- footer

def _footer_start(rest: list[Line]) -> int:
    """Index (in ``rest``) where the closing block begins; ``len(rest)`` when there is none."""
    n = len(rest)
    window_start = max(0, n - 60)
    recip = None
    for i in range(n - 1, window_start - 1, -1):
        f = fold(rest[i].text)
        if linekinds.RECIPIENTS_HEAD.match(f):
            recip = i
            break
    sig = _signature_start(rest, window_start, recip)
    candidates = [i for i in (recip, sig) if i is not None]
    return min(candidates) if candidates else n


def _signature_start(rest: list[Line], window_start: int, recip: int | None) -> int | None:
    """Scan upwards from the end over signer-shaped lines (name, notes, positions, prefix)."""
    n = len(rest)
    recip_block = set()
    if recip is not None:
        recip_block.add(recip)
        for k in range(recip + 1, n):
            t = rest[k].text.strip()
            if rest[k].column == "right":
                break
            if not t or linekinds.BULLET.match(t) or (t[:1].islower()) or _recipient_tail(t) \
                    or rest[k - 1].text.rstrip().endswith(",") \
                    or _item_wants_more(rest[k - 1].text, t):  # "- Lưu: VT," / "ĐP(5).": an item goes on
                recip_block.add(k)
                continue
            if linekinds.is_authority_line(t) or linekinds.is_upper_line(t):
                break
            recip_block.add(k)
    found = None
    has_position = False
    seen_note = seen_name = False
    for i in range(n - 1, window_start - 1, -1):
        t = _signer_side(rest[i])
        if not t or i in recip_block:
            continue  # the recipients may stand below the signer, or beside it in a table
        if linekinds.is_section_marker(t):
            break  # "I. ĐÁNH GIÁ TÌNH HÌNH": a part of the body (a copy that stops early), no signer line
        if linekinds.is_authority_line(t):
            found, has_position = i, True
        elif (linekinds.is_upper_line(t) or linekinds.is_position(t) and len(t) < 40 and not t[:1].islower()) \
                and len(t) < 70 and not linekinds.SEPARATOR.match(t) and not t.endswith((";", "./.")) \
                and (found is not None or linekinds.is_position(t) or not linekinds.looks_like_name(t)):
            found, has_position = i, True  # a position line (above the name, or named as one)
        elif linekinds.is_signature_note(t) or linekinds.looks_like_name(t):
            if has_position:
                break
            seen_note = seen_note or linekinds.is_signature_note(t)
            seen_name = seen_name or linekinds.looks_like_name(t)
            found = i
        else:
            break
    if found is None or not (has_position or seen_note and seen_name):
        return None  # a signer needs a position, or at least a name beside "(Đã ký)"
    return found


def _signer_side(ln: Line) -> str:
    """The line's text, or its right column where it holds two (``Người lập      Hiệu trưởng`` / ``Trần Thị Hoa
    Vũ Thị Lan``: whoever prepared the document signs on the left, the head who issues it on the right)."""
    t = ln.text.strip()
    if ln.column is None and "   " in t:
        pieces = split_line(ln, "footer")
        if len(pieces) == 2 and pieces[1].column == "right":
            return pieces[1].text.strip()
    return t


def _item_wants_more(item: str, nxt: str) -> bool:
    """``- Lưu:`` / ``VP``: an item that ends on its colon goes on with the short line under it (not with an
    authority or position line, which starts the signer beside it)."""
    return item.rstrip().endswith(":") and bool(linekinds.BULLET.match(item.strip())) and len(nxt) <= 30 \
        and not linekinds.is_authority_line(nxt) and not linekinds.is_position(nxt)


def _recipient_tail(t: str) -> bool:
    """A line ending as a recipient item does; ``;`` even in capitals (``VPHĐ-UB: CPVP;``): no signer line ends so."""
    return t.endswith((";", ";.")) or t.endswith(".") and not t.isupper()


def _zone_footer(footer: list[Line]) -> None:
    in_recipients = False
    seen_recipients = False
    prev: Line | None = None  # the last line with text
    for ln in footer:
        t = ln.text.strip()
        f = fold(t)
        # a recipient line that ended on a comma: its item goes on ("- Lưu: VT," / "ĐP(5).")
        was_open = bool(t) and prev is not None and prev.zone == "footer-left" and (
            prev.text.rstrip().endswith(",") or _item_wants_more(prev.text, t))
        if t:
            prev = ln
        if ln.column == "left":
            ln.zone = "footer-left"
            if linekinds.RECIPIENTS_HEAD.match(f):
                in_recipients = seen_recipients = True
            continue
        if ln.column == "right":
            ln.zone = "footer-right"
            continue
        if linekinds.RECIPIENTS_HEAD.match(f):
            in_recipients = seen_recipients = True
            ln.zone = "footer-left"
            continue
        if seen_recipients and linekinds.BULLET.match(t) and not linekinds.is_upper_line(t):
            ln.zone = "footer-left"  # a "- item;" below the signer: the list went on beside it
            in_recipients = True
            continue
        if seen_recipients and t and ln.x0 is not None and ln.x0 < RIGHT_HALF_PT \
                and (not linekinds.is_upper_line(t) or t.endswith((";", ","))):
            ln.zone = "footer-left"  # a wrapped item's second line, printed in the left column ("Đình Dũng;")
            continue
        if in_recipients and t and (linekinds.BULLET.match(t) or t[:1].islower() or t[:1] in ",;)" or was_open
                                    or t.endswith((";", ";.")) or not (  # no signer line ends with ";"
                linekinds.is_upper_line(t) or linekinds.is_authority_line(t) or linekinds.looks_like_name(t)
                or linekinds.is_signature_note(t) or len(t) <= 40 and linekinds.is_position(t))):
            ln.zone = "footer-left"
            continue
        if in_recipients and not t:
            ln.zone = "footer-left"
            continue
        in_recipients = False
        ln.zone = "footer-right"
