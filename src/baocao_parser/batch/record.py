"""The record step of a batch: turn a planned file and its outcome into a :class:`BatchResult` and archive it.

Each result is written in its own transaction as it arrives, so a batch killed
at any moment loses at most the files in flight, and running it again finishes
the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .outcome import BatchResult, Outcome, PlannedFile, Status

if TYPE_CHECKING:  # pragma: no cover
    from ..archive import Archive


def record_settled(archive: Archive | None, item: PlannedFile) -> BatchResult:
    """A file the plan already decided (skipped, empty, unreadable…)."""
    res = item.settled
    assert res is not None
    if archive is None:
        return res
    if item.moved and item.sha256:
        res.moved_from = archive.record_seen(item.shown, sha256=item.sha256, size=item.size, mtime_ns=item.mtime_ns)
    elif res.status == Status.FAILED and res.reason != "no such file":
        archive.record_failure(item.shown, reason=res.reason or "", sha256=None, size=None, mtime_ns=None)
    return res


def record_outcome(archive: Archive | None, item: PlannedFile, outcome: Outcome) -> BatchResult:
    """A file that was parsed (or failed to be)."""
    if not outcome.ok:
        res = BatchResult(item.shown, Status.FAILED, outcome.reason, item.sha256, outcome.seconds)
        if archive is not None:
            archive.record_failure(item.shown, reason=outcome.reason or "", sha256=item.sha256, size=item.size,
                                   mtime_ns=item.mtime_ns)
        return res
    warnings = list(outcome.warnings)
    status = Status.PARSED_WITH_WARNINGS if warnings else Status.PARSED
    res = BatchResult(item.shown, status, None, outcome.sha256, outcome.seconds, warnings, outcome.report_json)
    if archive is not None:
        if item.sha256 and outcome.sha256 != item.sha256:
            res.warnings = [*warnings, "the file changed during the batch; the version parsed was archived"]
        assert outcome.report_json is not None
        archive.store(outcome.report_json, path=item.shown, size=item.size, mtime_ns=item.mtime_ns, status=status.value)
    return res
