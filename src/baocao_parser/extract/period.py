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
import unicodedata
from functools import lru_cache

from .. import vocab
from ..report import Period, PeriodKind
from ..document import ZonedDocument
from ..layout import grammar
from ..layout.linekinds import LineKind
from .common import provenance
from ..normalise.folding import fold_char_aligned

_Y = r"(?:\s*[/-]\s*|\s+nam\s+|\s*,\s*nam\s+)(?P<year>(?:19|20)\d{2})"
_YEAR_OPT = r"(?:(?:\s+nam)?\s*[/-]?\s*(?P<year>(?:19|20)\d{2})(?![\d/]))?"


_D = grammar.DATE_TEXT
_SCHOOL_YEAR = r"(?P<y1>(?:19|20)\d{2})(?:\s*[-–/]\s*|(?=(?:19|20)\d{2}(?!\d)))(?P<y2>(?:19|20)\d{2})"
"""Two years: ``2018-2019``, ``2018 – 2019``, ``2018/2019``, or run together by a capture (``20182019``)."""
_LATER_TERM = re.compile(r"nhiem\s+ky\s*:?\s*" + _SCHOOL_YEAR)
_LATER_SCHOOL_YEAR = re.compile(r"nam\s+hoc\s*:?\s*" + _SCHOOL_YEAR)
_LATER_YEAR = re.compile(r"(?:\bnam\s+|/)((?:19|20)\d{2})(?![\d/])")


@lru_cache(maxsize=None)
def _rules() -> list[tuple[re.Pattern[str], str]]:
    data = vocab.load("periods")
    alt = vocab.folded_alternation
    roman = "|".join(sorted((r.lower() for r in data["roman_quarters"]), key=len, reverse=True))
    return [
        (re.compile(r"(?<!\w)tu\s+(?:ngay\s+)?(?P<d1>" + _D + r")\s*(?:den|toi)\s+(?:het\s+)?(?:ngay\s+)?(?P<d2>" + _D + ")"), "custom"),
        (re.compile(r"(?<!\w)(?:" + alt(data["day_words"]) + r")\s+ngay\s+(?P<d1>" + _D + r")(?!\s*(?:den|toi)\b)"), "day"),
        (re.compile(r"(?<!\w)(?:" + alt(data["half_first"]) + r")" + _YEAR_OPT), "half_year:1"),
        (re.compile(r"(?<!\w)(?:" + alt(data["half_second"]) + r")" + _YEAR_OPT), "half_year:2"),
        (re.compile(r"(?<!\w)(?:" + alt(data["nine_months"]) + r")" + _YEAR_OPT), "nine_months"),
        (re.compile(r"(?<![\w/])(?P<n>0?[1-9]|1[01])\s+thang\s+(?:dau\s+)?nam" + _YEAR_OPT), "first_months"),
        (re.compile(r"(?<!\w)giua\s+nhiem\s+ky\b"), "mid_term"),
        (re.compile(r"(?<!\w)qu[yi]\s+(?P<q>" + roman + r"|[1-4])(?!\w)" + _YEAR_OPT), "quarter"),
        (re.compile(r"(?<!\w)thang\s+(?P<m>0?[1-9]|1[0-2])\s*(?:\+|&|va|,|-|–)\s*(?:thang\s+)?(?P<m2>0?[1-9]|1[0-2])(?!\d)"
                    + _YEAR_OPT), "months"),
        (re.compile(r"(?<!\w)thang\s+(?P<m>0?[1-9]|1[0-2])(?!\d)" + _YEAR_OPT), "month"),
        (re.compile(r"(?<!\w)(?:" + alt(data["semester_words"]) + r")\s*(?P<s>ii|i|[12])(?!\w)"), "semester"),
        (re.compile(r"(?<!\w)nam\s+hoc\s*:?\s*" + _SCHOOL_YEAR), "school_year"),
        (re.compile(r"(?<!\w)giai\s+doan\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})"), "custom_years"),
        # "5 năm 2016 - 2020", "05 năm (2016-2020)", "năm 2016 - 2020": the years from the first to the last
        (re.compile(r"(?<!\w)(?:\d{1,2}\s+)?nam\s*\(?\s*(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})(?!\d)\s*\)?"),
         "custom_years"),
        (re.compile(r"(?<!\w)nam\s+(?P<year>(?:19|20)\d{2})(?![\d/])"), "year"),
    ]


