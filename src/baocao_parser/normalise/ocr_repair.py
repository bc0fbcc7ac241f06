"""Repair Tesseract's mistakes in the fixed vocabulary of Vietnamese reports.

OCR drops or confuses tone marks and vowel marks (``CỘNG HOA XA HỘI``,
``Độc lập - Tư do - Hanh phúc``, ``ngay 15 thang 6 năm 2023``) and misreads the
parts of a document number (``12/BC-UBNĐ``).  Each line is compared with the
vocabulary in ``vocab/data/ocr_vocabulary.txt`` on a *tone-folded* key
(diacritics, ``đ`` and case removed); a window of tokens whose folded form
equals a vocabulary phrase, or is within a small edit distance of a long one,
takes the phrase's spelling, keeping the original's case style and
punctuation.  A token that differs from the phrase only in tone placement
(``Uỷ``/``Ủy``) is left as written.

Applied to OCR'd lines only: a text layer's spelling is the author's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from ..layout import grammar
from .folding import fold, tone_key

NUMBER = "<n>"
_DASHES = set("-–—_~−")
_PUNCT_LEAD = "([\"'“‘"
_PUNCT_TRAIL = ".,;:)]\"'”’!?"


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    length: int


@lru_cache(maxsize=1)
def vocabulary() -> tuple[list[_Phrase], dict[str, str], dict[str, list[int]]]:
    """(phrases, kind-code parts by folded key, index: folded token → phrase ids)."""
    text = resources.files("baocao_parser.vocab").joinpath("data/ocr_vocabulary.txt").read_text(encoding="utf-8")
    phrases: list[_Phrase] = []
    codes: dict[str, str] = {}
    seen: set[tuple[str, ...]] = set()
    for raw in text.splitlines():
        line = unicodedata.normalize("NFC", raw.strip())
        if not line or line.startswith("#"):
            continue
        if line.startswith("code:"):
            code = line[5:].strip()
            codes.setdefault(fold(code), code)
            continue
        tokens = tuple(line.split())
        folded = tuple(t if t == NUMBER else ("-" if t in _DASHES else fold(t.strip(",.:;"))) for t in tokens)
        if folded in seen:
            continue
        seen.add(folded)
        phrases.append(_Phrase(tokens, folded, sum(len(f) for f in folded if f != NUMBER)))
    index: dict[str, list[int]] = {}
    for i, p in enumerate(phrases):
        for f in set(p.folded):
            if f not in (NUMBER, "-"):
                index.setdefault(f, []).append(i)
    return phrases, codes, index


def _split(token: str) -> tuple[str, str, str]:
    a = 0
    while a < len(token) and token[a] in _PUNCT_LEAD:
        a += 1
    b = len(token)
    while b > a and token[b - 1] in _PUNCT_TRAIL:
        b -= 1
    return token[:a], token[a:b], token[b:]


def _token_match(core: str, want: str) -> int | None:
    """Edit distance of a token's folded core to a phrase token; None when it cannot match."""
    if want == NUMBER:
        return 0 if any(ch.isdigit() for ch in core) else None
    if want == "-":
        return 0 if core in _DASHES or (not core and True) else None
    f = fold(core)
    if f == want:
        return 0
    if len(want) >= 3 and abs(len(f) - len(want)) <= 1:
        d = Levenshtein.distance(f, want, score_cutoff=1)
        return d if d <= 1 else None
    return None


_GLUED_CAPITALS = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,24}(?![^\W\d_])")
"""A run of capital letters: a name's syllables OCR may have run together (``SỞNỘIVỤ``, ``THÀNHPHỐHẢIPHÒNG``)."""
_LONGEST_SYLLABLE = 7


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """The Vietnamese syllables (with their tones, lower case) of the word list underthesea ships (Viet74K);
    empty when it is not there.  Located without importing underthesea (whose import costs half a second)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "corpus" / "data" / "Viet74K.txt"
    try:
        words = path.read_text(encoding="utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(w for w in (unicodedata.normalize("NFC", w.lower()) for w in words)
                     if w.isalpha() and _VOWEL.search(fold(w)))


_VOWEL = re.compile(r"[aeiouy]")
"""A syllable has a vowel: the word list's abbreviations (``đt``, ``tb``) are no syllables."""


