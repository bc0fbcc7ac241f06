"""``baocao batch FOLDER --archive ARCHIVE.db``: parse a whole folder into an archive."""

from __future__ import annotations

import argparse
import json
import sys
import time

from .. import limits


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="parse every report in folders (recursively) into an archive",
        description="Parse every report found in FOLDER (walked recursively, files picked by content) in parallel "
                    "processes and store the results in an SQLite archive, created on first use. Unchanged files "
                    "are skipped on a re-run; a batch stopped at any moment continues where it stopped when run again. "
                    "Exit status is 0 unless no file at all could be parsed (or the archive cannot be used).",
    )
    p.add_argument("folders", nargs="+", metavar="FOLDER", help="folders or files to parse")
    p.add_argument("--archive", required=True, metavar="ARCHIVE.db", help="the archive file (created if missing)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="parallel processes (default: number of CPUs)")
    p.add_argument("--timeout", type=float, default=limits.PARSE_TIMEOUT_S, metavar="S",
                   help=f"per-file time limit in seconds (default {limits.PARSE_TIMEOUT_S:g})")
    p.add_argument("--reparse", action="store_true", help="redo reports made by another parser version and files that failed")
    p.add_argument("--json", action="store_true", help="print per-file results as JSON Lines on stdout")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                   help="leave out files whose path matches this shell pattern (repeatable), e.g. '*/scan/*'")
    p.add_argument("--follow-links", action="store_true",
                   help="follow symbolic links that point out of the folder (by default they are skipped)")
    p.add_argument("--executor", choices=("local", "dask"), default="local", help="where to parse (default local)")
    p.add_argument("--scheduler", metavar="ADDR", help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --executor dask)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..archive import ArchiveError
    from ..batch import BatchSummary, parse_many

    if args.executor == "dask" and not args.scheduler:
        print("baocao batch: --executor dask needs --scheduler ADDRESS", file=sys.stderr)
        return 2
    summary = BatchSummary()
    t0 = time.perf_counter()
    progress = not args.no_progress and sys.stderr.isatty()
    try:
        for res in parse_many(args.folders, archive=args.archive, workers=args.workers, timeout=args.timeout,
                              reparse=args.reparse, progress=progress, executor=args.executor, scheduler=args.scheduler,
                              follow_links=args.follow_links, exclude=args.exclude):
            summary.add(res)
            if args.json:
                print(json.dumps(res.to_dict(), ensure_ascii=False), flush=True)
    except ArchiveError as exc:
        print(f"baocao batch: {exc}", file=sys.stderr)
        if summary.total:
            print(f"({summary.total} files were handled before this; they are in the archive)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        summary.seconds = time.perf_counter() - t0
        print(f"\ninterrupted: {summary.total} files done and archived; run the same command again to continue",
              file=sys.stderr)
        return 130
    summary.seconds = time.perf_counter() - t0
    print(summary.table(), file=sys.stderr if args.json else sys.stdout)
    if summary.total == 0:
        print("baocao batch: no report files found", file=sys.stderr)
        return 1
    nothing = summary.parsed == 0 and summary.counts["skipped"] == 0
    return 1 if nothing else 0