def extract_period(zd: ZonedDocument) -> Period | None:
    """The reporting period named in the subject, else one the opening of the body states as reported on.

    A month or quarter without its year takes the date's; a semester without its
    school year takes the one the opening of the body names.
    """
    from .header import subject_and_year

    title, year = subject_and_year(zd)
    opening = zd.paragraphs[:3]
    context = " ".join(p.text[:400] for p in opening)
    if title:
        period = find_period(title, default_year=year, context=context) or _day_of_a_daily_report(title)
        if period is not None:
            titles = zd.labelled(LineKind.KIND, LineKind.SUBJECT, LineKind.SUBJECT_CONT)
            if titles:
                period.provenance = provenance(titles[0], last=titles[-1])
            return period
    for p in opening[:2]:
        # "… báo cáo kết quả học kỳ I năm học 2022-2023 như sau:": a period the body says it reports on
        if _REPORTS_ON.search(fold_char_aligned(p.text[:400])):
            period = find_period(p.text[:400], default_year=year, context=context)
            if period is not None and period.kind in _STATED_KINDS:
                period.provenance = provenance(p)
                return period
    return None


def _day_of_a_daily_report(title: str) -> Period | None:
    """``NHANH Công tác phòng, chống thiên tai ngày 04/3/2024``: a flash report (BÁO CÁO NHANH) reports on the day
    its subject names, whatever words stand before the date (periods: daily_report_qualifiers)."""
    m = _daily_report_day_re().match(fold_char_aligned(unicodedata.normalize("NFC", title)))
    if not m:
        return None
    day = grammar.date_in(m.group("d1"))
    if day is None:
        return None
    return Period(kind="custom", year=day.year, start=day, end=day, label=title[m.start("label"): m.end()].strip())


@lru_cache(maxsize=None)
def _daily_report_day_re() -> re.Pattern[str]:
    qualifiers = vocab.folded_alternation(vocab.load("periods")["daily_report_qualifiers"])
    return re.compile(r"^\s*(?:" + qualifiers + r")\b.*?(?P<label>(?<!\w)ngay\s+(?P<d1>" + _D + r"))")


_REPORTS_ON = re.compile(r"\bbao\s+cao\b")
_STATED_KINDS = frozenset({"semester", "school_year", "half_year", "nine_months", "quarter", "month", "custom"})


def find_period(text: str, *, default_year: int | None = None, context: str = "") -> Period | None:
    """The reporting period named in ``text`` (the subject), or None.

    The first period phrase is the reported one (``quý II/2023 và nhiệm vụ quý
    III/2023``), but a composite one is joined (``tháng 9 và 9 tháng năm 2023``,
    ``năm 2023 và 6 tháng đầu năm 2024``: the second phrase follows at once,
    after ``và`` or a comma, with no ``nhiệm vụ``/``phương hướng`` between).
    A quarter or month without its year takes the next year printed after it,
    else ``default_year``; a semester without its school year takes the one in
    ``context``.  A date (``ngày 20 tháng 02 năm 2023``) is no period.
    """
    text = unicodedata.normalize("NFC", text)
    folded = fold_char_aligned(text)
    school_context = fold_char_aligned(unicodedata.normalize("NFC", context))
    found = _periods(text, folded, default_year, school_context)
    if not found:
        return None
    start, end, period = found[0]
    for nstart, nend, nxt in found[1:]:
        if not _JOINED.fullmatch(folded[end:nstart]):
            break
        period = _union(period, nxt, text[start:nend].strip())
        end = nend
    return period


_JOINED = re.compile(r"\s*(?:va|,|cong)\s*")


