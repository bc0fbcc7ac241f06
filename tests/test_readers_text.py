"""Plain-text encodings are detected, never assumed: ``readers.text.decode_text`` over ``cases/decode_text.json``."""

from __future__ import annotations

import unicodedata

import pytest

from _bytes import REPORT_TEXT, cp1258, encode
from _casetable import case_params
from baocao_parser import parse
from baocao_parser.readers.text import decode_text, read_text


@pytest.mark.parametrize("case", case_params("decode_text.json"))
def test_decode_text(case):
    data = encode(case["text"], case["encode"])
    text, encoding = decode_text(data)
    assert text == case.get("expected_text", unicodedata.normalize("NFC", case["text"]))
    assert unicodedata.is_normalized("NFC", text)
    assert encoding in case["encodings"]


@pytest.mark.parametrize("recipe", ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1258", "nfd-utf-8"])
def test_every_encoding_parses_to_the_same_report(recipe):
    ref = parse(REPORT_TEXT.encode("utf-8"), format="txt")
    r = parse(encode(REPORT_TEXT, recipe), format="txt")
    fields = ("doc_type", "title", "place", "issued_date", "difficulties", "recipients")
    assert {f: getattr(r, f) for f in fields} == {f: getattr(ref, f) for f in fields}
    assert (r.issuer.name, r.signatory.name) == (ref.issuer.name, ref.signatory.name)


def test_cp1258_is_detected_without_a_hint():
    r = parse(cp1258(REPORT_TEXT))
    assert r.source.format == "txt" and r.source.encoding == "cp1258"
    assert r.issuer.name == "ỦY BAN NHÂN DÂN XÃ KỲ TÂN"


def test_read_text_keeps_line_numbers():
    doc = read_text("dòng một\r\ndòng hai\rdòng ba\n".encode("utf-8"))
    assert [(ln.number, ln.text) for ln in doc.lines[:3]] == [(1, "dòng một"), (2, "dòng hai"), (3, "dòng ba")]
