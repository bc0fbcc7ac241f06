"""Counts written in digits (``03``, ``1.200``) or in words (``hai``, ``mười hai``, ``hai mươi mốt``)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from ..normalise.folding import tone_key

DIGITS = re.compile(r"^\d{1,3}(?:\.\d{3})*$|^\d{1,6}$")


@lru_cache(maxsize=None)
def _words() -> dict[str, object]:
    data = vocab.load("number_words")
    return {
        "digits": {tone_key(k): v for k, v in data["digits"].items()},
        "ten": {tone_key(w) for w in data["ten"]},
        "tens": {tone_key(w) for w in data["tens"]},
        "hundred": {tone_key(w) for w in data["hundred"]},
        "zero": {tone_key(w) for w in data["zero_fillers"]},
    }


def is_number_word(word: str) -> bool:
    w = _words()
    k = tone_key(word)
    return k in w["digits"] or k in w["ten"] or k in w["tens"] or k in w["hundred"] or k in w["zero"]  # type: ignore[operator]


_AFTER_TENS_ONLY = {tone_key(k): v for k, v in {"mốt": "tens", "lăm": "ten_or_tens", "nhăm": "ten_or_tens"}.items()}


def words_value(words: list[str]) -> int | None:
    """Value of a run of number words, or None when the run is not a well-formed number.

    ``mốt`` (1) only follows ``mươi`` (hai mươi mốt), ``lăm``/``nhăm`` (5) only
    follow ``mười``/``mươi``; ``mười`` and ``mươi`` appear once per hundred.
    """
    w = _words()
    digits: dict[str, int] = w["digits"]  # type: ignore[assignment]
    total = 0
    current: int | None = None
    prev = ""
    tens_used = False
    for raw in words:
        k = tone_key(raw)
        special = _AFTER_TENS_ONLY.get(k)
        if special == "tens" and prev != "tens" or special == "ten_or_tens" and prev not in ("ten", "tens"):
            return None
        if k in digits:
            if current is not None and current % 10 != 0:
                return None  # "hai ba" is not a number
            current = (current or 0) + digits[k]
            prev = "digit"
        elif k in w["ten"]:  # type: ignore[operator]
            if tens_used or (current is not None and current % 100 != 0):
                return None  # "mười mười"
            current = (current or 0) + 10
            prev, tens_used = "ten", True
        elif k in w["tens"]:  # type: ignore[operator]
            if tens_used or current is None or not 1 <= current <= 9:
                return None
            current *= 10
            prev, tens_used = "tens", True
        elif k in w["hundred"]:  # type: ignore[operator]
            if current is None or not 1 <= current <= 9:
                return None
            total += current * 100
            current, prev, tens_used = None, "hundred", False
        elif k in w["zero"]:  # type: ignore[operator]
            prev = "zero"
            continue
        else:
            return None
    if current is None and total == 0:
        return None
    return total + (current or 0)


def digits_value(token: str) -> int | None:
    if DIGITS.match(token):
        return int(token.replace(".", ""))
    return None
