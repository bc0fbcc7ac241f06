"""The real corpus's development part in other capture styles (``samples/_build/captures.py``) keeps its F1.

Each style renders the real documents the way another tool or page captures
them (columns merged line by line, cells without their line breaks, a header in
capitals …).  The floors are the figures the README gives, rounded down: a
change to the line grammar that helps one capture and breaks another shows
here, by style.  Scored with ``../shared/eval/score.py``, like the corpus itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from _modules import load_module
from baocao_parser import parse_text

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "samples" / "_build"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

FLOORS = {  # style -> overall F1 on the development part (README, "Capture styles"), rounded down; narrow_cells
    # and rows_merged went from 0.99 to 0.98, one_line_by_rows from 0.98 to 0.97, when rounds s23 and s24 (81 dev
    # documents) joined the part, not by a fall: on the 410 documents they went 0.987 → 0.989 and 0.977 → 0.9797;
    # header_in_capitals and nbsp_pairs from 0.99 to 0.98 when round s25 (46 dev documents) joined it, not by a
    # fall: on the same documents the sixth session's start gave 0.9894 and 0.9883, its end 0.9897 and 0.9889
    "cells_with_marks": 0.99, "narrow_cells": 0.98, "double_spaced": 0.99,
    "one_line_by_rows": 0.97, "one_line_by_cells": 0.97, "rows_merged": 0.98,
    "rows_merged_with_closing": 0.97, "tab_rows": 0.99, "closing_side_by_side": 0.98,
    "closing_cells": 0.99, "cell_per_line": 0.97, "inline_cells": 0.98,
    "right_column_first": 0.99, "columns_one_after_the_other": 0.99, "web_characters": 0.99, "nbsp_pairs": 0.98,
    "date_split": 0.99, "kind_joined": 0.98, "header_in_capitals": 0.98,
    "number_label_in_capitals": 0.99,
    "header_lost_its_capitals": 0.97,
}


@pytest.fixture(scope="module")
def captures():
    return load_module(BUILD / "captures.py", "baocao_captures_build", beside=BUILD)


def test_every_style_has_a_floor(captures):
    assert set(captures.STYLES) == set(FLOORS)


LAYOUT = {
    "header_left": ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], "header_right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                    "Độc lập - Tự do - Hạnh phúc"],
    "number_line": "Số: 12/BC-UBND", "vv_lines": [], "date_line": "An Bình, ngày 5 tháng 6 năm 2024",
    "doc_type": "BÁO CÁO", "title_lines": ["Kết quả 6 tháng đầu năm 2024"], "kinh_gui_lines": [],
    "body": ["Thực hiện kế hoạch."], "recipients_lines": ["Nơi nhận:", "- UBND huyện;"],
    "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Tám"],
}


def test_styles_render_the_shapes_they_name(captures):
    spec = {"id": "x", "text": "", "gold": {}}
    merged = captures.rows_merged_with_closing(spec, LAYOUT)
    assert merged[:3] == ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                          "XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc",
                          "Số: 12/BC-UBND An Bình, ngày 5 tháng 6 năm 2024"]
    assert merged[-3:] == ["Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- UBND huyện; CHỦ TỊCH", "Lê Văn Tám"]
    cells = captures.cell_per_line(spec, LAYOUT)
    assert cells[:2] == ["ỦY BAN NHÂN DÂN XÃ AN BÌNH Số: 12/BC-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc An Bình, ngày 5 tháng 6 năm 2024"]
    assert captures.inline_cells(spec, LAYOUT)[1] == "| Số: 12/BC-UBND | An Bình, ngày 5 tháng 6 năm 2024 |"
    assert captures.rows_merged_with_closing(spec, dict(LAYOUT, recipients_lines=[])) is None


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the clone")
@pytest.mark.parametrize("style", sorted(FLOORS))
def test_style_score_holds(captures, style):
    score = load_module(SCORER, "baocao_shared_score_captures")
    tally = score.Tally()
    n = 0
    for _, _, text, gold in captures.render("dev", [style]):
        score.score_case(tally, gold, parse_text(text).model_dump(mode="json"))
        n += 1
    assert n >= 40
    assert tally.f1() >= FLOORS[style], f"{style}: overall F1 {tally.f1():.3f} < {FLOORS[style]}"
