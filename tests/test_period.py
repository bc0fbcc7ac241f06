"""Reporting periods: ``extract.period.find_period`` over the case table ``cases/period.json``."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from _casetable import case_params
from baocao_parser.extract.period import find_period, periodic


def _value(v):
    return v.isoformat() if isinstance(v, dt.date) else v


@pytest.mark.parametrize("case", case_params("period.json"))
def test_find_period(case):
    got = find_period(case["input"], default_year=case.get("default_year"))
    expected = case["expected"]
    if expected is None:
        assert got is None, f"{case['input']!r} is not a reporting period, got {got!r}"
        return
    assert got is not None, f"no period found in {case['input']!r}"
    actual = {k: _value(getattr(got, k)) for k in expected}
    assert actual == expected


@pytest.mark.parametrize("kind,index,data_from,data_to", [
    ("half_year", 1, "2022-12-15", "2023-06-14"),   # 6-month report: 15/12 of the year before to 14/6
    ("half_year", 2, "2023-06-15", "2023-12-14"),
    ("quarter", 1, "2022-12-15", "2023-03-14"),
    ("quarter", 3, "2023-06-15", "2023-09-14"),     # quarter III: 15/6 to 14/9
    ("month", 10, "2023-09-15", "2023-10-14"),      # month 10: 15/9 to 14/10
    ("month", 1, "2022-12-15", "2023-01-14"),
    ("nine_months", None, "2022-12-15", "2023-09-14"),
    ("year", None, "2022-12-15", "2023-12-14"),     # year: 15/12 of the year before to 14/12
])
def test_nghi_dinh_09_2019_cutoff(kind, index, data_from, data_to):
    p = periodic(kind, 2023, index)
    assert (p.data_from.isoformat(), p.data_to.isoformat()) == (data_from, data_to)
    assert p.start <= p.end
    assert p.data_from < p.start and p.data_to < p.end


def test_label_is_the_text_as_printed_not_folded():
    text = "Báo cáo kết quả 6 tháng đầu năm 2023 của UBND xã"
    p = find_period(text)
    assert p is not None and p.label == "6 tháng đầu năm 2023"
    assert unicodedata.is_normalized("NFC", p.label)


def test_nfd_input_is_read_like_nfc():
    """A subject in decomposed Unicode (macOS copy-paste) names the same period (low priority:
    the pipeline normalises to NFC first, but find_period is public)."""
    nfc = find_period("6 tháng đầu năm 2023")
    nfd = find_period(unicodedata.normalize("NFD", "6 tháng đầu năm 2023"))
    assert nfd is not None, "find_period on NFD text finds nothing"
    assert (nfd.kind, nfd.start, nfd.end) == (nfc.kind, nfc.start, nfc.end)
