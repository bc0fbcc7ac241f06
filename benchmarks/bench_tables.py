#!/usr/bin/env python3
"""Cost and accuracy of reading report tables.  Prints figures; writes nothing.

    python benchmarks/bench_tables.py

Figures:

* text PDFs: ms per page of the table pass (pypdfium2 path count on every page,
  pdfplumber's table finder on ruled pages only) beside ms per page of the text
  reader, and how many pages were ruled;
* Word: the parse of a .docx with and without the table walk (best of 7, timed
  alternately), so the table walk's share is seen;
* cell accuracy over every sample with ``NAME.tables.gold.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import baocao_parser as bp  # noqa: E402
from baocao_parser.readers.pdf import read_pdf  # noqa: E402
from baocao_parser.tables import docx_tables  # noqa: E402
from baocao_parser.tables.pdf_tables import _ruled_pages, read_pdf_tables  # noqa: E402
from baocao_parser.tables.scoring import CellScore, score_tables  # noqa: E402

SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared" / "dev" / "pdf"


def best(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pdfs() -> None:
    files = sorted((SAMPLES / "pdf").glob("*.pdf")) + sorted(SHARED.glob("*.pdf")) + sorted((SAMPLES / "tables").glob("*.pdf"))
    pages = ruled = 0
    t_text = t_tables = t_ruled = 0.0
    for f in files:
        data = f.read_bytes()
        doc = read_pdf(data, str(f))
        if doc.ocr:
            continue
        n = doc.pages or 1
        r = _ruled_pages(data)
        pages += n
        ruled += len(r)
        t_text += best(lambda: read_pdf(data, str(f)), 3)
        t_tables += best(lambda: read_pdf_tables(data, str(f)), 3)
        t_ruled += best(lambda: _ruled_pages(data), 3)
    print(f"text PDFs: {len(files)} files, {pages} pages, {ruled} ruled (pdfplumber's table finder ran on those only)")
    print(f"  text reader        {1000 * t_text / pages:7.1f} ms/page")
    print(f"  table pass         {1000 * t_tables / pages:7.1f} ms/page over all pages "
          f"({1000 * (t_tables - t_ruled) / max(ruled, 1):.1f} ms per ruled page, {1000 * t_ruled / pages:.2f} ms/page to count paths)")


def word() -> None:
    files = sorted(SAMPLES.glob("*.docx")) + sorted((SAMPLES / "tables").glob("*.docx")) + sorted((SAMPLES / "series").glob("*.docx"))
    datas = [f.read_bytes() for f in files]
    original = docx_tables.read_docx_tables

    def parse_all() -> None:
        for d in datas:
            bp.parse(d)

    with_t, without_t = [], []
    for _ in range(7):
        with_t.append(best(parse_all, 1))
        docx_tables.read_docx_tables = lambda doc, text_of=None: []  # the Word reader imports it at call time
        try:
            without_t.append(best(parse_all, 1))
        finally:
            docx_tables.read_docx_tables = original
    a, b = min(with_t) / len(files), min(without_t) / len(files)
    print(f"Word: {len(files)} files, parse {1000 * a:.2f} ms with tables, {1000 * b:.2f} ms without "
          f"(table walk {100 * (a - b) / a:.1f} % of the parse)")


def accuracy() -> None:
    total = CellScore()
    n = 0
    for gold in sorted(SAMPLES.rglob("*.tables.gold.json")):
        stem = gold.name[: -len(".tables.gold.json")]
        for doc in sorted(gold.parent.glob(f"{stem}.*")):
            if doc.suffix in (".docx", ".pdf"):
                n += 1
                total.add(score_tables(bp.parse(doc).tables, json.loads(gold.read_text(encoding="utf-8")), doc.name))
    print(f"table cells right: {total.correct}/{total.total} = {total.accuracy:.2%} over {n} files")


if __name__ == "__main__":
    pdfs()
    word()
    accuracy()