def _periods(text: str, folded: str, default_year: int | None, school_context: str) -> list[tuple[int, int, Period]]:
    """Every period phrase, in order, overlapping ones resolved to the longest (then the first rule)."""
    dates = [(d.start(), d.end()) for d in grammar.DATE_ANY.finditer(folded)]
    candidates: list[tuple[int, int, int, re.Match[str], str]] = []
    for order, (rx, kind) in enumerate(_rules()):
        for m in rx.finditer(folded):
            if kind != "custom" and any(a <= m.start() < b for a, b in dates):
                continue  # part of a date (ngày 20 tháng 02 năm 2023), not a period
            candidates.append((m.start(), -(m.end() - m.start()), order, m, kind))
    out: list[tuple[int, int, Period]] = []
    taken_to = -1
    for mstart, _, _, m, kind in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if mstart < taken_to:
            continue
        period = _period_of(m, kind, folded, default_year, school_context)
        if period is not None:
            period.label = text[m.start(): m.end()].strip()
            out.append((m.start(), m.end(), period))
            taken_to = m.end()
    return out


def _period_of(m: re.Match[str], kind: str, folded: str, default_year: int | None, school_context: str) -> Period | None:
    if kind == "semester":
        school = _LATER_SCHOOL_YEAR.search(folded, m.end()) or _LATER_SCHOOL_YEAR.search(school_context)
        return _semester(m.group("s"), int(school.group("y1"))) if school else None
    if kind == "mid_term":
        term = _LATER_TERM.search(folded, m.start())
        if not term:
            return None
        y1, y2 = int(term.group("y1")), int(term.group("y2"))
        if not y1 < y2 <= y1 + 10:
            return None
        return Period(kind="custom", year=y1, start=dt.date(y1, 1, 1), end=dt.date(y1 + (y2 - y1) // 2, 12, 31))
    later = _LATER_YEAR.search(folded, m.end())
    year = int(later.group(1)) if later else default_year
    return _build(m, kind, year)


def _union(a: Period, b: Period, label: str) -> Period:
    """A composite period: from the earlier start to the later end."""
    start, end = min(a.start, b.start), max(a.end, b.end)  # type: ignore[type-var]
    return Period(kind="custom", year=end.year, start=start, end=end, label=label)


def _year(m: re.Match[str], default_year: int | None) -> int | None:
    y = m.groupdict().get("year")
    return int(y) if y else default_year


def _build(m: re.Match[str], kind: str, default_year: int | None) -> Period | None:
    if kind == "day":  # "Tình hình ngày 06/9/2022": a daily report, of that one day
        day = grammar.date_in(m.group("d1"))
        return Period(kind="custom", year=day.year, start=day, end=day) if day else None
    if kind == "custom":
        start, end = grammar.date_in(m.group("d1")), grammar.date_in(m.group("d2"))
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
    if kind == "first_months":
        n = int(m.group("n"))
        return Period(kind="custom", year=year, start=dt.date(year, 1, 1),
                      end=dt.date(year, n, calendar.monthrange(year, n)[1]))
    if kind == "quarter":
        q = m.group("q").upper()
        index = vocab.load("periods")["roman_quarters"].get(q) or int(q)
        return periodic("quarter", year, index)
    if kind == "month":
        return periodic("month", year, int(m.group("m")))
    if kind == "months":  # "tháng 4+5/2018", "tháng 4 và 5 năm 2018": one report for consecutive months
        m1, m2 = int(m.group("m")), int(m.group("m2"))
        if m2 <= m1:
            return None
        return Period(kind="custom", year=year, start=dt.date(year, m1, 1),
                      end=dt.date(year, m2, calendar.monthrange(year, m2)[1]))
    return periodic("year", year, None)


def _semester(which: str, y1: int) -> Period | None:
    """Học kỳ I or II of the school year ``y1``–``y1+1`` (bounds from ``periods.json``)."""
    key = {"1": "I", "2": "II", "i": "I", "ii": "II"}[which.lower()]
    rule = vocab.load("periods")["semesters"][key]
    (fy, fm, fd), (ty, tm, td) = rule["from"], rule["to"]
    return Period(kind="semester", year=y1, index=1 if key == "I" else 2,
                  start=dt.date(y1 + fy, fm, fd), end=dt.date(y1 + ty, tm, td))


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
