"""Build the hostile-input corpus: crafted files and commands that once hung, blew up memory or tracebacked.

Each :class:`Case` is one input (or one command over a small setup) of a *kind*
named in issue #11: time that grows faster than the input, memory, special files
and names, tracebacks in the CLI and the API, wrong results without a word, and
processes.  ``build(dest, slow=False)`` writes the quick cases' files under
``dest`` and returns the cases; ``slow=True`` adds the big ones (megabytes of
text, thousands of PDF pages, OCR).  Every case is meant to be run in a child
process under a time and memory limit (``tests/hostile/runner.py``):

    python tests/hostile/make_corpus.py OUT [--slow]     # write the corpus and list it
    python tests/hostile/runner.py OUT [--slow]          # run it, one line per case

Sizes are chosen so that the quadratic and unbounded code paths of the past
would run past the limits, while linear code finishes in seconds.
"""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: _bytes, _casetable

from _bytes import REPORT_TEXT, docx_bytes  # noqa: E402
from _casetable import STANDARD_BODY, STANDARD_HEAD, STANDARD_TAIL  # noqa: E402

PY = sys.executable


@dataclass
class Case:
    """One hostile input: the command to run on it and what counts as handled."""

    name: str
    kind: str
    argv: list[str]
    slow: bool = False
    expect: str = "any"  # "report": exit 0 and one report; "error": exit 1 with one error line; "any": either
    check: Callable[[str, str], str | None] | None = field(default=None, repr=False)  # (stdout, stderr) -> problem
    cwd: str | None = None


def _cli(*args: str) -> list[str]:
    return [PY, "-m", "baocao_parser.cli", *args]


def _api(code: str) -> list[str]:
    """Python code against the library: a :class:`BaocaoError` (the library's own one-line error) is fine."""
    body = "".join("    " + line + "\n" for line in code.splitlines())
    return [PY, "-c", "import baocao_parser as bp, sys\ntry:\n" + body +
            "except bp.BaocaoError as exc:\n    print(exc, file=sys.stderr)\n    sys.exit(1)\n"]


# ---------------------------------------------------------------- tiny file makers
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(document_xml: str, styles_xml: str | None = None, extra: dict[str, bytes] | None = None,
          stored: set[str] | None = None) -> bytes:
    """A .docx from raw XML parts (the boilerplate of ``_bytes.docx_bytes``)."""
    base = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in base.infolist():
            if info.filename == "word/document.xml":
                continue
            zf.writestr(info.filename, base.read(info.filename))
        zf.writestr("word/document.xml", document_xml)
        if styles_xml is not None:
            zf.writestr("word/styles.xml", styles_xml)
            zf.writestr("word/_rels/document.xml.rels",
                        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                        'package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        for name, data in (extra or {}).items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED if name in (stored or set())
                        else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _doc_xml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'


def _p(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _report_paragraphs() -> str:
    from xml.sax.saxutils import escape

    return "".join(_p(escape(line)) for line in REPORT_TEXT.split("\n"))


def docx_basedon_loop() -> bytes:
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W_NS}>'
              '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="V"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>'
              '</w:style></w:styles>')
    body = _p("B¸o c¸o", "V") + _p("Báo cáo tình hình", "A") + _report_paragraphs()
    return _docx(_doc_xml(body), styles)


def docx_many_styles(n: int) -> bytes:
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{i + 1}"/><w:rPr><w:b/></w:rPr></w:style>'
                     for i in range(n))
    styles_xml = f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W_NS}>{styles}</w:styles>'
    cells = "".join(f"<w:tc>{_p('ô ' + str(i), 'S' + str(i))}</w:tc>" for i in range(n))
    rows = "".join(f"<w:tr>{cells[i:i + 1]}</w:tr>" for i in range(0))  # noqa: F841 (kept simple below)
    table = "<w:tbl>" + "".join(f"<w:tr><w:tc>{_p('a' + str(i), 'S' + str(i))}</w:tc><w:tc>{_p('b', 'S' + str(i))}</w:tc>"
                                 f"<w:tc>{_p('c')}</w:tc></w:tr>" for i in range(n)) + "</w:tbl>"
    del cells, rows
    return _docx(_doc_xml(_report_paragraphs() + table), styles_xml)


