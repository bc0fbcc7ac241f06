"""Word (.docx) reports, read in document order with table cells kept apart.

The header (issuer | Quốc hiệu, Số | place-and-date) and the closing
(Nơi nhận | signer) of a report are usually borderless two-column tables, which
``Document.paragraphs`` skips; ``iter_inner_content()`` keeps document order.
Each paragraph becomes one :class:`Line`; a two-column layout table gives its
cells' lines a ``column`` hint; a wider (data) table gives one line per row.

Legacy fonts: when the file names TCVN3 (``.VnTime``) or VNI fonts anywhere,
runs are read one by one and only the runs in a legacy font are converted, so
a document mixing Unicode and legacy text comes out right.

Zip bombs: the archive's declared sizes are checked before anything is inflated.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any

from ..document import Column, Document, Line
from ..errors import UnreadableDocumentError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
_LEGACY_FONT = re.compile(rb"w:(?:ascii|hAnsi|cs)=\"(?:\.Vn|VNI[- ])", re.I)


def check_zip(data: bytes, source: str) -> None:
    """Refuse corrupt zips and zip bombs before python-docx inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise UnreadableDocumentError(source, "the zip has no word/document.xml: not a Word document")
            if total > MAX_UNCOMPRESSED or (total > 20 * 1024 * 1024 and total / packed > MAX_RATIO):
                raise UnreadableDocumentError(
                    source, f"refusing to inflate {total / 1e6:.0f} MB from {packed / 1e6:.1f} MB (zip bomb?)")
            bad = zf.testzip() if len(data) < 5_000_000 else None
            if bad:
                raise UnreadableDocumentError(source, f"corrupt .docx: member {bad} fails its CRC check")
    except zipfile.BadZipFile as exc:
        raise UnreadableDocumentError(source, f"corrupt .docx (not a valid zip): {exc}") from None


def read_docx(data: bytes, source: str = "<bytes>") -> Document:
    import docx  # python-docx; imported here so that text-only use does not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data, source)
    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableDocumentError(source, f"python-docx cannot open it: {exc}") from None
    except Exception as exc:  # lxml errors on a damaged document.xml
        raise UnreadableDocumentError(source, f"damaged Word XML: {exc.__class__.__name__}: {exc}") from None
    reader = _DocxReader(doc, legacy=_has_legacy_fonts(data))
    lines = reader.read()
    out = Document(lines=lines, format="docx", pages=_page_count(data))
    if reader.legacy_found:
        out.encoding = reader.legacy_found
    return out


