"""Load the JSON case tables in ``tests/cases`` as pytest params (ftfy / pdfplumber style).

A table is ``{"_about": "...", "cases": [{"name": "...", ...}, ...]}``.  Each row
becomes one ``pytest.param`` whose id is the row's ``name``: the name says which
problem the row pins, so a failure reads as the bug it is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "cases"


def load_table(name: str) -> dict:
    return json.loads((CASES_DIR / name).read_text(encoding="utf-8"))


def case_params(name: str, key: str = "cases") -> list:
    table = load_table(name)
    rows = table[key]
    names = [row["name"] for row in rows]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, f"{name}: duplicate case names {sorted(dupes)}"
    return [pytest.param(row, id=row["name"]) for row in rows]


# ---------------------------------------------------------------- small synthetic reports

STANDARD_HEAD = """ỦY BAN NHÂN DÂN
XÃ KỲ TÂN
Số: 05/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Kỳ Tân, ngày 05 tháng 01 năm 2023

BÁO CÁO
Kết quả công tác cải cách hành chính năm 2022

"""

STANDARD_BODY = """I. KẾT QUẢ THỰC HIỆN
1. Công tác chỉ đạo
- Tổ chức 02 hội nghị triển khai kế hoạch.
II. KHÓ KHĂN, HẠN CHẾ
- Kinh phí còn hạn chế.
- Cơ sở vật chất thiếu.

"""

STANDARD_TAIL = """Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def dotted(obj, path: str):
    """``report``, ``"issuer.name"`` → the value; dates as ISO strings."""
    import datetime as dt

    for part in path.split("."):
        obj = None if obj is None else getattr(obj, part)
    return obj.isoformat() if isinstance(obj, dt.date) else obj


def check_fields(report, expected: dict) -> None:
    """Compare the dotted fields of ``expected``; ``warnings_match`` lists substrings some warning must hold."""
    want = {k: v for k, v in expected.items() if k not in ("warnings_match", "no_warning_match")}
    got = {k: dotted(report, k) for k in want}
    assert got == want
    for needle in expected.get("warnings_match", []):
        assert any(needle in w for w in report.warnings), f"no warning mentions {needle!r}: {report.warnings}"
    for needle in expected.get("no_warning_match", []):
        assert not any(needle in w for w in report.warnings), f"unexpected warning {needle!r}: {report.warnings}"
