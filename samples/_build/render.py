#!/usr/bin/env python3
"""Render the sample corpus from the specs in ``samples/_build/specs``.

For every ``specs/NAME.json`` this writes, next to ``_build``:

* ``NAME.txt``        plain text, hard-wrapped like a text extraction,
* ``NAME.docx``       a Word file with the usual borderless layout tables,
* ``NAME.gold.json``  the spec's ``gold`` object.

Run it as ``python samples/_build/render.py``. Output is deterministic:
the same specs give byte-identical files. Standard library + python-docx.
See ``README.md`` beside this file for the spec format.
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import re
import sys
import textwrap
import unicodedata
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BUILD = Path(__file__).resolve().parent
SPECS = BUILD / "specs"
OUT = BUILD.parent
WRAP = 85
GAP = " " * 8  # space between the two header columns in "interleaved" txt
FONT = "Times New Roman"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

HEADING = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|Điều \d+\.)\s")
QUOC_HIEU_PREFIXES = ("CỘNG HÒA", "CỘNG HOÀ", "ĐOÀN TNCS", "ĐẢNG CỘNG SẢN")


# ---------------------------------------------------------------- helpers

def load_specs(folder: Path = SPECS) -> list[dict]:
    """Read every spec, sorted by file name, and check the text is NFC."""
    specs = []
    for path in sorted(folder.glob("*.json")):
        raw = path.read_text(encoding="utf-8")
        if unicodedata.normalize("NFC", raw) != raw:
            raise SystemExit(f"{path.name}: text is not NFC")
        spec = json.loads(raw)
        if spec["id"] != path.stem:
            raise SystemExit(f"{path.name}: id {spec['id']!r} differs from file name")
        specs.append(spec)
    return specs


def is_heading(par: str) -> bool:
    """A short numbered line without closing full stop (I., 1., 2.1., Điều 1.)."""
    if len(par) > WRAP or par.endswith((".", ";")):
        return False
    return bool(HEADING.match(par)) or (par.isupper() and len(par) < 70)


def wrap(par: str) -> list[str]:
    """Hard-wrap one paragraph at about WRAP characters."""
    return textwrap.wrap(par, WRAP, break_long_words=False, break_on_hyphens=False) or [""]


def has_title_block(spec: dict) -> bool:
    """A kind word or subject lines are printed (a Công văn has neither)."""
    return bool(spec.get("doc_type") or spec.get("title_lines"))


def is_centred_caption(par: str) -> bool:
    """Upper-case caption lines such as ``QUYẾT ĐỊNH:`` (not ``I. ...`` headings)."""
    return par.isupper() and len(par) < 70 and not HEADING.match(par)


def separator(spec: dict) -> str:
    """The short rule printed under the title block."""
    longest = max((len(t) for t in spec.get("title_lines") or spec.get("vv_lines") or ["x" * 30]))
    return "–" * max(10, min(22, longest // 2))


# ---------------------------------------------------------------- txt

def header_txt(spec: dict) -> list[str]:
    """Header lines: columns one after the other, or interleaved on shared lines."""
    left, right = list(spec["header_left"]), list(spec["header_right"])
    number = [spec["number_line"]] if spec.get("number_line") else []
    vv = list(spec.get("vv_lines") or [])
    date = [spec["date_line"]] if spec.get("date_line") else []
    if spec.get("header_layout") != "interleaved":
        return left + right + number + vv + date
    width = max(len(x) for x in left + number + vv) if left else 0
    lines = []
    for col_l, col_r in ((left, right), (number + vv, date)):
        for i in range(max(len(col_l), len(col_r))):
            a = col_l[i] if i < len(col_l) else ""
            b = col_r[i] if i < len(col_r) else ""
            lines.append((a.ljust(width) + GAP + b).rstrip() if b else a)
    return lines


def body_txt(pars: list[str]) -> list[str]:
    """Body paragraphs, wrapped, a blank line after each except short headings."""
    lines: list[str] = []
    for par in pars:
        lines.extend(wrap(par))
        if not is_heading(par):
            lines.append("")
    return lines


def render_txt(spec: dict) -> str:
    """The whole document as plain text."""
    lines: list[str] = []
    if not spec.get("no_header"):
        lines += header_txt(spec) + [""]
    if spec.get("doc_type"):
        lines.append(spec["doc_type"])
    lines += list(spec.get("title_lines") or [])
    if has_title_block(spec):
        lines += [separator(spec), ""]
    if spec.get("kinh_gui_lines"):
        lines += spec["kinh_gui_lines"] + [""]
    lines += body_txt(spec["body"])
    lines += spec["recipients_lines"] + [""] + spec["signature_lines"]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- docx primitives

def set_run(run, size=13, bold=False, italic=False):
    """Font, size and emphasis of one run (East-Asian font slot included)."""
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def add_par(container, text, size=13, bold=False, italic=False,
            align=WD_ALIGN_PARAGRAPH.CENTER, indent=None, space_after=0):
    """Append a one-run paragraph to a document or a table cell."""
    par = container.add_paragraph()
    par.alignment = align
    fmt = par.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if indent is not None:
        fmt.first_line_indent = indent
    if text:
        set_run(par.add_run(text), size, bold, italic)
    return par


def first_par(cell, text, **kw):
    """Write into the empty paragraph a new cell starts with."""
    par = cell.paragraphs[0]
    par.alignment = kw.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    par.paragraph_format.space_after = Pt(0)
    if text:
        set_run(par.add_run(text), **kw)
    return par


def borderless(table, widths_cm):
    """Remove all borders and fix the column widths of a table."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(width * 567)))  # twentieths of a point per cm
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def cell_lines(cell, lines, styler, start_fresh=True):
    """Write several lines into a cell; ``styler(i, line)`` gives run options."""
    for i, line in enumerate(lines):
        opts = styler(i, line)
        if i == 0 and start_fresh:
            first_par(cell, line, **opts)
        else:
            add_par(cell, line, **opts)


