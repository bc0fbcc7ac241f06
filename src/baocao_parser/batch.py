"""Parse many files at once: folders walked, files picked by content, parsed in parallel processes.

:func:`parse_many` yields one :class:`BatchResult` per file *as it finishes*, with
a status instead of an exception:

``parsed``               the report has no warnings
``parsed_with_warnings`` parsed; ``result.warnings`` says what the parser doubted
``failed``               ``result.reason`` says why (unreadable, timed out, crashed, deleted…)
``skipped``              unchanged since an earlier batch into the same archive

Each file is parsed in a worker process of a small pool of our own (not
``ProcessPoolExecutor``, which cannot stop a running task): a file that hangs
the parser past ``timeout`` seconds gets its worker killed and replaced, a
worker that crashes is replaced too, and the batch goes on.  With
``archive=`` every result is written to the archive in its own transaction as it
arrives, so a batch killed at any moment loses at most the files in flight, and
running it again finishes the rest.  ``executor="dask"`` sends the parsing to a
``dask.distributed`` cluster; the archive is still written here, by the client.

Test hook (for the test-suite only): the environment variable
``BAOCAO_TEST_HOOK`` = ``hang:TEXT`` / ``crash:TEXT`` makes a worker hang / die on
files whose path contains TEXT; ``delay:SECONDS`` slows every parse.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait as mp_wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .archive import Archive
    from .report import Report

STATUSES = ("parsed", "parsed_with_warnings", "failed", "skipped")
READABLE_KINDS = frozenset({"txt", "docx", "doc", "pdf", "image", "rtf", "odt", "docx-corrupt"})
# Files in a walked folder that are never reports even though they are text.
_NOT_REPORTS = frozenset({
    ".json", ".jsonl", ".py", ".pyc", ".ipynb", ".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".wal", ".shm",
    ".lock", ".xml", ".html", ".htm", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".log", ".csv", ".tsv", ".parquet",
    ".js", ".css", ".sh", ".zip", ".gz", ".tar", ".7z", ".rar", ".exe", ".dll", ".so",
})

Parser = Callable[[str], "Report"]


@dataclass
class BatchResult:
    """What happened to one file."""

    path: str
    status: str
    reason: str | None = None
    sha256: str | None = None
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    report_json: str | None = field(default=None, repr=False)
    moved_from: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def report(self) -> Report | None:
        """The parsed :class:`Report` (None for failed and skipped files)."""
        if self.report_json is None:
            return None
        from .archive.store import load_report

        return load_report(self.report_json)

    def to_dict(self) -> dict[str, Any]:
        d = {"path": self.path, "status": self.status, "reason": self.reason, "sha256": self.sha256,
             "seconds": round(self.seconds, 4), "warnings": self.warnings}
        if self.moved_from:
            d["moved_from"] = self.moved_from
        return d


# ---------------------------------------------------------------- choosing files
def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, bool]]:
    """(file, given_explicitly) for each path; folders walked recursively in sorted order."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith("~"):
                        continue
                    if Path(name).suffix.lower() in _NOT_REPORTS or name.endswith(".lock"):
                        continue
                    yield Path(root, name).absolute(), False
        else:
            yield p.absolute(), True


def sniff_file(path: Path, data: bytes | None = None) -> str:
    """The kind of a file by its content (``readers.detect.sniff``)."""
    from .readers.detect import sniff

    if data is None:
        with open(path, "rb") as fh:
            data = fh.read(65536)
            if data.startswith(b"PK\x03\x04"):
                data += fh.read()
    return sniff(data, path.name)


# ---------------------------------------------------------------- the work done in a worker
def _default_parse(path: str) -> Report:
    from .pipeline import parse

    return parse(path)


class _PageSetParse:
    """The default parse, reading a page set (``readers.pagesets``) as one report under its first page's path."""

    def __init__(self, sets: dict[str, list[str]]) -> None:
        self.sets = sets

    def __call__(self, path: str) -> Report:
        from .pipeline import parse

        return parse(self.sets[path]) if path in self.sets else parse(path)


def _hook(path: str) -> None:
    hook = os.environ.get("BAOCAO_TEST_HOOK", "")
    if not hook:
        return
    for part in hook.split(","):
        what, _, arg = part.partition(":")
        if what == "hang" and arg and arg in path:
            while True:
                time.sleep(3600)
        if what == "crash" and arg and arg in path:
            os._exit(3)
        if what == "delay" and arg:
            time.sleep(float(arg))


