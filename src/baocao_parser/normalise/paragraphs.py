"""Re-join hard-wrapped lines into paragraphs.

Text extractions and old plain-text saves wrap every ~85 characters, mid-word
phrase and even mid-name (``UBND phường Hoà`` / ``Khánh Bắc``), and some leave
blank lines inside a paragraph.  A line is joined to the one before unless the
new line starts a list item or heading, or the line before closed a sentence,
was a heading, or stopped well short of the wrap width.
"""

from __future__ import annotations

import re

from ..document import Line
from ..layout import grammar
from ..layout.linekinds import is_upper_line

MARKER = re.compile(
    r"^\s*(?:[-+•*–—‒]\s*(?=\S)|[IVXLC]{1,6}\s*[.)/]\s+|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]\s*(?=\D)|[a-zđ]\s*[)]\s*|Điều\s+\d+\s*[.:])"
)
_SYMBOL_TAIL = 48  # the rule is searched in the line's tail only: over a whole `1/1/1/…` line it is quadratic
_TERMINAL = (".", "!", "?", ":", ";", "./.", "…")


_DASH_ITEM = re.compile(r"^\s*[-+•*–—‒]")


def starts_item(text: str) -> bool:
    return bool(MARKER.match(text))


def _is_heading(text: str, width: int) -> bool:
    t = text.strip()
    if len(t) < width * 1.2 and is_upper_line(t):
        return True
    return bool(MARKER.match(t)) and not _DASH_ITEM.match(t) and len(t) < 0.6 * width


def wrap_width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text.strip()) for ln in lines if ln.text.strip())
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0])


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Paragraph lines from physical lines; provenance keeps first and last line numbers.

    Linear in the number of lines: each paragraph's parts are joined once.
    """
    width = wrap_width(lines)
    left = min((ln.x0 for ln in lines if ln.x0 is not None and ln.text.strip()), default=None)
    out: list[Line] = []
    parts: list[list[str]] = []
    prev_text = ""
    blank_between = False
    for ln in lines:
        t = ln.text.strip()
        if not t:
            blank_between = True
            continue
        if out and _continues(prev_text, t, width, blank_between, ln, left):
            glue = "" if grammar.WRAPPED_SYMBOL.search(prev_text[-_SYMBOL_TAIL:]) and t[:1].isalnum() else " "
            parts[-1].append(glue + t)
            out[-1].end_number = ln.number
        else:
            out.append(ln.with_text(t))
            parts.append([t])
        prev_text = t
        blank_between = False
    for ln, ps in zip(out, parts):
        if len(ps) > 1:
            ln.text = "".join(ps)
    return out


_RANGE_TAIL = re.compile(r"^[-–]\s*\d")


def _continues(prev: str, nxt: str, width: int, blank: bool, ln: Line, left: float | None) -> bool:
    if _RANGE_TAIL.match(nxt) and prev[-1:].isdigit() and not blank and len(prev) >= 0.7 * width:
        return True  # "mùa khô 2023" / "- 2024, …": a range wrapped at its dash, not a list item
    if starts_item(nxt) or _is_heading(prev, width):
        return False
    first = nxt[0]
    lower = first.islower() or first.isdigit() or first in "(“\"'%,"
    if prev.endswith(_TERMINAL):
        return lower and not prev.endswith(("./.", ":"))
    if lower:
        return True
    if blank:
        return False
    if left is not None and ln.x0 is not None and ln.x0 - left > 12:
        return False  # an indented first line starts a paragraph in PDFs and scans
    return len(prev) >= 0.7 * width
