"""Undo two-column interleaving in the header and closing of line-based text.

A text extraction (or a copy-paste) of a two-column header gives lines such as
``ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` or, with the gap
lost, ``Số: 12/BC-UBND Hà Nội, ngày 5 tháng 1 năm 2023``.  Such a line is split
into a left and a right :class:`Line` (same source line number, ``column`` set),
either at a wide gap of spaces or at the start of a piece whose shape is known
(the motto, a place-and-date, a signer prefix, an upper-case position after a
recipient item).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import vocab
from ..document import Line
from ..normalise.folding import fold, fold_char_aligned
from . import grammar, linekinds
from ..normalise.charclass import VI_UPPER

RIGHT_HALF_PT = 250.0  # PDF points: an A4 page is 595 wide, its text starts 60-90 in
GAP = re.compile(r"(?<=\S)(\s{3,})(?=\S)")
_PLACE_DATE = re.compile(r"(?<![\w/.-])[^\W\d_][\w .'-]{1,40}?,?\s*ngay\s*[\d.…_ ]{0,8}\s*thang\b", re.UNICODE)
_FOOTER_PREFIX = re.compile(r"(?:(?<=\s)|(?<=[.;,]))(?:tm|kt|tl|tuq)\s*\.\s*\S|(?<=\s)q\s*\.\s*\S")
_NUMBER_TOKEN = re.compile(r"\s*so\s*[:;.]?\s*" + grammar.NUMBER_AFTER_LABEL)
"""``Số:`` and its number, or the symbol of a number left blank (``Số: - HD/TWĐTN-BTC``), before a place."""
_INNER_NUMBER = re.compile(r"(?<=\s)so\s*(?::\s*|\s+(?=\d))(?=[\d./…_ ]*[/-])")
_ITEM_END = re.compile(r"[;.:]\s+")
_UPPER_WORDS = re.compile(r"(?:[" + VI_UPPER + r".]+\s?){1,8}")


def split_line(line: Line, region: str) -> list[Line]:
    """Split one header/footer line into column pieces; ``region`` is ``header`` or ``footer``."""
    pieces = _split(line, region)
    if region == "header":
        pieces = [p for piece in pieces for p in _name_after_motto_apart(piece)]
    return pieces


def _name_after_motto_apart(piece: Line) -> list[Line]:
    """A header read row by row can leave the issuer column's second line after the motto
    (``ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH C.Đ NGUYỄN KHUYẾN``): the motto, then the name, on the left."""
    text = piece.text
    if piece.column == "left" or text.lstrip()[:1] not in _motto_initials():
        return [piece]
    m = linekinds.motto_re().match(fold_char_aligned(text), len(text) - len(text.lstrip()))
    rest = text[m.end():].strip() if m else ""
    if not (rest and linekinds.starts_organisation(rest) and linekinds.is_upper_line(rest)):
        return [piece]
    return [replace(piece, text=text[: m.end()].strip(), column="right"), replace(piece, text=_squeeze(rest), column="left")]


@lru_cache(maxsize=None)
def _motto_initials() -> frozenset[str]:
    """Every letter a motto may start with, in any case and with any mark (``C``, ``Đ``, ``đ``, ``D``, the
    look-alike ``Ð``): the letters that fold to a motto's folded first letter.  A piece starting otherwise
    holds no motto at its start."""
    firsts = {fold(m)[:1] for m in vocab.load("fixed_lines")["motto"]}
    return frozenset(ch for ch in map(chr, range(0x41, 0x1F00)) if ch.isalpha() and fold(ch) in firsts)


def _split(line: Line, region: str) -> list[Line]:
    text = line.text
    if line.column is not None or not text.strip():
        return [line]
    if line.x0 is not None and line.x0 > RIGHT_HALF_PT:
        return [line]  # a line that starts in the right half of the page holds no left column
    stripped = text.strip()
    for m in GAP.finditer(stripped):
        left, right = stripped[: m.start(1)].strip(), stripped[m.end(1):].strip()
        if left and right and _real_gap(left, right):
            return [replace(line, text=_squeeze(left), column="left"), replace(line, text=_squeeze(right), column="right")]
    if region == "header":
        four = _two_rows_on_one_line(line)
        if four:
            return four
    cut = _known_cut(text, region)
    if cut:
        left, right = text[:cut].strip(), text[cut:].strip()
        if left and right:
            return [replace(line, text=left, column="left"), replace(line, text=right, column="right")]
    return [line]


def _two_rows_on_one_line(line: Line) -> list[Line] | None:
    """``UBND HUYỆN X CỘNG HÒA … VIỆT NAM TRƯỜNG MG Y Độc lập - Tự do - Hạnh phúc``: the header's two
    rows run together, row by row: the text between the Quốc hiệu and the Tiêu ngữ is the left column's
    second line."""
    text = line.text
    found = list(linekinds.motto_re().finditer(fold_char_aligned(text)))
    if len(found) < 2:
        return None
    first, second = found[0], found[1]
    l1, r1, l2, r2 = text[: first.start()], text[first.start(): first.end()], text[first.end(): second.start()], text[second.start():]
    if not (l1.strip() and l2.strip() and len(l2.strip()) >= 3):
        return None
    return [replace(line, text=_squeeze(x.strip()), column=c)
            for x, c in ((l1, "left"), (r1, "right"), (l2, "left"), (r2, "right")) if x.strip()]


def _squeeze(text: str) -> str:
    return re.sub(r"\s{2,}", " ", text)


def _real_gap(left: str, right: str) -> bool:
    """A wide gap inside one field (``Số:   86 /BC-NN``, ``ngày      tháng 9``) is not a column gap."""
    fl, fr = fold(left), fold(right)
    if linekinds.is_authority_line(right) and not linekinds.is_number_line(left):
        return True  # "Gửi bản điện tử:        KT. CHỦ TỊCH": the signer's column beside a label
    if re.fullmatch(r"so\s*[:.;]?", fl) or fl.endswith(("ngay", "thang", "nam", ":")):
        return False
    if fr[:1].isdigit() or fr[:1] in "/-" or right[:1].islower() or fr.startswith(("thang", "nam ")):
        return False
    return True


_WORD = re.compile(r"\S+")
_UPPER_TAIL = re.compile(r"(?<=[^\W_]|[)])\s+((?:[" + VI_UPPER + r"]{2,}\s+){0,3}[" + VI_UPPER + r"]{2,})\s*$")
"""Two to four words in capitals ending a line, after a word that is not (``… Điều 3 CHỦ TỊCH``)."""


def _known_cut(text: str, region: str) -> int | None:
    folded = fold_char_aligned(text)
    if region == "header":
        m = linekinds.motto_re().search(folded)
        if m and m.start() > 0:
            return m.start()
        inner = _INNER_NUMBER.search(folded)
        if inner and text[: inner.start()].strip().isupper() and not linekinds.is_number_line(text):
            return inner.start()  # "TỈNH ỦY QUẢNG NAM Số 123-BC/TU": the issuer and the number on one line
        if linekinds.is_number_line(text) or linekinds.VV_LINE.match(folded):
            m = _PLACE_DATE.search(folded, 4)
            if m:
                # the place starts after the number token: "Số: 12/BC-UBND Hà Nội, ngày…"
                tok = _NUMBER_TOKEN.match(folded)
                start = grammar.number_label_end(text, tok.end()) if tok else m.start()
                return start if start < m.end() else m.start()
        return None
    # footer: "Nơi nhận: TM. ỦY BAN…", "- Như trên; PHÓ CHỦ TỊCH"
    m = _FOOTER_PREFIX.search(folded)
    if m and m.start() > 0 and text[m.start(): m.end()].strip(" .")[:2].isupper() \
            and (linekinds.RECIPIENTS_HEAD.match(folded) or linekinds.BULLET.match(text)):
        return m.start()
    if linekinds.BULLET.match(text):
        for t in _ITEM_END.finditer(text):
            tail = text[t.end():].strip()
            words = tail.split()
            if _UPPER_WORDS.fullmatch(tail) and len(words) >= 2 and all(len(w.strip(".")) >= 2 for w in words) \
                    and not re.search(r"lưu\s*:\s*$", text[: t.end()], re.I):
                return t.end()  # "- Như trên; PHÓ CHỦ TỊCH", "- Lưu: VT. PHÓ CHỦ TỊCH"
            if (tail[:1].isupper() or tail[:1] in "([") and len(tail) < 60 \
                    and (linekinds.is_signer_name(tail) or linekinds.is_signature_note(tail)):
                return t.end()  # "- Bộ trưởng (để báo cáo); Nguyễn Trọng Đàm", "- Như trên; (Đã ký)": the signer's column
        last = text.rstrip()[-1:]
        tail = _UPPER_TAIL.search(text) if last.isupper() else None
        if tail and linekinds.is_position_alone(tail.group(1)):
            return tail.start(1)  # "- Như Điều 3 CHỦ TỊCH": a position beside an item that has no end mark
        if ")" in text and last.isalpha():  # "- TT Đảng ủy (B/c) Đỗ Thanh Tâm": a name beside an item's note
            words = list(_WORD.finditer(text))
            for k in (2, 3, 4):
                if len(words) > k + 1 and words[-k - 1].group().endswith(")") \
                        and linekinds.is_signer_name(text[words[-k].start():]):
                    return words[-k].start()
    if linekinds.RECIPIENTS_HEAD.match(folded):
        m = re.match(r"\s*noi\s+(?:nhan|gui)\s*[:;.]?\s*", folded)
        if m and m.end() < len(text) and text[m.end():].strip().isupper():
            return m.end()
    return None
