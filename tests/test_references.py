"""Cited documents and plans: ``extract.references`` over ``cases/references.json``."""

from __future__ import annotations

import datetime as dt

import pytest

from _casetable import case_params
from baocao_parser.document import Line
from baocao_parser.extract.references import find_references as extract_references, plans_of


def _iso(v):
    return v.isoformat() if isinstance(v, dt.date) else v


@pytest.mark.parametrize("case", case_params("references.json"))
def test_extract_references(case):
    refs = extract_references([Line(text=t, number=i) for i, t in enumerate(case["input"], start=1)])
    actual = [{k: _iso(getattr(r, k)) for k in exp} for r, exp in zip(refs, case["expected"])]
    assert len(refs) == len(case["expected"]), f"found {[(r.kind, r.number, _iso(r.date)) for r in refs]}"
    assert actual == case["expected"]
    assert [[p.number, _iso(p.date)] for p in plans_of(refs)] == case["plans"]


def test_reference_keeps_text_and_provenance():
    refs = extract_references([Line(text="Căn cứ Kế hoạch số 12/KH-UBND ngày 06/01/2023 của UBND xã về việc X.", number=4)])
    (r,) = refs
    assert r.text == "Kế hoạch số 12/KH-UBND ngày 06/01/2023 của UBND xã"
    assert r.provenance is not None and r.provenance.line == 4


def test_plans_include_kh_code_under_another_kind_word():
    refs = extract_references([Line(text="Thực hiện văn bản số 15/KH-UBND ngày 02/3/2023 của UBND huyện.")])
    assert [p.number for p in plans_of(refs)] == ["15/KH-UBND"]
