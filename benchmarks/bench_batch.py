"""Batch throughput and memory: files per second with 1, 2 and all workers, peak memory vs file count.

Builds N copies of the sample .txt/.docx reports (a byte changed in each so every
hash differs), batches them into a fresh archive, and prints figures only.

    python benchmarks/bench_batch.py [--files 500]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

from baocao_parser.batch import parse_many

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def make_corpus(dest: Path, n: int) -> None:
    src = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".docx") and "_build" not in p.parts)
    dest.mkdir(parents=True)
    for i in range(n):
        f = src[i % len(src)]
        target = dest / f"{i:05d}-{f.name}"
        shutil.copyfile(f, target)
        with open(target, "ab") as fh:  # text: a trailing line; docx: bytes after the zip
            fh.write(f"\n{i}".encode() if f.suffix == ".txt" else b"\0" * (1 + i))


class PeakRSS:
    """Peak of the summed RSS of this process and its children (the workers), sampled every 20 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.02)

    def __enter__(self) -> PeakRSS:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def run(folder: Path, workers: int, db: Path) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    with PeakRSS() as mem:
        n = sum(1 for r in parse_many([folder], archive=db, workers=workers) if r.status != "skipped")
    return time.perf_counter() - t0, n, mem.peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=500)
    args = ap.parse_args()
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_corpus(tmp / "corpus", args.files)
        print(f"{args.files} files (.txt and .docx copies of samples/), {cpus} CPUs")
        print(f"{'workers':>7}  {'seconds':>8}  {'files/s':>8}  {'peak MB':>8}")
        for w in sorted({1, 2, cpus}):
            secs, n, peak = run(tmp / "corpus", w, tmp / f"w{w}.db")
            print(f"{w:>7}  {secs:>8.2f}  {n / secs:>8.1f}  {peak / 2**20:>8.0f}")
        secs, _, _ = run(tmp / "corpus", cpus, tmp / f"w{cpus}.db")
        print(f"re-run over the unchanged files: {secs:.2f} s")
        print("peak memory by batch size (all workers):")
        for n in (args.files // 4, args.files // 2, args.files):
            sub = tmp / f"sub{n}"
            sub.mkdir()
            for f in sorted((tmp / "corpus").iterdir())[:n]:
                os.link(f, sub / f.name)
            secs, done, peak = run(sub, cpus, tmp / f"m{n}.db")
            print(f"  {n:>5} files: {peak / 2**20:.0f} MB peak, {done / secs:.1f} files/s")


if __name__ == "__main__":
    main()