# ---------------------------------------------------------------- docx header

def issuer_style(spec):
    """Parent body line (first of two+) normal, issuing body lines bold; long lines 12pt."""
    left = spec["header_left"]
    parent_first = len(left) >= 2 and not left[0].upper().startswith(("ỦY BAN", "UỶ BAN", "ỦY BAN MTTQ"))

    def style(i, line):
        bold = not (parent_first and i == 0) and line != "***"
        if spec.get("issuer_bold"):
            bold = spec["issuer_bold"][i]  # the case says which lines name the issuing body
        return {"size": 12 if len(line) > 22 else 13, "bold": bold}
    return style


def right_style(i, line):
    """Quốc hiệu bold (13pt), motto bold 14pt."""
    return {"size": 12 if line.upper().startswith(QUOC_HIEU_PREFIXES) else 13, "bold": True}


def number_lines(spec):
    """Số line followed by the V/v lines of a Công văn, if any."""
    lines = [spec["number_line"]] if spec.get("number_line") else []
    return lines + list(spec.get("vv_lines") or [])


def number_style(i, line):
    return {"size": 13 if i == 0 else 12}


def date_style(i, line):
    return {"size": 13, "italic": True}


def header_table(doc, spec):
    """Default layout: 2x2 table [issuer | Quốc hiệu] / [Số (+V/v) | date]."""
    table = doc.add_table(rows=2, cols=2)
    borderless(table, (6.2, 10.3))
    cell_lines(table.cell(0, 0), spec["header_left"], issuer_style(spec))
    cell_lines(table.cell(0, 1), spec["header_right"], right_style)
    cell_lines(table.cell(1, 0), number_lines(spec) or [""], number_style)
    cell_lines(table.cell(1, 1), [spec["date_line"]], date_style)


def header_number_in_first_cell(doc, spec):
    """1x2 table: the Số line sits in the issuer cell, the date in the right one."""
    table = doc.add_table(rows=1, cols=2)
    borderless(table, (6.2, 10.3))
    left, right = table.cell(0, 0), table.cell(0, 1)
    cell_lines(left, spec["header_left"], issuer_style(spec))
    add_par(left, "")
    cell_lines(left, number_lines(spec), number_style, start_fresh=False)
    cell_lines(right, spec["header_right"], right_style)
    add_par(right, "")
    add_par(right, spec["date_line"], size=13, italic=True)


def header_nested(doc, spec):
    """1x1 outer table holding the usual 2x2 header table (as some offices do)."""
    outer = doc.add_table(rows=1, cols=1)
    borderless(outer, (16.5,))
    cell = outer.cell(0, 0)
    inner = cell.add_table(rows=2, cols=2)
    borderless(inner, (6.0, 10.2))
    cell_lines(inner.cell(0, 0), spec["header_left"], issuer_style(spec))
    cell_lines(inner.cell(0, 1), spec["header_right"], right_style)
    cell_lines(inner.cell(1, 0), number_lines(spec) or [""], number_style)
    cell_lines(inner.cell(1, 1), [spec["date_line"]], date_style)
    first_par(cell, "")


