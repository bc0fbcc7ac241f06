"""The header and title block: issuer and parent, number, place and date, kind, subject.

Issuer lines (Nghị định 30/2020, Phụ lục I): the parent body (cơ quan chủ quản)
above, the issuing body below.  A generic body name and its locality on two
lines (``ỦY BAN NHÂN DÂN`` / ``XÃ KỲ TÂN``) are one name; a name wrapped after
``VÀ`` is one name; Word's bold (issuer bold, parent regular) decides when it is
known.  When the header is missing, the issuer is inferred from the signer
block and the body (and ``warnings`` says so).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import vocab
from ..document import Document, Line, ZonedDocument
from ..layout import grammar, linekinds
from ..layout.linekinds import LineKind
from ..normalise.folding import fold, fold_char_aligned, tone_key
from ..report import DocumentNumber, Issuer, Provenance
from .common import clean, provenance


@dataclass
class HeaderFields:
    issuer: Issuer = field(default_factory=Issuer)
    number: DocumentNumber = field(default_factory=DocumentNumber)
    place: str | None = None
    issued_date: dt.date | None = None
    doc_type: str | None = None
    title: str | None = None
    provenance: dict[str, Provenance] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def extract_header(zd: ZonedDocument) -> HeaderFields:
    """Issuer and parent, number, place and date, kind and subject, from the labelled header and title.

    Read once per document: the period and the inference of a missing issuer read the same result.
    """
    if "header" in zd.derived:
        return zd.derived["header"]
    doc = zd.doc
    out = HeaderFields()
    header = [ln for ln in doc.zone("header-left", "header-right") if ln.text.strip()]
    _number(header, out)
    _place_date(_date_lines(zd, header), out)
    _issuer(header, out)
    _kind_and_title(doc, header, out)
    zd.derived["header"] = out
    return out


# ---------------------------------------------------------------- number

def _number(header: list[Line], out: HeaderFields) -> None:
    blank: Line | None = None  # a number line left blank; a later one may carry the number
    for ln in header:
        if ln.kind != LineKind.NUMBER:
            continue
        raw = ln.text[linekinds.number_label_end(ln.text):]
        raw = re.split(r"\s+(?:V\s*/\s*v|Về việc)\b", raw, maxsplit=1, flags=re.I)[0]
        whole = _WHOLE_NUMBER.match(fold_char_aligned(raw))
        rest = raw[whole.end():].strip() if whole else ""
        if rest and rest[0] not in "-–/" and not grammar.LAST_SYMBOL_WORD.fullmatch(rest):
            # "111   /CV -UBND": a symbol's part after a stray space goes on, and so does one word of letters
            # ending the line ("134 /BC-THPT Chuyên", "210 /KH- THPT TS": the school's name in its code)
            raw = raw[: whole.end()]  # "01/BC-YTHĐ Mẫu 1:": what follows the number is not part of it
        raw = clean(raw).strip(" .,;")
        if not re.search(r"\d", raw.split("/")[0]) or not raw:
            blank = blank or ln  # "Số: ……. KH-THPĐG" glued after the motto, then "Số: 37 /KH-THCSKM"
            continue
        out.provenance["number"] = provenance(ln)
        out.number = parse_number(raw, provenance(ln))
        return
    if blank is not None:
        out.provenance["number"] = provenance(blank)
        out.warnings.append("the number line has no number (left blank for a draft or an unsigned copy)")
        out.number = DocumentNumber(provenance=provenance(blank))
        return
    out.warnings.append("no number line (Số: …) found")


_WHOLE_NUMBER = re.compile(r"\s*(?:" + grammar.FORM_NUMBER + r")(?=\s|$)")


def parse_number(raw: str, prov: Provenance | None = None) -> DocumentNumber:
    """``27/BC-UBND`` → sequence 27, kind BC, issuer UBND; ``45/2020/NĐ-CP`` has a year."""
    num = DocumentNumber(raw=raw, provenance=prov)
    split = grammar.split_number(raw)
    if split is None:
        return num
    num.sequence, num.year, sym = split
    num.kind_code, num.issuer_code = grammar.kind_and_issuer_codes(sym, vocab.kind_of_code)
    return num


# ---------------------------------------------------------------- place and date

_MARK_BEFORE_PLACE = re.compile(r"(\([^()]{2,20}\))\s*")
_PLACE_DATE = re.compile(r"^(?P<place>[^,]{1,60}?)\s*,?\s*ngay(?![^\W\d_])")  # "ngày2 tháng": the day glued on


def _place_date(header: list[Line], out: HeaderFields) -> None:
    for ln in sorted(header, key=lambda x: x.zone != "header-right"):
        text = ln.text.strip()
        folded = fold_char_aligned(text)
        m = _PLACE_DATE.match(folded)
        if m and m.group("place").strip():
            place = clean(text[: m.end("place")]).strip(" ,;").lstrip("*-–_=.…o0 ")  # "*** Hà Nội": an ornament run on
            mark = _MARK_BEFORE_PLACE.match(place)
            if mark and linekinds.is_mark(mark.group(1)):
                place = place[mark.end():]  # "(Dự thảo) Hà Nội": the draft's mark run onto the place
            if not linekinds.is_number_line(place):  # "Số: 12/BC-UBND   Hà Nội, ngày…" run together
                out.place = place
                out.provenance["place"] = provenance(ln)
        d = grammar.DATE_WORDS.search(folded) or grammar.DATE_NUMERIC.search(folded)
        if d:
            out.issued_date = grammar.date_from_match(d)
            out.provenance["issued_date"] = provenance(ln)
            if out.issued_date is None:
                out.warnings.append(f"the date line holds an impossible date: {clean(text)!r}")
        else:
            out.warnings.append("the date line has no complete date (day or month left blank)")
        return
    out.warnings.append("no place-and-date line found")


# ---------------------------------------------------------------- issuer

_ISSUER_LABEL = re.compile(r"^(?:Tên\s+)?(?:Đơn\s+vị|Cơ\s+quan)\s*:\s*", re.I)
"""``Đơn vị: TRƯỜNG THCS X``: a label typed inside the issuer line is not part of the name."""


def _issuer_lines(header: list[Line]) -> list[Line]:
    """The header-left lines labelled as body names (``layout.linekinds``)."""
    return [ln for ln in header if ln.kind == LineKind.ISSUER and ln.zone == "header-left"]


@lru_cache(maxsize=None)
def _parent_then_child_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = vocab.load("administrative_units")
    parent = re.compile(r"^(?:" + vocab.folded_alternation(data["parent_heads"]) + r")\s")
    # "CƠ SỞ", "MÔI TRƯỜNG", "THỊ TRƯỜNG": a child head's word inside another word of the name
    not_after = "".join(r"(?<!" + re.escape(fold(w)) + r"\s)" for w in data["not_a_child_after"])
    child = re.compile(r"(?<=\s)" + not_after + r"(?:" + vocab.folded_alternation(data["child_heads"]) + r")(?=[\s:-]|$)")
    return parent, child


@lru_cache(maxsize=None)
def _nation_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The country inside a name and at its end (``… LAO ĐỘNG VIỆT NAM``, an abbreviation ending on its
    initials: ``LĐVN``), folded."""
    nation = r"(?:\s|\w)(?:" + vocab.folded_alternation(vocab.load("administrative_units")["nation"]) + r")"
    return re.compile(nation + r"\s"), re.compile(nation + r"$")


