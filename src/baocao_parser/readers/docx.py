"""Word (.docx) reports, read in document order with table cells kept apart.

The header (issuer | Quốc hiệu, Số | place-and-date) and the closing
(Nơi nhận | signer) of a report are usually borderless two-column tables, which
``Document.paragraphs`` skips; ``docx_blocks.iter_blocks`` keeps document order
and also reads what content controls wrap, and Word's list numbers are printed.
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
import zlib
from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any

from .. import limits
from ..document import Column, Document, Line
from ..errors import UnreadableDocumentError
from .docx_blocks import ListLabels, iter_blocks, iter_cells, iter_rows

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


@dataclass
class _ZipFacts:
    pages: int | None


def check_zip(data: bytes, source: str) -> _ZipFacts:
    """Refuse corrupt zips and zip bombs before python-docx inflates anything.

    Also reads the page count Word saved in docProps/app.xml on the way.
    """
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
            _check_members(infos, source)
            for info in infos:
                # XML always shrinks when deflated: a member "smaller" than its packed bytes lies about
                # its size, so inflate it with a cap before python-docx reads it whole.
                if info.compress_type != zipfile.ZIP_STORED and info.file_size < info.compress_size:
                    _inflate_capped(zf, info, source)
            return _ZipFacts(pages=_page_count(zf, names))
    except zipfile.BadZipFile as exc:
        raise UnreadableDocumentError(source, f"corrupt .docx (not a valid zip): {exc}") from None
    except (zlib.error, EOFError) as exc:
        raise UnreadableDocumentError(source, f"corrupt .docx (damaged compressed data): {exc}") from None


def _check_members(infos: list[zipfile.ZipInfo], source: str) -> None:
    """The ratio measured per member: one incompressible member must not hide a bomb beside it."""
    for info in infos:
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limits.MAX_MEMBER_BYTES or (info.file_size > 10 * 1024 * 1024 and ratio > limits.MAX_MEMBER_RATIO):
            raise UnreadableDocumentError(
                source, f"refusing to inflate member {info.filename}: {info.file_size / 1e6:.0f} MB from "
                        f"{info.compress_size / 1e6:.2f} MB (zip bomb?)")


def _inflate_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> None:
    seen = 0
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            seen += len(chunk)
            if seen > MAX_UNCOMPRESSED // 4:
                raise UnreadableDocumentError(
                    source, f"member {info.filename} declares {info.file_size} bytes but inflates past "
                            f"{seen / 1e6:.0f} MB (zip bomb?)")


def read_docx(data: bytes, source: str = "<bytes>") -> Document:
    import docx  # python-docx; imported here so that text-only use does not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    facts = check_zip(data, source)
    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableDocumentError(source, f"python-docx cannot open it: {exc}") from None
    except Exception as exc:  # lxml errors on a damaged document.xml, zlib errors on damaged members
        raise UnreadableDocumentError(source, f"damaged Word file: {exc.__class__.__name__}: {exc}") from None
    reader = _DocxReader(doc, legacy=_has_legacy_fonts(doc))
    reader.caps = next(doc.element.iter(f"{_W}caps"), None) is not None  # Word's All caps effect used anywhere?
    lines = reader.read()
    out = Document(lines=lines, format="docx", pages=facts.pages, warnings=reader.warnings)
    if next(doc.element.iter(f"{_W}altChunk"), None) is not None:
        out.warnings.append("the document embeds other files' content (altChunk) that was not read; "
                            "save it again in Word to merge it")
    if reader.legacy_found:
        out.encoding = reader.legacy_found
    from ..tables.docx_tables import read_docx_tables

    out.tables = read_docx_tables(doc, reader._paragraph_text)
    return out


def _has_legacy_fonts(doc: Any) -> bool:
    """Whether any run or style names a TCVN3 (``.Vn…``) or VNI font.

    One C-level walk over the ``w:rFonts`` elements (an XPath union over the
    whole tree cost 3 ms a document).
    """
    trees = [doc.element]
    try:
        trees.append(doc.styles.element)
    except (AttributeError, KeyError, ValueError):
        pass
    names = set()
    for tree in trees:
        for el in tree.iter(_RFONTS):
            names.update(el.attrib.values())
    return any(n[:3].lower() == ".vn" or n[:4].lower() in _LEGACY_PREFIXES for n in names)


_RFONTS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts"
_LEGACY_PREFIXES = frozenset({"vni-", "vni "})
_HEADER_CUE = re.compile(r"C[ỘỘO]NG\s+H[ÒOÓ]A|S[ỐO]\s*:", re.I)


def _page_count(zf: zipfile.ZipFile, names: set[str]) -> int | None:
    if "docProps/app.xml" not in names:
        return None
    m = re.search(rb"<Pages>(\d+)</Pages>", zf.read("docProps/app.xml"))
    return int(m.group(1)) if m else None


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
        self._style_flags: dict[str, tuple[bool, bool]] = {}
        self.warnings: list[str] = []
        self._cells = 0
        try:
            self._styles_el = doc.part._styles_part.element if doc.part._styles_part is not None else None
        except (AttributeError, KeyError):
            self._styles_el = None
        self._styles_by_id = _index_styles(self._styles_el)
        self.list_labels = ListLabels(doc, self._styles_by_id)

    def read(self) -> list[Line]:
        self._walk(self.doc, None, None)
        if not any(_HEADER_CUE.search(ln.text) for ln in self.lines[:40]):
            body, self.lines = self.lines, []
            self._read_section_headers()
            self.lines += body
        return self.lines

    def _read_section_headers(self) -> None:
        """A Quốc hiệu block put in the first page's Word header would otherwise be lost.

        Only looked at when the body has no motto or number line of its own:
        loading the header parts costs as much as a tenth of the whole read.
        """
        try:
            section = self.doc.sections[0]
            header = section.first_page_header if section.different_first_page_header_footer else section.header
            if header.is_linked_to_previous:
                return
            texts = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in header._element.iter(f"{_W}p")]
        except (IndexError, AttributeError, ValueError, KeyError):
            return
        if any(_HEADER_CUE.search(t) for t in texts):
            self._walk(header, None, None)

    def _walk(self, container: Any, cell: tuple[int, int, int] | None, column: Column | None) -> None:
        from docx.table import Table

        for block in iter_blocks(container):
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(block, cell, column)

    def _paragraph(self, p: Any, cell: tuple[int, int, int] | None, column: Column | None) -> None:
        self.number += 1
        text = self._paragraph_text(p)
        if self.list_labels.active:
            label = self.list_labels.label(p._p)
            if label and text.strip():
                text = label + text.lstrip()
        for extra in self._textbox_texts(p):
            self._emit(extra, cell, column, None, None)
        bold = italic = None
        if cell is not None and text.strip():
            bold, italic = _emphasis(p, self._style_flags, self._styles_by_id)
        for part in text.split("\n"):  # soft line breaks (<w:br/>) inside one paragraph
            self._emit(part, cell, column, bold, italic)

    def _emit(self, text: str, cell: tuple[int, int, int] | None, column: Column | None,
              bold: bool | None, italic: bool | None) -> None:
        text = unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\t", "    ")).rstrip()
        self.lines.append(Line(text=text, number=self.number, cell=cell, column=column, bold=bold, italic=italic))

    def _table(self, table: Any) -> None:
        self.table_index += 1
        t = self.table_index
        rows = _table_grid(table)
        width = max((sum(span for _, span, _ in r) for r in rows), default=0)
        distinct = max((len(r) for r in rows), default=0)
        layout = distinct <= 2 or width <= 2
        sides: dict[int, Column] | None = None
        if not layout:
            sides = self._spacer_layout(rows)
            layout = sides is not None
        for ri, grid_row in enumerate(rows):
            cells = []
            for ci, _span, c in grid_row:
                if c is None:  # the continuation of a vertically merged cell: read once, at its top
                    continue
                self._cells += 1
                if self._cells > limits.MAX_TABLE_CELLS:
                    self.warnings.append(limits.warning("tables", limits.MAX_TABLE_CELLS, "cells"))
                    return
                cells.append((ci, c))
            if layout:
                for ci, c in cells:
                    col: Column | None = None
                    if sides is not None:
                        col = sides.get(ci)
                    elif distinct == 2:
                        col = "left" if ci == 0 else "right"
                    self._walk(c, (t, ri, ci), col)
            else:
                self.number += 1
                texts = [" ".join(self._paragraph_text(p) for p in c.paragraphs).strip() for _, c in cells]
                self._emit(" | ".join(x for x in texts if x), (t, ri, 0), None, None, None)

    def _spacer_layout(self, rows: list[list[tuple[int, int, Any]]]) -> dict[int, Column] | None:
        """Left/right sides of a header or closing table typed with more than two columns.

        Offices widen the gap between the issuer and the Quốc hiệu, or between Nơi
        nhận and the signer, with an empty middle column (or an empty first one
        for indentation). Such a table is still two blocks side by side: when at
        most two grid columns hold text, the left one is the ``left`` column and
        the other the ``right``. Only small tables are looked at; a data table
        with empty columns keeps its rows.
        """
        if len(rows) > _MAX_LAYOUT_ROWS:
            return None
        filled: set[int] = set()
        for row in rows:
            for ci, _span, c in row:
                if c is not None and any(self._paragraph_text(p).strip() for p in c.paragraphs):
                    filled.add(ci)
                    if len(filled) > 2:
                        return None
        if not filled:
            return None
        order = sorted(filled)
        if len(order) == 1:
            return {order[0]: None}
        return {order[0]: "left", order[1]: "right"}

    def _paragraph_text(self, p: Any) -> str:
        if not self.legacy:
            return _fast_text(p, caps=getattr(self, "caps", True))
        from ..normalise.legacy_encoding import convert, encoding_for_font

        parts = []
        for run in p.runs:
            font = run.font.name or self._style_font(p)
            found = encoding_for_font(font)
            if found:
                enc, caps = found
                self.legacy_found = self.legacy_found or enc
                parts.append(convert(_legacy_run_text(run), enc, capitals=caps))
            else:
                parts.append(run.text.upper() if _shown_in_capitals(run._r) else run.text)
        return "".join(parts)

    def _style_font(self, p: Any) -> str | None:
        style = p.style
        key = style.style_id if style is not None else ""
        if key not in self._style_fonts:
            name = None
            seen: set[str] = set()  # a basedOn chain may loop
            while style is not None and name is None and style.style_id not in seen and len(seen) < limits.MAX_STYLE_DEPTH:
                seen.add(style.style_id)
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_LAYOUT_ROWS = 6
"""A header or closing table has a few rows; a larger table with empty columns is read as data."""
_OFF = ("0", "false", "off")


def _emphasis(p: Any, style_flags: dict[str, tuple[bool, bool]], styles: dict[str, Any]) -> tuple[bool | None, bool | None]:
    """Whether every non-blank run of the paragraph is bold / italic.

    Read straight from the XML: python-docx's ``paragraph.style`` resolves the
    default style by scanning every style, which cost 5 ms a paragraph.
    """
    el = p._p
    sid_el = el.find(f"{_W}pPr/{_W}pStyle")
    sid = sid_el.get(f"{_W}val") if sid_el is not None else ""
    if sid not in style_flags:
        style_flags[sid] = _style_flags(styles, sid)
    style_b, style_i = style_flags[sid]
    bold_all = italic_all = True
    seen = False
    for r in el.iter(f"{_W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{_W}t"))
        if not text.strip():
            continue
        seen = True
        rpr = r.find(f"{_W}rPr")
        b = rpr.find(f"{_W}b") if rpr is not None else None
        i = rpr.find(f"{_W}i") if rpr is not None else None
        bold_all &= (b.get(f"{_W}val") not in _OFF) if b is not None else style_b
        italic_all &= (i.get(f"{_W}val") not in _OFF) if i is not None else style_i
    return (bold_all, italic_all) if seen else (None, None)


def _index_styles(styles_el: Any) -> dict[str, Any]:
    """Style elements by id, built once: a scan of every style per lookup was quadratic in the styles."""
    if styles_el is None:
        return {}
    out: dict[str, Any] = {}
    for st in styles_el.iterfind(f"{_W}style"):
        out.setdefault(st.get(f"{_W}styleId") or "", st)
    return out


def _style_flags(styles: dict[str, Any], style_id: str) -> tuple[bool, bool]:
    """Bold and italic of a paragraph style, following ``basedOn`` (at most 10 steps)."""
    bold = italic = None
    sid = style_id
    for _ in range(10):
        if not sid:
            break
        st = styles.get(sid)
        if st is None:
            break
        rpr = st.find(f"{_W}rPr")
        if rpr is not None:
            if bold is None and rpr.find(f"{_W}b") is not None:
                bold = rpr.find(f"{_W}b").get(f"{_W}val") not in _OFF
            if italic is None and rpr.find(f"{_W}i") is not None:
                italic = rpr.find(f"{_W}i").get(f"{_W}val") not in _OFF
        based = st.find(f"{_W}basedOn")
        sid = based.get(f"{_W}val") if based is not None else ""
    return bool(bold), bool(italic)


def _table_grid(table: Any) -> list[list[tuple[int, int, Any]]]:
    """(grid column, span, cell or None for a vMerge continuation) per row, straight from the XML.

    python-docx's ``row.cells`` expands a ``gridSpan`` cell by cell and finds the
    top of a vertical merge by walking up row after row: 2 kB of XML with
    ``gridSpan="2000000"`` or a column merged over 1 200 rows took minutes.  Here
    each ``w:tc`` is looked at once and a span is a number, capped.
    """
    from docx.table import _Cell

    out = []
    for tr in iter_rows(table._tbl):
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        col = min(_int_attr(before, 0), limits.MAX_GRID_SPAN)
        row = []
        for tc in iter_cells(tr):
            span = max(1, min(_int_attr(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1), limits.MAX_GRID_SPAN))
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart"
            row.append((col, span, None if continued else _Cell(tc, table)))
            col += span
        out.append(row)
    return out


def _int_attr(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{_W}val", default))
    except (TypeError, ValueError):
        return default


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


def _legacy_run_text(run: Any) -> str:
    """A run's text with ``<w:softHyphen/>`` kept as U+00AD.

    TCVN3 puts ư at byte 0xAD, which Word saves as a soft hyphen element;
    python-docx's ``run.text`` drops it and "người" would read "ngêi".
    """
    out = []
    for child in run._r.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(child.text or "")
        elif tag == "softHyphen":
            out.append("\xad")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "noBreakHyphen":
            out.append("-")
    return "".join(out)


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_SKIP_SUBTREES = (f"{_W}txbxContent", f"{_W}del", f"{_W}instrText", f"{_W}delText")


def _fast_text(p: Any, caps: bool = True) -> str:
    """``paragraph.text`` read with one lxml walk (python-docx's xpath per run cost ~0.3 ms a paragraph).

    Text boxes are read separately (``_textbox_texts``); deleted tracked
    changes and field instructions are not text.
    """
    el = p._p
    out = []
    skip_until = None
    for node in el.iter():
        if skip_until is not None:
            if _is_inside(node, skip_until):
                continue
            skip_until = None
        tag = node.tag
        if tag in _SKIP_SUBTREES:
            skip_until = node
            continue
        if tag in _TEXT_TAGS:
            rep = _TEXT_TAGS[tag]
            if rep is None:
                text = node.text or ""
                out.append(text.upper() if text and caps and _shown_in_capitals(node.getparent()) else text)
            else:
                out.append(rep)
    return "".join(out)


def _shown_in_capitals(run: Any) -> bool:
    """Word's "All caps" effect (``<w:caps/>``): the run is typed in lower case and printed in capitals.

    Offices often type the issuer, the kind and the subject so; the text as printed is what counts.
    """
    rpr = run.find(f"{_W}rPr") if run is not None else None
    caps = rpr.find(f"{_W}caps") if rpr is not None else None
    return caps is not None and caps.get(f"{_W}val") not in _OFF


def _is_inside(node: Any, ancestor: Any) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False
