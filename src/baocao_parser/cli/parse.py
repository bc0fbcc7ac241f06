"""``baocao parse FILE... [--json] [--as-one]``: parse files, print a summary or JSON Lines.

With ``--as-one`` the files are the page images of one report (``p1.jpg
p2.jpg``), read in the order given.  Otherwise each file is parsed on its own: a file that fails is reported on stderr with
its name and reason, and the others go on.  The exit status is non-zero only
when no file could be parsed.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any

from .. import limits
from ..bounds import printable_path
from ..pipeline import parse
from ..report import Report


def register(sub: Any) -> None:
    p = sub.add_parser("parse", help="parse report files (.txt, .docx, .pdf, images, .doc)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print one JSON object per file (JSON Lines)")
    p.add_argument("--format", choices=["txt", "docx", "doc", "rtf", "odt", "pdf", "image"],
                   help="skip detection and read every file as this kind")
    p.add_argument("--as-one", action="store_true",
                   help="the files are the page images of one report, in the order given")
    p.add_argument("--timeout", type=float, default=limits.PARSE_TIMEOUT_S, metavar="S",
                   help=f"per-file time limit in seconds, as in `baocao batch` (default {limits.PARSE_TIMEOUT_S:g}; "
                        "0 parses in this process without a limit)")
    p.set_defaults(func=run)


def _parse(path: str, format: str | None) -> Report:
    return parse(path, format=format)


def _parse_pages(path: str, pages: list[str], format: str | None) -> Report:
    """The page images of one report, read as one (``--as-one``); ``path`` is the first page."""
    return parse(pages, format=format)


def run(args: argparse.Namespace) -> int:
    from ..archive.store import load_report
    from ..batch.run import parse_in_order

    ok = 0
    # each file in a worker process stopped at the limit, as `baocao batch` does (--timeout 0: in this process)
    if args.as_one:
        items, parser = [args.files[0]], functools.partial(_parse_pages, pages=list(args.files), format=args.format)
    else:
        items, parser = list(args.files), functools.partial(_parse, format=args.format)
    for path, outcome in parse_in_order(items, parser, args.timeout):
        if not outcome.ok:
            print(f"error: {printable_path(path)}: {outcome.reason}", file=sys.stderr)
            continue
        report = load_report(outcome.report_json or "{}")
        report.source.path = printable_path(str(Path(path).resolve()))
        ok += 1
        if args.json:
            sys.stdout.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(summary(report) + "\n")
        sys.stdout.flush()
    return 0 if ok else 1


def summary(r: Report) -> str:
    """A short human-readable account of a report."""
    lines = [f"== {r.source.path or '<input>'} ({r.source.format}{', OCR' if r.source.ocr else ''})"]

    def add(label: str, value: object) -> None:
        if value not in (None, "", []):
            lines.append(f"  {label:<12} {value}")

    add("kind", r.doc_type)
    add("issuer", r.issuer.name + (f"  (under {r.issuer.parent})" if r.issuer.parent else "") if r.issuer.name else None)
    add("number", r.number.raw)
    add("place, date", ", ".join(str(x) for x in (r.place, r.issued_date) if x))
    add("subject", r.title)
    if r.period:
        add("period", f"{r.period.label} [{r.period.start} .. {r.period.end}]")
    add("plans", "; ".join(f"{p.number}" + (f" ({p.date})" if p.date else "") for p in r.plans))
    add("references", len(r.references))
    if r.conferences:
        add("meetings", " + ".join(str(c.count) for c in r.conferences) + f" = {r.conference_total}")
    for i, d in enumerate(r.difficulties, 1):
        add("difficulty" if i == 1 else "", f"{i}. {d[:100]}{'…' if len(d) > 100 else ''}")
    add("recipients", "; ".join(r.recipients))
    s = r.signatory
    add("signed", " / ".join(x for x in (s.authority, s.title, s.name) if x))
    for w in r.warnings:
        add("warning", w)
    return "\n".join(lines)
