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
from functools import lru_cache

from .. import vocab
from ..document import Document, Line, ZonedDocument
from ..layout import grammar, linekinds
from ..layout.linekinds import LineKind
from ..normalise.folding import fold, fold_char_aligned
from ..normalise.ocr_repair import snap_family_name, snap_position
from ..report import Signatory
from .common import clean, provenance, strip_item


@dataclass
class ClosingFields:
    recipients: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    signatory: Signatory = field(default_factory=Signatory)
    warnings: list[str] = field(default_factory=list)


def extract_closing(zd: ZonedDocument) -> ClosingFields:
    """Recipients, addressees and the signatory, from the labelled closing (and the Kính gửi block)."""
    doc = zd.doc
    out = ClosingFields()
    out.recipients = _items(doc.zone("footer-left"), LineKind.RECIPIENTS_HEADING, LineKind.RECIPIENT)
    out.addressees = _addressees(doc)
    out.signatory = _signatory(doc.zone("footer-right"))
    if not out.recipients:
        out.warnings.append("no recipients (Nơi nhận) found")
    if out.signatory.name is None:
        out.warnings.append("no signer name found")
    return out


@lru_cache(maxsize=None)
def _items_after_semicolon_re() -> re.Pattern[str]:
    """``; `` before these words inside a dash line starts a new recipient (``- Phòng PC-NC; Lưu: VT.``)."""
    words = vocab.load("fixed_lines")["recipient_items_after_semicolon"]
    return re.compile(r";\s+(?=(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b)", re.I)


_NEXT_DASH_ITEM = re.compile(r"(?<=;)\s*[-–+•]\s+")


def _items(lines: list[Line], heading: str, item: str) -> list[str]:
    """The items of a labelled list (``Nơi nhận:`` / ``Kính gửi:``): one per dash, wrapped lines re-joined.

    The first item may stand on the heading line itself (``Nơi nhận: - Như trên;``).
    """
    items: list[str] = []
    started = False
    # Without dashes each line is an item, unless it ends open (``Sở Tài nguyên và`` / ``Môi trường;``);
    # with them, a line without one is a wrapped item's second line.
    bulleted = any(ln.kind in (item, heading) and (linekinds.BULLET.match(ln.text.strip()) or _NEXT_DASH_ITEM.search(ln.text))
                   for ln in lines)  # dashes at the lines' starts, or inside them ("Nơi nhận:- Như trên;- UBND …")
    for ln in lines:
        t = ln.text.strip()
        if ln.kind == heading:
            started = True
            m = (linekinds.RECIPIENTS_HEAD if heading == LineKind.RECIPIENTS_HEADING
                 else linekinds.ADDRESSEES_HEAD).match(fold_char_aligned(t))
            rest = t[m.end():].strip() if m else ""
            if rest:
                items.append(rest)
            continue
        if not started or ln.kind != item or not t:
            continue
        if items and _FILING_ITEM.match(fold(items[-1])) and not linekinds.BULLET.match(t) and (
                t.startswith("(") and t.endswith(")") or items[-1].rstrip().endswith(".") and not t[:1].islower()):
            # "- Lưu: VT." / "(Đính kèm Chỉ thị số 14/CT-TTg)" or "TP Nguyễn Hồng Quảng": a note under the list
            # (Lưu is its last item), not a recipient
            continue
        if linekinds.BULLET.match(t) or not items:
            items.append(t)
        elif items and not items[-1].rstrip().endswith((";", ".")) and (bulleted or _ends_open(items[-1])) \
                or t[:1].islower() or bulleted and _LABELLED_ITEM.match(items[-1]) and not _FILING_ITEM.match(fold(t)):
            # the last: "- VPCP: BTCN;" / "Vụ TH; Cổng TTĐT;": an office's own units listed after its label
            glue = "" if t[:1] in ",.;:)" or grammar.WRAPPED_SYMBOL.search(items[-1][-24:]) else " "
            items[-1] = items[-1] + glue + t  # "- Lưu: VT" / ", KGVX (3)."; "(kèm QĐ 236/QĐ-" / "TTg)"
        else:
            items.append(t)
    # The filing item typed on the line before it ("- Phòng PC-NC; Lưu: VT."); other "; " inside a dash
    # line stay in its item ("Tr.phòng VX, TH; C.viên TC, LĐ", "Lưu: VP, QLD; NVV").
    items = [part for i in items for part in _NEXT_DASH_ITEM.split(i)]  # "- UBND huyện; - Lưu: VT." on one line
    items = [part for i in items for part in _items_after_semicolon_re().split(i)]
    return [s for s in (strip_item(clean(i)) for i in items) if any(c.isalnum() for c in s)]  # not an OCR speck "~"


