"""``baocao timeline ARCHIVE --issuer NAME``: an issuer's reports period by period (or all issuers for a period)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timeline", help="one row per period of an issuer, or per issuer for a period",
                       description="With --issuer: the issuer's reports in period order (conference totals, counts of "
                                   "difficulties, plans). Without: every issuer's report for the period given by "
                                   "--year/--period-kind/--period-index.")
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("--issuer", help="part of the issuer's name, accents optional")
    p.add_argument("--year", type=_year)
    p.add_argument("--period-kind", choices=("week", "month", "quarter", "half_year", "nine_months", "year", "school_year", "custom"))
    p.add_argument("--period-index", type=int)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=run)


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text[:40]!r}") from None
    if not 1900 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"year {text[:40]} is out of range (1900–2200)")
    return year


def run(args: argparse.Namespace) -> int:
    from ..archive import ArchiveError
    from ..comparison import timeline

    try:
        df = timeline(args.archive, args.issuer, year=args.year, period_kind=args.period_kind, period_index=args.period_index)
    except ArchiveError as exc:
        print(f"baocao timeline: {exc}", file=sys.stderr)
        return 1
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(df.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        cols = ["issuer", "period_label", "period_start", "period_end", "conference_total", "n_difficulties", "n_plans", "copies"]
        print(df[cols].to_string(index=False) if len(df) else "no reports match")
    return 0 if len(df) else 1
