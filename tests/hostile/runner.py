"""Run hostile cases each in a child process under a time and memory limit, and judge the outcome.

A case is handled when its command ends on its own within the time limit, under
the memory limit (``RLIMIT_AS``), not killed by a signal, without a Python
traceback, with the exit code it should have, and leaves no process behind in
its session (LibreOffice, workers, OCR).

    python tests/hostile/runner.py OUT [--slow] [--time 60] [--only TEXT] [--from TEXT]
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import Case, build  # noqa: E402

MEMORY_LIMIT = 2 * 1024 ** 3


@dataclass
class Verdict:
    case: Case
    seconds: float
    returncode: int | None
    problem: str | None


def _session_members(sid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 3 and int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def _kill_everything(pid: int) -> None:
    """The child, its session and every process below it (workers move to groups of their own)."""
    from baocao_parser.lifetime import descendants, kill_tree

    for p in [*descendants(pid), *_session_members(pid)]:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    kill_tree(pid)


def run_case(case: Case, time_limit: float = 60.0, memory_limit: int = MEMORY_LIMIT) -> Verdict:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    t0 = time.monotonic()
    proc = subprocess.Popen(case.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=limits, start_new_session=True, cwd=case.cwd)
    try:
        out, err = proc.communicate(timeout=time_limit)
    except subprocess.TimeoutExpired:
        _kill_everything(proc.pid)
        proc.communicate()
        return Verdict(case, time.monotonic() - t0, None, f"still running after {time_limit:g} s")
    seconds = time.monotonic() - t0
    time.sleep(0.2)
    left = _session_members(proc.pid)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    stdout = out.decode("utf-8", "replace")
    stderr = err.decode("utf-8", "replace")
    rc = proc.returncode
    problem = None
    if rc < 0:
        problem = f"killed by signal {-rc}"
    elif "Traceback (most recent call last)" in stderr:
        problem = "traceback: " + stderr.strip().splitlines()[-1][:200]
    elif "MemoryError" in stderr or "out of memory" in stderr:
        problem = "ran out of memory: " + stderr.strip().splitlines()[-1][:200]
    elif rc == 2 and stderr.strip().splitlines()[-1:] and ": error: argument" in stderr.strip().splitlines()[-1]:
        problem = None  # a refused argument: argparse's usage error, exit 2 as documented
    elif rc not in (0, 1):
        problem = f"exit code {rc}: {stderr.strip()[-200:]}"
    elif case.expect == "report" and rc != 0:
        problem = "no report: " + stderr.strip()[:200]
    elif case.expect == "error" and (rc != 1 or len(stderr.strip().splitlines()) != 1):
        problem = f"expected one error line and exit 1, got exit {rc}: {stderr.strip()[:200]}"
    elif rc == 1 and any(len(line) > 400 for line in stderr.splitlines()):
        problem = "an error line longer than 400 characters"
    elif case.check is not None:
        problem = case.check(stdout, stderr)
    if problem is None and left:
        problem = f"{len(left)} process(es) left behind"
    return Verdict(case, seconds, rc, problem)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    time_limit = float(argv[argv.index("--time") + 1]) if "--time" in argv else 60.0
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    start = argv[argv.index("--from") + 1] if "--from" in argv else None
    cases = build(argv[0], slow="--slow" in argv)
    bad = 0
    for case in cases:
        if only and only not in case.name:
            continue
        if start:
            if start not in case.name:
                continue
            start = None
        v = run_case(case, time_limit)
        bad += v.problem is not None
        print(f"{'FAIL' if v.problem else 'ok  '} {case.kind:<8} {case.name:<34} {v.seconds:6.1f} s  {v.problem or ''}",
              flush=True)
    print(f"{bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
