"""What a batch says about each file: a :class:`Status`, the :class:`Outcome` of one parse, the :class:`BatchResult`.

Typed values instead of positional tuples, so the three steps of a batch (plan,
run, record) agree on what they pass and a new field is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..report import Report


class Status(str, Enum):
    """What happened to a file (compares equal to its plain string: ``Status.FAILED == "failed"``)."""

    PARSED = "parsed"
    """The report has no warnings."""
    PARSED_WITH_WARNINGS = "parsed_with_warnings"
    """Parsed; ``warnings`` say what the parser doubted."""
    FAILED = "failed"
    """``reason`` says why (unreadable, timed out, crashed, deleted…)."""
    SKIPPED = "skipped"
    """Unchanged since an earlier batch into the same archive, or not followed (a link out of the folder)."""

    __str__ = str.__str__
    __format__ = str.__format__


STATUSES = tuple(s.value for s in Status)


@dataclass
class PlannedFile:
    """One file the plan step chose: where it is and what it was when planned.

    ``path`` is the name as the OS gives it (undecodable bytes surrogate-escaped);
    ``shown`` is the same name safe to print and store. ``settled`` is set when the
    plan already knows the result (unchanged, empty, unreadable…): such a file is
    not parsed.
    """

    path: str
    shown: str
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    settled: BatchResult | None = None
    moved: bool = False  # skipped because its content is archived under another path
    gone_reason: str = "the file disappeared during the batch"  # what to say when it is missing at parse time


@dataclass(frozen=True)
class Outcome:
    """The result of parsing one file, as a worker sends it back."""

    ok: bool
    report_json: str | None = None
    warnings: tuple[str, ...] = ()
    sha256: str | None = None
    reason: str | None = None
    seconds: float = 0.0

    @classmethod
    def failure(cls, reason: str, seconds: float = 0.0) -> Outcome:
        return cls(ok=False, reason=reason, seconds=seconds)


@dataclass
class BatchResult:
    """What happened to one file."""

    path: str
    status: Status
    reason: str | None = None
    sha256: str | None = None
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    report_json: str | None = field(default=None, repr=False)
    moved_from: str | None = None

    def __post_init__(self) -> None:
        self.status = Status(self.status)

    @property
    def ok(self) -> bool:
        return self.status != Status.FAILED

    @property
    def report(self) -> Report | None:
        """The parsed :class:`Report` (None for failed and skipped files)."""
        if self.report_json is None:
            return None
        from ..archive.store import load_report

        return load_report(self.report_json)

    def to_dict(self) -> dict[str, Any]:
        d = {"path": self.path, "status": self.status.value, "reason": self.reason, "sha256": self.sha256,
             "seconds": round(self.seconds, 4), "warnings": self.warnings}
        if self.moved_from:
            d["moved_from"] = self.moved_from
        return d