def _run_one(parser: Parser, path: str, data: bytes | None = None) -> tuple:
    """("ok", json, warnings, sha256) or ("error", reason), never raising."""
    from .errors import BaocaoError

    try:
        _hook(path)
        report = parser(path) if data is None else _parse_bytes(parser, path, data)
        report.source.path = path
        return ("ok", report.model_dump_json(), list(report.warnings), report.source.sha256)
    except BaocaoError as exc:
        if data is None and not os.path.exists(path):
            return ("error", "the file disappeared during the batch")
        return ("error", exc.reason)
    except FileNotFoundError:
        return ("error", "the file disappeared during the batch")
    except PermissionError as exc:
        return ("error", f"cannot read the file: {exc.strerror}")
    except MemoryError:
        return ("error", "the parser ran out of memory on this file")
    except RecursionError:
        return ("error", "the parser crashed: nesting too deep")
    except Exception as exc:  # a parser bug must not stop the batch
        return ("error", f"the parser crashed: {type(exc).__name__}: {exc}")


def _parse_bytes(parser: Parser, path: str, data: bytes) -> Report:
    if parser is _default_parse:
        from .pipeline import parse

        return parse(data)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # a custom parser that wants a path
        p = Path(tmp, Path(path).name)
        p.write_bytes(data)
        return parser(str(p))


def _worker_main(conn: Any, parser: Parser) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from .archive.store import LOCK_FDS

    for fd in list(LOCK_FDS):  # a forked worker must not keep the archive's writer lock alive
        try:
            os.close(fd)
        except OSError:
            pass
    LOCK_FDS.clear()
    try:
        os.setpgrp()  # own process group: a timed-out worker is killed with whatever it started (OCR…)
    except OSError:  # pragma: no cover
        pass
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        t0 = time.perf_counter()
        out = _run_one(parser, msg)
        try:
            conn.send((out, time.perf_counter() - t0))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx: Any, parser: Parser) -> None:
        self.conn, child = ctx.Pipe()
        # not a daemon: the parser may start processes of its own (OCR pages in parallel)
        self.proc = ctx.Process(target=_worker_main, args=(child, parser), daemon=False)
        self.proc.start()
        child.close()
        self.task: _Task | None = None
        self.deadline = 0.0
        self.started = 0.0
        self.done = 0

    def kill(self) -> None:
        try:
            if self.proc.pid:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
            self.proc.kill()
            self.proc.join(5)
        except Exception:  # pragma: no cover
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


@dataclass
class _Task:
    path: str
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None


def _local_results(tasks: list[_Task], workers: int, timeout: float | None, parser: Parser,
                   max_tasks_per_worker: int = 500) -> Iterator[tuple[_Task, tuple, float]]:
    """(task, outcome, seconds) as workers finish, killing workers past the deadline."""
    method = os.environ.get("BAOCAO_MP_START") or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    ctx = mp.get_context(method)
    pending = deque(tasks)
    pool: list[_Worker] = []
    try:
        pool = [_Worker(ctx, parser) for _ in range(max(1, min(workers, len(tasks))))]
        while True:
            for i, w in enumerate(pool):
                if w.task is None and pending:
                    if w.done >= max_tasks_per_worker:  # keep memory flat on long batches
                        w.stop()
                        pool[i] = w = _Worker(ctx, parser)
                    w.task = pending.popleft()
                    w.started = time.monotonic()
                    w.deadline = w.started + timeout if timeout else float("inf")
                    w.conn.send(w.task.path)
            busy = [w for w in pool if w.task is not None]
            if not busy:
                return
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            ready = set(mp_wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                                timeout=None if wait_for == float("inf") else max(0.0, wait_for)))
            now = time.monotonic()
            for i, w in enumerate(pool):
                task = w.task
                if task is None:
                    continue
                outcome = None
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if w.conn.poll():
                            outcome, secs = w.conn.recv()
                    except (EOFError, OSError):
                        outcome = None
                    if outcome is None:
                        w.proc.join(1)
                        code = w.proc.exitcode
                        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                        outcome, secs = ("error", f"the parser process died on this file ({how})"), now - w.started
                        w.kill()
                        pool[i] = _Worker(ctx, parser)
                    else:
                        w.task = None
                        w.done += 1
                    yield task, outcome, secs
                elif now >= w.deadline:
                    w.kill()
                    pool[i] = _Worker(ctx, parser)
                    yield task, ("error", f"timed out after {timeout:g} s; the parser was stopped"), now - w.started
    finally:
        for w in pool:
            if w.task is not None:
                w.kill()
            else:
                w.stop()


def _remote_parse(path: str, data: bytes, parser: Parser) -> tuple[tuple, float]:
    t0 = time.perf_counter()
    return _run_one(parser, path, data), time.perf_counter() - t0


