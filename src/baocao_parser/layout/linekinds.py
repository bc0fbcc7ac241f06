"""The grammar of line kinds: what each line of a document *is*, defined once.

Two steps, as spaCy's span ruler separates finding from writing:

* **shape tests** (``is_motto``, ``is_number_line``, ``is_authority_line``…) say
  what a line's text alone looks like.  The zoning (``layout.zones``) uses them
  to find where the header, title, body and closing begin and end;
* **labelling** (:func:`label_lines`) gives every zoned line one
  :class:`LineKind` (issuer, number, place-and-date, subject, authority,
  position, name, recipient item…), reading its zone and its neighbours once.
  The extractors read these labels and never re-test a line.

Every pattern is built from ``vocab/data`` and runs on the tone-folded line
(``normalise.folding.fold``), so old and new tone placement, missing accents
and case do not matter.  Numbers, symbols and dates live in ``layout.grammar``.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..normalise.folding import fold, fold_char_aligned, per_document, tone_key
from .. import vocab
from . import grammar
from ..normalise.charclass import VI_LOWER, VI_UPPER
from ..document import Line

if TYPE_CHECKING:
    from ..document import Document


@lru_cache(maxsize=None)
def motto_re() -> re.Pattern[str]:
    words = vocab.load("fixed_lines")["motto"]
    # OCR and typists vary the dashes and spaces of the motto: match its words loosely.
    alts = [r"\W*".join(re.escape(w) for w in fold(m).replace("-", " ").split()) for m in words]
    return re.compile("|".join(alts))


@lru_cache(maxsize=None)
def authority_re() -> re.Pattern[str]:
    data = vocab.load("authority_prefixes")
    positions = vocab.folded_alternation(vocab.load("positions")["words"])
    alts = []
    for p in sorted(data["prefixes"], key=len, reverse=True):
        f = fold(p)
        if p in data["before_position_only"]:
            alts.append(re.escape(f).replace(r"\ ", r"\s+") + r"\s+(?=(?:" + positions + r")\b)")
        elif f.endswith("."):
            alts.append(re.escape(f[:-1]) + r"\s*\.")
        elif "/" in f:
            alts.append(re.escape(f))
        else:
            alts.append(re.escape(f).replace(r"\ ", r"\s+") + r"\b")
    return re.compile(r"^\s*(?:" + "|".join(alts) + r")\s*\S")


NUMBER_LINE = re.compile(r"^\s*so\s*[:;.]|^\s*so\s+\d|^\s*so(?:\s+|(?=[.…_]))[.…_ ]*/\s*[a-z]|^\s*so\s+[-–]\s*[a-z]+\s*/"
                         r"|^\s*s\s*:\s*\d{1,6}\s*/\s*[a-z]")  # (the last: a broken font that drops "ố": "S: 5819/HQHP-TXNK")
"""``Số: 12/…``, ``Số 45-BC/ĐU``, ``Số …/BC-UBND`` (``Số…../KH``, its dots run onto the label), and a party
number left blank (``Số -BC/ĐH``), folded."""
VV_WORDS = r"(?:v\s*/\s*v|ve\s+viec|v\s*\.\s*v(?=\s*\.))"
"""``V/v``, ``V.v.`` or ``Về việc`` (folded): the label of a Công văn's subject."""
VV_QUOTE = "[\"“‘']"
"""An opening quote some offices put round the whole ``V/v …`` subject (``“V/v đôn đốc …”``)."""
VV_LINE = re.compile(r"^\s*" + VV_QUOTE + r"?\s*" + VV_WORDS + r"\b")
def _heading_re(key: str) -> re.Pattern[str]:
    # "Kínhgửi:" typed without its space still heads the list
    alternation = vocab.folded_alternation(vocab.load("fixed_lines")[key]).replace(r"\s+", r"\s*")
    return re.compile(r"^\s*(?:" + alternation + r")\s*[:;.]?")


RECIPIENTS_HEAD = _heading_re("recipients_heading")
"""``Nơi nhận:`` (folded), the heading of the recipients list."""
ADDRESSEES_HEAD = _heading_re("addressees_heading")
"""``Kính gửi:`` (folded), the heading of the addressees of a Công văn or Tờ trình."""
SEPARATOR = re.compile(r"^\s*[-_–—=*~.·•…]{3,}(?:\s+[-_–—=*~.·•…]{3,})?\s*$|^\s*[*\-–—]\s*$|^\s*[-–—]\s*[-–—]\s*[-–—]|^\s*[-_–—=*~.·•…]+\s*[oO0]{3}\s*[-_–—=*~.·•…]+\s*$")
"""A rule under a header column (``-------``, ``***``, ``-o0o-``), or the rules of both columns on one line."""
SIGNATURE_NOTE = re.compile(
    r"^\s*[(\[]?\s*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["signature_notes"]) + r")(?!\w)"
    r"[^)\]]{0,40}[)\]]?\s*$")
"""``(Đã ký)``, ``(Ký, đóng dấu)``: where the handwritten signature stood."""
BULLET = re.compile(r"^\s*[-+•*–—]\s*")


@lru_cache(maxsize=None)
def title_kinds() -> dict[str, str]:
    """Folded kind name (spaces removed) → printed kind name, for the kinds that head a title block."""
    return {fold(k["name"]).replace(" ", ""): k["name"] for k in vocab.doc_kinds() if k.get("title")}


@lru_cache(maxsize=None)
def _title_keys() -> tuple[str, ...]:
    return tuple(title_kinds())


def title_kind_alternation() -> str:
    """The kinds that head a title block, as a folded regex alternation (``bao\\s+cao|ke\\s+hoach|…``)."""
    return vocab.folded_alternation(list(title_kinds().values()))


_JOINED_KIND = re.compile(r"va\s+")


@lru_cache(maxsize=None)
def _joint_words_re() -> re.Pattern[str]:
    """``LIÊN TỊCH``, ``LIÊN NGÀNH`` after a kind (doc_kinds.joint_words), searched in folded text."""
    return re.compile(r"(?:" + vocab.folded_alternation(vocab.load("doc_kinds")["joint_words"]) + r")(?!\w)")
_FRAME = "-–—*=~"


@per_document
def kind_of_title_line(text: str) -> tuple[str, str] | None:
    """``("BÁO CÁO", rest)`` when the line is a title-block kind line, else None.

    The kind is upper case and stands alone or starts the line (``BÁO CÁO KẾT QUẢ…``);
    letter-spaced titles (``B Á O  C Á O``) are accepted.
    """
    stripped = text.strip()
    if stripped[:1] in _FRAME and stripped[-1:] in _FRAME:
        stripped = stripped.strip(_FRAME + " ")  # "-BÁO CÁO-", "*** QUYẾT ĐỊNH ***": the kind framed for show
    mark = _mark_prefix_re().match(fold_char_aligned(stripped)) if stripped[:1].isupper() else None
    if mark and stripped[: mark.end()].strip().isupper():
        stripped = stripped[mark.end():].strip()  # "DỰ THẢO BÁO CÁO": the mark stands before the kind
    if not stripped or len(stripped) > 400 or not stripped[0].isupper():
        return None
    kinds = title_kinds()
    folded = fold_char_aligned(stripped)
    compact = folded.replace(" ", "")
    if not compact.startswith(_title_keys()):
        return None  # no kind's name starts the line (most lines: one test instead of one per kind)
    compact = compact.rstrip(":.")
    if compact in kinds:
        letters = [c for c in stripped if c.isalpha()]
        if sum(c.isupper() for c in letters) >= len(letters) * 0.8:
            return kinds[compact], ""
    for key, name in kinds.items():
        n = len(name)
        if len(stripped) > n and folded[:n].replace(" ", "") == key and not stripped[n].isalpha() \
                and stripped[:n].isupper():
            rest = stripped[n:].strip(" :.-–")
            if is_mark(rest):
                return name, ""  # "BÁO CÁO (Dự thảo)": the mark stands after the kind
            joint = _joint_words_re().match(fold_char_aligned(rest))
            if joint and rest[:joint.end()].isupper():  # "HƯỚNG DẪN LIÊN NGÀNH": the joint document's kind
                name, rest = f"{name} {rest[:joint.end()]}", rest[joint.end():].strip(" :.-–")
                if not rest:
                    return name, ""
            joined = _JOINED_KIND.match(fold_char_aligned(rest))
            if joined and rest.isupper() and fold(rest[joined.end():]).replace(" ", "") in kinds:
                return f"{name} {rest}", ""  # "QUY ĐỊNH VÀ HƯỚNG DẪN": two kinds joined, one document
            opening = rest.lstrip("“\"'‘")[:1]  # "QUYẾT ĐỊNH “VỀ VIỆC …”": a subject in quotation marks
            if rest and (opening.isupper() or opening.isdigit() and rest.isupper()) and len(stripped) <= 400:
                return name, rest  # "BÁO CÁO KẾT QUẢ…", "BÁO CÁO: Kết quả…", "BÁO CÁO Kết quả…", "BÁO CÁO 4 NĂM …"
    return None