def _syllables_apart(m: re.Match[str]) -> str:
    """A run of capitals that is no syllable, cut into the fewest syllables of the word list when it is made of
    them: OCR drops the spaces of a bold, letter-spaced header line (``SỞLAOĐỘNG`` → ``SỞ LAO ĐỘNG``).  Only a
    run with a Vietnamese letter (ư, ơ, â, đ or a tone): an abbreviation (``UBND``) or a foreign word
    (``ASEAN``) is left as it is."""
    token = m.group()
    lower = token.lower()
    if not token.isupper() or lower.isascii() or lower in _syllables() or not _syllables():
        return token
    known = _syllables()
    best: list[list[int] | None] = [None] * (len(lower) + 1)  # fewest cuts to reach each position
    best[0] = []
    for i in range(len(lower)):
        if best[i] is None:
            continue
        for j in range(i + 2, min(len(lower), i + _LONGEST_SYLLABLE) + 1):  # (no one-letter piece: NGHỈA is
            # a misread NGHĨA, not NGHỈ + A)
            if lower[i:j] in known and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = best[i] + [j]
    cuts = best[len(lower)]
    if not cuts or len(cuts) < 2:
        return token
    starts = [0] + cuts[:-1]
    return " ".join(token[a:b] for a, b in zip(starts, cuts))


def repair(text: str) -> str:
    """The line with fixed-vocabulary OCR mistakes repaired."""
    if not text.strip():
        return text
    text = unicodedata.normalize("NFC", text)
    # Tesseract writes the Icelandic eth (Ð, ð) for Đ/đ, sometimes after the right letter.
    text = text.replace("ĐÐ", "Đ").replace("Ð", "Đ").replace("đð", "đ").replace("ð", "đ")
    text = _GLUED_CAPITALS.sub(_syllables_apart, text)
    phrases, codes, index = vocabulary()
    parts = re.split(r"(\s+)", text)
    toks = parts[0::2]
    seps = parts[1::2]
    split = [_split(t) for t in toks]
    folded = [fold(s[1]) for s in split]
    candidates: dict[int, set[int]] = {}
    for j, f in enumerate(folded):
        for pid in index.get(f, ()):
            p = phrases[pid]
            for k, pf in enumerate(p.folded):
                if pf == f and j - k >= 0:
                    candidates.setdefault(pid, set()).add(j - k)
    # Longest phrases first so a long match is not cut by a short one.
    done: set[int] = set()
    for pid in sorted(candidates, key=lambda i: -phrases[i].length):
        p = phrases[pid]
        n = len(p.tokens)
        for start in sorted(candidates[pid]):
            if start + n > len(toks) or any(i in done for i in range(start, start + n)):
                continue
            dists = []
            for k in range(n):
                d = _token_match(split[start + k][1], p.folded[k])
                if d is None:
                    break
                dists.append(d)
            else:
                allowed = 0 if p.length < 12 else (1 if p.length < 20 else 2)
                if sum(dists) > allowed:
                    continue
                window = [split[start + k][1] for k in range(n)]
                letters = "".join(w for w in window if any(c.isalpha() for c in w))
                upper = bool(letters) and letters.isupper() and len(letters) > 1
                for k in range(n):
                    lead, core, trail = split[start + k]
                    want = p.tokens[k]
                    if want == NUMBER or p.folded[k] == "-":
                        if p.folded[k] == "-" and core in _DASHES:
                            core = "-"
                        split[start + k] = (lead, core, trail)
                        continue
                    want_core = _split(want)[1]
                    if core == want_core or tone_key(core) == tone_key(want_core):
                        continue
                    if upper:
                        new = want_core.upper()
                    else:
                        new = want_core.lower() if want_core.isupper() and len(want_core) > 1 else want_core
                        if core[:1].isalpha():
                            new = (new[:1].upper() if core[:1].isupper() else new[:1].lower()) + new[1:]
                    split[start + k] = (lead, new, trail)
                done.update(range(start, start + n))
    out = []
    for i, (lead, core, trail) in enumerate(split):
        out.append(_fix_symbol(lead + core + trail, codes))
        if i < len(seps):
            out.append(seps[i])
    line = "".join(out)
    return _fix_line_start(line)




def _fix_symbol(token: str, codes: dict[str, str]) -> str:
    m = grammar.SYMBOL_TOKEN.match(token)
    if not m:
        return token
    lead, num, year, code, rest = m.groups()
    trail = ""
    while code and code[-1] in _PUNCT_TRAIL:
        trail = code[-1] + trail
        code = code[:-1]
    parts = re.split(r"[-–]", code)
    fixed = [codes.get(fold(p), p) if p.upper() == p or fold(p) in codes else p for p in parts]
    return f"{lead}{num}/{year or ''}{'-'.join(fixed)}{trail}{rest}"


