#!/usr/bin/env python3
"""The real corpus's documents as other tools and pages capture them: one text per document and style.

    python samples/_build/captures.py                 # overall F1 of each style on the dev part
    python samples/_build/captures.py --part check    # the same on the check part (look, never tune)
    python samples/_build/captures.py --out DIR       # write DIR/STYLE/ID.txt with ID.gold.json beside

A real report reaches an archive as text in many shapes besides the one its
page gave: a PDF read by a tool that merges the two header columns line by
line, a web page whose table cells lost their line breaks, a copy whose
header lost its capitals, a Word table saved as text with tabs, a Word page saved as HTML.  Each style
here renders a spec's hand-split ``layout`` (or its published ``text``) the way
one such capture does; the gold is the spec's, unchanged.  The documents are
real, the shapes are ours: the figures measure robustness, not the corpus.
``tests/test_capture_styles.py`` keeps each style's F1 on the development part
above the floor the README gives.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import real  # noqa: E402  (samples/_build/real.py: the specs and their split)

Layout = dict
Style = Callable[[dict, Layout], "list[str] | None"]


def _parts(L: Layout) -> tuple[list[str], list[str], list[str], list[str], list[str], list[str], list[str], list[str]]:
    """Issuer column, Quốc hiệu column, number cell (with a V/v subject), date cell, kind and subject,
    body (with Kính gửi), recipients, signer lines."""
    num = ([L["number_line"]] if L["number_line"] else []) + L["vv_lines"]
    date = [L["date_line"]] if L["date_line"] else []
    title = ([L["doc_type"]] if L["doc_type"] else []) + L["title_lines"]
    body = L["kinh_gui_lines"] + L["body"]
    sig = [x for x in L["signature_lines"] if x.strip()]
    return L["header_left"], L["header_right"], num, date, title, body, L["recipients_lines"], sig


def _pairs(a: list[str], b: list[str], sep: str) -> list[str]:
    """Two columns merged line by line, as a text extractor reads a row of two cells."""
    return [(x + sep + y).strip() for x, y in
            ((a[i] if i < len(a) else "", b[i] if i < len(b) else "") for i in range(max(len(a), len(b))))]


def _wrap(lines: list[str], width: int) -> list[str]:
    return [p for x in lines for p in (textwrap.wrap(x, width) or [""])]


def cells_with_marks(spec: dict, L: Layout) -> list[str]:
    """A legal-document site's header table: each cell's lines, a lone ``|`` between cells."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return _wrap(left, 22) + ["|"] + _wrap(right, 30) + ["|"] + _wrap(num, 22) + ["|"] + _wrap(date, 24) + ["|"] \
        + title + body + rec + sig


def narrow_cells(spec: dict, L: Layout) -> list[str]:
    """The same with narrow cells that wrap every few words."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return _wrap(left, 14) + ["|"] + _wrap(right, 16) + ["|"] + _wrap(num, 14) + ["|"] + _wrap(date, 14) + ["|"] \
        + title + body + rec + [""] + sig


def double_spaced(spec: dict, L: Layout) -> list[str]:
    """A blank line after every line (paragraph spacing captured as blank lines)."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return [y for x in left + right + num + date + [""] + title + body + rec + sig for y in (x, "")]


