"""Bytes of test files built on the fly: Word-1258 text, minimal .docx, magic numbers, garbage."""

from __future__ import annotations

import io
import random
import unicodedata
import zipfile

from _casetable import STANDARD_BODY, STANDARD_HEAD, STANDARD_TAIL

TONES = "\u0300\u0301\u0303\u0309\u0323"

REPORT_TEXT = STANDARD_HEAD + STANDARD_BODY + STANDARD_TAIL  # one small well-formed report for reader tests


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word writes it: the base letter precomposed (â, ơ, ư…), the tone a combining mark.

    (Python's cp1258 codec has no precomposed toned letters, and plain NFD would split â into a + U+0302,
    which cp1258 cannot encode.)
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


def encode(text: str, recipe: str) -> bytes:
    if recipe == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if recipe == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if recipe == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if recipe == "cp1258":
        return cp1258(text)
    if recipe == "nfd-utf-8":
        return unicodedata.normalize("NFD", text).encode("utf-8")
    return text.encode(recipe)


_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/word/document.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                  '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>')


def docx_bytes(paragraphs: list[str] | None = None) -> bytes:
    """A minimal valid .docx with one paragraph per item (python-docx can open it)."""
    from xml.sax.saxutils import escape

    paragraphs = paragraphs if paragraphs is not None else REPORT_TEXT.split("\n")
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", doc)
    return buf.getvalue()


def zip_not_word() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/notes.txt", "không phải tệp Word")
        zf.writestr("data/table.csv", "a,b\n1,2\n")
    return buf.getvalue()


def garbage(n: int = 8192, seed: int = 1234) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


def content(recipe: str) -> bytes:
    if recipe == "docx":
        return docx_bytes()
    if recipe == "pdf":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    if recipe == "pdf-junk":
        return b"\r\n\x00junk before the header\n" + content("pdf")
    if recipe == "text":
        return REPORT_TEXT.encode("utf-8")
    if recipe == "text-utf16":
        return REPORT_TEXT.encode("utf-16")
    if recipe == "png":
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    if recipe == "jpeg":
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
    if recipe == "ole2":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    if recipe == "rtf":
        return b"{\\rtf1\\ansi B\\'e1o c\\'e1o}"
    if recipe == "garbage":
        return garbage()
    if recipe == "zip-not-word":
        return zip_not_word()
    if recipe == "truncated-zip":
        return docx_bytes()[:200]
    raise ValueError(recipe)