def _parent_and_child(text: str) -> tuple[str, str] | None:
    """``UBND QUẬN THANH XUÂN TRƯỜNG THCS KHƯƠNG MAI`` → the parent body and the issuer, where a narrow
    column wrapped them into one name; None when the name is one body."""
    parent, child = _parent_then_child_re()
    nation_inside, nation_at_end = _nation_re()
    folded = fold_char_aligned(text)
    known_parent = bool(parent.match(folded))
    if not known_parent and not linekinds.starts_organisation(text):
        return None
    hosted = _branch_after_its_host(text)
    if hosted is not None:
        return hosted
    for m in child.finditer(folded):
        head, tail = text[: m.start()].strip(), text[m.start():].strip()
        if len(head.split()) >= 2 and len(tail.split()) >= 2 and linekinds.starts_organisation(tail) \
                and (known_parent or _names_a_place(head)):
            # (with its marks: "TỔNG CỤC DÂN SỐ - …" holds no "SỞ"); another body is a parent when it ends on
            # its place: "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ CẦN THƠ BAN TUYÊN GIÁO"
            return head, tail
    # any body's name after a body that ends on its place: "UBND HUYỆN THANH OAI HỘI KHUYẾN HỌC",
    # "ĐẢNG ỦY XÃ THANH BÌNH THỊNH BCĐ XÂY DỰNG …", "LIÊN ĐOÀN LAO ĐỘNG TP.HCM LIÊN ĐOÀN LAO ĐỘNG QUẬN 11"
    has_level = _level_then_name_re().search(fold(text)) is not None
    if not has_level and not nation_inside.search(folded):
        return None  # no level followed by a name, no country inside: no head ends on its place
    firsts = linekinds.organisation_first_words()
    for w in _INNER_WORD.finditer(text):
        if folded[w.start():w.end()] not in firsts:
            continue
        head, tail = text[: w.start()].strip(), text[w.start():].strip()
        if len(head.split()) >= 2 and len(tail.split()) >= 2 and linekinds.starts_organisation(tail) \
                and (has_level and _ends_on_a_place(head) or nation_at_end.search(fold_char_aligned(head)) is not None):
            # (or on the country: "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM CÔNG ĐOÀN GIÁO DỤC VIỆT NAM")
            return head, tail
    return None


