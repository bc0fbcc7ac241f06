"""The issuer of a copy without its header, through ``parse_text`` on whole small copies (``cases/infer.json``)."""

from __future__ import annotations

import pytest

from _casetable import case_params, check_fields
from baocao_parser import parse_text


@pytest.mark.parametrize("case", case_params("infer.json"))
def test_inferred_issuer(case):
    check_fields(parse_text(case["input"]), case["expected"])
