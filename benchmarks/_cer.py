"""Character error rates summed over documents, per variant (with and without a preprocessing step).

Shared by ``bench_ocr.py`` (the signer block, with and without seal removal) and
``bench_pdf.py`` (the body, Tesseract alone and with preprocessing and repair).
"""

from __future__ import annotations

from collections import defaultdict


class CerTally:
    """Edit distance and reference length, summed per variant: the rate over all documents is their ratio."""

    def __init__(self) -> None:
        self.errors: dict[str, int] = defaultdict(int)
        self.chars: dict[str, int] = defaultdict(int)

    def add(self, variant: str, got: str, ref: str) -> float:
        """Count one document's reading ``got`` against ``ref``; its own rate (0-1) is returned for a row."""
        from rapidfuzz.distance import Levenshtein

        d = Levenshtein.distance(got, ref)
        self.errors[variant] += d
        self.chars[variant] += len(ref)
        return d / max(1, len(ref))

    def rate(self, variant: str) -> float:
        """The rate (0-1) over every document added."""
        return self.errors[variant] / self.chars[variant]