HEADERS = {"table": header_table, "number_in_first_cell": header_number_in_first_cell,
           "nested": header_nested}


# ---------------------------------------------------------------- docx body and closing

def title_block(doc, spec):
    """Kind (bold, centred), subject lines (bold), the short rule, Kính gửi."""
    if spec.get("doc_type"):
        add_par(doc, "")
        add_par(doc, spec["doc_type"], size=14, bold=True)
    for line in spec.get("title_lines") or []:
        add_par(doc, line, size=14, bold=True)
    if has_title_block(spec):
        add_par(doc, separator(spec), size=13)
    if spec.get("kinh_gui_lines"):
        add_par(doc, "")
        for i, line in enumerate(spec["kinh_gui_lines"]):
            par = add_par(doc, line, size=14, align=WD_ALIGN_PARAGRAPH.LEFT)
            par.paragraph_format.left_indent = Cm(2.5 if i == 0 else 4.5)
        add_par(doc, "")


def body_block(doc, spec):
    """Body paragraphs justified with a first-line indent; headings bold."""
    for par in spec["body"]:
        upper = is_centred_caption(par)
        add_par(doc, par, size=14, bold=is_heading(par),
                align=WD_ALIGN_PARAGRAPH.CENTER if upper else WD_ALIGN_PARAGRAPH.JUSTIFY,
                indent=None if upper else Cm(1.27), space_after=6)


def recipient_style(i, line):
    if i == 0:
        return {"size": 12, "bold": True, "italic": True, "align": WD_ALIGN_PARAGRAPH.LEFT}
    return {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}


def signature_style(spec):
    """Authority and title bold, '(Đã ký)'-like notes italic, the name bold."""
    lines = spec["signature_lines"]
    last = max(i for i, x in enumerate(lines) if x.strip())

    def style(i, line):
        note = line.startswith("(")
        return {"size": 14, "bold": (not note) and (i < 3 or i == last), "italic": note}
    return style


def closing_table(doc, spec):
    """Default layout: borderless 1x2 table [Nơi nhận | signature]."""
    table = doc.add_table(rows=1, cols=2)
    borderless(table, (7.5, 9.0))
    cell_lines(table.cell(0, 0), spec["recipients_lines"], recipient_style)
    cell_lines(table.cell(0, 1), spec["signature_lines"], signature_style(spec))


def closing_paragraphs(doc, spec):
    """Variant: signature block right-aligned paragraphs, then Nơi nhận below."""
    add_par(doc, "")
    style = signature_style(spec)
    for i, line in enumerate(spec["signature_lines"]):
        opts = style(i, line)
        add_par(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, **opts)
    add_par(doc, "")
    for i, line in enumerate(spec["recipients_lines"]):
        opts = recipient_style(i, line)
        add_par(doc, line, **opts)


CLOSINGS = {"table": closing_table, "paragraphs": closing_paragraphs}


def new_document():
    """A4 portrait, usual margins, Times New Roman, fixed metadata."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin = sec.bottom_margin = Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fixed = _dt.datetime(2024, 1, 1)
    core = doc.core_properties
    core.author = core.last_modified_by = "baocao_parser samples"
    core.created = core.modified = fixed
    core.revision = 1
    return doc


def render_docx(spec: dict) -> bytes:
    """The document as .docx bytes (zip entries with a fixed timestamp)."""
    doc = new_document()
    if not spec.get("no_header"):
        HEADERS[spec.get("docx_header", "table")](doc, spec)
    title_block(doc, spec)
    body_block(doc, spec)
    CLOSINGS[spec.get("docx_closing", "table")](doc, spec)
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times so the output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- main

def render(spec: dict, out: Path = OUT) -> None:
    """Write NAME.txt, NAME.docx and NAME.gold.json for one spec."""
    name = spec["id"]
    (out / f"{name}.txt").write_text(render_txt(spec), encoding="utf-8")
    (out / f"{name}.docx").write_bytes(render_docx(spec))
    gold = json.dumps(spec["gold"], ensure_ascii=False, indent=2) + "\n"
    (out / f"{name}.gold.json").write_text(gold, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    specs = load_specs()
    for spec in specs:
        render(spec)
    print(f"rendered {len(specs)} documents into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