def docx_gridspan(span: int) -> bytes:
    table = (f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_p("ô gộp")}</w:tc>'
             f'<w:tc>{_p("b")}</w:tc><w:tc>{_p("c")}</w:tc></w:tr></w:tbl>')
    return _docx(_doc_xml(_report_paragraphs() + table))


def docx_vmerge(rows: int) -> bytes:
    first = f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{_p("gộp")}</w:tc><w:tc>{_p("b")}</w:tc><w:tc>{_p("c")}</w:tc></w:tr>'
    rest = f'<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{_p("b")}</w:tc><w:tc>{_p("c")}</w:tc></w:tr>'
    return _docx(_doc_xml(_report_paragraphs() + "<w:tbl>" + first + rest * rows + "</w:tbl>"))


def docx_member_ratio(paragraphs: int) -> bytes:
    """A small, highly compressible document.xml beside an incompressible member that evens out the ratio."""
    body = "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * paragraphs
    return _docx(_doc_xml(_report_paragraphs() + body), extra={"word/media/noise.bin": random.Random(1).randbytes(300_000)},
                 stored={"word/media/noise.bin"})


def docx_big_xml(megabytes: int) -> bytes:
    para = _p("tổ chức họp giao ban định kỳ hằng tháng tại trụ sở")
    n = megabytes * 1_000_000 // len(para.encode())
    return _docx(_doc_xml(_report_paragraphs() + para * n))


def docx_altchunk() -> bytes:
    body = _report_paragraphs() + '<w:altChunk r:id="rIdA" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
    return _docx(_doc_xml(body), extra={"word/chunk.html": b"<html><body><p>Noi dung chen</p></body></html>"})


