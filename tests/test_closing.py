"""Recipients and signatory, through ``parse_text`` (``cases/closing.json``)."""

from __future__ import annotations

import pytest

from _casetable import STANDARD_HEAD, case_params, check_fields
from baocao_parser import parse_text

BODY = """I. KẾT QUẢ THỰC HIỆN
- Tổ chức 02 hội nghị triển khai.
II. KHÓ KHĂN, HẠN CHẾ
- Kinh phí còn hạn chế.

"""


@pytest.mark.parametrize("case", case_params("closing.json"))
def test_closing(case):
    report = parse_text(STANDARD_HEAD + BODY + case["input"])
    check_fields(report, case["expected"])


def test_signatory_has_provenance_in_the_footer():
    r = parse_text(STANDARD_HEAD + BODY + "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n")
    assert r.signatory.provenance is not None and r.signatory.provenance.zone == "footer-right"
