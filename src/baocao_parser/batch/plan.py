"""The plan step of a batch: walk the paths, pick the files by content, hash them, skip the unchanged.

:func:`plan_files` takes paths and returns :class:`~.outcome.PlannedFile` items,
in walk order; it reads the archive but never writes it (the record step does).
Only regular files are planned: a FIFO would block and a link to ``/dev/zero``
would be read for ever.  A symbolic link found while walking a folder is
followed only when it stays inside that folder (``follow_links=True`` follows
every link).  Names of any bytes are kept as the OS gives them for reading and
shown with their undecodable bytes escaped.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import limits
from ..bounds import printable_path, special_kind
from .outcome import BatchResult, PlannedFile, Status

if TYPE_CHECKING:  # pragma: no cover
    from ..archive import Archive

READABLE_KINDS = frozenset({"txt", "docx", "doc", "pdf", "image", "rtf", "odt", "docx-corrupt"})
# Files in a walked folder that are never reports even though they are text.
_NOT_REPORTS = frozenset({
    ".json", ".jsonl", ".py", ".pyc", ".ipynb", ".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".wal", ".shm",
    ".lock", ".xml", ".html", ".htm", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".log", ".csv", ".tsv", ".parquet",
    ".js", ".css", ".sh", ".zip", ".gz", ".tar", ".7z", ".rar", ".exe", ".dll", ".so", ".md", ".rst",
})

PathArg = str | bytes | os.PathLike


def as_path_list(paths: PathArg | Iterable[PathArg]) -> list[str]:
    """One path or many, as ``str`` (bytes names decoded the way the OS layer does)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    return [os.fsdecode(p) for p in paths]


def iter_files(paths: Iterable[PathArg]) -> Iterator[tuple[Path, bool, Path | None]]:
    """(file, given_explicitly, folder walked or None) for each path; folders walked recursively in sorted order."""
    for raw in paths:
        p = Path(os.fsdecode(raw))
        if p.is_dir():
            root = p.absolute()
            for folder, dirs, files in os.walk(p):  # does not descend into linked folders
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith("~"):
                        continue
                    if Path(name).suffix.lower() in _NOT_REPORTS or name.endswith(".lock"):
                        continue
                    yield Path(folder, name).absolute(), False, root
        else:
            yield p.absolute(), True, None


def sniff_file(path: Path, data: bytes | None = None) -> str:
    """The kind of a file by its content (``readers.detect.sniff``)."""
    from ..readers.detect import sniff

    if data is None:
        with open(path, "rb") as fh:
            data = fh.read(65536)
            if data.startswith(b"PK\x03\x04"):
                data += fh.read(limits.MAX_FILE_BYTES)
    return sniff(data, path.name)


def hash_file(path: Path) -> tuple[str, int, int]:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest(), st.st_size, st.st_mtime_ns


def _link_leaves(path: Path, root: Path) -> str | None:
    """Where a symbolic link found in ``root`` points, when that is outside ``root``."""
    if not path.is_symlink():
        return None
    target = os.path.realpath(path)
    real_root = os.path.realpath(root)
    if os.path.commonpath([target, real_root]) == real_root:
        return None
    return target


def plan_files(paths: PathArg | Iterable[PathArg], *, archive: Archive | None = None, reparse: bool = False,
               follow_links: bool = False, exclude: Iterable[str] = ()) -> list[PlannedFile]:
    """The files to parse, and the results already known for the others (``PlannedFile.settled``)."""
    from .. import __version__ as version

    records = archive.file_records() if archive is not None else {}
    planned: list[PlannedFile] = []

    def settle(path: str, shown: str, status: Status, reason: str | None, sha: str | None = None) -> None:
        planned.append(PlannedFile(path, shown, sha, settled=BatchResult(shown, status, reason, sha)))

    patterns = list(exclude)
    for path, explicit, root in iter_files(as_path_list(paths)):
        sp = str(path)
        if patterns and any(fnmatch.fnmatch(sp, p) for p in patterns):
            continue  # left out on request (--exclude)
        shown = printable_path(sp)
        if root is not None and not follow_links:
            target = _link_leaves(path, root)
            if target is not None:
                settle(sp, shown, Status.SKIPPED, f"a symbolic link out of the folder (to {printable_path(target)}); "
                                                  "not followed (--follow-links follows it)")
                continue
        try:
            st = path.stat()
        except FileNotFoundError:
            settle(sp, shown, Status.FAILED, "no such file" if explicit else "the file disappeared during the batch")
            continue
        except OSError as exc:
            settle(sp, shown, Status.FAILED, f"cannot read the file: {exc.strerror}")
            continue
        if not stat.S_ISREG(st.st_mode):
            settle(sp, shown, Status.FAILED, f"not a regular file ({special_kind(st.st_mode)}); not read")
            continue
        rec = records.get(shown)
        if rec is not None and rec.size == st.st_size and rec.mtime_ns == st.st_mtime_ns:
            stale = reparse and (rec.status == "failed" or (rec.parser_version or "") != version)
            if not stale:
                settle(sp, shown, Status.SKIPPED, rec.reason, rec.sha256)
                continue
        if st.st_size == 0:
            settle(sp, shown, Status.FAILED, "the file is empty")
            continue
        if st.st_size > limits.MAX_FILE_BYTES:
            settle(sp, shown, Status.FAILED, f"file of {st.st_size / 1e6:.0f} MB is over the "
                                             f"{limits.MAX_FILE_BYTES / 1e6:.0f} MB limit")
            continue
        try:
            kind = sniff_file(path)
        except OSError as exc:
            settle(sp, shown, Status.FAILED, f"cannot read the file: {exc.strerror or exc}")
            continue
        if kind not in READABLE_KINDS:
            if explicit:
                settle(sp, shown, Status.FAILED, f"not a document this library reads (content looks like: {kind})")
            continue
        if archive is None:
            planned.append(PlannedFile(sp, shown, None, st.st_size, st.st_mtime_ns))
            continue
        try:
            sha, size, mtime = hash_file(path)
        except OSError as exc:
            settle(sp, shown, Status.FAILED, f"cannot read the file: {exc.strerror or exc}")
            continue
        known = archive.report_version(sha)
        if known is not None and not (reparse and known != version):
            planned.append(PlannedFile(sp, shown, sha, size, mtime, BatchResult(shown, Status.SKIPPED, None, sha), moved=True))
            continue
        planned.append(PlannedFile(sp, shown, sha, size, mtime))
    return planned
