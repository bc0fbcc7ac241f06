"""Tesseract in-process (tesserocr) when it is installed, else the `tesseract` command (pytesseract).

The `tesseract` command loads the Vietnamese model from disk for every page
and starts a process for it; tesserocr's wheels bundle libtesseract, so one
``PyTessBaseAPI`` is made per worker process and kept: the model is loaded
once, and a page costs only its recognition.  Both give the same word table
(pytesseract's ``image_to_data`` dictionary), so the reader does not care which
one ran.  Orientation (OSD, ``osd.traineddata``) goes the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

LANG = "vie"
TSV_KEYS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text")
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
VARIABLES = {"tessedit_do_invert": "0"}


class OcrTimeout(RuntimeError):
    """Tesseract did not finish a page in time."""


def tessdata_dir(lang: str = LANG) -> str | None:
    """The folder holding ``<lang>.traineddata``: $TESSDATA_PREFIX first, then Debian's and others' places."""
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = ([env, os.path.join(env, "tessdata")] if env else []) + list(TESSDATA_DIRS)
    for d in candidates:
        if d and (Path(d) / f"{lang}.traineddata").is_file():
            return d
    return None


def has_tesserocr() -> bool:
    """True when tesserocr imports and finds the ``vie`` model on disk."""
    if os.environ.get("BAOCAO_OCR_ENGINE") == "command":
        return False
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return tessdata_dir() is not None


_api = None
_osd_api = None


def _get_api():
    """The process's own recognition API (made on first use, kept for every later page)."""
    global _api
    if _api is None:
        from tesserocr import OEM, PSM, PyTessBaseAPI

        _api = PyTessBaseAPI(path=tessdata_dir(), lang=LANG, oem=OEM.LSTM_ONLY, psm=PSM.AUTO)
        for k, v in VARIABLES.items():
            _api.SetVariable(k, v)
    return _api


def _pil(gray):
    from PIL import Image

    return Image.fromarray(gray)


def image_to_data(gray, dpi: float, timeout: float) -> dict[str, list]:
    """Words of a grey page image: pytesseract's ``image_to_data`` dictionary (lists per column)."""
    return _to_data(gray, dpi, timeout, psm=3)


def block_to_data(gray, dpi: float, timeout: float) -> dict[str, list]:
    """Words of an image holding one block of text (Tesseract's single-block mode), as :func:`image_to_data`."""
    return _to_data(gray, dpi, timeout, psm=6)


def line_to_data(gray, dpi: float, timeout: float) -> dict[str, list]:
    """Words of an image holding one line of text (Tesseract's single-line mode), as :func:`image_to_data`."""
    return _to_data(gray, dpi, timeout, psm=7)


def _to_data(gray, dpi: float, timeout: float, psm: int) -> dict[str, list]:
    """Tesseract's word table of ``gray`` in page segmentation mode ``psm`` (3 page, 6 block, 7 line):
    in-process through tesserocr when installed (the page mode restored after), else the command."""
    if has_tesserocr():
        from tesserocr import PSM

        api = _get_api()
        if psm != 3:
            api.SetPageSegMode(psm)  # tesserocr.PSM: SINGLE_BLOCK = 6, SINGLE_LINE = 7
        try:
            api.SetImage(_pil(gray))
            api.SetSourceResolution(int(round(dpi)))
            if not api.Recognize(timeout=int(timeout * 1000)):
                raise OcrTimeout(f"Tesseract gave up after {timeout:.0f} s")
            return _parse_tsv(api.GetTSVText(0))
        finally:
            if psm != 3:
                api.SetPageSegMode(PSM.AUTO)
    import pytesseract

    from .ocr import TESSERACT_CONFIG

    config = TESSERACT_CONFIG if psm == 3 else f"--oem 1 --psm {psm} -c tessedit_do_invert=0"
    try:
        return pytesseract.image_to_data(
            _pil(gray), lang=LANG, config=f"{config} --dpi {int(round(dpi))}",
            output_type=pytesseract.Output.DICT, timeout=timeout,
        )
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise OcrTimeout(str(exc)) from None


def _parse_tsv(tsv: str) -> dict[str, list]:
    out: dict[str, list] = {k: [] for k in TSV_KEYS}
    for row in tsv.splitlines():
        parts = row.split("\t")
        if len(parts) < 12 or not parts[0].isdigit():
            continue
        for k, v in zip(TSV_KEYS[:11], parts[:11]):
            out[k].append(float(v) if k == "conf" else int(v))
        out["text"].append("\t".join(parts[11:]))
    return out


def detect_rotation(gray, dpi: float) -> tuple[int, float]:
    """(degrees clockwise the page must be turned to stand upright: 0/90/180/270, OSD confidence).

    Returns (0, 0.0) when OSD cannot tell (too little text).
    """
    if has_tesserocr() and tessdata_dir("osd"):
        global _osd_api
        if _osd_api is None:
            from tesserocr import PSM, PyTessBaseAPI

            _osd_api = PyTessBaseAPI(path=tessdata_dir("osd"), lang="osd", psm=PSM.OSD_ONLY)
        _osd_api.SetImage(_pil(gray))
        _osd_api.SetSourceResolution(int(round(dpi)))
        res = _osd_api.DetectOrientationScript()
        if not res:
            return 0, 0.0
        # orient_deg is how far the page is turned clockwise; undo it
        return (-int(res["orient_deg"])) % 360, float(res["orient_conf"])
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(_pil(gray), config=f"--psm 0 --dpi {int(round(dpi))}",
                                       output_type=pytesseract.Output.DICT, timeout=60)
    except Exception:  # too few characters for OSD, or no osd.traineddata
        return 0, 0.0
    return (-int(osd.get("orientation", 0))) % 360, float(osd.get("orientation_conf", 0.0))