_SO = re.compile(r"^(\s*)(S[oôơóòỏõọốồổỗộớờởỡợ06Ôố]{1})\s*[:;.,]?\s*(?=[\d/])", re.I)
_AUTH = re.compile(r"^(\s*)(T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?\s?U\.?\s?Q)(?:\s*[.,:;]\s*|\s+)(?=[A-ZĐÀ-Ỹ]{2})")


_BULLET = re.compile(r"^(\s*)[~_=»•·]+-?\s+(?=\S)")


_QUARTER = re.compile(r"\b([Qq]uý|QUÝ)\s+([1Il|]{2,3}|[1Il|]V)(?=[\s/,.;)]|$)")


def _quarter(m: re.Match[str]) -> str:
    num = m.group(2)
    roman = "IV" if num.endswith("V") else "I" * len(num)
    return f"{m.group(1)} {roman}"


_PREFIX_TOKEN = re.compile(r"^(\s*)([^\W\d_]{2,4})\.\s+(?=[A-ZĐÀ-Ỹ]{2})")
_PREFIXES = ("TM", "KT", "TL", "TUQ")


def _fix_prefix(line: str) -> str:
    """``TÌM. ỦY BAN NHÂN DÂN`` → ``TM. ỦY BAN NHÂN DÂN``: a capitalised line's first word, cut by a dot, one
    letter away from exactly one signing-authority prefix (a letter broken under a seal)."""
    m = _PREFIX_TOKEN.match(line)
    if not m or not m.group(2).isupper():
        return line
    key = fold(m.group(2)).upper()
    if key in _PREFIXES:
        return line
    near = [p for p in _PREFIXES if Levenshtein.distance(key, p) <= 1]
    if len(near) != 1:
        return line
    return f"{m.group(1)}{near[0]}. {line[m.end():]}"


_TILDE_DASH = re.compile(r"(?<=\w) ~ (?=\w)")
"""Tesseract reads an en dash between two words as a tilde (``HĐND ~ UBND xã``); Vietnamese text has no tilde."""


def _fix_line_start(line: str) -> str:
    line = _TILDE_DASH.sub(" – ", line)
    line = _fix_prefix(line)
    line = _BULLET.sub(r"\1- ", line)
    line = _QUARTER.sub(_quarter, line)
    m = _SO.match(line)
    if m and line[m.start(2):m.end()].strip() != "Số":
        line = f"{m.group(1)}Số: {line[m.end():]}"
    m = _AUTH.match(line)
    if m:
        code = re.sub(r"[.\s]", "", m.group(2)).upper()
        line = f"{m.group(1)}{code}. {line[m.end():]}"
    return line


def repair_lines(lines: Iterable) -> None:
    """Repair the text of OCR'd :class:`Line` objects in place."""
    for ln in lines:
        ln.text = repair(ln.text)


# ---------------------------------------------------------------- section numbers

