"""A page per issuer: one self-contained HTML file to open, print on A4 and pass around.

``issuer_page(archive, "Quảng Hòa", "quang-hoa.html")`` writes the issuer's
reports period by period: meetings per period (a bar chart), the plans cited in
each period, the difficulties that persist, appear and disappear (matched by
meaning as ``compare`` matches them, :func:`~baocao_parser.comparison.recurring_difficulties`),
the figures of statistics tables that recur across periods (same caption or
same row labels) as small line charts, and links to the source files
(relative to the page, so the page and the archive's folder travel together).
``all_issuer_pages`` writes one page per issuer and an ``index.html``.

Nothing is fetched when the page is viewed: styles are inline, charts are
inline SVG (:mod:`.svg_charts`), there is no script.  The page layout is
``templates/issuer_page.html``.
"""

from __future__ import annotations

import datetime as dt
import os
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote

from . import __version__
from .comparison import recurring_difficulties
from .normalise.folding import fold
from .report import Report
from .svg_charts import bar_chart, line_chart
from .tables.model import ReportTable

MAX_LINES_PER_CHART = 6
MAX_CHARTS_PER_TABLE = 6
SAME_ROWS = 0.6
"""Share of row labels two tables must have in common to be the same table in two periods."""


@dataclass
class Entry:
    """One distinct report of a period: its best-read copy and every file holding it."""

    report: Report
    paths: list[str] = field(default_factory=list)


@dataclass
class PeriodGroup:
    start: dt.date | None
    end: dt.date | None
    label: str
    short: str
    entries: list[Entry] = field(default_factory=list)


def issuer_page(archive: Any, issuer: str, out: str | os.PathLike[str], *, index_href: str | None = None) -> Path:
    """Write the page of the issuer(s) whose name contains ``issuer`` (accents optional) to ``out``."""
    from .archive import Archive, ArchiveError

    arc = archive if isinstance(archive, Archive) else Archive.open(archive)
    try:
        reports = arc.reports(issuer=issuer)
        if not reports:
            raise ArchiveError(str(arc.path), f"no report of an issuer matching {issuer!r}")
        paths = _paths(arc)
    finally:
        if arc is not archive:
            arc.close()
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_page(reports, paths, out_path.parent, index_href=index_href), encoding="utf-8")
    return out_path


def all_issuer_pages(archive: Any, out_dir: str | os.PathLike[str]) -> list[Path]:
    """One page per issuer in ``out_dir`` plus ``index.html`` listing them; returns the files written (index first)."""
    from .archive import Archive

    arc = archive if isinstance(archive, Archive) else Archive.open(archive)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    try:
        by_key: dict[str, list[dict[str, Any]]] = {}
        for r in arc.rows():
            if r["issuer_key"]:
                by_key.setdefault(r["issuer_key"], []).append(r)
        paths = _paths(arc)
        written, rows = [], []
        used: set[str] = set()
        for key in sorted(by_key):
            reports = [x for x in arc.reports(issuer=key) if _key_of(x) == key]
            if not reports:
                continue
            name = Counter(x.issuer.name for x in reports).most_common(1)[0][0]
            slug = _slug(key, used)
            page = out / f"{slug}.html"
            page.write_text(render_page(reports, paths, out, index_href="index.html"), encoding="utf-8")
            written.append(page)
            periods = sorted({(x.period.start, x.period.end) for x in reports if x.period and x.period.start})
            rows.append((name, page.name, len(group_periods(reports, paths)), periods))
    finally:
        if arc is not archive:
            arc.close()
    index = out / "index.html"
    index.write_text(_index(rows), encoding="utf-8")
    return [index, *written]


# ---------------------------------------------------------------- gathering

def _key_of(r: Report) -> str | None:
    from .archive.store import issuer_key

    return issuer_key(r.issuer.name)


