"""Give back its lines to a document that a capture flattened onto one line.

Document-sharing sites often serve a report's text with every line break lost:
``PHÒNG GD&ĐT VẠN NINH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM TRƯỜNG TIỂU HỌC VẠN
LƯƠNG 1 Độc lập - Tự do - Hạnh phúc Số: /BC-VL1 Vạn Lương, ngày tháng 4 năm 2013
BÁO CÁO Kết quả … I. Kết quả …``.  The layout of Nghị định 30 is still there,
in order; only the breaks are gone.  A long line that holds the header's
shapes (the Quốc hiệu, a ``Số:``, a place-and-date) is cut again before each
shape the line grammar knows: the Quốc hiệu and the Tiêu ngữ, the number, the
place-and-date, the kind word, ``V/v``, ``Kính gửi``, the body's openers, part
headings (``I.``, ``1.``, ``PHẦN``) and bullets, ``Nơi nhận`` and the signer's
authority.  The pieces then zone like any plain text.

Only lines that carry a header this way are touched, so a long body paragraph
is never cut.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterator
from functools import lru_cache

from .. import vocab
from ..document import Line
from ..normalise.charclass import VI_UPPER
from ..normalise.folding import fold, fold_char_aligned
from . import grammar, linekinds

_MIN_LENGTH = 120
"""A line this long may be a flattened header (a short one in ``|`` cells is ``captured``'s, below 250)."""
_SCAN_LINES = 5


@lru_cache(maxsize=None)
def _kind_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + linekinds.title_kind_alternation().replace(r"\s+", r"\s*") + r")(?=[\s:]|[^\W\d_])")


@lru_cache(maxsize=None)
def _before_re() -> re.Pattern[str]:
    """Shapes a flattened line is cut before (folded, character-aligned)."""
    fixed = vocab.load("fixed_lines")
    openers = vocab.folded_alternation(fixed["body_openers"] + fixed["addressees_heading"] + fixed["recipients_heading"])
    return re.compile(
        r"(?<=\s)" + linekinds.VV_WORDS + r"\b"                          # V/v, Về việc
        r"|(?<=[\s.;:-])(?:" + openers + r")\b"                      # Căn cứ, Thực hiện, Kính gửi, Nơi nhận… (-Căn cứ)
        r"|(?<=[\s.;:)])chuong\s+(?:[ivx]{1,5}|\d{1,2})\b"           # Chương I of a Quy chế under its subject
    )


@lru_cache(maxsize=None)
def _marker_re() -> re.Pattern[str]:
    """Part headings, bullets, signer prefixes and notes: a flattened line is cut before these whatever their case."""
    fixed = vocab.load("fixed_lines")
    authority = vocab.folded_alternation([p for p in vocab.load("authority_prefixes")["prefixes"] if p.endswith(".")])
    return re.compile(
        r"(?<=[\s.;:])(?<!(?<!\w)[^\W\d_]\.)(?:[ivx]{1,4}|\d{1,2})\.\s(?=[^\W\d_])"  # I. / 1. part headings
        # (not the second letter of "V.v." nor of an initial: a lone letter and its dot before it)
        r"|(?<=\s)[ivx]{1,4}/\s*(?=[^\W\d_])"                       # I/ ĐẶC ĐIỂM TÌNH HÌNH
        r"|(?<=\s)(?:ten\s+)?(?:don\s+vi|co\s+quan)\s*:"              # Tên đơn vị: (a label under the title)
        r"|(?<=[\s.;:])phan\s+(?:thu\s+\w+|[ivx]{1,4})\b"          # PHẦN I, Phần thứ nhất
        r"|(?<=[.;:])\s*-\s(?=\S)"                                   # - bullet after a sentence end
        r"|(?<=\s)(?:" + authority + r")\s*(?=\S)"                  # TM. / KT. / TL.
        r"|\((?=\s*(?:" + vocab.folded_alternation(fixed["signature_notes"]) + r"))"  # (đã ký)
        r"|(?<=\s)\((?=\s*(?:" + vocab.folded_alternation(fixed["attachment_note_openers"]) + r")\s)"
        # (Ban hành kèm theo Quyết định số …) under an attached text's subject
    )


