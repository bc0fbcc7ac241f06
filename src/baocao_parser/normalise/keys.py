"""Comparison keys of names: the same issuer written in full or abbreviated is one issuer.

``UBND xã A``, ``Ủy ban nhân dân xã A`` and ``UỶ BAN NHÂN DÂN XÃ A`` share one key:
folded (``normalise.folding.fold``), punctuation dropped, and the short forms
of ``vocab/data/abbreviations.json`` (``expansions``) and of locality levels
(``administrative_units.json``, ``level_abbreviations``: ``TT`` is a thị trấn in a
body's name) spelled out.  The archive stores it, the comparison of two reports
and the timeline group by it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from .folding import fold


@lru_cache(maxsize=1)
def _expansions() -> dict[str, str]:
    table = {fold(k): fold(v) for k, v in vocab.load("abbreviations")["expansions"].items()}
    table.update({fold(k): fold(v) for k, v in vocab.load("administrative_units")["level_abbreviations"].items()})
    return table


def issuer_key(name: str | None) -> str | None:
    """Comparison key of an issuer name: folded, abbreviations expanded (``UBND xã A`` = ``UỶ BAN NHÂN DÂN XÃ A``)."""
    if not name:
        return None
    table = _expansions()
    words = re.sub(r"[^\w\s&]", " ", fold(name)).split()
    return " ".join(table.get(w, w) for w in words)