@lru_cache(maxsize=None)
def _organisation_re() -> re.Pattern[str]:
    heads = vocab.load("administrative_units")["organisation_heads"]
    return re.compile(r"^(?:" + vocab.folded_alternation(heads) + r")(?!\w)")


@lru_cache(maxsize=None)
def organisation_first_words() -> frozenset[str]:
    """The first words of the bodies' head words, folded (``uy``, ``phong``, ``truong``…): a word that is none
    of them cannot open a body's name, which spares the full test (:func:`starts_organisation`)."""
    return frozenset(fold(h).split()[0] for h in vocab.load("administrative_units")["organisation_heads"])


@lru_cache(maxsize=None)
def _organisation_heads_with_marks() -> frozenset[str]:
    return frozenset(tone_key(h) for h in vocab.load("administrative_units")["organisation_heads"])


def starts_organisation(text: str) -> bool:
    """The line opens with the head word of a body's name (``PHÒNG``, ``ỦY BAN``, ``TRƯỜNG``…).

    Matched without marks, so that OCR'd and unaccented text is read too; but a head printed with its
    marks must have the head's own (``SỐ - KẾ HOẠCH HÓA`` wraps a name, it is not ``SỞ``; ``ĐẠI`` is not ``ĐÀI``)."""
    t = text.strip()
    m = _organisation_re().match(fold_char_aligned(t))
    if not m:
        return False
    head = t[: m.end()]
    return head.isascii() or tone_key(head) in _organisation_heads_with_marks()


@lru_cache(maxsize=None)
def quoc_hieu_words() -> tuple[str, ...]:
    """The Quốc hiệu's words, folded (``cong``, ``hoa``, … ``nam``): the first of fixed_lines.motto."""
    return tuple(fold(vocab.load("fixed_lines")["motto"][0]).split())


@lru_cache(maxsize=None)
def quoc_hieu_re() -> re.Pattern[str]:
    """The Quốc hiệu's words in a row (folded), whatever the marks and line breaks between them."""
    return re.compile(r"\W*".join(re.escape(w) for w in quoc_hieu_words()))


@lru_cache(maxsize=None)
def quoc_hieu_damaged_re() -> re.Pattern[str]:
    """The Quốc hiệu with one of its two first words damaged (``CỘNG HỊA`` from a broken font, ``CỘNC HÒA``
    from OCR): two short words, then the rest of it (``XÃ HỘI CHỦ NGHĨA VIỆT NAM``) whole; searched in folded
    text (a line that is only that is a motto line)."""
    rest = quoc_hieu_words()[2:]
    return re.compile(r"(?<!\w)\w{2,6}\W+\w{2,5}\W+" + r"\W*".join(re.escape(w) for w in rest) + r"(?!\w)")


@lru_cache(maxsize=None)
def _motto_squeezed_re() -> re.Pattern[str]:
    """The motto's words with no space at all, for a line whose letters a capture split (``Đ ộc lập``)."""
    words = vocab.load("fixed_lines")["motto"]
    return re.compile("|".join(r"\W*".join(re.escape(w) for w in fold(m).replace("-", " ").replace(" ", "")) for m in words))


@lru_cache(maxsize=None)
def _motto_initials() -> frozenset[str]:
    return frozenset(fold(m)[:1] for m in vocab.load("fixed_lines")["motto"])


@lru_cache(maxsize=None)
def _organisation_motto_keys() -> frozenset[str]:
    return frozenset(_whole_line_key(fold(m)) for m in vocab.load("fixed_lines")["organisation_mottos"])


@lru_cache(maxsize=None)
def _organisation_motto_heads() -> frozenset[str]:
    return frozenset(fold(m)[:3] for m in vocab.load("fixed_lines")["organisation_mottos"])


def _whole_line_key(folded: str) -> str:
    return " ".join(re.findall(r"\w+", folded))


def is_motto(text: str) -> bool:
    """A motto line: it starts with the Quốc hiệu, the Tiêu ngữ or a party/union motto (not a sentence naming the Đoàn),
    or it is a mass organisation's national name alone (``HỘI NÔNG DÂN VIỆT NAM``, printed where the Quốc hiệu stands).

    A PDF's drop cap or letter spacing may put a space inside a word (``Đ ộc lập - Tự do``): a short
    line is asked again with its spaces taken out."""
    f = fold(text)
    m = motto_re().search(f)
    if m:
        return m.start() <= 3
    head = f.lstrip()
    if len(f) < 50 and head[:3] in _organisation_motto_heads() and _whole_line_key(f) in _organisation_motto_keys():
        return True  # HỘI NÔNG DÂN VIỆT NAM, alone on its line in the right column
    size = len(f)
    if size > 80 or " " not in head:
        return False
    if size < 50 and "chu nghia viet nam" in f and (m := quoc_hieu_damaged_re().search(f)) \
            and not f[:m.start()].strip(" -*") \
            and not f[m.end():].strip(" -*"):
        return True
    if head[:1] not in _motto_initials():
        return False
    m = _motto_squeezed_re().search(re.sub(r"\s+", "", f))
    return bool(m) and m.start() <= 3


def is_date_line(text: str) -> bool:
    return len(text) < 120 and bool(grammar.PLACE_DATE_LINE.search(fold(text)))


_PLACE_DATE_START = re.compile(r"^\s*(?:[^\W\d_][^,\d]{1,40},\s*)?ngay\b")


def is_standalone_date_line(text: str) -> bool:
    """A place-and-date line standing alone outside the header (``Nam Thái Sơn, ngày 27 tháng 5 năm 2010``
    above the signer, or under the subject): short, and the place (if any) comes first."""
    return len(text) < 90 and is_date_line(text) and bool(_PLACE_DATE_START.match(fold(text))) \
        and ends_on_year(text)  # (not "ngày 25 tháng 4 năm 2015 để nghỉ Thứ tư, …", a body's line a page wrapped)


_ENDS_ON_YEAR = re.compile(r"(?:19|20)\d{2}\W{0,3}$")


def ends_on_year(text: str) -> bool:
    """The line ends on a year (``… năm 2015``, ``… 20/4/2015.``), as a place-and-date line does."""
    return bool(_ENDS_ON_YEAR.search(text))


def is_number_line(text: str) -> bool:
    """``Số: 05/BC-UBND``; also the label with the kind before it, as laws and resolutions print it
    (``Luật số: 56/2024/QH15``, ``Nghị quyết số: 132/2020/QH14``)."""
    if len(text) >= 80:
        return False
    f = fold(text)
    return bool(NUMBER_LINE.match(f) or " so" in f[:40] and _kind_number_label_re().match(f))


@lru_cache(maxsize=None)
def number_label() -> str:
    """The label before a document's own number, folded: ``số``, or with the kind before it (``luật số``,
    ``nghị quyết số``, as laws and resolutions print it).  The one pattern every number-label test builds on."""
    return r"(?:(?:" + title_kind_alternation() + r")\s+)?s(?:o|(?=\s*:\s*\d{1,6}\s*/))"


