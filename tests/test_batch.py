"""Batch parsing into an archive: statuses, time limits, crashes, resume after kill -9, re-runs, concurrency."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import baocao_parser
from baocao_parser.archive import Archive, ArchiveBusyError
from _batch_seams import misbehaving, slow
from baocao_parser.batch import parse_many

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SRC = Path(baocao_parser.__file__).resolve().parents[1]
SEAMS = Path(__file__).resolve().parent / "_batch_seams.py"


def corpus(dest: Path, copies: int = 1) -> list[Path]:
    """Sample reports (.txt, .docx, series) copied into ``dest``; extra copies get a changed byte (new hash)."""
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".docx", ".doc") and "_build" not in p.parts)
    out = []
    for n in range(copies):
        for f in files:
            target = dest / (f"c{n}" if n else "") / f.relative_to(SAMPLES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
            if n and f.suffix == ".txt":
                with open(target, "a", encoding="utf-8") as fh:
                    fh.write(f"\n{n}")
            elif n:  # a docx/doc: append bytes after the container (readers ignore them, the hash changes)
                with open(target, "ab") as fh:
                    fh.write(b"\0" * n)
            out.append(target)
    return out


def cli(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    e = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run([sys.executable, "-c", "import sys; from baocao_parser.cli import main; sys.exit(main())", *args],
                          env=e, capture_output=True, text=True, timeout=300, **kw)


def archive_state(db: Path) -> tuple[list, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files = con.execute("SELECT path, sha256, status FROM files ORDER BY path").fetchall()
        n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM conferences WHERE sha256 NOT IN (SELECT sha256 FROM reports)").fetchone()[0]
        assert orphans == 0
        return files, n_reports
    finally:
        con.close()


def test_parse_many_yields_a_status_for_every_file(tmp_path):
    files = corpus(tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "in" / "notes.json").write_text("{}")  # not a report: not picked
    (tmp_path / "in" / "photo.bin").write_bytes(bytes(range(256)) * 10)  # binary of no known kind: not picked
    results = list(parse_many([tmp_path / "in"], workers=2, timeout=60))
    by_path = {Path(r.path).name: r for r in results}
    assert sorted(by_path) == sorted({f.name for f in files} | {"empty.txt", "broken.docx"})
    assert len(results) == len(files) + 2
    assert "notes.json" not in by_path and "photo.bin" not in by_path
    assert by_path["empty.txt"].status == "failed" and by_path["empty.txt"].reason
    assert by_path["broken.docx"].status == "failed" and by_path["broken.docx"].reason
    ok = [r for r in results if r.status in ("parsed", "parsed_with_warnings")]
    assert all(r.reason for r in results if r.status == "failed")
    assert {Path(r.path).name for r in ok} >= {f.name for f in files if f.suffix == ".txt" and "series" in f.parts}
    assert all(r.report.source.sha256 == r.sha256 for r in ok[:3])
    assert all((r.status == "parsed_with_warnings") == bool(r.warnings) for r in ok)


def test_explicit_file_of_unknown_kind_and_missing_file(tmp_path):
    blob = tmp_path / "x.bin"
    blob.write_bytes(bytes(range(256)) * 10)
    res = {Path(r.path).name: r for r in parse_many([blob, tmp_path / "gone.txt"], workers=1)}
    assert res["x.bin"].status == "failed" and "not a document" in res["x.bin"].reason
    assert res["gone.txt"].status == "failed" and "no such file" in res["gone.txt"].reason


def test_hanging_and_crashing_files_do_not_stop_the_batch(tmp_path, monkeypatch):
    files = corpus(tmp_path / "in")[:6]
    hang = files[1].with_name("HANG-" + files[1].name)
    crash = files[2].with_name("CRASH-" + files[2].name)
    shutil.copyfile(files[1], hang)
    shutil.copyfile(files[2], crash)
    t0 = time.monotonic()
    results = {Path(r.path).name: r for r in parse_many([hang, crash, *files], workers=2, timeout=2.0, archive=tmp_path / "a.db",
                                                        parser=misbehaving)}
    assert time.monotonic() - t0 < 30
    assert results[hang.name].status == "failed" and "timed out after 2 s" in results[hang.name].reason
    assert results[crash.name].status == "failed" and "process died" in results[crash.name].reason
    assert all(results[f.name].status != "skipped" for f in files)
    with Archive.open(tmp_path / "a.db") as arc:
        assert arc.file_record(str(hang)).status == "failed"
        assert arc.stats()["reports"] == len({r.sha256 for r in results.values() if r.ok})


def test_file_deleted_during_the_batch(tmp_path, monkeypatch):
    files = corpus(tmp_path / "in")[:8]
    victim = files[-1]
    results = []
    for r in parse_many(files, workers=1, archive=tmp_path / "a.db", parser=slow(0.2)):
        results.append(r)
        if len(results) == 1:
            victim.unlink()
    last = {r.path: r for r in results}[str(victim)]
    assert last.status == "failed" and "disappeared" in last.reason
    assert all(r.status != "skipped" for r in results) and len(results) == len(files)


def test_rerun_skips_unchanged_files_fast_and_reparses_changed_ones(tmp_path):
    files = corpus(tmp_path / "in", copies=3)
    db = tmp_path / "a.db"
    t0 = time.perf_counter()
    first = list(parse_many([tmp_path / "in"], archive=db, workers=2))
    t_first = time.perf_counter() - t0
    assert all(r.status != "skipped" for r in first)
    t0 = time.perf_counter()
    second = list(parse_many([tmp_path / "in"], archive=db, workers=2))
    t_second = time.perf_counter() - t0
    assert {r.status for r in second} == {"skipped"} and len(second) == len(files)
    assert t_second < 0.05 * t_first, (t_first, t_second)

    changed = next(f for f in files if f.suffix == ".txt")
    with open(changed, "a", encoding="utf-8") as fh:
        fh.write("\nthêm một dòng")
    moved = next(f for f in files if f.suffix == ".docx")
    new_home = tmp_path / "in" / "moved" / moved.name
    new_home.parent.mkdir()
    moved.rename(new_home)
    third = {r.path: r for r in parse_many([tmp_path / "in"], archive=db, workers=2)}
    assert third[str(changed)].status in ("parsed", "parsed_with_warnings")
    assert third[str(new_home)].status == "skipped" and third[str(new_home)].moved_from == str(moved)
    with Archive.open(db) as arc:
        assert arc.file_record(str(moved)) is None
        assert [m["new_path"] for m in arc.table("moves")] == [str(new_home)]


def test_reparse_redoes_reports_of_an_older_parser(tmp_path):
    files = corpus(tmp_path / "in")[:4]
    db = tmp_path / "a.db"
    list(parse_many(files, archive=db, workers=1))
    con = sqlite3.connect(db)
    con.execute("UPDATE reports SET parser_version='0.0.1'")
    con.execute("UPDATE files SET parser_version='0.0.1'")
    con.commit()
    con.close()
    assert {r.status for r in parse_many(files, archive=db, workers=1)} == {"skipped"}
    again = list(parse_many(files, archive=db, workers=1, reparse=True))
    assert all(r.status != "skipped" for r in again)
    with Archive.open(db) as arc:
        assert arc.outdated() == []


def test_resume_after_kill_9_archives_every_file_exactly_once(tmp_path):
    files = corpus(tmp_path / "in", copies=2)
    db = tmp_path / "a.db"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, str(SEAMS), "0.05",
                             "batch", str(tmp_path / "in"), "--archive", str(db), "--workers", "2", "--no-progress"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        done = 0
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if db.exists():
                try:
                    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                    done = con.execute("SELECT count(*) FROM files").fetchone()[0]
                    con.close()
                except sqlite3.OperationalError:
                    continue
            if done >= len(files) // 3:
                break
        assert proc.poll() is None, "the batch finished before it could be killed"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    partial, _ = archive_state(db)
    assert 0 < len(partial) < len(files)

    r = cli("batch", str(tmp_path / "in"), "--archive", str(db), "--workers", "2", "--json")
    assert r.returncode == 0, r.stderr
    import json

    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert sum(x["status"] == "skipped" for x in lines) == len(partial)  # nothing archived was parsed twice
    rows, n_reports = archive_state(db)
    assert sorted(p for p, _, _ in rows) == sorted(str(f) for f in files)  # every file exactly once
    assert all(status in ("parsed", "parsed_with_warnings", "failed") for _, _, status in rows)
    assert n_reports == len({sha for _, sha, _ in rows})


def test_cli_batch_summary_json_and_exit_status(tmp_path):
    corpus(tmp_path / "in")
    r = cli("batch", str(tmp_path / "in"), "--archive", str(tmp_path / "a.db"), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert "parsed" in r.stdout and "total" in r.stdout and "files/s" in r.stdout
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    r = cli("batch", str(tmp_path / "bad"), "--archive", str(tmp_path / "b.db"))
    assert r.returncode == 1 and "failed" in r.stdout
    notdb = tmp_path / "notes.db"
    notdb.write_text("hello")
    r = cli("batch", str(tmp_path / "in"), "--archive", str(notdb))
    assert r.returncode == 1 and "not a baocao archive" in r.stderr and notdb.read_text() == "hello"


def test_two_batches_on_one_archive(tmp_path):
    corpus(tmp_path / "in")
    db = tmp_path / "a.db"
    e = {**os.environ, "PYTHONPATH": str(SRC)}
    args = [sys.executable, str(SEAMS), "0.05",
            "batch", str(tmp_path / "in"), "--archive", str(db), "--workers", "1", "--no-progress"]
    first = subprocess.Popen(args, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while not (tmp_path / "a.db.lock").exists() or not (tmp_path / "a.db.lock").read_text():
        time.sleep(0.05)
    second = subprocess.run(args, env=e, capture_output=True, text=True, timeout=120)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 1 and "another batch is writing this archive" in second.stderr
    rows, _ = archive_state(db)
    assert len(rows) == len({p for p, _, _ in rows})
    with pytest.raises(ArchiveBusyError):
        with Archive.open(db) as a, Archive.open(db) as b:
            a.acquire()
            b.acquire()


def test_exclude_patterns_leave_files_out(tmp_path):
    """``--exclude`` / ``exclude=``: files whose path matches a shell pattern are not planned at all."""
    from baocao_parser.batch.plan import plan_files

    (tmp_path / "scan").mkdir()
    (tmp_path / "a.txt").write_text("Báo cáo\nNội dung.\n", encoding="utf-8")
    (tmp_path / "scan" / "b.txt").write_text("Báo cáo\nNội dung.\n", encoding="utf-8")
    names = {p.shown.rsplit("/", 1)[-1] for p in plan_files([str(tmp_path)], exclude=["*/scan/*"])}
    assert names == {"a.txt"}
    names = {p.shown.rsplit("/", 1)[-1] for p in plan_files([str(tmp_path)])}
    assert names == {"a.txt", "b.txt"}
