"""``baocao export ARCHIVE --format csv|jsonl|parquet --out DIR``."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export an archive as CSV, JSON Lines or Parquet tables",
                       description="Write one row per report (reports.*) plus child tables (references, conferences, "
                                   "difficulties, recipients, files) keyed by the report's sha256.")
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import BaocaoError
    from ..export import export

    try:
        files = export(args.archive, args.out, args.format)
    except (BaocaoError, ImportError) as exc:
        print(f"baocao export: {exc}", file=sys.stderr)
        return 1
    for f in files:
        print(f)
    return 0
