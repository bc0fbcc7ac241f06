"""Run as a script: which keys of the vocabulary data files the library reads, printed as JSON.

Used by ``tests/test_vocab.py``.  It runs in its own interpreter because several
modules build patterns from the data *at import time* (``linekinds.RECIPIENTS_HEAD``…):
``vocab.load`` must be wrapped before any ``baocao_parser`` module is imported, so
the package object is created without running its ``__init__`` (which imports
the whole pipeline), ``vocab.load`` is replaced, and only then is ``__init__`` run.

Every dict ``load`` returns (and every dict ``json.loads`` makes of a data file's text,
for the files read without ``load``) records the top-level keys the code touches
(item access, ``get``, ``in``, iteration, ``keys``/``items``/``values``); an
audit hook records which files the process opens (the ``*.txt`` word lists).
Then every ``functools.lru_cache`` of the package is cleared, so nothing built
before the wrapping hides a read, and a representative set of documents is read:
txt, docx, legacy TCVN3 and VNI, a Công văn, a Quyết định, a headerless report,
a text PDF and a report with statistics tables, one OCR repair, one choice between OCR readings of
a signer's name, one family-name repair, one comparison.

Output: ``{"keys": {file: [keys read]}, "opened": [data files opened], "errors": [...]}``.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DOCUMENTS = [
    "samples/bc-xa-ntm-q3-2023.txt",                  # plain text, blank number and day
    "samples/bc-so-tnmt-9t-2021.docx",                # Word, nested header tables
    "samples/legacy/bc-doan-xa-6t-dau-2023.tcvn3.docx",  # legacy TCVN3 fonts
    "samples/legacy/bc-phong-gddt-q2-2022.vni.txt",   # legacy VNI text
    "samples/cv-ubnd-vx-2024.txt",                    # Công văn: V/v, Kính gửi
    "samples/qd-ubnd-huyen-2022.docx",                # Quyết định: Căn cứ, Điều
    "samples/bc-xa-danso-noheader-2022.txt",          # no header: issuer inferred
    "samples/pdf/bc-tinh-pctt-6t-cuoi-2022.pdf",      # text PDF
    "samples/tables/bc-huyen-tthc-q2-2024.docx",      # statistics tables
    "samples/bc-thitran-vsmt-dot-2023.docx",          # a part written as one paragraph (sentence split)
    "samples/real/dev/txt/bc-mn-thi-tran-duc-pho-hk1-2018-g9.txt",  # a school semester (học kỳ I)
    "samples/real/dev/txt/qd-ubnd-tinh-ninh-binh-2018-g1.txt",  # the enacting authority under a subject in capitals
    "samples/real/dev/txt/bc-bcd-pcgd-nga-son-2020-g4.txt",  # a period line under a subject in capitals
    "samples/real/dev/txt/tb-bql-quang-truong-nguyen-tat-thanh-tam-dung-vui-choi-2020-noheader-g68.txt",
    # no header, no body with its locality: the body that speaks in the opening is the issuer
]
OCR_LINE = "Bao cao ket qua cong tac thang 3 nam 2024"
SIGNER_NAME = "Hồ Thị Mai"
LOST_KIND_LINE = ("KIỂM TOÁN NHÀ NƯỚC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
                  "Số: 12/QĐ-KTNN | Hà Nội, ngày 18 tháng 10 năm 2012 |\n"
                  "BAN HÀNH QUY CHẾ LÀM VIỆC\nTỔNG KIỂM TOÁN NHÀ NƯỚC\nCăn cứ Luật Kiểm toán nhà nước;\n")
SUBJECT_INTO_PLACE = ("CÔNG ĐOÀN GIÁO DỤC VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
                      "Số: 512/CĐN V/v tuyên truyền kỷ niệm ngày sinh Chủ tịch Tôn Đức Thắng Hà Nội, ngày 10 tháng 8 "
                      "năm 2018 Kính gửi: Công đoàn các trường. Thực hiện Hướng dẫn của Tổng Liên đoàn, Công đoàn "
                      "Giáo dục Việt Nam đề nghị các công đoàn triển khai việc tuyên truyền trong toàn ngành.\n")


class _ReadKeys(dict):
    """A dict that remembers which of its keys were read."""

    def __init__(self, *args, seen: set, **kwargs):
        super().__init__(*args, **kwargs)
        self._seen = seen

    def __getitem__(self, key):
        self._seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._seen.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._seen.add(key)
        return super().__contains__(key)

    def _all(self):
        self._seen.update(super().keys())

    def __iter__(self):
        self._all()
        return super().__iter__()

    def keys(self):
        self._all()
        return super().keys()

    def items(self):
        self._all()
        return super().items()

    def values(self):
        self._all()
        return super().values()


def main() -> None:
    opened: set[str] = set()
    data_dir: list[Path] = []

    def audit(event, args):
        if event == "open" and data_dir and isinstance(args[0], (str, Path)):
            p = Path(args[0])
            if p.parent == data_dir[0]:
                opened.add(p.name)

    sys.addaudithook(audit)

    # The package object, without running its __init__ yet.
    spec = importlib.util.find_spec("baocao_parser")
    package = importlib.util.module_from_spec(spec)
    sys.modules["baocao_parser"] = package
    vocab = importlib.import_module("baocao_parser.vocab")
    data_dir.append(Path(vocab.__file__).parent / "data")

    seen: dict[str, set] = {}
    # Data files read without vocab.load (the legacy code tables, read at import by json.loads) are
    # caught by their text: json.loads of a data file's exact content returns a recording dict.
    contents = {p.read_text(encoding="utf-8"): p.stem for p in data_dir[0].glob("*.json")}
    plain_loads = json.loads

    def loads(text, *args, **kwargs):
        value = plain_loads(text, *args, **kwargs)
        stem = contents.get(text) if isinstance(text, str) else None
        if stem is not None and isinstance(value, dict) and not isinstance(value, _ReadKeys):
            value = _ReadKeys(value, seen=seen.setdefault(stem, set()))
        return value

    json.loads = loads
    original = vocab.load
    loaded: dict[str, _ReadKeys] = {}

    def load(name: str):
        if name not in loaded:
            value = original.__wrapped__(name)
            if not isinstance(value, _ReadKeys):
                value = _ReadKeys(value, seen=seen.setdefault(name, set()))
            loaded[name] = value
        return loaded[name]

    load.cache_clear = lambda: None  # the test clears caches by walking the modules; this one keeps its dicts
    vocab.load = load
    spec.loader.exec_module(package)  # now the whole package imports, reading the data through `load`

    # Clear every lru_cache of the package (built before the wrap or not, rebuilt through it).
    modules = [package] + [importlib.import_module(m.name) for m in pkgutil.walk_packages(package.__path__, "baocao_parser.")
                           if not m.name.endswith("__main__")]
    for module in modules:
        for value in vars(module).values():
            if callable(value) and hasattr(value, "cache_clear") and getattr(value, "__module__", "").startswith("baocao_parser"):
                value.cache_clear()

    errors = []
    reports = []
    for rel in DOCUMENTS:
        try:
            reports.append(package.parse(ROOT / rel))
        except Exception as exc:  # reported to the test, which fails on it
            errors.append(f"{rel}: {exc.__class__.__name__}: {exc}")
    from baocao_parser.normalise import ocr_repair

    ocr_repair.repair(OCR_LINE)
    ocr_repair.all_known(SIGNER_NAME.split())  # choosing between readings of a signer line under a seal
    ocr_repair.snap_family_name(SIGNER_NAME)  # an OCR'd family name given back its tone
    package.parse_text(LOST_KIND_LINE)  # a decision whose kind line the capture lost: its subject after the date
    package.parse_text(SUBJECT_INTO_PLACE)  # a flattened header whose subject runs into the place (provinces)
    # The OCR path's page words: a stamp block set aside and a hand-filled number looked at (no Tesseract run).
    from baocao_parser.readers import handwriting, page_marks
    from baocao_parser.readers.pdf_layout import Word

    words = [Word("SAO", 400, 430, 10, 20, conf=0.9), Word("Y", 432, 440, 10, 20, conf=0.9),
             Word("Số:", 60, 80, 100, 112, conf=0.9), Word("/BC-UBND", 90, 150, 100, 112, conf=0.9),
             Word("ngày", 300, 330, 100, 112, conf=0.9), Word("tháng", 340, 370, 100, 112, conf=0.9),
             Word("9", 372, 380, 100, 112, conf=0.9), Word("năm", 382, 400, 100, 112, conf=0.9),
             Word("2023", 402, 430, 100, 112, conf=0.9)]
    page_marks.set_aside(words)
    handwriting.blank_handwritten(words, 1000.0, None)
    if len(reports) >= 2:
        package.compare(reports[0], reports[1])

    json.loads = plain_loads
    out = {"keys": {name: sorted(map(str, s)) for name, s in seen.items()}, "opened": sorted(opened), "errors": errors}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
