"""Counts of conferences and meetings: ``extract.conferences`` over ``cases/conferences.json``."""

from __future__ import annotations

import pytest

from _casetable import case_params
from baocao_parser import parse_text
from baocao_parser.document import Line
from baocao_parser.extract.conferences import find_conferences as extract_conferences


@pytest.mark.parametrize("case", case_params("conferences.json"))
def test_extract_conferences(case):
    got = extract_conferences([Line(text=case["input"], number=1)])
    actual = [{k: getattr(c, k) for k in exp} for c, exp in zip(got, case["expected"])]
    assert len(got) == len(case["expected"]), f"found {[(c.count, c.noun, c.description) for c in got]}"
    assert actual == case["expected"]


def test_sentence_and_provenance_are_kept():
    line = Line(text="Năm 2023 xã đạt chuẩn. Tổ chức 03 hội nghị tuyên truyền; ban hành 5 văn bản.", number=7)
    (c,) = extract_conferences([line])
    assert c.sentence == "Tổ chức 03 hội nghị tuyên truyền;"
    assert c.provenance is not None and c.provenance.line == 7


def test_conference_total_is_the_sum():
    text = ("BÁO CÁO\nKết quả công tác năm 2023\n\n"
            "Tổ chức 06 hội nghị của UBND, hai cuộc họp chuyên đề và 04 buổi tọa đàm.\n")
    r = parse_text(text)
    assert [c.count for c in r.conferences] == [6, 2, 4]
    assert r.conference_total == 12


def test_no_conferences_gives_null_total():
    r = parse_text("BÁO CÁO\nKết quả công tác năm 2023\n\nBan hành 5 văn bản chỉ đạo.\n")
    assert r.conferences == [] and r.conference_total is None