def _dask_results(tasks: list[_Task], scheduler: Any, timeout: float | None, parser: Parser,
                  window: int | None = None) -> Iterator[tuple[_Task, tuple, float]]:
    """The same, with the parsing on a dask.distributed cluster (the files are read here and sent)."""
    try:
        from dask.distributed import Client, wait
    except ImportError as exc:  # pragma: no cover
        from .errors import MissingDependencyError

        raise MissingDependencyError("--executor dask", "needs dask.distributed: pip install 'baocao_parser[dask]'") from exc
    own = not hasattr(scheduler, "submit")
    client = Client(scheduler) if own else scheduler
    try:
        window = window or max(4, 4 * len(client.nthreads() or {0: 1}))
        pending = deque(tasks)
        inflight: dict[Any, tuple[_Task, float]] = {}
        while pending or inflight:
            while pending and len(inflight) < window:
                task = pending.popleft()
                try:
                    data = Path(task.path).read_bytes()
                except FileNotFoundError:
                    yield task, ("error", "the file disappeared during the batch"), 0.0
                    continue
                except OSError as exc:
                    yield task, ("error", f"cannot read the file: {exc.strerror}"), 0.0
                    continue
                fut = client.submit(_remote_parse, task.path, data, parser, pure=False)
                inflight[fut] = (task, time.monotonic())
            if not inflight:
                continue
            nearest = min(t0 for _, t0 in inflight.values()) + timeout if timeout else None
            wait_s = None if nearest is None else max(0.05, nearest - time.monotonic())
            done, _ = wait(list(inflight), timeout=wait_s, return_when="FIRST_COMPLETED") if wait_s else \
                wait(list(inflight), return_when="FIRST_COMPLETED")
            for fut in done:
                task, t0 = inflight.pop(fut)
                try:
                    outcome, secs = fut.result()
                except Exception as exc:
                    outcome, secs = ("error", f"the dask worker failed: {type(exc).__name__}: {exc}"), time.monotonic() - t0
                yield task, outcome, secs
            if timeout:
                now = time.monotonic()
                for fut, (task, t0) in list(inflight.items()):
                    if now - t0 >= timeout:
                        fut.cancel()
                        del inflight[fut]
                        yield task, ("error", f"timed out after {timeout:g} s on the cluster; the task was cancelled"), now - t0
    finally:
        if own:
            client.close()


# ---------------------------------------------------------------- the batch
def _hash_file(path: Path) -> tuple[str, int, int]:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest(), st.st_size, st.st_mtime_ns


