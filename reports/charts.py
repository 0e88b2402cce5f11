"""Charts drawn on the server as SVG: no scripts, presentation attributes only (the CSP forbids
style attributes), every bar labelled with its value so colour is never needed to read it."""

import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR = "#1d4e89"
FONT = "DejaVu Sans, sans-serif"


def _fmt(value):
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _with_table(svg: str, items, *, title: str, labels: dict, table: bool):
    """The chart and, for screen readers, its figures as a table (the SVG alone says only its
    title). Pages get both; the PDF (which prints the figures elsewhere) only the SVG."""
    if not table:
        return mark_safe(svg)
    rows = "".join(f"<tr><th scope=\"row\">{escape(str(labels.get(k, k)))}</th>"
                   f"<td>{escape(_fmt(v))}</td></tr>" for k, v in items)
    return mark_safe(f'<figure class="chart">{svg}<table class="visually-hidden" data-chart-table>'
                     f"<caption>{escape(title)}</caption><tbody>{rows}</tbody></table></figure>")


# Text sizes in SVG px at 1:1 (the report draws charts at their own width): 11 px = 8.25 pt, the
# smallest print size allowed; titles 13 px.
TEXT_PX = 11
TITLE_PX = 13
CHAR_PX = 6.7  # DejaVu Sans' average advance at TEXT_PX, to wrap labels before they are clipped
LINE_PX = 13


def wrap_label(label: str, width_px: float) -> list[str]:
    """A label broken into lines that fit `width_px` (never cut: a word longer than the line
    keeps its own line)."""
    chars = max(int(width_px / CHAR_PX), 8)
    return textwrap.wrap(label, chars, break_long_words=False) or [""]


def hbar(data: dict, *, title: str, width=560, labels: dict | None = None, table=True):
    """Horizontal bars; values may be ints or '< k' strings (drawn as a hatched stub). Long
    labels wrap onto more lines; the row grows to hold them."""
    labels = labels or {}
    items = list(data.items())
    label_w = 210
    wrapped = [wrap_label(str(labels.get(key, key)), label_w - 10) for key, _ in items]
    rows_h = [max(22, LINE_PX * len(lines) + 8) for lines in wrapped]
    height = 30 + sum(rows_h) if items else 52
    numeric = [v for _, v in items if isinstance(v, int)]
    top = max(numeric) if numeric else 0
    scale = (width - label_w - 70) / top if top else 0
    hatch = f"hatch{abs(hash(title)) % 100000}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'font-family="{FONT}" font-size="{TEXT_PX}">',
             f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
             '<line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern></defs>',
             f'<text x="0" y="15" font-size="{TITLE_PX}" font-weight="bold" fill="#222">{escape(title)}</text>']
    y = 26
    for (_key, value), lines, row_h in zip(items, wrapped, rows_h, strict=True):
        mid = y + row_h / 2
        first = mid - (len(lines) - 1) * LINE_PX / 2 + 4
        spans = "".join(f'<tspan x="{label_w - 8}" y="{first + n * LINE_PX:.1f}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" fill="#222">{spans}</text>')
        bar_h = 16
        if isinstance(value, int):
            w = max(value * scale, 1 if value else 0)
            parts.append(f'<rect x="{label_w}" y="{mid - bar_h / 2:.1f}" width="{w:.1f}" height="{bar_h}" fill="{BAR}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{mid + 4:.1f}" fill="#222">{_fmt(value)}</text>')
        else:
            parts.append(f'<rect x="{label_w}" y="{mid - bar_h / 2:.1f}" width="14" height="{bar_h}" fill="url(#{hatch})" stroke="#555"/>')
            parts.append(f'<text x="{label_w + 20}" y="{mid + 4:.1f}" fill="#222">{escape(value)}</text>')
        y += row_h
    parts.append("</svg>")
    return _with_table("".join(parts), items, title=title, labels=labels, table=table)


def columns(data: dict, *, title: str, width=560, height=200, table=True):
    """Vertical columns (a trend over years), each labelled with its value."""
    items = list(data.items())
    numeric = [v for _, v in items if isinstance(v, int)]
    top = max(numeric) if numeric else 0
    plot_h = height - 60
    col_w = (width - 20) / max(len(items), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'font-family="{FONT}" font-size="{TEXT_PX}">',
             f'<text x="0" y="15" font-size="{TITLE_PX}" font-weight="bold" fill="#222">{escape(title)}</text>',
             f'<line x1="10" y1="{height - 25}" x2="{width - 10}" y2="{height - 25}" stroke="#888"/>']
    for i, (key, value) in enumerate(items):
        x = 10 + i * col_w + col_w * 0.2
        w = col_w * 0.6
        h = (value / top * plot_h) if isinstance(value, int) and top else 0
        y = height - 25 - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{BAR}"/>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="#222">{escape(_fmt(value))}</text>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{height - 10}" text-anchor="middle" fill="#222">{escape(str(key))}</text>')
    parts.append("</svg>")
    return _with_table("".join(parts), items, title=title, labels={}, table=table)
