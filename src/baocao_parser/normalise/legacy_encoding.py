"""Pre-Unicode Vietnamese encodings (TCVN3 and VNI-Windows) → Unicode NFC.

Why this exists: reports typed before Unicode (and many after it, by habit) use
8-bit fonts. The file stores the font's *byte* for each glyph, and every modern
reader hands that byte back as the character Windows-1252 gives it, so
"Báo cáo" comes out as ``B¸o c¸o`` (TCVN3, ``.VnTime`` fonts) or ``Baùo caùo``
(VNI, ``VNI-Times`` fonts). Inside a .docx the text is already stored that way
(code point == cp1252 decoding of the legacy byte), with the run's font name
telling which code it is.

Three ways in, for three kinds of input:

* :func:`encoding_for_font` — a Word run's font name is the reliable signal, so
  the .docx reader converts run by run and a document mixing Unicode and legacy
  runs converts only the legacy ones.
* :func:`detect` / :func:`repair` — plain text and PDF text layers carry no font
  name, so a statistical test decides: how many words are valid Vietnamese
  syllables before vs after conversion. Text that is already correct Unicode is
  never touched (``repair`` returns the very same string).
* :func:`convert` — the conversion itself, table-driven. The tables are data
  (``vocab/data/legacy_tcvn3.json`` and ``legacy_vni.json``), not code, so they
  can be reviewed against the standards letter by letter.

Everything here is linear-time: conversion is ``str.translate`` (TCVN3, a
single-byte code) or one regex pass whose pattern has no nested quantifiers
(VNI: base letter + at most one mark character).
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from typing import Literal

__all__ = [
    "LegacyEncoding",
    "encoding_for_font",
    "convert",
    "detect",
    "repair",
    "is_vietnamese_syllable",
    "decode_text_bytes",
    "to_legacy",
]

LegacyEncoding = Literal["tcvn3", "vni"]

# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _load_table(name: str) -> dict:
    """Read one mapping table shipped as package data (JSON, UTF-8)."""
    ref = resources.files("baocao_parser.vocab").joinpath("data", f"legacy_{name}.json")
    return json.loads(ref.read_text(encoding="utf-8"))


_TCVN3 = _load_table("tcvn3")
_VNI = _load_table("vni")

#: legacy surface character → Unicode letter (TCVN3 is one byte per letter).
TCVN3_TO_UNICODE: dict[str, str] = dict(_TCVN3["to_unicode"])
#: legacy surface sequence (1–2 characters) → Unicode letter.
VNI_TO_UNICODE: dict[str, str] = dict(_VNI["to_unicode"])
_VNI_DECODE: dict[str, str] = {**VNI_TO_UNICODE, **_VNI.get("decode_only", {})}
_PDF_ALIASES: dict[str, str] = dict(_TCVN3.get("pdf_glyph_aliases", {}))

_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)

# Text may reach us decoded as Latin-1 rather than cp1252 (C1 controls where
# cp1252 has “ ” – …), or as a symbol font's private-use code points
# (U+F000 + byte). Both are folded back to the cp1252 surface before lookup.
_SURFACE_FIX: dict[int, str] = {}
for _b in range(0x80, 0xA0):
    try:
        _SURFACE_FIX[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        pass
for _b in range(0x20, 0x100):
    try:
        _SURFACE_FIX[0xF000 + _b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        _SURFACE_FIX[0xF000 + _b] = chr(_b)
_SURFACE_TRANS = str.maketrans(_SURFACE_FIX)
_NEEDS_SURFACE_FIX = re.compile("[\u0080-\u009f\uf020-\uf0ff]")

# VNI: a base character optionally followed by one mark character. The two
# classes are disjoint from each other's role, so the pattern cannot backtrack.
_VNI_BASES = sorted({k[0] for k in _VNI_DECODE if len(k) == 2})
_VNI_MARKS = sorted({k[1] for k in _VNI_DECODE if len(k) == 2})
_VNI_SINGLES = sorted({k for k in _VNI_DECODE if len(k) == 1})
_VNI_RE = re.compile(
    "[{b}][{m}]|[{s}]".format(
        b=re.escape("".join(_VNI_BASES)),
        m=re.escape("".join(_VNI_MARKS)),
        s=re.escape("".join(_VNI_SINGLES)),
    )
)


def _vni_sub(match: re.Match[str]) -> str:
    seq = match.group()
    hit = _VNI_DECODE.get(seq)
    if hit is not None:
        return hit
    # a base + mark pair the code does not define (e.g. "ôâ"): convert what can
    # be converted one character at a time, leave the rest.
    return "".join(_VNI_DECODE.get(c, c) for c in seq)


_LETTER_AROUND_ALIAS = re.compile(
    "(?<=[^\\W\\d_\u00a1-\u00fe])[\u2212\u2219]|[\u2212\u2219](?=[^\\W\\d_\u00a1-\u00fe])"
)


def convert(text: str, encoding: LegacyEncoding, *, capitals: bool = False) -> str:
    """Convert legacy-encoded *text* to Unicode NFC.

    ``capitals=True`` is for the capitals-only ("H") TCVN3 fonts such as
    ``.VnTimeH``: they put capitals in the byte positions of the lower-case
    letters (TCVN3 has no upper-case toned letters), so the run is converted
    with the ordinary table and then upper-cased as a whole — which is what the
    reader saw on the page. ASCII digits and punctuation are never in the
    tables and pass through unchanged.
    """
    if not text:
        return text
    if _NEEDS_SURFACE_FIX.search(text):
        text = text.translate(_SURFACE_TRANS)
    if encoding == "tcvn3":
        if _PDF_ALIASES and ("\u2212" in text or "\u2219" in text):
            text = _LETTER_AROUND_ALIAS.sub(lambda m: _PDF_ALIASES[m.group()], text)
        out = text.translate(_TCVN3_TRANS)
    elif encoding == "vni":
        out = _VNI_RE.sub(_vni_sub, text)
    else:  # pragma: no cover - guarded by the Literal type
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    if capitals:
        out = out.upper()
    return unicodedata.normalize("NFC", out)


# Inverse tables: Unicode letter → legacy surface. Used by the tests (round
# trip) and by samples/_build/legacy.py to make legacy variants of samples.
_UNICODE_TO_TCVN3 = {u: k for k, u in TCVN3_TO_UNICODE.items()}
_UNICODE_TO_VNI = {u: k for k, u in VNI_TO_UNICODE.items()}


def to_legacy(text: str, encoding: LegacyEncoding, *, capitals: bool = False) -> str:
    """Encode Unicode *text* the way a legacy font would store it (cp1252 surface).

    TCVN3 has no upper-case toned letters: with ``capitals=False`` they raise
    ``ValueError`` (a typist had to switch that letter to an "H" font); with
    ``capitals=True`` (``.VnTimeH``) every letter is stored at its lower-case
    position, except the seven base capitals Ă Â Ê Ô Ơ Ư Đ that have their own
    code. Characters outside the Vietnamese letters are kept as they are.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        if capitals:
            text = text.upper()
        return "".join(_UNICODE_TO_VNI.get(c, c) for c in text)
    out: list[str] = []
    for c in text:
        if capitals:
            code = _UNICODE_TO_TCVN3.get(c.upper()) or _UNICODE_TO_TCVN3.get(c.lower())
            if code is None:
                code = c.upper()
            out.append(code)
            continue
        code = _UNICODE_TO_TCVN3.get(c)
        if code is None:
            if c.isupper() and _UNICODE_TO_TCVN3.get(c.lower()):
                raise ValueError(f"TCVN3 has no code for {c!r} outside a capitals-only font")
            code = c
        out.append(code)
    return "".join(out)


# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------

# Bare names (without the leading dot) seen in files that lost it on the way
# through another program. Kept short on purpose: "Vn…" alone is too generic.
_BARE_TCVN3 = {"vntime", "vntimeh", "vnarial", "vnarialh"}


def encoding_for_font(font_name: str | None) -> tuple[LegacyEncoding, bool] | None:
    """(encoding, capitals_only) for a legacy Vietnamese font name, else None.

    The ABC/TCVN3 fonts are all named ``.Vn…`` (``.VnTime``, ``.VnArial Narrow``,
    ``.VnCentury Schoolbook``…); their capitals-only twins end in ``H``
    (``.VnTimeH``, ``.VnArial NarrowH``). VNI fonts are ``VNI-…`` (``VNI-Times``,
    ``VNI-Helve``, ``VNI-Aptima``…) and have no capitals-only variant that
    changes the code. Unicode fonts (Times New Roman, Arial…) give None.
    Matching is case-insensitive and ignores surrounding spaces.
    """
    if not font_name:
        return None
    name = font_name.strip()
    low = name.lower()
    if low.startswith(".vn") or low in _BARE_TCVN3:
        base = name.rstrip()
        # ".VnTimeH", ".VnArial NarrowH"; style suffixes like " Bold" are not
        # part of these family names, but tolerate them.
        for suffix in (" bold italic", " italic", " bold"):
            if base.lower().endswith(suffix):
                base = base[: -len(suffix)]
        return ("tcvn3", base.lower().endswith("h"))
    if low.startswith(("vni-", "vni ", "vni_")):
        return ("vni", False)
    return None


# ---------------------------------------------------------------------------
# Syllables
# ---------------------------------------------------------------------------

