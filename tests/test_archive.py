"""The SQLite archive: storing, querying, accent-insensitive search, schema, bad archives, export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3

import pytest

from baocao_parser.archive import Archive, ArchiveBusyError, ArchiveError, NotAnArchiveError, SCHEMA_VERSION
from baocao_parser.report import Conference, Issuer, Period, Reference, Report, Source


def make_report(text: str, issuer: str = "UBND xã Quảng Hòa", year: int = 2024, kind: str = "year",
                start: dt.date | None = None, end: dt.date | None = None, difficulties=(), confs=(), version="0.1.0",
                plans=()) -> Report:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Report(
        source=Source(path=f"/x/{sha[:8]}.txt", sha256=sha, format="txt", size=len(text), parser_version=version),
        doc_type="BÁO CÁO", issuer=Issuer(name=issuer), title=text.splitlines()[0],
        period=Period(label=f"năm {year}", kind=kind, year=year, start=start or dt.date(year, 1, 1), end=end or dt.date(year, 12, 31)),
        plans=[Reference(kind="Kế hoạch", number=p, text=p) for p in plans],
        references=[Reference(kind="Kế hoạch", number=p, text=p) for p in plans],
        conferences=[Conference(count=n, description=noun, noun=noun, count_text=str(n), sentence="") for n, noun in confs],
        conference_total=sum(n for n, _ in confs) if confs else None,
        difficulties=list(difficulties), text=text,
    )


@pytest.fixture()
def arc(tmp_path):
    a = Archive.open(tmp_path / "a.db", create=True)
    yield a
    a.close()


def test_store_and_query(arc):
    r1 = make_report("Báo cáo cải cách hành chính năm 2023\nUỷ ban nhân dân xã Quảng Hoà", year=2023, confs=[(2, "hội nghị")],
                     difficulties=["Trang thiết bị xuống cấp"], plans=["05/KH-UBND"])
    r2 = make_report("Báo cáo công tác dân số năm 2024", issuer="UBND xã Kỳ Tân", year=2024)
    arc.store(r1, path="/x/a.txt", size=1, mtime_ns=1)
    arc.store(r2, path="/x/b.txt", size=1, mtime_ns=1)
    arc.store(r1, path="/x/a.txt", size=1, mtime_ns=1)  # idempotent
    assert arc.stats()["reports"] == 2
    assert [r.source.sha256 for r in arc.reports(issuer="quang hoa")] == [r1.source.sha256]
    assert [r.source.sha256 for r in arc.reports(issuer="UỶ BAN NHÂN DÂN XÃ QUẢNG HOÀ")] == [r1.source.sha256]
    assert [r.issuer.name for r in arc.reports(year=2024)] == ["UBND xã Kỳ Tân"]
    assert len(arc.reports(date_from="2023-06-01", date_to="2023-12-31")) == 1
    assert len(arc.reports(kind="báo cáo")) == 2
    assert len(arc.reports(text="dan so")) == 1
    assert arc.reports(issuer="quang hoa")[0] == r1  # full round trip
    df = arc.dataframe(year=2023)
    assert list(df["conference_total"]) == [2] and df["period_start"].dtype.kind == "M"
    assert [c["count"] for c in arc.table("conferences")] == [2]
    assert len(arc.table("refs")) == 2 and len(arc.table("difficulties")) == 1
    assert arc.get(r1.source.sha256[:10]) == r1
    with pytest.raises(KeyError):
        arc.get("ffffffffff")


def test_search_is_accent_and_tone_placement_insensitive(arc):
    old = make_report("Báo cáo công tác hoà giải ở cơ sở\nUỷ ban nhân dân xã chỉ đạo cải cách hành chính")
    new = make_report("Báo cáo công tác hòa giải ở cơ sở năm 2024\nỦy ban nhân dân xã tăng cường cải cách hành chính")
    other = make_report("Báo cáo phòng chống thiên tai\nkhông liên quan")
    for r in (old, new, other):
        arc.store(r, path=r.source.path, size=1, mtime_ns=1)
    for q in ("cai cach hanh chinh", "cải cách hành chính", "CẢI CÁCH", "hoa giai", "hoà giải", "hòa giải", "uy ban", "Uỷ ban", "Ủy ban"):
        hits = arc.search(q)
        assert {h.sha256 for h in hits} == {old.source.sha256, new.source.sha256}, q
    hit = arc.search("hoa giai")[0]
    assert "«" in hit.snippet and ("hoà giải" in hit.snippet or "hòa giải" in hit.snippet)
    assert arc.search("thien tai")[0].sha256 == other.source.sha256
    assert arc.search("") == [] and arc.search("!!!") == []


def test_phrase_hits_rank_first(arc):
    far = make_report("cải cách ở đây\n" + "nội dung khác " * 30 + "\nhành chính ở kia")
    near = make_report("Báo cáo\ncông tác cải cách hành chính")
    for r in (far, near):
        arc.store(r, path=r.source.path, size=1, mtime_ns=1)
    assert [h.sha256 for h in arc.search("cai cach hanh chinh")] == [near.source.sha256, far.source.sha256]


def test_not_an_archive(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("this is not a database\n")
    with pytest.raises(NotAnArchiveError, match="not a baocao archive"):
        Archive.open(junk, create=True)
    assert junk.read_text() == "this is not a database\n"  # untouched
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(NotAnArchiveError, match="SQLite database but not a baocao archive"):
        Archive.open(other, create=True)
    with pytest.raises(ArchiveError, match="no archive here"):
        Archive.open(tmp_path / "missing.db")
    with pytest.raises(NotAnArchiveError, match="folder"):
        Archive.open(tmp_path)


def test_migrates_an_older_schema(tmp_path):
    p = tmp_path / "old.db"
    old = Archive.open(p, create=True, _target_version=1)
    assert old.schema_version == 1
    r = make_report("Báo cáo cũ về cải cách hành chính")
    # a v1 archive has no search table: write the rows the way v1 did
    js = r.model_dump_json()
    old._db.execute("INSERT INTO reports(sha256, json, parser_version, status, issuer_key, archived_at) VALUES (?,?,?,?,?,?)",
                    (r.source.sha256, js, "0.0.1", "parsed", "uy ban nhan dan xa quang hoa", "2020-01-01"))
    old.close()
    with Archive.open(p) as a:
        assert a.schema_version == SCHEMA_VERSION
        assert a.search("cai cach")[0].sha256 == r.source.sha256
        assert a.outdated() == [(r.source.sha256, None)]


def test_reads_reports_written_by_other_parser_versions(arc):
    r = make_report("Báo cáo")
    data = json.loads(r.model_dump_json())
    data["field_from_the_future"] = 1
    data["issuer"]["nested_new"] = "x"
    arc.store(json.dumps(data), path="/x/f.txt", size=1, mtime_ns=1)
    assert arc.reports()[0].source.sha256 == r.source.sha256


def test_schema_newer_than_library_is_refused(tmp_path):
    p = tmp_path / "new.db"
    Archive.open(p, create=True).close()
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.commit()
    con.close()
    with pytest.raises(ArchiveError, match="newer"):
        Archive.open(p)


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    p = tmp_path / "a.db"
    a = Archive.open(p, create=True)
    a.acquire()
    b = Archive.open(p)
    with pytest.raises(ArchiveBusyError, match="another batch is writing this archive"):
        b.acquire()
    a.release()
    b.acquire()  # free again
    b.close()
    a.close()


def test_unwritable_location(tmp_path):
    with pytest.raises(ArchiveError, match="cannot"):
        Archive.open("/proc/baocao-test/archive.db", create=True)


def test_export_formats(arc, tmp_path):
    from baocao_parser.export import export

    r = make_report("Báo cáo năm 2024", confs=[(3, "hội nghị"), (2, "buổi")], difficulties=["a", "b"], plans=["1/KH-UBND"])
    arc.store(r, path="/x/r.txt", size=1, mtime_ns=1)
    import pandas as pd

    for fmt in ("csv", "jsonl", "parquet"):
        files = export(arc, tmp_path / fmt, fmt)
        assert {f.stem for f in files} == {"reports", "references", "conferences", "difficulties", "recipients", "table_cells", "files"}
    assert list(pd.read_parquet(tmp_path / "parquet" / "conferences.parquet")["count"]) == [3, 2]
    assert pd.read_csv(tmp_path / "csv" / "reports.csv")["conference_total"].tolist() == [5]
    line = json.loads((tmp_path / "jsonl" / "reports.jsonl").read_text().splitlines()[0])
    assert Report.model_validate(line) == r
