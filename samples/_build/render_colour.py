#!/usr/bin/env python3
"""Render colour office scans, turned pages, phone photos, a multi-page TIFF and a page set, with gold.

    python samples/_build/render_colour.py

Made from the text PDFs of ``samples/pdf`` (``render_pdf.py`` first), in
colour, into folders whose names say ``scan`` (so the golden tests count them
as OCR cases):

* ``samples/scan-colour/NAME.colour.pdf``: cream paper, a red seal over the left
  third of the signature (Nghị định 30), a blue signature, an e-copy block in
  the top-right corner, sometimes a received stamp (``ĐẾN  Số: … Ngày: …``) in
  black, a page number; for some files the number or the day written in by
  hand (blue ink, near-black pencil in an italic font for one, dark grey
  pencil for another: sans digits leaning, warped and grainy) over
  a blank: their gold has ``number`` / ``issued_date`` null.  Some pages are
  turned by 90° or 180°.
* ``samples/scan-photo/NAME.photo.jpg``: page 1 photographed: on a desk,
  perspective, light from one side, a shadow, blur; one photo stores its
  pixels turned and says so in EXIF (Orientation 6).  Page-1 gold.
* ``samples/scan-pages/NAME.tif``: a multi-page grey TIFF of a whole report.
* ``samples/scan-pages/NAME_1.jpg``, ``NAME_2.jpg``…: a page set, with its gold
  in ``NAME.set.gold.json`` (read as one report by ``parse([...])``).

Everything is seeded by the file name: re-running gives the same pixels.
Needs Pillow, numpy, OpenCV and pypdfium2.
"""

from __future__ import annotations

import io
import json
import math
import random
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SAMPLES = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

FONT_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_HAND = "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf"

# name → what is done to it (page turns are 0-based page index → degrees clockwise)
COLOUR = {
    "bc-xa-ntm-q3-2023": {"hand": "number+day", "turn": {}},
    "bc-phong-gddt-q2-2022": {"hand": "day", "turn": {1: 90}},
    "bc-thitran-vsmt-dot-2023": {"hand": "number", "turn": {}},
    "bc-so-tnmt-9t-2021": {"hand": None, "turn": {0: 180}, "received": True},
    "bc-huyen-giamngheo-2020": {"hand": "number-pencil", "turn": {}},
    "bc-tinh-pctt-6t-cuoi-2022": {"hand": None, "turn": {1: 270}},
    "bc-doan-xa-6t-dau-2023": {"hand": None, "turn": {}, "received": True},
    "bc-chicuc-kiemlam-q1-2024": {"hand": "number-strokes", "turn": {}},
}
PHOTOS = ["bc-chicuc-kiemlam-q1-2024", "bc-phuong-antt-t10-2023", "kh-ubnd-xa-pcmt-2024"]
EXIF_TURNED = "bc-phuong-antt-t10-2023"
TIFF = "bc-thpt-kynangsong-2022"
PAGE_SET = "bc-truong-th-t3-2024"

RED = np.array([205, 35, 45], np.float32)
BLUE = np.array([35, 55, 175], np.float32)


def rng_for(name: str) -> tuple[random.Random, np.random.Generator]:
    seed = zlib.crc32(name.encode())
    return random.Random(seed), np.random.default_rng(seed)


# ---------------------------------------------------------------- the text PDF: pages and where things are