_NUMBER_LABEL = re.compile(r"(?<![\w/])so\s*(?::[:;.]*\s*|\s+(?=[\d.…_ ]*(?:/|-\s*[a-z0-9&.]*/)))")
"""``Số:``, ``Số:. 4315/…``, ``Số 45-BC/ĐU``, ``Số -BC/ĐH``; not the ``SỐ - KẾ HOẠCH HÓA`` of a body's name."""
_NUMBER_AFTER_LABEL = re.compile(grammar.NUMBER_AFTER_LABEL)


def _header_labels(text: str, folded: str, end: int | None = None) -> Iterator[re.Match[str]]:
    """The header's number labels: ``Số`` with its capital (``… Công văn số 12/…`` cites a document in a sentence)."""
    return (m for m in _NUMBER_LABEL.finditer(folded, 0, len(folded) if end is None else end) if text[m.start()] == "S")
_NOTE_END = re.compile(r"\((?:da\s+ky|ky[^)]{0,30})\)")
_SEPARATOR_RUN = re.compile(r"[-_=*…]{3,}(?:o0o[-_=*…]+)?|[.…]{2,}o0o[.…]{2,}")
_DATE_END = re.compile(r",\s*ngay\s*[\d.…_\s]{0,8}thang\s*[\d.…_\s]{0,6}nam\s*\d{4}")


def unflatten(lines: list[Line]) -> list[Line]:
    """The lines, with any flattened header line cut again into its parts (see the module doc).

    Two captures flatten a header: the whole header and the body's start on one
    long line, or the header's cells kept on a few lines of their own with the
    number run into the ``V/v`` subject, or the place-and-date run into the kind,
    the subject and ``Kính gửi`` (crawled legal-document text).  In the second,
    the Quốc hiệu stands on a line above; a head line is cut again when it
    carries a number label or a place-and-date together with more text.
    """
    # the first _SCAN_LINES lines that hold text or more than a rule: blank lines and ---- under the
    # header's columns do not count (a capture may put them after every line)
    scan, seen = len(lines), 0
    for i, ln in enumerate(lines):
        seen += bool(ln.text.strip()) and not linekinds.SEPARATOR.match(ln.text)
        if seen == _SCAN_LINES:
            scan = i + 1
            break
    head = lines[:scan]
    head_motto = any(ln.column is None and linekinds.motto_re().search(fold_char_aligned(ln.text[:600])) for ln in head)
    out: list[Line] = []
    for i, ln in enumerate(lines):
        long_line = i < scan and ln.column is None and len(ln.text) >= _MIN_LENGTH \
            and (len(ln.text) >= 250 or "|" not in ln.text)
        woven = _quoc_hieu_rewoven(ln) if long_line else ln  # (a Quốc hiệu spread among the issuer's words
        if i < scan and ln.column is None and (  # is one again before the line is asked whether it is a header)
                (long_line and _holds_a_header(woven.text)) or (head_motto and _carries_header_cells(ln.text))):
            out.extend(_cut(woven))
        else:
            out.append(ln)
    return out


_REWEAVE_SPAN = 24
"""How many words the Quốc hiệu's may be spread over among the issuer's."""


def _quoc_hieu_rewoven(ln: Line) -> Line:
    """The line with the Quốc hiệu's words put back together where a row-by-row reading spread them.

    A two-column header read row by row onto one line, each column wrapped in its narrow cell, puts the
    Quốc hiệu's words among the issuer's: ``UỶ BAN NHÂN CỘNG HÒA XÃ DÂN HỘI CHỦ NGHĨA VIỆT NAM TỈNH QUẢNG
    BÌNH Độc lập …``, ``BỘ CỘNG TÀI CHÍNH HÒA XÃ HỘI …``.  From its last word back, each of its words is
    taken where it stands nearest before the next; the issuer's words between them (all in capitals) go
    before it, and the Quốc hiệu stands whole where its last word stood.  Only when it was split in two to
    four pieces: a whole one is left as it is, and one word here and there is no Quốc hiệu.
    """
    text = ln.text
    if linekinds.quoc_hieu_re().search(fold_char_aligned(text[:600])):
        return ln
    target = linekinds.quoc_hieu_words()
    words = list(_WORD.finditer(text[:600]))[:40]
    keys = [fold(w.group()).strip(",.;:") for w in words]
    for end, key in enumerate(keys):
        if key != target[-1]:
            continue
        at, k = [end], len(target) - 2
        for j in range(end - 1, max(-1, end - _REWEAVE_SPAN), -1):
            if k >= 0 and keys[j] == target[k]:
                at.append(j)
                k -= 1
        if k >= 0:
            continue
        at.reverse()
        pieces = 1 + sum(b != a + 1 for a, b in zip(at, at[1:]))
        taken = set(at)
        between = [words[j].group() for j in range(at[0], end) if j not in taken]
        if not 2 <= pieces <= 4 or not between or any(c.islower() for w in between for c in w):
            return ln
        woven = " ".join(between + [words[j].group() for j in at])
        return replace(ln, text=text[: words[at[0]].start()] + woven + text[words[end].end():])
    return ln


