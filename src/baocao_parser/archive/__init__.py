"""An embedded archive of parsed reports: one SQLite file, no server.

Each report is stored once per content hash (``source.sha256``) with its full
JSON, queryable columns, child tables (references, conferences, difficulties,
recipients) and the file paths where that content was seen, plus a full-text
index over a tone-folded copy of its text (``cai cach`` finds ``cải cách``,
``hoà`` = ``hòa`` = ``hoa``).  See :class:`Archive`.
"""

from __future__ import annotations

from .schema import SCHEMA_VERSION
from .store import (
    Archive,
    ArchiveBusyError,
    ArchiveError,
    ArchiveWriteError,
    FileRecord,
    NotAnArchiveError,
    SearchHit,
    issuer_key,
    load_report,
    snippet,
)

__all__ = [
    "Archive", "ArchiveError", "ArchiveBusyError", "ArchiveWriteError", "NotAnArchiveError",
    "SearchHit", "FileRecord", "SCHEMA_VERSION", "issuer_key", "load_report", "snippet",
]
