"""Repair of Tesseract's mistakes in the fixed vocabulary of reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("rapidfuzz")

from baocao_parser.document import Line  # noqa: E402
from baocao_parser.normalise.ocr_repair import repair, repair_headings, repair_lines, vocabulary  # noqa: E402

CASES = json.loads((Path(__file__).parent / "cases" / "ocr_repair.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["in"][:40] or "empty" for c in CASES])
def test_case_table(case):
    assert repair(case["in"]) == case["out"]


def test_vocabulary_is_data():
    phrases, codes, index = vocabulary()
    assert len(phrases) > 30 and "ubnd" in codes and "bc" in codes
    assert index  # every phrase reachable through one of its folded words


def test_repair_lines_in_place():
    lines = [Line("CỘNG HOA XA HỘI CHỦ NGHIA VIỆT NAM", confidence=0.8), Line("Nơi nhân:", confidence=0.9)]
    repair_lines(lines)
    assert [ln.text for ln in lines] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:"]


def test_roman_section_numbers_follow_their_sequence():
    texts = ["1. TÌNH HÌNH CHUNG", "1. Công tác chỉ đạo", "II. KẾT QUẢ", "II TỒN TẠI, HẠN CHẾ", "HI. NHIỆM VỤ", "CHỦ TỊCH"]
    lines = [Line(t, confidence=0.9) for t in texts]
    repair_headings(lines)
    assert [ln.text for ln in lines] == [
        "I. TÌNH HÌNH CHUNG", "1. Công tác chỉ đạo", "II. KẾT QUẢ", "III. TỒN TẠI, HẠN CHẾ", "IV. NHIỆM VỤ", "CHỦ TỊCH",
    ]


def test_headings_from_a_text_layer_are_left_alone():
    lines = [Line("I. KẾT QUẢ"), Line("II. KHÓ KHĂN"), Line("II. NHIỆM VỤ")]
    repair_headings(lines)
    assert lines[2].text == "II. NHIỆM VỤ"
