"""The Vietnamese vocabulary of reports, kept as data files in ``vocab/data``.

Kind names and codes, signer prefixes, section headings, number words,
administrative levels, period phrases: each lives in a JSON file so a new
variant is a one-line data change, and ``tests/test_vocab.py`` keeps the files
consistent (like dateparser's language data).  Extractors build their regular
expressions from these lists, on the tone-folded text (``normalise.folding``),
so ``Uỷ``/``Ủy`` or a dropped OCR accent does not matter.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ..normalise.folding import fold


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed JSON data file ``vocab/data/NAME.json``."""
    text = resources.files(__package__).joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


def folded_alternation(words: list[str] | tuple[str, ...], gap: str = r"\s+") -> str:
    """A regex alternation of the folded ``words``, longest first, spaces matching ``gap`` (any whitespace; ``\s*``
    where a capture may have lost the space between a name's words, ``ỦY BAN NHÂNDÂN``)."""
    uniq = sorted({fold(w) for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", gap) for w in uniq)


@lru_cache(maxsize=None)
def doc_kinds() -> list[dict[str, Any]]:
    return load("doc_kinds")["kinds"]


@lru_cache(maxsize=None)
def kind_by_code() -> dict[str, str]:
    """Kind code (see :func:`code_key`) → kind name, e.g. ``KH`` → ``KẾ HOẠCH``."""
    out: dict[str, str] = {}
    for k in doc_kinds():
        if k["code"]:
            out.setdefault(code_key(k["code"]), k["name"])
    return out


def code_key(code: str) -> str:
    """Compare kind codes in capitals, keeping Đ apart from D (``HĐ`` Hợp đồng, ``HD`` Hướng dẫn)."""
    return code.strip().upper().replace("Ð", "Đ")  # Ð (eth) is a common look-alike of Đ


def kind_of_code(code: str) -> str | None:
    """The kind a number's code names; an OCR'd or ASCII-typed code (``QD``) falls back to the folded match."""
    table = kind_by_code()
    key = code_key(code)
    if key in table:
        return table[key]
    return _folded_codes().get(fold(code).upper())


@lru_cache(maxsize=None)
def _folded_codes() -> dict[str, str]:
    """Folded code → kind; where folding merges two codes (HĐ, HD) the one without Đ wins."""
    table = kind_by_code()
    out = {fold(k).upper(): v for k, v in table.items() if "Đ" not in k}
    for k, v in table.items():
        out.setdefault(fold(k).upper(), v)
    return out


@lru_cache(maxsize=None)
def kind_by_folded_name() -> dict[str, str]:
    out: dict[str, str] = {}
    for k in doc_kinds():
        out.setdefault(fold(k["name"]), k["name"])
        for alias in k.get("aliases", []):
            out.setdefault(fold(alias), k["name"])
    return out


def title_case_kind(name: str) -> str:
    """``KẾ HOẠCH`` → ``Kế hoạch`` (the form used in Reference.kind)."""
    return name[:1] + name[1:].lower()
