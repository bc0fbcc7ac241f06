"""Bad input never gives a traceback, a hang or a crash: through ``baocao parse --json`` and ``parse()``.

Each bad file is run through the CLI in a child process limited to 2 GB of
address space (``RLIMIT_AS``) and a wall-clock bound, and through ``parse()``
in-process.  A file that cannot be read is reported on stderr with its name; the
exit status is 1 only when no file of the command could be parsed; the other
files of the same command are still parsed.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from _bytes import REPORT_TEXT, docx_bytes, garbage, zip_not_word
from baocao_parser import BaocaoError, Report, parse

MEMORY_LIMIT = 2 * 1024 ** 3

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _cli() -> list[str]:
    exe = shutil.which("baocao")
    return [exe] if exe else [sys.executable, "-m", "baocao_parser.cli"]


class Child:
    """``baocao parse --json FILES`` in a child limited to 2 GB of address space.

    A thread waits for it and notes when it ended, so the measured time is the child's own
    whenever ``result()`` is called.
    """

    def __init__(self, *files: Path | str) -> None:
        self.t0 = time.perf_counter()
        self.popen = subprocess.Popen([*_cli(), "parse", "--json", *map(str, files)], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, preexec_fn=_limit_memory if resource else None)
        self.out = self.err = ""
        self.elapsed: float | None = None
        self.thread = threading.Thread(target=self._wait, daemon=True)
        self.thread.start()

    def _wait(self) -> None:
        self.out, self.err = self.popen.communicate()
        self.elapsed = time.perf_counter() - self.t0

    def result(self, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
        self.thread.join(timeout)
        if self.thread.is_alive():
            self.popen.kill()
            self.thread.join()
            pytest.fail(f"baocao parse did not finish in {timeout} s")
        assert self.elapsed is not None
        return subprocess.CompletedProcess(self.popen.args, self.popen.returncode, self.out, self.err), self.elapsed


# ---------------------------------------------------------------- the bad files


def _zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A .docx whose word/document.xml declares (and holds) ``megabytes`` MB of one repeated byte."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("_rels/.rels", "<Relationships/>")
        with zf.open("word/document.xml", "w") as f:
            chunk = b"<w:p>" + b"A" * ((1 << 20) - 5)
            for _ in range(megabytes):
                f.write(chunk)
    return path


def _lying_zip_bomb(path: Path, bomb: Path) -> Path:
    """``bomb`` with headers that understate document.xml's size (1 kB declared, 300 MB inside)."""
    data = bytearray(bomb.read_bytes())
    name = b"word/document.xml"
    for sig, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            name_len_at = 28 if sig == b"PK\x01\x02" else 26
            n = struct.unpack_from("<H", data, pos + name_len_at)[0]
            start = pos + (46 if sig == b"PK\x01\x02" else 30)
            if bytes(data[start:start + n]) == name:
                struct.pack_into("<I", data, pos + size_at, 1024)
            pos += 4
    path.write_bytes(bytes(data))
    return path


NO_HEADER_TEXT = """Trong năm, xã đã tổ chức nhiều hoạt động tuyên truyền về cải cách hành chính
tới các thôn và tổ dân phố, với 03 hội nghị và nhiều buổi sinh hoạt chuyên đề.
Tuy nhiên, kinh phí còn hạn chế.
"""


BIG_BODY = """Công tác tuyên truyền được đẩy mạnh trên nhiều phương tiện thông tin đại chúng, nhất là
trên hệ thống truyền thanh cơ sở và trang thông tin điện tử của xã; nội dung tuyên truyền
bám sát nhiệm vụ chính trị của địa phương, góp phần nâng cao nhận thức của nhân dân.

"""


