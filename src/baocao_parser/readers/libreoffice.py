"""Legacy Word formats (.doc, .rtf, .odt) → .docx through LibreOffice headless.

Why LibreOffice: the binary .doc format has no maintained pure-Python reader,
and LibreOffice's filter keeps each run's font name, which is what the .docx
reader needs to spot ``.VnTime``/``VNI-Times`` runs and convert only those.

How it is run, and why:

* a private profile directory (``-env:UserInstallation``), so a conversion
  never touches, or waits on, the user's own LibreOffice profile or a desktop
  instance that is already open;
* a time limit, and on timeout the whole process group is killed (``soffice``
  forks ``soffice.bin``; killing only the parent leaves the worker running);
* one conversion at a time per process (a lock): one LibreOffice per profile,
  and a batch on many threads would otherwise start many 200 MB processes;
* converted output cached by the input's sha256, because conversion takes
  seconds and archives are re-parsed often.

Inputs are sniffed first: a "document" that is none of OLE2 (.doc), RTF,
a zip (.odt/.docx saved as .doc), HTML or XML is refused at once, because
LibreOffice would otherwise import it as plain text and "succeed".
"""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

from .. import limits
from ..errors import MissingDependencyError, UnreadableDocumentError

__all__ = ["convert_with_libreoffice", "find_soffice", "cache_dir"]

_INSTALL_HINT = "install LibreOffice to read .doc files: apt-get install -y libreoffice-writer-nogui"

_LOCK = threading.Lock()
_PROFILE: Path | None = None  # private profile, made once per process, reused

_MAGIC = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2 compound file: Word 97-2003 .doc
    b"{\\rtf",  # RTF
    b"PK\x03\x04",  # zip: .odt, or a .docx with the wrong extension
)