def _holds_a_header(text: str) -> bool:
    """The line's start holds a header: the Quốc hiệu (or a party's or union's motto) and a number label,
    a place-and-date or the kind word in capitals; or, under a body whose header prints no motto
    (``BCH HND TỈNH ĐỒNG THÁP HỘI NÔNG DÂN VIỆT NAM * Số 09-HD/HNDT Cao Lãnh, ngày …``), all three of
    the number label in its capital ``Số``, the place-and-date and the kind word in capitals after them; a kind
    printed without a number (``THƯ NGỎ``) is enough with the body's name in capitals opening the line."""
    head = fold_char_aligned(text[:600])
    kinds = (m for m in _kind_re().finditer(head) if _upper_word_at(text, m.start(), m.end()))
    if not linekinds.motto_re().search(head):
        number = next(_header_labels(text, head), None)
        date = _DATE_END.search(head)
        if date is None or not any(m.start() > date.end() for m in kinds):
            return False
        # the number label, or (a kind printed without a number: THƯ NGỎ) the body's name in capitals opening the line
        return number is not None or _opens_with_a_body(text[:grammar.place_start(text, date.start())])
    if _NUMBER_LABEL.search(head) or _DATE_END.search(head):
        return True
    return any(kinds)


def _opens_with_a_body(text: str) -> bool:
    """``UỶ BAN NHÂN DÂN HUYỆN MAI CHÂU`` before the place-and-date: a body's name, all in capitals."""
    name = text.strip(" -–_*")
    return len(name.split()) >= 2 and linekinds.is_upper_line(name) and linekinds.starts_organisation(name)


_WIDE_GAP = re.compile(r"\S\s{3,}\S")
_BLANK_FIELD = re.compile(r"(?i)\b(ngày|tháng|số:?)\s{3,}")


def _carries_header_cells(text: str) -> bool:
    """A line that starts with the number or holds a place-and-date, with more after it (not a laid-out column line)."""
    if "|" in text:
        return False  # a row of cells marked by the capture: captured.repair_captured_header reads it
    folded = fold_char_aligned(text[:600])
    date = _DATE_END.search(folded)
    labels = list(_NUMBER_LABEL.finditer(folded))
    if date is None and not labels:
        return False
    number = labels[0] if labels and not folded[:labels[0].start()].strip() else None
    probe = text[:600]
    if _WIDE_GAP.search(probe):
        for m in (date, *labels):
            if m is not None:  # wide gaps inside a date or a number typed into a form are no column gap,
                end = m.end() if m is date else _NUMBER_AFTER_LABEL.match(folded, m.end()).end()
                # nor one before the number label: the number stands in the issuer's column, under it
                start = m.start() if m is date else len(probe[:m.start()].rstrip()) + 1
                probe = probe[:start] + re.sub(r"\s", "x", probe[start:end]) + probe[end:]
        if _WIDE_GAP.search(_BLANK_FIELD.sub(r"\1 ", probe.strip())):
            return False  # two columns side by side: the column splitter's work (not "ngày     tháng", a blank day)
    if date is not None and linekinds.motto_re().search(folded, 0, date.start()):
        return True  # a cell's lines on one line: "CỘNG HOÀ … Hạnh phúc ––––– Đức Hợp, ngày 18 tháng 12 năm 2020"
    label = next((m for m in labels if text[m.start()] == "S"), None)  # (as _header_labels: the list is at hand)
    if number is None and label is not None:
        before = _SEPARATOR_RUN.sub(" ", folded[:label.start()]).strip()
        if before and linekinds.is_upper_line(text[:label.start()]) and linekinds.starts_organisation(text[:label.start()].strip()):
            return True  # "UỶ BAN NHÂN DÂN XÃ ĐỨC HỢP ––––––– Số : 80 / BC-UBND": the issuer (its rule) and the number
    if number is None and date is None:
        return False
    if date is not None:
        end = date.end()  # more after the place-and-date ("… năm 2013 Kính gửi: …")
    else:
        end = _NUMBER_AFTER_LABEL.match(folded, number.end()).end()  # more after the number ("… V/v …")
        if date is None and grammar.LAST_SYMBOL_WORD.fullmatch(text[end:].strip()):
            return False  # the symbol's last word after a space: "Số : 134 /BC-THPT Chuyên"
    return bool(text[end:].strip(" .;:-–")) or (date is not None and number is not None)


