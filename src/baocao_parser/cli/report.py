"""``baocao report ARCHIVE --issuer NAME --out PAGE.html`` (or ``--all --out DIR``): a page per issuer."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML page of an issuer's reports by period",
                       description="One HTML file per issuer (no network, charts as inline SVG, prints on A4): reports by "
                                   "period, meetings per period, plans cited, difficulties persisting/new/gone, recurring "
                                   "table figures as line charts, links to the source files. --all writes one page per "
                                   "issuer and index.html into the --out folder.")
    p.add_argument("archive", metavar="ARCHIVE")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--issuer", help="part of the issuer's name, accents optional")
    who.add_argument("--all", action="store_true", help="every issuer, plus an index page")
    p.add_argument("--out", required=True, help="the page (with --issuer) or a folder (with --all)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..archive import ArchiveError
    from ..issuer_page import all_issuer_pages, issuer_page

    try:
        written = all_issuer_pages(args.archive, args.out) if args.all else [issuer_page(args.archive, args.issuer, args.out)]
    except (ArchiveError, OSError) as exc:
        print(f"baocao report: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
