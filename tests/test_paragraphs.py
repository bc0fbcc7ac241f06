"""Re-joining hard-wrapped lines: ``normalise.paragraphs.join_wrapped`` over ``cases/paragraphs.json``."""

from __future__ import annotations

import pytest

from _casetable import case_params
from baocao_parser.document import Line
from baocao_parser.normalise.paragraphs import join_wrapped


def _lines(text: str) -> list[Line]:
    return [Line(text=t, number=i) for i, t in enumerate(text.split("\n"), start=1)]


@pytest.mark.parametrize("case", case_params("paragraphs.json"))
def test_join_wrapped(case):
    assert [ln.text for ln in join_wrapped(_lines(case["input"]))] == case["expected"]


def test_joined_paragraph_keeps_first_and_last_line_numbers():
    out = join_wrapped(_lines("Ban Chỉ đạo xã đã kiện toàn thành viên sau khi có sự thay đổi về nhân sự, phân công\n"
                              "mỗi thành viên phụ trách một nhóm tiêu chí\n\nvà một thôn."))
    assert len(out) == 1
    assert (out[0].number, out[0].end_number) == (1, 4)


def test_input_lines_are_not_modified():
    lines = _lines("Ban Chỉ đạo xã đã kiện toàn thành viên sau khi có sự thay đổi về nhân sự, phân công\nmỗi thành viên.")
    join_wrapped(lines)
    assert lines[0].text.endswith("phân công")


def test_empty_input():
    assert join_wrapped([]) == []
    assert join_wrapped(_lines("\n\n")) == []


def test_with_text_copies_every_field_as_dataclasses_replace_does():
    """``Line.with_text`` lists the fields by hand for speed: a field added to ``Line`` must be added there."""
    import dataclasses

    values = {"text": "a", "page": 2, "number": 3, "zone": "body", "column": "left", "cell": (1, 2, 3),
              "bold": True, "italic": False, "x0": 1.5, "x1": 2.5, "top": 3.5, "confidence": 0.5,
              "end_number": 4, "kind": "subject"}
    assert set(values) == {f.name for f in dataclasses.fields(Line)}
    line = Line(**values)
    copy = line.with_text("b")
    assert copy == dataclasses.replace(line, text="b") and copy is not line and line.text == "a"
