"""File kind by content, not by name: ``readers.detect.sniff`` over ``cases/sniff.json``."""

from __future__ import annotations

import pytest

from _bytes import content, docx_bytes
from _casetable import case_params
from baocao_parser import parse
from baocao_parser.readers.detect import kind_from_extension, sniff


@pytest.mark.parametrize("case", case_params("sniff.json"))
def test_sniff(case):
    assert sniff(content(case["content"]), case["filename"]) == case["expected"]


@pytest.mark.parametrize("name,kind", [
    ("a.txt", "txt"), ("A.DOCX", "docx"), ("x.doc", "doc"), ("scan.JPG", "image"), ("r.pdf", "pdf"), ("noext", None), (None, None),
])
def test_kind_from_extension(name, kind):
    assert kind_from_extension(name) == kind


def test_docx_named_pdf_is_parsed_as_word(tmp_path):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(docx_bytes())
    r = parse(path)
    assert r.source.format == "docx"
    assert r.doc_type == "BÁO CÁO" and r.signatory.name == "Nguyễn Văn An"


def test_text_named_docx_is_parsed_as_text(tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(content("text"))
    r = parse(path)
    assert r.source.format == "txt" and r.issuer.name == "ỦY BAN NHÂN DÂN XÃ KỲ TÂN"
