"""Small helpers shared by the extractors: provenance, text cleaning, folded search."""

from __future__ import annotations

import re

from ..document import Line
from ..report import Provenance

_ITEM_MARKER = re.compile(r"^\s*(?:[-+•*–—‒·]+|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s*\))\s*")


def provenance(line: Line, *, inferred: bool = False, last: Line | None = None) -> Provenance:
    end = (last.end_number or last.number) if last is not None else line.end_number
    # Validated construction: with pydantic-core it costs less than ``model_construct``'s Python loop
    # (1.7 against 2.6 µs on the README's machine), and there are dozens of provenances per report.
    return Provenance(zone=line.zone, page=line.page, line=line.number,
                      end_line=end if end and end != line.number else None,
                      cell=line.cell, inferred=inferred)


def clean(text: str) -> str:
    """Collapse whitespace; strip blanks, stray separators and captured cell marks (``|``) at both ends."""
    return " ".join(text.split()).strip(" \t-–—_|")  # str.split's whitespace is the regex's \s


def strip_item(text: str, *, keep_period: bool = False) -> str:
    """A list item without its leading marker and trailing ``;`` / ``,`` (and ``.`` unless kept).

    Difficulties keep a sentence's closing full stop, as printed; recipients
    (``- Lưu: VT.``) lose it.
    """
    t = _ITEM_MARKER.sub("", text)
    t = " ".join(t.split())
    if t.endswith("./."):
        t = t[:-3].rstrip()
    strip = (";", ",", ".") if not keep_period else (";", ",")
    while t.endswith(strip):
        t = t[:-1].rstrip()
    return t


def mean_confidence(lines: list[Line]) -> float | None:
    vals = [ln.confidence for ln in lines if ln.confidence is not None]
    return round(sum(vals) / len(vals), 3) if vals else None