@lru_cache(maxsize=None)
def _kind_number_label_re() -> re.Pattern[str]:
    # the label with its kind only: ``NUMBER_LINE`` has already tried a bare "số" (this runs on many lines)
    return re.compile(r"^\s*(?:" + title_kind_alternation() + r")\s+so\s*[:;.]\s*\d")


def opens_body(text: str) -> bool:
    """A line that surely opens the body: ``Thực hiện …``, ``Căn cứ …``, ``Kính gửi:`` (fixed_lines.body_openers)."""
    f = fold(text)
    return bool(_body_opener_re().match(f) or _ALWAYS_BODY.match(f) or ADDRESSEES_HEAD.match(f))


def titled_kind_in_number(text: str) -> bool:
    """The number line's symbol names a kind that heads a title block (``Số: 251/BC-TH``: BÁO CÁO)."""
    return kind_in_number(text) is not None


def kind_in_number(text: str) -> str | None:
    """The kind that heads a title block named by the number line's symbol (``Số: 28/2016/NQ-HĐND``: NGHỊ QUYẾT)."""
    split = grammar.split_number(text[number_label_end(text):].strip())
    if split is None:
        return None
    code, _ = grammar.kind_and_issuer_codes(split[2], vocab.kind_of_code)
    kind = vocab.kind_of_code(code) if code is not None else None
    return kind if kind in title_kinds().values() else None


def number_label_end(text: str) -> int:
    """Where the number begins after its label (``Số:`` or ``Luật số:``) in ``text``, 0 when no label."""
    m = _number_label_re().match(fold_char_aligned(text))
    return m.end() if m else 0


@lru_cache(maxsize=None)
def _number_label_re() -> re.Pattern[str]:
    return re.compile(r"^\s*" + number_label() + r"\s*[:;.]?\s*")


_DOTLESS_AUTHORITY = re.compile(r"^\s*(?:tm|kt|tl|tuq)\s+\S")


@lru_cache(maxsize=None)
def bare_authority_re() -> re.Pattern[str]:
    """A prefix alone on its line (``TM.`` over ``ỦY BAN NHÂN DÂN TỈNH``), as captures split the signer block.

    One-letter prefixes (``Q.``) and those that are prefixes only before a position (``Quyền``) are
    left out: alone, they say nothing about what follows.
    """
    data = vocab.load("authority_prefixes")
    alts = [re.escape(fold(p).rstrip(".")).replace(r"\ ", r"\s+") for p in data["prefixes"]
            if p not in data["before_position_only"] and len(fold(p).strip("./")) > 1]
    return re.compile(r"^\s*(?:" + "|".join(sorted(set(alts), key=len, reverse=True)) + r")\s*[.:/]?\s*$")


def is_authority_line(text: str) -> bool:
    """``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``…; in capitals also without the dot (``TM BCH ĐOÀN TRƯỜNG``);
    a prefix alone on its line, which the next line completes."""
    if len(text) >= 120:
        return False
    f = fold(text)
    return bool(authority_re().match(f)) or (bool(_DOTLESS_AUTHORITY.match(f)) and is_upper_line(text)) \
        or bool(bare_authority_re().match(f))


def is_signature_note(text: str) -> bool:
    return len(text) < 60 and bool(SIGNATURE_NOTE.match(fold(text)))


@per_document
def is_upper_line(text: str) -> bool:
    """At least 85 % of the letters in capitals (``ỦY BAN NHÂN DÂN``, ``V/V CÔNG BỐ…``)."""
    upper = sum(map(len, _UPPER_RUN.findall(text)))  # counted by the regex engine: this runs on every body line
    lower = 0
    for _ in _LOWER_LETTER.finditer(text):
        lower += 1
        if lower > upper:
            return False  # more small letters than capitals: the count can stop (most lines stop early)
    return lower + upper >= 2 and upper >= 0.85 * (lower + upper)


_LOWER_LETTER = re.compile("[" + VI_LOWER + "]")
_UPPER_RUN = re.compile("[" + VI_UPPER + "]+")


_NAME_WORD = re.compile("^[" + VI_UPPER + "](?:[" + VI_LOWER + "]*['’][" + VI_UPPER + "])?[" + VI_LOWER + "]*$"
                        "|^[" + VI_UPPER + "]['’]$")
"""A syllable of a name; Ê Đê and Gia Rai names write ``H'Nga``, ``H’ Hen``, ``Y Ngông``."""


@lru_cache(maxsize=None)
def _rank_re() -> re.Pattern[str]:
    ranks = vocab.load("positions")["ranks"]
    return re.compile(r"^\s*(?:" + "|".join(re.escape(r) for r in sorted(ranks, key=len, reverse=True)) + r")\s*", re.I)


def split_rank(text: str) -> tuple[str | None, str]:
    """``Đại tá Nguyễn Văn An`` → ``("Đại tá", "Nguyễn Văn An")``; without a rank, ``(None, text)``."""
    m = _rank_re().match(text)
    if m and m.end() < len(text.strip()):
        return text[: m.end()].strip(), text[m.end():].strip()
    return None, text


def looks_like_name(text: str) -> bool:
    """A person's name: 2–5 capitalised syllables (``Nguyễn Thị Thư``), or the same in capitals; a rank
    or academic title may stand before it (``Đại tá``, ``ThS.``)."""
    t = split_rank(text.strip())[1].strip(".,;")
    words = [w for w in t.split() if any(c.isalpha() for c in w)]  # OCR specks (`, ') are no syllables
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in t):
        return False
    if all(_NAME_WORD.match(w) for w in words):
        return True
    return t.isupper() and all(w.isalpha() for w in words) and len(words) <= 5


@lru_cache(maxsize=None)
def _family_names() -> frozenset[str]:
    return frozenset(vocab.load("names")["family_names"])


def is_signer_name(text: str) -> bool:
    """A person's name that starts with a family name as printed (``Nguyễn Trọng Đàm``): strict enough to
    find a signer's name run onto the end of a recipient item by a capture (``- Lưu: VT. Lê Văn Bầm``)."""
    t = text.strip()
    return looks_like_name(t) and t.split()[0] in _family_names() and not t.isupper()


@lru_cache(maxsize=None)
def stamp_re() -> re.Pattern[str]:
    labels = vocab.load("fixed_lines")["signature_stamp"]
    return re.compile(r"^\s*(?:" + vocab.folded_alternation(labels) + r")\s*:")


def is_signature_stamp(text: str) -> bool:
    """A line of a digital-signature stamp (``Ký bởi: …``, ``Thời gian ký: …``)."""
    return ":" in text and len(text) < 200 and bool(stamp_re().match(fold(text)))


PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?\s*$"
    r"|^\s*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["page_number"]) + r")\s+\d{1,3}(?:\s*/\s*\d{1,3})?\s*$")


def is_page_number(text: str) -> bool:
    return len(text) < 20 and bool(PAGE_NUMBER.match(fold(text)))


@lru_cache(maxsize=None)
def _position_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + vocab.folded_alternation(vocab.load("positions")["words"]) + r")\b")


def is_position(text: str) -> bool:
    """A signer's position (``CHỦ TỊCH``, ``PHÓ GIÁM ĐỐC``), which in capitals looks like a name in capitals."""
    return bool(_position_re().search(fold(text)))


def starts_with_position(text: str) -> bool:
    """A line that opens with a position (``GIÁM ĐỐC …``), not one that holds one further on (``VT, QLCL GIÁM ĐỐC``)."""
    return bool(_position_re().match(fold(text).lstrip()))


def is_position_alone(text: str) -> bool:
    """A position and nothing else (``PHÓ CHỦ TỊCH``), not a line that holds one (``… Điều 3 CHỦ TỊCH``)."""
    return bool(_position_re().fullmatch(fold(text)))


# ================================================================ the subject under the kind line

