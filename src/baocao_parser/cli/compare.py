"""``baocao compare A B``: what changed between two reports (files or archive ids)."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare two reports (files, or ids in an archive)",
                       description="Compare report A (earlier) with report B (later): changed fields, conference counts "
                                   "with deltas, plans and references added or dropped, difficulties persisting, new "
                                   "or gone. A and B are report files, or sha256 ids (a prefix of 6+ digits) or paths "
                                   "in the archive given with --archive.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--archive", metavar="ARCHIVE.db", help="look A and B up in this archive")
    p.add_argument("--json", action="store_true", help="print the ReportDiff as JSON")
    p.set_defaults(func=run)


def _load(ident: str, archive: object | None):  # -> Report
    if archive is not None:
        try:
            return archive.get(ident)  # type: ignore[attr-defined]
        except KeyError:
            if not os.path.exists(ident):
                raise
    if os.path.exists(ident):
        from .. import parse

        return parse(ident)
    raise KeyError(f"{ident}: no such file (give --archive to look up an id)")


def run(args: argparse.Namespace) -> int:
    from ..archive import Archive, ArchiveError
    from ..comparison import compare
    from ..errors import BaocaoError

    archive = None
    try:
        if args.archive:
            archive = Archive.open(args.archive, read_only=True)
        a, b = _load(args.a, archive), _load(args.b, archive)
    except (KeyError, ArchiveError, BaocaoError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) else str(exc)
        print(f"baocao compare: {msg}", file=sys.stderr)
        return 1
    finally:
        if archive is not None:
            archive.close()
    diff = compare(a, b)
    print(diff.model_dump_json(indent=2) if args.json else diff.table())
    return 0