_ROMAN_HEAD = re.compile(r"^(\s*)([IVXLHl1|!]{1,6})(?:\s*[.,:]\s*|\s+)(?=[A-ZĐÀ-Ỹ][^a-zđ]*$)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_value(s: str) -> int | None:
    if not s or any(c not in "IVX" for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total if _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def repair_headings(lines: list) -> None:
    """Fix the Roman numbers of upper-case section headings read by OCR (``II`` for ``III``).

    Top-level headings of a report run I., II., III.; Tesseract drops or
    confuses the strokes (``II TỒN TẠI``, ``HI.``, ``1. TRIỂN KHAI``).  A heading
    whose number is unreadable, not greater than the previous one, or a lone
    ``1``/``l`` before a later ``II.`` gets the next number in sequence.
    Only lines that came from OCR (``confidence`` set) are changed.
    """
    heads = []
    for idx, ln in enumerate(lines):
        text = ln.text
        if getattr(ln, "column", None) is not None:
            continue
        m = _ROMAN_HEAD.match(text)
        if not m:
            continue
        rest = text[m.end():]
        letters = [c for c in rest if c.isalpha()]
        if len(letters) < 3 or len(rest) > 120:
            continue
        heads.append((idx, m, _roman_value(m.group(2))))
    if not any(v and v >= 2 for _, _, v in heads):
        return
    prev = 0
    for idx, m, value in heads:
        raw = m.group(2)
        ln = lines[idx]
        if value is None and raw in ("1", "l", "|", "!") and prev > 0:
            continue  # an arabic sub-heading "1. ..." after a Roman one
        want = value if value is not None and value == prev + 1 else None
        if want is None:
            if value is not None and value > prev + 1:
                prev = value  # a jump (a section left out): trust it
                continue
            want = prev + 1
        if ln.confidence is not None and (value != want or not m.group(0).rstrip().endswith(".")):
            ln.text = f"{m.group(1)}{_to_roman(want)}. {ln.text[m.end():]}"
        prev = want


# ---------------------------------------------------------------- known words (choosing between readings)


@lru_cache(maxsize=1)
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """(words of reports: the OCR vocabulary, positions and authority prefixes; syllables of names), as
    tone keys (``Uỷ`` and ``Ủy`` are one word)."""
    from .. import vocab

    words: set[str] = set()
    phrases, _, _ = vocabulary()
    for p in phrases:
        words.update(t.strip(",.:;").lower() for t in p.tokens if t != NUMBER)
    for w in vocab.load("positions")["words"]:
        words.update(w.lower().split())
    for w in vocab.load("authority_prefixes")["prefixes"]:
        words.update(t.strip(".").lower() for t in re.split(r"[\s/]+", w) if t.strip("."))
    names = frozenset(tone_key(s) for s in vocab.load("names")["syllables"])
    return frozenset(tone_key(w) for w in words if w), names


_NAME_SHAPE = re.compile(r"^[^\W\d_][^\W\d_A-ZĐÀ-Ỹ]*$")


def all_known(tokens: Iterable[str]) -> bool:
    """Every word of a reading is known, tones and all: a name's syllables (``Hồ Thị Mai``, two to five
    capitalised words) among the name syllables, other words among the report vocabulary, positions,
    authority prefixes and names.  Used to choose between two OCR readings of a line."""
    words, names = _known()
    cores = [_split(t)[1] for t in tokens]
    cores = [c for c in cores if any(ch.isalpha() for ch in c)]
    if not cores:
        return False
    title_case = 2 <= len(cores) <= 5 and all(c[:1].isupper() and (len(c) == 1 or not c[1:].isupper()) for c in cores)
    pool = names if title_case else words | names
    return all(tone_key(c) in pool for c in cores)


# ---------------------------------------------------------------- a signer's position


@lru_cache(maxsize=1)
def _positions() -> dict[str, list[str]]:
    from .. import vocab

    out: dict[str, list[str]] = {}
    for w in vocab.load("positions")["words"]:
        out.setdefault(fold(w), []).append(w.upper())
    return out


def snap_position(text: str) -> str:
    """An OCR'd position in capitals with a broken letter or a lost tone (``CHỦ 'ïCH HỘI``, ``PHÓ CHỦ TICH``)
    → the position of the vocabulary it is nearest to on the tone-folded key (``CHỦ TỊCH HỘI``), when it is
    near only that one: at most one edit in six letters.  Anything else is returned as it is, and so is a
    position that differs from the vocabulary's only in tone placement (``UỶ VIÊN``)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    key = " ".join(re.sub(r"[^\w\s]", "", fold(text)).split())
    table = _positions()
    words = text.split()
    if key not in table and len(words) >= 3 and words[-1].endswith(".") and len(words[-1]) <= 4 \
            and " ".join(key.split()[:-1]) in table:
        return snap_position(" ".join(words[:-1]))  # "PHÓ CỤC TRƯỞNG XÃ.": a word of the seal's ring read after it
    if key in table:
        forms = table[key]
        return text if any(tone_key(text) == tone_key(f) for f in forms) else forms[0]
    limit = max(1, len(key.replace(" ", "")) // 6)
    dists = sorted((Levenshtein.distance(key, k, score_cutoff=limit + 1), v[0]) for k, v in table.items())
    if dists and dists[0][0] <= limit and (len(dists) == 1 or dists[1][0] > dists[0][0]):
        return dists[0][1]
    return text


@lru_cache(maxsize=None)
def _family_names() -> tuple[dict[str, list[str]], frozenset[str]]:
    from .. import vocab

    by_fold: dict[str, list[str]] = {}
    for n in vocab.load("names")["family_names"]:
        by_fold.setdefault(fold(n), []).append(n)
    return by_fold, frozenset(tone_key(n) for forms in by_fold.values() for n in forms)


def snap_family_name(name: str) -> str:
    """An OCR'd signer's name whose family name lost or changed a tone (``Nguyên Trung Tín``) → that family
    name (``Nguyễn``), when its letters fold to exactly one; a family name read right is left as it is."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper() or name.isascii():
        return name  # a name typed without any mark is left so: the marks cannot be told from one syllable
    by_fold, known = _family_names()
    if tone_key(words[0]) in known:
        return name
    forms = by_fold.get(fold(words[0]), [])
    if len(forms) != 1:
        return name
    family = forms[0].upper() if words[0].isupper() else forms[0]
    return " ".join([family, *words[1:]])
