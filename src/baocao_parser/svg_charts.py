"""Small charts as inline SVG strings: a bar chart and a line chart, nothing fetched, no script.

Made for the issuer page (:mod:`.issuer_page`): the page must open offline, print
on A4 and stay one file, so charts are plain SVG with their numbers written on
them (a printed page has no hover).  Every mark is a ``<path>`` with class
``mark`` so a test can check that something was drawn.
"""

from __future__ import annotations

from html import escape

PALETTE = ("#2f6db5", "#d9731a", "#2e9b5a", "#b8324a", "#7a5cb8", "#8a6d3b", "#1f9bb0", "#c2559b")


def _fmt(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}".replace(",", ".")
    return f"{v:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    for step in (1, 2, 2.5, 5, 10):
        mag = 10 ** (len(str(int(v))) - 1)
        top = step * mag
        if top >= v:
            return float(top)
    return float(v)


def bar_chart(labels: list[str], values: list[float], *, title: str, width: int = 640, height: int = 220,
              unit: str = "") -> str:
    """Vertical bars, one per label, the value written above each bar."""
    left, right, top, bottom = 40, 10, 28, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    vmax = _nice_max(max(values, default=0))
    n = max(len(values), 1)
    slot = plot_w / n
    bar = min(56.0, slot * 0.6)
    parts = [_frame(width, height, title, "bar"), _axis(left, top, plot_w, plot_h, vmax)]
    for i, (label, v) in enumerate(zip(labels, values)):
        x = left + slot * i + (slot - bar) / 2
        h = plot_h * (v / vmax) if vmax else 0
        y = top + plot_h - h
        parts.append(f'<path class="mark" d="M{x:.1f},{top + plot_h:.1f}V{y:.1f}H{x + bar:.1f}V{top + plot_h:.1f}Z" '
                     f'fill="{PALETTE[0]}"><title>{escape(label)}: {_fmt(v)}{escape(unit)}</title></path>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="val">{_fmt(v)}</text>')
        parts.append(_label(left + slot * i + slot / 2, top + plot_h + 14, label))
    parts.append("</svg>")
    return "".join(parts)


def line_chart(labels: list[str], series: list[tuple[str, list[float | None]]], *, title: str, width: int = 300,
               height: int = 190, unit: str = "") -> str:
    """One line per series over the labels (periods); gaps where a value is missing; last value written."""
    left, right, top, bottom = 40, 24, 28, 40
    legend_h = 13 * len(series)
    height += legend_h
    plot_w, plot_h = width - left - right, height - top - bottom - legend_h
    vals = [v for _, vs in series for v in vs if v is not None]
    vmax = _nice_max(max(vals, default=0))
    n = len(labels)
    step = plot_w / max(n - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + (step * i if n > 1 else plot_w / 2), top + plot_h - plot_h * (v / vmax if vmax else 0)

    parts = [_frame(width, height, title, "line"), _axis(left, top, plot_w, plot_h, vmax)]
    for i, label in enumerate(labels):
        parts.append(_label(xy(i, 0)[0], top + plot_h + 14, label))
    for k, (name, vs) in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        d, pen = [], "M"
        for i, v in enumerate(vs):
            if v is None:
                pen = "M"
                continue
            x, y = xy(i, v)
            d.append(f"{pen}{x:.1f},{y:.1f}")
            pen = "L"
        points = [xy(i, v) for i, v in enumerate(vs) if v is not None]
        if not points:
            continue
        if len(points) == 1:  # a lone value: a short tick so it still shows
            x, y = points[0]
            d = [f"M{x - 3:.1f},{y:.1f}L{x + 3:.1f},{y:.1f}"]
        tip = ", ".join(f"{labels[i]}: {_fmt(v)}" for i, v in enumerate(vs) if v is not None)
        parts.append(f'<path class="mark" d="{"".join(d)}" fill="none" stroke="{colour}" stroke-width="2">'
                     f"<title>{escape(name)} — {escape(tip)}{escape(unit)}</title></path>")
        for x, y in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
        last = next(v for v in reversed(vs) if v is not None)
        ly = top + plot_h + 30 + 13 * k
        parts.append(f'<rect x="{left}" y="{ly - 8}" width="10" height="3" fill="{colour}"/>'
                     f'<text x="{left + 14}" y="{ly - 4}" class="legend">{escape(_short(name, 38))}: {_fmt(last)}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _frame(width: int, height: int, title: str, kind: str) -> str:
    return (f'<svg class="chart {kind}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f'<text x="4" y="16" class="title">{escape(_short(title, 70))}</text>')


def _axis(left: float, top: float, w: float, h: float, vmax: float) -> str:
    out = [f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" class="axis"/>']
    for frac in (0.5, 1.0):
        y = top + h - h * frac
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + w}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_fmt(vmax * frac)}</text>')
    out.append(f'<text x="{left - 4}" y="{top + h + 4:.1f}" text-anchor="end" class="tick">0</text>')
    return "".join(out)


def _label(x: float, y: float, text: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" class="tick">{escape(_short(text, 16))}</text>'


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