# ---------------------------------------------------------------- PDF
def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object i+1 = objects[i]; 1 is the catalog, 2 the page tree)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_shared_stream(pages: int, chars: int) -> bytes:
    """``pages`` pages that all draw the same content stream of ``chars`` characters of text."""
    line = b"BT /F1 10 Tf 40 %d Td (ho tro to chuc hoi nghi tuyen truyen cai cach hanh chinh) Tj ET\n"
    content = b"".join(line % (800 - (i % 70) * 11) for i in range(chars // 60))
    # objects: 1 catalog, 2 pages, 3 font, 4 content, 5.. pages
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            _stream(content)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objs += [page] * pages
    return _pdf(objs)


def pdf_image_repeated(pages: int, draws: int) -> bytes:
    content = b"q 10 0 0 10 20 20 cm /Im0 Do Q\n" * draws
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            _stream(b"\x80" * 64, b" /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8"),
            _stream(content)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>"
    objs += [page] * pages
    return _pdf(objs)


def pdf_inflating_stream(megabytes: int) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB of spaces (a few kB packed per MB)."""
    comp = zlib.compressobj(9)
    chunks = [comp.compress(b"BT /F1 10 Tf 40 700 Td (Bao cao) Tj ET\n")]
    block = b" " * (1 << 20)
    for _ in range(megabytes):
        chunks.append(comp.compress(block))
    chunks.append(comp.flush())
    packed = b"".join(chunks)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"]
    return _pdf(objs)


def pdf_scan(pages: int) -> bytes:
    """``pages`` pages each showing one greyscale image with a few dark bars (so every page needs OCR)."""
    w, h = 850, 1100
    rows = bytearray(b"\xff" * (w * h))
    for y in range(100, 1000, 40):
        rows[y * w + 100: y * w + 700] = b"\x20" * 600
    img = _stream(bytes(rows), b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                               b"/BitsPerComponent 8" % (w, h))
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            img, _stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>"
    return _pdf(objs + [page] * pages)


# ---------------------------------------------------------------- images
def image_frames(fmt: str, frames: int, size: int = 200) -> bytes:
    from PIL import Image, ImageDraw

    ims = []
    for i in range(frames):
        im = Image.new("L", (size, size), 255)
        ImageDraw.Draw(im).text((10, 10 + i % 100), f"trang {i}", fill=0)
        ims.append(im if fmt != "WEBP" else im.convert("RGB"))
    buf = io.BytesIO()
    ims[0].save(buf, fmt, save_all=True, append_images=ims[1:], **({"duration": 10} if fmt in ("GIF", "WEBP") else {}))
    return buf.getvalue()


def png_big(side: int) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("L", (side, side), 255)
    d = ImageDraw.Draw(im)
    for y in range(50, side - 50, 400):
        d.text((50, y), "BAO CAO tinh hinh to chuc hoi nghi", fill=0)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def png_16bit_scan() -> bytes:
    """A real report page rendered to a 16-bit greyscale PNG (mode I;16)."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    except OSError:  # pragma: no cover - fonts-dejavu-core is installed by .ci/run
        font = ImageFont.load_default()
    im = Image.new("L", (1654, 2339), 255)
    d = ImageDraw.Draw(im)
    for i, line in enumerate(REPORT_TEXT.split("\n")[:40]):
        d.text((120, 120 + i * 48), line, fill=0, font=font)
    import numpy as np

    arr = np.asarray(im).astype("<u2") * 257
    buf = io.BytesIO()
    Image.frombytes("I;16", im.size, arr.tobytes()).save(buf, "PNG")
    return buf.getvalue()


# ---------------------------------------------------------------- archives
SETUP_ARCHIVE = """
import baocao_parser as bp, sys, pathlib
d = pathlib.Path(sys.argv[1]); d.mkdir(parents=True, exist_ok=True)
(d / "r.txt").write_text(sys.argv[2], encoding="utf-8")
list(bp.parse_many([str(d)], archive=sys.argv[3], workers=0))
"""


def _archive(path: Path, folder: Path) -> None:
    import subprocess

    subprocess.run([PY, "-c", SETUP_ARCHIVE, str(folder), REPORT_TEXT, str(path)], check=True)


def _damage(db: Path, how: str) -> None:
    import sqlite3

    if how == "page":
        raw = bytearray(db.read_bytes())
        for off in range(4096 + 8, min(len(raw), 3 * 4096), 7):
            raw[off] ^= 0x5A
        db.write_bytes(bytes(raw))
        return
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
    if how == "json":
        for t in tables:
            cols = [r[1] for r in con.execute(f"pragma table_info({t})")]
            for c in cols:
                if "json" in c:
                    con.execute(f"update {t} set {c} = '{{not json'")
    elif how == "table":
        for t in tables:
            if t.startswith("report") and "fts" not in t:
                con.execute(f"drop table {t}")
                break
    con.commit()
    con.close()


def _report_with_difficulties(n: int, tag: str) -> str:
    items = "\n".join(f"- Khó khăn số {i} {tag} về kinh phí và nhân lực tại thôn {i % 97}." for i in range(n))
    return REPORT_TEXT.replace("Khó khăn", "Khó khăn", 1) + "\nII. Khó khăn, hạn chế\n" + items + "\n"


# ---------------------------------------------------------------- the corpus
def _in_body(hostile: str) -> str:
    """A well-formed report with ``hostile`` in the middle of its body (where the paragraph and
    extraction rules run; text after the signer block is footer)."""
    return STANDARD_HEAD + STANDARD_BODY + "\n" + hostile + "\n" + STANDARD_TAIL


def build(dest: str | os.PathLike[str], slow: bool = False) -> list[Case]:
    """Write the files under ``dest`` and return the cases (the slow ones only with ``slow``)."""
    d = Path(dest)
    d.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def file(name: str, data: bytes | str) -> str:
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(p)

    def parse(name: str, kind: str, data: bytes | str, big: bool = False, expect: str = "any", check=None) -> None:
        if big and not slow:
            return
        cases.append(Case(name, kind, _cli("parse", "--json", file(name, data)), slow=big, expect=expect, check=check))

    # ---- time that grows faster than the input
    parse("slashes-60k.txt", "time", _in_body("1/" * 30_000 + "1\ntiếp theo\n"))
    parse("slashes-200k.txt", "time", _in_body("1/" * 100_000 + "1\ntiếp theo\n"), big=True)
    parse("digits-then-continuation.txt", "time", _in_body("".join(("1" * 70 + "/\n") * 1500) + "tiếp theo\n"))
    parse("digits-run-continuation.txt", "time", _in_body("7" * 60_000 + "\nvà tiếp tục\n"))
    cite = "Thực hiện Kế hoạch số {n}/KH-UBND ngày 06/01/2023 của UBND xã về cải cách hành chính; "
    parse("citations-1MB.txt", "time", _in_body("\n".join(cite.format(n=i) * 3 for i in range(1, 1 + 1_000_000 // 300))))
    parse("citations-one-line-300k.txt", "time", _in_body("".join(cite.format(n=i % 9000) for i in range(3000))))
    parse("citations-one-line-5MB.txt", "time", _in_body("".join(cite.format(n=i % 9000) for i in range(50_000))), big=True)
    parse("bare-numbers-one-line.txt", "time", _in_body("số 12/KH-UBND, 13/QĐ-UBND, " * 40_000))
    parse("basedon-loop.docx", "time", docx_basedon_loop())
    parse("styles-3000.docx", "time", docx_many_styles(3000))
    parse("styles-20000.docx", "time", docx_many_styles(20_000), big=True)
    parse("gridspan-2M.docx", "time", docx_gridspan(2_000_000))
    parse("vmerge-1200.docx", "time", docx_vmerge(1200), expect="report")
    parse("pdf-shared-stream-300p.pdf", "time", pdf_shared_stream(300, 50_000))
    parse("pdf-shared-stream-2000p.pdf", "time", pdf_shared_stream(2000, 50_000), big=True)
    parse("pdf-image-50000x.pdf", "time", pdf_image_repeated(40, 50_000))
    parse("pdf-image-50000x-400p.pdf", "time", pdf_image_repeated(400, 50_000), big=True)
    parse("pdf-scan-200p.pdf", "time", pdf_scan(200), big=True)
    parse("frames-300.gif", "time", image_frames("GIF", 300), big=True)
    parse("frames-300.tif", "time", image_frames("TIFF", 300), big=True)
    parse("frames-100.webp", "time", image_frames("WEBP", 100), big=True)
    parse("png-10000.png", "time", png_big(10_000), big=True)

    arc = d / "arch" / "a.db"
    _archive(arc, d / "arch" / "src")
    cases.append(Case("search-6kB-query", "time", _cli("search", str(arc), "cải cách " * 700)))
    cases.append(Case("search-120kB-query", "time", _cli("search", str(arc), "hành chính xã " * 7000), slow=False))
    n_diff = 4000 if slow else 1500
    a = file("cmp/a.txt", _report_with_difficulties(n_diff, "cũ"))
    b = file("cmp/b.txt", _report_with_difficulties(n_diff, "mới"))
    cases.append(Case(f"compare-{n_diff}-difficulties", "time", _cli("compare", a, b, "--json"), slow=slow))

    # ---- memory
    parse("conferences-420k-line.txt", "memory", _in_body("tổ chức 2 hội nghị, " * 21_000 + "\n"))
    parse("conferences-2MB-line.txt", "memory", _in_body("tổ chức 2 hội nghị, " * 100_000 + "\n"), big=True)
    parse("member-ratio.docx", "memory", docx_member_ratio(2_000_000))
    parse("member-ratio-7M.docx", "memory", docx_member_ratio(7_000_000), big=True)
    parse("text-19MB.txt", "memory", _in_body(("Tổ chức 2 hội nghị về cải cách hành chính theo Kế hoạch số 5/KH-UBND.\n" * 250_000)), big=True)
    parse("docx-180MB-xml.docx", "memory", docx_big_xml(180), big=True)
    parse("pdf-stream-1GB.pdf", "memory", pdf_inflating_stream(1000), big=True)
    parse("pdf-stream-200MB.pdf", "memory", pdf_inflating_stream(200))

    # ---- special files and names
    special = d / "special"
    special.mkdir(exist_ok=True)
    for name, target in (("zero.txt", "/dev/zero"), ("urandom.txt", "/dev/urandom")):
        link = special / name
        if not link.is_symlink():
            link.symlink_to(target)
        cases.append(Case(f"symlink-{name}", "special", _cli("parse", str(link)), expect="error"))
    fifo = special / "fifo.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    cases.append(Case("fifo-parse", "special", _cli("parse", str(fifo)), expect="error"))
    folder = d / "batch-special"
    folder.mkdir(exist_ok=True)
    (folder / "ok.txt").write_text(REPORT_TEXT, encoding="utf-8")
    for name, target in (("zero.txt", "/dev/zero"), ("passwd.txt", "/etc/passwd")):
        if not (folder / name).is_symlink():
            (folder / name).symlink_to(target)
    if not (folder / "fifo.txt").exists():
        os.mkfifo(folder / "fifo.txt")
    bad_name = os.fsencode(str(folder)) + b"/b\xe1o-c\xe1o.txt"  # cp1258 bytes: not valid UTF-8
    with open(bad_name, "wb") as fh:
        fh.write(REPORT_TEXT.encode())

    def no_passwd(out: str, err: str) -> str | None:
        return "a symlink out of the folder was archived" if "passwd" in out and "skipped" not in out else None

    for run in (1, 2):
        cases.append(Case(f"batch-special-files-run{run}", "special",
                          _cli("batch", str(folder), "--archive", str(d / "batch-special.db"), "--json", "--timeout", "20"),
                          check=no_passwd))
    cases.append(Case("parse-non-utf8-name", "special",
                      ["sh", "-c", f'PYTHONIOENCODING=utf-8:strict "$0" -m baocao_parser.cli parse "$(printf "{folder}/b\\341o-c\\341o.txt")"', PY],
                      expect="report"))

    # ---- tracebacks in the CLI and the API
    existing = file("export/existing.txt", "x")
    for label, out in (("existing-file", existing), ("under-a-file", existing + "/sub"), ("unwritable", "/proc/baocao-out")):
        cases.append(Case(f"export-out-{label}", "cli", _cli("export", str(arc), "--format", "csv", "--out", out), expect="error"))
    for how in ("page", "json", "table"):
        bad = d / f"damaged-{how}.db"
        bad.write_bytes(arc.read_bytes())
        _damage(bad, how)
        cases.append(Case(f"damaged-{how}-export", "cli", _cli("export", str(bad), "--format", "jsonl", "--out", str(d / f"exp-{how}"))))
        cases.append(Case(f"damaged-{how}-timeline", "cli", _cli("timeline", str(bad), "--issuer", "Kỳ Tân")))
        cases.append(Case(f"damaged-{how}-compare", "cli", _cli("compare", "1", "2", "--archive", str(bad))))
        cases.append(Case(f"damaged-{how}-search", "cli", _cli("search", str(bad), "hội nghị")))
    cases.append(Case("timeline-huge-year", "cli", _cli("timeline", str(arc), "--year", "99999999999999999999")))
    cases.append(Case("api-lone-surrogate", "api", _api("r = bp.parse_text('B\\ud800áo cáo\\n' + bp.__doc__[:0] + 'x')"
                                                        "\nprint(type(r).__name__)")))
    cases.append(Case("api-nul-in-path", "api", _api("bp.parse('a\\x00b')")))
    cases.append(Case("api-parse-many-bytes-path", "api", _api(f"print([r.status for r in bp.parse_many({bytes(d / 'arch' / 'src')!r}, workers=0)])")))

    # ---- wrong results without a word
    def issuer_found(out: str, err: str) -> str | None:
        return None if "KỲ TÂN" in out or "Kỳ Tân" in out else "the issuer was lost"

    raw = REPORT_TEXT.encode("utf-8")
    parse("stray-invalid-byte.txt", "results", raw[:200] + b"\xff" + raw[200:], expect="report", check=issuer_found)
    parse("nul-byte.txt", "results", raw[:300] + b"\x00" + raw[300:], expect="report", check=issuer_found)
    parse("vertical-tabs.txt", "results", raw.replace(b"\n", b"\x0b"), expect="report", check=issuer_found)
    parse("control-chars.txt", "results", raw.replace(b". ", b".\x01 ").replace(b", ", b",\x1b "), expect="report", check=issuer_found)
    parse("utf-32.txt", "results", REPORT_TEXT.encode("utf-32"), expect="report", check=issuer_found)

    def warns_altchunk(out: str, err: str) -> str | None:
        return None if "altChunk" in out or "chèn" in out or "embedded" in out else "altChunk dropped without a warning"

    parse("altchunk.docx", "results", docx_altchunk(), expect="report", check=warns_altchunk)
    html = "<html><head><meta charset='utf-8'></head><body>" + "".join(f"<p>{ln}</p>" for ln in REPORT_TEXT.split("\n")) + "</body></html>"

    def no_tags(out: str, err: str) -> str | None:
        return "HTML read as plain text" if "<p>" in out else None

    parse("html-saved-as.doc", "results", html, check=no_tags, big=True)
    parse("png-16bit.png", "results", png_16bit_scan(), big=True, expect="report")

    # ---- processes
    parse("rtf-bin.rtf", "process", b"{\\rtf1\\ansi \\bin999999999 " + b"x" * 400 + b"}", big=True)
    killed = d / "killed-batch"
    killed.mkdir(exist_ok=True)
    for i in range(12):
        (killed / f"r{i}.txt").write_text(REPORT_TEXT + f"\n{i}", encoding="utf-8")
    seams = HERE.parent / "_batch_seams.py"
    cases.append(Case("batch-parent-killed", "process", ["sh", "-c",
                      f'"$0" "{seams}" 20 batch "{killed}" --archive "{d / "killed.db"}" --workers 2 --no-progress '
                      f'>/dev/null 2>&1 & sleep 4; kill -9 $!; sleep 1', PY]))
    cases.append(Case("batch-parent-killed-tee", "process", ["sh", "-c",
                      f'("$0" "{seams}" 20 batch "{killed}" --archive "{d / "killed2.db"}" --workers 2 --no-progress 2>&1 & '
                      f'echo $! > "{d / "killed2.pid"}"; wait) | cat >/dev/null & sleep 4; kill -9 $(cat "{d / "killed2.pid"}"); wait', PY]))
    empty = file("empty.db", b"")
    ro = d / "read-only.db"
    ro.write_bytes(arc.read_bytes())
    cases.append(Case("read-commands-do-not-write", "cli", _api(
        "import os, pathlib\nfrom baocao_parser.cli import main\n"
        f"empty, ro = pathlib.Path({empty!r}), pathlib.Path({str(ro)!r})\n"
        "before = ro.stat().st_mtime_ns\n"
        "for argv in (['search', str(empty), 'x'], ['search', str(ro), 'hội nghị'], ['timeline', str(ro), '--issuer', 'Kỳ Tân'],\n"
        "             ['export', str(ro), '--out', str(ro.parent / 'ro-export')]):\n"
        "    main(argv)\n"
        "assert empty.stat().st_size == 0, 'an empty file became an archive'\n"
        "assert ro.stat().st_mtime_ns == before, 'a read command wrote the archive'\n"
        "wal = pathlib.Path(str(ro) + '-wal')\n"
        "assert not wal.exists() or wal.stat().st_size == 0, 'a read command wrote to the write-ahead log'\n"
        "print('ok')"), check=lambda out, err: None if out.strip().endswith("ok") else "a read command wrote"))
    race = d / "race"
    race.mkdir(exist_ok=True)
    (race / "r.txt").write_text(REPORT_TEXT, encoding="utf-8")
    cases.append(Case("two-creators-of-one-archive", "cli", ["sh", "-c",
                      f'rm -f "{d / "race.db"}"*; for i in 1 2 3; do "$0" -m baocao_parser.cli batch "{race}" '
                      f'--archive "{d / "race.db"}" --workers 0 --no-progress & done; wait', PY],
                      check=lambda out, err: "already exists" in err and "a creator saw the other's tables" or None))
    return cases


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    cases = build(argv[0], slow="--slow" in argv)
    for c in cases:
        print(f"{c.kind:<8} {c.name}")
    print(f"{len(cases)} cases in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
