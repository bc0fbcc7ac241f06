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


def test_ocr_title_cut_short_under_the_signature_is_completed_from_its_kt_line():
    """OCR lost the last word of ``PHÓ CHỦ TỊCH`` under the ink signature; ``KT. CHỦ TỊCH`` says whose deputy signs."""
    from baocao_parser.document import Line
    from baocao_parser.extract.closing import _title

    cut = [Line("PHÓ CHỦ", confidence=0.6)]
    assert _title(cut, "KT. CHỦ TỊCH") == "PHÓ CHỦ TỊCH"
    assert _title(cut, "TM. ỦY BAN NHÂN DÂN") == "PHÓ CHỦ"  # no KT. line: nothing to complete from
    assert _title([Line("PHÓ CHỦ", confidence=None)], "KT. CHỦ TỊCH") == "PHÓ CHỦ"  # a text layer is the author's
    assert _title([Line("THỨ TRƯỞNG", confidence=0.9)], "KT. BỘ TRƯỞNG") == "THỨ TRƯỞNG"
