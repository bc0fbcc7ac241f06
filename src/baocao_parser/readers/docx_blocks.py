"""What a Word body shows that python-docx's block walk leaves out: content controls and list numbers.

* ``iter_blocks`` yields a container's paragraphs and tables in document order,
  like python-docx's ``iter_inner_content()``, but also those wrapped in content
  controls (``<w:sdt>``) and custom XML (``<w:customXml>``), which e-office
  templates put around whole parts of a report; ``iter_inner_content()`` sees
  only direct ``w:p``/``w:tbl`` children and drops them silently.
* ``ListLabels`` gives a paragraph the label Word prints before it when the
  number comes from Word's list numbering (``<w:numPr>``) rather than typed:
  ``II.``, ``2.1.``, ``a)`` or a bullet.  Offices that number their headings
  and the Nơi nhận items this way store ``Khó khăn, vướng mắc`` and ``Như
  trên;`` without the ``2.`` or ``-`` every reader of the page sees, and the
  section and recipient grammar needs them.  python-docx does not compute
  these labels; the subset here (decimal, Roman, letter and bullet formats,
  ``%1.%2.`` level texts, start values, restarts of deeper levels, numbering
  set by a paragraph style) is what administrative documents use.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAPPERS = {f"{_W}sdt": f"{_W}sdtContent", f"{_W}customXml": None, f"{_W}smartTag": None}


def iter_blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a document, cell or header part, in order, looking inside content controls."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if hasattr(container, "_body"):  # the Document: its blocks live in the body
        container = container._body
    for el in _children(container._element):
        if el.tag == f"{_W}p":
            yield Paragraph(el, container)
        elif el.tag == f"{_W}tbl":
            yield Table(el, container)


def _children(element: Any, depth: int = 0) -> Iterator[Any]:
    for el in element.iterchildren():
        tag = el.tag
        if tag in _WRAPPERS and depth < 8:
            inner_tag = _WRAPPERS[tag]
            inner = el.find(inner_tag) if inner_tag else el
            if inner is not None:
                yield from _children(inner, depth + 1)
        else:
            yield el


def iter_rows(tbl: Any) -> Iterator[Any]:
    """A table's ``w:tr`` rows, also those inside a content control around rows."""
    return (el for el in _children(tbl) if el.tag == f"{_W}tr")


def iter_cells(tr: Any) -> Iterator[Any]:
    """A row's ``w:tc`` cells, also those inside a content control around cells."""
    return (el for el in _children(tr) if el.tag == f"{_W}tc")


class ListLabels:
    """The printed labels of Word-numbered paragraphs, counted in document order.

    Call :meth:`label` once per paragraph, in the order the paragraphs are read.
    Counters are kept per abstract list (lists that share one continue each
    other's numbers, as in Word), a level's counter restarts when a higher level
    moves on, and a ``w:num`` with a ``startOverride`` restarts its list.
    """

    def __init__(self, doc: Any, styles_by_id: dict[str, Any] | None = None) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id -> level -> (fmt, text, start)
        self._num_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str, int] | None] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._restarted: set[str] = set()
        self._styles: dict[str, Any] = dict(styles_by_id or {})
        self.active = _uses_numbering(doc.element.body, self._styles)
        if not self.active:  # Word's own list styles are in every template: read the lists only when used
            return
        try:
            numbering = doc.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError, ValueError):
            numbering = None
        if numbering is None:
            self.active = False
            return
        for ab in numbering.iterfind(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in ab.iterfind(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"), 0)
                levels[ilvl] = (_val(lvl.find(f"{_W}numFmt")) or "decimal", _val(lvl.find(f"{_W}lvlText")) or "",
                                _int(_val(lvl.find(f"{_W}start")), 1))
            self._levels[ab.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering.iterfind(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self._num_abstract[num_id] = _val(num.find(f"{_W}abstractNumId")) or ""
            starts = {}
            for ov in num.iterfind(f"{_W}lvlOverride"):
                start = ov.find(f"{_W}startOverride")
                if start is not None:
                    starts[_int(ov.get(f"{_W}ilvl"), 0)] = _int(_val(start), 1)
            if starts:
                self._overrides[num_id] = starts

    def label(self, p: Any) -> str:
        """The label Word prints before paragraph ``p`` (a ``w:p`` element), or ``""``."""
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract = self._num_abstract.get(num_id)
        levels = self._levels.get(abstract or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract or "", {})
        if num_id in self._overrides and num_id not in self._restarted:
            self._restarted.add(num_id)
            counters.clear()
            for lvl, start in self._overrides[num_id].items():
                counters[lvl] = start - 1
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return _bullet(text)
        if fmt == "none":
            return ""
        out = text
        for k in range(8, -1, -1):
            if f"%{k + 1}" in out:
                kfmt, _, kstart = levels.get(k, ("decimal", "", 1))
                out = out.replace(f"%{k + 1}", _format(counters.get(k, kstart), kfmt))
        return out.strip() + " " if out.strip() else ""

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"))
            if num_id is not None:
                return (None if num_id == "0" else (num_id, _int(_val(num_pr.find(f"{_W}ilvl")), 0)))
        style = ppr.find(f"{_W}pStyle") if ppr is not None else None
        sid = _val(style)
        return self._from_style(sid) if sid else None

    def _from_style(self, style_id: str) -> tuple[str, int] | None:
        if style_id in self._style_num:
            return self._style_num[style_id]
        found = None
        sid: str = style_id
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < limits.MAX_STYLE_DEPTH:  # a basedOn chain may loop
            seen.add(sid)
            st = self._styles.get(sid)
            if st is None:
                break
            num_pr = st.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{_W}numId"))
                if num_id and num_id != "0":
                    found = (num_id, _int(_val(num_pr.find(f"{_W}ilvl")), 0))
                break
            sid = _val(st.find(f"{_W}basedOn")) or ""
        self._style_num[style_id] = found
        return found


def _uses_numbering(body: Any, styles: dict[str, Any]) -> bool:
    """Whether any paragraph of the body is numbered, directly or through its style (or the styles it is based on)."""
    if next(body.iter(f"{_W}numPr"), None) is not None:
        return True
    used = {el.get(f"{_W}val") for el in body.iter(f"{_W}pStyle")}
    for sid in used:
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < limits.MAX_STYLE_DEPTH:
            seen.add(sid)
            st = styles.get(sid)
            if st is None:
                break
            if st.find(f"{_W}pPr/{_W}numPr") is not None:
                return True
            sid = _val(st.find(f"{_W}basedOn")) or ""
    return False


def _val(el: Any) -> str | None:
    return el.get(f"{_W}val") if el is not None else None


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out += letters
                n -= value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _bullet(text: str) -> str:
    """A bullet as the text grammar knows it: dashes and plus signs stay, symbol-font glyphs become ``-``."""
    mark = text.strip()
    return (mark if mark in ("-", "–", "—", "+", "*", "•") else "-") + " "
