"""Line-shape tests shared by the layout code, built from the vocabulary data.

Every test runs on the tone-folded line (``normalise.folding.fold``), so old and
new tone placement, missing accents and case do not matter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalise.folding import fold, fold_char_aligned
from .. import vocab
from ..normalise.charclass import VI_LOWER, VI_UPPER


@lru_cache(maxsize=None)
def motto_re() -> re.Pattern[str]:
    words = vocab.load("fixed_lines")["motto"]
    # OCR and typists vary the dashes and spaces of the motto: match its words loosely.
    alts = [r"\W*".join(re.escape(w) for w in fold(m).replace("-", " ").split()) for m in words]
    return re.compile("|".join(alts))


@lru_cache(maxsize=None)
def authority_re() -> re.Pattern[str]:
    prefixes = vocab.load("authority_prefixes")["prefixes"]
    alts = []
    for p in sorted(prefixes, key=len, reverse=True):
        f = fold(p)
        if f.endswith("."):
            alts.append(re.escape(f[:-1]) + r"\s*\.")
        elif "/" in f:
            alts.append(re.escape(f))
        else:
            alts.append(re.escape(f).replace(r"\ ", r"\s+") + r"\b")
    return re.compile(r"^\s*(?:" + "|".join(alts) + r")\s*\S")


DATE_LINE = re.compile(
    r"(?:^|,|\s)ngay\s*[\d.…_\s]{0,8}\s*thang\s*[\d.…_\s]{0,6}\s*nam\s*(?:\d{4}|[.…_\s]*$)"
    r"|,\s*ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
)
NUMBER_LINE = re.compile(r"^\s*so\s*[:;.]|^\s*so\s+\d")
VV_LINE = re.compile(r"^\s*v\s*/\s*v\b|^\s*ve\s+viec\b")
RECIPIENTS_HEAD = re.compile(r"^\s*noi\s+(?:nhan|gui)\s*[:;.]?")
ADDRESSEES_HEAD = re.compile(r"^\s*kinh\s+gui\s*[:;.]?")
SEPARATOR = re.compile(r"^\s*[-_–—=*~.·•]{3,}\s*$|^\s*[-–—]\s*[-–—]\s*[-–—]")
SIGNATURE_NOTE = re.compile(r"^\s*[(\[]?\s*(?:da\s+ky|ky\b|ky\s+ten|ky\s+so|ky,|dong\s+dau|chu\s+ky)[^)\]]{0,40}[)\]]?\s*$")
BULLET = re.compile(r"^\s*[-+•*–—]\s*")


@lru_cache(maxsize=None)
def title_kinds() -> dict[str, str]:
    """Folded kind name (spaces removed) → printed kind name, for the kinds that head a title block."""
    return {fold(k["name"]).replace(" ", ""): k["name"] for k in vocab.doc_kinds() if k.get("title")}


def kind_of_title_line(text: str) -> tuple[str, str] | None:
    """``("BÁO CÁO", rest)`` when the line is a title-block kind line, else None.

    The kind is upper case and stands alone or starts the line (``BÁO CÁO KẾT QUẢ…``);
    letter-spaced titles (``B Á O  C Á O``) are accepted.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 200 or not stripped[0].isupper():
        return None
    kinds = title_kinds()
    folded = fold_char_aligned(stripped)
    compact = folded.replace(" ", "").rstrip(":.")
    if compact in kinds:
        letters = [c for c in stripped if c.isalpha()]
        if sum(c.isupper() for c in letters) >= len(letters) * 0.8:
            return kinds[compact], ""
    for key, name in kinds.items():
        n = len(name)
        if len(stripped) > n and folded[:n].replace(" ", "") == key and not stripped[n].isalpha() \
                and stripped[:n].isupper():
            rest = stripped[n:].strip(" :.-–")
            if rest and rest[0].isupper() and len(stripped) <= 160:
                return name, rest  # "BÁO CÁO KẾT QUẢ…", "BÁO CÁO: Kết quả…", "BÁO CÁO Kết quả…"
    return None


def is_motto(text: str) -> bool:
    return bool(motto_re().search(fold(text)))


def is_date_line(text: str) -> bool:
    return len(text) < 120 and bool(DATE_LINE.search(fold(text)))


def is_number_line(text: str) -> bool:
    return len(text) < 80 and bool(NUMBER_LINE.match(fold(text)))


def is_authority_line(text: str) -> bool:
    return len(text) < 120 and bool(authority_re().match(fold(text)))


def is_signature_note(text: str) -> bool:
    return len(text) < 60 and bool(SIGNATURE_NOTE.match(fold(text)))


def is_upper_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


_NAME_WORD = re.compile("^[" + VI_UPPER + "](?:[" + VI_LOWER + "]*'[" + VI_UPPER + "])?[" + VI_LOWER + "]*$")


def looks_like_name(text: str) -> bool:
    """A person's name: 2–5 capitalised syllables (``Nguyễn Thị Thư``), or the same in capitals."""
    t = text.strip().strip(".,;")
    words = [w for w in t.split() if any(c.isalpha() for c in w)]  # OCR specks (`, ') are no syllables
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in t):
        return False
    if all(_NAME_WORD.match(w) for w in words):
        return True
    return t.isupper() and all(w.isalpha() for w in words) and len(words) <= 5


@lru_cache(maxsize=None)
def stamp_re() -> re.Pattern[str]:
    labels = vocab.load("fixed_lines")["signature_stamp"]
    return re.compile(r"^\s*(?:" + vocab.folded_alternation(labels) + r")\s*:")


def is_signature_stamp(text: str) -> bool:
    """A line of a digital-signature stamp (``Ký bởi: …``, ``Thời gian ký: …``)."""
    return ":" in text and len(text) < 200 and bool(stamp_re().match(fold(text)))


PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?\s*$|^\s*(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?\s*$")


def is_page_number(text: str) -> bool:
    return len(text) < 20 and bool(PAGE_NUMBER.match(fold(text)))


@lru_cache(maxsize=None)
def _position_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + vocab.folded_alternation(vocab.load("positions")["words"]) + r")\b")


def is_position(text: str) -> bool:
    """A signer's position (``CHỦ TỊCH``, ``PHÓ GIÁM ĐỐC``), which in capitals looks like a name in capitals."""
    return bool(_position_re().search(fold(text)))