def _cut(ln: Line) -> list[Line]:
    text = ln.text
    folded = fold_char_aligned(text)
    kinds = [m for m in _kind_re().finditer(folded) if _upper_word_at(text, m.start(), m.end())]
    # The kind comes after the number and the place-and-date: one before them is a word of the issuer's
    # name (TỔNG CỤC DÂN SỐ - KẾ HOẠCH HÓA GIA ĐÌNH … Số: 775/…).
    label = next(_header_labels(text, folded, 600), None)
    marks = [m.end() for m in (label, _DATE_END.search(folded, 0, 600)) if m]
    kind = next((m for m in kinds if (not marks or m.start() >= min(marks))
                 and not linekinds.ends_open(folded[max(0, m.start() - 40):m.start()])), None)
    # (a kind word that is the subject's object is no kind line: "… BAN HÀNH QUY CHẾ QUẢN LÝ …")
    head_end = kind.end() if kind else min(len(text), 600)
    cuts = {0, len(text)}
    if kind:
        cuts |= {kind.start(), kind.end()}
    for m in linekinds.motto_re().finditer(folded, 0, head_end):
        cuts |= {m.start(), m.end()}
    if "nghia" in folded[:head_end] and not linekinds.quoc_hieu_re().search(folded, 0, head_end):
        for m in linekinds.quoc_hieu_damaged_re().finditer(folded, 0, head_end):
            cuts |= {m.start(), m.end()}  # "… NHÂN DÂN CỘNG HỊA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH …": a broken font
    for m in _SEPARATOR_RUN.finditer(folded):
        cuts |= {m.start(), m.end()}
    for m in _header_labels(text, folded, head_end):
        cuts |= {m.start(), _number_end(text, folded, m.end())}
    for m in _DATE_END.finditer(folded, 0, head_end):
        cuts.add(m.end())
        cuts.add(grammar.place_start(text, m.start()))  # "… V/v subject Hà Nội, ngày …": the place's first word
    for m in _before_re().finditer(folded):
        first = text[m.start():m.start() + 2]
        if not first[:1].isalpha() or first[:1].isupper() and not first.isupper():
            cuts.add(m.start())  # a sentence starts here ("Căn cứ", not "… căn cứ vào" nor "THỰC HIỆN" in a title)
    cuts |= {m.start() for m in _marker_re().finditer(folded)}
    cuts |= {m.start(1) for m in _FIRST_DASH_HEADING.finditer(text)
             if fold(text[max(0, m.start() - 8): m.start()]).split()[-1:] not in linekinds.NUMERAL_TAKERS}
    cuts |= {m.start(1) for m in _LETTER_PART.finditer(text)}
    if kind:
        shift = _case_shift(text, kind.end(), min((c for c in cuts if c > kind.end()), default=len(text)))
        if shift is not None:
            cuts.add(shift)
        nxt = min((c for c in cuts if c > kind.end()), default=len(text))
        gap = _PARAGRAPH_GAP.search(text, kind.end(), nxt)
        if gap is not None and text[kind.end():gap.start()].strip() and not _BLANK_FIELD.search(text, gap.start() - 8, gap.end()):
            cuts.add(gap.end())  # "THƯ NGỎ Vận động … pháo hoa    Trong những năm qua, …": a paragraph's indent
            nxt = gap.end()
        end = _SUBJECT_END.search(text, kind.end(), nxt)
        if end is not None and nxt - end.end() >= 60:
            cuts.add(end.end())  # "BÁO CÁO Tổng kết … 2012 - 2017. Trong lịch sử …": the subject's full stop
    if kind and linekinds.enacted_kind(text[kind.start():kind.end()]):
        after = sorted(c for c in cuts if c > kind.end()) + [len(text)]
        start = kind.end()
        if not text[start:after[0]].strip() and len(after) > 1:
            start, after = after[0], after[1:]  # the subject was cut from the kind at its "Về việc"
        elif len(after) > 1 and linekinds.names_its_enactor(text[kind.start():after[0]]) \
                and linekinds.subject_after_enactor(text[kind.end():after[0]]) is None:
            start, after = after[0], after[1:]  # "QUYẾT ĐỊNH CỦA UBND TỈNH … Về việc …": the subject after its enactor
            # (not "… CỦA VIỆN TRƯỞNG … BAN HÀNH …", the enactor run on into its subject)
        enacting = _enacting_tail(text, folded, start, after[0])
        if enacting is not None:
            cuts.add(enacting)
    elif kind is None and (dated := list(_DATE_END.finditer(folded, 0, min(len(text), 600)))):
        start = dated[-1].end()  # the kind line lost: a subject in capitals after the date, then who enacts it
        after = sorted(c for c in cuts if c > start) + [len(text)]
        if linekinds.starts_subject(text[start:after[0]]) and text[start:after[0]].strip().isupper():
            enacting = _enacting_tail(text, folded, start, after[0])
            if enacting is not None:
                cuts.add(enacting)
    cuts |= {m.end() for m in _NOTE_END.finditer(folded)}
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b].strip()
        if pieces and re.fullmatch(r"[-+•]", pieces[-1]) and not (len(pieces) > 1 and _SEPARATOR_RUN.fullmatch(pieces[-2])):
            pieces[-1] = f"{pieces[-1]} {piece}"  # a bullet stays with its item
        elif pieces and re.fullmatch(r"[.,;:]+", piece):
            pieces[-1] += piece  # the full stop after a date ("… năm 2019.") stays with it
        elif pieces and piece and _VV_ALONE.fullmatch(fold_char_aligned(pieces[-1])):
            pieces[-1] = f"{pieces[-1]} {piece}"  # "V/v: Thực hiện chức năng …": the subject opens like a body
        elif piece:
            pieces.append(piece)
    return [replace(ln, text=p) for p in pieces]


