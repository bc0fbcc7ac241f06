"""Which page images in a folder are one report: the page-set rule, as a pure function.

Archives often hold a report photographed or scanned page by page:
``bc-27_1.jpg``, ``bc-27_2.jpg``.  The rule: image files in the same folder
whose names are ``STEM`` + a separator (``_``, ``-``, a space, or none after
``p``/``page``/``trang``) + a page number of 1 to 3 digits + the extension,
with the same ``STEM`` (compared case-insensitively) and the same extension
kind, are one report when there are at least two of them and the lowest page
number is 0 or 1.  Pages are ordered by number, not by name (``_10`` after
``_9``).  Anything else is a report of its own.  No file is opened: the rule
uses names only, so a batch can group before it reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".heic", ".heif"})
_PAGE = re.compile(r"^(?P<stem>.+?)(?:[ _-]+(?:p|page|trang|tr)?[ _-]?|(?<=[a-z])(?:p|page|trang))(?P<n>\d{1,3})$", re.IGNORECASE)


def page_of(path: str | Path) -> tuple[str, int] | None:
    """(set key, page number) of an image file whose name ends in a page number, else None."""
    p = Path(path)
    if p.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    m = _PAGE.match(p.stem)
    if not m:
        return None
    kind = ".jpg" if p.suffix.lower() == ".jpeg" else ".tif" if p.suffix.lower() == ".tiff" else p.suffix.lower()
    return f"{p.parent}/{m.group('stem').casefold()}{kind}", int(m.group("n"))


def group_page_sets(paths: list[str]) -> list[list[str]]:
    """``paths`` grouped into reports: page sets in page order, every other file alone; input order kept."""
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path in paths:
        key = page_of(path)
        if key is not None:
            members[key[0]].append((key[1], path))
    sets: dict[str, list[str]] = {}
    for key, pages in members.items():
        numbers = [n for n, _ in pages]
        if len(pages) >= 2 and min(numbers) <= 1 and len(set(numbers)) == len(numbers):
            sets[key] = [p for _, p in sorted(pages)]
    out: list[list[str]] = []
    emitted: set[str] = set()
    for path in paths:
        key = page_of(path)
        if key is not None and key[0] in sets:
            if key[0] not in emitted:
                emitted.add(key[0])
                out.append(sets[key[0]])
            continue
        out.append([path])
    return out
