"""Whether a PDF page's text layer can be believed, judged per page from the layer itself.

Scanned PDFs often carry a hidden text layer made by someone else's OCR, or by
a signing tool: it may be garbage (wrong character maps give letters that form
no Vietnamese syllable), or hold only a stamp (``Ký bởi: …``, ``Thời gian ký:
…``) over a page that is an image.  Such a page is OCR'd.  The tests are cheap:
the share of words that are Vietnamese syllables (``legacy_encoding``'s
syllable check; TCVN3/VNI text is recognised before this and converted, not
OCR'd), and how much text is left once the stamp lines are taken out.
"""

from __future__ import annotations

import re

MIN_WORDS = 25
"""Below this many words a layer is too short to judge by its syllables."""
MIN_SYLLABLE_SHARE = 0.55
"""Share of lower-case words that must be Vietnamese syllables (real text: 0.8-0.95)."""
MIN_TEXT_OVER_IMAGE = 120
"""Characters a layer over a page-sized image must hold beyond its stamp lines to be the page's text."""

_WORD = re.compile(r"[^\W\d_]+")


def syllable_share(text: str) -> tuple[float, int]:
    """(share of lower-case words that are Vietnamese syllables, how many such words)."""
    from ..normalise.legacy_encoding import is_vietnamese_syllable

    words = [w for w in _WORD.findall(text) if not w.isupper() and len(w) <= 8]
    if not words:
        return 0.0, 0
    good = sum(1 for w in words if is_vietnamese_syllable(w))
    return good / len(words), len(words)


def only_a_stamp(text: str) -> bool:
    """True when the layer holds nothing but a signature stamp, page numbers and the like."""
    from ..layout.linekinds import is_page_number, is_signature_stamp

    rest = [ln for ln in text.splitlines() if ln.strip() and not is_signature_stamp(ln) and not is_page_number(ln)]
    return sum(len(ln.strip()) for ln in rest) < MIN_TEXT_OVER_IMAGE


def layer_lies(text: str, over_image: bool) -> bool:
    """True when the page should be OCR'd although it has a text layer."""
    if over_image and only_a_stamp(text):
        return True
    share, n = syllable_share(text)
    return n >= MIN_WORDS and share < MIN_SYLLABLE_SHARE