@lru_cache(maxsize=None)
def _body_opener_re() -> re.Pattern[str]:
    return re.compile(r"^\s*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["body_openers"]) + r")(?!\w)")


_ABOUT = re.compile(r"^\s*(?:v\s*/\s*v\b|ve\b)")
_LABEL = re.compile(r"^(?!\s*(?:nam\s+hoc|nam|quy|thang|hoc\s+k[yi]|giai\s+doan|nhiem\s+ky)\s*:)[^:]{2,30}:\s*\S")
_ALWAYS_BODY = re.compile(r"^\s*(?:[-–+•]\s*)*can\s+cu\b")  # "Căn cứ …", "- Căn cứ …": the grounds open the body



@lru_cache(maxsize=None)
def _open_end_re() -> re.Pattern[str]:
    return re.compile(r"(?:\b(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["words_wanting_an_object"])
                      + r")|,)\s*$")


def ends_open(folded: str) -> bool:
    """Text (folded) that ends on a word wanting an object (``của``, ``cho``, ``bổ nhiệm``) or on a comma (``… CÁC SỞ,
    BAN, NGÀNH,`` / ``ỦY BAN NHÂN DÂN CÁC HUYỆN``, a list going on): what follows belongs to it."""
    return bool(_open_end_re().search(folded))


@lru_cache(maxsize=None)
def enacting_start_re() -> re.Pattern[str]:
    """A position followed by a body's name (``CHỦ TỊCH ỦY BAN …``, ``GIÁM ĐỐC SỞ …``), searched in folded text."""
    positions = vocab.folded_alternation(vocab.load("positions")["words"])
    heads = vocab.folded_alternation(vocab.load("administrative_units")["organisation_heads"])
    return re.compile(r"(?<!\w)(?:" + positions + r")\s+(?:" + heads + r")(?!\w)")


@lru_cache(maxsize=None)
def _enacting_re() -> re.Pattern[str]:
    """A line that starts with a position or a body's name (``BỘ TRƯỞNG BỘ …``, ``ỦY BAN NHÂN DÂN TỈNH …``), its words
    run together too where a capture lost a space (``ỦY BAN NHÂNDÂN TỈNH …``)."""
    words = vocab.load("positions")["words"] + vocab.load("administrative_units")["generic_bodies"] \
        + vocab.load("fixed_lines")["enacting_bodies"]
    return re.compile(r"^\s*(?:" + vocab.folded_alternation(words, gap=r"\s*") + r")\b")


@lru_cache(maxsize=None)
def enacting_body_re() -> re.Pattern[str]:
    """A collective body enacting in its own name (``QUỐC HỘI NƯỚC …``, ``HỘI ĐỒNG NHÂN DÂN TỈNH …``), searched in folded text."""
    words = vocab.load("administrative_units")["generic_bodies"] + vocab.load("fixed_lines")["enacting_bodies"]
    return re.compile(r"(?<!\w)(?:" + vocab.folded_alternation(words) + r")(?!\w)")


@lru_cache(maxsize=None)
def _subject_opener_re() -> re.Pattern[str]:
    return re.compile(r"^\s*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["subject_openers"]) + r")(?!\w)")


def starts_subject(text: str) -> bool:
    """The line starts as a subject does (``BAN HÀNH QUY TRÌNH …``, ``Về việc …``; fixed_lines.subject_openers)."""
    return bool(_subject_opener_re().match(fold(text)))


def is_enacting_line(text: str) -> bool:
    """A line in capitals naming who enacts a decision or resolution (``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …``,
    ``TỔNG KIỂM TOÁN NHÀ NƯỚC``, ``HỘI ĐỒNG NHÂN DÂN TỈNH …``)."""
    return is_upper_line(text) and bool(_enacting_re().match(fold(text)))


def enacted_kind(text: str) -> bool:
    """A kind whose subject is followed by the enacting authority (``QUYẾT ĐỊNH`` … ``CHỦ TỊCH UBND TỈNH``)."""
    found = kind_of_title_line(text)
    return bool(found) and found[0] in vocab.load("fixed_lines")["enacted_kinds"]


_OF_A_BODY = re.compile(r"^cua\s")


def names_its_enactor(kind_line: str) -> bool:
    """``QUYẾT ĐỊNH CỦA UBND TỈNH LÀO CAI``: an enacted kind's line that goes on with who enacts it (older
    decisions print so), its subject on the next lines, in sentence case too, and the title is those lines
    (or, where the line runs on into it, the subject from its opener: :func:`subject_after_enactor`).  A report's
    ``BÁO CÁO CỦA BAN CHẤP HÀNH …`` is its subject."""
    return enacted_kind(kind_line) and bool(_OF_A_BODY.match(fold(kind_of_title_line(kind_line)[1])))


def names_its_body(kind_line: str, below: str) -> bool:
    """:func:`names_its_enactor`, or any kind's line that goes on with the body it is of, in capitals, over a
    ``V/v …`` or ``Về …`` subject (``THÔNG BÁO CỦA UBND XÃ TIỀN TIẾN`` / ``V/v tiêm phòng …``): who, not what."""
    if names_its_enactor(kind_line):
        return True
    found = kind_of_title_line(kind_line)
    return bool(found and found[1] and _OF_A_BODY.match(fold(found[1])) and is_upper_line(found[1])
                and _ABOUT.match(fold(below)))


def enactor_under_kind(kind_line: str, text: str) -> bool:
    """``QUYẾT ĐỊNH`` / ``CỦA CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH …``: who enacts it, in capitals on the line under a
    bare enacted kind line (older decisions print so), read as :func:`names_its_enactor` reads the two on one line."""
    found = kind_of_title_line(kind_line)
    return bool(found) and not found[1] and is_upper_line(text) \
        and names_its_enactor(f"{kind_line.strip()} {text.strip()}")


@lru_cache(maxsize=None)
def _subject_opener_inside_re() -> re.Pattern[str]:
    return re.compile(r"(?<=\s)[(“\"]?(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["subject_openers"])
                      + r")(?!\w)")


def subject_after_enactor(rest: str) -> str | None:
    """The subject where a kind line that names its enactor runs on into it (``CỦA BỘ TRƯỞNG BỘ VĂN HÓA - THÔNG
    TIN Ban hành bản …``, ``CỦA UBND TỈNH … (Về việc …)``): from its first opener on; None when there is none."""
    m = _subject_opener_inside_re().search(fold_char_aligned(rest))
    return rest[m.start():].strip() if m else None


@lru_cache(maxsize=None)
def _opening_parts() -> frozenset[str]:
    return frozenset(_whole_line_key(fold(h)) for h in vocab.load("section_headings")["opening_parts"])


def is_opening_part(text: str) -> bool:
    """The heading of a report's first part, alone on its line (``ĐẶC ĐIỂM TÌNH HÌNH``; section_headings.opening_parts),
    its numeral lost or never typed: no subject goes on so."""
    return len(text) < 40 and _whole_line_key(fold(text)) in _opening_parts()


def _attachment_note_open() -> str:
    """A bracketed note's opening (``(Ban hành …``, ``(Trình …``; fixed_lines.attachment_note_openers), folded."""
    return r"\(\s*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["attachment_note_openers"]) + r")\b"


@lru_cache(maxsize=None)
def _attachment_note_re() -> re.Pattern[str]:
    return re.compile(r"^\s*" + _attachment_note_open())


@lru_cache(maxsize=None)
def _attachment_note_tail_re() -> re.Pattern[str]:
    return re.compile(r"\s*" + _attachment_note_open() + r"[^()]*\)\s*$")


_RUN_ON_HEADING = re.compile(r"(?<=\d{4})[.:]?\s+[IVX]{1,4}[./]?\s+(?=[A-ZĐÀ-Ỹ]{2,}\S*\s+[A-ZĐÀ-Ỹ]{2,})")
"""A part heading run onto a subject that ends on its year (``… Năm học: 2017 – 2018 I TÌNH HÌNH …``)."""


