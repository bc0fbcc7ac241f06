"""Refuse PDF decompression bombs before pdfium inflates them.

A 1 MB PDF can hold a content stream that inflates to 1 GB, and pdfium inflates
a whole stream at once.  Each ``/FlateDecode`` stream is inflated here first, in
pieces and without keeping the output, and the file is refused as soon as one
stream passes :data:`~baocao_parser.limits.MAX_PDF_STREAM_BYTES`.  The scan is
linear in the file (one regex pass, each stream inflated once, at most to the cap).
"""

from __future__ import annotations

import re
import zlib

from .. import limits
from ..errors import UnreadableDocumentError

_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")


def check_streams(data: bytes, source: str) -> None:
    """Raise :class:`UnreadableDocumentError` when one compressed stream inflates past the cap."""
    cap = limits.MAX_PDF_STREAM_BYTES
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        start = m.end()
        dict_start = data.rfind(b"obj", max(0, m.start() - 2048), m.start())
        header = data[dict_start if dict_start >= 0 else max(0, m.start() - 512): m.start()]
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        if _FLATE.search(header) and _inflates_past(data, start, end, cap):
            raise UnreadableDocumentError(
                source, f"refusing a PDF stream that inflates past {cap / 1e6:.0f} MB from {(end - start) / 1e6:.2f} MB "
                        "(decompression bomb?)")
        pos = max(end, start)


def _inflates_past(data: bytes, start: int, end: int, cap: int) -> bool:
    d = zlib.decompressobj()
    seen = 0
    view = memoryview(data)[start:end]
    step = 1 << 16
    try:
        for i in range(0, len(view), step):
            chunk = d.decompress(view[i: i + step], cap + 1 - seen)
            seen += len(chunk)
            while d.unconsumed_tail and seen <= cap:
                chunk = d.decompress(d.unconsumed_tail, cap + 1 - seen)
                seen += len(chunk)
            if seen > cap:
                return True
            if d.eof:
                break
    except zlib.error:
        return False  # damaged or not zlib: pdfium decides
    return False
