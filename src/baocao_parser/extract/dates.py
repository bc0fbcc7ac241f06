"""Vietnamese dates: ``ngày 05 tháng 01 năm 2023``, ``ngày 5/1/2023``, ``05/01/2023``.

Matching runs on the tone-folded, character-aligned text so that offsets map
back to the original; a day or month left blank (``ngày    tháng 9 năm 2023``,
an unsigned draft) gives no date rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])")
DATE_ANY = re.compile(DATE_WORDS.pattern + "|" + DATE_NUMERIC.pattern)


def make_date(day: str | int, month: str | int, year: str | int) -> dt.date | None:
    try:
        y = int(year)
        if not 1945 <= y <= 2100:
            return None
        return dt.date(y, int(month), int(day))
    except (ValueError, TypeError):
        return None


def date_from_match(m: re.Match[str]) -> dt.date | None:
    g = [x for x in m.groups() if x is not None]
    return make_date(*g[:3]) if len(g) >= 3 else None