def render_pages(name: str, dpi: int):
    """(RGB pages as float arrays, text pages) of ``samples/pdf/NAME.pdf`` at ``dpi``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLES / "pdf" / f"{name}.pdf"))
    pages, texts = [], []
    for page in pdf:
        arr = page.render(scale=dpi / 72, rev_byteorder=True).to_numpy()[:, :, :3].astype(np.float32)
        pages.append(arr)
        texts.append(page)
    return pdf, pages, texts


def find_text(page, needle: str, dpi: int) -> tuple[int, int, int, int] | None:
    """Pixel box (x0, y0, x1, y1) of the first occurrence of ``needle`` on a pdfium page."""
    tp = page.get_textpage()
    searcher = tp.search(needle, match_case=True)
    hit = searcher.get_next()
    if hit is None:
        return None
    start, count = hit
    h = page.get_height()
    boxes = [tp.get_charbox(i) for i in range(start, start + count)]
    f = dpi / 72
    x0 = min(b[0] for b in boxes) * f
    x1 = max(b[2] for b in boxes) * f
    y0 = (h - max(b[3] for b in boxes)) * f
    y1 = (h - min(b[1] for b in boxes)) * f
    return int(x0), int(y0), int(x1), int(y1)


def field_box(page, label: str, after: str, dpi: int) -> tuple[int, int, int, int] | None:
    """Pixel box of the field between ``label`` and the next ``after`` on page 1 (printed digits or a blank)."""
    tp = page.get_textpage()
    text = tp.get_text_range()
    i = text.find(label)
    j = text.find(after, i + len(label)) if i >= 0 else -1
    if i < 0 or j < 0 or j - i > 40:
        return None
    a = char_boxes(page, i + len(label) - 1, 1, dpi)[0]
    b = char_boxes(page, j, 1, dpi)[0]
    return a[2] + dpi // 30, min(a[1], b[1]), b[0] - dpi // 40, max(a[3], b[3])


def char_boxes(page, start: int, count: int, dpi: int):
    tp = page.get_textpage()
    h = page.get_height()
    f = dpi / 72
    out = []
    for i in range(start, start + count):
        b = tp.get_charbox(i)
        out.append((int(b[0] * f), int((h - b[3]) * f), int(b[2] * f), int((h - b[1]) * f)))
    return out


# ---------------------------------------------------------------- marks


def multiply(page: np.ndarray, layer: np.ndarray, colour: np.ndarray, alpha: float) -> None:
    """Ink on paper: the page multiplied by the ink's colour where ``layer`` (0-1) is set (in place)."""
    a = (layer * alpha)[..., None]
    page *= (1 - a) + a * (colour / 255.0)


def draw_layer(shape, draw_fn) -> np.ndarray:
    img = Image.new("L", (shape[1], shape[0]), 0)
    draw_fn(ImageDraw.Draw(img), img)
    return np.asarray(img, np.float32) / 255.0


