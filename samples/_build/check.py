#!/usr/bin/env python3
"""Consistency checks between each spec's text and its hand-written gold.

Run ``python samples/_build/check.py`` (add ``-v`` to list the meeting-count
phrases found in each body next to the gold ``conferences``, for review).
It does not decide the gold; it only catches copy slips: a difficulty that
is not printed in the body, a plan number that does not occur, a title that
differs from the title lines, a recipient list out of step, and so on.
Exit status 1 when any check fails. Standard library only.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

SPECS = Path(__file__).resolve().parent / "specs"
GOLD_KEYS = {"doc_type", "issuer", "number", "place", "issued_date", "title", "period",
             "plans", "references", "conferences", "difficulties", "recipients", "signatory"}
NUMBER_WORDS = (r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|mốt|tư|lăm")
MEETING = re.compile(
    rf"\b((?:\d+|(?:(?:{NUMBER_WORDS})\s?)+))\s+"
    r"(hội nghị|cuộc họp|phiên họp|buổi|hội thảo|lớp tập huấn)", re.I)
DATE_LINE = re.compile(r"^(.*?),\s*ngày\s+(\d*)\s*tháng\s+(\d+)\s+năm\s+(\d{4})")
MARKER = re.compile(r"^(?:[-+•*]|\d+\.|[a-zđ]\))\s+")


def expected_issuer(left: list[str]) -> str | None:
    """Header convention: drop a parent body line printed above the issuer."""
    lines = [x for x in left if x.strip("* ")]
    if not lines:
        return None
    if len(lines) >= 2 and not lines[0].startswith(("ỦY BAN", "UỶ BAN")):
        lines = lines[1:]
    return " ".join(lines)


def expected_number(line: str | None) -> str | None:
    if not line:
        return None
    raw = " ".join(line.split(":", 1)[1].split())
    return raw if re.match(r"^\d", raw) else None


def expected_date(line: str | None):
    m = DATE_LINE.match(line or "")
    if not m:
        return None, None
    place, day, month, year = m.groups()
    date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}" if day else None
    return place.strip(), date


def strip_item(line: str) -> str:
    return MARKER.sub("", line.strip()).rstrip(";.").strip()


def check(spec: dict, verbose: bool) -> list[str]:
    """Return the list of problems found in one spec."""
    g, errs = spec["gold"], []
    body = " ".join(spec["body"])
    raw = json.dumps(spec, ensure_ascii=False)
    if unicodedata.normalize("NFC", raw) != raw:
        errs.append("not NFC")
    if set(g) != GOLD_KEYS:
        errs.append(f"gold keys differ: {sorted(set(g) ^ GOLD_KEYS)}")
    if not spec.get("no_header"):
        if g["issuer"] != expected_issuer(spec["header_left"]):
            errs.append(f"issuer {g['issuer']!r} vs header {expected_issuer(spec['header_left'])!r}")
        if g["number"] != expected_number(spec.get("number_line")):
            errs.append(f"number {g['number']!r} vs {spec.get('number_line')!r}")
        place, date = expected_date(spec["date_line"])
        if (g["place"], g["issued_date"]) != (place, date):
            errs.append(f"place/date {(g['place'], g['issued_date'])} vs {(place, date)}")
    title = " ".join(spec.get("title_lines") or [])
    if spec.get("vv_lines"):
        title = re.sub(r"^V/v\s+", "", " ".join(spec["vv_lines"]))
    if g["title"] != title:
        errs.append(f"title {g['title']!r} vs {title!r}")
    if (spec.get("doc_type") or "CÔNG VĂN") != g["doc_type"]:
        errs.append("doc_type")
    for ref in g["references"]:
        if ref["number"] and ref["number"] not in body:
            errs.append(f"reference {ref['number']} not in body")
    plans = [{"number": r["number"], "date": r["date"]} for r in g["references"] if r["kind"] == "Kế hoạch"]
    if plans != g["plans"]:
        errs.append("plans differ from the Kế hoạch references")
    for item in g["difficulties"]:
        if item not in body:
            errs.append(f"difficulty not printed: {item[:50]}")
    recips = [strip_item(x) for x in spec["recipients_lines"][1:]]
    if recips != g["recipients"]:
        errs.append(f"recipients {recips}")
    sig = [x for x in spec["signature_lines"] if x.strip() and not x.startswith("(")]
    if g["signatory"]["name"] != sig[-1]:
        errs.append("signatory name")
    if g["signatory"]["title"] != sig[-2]:
        errs.append("signatory title")
    auth = " ".join(sig[:-2]) or None
    if g["signatory"]["authority"] != auth:
        errs.append(f"signatory authority {auth!r}")
    words = len((title + " " + body).split())
    if not 350 <= words <= 950:
        errs.append(f"{words} words")
    if verbose:
        found = [m.group(1) + " " + m.group(2) for m in MEETING.finditer(body)]
        print(f"  {spec['id']}: {words} words; gold {g['conferences']}; phrases {found}")
    return errs


def main(argv: list[str]) -> int:
    bad = 0
    for path in sorted(SPECS.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        errs = check(spec, "-v" in argv)
        for e in errs:
            print(f"{path.stem}: {e}")
        bad += bool(errs)
    print(f"{bad} spec(s) with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