_INNER_WORD = re.compile(r"(?<=\s)\S+")


@lru_cache(maxsize=None)
def _levels() -> str:
    """The levels of administrative units and their short forms (``huyen``, ``tp``…), a folded alternation."""
    units = vocab.load("administrative_units")
    return vocab.folded_alternation(units["levels"] + list(units["level_abbreviations"]))


@lru_cache(maxsize=None)
def _level_then_name_re() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(?:" + _levels() + r")(?:\.\s*|\s+)\w")


@lru_cache(maxsize=None)
def _place_at_end_re() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(" + _levels() + r")(?=(?:\.\s*|\s+)\w+(?:\s+\w+){0,2}$)")


def _ends_on_a_place(text: str) -> bool:
    """A name whose last one to three words follow a level (``… HUYỆN THANH OAI``, ``… TỈNH BẮC KẠN``,
    ``… TP.HCM``; ``TỈNH ĐOÀN NGHỆ AN``, whose head names its level)."""
    return any(_printed_as_a_level(text, m.start(1), m.end(1)) for m in _place_at_end_re().finditer(fold_char_aligned(text)))


@lru_cache(maxsize=None)
def _named_place_re() -> re.Pattern[str]:
    return re.compile(r"\s(" + _levels() + r")(?=\.?\s+\w)")


def _names_a_place(text: str) -> bool:
    """A body's name that ends on its place (``HỘI NÔNG DÂN TỈNH ĐỒNG THÁP``, however its lines wrapped): complete,
    so a body named on the next line is another one, under it, even when both are bold."""
    return any(_printed_as_a_level(text, m.start(1), m.end(1)) for m in _named_place_re().finditer(fold_char_aligned(text)))


@lru_cache(maxsize=None)
def _level_words_with_marks() -> frozenset[str]:
    return frozenset(tone_key(w) for level in vocab.load("administrative_units")["levels"] for w in level.split())


