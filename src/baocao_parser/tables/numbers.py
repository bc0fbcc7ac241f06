"""Numbers as Vietnamese tables print them: ``1.234`` (a thousand), ``1.234,5``, ``12,5``, ``85%``, ``-``.

Vietnamese writing uses ``.`` between thousands and ``,`` before decimals; a
table typed by someone used to the other convention still shows up, so the
rule is decided by the shape of the number, not by a setting:

* both marks present: the last one is the decimal mark (``1.234,5`` and ``1,234.5``);
* only dots: groups of exactly three digits after each dot are thousands
  (``1.234``, ``12.345.678``), anything else is a decimal point (``12.5``);
* only commas: several groups of three are thousands (``1,234,567``), one comma
  is the Vietnamese decimal mark (``12,5``; ``1,234`` reads 1.234).

Empty marks (``-``, ``x``, ``…``; ``vocab/data/tables.json``) and blank cells are
told apart from zero: they have no value.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from .. import vocab

CellKind = Literal["integer", "decimal", "percent", "text", "blank", "dash"]

_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_PLAIN = re.compile(r"\d+")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_BOTH = re.compile(r"\d{1,3}(?:([.,])\d{3})*([.,])\d+")


@lru_cache(maxsize=1)
def _empty_marks() -> frozenset[str]:
    return frozenset(vocab.load("tables")["empty_marks"])


def parse_number(text: str) -> tuple[CellKind, int | float | None]:
    """The kind of a cell and its value: ``("integer", 1234)`` for ``1.234``, ``("percent", 85.5)`` for ``85,5%``."""
    t = " ".join(text.split())
    if not t:
        return "blank", None
    if t in _empty_marks():
        return "dash", None
    percent = t.endswith("%")
    if percent:
        t = t[:-1].rstrip()
    sign = 1
    if t[:1] in "+-−" and len(t) > 1:
        sign = -1 if t[0] != "+" else 1
        t = t[1:].lstrip()
    t = _SPACES.sub("", t)
    value = _value(t)
    if value is None:
        return "text", None
    value = value * sign
    if percent:
        return "percent", value
    return ("integer", value) if isinstance(value, int) else ("decimal", value)


def _value(t: str) -> int | float | None:
    if _PLAIN.fullmatch(t):
        return int(t)
    has_dot, has_comma = "." in t, "," in t
    if has_dot and has_comma:
        m = _BOTH.fullmatch(t)
        if not m or (m.group(1) and m.group(1) == m.group(2)):
            return None
        decimal = m.group(2)
        thousands = "," if decimal == "." else "."
        return _float(t.replace(thousands, "").replace(decimal, "."))
    if has_dot:
        if _DOT_THOUSANDS.fullmatch(t):
            return int(t.replace(".", ""))
        return _float(t) if _DECIMAL.fullmatch(t) else None
    if has_comma:
        if _COMMA_THOUSANDS.fullmatch(t):
            return int(t.replace(",", ""))
        return _float(t.replace(",", ".")) if _DECIMAL.fullmatch(t) else None
    return None


def _float(s: str) -> int | float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v
