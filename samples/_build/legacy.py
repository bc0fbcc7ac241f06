"""Make legacy-encoded variants of some of the project's own samples (issue 5).

    python samples/_build/legacy.py

Writes into ``samples/legacy/``:

* ``NAME.tcvn3.docx`` (2 samples): every run re-encoded to TCVN3 code points
  (the cp1252 decoding of the TCVN3 bytes, which is how Word keeps text in an
  8-bit font) with font ``.VnTime``; runs whose text is all capitals use the
  capitals-only ``.VnTimeH``. TCVN3 has no upper-case toned letters, so in a
  mixed-case run such a letter ("Ủy", "Ở") is split into its own ``.VnTimeH``
  run — what a typist of the time did.
* ``NAME.vni.txt`` (1 sample): a VNI text file as one really is on disk — the
  raw VNI-Windows bytes (one byte per code position, never valid UTF-8). The
  readers decode such bytes as cp1252 and ``normalise.legacy_encoding.repair``
  converts them.
* ``NAME.doc`` (1 sample): LibreOffice ``--convert-to doc`` of the sample's
  .docx (needs LibreOffice; skipped with a message otherwise).
* the sample's gold beside each: ``NAME.tcvn3.gold.json``,
  ``NAME.vni.gold.json``, ``NAME.gold.json`` (same content: the converted text
  must give the same answers as the Unicode original).

Deterministic: the .docx zips are written with fixed timestamps and member
order; the .txt is a pure function of the sample. The .doc bytes carry
LibreOffice's own save time, so only its text is reproducible.
"""

from __future__ import annotations

import copy
import io
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

# Import the two modules without running baocao_parser/__init__ (which pulls in
# the whole pipeline): this script only needs the tables and LibreOffice.
import types  # noqa: E402

if "baocao_parser" not in sys.modules:
    _pkg = types.ModuleType("baocao_parser")
    _pkg.__path__ = [str(ROOT / "src" / "baocao_parser")]
    sys.modules["baocao_parser"] = _pkg

from baocao_parser.normalise.legacy_encoding import to_legacy  # noqa: E402

SAMPLES = ROOT / "samples"
OUT = SAMPLES / "legacy"

TCVN3_DOCX = ["bc-doan-xa-6t-dau-2023", "bc-so-tnmt-9t-2021"]
VNI_TXT = ["bc-phong-gddt-q2-2022"]
DOC = ["bc-xa-ntm-q3-2023"]

FONT, FONT_CAPS = ".VnTime", ".VnTimeH"
_NO_TCVN3_CAPITAL = set("ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ")


def _set_font(r_el, name: str) -> None:
    rpr = r_el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _segments(text: str) -> list[tuple[str, bool]]:
    """Split a run's text into (text, capitals_font) pieces."""
    letters = [c for c in text if c.isalpha()]
    if letters and text == text.upper():
        return [(text, True)]
    out: list[tuple[str, bool]] = []
    for c in text:
        caps = c in _NO_TCVN3_CAPITAL
        if out and out[-1][1] == caps:
            out[-1] = (out[-1][0] + c, caps)
        else:
            out.append((c, caps))
    return out


def _convert_run(run) -> None:
    text = run.text
    if not text:
        _set_font(run._r, FONT)
        return
    pieces = _segments(text)
    r_el = run._r
    template = copy.deepcopy(r_el)
    first, caps = pieces[0]
    run.text = to_legacy(first, "tcvn3", capitals=caps)
    _set_font(r_el, FONT_CAPS if caps else FONT)
    prev = r_el
    for piece, caps in pieces[1:]:
        new = copy.deepcopy(template)
        prev.addnext(new)
        from docx.text.run import Run

        nr = Run(new, run._parent)
        nr.text = to_legacy(piece, "tcvn3", capitals=caps)
        _set_font(new, FONT_CAPS if caps else FONT)
        prev = new


def _all_paragraphs(d):
    def walk(container):
        for p in container.paragraphs:
            yield p
        for t in getattr(container, "tables", []):
            for row in t.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(d)
    for s in d.sections:
        for part in (s.header, s.footer):
            if not part.is_linked_to_previous:
                yield from walk(part)


def _deterministic_zip(data: bytes) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in sorted(zin.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(item.filename))
    return out.getvalue()


def make_tcvn3_docx(name: str) -> Path:
    d = docx.Document(str(SAMPLES / f"{name}.docx"))
    seen: set[int] = set()
    for p in _all_paragraphs(d):
        if id(p._p) in seen:  # merged cells repeat their paragraphs
            continue
        seen.add(id(p._p))
        for run in list(p.runs):
            _convert_run(run)
    buf = io.BytesIO()
    d.save(buf)
    dest = OUT / f"{name}.tcvn3.docx"
    dest.write_bytes(_deterministic_zip(buf.getvalue()))
    shutil.copyfile(SAMPLES / f"{name}.gold.json", OUT / f"{name}.tcvn3.gold.json")
    return dest


def make_vni_txt(name: str) -> Path:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    raw = to_legacy(text, "vni").encode("cp1252")
    dest = OUT / f"{name}.vni.txt"
    dest.write_bytes(raw)
    shutil.copyfile(SAMPLES / f"{name}.gold.json", OUT / f"{name}.vni.gold.json")
    return dest


def make_doc(name: str) -> Path | None:
    from baocao_parser.errors import MissingDependencyError
    from baocao_parser.readers.libreoffice import convert_with_libreoffice

    data = (SAMPLES / f"{name}.docx").read_bytes()
    try:
        doc = convert_with_libreoffice(data, source=f"{name}.docx", suffix="docx", target="doc", timeout=120)
    except MissingDependencyError as exc:
        print(f"skipped {name}.doc: {exc.reason}")
        return None
    dest = OUT / f"{name}.doc"
    dest.write_bytes(doc)
    shutil.copyfile(SAMPLES / f"{name}.gold.json", OUT / f"{name}.gold.json")
    return dest


def main() -> None:
    OUT.mkdir(exist_ok=True)
    made = [make_tcvn3_docx(n) for n in TCVN3_DOCX]
    made += [make_vni_txt(n) for n in VNI_TXT]
    made += [p for p in (make_doc(n) for n in DOC) if p]
    for p in made:
        print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
