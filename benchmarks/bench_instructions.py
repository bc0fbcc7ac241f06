"""Instructions per .txt parse, counted by valgrind's callgrind: a speed figure this VM's drift does not move.

Wall-clock medians here drift by ±30 % between minutes, so a change of a few per cent in the
parser's cost cannot be read from them.  callgrind counts the instructions the interpreter
executes, the same for the same code and inputs whatever else the machine does.  The script
runs the parser over the .txt reports of samples/ (and ../shared/dev/txt when present) once
for warm-up, then N more times, under callgrind, and prints the instructions per parse (the
difference between the two runs, so imports and warm-up cancel out).

Usage: python benchmarks/bench_instructions.py [--passes 2] [--src DIR]
(--src: another checkout's src/ folder, to compare two versions of the parser.)
Needs valgrind (Debian: ``apt-get install valgrind``); takes about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import sys
from pathlib import Path
from baocao_parser import parse
files = sorted(Path(sys.argv[1]).glob('*.txt'))
shared = Path(sys.argv[2])
if shared.is_dir():
    files += sorted(shared.glob('*.txt'))
datas = [f.read_bytes() for f in files]
for d in datas:
    parse(d, format='txt')
for _ in range(int(sys.argv[3])):
    for d in datas:
        parse(d, format='txt')
print(len(datas))
"""


def count(src: Path, passes: int) -> tuple[int, int]:
    """(instructions, reports) for a run with ``passes`` timed passes after the warm-up."""
    with tempfile.TemporaryDirectory() as tmp:
        child = Path(tmp) / "child.py"
        child.write_text(_CHILD, encoding="utf-8")
        out = Path(tmp) / "callgrind.out"
        env = dict(os.environ, PYTHONPATH=str(src))
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(child),
             str(ROOT / "samples"), str(ROOT.parent / "shared" / "dev" / "txt"), str(passes)],
            capture_output=True, text=True, env=env, check=True)
        m = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
        if not m:
            raise SystemExit("callgrind printed no instruction count:\n" + proc.stderr[-2000:])
        return int(m.group(1)), int(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passes", type=int, default=2, help="timed passes over the reports (default 2)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder of the parser to count")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): no instruction count", file=sys.stderr)
        return 2
    base, n = count(args.src, 0)
    total, _ = count(args.src, args.passes)
    per = (total - base) / (args.passes * n)
    print(f"parser: {args.src}")
    print(f"instructions per .txt parse: {per / 1e6:.2f} M (callgrind, {n} reports x {args.passes} passes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
