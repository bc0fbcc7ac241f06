"""The closing block: recipients (Nơi nhận, Kính gửi) and the signatory.

The signer block (Nghị định 30/2020, Điều 13) reads top-down: an optional
authority line (``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``…), the signer's
position (``PHÓ CHỦ TỊCH``), room for the signature and seal (sometimes a note
``(Đã ký)``), and the name.  Recipients are ``- item;`` lines under ``Nơi
nhận:``; an item wrapped onto a second line is re-joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Line
from ..layout import patterns
from ..normalise.folding import fold, fold_char_aligned
from ..report import Signatory
from .common import clean, provenance, strip_item


@dataclass
class ClosingFields:
    recipients: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    signatory: Signatory = field(default_factory=Signatory)
    warnings: list[str] = field(default_factory=list)


def extract_closing(doc: Document) -> ClosingFields:
    out = ClosingFields()
    out.recipients = _items_after_heading(doc.zone("footer-left"), patterns.RECIPIENTS_HEAD)
    out.addressees = _addressees(doc)
    out.signatory = _signatory(doc.zone("footer-right"))
    if not out.recipients:
        out.warnings.append("no recipients (Nơi nhận) found")
    if out.signatory.name is None:
        out.warnings.append("no signer name found")
    return out


def _items_after_heading(lines: list[Line], heading: re.Pattern[str], *, stop_at_blank: bool = False) -> list[str]:
    items: list[str] = []
    started = False
    for ln in lines:
        t = ln.text.strip()
        folded = fold_char_aligned(t)
        m = heading.match(folded)
        if m:
            started = True
            rest = t[m.end():].strip()
            if rest:
                items.append(rest)
            continue
        if not started:
            continue
        if not t:
            if stop_at_blank and items:
                break
            continue
        if patterns.BULLET.match(t) or not items:
            items.append(t)
        elif items and not items[-1].rstrip().endswith((";", ".")) or t[:1].islower():
            items[-1] = items[-1] + " " + t
        else:
            items.append(t)
    return [s for s in (strip_item(clean(i)) for i in items) if s]


def _addressees(doc: Document) -> list[str]:
    """The ``Kính gửi:`` block, wherever the layout put it (header, title or body start)."""
    for i, ln in enumerate(doc.lines):
        if ln.text.lstrip()[:1] in "Kk" and patterns.ADDRESSEES_HEAD.match(fold(ln.text)) \
                and ln.zone not in ("footer-left", "footer-right"):
            block = [ln]
            for nxt in doc.lines[i + 1: i + 12]:
                t = nxt.text.strip()
                if not t or not (patterns.BULLET.match(t) or t[:1].islower()):
                    break
                block.append(nxt)
            return _items_after_heading(block, patterns.ADDRESSEES_HEAD)
    return []


def _signatory(lines: list[Line]) -> Signatory:
    content = [ln for ln in lines if ln.text.strip() and not patterns.is_signature_note(ln.text)
               and not patterns.SEPARATOR.match(ln.text)]
    if not content:
        return Signatory()
    name_line = None
    for ln in reversed(content):
        if patterns.looks_like_name(ln.text) and not patterns.is_position(ln.text):
            name_line = ln
            break
    above = content[: content.index(name_line)] if name_line else content
    authority: list[Line] = []
    position: list[Line] = []
    for ln in above:
        t = ln.text.strip()
        if patterns.is_authority_line(t) and not position:
            authority.append(ln)
        elif patterns.is_upper_line(t) or (authority and not position):
            if authority and not position and not patterns.is_authority_line(t) and _continues_authority(authority[-1].text, t):
                authority.append(ln)
                continue
            position.append(ln)
    if authority and not position and len(authority) == 1 and re.match(r"\s*Q\s*\.", authority[0].text):
        position, authority = authority, []  # "Q. TRƯỞNG PHÒNG" alone: an acting head's position
    sig = Signatory(
        name=" ".join(w for w in clean(name_line.text).strip(" .,;").split() if any(c.isalpha() for c in w))
        if name_line else None,
        title=clean(" ".join(ln.text.strip() for ln in position)) or None,
        authority=clean(" ".join(ln.text.strip() for ln in authority)) or None,
    )
    first = (authority or position or ([name_line] if name_line else []))
    if first:
        sig.provenance = provenance(first[0], last=name_line or first[-1])
    return sig


def _continues_authority(prev: str, t: str) -> bool:
    """``TM. BAN THƯỜNG VỤ`` / ``HUYỆN ỦY`` wrapped, not ``TM. UBND`` / ``CHỦ TỊCH``."""
    return fold(prev).rstrip().endswith((" va", "&", "-", ","))
