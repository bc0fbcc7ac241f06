"""Parse many files at once, in three steps: plan, run, record.

:func:`parse_many` yields one :class:`BatchResult` per file *as it finishes*, with
a :class:`Status` instead of an exception:

``parsed``               the report has no warnings
``parsed_with_warnings`` parsed; ``result.warnings`` says what the parser doubted
``failed``               ``result.reason`` says why (unreadable, timed out, crashed, deleted…)
``skipped``              unchanged since an earlier batch into the same archive (or a link out of the folder)

* **plan** (:func:`~.plan.plan_files`): walk folders, keep regular files of a
  readable kind, hash them, settle the unchanged ones;
* **run** (:mod:`.run`): parse the rest in worker processes with a per-file time
  limit, or on a ``dask.distributed`` cluster (``executor="dask"``);
* **record** (:mod:`.record`): each result written to the archive in its own
  transaction as it arrives, so a batch killed at any moment loses at most the
  files in flight, and running it again finishes the rest.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import run as _run
from .outcome import STATUSES, BatchResult, Outcome, PlannedFile, Status
from .plan import READABLE_KINDS, PathArg, iter_files, plan_files, sniff_file
from .record import record_outcome, record_settled
from .run import Parser

if TYPE_CHECKING:  # pragma: no cover
    from ..archive import Archive


def parse_many(
    paths: PathArg | Iterable[PathArg],
    *,
    workers: int | None = None,
    timeout: float | None = 60.0,
    archive: Archive | str | os.PathLike[str] | None = None,
    reparse: bool = False,
    progress: bool = False,
    executor: str = "local",
    scheduler: Any = None,
    parser: Parser | None = None,
    follow_links: bool = False,
    exclude: Iterable[str] = (),
) -> Iterator[BatchResult]:
    """Parse every file in ``paths`` (files or folders, walked recursively); yield results as they finish.

    Never raises for a bad file: its result has status ``failed`` and a ``reason``.
    With ``archive`` (an :class:`~baocao_parser.archive.Archive` or a path, created
    on first use) results are stored as they come and unchanged files are
    ``skipped``; ``reparse=True`` redoes reports made by another parser version
    and files that failed before.  ``workers`` defaults to the number of CPUs;
    ``workers=0`` parses in this process (no time limit).  Symbolic links that
    leave a walked folder are not followed unless ``follow_links``.  Files whose path
    matches one of the ``exclude`` shell patterns (``*/scan/*``) are left out.  Errors of the
    archive itself (busy, not an archive, disk full) are raised as ``ArchiveError``.
    """
    if executor not in ("local", "dask"):
        raise ValueError(f"unknown executor {executor!r} (local or dask)")
    parser = parser or _run.default_parse
    workers = (os.cpu_count() or 1) if workers is None else workers

    from ..archive import Archive as _Archive

    own_archive = archive is not None and not isinstance(archive, _Archive)
    arc: _Archive | None = _Archive.open(archive, create=True) if own_archive else archive  # type: ignore[arg-type]
    bar = None
    try:
        if arc is not None:
            arc.acquire()
        planned = plan_files(paths, archive=arc, reparse=reparse, follow_links=follow_links, exclude=exclude)
        settled = [p for p in planned if p.settled is not None]
        tasks = [p for p in planned if p.settled is None]
        if parser is _run.default_parse:
            tasks, parser = _page_sets(tasks)
        if progress:
            from tqdm import tqdm

            tqdm.monitor_interval = 0
            bar = tqdm(total=len(planned), unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1, desc="parsing")
        failures = 0

        def emit(res: BatchResult) -> BatchResult:
            nonlocal failures
            if res.status == Status.FAILED:
                failures += 1
            if bar is not None:
                bar.update(1)
                bar.set_postfix(failed=failures, refresh=False)
            return res

        for item in settled:
            yield emit(record_settled(arc, item))
        if not tasks:
            return
        if executor == "dask":
            stream = _run.dask_results(tasks, scheduler, timeout, parser)
        elif workers == 0:
            stream = _run.inline_results(tasks, parser)
        else:
            stream = _run.local_results(tasks, workers, timeout, parser)
        for item, outcome in stream:
            yield emit(record_outcome(arc, item, outcome))
    finally:
        if bar is not None:
            bar.close()
        if arc is not None:
            if own_archive:
                arc.close()
            else:
                arc.release()


def _page_sets(tasks: list) -> tuple[list, Parser]:
    """Page images of one report (``bc-27_1.jpg``, ``bc-27_2.jpg``: ``readers.pagesets``) parsed as one,
    under the first page's name; the later pages are not parsed on their own."""
    from ..readers.pagesets import group_page_sets

    groups = [g for g in group_page_sets([t.path for t in tasks]) if len(g) > 1]
    if not groups:
        return tasks, _run.default_parse
    later = {p for g in groups for p in g[1:]}
    return [t for t in tasks if t.path not in later], _run.PageSetParse({g[0]: g for g in groups})


@dataclass
class BatchSummary:
    """Counts of a finished (or interrupted) batch, for the end-of-batch table."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    failures: list[BatchResult] = field(default_factory=list)
    seconds: float = 0.0
    parse_seconds: float = 0.0

    def add(self, res: BatchResult) -> None:
        key = Status(res.status).value
        self.counts[key] = self.counts.get(key, 0) + 1
        self.parse_seconds += res.seconds
        if res.status == Status.FAILED:
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


__all__ = ["BatchResult", "BatchSummary", "Outcome", "PlannedFile", "READABLE_KINDS", "STATUSES", "Status",
           "iter_files", "parse_many", "plan_files", "sniff_file"]
