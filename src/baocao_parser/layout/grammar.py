"""The grammar of document numbers, symbols and dates: each pattern defined once.

Nghị định 30/2020 (Phụ lục I) writes a document's number and symbol as
``sequence[/year]/KIND-ISSUER[-UNIT]`` (``27/BC-UBND``, ``06/2024/QĐ-UBND``); a
Công văn drops the kind code (``12/UBND-VX``) and party documents use a hyphen
after the sequence (``45-BC/ĐU``, Hướng dẫn 36-HD/VPTW).  Real documents add
spaces and dashes inside (``27/ KH – BCĐ – GDĐT``).  Dates are written in words
(``ngày 05 tháng 01 năm 2023``) or digits (``05/01/2023``, ``5-1-2023``).

Every pattern here runs on the tone-folded, character-aligned text
(:func:`~baocao_parser.normalise.folding.fold_char_aligned`), so match offsets
map back to the original and values are always cut from the original text.
The header, the references, the period, paragraph joining, OCR repair and the
comparison all read these; none defines its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from ..normalise.charclass import VI_LOWER
from ..normalise.folding import fold

# ---------------------------------------------------------------- numbers and symbols

SEQUENCE = r"\d{1,6}"
YEAR = r"(?:19|20)\d{2}"
SYMBOL_PART = r"[a-z&][a-z0-9&.]*"
"""One part of a symbol, folded: ``bc``, ``ubnd``, ``gd&dt``, ``nd-cp``'s halves."""

_SYMBOL_TAIL = r"(?:(?:[-/]\s?|\s-(?=[a-z])|\s?[–—]\s?|\s[-–—]\s)(?!ngay\b|nam\b|ve\b)[a-z0-9&.]+)*"
"""The symbol's further parts: ``-ubnd``, ``/ tw``, `` – bcd``, and a hyphen a typist set apart from the part before
(``1989/v11 -ttttbc``)."""

NUMBER = SEQUENCE + r"(?:\s?/\s?" + YEAR + r")?(?:\s?[-/–—]\s?" + SYMBOL_PART + _SYMBOL_TAIL + r")"
"""A number with its symbol as cited in running text (folded): ``12/kh-ubnd``, ``80-kl/tw``, ``27/ kh – bcd``."""

FORM_NUMBER = SEQUENCE + r"(?:\s?/\s?" + YEAR + r")?(?:(?:[ \t]{0,8}/[ \t]{0,3}|\s?[-–—]\s?|[ \t]{0,3}(?=" + SYMBOL_PART \
    + r"[/-][a-z0-9]))" + SYMBOL_PART + _SYMBOL_TAIL + r")"
"""The number on a header's ``Số:`` line, whose slash may stand apart by a few spaces, as a number filled
into a typed form is (``02   /bckđ-mt``), or be missing before a symbol that has its own (``1041 tct/nv6``,
``4358tct/nv6``: how offices numbered before the 2004 rules); running text is searched with :data:`NUMBER`."""

BLANK_NUMBER = r"[-–.…_\s]*/?\s*[a-z][\w&.]*(?:\s?[-–/]\s?[\w&.]+)*"
"""The symbol of a number whose sequence was left blank to be filled by hand (folded): ``….. /bc-cb``,
``. . . ./bc- thmh``, ``- hd/twdtn-btc``."""

NUMBER_AFTER_LABEL = (r"(?:" + FORM_NUMBER + r"|(?=[-–.…_\s]*\S*[-–/])(?:" + BLANK_NUMBER + r")|(?=\S*[\d/])\S*|)")
"""What follows ``Số:`` (folded): a number, one left blank (its symbol keeps its slash or dash), a word with a
figure or a slash, or nothing: ``Số: Hà Nội, ngày …`` is a draft's place after a number still to come."""

LAST_SYMBOL_WORD = re.compile(r"[^\W\d_]{1,8}(?:\s[" + VI_LOWER + r"][^\W\d_]{0,7})?")
"""One word of letters after a number, ending its line: the symbol's last part, typed after a space
(``134 /BC-THPT Chuyên``, ``210 /KH- THPT TS``: the school's name in its code; ``04-BC/BCH Chi đoàn``, its second
word in small letters, which no place's name has), not what follows the number."""

_DASH_THEN_WORD = re.compile(r"[-–]\s+(\S+)$")


def number_label_end(text: str, end: int, start: int = 0) -> int:
    """``end`` of a number matched by :data:`NUMBER_AFTER_LABEL` from ``start`` on the folded ``text``, pulled
    back before a last symbol part in title case after a dash and a space, which no symbol holds: the place
    comes next (``Số: 112 / BC-BCĐPCGD- Hậu Lộc, ngày …``, ``Số: 11991/1999/UBTDTT-TT1 - Hà Nội, ngày …``)."""
    tail = _DASH_THEN_WORD.search(text, start, end)
    word = tail.group(1) if tail else ""
    return tail.start(1) if len(word) > 1 and word[:1].isupper() and word[1:].islower() else end


