#!/usr/bin/env python3
"""Build the corpus of REAL documents from ``samples/real/specs``.

    python samples/_build/real.py            # check every spec, write .txt, .docx and gold
    python samples/_build/real.py --pdf      # also legacy .doc and text PDFs (LibreOffice), and scans
                                             # (made once: remove a .doc, .pdf or scan to have it made again)
    python samples/_build/real.py --list     # the table of documents for the README

A spec (``samples/real/specs/ID.json``) holds one real document found in stored
copies of public pages or repositories: its source address, the text as
published (``text``), the same lines split into the parts of the Nghị định 30
layout (``layout``, for the Word rendering) and the gold answer, written by
reading the document before the parser was run on it (format:
``shared/spec/output-contract.md``; conventions: ``samples/real/README.md``).

The corpus is split ONCE, by issuer, into a development part (about two thirds)
and a check part: an issuer's documents all fall on the same side, decided by a
hash of the folded issuer name, so the split never depends on scores.  Tune on
``samples/real/dev`` only; ``samples/real/check`` says whether a fix generalises.

Output (each folder holds ``ID.gold.json`` beside the documents):

* ``samples/real/{dev,check}/txt/ID.txt``    the text as published,
* ``samples/real/{dev,check}/docx/ID.docx``  rendered from the layout, as an office types it,
* ``samples/real/{dev,check}/doc/ID.doc``    LibreOffice's Word 97 export of the .docx (with ``--pdf``),
* ``samples/real/{dev,check}/pdf/ID.pdf``    LibreOffice's export of the .docx (with ``--pdf``),
* ``samples/real/{dev,check}/scan/ID.scan.pdf`` a grey office scan of that PDF (with ``--pdf``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

BUILD = Path(__file__).resolve().parent
sys.path.insert(0, str(BUILD))

import render  # noqa: E402  (the same Word rendering as the hand-written samples)

REAL = BUILD.parent / "real"
SPECS = REAL / "specs"
GOLD_KEYS = {"doc_type", "issuer", "issuer_parent", "number", "place", "issued_date", "title", "period", "plans",
             "references", "conferences", "difficulties", "recipients", "signatory"}
LAYOUT_LISTS = ("header_left", "header_right", "vv_lines", "title_lines", "kinh_gui_lines", "body",
                "recipients_lines", "signature_lines")
CHECK_SHARE = 3
"""One issuer in this many goes to the check part."""


def _fold(text: str) -> str:
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"\s+", " ", "".join(c for c in d if not unicodedata.combining(c))).casefold().strip()


def issuer_group(spec: dict) -> str:
    """The issuer a document belongs to for the split: the first part of ``issuer_key``, folded."""
    return _fold(spec["issuer_key"].split(",")[0].split("(")[0])


def part_of(spec: dict) -> str:
    """``dev`` or ``check``: fixed by the issuer, never by a score."""
    digest = hashlib.sha256(issuer_group(spec).encode()).digest()
    return "check" if digest[0] % CHECK_SHARE == 0 else "dev"


def load() -> list[dict]:
    """Every spec, checked: NFC, id = file name, layout lines taken from the text, known gold keys."""
    specs, problems = [], []
    sources: dict[str, str] = {}
    for path in sorted(SPECS.glob("*.json")):
        raw = path.read_text(encoding="utf-8")
        spec = json.loads(raw)
        name = path.stem
        if unicodedata.normalize("NFC", raw) != raw:
            problems.append(f"{name}: not NFC")
        if spec.get("id") != name:
            problems.append(f"{name}: id {spec.get('id')!r} differs from the file name")
        for key in ("source", "kind", "level", "issuer_key", "text", "layout", "gold"):
            if key not in spec:
                problems.append(f"{name}: no {key!r}")
        if spec.get("source") in sources:
            problems.append(f"{name}: same source as {sources[spec['source']]}")
        sources[spec.get("source", name)] = name
        unknown = set(spec.get("gold", {})) - GOLD_KEYS
        if unknown:
            problems.append(f"{name}: unknown gold keys {sorted(unknown)}")
        text = re.sub(r"\s+", " ", spec.get("text", ""))
        for line in _layout_lines(spec.get("layout", {})):
            if re.sub(r"\s+", " ", line).strip() not in text:
                problems.append(f"{name}: layout line not in the text: {line[:60]!r}")
        specs.append(spec)
    if problems:
        raise SystemExit("\n".join(problems))
    return specs


def _layout_lines(layout: dict) -> list[str]:
    out = [layout[k] for k in ("number_line", "date_line", "doc_type") if isinstance(layout.get(k), str)]
    for k in LAYOUT_LISTS:
        out += [x for x in layout.get(k) or [] if isinstance(x, str) and x.strip()]
    return out


def render_spec(spec: dict) -> dict:
    """The layout as a spec for ``render.render_docx`` (absent parts empty)."""
    lay = dict(spec["layout"])
    out = {"id": spec["id"], "gold": spec["gold"]}
    for k in LAYOUT_LISTS:
        out[k] = [x.replace("\n", " ") for x in lay.get(k) or []]
    for k in ("number_line", "date_line", "doc_type"):
        v = lay.get(k)
        out[k] = v.replace("\n", " ") if isinstance(v, str) else None
    # no header block at all: neither column, nor a number, a date or a V/v line (which stand in its table)
    out["no_header"] = bool(lay.get("no_header")) or not (out["header_left"] or out["header_right"] or out["number_line"]
                                                          or out["date_line"] or out["vv_lines"])
    out["issuer_bold"] = _issuer_bold(out["header_left"], spec["gold"])
    out["date_line"] = out["date_line"] or ""
    return out


def _issuer_bold(left: list[str], gold: dict) -> list[bool] | None:
    """Which issuer-column lines Word prints bold: those of the issuing body (parent bodies above it are
    regular), read from the gold when it names both; None leaves ``render.issuer_style`` to decide."""
    issuer, parent = gold.get("issuer"), gold.get("issuer_parent")
    if not issuer or not parent or len(left) < 2:
        return None
    name = _fold(issuer)
    marks = [_fold(re.sub(r"[-_=*.]{3,}|\*+", " ", line)) for line in left]
    bold = [bool(m) and m in name for m in marks]
    return bold if any(bold) and not all(bold) else None


def render_docx(spec: dict) -> bytes:
    """The document as an office types it in Word (``render.py``'s layout tables), from its layout.

    A capture's broken lines are not a typist's: the subject is one paragraph.
    Offices differ, and so do the renderings, fixed by the document's id: a
    third put the kind and the subject in one paragraph with a line break, a
    third type the issuer and the kind in lower case with Word's "All caps"
    effect (``<w:caps/>``), the rest type them as they print.
    """
    import io
    import zlib

    style = zlib.crc32(spec["id"].encode()) % 3
    doc = render.new_document()
    if not spec["no_header"]:
        render.header_table(doc, spec)
        if style == 2:
            _all_caps_effect(doc.tables[0].cell(0, 0))
    subject = " ".join(x.strip() for x in spec["title_lines"] if x.strip())
    if spec["doc_type"] or subject:
        render.add_par(doc, "")
        if style == 1 and spec["doc_type"] and subject:
            par = render.add_par(doc, spec["doc_type"], size=14, bold=True)
            run = par.add_run()
            run.add_break()
            render.set_run(par.add_run(subject), 14, True, False)
        else:
            if spec["doc_type"]:
                par = render.add_par(doc, spec["doc_type"], size=14, bold=True)
                if style == 2:
                    _all_caps_effect(par)
            if subject:
                render.add_par(doc, subject, size=14, bold=True)
        render.add_par(doc, render.separator(spec), size=13)
    if spec["kinh_gui_lines"]:
        for line in spec["kinh_gui_lines"]:
            render.add_par(doc, line, size=14, align=render.WD_ALIGN_PARAGRAPH.LEFT)
    render.body_block(doc, spec)
    if any(x.strip() for x in spec["signature_lines"]):
        render.closing_table(doc, spec)
    elif spec["recipients_lines"]:
        for i, line in enumerate(spec["recipients_lines"]):
            render.add_par(doc, line, **render.recipient_style(i, line))
    buf = io.BytesIO()
    doc.save(buf)
    return render.stable_zip(buf.getvalue())


def _all_caps_effect(container) -> None:
    """Retype every run of ``container`` (a cell or a paragraph) in lower case under Word's All caps effect."""
    from docx.oxml import OxmlElement

    paragraphs = container.paragraphs if hasattr(container, "paragraphs") else [container]
    for par in paragraphs:
        for run in par.runs:
            if run.text.isupper():
                run.text = run.text.lower()
                run._r.get_or_add_rPr().append(OxmlElement("w:caps"))


def build(spec: dict, pdf: bool) -> None:
    part = REAL / part_of(spec)
    name = spec["id"]
    gold = json.dumps(spec["gold"], ensure_ascii=False, indent=2) + "\n"
    for fmt in ("txt", "docx") + (("pdf", "scan") if pdf else ()):
        (part / fmt).mkdir(parents=True, exist_ok=True)
        (part / fmt / f"{name}.gold.json").write_text(gold, encoding="utf-8")
    (part / "txt" / f"{name}.txt").write_text(spec["text"].rstrip("\n") + "\n", encoding="utf-8")
    docx = part / "docx" / f"{name}.docx"
    data = render_docx(render_spec(spec))
    if not docx.exists() or docx.read_bytes() != data:
        docx.write_bytes(data)
        for made in (part / "doc" / f"{name}.doc", part / "pdf" / f"{name}.pdf", part / "scan" / f"{name}.scan.pdf"):
            made.unlink(missing_ok=True)  # made from the old .docx: made again below
    if pdf:
        _pdf_and_scan(docx, part, name)


def build_docs(specs: list[dict]) -> int:
    """Legacy ``.doc`` of every ``.docx`` whose ``.doc`` is missing or older: one LibreOffice run per part.

    Archives keep years of Word 97 files; the .doc is LibreOffice's export of the same
    Word rendering, so a .doc case differs from its .docx case only by the format.
    """
    import subprocess
    import tempfile

    made = 0
    for part_name in ("dev", "check"):
        part = REAL / part_name
        stale = []
        for spec in specs:
            if part_of(spec) != part_name:
                continue
            docx, doc = part / "docx" / f"{spec['id']}.docx", part / "doc" / f"{spec['id']}.doc"
            (part / "doc").mkdir(parents=True, exist_ok=True)
            (part / "doc" / f"{spec['id']}.gold.json").write_bytes((part / "docx" / f"{spec['id']}.gold.json").read_bytes())
            if not doc.exists():
                stale.append(docx)
        for i in range(0, len(stale), 40):
            with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as typed:
                batch = [_as_word_saves_it(docx, Path(typed)) for docx in stale[i:i + 40]]
                subprocess.run(
                    ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                     "doc:MS Word 97", "--outdir", str(part / "doc"), *map(str, batch)],
                    check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                )
            made += len(batch)
    return made


