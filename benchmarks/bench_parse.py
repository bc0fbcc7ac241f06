"""Speed and memory of parsing .txt and .docx reports (issue 2's yardsticks).

Prints, over the reports in samples/ (and ../shared/dev when present):
  * median ms per document for .txt and for .docx (parse only, after warm-up);
  * python-docx's own reading of the same .docx files (Document() plus every
    paragraph's and cell's text, in document order, same process) and the ratio;
  * the cost of underthesea's word_tokenize / sent_tokenize on the same bodies
    (what using it in the parse path would add) and of importing it;
  * peak memory (tracemalloc) of parsing one document of each kind.

Usage: python benchmarks/bench_parse.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def files(kind: str) -> list[Path]:
    out = sorted((ROOT / "samples").glob(f"*.{kind}"))
    dev = ROOT.parent / "shared" / "dev" / kind
    if dev.is_dir():
        out += sorted(dev.glob(f"*.{kind}"))
    return out


def paired_median_ms(fn_a, fn_b, datas: list[bytes], repeat: int) -> tuple[float, float]:
    """Median over documents of each document's best time, for two functions measured alternately.

    Alternating keeps the ratio honest on a machine whose speed drifts
    (frequency scaling, a neighbour's load): both see the same conditions; the
    best of several runs is the least noisy estimate of CPU-bound work.
    """
    per_a, per_b = [], []
    for data in datas:
        fn_a(data), fn_b(data)  # warm-up
        ta, tb = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            fn_a(data)
            ta.append(time.perf_counter() - t)
            t = time.perf_counter()
            fn_b(data)
            tb.append(time.perf_counter() - t)
        per_a.append(min(ta))
        per_b.append(min(tb))
    return statistics.median(per_a) * 1000, statistics.median(per_b) * 1000


def median_ms(fn, datas: list[bytes], repeat: int) -> float:
    per_doc = []
    for data in datas:
        fn(data)  # warm-up
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn(data)
            times.append(time.perf_counter() - t)
        per_doc.append(min(times))
    return statistics.median(per_doc) * 1000


def python_docx_read(data: bytes) -> None:
    import docx
    from docx.table import Table

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                block.text

    walk(docx.Document(io.BytesIO(data)))


def peak_kib(fn, data: bytes) -> float:
    tracemalloc.start()
    fn(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=9)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from baocao_parser import parse

    txt = [p.read_bytes() for p in files("txt")]
    dx = [p.read_bytes() for p in files("docx")]
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
          f"{len(txt)} .txt and {len(dx)} .docx reports, best of {a.repeat} runs each")
    t_txt = median_ms(lambda d: parse(d, format="txt"), txt, a.repeat)
    t_docx, t_pd = paired_median_ms(lambda d: parse(d, format="docx"), python_docx_read, dx, a.repeat)
    print(f"parse .txt   : {t_txt:7.2f} ms per report (median over reports of the best of {a.repeat} runs)")
    print(f"parse .docx  : {t_docx:7.2f} ms per report (same)")
    print(f"python-docx  : {t_pd:7.2f} ms per report reading the same .docx (Document() + every paragraph and cell)")
    print(f"docx ratio   : {t_docx / t_pd:7.2f}x python-docx's own reading")

    t0 = time.perf_counter()
    import underthesea  # noqa: F401
    t_imp = (time.perf_counter() - t0) * 1000
    from underthesea import sent_tokenize, word_tokenize

    bodies = [parse(d, format="txt").text for d in txt]
    t_wt = median_ms(lambda b: word_tokenize(b.decode()), [b.encode() for b in bodies], 3)
    t_st = median_ms(lambda b: sent_tokenize(b.decode()), [b.encode() for b in bodies], 3)
    print(f"underthesea  : import {t_imp:.0f} ms; word_tokenize {t_wt:.1f} ms and sent_tokenize {t_st:.1f} ms per report body "
          f"(used by compare, not by parse)")

    print(f"peak memory  : {peak_kib(lambda d: parse(d, format='txt'), txt[0]):.0f} KiB parsing one .txt, "
          f"{peak_kib(lambda d: parse(d, format='docx'), dx[0]):.0f} KiB parsing one .docx (tracemalloc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