def subject_proper(subject: str) -> str:
    """The subject without what a capture ran onto its end: the ``(Ban hành theo Quyết định số …)`` note
    of an attached Quy chế, or the first part's heading after a sentence-case subject's year."""
    m = _attachment_note_tail_re().search(fold_char_aligned(subject))
    if m and m.start() > 0:
        subject = subject[: m.start()]
    m = _RUN_ON_HEADING.search(subject)
    if m and not is_upper_line(subject[: m.start()]):
        subject = subject[: m.start()]
    return subject


@lru_cache(maxsize=None)
def _subject_tail_re() -> re.Pattern[str]:
    """The period a subject ends with, on a line of its own (``Năm học 2022-2023``, ``Thời điểm tháng 10``)."""
    return re.compile(r"^\(?\s*(?:" + vocab.folded_alternation(vocab.load("periods")["subject_tail_openers"]) + r")\b")


_OPEN_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-–—]\s*$")  # (OCR reads the en dash as an em dash)
_YEARS_ONLY = re.compile(r"\(?\s*(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*\)?\s*[.;]?")


@lru_cache(maxsize=None)
def _period_word_end_re() -> re.Pattern[str]:
    """A subject line ending on a period word (``… NĂM``, ``… NĂM HỌC``, ``… GIAI ĐOẠN``), its year still to come."""
    return re.compile(r"(?<!\w)(?:" + vocab.folded_alternation(vocab.load("periods")["subject_tail_openers"]) + r")\s*:?\s*$")


def is_subject_tail(text: str) -> bool:
    """A short line that states a subject's period (``Năm học 2022-2023``, ``(Từ ngày 15/12 đến 14/6)``)."""
    t = text.strip()
    return len(t) <= 60 and any(c.isdigit() for c in t) and bool(_subject_tail_re().match(fold(t)))


def _quote_open(text: str) -> bool:
    """A line that opens a quotation it does not close (``… Đề án “Nâng cao chất lượng …,``)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def is_section_marker(text: str) -> bool:
    """A numbered or lettered part heading (``I.``, ``1.2.``, ``a)``, ``PHẦN II``, ``Điều 1.``, ``I- VỀ …``)."""
    return (bool(_HEADING.match(fold(text))) or text.lstrip()[:1] in _DASH_HEADING_FIRST
            and bool(_DASH_HEADING.match(text))) and not BULLET.match(text)


NUMERAL_TAKERS = [[w] for w in ("ki", "ky", "khoa", "quy", "dot", "phan", "chuong", "thu", "lan", "muc", "vu")]
"""Words a Roman numeral follows as their number (``HỌC KÌ I``, ``KHÓA I``): a dash after it makes no heading."""
_DASH_HEADING_FIRST = frozenset("IVXABCD")
_DASH_HEADING = re.compile(r"^\s*(?:[IVX]{1,4}|[A-D])\s?[-–]\s*(?=[" + VI_UPPER + "]{2})")
"""A part heading whose numeral or letter a dash follows (``I- VỀ TỔ CHỨC …``, ``A- ĐÁNH GIÁ …``), in capitals."""


def is_subject_line(ln: Line, so_far: list[str], kind_line: Line) -> bool:
    """Is ``ln`` (part of) the subject (trích yếu) under the kind line, after the lines ``so_far``?

    The subject follows the kind at once: in capitals or sentence case, over one
    to six lines, often ``Về việc …``.  It is not a body opening (``Căn cứ``,
    ``Thực hiện Kế hoạch số … ,``), a part heading (``PHẦN I``, ``I.``), the
    ``Kính gửi`` line, a label (``Tên đơn vị: …``), a signer line, or the subject
    printed a second time.  After a subject in capitals, a sentence-case line
    starts the body, unless the capitals were only a word or two that belong to
    the kind (``BÁO CÁO`` / ``TỔNG KẾT`` / ``Thực hiện Đề án …``).
    """
    t = ln.text.strip()
    if not t:
        return False
    if so_far and enactor_under_kind(kind_line.text, so_far[0]):
        return is_subject_line(ln, so_far[1:], kind_line.with_text(f"{kind_line.text.strip()} {so_far[0]}"))
    if not so_far and enactor_under_kind(kind_line.text, t):
        return True  # the kind's enactor on a line of its own: the subject follows it
    f = fold(t)
    if so_far and so_far[-1].count("(") > so_far[-1].count(")") and len(t) <= 250:
        return True  # the rest of an aside the line above opened: "… (KHOÁ" / "XVI) về …"
    if _attachment_note_re().match(f):
        return False  # "(Ban hành kèm theo Quyết định số …)" under an attached Quy chế: a note, not its subject
    if so_far and _DASH_HEADING.match(t) and fold(so_far[-1]).split()[-1:] in NUMERAL_TAKERS:
        return True  # "… HỌC KÌ" / "I – NĂM HỌC 2018 – 2019": the numeral of the word above, not a heading
    if ADDRESSEES_HEAD.match(f) or is_section_marker(t) or is_authority_line(t) or is_number_line(t) \
            or is_standalone_date_line(t) or _ALWAYS_BODY.match(f) or is_motto(t) or SEPARATOR.match(t) \
            or _salutation_re().match(f):
        return False  # (nor the rule under the subject, nor "Kính thưa …" opening a speech)
    if so_far and _quote_open(" ".join(so_far)) and len(t) <= 250:
        return True  # the rest of a name the lines above opened in quotation marks: "… bản “Định mức …" / "thực hiện …”"
    if so_far and _YEARS_ONLY.fullmatch(t) and (_period_word_end_re().search(fold(so_far[-1]))
                                                or _OPEN_YEAR_RANGE.search(so_far[-1])):
        return True  # "… NĂM HỌC" / "2016-2017": the subject wrapped just before its year (whose weight OCR misjudges)
    if _ROMAN_WITHOUT_DOT.match(t) and is_upper_line(t):
        return False  # "I TÌNH HÌNH BỔ SUNG SÁCH": the first part's heading, its numeral typed without a dot
    if kind_line.bold and ln.bold is False:
        return False  # Word prints the subject bold like the kind
    note = _attachment_note_tail_re().search(fold_char_aligned(t)) if t.endswith(")") else None
    if note and note.start() > 0:
        t = t[: note.start()].rstrip()  # judged without the note Word kept in its paragraph ("… (Do ông …)")
        f = fold(t)
    upper = is_upper_line(t)
    opener = not upper and bool(_body_opener_re().match(f))
    label = bool(_LABEL.match(f)) and not _ABOUT.match(f)
    if not so_far:
        found = kind_of_title_line(kind_line.text)
        if label and found and found[1]:
            return False  # "BÁO CÁO HOẠT ĐỘNG Y TẾ" / "Tên đơn vị: …": the subject stood on the kind line
        if found and found[1] and names_its_body(kind_line.text, t) and not names_its_enactor(kind_line.text):
            return True  # "THÔNG BÁO CỦA UBND XÃ …" / "V/v …": the subject under the line that named the body
        if found and found[1] and (not names_its_enactor(kind_line.text) or subject_after_enactor(found[1])):
            # the subject began on the kind line: this line goes on with it, as below
            carried = found[1]
            if upper and _enacting_re().match(f) and not ends_open(fold(carried)) and enacted_kind(kind_line.text):
                return False  # "QUYẾT ĐỊNH VỀ VIỆC …" / "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …": who enacts it
            if is_upper_line(carried) and len(carried.split()) >= 3 and not upper:
                return t.startswith("(") or t[:1].islower() or is_subject_tail(t)  # capitals, then the body
        if opener and (len(t) > 120 or (t.rstrip()[-1:] in ",;:" and not _quote_open(t))):
            return False
        return upper or bool(_ABOUT.match(f)) or len(t) <= 350  # Word keeps a long subject in one paragraph
    if opener and len(so_far) == 1 and is_upper_line(so_far[0]) and len(so_far[0].split()) <= 2 \
            and len(t) <= 120 and (t.rstrip()[-1:] not in ",;:" or _quote_open(t)):
        return True  # "BÁO CÁO" / "TỔNG KẾT" / "Thực hiện Đề án “Nâng cao …": the words that name the report
    if len(so_far) >= 6 or t == so_far[0] or opener or label or is_opening_part(t):
        return False
    if t.startswith("(") or t[:1].islower():
        return len(t) <= 250
    if upper and _enacting_re().match(f) and not ends_open(fold(so_far[-1])) and enacted_kind(kind_line.text):
        return False  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under a Quyết định's subject: who enacts it
    if not upper and any(is_upper_line(x) for x in so_far) and is_subject_tail(t):
        return True  # the period under a subject in capitals: "Năm học: 2022-2023", "Thời điểm tháng 10 năm 2020"
    if all(is_upper_line(x) for x in so_far):
        return upper or (len(" ".join(so_far).split()) <= 2 and len(t) <= 250)
    if any(is_upper_line(x) for x in so_far) and not upper:
        return False  # a subject in capitals went on in lower case; a new capitalised sentence is the body
    if so_far[-1].endswith(";"):  # "… 6 tháng đầu năm;" / "Phương hướng … cuối năm 2012": a subject in two parts
        return not upper and len(t) <= 120 and not t.endswith((".", ";", ":", ","))
    return not upper and len(t) <= 120 and not so_far[-1].endswith((".", ":"))


# ================================================================ labelling

class LineKind(str, Enum):
    """What a zoned line is.  The values are the names used in ``tests/cases/lines.json``."""

    BLANK = "blank"
    SEPARATOR = "separator"                      # ----- / *** under a header column or the subject
    PAGE_NUMBER = "page_number"                  # printed over the layout, zone None
    STAMP = "stamp"                              # digital-signature stamp (Ký bởi: …), zone None
    MOTTO = "motto"                              # Quốc hiệu, Tiêu ngữ, ĐẢNG CỘNG SẢN VIỆT NAM, ĐOÀN TNCS…
    MARK = "mark"                                # DỰ THẢO, KHẨN, MẬT beside the header
    ISSUER = "issuer"                            # a line of the parent or issuing body's name
    NUMBER = "number"                            # Số: 27/BC-UBND
    PLACE_DATE = "place_date"                    # Hà Nội, ngày 05 tháng 01 năm 2023
    KIND = "kind"                                # BÁO CÁO (the kind word heading the title block)
    SUBJECT = "subject"                          # the subject (trích yếu), or a Công văn's V/v line
    SUBJECT_CONT = "subject_cont"                # a V/v subject wrapped onto the next lines
    ADDRESSEES_HEADING = "addressees_heading"    # Kính gửi:
    ADDRESSEE = "addressee"                      # - Sở Nội vụ; under Kính gửi
    HEADING = "heading"                          # I. KẾT QUẢ, 1. Công tác…, PHẦN THỨ NHẤT, Khó khăn:
    BULLET = "bullet"                            # - item, + item
    TEXT = "text"                                # running text
    RECIPIENTS_HEADING = "recipients_heading"    # Nơi nhận:
    RECIPIENTS_GROUP = "recipients_group"        # Gửi bản điện tử: (a group label inside Nơi nhận)
    RECIPIENT = "recipient"                      # - UBND huyện (b/c); and its wrapped second line
    TYPIST = "typist"                            # initials or a file path under the recipients
    AUTHORITY = "authority"                      # TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH
    POSITION = "position"                        # CHỦ TỊCH, PHÓ GIÁM ĐỐC
    SIGNATURE_NOTE = "signature_note"            # (Đã ký), (Ký, đóng dấu)
    NAME = "name"                                # Nguyễn Văn An


@lru_cache(maxsize=None)
def _mark_re() -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["header_marks"]) + r")"
                      r"(?:\s*\(?\s*lan(?:\s+thu)?\s*\d{1,2}\s*\)?)?\W*$")  # "DỰ THẢO LẦN 4", "Dự thảo (lần 2)"


@lru_cache(maxsize=None)
def _mark_prefix_re() -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["header_marks"]) + r")\W+(?=\S)")


def is_mark(text: str) -> bool:
    """``DỰ THẢO``, ``KHẨN``, ``MẬT`` printed beside the header: not a body's name."""
    return len(text) < 40 and bool(_mark_re().match(fold(text)))


