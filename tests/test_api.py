"""The public API and CLI surface: what scripts, notebooks and the scorer rely on."""

from __future__ import annotations

import importlib.resources
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import baocao_parser
from _bytes import REPORT_TEXT, docx_bytes
from baocao_parser import BaocaoError, Report, parse, parse_text

ROOT = Path(__file__).resolve().parents[1]

# The output contract (shared/spec/output-contract.md): paths that must exist in the JSON.
CONTRACT_PATHS = [
    "source.path", "source.sha256", "source.format", "source.pages", "source.ocr", "doc_type", "issuer.name",
    "issuer.parent", "number.raw", "place", "issued_date", "title", "period.label", "period.start", "period.end",
    "plans", "references", "conferences", "conference_total", "difficulties", "recipients", "signatory.name",
    "signatory.title", "signatory.authority", "warnings",
]


def _cli() -> list[str]:
    exe = shutil.which("baocao")
    return [exe] if exe else [sys.executable, "-m", "baocao_parser.cli"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_cli(), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def report_file(tmp_path) -> Path:
    p = tmp_path / "bao-cao.txt"
    p.write_text(REPORT_TEXT, encoding="utf-8")
    return p


def _has_path(obj: dict, path: str, schema: bool = False) -> bool:
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return False
        obj = obj[part]
    return True


# ---------------------------------------------------------------- library


def test_models_and_functions_importable_from_package_root():
    for name in ("parse", "parse_text", "parse_document", "read", "Report", "Source", "Issuer", "DocumentNumber", "Period",
                 "Reference", "Conference", "Section", "Signatory", "Provenance", "Document", "Line",
                 "BaocaoError", "UnreadableDocumentError", "UnsupportedFormatError", "MissingDependencyError"):
        assert hasattr(baocao_parser, name), name
        assert name in baocao_parser.__all__, name
    assert isinstance(baocao_parser.__version__, str) and baocao_parser.__version__


def test_parse_path(report_file):
    r = parse(report_file)
    assert isinstance(r, Report)
    assert r.source.path == str(report_file.resolve())
    assert r.source.format == "txt" and len(r.source.sha256) == 64
    assert r.issuer.name == "ỦY BAN NHÂN DÂN XÃ KỲ TÂN"


def test_parse_str_path(report_file):
    assert parse(str(report_file)).issuer.name == "ỦY BAN NHÂN DÂN XÃ KỲ TÂN"


def test_parse_bytes():
    r = parse(REPORT_TEXT.encode("utf-8"))
    assert r.source.path is None and r.source.format == "txt"
    assert r.doc_type == "BÁO CÁO"


def test_parse_docx_bytes():
    r = parse(docx_bytes())
    assert r.source.format == "docx"
    assert r.doc_type == "BÁO CÁO" and r.signatory.name == "Nguyễn Văn An"


def test_parse_with_format_override(tmp_path):
    p = tmp_path / "report.bin"
    p.write_text(REPORT_TEXT, encoding="utf-8")
    r = parse(p, format="txt")
    assert r.source.format == "txt" and r.title == "Kết quả công tác cải cách hành chính năm 2022"


def test_parse_text():
    r = parse_text(REPORT_TEXT)
    assert r.doc_type == "BÁO CÁO" and r.number.raw == "05/BC-UBND"
    assert r.source.path is None and r.source.format == "txt"


def test_parse_text_empty_is_a_baocao_error():
    with pytest.raises(BaocaoError):
        parse_text("   \n  ")


def test_sha256_is_of_the_file_bytes(report_file):
    import hashlib

    assert parse(report_file).source.sha256 == hashlib.sha256(report_file.read_bytes()).hexdigest()


def test_report_json_round_trip(report_file):
    r = parse(report_file)
    again = Report.model_validate_json(r.model_dump_json())
    assert again == r


def test_report_dump_has_every_contract_path():
    d = parse_text(REPORT_TEXT).model_dump(mode="json")
    missing = [p for p in CONTRACT_PATHS if not _has_path(d, p)]
    assert not missing, missing
    assert d["issued_date"] == "2023-01-05" and d["period"]["start"] == "2022-01-01"


def test_absent_values_are_null_or_empty_not_placeholders():
    r = parse_text("BÁO CÁO\nKết quả công tác\n\nNội dung.\n")
    d = r.model_dump(mode="json")
    assert d["number"]["raw"] is None and d["place"] is None and d["issued_date"] is None
    assert d["plans"] == [] and d["conferences"] == [] and d["conference_total"] is None
    assert d["signatory"]["name"] is None


def test_model_json_schema_has_contract_fields():
    schema = Report.model_json_schema()
    props = schema["properties"]
    for field in ("source", "doc_type", "issuer", "number", "place", "issued_date", "title", "period", "plans",
                  "references", "conferences", "conference_total", "difficulties", "recipients", "signatory", "warnings"):
        assert field in props, field
    defs = schema.get("$defs", {})
    assert {"sha256", "format", "path"} <= set(defs["Source"]["properties"])
    assert {"name", "title", "authority"} <= set(defs["Signatory"]["properties"])


def test_py_typed_is_shipped():
    assert importlib.resources.files("baocao_parser").joinpath("py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "py.typed" in pyproject


# ---------------------------------------------------------------- CLI


def test_cli_version():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert baocao_parser.__version__ in proc.stdout + proc.stderr


def test_cli_schema_is_json_with_contract_fields():
    proc = run_cli("schema")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema == json.loads(json.dumps(Report.model_json_schema()))
    assert {"source", "issuer", "signatory", "period", "plans", "conferences"} <= set(schema["properties"])


def test_cli_parse_json_lines(tmp_path, report_file):
    second = tmp_path / "second.docx"
    second.write_bytes(docx_bytes())
    proc = run_cli("parse", "--json", str(report_file), str(second))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2, "one JSON object per line per file"
    objs = [json.loads(line) for line in lines]
    assert [o["source"]["path"] for o in objs] == [str(report_file.resolve()), str(second.resolve())]
    assert [o["source"]["format"] for o in objs] == ["txt", "docx"]
    assert all(len(o["source"]["sha256"]) == 64 for o in objs)
    for o in objs:
        missing = [p for p in CONTRACT_PATHS if not _has_path(o, p)]
        assert not missing, missing


def test_cli_json_is_unicode_not_escaped(report_file):
    proc = run_cli("parse", "--json", str(report_file))
    assert "ỦY BAN NHÂN DÂN" in proc.stdout


def test_cli_summary_by_default(report_file):
    proc = run_cli("parse", str(report_file))
    assert proc.returncode == 0
    assert str(report_file.resolve()) in proc.stdout or report_file.name in proc.stdout
    assert "Nguyễn Văn An" in proc.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(proc.stdout)


def test_cli_format_option(tmp_path):
    p = tmp_path / "report.dat"
    p.write_text(REPORT_TEXT, encoding="utf-8")
    proc = run_cli("parse", "--json", "--format", "txt", str(p))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "Kết quả công tác cải cách hành chính năm 2022"


def test_cli_without_arguments_is_a_usage_error():
    proc = run_cli()
    assert proc.returncode == 2 and "usage" in proc.stderr.lower()
    assert "Traceback" not in proc.stderr
