"""The header and title block, through ``parse_text`` on small synthetic reports (``cases/header.json``)."""

from __future__ import annotations

import pytest

from _casetable import STANDARD_BODY, STANDARD_TAIL, case_params, check_fields
from baocao_parser import parse_text
from baocao_parser.extract.header import parse_number


@pytest.mark.parametrize("case", case_params("header.json"))
def test_header(case):
    report = parse_text(case["input"] + STANDARD_BODY + STANDARD_TAIL)
    check_fields(report, case["expected"])


@pytest.mark.parametrize("raw,seq,year,kind,issuer", [
    ("27/BC-UBND", 27, None, "BC", "UBND"),
    ("45/2020/NĐ-CP", 45, 2020, "NĐ", "CP"),
    ("12/UBND-VX", 12, None, None, "UBND-VX"),
    ("86 /BC-NN", 86, None, "BC", "NN"),
    ("15/TTr-TCKH", 15, None, "TTr", "TCKH"),
])
def test_parse_number(raw, seq, year, kind, issuer):
    n = parse_number(raw)
    assert (n.raw, n.sequence, n.year, n.kind_code, n.issuer_code) == (raw, seq, year, kind, issuer)


def test_header_fields_have_provenance():
    from _casetable import STANDARD_HEAD

    r = parse_text(STANDARD_HEAD + STANDARD_BODY + STANDARD_TAIL)
    assert r.issuer.provenance is not None and r.issuer.provenance.zone == "header-left"
    assert r.number.provenance is not None and r.number.provenance.line == 3
    assert r.provenance["issued_date"].zone == "header-right"
    assert r.provenance["title"].zone == "title"
    assert r.warnings == []
