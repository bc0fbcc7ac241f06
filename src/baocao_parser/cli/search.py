"""``baocao search ARCHIVE "cai cach hanh chinh"``: accent-insensitive full-text search."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search an archive's reports, with or without tone marks",
                       description="Full-text search over a tone-folded copy of every report: 'cai cach hanh chinh' "
                                   "finds 'cải cách hành chính', and 'hoà'/'hòa' match either way. Best hits first.")
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="JSON Lines, one hit a line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ..archive import Archive, ArchiveError

    from .. import limits
    from ..archive.store import query_capped

    if query_capped(args.query):
        print(f"baocao search: only the first {limits.MAX_QUERY_TERMS} words of the query are searched", file=sys.stderr)
    try:
        with Archive.open(args.archive, read_only=True) as arc:
            hits = arc.search(args.query, limit=args.limit)
    except ArchiveError as exc:
        print(f"baocao search: {exc}", file=sys.stderr)
        return 1
    for n, h in enumerate(hits, 1):
        if args.json:
            print(json.dumps(asdict(h), ensure_ascii=False))
        else:
            print(f"{n}. {h.issuer or '?'} — {h.period or h.title or ''}  [{h.sha256[:12]}] {h.path or ''}")
            print(f"   {h.snippet}")
    if not hits and not args.json:
        print("no match", file=sys.stderr)
    return 0 if hits else 1