def one_line_by_rows(spec: dict, L: Layout) -> list[str]:
    """A document-sharing site's text with the header's line breaks lost, its table read row by row."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    rest = body + rec + sig
    return [" ".join(_pairs(left, right, " ") + num + date + title + rest[:2])] + rest[2:]


def one_line_by_cells(spec: dict, L: Layout) -> list[str]:
    """The same, the table read cell by cell (the issuer's column first)."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    rest = body + rec + sig
    return [" ".join(left + right + num + date + title + rest[:2])] + rest[2:]


def rows_merged(spec: dict, L: Layout) -> list[str]:
    """A PDF read without layout: the header columns' lines that share a baseline joined by one space."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return _pairs(left, right, " ") + _pairs(num, date, " ") + title + body + rec + sig


def rows_merged_with_closing(spec: dict, L: Layout) -> list[str] | None:
    """The same for the closing too: recipients and signer on shared lines (pdfplumber's ``extract_text``)."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    if not (rec and sig):
        return None
    return _pairs(left, right, " ") + _pairs(num, date, " ") + title + body + _pairs(rec, sig, " ")


def tab_rows(spec: dict, L: Layout) -> list[str]:
    """Word's Save as Plain Text: a table row per line, its cells joined by tabs."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return [f"{a}\t{b}" for a, b in zip(left + [""] * 9, right + [""] * 9) if a or b] \
        + [f"{a}\t{b}" for a, b in zip(num + [""] * 9, date + [""] * 9) if a or b] \
        + [""] + title + [""] + body + [""] + [f"{a}\t{b}" for a, b in zip(rec + [""] * 40, sig + [""] * 40) if a or b]


def closing_side_by_side(spec: dict, L: Layout) -> list[str] | None:
    """A PDF read with its layout: recipients and signer on shared lines, a wide gap between."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    if not (rec and sig):
        return None
    return left + right + num + date + [""] + title + body + [""] + [
        f"{a:<45}{b}".rstrip() for a, b in zip(rec + [""] * 40, sig + [""] * 40) if a or b]


def closing_cells(spec: dict, L: Layout) -> list[str] | None:
    """The closing table's two cells with a ``|`` between them."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    if not (rec and sig):
        return None
    return left + right + num + date + [""] + title + body + rec + ["|"] + sig


def cell_per_line(spec: dict, L: Layout) -> list[str]:
    """Each header cell's lines joined into one line (HTML cells whose line breaks were lost)."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return [" ".join(left + num), " ".join(right + date)] + title + body + rec + sig


def inline_cells(spec: dict, L: Layout) -> list[str]:
    """Each header row on one line between ``|`` marks (a table pasted as text)."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return [f"| {' '.join(left)} | {' '.join(right)} |", f"| {' '.join(num)} | {' '.join(date)} |"] + title + body + rec + sig


def right_column_first(spec: dict, L: Layout) -> list[str]:
    """A floated layout read right column first: the Quốc hiệu above the issuer, the date above the number."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return right + left + date + num + title + body + rec + sig


def columns_one_after_the_other(spec: dict, L: Layout) -> list[str]:
    """The issuer's column read to its end (number and V/v included), then the Quốc hiệu's column."""
    left, right, num, date, title, body, rec, sig = _parts(L)
    return left + num + right + date + title + body + rec + sig


def web_characters(spec: dict, L: Layout) -> list[str]:
    """The published text with a web page's characters: non-breaking and zero-width spaces, trailing blanks."""
    rnd = random.Random(zlib.crc32(spec["id"].encode()))

    def web(line: str) -> str:
        out = [rnd.choice(["\u00a0", " \u200b", "\u00a0 "]) if ch == " " and rnd.random() < 0.3 else ch for ch in line]
        return "".join(out) + rnd.choice(["", " ", "\u00a0", "\t"])

    return [web(x) for x in spec["text"].split("\n")]


def nbsp_pairs(spec: dict, L: Layout) -> list[str]:
    """The published text as Word's HTML export writes its spaces: half of them ``&nbsp; ``."""
    rnd = random.Random(zlib.crc32(spec["id"].encode()) + 1)
    return ["".join("\u00a0 " if ch == " " and rnd.random() < 0.5 else ch for ch in x) for x in spec["text"].split("\n")]


def _find(lines: list[str], wanted: str | None) -> int | None:
    key = " ".join((wanted or "").split())
    return next((i for i, x in enumerate(lines) if key and " ".join(x.split()) == key), None)


def date_split(spec: dict, L: Layout) -> list[str] | None:
    """The published text with its place-and-date broken before ``tháng``."""
    lines = spec["text"].split("\n")
    i = _find(lines, L["date_line"])
    if i is None or "tháng" not in lines[i]:
        return None
    a, b = lines[i].split("tháng", 1)
    return lines[:i] + [a.rstrip(), "tháng" + b] + lines[i + 1:]


def kind_joined(spec: dict, L: Layout) -> list[str] | None:
    """The published text with the kind line and the next line joined (``BÁO CÁO Kết quả …``)."""
    lines = spec["text"].split("\n")
    i = _find(lines, L["doc_type"])
    j = None if i is None else next((k for k in range(i + 1, min(len(lines), i + 4)) if lines[k].strip()), None)
    if j is None:
        return None
    return lines[:i] + [lines[i].rstrip() + " " + lines[j].strip()] + lines[j + 1:]


def header_in_capitals(spec: dict, L: Layout) -> list[str] | None:
    """The published text with everything above the kind line in capitals."""
    lines = spec["text"].split("\n")
    i = _find(lines, L["doc_type"])
    return None if i is None else [x.upper() for x in lines[:i]] + lines[i:]


def number_label_in_capitals(spec: dict, L: Layout) -> list[str] | None:
    """The published text with ``SỐ:`` for ``Số:``."""
    lines = spec["text"].split("\n")
    i = _find(lines, L["number_line"])
    if i is None or not re.search(r"Số\s*:", lines[i]):
        return None
    return lines[:i] + [re.sub(r"Số\s*:", "SỐ:", lines[i], count=1)] + lines[i + 1:]


def header_lost_its_capitals(spec: dict, L: Layout) -> list[str] | None:
    """The published text with the header and kind in sentence case (a page that printed them in
    capitals by its style sheet)."""
    lines = spec["text"].split("\n")
    i = _find(lines, L["doc_type"])
    if i is None:
        return None

    def sentence(x: str) -> str:
        s = x.strip()
        return s[:1].upper() + s[1:].lower() if x.isupper() else x

    return [sentence(x) for x in lines[:i + 1]] + lines[i + 1:]


STYLES: dict[str, Style] = {
    "cells_with_marks": cells_with_marks,
    "narrow_cells": narrow_cells,
    "double_spaced": double_spaced,
    "one_line_by_rows": one_line_by_rows,
    "one_line_by_cells": one_line_by_cells,
    "rows_merged": rows_merged,
    "rows_merged_with_closing": rows_merged_with_closing,
    "tab_rows": tab_rows,
    "closing_side_by_side": closing_side_by_side,
    "closing_cells": closing_cells,
    "cell_per_line": cell_per_line,
    "inline_cells": inline_cells,
    "right_column_first": right_column_first,
    "columns_one_after_the_other": columns_one_after_the_other,
    "web_characters": web_characters,
    "nbsp_pairs": nbsp_pairs,
    "date_split": date_split,
    "kind_joined": kind_joined,
    "header_in_capitals": header_in_capitals,
    "number_label_in_capitals": number_label_in_capitals,
    "header_lost_its_capitals": header_lost_its_capitals,
}


def render(part: str = "dev", styles: list[str] | None = None) -> Iterator[tuple[str, str, str, dict]]:
    """(style, id, text, gold) for every spec of ``part`` with a header, in every style that applies to it."""
    specs = [s for s in real.load() if real.part_of(s) == part]
    for name in styles or list(STYLES):
        for spec in specs:
            L = real.render_spec(spec)
            if L["no_header"]:
                continue
            lines = STYLES[name](spec, L)
            if lines is None:
                continue
            yield name, spec["id"], "\n".join(lines) + "\n", spec["gold"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("dev", "check"), default="dev")
    ap.add_argument("--out", type=Path, help="write the texts and golds here instead of scoring them")
    ap.add_argument("--style", action="append", choices=sorted(STYLES), help="only these styles")
    a = ap.parse_args(argv)
    if a.out:
        for style, doc_id, text, gold in render(a.part, a.style):
            folder = a.out / style
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            (folder / f"{doc_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        return 0
    scorer = HERE.parents[2] / "shared" / "eval" / "score.py"
    if not scorer.exists():
        print(f"no scorer at {scorer}: use --out DIR and score the folders yourself", file=sys.stderr)
        return 2
    import importlib.util

    spec = importlib.util.spec_from_file_location("baocao_shared_score_captures", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    from baocao_parser import parse_text

    tallies: dict[str, object] = {}
    counts: dict[str, int] = {}
    for style, _, text, gold in render(a.part, a.style):
        tally = tallies.setdefault(style, score.Tally())
        score.score_case(tally, gold, parse_text(text).model_dump(mode="json"))
        counts[style] = counts.get(style, 0) + 1
    for style, tally in tallies.items():
        print(f"{style:30} {counts[style]:4d} documents  overall F1 {tally.f1():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