def find_soffice() -> str | None:
    """Path of the LibreOffice executable on PATH (``soffice`` or ``libreoffice``)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def cache_dir() -> Path:
    """Where converted files are kept: ``$BAOCAO_CACHE_DIR/libreoffice`` or ``~/.cache/baocao_parser/libreoffice``."""
    root = os.environ.get("BAOCAO_CACHE_DIR")
    if root:
        return Path(root) / "libreoffice"
    return Path.home() / ".cache" / "baocao_parser" / "libreoffice"


def _looks_convertible(data: bytes) -> bool:
    if data.startswith(_MAGIC[0]):
        # an OLE2 file is a Word document only if it has a "WordDocument"
        # stream; its directory stores the name in UTF-16LE. Without this
        # check LibreOffice imports any OLE2 garbage as text and "succeeds".
        return "WordDocument".encode("utf-16-le") in data
    if data.startswith(_MAGIC):
        return True
    head = data[:512].lstrip().lower()
    # Word "Save as .doc" of HTML/XML (Word 2003 XML, web pages) is common too
    return head.startswith((b"<?xml", b"<html", b"<!doctype html", b"\xef\xbb\xbf<"))


_PROFILE_PREFIX = "baocao-lo-profile-"
# Links and remote content off: a linked image `http://…` in an .odt must not be fetched while converting.
_NO_NETWORK_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableActiveContent" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseOpenCL" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


_RTF_BIN = re.compile(rb"\\bin(\d{1,12})")


def _is_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<html", b"<!doctype html")) or (head.startswith(b"\xef\xbb\xbf") and b"<html" in head)


def _check_rtf(data: bytes, source: str) -> None:
    """An RTF ``\\binN`` longer than the file itself sends LibreOffice spinning: refuse it before converting."""
    for m in _RTF_BIN.finditer(data):
        if int(m.group(1)) > len(data) - m.end():
            raise UnreadableDocumentError(
                source, f"damaged RTF: \\bin declares {int(m.group(1))} bytes of binary data but the file ends before")


def _profile_dir() -> Path:
    """A private profile for this process (``…-PID-``), with links and remote content disabled.

    Profiles of processes that died without cleaning up (a worker killed at the
    time limit) are removed when the next one is made.
    """
    global _PROFILE
    if _PROFILE is None or not _PROFILE.exists():
        _remove_stale_profiles()
        _PROFILE = Path(tempfile.mkdtemp(prefix=f"{_PROFILE_PREFIX}{os.getpid()}-"))
        user = _PROFILE / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_NO_NETWORK_XCU, encoding="utf-8")
        atexit.register(shutil.rmtree, _PROFILE, True)
    return _PROFILE


def _remove_stale_profiles() -> None:
    for old in Path(tempfile.gettempdir()).glob(f"{_PROFILE_PREFIX}*"):
        pid = old.name[len(_PROFILE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_NO_NET: list[str] | None = None


def _without_network() -> list[str]:
    """``unshare --net --`` where a network-less namespace can be made here (root, or user namespaces), else nothing."""
    global _NO_NET
    if _NO_NET is None:
        _NO_NET = []
        unshare = shutil.which("unshare")
        if unshare and sys.platform.startswith("linux"):
            for prefix in ([unshare, "--net", "--"], [unshare, "--user", "--map-root-user", "--net", "--"]):
                try:
                    ok = subprocess.run([*prefix, "true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, timeout=10).returncode == 0
                except (OSError, subprocess.TimeoutExpired):
                    ok = False
                if ok:
                    _NO_NET = prefix
                    break
    return _NO_NET


def _drop_profile() -> None:
    """Forget the profile after a failure: a killed instance may leave it locked or half-written."""
    global _PROFILE
    if _PROFILE is not None:
        shutil.rmtree(_PROFILE, ignore_errors=True)
        _PROFILE = None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not get ignored
        pass


_RUN_RE = re.compile(rb"<w:r[ >].*?</w:r>", re.S)
_LEGACY_FONT_RE = re.compile(rb'w:(?:ascii|hAnsi)="\.vn', re.I)


def _keep_soft_hyphens(docx: bytes) -> bytes:
    """Put TCVN3's ư back where LibreOffice turned it into ``<w:softHyphen/>``.

    TCVN3 stores ư at 0xAD, the soft-hyphen position of Windows-1252; Word and
    LibreOffice treat it as an optional hyphen and write ``<w:softHyphen/>``,
    which .docx readers drop, so "người" (``ng\xadêi``) would come back as
    "ngêi". Only runs in a ``.Vn…`` font are touched; in a Unicode run a soft
    hyphen really is one.
    """
    try:
        zin = zipfile.ZipFile(io.BytesIO(docx))
        xml = zin.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        return docx
    if b"<w:softHyphen/>" not in xml:
        return docx

    def fix(m: re.Match[bytes]) -> bytes:
        run = m.group()
        if b"<w:softHyphen/>" in run and _LEGACY_FONT_RE.search(run):
            run = run.replace(b"<w:softHyphen/>", '<w:t xml:space="preserve">\u00ad</w:t>'.encode("utf-8"))
        return run

    new_xml = _RUN_RE.sub(fix, xml)
    if new_xml == xml:
        return docx
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, new_xml if item.filename == "word/document.xml" else zin.read(item.filename))
    return out.getvalue()


def _cache_read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data or None


def _cache_write(path: Path, data: bytes) -> None:
    """Best effort: a read-only home or a full disk must not fail the conversion."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def convert_with_libreoffice(
    data: bytes,
    *,
    source: str,
    suffix: str,
    target: str = "docx",
    timeout: float | None = None,
) -> bytes:
    """Convert a legacy document to ``target`` (default .docx) and return the new file's bytes.

    ``suffix`` is the input's kind (``".doc"``, ``"rtf"``…; the dot is
    optional): LibreOffice picks its import filter partly by extension.
    ``target`` is what ``--convert-to`` takes (``"docx"``, ``"doc"``, or
    ``"docx:MS Word 2007 XML"``).

    Raises :class:`MissingDependencyError` when LibreOffice is not installed,
    :class:`UnreadableDocumentError` when the input is not a document
    LibreOffice can open, when it fails, produces nothing, or runs past
    ``timeout`` seconds (the process group is killed first).
    """
    timeout = timeout or limits.LIBREOFFICE_TIMEOUT_S
    suffix = suffix.lstrip(".").lower() or "doc"
    out_ext = target.split(":", 1)[0].strip().lower()
    if not data:
        raise UnreadableDocumentError(source, "the file is empty (0 bytes)")
    if not _looks_convertible(data):
        if data.startswith(_MAGIC[0]):
            why = "an OLE2 file without a WordDocument stream (not a Word document, or truncated)"
        else:
            why = "its first bytes are not OLE2 (Word 97-2003), RTF, ODF/zip, HTML or XML"
        raise UnreadableDocumentError(source, f"not a .{suffix} document: {why}")
    if data.startswith(b"{\\rtf"):
        _check_rtf(data, source)
    key = hashlib.sha256(data).hexdigest()
    cached = cache_dir() / f"{key}.{suffix}.{out_ext}"
    hit = _cache_read(cached)
    if hit is not None:
        return hit

    soffice = find_soffice()
    if soffice is None:
        raise MissingDependencyError(source, _INSTALL_HINT)

    with _LOCK:
        hit = _cache_read(cached)  # another thread may have made it while we waited
        if hit is not None:
            return hit
        with tempfile.TemporaryDirectory(prefix="baocao-lo-") as tmp:
            work = Path(tmp)
            src = work / f"input.{suffix}"
            src.write_bytes(data)
            outdir = work / "out"
            outdir.mkdir()
            cmd = [
                *_without_network(),
                soffice,
                f"-env:UserInstallation={_profile_dir().as_uri()}",
                "--headless",
                "--invisible",
                "--nologo",
                "--nodefault",
                "--norestore",
                "--nolockcheck",
                *(["--infilter=HTML (StarWriter)"] if _is_html(data) else []),  # a web page saved as .doc
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(src),
            ]
            env = dict(os.environ, HOME=str(work))  # nothing may land in the real $HOME
            try:
                proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    cwd=work,
                    env=env,
                    start_new_session=True,  # own process group, so a timeout kills it all
                )
            except OSError as exc:
                raise UnreadableDocumentError(source, f"LibreOffice could not be started: {exc}") from exc
            try:
                stdout, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                _drop_profile()
                raise UnreadableDocumentError(
                    source, f"LibreOffice did not finish converting within {timeout:g} s (stopped)"
                ) from None
            # soffice.bin may outlive the launcher; the conversion is done, clean up
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            produced = outdir / f"input.{out_ext}"
            result = produced.read_bytes() if produced.is_file() else b""
            if not result:
                if proc.returncode not in (0, None):
                    _drop_profile()
                detail = (stderr or stdout or b"").decode("utf-8", "replace").strip().splitlines()
                why = detail[-1] if detail else f"exit status {proc.returncode}"
                raise UnreadableDocumentError(source, f"LibreOffice could not convert the file ({why})")
    if out_ext == "docx":
        result = _keep_soft_hyphens(result)
    _cache_write(cached, result)
    return result