_ONSETS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()
)
_RHYMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăp oăt
    oc oe oec oem oen oeo oet oi om on ong ooc oong op ot
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uân uâng uât uây uc uê uêch uênh uêu uơ ui um un ung up ut
    uy uya uych uyên uyêt uynh uyt uyu uyp
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    """.split()
)
_STOP_FINALS = ("c", "ch", "p", "t")

# toned lower-case letter → (toneless letter, tone mark)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SPLIT: dict[str, tuple[str, str]] = {}
for _cp in list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1EA0, 0x1EFA)):
    _ch = chr(_cp)
    if not _ch.islower():
        continue
    _d = unicodedata.normalize("NFD", _ch)
    _tone = "".join(m for m in _d if m in _TONES)
    _base = unicodedata.normalize("NFC", "".join(m for m in _d if m not in _TONES))
    if _base in "abcdeghiklmnopqrstuvxyđăâêôơư" and len(_base) == 1 and len(_tone) <= 1:
        _SPLIT[_ch] = (_base, _tone)
del _cp, _ch, _d, _tone, _base

_SYLLABLE_CACHE: dict[str, bool] = {}


def is_vietnamese_syllable(token: str) -> bool:
    """True when *token* is a well-formed Vietnamese syllable (any case, any NFC/NFD form).

    Onset + rhyme from the orthography, at most one tone mark, and no
    huyền/hỏi/ngã tone on a rhyme ending in a stop (-c -ch -p -t). Both tone
    placements (``hoà``/``hòa``) pass, since the tone is stripped before the
    rhyme is looked up. Used by :func:`detect`; cached because a report repeats
    the same few hundred syllables.
    """
    hit = _SYLLABLE_CACHE.get(token)
    if hit is not None:
        return hit
    result = _check_syllable(token)
    if len(_SYLLABLE_CACHE) > 100_000:
        _SYLLABLE_CACHE.clear()
    _SYLLABLE_CACHE[token] = result
    return result


def _check_syllable(token: str) -> bool:
    if not token or len(token) > 8:
        return False
    word = unicodedata.normalize("NFC", token).lower()
    tone = ""
    base_chars: list[str] = []
    for ch in word:
        split = _SPLIT.get(ch)
        if split is None:
            return False
        base_chars.append(split[0])
        if split[1]:
            if tone:
                return False
            tone = split[1]
    base = "".join(base_chars)
    for n in (3, 2, 1, 0):
        if n > len(base):
            continue
        onset, rhyme = base[:n], base[n:]
        if n and onset not in _ONSETS:
            continue
        if onset == "gi" and not rhyme:
            rhyme = "i"  # gì, gỉ: the i is both onset and vowel
        if rhyme not in _RHYMES:
            continue
        if tone and tone not in ("\u0301", "\u0323") and rhyme.endswith(_STOP_FINALS):
            continue
        return True
    return False


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------

# letters that only Unicode Vietnamese has: they can never come out of a
# cp1252-decoded legacy byte, so a line holding them is already Unicode.
_UNICODE_ONLY_RE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")

# punctuation that may cling to a word; none of it is a legacy letter code
_EDGE_PUNCT = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()) + (
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00a0\u00b0\u2039\u203a\u201e\u201a"
)
_SAMPLE = 300  # non-ASCII words looked at; enough for a stable share
_MIN_GAIN = 2  # words that must become valid; one word proves nothing
_MIN_AFTER = 0.7
_MIN_MARGIN = 0.3
_UNICODE_ONLY_ENOUGH = (1 - _MIN_MARGIN) / 2
"""A word with a Unicode-only letter counts as correct and never as converted: with more than this share
of such words (u of n), the converted share beats the unconverted one by at most (n - 2u) / n, under
``_MIN_MARGIN``, and no encoding can qualify: the words need not be judged."""

_TOKEN_CACHE: dict[str, tuple[bool, bool, bool]] = {}


def _judge(token: str) -> tuple[bool, bool, bool]:
    """(valid as is, valid as TCVN3, valid as VNI) for one word, cached."""
    hit = _TOKEN_CACHE.get(token)
    if hit is not None:
        return hit
    res = (
        is_vietnamese_syllable(token),
        # the bare table look-ups: NFC and the surface fixes of convert() do not
        # change whether a word is a syllable (the check normalises itself)
        is_vietnamese_syllable(token.translate(_TCVN3_TRANS)),
        is_vietnamese_syllable(_VNI_RE.sub(_vni_sub, token)),
    )
    if len(_TOKEN_CACHE) > 50_000:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[token] = res
    return res


def detect(text: str) -> LegacyEncoding | None:
    """Which legacy encoding *text* is in, or None when it should be left alone.

    The test: take the words that contain a non-ASCII character (only those can
    differ), and count how many are valid Vietnamese syllables as they stand,
    after TCVN3 conversion and after VNI conversion. An encoding is reported only
    when conversion turns at least two words valid, the converted share reaches
    70 %, and it beats the unconverted share by 30 points. Correct Unicode
    Vietnamese (either tone placement) is already valid, so it never qualifies;
    English, code and number tables have (almost) no non-ASCII words; a short
    string cannot reach two gained words. A word holding a letter that exists
    only in Unicode (ơ ư đ ạ …) counts as correct as it stands, since no legacy
    byte decodes to those letters.

    At most 300 words, spread over the text, are judged, so the cost is one
    ``str.split`` plus a bounded number of cached look-ups (under 1 ms for
    20 KB once the caches are warm).
    """
    if not text or text.isascii():
        return None
    # str.split + strip is several times faster than a regex tokenizer here,
    # and only words holding a non-ASCII character can tell anything.
    words = [w for w in text.split() if not w.isascii()]
    if len(words) < _MIN_GAIN:
        return None
    if len(words) > _SAMPLE:
        step = len(words) / _SAMPLE
        words = [words[int(i * step)] for i in range(_SAMPLE)]
    if sum(map(bool, map(_UNICODE_ONLY_RE.search, words))) > _UNICODE_ONLY_ENOUGH * len(words) + 1:
        return None  # (correct Unicode Vietnamese: over half its words hold such letters)
    words = [w.strip(_EDGE_PUNCT) for w in words]
    n = before = tc = vn = tc_gain = vn_gain = 0
    for w in words:
        if w.isascii():  # only punctuation was non-ASCII ("“OK”")
            continue
        if _UNICODE_ONLY_RE.search(w):
            n += 1
            before += 1  # a Unicode-only letter: counts as correct text
            continue
        ok, ok_tc, ok_vn = _judge(w)
        n += 1
        before += ok
        tc += ok_tc
        vn += ok_vn
        tc_gain += ok_tc and not ok
        vn_gain += ok_vn and not ok
    if n == 0:
        return None
    best: LegacyEncoding | None = None
    best_after = 0.0
    for enc, after_count, gain in (("tcvn3", tc, tc_gain), ("vni", vn, vn_gain)):
        after = after_count / n
        if gain >= _MIN_GAIN and after >= _MIN_AFTER and after - before / n >= _MIN_MARGIN:
            if after > best_after:
                best, best_after = enc, after  # type: ignore[assignment]
    return best


_CAPS_WORD_RE = re.compile("[^\\W\\d_]+")


def _restore_capitals(line: str) -> str:
    """Upper-case words that came from a capitals-only (.VnTimeH) font.

    Plain text has no font names, but such words betray themselves: their ASCII
    letters are capitals while their converted letters are lower case
    ("KÕT" → "KếT"). A word with at least two ASCII capitals and no ASCII
    lower case is upper-cased. A line with no ASCII lower case at all where
    two or more words hold such lower-case letters ("ủY BAN … Xã") is a
    capitals line and is upper-cased whole; a single word like "Số" in
    "Số: 12/BC-UBND" is left alone.
    """
    hits = 0
    mixed_words = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal hits, mixed_words
        w = m.group()
        if not any(c.islower() for c in w if not c.isascii()):
            return w
        mixed_words += 1
        ascii_letters = [c for c in w if c.isascii()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            hits += 1
            return w.upper()
        return w

    out = _CAPS_WORD_RE.sub(fix, line)
    if (hits >= 1 or mixed_words >= 2) and not any(c.isascii() and c.islower() for c in out):
        out = out.upper()
    return out


def repair(text: str) -> tuple[str, LegacyEncoding | None]:
    """Detect a legacy encoding in *text* and convert it; else return *text* itself.

    When nothing is detected the very same string object comes back, so correct
    Unicode is byte-identical. When an encoding is found, every line is converted
    except lines that already hold Unicode-only Vietnamese letters (a PDF may mix
    a legacy font with a Unicode one). For TCVN3, words from capitals-only fonts
    are restored to capitals (see :func:`_restore_capitals`).
    """
    enc = detect(text)
    if enc is None:
        return text, None
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.isascii() or _UNICODE_ONLY_RE.search(line):
            out.append(line)
            continue
        conv = convert(line, enc)
        if enc == "tcvn3":
            conv = _restore_capitals(conv)
        out.append(conv)
    return "".join(out), enc


def decode_text_bytes(data: bytes) -> tuple[str, LegacyEncoding | None]:
    """Decode a plain-text file's bytes and repair a legacy encoding if present.

    A real TCVN3/VNI text file holds the raw legacy bytes (one byte per code
    position, as the font expects), which is never valid UTF-8. So: UTF-8 (with
    or without BOM) when it decodes — then still checked, since a file may have
    been "converted" to UTF-8 from cp1252 without fixing the letters — else
    cp1252 (undefined bytes kept as their Latin-1 code points), then
    :func:`repair`.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1").translate(_SURFACE_TRANS)
    return repair(text)
