"""Infer the issuer of a report whose header is missing.

Archived copies often lost their header (a re-typed body, a cut scan).  The
issuer then shows through the signer block (``TM. ỦY BAN NHÂN DÂN`` names the
kind of body) and the body, which names the body with its locality
(``UBND xã Thanh Thủy``) in the opening or the closing sentence; a decision or
resolution prints who enacts it under its subject (``ỦY BAN NHÂN DÂN TỈNH …``).  The most
frequent such mention that agrees with the signer block wins; failing that,
the body kind is put together with a locality named in the subject.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import vocab
from ..layout import grammar
from ..document import ZonedDocument
from ..layout.linekinds import LineKind
from ..layout.linekinds import enacted_kind, is_enacting_line, starts_organisation
from ..normalise.folding import fold, fold_char_aligned, tone_key
from ..report import Issuer, Provenance
from ..normalise.charclass import VI_UPPER

_NAME = r"(?:\s+[" + VI_UPPER + r"][\w']*){1,4}"


@lru_cache(maxsize=None)
def _body_alternation() -> str:
    data = vocab.load("administrative_units")
    words = list(data["generic_bodies"]) + list(data["body_abbreviations"])
    words += [b.title() for b in data["generic_bodies"]]
    words += ["Uỷ ban nhân dân", "Ủy ban nhân dân", "Hội đồng nhân dân", "Đảng ủy", "Đảng uỷ", "Trường"]
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


@lru_cache(maxsize=None)
def _mention_re() -> re.Pattern[str]:
    levels = vocab.load("administrative_units")["levels"]
    lv = "|".join(sorted((re.escape(x) for x in levels + [x.capitalize() for x in levels]), key=len, reverse=True))
    return re.compile(r"(?P<body>" + _body_alternation() + r")\s+(?P<level>" + lv + r")(?P<name>" + _NAME + r")")


@lru_cache(maxsize=None)
def _locality_re() -> re.Pattern[str]:
    levels = vocab.load("administrative_units")["levels"]
    lv = "|".join(sorted((re.escape(x) for x in levels), key=len, reverse=True))
    return re.compile(r"(?<!\w)(?P<level>" + lv + r")(?P<name>" + _NAME + r")")


_SCHOOL = re.compile(r"(?P<all>[Tt]rường\s+(?:THCS|THPT|TH|PTDTBT|PTDTNT|(?i:tiểu\s+học|trung\s+học\s+cơ\s+sở|trung\s+học\s+phổ\s+thông"
                     r"|mầm\s+non|mẫu\s+giáo))(?:\s+và\s+THCS)?" + _NAME + ")")
"""A school named in the body (``Trường THCS Lý Tự Trọng``, ``trường Mẫu giáo Hoa Mai``: the level's words in any case)."""


def _body_of_authority(authority: str) -> str | None:
    m = re.match(r"\s*(?:TM|T/M|Thay mặt)\s*[./]?\s*(.+)", authority, re.I)
    return m.group(1).strip() if m else None


def infer_issuer(zd: ZonedDocument) -> Issuer | None:
    """The issuer of a copy without header, from its signer block, subject and body; None if unsure."""
    from .header import subject_and_year

    title = subject_and_year(zd)[0]
    authority = " ".join(ln.text.strip() for ln in zd.labelled(LineKind.AUTHORITY))
    position = " ".join(ln.text.strip() for ln in zd.labelled(LineKind.POSITION))
    texts = ([title] if title else []) + [ln.text for ln in zd.paragraphs]
    body_kind = _body_of_authority(authority)
    counts: Counter[str] = Counter()
    first_form: dict[str, str] = {}
    for text in texts:
        for m in _mention_re().finditer(text):
            name = _trim_name(m.group("name"))
            if not name:
                continue  # no place named after the level
            form = f"{m.group('body')} {m.group('level')} {name}"
            key = tone_key(_expand(m.group("body")) + " " + m.group("level") + " " + name)
            if body_kind and fold(_expand(m.group("body"))) != fold(_expand(body_kind)) \
                    or _cites_before(text, m.start()):
                counts[key] += 0  # a mention of another body (the district above, a Sở), or the issuer of a
                first_form.setdefault(key, form)  # document cited ("Thông báo số 866/TB-UBND … của UBND huyện …")
                continue
            # the body that speaks in the first person ("Ủy ban nhân dân xã Mỹ Thạnh thông báo …") counts most
            counts[key] += 3 if _speech_verb_re().match(fold(text[m.end(): m.end() + 40])) else 1
            first_form.setdefault(key, form)
        for m in _SCHOOL.finditer(text):
            key = tone_key(m.group("all"))
            counts[key] += 1 if "HIỆU" in position.upper() else 0
            first_form.setdefault(key, m.group("all"))
    best = [k for k, c in counts.most_common() if c > 0]
    prov = Provenance(zone="body", inferred=True)
    named = _named_in_title(title) if title else None
    if named:
        return Issuer(name=named, provenance=Provenance(zone="title", inferred=True))
    enacting = _enacting_body(zd)
    if enacting:
        return Issuer(name=enacting, provenance=prov)
    if best:
        return Issuer(name=first_form[best[0]], provenance=prov)
    speaker = None if zd.labelled(LineKind.MOTTO) else _speaker(zd.paragraphs[:_SPEAKER_PARAGRAPHS])
    if speaker:  # (only without any header: a header printed without its issuer's lines names none)
        return Issuer(name=speaker, provenance=prov)
    if body_kind and _generic_body_re().match(fold(_expand(body_kind))):
        for text in texts:
            m = _locality_re().search(text)
            if m and (name := _trim_name(m.group("name"))):
                return Issuer(name=f"{_title(body_kind)} {m.group('level')} {name}", provenance=prov)
    return None


_CITED_BY = re.compile(r"(?:^|\s)cua\s*$")
_CITED_NUMBER_OR_DATE = re.compile(grammar.NUMBER + r"|ngay\s+\d")


def _cites_before(text: str, at: int) -> bool:
    """``Thông báo số 866/TB-UBND ngày 10 tháng 4 năm 2015 của`` just before a body's name: the issuer of a
    document cited, not the speaker (``… báo cáo kết quả … năm 2022 của UBND xã …`` is the report's own)."""
    before = fold(text[max(0, at - 90): at])
    return bool(_CITED_BY.search(before)) and bool(_CITED_NUMBER_OR_DATE.search(before))
_SPEAKER_PARAGRAPHS = 6
_CLAUSE_START = re.compile(r"(?:^|[.;:,]\s+)")
_ORGAN = re.compile(r"Ban\s+[Tt]hường\s+vụ\s+(?=(?:Đảng|Tỉnh|Thành|Huyện|Quận|Thị)\s*[uủ][yỷ]|Đảng\s+bộ)")
"""The standing committee that speaks for a party committee in its documents (``T/M BAN THƯỜNG VỤ`` under the
issuer ``ĐẢNG ỦY …``, Hướng dẫn 36-HD/VPTW); a Youth Union's ``Ban Thường vụ Đoàn trường …`` is its issuer."""
_ASIDE = re.compile(r"\s*\([^()]{0,100}\)\s*$")


@lru_cache(maxsize=None)
def _speech_verb_re() -> re.Pattern[str]:
    verbs = vocab.folded_alternation(vocab.load("fixed_lines")["issuer_speech_verbs"])
    return re.compile(r"\s(?:xin\s+|tran\s+trong\s+)?(?:" + verbs + r")(?!\w)")


def _speaker(paragraphs: list) -> str | None:
    """``Ban Quản lý Quảng trường Nguyễn Tất Thành đề nghị …``, ``…, Sở Văn hóa, Thể thao và Du lịch (Cơ quan
    thường trực …) thông báo …``: the body that speaks in the first person in the body's opening
    (fixed_lines.issuer_speech_verbs), named from a clause's start: a copy without its header names its issuer so."""
    for ln in paragraphs:
        text = ln.text
        folded = fold_char_aligned(text)
        for verb in _speech_verb_re().finditer(folded):
            starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, verb.start())]
            for start in starts:  # the earliest clause start whose words name a body
                name = _ASIDE.sub("", text[start:verb.start()]).strip()
                organ = _ORGAN.match(name)
                if organ and starts_organisation(name[organ.end():]):
                    name = name[organ.end():]  # "Ban Thường vụ Đảng ủy Khối …": the body it speaks for
                if 2 <= len(name.split()) <= 12 and name[:1].isupper() and starts_organisation(name) \
                        and not any(ch.isdigit() for ch in name):
                    return name
    return None


