"""Errors the library raises on purpose.

Every error carries the input it failed on (a path, or ``"<bytes>"``/``"<text>"``
for in-memory input) and a plain-language reason, so a batch can log one line per
bad file and go on with the next (the usaddress habit: errors carry the input).
"""

from __future__ import annotations


class BaocaoError(Exception):
    """Base class of every error this library raises deliberately."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class UnreadableDocumentError(BaocaoError):
    """The file cannot be read as any supported kind (corrupt, empty, encrypted, too large…)."""


class UnsupportedFormatError(BaocaoError):
    """The file is readable but is not a kind this library parses (e.g. a spreadsheet)."""


class MissingDependencyError(BaocaoError):
    """An optional system tool or Python extra is needed for this file (Tesseract, LibreOffice…).

    The reason always says what to install.
    """
