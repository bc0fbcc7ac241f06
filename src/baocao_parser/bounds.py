"""Keep one input within :mod:`baocao_parser.limits` before any extractor sees it.

Only regular files are read (a symlink to ``/dev/zero`` or a FIFO would be read
for ever or block), never more than :data:`~baocao_parser.limits.MAX_FILE_BYTES`;
lines longer than :data:`~baocao_parser.limits.MAX_LINE_CHARS` and text past
:data:`~baocao_parser.limits.MAX_TEXT_CHARS` are cut, each with a warning.
Names of any bytes (cp1258 names unzipped on Linux) are shown with their
undecodable bytes escaped, so printing or storing them never fails.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace

from . import limits
from .document import Document, Line
from .errors import UnreadableDocumentError


def printable_path(path: str) -> str:
    """``path`` with bytes that are not UTF-8 (surrogate-escaped by the OS layer) shown as ``\\xe1``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_regular_file(path: str, name: str | None = None) -> bytes:
    """The bytes of ``path``, refusing folders, devices, FIFOs and sockets, and files over the size limit."""
    name = name or printable_path(path)
    st = os.stat(path)  # follows symlinks: what would be read
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableDocumentError(name, "is a folder, not a file (use `baocao batch` for folders)")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableDocumentError(name, f"is not a regular file ({special_kind(st.st_mode)}); not read")
    if st.st_size > limits.MAX_FILE_BYTES:
        raise UnreadableDocumentError(
            name, f"file of {st.st_size / 1e6:.0f} MB is over the {limits.MAX_FILE_BYTES / 1e6:.0f} MB limit")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the stat
            raise UnreadableDocumentError(name, "is not a regular file; not read")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(min(os.fstat(fd).st_size, limits.MAX_FILE_BYTES) + 1)  # read(n) allocates n bytes first
            while len(data) <= limits.MAX_FILE_BYTES and (more := fh.read(1 << 20)):  # grown since the stat
                data += more
    finally:
        os.close(fd)
    if len(data) > limits.MAX_FILE_BYTES:
        raise UnreadableDocumentError(name, f"file grew over the {limits.MAX_FILE_BYTES / 1e6:.0f} MB limit while read")
    return data


def special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def bound_document(doc: Document) -> None:
    """Cut over-long lines and text past the limit, in place, with a warning in ``doc.warnings``."""
    total = 0
    long_lines = 0
    for i, ln in enumerate(doc.lines):
        if len(ln.text) > limits.MAX_LINE_CHARS:
            ln.text = ln.text[: limits.MAX_LINE_CHARS]
            long_lines += 1
        total += len(ln.text) + 1
        if total > limits.MAX_TEXT_CHARS:
            doc.warnings.append(limits.warning("the document", limits.MAX_TEXT_CHARS, "characters"))
            del doc.lines[i + 1:]
            break
    if long_lines:
        doc.warnings.append(f"{long_lines} line(s) longer than {limits.MAX_LINE_CHARS} characters were cut "
                            "(limit in baocao_parser.limits)")


def bound_paragraphs(paragraphs: list[Line], warnings: list[str]) -> list[Line]:
    """Re-joined paragraphs cut to the line limit (many wrapped lines can make one huge paragraph)."""
    if all(len(p.text) <= limits.MAX_LINE_CHARS for p in paragraphs):
        return paragraphs
    warnings.append(f"paragraphs longer than {limits.MAX_LINE_CHARS} characters were cut (limit in baocao_parser.limits)")
    return [p if len(p.text) <= limits.MAX_LINE_CHARS else replace(p, text=p.text[: limits.MAX_LINE_CHARS])
            for p in paragraphs]