_FIRST_DASH_HEADING = re.compile(r"\s([IA]\s?[-–]\s*)(?=[" + VI_UPPER + r"]{2})")
"""``… CẤP TIỂU HỌC A- ĐÁNH GIÁ …``, ``… I- VỀ TỔ CHỨC …``: the first part's heading numbered with a dash
(``linekinds.is_section_marker``), run on after the subject; only ``I`` and ``A`` open the parts."""
_SUBJECT_END = re.compile(r"(?<=[a-zà-ỹđ\d)”\"])\.\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")
"""A full stop after a word or figure (not an abbreviation's: ``TP. Hồ Chí Minh``) before a capitalised word."""
_VV_ALONE = re.compile(r"\W*" + linekinds.VV_WORDS + r"\W*")
"""A ``V/v:`` label cut from its subject, because the subject opens with a body's word (``Thực hiện …``)."""
_PARAGRAPH_GAP = re.compile(r"(?<=\S)\s{3,}(?=[" + VI_UPPER + r"])")
"""Three blanks or more before a capital, after the subject: the indent of the body's first paragraph that a
flattening capture kept."""
_LETTER_PART = re.compile(r"\s([A-D])\.\s(?=[A-ZĐÀ-Ỹ])")
"""``A. Đánh giá …``: a lettered part heading (in capitals, unlike an initial inside a name)."""
_WORD = re.compile(r"\S+")


def _case_shift(text: str, start: int, end: int) -> int | None:
    """Where a subject printed in capitals gives way to the body's first sentence, run on one line.

    ``… VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG Thi hành Điều 2 …``, ``… NĂM HỌC 2016 - 2017 -Thực hiện kế hoạch …``:
    after three words in capitals or more, a capitalised word followed by a small one starts the body.
    A capitalised word followed by another one (a name: ``Trường Tiểu học …``) starts it too.
    Two capital words or fewer belong to the kind (``BÁO CÁO TỔNG KẾT Thực hiện Đề án …``); a small word
    (``… (KHOÁ XVI) về xây dựng …``) goes on with the subject.
    """
    words = list(_WORD.finditer(text, start, end))
    capitals = 0
    for k, w in enumerate(words):
        token = w.group().lstrip("-–+•")
        letters = [c for c in token if c.isalpha()]
        if not letters:
            continue
        if all(c.isupper() for c in letters):
            capitals += 1
            continue
        nxt = words[k + 1].group() if k + 1 < len(words) else ""
        if capitals >= 3 and token[:1].isupper() and token[1:].islower() and (nxt[:1].islower() or _titled(nxt)):
            return w.start()  # (or a name: "… NĂM HỌC 2019 - 2020 Trường Tiểu học Đông Tiến thông báo …")
        return None
    return None


