"""Charts drawn on the server as SVG: no scripts, presentation attributes only (the CSP forbids
style attributes), every bar labelled with its value so colour is never needed to read it."""

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


def hbar(data: dict, *, title: str, width=520, labels: dict | None = None, table=True):
    """Horizontal bars; values may be ints or '< k' strings (drawn as a hatched stub)."""
    labels = labels or {}
    items = list(data.items())
    row_h, label_w = 22, 190
    height = 30 + row_h * max(len(items), 1)
    numeric = [v for _, v in items if isinstance(v, int)]
    top = max(numeric) if numeric else 0
    scale = (width - label_w - 60) / top if top else 0
    hatch = f"hatch{abs(hash(title)) % 100000}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'font-family="{FONT}" font-size="11">',
             f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
             '<line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern></defs>',
             f'<text x="0" y="14" font-size="12" font-weight="bold" fill="#222">{escape(title)}</text>']
    for i, (key, value) in enumerate(items):
        y = 26 + i * row_h
        label = escape(str(labels.get(key, key)))
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" fill="#222">{label}</text>')
        if isinstance(value, int):
            w = max(value * scale, 1 if value else 0)
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="{BAR}"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" fill="#222">{_fmt(value)}</text>')
        else:
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="14" height="{row_h - 6}" fill="url(#{hatch})" stroke="#555"/>')
            parts.append(f'<text x="{label_w + 20}" y="{y + 13}" fill="#222">{escape(value)}</text>')
    parts.append("</svg>")
    return _with_table("".join(parts), items, title=title, labels=labels, table=table)


def columns(data: dict, *, title: str, width=520, height=200, table=True):
    """Vertical columns (a trend over years), each labelled with its value."""
    items = list(data.items())
    numeric = [v for _, v in items if isinstance(v, int)]
    top = max(numeric) if numeric else 0
    plot_h = height - 60
    col_w = (width - 20) / max(len(items), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'font-family="{FONT}" font-size="11">',
             f'<text x="0" y="14" font-size="12" font-weight="bold" fill="#222">{escape(title)}</text>',
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