def parse_many(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    timeout: float | None = 60.0,
    archive: Archive | str | os.PathLike[str] | None = None,
    reparse: bool = False,
    progress: bool = False,
    executor: str = "local",
    scheduler: Any = None,
    parser: Parser | None = None,
) -> Iterator[BatchResult]:
    """Parse every file in ``paths`` (files or folders, walked recursively); yield results as they finish.

    Never raises for a bad file: its result has status ``failed`` and a ``reason``.
    With ``archive`` (an :class:`~baocao_parser.archive.Archive` or a path, created
    on first use) results are stored as they come and unchanged files are
    ``skipped``; ``reparse=True`` redoes reports made by another parser version
    and files that failed before.  ``workers`` defaults to the number of CPUs;
    ``workers=0`` parses in this process (no time limit).  Errors of the archive
    itself (busy, not an archive, disk full) are raised as ``ArchiveError``.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    parser = parser or _default_parse
    workers = (os.cpu_count() or 1) if workers is None else workers

    from .archive import Archive as _Archive

    own_archive = archive is not None and not isinstance(archive, _Archive)
    arc: _Archive | None = _Archive.open(archive, create=True) if own_archive else archive  # type: ignore[arg-type]
    bar = None
    try:
        if arc is not None:
            arc.acquire()
        from . import __version__ as version

        records = arc.file_records() if arc is not None else {}
        tasks: list[_Task] = []
        early: list[BatchResult] = []
        files = list(iter_files(paths))
        if parser is _default_parse:
            from .readers.pagesets import group_page_sets

            groups = [g for g in group_page_sets([str(p) for p, _ in files]) if len(g) > 1]
            later = {p for g in groups for p in g[1:]}
            files = [(p, e) for p, e in files if str(p) not in later]
            parser = _PageSetParse({g[0]: g for g in groups}) if groups else parser
        for path, explicit in files:
            sp = str(path)
            try:
                st = path.stat()
            except FileNotFoundError:
                early.append(BatchResult(sp, "failed", "no such file" if explicit else "the file disappeared during the batch"))
                continue
            except OSError as exc:
                early.append(BatchResult(sp, "failed", f"cannot read the file: {exc.strerror}"))
                continue
            rec = records.get(sp)
            if rec is not None and rec.size == st.st_size and rec.mtime_ns == st.st_mtime_ns:
                stale = reparse and (rec.status == "failed" or (rec.parser_version or "") != version)
                if not stale:
                    early.append(BatchResult(sp, "skipped", rec.reason, rec.sha256))
                    continue
            if st.st_size == 0:
                early.append(BatchResult(sp, "failed", "the file is empty"))
                continue
            try:
                kind = sniff_file(path)
            except OSError as exc:
                early.append(BatchResult(sp, "failed", f"cannot read the file: {exc.strerror or exc}"))
                continue
            if kind not in READABLE_KINDS:
                if explicit:
                    early.append(BatchResult(sp, "failed", f"not a document this library reads (content looks like: {kind})"))
                continue
            sha = None
            if arc is not None:
                try:
                    sha, size, mtime = _hash_file(path)
                except OSError as exc:
                    early.append(BatchResult(sp, "failed", f"cannot read the file: {exc.strerror or exc}"))
                    continue
                known = arc.report_version(sha)
                if known is not None and not (reparse and known != version):
                    moved = arc.record_seen(sp, sha256=sha, size=size, mtime_ns=mtime)
                    early.append(BatchResult(sp, "skipped", None, sha, moved_from=moved))
                    continue
                tasks.append(_Task(sp, sha, size, mtime))
            else:
                tasks.append(_Task(sp, None, st.st_size, st.st_mtime_ns))

        if progress:
            from tqdm import tqdm

            tqdm.monitor_interval = 0
            bar = tqdm(total=len(early) + len(tasks), unit="file", file=sys.stderr, dynamic_ncols=True,
                       smoothing=0.1, desc="parsing")
        failures = 0

        def emit(res: BatchResult) -> BatchResult:
            nonlocal failures
            if res.status == "failed":
                failures += 1
            if bar is not None:
                bar.update(1)
                bar.set_postfix(failed=failures, refresh=False)
            return res

        for res in early:
            if arc is not None and res.status == "failed" and res.reason != "no such file":
                arc.record_failure(res.path, reason=res.reason or "", sha256=None, size=None, mtime_ns=None)
            yield emit(res)

        if not tasks:
            return
        if executor == "dask":
            stream = _dask_results(tasks, scheduler, timeout, parser)
        elif executor == "local" and workers == 0:
            stream = ((t, _run_one(parser, t.path), 0.0) for t in tasks)
        elif executor == "local":
            stream = _local_results(tasks, workers, timeout, parser)
        else:
            raise ValueError(f"unknown executor {executor!r} (local or dask)")
        for task, outcome, secs in stream:
            if outcome[0] == "ok":
                _, js, warns, sha = outcome
                status = "parsed_with_warnings" if warns else "parsed"
                res = BatchResult(task.path, status, None, sha, secs, warns, js)
                if arc is not None:
                    if task.sha256 and sha != task.sha256:
                        res.warnings = [*warns, "the file changed during the batch; the version parsed was archived"]
                    arc.store(js, path=task.path, size=task.size, mtime_ns=task.mtime_ns, status=status)
            else:
                res = BatchResult(task.path, "failed", outcome[1], task.sha256, secs)
                if arc is not None:
                    arc.record_failure(task.path, reason=outcome[1], sha256=task.sha256, size=task.size, mtime_ns=task.mtime_ns)
            yield emit(res)
    finally:
        if bar is not None:
            bar.close()
        if arc is not None:
            if own_archive:
                arc.close()
            else:
                arc.release()


@dataclass
class BatchSummary:
    """Counts of a finished (or interrupted) batch, for the end-of-batch table."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    failures: list[BatchResult] = field(default_factory=list)
    seconds: float = 0.0
    parse_seconds: float = 0.0

    def add(self, res: BatchResult) -> None:
        self.counts[res.status] = self.counts.get(res.status, 0) + 1
        self.parse_seconds += res.seconds
        if res.status == "failed":
            self.failures.append(res)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def parsed(self) -> int:
        return self.counts["parsed"] + self.counts["parsed_with_warnings"]

    def table(self) -> str:
        rows = [(s.replace("_", " "), self.counts.get(s, 0)) for s in STATUSES]
        rows.append(("total", self.total))
        width = max(len(r[0]) for r in rows)
        lines = [f"{'status':<{width}}  files", f"{'-' * width}  -----"]
        lines += [f"{name:<{width}}  {n:>5}" for name, n in rows]
        rate = (self.total - self.counts["skipped"]) / self.seconds if self.seconds else 0.0
        lines.append(f"time {self.seconds:.1f} s, {rate:.1f} files/s parsed")
        for f in self.failures[:20]:
            lines.append(f"failed: {f.path}: {f.reason}")
        if len(self.failures) > 20:
            lines.append(f"… and {len(self.failures) - 20} more failures (see --json)")
        return "\n".join(lines)