SHORT_NUMBER = SEQUENCE + r"(?![\d/])"
"""A bare sequence number (``kế hoạch số 13``): a short mention of a document cited before."""

BARE_NUMBER = re.compile(
    r"(?<![\w/])(?:so\s*[:.]?\s*)?(?P<num>" + SEQUENCE + r"(?:/" + YEAR + r")?/(?P<code>[a-z]{1,5})-[a-z][a-z0-9&.-]*)"
)
"""A number cited without its kind word (``theo 12/KH-UBND``): the kind comes from the code."""

HAS_NUMBER = re.compile(r"\d\s?[/-]|\d\s+ng")
"""Cheap pre-check: a paragraph that cites anything holds ``12/…``, ``80-…`` or ``số 13 ngày``."""

WRAPPED_SYMBOL = re.compile(r"\d[\w/]*[/-]\w{0,12}[/-]$|\d/$")
"""A line that ends inside a number (``18/KH-`` / ``SGTVT``): the next line is glued on without a space.

Bounded repetition: a line of ``1/1/1/…`` must not make the test quadratic."""

SYMBOL_TOKEN = re.compile(r"^(\(?)(\d{1,6}[a-z]?)\s*/\s*(\d{4}/)?([^\s/]+(?:[-–][^\s/]+)*)(.*)$")
"""A number-and-symbol token in the original case, as OCR gives it (``12/BC-UBNĐ``), for repairing its codes."""

_SPLIT = re.compile(r"(\d{1,6})(?:/(" + YEAR + r"))?(?:[/-]|(?=[^\W\d_][\w&.]*[/-]))(.+)")
"""Sequence, year, symbol of a compacted number; the symbol may follow the sequence at once where it has its own
slash or dash (``1041TCT/NV6``, from ``1041 TCT/NV6``)."""


_SPACES = re.compile(r"\s+")
_DASH = re.compile(r"[–—‒−]")
_SPACES_AND_DASHES = re.compile(r"[\s\-–—‒−]+")
_SYMBOL_SEPARATOR = re.compile(r"[-/]")


def compact_number(raw: str) -> str:
    """The number without spaces, every dash a hyphen: ``27/ KH – BCĐ`` → ``27/KH-BCĐ``."""
    return _DASH.sub("-", _SPACES.sub("", raw))


def split_number(raw: str) -> tuple[int, int | None, str] | None:
    """``45/2020/NĐ-CP`` → ``(45, 2020, 'NĐ-CP')``; ``45-BC/ĐU`` → ``(45, None, 'BC/ĐU')``; None if no number."""
    m = _SPLIT.match(compact_number(raw))
    if not m:
        return None
    return int(m.group(1)), (int(m.group(2)) if m.group(2) else None), m.group(3)


def kind_and_issuer_codes(symbol: str, is_kind_code: Callable[[str], object]) -> tuple[str | None, str | None]:
    """The kind code and the issuer code of a number's symbol (``BC-UBND`` → ``('BC', 'UBND')``,
    ``BC/ĐU`` → ``('BC', 'ĐU')``, ``NĐ-CP`` → ``('NĐ', 'CP')``); a Công văn's symbol has no kind code
    (``UBND-VX`` → ``(None, 'UBND-VX')``).  ``is_kind_code`` says whether a code names a kind."""
    parts = symbol.split("-", 1) if "-" in symbol else symbol.split("/", 1)
    if len(parts) == 2 and is_kind_code(parts[0]):
        return parts[0], parts[1]
    if is_kind_code(symbol):
        return symbol, None
    return None, symbol


def symbol_parts(symbol: str) -> list[str]:
    """``BC-UBND`` → ``['BC', 'UBND']``; ``BC/ĐU`` → ``['BC', 'ĐU']``; ``KH-BCĐ-GDĐT`` keeps three parts."""
    return [p for p in _SYMBOL_SEPARATOR.split(symbol) if p]


def code_of(number: str) -> str | None:
    """The first code of a number's symbol, as printed (``12/KH-UBND`` → ``KH``), or None."""
    parts = split_number(number)
    if parts is None:
        return None
    first = symbol_parts(parts[2])
    return first[0] if first else None


def number_key(number: str) -> str:
    """Identity of a document number: case, spaces and dashes do not matter.

    ``18/KH-SGTVT`` = ``18/KHSGTVT`` (a text extraction that dropped a line-end
    hyphen prints it so) = ``18 / KH – SGTVT``.  The references, the archive and
    the comparison of two reports all use this one key.
    """
    return fold(_SPACES_AND_DASHES.sub("", number)).upper()


# ---------------------------------------------------------------- dates

DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})")
"""``ngày 05 tháng 01 năm 2023`` (folded), also with a comma before ``tháng`` or ``năm``."""

DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])")
"""``05/01/2023``, ``5-1-2023``, ``05.01.2023``."""

DATE_ANY = re.compile(DATE_WORDS.pattern + "|" + DATE_NUMERIC.pattern)

DATE_TEXT = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*" + YEAR + r"|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+" + YEAR
"""A whole date inside a larger pattern (``từ ngày … đến ngày …``), without groups."""

