"""--executor dask: a LocalCluster batch gives the same archive as a local one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")

from baocao_parser.batch import parse_many  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def content(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        reports = con.execute("SELECT sha256, json, status, conference_total, n_difficulties FROM reports ORDER BY sha256").fetchall()
        files = con.execute("SELECT path, sha256, status, reason FROM files ORDER BY path").fetchall()
        children = [con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("refs", "conferences", "difficulties", "recipients")]
        return reports, files, children
    finally:
        con.close()


def test_local_cluster_batch_equals_local_batch(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SAMPLES / "series", src / "series")
    for f in sorted(SAMPLES.glob("*.txt"))[:6] + sorted(SAMPLES.glob("*.docx"))[:4]:
        shutil.copyfile(f, src / f.name)
    (src / "empty.txt").write_bytes(b"")
    local = list(parse_many([src], archive=tmp_path / "local.db", workers=2))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = list(parse_many([src], archive=tmp_path / "dask.db", executor="dask", scheduler=client))
    assert sorted((r.path, r.status) for r in local) == sorted((r.path, r.status) for r in remote)
    assert content(tmp_path / "local.db") == content(tmp_path / "dask.db")