_ROMAN_WITHOUT_DOT = re.compile(r"^\s*I\s+(?=[A-ZĐÀ-Ỹ]{2})")
"""The first part's heading with its numeral typed without a dot (``I TÌNH HÌNH …``) right under the subject:
only ``I`` can stand there; ``VI QUẢN LÝ …`` is a subject wrapped inside ``PHẠM VI``."""
"""A Roman part number typed without its dot before a heading in capitals (``I TÌNH HÌNH …``); case-sensitive,
on the printed text: no Vietnamese word is a lone I, V or X."""
_HEADING = re.compile(
    r"^\s*(?:phan\s+(?:thu\s+\w+|[ivx]{1,5}|\d{1,2})\b|chuong\s+(?:[ivx]{1,5}|\d{1,2})\b|dieu\s+\d+\s*[.:]"
    r"|[ivxl]{1,6}\s*(?:[.)/]\s|\.(?=[^\W\d_]))|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]\s*(?=\D)|[a-zđ]\s*\)\s|[a-z]\s*\.\s)"
)
_TYPIST = re.compile(r"[a-z]:\\|\\\\|[a-z0-9]\\[a-z0-9]|\.(?:docx?|pdf|odt|rtf)\s*$|^[a-z]{2,5}\d{0,3}[a-z]?\s*$")


def is_heading(text: str) -> bool:
    """A section heading: a numbered or lettered part (``I.``, ``1.2.``, ``a)``, ``PHẦN II``) or a short
    line in capitals, or a short label ending in a colon (``Khó khăn:``)."""
    t = text.strip()
    return bool(t) and _is_heading_folded(t, fold(t))


def _is_heading_folded(t: str, f: str) -> bool:
    if _HEADING.match(f) and not BULLET.match(t):
        return len(t) < 200
    return (len(t) < 120 and is_upper_line(t)) or (
        t.endswith(":") and len(t) < 60 and len(t.split()) <= 8 and ". " not in t)  # "Khó khăn:", not a lead-in


def is_typist_line(text: str) -> bool:
    """Typist initials (``NTT``, ``Hg10b``) or a file path (``D:\\\\Baocao\\\\2023.doc``) under the recipients."""
    t = text.strip()
    return 0 < len(t) < 80 and " " not in t.strip() and bool(_TYPIST.search(fold(t)))


def vv_continues(prev_kind: str | None, ln: Line) -> bool:
    """Does ``ln`` carry on a V/v subject printed on the line before?

    The subject of a Công văn is printed in the issuer column under the number,
    wrapped in lower case or sentence case; it ends at a blank line, a rule, or
    a line of another known shape.
    """
    t = ln.text.strip()
    if prev_kind not in (LineKind.SUBJECT, LineKind.SUBJECT_CONT) or not t:
        return False
    if SEPARATOR.match(t) or is_motto(t) or is_date_line(t) or is_number_line(t) or ADDRESSEES_HEAD.match(fold(t)):
        return False
    return t[:1].islower() or not is_upper_line(t) or bool(_CITED_NUMBER.fullmatch(fold(t).strip(" .,;:()")))
    # (a cited document's number wrapped alone: "… theo Nghị định" / "26/2011/NĐ-CP")


def subject_without_vv(text: str) -> bool:
    """A Công văn's subject under the number, in sentence case without ``V/v`` (``Hoãn tổ chức các hội nghị…``)."""
    t = text.strip()
    return 8 <= len(t) <= 120 and t[:1].isupper() and not is_upper_line(t) and not is_date_line(t) \
        and not ADDRESSEES_HEAD.match(fold(t)) and not is_motto(t) and not is_authority_line(t)