def seal(page: np.ndarray, centre: tuple[int, int], radius: int, text: str, rng: random.Random) -> None:
    """A round red seal: two rings, the issuer's name around, a star in the middle."""
    cx, cy = centre
    font = ImageFont.truetype(FONT_BOLD, max(10, radius // 7))

    def draw(d: ImageDraw.ImageDraw, img: Image.Image) -> None:
        w = max(3, radius // 22)
        d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=w)
        r2 = int(radius * 0.68)
        d.ellipse((cx - r2, cy - r2, cx + r2, cy + r2), outline=255, width=max(2, w - 1))
        pts = []
        for k in range(10):
            r = radius * (0.28 if k % 2 == 0 else 0.11)
            a = -math.pi / 2 + k * math.pi / 5
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        d.polygon(pts, fill=255)
        chars = text.upper()
        span = 1.7 * math.pi
        for i, ch in enumerate(chars):
            a = -math.pi / 2 - span / 2 + span * (i + 0.5) / max(1, len(chars))
            r = radius * 0.84
            glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
            ImageDraw.Draw(glyph).text((font.size // 2, font.size // 3), ch, fill=255, font=font)
            glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
            x = int(cx + r * math.cos(a) - glyph.width / 2)
            y = int(cy + r * math.sin(a) - glyph.height / 2)
            img.paste(255, (x, y), glyph)

    layer = draw_layer(page.shape, draw)
    layer = np.asarray(Image.fromarray((layer * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8)), np.float32) / 255
    multiply(page, layer, RED, rng.uniform(0.8, 0.92))


def signature(page: np.ndarray, box: tuple[int, int, int, int], rng: random.Random) -> None:
    """A blue pen signature: a smooth loopy stroke across ``box``."""
    x0, y0, x1, y1 = box
    n = 40
    xs = np.linspace(x0, x1, n) + np.array([rng.uniform(-12, 12) for _ in range(n)])
    ys = (y0 + y1) / 2 + (y1 - y0) / 2 * np.sin(np.linspace(0, rng.uniform(9, 14), n)) * np.array([rng.uniform(0.5, 1) for _ in range(n)])
    pts = list(zip(xs.tolist(), ys.tolist()))

    def draw(d: ImageDraw.ImageDraw, img: Image.Image) -> None:
        d.line(pts, fill=255, width=max(3, (y1 - y0) // 18), joint="curve")
        d.line([(x0, y1 - 5), (x1, y0 + (y1 - y0) * 0.6)], fill=255, width=max(2, (y1 - y0) // 25))

    multiply(page, draw_layer(page.shape, draw), BLUE, 0.95)


def text_block(page: np.ndarray, xy: tuple[int, int], lines: list[str], size: int, colour=(20, 20, 20), font=FONT_SANS,
               box: bool = False) -> None:
    f = ImageFont.truetype(font, size)

    def draw(d: ImageDraw.ImageDraw, img: Image.Image) -> None:
        x, y = xy
        width = max(int(d.textlength(t, font=f)) for t in lines)
        if box:
            d.rectangle((x - size // 2, y - size // 2, x + width + size // 2, y + int(len(lines) * size * 1.35) + size // 3),
                        outline=255, width=max(2, size // 10))
        for i, t in enumerate(lines):
            d.text((x, y + int(i * size * 1.35)), t, fill=255, font=f)

    multiply(page, draw_layer(page.shape, draw), np.array(colour, np.float32), 1.0)


def handwrite(page: np.ndarray, box: tuple[int, int, int, int], text: str, colour, rng: random.Random) -> None:
    """Digits written by hand into a blank: slanted, uneven, in pen or pencil."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    font = ImageFont.truetype(FONT_HAND, int(h * 1.3))

    def draw(d: ImageDraw.ImageDraw, img: Image.Image) -> None:
        x = x0
        for ch in text:
            glyph = Image.new("L", (int(h * 2), int(h * 2)), 0)
            ImageDraw.Draw(glyph).text((h // 3, 0), ch, fill=255, font=font)
            glyph = glyph.rotate(rng.uniform(-12, 12), resample=Image.BICUBIC)
            glyph = glyph.filter(ImageFilter.MaxFilter(3))
            img.paste(255, (int(x), int(y0 - h * 0.45 + rng.uniform(-3, 3))), glyph)
            x += h * rng.uniform(0.55, 0.75)

    multiply(page, draw_layer(page.shape, draw), np.array(colour, np.float32), 0.95)


def pencil_strokes(page: np.ndarray, box: tuple[int, int, int, int], text: str, rng: random.Random) -> None:
    """Digits written in dark grey pencil by a hand, no handwriting font being installed: the digits of a
    sans font (not the print's serif) drawn larger, leaning forward, each bent by a smooth random warp
    (a hand's wobble) and thickened unevenly; the graphite grainy and lighter than print."""
    import cv2

    x0, y0, x1, y1 = box
    h = y1 - y0
    size = int(h * rng.uniform(1.25, 1.4))
    font = ImageFont.truetype(FONT_SANS, size)
    W, H = int(size * 0.8 * len(text) + 4 * h), int(size * 2)
    img = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(img)
    x = h
    for ch in text:  # each digit at its own height and spacing
        d.text((x, int(size * 0.3 + rng.uniform(-0.08, 0.08) * size)), ch, fill=255, font=font)
        x += size * rng.uniform(0.6, 0.75)
    slant = rng.uniform(0.25, 0.35)
    img = img.transform((W, H), Image.AFFINE, (1, slant, -slant * H * 0.6, 0, 1, 0), resample=Image.BICUBIC)
    arr = np.asarray(img, np.float32) / 255.0
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    amp, sigma = h * 0.06, h * 0.35
    dx = cv2.GaussianBlur(nrng.normal(0, 1, arr.shape).astype(np.float32), (0, 0), sigma)
    dy = cv2.GaussianBlur(nrng.normal(0, 1, arr.shape).astype(np.float32), (0, 0), sigma)
    dx *= amp / (np.abs(dx).max() + 1e-6)
    dy *= amp / (np.abs(dy).max() + 1e-6)
    gx, gy = np.meshgrid(np.arange(W, dtype=np.float32), np.arange(H, dtype=np.float32))
    arr = cv2.remap(arr, gx + dx, gy + dy, cv2.INTER_LINEAR)
    arr = cv2.dilate(arr, np.ones((2, 2), np.uint8)) if rng.random() < 0.5 else arr
    grain = np.clip(arr * nrng.uniform(0.75, 1.0, arr.shape).astype(np.float32), 0, 1)
    layer = np.zeros(page.shape[:2], np.float32)
    px, py = int(x0 - h * 0.6), int(y1 - size * 1.25)
    ph, pw = min(H, layer.shape[0] - py), min(W, layer.shape[1] - px)
    layer[py:py + ph, px:px + pw] = grain[:ph, :pw]
    multiply(page, layer, np.array((72, 72, 76), np.float32), 0.95)


def blank(page: np.ndarray, box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    page[y0 - 2:y1 + 2, x0 - 1:x1 + 1] = 255.0  # white paper: the tint comes with the finish


# ---------------------------------------------------------------- finishing a page


def finish(page: np.ndarray, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """Cream paper, scanner noise, a little skew and blur."""
    page = page * np.array([0.99, 0.97, 0.91], np.float32) + nrng.normal(0, 2.5, page.shape).astype(np.float32)
    img = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), "RGB")
    img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=(250, 246, 232))
    return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.6)))


def jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def gold_of(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))


def write_gold(path: Path, gold: dict) -> None:
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- colour scans


def marked_pages(name: str, spec: dict, dpi: int) -> tuple[list[Image.Image], dict]:
    """Pages of ``name`` with seal, signature, stamps and hand-filled fields; and its gold."""
    rng, nrng = rng_for(name)
    gold = gold_of(name)
    pdf, pages, _ = render_pages(name, dpi)
    first, last = pdf[0], pdf[len(pdf) - 1]
    W = pages[0].shape[1]
    # e-copy block, top right of page 1
    text_block(pages[0], (int(W * 0.62), int(dpi * 0.25)),
               ["SAO Y", "Cơ quan: Văn phòng", f"Thời gian ký: 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T08:{rng.randint(10, 59)}:00+07:00"],
               max(12, dpi // 12))
    if spec.get("received"):
        text_block(pages[0], (int(W * 0.08), int(dpi * 0.22)),
                   ["ĐẾN", f"Số: {rng.randint(100, 999)}", f"Ngày: {rng.randint(1, 28)}/{rng.randint(1, 12)}", "Chuyển: VP"],
                   max(12, dpi // 11), font=FONT_BOLD, box=True)
    hand = spec.get("hand")
    if hand and hand.startswith("number"):
        box = field_box(first, "Số:", "/", dpi)
        if box:
            blank(pages[0], box)
            if hand == "number-strokes":
                blank(pages[0], (box[0], box[1], box[2] + dpi // 40 - 2, box[3]))  # up to the slash
                pencil_strokes(pages[0], box, str(rng.randint(10, 99)), rng)
            else:
                ink = (70, 70, 75) if hand == "number-pencil" else tuple(BLUE.tolist())
                handwrite(pages[0], box, str(rng.randint(10, 99)), ink, rng)
            gold["number"] = None
    if hand and hand.endswith("day"):
        box = field_box(first, "ngày", "tháng", dpi)
        if box:
            blank(pages[0], box)
            handwrite(pages[0], box, str(rng.randint(1, 28)), tuple(BLUE.tolist()), rng)
            gold["issued_date"] = None
    # seal over the left third of the signature, signature between title and name
    sig = gold.get("signatory") or {}
    name_box = find_text(last, sig["name"], dpi) if sig.get("name") else None
    title_box = find_text(last, sig["title"], dpi) if sig.get("title") else None
    if name_box:
        top = title_box[3] if title_box else name_box[1] - dpi
        bx0 = min(name_box[0], title_box[0] if title_box else name_box[0])
        bx1 = max(name_box[2], title_box[2] if title_box else name_box[2])
        signature(pages[-1], (bx0 + (bx1 - bx0) // 6, top + 12, bx1 + dpi // 6, name_box[1] - 12), rng)
        radius = int(dpi * 0.72)
        seal(pages[-1], (bx0 + (bx1 - bx0) // 5, (top + name_box[1]) // 2), radius, gold.get("issuer") or "ỦY BAN NHÂN DÂN", rng)
    for i, p in enumerate(pages):
        if len(pages) > 1:
            text_block(p, (W // 2 - dpi // 20, p.shape[0] - int(dpi * 0.45)), [str(i + 1)], max(12, dpi // 11))
    out = [jpeg(finish(p, rng, nrng), rng.randint(55, 70)) for p in pages]
    for i, deg in spec.get("turn", {}).items():
        if i < len(out):
            out[i] = out[i].rotate(-deg, expand=True)
    return out, gold


def colour_scans() -> None:
    d = SAMPLES / "scan-colour"
    d.mkdir(exist_ok=True)
    for name, spec in COLOUR.items():
        rng, _ = rng_for(name)
        dpi = rng.choice([200, 250, 300])
        pages, gold = marked_pages(name, spec, dpi)
        pages[0].save(d / f"{name}.colour.pdf", "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
        write_gold(d / f"{name}.colour.gold.json", gold)
        print(f"{name}: colour scan at {dpi} dpi ({len(pages)} pages), hand={spec.get('hand')}, turns={spec.get('turn')}")


# ---------------------------------------------------------------- photos


def photograph(page: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """A phone photo of a page on a desk: perspective, side light, a shadow, blur."""
    import cv2

    src = np.asarray(page.convert("RGB"))
    h, w = src.shape[:2]
    W, H = int(w * 1.25), int(h * 1.2)
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    dst = np.float32([[W * 0.1 + j(40), H * 0.07 + j(30)], [W * 0.9 + j(40), H * 0.09 + j(30)],
                      [W * 0.93 + j(30), H * 0.95 + j(20)], [W * 0.06 + j(30), H * 0.93 + j(20)]])
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), dst)
    desk = np.full((H, W, 3), (92, 70, 52), np.uint8)
    desk = (desk + nrng.normal(0, 6, desk.shape)).clip(0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(src, m, (W, H), borderMode=cv2.BORDER_TRANSPARENT, dst=desk.copy())
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 0.72 + 0.3 * (xx / W) + 0.08 * (yy / H)
    corner = np.exp(-(((xx - W * 0.15) / (W * 0.25)) ** 2 + ((yy - H * 0.85) / (H * 0.2)) ** 2))
    light *= 1 - 0.28 * corner  # a hand's shadow
    tint = np.array([1.0, 0.96, 0.86], np.float32)
    out = warped.astype(np.float32) * light[..., None] * tint
    out += nrng.normal(0, 3, out.shape)
    img = Image.fromarray(out.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.2)))
    img = img.resize((int(W * 0.62), int(H * 0.62)), Image.LANCZOS)
    return img


def photos() -> None:
    from render_pdf import page1_gold

    d = SAMPLES / "scan-photo"
    d.mkdir(exist_ok=True)
    for name in PHOTOS:
        rng, nrng = rng_for(name + "/photo")
        pdf, pages, _ = render_pages(name, 250)
        img = photograph(finish(pages[0], rng, nrng), rng, nrng)
        path = d / f"{name}.photo.jpg"
        if name == EXIF_TURNED:
            exif = Image.Exif()
            exif[0x0112] = 6  # the camera held sideways: pixels stored turned, shown turned back
            img.rotate(90, expand=True).save(path, "JPEG", quality=82, exif=exif)
        else:
            img.save(path, "JPEG", quality=82)
        write_gold(d / f"{name}.photo.gold.json", page1_gold(name))
        print(f"{name}: photo of page 1{' (EXIF orientation 6)' if name == EXIF_TURNED else ''}")


# ---------------------------------------------------------------- TIFF and page set


def tiff_and_page_set() -> None:
    d = SAMPLES / "scan-pages"
    d.mkdir(exist_ok=True)
    pages, gold = marked_pages(TIFF, {"hand": None, "turn": {}}, 200)
    grey = [p.convert("L").point(lambda v: (v // 16) * 17) for p in pages]
    grey[0].save(d / f"{TIFF}.tif", save_all=True, append_images=grey[1:], compression="tiff_deflate", dpi=(200, 200))
    write_gold(d / f"{TIFF}.gold.json", gold)
    print(f"{TIFF}: multi-page TIFF ({len(grey)} pages)")
    pages, gold = marked_pages(PAGE_SET, {"hand": None, "turn": {}}, 200)
    for i, p in enumerate(pages, 1):
        p.save(d / f"{PAGE_SET}_{i}.jpg", "JPEG", quality=70, dpi=(200, 200))
    write_gold(d / f"{PAGE_SET}.set.gold.json", gold)
    print(f"{PAGE_SET}: page set of {len(pages)} JPEGs")


def main() -> int:
    colour_scans()
    photos()
    tiff_and_page_set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
