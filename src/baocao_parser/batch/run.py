"""The run step of a batch: parse planned files in worker processes (or on a dask cluster), with a time limit.

Each file is parsed in a worker process of a small pool of our own (not
``ProcessPoolExecutor``, which cannot stop a running task): a file that hangs
the parser past ``timeout`` seconds gets its worker killed (with its whole
process group: OCR, LibreOffice) and replaced, a worker that crashes is
replaced too, and the batch goes on.

Workers die with their parent (``PR_SET_PDEATHSIG`` on Linux, and a check of
the parent's pid), close the pipes of the other workers they inherited, and
do not hold the parent's stdin/stdout, so ``baocao batch | tee`` ends when the
batch does, even when it is killed.

``default_parse`` is the parser a batch uses unless given another; tests
replace it (or pass ``parser=``) to make a worker slow, hang or crash.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait as mp_wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lifetime import die_with_parent, kill_tree
from .outcome import Outcome, PlannedFile

if TYPE_CHECKING:  # pragma: no cover
    from ..report import Report

Parser = Callable[[str], "Report"]

_PARENT_ENDS: set[int] = set()  # our side of every worker's pipe: a forked worker closes the ones it inherited


def default_parse(path: str) -> Report:
    from ..pipeline import parse

    return parse(path)


class PageSetParse:
    """The default parse, reading a page set (``readers.pagesets``) as one report under its first page's path.

    A module-level class, so that worker processes can unpickle it.
    """

    def __init__(self, sets: dict[str, list[str]]) -> None:
        self.sets = sets

    def __call__(self, path: str) -> Report:
        from ..pipeline import parse

        return parse(self.sets[path]) if path in self.sets else parse(path)


def run_one(parser: Parser, path: str, shown: str | None = None, data: bytes | None = None,
            gone: str = "the file disappeared during the batch") -> Outcome:
    """Parse one file; never raises (a bad file or a parser bug is an :class:`Outcome` with a reason)."""
    from ..errors import BaocaoError

    t0 = time.perf_counter()
    shown = shown or path

    def failed(reason: str) -> Outcome:
        return Outcome.failure(reason, time.perf_counter() - t0)

    try:
        report = parser(path) if data is None else _parse_bytes(parser, path, data)
        report.source.path = shown
        return Outcome(ok=True, report_json=report.model_dump_json(), warnings=tuple(report.warnings),
                       sha256=report.source.sha256, seconds=time.perf_counter() - t0)
    except BaocaoError as exc:
        if data is None and not os.path.lexists(path):
            return failed(gone)
        return failed(exc.reason)
    except FileNotFoundError:
        return failed(gone)
    except PermissionError as exc:
        return failed(f"cannot read the file: {exc.strerror}")
    except MemoryError:
        return failed("the parser ran out of memory on this file")
    except RecursionError:
        return failed("the parser crashed: nesting too deep")
    except Exception as exc:  # a parser bug must not stop the batch
        return failed(f"the parser crashed: {type(exc).__name__}: {exc}"[:300])


def _parse_bytes(parser: Parser, path: str, data: bytes) -> Report:
    if parser is default_parse:
        from ..pipeline import parse

        return parse(data)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # a custom parser that wants a path
        p = Path(tmp, Path(path).name)
        p.write_bytes(data)
        return parser(str(p))


# ---------------------------------------------------------------- the worker process
def _detach_inherited(own: int) -> None:
    """Close what a forked worker must not hold: other workers' pipes, the archive lock, the parent's stdio."""
    from ..archive.store import LOCK_FDS

    for fd in [*_PARENT_ENDS, *LOCK_FDS]:
        if fd != own:
            try:
                os.close(fd)
            except OSError:
                pass
    _PARENT_ENDS.clear()
    LOCK_FDS.clear()
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)  # `batch | tee` must see end-of-file when the batch ends; stderr is kept for crashes
        os.close(devnull)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker
    except OSError:  # pragma: no cover
        pass


def _worker_main(conn: Any, parser: Parser, parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _detach_inherited(conn.fileno())
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
        path, shown, gone = msg
        out = run_one(parser, path, shown, gone=gone)
        try:
            conn.send(out)
        except (BrokenPipeError, OSError):
            return


class Worker:
    """One worker process and our end of its pipe."""

    def __init__(self, ctx: Any, parser: Parser) -> None:
        self.conn, child = ctx.Pipe()
        _PARENT_ENDS.add(self.conn.fileno())
        # not a daemon: the parser may start processes of its own (OCR pages in parallel)
        self.proc = ctx.Process(target=_worker_main, args=(child, parser, os.getpid()), daemon=False)
        self.proc.start()
        child.close()
        self.task: PlannedFile | None = None
        self.deadline = 0.0
        self.started = 0.0
        self.done = 0

    def _close_conn(self) -> None:
        if not self.conn.closed:
            _PARENT_ENDS.discard(self.conn.fileno())
        self.conn.close()

    def kill(self) -> None:
        try:
            if self.proc.pid:
                kill_tree(self.proc.pid)
            self.proc.kill()
            self.proc.join(5)
        except Exception:  # pragma: no cover
            pass
        self._close_conn()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        else:
            self._close_conn()


def _context() -> Any:
    method = os.environ.get("BAOCAO_MP_START") or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    return mp.get_context(method)


def local_results(tasks: list[PlannedFile], workers: int, timeout: float | None, parser: Parser,
                  max_tasks_per_worker: int = 500) -> Iterator[tuple[PlannedFile, Outcome]]:
    """(file, outcome) as workers finish, killing workers past the deadline."""
    ctx = _context()
    pending = deque(tasks)
    pool: list[Worker] = []
    try:
        pool = [Worker(ctx, parser) for _ in range(max(1, min(workers, len(tasks))))]
        while True:
            for i, w in enumerate(pool):
                if w.task is None and pending:
                    if w.done >= max_tasks_per_worker:  # keep memory flat on long batches
                        w.stop()
                        pool[i] = w = Worker(ctx, parser)
                    w.task = pending.popleft()
                    w.started = time.monotonic()
                    w.deadline = w.started + timeout if timeout else float("inf")
                    w.conn.send((w.task.path, w.task.shown, w.task.gone_reason))
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
                outcome: Outcome | None = None
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if w.conn.poll():
                            outcome = w.conn.recv()
                    except (EOFError, OSError):
                        outcome = None
                    if outcome is None:
                        w.proc.join(1)
                        code = w.proc.exitcode
                        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                        outcome = Outcome.failure(f"the parser process died on this file ({how})", now - w.started)
                        w.kill()
                        pool[i] = Worker(ctx, parser)
                    else:
                        w.task = None
                        w.done += 1
                    yield task, outcome
                elif now >= w.deadline:
                    w.kill()
                    pool[i] = Worker(ctx, parser)
                    yield task, Outcome.failure(f"timed out after {timeout:g} s; the parser was stopped", now - w.started)
    finally:
        for w in pool:
            if w.task is not None:
                w.kill()
            else:
                w.stop()


def inline_results(tasks: Iterable[PlannedFile], parser: Parser) -> Iterator[tuple[PlannedFile, Outcome]]:
    """Parse in this process, one file after another (no time limit)."""
    for t in tasks:
        yield t, run_one(parser, t.path, t.shown, gone=t.gone_reason)


def _remote_parse(path: str, shown: str, data: bytes, parser: Parser) -> Outcome:
    return run_one(parser, path, shown, data)


def dask_results(tasks: list[PlannedFile], scheduler: Any, timeout: float | None, parser: Parser,
                 window: int | None = None) -> Iterator[tuple[PlannedFile, Outcome]]:
    """The same, with the parsing on a dask.distributed cluster (the files are read here and sent)."""
    try:
        from dask.distributed import Client, wait
    except ImportError as exc:  # pragma: no cover
        from ..errors import MissingDependencyError

        raise MissingDependencyError("--executor dask", "needs dask.distributed: pip install 'baocao_parser[dask]'") from exc
    from ..bounds import read_regular_file
    from ..errors import BaocaoError

    own = not hasattr(scheduler, "submit")
    client = Client(scheduler) if own else scheduler
    try:
        window = window or max(4, 4 * len(client.nthreads() or {0: 1}))
        pending = deque(tasks)
        inflight: dict[Any, tuple[PlannedFile, float]] = {}
        while pending or inflight:
            while pending and len(inflight) < window:
                task = pending.popleft()
                try:
                    data = read_regular_file(task.path, task.shown)
                except FileNotFoundError:
                    yield task, Outcome.failure("the file disappeared during the batch")
                    continue
                except BaocaoError as exc:
                    yield task, Outcome.failure(exc.reason)
                    continue
                except OSError as exc:
                    yield task, Outcome.failure(f"cannot read the file: {exc.strerror}")
                    continue
                fut = client.submit(_remote_parse, task.path, task.shown, data, parser, pure=False)
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
                    outcome = fut.result()
                except Exception as exc:
                    outcome = Outcome.failure(f"the dask worker failed: {type(exc).__name__}: {exc}", time.monotonic() - t0)
                yield task, outcome
            if timeout:
                now = time.monotonic()
                for fut, (task, t0) in list(inflight.items()):
                    if now - t0 >= timeout:
                        fut.cancel()
                        del inflight[fut]
                        yield task, Outcome.failure(f"timed out after {timeout:g} s on the cluster; the task was cancelled",
                                                    now - t0)
    finally:
        if own:
            client.close()


def parse_in_order(paths: list[str], parser: Parser, timeout: float | None) -> Iterator[tuple[str, Outcome]]:
    """(path, outcome) in the order given, each file parsed in one worker process stopped after ``timeout``
    seconds and then replaced (``baocao parse``)."""
    from ..bounds import printable_path

    items = [PlannedFile(p, printable_path(p), gone_reason="no such file") for p in paths]
    if not timeout:
        for item in items:
            yield item.path, run_one(parser, item.path, item.shown, gone=item.gone_reason)
        return
    for item, outcome in local_results(items, 1, timeout, parser):
        yield item.path, outcome
