"""The archive: one SQLite file holding every report parsed, once per content hash."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import limits
from ..errors import BaocaoError
from ..normalise.keys import issuer_key
from ..normalise.folding import fold, fold_char_aligned
from ..report import Report
from ..tables.archive_rows import cell_rows
from . import schema

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

BUSY_TIMEOUT_S = 30.0
LOCK_FDS: set[int] = set()
"""Writer-lock descriptors held by this process: forked batch workers close them (the lock is the parent's)."""


class ArchiveError(BaocaoError):
    """The archive cannot be used (not an archive, unwritable, busy, too new…)."""


class NotAnArchiveError(ArchiveError):
    pass


class ArchiveBusyError(ArchiveError):
    pass


class ArchiveWriteError(ArchiveError):
    pass


def parser_version() -> str:
    from .. import __version__

    return __version__


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def load_report(js: str) -> Report:
    """A Report from stored JSON, tolerating fields added or dropped by other parser versions."""
    try:
        return Report.model_validate_json(js)
    except Exception:
        return Report.model_validate(_prune(json.loads(js), Report))


def _prune(data: Any, model: Any) -> Any:
    """Drop keys the model does not know (an archive written by a newer or older parser)."""
    from pydantic import BaseModel

    if not isinstance(data, dict) or not (isinstance(model, type) and issubclass(model, BaseModel)):
        return data
    out = {}
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            continue
        sub = _model_of(field.annotation)
        if sub is not None:
            value = [_prune(v, sub) for v in value] if isinstance(value, list) else _prune(value, sub)
        out[key] = value
    return out


def _model_of(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class SearchHit:
    sha256: str
    score: float
    issuer: str | None
    title: str | None
    period: str | None
    path: str | None
    snippet: str


@dataclass(frozen=True)
class FileRecord:
    path: str
    sha256: str | None
    size: int | None
    mtime_ns: int | None
    status: str
    reason: str | None
    parser_version: str | None


class Archive:
    """An archive of parsed reports in one SQLite file (WAL, schema-versioned).

    Open with :meth:`open`; reading needs no lock, writing (a batch) takes
    :meth:`writer` so two batches on one archive fail fast with a clear message.
    """

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        self._lock_fd: int | None = None

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False,
             _target_version: int | None = None) -> Archive:
        """Open the archive at ``path``; ``create=True`` makes it when missing (a batch does).

        ``read_only=True`` (the read commands: search, timeline, compare, export) opens it
        without writing anything: no migration, no journal change, an empty file stays empty.
        """
        p = Path(path)
        exists = p.exists()
        if p.is_dir():
            raise NotAnArchiveError(str(p), "is a folder, not an archive file")
        if not exists and not create:
            raise ArchiveError(str(p), "no archive here (run `baocao batch FOLDER --archive` first)")
        if read_only:
            return cls._open_read_only(p)
        if exists and p.stat().st_size > 0:
            with open(p, "rb") as fh:
                head = fh.read(16)
            if head != b"SQLite format 3\x00":
                raise NotAnArchiveError(str(p), "this file is not a baocao archive (not an SQLite database); refusing to touch it")
        if not exists:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o644)
                os.close(fd)
            except OSError as exc:
                raise ArchiveWriteError(str(p), f"cannot create the archive: {exc.strerror or exc}") from exc
        try:
            db = sqlite3.connect(p, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise NotAnArchiveError(str(p), f"cannot be read as an archive ({exc})") from exc
        if tables and app_id != schema.APPLICATION_ID:
            db.close()
            raise NotAnArchiveError(str(p), "is an SQLite database but not a baocao archive; refusing to touch it")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        target = schema.SCHEMA_VERSION if _target_version is None else _target_version
        if version > schema.SCHEMA_VERSION:
            db.close()
            raise ArchiveError(str(p), f"archive schema {version} is newer than this baocao_parser knows ({schema.SCHEMA_VERSION}); upgrade baocao_parser")
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            if version < target:
                schema.migrate(db, target)
                if version == 0:
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('created_at', ?), ('created_by', ?)", (_now(), parser_version()))
        except sqlite3.OperationalError as exc:
            db.close()
            raise ArchiveWriteError(str(p), _explain(exc)) from exc
        return cls(p, db)

    @classmethod
    def _open_read_only(cls, p: Path) -> Archive:
        from urllib.parse import quote

        if p.stat().st_size == 0:
            raise NotAnArchiveError(str(p), "is an empty file, not an archive (a batch creates one)")
        with open(p, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise NotAnArchiveError(str(p), "this file is not a baocao archive (not an SQLite database)")
        try:
            db = sqlite3.connect(f"file:{quote(str(p.absolute()))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                 isolation_level=None, check_same_thread=False)
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise NotAnArchiveError(str(p), f"cannot be read as an archive ({exc})") from exc
        if app_id != schema.APPLICATION_ID:
            db.close()
            raise NotAnArchiveError(str(p), "is an SQLite database but not a baocao archive")
        if version > schema.SCHEMA_VERSION:
            db.close()
            raise ArchiveError(str(p), f"archive schema {version} is newer than this baocao_parser knows "
                                       f"({schema.SCHEMA_VERSION}); upgrade baocao_parser")
        return cls(p, db)

    def close(self) -> None:
        self.release()
        self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------ writer lock
    def acquire(self) -> None:
        """Take the writer lock (a ``.lock`` file beside the archive, released by the OS if we die)."""
        import fcntl

        if self._lock_fd is not None:
            return
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ArchiveWriteError(str(self.path), f"cannot create the lock file {lock}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
            os.close(fd)
            raise ArchiveBusyError(
                str(self.path),
                f"another batch is writing this archive ({holder or 'unknown process'}); wait for it to finish or use another archive",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {_now()}".encode(), 0)
        self._lock_fd = fd
        LOCK_FDS.add(fd)

    def release(self) -> None:
        if self._lock_fd is not None:
            LOCK_FDS.discard(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ArchiveWriteError(str(self.path), _explain(exc)) from exc
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as exc:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.OperationalError):
                raise ArchiveWriteError(str(self.path), _explain(exc)) from exc
            raise

    # ------------------------------------------------------------ batch bookkeeping
    def file_record(self, path: str) -> FileRecord | None:
        row = self._db.execute(
            "SELECT path, sha256, size, mtime_ns, status, reason, parser_version FROM files WHERE path=?", (path,)
        ).fetchone()
        return FileRecord(*row) if row else None

    def file_records(self) -> dict[str, FileRecord]:
        rows = self._db.execute("SELECT path, sha256, size, mtime_ns, status, reason, parser_version FROM files")
        return {r[0]: FileRecord(*r) for r in rows}

    def report_version(self, sha256: str) -> str | None:
        row = self._db.execute("SELECT parser_version FROM reports WHERE sha256=?", (sha256,)).fetchone()
        return row[0] if row else None

    def store(self, report: Report | str, *, path: str, size: int | None, mtime_ns: int | None, status: str | None = None) -> str:
        """Store a parsed report and the file it came from, in one transaction. Returns its sha256."""
        r = report if isinstance(report, Report) else load_report(report)
        js = report if isinstance(report, str) else r.model_dump_json()
        sha = r.source.sha256
        status = status or ("parsed_with_warnings" if r.warnings else "parsed")
        now = _now()
        p = r.period
        cols = {
            "sha256": sha, "json": js, "parser_version": r.source.parser_version or parser_version(), "status": status,
            "format": r.source.format, "size": r.source.size or size,
            "doc_type": r.doc_type, "issuer": r.issuer.name, "issuer_parent": r.issuer.parent, "issuer_key": issuer_key(r.issuer.name),
            "number": r.number.raw, "place": r.place, "issued_date": _iso(r.issued_date), "title": r.title,
            "period_label": p.label if p else None, "period_kind": p.kind if p else None,
            "period_year": p.year if p else None, "period_index": p.index if p else None,
            "period_start": _iso(p.start) if p else None, "period_end": _iso(p.end) if p else None,
            "conference_total": r.conference_total, "n_conferences": len(r.conferences), "n_difficulties": len(r.difficulties),
            "n_plans": len(r.plans), "n_references": len(r.references), "n_warnings": len(r.warnings),
            "signatory_name": r.signatory.name, "signatory_title": r.signatory.title, "signatory_authority": r.signatory.authority,
            "archived_at": now,
        }
        names = ", ".join(cols)
        marks = ", ".join("?" * len(cols))
        updates = ", ".join(f"{k}=excluded.{k}" for k in cols if k != "sha256")
        with self._write() as db:
            db.execute(f"INSERT INTO reports({names}) VALUES ({marks}) ON CONFLICT(sha256) DO UPDATE SET {updates}", tuple(cols.values()))
            rowid = db.execute("SELECT rowid FROM reports WHERE sha256=?", (sha,)).fetchone()[0]
            for table in ("refs", "conferences", "difficulties", "recipients", "table_cells"):
                db.execute(f"DELETE FROM {table} WHERE sha256=?", (sha,))
            db.executemany(
                "INSERT INTO refs VALUES (?,?,?,?,?,?,?,?)",
                [(sha, role, i, x.kind, x.number, _iso(x.date), x.issuer, x.text)
                 for role, items in (("plan", r.plans), ("reference", r.references)) for i, x in enumerate(items)],
            )
            db.executemany(
                "INSERT INTO conferences VALUES (?,?,?,?,?,?)",
                [(sha, i, c.count, c.noun, c.description, c.count_text) for i, c in enumerate(r.conferences)],
            )
            db.executemany("INSERT INTO difficulties VALUES (?,?,?,?)", [(sha, i, t, fold(t)) for i, t in enumerate(r.difficulties)])
            db.executemany("INSERT INTO recipients VALUES (?,?,?)", [(sha, i, t) for i, t in enumerate(r.recipients)])
            db.executemany(f"INSERT INTO table_cells VALUES ({','.join('?' * 12)})", cell_rows(sha, r.tables))
            db.execute("DELETE FROM search WHERE rowid=?", (rowid,))
            db.execute(
                "INSERT INTO search(rowid, issuer, title, body) VALUES (?,?,?,?)",
                (rowid, fold(r.issuer.name or ""), fold(r.title or ""), fold(r.text or "")),
            )
            self._seen(db, path, sha, size, mtime_ns, status, None, cols["parser_version"], now)
        return sha

    def record_failure(self, path: str, *, reason: str, sha256: str | None, size: int | None, mtime_ns: int | None) -> None:
        with self._write() as db:
            self._seen(db, path, sha256, size, mtime_ns, "failed", reason, parser_version(), _now())

    def record_seen(self, path: str, *, sha256: str, size: int | None, mtime_ns: int | None) -> str | None:
        """A file whose content is already archived (skipped): remember its path; returns the old path if it moved."""
        now = _now()
        with self._write() as db:
            status = db.execute("SELECT status FROM reports WHERE sha256=?", (sha256,)).fetchone()
            return self._seen(db, path, sha256, size, mtime_ns, status[0] if status else "parsed", None, None, now)

    def touch(self, path: str) -> None:
        """Mark a file seen again (skipped by size and mtime)."""
        with self._write() as db:
            db.execute("UPDATE files SET last_seen=? WHERE path=?", (_now(), path))

    def _seen(self, db: sqlite3.Connection, path: str, sha: str | None, size: Any, mtime_ns: Any, status: str,
              reason: str | None, version: str | None, now: str) -> str | None:
        moved_from = None
        if sha is not None:
            others = db.execute("SELECT path FROM files WHERE sha256=? AND path<>?", (sha, path)).fetchall()
            for (old,) in others:
                if not os.path.exists(old):  # the same content, and the old file is gone: a move
                    db.execute("INSERT INTO moves(sha256, old_path, new_path, at) VALUES (?,?,?,?)", (sha, old, path, now))
                    db.execute("DELETE FROM files WHERE path=?", (old,))
                    moved_from = old
        db.execute(
            """INSERT INTO files(path, sha256, size, mtime_ns, status, reason, parser_version, first_seen, last_seen)
               VALUES (?,?,?,?,?,?,?,?,?)
               ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size, mtime_ns=excluded.mtime_ns,
                 status=excluded.status, reason=excluded.reason,
                 parser_version=coalesce(excluded.parser_version, files.parser_version), last_seen=excluded.last_seen""",
            (path, sha, size, mtime_ns, status, reason, version, now, now),
        )
        return moved_from

    def outdated(self, version: str | None = None) -> list[tuple[str, str | None]]:
        """(sha256, a path seen) of reports made by another parser version than ``version`` (default: this one)."""
        version = version or parser_version()
        rows = self._db.execute(
            "SELECT r.sha256, (SELECT f.path FROM files f WHERE f.sha256=r.sha256 LIMIT 1) FROM reports r WHERE r.parser_version<>?",
            (version,),
        )
        return list(rows)

    # ------------------------------------------------------------ queries
    def _where(self, issuer: str | None, kind: str | None, year: int | None, period_kind: str | None,
               date_from: Any, date_to: Any, text: str | None, period_index: int | None = None) -> tuple[str, list[Any]]:
        clauses, args = [], []
        if issuer:
            clauses.append("r.issuer_key LIKE ?")
            args.append(f"%{issuer_key(issuer)}%")
        if kind:
            clauses.append("r.doc_type = ?")
            args.append(unicodedata.normalize("NFC", kind).upper())
        if year is not None:
            clauses.append("(r.period_year = ? OR (r.period_year IS NULL AND substr(r.period_start,1,4) = ?))")
            args += [int(year), f"{int(year):04d}"]
        if period_kind:
            clauses.append("r.period_kind = ?")
            args.append(period_kind)
        if period_index is not None:
            clauses.append("r.period_index = ?")
            args.append(int(period_index))
        if date_from:
            clauses.append("coalesce(r.period_end, r.issued_date) >= ?")
            args.append(str(date_from))
        if date_to:
            clauses.append("coalesce(r.period_start, r.issued_date) <= ?")
            args.append(str(date_to))
        if text:
            clauses.append("r.rowid IN (SELECT rowid FROM search WHERE search MATCH ?)")
            args.append(_fts_query(text, phrase=False))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def reports(self, *, issuer: str | None = None, kind: str | None = None, year: int | None = None,
                period_kind: str | None = None, date_from: Any = None, date_to: Any = None, text: str | None = None,
                period_index: int | None = None, limit: int | None = None) -> list[Report]:
        """Reports matching every filter given, ordered by issuer then period."""
        where, args = self._where(issuer, kind, year, period_kind, date_from, date_to, text, period_index)
        sql = f"SELECT r.json FROM reports r{where} ORDER BY r.issuer_key, r.period_start, r.period_end, r.sha256"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [load_report(js) for (js,) in self._db.execute(sql, args)]

    COLUMNS = ("sha256", "doc_type", "issuer", "issuer_key", "number", "place", "issued_date", "title",
               "period_label", "period_kind", "period_year", "period_index", "period_start", "period_end",
               "conference_total", "n_conferences", "n_difficulties", "n_plans", "n_references", "n_warnings",
               "signatory_name", "signatory_title", "signatory_authority", "status", "parser_version", "format",
               "size", "archived_at")

    def rows(self, **filters: Any) -> list[dict[str, Any]]:
        """The queryable columns of matching reports, plus ``path`` (one file where the content was seen)."""
        where, args = self._where(filters.pop("issuer", None), filters.pop("kind", None), filters.pop("year", None),
                                  filters.pop("period_kind", None), filters.pop("date_from", None),
                                  filters.pop("date_to", None), filters.pop("text", None), filters.pop("period_index", None))
        if filters:
            raise TypeError(f"unknown filters: {', '.join(filters)}")
        cols = ", ".join(f"r.{c}" for c in self.COLUMNS)
        sql = (f"SELECT {cols}, (SELECT min(f.path) FROM files f WHERE f.sha256=r.sha256) AS path FROM reports r{where} "
               "ORDER BY r.issuer_key, r.period_start, r.period_end, r.sha256")
        cur = self._db.execute(sql, args)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def dataframe(self, **filters: Any) -> pd.DataFrame:
        """:meth:`rows` as a pandas DataFrame (dates as datetime64)."""
        import pandas as pd

        df = pd.DataFrame(self.rows(**filters), columns=[*self.COLUMNS, "path"])
        for c in ("issued_date", "period_start", "period_end"):
            df[c] = pd.to_datetime(df[c])
        return df

    def table(self, name: str) -> list[dict[str, Any]]:
        """Rows of a child table (``refs``, ``conferences``, ``difficulties``, ``recipients``, ``table_cells``, ``files``, ``moves``)."""
        if name not in ("refs", "conferences", "difficulties", "recipients", "table_cells", "files", "moves"):
            raise ValueError(f"no table {name!r}")
        cur = self._db.execute(f"SELECT * FROM {name} ORDER BY 1, 2")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def table_cells(self, **filters: Any) -> pd.DataFrame:
        """The statistics tables of matching reports as one long DataFrame (one row per data cell).

        Each cell carries its report's issuer and period, the table caption, the row
        label and column name, the printed text and the parsed ``value``: pivot it
        to follow a figure over periods.  Filters as in :meth:`reports`.
        """
        from ..tables.frames import cells_frame

        return cells_frame(self, **filters)

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write the archive as one Excel workbook (a sheet per table), see :mod:`baocao_parser.excel`."""
        from ..excel import write_workbook

        return write_workbook(self, path)

    def get(self, ident: str) -> Report:
        """A report by sha256 (or a unique prefix of at least 6 hex digits) or by a file path seen."""
        row = self._db.execute("SELECT r.json FROM reports r JOIN files f ON f.sha256=r.sha256 WHERE f.path=?",
                               (str(Path(ident).resolve()) if os.path.exists(ident) else ident,)).fetchone()
        if row:
            return load_report(row[0])
        if re.fullmatch(r"[0-9a-fA-F]{6,64}", ident):
            rows = self._db.execute("SELECT json FROM reports WHERE sha256 LIKE ? LIMIT 2", (ident.lower() + "%",)).fetchall()
            if len(rows) == 1:
                return load_report(rows[0][0])
            if len(rows) > 1:
                raise KeyError(f"{ident}: more than one report has this id prefix; give more digits")
        raise KeyError(f"{ident}: no such report in {self.path}")

    def stats(self) -> dict[str, int]:
        q = self._db.execute
        out = {"reports": q("SELECT count(*) FROM reports").fetchone()[0], "files": q("SELECT count(*) FROM files").fetchone()[0]}
        for status, n in q("SELECT status, count(*) FROM files GROUP BY status"):
            out[f"files_{status}"] = n
        return out

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Reports containing the words of ``query``, tone- and case-insensitive, best first, with a snippet.

        Reports holding the words as a phrase rank above those holding them apart.
        """
        if not query_words(query):
            return []
        seen: set[str] = set()
        hits: list[SearchHit] = []
        sql = ("SELECT r.sha256, bm25(search, 5.0, 3.0, 1.0) AS score, r.issuer, r.title, r.period_label, r.json, "
               "(SELECT min(f.path) FROM files f WHERE f.sha256=r.sha256) "
               "FROM search JOIN reports r ON r.rowid = search.rowid WHERE search MATCH ? ORDER BY score LIMIT ?")
        for phrase in (True, False):
            try:
                rows = self._db.execute(sql, (_fts_query(query, phrase=phrase), limit)).fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    raise ArchiveError(str(self.path), f"archive schema {self.schema_version} has no search index; "
                                                       "run `baocao batch` on it once to upgrade it") from None
                continue
            for sha, score, issuer, title, period, js, path in rows:
                if sha in seen or len(hits) >= limit:
                    continue
                seen.add(sha)
                text = json.loads(js).get("text") or title or ""
                hits.append(SearchHit(sha, -score, issuer, title, period, path, snippet(text, query)))
        return hits


def query_words(query: str) -> list[str]:
    """The folded words of a query, at most :data:`~baocao_parser.limits.MAX_QUERY_TERMS` (a 120 kB query took minutes)."""
    words = []
    for m in re.finditer(r"\w+", fold(query[: limits.MAX_QUERY_TERMS * 64])):
        words.append(m.group(0))
        if len(words) >= limits.MAX_QUERY_TERMS:
            break
    return words


def query_capped(query: str) -> bool:
    """Whether ``query`` has more words than a search uses."""
    return len(query_words(query)) >= limits.MAX_QUERY_TERMS and len(re.findall(r"\w+", query)) > limits.MAX_QUERY_TERMS


def _fts_query(query: str, *, phrase: bool) -> str:
    words = query_words(query)
    if not words:
        return '""'
    if phrase:
        return '"' + " ".join(words) + '"'
    return " AND ".join(f'"{w}"' for w in words)


def snippet(text: str, query: str, width: int = 160) -> str:
    """The part of ``text`` (original spelling) around the first match of ``query`` (folded), match in «»."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    aligned = fold_char_aligned(text).lower()
    if len(aligned) != len(text):  # pragma: no cover - exotic characters
        aligned = text.lower()
    words = query_words(query)
    start = end = -1
    phrase = re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", aligned) if words else None
    if phrase:
        start, end = phrase.span()
    else:
        for w in words:
            m = re.search(r"\b" + re.escape(w) + r"\b", aligned)
            if m:
                start, end = m.span()
                break
    if start < 0:
        return text[:width] + ("…" if len(text) > width else "")
    left = max(0, start - (width - (end - start)) // 2)
    right = min(len(text), left + width)
    return ("…" if left else "") + text[left:start] + "«" + text[start:end] + "»" + text[end:right] + ("…" if right < len(text) else "")


def _explain(exc: sqlite3.OperationalError) -> str:
    msg = str(exc)
    if "readonly" in msg or "unable to open" in msg:
        return f"cannot write the archive (read-only file or folder?): {msg}"
    if "disk is full" in msg or "database or disk is full" in msg:
        return "the disk holding the archive is full; nothing half-written was kept — free space and run the batch again"
    if "locked" in msg or "busy" in msg:
        return f"the archive stayed locked by another process for {BUSY_TIMEOUT_S:.0f} s: {msg}"
    return msg
