"""Legacy .doc/.rtf/.odt through LibreOffice headless (issue 5)."""

from __future__ import annotations

import io
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from baocao_parser.errors import MissingDependencyError, UnreadableDocumentError
from baocao_parser.readers import libreoffice
from baocao_parser.readers.libreoffice import convert_with_libreoffice

docx = pytest.importorskip("docx")

HAVE_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    not HAVE_SOFFICE, reason="LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BAOCAO_CACHE_DIR", str(cache))
    return cache


def _small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Báo cáo kết quả thực hiện công tác cải cách hành chính")
    run = d.add_paragraph().add_run("Mét bé phËn ng\u00adêi d©n")  # TCVN3, with ư at 0xAD
    run.font.name = ".VnTime"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def real_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if not HAVE_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui")
    os.environ.setdefault("BAOCAO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    doc = convert_with_libreoffice(_small_docx(), source="small.docx", suffix="docx", target="doc", timeout=120)
    assert doc.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    return doc


@needs_soffice
def test_doc_to_docx_keeps_text_fonts_and_tcvn3_soft_hyphen(real_doc: bytes, private_cache: Path) -> None:
    out = convert_with_libreoffice(real_doc, source="small.doc", suffix=".doc", timeout=120)
    d = docx.Document(io.BytesIO(out))
    runs = [(r.text, r.font.name) for p in d.paragraphs for r in p.runs if r.text]
    texts = "".join(t for t, _ in runs)
    assert "Báo cáo kết quả thực hiện công tác cải cách hành chính" in texts
    # the .VnTime run keeps its font (so the docx reader can convert it) and its
    # 0xAD (TCVN3 ư), which LibreOffice writes as <w:softHyphen/>
    legacy = [(t, f) for t, f in runs if f == ".VnTime"]
    assert legacy and "".join(t for t, _ in legacy) == "Mét bé phËn ng\u00adêi d©n"
    # cached by content hash
    assert any(private_cache.rglob("*.docx"))


@needs_soffice
def test_cached_result_needs_no_libreoffice(real_doc: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = convert_with_libreoffice(real_doc, source="small.doc", suffix="doc", timeout=120)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert convert_with_libreoffice(real_doc, source="small.doc", suffix="doc") == first


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 16,  # OLE2 header, no Word stream
        b"",
    ],
    ids=["random", "ole2-garbage", "empty"],
)
def test_garbage_doc_is_unreadable(data: bytes) -> None:
    start = time.monotonic()
    with pytest.raises(UnreadableDocumentError) as info:
        convert_with_libreoffice(data, source="garbage.doc", suffix=".doc", timeout=30)
    assert info.value.source == "garbage.doc"
    assert time.monotonic() - start < 30


@needs_soffice
def test_truncated_doc_fails_cleanly(real_doc: bytes) -> None:
    broken = real_doc[:512] + b"\x00" * (len(real_doc) - 512)  # header kept, directory gone
    with pytest.raises(UnreadableDocumentError):
        convert_with_libreoffice(broken, source="broken.doc", suffix=".doc", timeout=60)


def _fake_soffice(bin_dir: Path, body: str) -> None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    exe = bin_dir / "soffice"
    exe.write_text("#!/bin/sh\n" + body)
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


SLEEP = shutil.which("sleep") or "/bin/sleep"
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 64


def test_missing_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(MissingDependencyError) as info:
        convert_with_libreoffice(OLE_DOC, source="old.doc", suffix=".doc")
    assert "apt-get install -y libreoffice-writer-nogui" in info.value.reason


def test_hanging_libreoffice_is_killed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    # the launcher forks a worker, as soffice does; both must die
    _fake_soffice(tmp_path / "bin", f"{SLEEP} 300 & echo $! > {marker}\n{SLEEP} 300\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    start = time.monotonic()
    with pytest.raises(UnreadableDocumentError) as info:
        convert_with_libreoffice(OLE_DOC, source="hang.doc", suffix=".doc", timeout=1.5)
    assert time.monotonic() - start < 15
    assert "within" in info.value.reason
    child = int(marker.read_text())
    time.sleep(0.2)
    try:
        os.kill(child, 0)
        alive = Path(f"/proc/{child}/status").read_text().find("State:\tZ") < 0
    except ProcessLookupError:
        alive = False
    assert not alive


def test_libreoffice_that_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(UnreadableDocumentError) as info:
        convert_with_libreoffice(OLE_DOC, source="x.doc", suffix=".doc", timeout=30)
    assert "could not be loaded" in info.value.reason


def test_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BAOCAO_CACHE_DIR", str(tmp_path))
    assert libreoffice.cache_dir() == tmp_path / "libreoffice"
    monkeypatch.delenv("BAOCAO_CACHE_DIR")
    assert libreoffice.cache_dir() == Path.home() / ".cache" / "baocao_parser" / "libreoffice"
