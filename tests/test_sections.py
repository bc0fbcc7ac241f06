"""Parts of the outline (difficulties, causes, advantages, tasks, proposals): ``cases/sections.json``."""

from __future__ import annotations

import pytest

from _casetable import STANDARD_HEAD, STANDARD_TAIL, case_params
from baocao_parser import parse_text
from baocao_parser.document import Line
from baocao_parser.extract.sections import build_outline, families_of, split_sentences, to_sections


@pytest.mark.parametrize("case", case_params("sections.json"))
def test_parts(case):
    report = parse_text(STANDARD_HEAD + case["input"] + "\n" + STANDARD_TAIL)
    assert {f: getattr(report, f) for f in case["expected"]} == case["expected"]


@pytest.mark.parametrize("heading,families", [
    ("Khó khăn, hạn chế", ["difficulties"]),
    ("Tồn tại, hạn chế", ["difficulties"]),
    ("Hạn chế và nguyên nhân", ["difficulties", "causes"]),
    ("Thuận lợi, khó khăn", ["advantages", "difficulties"]),
    ("Khó khăn, vướng mắc và đề xuất", ["difficulties", "proposals"]),
    ("Phương hướng, nhiệm vụ", ["tasks"]),
    ("KIẾN NGHỊ", ["proposals"]),
    ("Kho khan", ["difficulties"]),
])
def test_families_of_heading(heading, families):
    assert families_of(heading) == families


@pytest.mark.parametrize("text,expected", [
    ("Kinh phí còn hạn chế. Cơ sở vật chất thiếu.", ["Kinh phí còn hạn chế.", "Cơ sở vật chất thiếu."]),
    ("Cán bộ tại TP. Hồ Chí Minh chưa đủ. Xã thiếu kinh phí.", ["Cán bộ tại TP. Hồ Chí Minh chưa đủ.", "Xã thiếu kinh phí."]),
    ("Đồng chí ThS. Nguyễn Văn An phụ trách. Xã thiếu kinh phí.", ["Đồng chí ThS. Nguyễn Văn An phụ trách.", "Xã thiếu kinh phí."]),
    ("Tỷ lệ đạt 95.5 phần trăm. Còn thiếu.", ["Tỷ lệ đạt 95.5 phần trăm.", "Còn thiếu."]),
    ("Một câu duy nhất", ["Một câu duy nhất"]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_outline_tree_nests_by_marker_rank():
    lines = [Line(text=t, number=i) for i, t in enumerate([
        "I. KẾT QUẢ", "1. Công tác chỉ đạo", "- Ban hành kế hoạch.", "+ Chi tiết một.", "2. Tuyên truyền",
        "a) Trên loa.", "II. KHÓ KHĂN", "- Thiếu kinh phí."], start=1)]
    tree = to_sections(build_outline(lines))
    assert [s.marker for s in tree] == ["I.", "II."]
    assert [c.marker for c in tree[0].children] == ["1.", "2."]
    assert tree[0].children[0].children[0].marker == "-"
    assert tree[0].children[0].children[0].children[0].marker == "+"
    assert tree[0].children[1].children[0].marker == "a)"
    assert tree[1].children[0].level == 2