def _has_legacy_fonts(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in ("word/document.xml", "word/styles.xml"):
            try:
                if _LEGACY_FONT.search(zf.read(name)):
                    return True
            except KeyError:
                continue
    return False


def _page_count(data: bytes) -> int | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            m = re.search(rb"<Pages>(\d+)</Pages>", zf.read("docProps/app.xml"))
            return int(m.group(1)) if m else None
    except (KeyError, zipfile.BadZipFile):
        return None


class _DocxReader:
    """Walks the body once; keeps counters for paragraph numbers and tables."""

    def __init__(self, doc: Any, legacy: bool) -> None:
        self.doc = doc
        self.legacy = legacy
        self.legacy_found: str | None = None
        self.lines: list[Line] = []
        self.number = 0
        self.table_index = -1
        self._style_fonts: dict[str, str | None] = {}

    def read(self) -> list[Line]:
        self._read_section_headers()
        self._walk(self.doc, None, None)
        return self.lines

    def _read_section_headers(self) -> None:
        """A Quốc hiệu block put in the first page's Word header would otherwise be lost."""
        try:
            section = self.doc.sections[0]
            header = section.first_page_header if section.different_first_page_header_footer else section.header
            if header.is_linked_to_previous and not header.paragraphs:
                return
            texts = [p.text for p in header.paragraphs if p.text.strip()]
        except (IndexError, AttributeError, ValueError):
            return
        if any("CỘNG H" in t.upper() or "SỐ:" in t.upper() for t in texts):
            self._walk(header, None, None)

    def _walk(self, container: Any, cell: tuple[int, int, int] | None, column: Column | None) -> None:
        from docx.table import Table

        for block in container.iter_inner_content():
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(block, cell, column)

    def _paragraph(self, p: Any, cell: tuple[int, int, int] | None, column: Column | None) -> None:
        self.number += 1
        text = self._paragraph_text(p)
        for extra in self._textbox_texts(p):
            self._emit(extra, cell, column, None, None)
        bold = italic = None
        if cell is not None and text.strip():
            bold, italic = _emphasis(p)
        for part in text.split("\n"):  # soft line breaks (<w:br/>) inside one paragraph
            self._emit(part, cell, column, bold, italic)

    def _emit(self, text: str, cell: tuple[int, int, int] | None, column: Column | None,
              bold: bool | None, italic: bool | None) -> None:
        text = unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\t", "    ")).rstrip()
        self.lines.append(Line(text=text, number=self.number, cell=cell, column=column, bold=bold, italic=italic))

    def _table(self, table: Any) -> None:
        self.table_index += 1
        t = self.table_index
        seen: set[Any] = set()  # the cell elements themselves: ids of lxml proxies get reused
        try:
            rows = list(table.rows)
        except (IndexError, ValueError):
            return
        width = max((len(r.cells) for r in rows), default=0)
        distinct = max((len({c._tc for c in r.cells}) for r in rows), default=0)
        layout = distinct <= 2 or width <= 2
        for ri, row in enumerate(rows):
            cells = []
            for ci, c in enumerate(row.cells):
                if c._tc in seen:  # a merged cell repeats itself across the span
                    continue
                seen.add(c._tc)
                cells.append((ci, c))
            if layout:
                for ci, c in cells:
                    col: Column | None = None
                    if distinct == 2:
                        col = "left" if ci == 0 else "right"
                    self._walk(c, (t, ri, ci), col)
            else:
                self.number += 1
                texts = [" ".join(self._paragraph_text(p) for p in c.paragraphs).strip() for _, c in cells]
                self._emit(" | ".join(x for x in texts if x), (t, ri, 0), None, None, None)

    def _paragraph_text(self, p: Any) -> str:
        if not self.legacy:
            return p.text
        from ..normalise.legacy_encoding import convert, encoding_for_font

        parts = []
        for run in p.runs:
            font = run.font.name or self._style_font(p)
            found = encoding_for_font(font)
            if found:
                enc, caps = found
                self.legacy_found = self.legacy_found or enc
                parts.append(convert(run.text, enc, capitals=caps))
            else:
                parts.append(run.text)
        return "".join(parts)

    def _style_font(self, p: Any) -> str | None:
        style = p.style
        key = style.style_id if style is not None else ""
        if key not in self._style_fonts:
            name = None
            while style is not None and name is None:
                name = style.font.name
                style = style.base_style
            if name is None:
                name = _default_font(self.doc)
            self._style_fonts[key] = name
        return self._style_fonts[key]

    def _textbox_texts(self, p: Any) -> Iterator[str]:
        el = p._p
        if el.find(".//{*}txbxContent") is None:
            return
        seen = set()
        for tp in el.iterfind(".//{*}txbxContent/{*}p"):
            text = "".join(t.text or "" for t in tp.iterfind(".//{*}t"))
            if text.strip() and text not in seen:  # mc:AlternateContent repeats the box for old Word
                seen.add(text)
                yield text


def _emphasis(p: Any) -> tuple[bool | None, bool | None]:
    runs = [r for r in p.runs if r.text.strip()]
    if not runs:
        return None, None
    style_font = p.style.font if p.style is not None else None

    def all_of(attr: str) -> bool:
        default = bool(getattr(style_font, attr, None)) if style_font is not None else False
        return all((getattr(r, attr) if getattr(r, attr) is not None else default) for r in runs)

    return all_of("bold"), all_of("italic")


def _default_font(doc: Any) -> str | None:
    try:
        rpr = doc.styles.element.find(".//{*}docDefaults//{*}rFonts")
        if rpr is None:
            return None
        for attr in ("ascii", "hAnsi"):
            val = rpr.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + attr)
            if val:
                return val
    except AttributeError:
        return None
    return None
