"""The archive's SQLite schema, as numbered migrations.

``PRAGMA user_version`` holds the schema version; :func:`migrate` runs every
migration above it, each in its own transaction, so an archive made by an older
version of the library is upgraded in place when it is opened for writing (and
read as it is otherwise).  Add a migration by appending to ``MIGRATIONS``;
never edit one that has shipped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x42414F43  # "BAOC": marks an SQLite file as a baocao archive


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run ``sql`` statement by statement (``executescript`` would commit the migration's transaction)."""
    for stmt in sql.split(";"):
        if stmt.strip():
            db.execute(stmt)


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE reports(
            sha256 TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            parser_version TEXT NOT NULL,
            status TEXT NOT NULL,
            format TEXT, size INTEGER,
            doc_type TEXT, issuer TEXT, issuer_parent TEXT, issuer_key TEXT,
            number TEXT, place TEXT, issued_date TEXT, title TEXT,
            period_label TEXT, period_kind TEXT, period_year INTEGER, period_index INTEGER,
            period_start TEXT, period_end TEXT,
            conference_total INTEGER, n_conferences INTEGER, n_difficulties INTEGER,
            n_plans INTEGER, n_references INTEGER, n_warnings INTEGER,
            signatory_name TEXT, signatory_title TEXT, signatory_authority TEXT,
            archived_at TEXT NOT NULL
        );
        CREATE INDEX reports_issuer ON reports(issuer_key);
        CREATE INDEX reports_period ON reports(period_start, period_end);
        CREATE TABLE files(
            path TEXT PRIMARY KEY,
            sha256 TEXT,
            size INTEGER, mtime_ns INTEGER,
            status TEXT NOT NULL,
            reason TEXT,
            parser_version TEXT,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
        );
        CREATE INDEX files_sha ON files(sha256);
        CREATE TABLE refs(
            sha256 TEXT NOT NULL, role TEXT NOT NULL, pos INTEGER NOT NULL,
            kind TEXT, number TEXT, date TEXT, issuer TEXT, text TEXT,
            PRIMARY KEY(sha256, role, pos)
        );
        CREATE TABLE conferences(
            sha256 TEXT NOT NULL, pos INTEGER NOT NULL,
            count INTEGER NOT NULL, noun TEXT, description TEXT, count_text TEXT,
            PRIMARY KEY(sha256, pos)
        );
        CREATE TABLE difficulties(
            sha256 TEXT NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL,
            PRIMARY KEY(sha256, pos)
        );
        CREATE TABLE recipients(
            sha256 TEXT NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY(sha256, pos)
        );
        CREATE TABLE moves(
            id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, old_path TEXT NOT NULL,
            new_path TEXT NOT NULL, at TEXT NOT NULL
        );
        """
    )


def _v2(db: sqlite3.Connection) -> None:
    """Full-text search over a tone-folded copy of each report (rowid = reports.rowid)."""
    from ..normalise.folding import fold

    db.execute("CREATE VIRTUAL TABLE search USING fts5(issuer, title, body, tokenize='unicode61')")
    rows = db.execute("SELECT rowid, json FROM reports").fetchall()
    for rowid, js in rows:
        d = json.loads(js)
        db.execute(
            "INSERT INTO search(rowid, issuer, title, body) VALUES (?,?,?,?)",
            (rowid, fold((d.get("issuer") or {}).get("name") or ""), fold(d.get("title") or ""), fold(d.get("text") or "")),
        )


def _v3(db: sqlite3.Connection) -> None:
    """The reports' statistics tables, one row per cell (long form: easy to filter, pivot and export)."""
    from ..tables.archive_rows import cell_rows

    _script(
        db,
        """
        CREATE TABLE table_cells(
            sha256 TEXT NOT NULL, tbl INTEGER NOT NULL, row INTEGER NOT NULL, col INTEGER NOT NULL,
            caption TEXT, row_label TEXT, column_name TEXT, is_total INTEGER NOT NULL,
            text TEXT NOT NULL, kind TEXT NOT NULL, value REAL, page INTEGER,
            PRIMARY KEY(sha256, tbl, row, col)
        );
        CREATE INDEX table_cells_caption ON table_cells(caption)
        """,
    )
    for sha, js in db.execute("SELECT sha256, json FROM reports").fetchall():
        tables = json.loads(js).get("tables") or []
        if tables:
            db.executemany(f"INSERT INTO table_cells VALUES ({','.join('?' * 12)})", cell_rows(sha, tables))


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring ``db`` (autocommit connection) to ``target``; returns the version found."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    for version in range(found + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] >= version:  # another process got there first
                db.execute("COMMIT")
                continue
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
            if version == 1:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return found