def _number_end(text: str, folded: str, start: int) -> int:
    """Where the number after a ``Số:`` label ends (``grammar.number_label_end``)."""
    number = _NUMBER_AFTER_LABEL.match(folded, start)
    return grammar.number_label_end(text, number.end(), start) if number else start


def _titled(word: str) -> bool:
    """A word in title case (``Tiểu``), as a name's words are inside a sentence."""
    return len(word) > 1 and word[:1].isupper() and word[1:].islower()


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _enacting_tail(text: str, folded: str, start: int, end: int) -> int | None:
    """Where the enacting authority begins at the end of a Quyết định's capitalised subject, run on one line.

    ``… TRÊN ĐỊA BÀN TỈNH TUYÊN QUANG CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH``: the first
    position followed by a body's name (``CHỦ TỊCH ỦY BAN``, ``GIÁM ĐỐC SỞ``) in a
    subject printed in capitals, unless it is the object of ``của``, ``cho``,
    ``bổ nhiệm``…; else a collective body enacting in its own name (``… DÒNG HỌ
    HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO`` under a Nghị quyết).
    """
    piece = _TRAILING_NOTE.sub("", text[start:end]).rstrip()  # "… KỲ HỌP THỨ 14 (Ngày 10/12 và 11/12/2008)"
    if not piece.strip():
        return None
    if not piece.isupper():
        return _enacting_capitals_after(text, folded, start, start + len(piece))
    for m in linekinds.enacting_start_re().finditer(folded, start, start + len(piece)):
        if m.start() > start and not linekinds.ends_open(folded[start:m.start()]):
            return m.start()
    bodies = [m for m in linekinds.enacting_body_re().finditer(folded, start, start + len(piece))
              if m.start() > start and not linekinds.ends_open(folded[start:m.start()])
              and len(folded[m.start(): start + len(piece)].split()) >= 2]
    # a body enacting in its own name runs to the end of the capitals: "… CỦA DÒNG HỌ HỘI ĐỒNG THẨM PHÁN TÒA ÁN …";
    # named twice, the subject names it first ("… NỘI QUY KỲ HỌP HỘI ĐỒNG NHÂN DÂN TỈNH … HỘI ĐỒNG NHÂN DÂN TỈNH
    # THỪA THIÊN HUẾ KHOÁ VI"): the last time is who enacts
    again = [m for m in bodies[1:] if m.group() == bodies[0].group()]
    return (again[-1] if again else bodies[0]).start() if bodies else None


def _enacting_capitals_after(text: str, folded: str, start: int, end: int) -> int | None:
    """Where the enacting authority in capitals begins after a subject in sentence case, run on one line
    (``Về việc ban hành Thiết kế điển hình BỘ TRƯỞNG BỘ XÂY DỰNG``): the last run of words in capitals, of
    two words or more, that names a position or a body (:func:`linekinds.is_enacting_line`), after words
    that do not end open (``… của ỦY BAN …`` is the subject's)."""
    words = list(_WORD.finditer(text, start, end))
    first = len(words)
    while first > 0 and (words[first - 1].group().isupper() or not any(c.isalpha() for c in words[first - 1].group())):
        first -= 1  # words in capitals, and numbers among them ("… KHÓA XIII, KỲ HỌP THỨ 3")
    while first < len(words) and not words[first].group().isupper():
        first += 1
    if first == 0 or len(words) - first < 2:
        return None
    at = words[first].start()
    if linekinds.is_enacting_line(text[at:end]) and not linekinds.ends_open(folded[start:at]):
        return at
    return None


def _upper_word_at(text: str, start: int, end: int) -> bool:
    """The kind word in capitals, standing as a word (``BÁO CÁO``, ``BÁOCÁOKIỂM…``), not ``báo cáo`` in a sentence."""
    return text[start:end].isupper() and (start == 0 or not text[start - 1].isalpha() or text[start - 1].isdigit())
