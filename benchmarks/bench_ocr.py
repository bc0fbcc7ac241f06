#!/usr/bin/env python3
"""OCR speed against the `tesseract` command, and what seal removal does to the signer block.

    python benchmarks/bench_ocr.py              # speed over up to 12 page images, then signer-block CER
    python benchmarks/bench_ocr.py --pages 6    # fewer pages
    python benchmarks/bench_ocr.py --no-cer     # speed only

Figures printed:

* pages per second of ``baocao parse`` (through ``parse_many``: one worker
  process per core, each keeping its Tesseract model loaded) against the
  `tesseract` command alone (``-l vie --psm 3 --oem 1 tsv``, one process per
  page, as many at a time as there are cores), on the same page images at
  their own resolution, both with all cores busy; the ratio of times
  (``baocao`` / ``tesseract``, at most 1.0 is the aim) and the speed-up from 1
  to N cores for each;
* character error rate of the signer block (the lines under ``Nơi nhận``'s
  row on the right: authority, title, name) of the colour samples with seals,
  read with and without colour removal.

Page images are the scanned pages of ``samples/scan-colour`` and ``samples/scan``
(rendered to PNG once, at each page's own resolution, into a temporary
folder), or of ``../shared/dev`` when the samples are missing.  Writes nothing
else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ["OMP_THREAD_LIMIT"] = "1"

from baocao_parser import parse_many  # noqa: E402
from baocao_parser.readers import ocr as ocr_mod  # noqa: E402
from baocao_parser.readers.pdf import PdfPageLoader  # noqa: E402

SHARED = ROOT.parent / "shared" / "dev"


def scanned_pdfs() -> list[Path]:
    own = sorted((ROOT / "samples" / "scan-colour").glob("*.pdf")) + sorted((ROOT / "samples" / "scan").glob("*.scan.pdf"))
    if own:
        return own
    return sorted((SHARED / "colour").glob("*.pdf")) + sorted((SHARED / "scan").glob("*.pdf"))


def page_images(n: int, out: Path) -> list[Path]:
    """The first ``n`` scanned pages, alternating between files, as PNG at their own resolution."""
    import cv2
    import numpy as np

    files = scanned_pdfs()
    loaders = [PdfPageLoader(f.read_bytes()) for f in files]
    import pypdfium2 as pdfium

    counts = [len(pdfium.PdfDocument(f.read_bytes())) for f in files]
    paths: list[Path] = []
    page = 0
    while len(paths) < n and page < max(counts, default=0):
        for f, loader, c in zip(files, loaders, counts):
            if page < c and len(paths) < n:
                img, dpi, _ = loader(page)
                arr = np.asarray(img)
                p = out / f"{f.name.split('.')[0]}-{page + 1}.png"
                bgr = arr[:, :, ::-1] if arr.ndim == 3 else arr
                cv2.imwrite(str(p), bgr)
                _set_dpi(p, dpi)
                paths.append(p)
        page += 1
    return paths


def _set_dpi(path: Path, dpi: float) -> None:
    from PIL import Image

    with Image.open(path) as im:
        im.load()
        im.save(path, dpi=(dpi, dpi))


def time_baocao(paths: list[Path], workers: int) -> float:
    t = time.perf_counter()
    results = list(parse_many([str(p) for p in paths], workers=workers, timeout=None))
    dt = time.perf_counter() - t
    bad = [r for r in results if not r.ok]
    if bad:
        print(f"  ({len(bad)} pages failed: {bad[0].reason})")
    return dt


def time_tesseract(paths: list[Path], workers: int) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(p: Path) -> None:
        subprocess.run(["tesseract", str(p), "-", "-l", "vie", "--oem", "1", "--psm", "3", "tsv"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)

    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, paths))
    return time.perf_counter() - t


def bench_speed(n: int) -> None:
    if not shutil.which("tesseract"):
        print("speed: the `tesseract` command is not installed; nothing to compare with")
        return
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        paths = page_images(n, Path(tmp))
        if not paths:
            print("speed: no scanned pages found")
            return
        from baocao_parser.readers.tesseract_engine import has_tesserocr

        engine = "tesserocr (in-process)" if has_tesserocr() else "the tesseract command (pytesseract)"
        print(f"OCR speed over {len(paths)} page images at their own resolution; baocao runs Tesseract through {engine}")
        print(f"  machine load average before: {os.getloadavg()[0]:.1f} on {cores} cores")
        time_tesseract(paths[:1], 1)  # warm the disk cache
        rows = {}
        for workers in sorted({1, cores}):
            tb = time_baocao(paths, workers)
            tt = time_tesseract(paths, workers)
            rows[workers] = (tb, tt)
            print(f"  {workers} core(s): baocao parse {len(paths) / tb:.3f} pages/s ({tb:.1f} s), "
                  f"tesseract command {len(paths) / tt:.3f} pages/s ({tt:.1f} s), ratio of times {tb / tt:.2f}")
        if cores > 1:
            (b1, t1), (bn, tn) = rows[1], rows[cores]
            print(f"  speed-up 1 → {cores} cores: baocao parse {b1 / bn:.2f}×, tesseract command {t1 / tn:.2f}×")
        print(f"  machine load average after: {os.getloadavg()[0]:.1f}")


# ---------------------------------------------------------------- signer block CER


def _signer_block(lines) -> str:
    right = [ln.text for ln in lines if ln.zone == "footer-right" and ln.text.strip()]
    return " ".join(" ".join(right).split())


def _gold_block(gold: dict) -> str:
    s = gold.get("signatory") or {}
    return " ".join(x for x in (s.get("authority"), s.get("title"), s.get("name")) if x)


def _doc_lines(path: Path, clean_colour: bool):
    from baocao_parser.layout import assign_zones
    from baocao_parser.readers import read_document

    ocr_mod.CLEAN_COLOUR = clean_colour
    try:
        doc = read_document(path.read_bytes(), source=str(path))
    finally:
        ocr_mod.CLEAN_COLOUR = True
    assign_zones(doc)
    return doc.lines


def bench_signer_cer(limit: int) -> None:
    from _cer import CerTally

    cases = []
    for folder in (ROOT / "samples" / "scan-colour",):
        for f in sorted(folder.glob("*.pdf")) + sorted(folder.glob("*.jpg")):
            gold = Path(str(f)[: -len(f.suffix)] + ".gold.json")
            if gold.exists():
                cases.append((f, json.loads(gold.read_text(encoding="utf-8"))))
    cases = [(f, g) for f, g in cases if _gold_block(g)][:limit]
    if not cases:
        print("signer CER: no colour samples with gold (run samples/_build/render_colour.py)")
        return
    os.environ["BAOCAO_OCR_WORKERS"] = "1"  # the switch must reach the OCR: no worker processes
    tally = CerTally()
    for f, gold in cases:
        ref = _gold_block(gold)
        row = [tally.add(seal, _signer_block(_doc_lines(f, clean)), ref)
               for seal, clean in (("seal kept", False), ("seal removed", True))]
        print(f"  {f.name:40s} signer-block CER without seal removal {100 * row[0]:6.2f} %, with {100 * row[1]:6.2f} %")
    print(f"signer-block CER over {len(cases)} colour samples: without seal removal "
          f"{100 * tally.rate('seal kept'):.2f} %, with {100 * tally.rate('seal removed'):.2f} %")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--no-cer", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    if not ocr_mod.tesseract_available():
        print("OCR: Tesseract with 'vie' is not installed; nothing measured")
        return 0
    if not args.no_speed:
        bench_speed(args.pages)
    if not args.no_cer:
        bench_signer_cer(12)
    return 0


if __name__ == "__main__":
    sys.exit(main())