def _printed_as_a_level(text: str, start: int, end: int) -> bool:
    """A level found on the folded name is one only if printed with a level's marks, or with none (OCR,
    unaccented text): ``BAN QUẢN LÝ CÁC KHU …`` folds like ``QUẬN LÝ …`` and names no place."""
    return all(w.isascii() or tone_key(w) in _level_words_with_marks() for w in text[start:end].split())


def _bodies_after_a_place(texts: list[str], start: int) -> list[int]:
    """Indexes ``k`` of the issuer lines after ``start`` that open a body's name where the lines from ``start``
    to ``k`` end on a place: a parent body complete above another one (the two tests of bold issuer lines)."""
    return [k for k in range(start + 1, len(texts))
            if linekinds.starts_organisation(texts[k]) and _names_a_place(" ".join(texts[start:k]))]


def _branch_after_its_host(text: str) -> tuple[str, str] | None:
    """``TRƯỜNG THPT HUỲNH NGỌC HUỆ HỘI KHUYẾN HỌC``: a school, centre or hospital named in full (four words or
    more), then a branch or association inside it (administrative_units.branch_heads, a HỘI): the host is the
    parent.  A short name is one body (``TRƯỜNG ĐẠI HỌC CÔNG ĐOÀN``)."""
    heads, hosts = _branch_res()
    folded = fold_char_aligned(text)
    if not hosts.match(folded):
        return None
    for w in _INNER_WORD.finditer(text):
        head, tail = text[: w.start()].strip(), text[w.start():].strip()
        if len(head.split()) >= 4 and len(tail.split()) >= 2 and linekinds.is_upper_line(text) \
                and (heads.match(folded[w.start():]) or folded.startswith("hoi ", w.start())) \
                and linekinds.starts_organisation(tail):
            return head, tail
    return None


def _branch_over_its_host(above: str, line: str) -> bool:
    """``CHI HỘI CHỮ THẬP ĐỎ`` / ``TRƯỜNG THCS BA TRINH``: a branch named without a host or a place, over the
    school or centre it stands in (administrative_units.branch_heads, branch_hosts), is one name with it."""
    heads, hosts = _branch_res()
    return bool(heads.match(fold(above)) and hosts.match(fold(line)) and not hosts.search(fold(above))
                and not _names_a_place(above))


@lru_cache(maxsize=None)
def _branch_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = vocab.load("administrative_units")
    hosts = vocab.folded_alternation(units["branch_hosts"])
    return (re.compile(r"^(?:" + vocab.folded_alternation(units["branch_heads"]) + r")(?!\w)"),
            re.compile(r"(?:^|\s)(?:" + hosts + r")(?!\w)"))


def _issuer(header: list[Line], out: HeaderFields) -> None:
    lines = _issuer_lines(header)
    if not lines:
        return
    texts = [_ISSUER_LABEL.sub("", clean(ln.text)).strip(" _-–—*") for ln in lines]
    bolds = [ln.bold for ln in lines]
    # Word tells us: parent regular, issuer bold (when the bold part names a body, not the tail of one).
    if all(b is not None for b in bolds) and any(bolds) and not all(bolds) and bolds[-1]:
        first_bold = bolds.index(True)
        if all(bolds[first_bold:]) and linekinds.starts_organisation(texts[first_bold]):
            parent = " ".join(texts[:first_bold]) or None
            # a bold parent over the bold issuer ("HỘI NÔNG DÂN TỈNH ĐỒNG THÁP" / "BCH HND HUYỆN THÁP MƯỜI")
            split = max(_bodies_after_a_place(texts, first_bold), default=None)
            if split is not None:
                parent, first_bold = " ".join(texts[first_bold:split]), split
            out.issuer = Issuer(name=" ".join(texts[first_bold:]), parent=parent,
                                provenance=provenance(lines[first_bold], last=lines[-1]))
            return
    if len(lines) > 1 and all(bolds) and all(b is not None for b in bolds) and not _parent_and_child(texts[0]) \
            and not _bodies_after_a_place(texts, 0):
        # every line bold: one body's name wrapped by a narrow column ("HỘI ĐỒNG THẨM PHÁN" / "TÒA ÁN NHÂN DÂN
        # TỐI" / "CAO"); Nghị định 30 prints a parent body regular
        out.issuer = Issuer(name=" ".join(texts), parent=None, provenance=provenance(lines[0], last=lines[-1]))
        return
    units: list[tuple[str, int, int]] = []  # text, first line, last line
    for i, t in enumerate(texts):
        if units and (not linekinds.starts_organisation(t) or _branch_over_its_host(units[-1][0], t)):
            prev, a, _ = units[-1]
            units[-1] = (prev + " " + t, a, i)  # a wrapped name, or the locality under a generic body
        else:
            units.append((t, i, i))
    if units:
        both = _parent_and_child(units[-1][0])  # "UBND QUẬN THANH" / "XUÂN TRƯỜNG THCS KHƯƠNG" / "MAI"
        if both:
            _, a, b = units.pop()
            units += [(both[0], a, a), (both[1], a, b)]
    name, a, b = units[-1]
    parent = units[-2][0] if len(units) >= 2 else None
    out.issuer = Issuer(name=name, parent=parent, provenance=provenance(lines[a], last=lines[b]))