_ENACTING_LOOK = 4
"""How many lines past the kind line the enacting line is looked for, beyond the subject's and the rule's."""


def _enacting_body(zd: ZonedDocument) -> str | None:
    """``ỦY BAN NHÂN DÂN TỈNH LÀO CAI``, ``CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH THANH HOÁ``: the line under a decision's or
    resolution's subject that names who enacts it (Nghị định 30, Phụ lục I); a copy without its header still
    prints it.  A position in front is left off (the issuer is the body the head acts for), and a body's generic
    name alone (``ỦY BAN NHÂN DÂN``) names no one."""
    kinds = zd.labelled(LineKind.KIND)
    if not kinds or not enacted_kind(kinds[0].text):
        return None
    lines = zd.doc.lines
    start = next(i for i, ln in enumerate(lines) if ln is kinds[-1]) + 1
    after = [ln for ln in lines[start: start + _ENACTING_LOOK + 8] if ln.text.strip()
             and ln.kind not in (LineKind.SUBJECT, LineKind.SUBJECT_CONT, LineKind.SEPARATOR)]
    for ln in after[:1]:  # the first line after the subject and its rule
        text = " ".join(ln.text.split())
        if not is_enacting_line(text):
            return None
        m = _position_re().match(fold_char_aligned(text))
        body = text[m.end():].strip() if m else text
        if starts_organisation(body) and not _generic_body_re().fullmatch(fold(body)) and len(body.split()) >= 3:
            return body
    return None