def header_shape(text: str) -> LineKind | None:
    """The kind of a header line from its text alone, or None when it needs its zone (issuer or other)."""
    t = text.strip()
    if not t:
        return LineKind.BLANK
    f = fold(t)
    if SEPARATOR.match(t):
        return LineKind.SEPARATOR
    if is_motto(t):
        return LineKind.MOTTO
    if is_number_line(t):
        return LineKind.NUMBER
    if VV_LINE.match(f):
        return LineKind.SUBJECT
    if is_date_line(t) and not (_PLACE_DATE_START.match(f) is None and opens_body(t)):
        return LineKind.PLACE_DATE  # (not "Thực hiện Kế hoạch số 172-KH/TU, ngày 21/01/2020 của …" opening the body)
    if ADDRESSEES_HEAD.match(f):
        return LineKind.ADDRESSEES_HEADING
    if is_mark(t):
        return LineKind.MARK
    return None


def label_lines(doc: "Document") -> None:
    """Give every zoned line of ``doc`` its :class:`LineKind` (in place)."""
    by_zone: dict[str | None, list[Line]] = {}
    for ln in doc.lines:
        by_zone.setdefault(ln.zone, []).append(ln)
    for ln in by_zone.get(None, []):
        ln.kind = LineKind.STAMP if is_signature_stamp(ln.text) else (
            LineKind.PAGE_NUMBER if is_page_number(ln.text) else LineKind.TEXT)
    _label_header(by_zone.get("header-left", []) + by_zone.get("header-right", []))
    _label_title(by_zone.get("title", []))
    _label_body(by_zone.get("body", []))
    _label_recipients(by_zone.get("footer-left", []))
    _label_signer(by_zone.get("footer-right", []))
    _label_addressees(doc.lines)


def _label_addressees(lines: list[Line]) -> None:
    """The items under ``Kính gửi:``, in reading order whatever zone each landed in: dashes, lower-case
    tails, and a line that carries on an item not yet closed by ``;`` or ``.``."""
    open_item = False
    after_heading = False
    column = None
    for ln in lines:
        if ln.kind == LineKind.ADDRESSEES_HEADING:
            after_heading, open_item = True, not ln.text.rstrip().endswith((":", ";", "."))
            column = ln.column
            continue
        if not after_heading or ln.zone in ("footer-left", "footer-right") or (ln.column and ln.column != column):
            continue  # the other column of a header (the motto, the date) is not the list
        if ln.kind not in (LineKind.BULLET, LineKind.TEXT, LineKind.ADDRESSEE, LineKind.ISSUER, LineKind.BLANK):
            after_heading = False
            continue
        t = ln.text.strip()
        if not t:
            after_heading = False
            continue
        if BULLET.match(t) or t[:1].islower() or (open_item and len(t) < 120 and not is_section_marker(t)
                                                  and not _body_opener_re().match(fold(t))):
            ln.kind = LineKind.ADDRESSEE
            open_item = not t.endswith((";", ".", ":"))
        else:
            after_heading = False


def _label_header(lines: list[Line]) -> None:
    prev: dict[str | None, str | None] = {}
    unnamed: list[Line] = []
    seen: set = set()
    sitting = _enacting_session(lines)
    for ln in lines:
        shape = header_shape(ln.text)
        if shape == LineKind.NUMBER and ln.text.lstrip()[:1].islower() \
                and prev.get(ln.zone) in (LineKind.SUBJECT, LineKind.SUBJECT_CONT):
            shape = LineKind.SUBJECT_CONT  # "… tại Thông báo" / "số 26/TB-VP.UBND ngày …": a citation in the subject
        if shape is None and vv_continues(prev.get(ln.zone), ln):
            shape = LineKind.SUBJECT_CONT
        if shape is None and prev.get(ln.zone) == LineKind.NUMBER and subject_without_vv(ln.text):
            shape = LineKind.SUBJECT  # a Công văn's subject printed under its number without "V/v"
        if shape is None and prev.get(ln.zone) in (LineKind.ADDRESSEES_HEADING, LineKind.ADDRESSEE) \
                and (BULLET.match(ln.text) or ln.text.strip()[:1].islower()):
            shape = LineKind.ADDRESSEE
        if shape is None:
            if ln.zone == "header-left" and not (unnamed and LineKind.NUMBER in seen and id(ln) in sitting):
                # (not "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG" / "KHÓA XVII - KỲ HỌP THỨ BA" under the issuer and the
                # number of a resolution whose kind line the capture lost: who enacts it)
                unnamed.append(ln)
            shape = LineKind.TEXT
        seen.add(shape)
        ln.kind = shape
        if shape is not LineKind.BLANK:
            prev[ln.zone] = shape
    # Bodies' names are printed in capitals; notes like "(bản sao)" are not names.  A header typed
    # in sentence case has no capital line at all: then its lines are the names.
    unnamed = [ln for ln in unnamed if not _is_kind_name(ln.text)  # "CÔNG VĂN" over a party's number: no body
               and not _CITED_NUMBER.fullmatch(fold(ln.text).strip(" .,;:()"))  # "26/2011/NĐ-CP": a V/v's last line
               and not _contact_line_re().match(fold(ln.text))]  # "MST: 0101264760" under an addressee
    upper = [ln for i, ln in enumerate(unnamed) if is_upper_line(ln.text) or (
        i and _NAME_PIECE.fullmatch(ln.text.strip()) and is_upper_line(unnamed[i - 1].text))]  # "… HỢP THANH" / "A"
    if upper:  # and a body's name above the last of them that lost its capitals ("Uỷ ban nhân dân" / "XÃ HOÀ PHƯỚC")
        named = {id(ln) for ln in upper}
        last = next(i for i, ln in enumerate(unnamed) if ln is upper[-1])
        upper = [ln for ln in unnamed[:last + 1] if id(ln) in named or _name_lost_its_capitals(ln.text)]
    for ln in upper or unnamed:
        if ln.text.strip(" _-–—*"):
            ln.kind = LineKind.ISSUER


@lru_cache(maxsize=None)
def _contact_line_re() -> re.Pattern[str]:
    """A contact or identifier line (``MST: 0101264760``, ``Điện thoại: …``; fixed_lines.contact_labels), folded."""
    return re.compile(r"^\W*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["contact_labels"]) + r")\s*:")


_CITED_NUMBER = re.compile(grammar.NUMBER)
"""A document's number alone on a line (folded): the end of a subject that wrapped, never a body's name."""
_SESSION = re.compile(r"^\W*kho[aá]\s+[ivxl\d]+\W+ky\s+hop\b")
_SESSION_AFTER = re.compile(r"\skho[aá]\s+[ivxl\d]+\W+ky\s+hop\b")


def _enacting_session(lines: list[Line]) -> set[int]:
    """ids of a term-and-session line (``KHÓA XVII - KỲ HỌP THỨ BA``) and of the enacting body's line above it
    (``HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG``), outside the header's columns."""
    out: set[int] = set()
    if not any("HỌP" in ln.text or "họp" in ln.text for ln in lines):
        return out
    text = [ln for ln in lines if ln.text.strip() and ln.column is None]
    for i, ln in enumerate(text):
        if ("HỌP" in ln.text or "họp" in ln.text) and _SESSION.match(fold(ln.text)):
            out.add(id(ln))
            if i and is_enacting_line(text[i - 1].text):
                out.add(id(text[i - 1]))
        elif ("HỌP" in ln.text or "họp" in ln.text) and _SESSION_AFTER.search(fold(ln.text)) and is_enacting_line(ln.text):
            out.add(id(ln))  # both in one paragraph: "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG KHÓA XVII - KỲ HỌP THỨ BA"
    return out


@lru_cache(maxsize=None)
def _kind_names() -> frozenset[str]:
    return frozenset(_whole_line_key(fold(k["name"])) for k in vocab.doc_kinds())


def _is_kind_name(text: str) -> bool:
    """A line that is only a kind's name (``CÔNG VĂN``): never a body's name."""
    return len(text) < 40 and _whole_line_key(fold(text)) in _kind_names()