def _paths(arc: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in arc.table("files"):
        if f["sha256"] and f["status"] != "failed":
            out.setdefault(f["sha256"], []).append(f["path"])
    return out


def short_period(r: Report) -> str:
    """A period label short enough for a chart axis: ``Q1/2024``, ``6T/2024``, ``Năm 2023``."""
    p = r.period
    if p is None:
        return r.issued_date.strftime("%d/%m/%Y") if r.issued_date else "?"
    y = p.year or (p.start.year if p.start else "")
    if p.kind == "month" and p.index:
        return f"T{p.index}/{y}"
    if p.kind == "quarter" and p.index:
        return f"Q{p.index}/{y}"
    if p.kind == "half_year":
        return f"6T{' cuối' if p.index == 2 else ''}/{y}"
    if p.kind == "nine_months":
        return f"9T/{y}"
    if p.kind == "year":
        return f"Năm {y}"
    return p.label or str(y)


def group_periods(reports: list[Report], paths: dict[str, list[str]]) -> list[PeriodGroup]:
    """Reports grouped by period (oldest first); copies of one report (.txt, .docx, .pdf) are one entry."""
    groups: dict[tuple, PeriodGroup] = {}
    for r in reports:
        p = r.period
        start, end = (p.start, p.end) if p and p.start else (r.issued_date, r.issued_date)
        g = groups.setdefault((start, end), PeriodGroup(start, end, p.label if p and p.label else short_period(r), short_period(r)))
        ident = (r.doc_type, re.sub(r"\s+", "", r.number.raw or "") or fold(r.title or ""))
        for e in g.entries:
            if (e.report.doc_type, re.sub(r"\s+", "", e.report.number.raw or "") or fold(e.report.title or "")) == ident:
                e.paths += paths.get(r.source.sha256, [])
                if (len(r.tables), -len(r.warnings)) > (len(e.report.tables), -len(e.report.warnings)):
                    e.report = r
                break
        else:
            g.entries.append(Entry(r, list(paths.get(r.source.sha256, []))))
    far = dt.date.max
    return [groups[k] for k in sorted(groups, key=lambda k: (k[0] or far, k[1] or far))]


# ---------------------------------------------------------------- rendering

def render_page(reports: list[Report], paths: dict[str, list[str]], page_dir: Path, *, index_href: str | None = None) -> str:
    """The whole HTML page of one issuer's reports."""
    periods = group_periods(reports, paths)
    name = Counter(r.issuer.name for r in reports if r.issuer.name).most_common(1)
    name = name[0][0] if name else "?"
    parents = Counter(r.issuer.parent for r in reports if r.issuer.parent).most_common(1)
    n_reports = sum(len(g.entries) for g in periods)
    span = f"{periods[0].label} – {periods[-1].label}" if len(periods) > 1 else periods[0].label
    body = "\n".join([
        _reports_section(periods, page_dir),
        _meetings_section(periods),
        _plans_section(periods),
        _difficulties_section(periods),
        _tables_section(periods),
    ])
    nav = f'<nav><a href="{escape(index_href)}">← tất cả đơn vị (all issuers)</a></nav>' if index_href else ""
    template = Template(resources.files(__package__).joinpath("templates", "issuer_page.html").read_text(encoding="utf-8"))
    return template.substitute(
        version=escape(__version__), title=escape(f"{name} — báo cáo theo kỳ"), nav=nav, heading=escape(name),
        subtitle=escape(" · ".join(x for x in (parents[0][0] if parents else "", f"{n_reports} báo cáo / reports",
                                                f"{len(periods)} kỳ / periods: {span}") if x)),
        body=body, footer=escape(f"Made by baocao_parser {__version__} from the archive on {dt.date.today():%d/%m/%Y}; "
                                 "figures as read from the reports."),
    )


def _reports_section(periods: list[PeriodGroup], page_dir: Path) -> str:
    rows = []
    for g in periods:
        for e in g.entries:
            r = e.report
            files = " ".join(f'<a href="{escape(_href(p, page_dir))}">{escape(Path(p).suffix.lstrip(".") or Path(p).name)}</a>'
                             for p in sorted(set(e.paths)))
            rows.append(
                f"<tr><td>{escape(g.label)}</td><td>{escape(r.number.raw or '')}</td>"
                f"<td>{r.issued_date.strftime('%d/%m/%Y') if r.issued_date else ''}</td>"
                f"<td>{escape(r.doc_type or '')}: {escape(r.title or '')}</td>"
                f'<td class="num">{r.conference_total or 0}</td><td class="num">{len(r.difficulties)}</td>'
                f'<td class="num">{len(r.tables)}</td><td class="files">{files}</td></tr>')
    return ('<h2>Báo cáo theo kỳ · Reports by period</h2><table><thead><tr><th>Kỳ</th><th>Số</th><th>Ngày</th>'
            '<th>Trích yếu</th><th>Hội nghị, cuộc họp</th><th>Khó khăn</th><th>Bảng</th><th>Tệp gốc</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _meetings_section(periods: list[PeriodGroup]) -> str:
    labels = [g.short for g in periods]
    values = [float(sum(e.report.conference_total or 0 for e in g.entries)) for g in periods]
    chart = bar_chart(labels, values, title="Số hội nghị, cuộc họp theo kỳ (meetings per period)")
    return f'<h2>Hội nghị, cuộc họp · Meetings</h2><div class="block">{chart}</div>'


def _plans_section(periods: list[PeriodGroup]) -> str:
    plans: dict[str, tuple[str, set[int]]] = {}
    for i, g in enumerate(periods):
        for e in g.entries:
            for p in e.report.plans:
                key = re.sub(r"\s+", "", fold(p.number or p.text)).upper()
                label = " ".join(x for x in (p.kind, p.number) if x) or p.text
                if p.date:
                    label += f" ngày {p.date:%d/%m/%Y}"
                plans.setdefault(key, (label, set()))[1].add(i)
    if not plans:
        return '<h2>Kế hoạch được viện dẫn · Plans cited</h2><p class="empty">No plan cited.</p>'
    head = "".join(f"<th>{escape(g.short)}</th>" for g in periods)
    rows = "".join(f"<tr><td>{escape(label)}</td>" + "".join(f'<td class="mark">{"✓" if i in seen else ""}</td>'
                                                          for i in range(len(periods))) + "</tr>"
                   for label, seen in plans.values())
    return (f"<h2>Kế hoạch được viện dẫn · Plans cited</h2><table><thead><tr><th>Kế hoạch</th>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _difficulties_section(periods: list[PeriodGroup]) -> str:
    merged = [g.entries[0].report.model_copy(update={"difficulties": [d for e in g.entries for d in e.report.difficulties]})
              for g in periods]
    threads = recurring_difficulties(merged)
    title = "<h2>Khó khăn, hạn chế qua các kỳ · Difficulties over periods</h2>"
    if threads.empty:
        return title + '<p class="empty">No difficulty reported.</p>'
    last = len(periods) - 1
    rows = []
    for _, t in threads.groupby("thread", sort=True):
        seen = dict(zip(t["report"], t["text"]))
        first, latest = min(seen), max(seen)
        if latest == last and first < last:
            status = f'<span class="persist">còn tồn tại</span> (since {escape(periods[first].short)})'
        elif latest == last and last > 0:
            status = '<span class="new">mới</span> (new)'
        elif latest < last:
            status = f'<span class="gone">không còn</span> (gone after {escape(periods[latest].short)})'
        else:
            status = ""
        cells = "".join(f'<td class="mark" title="{escape(seen.get(i, ""))}">{"●" if i in seen else ""}</td>'
                        for i in range(len(periods)))
        rows.append((latest != last, first, f"<tr><td>{escape(seen[latest])}</td>{cells}<td>{status}</td></tr>"))
    rows.sort(key=lambda x: (x[0], x[1]))
    head = "".join(f"<th>{escape(g.short)}</th>" for g in periods)
    steps = []
    for i in range(1, len(periods)):
        kept = sum(1 for _, t in threads.groupby("thread") if i in set(t["report"]) and i - 1 in set(t["report"]))
        new = sum(1 for _, t in threads.groupby("thread") if i in set(t["report"]) and i - 1 not in set(t["report"]))
        gone = sum(1 for _, t in threads.groupby("thread") if i - 1 in set(t["report"]) and i not in set(t["report"]))
        steps.append(f"<tr><td>{escape(periods[i - 1].short)} → {escape(periods[i].short)}</td>"
                     f'<td class="num">{kept}</td><td class="num">{new}</td><td class="num">{gone}</td></tr>')
    summary = ("<table><thead><tr><th>Từ kỳ → kỳ</th><th>Còn tồn tại (persist)</th><th>Mới (new)</th><th>Không còn (gone)</th>"
               "</tr></thead><tbody>" + "".join(steps) + "</tbody></table>") if steps else ""
    return (title + summary + f"<table><thead><tr><th>Khó khăn (as last worded)</th>{head}<th>Tình trạng</th></tr></thead>"
            "<tbody>" + "".join(r for _, _, r in rows) + "</tbody></table>")


def _tables_section(periods: list[PeriodGroup]) -> str:
    title = "<h2>Số liệu các biểu lặp lại qua các kỳ · Recurring tables</h2>"
    groups = recurring_tables(periods)
    if not groups:
        return title + '<p class="empty">No statistics table recurs in two periods or more.</p>'
    out = [title]
    for caption, by_period in groups:
        idx = sorted(by_period)
        labels = [periods[i].short for i in idx]
        charts = []
        first = by_period[idx[-1]]
        for col in _numeric_columns(first)[:MAX_CHARTS_PER_TABLE]:
            name = first.columns[col] or f"cột {col + 1}"
            series = []
            row_labels = _chart_rows(first)
            for label in row_labels[:MAX_LINES_PER_CHART]:
                series.append((label, [_value(by_period[i], label, name, col) for i in idx]))
            if any(v is not None for _, vs in series for v in vs):
                unit = "%" if any(c.kind == "percent" for r in first.rows for c in r[col:col + 1]) else ""
                charts.append(line_chart(labels, series, title=name, unit=unit))
        out.append(f'<div class="block"><h3>{escape(caption)}</h3><div class="charts">{"".join(charts)}</div></div>')
    return "\n".join(out)


def recurring_tables(periods: list[PeriodGroup]) -> list[tuple[str, dict[int, ReportTable]]]:
    """Tables that recur in two periods or more: ``(caption, {period index: table})``, same caption or row labels."""
    groups: list[tuple[str, dict[int, ReportTable]]] = []
    for i, g in enumerate(periods):
        for e in g.entries:
            for t in e.report.tables:
                for caption, by_period in groups:
                    if i not in by_period and _same_table(next(iter(by_period.values())), t):
                        by_period[i] = t
                        break
                else:
                    groups.append((t.caption or "; ".join(t.columns), {i: t}))
    return [(c, b) for c, b in groups if len(b) >= 2]


def _caption_key(t: ReportTable) -> str:
    return re.sub(r"[\d\W]+", " ", fold(t.caption or "")).strip()


def _same_table(a: ReportTable, b: ReportTable) -> bool:
    if a.caption and _caption_key(a) == _caption_key(b) and len(a.columns) == len(b.columns):
        return True
    la, lb = {fold(x) for x in a.row_labels() if x}, {fold(x) for x in b.row_labels() if x}
    return bool(la and lb) and len(la & lb) / len(la | lb) >= SAME_ROWS


def _numeric_columns(t: ReportTable) -> list[int]:
    label = t.label_column()
    out = []
    for c in range(len(t.columns)):
        cells = [r[c] for r in t.rows if c < len(r) and r[c].kind not in ("blank", "dash")]
        if c != label and c > 0 and cells and sum(x.kind in ("integer", "decimal", "percent") for x in cells) * 2 > len(cells):
            out.append(c)
    return out


def _chart_rows(t: ReportTable) -> list[str]:
    """Row labels to draw: totals first (the figure people look at), then the rows in order."""
    labels = t.row_labels()
    order = [i for i in t.total_rows] + [i for i in range(len(labels)) if i not in t.total_rows]
    return [labels[i] for i in order if labels[i]]


def _value(t: ReportTable, row_label: str, column: str, col: int) -> float | None:
    labels = t.row_labels()
    key = fold(row_label)
    for i, lab in enumerate(labels):
        if fold(lab) == key:
            c = t.columns.index(column) if column in t.columns else col
            cell = t.rows[i][c] if c < len(t.rows[i]) else None
            return float(cell.value) if cell is not None and cell.value is not None else None
    return None


def _href(path: str, page_dir: Path) -> str:
    try:
        rel = os.path.relpath(path, page_dir.resolve())
    except ValueError:  # another drive
        return Path(path).resolve().as_uri()
    return quote(rel.replace(os.sep, "/"))


def _slug(key: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(key).lower()).strip("-") or "issuer"
    base = re.sub(r"^uy-ban-nhan-dan-", "", base)
    if len(base) > 80:  # a file name has a length limit (255 bytes); a long name keeps its start and a short hash
        base = f"{base[:70].rstrip('-')}-{hashlib.sha1(base.encode()).hexdigest()[:8]}"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def _index(rows: list[tuple[str, str, int, list[tuple[Any, Any]]]]) -> str:
    body = "".join(f'<tr><td><a href="{escape(quote(href))}">{escape(name)}</a></td><td class="num">{n}</td>'
                   f"<td>{escape(_span(periods))}</td></tr>" for name, href, n, periods in rows)
    template = Template(resources.files(__package__).joinpath("templates", "issuer_page.html").read_text(encoding="utf-8"))
    table = ("<table><thead><tr><th>Đơn vị ban hành (issuer)</th><th>Số kỳ (periods)</th><th>Từ – đến</th></tr></thead>"
             f"<tbody>{body}</tbody></table>")
    return template.substitute(version=escape(__version__), title="Các đơn vị — báo cáo theo kỳ", nav="",
                               heading="Các đơn vị ban hành · Issuers", subtitle=escape(f"{len(rows)} issuers"),
                               body=table, footer=escape(f"Made by baocao_parser {__version__}."))


def _span(periods: list[tuple[Any, Any]]) -> str:
    if not periods:
        return ""
    return f"{periods[0][0]:%d/%m/%Y} – {periods[-1][1]:%d/%m/%Y}" if periods[-1][1] else f"{periods[0][0]:%d/%m/%Y}"