def _as_word_saves_it(docx: Path, folder: Path) -> Path:
    """A copy of ``docx`` ending, as Word always ends a document, with a paragraph after its last table.

    python-docx lets a body end on a table (the signer block); LibreOffice's Word 97
    export then runs that table's cells together, which no .doc saved by Word does.
    """
    import docx as python_docx

    document = python_docx.Document(str(docx))
    body = document.element.body
    last = [el for el in body if not el.tag.endswith("}sectPr")][-1]
    if last.tag.endswith("}tbl"):
        document.add_paragraph()
    out = folder / docx.name
    document.save(str(out))
    return out


def _pdf_and_scan(docx: Path, part: Path, name: str) -> None:
    import random
    import zlib

    import numpy as np

    import render_pdf

    pdf = part / "pdf" / f"{name}.pdf"
    if not pdf.exists():  # LibreOffice stamps each export: remove a file to have it made again
        render_pdf.to_pdf(docx, part / "pdf")
    scan = part / "scan" / f"{name}.scan.pdf"
    if scan.exists():
        return
    seed = zlib.crc32(name.encode())
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    dpi = rng.choice([200, 250])
    pages = [render_pdf.degrade(p, rng, nrng) for p in render_pdf.rasterise(pdf, dpi)]
    pages[0].save(scan, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=45)