_LABELLED_ITEM = re.compile(r"^\W*[^\W\d_][^:;,]{0,20}:\s*\S")
"""A recipient item that names an office and then its units after a colon (``- VPCP: BTCN, PCN;``)."""
_FILING_ITEM = re.compile(r"^\W*luu\b")
"""The filing item (``Lưu: VT``, folded) that closes a Nơi nhận list."""


def _ends_open(item: str) -> bool:
    """An item cut before its end: on a comma, a dash or a word wanting more (``và``, ``các``, ``của``)."""
    t = item.rstrip()
    return t.endswith((",", "-", "–", "&")) or linekinds.ends_open(fold(t)) or fold(t).endswith((" va", " cac"))


def _addressees(doc: Document) -> list[str]:
    """The ``Kính gửi:`` block, wherever the layout put it (header, title or body start)."""
    lines = [ln for ln in doc.lines if ln.zone not in ("footer-left", "footer-right")]
    for i, ln in enumerate(lines):
        if ln.kind == LineKind.ADDRESSEES_HEADING:
            block = [ln]
            for nxt in lines[i + 1: i + 12]:
                if nxt.kind != LineKind.ADDRESSEE:
                    break
                block.append(nxt)
            return _items(block, LineKind.ADDRESSEES_HEADING, LineKind.ADDRESSEE)
    return []


def _title(position: list[Line], authority: str | None) -> str | None:
    """The signer's position; an OCR'd one with a letter broken under the seal snapped to the vocabulary's, or
    cut short by the ink signature completed from the ``KT.`` line above it (``KT. CHỦ TỊCH`` / ``PHÓ CHỦ``)."""
    title = clean(" ".join(ln.text.strip() for ln in position)) or None
    if title and any(ln.confidence is not None for ln in position):
        title = snap_position(title)
        deputy = _deputy_of(authority)
        if deputy and title != deputy and fold(deputy).startswith(fold(title)) and len(title.split()) >= 2:
            title = deputy
    return title


_KT = re.compile(r"\bKT\s*\.\s*(?P<head>.+)$")


def _deputy_of(authority: str | None) -> str | None:
    """``KT. CHỦ TỊCH`` → ``PHÓ CHỦ TỊCH``: who signs for a head (ký thay) is the head's deputy."""
    m = _KT.search(authority or "")
    head = m.group("head").strip() if m else ""
    if not head or not linekinds.is_position_alone(head):
        return None
    return f"{'PHÓ' if head.isupper() else 'Phó'} {head}"


def _signatory(lines: list[Line]) -> Signatory:
    """The signer block as labelled by ``layout.linekinds`` (authority, position, name)."""
    authority = [ln for ln in lines if ln.kind == LineKind.AUTHORITY]
    position = [ln for ln in lines if ln.kind == LineKind.POSITION]
    name_line = next((ln for ln in lines if ln.kind == LineKind.NAME), None)
    if not (authority or position or name_line):
        return Signatory()
    rank, name = linekinds.split_rank(clean(name_line.text)) if name_line else (None, "")
    name = " ".join(w for w in name.strip(" .,;").split() if any(c.isalpha() for c in w))
    if name and name_line is not None and name_line.confidence is not None:
        name = snap_family_name(name)  # OCR under the seal or the ink signature
    sig = Signatory(
        name=name or None,
        rank=rank,
        title=_title(position, clean(" ".join(ln.text.strip() for ln in authority)) or None),
        authority=clean(" ".join(ln.text.strip() for ln in authority)) or None,
    )
    first = (authority or position or ([name_line] if name_line else []))
    if first:
        sig.provenance = provenance(first[0], last=name_line or first[-1])
    return sig