_DATE_PARTS = re.compile(r"(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(" + YEAR + ")")

PLACE_DATE_LINE = re.compile(
    r"(?:^|,|\s)ngay\s*[\d.…_\s]{0,8},?\s*thang\s*[\d.…_\s]{0,6},?\s*nam\s*(?:\d{4}|[.…_\s]*$)"
    r"|,\s*ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
)
"""The place-and-date line (``Hà Nội, ngày 05 tháng 01 năm 2023``), also with the day or month left blank."""


def make_date(day: str | int, month: str | int, year: str | int) -> dt.date | None:
    """A date, or None when impossible (31/02) or outside 1945–2100 (an OCR slip, not a date)."""
    try:
        y = int(year)
        if not 1945 <= y <= 2100:
            return None
        return dt.date(y, int(month), int(day))
    except (ValueError, TypeError):
        return None


def date_from_match(m: re.Match[str]) -> dt.date | None:
    """The date of a :data:`DATE_WORDS`, :data:`DATE_NUMERIC` or :data:`DATE_ANY` match."""
    g = [x for x in m.groups() if x is not None]
    return make_date(*g[:3]) if len(g) >= 3 else None


def date_in(folded: str) -> dt.date | None:
    """The first date written in a folded piece of text (``05/01/2023`` or ``5 tháng 1 năm 2023``)."""
    m = _DATE_PARTS.search(folded)
    return make_date(*m.groups()) if m else None


_ABBREVIATION = re.compile(r"^(?:[A-ZĐ]{1,3}|[A-ZĐ][a-zđ])\.")  # TP. Tp. TX. Q. (not "Nam." ending a sentence)


def _is_place_word(word: str) -> bool:
    """A word of a place name: ``Hà``, ``Nội``, ``TP.``, ``Tp.``, ``TP.Hồ``, or the dash of ``Phan Rang - Tháp Chàm``.

    Case is asked of the letters themselves: a range such as ``À-Ỹ`` holds lower-case
    letters too (``ở``, ``ấp``), which must end the place.
    """
    if word in ("-", "–"):
        return True
    m = _ABBREVIATION.match(word)
    if m:
        return m.end() == len(word) or _capitalised(word[m.end():])
    return _capitalised(word)


def _capitalised(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word[0].isupper() and word[1:].islower()


def place_start(text: str, end: int, most: int = 4) -> int:
    """Where the place name ending at ``end`` begins (``… chưa được thực thi Hà Nội, ngày …`` → at ``Hà``).

    The place is the run of at most ``most`` capitalised words (and ``TP.``-like
    abbreviations) just before the comma of the place-and-date; a lower-case
    word, a word in capitals (``BHYT``), a number or a mark ends the run.  In a
    place-and-date printed in capitals (``CHÂU THÀNH, NGÀY …``) its capital words are the place's.  When a
    capture runs the subject or the number into the place-and-date, this is
    where the place-and-date line begins.
    """
    words = list(re.finditer(r"\S+", text[:end]))
    first = len(words)
    taken = 0
    in_capitals = text[end:end + 12].upper() == text[end:end + 12] and any(c.isalpha() for c in text[end:end + 12])
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group()
        numbered = w.isdigit() and len(w) <= 2 and i > 0 and _numbered_unit(words[i - 1].group())
        shouted = in_capitals and w.isalpha() and w.isupper()  # "… CHÂU THÀNH, NGÀY 7 THÁNG 12": all in capitals
        if taken >= most or not (_is_place_word(w) or numbered or shouted):
            break
        first = i
        taken += w not in "-–"
    run = [w.group() for w in words[first:]]
    half = len(run) // 2
    if len(run) % 2 == 0 and half and [fold(x) for x in run[:half]] == [fold(x) for x in run[half:]]:
        first += half  # "… trên địa bàn xã Cát Nê Cát Nê, ngày …": the subject ended on the place's own name
        run = run[half:]
    for k in range(2, len(run)):  # "… Tôn Đức Thắng Hà Nội": a province's name that ends the run is the place
        if " ".join(fold(x) for x in run[k:]) in _provinces():
            first += k
            break
    if first >= 2 and fold(" ".join(w.group() for w in words[first - 2:first])) in _unit_words() \
            and words[first - 2].group()[:1].isupper():
        first -= 2  # "Thành phố Hồ Chí Minh, ngày …": the level's second word is in lower case
    return words[first].start() if first < len(words) else end


def _numbered_unit(word: str) -> bool:
    """``Quận`` or ``Phường`` before a number: ``Quận 2, ngày …`` is a place (HCM City numbers its units)."""
    return fold(word) in _unit_words()


@lru_cache(maxsize=None)
def _provinces() -> frozenset[str]:
    from .. import vocab

    return frozenset(fold(x) for x in vocab.load("administrative_units")["provinces"])


@lru_cache(maxsize=None)
def _unit_words() -> frozenset[str]:
    from .. import vocab  # the grammar is imported by vocab's users; the data is read on first use

    return frozenset(fold(x) for x in vocab.load("administrative_units")["levels"])

