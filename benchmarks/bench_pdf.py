#!/usr/bin/env python3
"""Speed and accuracy of the PDF and OCR readers.  Prints figures; writes nothing.

    python benchmarks/bench_pdf.py            # everything (OCR parts need Tesseract)
    python benchmarks/bench_pdf.py --quick    # fewer OCR pages

Figures:

* text PDFs: ms per page of ``read_pdf`` and the share of it spent in
  pdfplumber, against pdfplumber's ``extract_words()`` alone over the same pages;
* OCR: seconds per 300-dpi page on one core (rendering and preprocessing
  included), pages per second with all cores;
* peak memory (this process and its worker processes);
* body character error rate of the scanned samples against their text, with
  Tesseract alone on the raw page and after this library's preprocessing and
  vocabulary repair.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ["OMP_THREAD_LIMIT"] = "1"

from baocao_parser.readers import ocr as ocr_mod  # noqa: E402
from baocao_parser.readers import pdf as pdf_mod  # noqa: E402
from baocao_parser.readers.pdf_layout import drop_running, group_rows, rows_to_lines  # noqa: E402

SHARED = ROOT.parent / "shared" / "dev"


def text_pdfs() -> list[Path]:
    files = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    files += sorted((SHARED / "pdf").glob("*.pdf")) if (SHARED / "pdf").is_dir() else []
    return files


def bench_text(files: list[Path], rounds: int = 3) -> None:
    import pdfplumber

    datas = [f.read_bytes() for f in files]
    pages = sum(pdf_mod.read_pdf(d, "x").pages or 0 for d in datas)  # warm-up
    ours = []
    for _ in range(rounds):
        t = time.perf_counter()
        for d in datas:
            pdf_mod.read_pdf(d, "x")
        ours.append(time.perf_counter() - t)
    prof = cProfile.Profile()
    prof.enable()
    for d in datas:
        pdf_mod.read_pdf(d, "x")
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[3] for k, v in stats.stats.items() if k[2] == "read_pdf")  # cumulative
    in_plumber = sum(v[2] for k, v in stats.stats.items() if "pdfplumber" in k[0] or "pdfminer" in k[0])
    plumber = []
    for _ in range(rounds):
        t = time.perf_counter()
        for d in datas:
            with pdfplumber.open(io.BytesIO(d)) as p:
                for pg in p.pages:
                    pg.extract_words()
        plumber.append(time.perf_counter() - t)
    a, b = min(ours) / pages * 1000, min(plumber) / pages * 1000
    print(f"text PDF: {len(files)} files, {pages} pages")
    print(f"  read_pdf                      {a:7.1f} ms/page")
    print(f"  of which in pdfplumber        {100 * in_plumber / total if total else 0:7.1f} %")
    print(f"  pdfplumber extract_words()    {b:7.1f} ms/page")
    print(f"  ratio read_pdf / extract_words {a / b:6.2f}  (must be <= 1.3)")


def _ocr_page_300(path: Path, index: int) -> tuple[float, float]:
    """(seconds for render + preprocess + OCR, seconds for Tesseract alone on the same page)."""
    import pypdfium2 as pdfium

    t = time.perf_counter()
    doc = pdfium.PdfDocument(path.read_bytes())
    page = doc[index]
    arr = page.render(scale=300 / 72, grayscale=True).to_numpy()
    arr = arr[:, :, 0].copy() if arr.ndim == 3 else arr
    ocr_mod.ocr_image(arr, 300.0, index + 1)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    ocr_mod.ocr_image(arr, 300.0, index + 1, raw=True)
    return ours, time.perf_counter() - t


def scans() -> list[Path]:
    return sorted((ROOT / "samples" / "scan").glob("*.scan.pdf"))


def bench_ocr(quick: bool) -> None:
    files = scans() or sorted((SHARED / "scan").glob("*.scan.pdf"))
    if not files:
        print("OCR: no scanned samples (run samples/_build/render_pdf.py)")
        return
    n1 = 2 if quick else 4
    times, alone = [], []
    for f in files[:n1]:
        dt, raw = _ocr_page_300(f, 0)
        times.append(dt)
        alone.append(raw)
    print(f"OCR one core: {sum(times) / len(times):.2f} s per 300-dpi page (render + preprocess + Tesseract, {len(times)} pages); "
          f"Tesseract alone on the same pages {sum(alone) / len(alone):.2f} s")
    print(f"  machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    # all cores: every page of several scans through the reader's own per-page choice
    pages = 0
    t = time.perf_counter()
    for f in files[: 3 if quick else 6]:
        pages += pdf_mod.read_pdf(f.read_bytes(), str(f)).pages or 0
    dt = time.perf_counter() - t
    print(f"OCR all cores ({os.cpu_count()}): {pages / dt:.2f} pages/s ({pages} pages in {dt:.1f} s, native scan resolution)")


# ---------------------------------------------------------------- CER


def _body(lines: list[str], stop_blank: bool) -> str:
    idx = [i for i, ln in enumerate(lines) if len(ln.strip()) >= 50]
    if not idx:
        return ""
    out = []
    for ln in lines[idx[0]: idx[-1] + 1]:
        out.append(ln.strip())
    j = idx[-1] + 1
    while j < len(lines) and lines[j].strip() and not lines[j].strip().startswith("Nơi nhận"):
        if stop_blank is False and j > idx[-1] + 2:
            break
        out.append(lines[j].strip())
        j += 1
    return " ".join(" ".join(out).split())


def _doc_lines(path: Path, raw: bool) -> list[str]:
    """OCR every page of a scanned PDF, raw (Tesseract alone) or with preprocessing + repair."""
    import pypdfium2 as pdfium

    from baocao_parser.normalise.ocr_repair import repair_headings, repair_lines

    loader = pdf_mod.PdfPageLoader(path.read_bytes())
    n = len(pdfium.PdfDocument(path.read_bytes()))
    page_rows = []
    for i in range(n):
        gray, dpi, _ = loader(i)
        res = ocr_mod.ocr_image(gray, dpi, i + 1, raw=raw)
        page_rows.append((group_rows(res.units), res.height or 842.0))
    drop_running(page_rows)
    all_lines = []
    for i, (rows, _h) in enumerate(page_rows):
        lines = rows_to_lines(rows, i + 1)
        if not raw:
            repair_lines(lines)
        all_lines.extend(lines)
    if not raw:
        repair_headings(all_lines)
    return [ln.text for ln in all_lines if ln.column is None]


def bench_cer(quick: bool) -> None:
    from _cer import CerTally

    pairs = []
    for f in scans():
        name = f.name[: -len(".scan.pdf")]
        ref = ROOT / "samples" / f"{name}.txt"
        if ref.exists():
            pairs.append((f, ref))
    if not pairs:
        for f in sorted((SHARED / "scan").glob("*.scan.pdf")):
            ref = SHARED / "txt" / (f.name[: -len(".scan.pdf")] + ".txt")
            if ref.exists():
                pairs.append((f, ref))
    pairs = pairs[: 3 if quick else 6]
    if not pairs:
        print("CER: no scanned samples with reference text")
        return
    tally = CerTally()
    for f, ref in pairs:
        ref_body = _body(ref.read_text(encoding="utf-8").splitlines(), True)
        row = [tally.add(key, _body(_doc_lines(f, raw), False), ref_body) for key, raw in (("raw", True), ("pre", False))]
        print(f"  {f.name:45s} CER raw {100 * row[0]:5.2f} %   preprocessed+repaired {100 * row[1]:5.2f} %")
    print(f"body CER over {len(pairs)} scans: Tesseract alone {100 * tally.rate('raw'):.2f} %, "
          f"with preprocessing and repair {100 * tally.rate('pre'):.2f} %")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    files = text_pdfs()
    if files:
        bench_text(files)
    else:
        print("text PDF: no files (run samples/_build/render_pdf.py)")
    if ocr_mod.tesseract_available():
        bench_ocr(args.quick)
        bench_cer(args.quick)
    else:
        print("OCR: Tesseract with 'vie' is not installed; OCR figures skipped")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {me:.0f} MB (this process), {kids:.0f} MB (largest worker / Tesseract)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