def _big_text(path: Path, megabytes: int = 5) -> Path:
    """A report whose body is a wrapped prose paragraph repeated to ``megabytes`` MB."""
    body = BIG_BODY * (megabytes * 1024 * 1024 // len(BIG_BODY.encode()) + 1)
    path.write_text(REPORT_TEXT.replace("- Kinh phí còn hạn chế.\n", "- Kinh phí còn hạn chế.\n" + body), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": d / "empty.txt",
        "whitespace": d / "whitespace.txt",
        "garbage": d / "garbage.txt",
        "truncated_docx": d / "truncated.docx",
        "zip_bomb": d / "bomb.docx",
        "lying_zip_bomb": d / "lying-bomb.docx",
        "zip_not_word": d / "archive.docx",
        "folder": d / "a-folder",
        "missing": d / "does-not-exist.txt",
    }
    files["empty"].write_bytes(b"")
    files["whitespace"].write_bytes(b"  \n\t\r\n   \n")
    files["garbage"].write_bytes(garbage(64 * 1024))
    files["truncated_docx"].write_bytes(docx_bytes()[:-300])
    _zip_bomb(files["zip_bomb"])
    _lying_zip_bomb(files["lying_zip_bomb"], files["zip_bomb"])
    files["zip_not_word"].write_bytes(zip_not_word())
    files["folder"].mkdir()
    (files["folder"] / "inside.txt").write_text(REPORT_TEXT, encoding="utf-8")
    files["no_header"] = d / "no-header.txt"
    files["no_header"].write_text(NO_HEADER_TEXT, encoding="utf-8")
    files["big_text"] = _big_text(d / "big.txt")
    files["good"] = d / "good.txt"
    files["good"].write_text(REPORT_TEXT, encoding="utf-8")
    return files


UNREADABLE = ["empty", "whitespace", "garbage", "truncated_docx", "zip_bomb", "lying_zip_bomb", "zip_not_word", "folder", "missing"]
READABLE = ["no_header"]  # the 5 MB text goes through the CLI in test_cli_goes_on_after_bad_files

pytestmark = pytest.mark.skipif(resource is None, reason="needs POSIX resource limits")


@pytest.fixture(scope="module")
def cli(bad) -> dict[str, Child]:
    """Every CLI run of this module, three at a time (each child's time is its own wall clock)."""
    runs = {w: (bad[w],) for w in UNREADABLE + READABLE}
    runs["together"] = (*[bad[w] for w in UNREADABLE], bad["good"], bad["no_header"], bad["big_text"])
    runs["nothing_parsed"] = (bad["empty"], bad["missing"])
    children: dict[str, Child] = {}
    names = list(runs)
    for i in range(0, len(names), 3):
        batch = names[i:i + 3]
        for name in batch:
            children[name] = Child(*runs[name])
        for name in batch:
            children[name].result()
    return children


# ---------------------------------------------------------------- through parse()


@pytest.mark.parametrize("which", UNREADABLE)
def test_parse_raises_baocao_error_naming_the_file(bad, which):
    path = bad[which]
    with pytest.raises(BaocaoError) as info:
        parse(path)
    assert path.name in str(info.value) and info.value.reason


@pytest.mark.parametrize("which", ["empty", "whitespace", "garbage", "truncated_docx", "zip_not_word"])
def test_parse_bytes_raises_baocao_error(bad, which):
    with pytest.raises(BaocaoError) as info:
        parse(bad[which].read_bytes())
    assert info.value.source == "<bytes>"


def test_zip_bomb_is_refused_without_inflating(bad):
    """Refused from its declared sizes, before inflating: what it allocates stays far below what it declares."""
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(BaocaoError) as info:
            parse(bad["zip_bomb"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB allocated refusing a zip bomb"
    assert "bomb" in str(info.value) or "inflate" in str(info.value)


def test_lying_zip_bomb_is_not_inflated(bad):
    """A member that declares 1 kB must not be inflated past what it declares.

    ``readers.docx`` checks the declared sizes, then ``_has_legacy_fonts`` calls
    ``zf.read("word/document.xml")``: zipfile inflates the whole 300 MB member before
    its CRC check fails (632 MB peak), so a bigger lying member would exhaust memory.
    """
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(BaocaoError):
            parse(bad["lying_zip_bomb"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB allocated reading a 1.4 MB file that declares 1 kB"


def test_no_header_text_gives_report_with_warnings(bad):
    r = parse(bad["no_header"])
    assert isinstance(r, Report)
    assert r.doc_type is None and r.number.raw is None
    assert any("number" in w for w in r.warnings)
    assert r.conferences and r.conferences[0].count == 3


def test_five_megabyte_text_in_bounded_time(bad):
    assert bad["big_text"].stat().st_size >= 5 * 1024 * 1024
    r = parse(bad["big_text"])  # growth with size is pinned by ratios in test_properties.py, not by a clock
    assert r.issuer.name == "ỦY BAN NHÂN DÂN XÃ KỲ TÂN"
    assert r.signatory.name == "Nguyễn Văn An"


def test_wrong_format_override_is_a_clear_error(bad):
    with pytest.raises(BaocaoError):
        parse(bad["good"], format="docx")


# ---------------------------------------------------------------- through the CLI


@pytest.mark.parametrize("which", UNREADABLE)
def test_cli_refuses_unreadable_file_clearly(bad, cli, which):
    path = bad[which]
    proc, _ = cli[which].result()
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 1, f"exit {proc.returncode}; stderr: {proc.stderr[-1000:]}"
    assert path.name in proc.stderr, f"the message does not name the file: {proc.stderr!r}"
    assert "internal error" not in proc.stderr, f"an unexpected exception, not a clear refusal: {proc.stderr!r}"
    assert proc.stdout.strip() == ""


@pytest.mark.parametrize("which", READABLE)
def test_cli_parses_odd_but_readable_file(bad, cli, which):
    proc, _ = cli[which].result()
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stderr[-1000:]
    (line,) = proc.stdout.splitlines()
    report = json.loads(line)
    assert report["source"]["path"] == str(bad[which].resolve())


def test_cli_text_without_header_gives_a_report_with_warnings(bad, cli):
    proc, _ = cli["no_header"].result()
    report = json.loads(proc.stdout)
    assert report["warnings"], "a report with no header must say what it could not find"
    assert report["number"]["raw"] is None and report["issued_date"] is None


def test_cli_goes_on_after_bad_files(bad, cli):
    proc, _ = cli["together"].result()
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 0, "exit status must be 0 when some file parsed"
    parsed = [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()]
    assert parsed == [str(bad[w].resolve()) for w in ("good", "no_header", "big_text")]
    for w in UNREADABLE:
        assert bad[w].name in proc.stderr, f"no message names {bad[w].name}"


def test_cli_exit_1_when_nothing_parsed(bad, cli):
    proc, _ = cli["nothing_parsed"].result()
    assert proc.returncode == 1
    assert bad["empty"].name in proc.stderr and bad["missing"].name in proc.stderr
