#!/usr/bin/env python3
"""Render the sample reports to text PDFs and to scans, with gold beside each.

    python samples/_build/render_pdf.py            # every samples/*.docx
    python samples/_build/render_pdf.py NAME ...   # only these

For every ``samples/NAME.docx`` this writes:

* ``samples/pdf/NAME.pdf``            LibreOffice headless export (a text PDF),
* ``samples/scan/NAME.scan.pdf``      an image-only "scan" of that PDF: rasterised
  (pdftoppm, 200-300 dpi, grey), slightly rotated, noisy, blurred and saved as
  a grey JPEG inside the PDF,
* ``samples/image/NAME.scan.png``     the first scanned page as PNG, for the few
  names in :data:`PNG_NAMES` only (PNGs are large),
* ``NAME.gold.json`` / ``NAME.scan.gold.json`` copied from ``samples/NAME.gold.json``.

Degradations are seeded by the file name, so re-running gives the same pixels.
Needs LibreOffice (``soffice``), poppler-utils (``pdftoppm``), Pillow and numpy.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

SAMPLES = Path(__file__).resolve().parent.parent
PNG_NAMES = 2
"""How many samples (the first ones by name) also get a PNG page."""


def to_pdf(docx: Path, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), str(docx)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )
    return outdir / (docx.stem + ".pdf")


def rasterise(pdf: Path, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True, timeout=300)
        pages = sorted(Path(tmp).glob("p-*.png"))
        return [Image.open(p).copy() for p in pages]


def degrade(page: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """A plausible office scan: small rotation, blur, grey paper, noise, specks, JPEG."""
    angle = rng.uniform(-1.2, 1.2)
    img = page.convert("L").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.4, 0.9)))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr * rng.uniform(0.86, 0.95) + rng.uniform(6, 16)  # grey paper, toner not quite black
    arr += nrng.normal(0.0, rng.uniform(2.0, 4.0), arr.shape)
    specks = nrng.random(arr.shape) < rng.uniform(0.0002, 0.0008)
    arr[specks] = nrng.uniform(0, 120, int(specks.sum()))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(35, 50))
    return Image.open(io.BytesIO(buf.getvalue()))


def render(name: str, png: bool) -> None:
    docx = SAMPLES / f"{name}.docx"
    gold = SAMPLES / f"{name}.gold.json"
    pdf = to_pdf(docx, SAMPLES / "pdf")
    if gold.exists():
        shutil.copyfile(gold, SAMPLES / "pdf" / f"{name}.gold.json")
    seed = zlib.crc32(name.encode())
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    dpi = rng.choice([200, 250, 300])
    pages = [degrade(p, rng, nrng) for p in rasterise(pdf, dpi)]
    scan_dir = SAMPLES / "scan"
    scan_dir.mkdir(exist_ok=True)
    pages[0].save(scan_dir / f"{name}.scan.pdf", "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=45)
    if gold.exists():
        shutil.copyfile(gold, scan_dir / f"{name}.scan.gold.json")
    if png:
        img_dir = SAMPLES / "image"
        img_dir.mkdir(exist_ok=True)
        # 16 grey levels, as many scanners save: keeps the PNG small.
        page = pages[0].convert("L").point(lambda v: (v // 16) * 17)
        page.save(img_dir / f"{name}.scan.png", "PNG", dpi=(dpi, dpi), optimize=True, bits=4)
        if gold.exists():
            write_image_gold(name)
    print(f"{name}: pdf, scan at {dpi} dpi ({len(pages)} pages){', png' if png else ''}")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def write_image_gold(name: str) -> None:
    """Write :func:`page1_gold` beside the PNG of page 1."""
    (SAMPLES / "image" / f"{name}.scan.gold.json").write_text(
        json.dumps(page1_gold(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def page1_gold(name: str) -> dict:
    """Gold for an image of page 1 only: what page 1 shows.

    The header, subject and period are on page 1; a list whose items run on
    to page 2 is judged on page 1 alone: recipients and signer that are not on
    page 1 are absent from the image (``[]`` / nulls), difficulties and plans
    keep the items page 1 shows in full, and a list that cannot be checked
    item by item on the page (meeting counts, an item cut by the page break)
    is left out of the gold (not scored).
    """
    import pypdfium2 as pdfium

    gold = json.loads((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))
    # The outline and its parts (sections, tasks, proposals) and the expected warnings describe the whole
    # document: a page-1 image is not judged on them.
    gold = {k: v for k, v in gold.items() if k not in ("sections", "tasks", "proposals", "warnings_match")}
    pdf = pdfium.PdfDocument(str(SAMPLES / "pdf" / f"{name}.pdf"))
    page1 = _squash(pdf[0].get_textpage().get_text_range())
    if len(pdf) == 1:
        out = gold
    else:
        out = {k: v for k, v in gold.items() if k not in ("plans", "conferences", "difficulties", "recipients", "signatory", "references")}
        out["plans"] = [p for p in gold.get("plans", []) if _squash(p["number"]) in page1]
        diffs = gold.get("difficulties", [])
        shown = [d for d in diffs if _squash(d) in page1]
        started = [d for d in diffs if _squash(d)[:40] in page1 and d not in shown]
        if not started:
            out["difficulties"] = shown
        if "nơi nhận" not in page1:
            out["recipients"] = []
            out["signatory"] = {"name": None, "title": None, "authority": None}
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["--image-gold"]:  # rewrite the PNG golds from the committed PDFs only
        for png in sorted((SAMPLES / "image").glob("*.scan.png")):
            write_image_gold(png.name.split(".")[0])
        return 0
    names = argv or sorted(p.stem for p in SAMPLES.glob("*.docx"))
    if not names:
        print("no samples/*.docx to render", file=sys.stderr)
        return 1
    png_names = set(sorted(names)[:PNG_NAMES]) if not argv else set()
    for name in names:
        render(name, name in png_names)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