@lru_cache(maxsize=None)
def _position_re() -> re.Pattern[str]:
    """A head's position in front of the body's name (``CHỦ TỊCH``, ``TỔNG CỤC TRƯỞNG``), folded."""
    return re.compile(r"^(?:" + vocab.folded_alternation(vocab.load("positions")["words"]) + r")\s+")


_OF_BODY = re.compile(r"(?:^|\s)cua\s+")
_BODY_END = re.compile(r"\s+(?:ve|tai|nhiem\s+ky|nam|trinh|doc|trong|giai\s+doan|lan\s+thu)(?!\w)|\s*[(;:]")


def _named_in_title(title: str) -> str | None:
    """``CÔNG TÁC CỦA VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO NHIỆM KỲ …``, ``CỦA ỦY BAN ĐỐI NGOẠI CỦA QUỐC HỘI VỀ …``: a
    body the subject says the document is of, named in capitals (a reprint without its header names its issuer so)."""
    folded = fold_char_aligned(title)
    for m in _OF_BODY.finditer(folded):
        end = _BODY_END.search(folded, m.end())
        name = title[m.end(): end.start() if end else len(title)].strip()
        if 2 <= len(name.split()) <= 12 and name.isupper() and starts_organisation(name) \
                and not any(ch.isdigit() for ch in name):  # (not "… TỔNG CỤC BƯU ĐIỆN SỐ 63/2002/QĐ-TCBĐ")
            return name
    return None


@lru_cache(maxsize=None)
def _generic_body_re() -> re.Pattern[str]:
    """A generic body (``ỦY BAN NHÂN DÂN``, ``ĐẢNG ỦY``): needs a locality to name an issuer."""
    return re.compile(r"^(?:" + vocab.folded_alternation(vocab.load("administrative_units")["generic_bodies"]) + r")\b")


_STOP = {"Về", "Và", "Trên", "Với", "Theo", "Tại", "Năm", "Quý", "Tháng",
         # a body's word, not a place's name: "BCH quận Đảng bộ", "Ban Chấp hành huyện Đoàn"
         "Đảng", "Đoàn", "Hội", "Ban", "Ủy", "Uỷ", "Công", "Chi"}


def _trim_name(name: str) -> str:
    words = name.split()
    out = []
    for w in words:
        if w in _STOP or any(ch.isdigit() for ch in w):
            break
        out.append(w)
    return " ".join(out)


def _expand(body: str) -> str:
    abbr = vocab.load("administrative_units")["body_abbreviations"]
    return abbr.get(body.upper(), abbr.get(body, body))


def _title(body: str) -> str:
    """``UỶ BAN NHÂN DÂN`` → ``Uỷ ban nhân dân`` (sentence case, as a body is named in prose)."""
    expanded = _expand(body)
    return expanded[:1] + expanded[1:].lower() if expanded.isupper() else expanded


