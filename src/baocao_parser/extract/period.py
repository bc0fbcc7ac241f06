"""The reporting period and its Nghị định 09/2019 data cut-off.

The period is read from the subject (trích yếu) first: ``6 tháng đầu năm
2023``, ``quý III/2023``, ``quý 3 năm 2023``, ``9 tháng năm 2023``, ``năm
2023``, ``tháng 10/2023``, ``từ ngày … đến ngày …``.  When several appear
(``quý II/2023 và nhiệm vụ quý III/2023``) the first one is the reporting period.
Periodic reports also get the data window of Nghị định 09/2019/NĐ-CP, Điều 12:
from day 15 of the month before the period to day 14 of its last month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from .. import vocab
from ..report import Period, PeriodKind
from ..normalise.folding import fold_char_aligned
from .dates import DATE_ANY, date_from_match

_Y = r"(?:\s*[/-]\s*|\s+nam\s+|\s*,\s*nam\s+)(?P<year>(?:19|20)\d{2})"
_YEAR_OPT = r"(?:(?:\s+nam)?\s*[/-]?\s*(?P<year>(?:19|20)\d{2})(?![\d/]))?"


@lru_cache(maxsize=None)
def _rules() -> list[tuple[re.Pattern[str], str]]:
    data = vocab.load("periods")
    alt = vocab.folded_alternation
    roman = "|".join(sorted((r.lower() for r in data["roman_quarters"]), key=len, reverse=True))
    return [
        (re.compile(r"tu\s+ngay\s+(?P<d1>.{6,25}?)\s+den\s+ngay\s+(?P<d2>[\d/.\s]{6,12}\d|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})"), "custom"),
        (re.compile(r"(?<!\w)(?:" + alt(data["half_first"]) + r")" + _YEAR_OPT), "half_year:1"),
        (re.compile(r"(?<!\w)(?:" + alt(data["half_second"]) + r")" + _YEAR_OPT), "half_year:2"),
        (re.compile(r"(?<!\w)(?:" + alt(data["nine_months"]) + r")" + _YEAR_OPT), "nine_months"),
        (re.compile(r"(?<!\w)quy\s+(?P<q>" + roman + r"|[1-4])(?!\w)" + _Y), "quarter"),
        (re.compile(r"(?<!\w)thang\s+(?P<m>0?[1-9]|1[0-2])" + _Y), "month"),
        (re.compile(r"(?<!\w)nam\s+hoc\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})"), "school_year"),
        (re.compile(r"(?<!\w)giai\s+doan\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})"), "custom_years"),
        (re.compile(r"(?<!\w)nam\s+(?P<year>(?:19|20)\d{2})(?![\d/])"), "year"),
    ]


def find_period(text: str, *, default_year: int | None = None) -> Period | None:
    """The first period phrase in ``text`` (the subject), or None."""
    folded = fold_char_aligned(text)
    best: tuple[int, int, re.Match[str], str] | None = None
    for rx, kind in _rules():
        m = rx.search(folded)
        if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], best[1])):
            best = (m.start(), -len(m.group(0)), m, kind)
    if best is None:
        return None
    _, _, m, kind = best
    period = _build(m, kind, default_year)
    if period is not None:
        period.label = text[m.start(): m.end()].strip()
    return period


def _year(m: re.Match[str], default_year: int | None) -> int | None:
    y = m.groupdict().get("year")
    return int(y) if y else default_year


def _build(m: re.Match[str], kind: str, default_year: int | None) -> Period | None:
    if kind == "custom":
        d1 = DATE_ANY.search(m.group("d1"))
        d2 = DATE_ANY.search(m.group("d2"))
        start = date_from_match(d1) if d1 else None
        end = date_from_match(d2) if d2 else None
        if not start or not end or end < start:
            return None
        return Period(kind="custom", year=end.year, start=start, end=end)
    if kind in ("school_year", "custom_years"):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y2 < y1:
            return None
        if kind == "school_year":
            return Period(kind="school_year", year=y1, start=dt.date(y1, 9, 1), end=dt.date(y2, 8, 31))
        return Period(kind="custom", year=y2, start=dt.date(y1, 1, 1), end=dt.date(y2, 12, 31))
    year = _year(m, default_year)
    if year is None:
        return None
    if kind.startswith("half_year"):
        index = int(kind.split(":")[1])
        return periodic("half_year", year, index)
    if kind == "nine_months":
        return periodic("nine_months", year, None)
    if kind == "quarter":
        q = m.group("q").upper()
        index = vocab.load("periods")["roman_quarters"].get(q) or int(q)
        return periodic("quarter", year, index)
    if kind == "month":
        return periodic("month", year, int(m.group("m")))
    return periodic("year", year, None)


def periodic(kind: PeriodKind, year: int, index: int | None) -> Period:
    """Calendar bounds and the Nghị định 09/2019 data window of a periodic report."""
    if kind == "month":
        assert index is not None
        first, last = index, index
    elif kind == "quarter":
        assert index is not None
        first, last = 3 * index - 2, 3 * index
    elif kind == "half_year":
        assert index is not None
        first, last = (1, 6) if index == 1 else (7, 12)
    elif kind == "nine_months":
        first, last = 1, 9
    else:
        first, last = 1, 12
    start = dt.date(year, first, 1)
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    rules = vocab.load("periods")
    before_y, before_m = (year - 1, 12) if first == 1 else (year, first - 1)
    if kind == "half_year" and index == 2:
        before_y, before_m = year, 6  # the second half's data start where the first half's stopped
    data_from = dt.date(before_y, before_m, rules["cutoff_from_day"])
    data_to = dt.date(year, last, rules["cutoff_to_day"])
    return Period(kind=kind, year=year, index=index, start=start, end=end, data_from=data_from, data_to=data_to)