# ---------------------------------------------------------------- kind and subject

def _kind_and_title(doc: Document, header: list[Line], out: HeaderFields) -> None:
    title_lines = [ln for ln in doc.zone("title") if ln.kind in (LineKind.KIND, LineKind.SUBJECT)]
    if len(title_lines) > 1 and title_lines[0].kind == LineKind.KIND \
            and linekinds.enactor_under_kind(title_lines[0].text, title_lines[1].text):
        # "QUYẾT ĐỊNH" / "CỦA UBND TỈNH LÀO CAI" / "Ban hành …": read as the kind line that names its enactor
        joined = title_lines[0].with_text(f"{title_lines[0].text.strip()} {title_lines[1].text.strip()}")
        title_lines = [joined] + title_lines[2:]
    if title_lines and title_lines[0].kind == LineKind.KIND:
        found = linekinds.kind_of_title_line(title_lines[0].text)
        if found:
            kind, rest = found
            printed = clean(title_lines[0].text).rstrip(":.")
            out.doc_type = printed if tone_key(printed) == tone_key(kind) else kind  # not "B Á O  C Á O"
            out.provenance["doc_type"] = provenance(title_lines[0])
            # cleaned once joined: a line may end on a range's dash ("Năm học : 2009 -" / "2010")
            if rest and (linekinds.names_its_enactor(title_lines[0].text) or len(title_lines) > 1
                         and linekinds.names_its_body(title_lines[0].text, title_lines[1].text)):
                # "QUYẾT ĐỊNH CỦA UBND TỈNH LÀO CAI" over its subject: who enacts it, not what (the subject may
                # run on after it: "… CỦA BỘ TRƯỞNG BỘ VĂN HÓA - THÔNG TIN Ban hành bản …")
                rest = linekinds.subject_after_enactor(rest) or ("" if len(title_lines) > 1 else rest)
            subject = ([rest] if rest else []) + [ln.text.strip() for ln in title_lines[1:]]
            if subject:
                out.title = linekinds.subject_proper(clean(" ".join(subject)))
                out.provenance["title"] = provenance(title_lines[1] if len(title_lines) > 1 else title_lines[0],
                                                     last=title_lines[-1])
            return
    if title_lines:  # a subject whose kind line the capture lost: the kind comes from the number below
        out.title = clean(" ".join(ln.text.strip() for ln in title_lines))
        out.provenance["title"] = provenance(title_lines[0], last=title_lines[-1])
    # A Công văn has no kind line: its subject is the "V/v …" under the number.
    vv = None if title_lines else _vv_subject(header)
    if vv:
        text, first, last = vv
        out.title = text
        out.provenance["title"] = provenance(first, last=last)
        # 12/UBND-VX, 21-CV/ĐU, no number at all, or 112/CT-TTHT (CT: Cục Thuế, not Chỉ thị) beside a V/v
        # subject: only a Công văn carries one (a kind with a title block has returned above)
        out.doc_type = "CÔNG VĂN"
        out.provenance["doc_type"] = Provenance(zone="header-left", inferred=True)
    elif out.doc_type is None and out.number.raw:
        _kind_from_number(out)
    if out.doc_type is None and not title_lines and _addressed_before_its_body(doc):
        # "Kính gửi: …" before the first paragraph and no kind line: only a Công văn is laid out so (Nghị định
        # 30, Phụ lục I); a copy that lost its header still shows it
        out.doc_type = "CÔNG VĂN"
        out.provenance["doc_type"] = Provenance(zone="body", inferred=True)
    if out.doc_type is None:
        out.warnings.append("no document kind (title block) found")