def _name_lost_its_capitals(text: str) -> bool:
    """A short line in sentence case that opens a body's name (``Uỷ ban nhân dân``, ``Phòng Giáo dục và Đào tạo``)."""
    t = text.strip()
    return 0 < len(t) < 70 and not t.endswith((".", ":", ";")) and t[:1].isupper() and starts_organisation(t)


def _with_text(lines: list[Line]) -> Iterator[tuple[Line, str]]:
    """Each line that holds text, with its stripped text; the blank ones are labelled on the way."""
    for ln in lines:
        t = ln.text.strip()
        if t:
            yield ln, t
        else:
            ln.kind = LineKind.BLANK


def _label_title(lines: list[Line]) -> None:
    first = True
    for ln, t in _with_text(lines):
        if SEPARATOR.match(t):
            ln.kind = LineKind.SEPARATOR
        elif first and kind_of_title_line(t):
            ln.kind, first = LineKind.KIND, False
        elif is_mark(t):
            ln.kind = LineKind.MARK  # "(Dự thảo)" under the kind or the subject: not the subject's
        else:
            ln.kind, first = LineKind.SUBJECT, False


def _label_body(lines: list[Line]) -> None:
    """Body lines: headings, bullets, a standalone date, the Kính gửi block, text (each line folded once)."""
    in_addressees = False
    for ln in lines:
        t = ln.text.strip()
        if not t:
            ln.kind = LineKind.BLANK
            in_addressees = False
            continue
        f = fold(t)
        if ADDRESSEES_HEAD.match(f):
            ln.kind, in_addressees = LineKind.ADDRESSEES_HEADING, True
            continue
        if in_addressees and (BULLET.match(t) or t[:1].islower()):
            ln.kind = LineKind.ADDRESSEE
            continue
        in_addressees = False
        if SEPARATOR.match(t):
            ln.kind = LineKind.SEPARATOR
        elif BULLET.match(t):
            ln.kind = LineKind.BULLET
        elif len(t) < 90 and "ngay" in f and is_standalone_date_line(t):
            ln.kind = LineKind.PLACE_DATE
        elif _is_heading_folded(t, f):
            ln.kind = LineKind.HEADING
        else:
            ln.kind = LineKind.TEXT


_NAME_PIECE = re.compile(r"[A-ZĐ0-9]{1,3}|[" + VI_UPPER + r"]")


def _label_recipients(lines: list[Line]) -> None:
    seen_file_item = False
    before = ""
    for ln, t in _with_text(lines):
        f = fold(t)
        open_item, before = before.endswith(":") and not RECIPIENTS_HEAD.match(fold(before)), t
        if RECIPIENTS_HEAD.match(f):
            ln.kind = LineKind.RECIPIENTS_HEADING
        elif seen_file_item and is_typist_line(t) and not open_item:  # ("- Lưu:" / "VP": the item's rest)
            ln.kind = LineKind.TYPIST  # initials or a file path under "- Lưu: VT"
        elif SEPARATOR.match(t):
            ln.kind = LineKind.SEPARATOR
        elif _GROUP_LABEL.match(t):
            ln.kind = LineKind.RECIPIENTS_GROUP  # "Gửi bản điện tử:" / "Bản giấy:" over their own items
        else:
            ln.kind = LineKind.RECIPIENT
            seen_file_item = seen_file_item or bool(_FILE_ITEM.match(f))


_FILE_ITEM = re.compile(r"^\W*luu\b")
_GROUP_LABEL = re.compile(r"^[^\W\d_][^:;,\-–]{2,40}:\s*$")
"""A short undashed label ending in its colon, with its items on the next lines."""


def _label_signer(lines: list[Line]) -> None:
    """The signer block read top-down: authority line(s), position, notes and gaps, the name."""
    content: list[Line] = []
    for ln, t in _with_text(lines):
        if is_signature_note(t) and not is_authority_line(t) or _salutation_re().match(fold(t)):
            ln.kind = LineKind.SIGNATURE_NOTE  # "(Đã ký)", but "Ký thay Chủ tịch" is an authority
        elif SEPARATOR.match(t):
            ln.kind = LineKind.SEPARATOR
        elif is_standalone_date_line(t):
            ln.kind = LineKind.PLACE_DATE  # the date written above the signer
        else:
            ln.kind = LineKind.TEXT
            if len(t) > 3 or sum(c.isalpha() for c in t) >= 2:
                content.append(ln)  # (not an OCR speck of the signature or the seal: "^", "z")
    if not content:
        return
    name_at = next((i for i in range(len(content) - 1, -1, -1)
                    if looks_like_name(content[i].text) and not is_position(content[i].text)), None)
    if name_at is not None:
        content[name_at].kind = LineKind.NAME
    above = content[:name_at] if name_at is not None else content
    authority: list[Line] = []
    position: list[Line] = []
    for i, ln in enumerate(above):
        t = ln.text.strip()
        if i and _AND_START.match(fold(t)) and is_upper_line(t) and (authority or position):
            (position or authority).append(ln)  # "… KHOA HỌC, CÔNG NGHỆ" / "VÀ MÔI TRƯỜNG": the line above goes on
            continue
        if is_authority_line(t) and not position:
            authority.append(ln)
        elif not position and i + 1 < len(above) and not is_position(t) \
                and is_position_alone(f"{t} {above[i + 1].text.strip()}"):
            position.append(ln)  # "PHÓ" / "CHỦ NHIỆM": a position broken over two lines (OCR, a narrow cell)
        elif not (authority or position) and _bare_body_over_position(t, above[i + 1:]):
            authority.append(ln)  # "ỦY BAN THƯỜNG VỤ QUỐC HỘI" / "CHỦ TỊCH": the body, printed without its TM.
        elif is_upper_line(t) or (authority and not position) or (len(t) <= 40 and is_position(t)):
            # (the last: a position typed in sentence case, "Chủ tịch" over "(Đã ký)")
            if authority and not position and not is_authority_line(t) and (
                    i + 1 < len(above) and not is_position_alone(t) and is_position_alone(above[i + 1].text.strip())
                    or _continues_authority(authority[-1].text) and not (
                        is_position_alone(t) and not bare_authority_re().match(fold(authority[-1].text)))
                    or not is_position(t) and any(is_position(x.text) for x in above[i + 1:])):
                authority.append(ln)  # TM. BAN THƯỜNG VỤ / HUYỆN ỦY wrapped after "VÀ", or before the position
                # (a position alone after a dash is the position: "… KẾ HOẠCH-TÀI" / "- CHÍNH -" / "PHÓ VỤ TRƯỞNG");
                # a head's title with its body over a position alone is the head's: "KT. BỘ TRƯỞNG" /
                # "CHỦ NHIỆM VP CHÍNH PHỦ" / "PHÓ CHỦ NHIỆM"
                continue
            position.append(ln)
    acting = next((k for k in range(len(authority) - 1, -1, -1) if re.match(r"\s*Q\s*\.", authority[k].text)), None)
    if authority and not position and acting is not None:
        # "Q. CHỦ TỊCH" last (with the lines it wraps onto): an acting head's position
        position, authority = authority[acting:], authority[:acting]
    for ln in authority:
        ln.kind = LineKind.AUTHORITY
    for ln in position:
        ln.kind = LineKind.POSITION


def _bare_body_over_position(text: str, below: list[Line]) -> bool:
    """A collective body's name in capitals right over the signer's position, without ``TM.`` (older documents)."""
    return bool(below) and is_upper_line(text) and not is_position(text) and starts_organisation(text) \
        and is_position(below[0].text)


_AND_START = re.compile(r"^va\s")
"""A signer line that starts with ``VÀ`` (folded) goes on from the line above it."""


@lru_cache(maxsize=None)
def _salutation_re() -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["closing_salutations"]) + r")\W*$")


def _continues_authority(prev: str) -> bool:
    f = fold(prev)
    return f.rstrip().endswith((" va", "&", "-", ",")) or bool(bare_authority_re().match(f))
