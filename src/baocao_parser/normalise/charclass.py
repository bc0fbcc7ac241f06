"""Regex character classes of Vietnamese upper- and lower-case letters.

``[A-ZÀ-Ỹ]`` looks right but the range also holds lower-case letters (à is
inside À..Ỹ); these classes list the precomposed Vietnamese letters one by one.
"""

from __future__ import annotations

import unicodedata


def _letters(upper: bool) -> str:
    out = []
    for cp in list(range(0xC0, 0x250)) + list(range(0x1EA0, 0x1EFA)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if ch.isalpha() and ch.isupper() == upper and (base.isascii() or ch in "đĐ"):
            out.append(ch)
    return "".join(out)


VI_UPPER = "A-Z" + _letters(True)
VI_LOWER = "a-z" + _letters(False)