def _addressed_before_its_body(doc: Document) -> bool:
    """A ``Kính gửi`` heading stands before the body's first paragraph, heading or item."""
    for ln in doc.lines:
        if ln.kind == LineKind.ADDRESSEES_HEADING:
            return True
        if ln.zone == "body" and ln.kind in (LineKind.TEXT, LineKind.HEADING, LineKind.BULLET) and ln.text.strip():
            return False
    return False


def _kind_from_number(out: HeaderFields) -> None:
    """No kind line and no ``V/v``: the number and symbol still say the kind (Nghị định 30, Phụ lục III).

    ``05/BC-UBND`` names its kind by its code; a symbol of the issuer's code alone (``730/LĐLĐ``,
    ``12/UBND-VX``) is how a Công văn is numbered.  Marked as inferred.
    """
    if out.number.kind_code:
        kind = vocab.kind_of_code(out.number.kind_code)
    else:
        kind = "CÔNG VĂN" if out.number.issuer_code else None
    if kind:
        out.doc_type = kind
        out.provenance["doc_type"] = Provenance(zone="header-left", inferred=True)


def _vv_subject(header: list[Line]) -> tuple[str, Line, Line] | None:
    """The ``V/v …`` subject (labelled subject and its continuation lines), without ``V/v``."""
    for i, ln in enumerate(header):
        if ln.kind == LineKind.SUBJECT:
            f = fold_char_aligned(ln.text)
            m = _VV.match(f)
            start = m.end() if m else 0
        elif ln.kind == LineKind.NUMBER:
            m = _VV.search(fold_char_aligned(ln.text))  # "Số: 12/UBND-VX  V/v …" on one line
            if not m or m.start() == 0:
                continue
            start = m.end()
        else:
            continue
        parts = [ln.text[start:]]
        last = ln
        for nxt in header[i + 1:]:
            if nxt.zone != ln.zone or nxt.kind != LineKind.SUBJECT_CONT:
                break
            parts.append(nxt.text.strip())
            last = nxt
        text = clean(" ".join(parts)).strip(" :")
        if m and m.group(1)[0] in "\"“‘'" and text[-1:] in "\"”’'":
            text = text[:-1].rstrip()  # "“V/v …”": the quotes were round the whole subject
        return (text, ln, last) if text else None
    return None


_VV = re.compile(r"(?:^|\s)(" + linekinds.VV_QUOTE + r"?\s*" + linekinds.VV_WORDS + r")\s*[:.]?\s*")


def subject_and_year(zd: ZonedDocument) -> tuple[str | None, int | None]:
    """The subject (trích yếu) and the year of the date line: what the period is read from."""
    out = extract_header(zd)
    return out.title, (out.issued_date.year if out.issued_date else None)


def _date_lines(zd: ZonedDocument, header: list[Line]) -> list[Line]:
    """The header's place-and-date line; else one written under the subject or above the signer."""
    return [ln for ln in header if ln.kind == LineKind.PLACE_DATE] or zd.labelled(LineKind.PLACE_DATE)[:1]
