"""Comparison keys for Vietnamese text: keep the original, compare on a folded key.

Two keys, for two jobs:

* :func:`tone_key` makes old and new tone placement equal (``Uỷ``/``Ủy``,
  ``hoà``/``hòa``, ``thuỷ``/``thủy``) and folds case and spacing, but keeps
  every mark: ``hòa`` and ``hoa`` stay different.
* :func:`fold` strips every diacritic (tones and vowel marks, ``đ`` → ``d``) and
  folds case: for accent-insensitive search and for matching vocabulary in
  OCR'd or carelessly typed text.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache, update_wrapper
from typing import TypeVar

from ..limits import MEMO_ENTRIES, MEMO_TEXT_CHARS

T = TypeVar("T")
_MISSING = object()
_MEMOS: list[dict] = []
_zoning = 0  # documents being zoned now (threads may zone several at once)
_ZONING_LOCK = threading.Lock()


def per_document(fn: Callable[[str], T]) -> Callable[[str], T]:
    """Memoise a pure function of a line's text while a document is zoned (:func:`zoning`).

    The zoning and the labelling of the line grammar ask the same questions of
    the same lines (fold it, is it in capitals, is it a kind line): inside the
    block each is computed once.  Outside it the function is called as it is,
    and nothing is kept: no parse is served from another's work, and the memory
    goes when the zoning ends.  Texts longer than ``limits.MEMO_TEXT_CHARS``
    are not kept, nor more than ``limits.MEMO_ENTRIES`` texts.
    """
    memo: dict[str, T] = {}
    _MEMOS.append(memo)

    def cached(text: str) -> T:
        if not _zoning:
            return fn(text)
        value = memo.get(text, _MISSING)
        if value is _MISSING:
            value = fn(text)
            if len(text) <= MEMO_TEXT_CHARS and len(memo) < MEMO_ENTRIES:
                memo[text] = value
        return value  # type: ignore[return-value]

    return update_wrapper(cached, fn)


@contextmanager
def zoning() -> Iterator[None]:
    """The block in which one document is zoned and labelled: :func:`per_document` functions remember
    their answers inside it and forget them all when it ends."""
    global _zoning
    with _ZONING_LOCK:
        _zoning += 1
    try:
        yield
    finally:
        with _ZONING_LOCK:
            _zoning -= 1
            if not _zoning:
                for memo in _MEMOS:
                    memo.clear()


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


@lru_cache(maxsize=65536)
def _tones_last(word: str) -> str:
    d = unicodedata.normalize("NFD", word)
    marks = "".join(c for c in d if c in _TONES)
    if not marks:
        return word
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES) + marks)


def tone_key(text: str) -> str:
    """Case-, spacing- and tone-placement-insensitive key; other marks are kept."""
    s = _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_DASHES)).strip().casefold()
    return " ".join(_tones_last(w) for w in s.split(" "))


def _build_fold_table() -> list[str]:
    """One-character replacements: every accented Latin letter to its bare lower-case base.

    A list indexed by code point (every other character maps to itself; past its end
    ``str.translate`` keeps a character as it is): twice as fast as a dict's look-ups,
    for 8 723 entries (about 0.7 MB, once per process).
    """
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    # Legacy converters and some fonts print Đ as the look-alike Icelandic eth (Ð U+00D0, ð U+00F0):
    # "ÐẢNG CỘNG SẢN VIỆT NAM" must still be the party's motto.
    table[0xD0] = table[0xF0] = "d"
    for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
        table[ord(c)] = "-"
    return [table.get(cp, chr(cp)) for cp in range(max(table) + 1)]


_FOLD_TABLE = _build_fold_table()


@per_document
def fold(text: str) -> str:
    """Accent-, tone- and case-insensitive key (``Ủy ban`` → ``uy ban``), spaces collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.translate(_FOLD_TABLE).lower().split())  # str.split's whitespace is the regex's \s


@per_document
def fold_char_aligned(text: str) -> str:
    """Like :func:`fold` but one output character per input character (for regex offsets).

    The input must be NFC (readers guarantee it); whitespace is kept as is.
    """
    out = text.translate(_FOLD_TABLE)
    low = out.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