def table(specs: list[dict]) -> str:
    """Markdown counts by kind, level and part, for the README."""
    kinds = Counter(s["kind"] for s in specs)
    levels = Counter(s["level"] for s in specs)
    parts = Counter(part_of(s) for s in specs)
    issuers = {issuer_group(s) for s in specs}
    lines = [f"{len(specs)} documents, {len(issuers)} issuers; dev {parts['dev']}, check {parts['check']}", "",
             "| kind | documents |", "| --- | --- |"]
    lines += [f"| {k} | {n} |" for k, n in kinds.most_common()]
    lines += ["", "| level | documents |", "| --- | --- |"]
    lines += [f"| {k} | {n} |" for k, n in levels.most_common()]
    return "\n".join(lines)


def listing(specs: list[dict]) -> str:
    """Markdown: every document with its kind, level, part, issuer and source address."""
    rows = ["| id | kind | level | part | issuer | complete | source |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for s in sorted(specs, key=lambda x: (part_of(x), x["kind"], x["id"])):
        rows.append(f"| `{s['id']}` | {s['kind']} | {s['level']} | {part_of(s)} | {s['issuer_key']} | "
                    f"{'yes' if s.get('complete') else 'no'} | <{s['source']}> |")
    return "\n".join(rows)


def write_readme(specs: list[dict]) -> None:
    """Rewrite the generated part of ``samples/real/README.md`` (between its two marker lines)."""
    path = REAL / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- generated by samples/_build/real.py --readme -->", "<!-- end of generated part -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{table(specs)}\n\n{listing(specs)}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdf", action="store_true", help="also text PDFs and scans (LibreOffice, poppler)")
    ap.add_argument("--list", action="store_true", help="print the counts table and stop")
    ap.add_argument("--readme", action="store_true", help="rewrite the document list of samples/real/README.md")
    args = ap.parse_args(argv)
    specs = load()
    if args.list:
        print(table(specs))
        return 0
    if args.readme:
        write_readme(specs)
        return 0
    for spec in specs:
        build(spec, args.pdf)
    if args.pdf:
        build_docs(specs)
    print(table(specs).splitlines()[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
